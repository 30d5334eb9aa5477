//! Changes to a plan: the one place where typed text becomes a validated value.
//! The TUI's cell editor and the `set` command both go through `Field::parse`
//! and `Change::apply`, so a value is accepted or refused the same way everywhere.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::types::{Objective, Phase};
use super::values::{ValueError, format_opt_date, format_opt_number, parse_date, parse_percent};
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
    Date(Option<NaiveDate>),
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

    pub fn label(self) -> &'static str {
        match self {
            PhaseField::Name => tr("Fase", "Phase"),
            PhaseField::PlannedStart => tr("Inizio previsto", "Planned start"),
            PhaseField::PlannedEnd => tr("Fine prevista", "Planned end"),
            PhaseField::ActualStart => tr("Inizio effettivo", "Actual start"),
            PhaseField::ActualEnd => tr("Fine effettiva", "Actual end"),
            PhaseField::Weight => tr("Peso", "Weight"),
            PhaseField::Progress => tr("Avanzamento", "Progress"),
            PhaseField::Manager => tr("Responsabile", "Manager"),
            PhaseField::ResponsibilityCentre => tr("CdR", "Resp. centre"),
            PhaseField::Notes => tr("Note", "Notes"),
        }
    }

    pub(crate) fn get_value(self, p: &Phase) -> Value {
        match self {
            PhaseField::Name => Value::Text(p.name.clone()),
            PhaseField::PlannedStart => Value::Date(p.planned_start),
            PhaseField::PlannedEnd => Value::Date(p.planned_end),
            PhaseField::ActualStart => Value::Date(p.actual_start),
            PhaseField::ActualEnd => Value::Date(p.actual_end),
            PhaseField::Weight => Value::Number(p.weight),
            PhaseField::Progress => Value::Number(p.progress),
            PhaseField::Manager => Value::Text(p.manager.clone()),
            PhaseField::ResponsibilityCentre => Value::Text(p.responsibility_centre.clone()),
            PhaseField::Notes => Value::Text(p.notes.clone()),
        }
    }

    fn is_date(self) -> bool {
        matches!(
            self,
            PhaseField::PlannedStart
                | PhaseField::PlannedEnd
                | PhaseField::ActualStart
                | PhaseField::ActualEnd
        )
    }

    /// Sets the value. Dates are checked against each other by `apply_all`, once
    /// all the changes of a batch are in (so start and end can move together).
    fn set(self, p: &mut Phase, value: Value) -> Result<(), ChangeError> {
        let next = p;
        match (self, value) {
            (PhaseField::Name, Value::Text(s)) => next.name = s,
            (PhaseField::Manager, Value::Text(s)) => next.manager = s,
            (PhaseField::ResponsibilityCentre, Value::Text(s)) => next.responsibility_centre = s,
            (PhaseField::Notes, Value::Text(s)) => next.notes = s,
            (PhaseField::PlannedStart, Value::Date(d)) => next.planned_start = d,
            (PhaseField::PlannedEnd, Value::Date(d)) => next.planned_end = d,
            (PhaseField::ActualStart, Value::Date(d)) => next.actual_start = d,
            (PhaseField::ActualEnd, Value::Date(d)) => next.actual_end = d,
            (PhaseField::Weight, Value::Number(n)) => next.weight = n,
            (PhaseField::Progress, Value::Number(n)) => next.progress = n,
            (_, v) => return Err(ChangeError::WrongKind(Field::Phase(self), v)),
        }
        Ok(())
    }
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
    pub fn parse(self, text: &str) -> Result<Value, ValueError> {
        Ok(match self {
            Field::Phase(PhaseField::Weight | PhaseField::Progress) => {
                Value::Number(parse_percent(text)?)
            }
            Field::Phase(
                PhaseField::PlannedStart
                | PhaseField::PlannedEnd
                | PhaseField::ActualStart
                | PhaseField::ActualEnd,
            ) => Value::Date(parse_date(text)?),
            Field::Objective(ObjectiveField::Status) => {
                let t = text.trim();
                Value::OptText((!t.is_empty()).then(|| t.to_string()))
            }
            // Narratives keep their text exactly as typed (line breaks, spacing).
            Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2) => {
                Value::Text(text.to_string())
            }
            Field::Phase(PhaseField::Name) => {
                let t = text.trim();
                if t.is_empty() {
                    return Err(ValueError::Empty);
                }
                Value::Text(t.to_string())
            }
            _ => Value::Text(text.trim().to_string()),
        })
    }
}

/// Why a change cannot be applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeError {
    Invalid(ValueError),
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
        ChangeError::Invalid(e)
    }
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::Invalid(e) => write!(f, "{e}"),
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
    fn apply(&self, o: &mut Objective) -> Result<Applied, ChangeError> {
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
            Change::SetObjective { field, value, .. } => {
                let result = applied(
                    None,
                    None,
                    field_name(Field::Objective(*field)),
                    field.get_value(o),
                    value.clone(),
                );
                field.set(o, value.clone())?;
                Ok(result)
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
                Ok(result)
            }
            Change::AddPhase { phase, value, .. } => {
                if *phase > phase_count {
                    return Err(no_such_phase(*phase));
                }
                let result = applied(
                    Some(*phase),
                    Some(value.name.clone()),
                    "phase",
                    Value::Text(String::new()),
                    Value::Text(value.name.clone()),
                );
                o.phases.insert(*phase, value.clone());
                Ok(result)
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
                Ok(result)
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
                Ok(result)
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
        applied.push(change.apply(&mut next)?);
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
        Field::Phase(f) => match f {
            PhaseField::Name => "name",
            PhaseField::PlannedStart => "planned_start",
            PhaseField::PlannedEnd => "planned_end",
            PhaseField::ActualStart => "actual_start",
            PhaseField::ActualEnd => "actual_end",
            PhaseField::Weight => "weight",
            PhaseField::Progress => "progress",
            PhaseField::Manager => "manager",
            PhaseField::ResponsibilityCentre => "responsibility_centre",
            PhaseField::Notes => "notes",
        },
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
