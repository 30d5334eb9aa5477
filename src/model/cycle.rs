//! The plan's year (GUIDE §8): the state a plan is in and the transitions
//! that brought it there, as stored with the plan's record and exported in
//! schema `obiettivi/3`. A plan without a cycle (made before it existed) is
//! in Bozza with all its data. What a transition checks is `cycle_checks`;
//! which fields a state freezes is each field's `Column::frozen_from`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use super::column::PlanState;
use crate::i18n::tr;

/// `plan.cycle`: the state and every transition, oldest first. The monitoring
/// windows, variations and assessments of GUIDE §2 sit beside it, not in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    pub state: PlanState,
    #[serde(default)]
    pub transitions: Vec<Transition>,
}

/// One step of the cycle: who moved the plan, when, from which state to
/// which, why, by which act, and whether a failed check was passed by force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub from: PlanState,
    pub to: PlanState,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub act: String,
    #[serde(default)]
    pub forced: bool,
}

/// Which way a transition goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Advance,
    Back,
}

/// What `cycle advance` and `cycle back` ask of the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub direction: Direction,
    #[serde(default)]
    pub act: String,
    #[serde(default)]
    pub reason: String,
    /// Pass the failed checks (a controller, with a reason; audited).
    #[serde(default)]
    pub force: bool,
}

impl PlanState {
    pub const ALL: [PlanState; 7] = [
        PlanState::Draft,
        PlanState::Proposed,
        PlanState::Approved,
        PlanState::Reporting,
        PlanState::Assessment,
        PlanState::Reported,
        PlanState::Validated,
    ];

    /// The state's name as the UI shows it (GUIDE §8).
    pub fn label(self) -> &'static str {
        match self {
            PlanState::Draft => tr("Bozza", "Draft"),
            PlanState::Proposed => tr("Proposta", "Proposed"),
            PlanState::Approved => tr("Approvata", "Approved"),
            PlanState::Reporting => tr("Consuntivo", "Reporting"),
            PlanState::Assessment => tr("Valutazione", "Assessment"),
            PlanState::Reported => tr("Relazione", "Reported"),
            PlanState::Validated => tr("Validata", "Validated"),
        }
    }

    /// The code of the schema and the history (`approved`).
    pub fn code(self) -> &'static str {
        match self {
            PlanState::Draft => "draft",
            PlanState::Proposed => "proposed",
            PlanState::Approved => "approved",
            PlanState::Reporting => "reporting",
            PlanState::Assessment => "assessment",
            PlanState::Reported => "reported",
            PlanState::Validated => "validated",
        }
    }

    /// The state a code names, as `code` writes it.
    pub fn from_code(code: &str) -> Option<PlanState> {
        PlanState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn next(self) -> Option<PlanState> {
        PlanState::ALL.get(self as usize + 1).copied()
    }

    pub fn previous(self) -> Option<PlanState> {
        (self as usize).checked_sub(1).map(|i| PlanState::ALL[i])
    }

    /// Whether moving into this state needs an act (the Giunta's deliberation,
    /// the one approving the Relazione, the OIV's verbale).
    pub fn needs_act(self) -> bool {
        matches!(
            self,
            PlanState::Approved | PlanState::Reported | PlanState::Validated
        )
    }

    /// Whether the validator, not a controller, moves the plan into this
    /// state (and back out of it).
    pub fn validators_step(self) -> bool {
        self == PlanState::Validated
    }
}

impl Cycle {
    /// The act of the last transition into `state` (empty when none named one).
    pub fn act_of(&self, state: PlanState) -> Option<&str> {
        self.transitions
            .iter()
            .rev()
            .find(|t| t.to == state)
            .map(|t| t.act.as_str())
            .filter(|a| !a.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_go_in_order_with_their_codes() {
        assert_eq!(PlanState::Draft.next(), Some(PlanState::Proposed));
        assert_eq!(PlanState::Validated.next(), None);
        assert_eq!(PlanState::Draft.previous(), None);
        assert_eq!(PlanState::Approved.previous(), Some(PlanState::Proposed));
        for s in PlanState::ALL {
            assert_eq!(PlanState::from_code(s.code()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
    }
}
