//! The plans a database holds (GUIDE §10): the `plans` tree, id (u64
//! big-endian) → `PlanEntry` (JSON), one of them the default. What a list
//! of plans shows is here, so listing them opens none of their trees; the
//! title, year and state follow the plan's own record, in the transaction
//! that writes it (`staging`, `plan_record`).

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

/// The plan a session asks for: the default without a title, else the one
/// so titled (refused naming the plans there are). `None` in a database
/// without a registry, whose one plan is the legacy one (or not yet written).
pub(super) fn chosen(registry: &Tree, title: Option<&str>) -> Result<Option<u64>, ServiceError> {
    let Some(title) = title else {
        return default_plan(registry);
    };
    let entries = entries(registry)?;
    if entries.is_empty() {
        return Ok(None);
    }
    match entries.iter().find(|e| e.title == title) {
        Some(entry) => Ok(Some(entry.id)),
        None => Err(ServiceError::NoSuchPlan {
            title: title.to_string(),
            plans: entries.into_iter().map(|e| e.title).collect(),
        }),
    }
}

/// Every entry, in the order the plans were made.
pub(super) fn entries(registry: &Tree) -> Result<Vec<PlanEntry>, ServiceError> {
    registry.iter().values().map(|v| decode(&v?)).collect()
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
        state: Some(plan.state()),
    };
    registry.insert(&key, encode(&entry))?;
    Ok(())
}

impl Store {
    /// Every plan of the database, in the order they were made.
    pub fn plans(&self) -> Result<Vec<PlanEntry>, ServiceError> {
        entries(&self.registry)
    }

    /// The id of the plan titled `title` (the default plan's without one).
    pub fn plan_id_of(&self, title: Option<&str>) -> Result<u64, ServiceError> {
        Ok(chosen(&self.registry, title)?.unwrap_or(self.plan_id))
    }

    /// Makes the plan titled `title` the one a session opens when none is
    /// named, in one transaction; its entry.
    pub fn use_plan(&self, title: &str) -> Result<PlanEntry, ServiceError> {
        let id = self.plan_id_of(Some(title))?;
        self.write(|| {
            let entries = entries(&self.registry)?;
            let result = self.registry.transaction(|registry| -> TxResult<()> {
                for entry in &entries {
                    let entry = PlanEntry {
                        default: entry.id == id,
                        ..entry.clone()
                    };
                    registry.insert(&entry.id.to_be_bytes(), encode(&entry))?;
                }
                Ok(())
            });
            result?;
            self.db.flush()?;
            Ok(())
        })?;
        let entry = entries(&self.registry)?.into_iter().find(|e| e.id == id);
        entry.ok_or_else(|| ServiceError::Corrupt(format!("plan {id} left the registry")))
    }
}
