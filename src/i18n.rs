//! Italian by default, English when `LANG`/`LC_ALL`/`LC_MESSAGES` start with `en`.
//!
//! The language is a per-thread setting (set once by `main` from the
//! environment) so that tests can run in either language side by side.

use std::cell::Cell;

use serde::{Deserialize, Serialize};

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

/// `tr` owned: a message kept or sent on (an error, a status, a line).
pub fn tr_string(it: &str, en: &str) -> String {
    tr(it, en).to_string()
}

/// A sentence in the reader's language: the Italian and the English format
/// strings (whole sentences, each in its own word order) over one list of
/// arguments, as `format!` takes them (`name = value` too).
#[macro_export]
macro_rules! tr_format {
    ($it:literal, $en:literal $(, $($args:tt)*)?) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::It => format!($it $(, $($args)*)?),
            $crate::i18n::Lang::En => format!($en $(, $($args)*)?),
        }
    };
}

/// `tr_format!` written into `f` (a `Formatter`, a `String`) instead of a
/// new `String`: for text written by the thousand (`check`'s lines).
#[macro_export]
macro_rules! tr_write {
    ($f:expr, $it:literal, $en:literal $(, $($args:tt)*)?) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::It => write!($f, $it $(, $($args)*)?),
            $crate::i18n::Lang::En => write!($f, $en $(, $($args)*)?),
        }
    };
}

/// A count and its words in the right number, in the user's language:
/// `1 obiettivo`, `2 obiettivi`, `0 obiettivi`; `1 objective`, `2 objectives`.
/// Each pair is (singular, plural), so an agreeing adjective comes along:
/// `count(1, ("cella rifiutata", "celle rifiutate"), …)`.
pub fn count(n: usize, it: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang() {
        Lang::It => it,
        Lang::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A count of objectives, the word most counted: `1 obiettivo`, `2 objectives`.
pub fn objectives(n: usize) -> String {
    count(n, ("obiettivo", "obiettivi"), ("objective", "objectives"))
}

/// An operating-system error as data: its kind, and the system's own text
/// for a kind not worded here. `io::Error`'s text is English ("No such file
/// or directory (os error 2)") whatever the locale; this is worded where it
/// is shown, in that side's language, so an error that crosses the socket
/// (a backup the server could not write) reads as it would directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsError {
    kind: OsErrorKind,
    system: String,
}

/// The kinds a user meets with files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OsErrorKind {
    NotFound,
    PermissionDenied,
    IsADirectory,
    NotADirectory,
    StorageFull,
    QuotaExceeded,
    ReadOnlyFilesystem,
    FileTooLarge,
    AlreadyExists,
    BrokenPipe,
    InvalidData,
    Other,
}

impl From<&std::io::Error> for OsError {
    fn from(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let kind = match e.kind() {
            K::NotFound => OsErrorKind::NotFound,
            K::PermissionDenied => OsErrorKind::PermissionDenied,
            K::IsADirectory => OsErrorKind::IsADirectory,
            K::NotADirectory => OsErrorKind::NotADirectory,
            K::StorageFull => OsErrorKind::StorageFull,
            K::QuotaExceeded => OsErrorKind::QuotaExceeded,
            K::ReadOnlyFilesystem => OsErrorKind::ReadOnlyFilesystem,
            K::FileTooLarge => OsErrorKind::FileTooLarge,
            K::AlreadyExists => OsErrorKind::AlreadyExists,
            K::BrokenPipe => OsErrorKind::BrokenPipe,
            K::InvalidData => OsErrorKind::InvalidData,
            _ => OsErrorKind::Other,
        };
        OsError {
            kind,
            system: e.to_string(),
        }
    }
}

impl std::fmt::Display for OsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let said = match self.kind {
            OsErrorKind::NotFound => tr("file non trovato", "file not found"),
            OsErrorKind::PermissionDenied => tr("permesso negato", "permission denied"),
            OsErrorKind::IsADirectory => {
                tr("è una cartella, non un file", "is a directory, not a file")
            }
            OsErrorKind::NotADirectory => tr(
                "una parte del percorso non è una cartella",
                "a part of the path is not a directory",
            ),
            OsErrorKind::StorageFull => tr("spazio su disco esaurito", "no space left on the disk"),
            OsErrorKind::QuotaExceeded => tr("quota disco superata", "disk quota exceeded"),
            OsErrorKind::ReadOnlyFilesystem => tr(
                "il file system è di sola lettura",
                "the file system is read-only",
            ),
            OsErrorKind::FileTooLarge => tr("file troppo grande", "file too large"),
            OsErrorKind::AlreadyExists => tr("esiste già", "already exists"),
            OsErrorKind::BrokenPipe => tr(
                "chi leggeva l'uscita l'ha chiusa",
                "the reader of the output closed it",
            ),
            OsErrorKind::InvalidData => tr("dati non validi", "invalid data"),
            OsErrorKind::Other => &self.system,
        };
        f.write_str(said)
    }
}

/// What was being done with a file when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileOp {
    Read,
    Write,
}

/// A file the system refused to read or write, as data (see `OsError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    pub op: FileOp,
    pub path: std::path::PathBuf,
    pub error: OsError,
}

impl FileError {
    pub fn new(op: FileOp, path: &std::path::Path, e: &std::io::Error) -> Self {
        FileError {
            op,
            path: path.to_path_buf(),
            error: OsError::from(e),
        }
    }
}

/// `impossibile leggere piano.json: file non trovato` / `cannot read piano.json: file not found`.
impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let doing = match self.op {
            FileOp::Read => tr("impossibile leggere", "cannot read"),
            FileOp::Write => tr("impossibile scrivere", "cannot write"),
        };
        write!(f, "{doing} {}: ", self.path.display())?;
        // A file to be written need not exist: what is missing is its folder.
        match (self.op, self.error.kind) {
            (FileOp::Write, OsErrorKind::NotFound) => {
                f.write_str(tr("la cartella non esiste", "its folder does not exist"))
            }
            _ => write!(f, "{}", self.error),
        }
    }
}

/// The system's error `e` in the user's language.
pub fn os_error(e: &std::io::Error) -> String {
    OsError::from(e).to_string()
}

/// What was being done, on which file, and why, in the user's language.
pub fn file_error(op: FileOp, path: &std::path::Path, e: &std::io::Error) -> String {
    FileError::new(op, path, e).to_string()
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
        // Worded where it is shown: the same data reads in each side's language.
        let travelled: FileError = serde_json::from_str(
            &serde_json::to_string(&FileError::new(FileOp::Read, path, &missing)).unwrap(),
        )
        .unwrap();
        assert_eq!(
            travelled.to_string(),
            "cannot read piano.json: file not found"
        );
        set_lang(Lang::It);
        assert_eq!(
            travelled.to_string(),
            "impossibile leggere piano.json: file non trovato"
        );
        set_lang(Lang::En);
        // A kind not in the list keeps the system's own words.
        let other = Error::other("strange");
        assert_eq!(os_error(&other), "strange");
        set_lang(Lang::It);
    }
}
