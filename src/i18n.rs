//! Italian by default, English when `LANG`/`LC_ALL`/`LC_MESSAGES` start with `en`.
//!
//! The language is a per-thread setting (set once by `main` from the
//! environment) so that tests can run in either language side by side.

use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    It,
    En,
}

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::It) };
}

impl Lang {
    /// The language the environment asks for (POSIX precedence: LC_ALL, LC_MESSAGES, LANG).
    pub fn from_env() -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if value.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::It
        }
    }
}

pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

pub fn lang() -> Lang {
    LANG.with(|l| l.get())
}

/// Picks the Italian or the English text for the current language.
pub fn tr<'a>(it: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::It => it,
        Lang::En => en,
    }
}

/// What the operating system said, in the user's language: `io::Error`'s
/// own text is English ("No such file or directory (os error 2)") whatever
/// the locale. The kinds a user meets with files are said here; any other
/// keeps the system's text.
pub fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let said = match e.kind() {
        ErrorKind::NotFound => tr("file non trovato", "file not found"),
        ErrorKind::PermissionDenied => tr("permesso negato", "permission denied"),
        ErrorKind::IsADirectory => tr("è una cartella, non un file", "is a directory, not a file"),
        ErrorKind::NotADirectory => tr(
            "una parte del percorso non è una cartella",
            "a part of the path is not a directory",
        ),
        ErrorKind::StorageFull => tr("spazio su disco esaurito", "no space left on the disk"),
        ErrorKind::QuotaExceeded => tr("quota disco superata", "disk quota exceeded"),
        ErrorKind::ReadOnlyFilesystem => tr(
            "il file system è di sola lettura",
            "the file system is read-only",
        ),
        ErrorKind::FileTooLarge => tr("file troppo grande", "file too large"),
        ErrorKind::AlreadyExists => tr("esiste già", "already exists"),
        ErrorKind::BrokenPipe => tr(
            "chi leggeva l'uscita l'ha chiusa",
            "the reader of the output closed it",
        ),
        ErrorKind::InvalidData => tr("dati non validi", "invalid data"),
        _ => return e.to_string(),
    };
    said.to_string()
}

/// What was being done with a file when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOp {
    Read,
    Write,
}

/// `impossibile leggere piano.json: file non trovato` / `cannot read piano.json: file not found`.
pub fn file_error(op: FileOp, path: &std::path::Path, e: &std::io::Error) -> String {
    let doing = match op {
        FileOp::Read => tr("impossibile leggere", "cannot read"),
        FileOp::Write => tr("impossibile scrivere", "cannot write"),
    };
    // A file to be written need not exist: what is missing is its folder.
    let why = match (op, e.kind()) {
        (FileOp::Write, std::io::ErrorKind::NotFound) => {
            tr("la cartella non esiste", "its folder does not exist").to_string()
        }
        _ => os_error(e),
    };
    format!("{doing} {}: {why}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn os_errors_are_said_in_the_language_of_the_user() {
        let missing = Error::from(ErrorKind::NotFound);
        let path = std::path::Path::new("piano.json");
        set_lang(Lang::It);
        assert_eq!(
            file_error(FileOp::Read, path, &missing),
            "impossibile leggere piano.json: file non trovato"
        );
        assert_eq!(
            file_error(FileOp::Write, path, &missing),
            "impossibile scrivere piano.json: la cartella non esiste"
        );
        set_lang(Lang::En);
        assert_eq!(
            file_error(FileOp::Read, path, &missing),
            "cannot read piano.json: file not found"
        );
        assert_eq!(
            os_error(&Error::from(ErrorKind::StorageFull)),
            "no space left on the disk"
        );
        // A kind not in the list keeps the system's own words.
        let other = Error::other("strange");
        assert_eq!(os_error(&other), "strange");
        set_lang(Lang::It);
    }
}
