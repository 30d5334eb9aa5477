//! What an import did (or, for a dry run, would do) to the plan.

use serde::{Deserialize, Serialize};

/// What an import did (or, for a dry run, would do) to each objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ObjectiveOutcome {
    Added,
    Changed(Vec<String>),
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportReport {
    pub objectives: Vec<(String, ObjectiveOutcome)>,
    pub mandates_added: usize,
    pub missions_added: usize,
    pub mandates_changed: usize,
    pub missions_changed: usize,
    pub plan_changed: bool,
}

impl ImportReport {
    pub fn changes_anything(&self) -> bool {
        self.plan_changed
            || self.mandates_added
                + self.missions_added
                + self.mandates_changed
                + self.missions_changed
                > 0
            || self
                .objectives
                .iter()
                .any(|(_, o)| *o != ObjectiveOutcome::Unchanged)
    }
}
