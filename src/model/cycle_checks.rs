//! What blocks a plan from moving on to the next state of its year (GUIDE §8
//! "checked before moving on"), listed by objective; and why a transition is
//! refused. The service checks with these before it writes a transition;
//! `cycle advance --dry-run` lists them and writes nothing.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::calendar::plan_years;
use super::cycle::{Direction, PlanState, Step, Transition};
use super::field::ObjectiveField;
use super::rollup::WEIGHT_SUM_TOLERANCE;
use super::types::{Dataset, Objective, Plan};
use super::values::format_number;
use crate::i18n::tr_string;
use crate::tr_format;

/// One thing that keeps the plan from moving on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    /// The objective it is about; none: the plan as a whole.
    pub objective: Option<String>,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum Problem {
    /// Neither a phase nor an indicator measures the objective.
    NotMeasured,
    /// The phases' weights add up to `sum`, not 100.
    PhaseWeights { sum: f64 },
    /// A field that may not be empty when the plan is proposed.
    Empty { field: ObjectiveField },
    /// An indicator without a target for the operative year.
    NoTarget {
        indicator: usize,
        name: String,
        year: i32,
    },
    /// The indicators are weighted and their weights add up to `sum`, not 100.
    IndicatorWeights { sum: f64 },
    /// A monitoring window of the operative year is still open (Consuntivo).
    WindowOpen { period: chrono::NaiveDate },
    /// Under the upper band (`value`, none: no value) without a gap cause.
    NoGapCause { value: Option<f64>, reached: f64 },
    /// A manager's request to force the result the validator has not answered.
    RequestUnanswered { value: f64 },
}

/// Why a transition was refused (nothing was written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum CycleError {
    /// The checks failed: each blocker, by objective.
    Blocked {
        to: PlanState,
        blockers: Vec<Blocker>,
    },
    /// Moving into `to` needs its act (`--act`).
    NeedsAct { to: PlanState },
    /// Going back, or forcing, needs a reason (`--reason`).
    NeedsReason,
    /// There is no state after `state` (before it, when going `back`).
    NoFurther { state: PlanState, back: bool },
    /// Someone else moved the plan meanwhile: it is in `state` now.
    Moved { state: PlanState },
}

/// The operative year: `plan.year`, else the first year of the title's span.
pub fn operative_year(plan: &Plan) -> Option<i32> {
    plan.year.or_else(|| plan_years(plan).first().copied())
}

/// Everything that blocks moving `dataset` into `to`, by objective in plan order.
pub fn blockers(dataset: &Dataset, to: PlanState) -> Vec<Blocker> {
    match to {
        PlanState::Proposed => {
            let year = operative_year(&dataset.plan);
            let mut out = Vec::new();
            for o in &dataset.objectives {
                out.extend(proposable(o, year).into_iter().map(|problem| Blocker {
                    objective: Some(o.code.clone()),
                    problem,
                }));
            }
            out
        }
        PlanState::Reporting => windows_closed(&dataset.plan),
        PlanState::Assessment => by_objective(dataset, gap_unexplained),
        PlanState::Reported => by_objective(dataset, request_unanswered),
        // The acts are checked by the transition itself.
        _ => Vec::new(),
    }
}

/// `problem` of each objective that has one, in plan order.
fn by_objective(
    dataset: &Dataset,
    problem: impl Fn(&Plan, &Objective) -> Option<Problem>,
) -> Vec<Blocker> {
    (dataset.objectives.iter())
        .filter_map(|o| {
            problem(&dataset.plan, o).map(|problem| Blocker {
                objective: Some(o.code.clone()),
                problem,
            })
        })
        .collect()
}

/// Into Valutazione (GUIDE §8): an objective under the upper band (or with
/// no value at all) says the cause of its gap; a non valutabile one need not.
fn gap_unexplained(plan: &Plan, o: &Objective) -> Option<Problem> {
    let year = operative_year(plan).unwrap_or_default();
    let value = super::score::headline(o, plan.settings.score, year).map(|h| h.value);
    let reached = plan.settings.bands.reached;
    let under = value.is_none_or(|v| v < reached);
    let answered = o.assessment().gap_cause.is_some() || o.mark().is_some();
    (under && !answered).then_some(Problem::NoGapCause { value, reached })
}

/// Into Relazione (GUIDE §8): the validator has answered every request to
/// force (with a forced value or a non valutabile, `Assessment::request_answered`).
fn request_unanswered(_: &Plan, o: &Objective) -> Option<Problem> {
    let a = o.assessment();
    match &a.force_request {
        Some(r) if !a.request_answered() => Some(Problem::RequestUnanswered { value: r.value }),
        _ => None,
    }
}

/// The transition `step` makes of `dataset`'s plan, by `by` at `at`, or why
/// it is refused: an act where the state needs one, a reason to go back or to
/// force, and the checks of the state it goes into unless forced.
pub fn transition(
    dataset: &Dataset,
    step: &Step,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<Transition, CycleError> {
    let from = dataset.plan.state();
    let to = match step.direction {
        Direction::Advance => from.next(),
        Direction::Back => from.previous(),
    }
    .ok_or(CycleError::NoFurther {
        state: from,
        back: step.direction == Direction::Back,
    })?;
    let reason = step.reason.trim();
    let act = step.act.trim();
    let forward = step.direction == Direction::Advance;
    if !forward && reason.is_empty() {
        return Err(CycleError::NeedsReason);
    }
    if forward && to.needs_act() && act.is_empty() {
        return Err(CycleError::NeedsAct { to });
    }
    let blockers = if forward {
        blockers(dataset, to)
    } else {
        Vec::new()
    };
    if !blockers.is_empty() && !step.force {
        return Err(CycleError::Blocked { to, blockers });
    }
    if !blockers.is_empty() && reason.is_empty() {
        return Err(CycleError::NeedsReason);
    }
    Ok(Transition {
        from,
        to,
        by: by.to_string(),
        at,
        reason: reason.to_string(),
        act: act.to_string(),
        forced: !blockers.is_empty(),
    })
}

/// Every window of the operative year still open (GUIDE §8, Consuntivo).
fn windows_closed(plan: &Plan) -> Vec<Blocker> {
    use chrono::Datelike;
    let year = operative_year(plan);
    let open = super::windows::windows(plan).into_iter().filter(|w| {
        w.state == super::windows::WindowState::Open && year.is_none_or(|y| w.period.year() == y)
    });
    open.map(|w| Blocker {
        objective: None,
        problem: Problem::WindowOpen { period: w.period },
    })
    .collect()
}

/// Why `o` cannot be proposed as it is (GUIDE §8, Proposta).
fn proposable(o: &Objective, year: Option<i32>) -> Vec<Problem> {
    let mut out = Vec::new();
    if o.phases.is_empty() && o.indicators.is_empty() {
        out.push(Problem::NotMeasured);
    }
    // Weights left empty count as none: a phase without a weight is not weighted.
    let sum = o
        .phases
        .iter()
        .filter_map(|p| p.weight)
        .fold(0.0, |s, w| s + w);
    if (!o.phases.is_empty() || o.indicators.is_empty())
        && (sum - 100.0).abs() > WEIGHT_SUM_TOLERANCE
    {
        out.push(Problem::PhaseWeights { sum });
    }
    for field in [
        ObjectiveField::Manager,
        ObjectiveField::ResponsibilityCentre,
        ObjectiveField::OperationalObjective,
    ] {
        if field.get_value(o).to_string().trim().is_empty() {
            out.push(Problem::Empty { field });
        }
    }
    if let Some(year) = year {
        for (index, i) in o.indicators.iter().enumerate() {
            if !i.targets.contains_key(&year) {
                out.push(Problem::NoTarget {
                    indicator: index,
                    name: i.name.clone(),
                    year,
                });
            }
        }
    }
    if o.indicators.iter().any(|i| i.weight.is_some()) {
        let sum = (o.indicators.iter().filter_map(|i| i.weight)).fold(0.0, |s, w| s + w);
        if (sum - 100.0).abs() > WEIGHT_SUM_TOLERANCE {
            out.push(Problem::IndicatorWeights { sum });
        }
    }
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            Problem::NotMeasured => tr_string(
                "nessuna fase né indicatore lo misura",
                "no phase nor indicator measures it",
            ),
            Problem::PhaseWeights { sum } => tr_format!(
                "somma dei pesi delle fasi {sum} (deve essere 100)",
                "sum of the phases' weights {sum} (must be 100)",
                sum = format_number(*sum)
            ),
            Problem::Empty { field } => {
                let label = field.label();
                tr_format!("{label}: vuoto", "{label}: empty")
            }
            Problem::NoTarget {
                indicator,
                name,
                year,
            } => tr_format!(
                "indicatore {n} «{name}»: manca il target del {year}",
                "indicator {n} «{name}»: no target for {year}",
                n = indicator + 1
            ),
            Problem::IndicatorWeights { sum } => tr_format!(
                "somma dei pesi degli indicatori {sum} (deve essere 100)",
                "sum of the indicators' weights {sum} (must be 100)",
                sum = format_number(*sum)
            ),
            Problem::WindowOpen { period } => tr_format!(
                "la finestra di monitoraggio {p} è ancora aperta (obiettivi period close {p})",
                "monitoring window {p} is still open (obiettivi period close {p})",
                p = super::values::format_date(*period)
            ),
            Problem::NoGapCause { value, reached } => {
                let value = value.map_or_else(
                    || tr_string("n/d", "n/a"),
                    |v| format!("{}%", format_number(v)),
                );
                let reached = format_number(*reached);
                tr_format!(
                    "risultato {value} sotto il {reached}%: manca la causa dello scostamento (obiettivi set CODICE --gap-cause esterna|interna|indicatore)",
                    "result {value} below the {reached}%: the cause of the gap is missing (obiettivi set CODICE --gap-cause esterna|interna|indicatore)"
                )
            }
            Problem::RequestUnanswered { value } => tr_format!(
                "richiesta di forzatura a {value}%: il validatore non ha ancora risposto (--forced X --reason, o --not-assessable --reason)",
                "request to force to {value}%: the validator has not answered yet (--forced X --reason, or --not-assessable --reason)",
                value = format_number(*value)
            ),
        };
        f.write_str(&said)
    }
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.objective {
            Some(code) => write!(f, "{code}: {}", self.problem),
            None => write!(f, "{}", self.problem),
        }
    }
}

impl fmt::Display for CycleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            CycleError::Blocked { to, blockers } => {
                let (to, n) = (to.label(), blockers.len());
                let problems =
                    crate::i18n::count(n, ("problema", "problemi"), ("problem", "problems"));
                let mut said = tr_format!(
                    "il piano non può passare a «{to}»: {problems} (un controller può passare oltre con --force --reason)",
                    "the plan cannot move to «{to}»: {problems} (a controller may pass them with --force --reason)"
                );
                for b in blockers {
                    said += &format!("\n  {b}");
                }
                said
            }
            CycleError::NeedsAct { to } => tr_format!(
                "il passaggio a «{to}» richiede l'atto che lo dispone (--act \"DGC n. 12 del 30/01/2026\")",
                "moving to «{to}» needs the act that decides it (--act \"DGC n. 12 del 30/01/2026\")",
                to = to.label()
            ),
            CycleError::NeedsReason => tr_string(
                "serve un motivo (--reason TESTO)",
                "a reason is needed (--reason TEXT)",
            ),
            CycleError::NoFurther { state, back: true } => tr_format!(
                "il piano è in «{state}»: non c'è uno stato prima",
                "the plan is in «{state}»: there is no state before",
                state = state.label()
            ),
            CycleError::NoFurther { state, back: false } => tr_format!(
                "il piano è in «{state}»: non c'è uno stato oltre",
                "the plan is in «{state}»: there is no state beyond",
                state = state.label()
            ),
            CycleError::Moved { state } => tr_format!(
                "nel frattempo un altro utente ha portato il piano in «{state}»: riprova",
                "meanwhile another user moved the plan to «{state}»: try again",
                state = state.label()
            ),
        };
        f.write_str(&said)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    #[test]
    fn an_objective_is_proposable_when_weighted_to_100_and_named() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut d = Dataset::with_mission("M", "S");
        d.plan.title = "DUP 2026-2028".into();
        let mut o = Objective::new("O1", "S");
        o.phases = vec![Phase {
            name: "A".into(),
            weight: Some(60.0),
            ..Phase::default()
        }];
        d.objectives.push(o);
        let said: Vec<String> = blockers(&d, PlanState::Proposed)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            [
                "O1: somma dei pesi delle fasi 60 (deve essere 100)",
                "O1: Responsabile: vuoto",
                "O1: Centro di Responsabilità: vuoto",
                "O1: Obiettivo operativo: vuoto",
            ]
        );
        let o = &mut d.objectives[0];
        o.phases[0].weight = Some(100.0);
        o.manager = "M".into();
        o.responsibility_centre = "C".into();
        o.operational_objective = "T".into();
        assert_eq!(blockers(&d, PlanState::Proposed), []);
    }
}
