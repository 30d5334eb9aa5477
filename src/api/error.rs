//! What can go wrong with an operation on a plan, in words a user can act on.
//!
//! The error is plain data: it travels over the socket as it is, and the
//! client writes the message in its own language. So a refusal reads the same,
//! with the same exit status, whether the database is opened directly or
//! through `obiettivi serve`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::versions::{Conflict, TextConflict};
use crate::i18n::{FileError, OsError, tr_string};
use crate::model::cycle_checks::CycleError;
use crate::model::edit::ChangeError;
use crate::model::validate::Invalid;
use crate::model::variation::VariationError;
use crate::model::windows::WindowError;
use crate::tr_format;

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
        let said = match self {
            ServiceError::Disk(e) => tr_format!(
                "errore di scrittura o lettura sul disco: {e}. La modifica NON è stata salvata; i dati già salvati sono intatti.",
                "disk read or write error: {e}. The change was NOT saved; what was saved before is intact."
            ),
            ServiceError::Database(e) => {
                tr_format!("errore del database: {e}", "database error: {e}")
            }
            ServiceError::Corrupt(why) => tr_format!(
                "dato danneggiato nel database: {why}",
                "damaged record in the database: {why}"
            ),
            ServiceError::NoSuchObjective(code) => tr_format!(
                "l'obiettivo «{code}» non esiste",
                "objective «{code}» does not exist"
            ),
            ServiceError::AmbiguousCode { typed, candidates } => {
                let (n, all) = (candidates.len(), candidates.join(", "));
                tr_format!(
                    "«{typed}» è la fine del codice di {n} obiettivi: {all}; scrivi più cifre del codice",
                    "«{typed}» ends the code of {n} objectives: {all}; type more of the code"
                )
            }
            ServiceError::Refused(e) => return write!(f, "{e}"),
            ServiceError::Invalid(e) => return write!(f, "{e}"),
            ServiceError::Cycle(e) => return write!(f, "{e}"),
            ServiceError::Variation(e) => return write!(f, "{e}"),
            ServiceError::Window(e) => return write!(f, "{e}"),
            ServiceError::NothingToChange => tr_string(
                "niente da cambiare: è già così",
                "nothing to change: it is so already",
            ),
            ServiceError::TooLarge { what, limit } => tr_format!(
                "{what}: supera il limite di {limit}",
                "{what}: exceeds the limit of {limit}"
            ),
            ServiceError::NoSuchSnapshot(name) => tr_format!(
                "l'istantanea «{name}» non esiste (obiettivi snapshot list le elenca)",
                "snapshot «{name}» does not exist (obiettivi snapshot list lists them)"
            ),
            ServiceError::SnapshotExists(name) => tr_format!(
                "esiste già un'istantanea «{name}» (scegli un altro nome)",
                "there is already a snapshot «{name}» (choose another name)"
            ),
            ServiceError::BadName => {
                tr_string("il nome non può essere vuoto", "the name cannot be empty")
            }
            ServiceError::NoSuchReview(id) => tr_format!(
                "la revisione {id} non esiste (obiettivi review list le elenca)",
                "review {id} does not exist (obiettivi review list lists them)"
            ),
            ServiceError::NoSuchPlan { title, plans } => {
                // The title as typed, on one line and cut: a hostile hello may
                // name a plan of megabytes, and the answer need not carry it back.
                let title = crate::model::text::one_line(title, 80);
                let all = plans
                    .iter()
                    .map(|p| format!("«{p}»"))
                    .collect::<Vec<_>>()
                    .join(", ");
                tr_format!(
                    "il piano «{title}» non c'è in questo database; i suoi piani sono: {all}",
                    "there is no plan «{title}» in this database; its plans are: {all}"
                )
            }
            ServiceError::PlanExists(title) => tr_format!(
                "c'è già un piano «{title}» in questo database: scegli un altro titolo (obiettivi plan list li elenca)",
                "there is already a plan «{title}» in this database: choose another title (obiettivi plan list lists them)"
            ),
            ServiceError::Outdated(c) => return write!(f, "{c}"),
            ServiceError::TextOutdated(c) => return write!(f, "{c}"),
            ServiceError::BadRequest(why) => {
                tr_format!("richiesta non valida: {why}", "invalid request: {why}")
            }
            ServiceError::Forbidden(why) | ServiceError::Unavailable(why) => {
                return f.write_str(why);
            }
            ServiceError::Io(e) => return write!(f, "{e}"),
            ServiceError::Retry => "retry".into(),
            ServiceError::NoImport => tr_string(
                "importazione non iniziata su questa connessione: ripeti l'importazione",
                "import not begun on this connection: import again",
            ),
            ServiceError::ImportRefused => tr_string(
                "un blocco dell'importazione è stato rifiutato, e con esso l'intera importazione: \
                 nulla è stato importato; correggi il file e ripeti l'importazione",
                "a chunk of the import was refused, and with it the whole import: \
                 nothing was imported; correct the file and import again",
            ),
            ServiceError::ImportReplaced(who) => tr_format!(
                "{who} ha iniziato un'altra importazione, che ha chiuso questa: nulla è stato importato; \
                 ripeti l'importazione quando l'altra è finita",
                "{who} began another import, which ended this one: nothing was imported; \
                 import again once the other is over"
            ),
            ServiceError::ChangedDuringImport(code) => tr_format!(
                "{code}: modificato da un altro utente mentre l'importazione era in corso: nulla è stato importato, ripeti l'importazione",
                "{code}: changed by another user while the import was under way: nothing was imported, import again"
            ),
            // A conflict and a role's refusal name the objective already.
            ServiceError::InEdit { error, .. }
                if matches!(
                    **error,
                    ServiceError::Outdated(_) | ServiceError::Forbidden(_)
                ) =>
            {
                return write!(f, "{error}");
            }
            ServiceError::InEdit { code, error, .. } => return write!(f, "{code}: {error}"),
            ServiceError::Broken => tr_string(
                "dopo un errore di scrittura il database non accetta altre modifiche in questa sessione: \
                 libera spazio su disco (o controlla i permessi) e riavvia obiettivi. Quanto già salvato è intatto.",
                "after a write error the database takes no more changes in this session: free disk space \
                 (or check permissions) and restart obiettivi. What was saved before is intact.",
            ),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for ServiceError {}
