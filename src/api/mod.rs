//! The types the service speaks (GUIDE §5, "floors without loops"): its
//! errors and its records, plain data that travels over the socket as it is.
//!
//! This floor sits just above the model: the store fills these types, the
//! service answers with them, the server carries them and the faces read
//! them, so none of those has to name another floor to know a record's shape.
//! It names nothing above the model (`tests/data/layers.rs`).
//!
//! Their serde shapes are the stored audit entries' and the wire protocol's:
//! renaming a field here breaks old databases and older clients.

mod audit;
mod edits;
mod error;
mod import;
mod reads;
mod review;
mod versions;

pub use audit::{AuditEntry, AuditNote, Overwritten};
pub use edits::{Edit, EditOutcome};
pub use error::ServiceError;
pub use import::{ImportReport, ObjectiveOutcome};
pub use reads::{
    BackupInfo, Draft, DraftOf, HistoryFilter, HistoryPage, HistoryQuery, Loaded, Outline,
    PlanEntry, SearchHit, WaitingDraft,
};
pub use review::{Review, ReviewMark, ReviewPlace, SnapshotInfo};
pub use versions::{Changes, Conflict, TextConflict, Versioned};
