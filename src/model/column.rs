//! One description of a field of a table of rows, phases and indicators alike
//! (GUIDE §5): its labels, kind, width, `set` flag, and the plan state that
//! freezes it; and the one parser of each kind of field.

use serde::{Deserialize, Serialize};

use super::value::Value;
use super::values::{ValueError, parse_date, parse_number, parse_percent};
use crate::i18n::tr;

/// A label in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub it: &'static str,
    pub en: &'static str,
}

impl Words {
    /// In the reader's language.
    pub fn get(self) -> &'static str {
        tr(self.it, self.en)
    }
}

pub const fn w(it: &'static str, en: &'static str) -> Words {
    Words { it, en }
}

/// What a field holds: how it is typed, checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, may be empty.
    Text,
    /// Text that may not be empty (a phase's name).
    Name,
    /// A date, `dd/mm/yyyy`, or none.
    Date,
    /// 0–100, or none (weights and progress).
    Percent,
    /// Any number, negative too, or none (an indicator's target, measurement, baseline).
    Number,
    /// One word of a short list (an indicator's polarity, rule, kind).
    Choice,
}

impl Kind {
    /// Whether `c` can be the first character of a valid value: what lets a
    /// key typed on a table cell start editing it (GUIDE §4). A percentage is
    /// never negative and a date starts with its day, so only digits and a
    /// decimal separator qualify; text never starts from a key.
    pub fn can_begin(self, c: char) -> bool {
        match self {
            Kind::Percent => c.is_ascii_digit() || c == ',' || c == '.',
            Kind::Number => c.is_ascii_digit() || matches!(c, ',' | '.' | '-'),
            Kind::Date => c.is_ascii_digit(),
            Kind::Text | Kind::Name | Kind::Choice => false,
        }
    }

    /// What a user typed as a value of this kind (text trimmed; a choice is
    /// read by its table, which knows the words).
    pub fn parse(self, text: &str) -> Result<Value, ValueError> {
        Ok(match self {
            Kind::Percent => Value::Number(parse_percent(text)?),
            Kind::Number => Value::Number(parse_number(text)?),
            Kind::Date => Value::Date(parse_date(text)?),
            Kind::Name if text.trim().is_empty() => return Err(ValueError::Empty),
            Kind::Name | Kind::Text | Kind::Choice => Value::Text(text.trim().to_string()),
        })
    }
}

/// The states of the plan's year (GUIDE §8), in order: a field frozen from one
/// stays frozen in the states after it. Stored and exported by its code
/// (`draft`, `proposed`, …; GUIDE §8); `model::cycle` says the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    #[default]
    Draft,
    Proposed,
    Approved,
    Reporting,
    Assessment,
    Reported,
    Validated,
}

/// The state from which the year's data is closed (GUIDE §8): progress,
/// actual dates, narratives, notes, status and measurements are written
/// until the consuntivo, and frozen from Valutazione on, whose one entry is
/// the validator's answer — the OIV assesses the year as the consuntivo
/// left it, not a figure still moving under it.
pub const YEAR_CLOSED: PlanState = PlanState::Assessment;

/// One field of a table of rows, as every face shows and edits it.
#[derive(Debug)]
pub struct Column {
    /// The name in the JSON schema, the history and messages for scripts.
    pub name: &'static str,
    pub label: Words,
    /// A table header.
    pub short: Words,
    /// The CSV header (Italian whatever the reader's language: it is part of the format).
    pub csv: &'static str,
    /// Columns in the table; 0: takes the room that is left.
    pub width: u16,
    pub kind: Kind,
    /// `obiettivi set --<flag>`; empty: `set` does not write it.
    pub flag: &'static str,
    /// After the number where it is shown (`%` for a progress; a weight is a plain number).
    pub unit: &'static str,
    /// The state of the plan from which the field is frozen (GUIDE §8); none: never.
    pub frozen_from: Option<PlanState>,
}

/// A column with no unit, no CSV header of its own and never frozen (the
/// usual case; a row that differs says so with `..` over this).
pub const fn column(
    name: &'static str,
    label: Words,
    short: Words,
    width: u16,
    kind: Kind,
    flag: &'static str,
) -> Column {
    Column {
        name,
        label,
        short,
        csv: label.it,
        width,
        kind,
        flag,
        unit: "",
        frozen_from: None,
    }
}

/// A weight, a phase's or an indicator's: the same field of both tables,
/// part of the approved baseline.
pub const WEIGHT: Column = Column {
    frozen_from: Some(PlanState::Approved),
    ..column(
        "weight",
        w("Peso", "Weight"),
        w("Peso", "Weight"),
        6,
        Kind::Percent,
        "weight",
    )
};
