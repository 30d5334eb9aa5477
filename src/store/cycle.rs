//! The plan's year in the store: its state and transitions live in the
//! plan's own record (`meta` → `plan`, `Plan::cycle`), so a database written
//! before the cycle existed needs no migration: no cycle is Bozza. A
//! transition is one transaction over that record and its audit entry.

use sled::Transactional;
use sled::Tree;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::rows::{decode, encode};
use super::{AuditEntry, ServiceError, Store, audit_index};
use crate::model::cycle::{Cycle, Transition};
use crate::model::cycle_checks::CycleError;
use crate::model::edit::{Applied, Part};
use crate::model::{Plan, Value};

impl Store {
    /// Moves the plan by `transition`, with its audit entry, all or nothing;
    /// refused when the plan is no longer in `transition.from`. The cycle after it.
    pub fn record_transition(&self, transition: &Transition) -> Result<Cycle, ServiceError> {
        self.write(|| {
            let entry = AuditEntry {
                at: transition.at,
                who: transition.by.clone(),
                what: Applied {
                    objective: String::new(),
                    phase: None,
                    phase_name: None,
                    field: Part::Cycle,
                    old: Value::Text(transition.from.code().into()),
                    new: Value::Text(transition.to.code().into()),
                },
                note: None,
            };
            let id = self.db.generate_id()?;
            let trees = [
                Tree::clone(&self.meta),
                Tree::clone(&self.audit),
                Tree::clone(&self.audit_index),
            ];
            let result = trees.transaction(|t| {
                let [meta, audit, index] = &t[..] else {
                    unreachable!("three trees were passed")
                };
                let mut plan: Plan = match meta.get(b"plan")? {
                    Some(bytes) => decode(&bytes).map_err(ConflictableTransactionError::Abort)?,
                    None => Plan::default(),
                };
                if plan.state() != transition.from {
                    let moved = CycleError::Moved {
                        state: plan.state(),
                    };
                    return Err(ConflictableTransactionError::Abort(ServiceError::Cycle(
                        moved,
                    )));
                }
                let mut cycle = plan.cycle.take().unwrap_or_default();
                cycle.state = transition.to;
                cycle.transitions.push(transition.clone());
                plan.cycle = Some(cycle.clone());
                meta.insert(b"plan", encode(&plan))?;
                audit_index::record(audit, index, id, &entry)?;
                Ok(cycle)
            });
            let cycle = match result {
                Ok(cycle) => cycle,
                Err(TransactionError::Abort(e)) => return Err(e),
                Err(TransactionError::Storage(e)) => return Err(e.into()),
            };
            self.db.flush()?;
            Ok(cycle)
        })
    }
}
