//! `set --plan-text NAME TEXT` (`-`: from stdin): one of the Relazione's
//! texts (`plan.texts`: presentazione, contesto, processo; GUIDE §9), one
//! audited service operation, the controllers' (the server's guard says so).

use std::process::ExitCode;

use super::fail;
use super::file_io::print_text;
use crate::i18n::tr;
use crate::model::PlanText;
use crate::service::{PlanService, ServiceError};
use crate::tr_format;

pub(super) fn run(store: &dyn PlanService, name: &str, text: Option<&str>) -> ExitCode {
    let which = match PlanText::named(name) {
        Ok(which) => which,
        Err(why) => return fail(format!("--plan-text {why}")),
    };
    let text = match text {
        Some("-") => match super::file_io::stdin_text() {
            Ok(t) => t,
            Err(why) => return fail(why),
        },
        Some(t) => t.to_string(),
        None => {
            return fail(tr(
                "manca il testo: obiettivi set --plan-text NOME «testo», o «-» per leggerlo da stdin",
                "the text is missing: obiettivi set --plan-text NAME «text», or «-» to read it from stdin",
            ));
        }
    };
    let chars = text.chars().count();
    match store.set_plan_text(which, &text, None) {
        Ok(_) => print_text(&tr_format!(
            "testo della Relazione «{}» salvato ({})\n",
            "report text «{}» saved ({})\n",
            which.label(),
            crate::i18n::count(
                chars,
                ("carattere", "caratteri"),
                ("character", "characters")
            )
        )),
        Err(e @ ServiceError::NothingToChange) => print_text(&format!("{e}\n")),
        Err(e) => fail(e),
    }
}
