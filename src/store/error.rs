//! What can go wrong with the store, in words a user can act on.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::tr;
use crate::model::edit::ChangeError;

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
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Locked(p) => write!(
                f,
                "{} {} {}",
                tr("il database", "the database"),
                p.display(),
                tr(
                    "è già aperto da un altro processo obiettivi (un'altra sessione, forse di un altro utente). \
                     Chiudi l'altra sessione e riprova, oppure usa --db per aprire un'altra copia.",
                    "is already open in another obiettivi process (another session, maybe another user's). \
                     Close that session and try again, or use --db to open another copy."
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
            OpenError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for OpenError {}

/// Why a read or a write failed.
#[derive(Debug)]
pub enum StoreError {
    Sled(sled::Error),
    /// A record that does not decode, or a dangling phase id.
    Corrupt(String),
    NoSuchObjective(String),
    /// The model refused the change: nothing was written.
    Refused(ChangeError),
    /// The edit was made on an older version of the objective: someone else changed it since.
    Outdated(Box<super::Conflict>),
    /// The server refused the edit to this user (roles); the text says why.
    Forbidden(String),
    /// The shared server could not be reached or answered badly; the text says what to do.
    Remote(String),
    /// Internal: the objective changed under an optimistic transaction; try again.
    Retry,
    /// An earlier write failed; no more writes in this session.
    Broken,
    NoSuchSnapshot(String),
    SnapshotExists(String),
    /// A snapshot name that is empty.
    BadName,
    NoSuchReview(u64),
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Sled(e)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sled(sled::Error::Io(e)) => write!(
                f,
                "{}: {e}. {}",
                tr(
                    "errore di scrittura o lettura sul disco",
                    "disk read or write error"
                ),
                tr(
                    "La modifica NON è stata salvata; i dati già salvati sono intatti.",
                    "The change was NOT saved; what was saved before is intact."
                )
            ),
            StoreError::Sled(e) => {
                write!(f, "{}: {e}", tr("errore del database", "database error"))
            }
            StoreError::Corrupt(why) => write!(
                f,
                "{}: {why}",
                tr(
                    "dato danneggiato nel database",
                    "damaged record in the database"
                )
            ),
            StoreError::NoSuchObjective(code) => write!(
                f,
                "{} «{code}» {}",
                tr("l'obiettivo", "objective"),
                tr("non esiste", "does not exist")
            ),
            StoreError::Refused(e) => write!(f, "{e}"),
            StoreError::NoSuchSnapshot(name) => write!(
                f,
                "{} «{name}» {}",
                tr("l'istantanea", "snapshot"),
                tr(
                    "non esiste (obiettivi snapshot list le elenca)",
                    "does not exist (obiettivi snapshot list lists them)"
                )
            ),
            StoreError::SnapshotExists(name) => write!(
                f,
                "{} «{name}» {}",
                tr("esiste già un'istantanea", "there is already a snapshot"),
                tr("(scegli un altro nome)", "(choose another name)")
            ),
            StoreError::BadName => write!(
                f,
                "{}",
                tr("il nome non può essere vuoto", "the name cannot be empty")
            ),
            StoreError::NoSuchReview(id) => write!(
                f,
                "{} {id} {}",
                tr("la revisione", "review"),
                tr(
                    "non esiste (obiettivi review list le elenca)",
                    "does not exist (obiettivi review list lists them)"
                )
            ),
            StoreError::Outdated(c) => write!(f, "{c}"),
            StoreError::Forbidden(why) | StoreError::Remote(why) => write!(f, "{why}"),
            StoreError::Retry => write!(f, "retry"),
            StoreError::Broken => write!(
                f,
                "{}",
                tr(
                    "dopo un errore di scrittura il database non accetta altre modifiche in questa sessione: \
                     libera spazio su disco (o controlla i permessi) e riavvia obiettivi. Quanto già salvato è intatto.",
                    "after a write error the database takes no more changes in this session: free disk space \
                     (or check permissions) and restart obiettivi. What was saved before is intact."
                )
            ),
        }
    }
}

impl std::error::Error for StoreError {}
