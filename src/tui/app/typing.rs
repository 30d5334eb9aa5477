//! Which key starts editing a table cell (type-to-edit, GUIDE §4) and what a
//! key bound to nothing says. A key types into a cell only where it can begin
//! a valid value of that cell (the field tables say which: digits on number
//! and date cells, `,` on numbers, `-` where a number may be negative), so a
//! text cell is never overwritten by a stray key and a letter never starts an
//! edit. A key bound to an action that applies on the table keeps it (`.`
//! repeats, `-` steps a phase's progress); the pane digits yield to a value.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Mode, Pane, RowField, Status, Table};
use crate::i18n::tr;
use crate::tui::action::Action;
use crate::tui::columns::IndicatorColumn;
use crate::tui::keymap::{self, Context};
use crate::tui::widgets::line_editor::LineEditor;

impl App {
    /// The field under the focused table's cursor, when there is a row to edit
    /// (`None` elsewhere, and on the indicators' achievement, worked out).
    fn field_here(&self) -> Option<RowField> {
        let table = Table::of(self.focus)?;
        if table.count(self.objective()?) == 0 {
            return None;
        }
        match table {
            Table::Phases => Some(RowField::Phase(self.phase_field())),
            Table::Indicators => match self.indicator_column() {
                IndicatorColumn::Field(f) => Some(RowField::Indicator(f)),
                IndicatorColumn::Achievement => None,
            },
        }
    }

    /// Whether `c` can begin a value of the cell under the table's cursor.
    fn cell_can_begin(&self, c: char) -> bool {
        self.field_here()
            .is_some_and(|field| field.column().kind.can_begin(c))
    }

    /// Type-to-edit: whether `key`, pressed while browsing, is typing into
    /// the selected table cell rather than an action.
    pub(crate) fn types_into_cell(&self, key: KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else {
            return false;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            || !self.cell_can_begin(c)
        {
            return false;
        }
        match self.keys.lookup(Context::Normal, key) {
            None | Some(Action::FocusPane(_)) => true,
            Some(action) => {
                self.focus == Pane::Indicators && super::indicators::PHASES_ONLY.contains(&action)
            }
        }
    }

    /// Opens the selected cell's editor with what was typed in it.
    pub(crate) fn type_into_cell(&mut self, key: KeyEvent) {
        self.edit_here(false);
        if let Mode::Cell(edit) = &mut self.mode {
            edit.editor = LineEditor::default();
            edit.editor.input(key);
        }
    }

    /// `i`, `F2` (`select` false) and `c` (true): the selected table cell's editor.
    pub(crate) fn edit_here(&mut self, select: bool) {
        match self.focus {
            Pane::Phases => self.open_field(RowField::Phase(self.phase_field()), select),
            Pane::Indicators => self.edit_indicator_cell(self.indicator_column(), select),
            _ => {
                self.status = Status::Info(format!(
                    "{}: {}",
                    self.keys.keys_of(Context::Normal, Action::EditCell),
                    tr(
                        "modifica una cella delle tabelle Fasi e Indicatori",
                        "edits a cell of the Phases and Indicators tables"
                    )
                ))
            }
        }
    }

    /// A key bound to nothing where it was pressed: the status line says so,
    /// in place of whatever it said before (which would read as its answer).
    pub(crate) fn say_unbound(&mut self, key: KeyEvent) {
        if matches!(key.code, KeyCode::Modifier(_)) {
            return;
        }
        self.status = Status::Info(format!(
            "{} {}: {} · {}",
            tr("tasto", "key"),
            keymap::event_name(key),
            tr("nessuna azione", "no action"),
            self.keys
                .hint(Context::Normal, &[(Action::Help, tr("aiuto", "help"))])
        ));
    }
}
