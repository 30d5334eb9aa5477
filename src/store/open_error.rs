//! Why a database could not be opened, in words a user can act on.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::tr;

/// Why a database could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Another process (another obiettivi session) has it open.
    Locked(PathBuf),
    /// The path holds something that is not an obiettivi database.
    NotADatabase(PathBuf, String),
    /// Written by a newer obiettivi.
    NewerVersion {
        path: PathBuf,
        found: u32,
    },
    /// sled could not read it.
    Corrupt(PathBuf, String),
    Io(PathBuf, std::io::Error),
    /// No plan of that title in it (GUIDE §10): the error names those there are.
    Plan(crate::api::ServiceError),
}

impl OpenError {
    /// The same error about `path`: what was found on a copy is said of the original.
    pub fn at(self, path: &std::path::Path) -> OpenError {
        let p = path.to_path_buf();
        match self {
            OpenError::Locked(_) => OpenError::Locked(p),
            OpenError::NotADatabase(_, why) => OpenError::NotADatabase(p, why),
            OpenError::NewerVersion { found, .. } => OpenError::NewerVersion { path: p, found },
            OpenError::Corrupt(_, why) => OpenError::Corrupt(p, why),
            OpenError::Io(_, e) => OpenError::Io(p, e),
            OpenError::Plan(e) => OpenError::Plan(e),
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Locked(p) => write!(
                f,
                "{} {} {} «obiettivi --db {} serve» {}",
                tr("il database", "the database"),
                p.display(),
                tr(
                    "è già aperto da un altro processo obiettivi (un'altra sessione, forse di un altro utente). \
                     Chiudi l'altra sessione e riprova. Per lavorarci in più persone insieme, avvia una volta",
                    "is already open in another obiettivi process (another session, maybe another user's). \
                     Close that session and try again. For several people to work on it at once, start",
                ),
                p.display(),
                tr(
                    "(anche come servizio di sistema): tiene aperto il database e le sessioni passano da lì.",
                    "once (also as a system service): it holds the database and the sessions go through it."
                )
            ),
            OpenError::NotADatabase(p, why) => write!(
                f,
                "{} {} {} ({why}). {}",
                tr("la cartella", "the directory"),
                p.display(),
                tr(
                    "non è un database di obiettivi",
                    "is not an obiettivi database"
                ),
                tr(
                    "Indica con --db una cartella nuova o un database esistente.",
                    "Give --db a new directory or an existing database."
                )
            ),
            OpenError::NewerVersion { path, found } => write!(
                f,
                "{} {} {} {found}; {} {}. {}",
                tr("il database", "the database"),
                path.display(),
                tr("ha la versione di schema", "has schema version"),
                tr(
                    "questa versione di obiettivi legge fino alla",
                    "this obiettivi reads up to version"
                ),
                super::SCHEMA_VERSION,
                tr("Aggiorna obiettivi.", "Upgrade obiettivi.")
            ),
            OpenError::Corrupt(p, why) => write!(
                f,
                "{} {} {}: {why}. {}",
                tr("il database", "the database"),
                p.display(),
                tr("è danneggiato o illeggibile", "is damaged or unreadable"),
                tr(
                    "Non vi è stato scritto nulla (il controllo è fatto su una copia). Ripristina un backup (obiettivi import FILE.json su un database nuovo).",
                    "Nothing was written into it (it is checked on a copy). Restore a backup (obiettivi import FILE.json into a new database)."
                )
            ),
            OpenError::Plan(e) => write!(f, "{e}"),
            OpenError::Io(p, e) => write!(
                f,
                "{} {}: {}",
                tr("impossibile aprire il database", "cannot open the database"),
                p.display(),
                crate::i18n::os_error(e)
            ),
        }
    }
}

impl std::error::Error for OpenError {}
