//! The shape of the plan as a spreadsheet, shared by every format that has
//! one: the CSV export, the xlsx export and the import of both. Three sheets:
//! *Fasi*, one row per phase with its objective's columns (the CSV's first
//! section), *Obiettivi*, one row per objective with its roll-up and
//! narratives, and *Indicatori*, one row per indicator and plan year (the
//! CSV's second section, when the plan has indicators). Each column says what
//! it holds and what an import does with it; the phase columns come from the
//! table of phase fields.
//!
//! Sheet names and headers are Italian whatever the reader's language: like
//! the decimal comma, they are part of the format, and scripts rely on them.

use chrono::NaiveDate;

use crate::model::calendar::plan_years;
use crate::model::column::Kind;
use crate::model::fields::{PHASE_COLUMNS, PhaseColumn};
use crate::model::indicator_fields::{IndicatorField, fields_for};
use crate::model::indicators::{Indicator, Words};
use crate::model::rollup::weight_sum;
use crate::model::values::parse_number;
use crate::model::{Dataset, Field, Objective, ObjectiveField, Phase, PhaseField, Value};

pub const PHASES_SHEET: &str = "Fasi";
pub const OBJECTIVES_SHEET: &str = "Obiettivi";
pub const INDICATORS_SHEET: &str = "Indicatori";

/// The header of the column that names the objective of a row.
pub const CODE_HEADER: &str = "Obiettivo";
/// The header of the phase's number (from 1, in table order).
pub const PHASE_NUMBER_HEADER: &str = "N. fase";
/// The indicator's number (from 1, in the objective's order) and the plan year of a row.
pub const INDICATOR_NUMBER_HEADER: &str = "N. indicatore";
pub const YEAR_HEADER: &str = "Anno";

/// The objective's version at export, on every row of every sheet: with the
/// history position beside it, what an import merges the file against.
pub const VERSION_HEADER: &str = "Versione";
/// The newest history entry when the file was exported (the same on every row).
pub const HISTORY_HEADER: &str = "N. cronologia";
/// What the objective's progress left out, beside it (derived, never read back).
const COVERAGE_HEADER: &str = "Copertura avanzamento";

/// When a sheet was exported: each objective's version and the history
/// position then. An import rewinds the plan to it to see which cells the
/// file changed and which someone else changed since (`io::sheet_merge`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stamp {
    pub versions: std::collections::HashMap<String, u64>,
    pub seq: u64,
}

/// A typed cell: how the xlsx writes it, what the CSV shows, what an import compares.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A plain number (a weight, a sum of weights), two decimals in a CSV.
    Number(Option<f64>),
    /// A number as someone typed it (an indicator's weight, baseline, target,
    /// measurement): every digit it has, so that an import reads back the same.
    Exact(Option<f64>),
    /// 0–100, shown as a percentage (a progress).
    Percent(Option<f64>),
    Date(Option<NaiveDate>),
    /// A count or an ordinal (the phase number, the number of phases).
    Count(Option<usize>),
}

/// What an import does with a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Finds the row's objective (the code) or phase (its number).
    Key,
    /// Read and applied as a change of this field.
    Editable(Field),
    /// Shown for context; a changed value is refused (a code, a title).
    ReadOnly,
    /// Worked out from other columns (roll-up, Σ weights): never read, since a
    /// spreadsheet does not compute it again when a weight is edited.
    Derived,
    /// A part of an indicator in the row's year, read and applied.
    Indicator(IndicatorPart),
    /// The version the row was exported at (`VERSION_HEADER`, `HISTORY_HEADER`):
    /// read to merge, never a change.
    Stamp,
}

/// The parts of an indicator its sheet lets a file change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorPart {
    /// The target of the row's year (the controller's).
    Target,
    /// The period of the year's measurement: with the value beside it, which
    /// measurement the row sets (a new period adds one).
    Period,
    /// The value measured at that period (the manager's, too).
    Measurement,
}

/// One column of a sheet.
pub struct Column {
    pub header: &'static str,
    pub role: Role,
    /// Characters, for the xlsx column width.
    pub width: f64,
    /// The cell of this column for an objective (and, on the phases sheet, one of its phases).
    pub cell: CellFn,
}

/// How a column's cell is worked out from the plan.
#[derive(Clone, Copy)]
pub enum CellFn {
    Objective(fn(&Context, &Objective) -> Cell),
    /// The phase number (from 1).
    PhaseNumber,
    Phase(&'static PhaseColumn),
    /// A cell of an indicator row: the indicator (0-based) in the row's plan year.
    Indicator(fn(&Context, &Indicator, usize, Option<i32>) -> Cell),
    /// A number of an indicator's, from the table of indicator fields.
    IndicatorField(IndicatorField),
}

/// The records an objective's row shows beside it (its mission and mandate).
pub struct Context<'a> {
    pub dataset: &'a Dataset,
    /// The versions an export writes; `None` where none are written.
    pub stamp: Option<&'a Stamp>,
}

impl Context<'_> {
    fn version_of(&self, o: &Objective) -> Cell {
        let v = self.stamp.and_then(|s| s.versions.get(&o.code));
        Cell::Count(v.and_then(|v| usize::try_from(*v).ok()))
    }

    fn history_position(&self) -> Cell {
        Cell::Count(self.stamp.and_then(|s| usize::try_from(s.seq).ok()))
    }

    fn mission_of(&self, o: &Objective) -> Option<&crate::model::Mission> {
        self.dataset.missions.iter().find(|m| m.code == o.mission)
    }

    fn mandate_of(&self, o: &Objective) -> Option<&crate::model::Mandate> {
        let mission = self.mission_of(o)?;
        self.dataset
            .mandates
            .iter()
            .find(|d| d.code == mission.mandate)
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

const fn objective_column(
    header: &'static str,
    role: Role,
    width: f64,
    cell: fn(&Context, &Objective) -> Cell,
) -> Column {
    Column {
        header,
        role,
        width,
        cell: CellFn::Objective(cell),
    }
}

const fn editable(field: ObjectiveField) -> Role {
    Role::Editable(Field::Objective(field))
}

fn mandate_code(c: &Context, o: &Objective) -> Cell {
    text(c.mandate_of(o).map_or("", |m| &m.code))
}
fn mission_code(_: &Context, o: &Objective) -> Cell {
    text(&o.mission)
}
fn code(_: &Context, o: &Objective) -> Cell {
    text(&o.code)
}
fn operational(_: &Context, o: &Objective) -> Cell {
    text(&o.operational_objective)
}
fn assessorato(_: &Context, o: &Objective) -> Cell {
    text(&o.assessorato)
}
fn centre(_: &Context, o: &Objective) -> Cell {
    text(&o.responsibility_centre)
}
fn manager(_: &Context, o: &Objective) -> Cell {
    text(&o.manager)
}
fn status(_: &Context, o: &Objective) -> Cell {
    text(o.status.as_deref().unwrap_or_default())
}
fn progress(_: &Context, o: &Objective) -> Cell {
    Cell::Percent(o.progress().map(|r| r.value))
}
/// What the objective's progress left out (GUIDE §1: a roll-up says it), in
/// the sheet's Italian: `1 di 4 fasi misurate`, `completa`, or why there is none.
fn coverage(_: &Context, o: &Objective) -> Cell {
    let a = o.assessment();
    let said = match o.progress() {
        Some(_) if let Some(f) = &a.forced => format!("forzato: {}", f.reason),
        None if let Some(n) = &a.not_assessable => format!("n/v (non valutabile: {})", n.reason),
        Some(rollup) => rollup
            .coverage
            .note_in(crate::i18n::Lang::It)
            .unwrap_or_else(|| "completa".to_string()),
        None if o.phases.is_empty() => "nessuna fase".to_string(),
        None => "nessuna fase misurata".to_string(),
    };
    text(&said)
}
fn weights(_: &Context, o: &Objective) -> Cell {
    Cell::Number(weight_sum(&o.phases))
}

/// The two columns that say when a row was exported, last on every sheet.
fn stamp_columns() -> [Column; 2] {
    [
        objective_column(VERSION_HEADER, Role::Stamp, 9.0, |c, o| c.version_of(o)),
        objective_column(HISTORY_HEADER, Role::Stamp, 11.0, |c, _| {
            c.history_position()
        }),
    ]
}

/// The objective's columns on each of its phases' rows (the CSV's first columns).
/// Its manager and CdR are edited on the objectives sheet, where they appear once.
fn objective_part() -> [Column; 13] {
    use Role::{Derived, Key, ReadOnly};
    [
        objective_column("Mandato", ReadOnly, 18.0, mandate_code),
        objective_column("Titolo mandato", ReadOnly, 30.0, |c, o| {
            text(c.mandate_of(o).map_or("", |m| &m.title))
        }),
        objective_column("Missione", ReadOnly, 22.0, mission_code),
        objective_column("Titolo missione", ReadOnly, 30.0, |c, o| {
            text(c.mission_of(o).map_or("", |m| &m.title))
        }),
        objective_column(CODE_HEADER, Key, 14.0, code),
        objective_column("Obiettivo operativo", ReadOnly, 40.0, operational),
        objective_column("Assessorato", ReadOnly, 24.0, assessorato),
        objective_column("Centro di Responsabilità", ReadOnly, 24.0, centre),
        objective_column("Responsabile", ReadOnly, 20.0, manager),
        objective_column("Stato", ReadOnly, 10.0, status),
        objective_column("Avanzamento obiettivo", Derived, 12.0, progress),
        objective_column(COVERAGE_HEADER, Derived, 22.0, coverage),
        objective_column("Somma pesi", Derived, 10.0, weights),
    ]
}

/// What an import does with a phase field: the name identifies the phase for
/// the reader, so it is read-only, like a title.
fn phase_role(column: &PhaseColumn) -> Role {
    match column.field {
        PhaseField::Name => Role::ReadOnly,
        field => Role::Editable(Field::Phase(field)),
    }
}

/// The columns of the phases sheet (and of the CSV), in order.
pub fn phase_sheet() -> Vec<Column> {
    let mut columns: Vec<Column> = objective_part().into();
    columns.push(Column {
        header: PHASE_NUMBER_HEADER,
        role: Role::Key,
        width: 7.0,
        cell: CellFn::PhaseNumber,
    });
    columns.extend(PHASE_COLUMNS.iter().map(|c| Column {
        header: c.csv,
        role: phase_role(c),
        width: match c.kind {
            Kind::Date => 11.0,
            Kind::Percent | Kind::Number => 12.0,
            Kind::Name => 30.0,
            Kind::Text | Kind::Choice => 24.0,
        },
        cell: CellFn::Phase(c),
    }));
    columns.extend(stamp_columns());
    columns
}

/// The columns of the objectives sheet, in order.
pub fn objective_sheet() -> Vec<Column> {
    use Role::{Derived, Key, ReadOnly};
    let mut columns = vec![
        objective_column("Mandato", ReadOnly, 18.0, mandate_code),
        objective_column("Missione", ReadOnly, 22.0, mission_code),
        objective_column(CODE_HEADER, Key, 14.0, code),
        objective_column("Obiettivo operativo", ReadOnly, 40.0, operational),
        objective_column("Assessorato", ReadOnly, 24.0, assessorato),
        objective_column(
            "Centro di Responsabilità",
            editable(ObjectiveField::ResponsibilityCentre),
            24.0,
            centre,
        ),
        objective_column(
            "Responsabile",
            editable(ObjectiveField::Manager),
            20.0,
            manager,
        ),
        objective_column("Valore pubblico", ReadOnly, 24.0, |_, o| {
            text(&o.public_value)
        }),
        objective_column("Stato", ReadOnly, 10.0, status),
        objective_column("Avanzamento obiettivo", Derived, 12.0, progress),
        objective_column(COVERAGE_HEADER, Derived, 22.0, coverage),
        objective_column("Somma pesi", Derived, 10.0, weights),
        objective_column("Numero fasi", Derived, 8.0, |_, o| {
            Cell::Count(Some(o.phases.len()))
        }),
        objective_column(
            "Stato di attuazione 1° anno",
            editable(ObjectiveField::Year1),
            60.0,
            |_, o| text(&o.narratives.year1),
        ),
        objective_column(
            "Stato di attuazione 2° anno",
            editable(ObjectiveField::Year2),
            60.0,
            |_, o| text(&o.narratives.year2),
        ),
    ];
    columns.extend(stamp_columns());
    columns
}

impl Column {
    /// This column's cell on a row about `o` and `at`: on the phases sheet
    /// its phase (0-based; `None` on an objective's row, or the row of one
    /// without phases), on the indicators sheet its indicator and year.
    pub fn cell_at(&self, context: &Context, o: &Objective, at: At) -> Cell {
        match (self.cell, at) {
            (CellFn::Objective(f), _) => f(context, o),
            (CellFn::PhaseNumber, At::Phase(phase)) => Cell::Count(phase.map(|i| i + 1)),
            (CellFn::Phase(column), At::Phase(phase)) => {
                phase_cell(column, phase.and_then(|i| o.phases.get(i)))
            }
            (CellFn::Indicator(f), At::Indicator(r)) => match o.indicators.get(r.indicator) {
                Some(i) => f(context, i, r.indicator, r.year),
                None => Cell::Text(String::new()),
            },
            // Its cell's text read back: shown with every digit, it is the same number.
            (CellFn::IndicatorField(field), At::Indicator(r)) => {
                match o.indicators.get(r.indicator) {
                    Some(i) => Cell::Exact(parse_number(&field.shown(i)).ok().flatten()),
                    None => Cell::Text(String::new()),
                }
            }
            _ => Cell::Text(String::new()),
        }
    }
}

/// A phase field as a typed cell: a progress is a percentage, a weight a plain number.
fn phase_cell(column: &PhaseColumn, p: Option<&Phase>) -> Cell {
    let value = p.map(|p| (column.get)(p));
    match (column.kind, value) {
        (Kind::Number, Some(Value::Number(n))) => Cell::Exact(n),
        (Kind::Percent, v) => {
            let n = match v {
                Some(Value::Number(n)) => n,
                _ => None,
            };
            if column.unit == "%" {
                Cell::Percent(n)
            } else {
                Cell::Number(n)
            }
        }
        (Kind::Date, Some(Value::Date(d))) => Cell::Date(d),
        (Kind::Date, _) => Cell::Date(None),
        (_, Some(v)) => Cell::Text(v.to_string()),
        (_, None) => Cell::Text(String::new()),
    }
}

/// The rows of a sheet: (objective, phase) for each, in the plan's order. An
/// objective without phases still gets a row on the phases sheet, so every
/// objective is listed.
pub fn phase_rows(dataset: &Dataset) -> impl Iterator<Item = (&Objective, Option<usize>)> {
    dataset.objectives.iter().flat_map(|o| {
        let phases: Vec<Option<usize>> = if o.phases.is_empty() {
            vec![None]
        } else {
            (0..o.phases.len()).map(Some).collect()
        };
        phases.into_iter().map(move |i| (o, i))
    })
}

/// What a row of a sheet is about, besides its objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum At {
    /// A phase (0-based) on the phases sheet; `None` on the objectives sheet
    /// or the row of an objective without phases.
    Phase(Option<usize>),
    Indicator(IndicatorRow),
}

/// Which indicator of an objective a row of the indicators sheet is about, and in which plan year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IndicatorRow {
    pub indicator: usize,
    /// `None` for an indicator of a plan whose title names no years and that
    /// has no target or measurement to take one from.
    pub year: Option<i32>,
}

const fn indicator_column(
    header: &'static str,
    role: Role,
    width: f64,
    cell: fn(&Context, &Indicator, usize, Option<i32>) -> Cell,
) -> Column {
    Column {
        header,
        role,
        width,
        cell: CellFn::Indicator(cell),
    }
}

/// The columns of the indicators sheet (and of the CSV's second section), in
/// order: what the indicator is, then its year's target, last measurement and
/// achievement. A file changes the target and the measurement; the rest is the
/// indicator's definition, changed with `set`.
pub fn indicator_sheet() -> Vec<Column> {
    use IndicatorPart::{Measurement, Period, Target};
    use Role::{Derived, Indicator as Part, Key, ReadOnly};
    let mut columns = vec![
        objective_column("Missione", ReadOnly, 22.0, mission_code),
        objective_column(CODE_HEADER, Key, 14.0, code),
        indicator_column(INDICATOR_NUMBER_HEADER, Key, 7.0, |_, _, k, _| {
            Cell::Count(Some(k + 1))
        }),
        indicator_column("Indicatore", ReadOnly, 30.0, |_, i, _, _| text(&i.name)),
        indicator_column("Tipo", ReadOnly, 10.0, |_, i, _, _| {
            text(i.kind.map_or("", Words::italian))
        }),
        indicator_column("Unità", ReadOnly, 8.0, |_, i, _, _| text(&i.unit)),
        indicator_column("Polarità", ReadOnly, 11.0, |_, i, _, _| {
            text(i.polarity.italian())
        }),
        indicator_column("Regola", ReadOnly, 8.0, |_, i, _, _| text(i.rule.italian())),
        indicator_column("Peso indicatore", ReadOnly, 9.0, |_, i, _, _| {
            Cell::Exact(i.weight)
        }),
        indicator_column("Valore di partenza", ReadOnly, 10.0, |_, i, _, _| {
            Cell::Exact(i.baseline.map(|b| b.value))
        }),
        indicator_column("Anno di partenza", ReadOnly, 8.0, |_, i, _, _| {
            Cell::Count(i.baseline.and_then(|b| usize::try_from(b.year).ok()))
        }),
        indicator_column(YEAR_HEADER, Key, 7.0, |_, _, _, year| {
            Cell::Count(year.and_then(|y| usize::try_from(y).ok()))
        }),
        indicator_column("Target", Part(Target), 10.0, |_, i, _, year| {
            Cell::Exact(year.and_then(|y| i.targets.get(&y).copied()))
        }),
        indicator_column(
            "Periodo rilevazione",
            Part(Period),
            11.0,
            |_, i, _, year| {
                Cell::Date(
                    year.and_then(|y| i.last_measurement_in(y))
                        .map(|m| m.period),
                )
            },
        ),
        indicator_column("Rilevazione", Part(Measurement), 10.0, |_, i, _, year| {
            Cell::Exact(year.and_then(|y| i.last_measurement_in(y)).map(|m| m.value))
        }),
        indicator_column("Raggiungimento", Derived, 12.0, |_, i, _, year| {
            Cell::Percent(year.and_then(|y| i.achievement(y)).map(|a| a.value))
        }),
        indicator_column("Fascia", Derived, 20.0, |c, i, _, year| {
            let bands = c.dataset.plan.settings.bands;
            text(
                year.and_then(|y| i.achievement(y))
                    .map_or("", |a| bands.band(a.value).italian()),
            )
        }),
    ];
    // The indicator's other numbers (a field added to the table of indicator
    // fields), read-only under their CSV header, before the year's.
    let year = columns.iter().position(|c| c.header == YEAR_HEADER);
    let listed = [IndicatorField::Weight, IndicatorField::Baseline];
    let others = fields_for([], [])
        .into_iter()
        .filter(|f| f.is_number() && !listed.contains(f));
    let others: Vec<Column> = others
        .map(|field| Column {
            header: field.column().csv,
            role: ReadOnly,
            width: 10.0,
            cell: CellFn::IndicatorField(field),
        })
        .collect();
    let year = year.unwrap_or(columns.len());
    columns.splice(year..year, others);
    columns.extend(stamp_columns());
    columns
}

/// The rows of the indicators sheet: each indicator of each objective, once
/// per plan year, in the plan's order.
pub fn indicator_rows(dataset: &Dataset) -> Vec<(&Objective, IndicatorRow)> {
    let years = plan_years(&dataset.plan);
    let mut rows = Vec::new();
    for o in &dataset.objectives {
        for (k, i) in o.indicators.iter().enumerate() {
            let own: Vec<Option<i32>> = if years.is_empty() {
                indicator_years(i).into_iter().map(Some).collect()
            } else {
                years.iter().copied().map(Some).collect()
            };
            let own = if own.is_empty() { vec![None] } else { own };
            rows.extend(
                own.into_iter()
                    .map(|year| (o, IndicatorRow { indicator: k, year })),
            );
        }
    }
    rows
}

/// The years an indicator has a target or a measurement in (for a plan whose title names none).
fn indicator_years(i: &Indicator) -> std::collections::BTreeSet<i32> {
    use chrono::Datelike;
    i.targets
        .keys()
        .copied()
        .chain(i.measurements.iter().map(|m| m.period.year()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An indicator's number is in the sheet under its field's CSV header, so
    /// a number field added to the table of indicator fields is exported too.
    #[test]
    fn every_number_of_an_indicator_s_is_a_column_of_the_indicators_sheet() {
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let headers: Vec<_> = indicator_sheet().iter().map(|c| c.header).collect();
        let numbers = fields_for([2026], [june])
            .into_iter()
            .filter(|f| f.is_number());
        for field in numbers {
            assert!(headers.contains(&field.column().csv), "{field:?}");
        }
    }
}
