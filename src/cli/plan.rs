//! `plan`: the plans of the database (GUIDE §10).

use clap::Subcommand;

use super::file_io::print_text;
use super::{Done, fail};
use crate::api::PlanEntry;
use crate::i18n::tr_string;
use crate::service::PlanService;
use crate::tr_format;

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Elenca i piani del database, col loro anno e lo stato; * segna quello predefinito
    List,
    /// Crea un piano, vuoto o riportando da un altro mandati, missioni, obiettivi, fasi e indicatori (in Bozza, senza narrative né rilevazioni)
    #[command(
        after_help = "Il nuovo piano non diventa il predefinito: «obiettivi plan use TITOLO» lo sceglie, \
            «obiettivi --plan TITOLO …» lo usa per un comando. Con --from il valore di partenza di ogni indicatore \
            diventa la sua ultima rilevazione dell'anno del vecchio piano, quando c'è; il vecchio piano resta com'era.\n\n\
            Esempio:\n  \
            obiettivi plan new \"DUP 2027-2029\" --year 2027 --from \"DUP 2026-2028\""
    )]
    New {
        /// Il titolo del nuovo piano (diverso da quello degli altri piani del database)
        #[arg(value_name = "TITOLO")]
        title: String,
        /// L'anno operativo del piano (il primo dei tre del DUP)
        #[arg(long, value_name = "AAAA")]
        year: i32,
        /// Il piano da cui riportare la struttura, per titolo
        #[arg(long, value_name = "TITOLO")]
        from: Option<String>,
    },
    /// Sceglie il piano che i comandi e l'interfaccia aprono quando nessuno è indicato
    Use {
        /// Il titolo del piano
        #[arg(value_name = "TITOLO")]
        title: String,
    },
}

pub fn run(store: &dyn PlanService, action: &PlanAction) -> Done {
    let text = match action {
        PlanAction::List => {
            let mut out = String::new();
            for plan in store.plans().map_err(fail)? {
                let default = if plan.default { "*" } else { " " };
                let state = plan.state.map(|s| format!("  {}", s.label()));
                out.push_str(&format!(
                    "{default} {}  {}{}\n",
                    plan.title,
                    year(&plan),
                    state.unwrap_or_default()
                ));
            }
            out
        }
        PlanAction::New { title, year, from } => {
            let plan = store
                .plan_new(title, *year, from.as_deref())
                .map_err(fail)?;
            tr_format!(
                "creato il piano «{}»{}{}; per renderlo il predefinito: obiettivi plan use \"{}\"\n",
                "made plan «{}»{}{}; to make it the default: obiettivi plan use \"{}\"\n",
                plan.title,
                in_year(&plan),
                from.as_ref().map_or(String::new(), |from| tr_format!(
                    " dal piano «{from}»",
                    " from plan «{from}»"
                )),
                plan.title
            )
        }
        PlanAction::Use { title } => {
            let plan = store.plan_use(title).map_err(fail)?;
            tr_format!(
                "piano predefinito: «{}»{}\n",
                "default plan: «{}»{}\n",
                plan.title,
                in_year(&plan)
            )
        }
    };
    // Control characters in a title are shown escaped.
    Ok(print_text(&text))
}

fn year(plan: &PlanEntry) -> String {
    plan.year.map_or_else(
        || tr_string("(anno non indicato)", "(no year)"),
        |y| y.to_string(),
    )
}

/// « (2027)» after a title, when the plan has a year.
fn in_year(plan: &PlanEntry) -> String {
    plan.year.map_or_else(String::new, |y| format!(" ({y})"))
}
