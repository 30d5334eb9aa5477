//! Copy and fill (GUIDE §4): `y` copies the selected cell, `P` pastes it onto
//! the selected (or marked) rows of the same column, `"` fills the cell with
//! the one above it (ditto). Each writes through the one cell editor's save:
//! one change, one `u`, and `.` repeats it.

use super::{App, Pane, RowField, Status, Table};
use crate::i18n::tr;
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

impl App {
    /// `y`: the selected cell's value, kept for `P`.
    pub(crate) fn copy_cell(&mut self) {
        let Some((field, text)) = self.cell_here(None) else {
            return;
        };
        let shown = if text.is_empty() {
            crate::model::values::format_opt_number(None)
        } else {
            crate::model::text::one_line(&text, 40)
        };
        self.status = Status::Info(tr_format!(
            "copiato {}: {shown} · {} lo incolla sulle righe selezionate o marcate",
            "copied {}: {shown} · {} pastes it on the selected or marked rows",
            field.column().label.get(),
            self.keys.key_of(Context::Normal, Action::Paste)
        ));
        self.clipboard = Some((field, text));
    }

    /// `P`: what `y` copied, onto the selected (or marked) rows of its column.
    pub(crate) fn paste_cell(&mut self) {
        match self.clipboard.clone() {
            Some((field, text)) if field.table() == self.table() => {
                self.write_on_targets(field, &text)
            }
            Some((field, _)) => {
                self.status = Status::Info(tr_format!(
                    "la cella copiata è del riquadro {}",
                    "the copied cell is of the pane {}",
                    field.table().pane().title()
                ))
            }
            None => {
                self.status = Status::Info(tr_format!(
                    "niente da incollare: {} copia una cella",
                    "nothing to paste: {} copies a cell",
                    self.keys.key_of(Context::Normal, Action::Yank)
                ))
            }
        }
    }

    /// `"`: the cell above the selected one (above the first marked one, on
    /// marked rows) written into the selected (or marked) rows.
    pub(crate) fn fill_down(&mut self) {
        let table = self.table();
        let row = self.cursor(table).row;
        let first = self.cursor(table).targets(row)[0];
        if first == 0 {
            self.status = Status::info(
                "la prima riga non ha una cella sopra da ripetere",
                "the first row has no cell above it to repeat",
            );
            return;
        }
        let Some((field, text)) = self.cell_here(Some(first - 1)) else {
            return;
        };
        self.write_on_targets(field, &text);
    }

    /// The column under the table's cursor and its value in `row` (`None`:
    /// the selected row); or a message saying why there is none.
    fn cell_here(&mut self, row: Option<usize>) -> Option<(RowField, String)> {
        let table = Table::of(self.focus).unwrap_or(Table::Phases);
        let field = match self.field_here() {
            Some(field) => field,
            None => {
                self.status = Status::Info(
                    match self.focus {
                        Pane::Indicators => tr(
                            "il raggiungimento si calcola, non si copia",
                            "the achievement is worked out, not copied",
                        ),
                        _ => tr(
                            "si copia una cella delle tabelle Fasi e Indicatori",
                            "cells of the Phases and Indicators tables are copied",
                        ),
                    }
                    .into(),
                );
                return None;
            }
        };
        let (objective, selected, _) = self.row_target(table)?;
        let row = row.unwrap_or(selected);
        let text = field.value_in(&self.dataset.objectives[objective], row)?;
        Some((field, text))
    }
}
