//! `check`: every warning of the plan, one per line; exit 1 when there is any (GUIDE §3).

use std::fmt::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::file_io::write_stdout;
use super::today::Today;
use super::{Done, fail};
use crate::i18n::tr;
use crate::io::hygiene::terminal;
use crate::model::indicator_warnings::indicator_warnings;
use crate::model::warnings::warnings;
use crate::model::{Objective, Plan};
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
    // Without the texts no warning reads (issue 29: `check` ≤ 300 ms at 10 000 × 10).
    let dataset = store.load_lean().map_err(fail)?;
    let only = resolve_each(&args.codes, &dataset).map_err(fail)?;
    let today = args.today.date();
    let checked: Vec<&Objective> = (dataset.objectives.iter())
        .filter(|o| only.is_empty() || only.contains(&o.code))
        .collect();
    // Two halves written on two threads (95 000 lines at 10 000 objectives),
    // then printed in order.
    let (lang, plan) = (crate::i18n::lang(), &dataset.plan);
    let halves = checked.chunks(checked.len().div_ceil(2).max(1));
    let written: Vec<(String, usize)> = std::thread::scope(|scope| {
        let threads: Vec<_> = halves
            .map(|half| {
                scope.spawn(move || {
                    crate::i18n::set_lang(lang);
                    lines(plan, half, today)
                })
            })
            .collect();
        (threads.into_iter())
            .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let count: usize = written.iter().map(|(_, n)| n).sum();
    let mut out: String = written.into_iter().map(|(text, _)| text).collect();
    if count == 0 {
        out.push_str(tr("Nessun avviso.\n", "No warnings.\n"));
        return Ok(write_stdout(out.as_bytes()));
    }
    out.push_str(&format!(
        "{}\n",
        crate::i18n::count(count, ("avviso", "avvisi"), ("warning", "warnings"))
    ));
    let _ = write_stdout(out.as_bytes());
    Ok(ExitCode::from(EXIT_WARNINGS))
}

/// The warnings of `objectives`, one line each, as the terminal may show
/// them (`hygiene::terminal`), and how many.
fn lines(plan: &Plan, objectives: &[&Objective], today: NaiveDate) -> (String, usize) {
    let mut out = String::new();
    let mut count = 0;
    for o in objectives {
        // Written straight into `out`, not each into a string of its own
        // first: a plan of 10 000 objectives has about 95 000 of them.
        for w in warnings(plan, o, today) {
            count += 1;
            let _ = writeln!(out, "{}  {w}", o.code);
        }
        for line in indicator_warnings(plan, o, today) {
            count += 1;
            let _ = writeln!(out, "{}  {line}", o.code);
        }
    }
    (terminal(&out).into_owned(), count)
}
