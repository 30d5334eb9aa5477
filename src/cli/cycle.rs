//! `obiettivi cycle` (`ciclo`): the plan's year (GUIDE §8) — its state, the
//! transitions that brought it there and what blocks the next one; `advance`
//! and `back` move it, each one audited step through the service.

use std::process::ExitCode;

use clap::Subcommand;

use super::fail;
use super::file_io::print_text;
use crate::i18n::tr;
use crate::model::Dataset;
use crate::model::cycle::{Direction, PlanState, Step, Transition};
use crate::model::cycle_checks::blockers;
use crate::service::PlanService;

#[derive(Debug, Subcommand)]
pub enum CycleAction {
    /// Porta il piano allo stato successivo del ciclo, dopo i controlli
    Advance {
        /// Elenca cosa blocca il passaggio, obiettivo per obiettivo, senza cambiare nulla (uscita 1 se qualcosa blocca)
        #[arg(long)]
        dry_run: bool,
        /// L'atto che dispone il passaggio (es. «DGC n. 12 del 30/01/2026»): necessario per Approvata, Relazione e Validata
        #[arg(long, value_name = "TESTO")]
        act: Option<String>,
        /// Il motivo (necessario con --force)
        #[arg(long, value_name = "TESTO")]
        reason: Option<String>,
        /// Passa oltre i controlli falliti (solo un controller, con --reason; registrato)
        #[arg(long)]
        force: bool,
    },
    /// Riporta il piano allo stato precedente del ciclo
    Back {
        /// Il motivo del ritorno
        #[arg(long, value_name = "TESTO")]
        reason: String,
    },
}

pub fn run(service: &dyn PlanService, action: Option<&CycleAction>) -> ExitCode {
    let step = match action {
        None => return show(service),
        Some(CycleAction::Advance { dry_run: true, .. }) => return dry_run(service),
        Some(CycleAction::Advance {
            act, reason, force, ..
        }) => Step {
            direction: Direction::Advance,
            act: act.clone().unwrap_or_default(),
            reason: reason.clone().unwrap_or_default(),
            force: *force,
        },
        Some(CycleAction::Back { reason }) => Step {
            direction: Direction::Back,
            act: String::new(),
            reason: reason.clone(),
            force: false,
        },
    };
    match service.cycle_step(step) {
        Ok(cycle) => {
            let last = cycle.transitions.last().map(transition).unwrap_or_default();
            print_text(&format!(
                "{} «{}»\n{last}\n",
                tr("il piano è ora in", "the plan is now"),
                cycle.state.label()
            ))
        }
        Err(e) => fail(e),
    }
}

/// The state, every transition, and what blocks the next one.
fn show(service: &dyn PlanService) -> ExitCode {
    let dataset = match service.load() {
        Ok(loaded) => loaded.dataset,
        Err(e) => return fail(e),
    };
    let state = dataset.plan.state();
    let mut text = format!(
        "{}: {}\n",
        tr("Stato del piano", "The plan's state"),
        state.label()
    );
    let transitions = dataset
        .plan
        .cycle
        .as_ref()
        .map(|c| c.transitions.as_slice())
        .unwrap_or_default();
    if transitions.is_empty() {
        text.push_str(tr("Nessun passaggio\n", "No transitions\n"));
    } else {
        text.push_str(tr("Passaggi:\n", "Transitions:\n"));
        for t in transitions {
            text.push_str(&format!("  {}\n", transition(t)));
        }
    }
    text.push_str(&next_step(&dataset).0);
    print_text(&text)
}

/// `cycle advance --dry-run`: exit 1 when something blocks.
fn dry_run(service: &dyn PlanService) -> ExitCode {
    let dataset = match service.load() {
        Ok(loaded) => loaded.dataset,
        Err(e) => return fail(e),
    };
    let (text, blocked) = next_step(&dataset);
    let status = print_text(&text);
    if blocked && status == ExitCode::SUCCESS {
        ExitCode::from(1)
    } else {
        status
    }
}

/// What the next step needs and what blocks it, by objective; whether anything does.
fn next_step(dataset: &Dataset) -> (String, bool) {
    let state = dataset.plan.state();
    let Some(to) = state.next() else {
        return (
            tr(
                "Il ciclo è concluso: il piano è validato.\n",
                "The cycle is over: the plan is validated.\n",
            )
            .into(),
            false,
        );
    };
    let found = blockers(dataset, to);
    let mut text = String::new();
    if found.is_empty() {
        text.push_str(&format!(
            "{} «{}»: {}\n",
            tr("Per passare a", "To move to"),
            to.label(),
            tr("nessun controllo lo blocca", "no check blocks it")
        ));
    } else {
        text.push_str(&format!(
            "{} «{}» {}:\n",
            tr("Per passare a", "To move to"),
            to.label(),
            tr("mancano", "these are missing")
        ));
        for b in &found {
            text.push_str(&format!("  {b}\n"));
        }
        text.push_str(&format!(
            "{}\n",
            crate::i18n::count(
                objectives_in(&found),
                ("obiettivo da sistemare", "obiettivi da sistemare"),
                ("objective to fix", "objectives to fix")
            )
        ));
    }
    if to.needs_act() {
        text.push_str(&format!(
            "{} (--act \"{}\")\n",
            tr(
                "Serve l'atto che lo dispone",
                "It needs the act that decides it"
            ),
            example_act(to)
        ));
    }
    (text, !found.is_empty())
}

fn objectives_in(found: &[crate::model::cycle_checks::Blocker]) -> usize {
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

/// `30/01/2026 11:02  rossi  Proposta → Approvata  atto: DGC n. 12 del 30/01/2026`.
fn transition(t: &Transition) -> String {
    let mut line = format!(
        "{}  {}  {} → {}",
        t.at.format("%d/%m/%Y %H:%M"),
        t.by,
        t.from.label(),
        t.to.label()
    );
    if !t.act.is_empty() {
        line.push_str(&format!("  {}: {}", tr("atto", "act"), t.act));
    }
    if !t.reason.is_empty() {
        line.push_str(&format!("  {}: {}", tr("motivo", "reason"), t.reason));
    }
    if t.forced {
        line.push_str(&format!("  [{}]", tr("forzato", "forced")));
    }
    line
}
