//! `plan`: the plans of the database (GUIDE §10).

use std::process::ExitCode;

use clap::Subcommand;

use super::fail;
use super::file_io::print_text;
use crate::i18n::tr;
use crate::service::PlanService;

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Elenca i piani del database, col loro anno; * segna quello predefinito
    List,
}

pub fn run(store: &dyn PlanService, action: &PlanAction) -> ExitCode {
    match action {
        PlanAction::List => match store.plans() {
            Ok(plans) => {
                let mut out = String::new();
                for plan in plans {
                    let default = if plan.default { "*" } else { " " };
                    let year = plan.year.map_or_else(
                        || tr("(anno non indicato)", "(no year)").to_string(),
                        |y| y.to_string(),
                    );
                    out.push_str(&format!("{default} {}  {year}\n", plan.title));
                }
                // Control characters in a title are shown escaped.
                print_text(&out)
            }
            Err(e) => fail(e),
        },
    }
}
