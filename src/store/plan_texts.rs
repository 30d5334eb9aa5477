//! The Relazione's texts (`plan.texts`, GUIDE §9) in the plan's own record,
//! like the cycle: one transaction over that record and its audit entry.
//! A database written before they existed has none: empty texts.

use sled::Transactional;
use sled::Tree;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::rows::{decode, encode};
use super::{AuditEntry, ServiceError, Store, audit_index, now};
use crate::model::cycle::PlanState;
use crate::model::edit::{Applied, Part};
use crate::model::field::{ChangeError, FrozenPart};
use crate::model::{Plan, PlanText, PlanTexts, Value};

impl Store {
    /// Writes `text` as the plan's `which` text, audited as `who`'s; refused
    /// once the plan is validated (GUIDE §8: nothing changes in Validata),
    /// and when it is already what is stored. The texts after it.
    pub fn set_plan_text(
        &self,
        which: PlanText,
        text: &str,
        who: &str,
    ) -> Result<PlanTexts, ServiceError> {
        self.write(|| {
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
                let abort = |e: ServiceError| ConflictableTransactionError::Abort(e);
                let mut plan: Plan = match meta.get(b"plan")? {
                    Some(bytes) => decode(&bytes).map_err(abort)?,
                    None => Plan::default(),
                };
                if plan.state() == PlanState::Validated {
                    let act = plan
                        .cycle
                        .as_ref()
                        .and_then(|c| c.act_of(PlanState::Validated))
                        .map(str::to_string);
                    return Err(abort(ServiceError::Refused(ChangeError::Frozen {
                        part: FrozenPart::PlanTexts,
                        from: PlanState::Validated,
                        act,
                    })));
                }
                let old = plan.texts.get(which).to_string();
                if old == text {
                    return Err(abort(ServiceError::NothingToChange));
                }
                plan.texts.set(which, text.to_string());
                let entry = AuditEntry {
                    at: now(),
                    who: who.to_string(),
                    what: Applied {
                        objective: String::new(),
                        phase: None,
                        phase_name: None,
                        field: Part::PlanText(which),
                        old: Value::Text(old),
                        new: Value::Text(text.to_string()),
                    },
                    note: None,
                };
                meta.insert(b"plan", encode(&plan))?;
                audit_index::record(audit, index, id, &entry)?;
                Ok(*plan.texts)
            });
            let texts = match result {
                Ok(texts) => texts,
                Err(TransactionError::Abort(e)) => return Err(e),
                Err(TransactionError::Storage(e)) => return Err(e.into()),
            };
            self.db.flush()?;
            Ok(texts)
        })
    }
}
