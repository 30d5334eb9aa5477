//! What the cycle's documents read of the assessment (GUIDE §8:
//! `objectives[].assessment`) and of the monitoring windows (`plan.windows`):
//! one small function per fact, in the documents' own words.

use crate::model::assessment::Verdict as Answer;
use crate::model::values::format_date;
use crate::model::window_record::WindowState;
use crate::model::{Dataset, Objective, Plan};

/// How the validator settled an objective's achievement.
#[derive(Debug, Clone, PartialEq)]
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
pub fn verdict(o: &Objective) -> Option<Verdict> {
    match o.assessment().verdict()? {
        Answer::Forced(f) => Some(Verdict::Forced {
            value: f.value,
            reason: f.reason.clone(),
            by: f.by.clone(),
        }),
        Answer::NotAssessable(n) => Some(Verdict::NotAssessable {
            reason: n.reason.clone(),
            by: n.by.clone(),
        }),
    }
}

/// The gap's cause (in words) and the manager's comment, if recorded.
pub fn gap(o: &Objective) -> Option<(String, String)> {
    let a = o.assessment();
    let cause = a.gap_cause.map(|c| c.label().to_string());
    if cause.is_none() && a.comment.trim().is_empty() {
        return None;
    }
    Some((cause.unwrap_or_default(), a.comment.trim().to_string()))
}

/// The monitoring windows, a row each: period, state, opened, closes (or
/// closed), and every opening and closing with who and when.
pub fn windows(plan: &Plan) -> Vec<Vec<String>> {
    let date = |d: Option<chrono::NaiveDate>| d.map(format_date).unwrap_or_default();
    plan.windows
        .iter()
        .map(|w| {
            let events: Vec<String> = w
                .events
                .iter()
                .map(|e| {
                    let verb = match e.state {
                        WindowState::Open => crate::i18n::tr("aperta", "opened"),
                        WindowState::Closed => crate::i18n::tr("chiusa", "closed"),
                    };
                    let reason = if e.reason.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", e.reason.trim())
                    };
                    format!("{verb} {} {}{reason}", e.by, e.at.format("%d/%m/%Y %H:%M"))
                })
                .collect();
            vec![
                format_date(w.period),
                w.state.label().to_string(),
                date(w.opens),
                date(w.closes),
                events.join("\n"),
            ]
        })
        .collect()
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
