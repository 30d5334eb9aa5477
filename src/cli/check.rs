//! `check`: every warning of the plan, one per line; exit 1 when there is any (GUIDE §3).

use std::fmt::Write;
use std::process::ExitCode;

use clap::Args;

use super::file_io::print_text;
use super::today::Today;
use super::{Done, fail};
use crate::i18n::tr;
use crate::model::indicator_warnings::indicator_warnings;
use crate::model::warnings::warnings;
use crate::service::PlanService;
use crate::service::codes::resolve_each;

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Solo gli avvisi di questi obiettivi, per codice o la sua fine: 0601 (predefinito: tutti)
    #[arg(value_name = "CODICE")]
    codes: Vec<String>,
    #[command(flatten)]
    today: Today,
}

/// Exit status 1: the plan has warnings.
pub const EXIT_WARNINGS: u8 = 1;

pub fn run(store: &dyn PlanService, args: &CheckArgs) -> Done {
    let dataset = store.load().map_err(fail)?.dataset;
    let only = resolve_each(&args.codes, &dataset).map_err(fail)?;
    let today = args.today.date();
    let mut out = String::new();
    let mut count = 0;
    let checked = dataset
        .objectives
        .iter()
        .filter(|o| only.is_empty() || only.contains(&o.code));
    for o in checked {
        // Written straight into `out`, not each into a string of its own
        // first: a plan of 10 000 objectives has about 95 000 of them.
        for w in warnings(&dataset.plan, o, today) {
            count += 1;
            let _ = writeln!(out, "{}  {w}", o.code);
        }
        for line in indicator_warnings(&dataset.plan, o, today) {
            count += 1;
            let _ = writeln!(out, "{}  {line}", o.code);
        }
    }
    if count == 0 {
        out.push_str(tr("Nessun avviso.\n", "No warnings.\n"));
        return Ok(print_text(&out));
    }
    out.push_str(&format!(
        "{}\n",
        crate::i18n::count(count, ("avviso", "avvisi"), ("warning", "warnings"))
    ));
    let _ = print_text(&out);
    Ok(ExitCode::from(EXIT_WARNINGS))
}
