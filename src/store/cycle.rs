//! The plan's year in the store: its state and transitions live in the
//! plan's own record (`meta` → `plan`, `Plan::cycle`), so a database written
//! before the cycle existed needs no migration: no cycle is Bozza. A
//! transition is one transaction over that record and its audit entry
//! (`plan_record`).

use super::{AuditEntry, ServiceError, Store};
use crate::model::Value;
use crate::model::cycle::{Cycle, Transition};
use crate::model::cycle_checks::CycleError;
use crate::model::edit::{Applied, Part};

impl Store {
    /// Moves the plan by `transition`, with its audit entry, all or nothing;
    /// refused when the plan is no longer in `transition.from`. The cycle after it.
    pub fn record_transition(&self, transition: &Transition) -> Result<Cycle, ServiceError> {
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
        self.update_plan_audited(None, |mut plan| {
            if plan.state() != transition.from {
                let moved = CycleError::Moved {
                    state: plan.state(),
                };
                return Err(ServiceError::Cycle(moved));
            }
            let mut cycle = plan.cycle.take().unwrap_or_default();
            cycle.state = transition.to;
            cycle.transitions.push(transition.clone());
            plan.cycle = Some(cycle.clone());
            Ok((plan, entry.clone(), cycle))
        })
    }
}
