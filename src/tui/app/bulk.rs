//! Edits on several phases at once: marks (`Space`, `*`), equal weights (`=`),
//! repeating the last edit (`.`) and moving a phase (`J`/`K`). Whatever touches
//! several phases is one `save`: one transaction, one undo, one audit entry per phase.

use super::table::Table;
use super::{App, Status};
use crate::i18n::tr;
use crate::model::{Change, PhaseField, Value};

/// What `.` does again.
#[derive(Debug, Clone, PartialEq)]
pub enum LastEdit {
    /// A field set to a value (typed in a cell).
    Set { field: PhaseField, value: Value },
    /// Progress moved by a step (`+` / `-`).
    Step(f64),
    /// An indicator's cell set to what was typed.
    Indicator {
        field: crate::model::indicator_fields::IndicatorField,
        text: String,
    },
}

impl App {
    /// `changes` without those that would leave a phase as it is: a change that
    /// changes nothing has no place in the history.
    pub(crate) fn effective(&self, objective: usize, changes: Vec<Change>) -> Vec<Change> {
        let phases = &self.dataset.objectives[objective].phases;
        changes
            .into_iter()
            .filter(|c| match c {
                Change::SetPhase {
                    phase,
                    field,
                    value,
                    ..
                } => phases
                    .get(*phase)
                    .is_none_or(|p| (field.column().get)(p) != *value),
                _ => true,
            })
            .collect()
    }

    pub(crate) fn already_so() -> Status {
        Status::Info(
            tr(
                "niente da cambiare: è già così",
                "nothing to change: it is so already",
            )
            .into(),
        )
    }

    /// Sets `field` to `value` on `targets` of `objective` as one change.
    pub(crate) fn set_on(
        &mut self,
        objective: usize,
        targets: &[usize],
        field: PhaseField,
        value: &Value,
    ) -> Result<Status, String> {
        let code = self.dataset.objectives[objective].code.clone();
        let changes: Vec<Change> = targets
            .iter()
            .map(|&phase| Change::SetPhase {
                objective: code.clone(),
                phase,
                field,
                value: value.clone(),
            })
            .collect();
        let changes = self.effective(objective, changes);
        self.last_edit = Some(LastEdit::Set {
            field,
            value: value.clone(),
        });
        if changes.is_empty() {
            return Ok(Self::already_so());
        }
        self.save(objective, &changes)?;
        Ok(Status::Saved(format!(
            "{} {}: {value}",
            Table::Phases.named(targets),
            field.label()
        )))
    }

    /// `=`: 100 shared equally over the phases, or over the marked ones (they
    /// share what the unmarked ones leave of 100), two decimals, Σ = 100 exactly.
    pub(crate) fn equal_weights(&mut self) {
        let Some((objective, targets, shares)) = self.equal_shares(Table::Phases) else {
            return;
        };
        let code = self.dataset.objectives[objective].code.clone();
        let shares: Vec<Change> = targets
            .iter()
            .zip(shares)
            .map(|(&phase, share)| Change::SetPhase {
                objective: code.clone(),
                phase,
                field: PhaseField::Weight,
                value: Value::Number(Some(share)),
            })
            .collect();
        self.focus_column(PhaseField::Weight);
        let changes = self.effective(objective, shares.clone());
        if changes.is_empty() {
            self.status = Self::already_so();
            return;
        }
        self.status = match self.save(objective, &changes) {
            Ok(()) => Status::Saved(format!(
                "{} {}: {}",
                tr("pesi uguali su", "equal weights over"),
                Table::Phases.named(&targets),
                shares
                    .iter()
                    .map(|c| match c {
                        Change::SetPhase { value, .. } => value.to_string(),
                        _ => String::new(),
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            )),
            Err(e) => Status::Error(e),
        };
    }

    /// `.`: the last edit again, on the selected (or marked) phases.
    pub(crate) fn repeat_last_edit(&mut self) {
        let Some(last) = self.last_edit.clone() else {
            self.status = Status::Info(
                tr(
                    "nessuna modifica da ripetere in questa sessione",
                    "no edit to repeat in this session",
                )
                .into(),
            );
            return;
        };
        match last {
            LastEdit::Step(delta) => self.step_progress(delta),
            LastEdit::Indicator { .. } => {
                self.status = Status::Info(
                    tr(
                        "l'ultima modifica è di un indicatore: si ripete sul riquadro Indicatori",
                        "the last edit was an indicator's: it repeats on the Indicators pane",
                    )
                    .into(),
                )
            }
            LastEdit::Set { field, value } => {
                let Some((objective, phase, _)) = self.row_target(Table::Phases) else {
                    return;
                };
                let targets = self.phases.targets(phase);
                self.focus_column(field);
                self.status = self
                    .set_on(objective, &targets, field, &value)
                    .unwrap_or_else(Status::Error);
            }
        }
    }

    /// `J` / `K`: the selected phase one place down / up; the cursor and its mark go with it.
    pub(crate) fn move_phase(&mut self, down: bool) {
        let Some((objective, from, count)) = self.row_target(Table::Phases) else {
            return;
        };
        let to = if down { from + 1 } else { from.wrapping_sub(1) };
        if to >= count {
            self.status = Status::Info(
                if down {
                    tr("è già l'ultima fase", "it is the last phase already")
                } else {
                    tr("è già la prima fase", "it is the first phase already")
                }
                .into(),
            );
            return;
        }
        let code = self.dataset.objectives[objective].code.clone();
        let change = Change::MovePhase {
            objective: code,
            from,
            to,
        };
        self.status = match self.save(objective, &[change]) {
            Ok(()) => {
                self.phases.moved(from, to);
                Status::Saved(format!(
                    "{} {} → {}",
                    tr("fase spostata", "phase moved"),
                    from + 1,
                    to + 1
                ))
            }
            Err(e) => Status::Error(e),
        };
    }
}
