//! Changes to a plan: the one place where typed text becomes a validated value.
//! The TUI's cell editor and the `set` command both go through `Field::parse`
//! and `Change::apply`, so a value is accepted or refused the same way everywhere.

use serde::{Deserialize, Serialize};

pub use super::applied::{Applied, Part};
pub use super::assessment::AssessmentEdit;
pub use super::field::{ChangeError, Field, ObjectiveField, field_name};
pub use super::fields::PhaseField;
pub use super::indicator_fields::IndicatorField;
use super::indicators::Indicator;
use super::limits;
use super::table::{Indicators, Phases, RowTable, check_interval};
use super::types::{Objective, Phase};
pub use super::value::Value;

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
    /// One cell of an indicator, like `SetPhase`'s: `value` is the cell's
    /// text as the history records it (`IndicatorField::recorded`), which
    /// `Indicators::set_text` reads back.
    SetIndicator {
        objective: String,
        indicator: usize,
        field: IndicatorField,
        value: Value,
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
    /// One part of the objective's assessment (GUIDE §8).
    Assess {
        objective: String,
        edit: AssessmentEdit,
    },
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
            | Change::MovePhase { objective, .. }
            | Change::Assess { objective, .. } => objective,
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
            Change::SetIndicator {
                indicator, field, ..
            } => Change::SetIndicator {
                objective,
                indicator: *indicator,
                field: *field,
                value: Value::Text(field.recorded(before.indicators.get(*indicator)?)),
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
            Change::Assess { edit, .. } => Change::Assess {
                objective,
                edit: AssessmentEdit::restoring(edit.part(), before.assessment()),
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

    /// Why the change may not be made with the plan in `state`, beyond the
    /// frozen fields (`frozen`): a part of the assessment is written only in
    /// its state (GUIDE §8: the consuntivo in Consuntivo, the validator's
    /// answer in Valutazione).
    pub fn refused_in(&self, state: super::column::PlanState) -> Result<(), ChangeError> {
        match self {
            Change::Assess { edit, .. } if edit.part().open_in() != state => {
                Err(ChangeError::Assessment {
                    error: super::assessment::AssessmentError::NotNow {
                        part: edit.part(),
                        state,
                    },
                })
            }
            _ => Ok(()),
        }
    }

    /// The changes that would make `before`'s assessment of `objective`
    /// into `after`'s, one per part that differs: what an import writes,
    /// so that it is held to the rules `set`'s changes are (GUIDE §8).
    pub fn assessing(
        objective: &str,
        before: &super::assessment::Assessment,
        after: &super::assessment::Assessment,
    ) -> Vec<Change> {
        use super::assessment::AssessmentPart;
        AssessmentPart::ALL
            .into_iter()
            .filter(|part| before.said(*part) != after.said(*part))
            .map(|part| Change::Assess {
                objective: objective.to_string(),
                edit: AssessmentEdit::restoring(part, after),
            })
            .collect()
    }

    /// Parses `text` for `field` and builds the change (the shared path of TUI and CLI).
    pub fn parse(
        objective: &str,
        phase: Option<usize>,
        field: Field,
        text: &str,
    ) -> Result<Change, ChangeError> {
        Change::set(objective, phase, field, field.parse(text)?)
    }

    /// The change that sets `field` (of phase `phase`, for a phase's field) to `value`.
    pub fn set(
        objective: &str,
        phase: Option<usize>,
        field: Field,
        value: Value,
    ) -> Result<Change, ChangeError> {
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
        let code = o.code.clone();
        let phase_count = o.phases.len();
        let no_such_phase = |index: usize| ChangeError::NoSuchPhase {
            objective: code.clone(),
            index,
            count: phase_count,
        };
        let indicator_count = o.indicators.len();
        let no_such_indicator = |index: usize| ChangeError::NoSuchIndicator {
            objective: code.clone(),
            index,
            count: indicator_count,
        };
        let applied = |phase: Option<usize>,
                       phase_name: Option<String>,
                       field: Part,
                       old: Value,
                       new: Value| Applied {
            objective: code.clone(),
            phase,
            phase_name,
            field,
            old,
            new,
        };
        // An indicator's row in the history: its name, no phase.
        let indicator_row = |index: usize, name: &str, old: &str, new: &str| {
            let part = Part::Indicator { index, cell: None };
            let text = |t: &str| Value::Text(t.to_string());
            applied(None, Some(name.to_string()), part, text(old), text(new))
        };
        match self {
            Change::Assess { edit, .. } => {
                let said = (o.assess(edit)).map_err(|error| ChangeError::Assessment { error })?;
                Ok(said
                    .into_iter()
                    .map(|(part, old, new)| applied(None, None, Part::Assessment(part), old, new))
                    .collect())
            }
            Change::SetIndicator {
                indicator,
                field,
                value,
                ..
            } => {
                let i =
                    (o.indicators.get(*indicator)).ok_or_else(|| no_such_indicator(*indicator))?;
                let mut next = i.clone();
                Indicators::set_text(&mut next, *field, &value.to_string())?;
                Indicators::check(*indicator, &next)?;
                let cell = Part::Indicator {
                    index: *indicator,
                    cell: Some(*field),
                };
                let (old, new) = (field.recorded(i), field.recorded(&next));
                let result = applied(
                    None,
                    Some(next.name.clone()),
                    cell,
                    Value::Text(old),
                    Value::Text(new),
                );
                o.indicators[*indicator] = next;
                Ok(vec![result])
            }
            Change::AddIndicator {
                indicator, value, ..
            } => {
                if *indicator > indicator_count {
                    return Err(no_such_indicator(*indicator));
                }
                if indicator_count >= limits::INDICATORS {
                    return Err(ChangeError::TooManyIndicators {
                        limit: limits::INDICATORS,
                    });
                }
                Indicators::check(*indicator, value)?;
                let result = indicator_row(*indicator, &value.name, "", &value.name);
                o.indicators.insert(*indicator, value.clone());
                Ok(vec![result])
            }
            Change::DeleteIndicator { indicator, .. } => {
                let i =
                    (o.indicators.get(*indicator)).ok_or_else(|| no_such_indicator(*indicator))?;
                let result = indicator_row(*indicator, &i.name, &i.name, "");
                o.indicators.remove(*indicator);
                Ok(vec![result])
            }
            Change::SetObjective { field, value, .. } => {
                let result = applied(
                    None,
                    None,
                    Part::Objective(*field),
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
                    Part::Phase(*field),
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
                Phases::check(*phase, value)?;
                let result = applied(
                    Some(*phase),
                    Some(value.name.clone()),
                    Part::PhaseRow,
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
                    Part::PhaseRow,
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
                    Part::Moved,
                    Value::Number(Some((*from + 1) as f64)),
                    Value::Number(Some((*to + 1) as f64)),
                );
                move_item(&mut o.phases, *from, *to);
                Ok(vec![result])
            }
        }
    }
}

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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

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
                a.field.name().as_str(),
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
            (&a.field, a.phase, a.phase_name.as_deref()),
            (&Part::Moved, Some(1), Some("NUOVI ALLOGGI"))
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

    fn with_indicator() -> Objective {
        let mut o = Objective::new("O1", "M1");
        o.indicators.push(Indicator {
            name: "Alloggi".into(),
            targets: [(2026, 20.0)].into(),
            ..Indicator::default()
        });
        o
    }

    fn cell(field: IndicatorField, text: &str) -> Change {
        Change::SetIndicator {
            objective: "O1".into(),
            indicator: 0,
            field,
            value: Value::Text(text.into()),
        }
    }

    #[test]
    fn an_indicator_is_changed_one_cell_at_a_time_and_each_change_undoes() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let mut o = with_indicator();
        let start = o.clone();
        let changes = [
            cell(IndicatorField::Baseline, "12@2025"),
            cell(IndicatorField::Target(2027), "30"),
            cell(IndicatorField::Measurement(june), "15; primo semestre"),
            cell(IndicatorField::Measurement(june), "16"),
            cell(IndicatorField::Polarity, "dec"),
            cell(IndicatorField::Target(2026), ""),
            cell(IndicatorField::Target(2028), "12,345"),
            // Its undo brings back every digit.
            cell(IndicatorField::Target(2028), "1"),
        ];
        let mut names = Vec::new();
        for change in changes {
            let before = o.clone();
            let undo = change.inverse(&before).unwrap();
            let a = apply_all(&mut o, std::slice::from_ref(&change)).unwrap();
            names.push(format!("{}: {} → {}", a[0].field, a[0].old, a[0].new));
            let mut undone = o.clone();
            apply_all(&mut undone, &[undo]).unwrap();
            assert_eq!(undone, before, "undo of {change:?}");
        }
        assert_eq!(
            names,
            [
                "indicators[0].baseline:  → 12 (2025)",
                "indicators[0].targets.2027:  → 30",
                "indicators[0].measurements.2026-06-30:  → 15 (primo semestre)",
                "indicators[0].measurements.2026-06-30: 15 (primo semestre) → 16",
                "indicators[0].polarity: increasing → decreasing",
                "indicators[0].targets.2026: 20 → ",
                "indicators[0].targets.2028:  → 12,345",
                "indicators[0].targets.2028: 12,345 → 1",
            ]
        );
        assert_eq!(o.indicators[0].measurements[0].note, "");
        assert_ne!(o, start);
    }

    #[test]
    fn a_cell_that_breaks_a_rule_of_its_indicator_is_refused() {
        let mut o = with_indicator();
        let long = "x".repeat(limits::TEXT + 1);
        for bad in [
            cell(IndicatorField::Name, " "),
            cell(IndicatorField::Weight, "140"),
            cell(IndicatorField::Unit, &long),
            cell(IndicatorField::Target(2026), "venti"),
        ] {
            assert!(apply_all(&mut o, &[bad]).is_err());
        }
        let missing = Change::SetIndicator {
            objective: "O1".into(),
            indicator: 3,
            field: IndicatorField::Unit,
            value: Value::Text("n.".into()),
        };
        assert!(matches!(
            apply_all(&mut o, &[missing]),
            Err(ChangeError::NoSuchIndicator { index: 3, .. })
        ));
        assert_eq!(o, with_indicator());
    }

    #[test]
    fn indicators_that_break_the_rules_are_not_added() {
        let mut o = with_indicator();
        for bad in [
            Indicator {
                name: " ".into(),
                ..Indicator::default()
            },
            Indicator {
                name: "x".into(),
                weight: Some(140.0),
                ..Indicator::default()
            },
            Indicator {
                name: "x".into(),
                targets: [(2026, f64::NAN)].into(),
                ..Indicator::default()
            },
            Indicator {
                name: "x".repeat(limits::TEXT + 1),
                ..Indicator::default()
            },
        ] {
            let change = Change::AddIndicator {
                objective: "O1".into(),
                indicator: 1,
                value: bad,
            };
            assert!(matches!(
                apply_all(&mut o, &[change]),
                Err(ChangeError::BadIndicator { .. })
            ));
        }
        assert_eq!(o, with_indicator());
    }
}
