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
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::columns::IndicatorColumn;
use crate::tui::keymap::{self, Context};
use crate::tui::widgets::line_editor::LineEditor;

impl App {
    /// The field under the focused table's cursor (`None` elsewhere, and on
    /// the indicators' achievement, worked out).
    pub(crate) fn field_here(&self) -> Option<RowField> {
        match (Table::of(self.focus)?, self.indicator_column()) {
            (Table::Phases, _) => Some(RowField::Phase(self.phase_field())),
            (_, IndicatorColumn::Field(f)) => Some(RowField::Indicator(f)),
            (_, IndicatorColumn::Achievement) => None,
        }
    }

    /// Whether `c` can begin a value of the cell under the table's cursor.
    fn cell_can_begin(&self, c: char) -> bool {
        let rows = self.objective().map_or(0, |o| self.table().count(o));
        rows > 0
            && self
                .field_here()
                .is_some_and(|f| f.column().kind.can_begin(c))
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
        match self.field_here() {
            Some(field) => self.open_field(field, select),
            None if self.focus == Pane::Indicators => self.show_achievement(),
            None => {
                self.status = Status::Info(tr_format!(
                    "{}: modifica una cella delle tabelle Fasi e Indicatori",
                    "{}: edits a cell of the Phases and Indicators tables",
                    self.keys.keys_of(Context::Normal, Action::EditCell)
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
        self.status = Status::Info(tr_format!(
            "tasto {}: nessuna azione · {}",
            "key {}: no action · {}",
            keymap::event_name(key),
            self.keys
                .hint(Context::Normal, &[(Action::Help, tr("aiuto", "help"))])
        ));
    }
}
