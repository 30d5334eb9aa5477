//! The Relazione's texts (`plan.texts`, GUIDE §9) in the plan's own record,
//! like the cycle: one transaction over that record and its audit entry
//! (`plan_record`). A database written before they existed has none: empty texts.

use super::{AuditEntry, ServiceError, Store, now};
use crate::model::cycle::PlanState;
use crate::model::edit::{Applied, Part};
use crate::model::field::{ChangeError, FrozenPart};
use crate::model::{PlanText, PlanTexts, Value};

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
        self.update_plan_audited(None, |mut plan| {
            if plan.state() == PlanState::Validated {
                let act = plan
                    .cycle
                    .as_ref()
                    .and_then(|c| c.act_of(PlanState::Validated))
                    .map(str::to_string);
                return Err(ServiceError::Refused(ChangeError::Frozen {
                    part: FrozenPart::PlanTexts,
                    from: PlanState::Validated,
                    act,
                }));
            }
            let old = plan.texts.get(which).to_string();
            if old == text {
                return Err(ServiceError::NothingToChange);
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
            let texts = (*plan.texts).clone();
            Ok((plan, entry, texts))
        })
    }
}
