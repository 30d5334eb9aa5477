//! What a monitoring period still lacks, per manager (GUIDE §8, `reminders`):
//! each indicator's measurement of the period, the progress of each phase
//! under way that was not updated since the window opened, and the
//! narrative of the period's year. The history of progress updates is the
//! caller's (the store's audit); this only reads the plan.

use std::collections::HashSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::cycle_checks::operative_year;
use super::field::ObjectiveField;
use super::types::{Dataset, Objective, Phase};
use super::values::format_date;
use super::window_record::Window;
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// One thing a manager has not entered yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    /// The responsabile it is asked of (the phase's, else the objective's).
    pub manager: String,
    pub code: String,
    /// The objective's operational objective (its title).
    pub title: String,
    pub lack: Lack,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "lack")]
pub enum Lack {
    /// Indicator `indicator` (0-based) has no measurement of the period.
    Measurement { indicator: usize, name: String },
    /// Phase `phase` (0-based), under way, has no progress since the window opened.
    Progress { phase: usize, name: String },
    /// The narrative of the period's year is empty.
    Narrative { field: ObjectiveField },
}

/// The period, its window, and everything missing, by manager then in plan order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminders {
    pub window: Window,
    pub missing: Vec<Missing>,
}

/// Everything `dataset` lacks for `window`'s period; `updated`: the
/// (objective, phase) whose progress was entered since the window opened.
pub fn missing(
    dataset: &Dataset,
    window: &Window,
    updated: &HashSet<(String, usize)>,
) -> Vec<Missing> {
    let period = window.period;
    let narrative = narrative_of(dataset, period);
    let mut out = Vec::new();
    for o in &dataset.objectives {
        let ask = |manager: &str, lack| Missing {
            manager: manager_or_objectives(manager, o),
            code: o.code.clone(),
            title: o.operational_objective.clone(),
            lack,
        };
        for (indicator, i) in o.indicators.iter().enumerate() {
            if !i.measurements.iter().any(|m| m.period == period) {
                let name = i.name.clone();
                out.push(ask(&o.manager, Lack::Measurement { indicator, name }));
            }
        }
        for (phase, p) in o.phases.iter().enumerate() {
            if under_way(p, period) && !updated.contains(&(o.code.clone(), phase)) {
                let name = p.name.clone();
                out.push(ask(&p.manager, Lack::Progress { phase, name }));
            }
        }
        if let Some(field) = narrative
            && field.get_value(o).to_string().trim().is_empty()
        {
            out.push(ask(&o.manager, Lack::Narrative { field }));
        }
    }
    // By manager (stable: plan order within each).
    out.sort_by(|a, b| a.manager.cmp(&b.manager));
    out
}

/// The narrative about `period`'s year: 1° anno in the operative year, 2° in the next.
fn narrative_of(dataset: &Dataset, period: NaiveDate) -> Option<ObjectiveField> {
    match period.year() - operative_year(&dataset.plan)? {
        0 => Some(ObjectiveField::Year1),
        1 => Some(ObjectiveField::Year2),
        _ => None,
    }
}

/// A phase whose progress the period asks for: begun by the period's end
/// (or with no planned start), neither at 100 % nor ended.
fn under_way(p: &Phase, period: NaiveDate) -> bool {
    p.planned_start.is_none_or(|s| s <= period)
        && p.progress.is_none_or(|v| v < 100.0)
        && p.actual_end.is_none()
}

/// `manager`, else the objective's, else a word that says there is none.
fn manager_or_objectives(manager: &str, o: &Objective) -> String {
    let name = [manager.trim(), o.manager.trim()]
        .into_iter()
        .find(|n| !n.is_empty());
    name.map_or_else(
        || tr_string("(senza responsabile)", "(no responsabile)"),
        str::to_string,
    )
}

impl Lack {
    /// The kind of item, for a mail merge's column: `rilevazione`, `avanzamento`, `narrativa`.
    pub fn kind(&self) -> &'static str {
        match self {
            Lack::Measurement { .. } => tr("rilevazione", "measurement"),
            Lack::Progress { .. } => tr("avanzamento", "progress"),
            Lack::Narrative { .. } => tr("narrativa", "narrative"),
        }
    }

    /// What is missing, said to the person: `indicatore 1 «Alloggi»: rilevazione del 30/06/2026`.
    pub fn said(&self, window: &Window) -> String {
        match self {
            Lack::Measurement { indicator, name } => tr_format!(
                "indicatore {} «{name}»: manca la rilevazione del {}",
                "indicator {} «{name}»: no measurement for {}",
                indicator + 1,
                format_date(window.period)
            ),
            Lack::Progress { phase, name } => {
                let since = match window.opens {
                    Some(day) => tr_format!(
                        "non aggiornato dall'apertura della finestra ({})",
                        "not updated since the window opened ({})",
                        format_date(day)
                    ),
                    None => tr_string("da aggiornare", "to be updated"),
                };
                tr_format!(
                    "fase {} «{name}»: avanzamento {since}",
                    "phase {} «{name}»: progress {since}",
                    phase + 1
                )
            }
            Lack::Narrative { field } => {
                tr_format!("{}: vuoto", "{}: empty", field.label())
            }
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.manager, self.code, self.lack.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::{Indicator, Measurement};

    #[test]
    fn a_period_lacks_measurements_progress_and_the_years_narrative_by_manager() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut d = Dataset::with_mission("M", "S");
        d.plan.title = "DUP 2026-2028".into();
        let period = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let mut a = Objective::new("A", "S");
        a.manager = "ROSSI".into();
        a.phases = vec![
            Phase {
                name: "in corso".into(),
                progress: Some(40.0),
                manager: "BIANCHI".into(),
                ..Phase::default()
            },
            Phase {
                name: "finita".into(),
                progress: Some(100.0),
                ..Phase::default()
            },
            Phase {
                name: "futura".into(),
                planned_start: NaiveDate::from_ymd_opt(2027, 1, 1),
                ..Phase::default()
            },
        ];
        a.indicators = vec![
            Indicator {
                name: "misurato".into(),
                measurements: vec![Measurement {
                    period,
                    value: 3.0,
                    note: String::new(),
                }],
                ..Indicator::default()
            },
            Indicator {
                name: "da misurare".into(),
                ..Indicator::default()
            },
        ];
        a.narratives.year2 = "il secondo anno non è di questo periodo".into();
        d.objectives.push(a);
        let window = Window::new(period);
        let said: Vec<String> = missing(&d, &window, &HashSet::new())
            .iter()
            .map(|m| format!("{}: {}", m.manager, m.lack.said(&window)))
            .collect();
        assert_eq!(
            said,
            [
                "BIANCHI: fase 1 «in corso»: avanzamento da aggiornare",
                "ROSSI: indicatore 2 «da misurare»: manca la rilevazione del 30/06/2026",
                "ROSSI: Stato di attuazione 1° anno: vuoto",
            ]
        );
        let updated = HashSet::from([("A".to_string(), 0)]);
        assert_eq!(missing(&d, &window, &updated).len(), 2);
    }
}
