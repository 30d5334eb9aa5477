//! The frozen baseline (GUIDE §8): from Approvata on, the fields whose
//! `frozen_from` the plan's state has reached refuse every edit, whichever
//! door it came through. Checked on the objective before and after an edit,
//! so it holds whatever shape the edit had (a cell, a whole indicator, an
//! import).

use super::assessment::Assessment;
use super::column::PlanState;
use super::edit::Change;
use super::field::{ChangeError, FrozenPart, ObjectiveField};
use super::fields::PhaseField;
use super::indicator_fields::fields_either_has;
use super::table::{Indicators, Phases, RowTable};
use super::types::{Objective, Plan};

/// Why `after` may not replace `before` in `plan`'s state: the first frozen
/// part it changes, with the act that approved the baseline.
pub fn refused(plan: &Plan, before: &Objective, after: &Objective) -> Result<(), ChangeError> {
    refused_unless(plan, before, after, None)
}

/// `refused`, but for the parts frozen from `varied` (an approved
/// variation changes the baseline, frozen from Approvata, and nothing else).
pub fn refused_unless(
    plan: &Plan,
    before: &Objective,
    after: &Objective,
    varied: Option<PlanState>,
) -> Result<(), ChangeError> {
    let state = plan.state();
    if state < PlanState::Approved {
        return Ok(());
    }
    let parts = frozen_parts(state, before, after);
    match parts.into_iter().find(|(_, from)| Some(*from) != varied) {
        Some((part, from)) => Err(refusal(plan, part, from)),
        None => Ok(()),
    }
}

/// The refusal of an edit of `part`, frozen from `from`: it names the act
/// that approved the baseline (a face says it before anything is typed).
pub fn refusal(plan: &Plan, part: FrozenPart, from: PlanState) -> ChangeError {
    // Once no variation can be opened the baseline is closed for good, and
    // the refusal says the state rather than send to a variation.
    if from == PlanState::Approved && !variable(plan, from) {
        return ChangeError::Frozen {
            part,
            from: plan.state(),
            act: None,
        };
    }
    let act = act_of(plan, PlanState::Approved);
    ChangeError::Frozen { part, from, act }
}

/// The act of the plan's last transition into `state`, when it named one.
fn act_of(plan: &Plan, state: PlanState) -> Option<String> {
    plan.cycle.as_ref()?.act_of(state).map(str::to_string)
}

/// Whether a variation can change a part frozen from `from` in `plan`'s
/// state: the baseline's (frozen by the approval), while variations open;
/// never the year's data, which no act varies.
pub fn variable(plan: &Plan, from: PlanState) -> bool {
    from == PlanState::Approved && super::variation::open_in(plan.state()).is_ok()
}

/// Why the Relazione's texts may not be written in `plan`'s state: nothing
/// changes in Validata (GUIDE §8). One rule for `set --plan-text`, the
/// store and the TUI's editor, which says it before anything is typed.
pub fn refused_plan_texts(plan: &Plan) -> Result<(), ChangeError> {
    if plan.state() != PlanState::Validated {
        return Ok(());
    }
    Err(ChangeError::Frozen {
        part: FrozenPart::PlanTexts,
        from: PlanState::Validated,
        act: act_of(plan, PlanState::Validated),
    })
}

/// Why `o`, not in the plan, may not be added to it in `plan`'s state.
pub fn refused_new(plan: &Plan) -> Result<(), ChangeError> {
    match plan.state() >= STRUCTURE {
        true => Err(refusal(plan, FrozenPart::Objectives, STRUCTURE)),
        false => Ok(()),
    }
}

/// Why an import may not write `after` over `before` (`None`: an objective
/// the plan does not have) in `plan`'s state: a frozen field, an objective
/// added once the structure is frozen, or a part of the assessment that
/// `set` would refuse in this state. A plan that takes the file's cycle
/// (it has none of its own) takes its assessments with it.
pub fn refused_import(
    plan: &Plan,
    before: Option<&Objective>,
    after: &Objective,
) -> Result<(), ChangeError> {
    match before {
        None => refused_new(plan)?,
        Some(before) => refused(plan, before, after)?,
    }
    if plan.takes_imported_cycle() {
        return Ok(());
    }
    let none = Assessment::default();
    let stored = before.map_or(&none, Objective::assessment);
    Change::assessing(&after.code, stored, after.assessment())
        .iter()
        .try_for_each(|change| change.refused_in(plan.state()))
}

/// Whether the cell of `field` is frozen in `state` (the TUI's lock).
pub fn objective_field_frozen(field: ObjectiveField, state: PlanState) -> bool {
    state >= field.frozen_from()
}

/// The structure of the tables (rows added, deleted, moved) is the baseline.
pub const STRUCTURE: PlanState = PlanState::Approved;

/// Every frozen part `after` changes, in table order, with the state it is frozen from.
fn frozen_parts(
    state: PlanState,
    before: &Objective,
    after: &Objective,
) -> Vec<(FrozenPart, PlanState)> {
    let mut parts = Vec::new();
    for field in ObjectiveField::ALL {
        if objective_field_frozen(field, state) && field.get_value(before) != field.get_value(after)
        {
            parts.push((FrozenPart::Objective { field }, field.frozen_from()));
        }
    }
    if before.phases.len() != after.phases.len() && state >= STRUCTURE {
        parts.push((FrozenPart::Phases, STRUCTURE));
    }
    for (index, (b, a)) in before.phases.iter().zip(&after.phases).enumerate() {
        for field in PhaseField::ALL {
            let from = Phases::column(field).frozen_from;
            if Phases::frozen_in(field, state) && Phases::text(b, field) != Phases::text(a, field) {
                parts.extend(from.map(|from| (FrozenPart::Phase { index, field }, from)));
            }
        }
    }
    if before.indicators.len() != after.indicators.len() && state >= STRUCTURE {
        parts.push((FrozenPart::Indicators, STRUCTURE));
    }
    for (index, (b, a)) in before.indicators.iter().zip(&after.indicators).enumerate() {
        for field in fields_either_has(b, a) {
            let from = Indicators::column(field).frozen_from;
            if Indicators::frozen_in(field, state)
                && Indicators::text(b, field) != Indicators::text(a, field)
            {
                parts.extend(from.map(|from| (FrozenPart::Indicator { index, field }, from)));
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cycle::{Cycle, Transition};
    use crate::model::{Phase, Value};

    fn approved() -> Plan {
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-30T11:02:00Z").unwrap();
        Plan {
            cycle: Some(Cycle {
                state: PlanState::Approved,
                transitions: vec![Transition {
                    from: PlanState::Proposed,
                    to: PlanState::Approved,
                    by: "rossi".into(),
                    at,
                    reason: String::new(),
                    act: "DGC n. 12 del 30/01/2026".into(),
                    forced: false,
                }],
            }),
            ..Plan::default()
        }
    }

    fn objective() -> Objective {
        let mut o = Objective::new("O1", "M");
        o.phases.push(Phase {
            name: "A".into(),
            weight: Some(100.0),
            ..Phase::default()
        });
        o
    }

    #[test]
    fn a_weight_is_frozen_once_approved_and_a_progress_is_not() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let before = objective();
        let mut weight = before.clone();
        weight.phases[0].weight = Some(50.0);
        let why = refused(&approved(), &before, &weight).unwrap_err();
        assert_eq!(
            why.to_string(),
            "fase 1 Peso: congelato dall'approvazione, DGC n. 12 del 30/01/2026: \
             si cambia con una variazione"
        );
        assert_eq!(refused(&Plan::default(), &before, &weight), Ok(()));
        let mut progress = before.clone();
        progress.phases[0].progress = Some(40.0);
        assert_eq!(refused(&approved(), &before, &progress), Ok(()));
        let mut added = before.clone();
        added.phases.push(Phase::default());
        assert!(refused(&approved(), &before, &added).is_err());
        let mut manager = before.clone();
        PhaseField::Manager
            .set(&mut manager.phases[0], Value::Text("X".into()))
            .unwrap();
        assert_eq!(refused(&approved(), &before, &manager), Ok(()));
    }

    #[test]
    fn the_years_data_is_written_in_the_consuntivo_and_frozen_from_valutazione() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut plan = approved();
        let before = objective();
        let mut progress = before.clone();
        progress.phases[0].progress = Some(40.0);
        let mut narrative = before.clone();
        narrative.narratives.year1 = "testo".into();
        let mut status = before.clone();
        status.status = Some("Concluso".into());
        plan.cycle.as_mut().unwrap().state = PlanState::Reporting;
        for after in [&progress, &narrative, &status] {
            assert_eq!(refused(&plan, &before, after), Ok(()));
        }
        for state in [
            PlanState::Assessment,
            PlanState::Reported,
            PlanState::Validated,
        ] {
            plan.cycle.as_mut().unwrap().state = state;
            let why = refused(&plan, &before, &progress).unwrap_err().to_string();
            assert_eq!(
                why,
                "fase 1 Avanzamento: congelato dallo stato del piano «Valutazione»: \
                 non si cambia più"
            );
            let why = refused(&plan, &before, &narrative).unwrap_err().to_string();
            assert!(
                why.starts_with("Stato di attuazione 1° anno: congelato"),
                "{why}"
            );
            assert!(refused(&plan, &before, &status).is_err());
        }
    }

    #[test]
    fn once_validated_a_baseline_field_is_not_sent_to_a_variation() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut plan = approved();
        plan.cycle.as_mut().unwrap().state = PlanState::Validated;
        let before = objective();
        let mut weight = before.clone();
        weight.phases[0].weight = Some(50.0);
        let why = refused(&plan, &before, &weight).unwrap_err().to_string();
        assert_eq!(
            why,
            "fase 1 Peso: congelato dallo stato del piano «Validata»: non si cambia più"
        );
    }
}
