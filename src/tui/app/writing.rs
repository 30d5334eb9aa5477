//! What the multiline editor writes: an objective's narrative (`e` / `E`) or
//! one of the Relazione's texts (`plan.texts`, GUIDE §9). One editor, one
//! kind of draft and one conflict view serve both; this says, for each,
//! where its text is published, what its draft is of and how it is named.

use super::{App, Status, Year};
use crate::api::DraftOf;
use crate::i18n::tr;
use crate::model::{Change, Field, PlanText, Value};
use crate::service::ServiceError;
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// The 1° or 2° anno narrative of objective `objective` (by index).
    Narrative { objective: usize, year: Year },
    /// One of the Relazione's texts.
    PlanText(PlanText),
}

impl Writing {
    /// The objective the text belongs to; none for a text of the plan's own.
    pub fn objective(self) -> Option<usize> {
        match self {
            Writing::Narrative { objective, .. } => Some(objective),
            Writing::PlanText(_) => None,
        }
    }

    /// The narrative's year; none for a text of the plan's own.
    pub fn year(self) -> Option<Year> {
        match self {
            Writing::Narrative { year, .. } => Some(year),
            Writing::PlanText(_) => None,
        }
    }
}

impl App {
    /// What the draft of `writing` is the draft of, for the service.
    pub(crate) fn draft_of(&self, writing: Writing) -> DraftOf {
        match writing {
            Writing::Narrative { objective, year } => {
                DraftOf::narrative(&self.dataset.objectives[objective].code, year.field())
            }
            Writing::PlanText(which) => DraftOf::PlanText { which },
        }
    }

    /// The text of `writing` as this session has it published.
    pub fn published(&self, writing: Writing) -> String {
        match writing {
            Writing::Narrative { objective, year } => {
                Field::Objective(year.field()).current(&self.dataset.objectives[objective], None)
            }
            Writing::PlanText(which) => self.dataset.plan.texts.get(which).to_string(),
        }
    }

    /// The editor's title: `Stato di attuazione 1° anno · 05_1201_0601`,
    /// `Relazione sulla performance · Presentazione`.
    pub fn writing_title(&self, writing: Writing) -> String {
        match writing {
            Writing::Narrative { objective, year } => format!(
                "{} {} · {}",
                tr("Stato di attuazione", "Status report"),
                year.label(),
                self.dataset
                    .objectives
                    .get(objective)
                    .map_or("", |o| o.code.as_str())
            ),
            Writing::PlanText(which) => format!(
                "{} · {}",
                tr("Relazione sulla performance", "Performance report"),
                which.label()
            ),
        }
    }

    /// The key that opens `writing`'s editor again (its draft offered).
    pub(crate) fn reopening_key(&self, writing: Writing) -> String {
        let action = match writing {
            Writing::Narrative { year, .. } => year.action(),
            Writing::PlanText(_) => Action::PlanTexts,
        };
        self.keys.key_of(Context::Normal, action)
    }

    /// What a save of `writing` says it saved.
    pub(crate) fn writing_saved(&self, writing: Writing) -> String {
        match writing {
            Writing::Narrative { year, .. } => year.field().label().to_string(),
            Writing::PlanText(which) => format!(
                "{} «{}»",
                tr("testo della Relazione", "report text"),
                which.label()
            ),
        }
    }

    /// Publishes `text` as `writing`, made on `base` (the text as the editor
    /// last had it published). A colleague's save since is refused and shown
    /// in the conflict view once the action is over, as for any edit.
    pub(crate) fn publish(
        &mut self,
        writing: Writing,
        text: &str,
        base: &str,
    ) -> Result<(), String> {
        match writing {
            Writing::Narrative { objective, year } => {
                let change = Change::SetObjective {
                    objective: self.dataset.objectives[objective].code.clone(),
                    field: year.field(),
                    value: Value::Text(text.to_string()),
                };
                self.save(objective, &[change])
            }
            Writing::PlanText(which) => {
                self.publish_plan_text(which, text, Some(base))?;
                if base != text {
                    self.remember_undo(super::undo::Undo::PlanText(which, base.to_string()));
                }
                Ok(())
            }
        }
    }

    /// One of the Relazione's texts, saved on `expected` (`None`: over
    /// whatever is stored, after the user chose so in a conflict).
    pub(crate) fn publish_plan_text(
        &mut self,
        which: PlanText,
        text: &str,
        expected: Option<&str>,
    ) -> Result<(), String> {
        match self.service.set_plan_text(which, text, expected) {
            Ok(texts) => {
                *self.dataset.plan.texts = texts;
                Ok(())
            }
            Err(ServiceError::NothingToChange) => Ok(()),
            Err(ServiceError::TextOutdated(theirs)) => {
                let message = tr_format!(
                    "NON salvato: {} ha modificato «{}» dopo che l'avevi letto",
                    "NOT saved: {} changed «{}» after you read it",
                    theirs.by.as_deref().unwrap_or("?"),
                    which.label()
                );
                self.refused_text(theirs, text);
                Err(message)
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// Whether the Relazione's texts may be written now: nothing changes in
    /// Validata (the rule `set --plan-text` and the store follow); the status says why not.
    pub(crate) fn plan_texts_writable(&mut self) -> bool {
        match crate::model::frozen::refused_plan_texts(&self.dataset.plan) {
            Ok(()) => true,
            Err(why) => {
                self.status = Status::Error(why.to_string());
                false
            }
        }
    }
}
