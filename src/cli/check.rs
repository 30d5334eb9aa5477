//! `check`: every warning of the plan, one per line; exit 1 when there is any (GUIDE §3).

use std::process::ExitCode;

use chrono::NaiveDate;

use super::fail;
use super::transfer::print_text;
use crate::i18n::tr;
use crate::model::indicator_warnings::indicator_warnings;
use crate::model::warnings::warnings;
use crate::service::PlanService;

/// Exit status 1: the plan has warnings.
pub const EXIT_WARNINGS: u8 = 1;

pub fn run(store: &dyn PlanService, today: NaiveDate) -> ExitCode {
    let dataset = match store.load().map(|l| l.dataset) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let mut out = String::new();
    let mut count = 0;
    for o in &dataset.objectives {
        let lines = warnings(&dataset.plan, o, today)
            .into_iter()
            .map(|w| w.to_string())
            .chain(indicator_warnings(&dataset.plan, o, today));
        for line in lines {
            count += 1;
            out.push_str(&format!("{}  {line}\n", o.code));
        }
    }
    if count == 0 {
        out.push_str(tr("Nessun avviso.\n", "No warnings.\n"));
        return print_text(&out);
    }
    out.push_str(&format!(
        "{count} {}\n",
        if count == 1 {
            tr("avviso", "warning")
        } else {
            tr("avvisi", "warnings")
        }
    ));
    let _ = print_text(&out);
    ExitCode::from(EXIT_WARNINGS)
}
