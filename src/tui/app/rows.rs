//! The one cell editor of both tables (GUIDE §5): opening a cell with its
//! value, writing what was typed into the selected (or marked) rows as one
//! save, adding and deleting a row. It works over `RowTable`; `Edited` adds
//! what the editor needs beyond it: where the rows are and the changes that
//! edit them.

use super::table::Table;
use super::{App, LastEdit, Mode, Status};
use crate::i18n::tr;
use crate::model::column::{Column, Kind};
use crate::model::field::{ChangeError, FrozenPart};
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::Indicator;
use crate::model::table::{Indicators, Phases, RowTable};
use crate::model::values::format_number;
use crate::model::{Change, Objective, Phase, PhaseField, Plan};
use crate::tui::columns::{self, IndicatorColumn};
use crate::tui::widgets::line_editor::LineEditor;

/// What a one-line cell editor is editing.
#[derive(Debug, Clone, PartialEq)]
pub enum CellTarget {
    /// A cell of row `row` of `field`'s table.
    Row { row: usize, field: RowField },
    /// The name of a row to be inserted at `at` of `table`.
    NewRow { table: Table, at: usize },
}

impl CellTarget {
    pub fn table(&self) -> Table {
        match self {
            CellTarget::Row { field, .. } => field.table(),
            CellTarget::NewRow { table, .. } => *table,
        }
    }

    /// The row of `table` whose cell is being edited.
    pub fn row_in(&self, table: Table) -> Option<usize> {
        match self {
            CellTarget::Row { row, field } if field.table() == table => Some(*row),
            _ => None,
        }
    }

    /// Where a new row of `table` is being named.
    pub fn new_row_in(&self, table: Table) -> Option<usize> {
        match self {
            CellTarget::NewRow { table: t, at } if *t == table => Some(*at),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellEdit {
    pub objective: usize,
    pub target: CellTarget,
    pub editor: LineEditor,
}

/// A column of either table, as the cell editor and `.` hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowField {
    Phase(PhaseField),
    Indicator(IndicatorField),
}

impl RowField {
    pub fn table(self) -> Table {
        match self {
            RowField::Phase(_) => Table::Phases,
            RowField::Indicator(_) => Table::Indicators,
        }
    }

    pub fn column(self) -> &'static Column {
        match self {
            RowField::Phase(f) => Phases::column(f),
            RowField::Indicator(f) => Indicators::column(f),
        }
    }

    /// Where the column is, left to right, in its table of `plan`.
    fn position(self, plan: &Plan) -> usize {
        match self {
            RowField::Phase(f) => columns::PHASES.iter().position(|c| *c == f),
            RowField::Indicator(f) => columns::indicators(plan)
                .iter()
                .position(|c| *c == IndicatorColumn::Field(f)),
        }
        .unwrap_or(0)
    }
}

impl Table {
    /// The weight's column of this table (`w`).
    pub fn weight(self) -> RowField {
        match self {
            Table::Phases => RowField::Phase(PhaseField::Weight),
            Table::Indicators => RowField::Indicator(IndicatorField::Weight),
        }
    }
}

/// A table as the editor drives it.
pub(crate) trait Edited: RowTable<Row: Clone + PartialEq> {
    const TABLE: Table;
    /// The field a new row is named by.
    const NAME: Self::Field;
    const WEIGHT: Self::Field;

    fn rows(o: &Objective) -> &[Self::Row];
    fn cell(field: Self::Field) -> RowField;
    /// `field` of row `at` of objective `code` now as in `row`.
    fn set(code: &str, at: usize, field: Self::Field, row: Self::Row) -> Change;
    fn add(code: &str, at: usize, row: Self::Row) -> Change;
    fn delete(code: &str, at: usize) -> Change;
    /// A new row at `at` of `o`, before its name is written.
    fn new_row(o: &Objective, at: usize) -> Self::Row;
    /// The cell as the status line says it once saved.
    fn shown(row: &Self::Row, field: Self::Field) -> String;
    /// What else a saved edit of `row` moved (an indicator's achievement).
    fn also(_: &App, _: &Self::Row) -> Option<String> {
        None
    }
    /// `field` of row `at`, as a refusal of a frozen cell names it.
    fn part(at: usize, field: Self::Field) -> FrozenPart;
}

impl Edited for Phases {
    const TABLE: Table = Table::Phases;
    const NAME: PhaseField = PhaseField::Name;
    const WEIGHT: PhaseField = PhaseField::Weight;

    fn rows(o: &Objective) -> &[Phase] {
        &o.phases
    }

    fn part(index: usize, field: PhaseField) -> FrozenPart {
        FrozenPart::Phase { index, field }
    }

    fn cell(field: PhaseField) -> RowField {
        RowField::Phase(field)
    }

    fn set(code: &str, phase: usize, field: PhaseField, row: Phase) -> Change {
        Change::SetPhase {
            objective: code.to_string(),
            phase,
            field,
            value: field.get_value(&row),
        }
    }

    fn add(code: &str, phase: usize, value: Phase) -> Change {
        Change::AddPhase {
            objective: code.to_string(),
            phase,
            value,
        }
    }

    fn delete(code: &str, phase: usize) -> Change {
        Change::DeletePhase {
            objective: code.to_string(),
            phase,
        }
    }

    /// A new phase starts with the manager and CdR of the phase above, or of the objective.
    fn new_row(o: &Objective, at: usize) -> Phase {
        let above = at.checked_sub(1).and_then(|i| o.phases.get(i));
        Phase {
            manager: above.map_or(&o.manager, |p| &p.manager).clone(),
            responsibility_centre: above
                .map_or(&o.responsibility_centre, |p| &p.responsibility_centre)
                .clone(),
            ..Phase::default()
        }
    }

    fn shown(row: &Phase, field: PhaseField) -> String {
        Phases::text(row, field)
    }
}

impl Edited for Indicators {
    const TABLE: Table = Table::Indicators;
    const NAME: IndicatorField = IndicatorField::Name;
    const WEIGHT: IndicatorField = IndicatorField::Weight;

    fn part(index: usize, field: IndicatorField) -> FrozenPart {
        FrozenPart::Indicator { index, field }
    }

    fn rows(o: &Objective) -> &[Indicator] {
        &o.indicators
    }

    fn cell(field: IndicatorField) -> RowField {
        RowField::Indicator(field)
    }

    fn set(code: &str, indicator: usize, field: IndicatorField, row: Indicator) -> Change {
        Change::SetIndicator {
            objective: code.to_string(),
            indicator,
            field,
            value: crate::model::Value::Text(field.recorded(&row)),
        }
    }

    fn add(code: &str, indicator: usize, value: Indicator) -> Change {
        Change::AddIndicator {
            objective: code.to_string(),
            indicator,
            value,
        }
    }

    fn delete(code: &str, indicator: usize) -> Change {
        Change::DeleteIndicator {
            objective: code.to_string(),
            indicator,
        }
    }

    fn new_row(_: &Objective, _: usize) -> Indicator {
        Indicator::default()
    }

    fn shown(row: &Indicator, field: IndicatorField) -> String {
        let shown = field.shown(row);
        if shown.is_empty() {
            crate::model::values::format_opt_number(None)
        } else {
            shown
        }
    }

    /// A measurement or a target moves the achievement: say where it is now.
    fn also(app: &App, row: &Indicator) -> Option<String> {
        let plan = &app.dataset.plan;
        Some(super::indicators::achievement_said(
            row,
            app.indicator_year(),
            plan.settings.bands,
        ))
    }
}

/// A cell's value as an editor opens it and `y` copies it: "n/d" is how an
/// empty number is shown, not something to write.
fn editable<T: Edited>(row: &T::Row, field: T::Field) -> String {
    let text = T::text(row, field);
    let number = matches!(T::column(field).kind, Kind::Percent | Kind::Number);
    if number && text == crate::model::values::format_opt_number(None) {
        String::new()
    } else {
        text
    }
}

impl RowField {
    /// The value of this column in row `row` of `o`, as an editor opens it.
    pub fn value_in(self, o: &Objective, row: usize) -> Option<String> {
        match self {
            RowField::Phase(f) => o.phases.get(row).map(|r| editable::<Phases>(r, f)),
            RowField::Indicator(f) => o.indicators.get(row).map(|r| editable::<Indicators>(r, f)),
        }
    }
}

impl App {
    /// Puts the cell cursor of `field`'s table on its column.
    pub(crate) fn focus_cell(&mut self, field: RowField) {
        let col = field.position(&self.dataset.plan);
        self.cursor_mut(field.table()).col = col;
    }

    /// Opens the editor of the selected row's `field`, with its value;
    /// `select`: the value selected, so that typing replaces it (`w`, `p`, `c`).
    pub(crate) fn open_cell<T: Edited>(&mut self, field: T::Field, select: bool) {
        let Some((objective, row, _)) = self.row_target(T::TABLE) else {
            return;
        };
        self.focus_cell(T::cell(field));
        // A frozen cell says why, and how it changes, before anything is typed (GUIDE §8).
        let plan = &self.dataset.plan;
        let from = T::column(field).frozen_from.unwrap_or_default();
        // A variation opens the baseline's cells, not the year's closed data.
        let variable = crate::model::frozen::variable(plan, from);
        if T::frozen_in(field, plan.state()) && !(variable && self.variation.is_some()) {
            let why = crate::model::frozen::refusal(plan, T::part(row, field), from);
            // The way out, one key away, while a variation can still change it.
            let way = match variable {
                true => tr(" · V: in una variazione", " · V: in a variation"),
                false => "",
            };
            self.status = Status::Error(format!("{why}{way}"));
            return;
        }
        let o = &self.dataset.objectives[objective];
        // In variation mode, the value the variation records for it.
        let varied = self.varied_text(&o.code, row, T::cell(field));
        let text = varied.unwrap_or_else(|| editable::<T>(&T::rows(o)[row], field));
        self.mode = Mode::Cell(CellEdit {
            objective,
            target: CellTarget::Row {
                row,
                field: T::cell(field),
            },
            editor: LineEditor::opening(&text, select),
        });
    }

    /// The editor of `field` of the selected row, whichever its table.
    pub(crate) fn open_field(&mut self, field: RowField, select: bool) {
        match field {
            RowField::Phase(f) => self.open_cell::<Phases>(f, select),
            RowField::Indicator(f) => self.open_cell::<Indicators>(f, select),
        }
    }

    /// Writes `text` into `field` of the `targets` rows of `objective`, as one save.
    pub(crate) fn set_cells(
        &mut self,
        objective: usize,
        targets: &[usize],
        field: RowField,
        text: &str,
    ) -> Result<Status, String> {
        match field {
            RowField::Phase(f) => self.set_cells_of::<Phases>(objective, targets, f, text),
            RowField::Indicator(f) => self.set_cells_of::<Indicators>(objective, targets, f, text),
        }
    }

    fn set_cells_of<T: Edited>(
        &mut self,
        objective: usize,
        targets: &[usize],
        field: T::Field,
        text: &str,
    ) -> Result<Status, String> {
        // The error names the field (`Peso: «101»: …`).
        let changes = self
            .changes::<T>(objective, targets, field, |_, row| {
                T::set_text(row, field, text)
            })
            .map_err(|e| e.to_string())?;
        self.last_edit = Some(LastEdit::Cell {
            field: T::cell(field),
            text: text.to_string(),
        });
        if changes.is_empty() {
            return Ok(Self::already_so());
        }
        self.save(objective, &changes)?;
        let rows = T::rows(&self.dataset.objectives[objective]);
        let first = targets.first().and_then(|i| rows.get(*i));
        let mut said = format!(
            "{} {}: {}",
            T::TABLE.named(targets),
            T::label(field),
            first.map(|r| T::shown(r, field)).unwrap_or_default()
        );
        if let ([_], Some(row)) = (targets, first)
            && let Some(also) = T::also(self, row)
        {
            said.push_str(&format!(" · {also}"));
        }
        Ok(Status::Saved(said))
    }

    /// The changes that `write` (given each target's place among them) makes
    /// to `field` of the `targets` rows of `objective`; a change that changes
    /// nothing has no place in the history.
    pub(crate) fn changes<T: Edited>(
        &self,
        objective: usize,
        targets: &[usize],
        field: T::Field,
        write: impl Fn(usize, &mut T::Row) -> Result<(), ChangeError>,
    ) -> Result<Vec<Change>, ChangeError> {
        let o = &self.dataset.objectives[objective];
        let mut changes = Vec::new();
        for (k, &i) in targets.iter().enumerate() {
            let Some(old) = T::rows(o).get(i) else {
                continue;
            };
            let mut new = old.clone();
            write(k, &mut new)?;
            if new != *old {
                changes.push(T::set(&o.code, i, field, new));
            }
        }
        Ok(changes)
    }

    /// `=`: 100 shared equally over the rows of the focused table, or over the
    /// marked ones (they share what the unmarked ones leave of 100), two
    /// decimals, Σ = 100 exactly; one save.
    pub(crate) fn equal_weights(&mut self) {
        match self.table() {
            Table::Phases => self.equal_weights_of::<Phases>(),
            Table::Indicators => self.equal_weights_of::<Indicators>(),
        }
    }

    fn equal_weights_of<T: Edited>(&mut self) {
        let Some((objective, targets, shares)) = self.equal_shares(T::TABLE) else {
            return;
        };
        self.focus_cell(T::cell(T::WEIGHT));
        // Shares have two decimals at most: written as text, read back exactly.
        let write =
            |k: usize, row: &mut T::Row| T::set_text(row, T::WEIGHT, &format_number(shares[k]));
        let Ok(changes) = self.changes::<T>(objective, &targets, T::WEIGHT, write) else {
            return;
        };
        if changes.is_empty() {
            self.status = Self::already_so();
            return;
        }
        let listed: Vec<String> = shares.iter().map(|s| format_number(*s)).collect();
        self.status = match self.save(objective, &changes) {
            Ok(()) => Status::Saved(format!(
                "{} {}: {}",
                tr("pesi uguali su", "equal weights over"),
                T::TABLE.named(&targets),
                listed.join(" · ")
            )),
            Err(e) => Status::Error(e),
        };
    }

    /// Inserts a row named `text` at `at` of `table`.
    pub(crate) fn add_row(
        &mut self,
        table: Table,
        objective: usize,
        at: usize,
        text: &str,
    ) -> Result<Status, String> {
        match table {
            Table::Phases => self.add_row_of::<Phases>(objective, at, text),
            Table::Indicators => self.add_row_of::<Indicators>(objective, at, text),
        }
    }

    fn add_row_of<T: Edited>(
        &mut self,
        objective: usize,
        at: usize,
        text: &str,
    ) -> Result<Status, String> {
        let o = &self.dataset.objectives[objective];
        let mut row = T::new_row(o, at);
        T::set_text(&mut row, T::NAME, text).map_err(|e| e.to_string())?;
        let name = T::text(&row, T::NAME);
        self.save(objective, &[T::add(&o.code.clone(), at, row)])?;
        let count = T::rows(&self.dataset.objectives[objective]).len();
        self.cursor_mut(T::TABLE).rows_changed(at, count);
        Ok(Status::Saved(T::TABLE.added(at, &name)))
    }

    /// Deletes row `at` of `table` (the question was answered).
    pub(crate) fn delete_row(&mut self, table: Table, objective: usize, at: usize) {
        match table {
            Table::Phases => self.delete_row_of::<Phases>(objective, at),
            Table::Indicators => self.delete_row_of::<Indicators>(objective, at),
        }
    }

    fn delete_row_of<T: Edited>(&mut self, objective: usize, at: usize) {
        let o = &self.dataset.objectives[objective];
        let name = T::rows(o).get(at).map(|r| T::text(r, T::NAME));
        let said = T::TABLE.deleted(&name.unwrap_or_default());
        let change = T::delete(&o.code, at);
        self.status = match self.save(objective, &[change]) {
            Ok(()) => {
                let count = T::rows(&self.dataset.objectives[objective]).len();
                let cursor = self.cursor_mut(T::TABLE);
                cursor.rows_changed(cursor.row, count);
                Status::Saved(said)
            }
            Err(e) => Status::Error(e),
        };
    }
}
