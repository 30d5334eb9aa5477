//! What `check` lists and the report flags (GUIDE §1, §3): warnings, not
//! refusals, since real plans are saved half-filled.

use std::fmt;

use chrono::NaiveDate;

use super::rollup::{weight_sum, weight_sum_is_off};
use super::types::{Objective, Phase};
use super::values::{format_date, format_number, format_opt_number};
use crate::i18n::tr;

/// Planned or actual dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dates {
    Planned,
    Actual,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Σ weights of the objective ≠ 100 (beyond the tolerance).
    WeightSum { sum: f64 },
    /// A phase (numbered from 1) ends before it starts.
    EndBeforeStart {
        phase: usize,
        dates: Dates,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// Progress 100 but no actual end.
    DoneWithoutEnd { phase: usize },
    /// Planned end past and progress below 100.
    Late {
        phase: usize,
        planned_end: NaiveDate,
        progress: Option<f64>,
    },
}

impl Warning {
    /// The phase the warning is about (numbered from 1), if any.
    pub fn phase(&self) -> Option<usize> {
        match self {
            Warning::WeightSum { .. } => None,
            Warning::EndBeforeStart { phase, .. }
            | Warning::DoneWithoutEnd { phase }
            | Warning::Late { phase, .. } => Some(*phase),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(phase) = self.phase() {
            write!(f, "{} {phase}: ", tr("fase", "phase"))?;
        }
        match self {
            Warning::WeightSum { sum } => write!(
                f,
                "{} {} ({})",
                tr("somma dei pesi", "sum of weights"),
                format_number(*sum),
                tr("attesa 100", "expected 100")
            ),
            Warning::EndBeforeStart {
                dates, start, end, ..
            } => {
                let (end_label, start_label) = match dates {
                    Dates::Planned => (
                        tr("fine prevista", "planned end"),
                        tr("dell'inizio previsto", "the planned start"),
                    ),
                    Dates::Actual => (
                        tr("fine effettiva", "actual end"),
                        tr("dell'inizio effettivo", "the actual start"),
                    ),
                };
                write!(
                    f,
                    "{end_label} {} {} {start_label} {}",
                    format_date(*end),
                    tr("prima", "before"),
                    format_date(*start)
                )
            }
            Warning::DoneWithoutEnd { .. } => write!(
                f,
                "{}",
                tr(
                    "avanzamento 100% senza fine effettiva",
                    "progress 100% without an actual end"
                )
            ),
            Warning::Late {
                planned_end,
                progress,
                ..
            } => write!(
                f,
                "{} ({} {}, {} {})",
                tr("in ritardo", "late"),
                tr("fine prevista", "planned end"),
                format_date(*planned_end),
                tr("avanzamento", "progress"),
                progress.map_or_else(
                    || format_opt_number(None),
                    |p| format!("{}%", format_number(p))
                )
            ),
        }
    }
}

/// Every warning of an objective, the weight sum first, then phase by phase.
pub fn warnings(objective: &Objective, today: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    if weight_sum_is_off(&objective.phases) {
        out.push(Warning::WeightSum {
            sum: weight_sum(&objective.phases).unwrap_or_default(),
        });
    }
    for (i, p) in objective.phases.iter().enumerate() {
        out.extend(phase_warnings(i + 1, p, today));
    }
    out
}

fn phase_warnings(phase: usize, p: &Phase, today: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    for (dates, start, end) in [
        (Dates::Planned, p.planned_start, p.planned_end),
        (Dates::Actual, p.actual_start, p.actual_end),
    ] {
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            out.push(Warning::EndBeforeStart {
                phase,
                dates,
                start,
                end,
            });
        }
    }
    if p.progress.is_some_and(|v| v >= 100.0) && p.actual_end.is_none() {
        out.push(Warning::DoneWithoutEnd { phase });
    }
    if let (true, Some(planned_end)) = (p.is_late(today), p.planned_end) {
        out.push(Warning::Late {
            phase,
            planned_end,
            progress: p.progress,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_kind_is_found_with_its_phase() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut o = Objective::new("O", "S");
        o.phases = vec![
            Phase {
                weight: Some(30.0),
                progress: Some(100.0),
                ..Phase::default()
            },
            Phase {
                weight: Some(30.0),
                actual_start: Some(d(2025, 2, 1)),
                actual_end: Some(d(2025, 1, 15)),
                planned_end: Some(d(2025, 6, 30)),
                progress: Some(50.0),
                ..Phase::default()
            },
        ];
        let found: Vec<String> = warnings(&o, d(2025, 7, 1))
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "somma dei pesi 60 (attesa 100)",
                "fase 1: avanzamento 100% senza fine effettiva",
                "fase 2: fine effettiva 15/01/2025 prima dell'inizio effettivo 01/02/2025",
                "fase 2: in ritardo (fine prevista 30/06/2025, avanzamento 50%)",
            ]
        );
        assert!(
            warnings(&o, d(2025, 6, 30))
                .iter()
                .all(|w| !matches!(w, Warning::Late { .. }))
        );
    }

    #[test]
    fn a_clean_objective_has_none() {
        let mut o = Objective::new("O", "S");
        o.phases = vec![Phase {
            weight: Some(100.0),
            progress: Some(100.0),
            actual_end: Some(d(2025, 1, 1)),
            ..Phase::default()
        }];
        assert_eq!(warnings(&o, d(2030, 1, 1)), []);
    }
}
