//! The Relazione's texts (`plan.texts`, GUIDE §9) in the plan's own record,
//! like the cycle: one transaction over that record and its audit entry
//! (`plan_record`). A database written before they existed has none: empty texts.

use super::{AuditEntry, ServiceError, Store, now};
use crate::api::TextConflict;
use crate::model::edit::{Applied, Part};
use crate::model::{PlanText, PlanTexts, Value};

impl Store {
    /// Writes `text` as the plan's `which` text, audited as `who`'s; refused
    /// once the plan is validated (GUIDE §8: nothing changes in Validata),
    /// when the stored text is not `expected` (someone wrote it since), and
    /// when it is already what is stored. The texts after it.
    pub fn set_plan_text(
        &self,
        which: PlanText,
        text: &str,
        expected: Option<&str>,
        who: &str,
    ) -> Result<PlanTexts, ServiceError> {
        let written = self.update_plan_audited(None, |mut plan| {
            crate::model::frozen::refused_plan_texts(&plan).map_err(ServiceError::Refused)?;
            let old = plan.texts.get(which).to_string();
            // Saved on a text a colleague has since replaced: theirs is shown, not overwritten.
            if expected.is_some_and(|base| base != old) {
                return Err(ServiceError::TextOutdated(Box::new(TextConflict {
                    which,
                    current: old,
                    by: None,
                    at: None,
                })));
            }
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
        });
        match written {
            // Who wrote theirs, and when: the newest entry that wrote it.
            Err(ServiceError::TextOutdated(mut conflict)) => {
                let last = self.last_text_entry(which)?;
                conflict.by = last.as_ref().map(|e| e.who.clone());
                conflict.at = last.map(|e| e.at);
                Err(ServiceError::TextOutdated(conflict))
            }
            other => other,
        }
    }

    /// The newest entry that wrote the plan's `which` text: who to name in a conflict.
    fn last_text_entry(&self, which: PlanText) -> Result<Option<AuditEntry>, ServiceError> {
        self.last_entry_where("", |e| e.what.field == Part::PlanText(which))
    }
}
