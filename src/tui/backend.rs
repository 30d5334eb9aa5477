//! The narrow API the TUI uses to reach the data (GUIDE §5): load the plan,
//! apply a change, read history, keep drafts. Today the sled store stands
//! behind it; a shared server can later.

use crate::model::{Change, Dataset, Objective, ObjectiveField};
use crate::store::{AuditEntry, Draft, Store, StoreError};

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
}
