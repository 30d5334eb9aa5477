//! `obiettivi cycle` (`ciclo`): the plan's year (GUIDE §8) — its state, the
//! transitions that brought it there and what blocks the next one; `advance`
//! and `back` move it, each one audited step through the service.

use std::process::ExitCode;

use clap::Subcommand;

use super::file_io::print_text;
use super::{Done, fail};
use crate::io::cycle;
use crate::model::cycle::{Direction, Step};
use crate::service::PlanService;
use crate::tr_format;

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

pub fn run(service: &dyn PlanService, action: Option<&CycleAction>) -> Done {
    let (direction, act, reason, force) = match action {
        None | Some(CycleAction::Advance { dry_run: true, .. }) => {
            return described(service, action.is_none());
        }
        Some(CycleAction::Advance {
            act, reason, force, ..
        }) => (Direction::Advance, act.clone(), reason.clone(), *force),
        Some(CycleAction::Back { reason }) => (Direction::Back, None, Some(reason.clone()), false),
    };
    let step = Step {
        direction,
        act: act.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
        force,
    };
    let now = service.cycle_step(step).map_err(fail)?;
    let last = (now.transitions.last())
        .map(crate::io::cycle::transition)
        .unwrap_or_default();
    Ok(print_text(&tr_format!(
        "il piano è ora in «{}»\n{last}\n",
        "the plan is now «{}»\n{last}\n",
        now.state.label()
    )))
}

/// The state, every transition and what blocks the next one (`cycle`); with
/// `whole` false only what blocks it (`cycle advance --dry-run`: exit 1 when
/// something does).
fn described(service: &dyn PlanService, whole: bool) -> Done {
    let dataset = service.load().map_err(fail)?.dataset;
    let (next, blocked) = cycle::next_step(&dataset);
    let mut lines = match whole {
        true => cycle::state_and_transitions(&dataset),
        false => Vec::new(),
    };
    lines.extend(next);
    let status = print_text(&lines_of(&lines));
    Ok(match blocked && !whole && status == ExitCode::SUCCESS {
        true => ExitCode::from(1),
        false => status,
    })
}

fn lines_of(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}
