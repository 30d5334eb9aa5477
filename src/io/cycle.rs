//! The plan's year as people read it (GUIDE §8): a transition on one line,
//! and what the next step needs, by objective. `obiettivi cycle` prints
//! these; the TUI's `C` overlay shows the same lines.

use crate::i18n::{tr, tr_string};
use crate::model::Dataset;
use crate::model::cycle::{PlanState, Transition};
use crate::model::cycle_checks::{Blocker, blockers};
use crate::model::values::format_date;
use crate::model::windows;
use crate::tr_format;

/// `30/01/2026 11:02  rossi  Proposta → Approvata  atto: DGC n. 12 del 30/01/2026`.
pub fn transition(t: &Transition) -> String {
    let mut line = format!(
        "{}  {}  {} → {}",
        t.at.format("%d/%m/%Y %H:%M"),
        t.by,
        t.from.label(),
        t.to.label()
    );
    if !t.act.is_empty() {
        line.push_str(&tr_format!("  atto: {}", "  act: {}", t.act));
    }
    if !t.reason.is_empty() {
        line.push_str(&tr_format!("  motivo: {}", "  reason: {}", t.reason));
    }
    if t.forced {
        line.push_str(tr("  [forzato]", "  [forced]"));
    }
    line
}

/// The state and every transition, oldest first.
pub fn state_and_transitions(dataset: &Dataset) -> Vec<String> {
    let mut lines = vec![tr_format!(
        "Stato del piano: {}",
        "The plan's state: {}",
        dataset.plan.state().label()
    )];
    lines.extend(window_line(&dataset.plan));
    let transitions = (dataset.plan.cycle.as_ref())
        .map(|c| c.transitions.as_slice())
        .unwrap_or_default();
    if transitions.is_empty() {
        lines.push(tr_string("Nessun passaggio", "No transitions"));
    } else {
        lines.push(tr_string("Passaggi:", "Transitions:"));
        lines.extend(transitions.iter().map(|t| format!("  {}", transition(t))));
    }
    lines
}

/// The monitoring window open, else the next one to open (GUIDE §8);
/// nothing for a plan without monitoring periods.
fn window_line(plan: &crate::model::Plan) -> Option<String> {
    let label = tr("Monitoraggio", "Monitoring");
    if let Some(w) = windows::open_window(plan) {
        return Some(format!("{label}: {}", windows::describe(w)));
    }
    let next = windows::windows(plan).into_iter().find(|w| !w.opened())?;
    Some(tr_format!(
        "{label}: nessuna finestra aperta; la prossima è quella del {} (obiettivi period open {})",
        "{label}: no window open; the next is {} (obiettivi period open {})",
        format_date(next.period),
        format_date(next.period)
    ))
}

/// What the next step needs and what blocks it, by objective; whether anything does.
pub fn next_step(dataset: &Dataset) -> (Vec<String>, bool) {
    let Some(to) = dataset.plan.state().next() else {
        let over = tr(
            "Il ciclo è concluso: il piano è validato.",
            "The cycle is over: the plan is validated.",
        );
        return (vec![over.into()], false);
    };
    let found = blockers(dataset, to);
    let mut lines = Vec::new();
    if found.is_empty() {
        lines.push(tr_format!(
            "Per passare a «{}»: nessun controllo lo blocca",
            "To move to «{}»: no check blocks it",
            to.label()
        ));
    } else {
        lines.push(tr_format!(
            "Per passare a «{}» mancano:",
            "To move to «{}» these are missing:",
            to.label()
        ));
        lines.extend(found.iter().map(|b| format!("  {b}")));
        // What blocks the plan as a whole (an open window) names no objective.
        let objectives = objectives_in(&found);
        if objectives > 0 {
            lines.push(crate::i18n::count(
                objectives,
                ("obiettivo da sistemare", "obiettivi da sistemare"),
                ("objective to fix", "objectives to fix"),
            ));
        }
    }
    if to.needs_act() {
        lines.push(tr_format!(
            "Serve l'atto che lo dispone (--act \"{}\")",
            "It needs the act that decides it (--act \"{}\")",
            example_act(to)
        ));
    }
    (lines, !found.is_empty())
}

/// How many objectives the blockers name (they come by objective, in plan order).
fn objectives_in(found: &[Blocker]) -> usize {
    let mut codes: Vec<_> = found.iter().filter_map(|b| b.objective.as_ref()).collect();
    codes.dedup();
    codes.len()
}

fn example_act(to: PlanState) -> &'static str {
    match to {
        PlanState::Validated => "Verbale OIV n. 3 del 20/06/2027",
        _ => "DGC n. 12 del 30/01/2026",
    }
}
