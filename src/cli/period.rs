//! `obiettivi period` (`periodo`): the monitoring windows (GUIDE §8) — open
//! a period's window (until a day), close it (which takes the snapshot
//! `Monitoraggio DD/MM/YYYY`), reopen it with a reason, list them. Each step
//! is one audited operation of the service, a controller's.

use chrono::NaiveDate;
use clap::Subcommand;

use super::file_io::print_text;
use super::today::date_arg;
use super::{Done, fail};
use crate::i18n::tr;
use crate::model::windows::{self, WindowAction, WindowState, WindowStep};
use crate::service::PlanService;
use crate::tr_format;

#[derive(Debug, Subcommand)]
pub enum PeriodAction {
    /// Apre la finestra di monitoraggio del periodo: i manager vi inseriscono rilevazioni, avanzamenti e narrative
    Open {
        /// Il periodo (gg/mm/aaaa), uno di quelli di monitoraggio del piano
        #[arg(value_name = "GG/MM/AAAA", value_parser = date_arg)]
        period: NaiveDate,
        /// Fino a quando resta aperta (gg/mm/aaaa)
        #[arg(long, value_name = "GG/MM/AAAA", value_parser = date_arg)]
        until: Option<NaiveDate>,
    },
    /// Chiude la finestra del periodo e ne fa l'istantanea «Monitoraggio GG/MM/AAAA»
    Close {
        /// Il periodo (gg/mm/aaaa)
        #[arg(value_name = "GG/MM/AAAA", value_parser = date_arg)]
        period: NaiveDate,
    },
    /// Riapre la finestra di un periodo già chiuso, con il motivo
    Reopen {
        /// Il periodo (gg/mm/aaaa)
        #[arg(value_name = "GG/MM/AAAA", value_parser = date_arg)]
        period: NaiveDate,
        /// Il motivo della riapertura
        #[arg(long, value_name = "TESTO")]
        reason: String,
        /// Fino a quando resta aperta (gg/mm/aaaa)
        #[arg(long, value_name = "GG/MM/AAAA", value_parser = date_arg)]
        until: Option<NaiveDate>,
    },
    /// Elenca le finestre di monitoraggio: aperte, chiuse, mai aperte, con chi le ha aperte e chiuse
    List,
}

pub fn run(service: &dyn PlanService, action: &PeriodAction) -> Done {
    let (period, action, until, reason) = match action {
        PeriodAction::List => return list(service),
        PeriodAction::Open { period, until } => (period, WindowAction::Open, until, ""),
        PeriodAction::Close { period } => (period, WindowAction::Close, &None, ""),
        PeriodAction::Reopen {
            period,
            reason,
            until,
        } => (period, WindowAction::Reopen, until, reason.as_str()),
    };
    let step = WindowStep {
        period: *period,
        action,
        until: *until,
        reason: reason.to_string(),
    };
    let done = service.window_step(step).map_err(fail)?;
    let mut text = format!("{}\n", windows::describe(&done.window));
    if let Some(name) = done.snapshot {
        text.push_str(&tr_format!(
            "istantanea del monitoraggio: «{name}» (obiettivi snapshot list)\n",
            "monitoring snapshot: «{name}» (obiettivi snapshot list)\n"
        ));
    }
    Ok(print_text(&text))
}

/// Every period's window, with its openings and closings.
fn list(service: &dyn PlanService) -> Done {
    let plan = service.load().map_err(fail)?.dataset.plan;
    let all = windows::windows(&plan);
    if all.is_empty() {
        return Ok(print_text(tr(
            "Il piano non ha periodi di monitoraggio (il titolo non nomina anni, né ci sono periodi nelle impostazioni)\n",
            "The plan has no monitoring periods (its title names no years, and its settings no periods)\n",
        )));
    }
    let mut text = String::new();
    for w in &all {
        text.push_str(&windows::describe(w));
        text.push('\n');
        for e in &w.events {
            let word = match e.state {
                WindowState::Open => tr("aperta", "opened"),
                WindowState::Closed => tr("chiusa", "closed"),
            };
            text.push_str(&format!(
                "  {}  {}  {word}",
                e.at.format("%d/%m/%Y %H:%M"),
                e.by
            ));
            if !e.reason.is_empty() {
                text.push_str(&tr_format!("  motivo: {}", "  reason: {}", e.reason));
            }
            text.push('\n');
        }
    }
    Ok(print_text(&text))
}
