//! What a change did, as the audit history keeps it: which part of the
//! objective (typed), old → new. Stored and sent with the part's schema name
//! (`weight`, `indicators[0].targets.2026`), as every version before this one
//! wrote it, so old history entries read the same.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::field::{Field, ObjectiveField, field_name};
use super::fields::PhaseField;
use super::indicator_fields::IndicatorField;
use super::value::Value;

/// What a change did, for the audit history: old → new.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "Stored", from = "Stored")]
pub struct Applied {
    pub objective: String,
    /// 0-based position of the phase, when the change is about one.
    pub phase: Option<usize>,
    /// The phase's name at the time, so history stays readable after renames
    /// and deletes (an indicator's, for an indicator's part).
    pub phase_name: Option<String>,
    /// What was changed.
    pub field: Part,
    /// Typed values, formatted only when shown (in the reader's language).
    pub old: Value,
    pub new: Value,
}

/// The part of an objective a change changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Objective(ObjectiveField),
    Phase(PhaseField),
    /// A phase added (old empty) or deleted (new empty).
    PhaseRow,
    /// A phase moved: its old and new position, 1-based.
    Moved,
    /// An indicator added or deleted (no cell), or one of its cells.
    Indicator {
        index: usize,
        cell: Option<IndicatorField>,
    },
    /// An objective imported (`+` when new).
    Import,
    /// The plan restored from a backup.
    Restore,
    /// The plan moved from one state of its year to another (GUIDE §8):
    /// old and new are the states' codes.
    Cycle,
    /// One of the Relazione's texts (`plan.texts`, GUIDE §9), stored as
    /// `texts.presentazione`.
    PlanText(super::types::PlanText),
    /// A monitoring window opened or closed (GUIDE §8): old and new are
    /// the window's states' codes.
    Window(NaiveDate),
    /// A part of the objective's assessment (GUIDE §8): old and new said as text.
    Assessment(super::assessment::AssessmentPart),
    /// A name this version does not know (a newer one wrote it): kept as it is.
    Other(String),
}

impl Part {
    /// The schema name, as the history stores it.
    pub fn name(&self) -> String {
        match self {
            Part::Objective(f) => field_name(Field::Objective(*f)).into(),
            Part::Phase(f) => f.column().name.into(),
            Part::PhaseRow => "phase".into(),
            Part::Moved => "position".into(),
            Part::Import => "import".into(),
            Part::Restore => "restore".into(),
            Part::Cycle => "cycle".into(),
            Part::PlanText(t) => format!("texts.{}", t.code()),
            Part::Window(period) => format!("windows.{}", period.format("%Y-%m-%d")),
            Part::Assessment(p) => format!("assessment.{}", p.name()),
            Part::Indicator { index, cell: None } => format!("indicators[{index}]"),
            Part::Indicator {
                index,
                cell: Some(cell),
            } => format!("indicators[{index}].{}", cell_name(*cell)),
            Part::Other(name) => name.clone(),
        }
    }

    /// The part a stored name means (`of_phase`: the entry names a phase,
    /// which tells a phase's `manager` from the objective's).
    pub fn from_name(name: &str, of_phase: bool) -> Part {
        let known = match name {
            "phase" => Some(Part::PhaseRow),
            "position" => Some(Part::Moved),
            "import" => Some(Part::Import),
            "restore" => Some(Part::Restore),
            "cycle" => Some(Part::Cycle),
            _ if name.starts_with("texts.") => {
                super::types::PlanText::from_code(&name["texts.".len()..]).map(Part::PlanText)
            }
            _ if name.starts_with("windows.") => (name.strip_prefix("windows."))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(Part::Window),
            _ if name.starts_with("indicators[") => indicator_part(name),
            _ if name.starts_with("assessment.") => name
                .strip_prefix("assessment.")
                .and_then(super::assessment::AssessmentPart::from_name)
                .map(Part::Assessment),
            _ if of_phase => PhaseField::ALL
                .into_iter()
                .find(|f| f.column().name == name)
                .map(Part::Phase),
            _ => ObjectiveField::ALL
                .into_iter()
                .find(|f| field_name(Field::Objective(*f)) == name)
                .map(Part::Objective),
        };
        known.unwrap_or_else(|| Part::Other(name.to_string()))
    }
}

/// `targets.2026`, `measurements.2026-06-30`, `baseline`…
fn cell_name(cell: IndicatorField) -> String {
    match cell {
        IndicatorField::Target(year) => format!("targets.{year}"),
        IndicatorField::Measurement(period) => {
            format!("measurements.{}", period.format("%Y-%m-%d"))
        }
        other => other.column().name.into(),
    }
}

/// `indicators[0]`, `indicators[0].targets.2026`.
fn indicator_part(name: &str) -> Option<Part> {
    let (index, cell) = name.strip_prefix("indicators[")?.split_once(']')?;
    let index = index.parse().ok()?;
    let cell = match cell.strip_prefix('.') {
        None if cell.is_empty() => None,
        None => return None,
        Some(cell) => Some(match cell.split_once('.') {
            Some(("targets", year)) => IndicatorField::Target(year.parse().ok()?),
            Some(("measurements", period)) => {
                IndicatorField::Measurement(NaiveDate::parse_from_str(period, "%Y-%m-%d").ok()?)
            }
            _ => super::indicator_fields::fields_for([], [])
                .into_iter()
                .find(|f| f.column().name == cell)?,
        }),
    };
    Some(Part::Indicator { index, cell })
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())
    }
}

impl PartialEq<&str> for Part {
    fn eq(&self, name: &&str) -> bool {
        self.name() == *name
    }
}

/// An entry as stored and sent: the part by its name.
#[derive(Serialize, Deserialize)]
struct Stored {
    objective: String,
    phase: Option<usize>,
    phase_name: Option<String>,
    field: String,
    old: Value,
    new: Value,
}

impl From<Applied> for Stored {
    fn from(a: Applied) -> Stored {
        Stored {
            field: a.field.name(),
            objective: a.objective,
            phase: a.phase,
            phase_name: a.phase_name,
            old: a.old,
            new: a.new,
        }
    }
}

impl From<Stored> for Applied {
    fn from(s: Stored) -> Applied {
        Applied {
            field: Part::from_name(&s.field, s.phase.is_some()),
            objective: s.objective,
            phase: s.phase,
            phase_name: s.phase_name,
            old: s.old,
            new: s.new,
        }
    }
}
