//! Saving through the service, and `u` / `Ctrl-R`: undo and redo the changes
//! made in this session. An undo is itself a change, recorded in the history.

use super::{App, Status};
use crate::api::Overwritten;
use crate::i18n::{tr, tr_string};
use crate::model::describe::{self, Said};
use crate::model::edit::{Applied, apply_all};
use crate::model::{Change, PlanText};
use crate::tr_format;

/// The changes that bring the objective back to `before`, in the order to apply them.
fn inverse_group(before: &crate::model::Objective, changes: &[Change]) -> Option<Vec<Change>> {
    let mut state = before.clone();
    let mut inverse = Vec::with_capacity(changes.len());
    for change in changes {
        inverse.push(change.inverse(&state)?);
        apply_all(&mut state, std::slice::from_ref(change)).ok()?;
    }
    inverse.reverse();
    Some(inverse)
}

/// `changes`, made on `before` (which they leave as after), said as the
/// history says them: `fase 1 Peso: n/d → 30`.
pub(super) fn said(before: &mut crate::model::Objective, changes: &[Change]) -> Vec<String> {
    let applied = apply_all(before, changes).unwrap_or_default();
    let said = |a: &Applied| describe::change(a, Said::OldToNew);
    applied.iter().map(said).collect()
}

/// What `u` (or `Ctrl-R`) puts back: changes of one objective, or a text
/// of the Relazione as it was.
pub(crate) enum Undo {
    Changes(Vec<Change>),
    PlanText(PlanText, String),
}

impl App {
    /// A new edit that `u` takes back: it forgets what was undone before.
    pub(crate) fn remember_undo(&mut self, undo: Undo) {
        self.undo_stack.push(undo);
        self.redo_stack.clear();
    }

    /// Applies `changes` to objective `index` durably (on top of a colleague's
    /// save when `over`) and refreshes what depends on it; returns the changes
    /// that would undo them.
    fn apply_changes(
        &mut self,
        index: usize,
        changes: &[Change],
        over: Option<&Overwritten>,
    ) -> Result<Option<Vec<Change>>, String> {
        // Variation mode: recorded, not applied; nothing to undo.
        if let Some(id) = self.variation {
            self.record_in_variation(id, index, changes)?;
            return Ok(None);
        }
        let before = &self.dataset.objectives[index];
        let inverse = inverse_group(before, changes);
        let code = before.code.clone();
        let result = match over {
            Some(over) => self.service.apply_over(&code, changes, over),
            None => self.service.apply(&code, changes),
        };
        let objective = match result {
            Ok(o) => o,
            // Someone else saved first: the conflict view shows theirs and mine
            // once this action is over; the caller's editor keeps what was typed.
            Err(crate::service::ServiceError::Outdated(conflict)) => {
                // Short: the view says the rest (when, theirs, mine, the choices).
                let message = tr_format!(
                    "NON salvato: {} ha modificato {code} dopo che l'avevi letto",
                    "NOT saved: {} changed {code} after you read it",
                    conflict.by.as_deref().unwrap_or("?")
                );
                self.refused(index, conflict, changes);
                return Err(message);
            }
            // What was typed is what is stored already: nothing to undo.
            Err(crate::service::ServiceError::NothingToChange) => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        self.generation += 1;
        self.set_objective(index, objective);
        crate::tui::outline::refresh_objective(&mut self.rows, &self.dataset, index, &self.facts);
        Ok(inverse)
    }

    /// Saves a new edit: it can be undone, and it forgets what was undone before.
    pub(crate) fn save(&mut self, index: usize, changes: &[Change]) -> Result<(), String> {
        self.save_on(index, changes, None)
    }

    /// "Mine on top" of the colleague's save a conflict showed: like `save`, audited as such.
    pub(crate) fn save_over(
        &mut self,
        index: usize,
        changes: &[Change],
        over: &Overwritten,
    ) -> Result<(), String> {
        self.save_on(index, changes, Some(over))
    }

    fn save_on(
        &mut self,
        index: usize,
        changes: &[Change],
        over: Option<&Overwritten>,
    ) -> Result<(), String> {
        if let Some(inverse) = self.apply_changes(index, changes, over)? {
            self.remember_undo(Undo::Changes(inverse));
        }
        Ok(())
    }

    pub(crate) fn undo(&mut self) {
        self.replay(true);
    }

    pub(crate) fn redo(&mut self) {
        self.replay(false);
    }

    /// The stack `u` (or `Ctrl-R`) takes from, and the one its inverse goes on.
    fn stacks(&mut self, undo: bool) -> (&mut Vec<Undo>, &mut Vec<Undo>) {
        match undo {
            true => (&mut self.undo_stack, &mut self.redo_stack),
            false => (&mut self.redo_stack, &mut self.undo_stack),
        }
    }

    /// Pops a group from the undo (or redo) stack, applies it, and pushes its inverse on the other.
    fn replay(&mut self, undo: bool) {
        let Some(step) = self.stacks(undo).0.pop() else {
            self.status = Status::Info(if undo {
                tr_string(
                    "niente da annullare in questa sessione",
                    "nothing to undo in this session",
                )
            } else {
                tr_string("niente da ripetere", "nothing to redo")
            });
            return;
        };
        let group = match step {
            Undo::Changes(group) => group,
            Undo::PlanText(which, text) => return self.replay_text(undo, which, text),
        };
        let code = group
            .first()
            .map(|c| c.objective().to_string())
            .unwrap_or_default();
        let Some(index) = self.dataset.objectives.iter().position(|o| o.code == code) else {
            self.status = Status::Error(format!(
                "{code}: {}",
                tr("obiettivo non più presente", "objective no longer there")
            ));
            return;
        };
        // Said as the history will say it: against the objective before.
        let mut before = self.dataset.objectives[index].clone();
        match self.apply_changes(index, &group, None) {
            Ok(inverse) => {
                if let Some(inverse) = inverse {
                    self.stacks(undo).1.push(Undo::Changes(inverse));
                }
                self.reveal_objective(index);
                let what = said(&mut before, &group);
                self.status = Status::Saved(format!(
                    "{} {code}: {}",
                    if undo {
                        tr("annullata l'ultima modifica di", "undid the last change to")
                    } else {
                        tr("ripetuta la modifica di", "redid the change to")
                    },
                    what.join(", ")
                ));
            }
            Err(e) => {
                // Put it back: nothing was applied.
                self.stacks(undo).0.push(Undo::Changes(group));
                self.status = Status::Error(e);
            }
        }
    }

    /// `u` / `Ctrl-R` on a text of the Relazione: `text` published again, on
    /// the text this session has (a colleague's since shows the conflict view).
    fn replay_text(&mut self, undo: bool, which: PlanText, text: String) {
        let now = self.dataset.plan.texts.get(which).to_string();
        let saved = self.publish_plan_text(which, &text, Some(&now));
        let (done, other) = self.stacks(undo);
        match saved {
            Ok(()) => {
                other.push(Undo::PlanText(which, now));
                self.status = Status::Saved(format!(
                    "{} «{}»",
                    if undo {
                        tr(
                            "annullata l'ultima modifica del testo",
                            "undid the last change to the text",
                        )
                    } else {
                        tr(
                            "ripetuta la modifica del testo",
                            "redid the change to the text",
                        )
                    },
                    which.label()
                ));
            }
            Err(e) => {
                done.push(Undo::PlanText(which, text));
                self.status = Status::Error(e);
            }
        }
    }
}
