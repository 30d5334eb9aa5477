//! `set --plan-text NAME TEXT` (`-`: from stdin): one of the Relazione's
//! texts (`plan.texts`: presentazione, contesto, processo; GUIDE §9), one
//! audited service operation, the controllers' (the server's guard says so).

use super::file_io::print_text;
use super::{Done, fail};
use crate::i18n::tr;
use crate::model::PlanText;
use crate::service::{PlanService, ServiceError};
use crate::tr_format;

pub(super) fn run(store: &dyn PlanService, name: &str, text: Option<&str>) -> Done {
    let which = PlanText::named(name).map_err(|why| fail(format!("--plan-text {why}")))?;
    let text = match text {
        Some("-") => super::file_io::stdin_text().map_err(fail)?,
        Some(t) => t.to_string(),
        None => {
            return Err(fail(tr(
                "manca il testo: obiettivi set --plan-text NOME «testo», o «-» per leggerlo da stdin",
                "the text is missing: obiettivi set --plan-text NAME «text», or «-» to read it from stdin",
            )));
        }
    };
    let chars = text.chars().count();
    Ok(match store.set_plan_text(which, &text, None) {
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
        Err(e) => return Err(fail(e)),
    })
}
