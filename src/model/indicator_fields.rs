//! The one table of indicator fields (`INDICATOR_FIELDS`), in the shape of
//! the phases': each field declared once, with its description (`Column`),
//! how its cell is shown and how typed text is written into it. Targets and
//! measurements are one field per plan year and per monitoring period.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use super::column::{Column, Kind, PlanState, WEIGHT, YEAR_CLOSED, column, w};
use super::indicators::{Baseline, Indicator, IndicatorKind, Measurement, Polarity, Rule, Words};
use super::value::Value;
use super::values::{ValueError, format_date, format_date_narrow, format_exact, parse_percent};
use crate::i18n::tr_string;
use crate::tr_format;
use IndicatorField as F;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "of", content = "at")]
pub enum IndicatorField {
    Name,
    Weight,
    Baseline,
    /// The target of a plan year.
    Target(i32),
    /// The value measured at the end of a monitoring period (and its note).
    Measurement(NaiveDate),
    Unit,
    Polarity,
    Rule,
    Kind,
    Source,
    Formula,
}

/// The fields in table order (`INDICATOR_FIELDS`'), with a target for each
/// of `years` and a measurement for each of `periods`.
pub fn fields_for(
    years: impl IntoIterator<Item = i32>,
    periods: impl IntoIterator<Item = chrono::NaiveDate>,
) -> Vec<IndicatorField> {
    let (mut years, mut periods) = (Some(years), Some(periods));
    let mut out = Vec::new();
    for row in &INDICATOR_FIELDS {
        match row.field {
            F::Target(_) => out.extend(years.take().into_iter().flatten().map(F::Target)),
            F::Measurement(_) => {
                out.extend(periods.take().into_iter().flatten().map(F::Measurement))
            }
            field => out.push(field),
        }
    }
    out
}

/// Every field either indicator has: the fixed ones, a target for each year
/// either names, a measurement for each period either has.
pub fn fields_either_has(a: &Indicator, b: &Indicator) -> Vec<IndicatorField> {
    let years: BTreeSet<i32> = a.targets.keys().chain(b.targets.keys()).copied().collect();
    let periods: BTreeSet<NaiveDate> = (a.measurements.iter().chain(&b.measurements))
        .map(|m| m.period)
        .collect();
    fields_for(years, periods)
}

impl IndicatorField {
    /// This field's row in the table of indicator fields (one row for all
    /// the targets, one for all the measurements).
    fn row(self) -> &'static IndicatorFieldRow {
        let kind = std::mem::discriminant(&self);
        (INDICATOR_FIELDS.iter())
            .find(|row| std::mem::discriminant(&row.field) == kind)
            .expect("every field has its row in INDICATOR_FIELDS")
    }

    /// This field's description.
    pub fn column(self) -> &'static Column {
        &self.row().column
    }

    /// In messages and the status line: `Target 2026`, `Rilevazione 30/06/2026`.
    pub fn label(self) -> String {
        let label = self.column().label.get();
        match self {
            IndicatorField::Target(year) => format!("{label} {year}"),
            IndicatorField::Measurement(period) => format!("{label} {}", format_date(period)),
            _ => label.to_string(),
        }
    }

    /// A table header: `Tgt 2026`, `Ril. 30/06/26`.
    pub fn header(self) -> String {
        let short = self.column().short.get();
        match self {
            IndicatorField::Target(year) => format!("{short} {year}"),
            IndicatorField::Measurement(period) => {
                format!("{short} {}", format_date_narrow(period))
            }
            _ => short.to_string(),
        }
    }

    /// Numbers: a digit typed on the cell starts editing it, a letter is refused.
    pub fn is_number(self) -> bool {
        matches!(self.column().kind, Kind::Percent | Kind::Number)
    }

    /// Writes what a user typed into `i`, or says why not (`i` then is as it
    /// was). Empty text clears an optional value (a target, a measurement, the weight).
    pub fn write(self, i: &mut Indicator, text: &str) -> Result<(), CellError> {
        (self.row().write)(i, self, text.trim())
    }

    /// The value as the history records it: words by their schema name (the
    /// same in every language), a measurement with its note: `15 (nota)`.
    pub fn recorded(self, i: &Indicator) -> String {
        match self {
            F::Polarity => i.polarity.name().into(),
            F::Rule => i.rule.name().into(),
            F::Kind => i.kind.map(Words::name).unwrap_or_default().into(),
            F::Measurement(_) => self.with_note(i, |n| format!(" ({n})")),
            other => other.edit_text(i),
        }
    }

    /// A measurement's number with every digit, and its note said by `note`.
    fn with_note(self, i: &Indicator, note: fn(&str) -> String) -> String {
        self.number_and_note(i)
            .map(|(value, n)| match n {
                "" => format_exact(value),
                n => format_exact(value) + &note(n),
            })
            .unwrap_or_default()
    }

    /// A target's or a measurement's number (and a measurement's note).
    pub fn number_and_note(self, i: &Indicator) -> Option<(f64, &str)> {
        match self {
            IndicatorField::Target(year) => i.targets.get(&year).map(|v| (*v, "")),
            IndicatorField::Measurement(period) => (i.measurements.iter())
                .find(|m| m.period == period)
                .map(|m| (m.value, m.note.as_str())),
            _ => None,
        }
    }

    /// A target's or a measurement's number.
    pub fn number(self, i: &Indicator) -> Option<f64> {
        self.number_and_note(i).map(|(v, _)| v)
    }

    /// The words a choice takes, for messages (`crescente|decrescente`).
    pub fn choices(self) -> String {
        match self {
            IndicatorField::Polarity => Polarity::choices(),
            IndicatorField::Rule => Rule::choices(),
            IndicatorField::Kind => IndicatorKind::choices(),
            _ => String::new(),
        }
    }

    /// A measurement (or its note): what a manager may change (GUIDE §7).
    pub fn is_measurement(self) -> bool {
        matches!(self, IndicatorField::Measurement(_))
    }

    /// The cell's text (a measurement's note is not in it: the list under the
    /// table shows it). A number with every digit it was typed with: what is
    /// shown is what an edit, the history and an export carry back.
    pub fn shown(self, i: &Indicator) -> String {
        (self.row().shown)(i, self)
    }

    /// What the cell's editor opens with: the value as typed back (`15; nota`).
    pub fn edit_text(self, i: &Indicator) -> String {
        match self {
            IndicatorField::Measurement(_) => self.with_note(i, |n| format!("; {n}")),
            IndicatorField::Source => i.source.clone(),
            IndicatorField::Formula => i.formula.clone(),
            other => other.shown(i),
        }
    }
}

/// An indicator field declared once: its description, the cell's text, and
/// how typed (trimmed) text is written into it.
pub struct IndicatorFieldRow {
    /// The field (a target's, a measurement's stands for all of them).
    pub field: IndicatorField,
    pub column: Column,
    shown: fn(&Indicator, IndicatorField) -> String,
    write: fn(&mut Indicator, IndicatorField, &str) -> Result<(), CellError>,
}

/// The table of indicator fields, in table order; a new field is a variant
/// of `IndicatorField` and a row here.
#[rustfmt::skip]
pub static INDICATOR_FIELDS: [IndicatorFieldRow; 11] = [
    IndicatorFieldRow {
        field: F::Name,
        column: Column { frozen_from: Some(PlanState::Approved), csv: "Indicatore", ..column("name", w("Nome dell'indicatore", "Indicator name"), w("Indicatore", "Indicator"), 0, Kind::Name, "name") },
        shown: |i, _| i.name.clone(),
        write: |i, _, t| put(&mut i.name, (!t.is_empty()).then(|| t.to_string()).ok_or(CellError::Value(ValueError::Empty))),
    },
    IndicatorFieldRow {
        field: F::Weight,
        column: Column { csv: "Peso indicatore", ..WEIGHT },
        shown: |i, _| number(i.weight),
        write: |i, _, t| put(&mut i.weight, parse_percent(t).map_err(CellError::Value)),
    },
    IndicatorFieldRow {
        field: F::Baseline,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("baseline", w("Valore di partenza", "Baseline"), w("Base", "Baseline"), 16, Kind::Number, "baseline") },
        shown: |i, _| i.baseline.map(|b| format!("{} ({})", format_exact(b.value), b.year)).unwrap_or_default(),
        write: write_baseline,
    },
    IndicatorFieldRow {
        field: F::Target(0),
        column: Column { frozen_from: Some(PlanState::Approved), ..column("targets", w("Target", "Target"), w("Tgt", "Tgt"), 16, Kind::Number, "target") },
        shown: |i, f| number(f.number(i)),
        write: write_target,
    },
    IndicatorFieldRow {
        field: F::Measurement(NaiveDate::MIN),
        column: Column { frozen_from: Some(YEAR_CLOSED), ..column("measurements", w("Rilevazione", "Measurement"), w("Ril.", "Meas."), 16, Kind::Number, "measure") },
        shown: |i, f| number(f.number(i)),
        write: write_measurement,
    },
    IndicatorFieldRow {
        field: F::Unit,
        column: Column { frozen_from: Some(PlanState::Approved), csv: "Unità", ..column("unit", w("Unità di misura", "Unit"), w("Unità", "Unit"), 16, Kind::Text, "unit") },
        shown: |i, _| i.unit.clone(),
        write: |i, _, t| put(&mut i.unit, Ok(t.to_string())),
    },
    IndicatorFieldRow {
        field: F::Polarity,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("polarity", w("Polarità", "Polarity"), w("Polarità", "Polarity"), 16, Kind::Choice, "polarity") },
        shown: |i, _| i.polarity.label().into(),
        write: |i, _, t| put(&mut i.polarity, choice(t)),
    },
    IndicatorFieldRow {
        field: F::Rule,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("rule", w("Regola", "Rule"), w("Regola", "Rule"), 16, Kind::Choice, "rule") },
        shown: |i, _| i.rule.label().into(),
        write: |i, _, t| put(&mut i.rule, choice(t)),
    },
    IndicatorFieldRow {
        field: F::Kind,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("kind", w("Tipo", "Kind"), w("Tipo", "Kind"), 16, Kind::Choice, "") },
        shown: |i, _| i.kind.map_or("", Words::label).into(),
        write: |i, _, t| put(&mut i.kind, (!t.is_empty()).then(|| choice(t)).transpose()),
    },
    IndicatorFieldRow {
        field: F::Source,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("source", w("Fonte", "Source"), w("Fonte", "Source"), 30, Kind::Text, "") },
        shown: |i, _| i.source.replace('\n', " "),
        write: |i, _, t| put(&mut i.source, Ok(t.to_string())),
    },
    IndicatorFieldRow {
        field: F::Formula,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("formula", w("Formula", "Formula"), w("Formula", "Formula"), 30, Kind::Text, "") },
        shown: |i, _| i.formula.replace('\n', " "),
        write: |i, _, t| put(&mut i.formula, Ok(t.to_string())),
    },
];

/// Writes `value` into `slot`, or says why not (`slot` then is as it was).
fn put<T>(slot: &mut T, value: Result<T, CellError>) -> Result<(), CellError> {
    *slot = value?;
    Ok(())
}

/// A number with every digit, or nothing.
fn number(value: Option<f64>) -> String {
    value.map(format_exact).unwrap_or_default()
}

/// A number a cell needs (`Kind::Number` reads it; empty is not one here).
fn required_number(text: &str) -> Result<f64, CellError> {
    optional_number(text)?.ok_or_else(|| CellError::NotANumber(text.to_string()))
}

/// A number, or nothing for empty text.
fn optional_number(text: &str) -> Result<Option<f64>, CellError> {
    match Kind::Number.parse(text) {
        Ok(Value::Number(n)) => Ok(n),
        _ => Err(CellError::NotANumber(text.to_string())),
    }
}

/// One of a choice's words, as typed.
fn choice<T: Words>(text: &str) -> Result<T, CellError> {
    T::typed(text).ok_or_else(|| CellError::NotAChoice(text.to_string()))
}

/// A target's number; empty: none.
fn write_target(i: &mut Indicator, f: IndicatorField, t: &str) -> Result<(), CellError> {
    if let IndicatorField::Target(year) = f {
        match optional_number(t)? {
            None => i.targets.remove(&year),
            Some(n) => i.targets.insert(year, n),
        };
    }
    Ok(())
}

/// `12 (2025)` as shown, `12@2025` as `set` takes it, or `12 2025`; empty: none.
fn write_baseline(i: &mut Indicator, _: IndicatorField, t: &str) -> Result<(), CellError> {
    if t.is_empty() {
        i.baseline = None;
        return Ok(());
    }
    let cleaned = t.replace(['(', ')', '@'], " ");
    let [value, year] = cleaned.split_whitespace().collect::<Vec<_>>()[..] else {
        return Err(CellError::NotValueAndYear(t.to_string()));
    };
    let year = parse_year(year)?;
    let value = required_number(value)?;
    i.baseline = Some(Baseline { value, year });
    Ok(())
}

/// `15; nota` as typed, or `15 (nota)` as the history records it; empty: none.
fn write_measurement(i: &mut Indicator, f: IndicatorField, t: &str) -> Result<(), CellError> {
    let IndicatorField::Measurement(period) = f else {
        return Ok(());
    };
    let recorded = t.split_once(" (").and_then(|(v, n)| {
        let note = n.strip_suffix(')')?;
        required_number(v).is_ok().then_some((v, note))
    });
    let (value, note) = match (recorded, t.split_once(';')) {
        (Some(recorded), _) => recorded,
        (None, Some((v, n))) => (v.trim(), n.trim()),
        (None, None) => (t, ""),
    };
    if value.is_empty() && !note.is_empty() {
        return Err(CellError::NoteWithoutValue);
    }
    let value = (!value.is_empty())
        .then(|| required_number(value))
        .transpose()?;
    i.measurements.retain(|m| m.period != period);
    if let Some(value) = value {
        i.measurements.push(Measurement {
            period,
            value,
            note: note.to_string(),
        });
        i.measurements.sort_by_key(|m| m.period);
    }
    Ok(())
}

/// Why an indicator's cell refuses what was typed (its field says which cell).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why", content = "text")]
pub enum CellError {
    /// A rule of the field's kind (a weight over 100, an empty name).
    Value(ValueError),
    NotANumber(String),
    NotAYear(String),
    /// A baseline is a value and its year.
    NotValueAndYear(String),
    /// A measurement's note without its value.
    NoteWithoutValue,
    /// None of the field's words.
    NotAChoice(String),
}

impl CellError {
    /// What is wrong, after the cell's label; `choices` the words a choice takes.
    pub fn said(&self, choices: &str) -> String {
        match self {
            CellError::Value(e) => e.to_string(),
            CellError::NotANumber(t) => {
                tr_format!("«{t}» non è un numero", "«{t}» is not a number")
            }
            CellError::NotAYear(t) => tr_format!("«{t}» non è un anno", "«{t}» is not a year"),
            CellError::NotValueAndYear(t) => tr_format!(
                "«{t}»: scrivi valore e anno, es. 12 (2025)",
                "«{t}»: write value and year, e.g. 12 (2025)"
            ),
            CellError::NoteWithoutValue => tr_string(
                "una nota va con un valore (es. 15; nota)",
                "a note goes with a value (e.g. 15; note)",
            ),
            CellError::NotAChoice(t) => format!("«{t}»: {choices}"),
        }
    }
}

/// A year as people write it (a target's, a baseline's): four digits, 1900–2200.
pub fn parse_year(text: &str) -> Result<i32, CellError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| CellError::NotAYear(text.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each field is declared once, in table order: a field finds its own
    /// row, and the fields of a plan follow the rows.
    #[test]
    fn each_field_has_its_one_row_and_the_fields_follow_the_rows() {
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let fields = fields_for([2026], [june]);
        assert_eq!(fields.len(), INDICATOR_FIELDS.len());
        for (field, row) in fields.iter().zip(&INDICATOR_FIELDS) {
            assert!(std::ptr::eq(field.row(), row), "{field:?}");
        }
        let mut names: Vec<_> = INDICATOR_FIELDS.iter().map(|r| r.column.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), INDICATOR_FIELDS.len());
    }
}
