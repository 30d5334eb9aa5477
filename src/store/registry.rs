//! The plans a database holds (GUIDE §10): the `plans` tree, id (u64
//! big-endian) → `PlanEntry` (JSON), one of them the default. What a list
//! of plans shows is here, so listing them opens none of their trees; the
//! title and year follow the plan's own record, in the transaction that
//! writes it (`staging`).

use sled::Tree;
use sled::transaction::TransactionalTree;

use super::rows::{decode, encode};
use super::{ServiceError, Store, TxResult};
use crate::api::PlanEntry;
use crate::model::Plan;

/// The plan a session opens: the default one, `None` in a database that
/// has no registry (schema 5 and before, or not yet written).
pub(super) fn default_plan(registry: &Tree) -> Result<Option<u64>, ServiceError> {
    for value in registry.iter().values() {
        let entry: PlanEntry = decode(&value?)?;
        if entry.default {
            return Ok(Some(entry.id));
        }
    }
    Ok(None)
}

/// Writes plan `id`'s entry from its record, inside the transaction that
/// writes the record; a new entry is the default when `default`.
pub(super) fn record(
    registry: &TransactionalTree,
    id: u64,
    plan: &Plan,
    default: bool,
) -> TxResult<()> {
    let key = id.to_be_bytes();
    let stored = match registry.get(key)? {
        Some(bytes) => Some(
            decode::<PlanEntry>(&bytes)
                .map_err(sled::transaction::ConflictableTransactionError::Abort)?,
        ),
        None => None,
    };
    let entry = PlanEntry {
        id,
        title: plan.title.clone(),
        year: plan.year,
        default: stored.map_or(default, |s| s.default),
    };
    registry.insert(&key, encode(&entry))?;
    Ok(())
}

impl Store {
    /// Every plan of the database, in the order they were made.
    pub fn plans(&self) -> Result<Vec<PlanEntry>, ServiceError> {
        self.registry.iter().values().map(|v| decode(&v?)).collect()
    }
}
