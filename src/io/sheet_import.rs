//! What a spreadsheet handed in changes (`import FILE.xlsx|FILE.csv`): its
//! rows matched to the plan by objective code and phase number, its columns
//! by header (`io::sheet`), and each editable cell that differs from the plan
//! turned into a `model::Change`. Everything else is checked, not read: a
//! read-only cell that differs (a code, a title), an unknown code, a phase
//! that does not exist or a value out of range is refused with the sheet, the
//! row and the column, and then nothing is changed at all.
//!
//! A sheet that carries the versions it was exported at is merged three ways
//! (`io::sheet_merge`): a cell is compared with the objective as exported,
//! so a cell the file left alone never reverts a newer value, and a cell
//! both the file and someone else changed is a conflict.

use std::collections::HashMap;
use std::fmt;

#[path = "sheet_import_indicators.rs"]
mod indicators;
#[path = "sheet_import_stamps.rs"]
mod stamps;

pub use stamps::exported;

use super::hygiene::spreadsheet_text;
use super::sheet::{
    self, At, CODE_HEADER, Cell, Column, Context, HISTORY_HEADER, INDICATOR_NUMBER_HEADER,
    INDICATORS_SHEET, IndicatorPart, OBJECTIVES_SHEET, PHASE_NUMBER_HEADER, PHASES_SHEET, Role,
    VERSION_HEADER, YEAR_HEADER,
};
use super::sheet_merge::{Bases, Spot, Three, Verdict, verdict};
use super::sheet_read::{Raw, Table};
use crate::i18n::{Lang, tr};
use crate::model::column::{Kind, Words, w};
use crate::model::edit::check_all;
use crate::model::field::check_value;
use crate::model::values::{format_date, format_exact_in, format_number_in};
use crate::model::{Change, Dataset, Field, Value, normalise_code};
use crate::tr_format;

/// Which of the two sheets a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Phases,
    Objectives,
    Indicators,
}

impl Shape {
    fn columns(self) -> Vec<Column> {
        match self {
            Shape::Phases => sheet::phase_sheet(),
            Shape::Objectives => sheet::objective_sheet(),
            Shape::Indicators => sheet::indicator_sheet(),
        }
    }

    /// The headers of the columns that say which row of the plan a row is
    /// about, the objective's code first; a sheet without one is refused.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Shape::Phases => &[CODE_HEADER, PHASE_NUMBER_HEADER],
            Shape::Objectives => &[CODE_HEADER],
            Shape::Indicators => &[CODE_HEADER, INDICATOR_NUMBER_HEADER, YEAR_HEADER],
        }
    }

    /// Which key's cell a row repeating an earlier one is refused at, and why.
    fn repeated(self) -> (usize, Words) {
        match self {
            Shape::Indicators => (
                1,
                w(
                    "lo stesso indicatore e anno è già alla riga",
                    "the same indicator and year is already at row",
                ),
            ),
            _ => (
                0,
                w(
                    "la stessa riga del piano è già alla riga",
                    "the same row of the plan is already at row",
                ),
            ),
        }
    }
}

/// Where a cell is, as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub sheet: String,
    pub row: Option<usize>,
    /// The header and the letter, e.g. `«Peso» (S)`.
    pub column: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr_format!("foglio «{}»", "sheet «{}»", self.sheet))?;
        if let Some(row) = self.row {
            f.write_str(&tr_format!(", riga {row}", ", row {row}"))?;
        }
        if let Some(column) = &self.column {
            f.write_str(&tr_format!(", colonna {column}", ", column {column}"))?;
        }
        Ok(())
    }
}

/// A cell refused, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub place: Place,
    pub reason: String,
}

impl Refusal {
    /// A whole sheet (or file) refused: no row or column to name.
    pub fn of_sheet(sheet: String, reason: String) -> Refusal {
        let place = Place {
            sheet,
            row: None,
            column: None,
        };
        Refusal { place, reason }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// A change, with the cell it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub change: Change,
    pub place: Place,
    /// It overwrites a value someone else stored after the export (only with `--force`).
    pub forced: bool,
}

/// A cell compared three ways, with where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub place: Place,
    pub three: Three,
}

/// What a sheet does to the plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub edits: Vec<ObjectiveEdits>,
    /// Cells the file left as exported, where the plan has a newer value: kept.
    pub kept: Vec<Merged>,
    /// Cells both the file and someone else changed since the export: their
    /// changes are in `edits` (marked `forced`), applied only with `--force`.
    pub conflicts: Vec<Merged>,
}

/// The changes to one objective, in the order the cells were read.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveEdits {
    pub code: String,
    pub changes: Vec<Planned>,
}

/// The tables of a workbook that are sheets of the plan; the others are left alone.
pub fn workbook_sheets(tables: Vec<Table>) -> Result<Vec<(Table, Shape)>, Refusal> {
    let sheets: Vec<_> = tables
        .into_iter()
        .filter_map(|t| match t.name.as_str() {
            PHASES_SHEET => Some((t, Shape::Phases)),
            OBJECTIVES_SHEET => Some((t, Shape::Objectives)),
            INDICATORS_SHEET => Some((t, Shape::Indicators)),
            _ => None,
        })
        .collect();
    if sheets.is_empty() {
        return Err(Refusal::of_sheet(
            format!("{PHASES_SHEET}/{OBJECTIVES_SHEET}"),
            tr(
                "la cartella di lavoro non ha un foglio «Fasi» né «Obiettivi» (quelli che export --format xlsx scrive)",
                "the workbook has no «Fasi» or «Obiettivi» sheet (the ones export --format xlsx writes)",
            )
            .into(),
        ));
    }
    Ok(sheets)
}

/// The sections of a CSV file as sheets: the phases, then the indicators
/// (known by their header).
pub fn csv_sheets(tables: Vec<Table>) -> Vec<(Table, Shape)> {
    tables
        .into_iter()
        .map(|t| {
            let shape = if t.header.iter().any(|h| h == INDICATOR_NUMBER_HEADER) {
                Shape::Indicators
            } else {
                Shape::Phases
            };
            (t, shape)
        })
        .collect()
}

/// Whether any sheet carries the versions of an export (an older export or
/// a hand-made sheet does not: it is compared with the plan as it is now).
pub fn has_versions(sheets: &[(Table, Shape)]) -> bool {
    let has = |t: &Table, header: &str| t.header.iter().any(|h| h == header);
    (sheets.iter()).any(|(t, _)| has(t, VERSION_HEADER) && has(t, HISTORY_HEADER))
}

/// The changes the sheets make to `dataset`, per objective in the plan's
/// order, each cell merged against its objective's base (`Bases::none` for
/// a file without versions); or every refusal found (all of them, so one
/// pass fixes the file).
pub fn plan(
    sheets: &[(Table, Shape)],
    dataset: &Dataset,
    bases: &Bases,
) -> Result<Plan, Vec<Refusal>> {
    let mut reader = SheetReader {
        dataset,
        bases,
        kept: Vec::new(),
        conflicts: Vec::new(),
        context: Context {
            dataset,
            stamp: None,
        },
        index: code_index(dataset),
        changes: vec![Vec::new(); dataset.objectives.len()],
        refusals: Vec::new(),
        indicators: HashMap::new(),
    };
    for (table, shape) in sheets {
        reader.read(table, *shape);
    }
    let SheetReader {
        changes,
        mut refusals,
        kept,
        conflicts,
        ..
    } = reader;
    let mut edits = Vec::new();
    for (o, mut changes) in dataset.objectives.iter().zip(changes) {
        if changes.is_empty() {
            continue;
        }
        // Listed in the plan's order, whatever the order of the file's columns.
        changes.sort_by_key(|p| match &p.change {
            Change::SetPhase { phase, field, .. } => (0, *phase, *field as usize),
            Change::SetObjective { field, .. } => (1, 0, *field as usize),
            // A sheet sets fields only.
            _ => (2, 0, 0),
        });
        if let Err(refusal) = check_together(o, &changes) {
            refusals.push(refusal);
        }
        edits.push(ObjectiveEdits {
            code: o.code.clone(),
            changes,
        });
    }
    if refusals.is_empty() {
        Ok(Plan {
            edits,
            kept,
            conflicts,
        })
    } else {
        Err(refusals)
    }
}

/// Each objective's position in the plan, by code.
fn code_index(dataset: &Dataset) -> HashMap<&str, usize> {
    (dataset.objectives.iter().enumerate())
        .map(|(i, o)| (o.code.as_str(), i))
        .collect()
}

/// The changes of one objective applied together, as the service will: a rule
/// between fields (an end before its start) is refused at the first cell that breaks it.
fn check_together(o: &crate::model::Objective, changes: &[Planned]) -> Result<(), Refusal> {
    let all: Vec<Change> = changes.iter().map(|p| p.change.clone()).collect();
    check_all(o, &all).map_err(|(culprit, error)| Refusal {
        place: changes[culprit].place.clone(),
        reason: error.to_string(),
    })
}

struct SheetReader<'a> {
    dataset: &'a Dataset,
    bases: &'a Bases,
    kept: Vec<Merged>,
    conflicts: Vec<Merged>,
    context: Context<'a>,
    index: HashMap<&'a str, usize>,
    /// Per objective, in the dataset's order.
    changes: Vec<Vec<Planned>>,
    refusals: Vec<Refusal>,
    /// Indicators (objective, index) as the cells read so far changed them.
    indicators: HashMap<(usize, usize), crate::model::indicators::Indicator>,
}

/// A data row of a table.
struct Row<'t> {
    table: &'t Table,
    number: usize,
    cells: &'t [Raw],
    /// The column of the measurement's period, read with the measurement.
    period_at: Option<usize>,
}

impl Row<'_> {
    fn place(&self, column: Option<usize>) -> Place {
        place_in(self.table, self.number, column)
    }

    fn cell(&self, j: usize) -> &Raw {
        self.cells.get(j).unwrap_or(&Raw::Empty)
    }
}

/// The rows of a table that hold something, numbered as the spreadsheet shows them.
fn data_rows(table: &Table, period_at: Option<usize>) -> impl Iterator<Item = Row<'_>> {
    table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| *c != Raw::Empty))
        .map(move |(i, cells)| Row {
            table,
            number: table.row_number(i),
            cells,
            period_at,
        })
}

impl SheetReader<'_> {
    fn refuse(&mut self, place: Place, reason: impl Into<String>) {
        self.refusals.push(Refusal {
            place,
            reason: reason.into(),
        });
    }

    fn missing_column(&mut self, table: &Table, header: &str) {
        self.refuse(
            header_place(table, usize::MAX),
            tr_format!(
                "manca la colonna «{header}»",
                "the column is missing: «{header}»"
            ),
        );
    }

    fn read(&mut self, table: &Table, shape: Shape) {
        let columns = shape.columns();
        // Each header of the file, matched to a column of the sheet (unknown ones are ignored).
        let mut matched: Vec<(usize, &Column)> = Vec::new();
        for (j, header) in table.header.iter().enumerate() {
            let Some(column) = columns.iter().find(|c| c.header == header) else {
                continue;
            };
            if matched.iter().any(|(_, c)| c.header == column.header) {
                self.refuse(
                    header_place(table, j),
                    tr("colonna ripetuta", "repeated column"),
                );
                continue;
            }
            matched.push((j, column));
        }
        let find = |header: &str| {
            matched
                .iter()
                .find(|(_, c)| c.header == header)
                .map(|m| m.0)
        };
        let mut keys = Vec::new();
        for &header in shape.keys() {
            match find(header) {
                Some(j) => keys.push(j),
                None => return self.missing_column(table, header),
            }
        }
        // An indicator's target and measurement are read after the cells
        // that only check (the order the history lists them in).
        matched.sort_by_key(|(_, c)| matches!(c.role, Role::Indicator(_)));
        let period_at = (matched.iter())
            .find(|(_, c)| c.role == Role::Indicator(IndicatorPart::Period))
            .map(|m| m.0);
        let (repeated_at, repeated) = shape.repeated();
        let mut seen: HashMap<(usize, At), usize> = HashMap::new();
        for row in data_rows(table, period_at) {
            let Some(objective) = self.objective_of(&row, keys[0]) else {
                continue;
            };
            let at = match shape {
                Shape::Phases => self.phase_of(&row, keys[1], objective).map(At::Phase),
                Shape::Objectives => Some(At::Phase(None)),
                Shape::Indicators => self
                    .indicator_row(&row, keys[1], keys[2], objective)
                    .map(At::Indicator),
            };
            let Some(at) = at else {
                continue;
            };
            if let Some(first) = seen.insert((objective, at), row.number) {
                let reason = format!("{} {first}", repeated.get());
                self.refuse(row.place(Some(keys[repeated_at])), reason);
                continue;
            }
            for &(j, column) in &matched {
                self.read_cell(&row, j, column, objective, at);
            }
        }
    }

    /// The objective (its index) a row is about, or a refusal.
    fn objective_of(&mut self, row: &Row, code_at: usize) -> Option<usize> {
        let code = normalise_code(&text_of(row.cell(code_at), row.table.neutralised));
        if let Some(&objective) = self.index.get(code.as_str()) {
            return Some(objective);
        }
        let reason = if code.is_empty() {
            tr(
                "manca il codice dell'obiettivo",
                "the objective's code is missing",
            )
            .to_string()
        } else {
            tr_format!(
                "non c'è nel piano l'obiettivo {code}",
                "the plan has no objective {code}"
            )
        };
        self.refuse(row.place(Some(code_at)), reason);
        None
    }

    /// The phase (0-based; `None` for an objective without phases) a row is about, or a refusal.
    fn phase_of(&mut self, row: &Row, at: usize, objective: usize) -> Option<Option<usize>> {
        let count = self.dataset.objectives[objective].phases.len();
        let rows = tr(
            "fasi (numerate da 1): non c'è la fase",
            "phases (numbered from 1): there is no phase",
        );
        // An objective without phases has a row with no number.
        if count == 0 && text_of(row.cell(at), false).trim().is_empty() {
            return Some(None);
        }
        self.numbered(row, at, objective, count, rows).map(Some)
    }

    /// Which of the objective's `count` phases or indicators (`rows`, said
    /// in a refusal) a key cell names, 0-based, or a refusal.
    fn numbered(
        &mut self,
        row: &Row,
        at: usize,
        objective: usize,
        count: usize,
        rows: &str,
    ) -> Option<usize> {
        let typed = text_of(row.cell(at), false);
        let number = (typed.trim().parse::<usize>().ok()).filter(|n| (1..=count).contains(n));
        if number.is_none() {
            let reason = tr_format!(
                "l'obiettivo {} ha {count} {rows} «{typed}»",
                "objective {} has {count} {rows} «{typed}»",
                self.dataset.objectives[objective].code
            );
            self.refuse(row.place(Some(at)), reason);
        }
        number.map(|n| n - 1)
    }

    fn read_cell(&mut self, row: &Row, j: usize, column: &Column, objective: usize, at: At) {
        let o = &self.dataset.objectives[objective];
        let phase = match at {
            At::Phase(phase) => phase,
            At::Indicator(_) => None,
        };
        // A row of an objective without phases has no phase cells to read.
        let phase_cell = matches!(column.cell, sheet::CellFn::Phase(_));
        if phase_cell && phase.is_none() {
            return;
        }
        let raw = row.cell(j);
        match (column.role, at) {
            (Role::Indicator(part), At::Indicator(r)) => self.read_part(row, j, part, objective, r),
            (Role::ReadOnly, _) => {
                // Checked against the export: a title renamed since is not the file's doing.
                let seen = self.exported(objective).unwrap_or(o);
                let cell = column.cell_at(&self.context, seen, at);
                let now = cell_text(&cell);
                let typed = match (raw, cell) {
                    // A workbook's number of every digit, as the export wrote it.
                    (Raw::Number(n), Cell::Exact(_)) => cell_text(&Cell::Exact(Some(*n))),
                    _ => text_of(raw, row.table.neutralised),
                };
                if normalised(&typed) != normalised(&now) {
                    let reason = read_only(column, &now, &typed);
                    self.refuse(row.place(Some(j)), reason);
                }
            }
            (Role::Editable(field), _) => {
                // A text is compared as typed with the export's (or, without one, the plan's).
                let compared =
                    column.cell_at(&self.context, self.exported(objective).unwrap_or(o), at);
                match value_of(field, raw, &compared, row.table.neutralised) {
                    Err(reason) => self.refuse(row.place(Some(j)), reason),
                    Ok(value) => self.merge(row.place(Some(j)), objective, field, phase, value),
                }
            }
            _ => {}
        }
    }

    /// The objective as the file's export saw it, when that can be known.
    fn exported(&self, objective: usize) -> Option<&crate::model::Objective> {
        self.bases.get(objective).and_then(|b| b.objective.as_ref())
    }

    /// A cell's value in the file (`None`: the text the export wrote) merged
    /// with the plan: a change, a newer value kept, or a conflict.
    fn merge(
        &mut self,
        place: Place,
        objective: usize,
        field: Field,
        phase: Option<usize>,
        file: Option<Value>,
    ) {
        let o = &self.dataset.objectives[objective];
        let stored = value_in(o, field, phase);
        let exported = (self.bases.get(objective))
            .map(|b| b.objective.as_ref().map(|e| value_in(e, field, phase)));
        // `None`: the text the export wrote (or, without a version, the plan's).
        let Some(file) = file.or_else(|| exported.clone().flatten()) else {
            return;
        };
        let spot = Spot::Field { field, phase };
        let three = (place.clone(), spot, exported, stored, file.clone());
        let code = &self.dataset.objectives[objective].code;
        // A phase's cell is read only on a row that names its phase.
        if let Some(forced) = self.judged(objective, three)
            && let Ok(change) = Change::set(code, phase, field, file)
        {
            self.changes[objective].push(Planned {
                change,
                place,
                forced,
            });
        }
    }

    /// A cell merged three ways (`io::sheet_merge`): where it is, which
    /// cell, its value at export (`None`: no versions; `Some(None)`: not
    /// known), in the plan and in the file. Keeps it when kept or in
    /// conflict, with who changed it; `Some(forced)` when the file's value is to be applied.
    fn judged(
        &mut self,
        objective: usize,
        (place, spot, exported, stored, file): (Place, Spot, Option<Option<Value>>, Value, Value),
    ) -> Option<bool> {
        let verdict = verdict(exported.as_ref().map(Option::as_ref), &stored, &file, same);
        let three = Three {
            code: self.dataset.objectives[objective].code.clone(),
            by: (self.bases.get(objective)).and_then(|b| b.changed_by(&spot)),
            spot,
            exported: exported.flatten(),
            stored,
            file,
        };
        match verdict {
            Verdict::Unchanged => None,
            Verdict::Kept => {
                self.kept.push(Merged { place, three });
                None
            }
            Verdict::Apply => Some(false),
            Verdict::Conflict => {
                self.conflicts.push(Merged { place, three });
                Some(true)
            }
        }
    }
}

/// The value of `field` (of phase `phase`) in `o`.
fn value_in(o: &crate::model::Objective, field: Field, phase: Option<usize>) -> Value {
    match field {
        Field::Objective(f) => f.get_value(o),
        Field::Phase(f) => o
            .phases
            .get(phase.unwrap_or(0))
            .map_or(Value::Text(String::new()), |p| f.get_value(p)),
    }
}

fn header_place(table: &Table, j: usize) -> Place {
    place_in(table, table.header_row, Some(j))
}

/// Row `row` of `table` and, when it has one, its column `j` (header and letter).
fn place_in(table: &Table, row: usize, j: Option<usize>) -> Place {
    Place {
        sheet: table.name.clone(),
        row: Some(row),
        column: (j.and_then(|j| Some((j, table.header.get(j)?))))
            .map(|(j, h)| format!("«{h}» ({})", table.column_letter(j))),
    }
}

fn read_only(column: &Column, now: &str, typed: &str) -> String {
    let elsewhere = sheet::objective_sheet()
        .iter()
        .any(|c| c.header == column.header && matches!(c.role, Role::Editable(_)));
    let hint = if elsewhere {
        tr(
            "; si modifica nel foglio «Obiettivi»",
            "; it is edited on the «Obiettivi» sheet",
        )
    } else {
        ""
    };
    tr_format!(
        "colonna di sola lettura cambiata: nel piano «{}», nel file «{}»{hint}",
        "a read-only column was changed: in the plan «{}», in the file «{}»{hint}",
        shortened(now),
        shortened(typed)
    )
}

/// Text to quote in a message: one line, at most 60 characters.
pub fn shortened(text: &str) -> String {
    crate::model::text::one_line(text, 60)
}

/// Two values the same for an import: numbers exactly (an export writes
/// every digit, so an unchanged cell reads back the same number; any other
/// is a change, with its audit entry), texts whatever their line ends and
/// surrounding blanks.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(x), Value::Text(y)) => normalised(x) == normalised(y),
        _ => a == b,
    }
}

fn normalised(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

/// A stored cell as text, to compare with what the file holds.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) | Cell::Percent(n) => n.map(number_text).unwrap_or_default(),
        Cell::Exact(n) => n.map(|n| format_exact_in(n, Lang::It)).unwrap_or_default(),
        Cell::Date(d) => d.map(format_date).unwrap_or_default(),
        Cell::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
    }
}

fn number_text(n: f64) -> String {
    format_number_in(n, Lang::It)
}

/// A raw cell as text: what was typed, with the `'` a CSV export put before a
/// formula-like text taken away.
fn text_of(raw: &Raw, neutralised: bool) -> String {
    match raw {
        Raw::Empty => String::new(),
        Raw::Text(s) => {
            let s = if neutralised { spreadsheet_text(s) } else { s };
            s.replace("\r\n", "\n")
        }
        Raw::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Raw::Number(n) => number_text(*n),
        Raw::Date(d) => format_date(*d),
    }
}

/// The value a cell gives `field`: `None` when it gives the field what it
/// has already (texts compared before they are trimmed), or why it is refused.
fn value_of(
    field: Field,
    raw: &Raw,
    stored: &Cell,
    neutralised: bool,
) -> Result<Option<Value>, String> {
    let value = match (field.kind(), raw, stored) {
        (Kind::Text | Kind::Name | Kind::Choice, raw, stored) => {
            let typed = text_of(raw, neutralised);
            if normalised(&typed) == normalised(&cell_text(stored)) {
                return Ok(None);
            }
            field.parse(&typed).map_err(|e| e.to_string())?
        }
        // The workbook keeps a progress as a fraction: 0.3625 is 36,25 %.
        (_, Raw::Number(n), Cell::Percent(_)) => {
            Value::Number(Some((n * 100.0 * 1e6).round() / 1e6))
        }
        (kind, raw, _) => kind_value(kind, raw).map_err(|(_, why)| bad(field, why))?,
    };
    check_value(field, &value).map_err(|e| e.to_string())?;
    Ok(Some(value))
}

/// A number or date cell as `kind` reads it: the spreadsheet's own number
/// or date, an Excel serial for a date, else its text (empty: no value);
/// `Err` the text that is not one, and why.
fn kind_value(kind: Kind, raw: &Raw) -> Result<Value, (String, String)> {
    match (kind, raw) {
        (Kind::Date, Raw::Date(d)) => Ok(Value::Date(Some(*d))),
        (Kind::Date, Raw::Number(serial)) => (super::sheet_read::excel_date(*serial))
            .map(|d| Value::Date(Some(d)))
            .ok_or_else(|| {
                let why = tr_format!("data non valida: {serial}", "invalid date: {serial}");
                (serial.to_string(), why)
            }),
        (_, Raw::Number(n)) => Ok(Value::Number(Some(*n))),
        (kind, raw) => {
            let text = text_of(raw, false);
            let typed = match kind {
                Kind::Date => four_digit_year(&text),
                _ => text.clone(),
            };
            kind.parse(&typed).map_err(|e| (text, e.to_string()))
        }
    }
}

/// `01/01/24` as `01/01/2024`: a spreadsheet that recognised a date may save
/// it "as shown" with the locale's short year. Years 00–69 are 20xx.
fn four_digit_year(text: &str) -> String {
    let t = text.trim();
    let parts: Vec<&str> = t.split('/').collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 2 && y.chars().all(|c| c.is_ascii_digit()) => {
            let century = if y.as_bytes()[0] < b'7' { "20" } else { "19" };
            format!("{d}/{m}/{century}{y}")
        }
        _ => t.to_string(),
    }
}

fn bad(field: Field, reason: String) -> String {
    format!("{}: {reason}", field.label())
}

#[cfg(test)]
#[path = "sheet_import_tests.rs"]
mod tests;
