//! The narrow API the TUI uses to reach the data (GUIDE §5): load the plan,
//! apply a change, read history, keep drafts. Today the sled store stands
//! behind it; a shared server can later.

use crate::model::{Change, Dataset, Objective, ObjectiveField};
use crate::store::{AuditEntry, Draft, Review, SnapshotInfo, Store, StoreError};

pub trait PlanBackend {
    fn load(&self) -> Result<Dataset, StoreError>;
    /// What other sessions changed since the last look (only a shared server has
    /// any). `hold`: an objective being edited, whose news wait until the edit ends.
    fn poll(&self, _hold: Option<&str>) -> Result<Update, StoreError> {
        Ok(Update::Nothing)
    }
    /// Applies `changes` to objective `code`, durably, and returns it as stored.
    fn apply(&self, code: &str, changes: &[Change]) -> Result<Objective, StoreError>;
    /// `code`'s changes, oldest first.
    fn history(&self, code: &str) -> Result<Vec<AuditEntry>, StoreError>;
    fn save_draft(&self, code: &str, field: ObjectiveField, text: &str) -> Result<(), StoreError>;
    fn draft(&self, code: &str, field: ObjectiveField) -> Result<Option<Draft>, StoreError>;
    fn discard_draft(&self, code: &str, field: ObjectiveField) -> Result<(), StoreError>;
    /// Monitoring snapshots, oldest first, and the plan kept under one of them.
    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError>;
    fn snapshot_plan(&self, name: &str) -> Result<Dataset, StoreError>;
    /// Review sessions, oldest first; starting one; marking an objective reviewed.
    fn reviews(&self) -> Result<Vec<Review>, StoreError>;
    fn start_review(&self, snapshot: Option<&str>) -> Result<Review, StoreError>;
    fn mark_reviewed(&self, review: u64, code: &str, comment: &str) -> Result<Review, StoreError>;
}

/// What `PlanBackend::poll` found.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    Nothing,
    /// These objectives, as they are now, replace the ones shown.
    Objectives(Vec<Objective>),
    /// An import or a restore: the whole plan, anew.
    Reload(Dataset),
}

/// The store, with the login name every change is recorded under.
pub struct LocalStore {
    pub store: Store,
    pub who: String,
}

impl PlanBackend for LocalStore {
    fn load(&self) -> Result<Dataset, StoreError> {
        self.store.load()
    }

    fn apply(&self, code: &str, changes: &[Change]) -> Result<Objective, StoreError> {
        self.store.apply(code, changes, &self.who)
    }

    fn history(&self, code: &str) -> Result<Vec<AuditEntry>, StoreError> {
        self.store.history(Some(code))
    }

    fn save_draft(&self, code: &str, field: ObjectiveField, text: &str) -> Result<(), StoreError> {
        self.store.save_draft(code, field, text, &self.who)
    }

    fn draft(&self, code: &str, field: ObjectiveField) -> Result<Option<Draft>, StoreError> {
        self.store.draft(code, field)
    }

    fn discard_draft(&self, code: &str, field: ObjectiveField) -> Result<(), StoreError> {
        self.store.discard_draft(code, field)
    }

    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        self.store.snapshots()
    }

    fn snapshot_plan(&self, name: &str) -> Result<Dataset, StoreError> {
        self.store.snapshot(name)
    }

    fn reviews(&self) -> Result<Vec<Review>, StoreError> {
        self.store.reviews()
    }

    fn start_review(&self, snapshot: Option<&str>) -> Result<Review, StoreError> {
        self.store.start_review(snapshot, &self.who)
    }

    fn mark_reviewed(&self, review: u64, code: &str, comment: &str) -> Result<Review, StoreError> {
        self.store.mark_reviewed(review, code, comment, &self.who)
    }
}
