//! Changes to a plan: the one place where typed text becomes a validated value.
//! The TUI's cell editor and the `set` command both go through `Field::parse`
//! and `Change::apply`, so a value is accepted or refused the same way everywhere.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fields::{Kind, PHASE_COLUMNS, PhaseColumn, Slot};
use super::indicators::Indicator;
use super::limits;
use super::types::{Objective, Phase};
use super::values::{
    ValueError, check_percent, format_opt_date, format_opt_number, parse_date, parse_percent,
};
use crate::i18n::tr;

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

/// An editable field of a phase (the phase-table columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseField {
    Name,
    PlannedStart,
    PlannedEnd,
    ActualStart,
    ActualEnd,
    Weight,
    Progress,
    Manager,
    ResponsibilityCentre,
    Notes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "of", content = "field")]
pub enum Field {
    Objective(ObjectiveField),
    Phase(PhaseField),
}

/// A validated value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Value {
    Text(String),
    OptText(Option<String>),
    Number(Option<f64>),
    Date(#[serde(deserialize_with = "calendar_date")] Option<NaiveDate>),
}

/// A date as a value in a change: ISO `yyyy-mm-dd`, refused with the words
/// `set` uses for the same day typed `dd/mm/yyyy` (a raw request for
/// 2026-02-31 hears that 31/02/2026 does not exist, not "out of range").
fn calendar_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let typed = match text.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, day] => format!("{day}/{month}/{year}"),
        _ => text,
    };
    match parse_date(&typed) {
        Ok(Some(date)) => Ok(Some(date)),
        Ok(None) => Err(serde::de::Error::custom(ValueError::Empty)),
        Err(e) => Err(serde::de::Error::custom(e)),
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => write!(f, "{s}"),
            Value::OptText(s) => write!(f, "{}", s.as_deref().unwrap_or("")),
            Value::Number(n) => write!(f, "{}", format_opt_number(*n)),
            Value::Date(d) => write!(f, "{}", format_opt_date(*d)),
        }
    }
}

impl PhaseField {
    pub const ALL: [PhaseField; 10] = [
        PhaseField::Name,
        PhaseField::PlannedStart,
        PhaseField::PlannedEnd,
        PhaseField::ActualStart,
        PhaseField::ActualEnd,
        PhaseField::Weight,
        PhaseField::Progress,
        PhaseField::Manager,
        PhaseField::ResponsibilityCentre,
        PhaseField::Notes,
    ];

    /// This field's row in the table of phase fields.
    pub fn column(self) -> &'static PhaseColumn {
        &PHASE_COLUMNS[self as usize]
    }

    pub fn label(self) -> &'static str {
        self.column().label.get()
    }

    pub(crate) fn get_value(self, p: &Phase) -> Value {
        (self.column().get)(p)
    }

    fn is_date(self) -> bool {
        self.column().kind == Kind::Date
    }

    /// Checks and sets the value. Dates are checked against each other by
    /// `apply_all`, once all the changes of a batch are in (so start and end can
    /// move together).
    fn set(self, p: &mut Phase, value: Value) -> Result<(), ChangeError> {
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
        Value::Number(Some(n)) => {
            check_percent(*n).map_err(bad)?;
        }
        Value::Text(text) | Value::OptText(Some(text)) => {
            if field == Field::Phase(PhaseField::Name) && text.trim().is_empty() {
                return Err(bad(ValueError::Empty));
            }
            let limit = limits::text_limit(field);
            if text.chars().count() > limit {
                return Err(ChangeError::TooLong { field, limit });
            }
        }
        _ => {}
    }
    Ok(())
}

/// A whole phase (an added one) keeps every rule its fields keep one by one.
fn check_phase(p: &Phase) -> Result<(), ChangeError> {
    for field in PhaseField::ALL {
        check_value(Field::Phase(field), &field.get_value(p))?;
    }
    check_interval(p.planned_start, p.planned_end)?;
    check_interval(p.actual_start, p.actual_end)?;
    Ok(())
}

fn check_interval(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<(), ValueError> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(ValueError::EndBeforeStart { start, end }),
        _ => Ok(()),
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

    fn set(self, o: &mut Objective, value: Value) -> Result<(), ChangeError> {
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
    pub fn parse(self, text: &str) -> Result<Value, ChangeError> {
        let value = match self {
            Field::Phase(f) => match f.column().kind {
                Kind::Percent => Value::Number(parse_percent(text).map_err(|e| self.bad(e))?),
                Kind::Date => Value::Date(parse_date(text).map_err(|e| self.bad(e))?),
                Kind::Name | Kind::Text => Value::Text(text.trim().to_string()),
            },
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
    PhaseRequired(PhaseField),
}

impl From<ValueError> for ChangeError {
    fn from(e: ValueError) -> Self {
        ChangeError::Invalid { error: e }
    }
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::Invalid { error } => write!(f, "{error}"),
            ChangeError::BadValue { field, error } => write!(f, "{}: {error}", field.label()),
            ChangeError::TooLong { field, limit } => write!(
                f,
                "{}: {} {limit} {}",
                field.label(),
                tr(
                    "il testo supera il limite di",
                    "the text exceeds the limit of"
                ),
                tr("caratteri", "characters")
            ),
            ChangeError::NoSuchIndicator {
                objective,
                index,
                count,
            } => write!(
                f,
                "{} {objective} {} {} ({} {count})",
                tr("l'obiettivo", "objective"),
                tr("non ha l'indicatore", "has no indicator"),
                index + 1,
                tr("indicatori:", "indicators:")
            ),
            ChangeError::TooManyIndicators { limit } => write!(
                f,
                "{} {limit} {}",
                tr(
                    "un obiettivo può avere al massimo",
                    "an objective can have at most"
                ),
                tr("indicatori", "indicators")
            ),
            ChangeError::BadIndicator { index, reason } => write!(
                f,
                "{} {}: {reason}",
                tr("indicatore", "indicator"),
                index + 1
            ),
            ChangeError::TooManyPhases { limit } => write!(
                f,
                "{} {limit} {}",
                tr(
                    "un obiettivo può avere al massimo",
                    "an objective can have at most"
                ),
                tr("fasi", "phases")
            ),
            ChangeError::NoSuchPhase {
                objective,
                index,
                count,
            } => write!(
                f,
                "{} {objective} {} {} ({} {count})",
                tr("l'obiettivo", "objective"),
                tr("non ha la fase", "has no phase"),
                index + 1,
                tr("fasi:", "phases:")
            ),
            ChangeError::PhaseRequired(field) => write!(
                f,
                "{}: {}",
                field.label(),
                tr("indica la fase (--phase N)", "say which phase (--phase N)")
            ),
            ChangeError::WrongKind(field, value) => write!(
                f,
                "{}: {} «{value}»",
                field.label(),
                tr("tipo di valore non valido", "wrong kind of value")
            ),
        }
    }
}

impl std::error::Error for ChangeError {}

/// One change to one objective. Phases are addressed by their 0-based position in the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    SetObjective {
        objective: String,
        field: ObjectiveField,
        value: Value,
    },
    SetPhase {
        objective: String,
        phase: usize,
        field: PhaseField,
        value: Value,
    },
    AddPhase {
        objective: String,
        phase: usize,
        value: Phase,
    },
    DeletePhase {
        objective: String,
        phase: usize,
    },
    /// An indicator replaced whole (its measurements among it); the audit
    /// records each part that changed (`model::indicator_edit`).
    SetIndicator {
        objective: String,
        indicator: usize,
        value: Indicator,
    },
    AddIndicator {
        objective: String,
        indicator: usize,
        value: Indicator,
    },
    DeleteIndicator {
        objective: String,
        indicator: usize,
    },
    /// The phase at `from` taken out and put back at `to` (the others close up).
    MovePhase {
        objective: String,
        from: usize,
        to: usize,
    },
}

/// What a change did, for the audit history: old → new.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    pub objective: String,
    /// 0-based position of the phase, when the change is about one.
    pub phase: Option<usize>,
    /// The phase's name at the time, so history stays readable after renames and deletes.
    pub phase_name: Option<String>,
    /// `name` of the field, or `phase` for an added or deleted phase.
    pub field: String,
    /// Typed values, formatted only when shown (in the reader's language).
    pub old: Value,
    pub new: Value,
}

impl Change {
    pub fn objective(&self) -> &str {
        match self {
            Change::SetObjective { objective, .. }
            | Change::SetPhase { objective, .. }
            | Change::AddPhase { objective, .. }
            | Change::DeletePhase { objective, .. }
            | Change::SetIndicator { objective, .. }
            | Change::AddIndicator { objective, .. }
            | Change::DeleteIndicator { objective, .. }
            | Change::MovePhase { objective, .. } => objective,
        }
    }

    /// The change that undoes this one, given the objective as it was before it.
    /// `None` when this change cannot apply to `before` (nothing to undo).
    pub fn inverse(&self, before: &Objective) -> Option<Change> {
        let objective = before.code.clone();
        Some(match self {
            Change::SetObjective { field, .. } => Change::SetObjective {
                objective,
                field: *field,
                value: field.get_value(before),
            },
            Change::SetPhase { phase, field, .. } => Change::SetPhase {
                objective,
                phase: *phase,
                field: *field,
                value: field.get_value(before.phases.get(*phase)?),
            },
            Change::AddPhase { phase, .. } => Change::DeletePhase {
                objective,
                phase: *phase,
            },
            Change::DeletePhase { phase, .. } => Change::AddPhase {
                objective,
                phase: *phase,
                value: before.phases.get(*phase)?.clone(),
            },
            Change::SetIndicator { indicator, .. } => Change::SetIndicator {
                objective,
                indicator: *indicator,
                value: before.indicators.get(*indicator)?.clone(),
            },
            Change::AddIndicator { indicator, .. } => Change::DeleteIndicator {
                objective,
                indicator: *indicator,
            },
            Change::DeleteIndicator { indicator, .. } => Change::AddIndicator {
                objective,
                indicator: *indicator,
                value: before.indicators.get(*indicator)?.clone(),
            },
            Change::MovePhase { from, to, .. } => {
                let count = before.phases.len();
                if *from >= count || *to >= count {
                    return None;
                }
                Change::MovePhase {
                    objective,
                    from: *to,
                    to: *from,
                }
            }
        })
    }

    /// Parses `text` for `field` and builds the change (the shared path of TUI and CLI).
    pub fn parse(
        objective: &str,
        phase: Option<usize>,
        field: Field,
        text: &str,
    ) -> Result<Change, ChangeError> {
        let value = field.parse(text)?;
        let objective = objective.to_string();
        Ok(match (field, phase) {
            (Field::Phase(field), Some(phase)) => Change::SetPhase {
                objective,
                phase,
                field,
                value,
            },
            (Field::Phase(field), None) => return Err(ChangeError::PhaseRequired(field)),
            (Field::Objective(field), _) => Change::SetObjective {
                objective,
                field,
                value,
            },
        })
    }

    /// Applies the change to `o` (which must be the objective it names). Use
    /// `apply_all`, which also checks dates and leaves `o` untouched on refusal.
    fn apply(&self, o: &mut Objective) -> Result<Vec<Applied>, ChangeError> {
        let phase_count = o.phases.len();
        let no_such_phase = |index: usize| ChangeError::NoSuchPhase {
            objective: o.code.clone(),
            index,
            count: phase_count,
        };
        let applied = |phase: Option<usize>,
                       phase_name: Option<String>,
                       field: &str,
                       old: Value,
                       new: Value| Applied {
            objective: o.code.clone(),
            phase,
            phase_name,
            field: field.to_string(),
            old,
            new,
        };
        match self {
            Change::SetIndicator { .. }
            | Change::AddIndicator { .. }
            | Change::DeleteIndicator { .. } => super::indicator_edit::apply(self, o),
            Change::SetObjective { field, value, .. } => {
                let result = applied(
                    None,
                    None,
                    field_name(Field::Objective(*field)),
                    field.get_value(o),
                    value.clone(),
                );
                field.set(o, value.clone())?;
                Ok(vec![result])
            }
            Change::SetPhase {
                phase,
                field,
                value,
                ..
            } => {
                let p = o.phases.get(*phase).ok_or_else(|| no_such_phase(*phase))?;
                let result = applied(
                    Some(*phase),
                    Some(p.name.clone()),
                    field_name(Field::Phase(*field)),
                    field.get_value(p),
                    value.clone(),
                );
                let mut p = p.clone();
                field.set(&mut p, value.clone())?;
                o.phases[*phase] = p;
                Ok(vec![result])
            }
            Change::AddPhase { phase, value, .. } => {
                if *phase > phase_count {
                    return Err(no_such_phase(*phase));
                }
                if phase_count >= limits::PHASES {
                    return Err(ChangeError::TooManyPhases {
                        limit: limits::PHASES,
                    });
                }
                check_phase(value)?;
                let result = applied(
                    Some(*phase),
                    Some(value.name.clone()),
                    "phase",
                    Value::Text(String::new()),
                    Value::Text(value.name.clone()),
                );
                o.phases.insert(*phase, value.clone());
                Ok(vec![result])
            }
            Change::DeletePhase { phase, .. } => {
                if *phase >= phase_count {
                    return Err(no_such_phase(*phase));
                }
                let name = o.phases[*phase].name.clone();
                let result = applied(
                    Some(*phase),
                    Some(name.clone()),
                    "phase",
                    Value::Text(name),
                    Value::Text(String::new()),
                );
                o.phases.remove(*phase);
                Ok(vec![result])
            }
            Change::MovePhase { from, to, .. } => {
                if *from >= phase_count || *to >= phase_count {
                    return Err(no_such_phase((*from).max(*to)));
                }
                // Positions as people count them, 1-based, like the table's `#`.
                let result = applied(
                    Some(*to),
                    Some(o.phases[*from].name.clone()),
                    MOVED,
                    Value::Number(Some((*from + 1) as f64)),
                    Value::Number(Some((*to + 1) as f64)),
                );
                move_item(&mut o.phases, *from, *to);
                Ok(vec![result])
            }
        }
    }
}

/// The audit `field` of a moved phase (its old and new position, 1-based).
pub const MOVED: &str = "position";

/// Moves `items[from]` to `to` the way `Change::MovePhase` moves a phase (the
/// store keeps its phase ids in step with this).
pub fn move_item<T>(items: &mut Vec<T>, from: usize, to: usize) {
    let item = items.remove(from);
    items.insert(to, item);
}

/// Applies `changes` in order, all or nothing: on a refusal `o` is left as it was.
/// A phase whose dates were changed must not end before it starts.
pub fn apply_all(o: &mut Objective, changes: &[Change]) -> Result<Vec<Applied>, ChangeError> {
    let mut next = o.clone();
    let mut applied = Vec::with_capacity(changes.len());
    for change in changes {
        applied.extend(change.apply(&mut next)?);
    }
    for change in changes {
        if let Change::SetPhase { phase, field, .. } = change
            && field.is_date()
            && let Some(p) = next.phases.get(*phase)
        {
            check_interval(p.planned_start, p.planned_end)?;
            check_interval(p.actual_start, p.actual_end)?;
        }
    }
    *o = next;
    Ok(applied)
}

/// Checks `changes` on a copy of `o` as `apply_all` would apply them; on a
/// refusal, the index of the change to blame: the first whose prefix is
/// refused (an end moved before its start is named at the cell that moved it).
pub fn check_all(o: &Objective, changes: &[Change]) -> Result<(), (usize, ChangeError)> {
    let Err(error) = apply_all(&mut o.clone(), changes) else {
        return Ok(());
    };
    let culprit = (1..=changes.len())
        .find(|&n| apply_all(&mut o.clone(), &changes[..n]).is_err())
        .map_or(0, |n| n - 1);
    Err((culprit, error))
}

impl Field {
    /// Every editable field.
    pub fn all() -> impl Iterator<Item = Field> {
        ObjectiveField::ALL
            .into_iter()
            .map(Field::Objective)
            .chain(PhaseField::ALL.into_iter().map(Field::Phase))
    }

    /// The field whose schema name is `name` (phase fields first when both have it: the
    /// caller knows from the audit entry whether a phase was involved).
    pub fn from_name(name: &str, of_phase: bool) -> Option<Field> {
        Field::all().find(|f| field_name(*f) == name && matches!(f, Field::Phase(_)) == of_phase)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn objective() -> Objective {
        let mut o = Objective::new("05_1201_0601", "2024_28_DUP_05_1201");
        o.phases.push(Phase {
            name: "NUOVI ALLOGGI".into(),
            planned_start: NaiveDate::from_ymd_opt(2024, 1, 1),
            planned_end: NaiveDate::from_ymd_opt(2026, 12, 31),
            ..Phase::default()
        });
        o
    }

    fn set(o: &mut Objective, field: PhaseField, text: &str) -> Result<Applied, String> {
        let change = Change::parse(&o.code.clone(), Some(0), Field::Phase(field), text)
            .map_err(|e| e.to_string())?;
        apply_all(o, &[change])
            .map(|mut a| a.remove(0))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_valid_weight_is_applied_and_reported_old_to_new() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut o = objective();
        let a = set(&mut o, PhaseField::Weight, "40,5").unwrap();
        assert_eq!(o.phases[0].weight, Some(40.5));
        assert_eq!(
            (
                a.field.as_str(),
                a.old.to_string().as_str(),
                a.new.to_string().as_str()
            ),
            ("weight", "n/d", "40,5")
        );
        assert_eq!(a.phase_name.as_deref(), Some("NUOVI ALLOGGI"));
    }

    #[test]
    fn an_invalid_value_leaves_the_stored_one() {
        let mut o = objective();
        set(&mut o, PhaseField::Progress, "20").unwrap();
        for bad in ["-1", "101", "abc"] {
            assert!(set(&mut o, PhaseField::Progress, bad).is_err());
            assert_eq!(o.phases[0].progress, Some(20.0));
        }
    }

    #[test]
    fn an_end_before_its_start_is_refused() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut o = objective();
        let err = set(&mut o, PhaseField::PlannedEnd, "31/12/2023").unwrap_err();
        assert!(err.contains("è prima dell'inizio 01/01/2024"), "{err}");
        assert_eq!(
            o.phases[0].planned_end,
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        // And the other way round: a start after the end.
        assert!(set(&mut o, PhaseField::PlannedStart, "01/01/2027").is_err());
        // Start and end can move together in one batch.
        let both = [
            Change::parse(
                &o.code.clone(),
                Some(0),
                Field::Phase(PhaseField::PlannedStart),
                "01/01/2030",
            )
            .unwrap(),
            Change::parse(
                &o.code.clone(),
                Some(0),
                Field::Phase(PhaseField::PlannedEnd),
                "31/12/2031",
            )
            .unwrap(),
        ];
        apply_all(&mut o, &both).unwrap();
        assert_eq!(
            o.phases[0].planned_end,
            NaiveDate::from_ymd_opt(2031, 12, 31)
        );
        // Actual dates are checked against each other, not against planned ones.
        set(&mut o, PhaseField::ActualEnd, "31/01/2024").unwrap();
        assert!(set(&mut o, PhaseField::ActualStart, "01/02/2024").is_err());
        assert!(set(&mut o, PhaseField::ActualEnd, "31/02/2026").is_err());
    }

    #[test]
    fn phases_are_added_and_deleted_by_position() {
        let mut o = objective();
        let add = Change::AddPhase {
            objective: o.code.clone(),
            phase: 0,
            value: Phase {
                name: "PRIMA".into(),
                ..Phase::default()
            },
        };
        apply_all(&mut o, &[add]).unwrap();
        assert_eq!(o.phases[0].name, "PRIMA");
        assert_eq!(o.phases.len(), 2);
        let del = Change::DeletePhase {
            objective: o.code.clone(),
            phase: 5,
        };
        assert!(matches!(
            apply_all(&mut o, &[del]),
            Err(ChangeError::NoSuchPhase {
                index: 5,
                count: 2,
                ..
            })
        ));
        let del = Change::DeletePhase {
            objective: o.code.clone(),
            phase: 1,
        };
        let a = apply_all(&mut o, &[del]).unwrap().remove(0);
        assert_eq!(a.old, Value::Text("NUOVI ALLOGGI".into()));
        assert_eq!(o.phases.len(), 1);
    }

    #[test]
    fn a_phase_name_cannot_be_emptied_but_a_status_can() {
        let mut o = objective();
        assert!(set(&mut o, PhaseField::Name, "  ").is_err());
        let c = Change::parse(
            &o.code.clone(),
            None,
            Field::Objective(ObjectiveField::Status),
            "In Corso",
        )
        .unwrap();
        apply_all(&mut o, &[c]).unwrap();
        assert_eq!(o.status.as_deref(), Some("In Corso"));
        let c = Change::parse(
            &o.code.clone(),
            None,
            Field::Objective(ObjectiveField::Status),
            "",
        )
        .unwrap();
        apply_all(&mut o, &[c]).unwrap();
        assert_eq!(o.status, None);
    }

    #[test]
    fn every_change_has_an_inverse_that_restores_the_objective() {
        let mut o = objective();
        o.phases.push(Phase {
            name: "SECONDA".into(),
            weight: Some(10.0),
            ..Phase::default()
        });
        let code = o.code.clone();
        let changes = [
            Change::parse(&code, Some(1), Field::Phase(PhaseField::Weight), "55").unwrap(),
            Change::parse(&code, Some(0), Field::Phase(PhaseField::PlannedEnd), "").unwrap(),
            Change::parse(
                &code,
                None,
                Field::Objective(ObjectiveField::Year1),
                "testo",
            )
            .unwrap(),
            Change::parse(
                &code,
                None,
                Field::Objective(ObjectiveField::Status),
                "Concluso",
            )
            .unwrap(),
            Change::AddPhase {
                objective: code.clone(),
                phase: 1,
                value: Phase {
                    name: "NUOVA".into(),
                    ..Phase::default()
                },
            },
            Change::MovePhase {
                objective: code.clone(),
                from: 0,
                to: 2,
            },
            Change::DeletePhase {
                objective: code.clone(),
                phase: 0,
            },
        ];
        for change in changes {
            let before = o.clone();
            let undo = change.inverse(&before).unwrap();
            apply_all(&mut o, std::slice::from_ref(&change)).unwrap();
            assert_ne!(o, before, "{change:?} changed nothing");
            let mut undone = o.clone();
            apply_all(&mut undone, &[undo]).unwrap();
            assert_eq!(undone, before, "undo of {change:?}");
        }
        let missing = Change::DeletePhase {
            objective: code,
            phase: 9,
        };
        assert_eq!(missing.inverse(&o), None);
    }

    #[test]
    fn a_moved_phase_is_recorded_with_its_old_and_new_position() {
        let mut o = objective();
        for name in ["B", "C"] {
            o.phases.push(Phase {
                name: name.into(),
                ..Phase::default()
            });
        }
        let code = o.code.clone();
        let down = Change::MovePhase {
            objective: code.clone(),
            from: 0,
            to: 1,
        };
        let a = apply_all(&mut o, &[down]).unwrap().remove(0);
        let names: Vec<&str> = o.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["B", "NUOVI ALLOGGI", "C"]);
        assert_eq!(
            (a.field.as_str(), a.phase, a.phase_name.as_deref()),
            (MOVED, Some(1), Some("NUOVI ALLOGGI"))
        );
        assert_eq!(
            (a.old, a.new),
            (Value::Number(Some(1.0)), Value::Number(Some(2.0)))
        );
        let beyond = Change::MovePhase {
            objective: code,
            from: 2,
            to: 3,
        };
        assert!(apply_all(&mut o, &[beyond]).is_err());
        assert_eq!(o.phases[2].name, "C");
    }

    #[test]
    fn narratives_keep_their_line_breaks() {
        let mut o = objective();
        let text = "Primo paragrafo.\n\n- punto uno\n- punto due\n";
        let c = Change::parse(
            &o.code.clone(),
            None,
            Field::Objective(ObjectiveField::Year2),
            text,
        )
        .unwrap();
        apply_all(&mut o, &[c]).unwrap();
        assert_eq!(o.narratives.year2, text);
    }
}
