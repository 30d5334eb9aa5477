//! The editable fields of an objective and of a phase, how typed text becomes
//! a value of one, and why a value or a change is refused. Below the changes
//! (`edit`) and above the table of phase fields (`fields`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::column::{Kind, PlanState, YEAR_CLOSED};
use super::fields::{PhaseField, Slot};
use super::indicator_fields::{CellError, IndicatorField};
use super::limits;
use super::types::{Objective, Phase};
use super::value::Value;
use super::values::{ValueError, check_percent};
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// An editable field of an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveField {
    OperationalObjective,
    Assessorato,
    ResponsibilityCentre,
    Manager,
    PublicValue,
    Status,
    Year1,
    Year2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "of", content = "field")]
pub enum Field {
    Objective(ObjectiveField),
    Phase(PhaseField),
}

impl PhaseField {
    pub(crate) fn is_date(self) -> bool {
        self.column().kind == Kind::Date
    }

    /// Checks and sets the value. Dates are checked against each other by
    /// `apply_all`, once all the changes of a batch are in (so start and end can
    /// move together).
    pub(crate) fn set(self, p: &mut Phase, value: Value) -> Result<(), ChangeError> {
        check_value(Field::Phase(self), &value)?;
        match ((self.column().slot)(p), value) {
            (Slot::Text(slot), Value::Text(s)) => *slot = s,
            (Slot::Date(slot), Value::Date(d)) => *slot = d,
            (Slot::Number(slot), Value::Number(n)) => *slot = n,
            (_, v) => return Err(ChangeError::WrongKind(Field::Phase(self), v)),
        }
        Ok(())
    }
}

/// The rules a value must keep whoever sends it (GUIDE §1, §7): percentages
/// finite and within 0–100, names not empty, texts within their size limit.
pub(crate) fn check_value(field: Field, value: &Value) -> Result<(), ChangeError> {
    let bad = |error: ValueError| ChangeError::BadValue { field, error };
    match value {
        // A percentage is 0–100; any other number (a phase's of `Kind::Number`) only finite.
        Value::Number(Some(n)) if field.kind() == Kind::Percent => {
            check_percent(*n).map_err(bad)?;
        }
        Value::Number(Some(n)) if !n.is_finite() => {
            return Err(bad(ValueError::NotANumber(n.to_string())));
        }
        Value::Text(text) | Value::OptText(Some(text)) => {
            if field == Field::Phase(PhaseField::Name) && text.trim().is_empty() {
                return Err(bad(ValueError::Empty));
            }
            let limit = text_limit(field);
            if text.chars().count() > limit {
                return Err(ChangeError::TooLong { field, limit });
            }
        }
        _ => {}
    }
    Ok(())
}

/// How many characters `field` may hold (GUIDE §7).
fn text_limit(field: Field) -> usize {
    match field {
        Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2) => limits::NARRATIVE,
        // The operational objective is a paragraph in the scheda, not a name.
        Field::Objective(ObjectiveField::OperationalObjective) => limits::NARRATIVE,
        _ => limits::TEXT,
    }
}

impl ObjectiveField {
    pub const ALL: [ObjectiveField; 8] = [
        ObjectiveField::OperationalObjective,
        ObjectiveField::Assessorato,
        ObjectiveField::ResponsibilityCentre,
        ObjectiveField::Manager,
        ObjectiveField::PublicValue,
        ObjectiveField::Status,
        ObjectiveField::Year1,
        ObjectiveField::Year2,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ObjectiveField::OperationalObjective => {
                tr("Obiettivo operativo", "Operational objective")
            }
            ObjectiveField::Assessorato => tr("Assessorato", "Portfolio (assessorato)"),
            ObjectiveField::ResponsibilityCentre => {
                tr("Centro di Responsabilità", "Responsibility centre")
            }
            ObjectiveField::Manager => tr("Responsabile", "Manager"),
            ObjectiveField::PublicValue => tr("Valore pubblico", "Public value"),
            ObjectiveField::Status => tr("Stato", "Status"),
            ObjectiveField::Year1 => tr("Stato di attuazione 1° anno", "Status report, year 1"),
            ObjectiveField::Year2 => tr("Stato di attuazione 2° anno", "Status report, year 2"),
        }
    }

    /// The state of the plan from which the field is frozen (GUIDE §8): the
    /// title, manager and CdR are the approved baseline; the rest is the
    /// year's data, closed with it.
    pub fn frozen_from(self) -> PlanState {
        match self {
            ObjectiveField::OperationalObjective
            | ObjectiveField::Manager
            | ObjectiveField::ResponsibilityCentre => PlanState::Approved,
            _ => YEAR_CLOSED,
        }
    }

    pub(crate) fn get_value(self, o: &Objective) -> Value {
        match self {
            ObjectiveField::OperationalObjective => Value::Text(o.operational_objective.clone()),
            ObjectiveField::Assessorato => Value::Text(o.assessorato.clone()),
            ObjectiveField::ResponsibilityCentre => Value::Text(o.responsibility_centre.clone()),
            ObjectiveField::Manager => Value::Text(o.manager.clone()),
            ObjectiveField::PublicValue => Value::Text(o.public_value.clone()),
            ObjectiveField::Status => Value::OptText(o.status.clone()),
            ObjectiveField::Year1 => Value::Text(o.narratives.year1.clone()),
            ObjectiveField::Year2 => Value::Text(o.narratives.year2.clone()),
        }
    }

    pub(crate) fn set(self, o: &mut Objective, value: Value) -> Result<(), ChangeError> {
        check_value(Field::Objective(self), &value)?;
        let slot = match (self, value) {
            (ObjectiveField::Status, Value::OptText(s)) => {
                o.status = s;
                return Ok(());
            }
            (ObjectiveField::OperationalObjective, Value::Text(s)) => {
                (&mut o.operational_objective, s)
            }
            (ObjectiveField::Assessorato, Value::Text(s)) => (&mut o.assessorato, s),
            (ObjectiveField::ResponsibilityCentre, Value::Text(s)) => {
                (&mut o.responsibility_centre, s)
            }
            (ObjectiveField::Manager, Value::Text(s)) => (&mut o.manager, s),
            (ObjectiveField::PublicValue, Value::Text(s)) => (&mut o.public_value, s),
            (ObjectiveField::Year1, Value::Text(s)) => (&mut o.narratives.year1, s),
            (ObjectiveField::Year2, Value::Text(s)) => (&mut o.narratives.year2, s),
            (_, v) => return Err(ChangeError::WrongKind(Field::Objective(self), v)),
        };
        *slot.0 = slot.1;
        Ok(())
    }
}

impl Field {
    /// The current value as text, as a cell shows it before editing.
    pub fn current(self, o: &Objective, phase: Option<usize>) -> String {
        match self {
            Field::Objective(f) => f.get_value(o).to_string(),
            Field::Phase(f) => phase
                .and_then(|i| o.phases.get(i))
                .map(|p| f.get_value(p).to_string())
                .unwrap_or_default(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Objective(f) => f.label(),
            Field::Phase(f) => f.label(),
        }
    }

    /// Turns what a user typed into a value of this field, or says why not.
    /// What the field holds (an objective's fields are texts).
    pub fn kind(self) -> Kind {
        match self {
            Field::Phase(f) => f.column().kind,
            Field::Objective(_) => Kind::Text,
        }
    }

    pub fn parse(self, text: &str) -> Result<Value, ChangeError> {
        let value = match self {
            Field::Phase(f) => f.column().kind.parse(text).map_err(|e| self.bad(e))?,
            Field::Objective(ObjectiveField::Status) => {
                let t = text.trim();
                Value::OptText((!t.is_empty()).then(|| t.to_string()))
            }
            // Narratives keep their text exactly as typed (line breaks, spacing).
            Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2) => {
                Value::Text(text.to_string())
            }
            Field::Objective(_) => Value::Text(text.trim().to_string()),
        };
        check_value(self, &value)?;
        Ok(value)
    }

    fn bad(self, error: ValueError) -> ChangeError {
        ChangeError::BadValue { field: self, error }
    }
}

/// The field's name in the JSON schema, used in history and messages for scripts.
pub fn field_name(field: Field) -> &'static str {
    match field {
        Field::Objective(f) => match f {
            ObjectiveField::OperationalObjective => "operational_objective",
            ObjectiveField::Assessorato => "assessorato",
            ObjectiveField::ResponsibilityCentre => "responsibility_centre",
            ObjectiveField::Manager => "manager",
            ObjectiveField::PublicValue => "public_value",
            ObjectiveField::Status => "status",
            ObjectiveField::Year1 => "narratives.year1",
            ObjectiveField::Year2 => "narratives.year2",
        },
        Field::Phase(f) => f.column().name,
    }
}

/// Why a change cannot be applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why", content = "detail")]
pub enum ChangeError {
    /// A rule between values (an end before its start).
    Invalid {
        error: ValueError,
    },
    /// A value its field does not take, with the field it was meant for.
    BadValue {
        field: Field,
        error: ValueError,
    },
    TooLong {
        field: Field,
        limit: usize,
    },
    TooManyPhases {
        limit: usize,
    },
    NoSuchIndicator {
        objective: String,
        index: usize,
        count: usize,
    },
    TooManyIndicators {
        limit: usize,
    },
    /// An indicator that breaks a rule (GUIDE §1), with the reason.
    BadIndicator {
        index: usize,
        reason: String,
    },
    NoSuchPhase {
        objective: String,
        index: usize,
        count: usize,
    },
    WrongKind(Field, Value),
    /// A cell of an indicator refused what was typed.
    BadCell {
        field: IndicatorField,
        error: CellError,
    },
    PhaseRequired(PhaseField),
    /// A field the plan's state freezes (GUIDE §8): which, from which state,
    /// and the act that approved the baseline.
    Frozen {
        part: FrozenPart,
        from: PlanState,
        act: Option<String>,
    },
    /// A part of the assessment refused (its state, its reason, its value).
    Assessment {
        error: super::assessment::AssessmentError,
    },
}

/// The part of an objective an edit refused as frozen would have changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "of")]
pub enum FrozenPart {
    Objective {
        field: ObjectiveField,
    },
    Phase {
        index: usize,
        field: PhaseField,
    },
    /// Phases added, deleted or moved.
    Phases,
    Indicator {
        index: usize,
        field: IndicatorField,
    },
    /// Indicators added or deleted.
    Indicators,
    /// An objective added to the plan.
    Objectives,
    /// The Relazione's texts (`plan.texts`).
    PlanTexts,
}

impl fmt::Display for FrozenPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            FrozenPart::Objective { field } => field.label().into(),
            FrozenPart::Phase { index, field } => {
                tr_format!("fase {} {}", "phase {} {}", index + 1, field.label())
            }
            FrozenPart::Phases => tr_string("l'elenco delle fasi", "the list of phases"),
            FrozenPart::Indicator { index, field } => tr_format!(
                "indicatore {} {}",
                "indicator {} {}",
                index + 1,
                field.label()
            ),
            FrozenPart::Indicators => {
                tr_string("l'elenco degli indicatori", "the list of indicators")
            }
            FrozenPart::Objectives => {
                tr_string("l'elenco degli obiettivi", "the list of objectives")
            }
            FrozenPart::PlanTexts => tr_string("i testi della Relazione", "the report's texts"),
        };
        f.write_str(&said)
    }
}

impl From<ValueError> for ChangeError {
    fn from(e: ValueError) -> Self {
        ChangeError::Invalid { error: e }
    }
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            ChangeError::Invalid { error } => error.to_string(),
            ChangeError::BadValue { field, error } => format!("{}: {error}", field.label()),
            ChangeError::TooLong { field, limit } => tr_format!(
                "{}: il testo supera il limite di {limit} caratteri",
                "{}: the text exceeds the limit of {limit} characters",
                field.label()
            ),
            ChangeError::NoSuchIndicator {
                objective,
                index,
                count,
            } => tr_format!(
                "l'obiettivo {objective} non ha l'indicatore {} (indicatori: {count})",
                "objective {objective} has no indicator {} (indicators: {count})",
                index + 1
            ),
            ChangeError::TooManyIndicators { limit } => tr_format!(
                "un obiettivo può avere al massimo {limit} indicatori",
                "an objective can have at most {limit} indicators"
            ),
            ChangeError::BadIndicator { index, reason } => tr_format!(
                "indicatore {}: {reason}",
                "indicator {}: {reason}",
                index + 1
            ),
            ChangeError::TooManyPhases { limit } => tr_format!(
                "un obiettivo può avere al massimo {limit} fasi",
                "an objective can have at most {limit} phases"
            ),
            ChangeError::NoSuchPhase {
                objective,
                index,
                count,
            } => tr_format!(
                "l'obiettivo {objective} non ha la fase {} (fasi: {count})",
                "objective {objective} has no phase {} (phases: {count})",
                index + 1
            ),
            ChangeError::PhaseRequired(field) => tr_format!(
                "{}: indica la fase (--phase N)",
                "{}: say which phase (--phase N)",
                field.label()
            ),
            ChangeError::BadCell { field, error } => {
                format!("{}: {}", field.label(), error.said(&field.choices()))
            }
            ChangeError::Frozen {
                part,
                from: PlanState::Approved,
                act,
            } => tr_format!(
                "{part}: congelato dall'approvazione{act}: si cambia con una variazione",
                "{part}: frozen by the approval{act}: it changes through a variation",
                act = act.as_deref().map(|a| format!(", {a}")).unwrap_or_default()
            ),
            ChangeError::Frozen { part, from, .. } => tr_format!(
                "{part}: congelato dallo stato del piano «{}»: non si cambia più",
                "{part}: frozen since the plan's state «{}»: it no longer changes",
                from.label()
            ),
            ChangeError::Assessment { error } => error.to_string(),
            ChangeError::WrongKind(field, value) => tr_format!(
                "{}: tipo di valore non valido «{value}»",
                "{}: wrong kind of value «{value}»",
                field.label()
            ),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for ChangeError {}
