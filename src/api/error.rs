//! What can go wrong with an operation on a plan, in words a user can act on.
//!
//! The error is plain data: it travels over the socket as it is, and the
//! client writes the message in its own language. So a refusal reads the same,
//! with the same exit status, whether the database is opened directly or
//! through `obiettivi serve`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::versions::{Conflict, TextConflict};
use crate::i18n::{FileError, OsError, tr};
use crate::model::cycle_checks::CycleError;
use crate::model::edit::ChangeError;
use crate::model::validate::Invalid;
use crate::model::variation::VariationError;
use crate::model::windows::WindowError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum ServiceError {
    /// The disk refused a read or a write (full, I/O error): nothing was saved.
    Disk(OsError),
    /// The database failed in another way.
    Database(String),
    /// A record that does not decode, or a dangling phase id.
    Corrupt(String),
    NoSuchObjective(String),
    /// A code typed short (`0601`) that ends several objectives' codes: all of them.
    AmbiguousCode {
        typed: String,
        candidates: Vec<String>,
    },
    /// The rules refused the change: nothing was written.
    Refused(ChangeError),
    /// A plan (an import, a restore) that breaks the schema: nothing was written.
    Invalid(Invalid),
    /// A transition of the plan's year refused (GUIDE §8): nothing was written.
    Cycle(CycleError),
    /// A variation's operation refused (GUIDE §8): nothing was written.
    Variation(VariationError),
    /// A monitoring window's step, or a manager's entry outside an open
    /// window, refused (GUIDE §8): nothing was written.
    Window(WindowError),
    /// A request that would change nothing (no change, or values equal to the
    /// stored ones): refused, so that no version moves without an audited change.
    NothingToChange,
    /// The edit was made on an older version of the objective: someone else changed it since.
    Outdated(Box<Conflict>),
    /// A Relazione's text saved on an older text: someone else wrote it since.
    TextOutdated(Box<TextConflict>),
    /// The user's role does not allow it; the text says why.
    Forbidden(String),
    /// Bigger than the limit (GUIDE §7): what, and the limit.
    TooLarge {
        what: String,
        limit: usize,
    },
    /// A line on the socket that is not a request of this protocol.
    BadRequest(String),
    /// The shared server could not be reached or answered badly; the text says what to do.
    Unavailable(String),
    /// A file beside the database (a backup) could not be written or read.
    Io(FileError),
    /// Internal: the objective changed under an optimistic transaction; try again.
    Retry,
    /// An earlier write failed; no more writes in this session.
    Broken,
    NoSuchSnapshot(String),
    SnapshotExists(String),
    /// A snapshot name that is empty.
    BadName,
    NoSuchReview(u64),
    /// A plan named by a title the database does not hold (GUIDE §10): the
    /// titles it does.
    NoSuchPlan {
        title: String,
        plans: Vec<String>,
    },
    /// A new plan's title that another plan of the database has.
    PlanExists(String),
    /// An import's next chunk or its end without its beginning on this
    /// connection: a token nobody began, or another connection's.
    NoImport,
    /// An earlier chunk of this import was refused: the import ended there,
    /// with nothing of it in the plan.
    ImportRefused,
    /// Someone (named) began another import, which ended this one.
    ImportReplaced(String),
    /// An objective of the file that a user changed while the import was being written.
    ChangedDuringImport(String),
    /// Edit `index` of an `apply_many` (on objective `code`) was refused,
    /// and with it the whole batch: nothing was written.
    InEdit {
        index: usize,
        code: String,
        error: Box<ServiceError>,
    },
}

impl ServiceError {
    /// A write that failed this way leaves sled unable to write again (see `Store::write`).
    pub fn breaks_the_store(&self) -> bool {
        matches!(self, ServiceError::Disk(_) | ServiceError::Database(_))
    }

    /// `error`, said of edit `index` of a batch, on objective `code`.
    pub fn in_edit(index: usize, code: &str, error: ServiceError) -> ServiceError {
        ServiceError::InEdit {
            index,
            code: code.to_string(),
            error: Box::new(error),
        }
    }

    /// The error itself, without which edit of a batch it was said of.
    pub fn unwrapped(self) -> ServiceError {
        match self {
            ServiceError::InEdit { error, .. } => error.unwrapped(),
            other => other,
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Disk(e) => write!(
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
            ServiceError::Database(e) => {
                write!(f, "{}: {e}", tr("errore del database", "database error"))
            }
            ServiceError::Corrupt(why) => write!(
                f,
                "{}: {why}",
                tr(
                    "dato danneggiato nel database",
                    "damaged record in the database"
                )
            ),
            ServiceError::NoSuchObjective(code) => write!(
                f,
                "{} «{code}» {}",
                tr("l'obiettivo", "objective"),
                tr("non esiste", "does not exist")
            ),
            ServiceError::AmbiguousCode { typed, candidates } => write!(
                f,
                "«{typed}» {} {} {}: {}; {}",
                tr("è la fine del codice di", "ends the code of"),
                candidates.len(),
                tr("obiettivi", "objectives"),
                candidates.join(", "),
                tr("scrivi più cifre del codice", "type more of the code")
            ),
            ServiceError::Refused(e) => write!(f, "{e}"),
            ServiceError::Invalid(e) => write!(f, "{e}"),
            ServiceError::Cycle(e) => write!(f, "{e}"),
            ServiceError::Variation(e) => write!(f, "{e}"),
            ServiceError::Window(e) => write!(f, "{e}"),
            ServiceError::NothingToChange => f.write_str(
                tr(
                    "niente da cambiare: è già così",
                    "nothing to change: it is so already"
                )
            ),
            ServiceError::TooLarge { what, limit } => write!(
                f,
                "{what}: {} {limit}",
                tr("supera il limite di", "exceeds the limit of")
            ),
            ServiceError::NoSuchSnapshot(name) => write!(
                f,
                "{} «{name}» {}",
                tr("l'istantanea", "snapshot"),
                tr(
                    "non esiste (obiettivi snapshot list le elenca)",
                    "does not exist (obiettivi snapshot list lists them)"
                )
            ),
            ServiceError::SnapshotExists(name) => write!(
                f,
                "{} «{name}» {}",
                tr("esiste già un'istantanea", "there is already a snapshot"),
                tr("(scegli un altro nome)", "(choose another name)")
            ),
            ServiceError::BadName => f.write_str(
                tr("il nome non può essere vuoto", "the name cannot be empty")
            ),
            ServiceError::NoSuchReview(id) => write!(
                f,
                "{} {id} {}",
                tr("la revisione", "review"),
                tr(
                    "non esiste (obiettivi review list le elenca)",
                    "does not exist (obiettivi review list lists them)"
                )
            ),
            ServiceError::NoSuchPlan { title, plans } => write!(
                f,
                "{} «{title}» {}: {}",
                tr("il piano", "there is no plan"),
                tr(
                    "non c'è in questo database; i suoi piani sono",
                    "in this database; its plans are"
                ),
                plans
                    .iter()
                    .map(|p| format!("«{p}»"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ServiceError::PlanExists(title) => write!(
                f,
                "{} «{title}» {}",
                tr("c'è già un piano", "there is already a plan"),
                tr(
                    "in questo database: scegli un altro titolo (obiettivi plan list li elenca)",
                    "in this database: choose another title (obiettivi plan list lists them)"
                )
            ),
            ServiceError::Outdated(c) => write!(f, "{c}"),
            ServiceError::TextOutdated(c) => write!(f, "{c}"),
            ServiceError::BadRequest(why) => write!(
                f,
                "{}: {why}",
                tr("richiesta non valida", "invalid request")
            ),
            ServiceError::Forbidden(why) | ServiceError::Unavailable(why) => {
                write!(f, "{why}")
            }
            ServiceError::Io(e) => write!(f, "{e}"),
            ServiceError::Retry => write!(f, "retry"),
            ServiceError::NoImport => f.write_str(
                tr(
                    "importazione non iniziata su questa connessione: ripeti l'importazione",
                    "import not begun on this connection: import again"
                )
            ),
            ServiceError::ImportRefused => f.write_str(
                tr(
                    "un blocco dell'importazione è stato rifiutato, e con esso l'intera importazione: \
                     nulla è stato importato; correggi il file e ripeti l'importazione",
                    "a chunk of the import was refused, and with it the whole import: \
                     nothing was imported; correct the file and import again"
                )
            ),
            ServiceError::ImportReplaced(who) => write!(
                f,
                "{who} {}",
                tr(
                    "ha iniziato un'altra importazione, che ha chiuso questa: nulla è stato importato; \
                     ripeti l'importazione quando l'altra è finita",
                    "began another import, which ended this one: nothing was imported; \
                     import again once the other is over"
                )
            ),
            ServiceError::ChangedDuringImport(code) => write!(
                f,
                "{code}: {}",
                tr(
                    "modificato da un altro utente mentre l'importazione era in corso: nulla è stato importato, ripeti l'importazione",
                    "changed by another user while the import was under way: nothing was imported, import again"
                )
            ),
            // A conflict and a role's refusal name the objective already.
            ServiceError::InEdit { error, .. }
                if matches!(
                    **error,
                    ServiceError::Outdated(_) | ServiceError::Forbidden(_)
                ) =>
            {
                write!(f, "{error}")
            }
            ServiceError::InEdit { code, error, .. } => write!(f, "{code}: {error}"),
            ServiceError::Broken => f.write_str(
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

impl std::error::Error for ServiceError {}
