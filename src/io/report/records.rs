//! What the cycle's documents read of the assessment (GUIDE §8:
//! `objectives[].assessment`) and of the monitoring windows (`plan.windows`):
//! one small function per fact, so that the documents do not depend on how
//! those records are shaped. Until those records exist in the model they
//! say "nothing recorded", and the documents leave the matching columns and
//! annex entries empty.

use crate::model::{Dataset, Objective, Plan};

/// How the validator settled an objective's achievement.
#[derive(Debug, Clone, PartialEq)]
#[allow(dead_code)] // built once the assessment is in the model (wt-assess)
pub enum Verdict {
    /// A value 0–100 that replaces the computed one, with its reason.
    Forced {
        value: f64,
        reason: String,
        by: String,
    },
    /// Left out of every roll-up, with its reason.
    NotAssessable { reason: String, by: String },
}

/// The validator's verdict on `o`, if any.
pub fn verdict(_o: &Objective) -> Option<Verdict> {
    None
}

/// The gap's cause (in words) and the manager's comment, if recorded.
pub fn gap(_o: &Objective) -> Option<(String, String)> {
    None
}

/// The monitoring windows, one line each: period, state, dates, events.
pub fn windows(_plan: &Plan) -> Vec<Vec<String>> {
    Vec::new()
}

/// Who recorded the validator's verdicts, in the plan's order, once each.
pub fn assessors(dataset: &Dataset) -> Vec<String> {
    let mut who: Vec<String> = Vec::new();
    for o in &dataset.objectives {
        let by = match verdict(o) {
            Some(Verdict::Forced { by, .. } | Verdict::NotAssessable { by, .. }) => by,
            None => continue,
        };
        if !who.contains(&by) {
            who.push(by);
        }
    }
    who
}
