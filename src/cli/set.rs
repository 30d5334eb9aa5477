//! `obiettivi set CODE [--phase N] [--weight X] …`: one objective or phase from a script,
//! validated exactly as in the TUI (the same `Field::parse` and `apply_all`).

use clap::Args;

use super::{Done, fail};
use crate::i18n::{tr, tr_string};
use crate::model::describe::{self, Said};
use crate::model::edit::{Applied, Change, apply_all};
use crate::model::{Field, ObjectiveField};
use crate::service::PlanService;
use crate::service::ServiceError;
pub use crate::service::set_flags::{FieldFlags, Refused};
use crate::tr_format;

#[derive(Debug, Args)]
#[command(after_help = "Esempi:\n  \
    obiettivi set 05_1201_0601 --phase 1 --weight 40 --progress 25%\n  \
    obiettivi set 05_1201_0601 --status Concluso\n  \
    obiettivi set 05_1201_0601 --phase 2 --actual-end 30/06/2026 --notes \"consegnati 12 alloggi\"\n  \
    echo \"Testo…\" | obiettivi set 05_1201_0601 --year2 -\n  \
    obiettivi set --plan-text presentazione - < presentazione.txt\n  \
    obiettivi set --batch modifiche.txt   (righe come: 05_1201_0601 --phase 1 --weight 40)")]
pub struct SetArgs {
    /// Codice dell'obiettivo, es. 05_1201_0601 (anche «05 1201 0601», o la sua fine se nessun altro codice finisce così: 0601); con --plan-text, il testo («-»: da stdin)
    #[arg(required_unless_present_any = ["batch", "plan_text"])]
    pub code: Option<String>,
    /// Scrive un testo della Relazione sulla performance (presentazione, contesto, processo) invece di un obiettivo: obiettivi set --plan-text presentazione -
    #[arg(long, value_name = "NOME", conflicts_with_all = ["batch", "variation"])]
    pub plan_text: Option<String>,
    /// Più modifiche da un file (o «-» per stdin), una per riga con le stesse opzioni: tutto o niente
    #[arg(long, value_name = "FILE")]
    pub batch: Option<std::path::PathBuf>,
    /// The fields of the objective and its phases (`--phase`, `--weight`, `--status` …).
    #[command(flatten)]
    pub fields: FieldFlags,
    #[command(flatten)]
    pub indicator: crate::service::set_indicator::IndicatorArgs,
    /// Registra la modifica nella variazione aperta ID invece di applicarla (il piano non cambia finché non è approvata)
    #[arg(long, value_name = "ID")]
    pub variation: Option<u64>,
}

/// Where `--year1 -` / `--year2 -` read from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stdin {
    /// The narrative's text (a single `set`).
    Narrative,
    /// Taken already (by `set --batch -`), or not to be mixed with a batch.
    Unavailable,
}

impl SetArgs {
    /// Whether a field (of the objective, a phase or an indicator) is given.
    pub fn asks_for_fields(&self) -> bool {
        !self.fields.edits().is_empty()
            || self.fields.assessment.wanted()
            || self.indicator.wanted()
    }

    /// The objective's code (as `resolve` makes it of what was typed: `0601`
    /// is `05_1201_0601`) and the changes asked for, each value parsed and checked.
    pub fn requested(
        &self,
        stdin: Stdin,
        resolve: &dyn Fn(&str) -> Result<String, ServiceError>,
    ) -> Result<(String, Vec<Change>), Refused> {
        let code = || resolve(self.code.as_deref().unwrap_or_default()).map_err(|e| e.to_string());
        self.fields
            .requested(code, &|field, text| read_stdin_if_dash(field, text, stdin))
    }
}

pub fn run(store: &dyn PlanService, args: &SetArgs) -> Done {
    if let Some(name) = &args.plan_text {
        if args.asks_for_fields() {
            return Err(fail(tr(
                "--plan-text scrive un testo del piano: non si usa con i campi di un obiettivo",
                "--plan-text writes a text of the plan: not with an objective's fields",
            )));
        }
        return super::plan_text::run(store, name, args.code.as_deref());
    }
    let resolve = |typed: &str| crate::service::resolve_code(store, typed);
    let requested = if args.indicator.wanted() {
        indicator_changes(store, args, &resolve)
    } else {
        args.requested(Stdin::Narrative, &resolve)
    };
    let (code, changes) = requested.map_err(|refused| match refused {
        Refused::Input(message) => fail(message),
        Refused::Value(code, e) => fail(refusal(&code, &ServiceError::Refused(e))),
    })?;
    if let Some(id) = args.variation {
        return super::variation::record(store, id, &code, &changes);
    }
    // Each change said from the stored objective, then how it ended.
    let said = |stored: &crate::model::Objective, end: &str| {
        let lines: String = changes.iter().map(|c| describe(c, stored)).collect();
        super::file_io::print_text(&format!("{lines}{end}\n"))
    };
    Ok(match store.apply(&code, &changes, None) {
        Ok(stored) => said(&stored.objective, tr("salvato", "saved")),
        // The values asked for are those stored: said, and not an error.
        Err(e @ ServiceError::NothingToChange) => match store.objective(&code).map_err(fail)? {
            Some(stored) => said(&stored.objective, &e.to_string()),
            None => return Err(fail(ServiceError::NoSuchObjective(code))),
        },
        Err(e @ ServiceError::Refused(_)) => return Err(fail(refusal(&code, &e))),
        Err(e) => return Err(fail(e)),
    })
}

/// The code and the changes of `set` on an indicator; a value refused is
/// said with the objective's code, as a phase's is.
fn indicator_changes(
    store: &dyn PlanService,
    args: &SetArgs,
    resolve: &dyn Fn(&str) -> Result<String, ServiceError>,
) -> Result<(String, Vec<Change>), Refused> {
    let code = resolve(args.code.as_deref().unwrap_or_default())
        .map_err(|e| Refused::Input(e.to_string()))?;
    let phase_edits = &args.fields.phase_fields.0;
    match crate::service::set_indicator::build(store, &code, &args.indicator, phase_edits) {
        Ok(changes) => Ok((code, changes)),
        Err(why) => Err(Refused::Input(tr_format!(
            "{code}: {why}. Nulla è cambiato.",
            "{code}: {why}. Nothing changed."
        ))),
    }
}

/// One wording for a value refused, whether `set` found it wrong or the
/// service did (a rule between fields, a limit).
fn refusal(code: &str, e: &ServiceError) -> String {
    tr_format!(
        "{code}: {e}. Nulla è cambiato.",
        "{code}: {e}. Nothing changed."
    )
}

fn read_stdin_if_dash(field: Field, text: &str, stdin: Stdin) -> Result<String, String> {
    let narrative = matches!(
        field,
        Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2)
    );
    if narrative && text == "-" && stdin == Stdin::Unavailable {
        Err(tr_string(
            "«-» (il testo da stdin) non si usa in --batch: scrivi il testo tra virgolette, o usa obiettivi set CODICE --year1 - per un testo su più righe",
            "«-» (the text from stdin) is not for --batch: quote the text, or use obiettivi set CODE --year1 - for a text of several lines",
        ))
    } else if narrative && text == "-" {
        super::file_io::stdin_text()
    } else {
        Ok(text.to_string())
    }
}

/// `05_1201_0601 fase 1 «NOME» Peso: 40` — the value now stored, said by
/// the one describer: the change made again on `now`, the objective after it.
pub fn describe(change: &Change, now: &crate::model::Objective) -> String {
    let mut again = now.clone();
    let applied = apply_all(&mut again, std::slice::from_ref(change)).unwrap_or_default();
    let said = |a: &Applied| format!("{} {}\n", now.code, describe::change(a, Said::Now));
    applied.iter().map(said).collect()
}
