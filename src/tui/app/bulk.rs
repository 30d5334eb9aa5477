//! Repeating the last edit (`.`) on either table and moving a phase
//! (`J`/`K`). Whatever touches several rows is one `save`: one transaction,
//! one undo, one audit entry per row.

use super::rows::RowField;
use super::table::Table;
use super::{App, Status};
use crate::i18n::tr;
use crate::model::Change;

/// What `.` does again.
#[derive(Debug, Clone, PartialEq)]
pub enum LastEdit {
    /// A cell of either table set to what was typed.
    Cell { field: RowField, text: String },
    /// A phase's progress moved by a step (`+` / `-`).
    Step(f64),
}

impl App {
    pub(crate) fn already_so() -> Status {
        Status::info(
            "niente da cambiare: è già così",
            "nothing to change: it is so already",
        )
    }

    /// `.`: the last edit again, on the selected (or marked) rows of the
    /// table it was made on.
    pub(crate) fn repeat_last_edit(&mut self) {
        let table = self.table();
        match (self.last_edit.clone(), table) {
            (Some(LastEdit::Cell { field, text }), _) if field.table() == table => {
                self.write_on_targets(field, &text)
            }
            (Some(LastEdit::Step(delta)), Table::Phases) => self.step_progress(delta),
            (Some(_), Table::Phases) => self.say(Status::info(
                "l'ultima modifica è di un indicatore: si ripete sul riquadro Indicatori",
                "the last edit was an indicator's: it repeats on the Indicators pane",
            )),
            (None, Table::Phases) => self.say(Status::info(
                "nessuna modifica da ripetere in questa sessione",
                "no edit to repeat in this session",
            )),
            (_, Table::Indicators) => self.say(Status::info(
                "nessuna modifica di un indicatore da ripetere",
                "no indicator edit to repeat",
            )),
        }
    }

    /// `text` into `field` of the selected (or marked) rows of its table, as
    /// one save: what `.` repeats and `P` pastes.
    pub(crate) fn write_on_targets(&mut self, field: RowField, text: &str) {
        let table = field.table();
        let Some((objective, row, _)) = self.row_target(table) else {
            return;
        };
        let targets = self.cursor(table).targets(row);
        self.focus_cell(field);
        self.status = self
            .set_cells(objective, &targets, field, text)
            .unwrap_or_else(Status::Error);
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
