//! What `check` lists and the report flags (GUIDE §1, §3): warnings, not
//! refusals, since real plans are saved half-filled.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::calendar::{first_monitoring, narrative_overdue};
use super::field::ObjectiveField;
use super::rollup::{weight_sum, weight_sum_is_off};
use super::types::{Objective, Phase, Plan};
use super::values::{ShownDate, ShownNumber, format_opt_number};
use crate::i18n::tr;
use crate::tr_write;

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
    /// An actual end, yet progress below 100 (or none): one of the two is wrong.
    EndedUnfinished {
        phase: usize,
        actual_end: NaiveDate,
        progress: Option<f64>,
    },
    /// The status says concluded while `phases` phases are below 100.
    ConcludedUnfinished { status: String, phases: usize },
    /// Phases (numbered from 1) without a weight; `excluded` when others have
    /// one, so that these are left out of the weighted roll-up.
    NoWeight { phases: Vec<usize>, excluded: bool },
    /// Phases (numbered from 1) without a progress: not measured.
    NoProgress { phases: Vec<usize> },
    /// This year's narrative is still empty after the year's first monitoring date.
    NarrativeMissing {
        field: ObjectiveField,
        since: NaiveDate,
    },
}

/// `Concluso`, `Conclusa`, `Completato`, `Concluded`…: a status that says the work is done.
pub fn says_concluded(status: &str) -> bool {
    let status = status.to_lowercase();
    ["conclus", "complet"].iter().any(|w| status.contains(w))
}

impl Warning {
    /// The phase the warning is about (numbered from 1), if any.
    pub fn phase(&self) -> Option<usize> {
        match self {
            Warning::WeightSum { .. }
            | Warning::NoWeight { .. }
            | Warning::NoProgress { .. }
            | Warning::ConcludedUnfinished { .. }
            | Warning::NarrativeMissing { .. } => None,
            Warning::EndBeforeStart { phase, .. }
            | Warning::DoneWithoutEnd { phase }
            | Warning::Late { phase, .. }
            | Warning::EndedUnfinished { phase, .. } => Some(*phase),
        }
    }
}

impl fmt::Display for Warning {
    // Written straight into `f` (a `check` at 10 000 objectives writes 95 000
    // of them): no `String` per sentence, date or number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(phase) = self.phase() {
            tr_write!(f, "fase {phase}: ", "phase {phase}: ")?;
        }
        match self {
            Warning::WeightSum { sum } => tr_write!(
                f,
                "somma dei pesi {} (attesa 100)",
                "sum of weights {} (expected 100)",
                ShownNumber(*sum)
            ),
            Warning::EndBeforeStart {
                dates, start, end, ..
            } => {
                let (start, end) = (ShownDate(*start), ShownDate(*end));
                match dates {
                    Dates::Planned => tr_write!(
                        f,
                        "fine prevista {end} prima dell'inizio previsto {start}",
                        "planned end {end} before the planned start {start}"
                    ),
                    Dates::Actual => tr_write!(
                        f,
                        "fine effettiva {end} prima dell'inizio effettivo {start}",
                        "actual end {end} before the actual start {start}"
                    ),
                }
            }
            Warning::DoneWithoutEnd { .. } => f.write_str(tr(
                "avanzamento 100% senza fine effettiva",
                "progress 100% without an actual end",
            )),
            Warning::Late {
                planned_end,
                progress,
                ..
            } => tr_write!(
                f,
                "in ritardo (fine prevista {}, avanzamento {})",
                "late (planned end {}, progress {})",
                ShownDate(*planned_end),
                Percent(*progress)
            ),
            Warning::EndedUnfinished {
                actual_end,
                progress,
                ..
            } => tr_write!(
                f,
                "fine effettiva {} ma avanzamento {} (attesa 100%)",
                "actual end {} but progress {} (expected 100%)",
                ShownDate(*actual_end),
                Percent(*progress)
            ),
            Warning::ConcludedUnfinished { status, phases: 1 } => tr_write!(
                f,
                "stato «{status}» ma 1 fase sotto il 100%",
                "status «{status}» but 1 phase below 100%"
            ),
            Warning::ConcludedUnfinished { status, phases } => tr_write!(
                f,
                "stato «{status}» ma {phases} fasi sotto il 100%",
                "status «{status}» but {phases} phases below 100%"
            ),
            Warning::NoWeight { phases, excluded } => {
                let named = PhasesNamed(phases);
                match (excluded, phases.len()) {
                    (false, _) => tr_write!(f, "{named} senza peso", "{named} without weight"),
                    (true, 1) => tr_write!(
                        f,
                        "{named} senza peso, tra fasi pesate: esclusa dall'avanzamento",
                        "{named} without weight, among weighted phases: left out of the progress"
                    ),
                    (true, _) => tr_write!(
                        f,
                        "{named} senza peso, tra fasi pesate: escluse dall'avanzamento",
                        "{named} without weight, among weighted phases: left out of the progress"
                    ),
                }
            }
            Warning::NoProgress { phases } if phases.len() == 1 => tr_write!(
                f,
                "{} senza avanzamento: non misurata",
                "{} without progress: not measured",
                PhasesNamed(phases)
            ),
            Warning::NoProgress { phases } => tr_write!(
                f,
                "{} senza avanzamento: non misurate",
                "{} without progress: not measured",
                PhasesNamed(phases)
            ),
            Warning::NarrativeMissing { field, since } => tr_write!(
                f,
                "{} ancora vuoto dopo il monitoraggio del {}",
                "{} still empty after the monitoring of {}",
                field.label(),
                ShownDate(*since)
            ),
        }
    }
}

/// `fase 2`, `fasi 1, 2, 4`.
struct PhasesNamed<'a>(&'a [usize]);

impl fmt::Display for PhasesNamed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0.len() {
            1 => tr("fase ", "phase "),
            _ => tr("fasi ", "phases "),
        })?;
        for (i, phase) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{phase}")?;
        }
        Ok(())
    }
}

/// `40%`, or `n/d` where there is none.
struct Percent(Option<f64>);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => write!(f, "{}%", ShownNumber(p)),
            None => f.write_str(&format_opt_number(None)),
        }
    }
}

/// Every warning of an objective of `plan`: the weight sum first, then the
/// objective's status and narrative, then phase by phase.
pub fn warnings(plan: &Plan, objective: &Objective, today: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    if weight_sum_is_off(&objective.phases) {
        out.push(Warning::WeightSum {
            sum: weight_sum(&objective.phases).unwrap_or_default(),
        });
    }
    // What the roll-up cannot count (GUIDE §1, coverage).
    let numbered = |keep: fn(&Phase) -> bool| -> Vec<usize> {
        let phases = objective.phases.iter().enumerate();
        phases
            .filter(|(_, p)| keep(p))
            .map(|(i, _)| i + 1)
            .collect()
    };
    let no_weight = numbered(|p| p.weight.is_none());
    if !no_weight.is_empty() {
        out.push(Warning::NoWeight {
            excluded: no_weight.len() < objective.phases.len(),
            phases: no_weight,
        });
    }
    let phases = numbered(|p| p.progress.is_none());
    if !phases.is_empty() {
        out.push(Warning::NoProgress { phases });
    }
    if let Some(status) = objective.status.as_deref().filter(|s| says_concluded(s)) {
        let unfinished = objective
            .phases
            .iter()
            .filter(|p| p.progress.is_none_or(|v| v < 100.0))
            .count();
        if unfinished > 0 {
            out.push(Warning::ConcludedUnfinished {
                status: status.to_string(),
                phases: unfinished,
            });
        }
    }
    if let Some(field) = narrative_overdue(plan, objective, today)
        && let Some(since) = first_monitoring(plan, today.year())
    {
        out.push(Warning::NarrativeMissing { field, since });
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
    if let Some(actual_end) = p.actual_end
        && p.progress.is_none_or(|v| v < 100.0)
    {
        out.push(Warning::EndedUnfinished {
            phase,
            actual_end,
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
        let found: Vec<String> = warnings(&Plan::default(), &o, d(2025, 7, 1))
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
                "fase 2: fine effettiva 15/01/2025 ma avanzamento 50% (attesa 100%)",
            ]
        );
        assert!(
            warnings(&Plan::default(), &o, d(2025, 6, 30))
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
        assert_eq!(warnings(&Plan::default(), &o, d(2030, 1, 1)), []);
    }

    #[test]
    fn a_concluded_status_with_work_left_and_a_narrative_overdue_are_named() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let plan = Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        };
        let mut o = Objective::new("O", "S");
        o.status = Some("Concluso".into());
        o.narratives.year2 = "scritto".into();
        o.phases = vec![
            Phase {
                progress: Some(100.0),
                actual_end: Some(d(2026, 1, 10)),
                ..Phase::default()
            },
            Phase {
                progress: Some(40.0),
                ..Phase::default()
            },
            Phase::default(),
        ];
        let found: Vec<String> = warnings(&plan, &o, d(2026, 7, 1))
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "fasi 1, 2, 3 senza peso",
                "fase 3 senza avanzamento: non misurata",
                "stato «Concluso» ma 2 fasi sotto il 100%",
                "Stato di attuazione 1° anno ancora vuoto dopo il monitoraggio del 30/06/2026",
            ]
        );
        // Before the first monitoring an empty narrative is not yet late; "In Corso" says nothing.
        o.status = Some("In Corso".into());
        let found = warnings(&plan, &o, d(2026, 6, 30));
        assert!(
            found
                .iter()
                .all(|w| matches!(w, Warning::NoWeight { .. } | Warning::NoProgress { .. })),
            "{found:?}"
        );
        // A phase without weight among weighted ones is said left out of the roll-up.
        o.phases[0].weight = Some(50.0);
        o.phases[1].weight = Some(50.0);
        o.phases[2].progress = Some(10.0);
        let found: Vec<String> = warnings(&plan, &o, d(2026, 6, 30))
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(
            found,
            ["fase 3 senza peso, tra fasi pesate: esclusa dall'avanzamento"]
        );
    }
}
