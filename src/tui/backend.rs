//! The narrow API the TUI uses to reach the data (GUIDE §5): load the plan,
//! apply a change. Today the sled store stands behind it; a shared server can later.

use crate::model::{Change, Dataset, Objective};
use crate::store::{Store, StoreError};

pub trait PlanBackend {
    fn load(&self) -> Result<Dataset, StoreError>;
    /// Applies `changes` to objective `code`, durably, and returns it as stored.
    fn apply(&self, code: &str, changes: &[Change]) -> Result<Objective, StoreError>;
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
}
