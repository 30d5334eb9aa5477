//! `obiettivi set CODE [--phase N] [--weight X] …`: one objective or phase from a script,
//! validated exactly as in the TUI (the same `Field::parse` and `apply_all`).

use std::process::ExitCode;

use clap::Args;

use super::fail;
use crate::i18n::tr;
use crate::model::column::Kind;
use crate::model::describe::{self, Said};
use crate::model::edit::{Applied, Change, apply_all};
use crate::model::fields::PHASE_COLUMNS;
use crate::model::{Field, ObjectiveField, PhaseField};
use crate::service::PlanService;
use crate::service::ServiceError;

#[derive(Debug, Args)]
#[command(after_help = "Esempi:\n  \
    obiettivi set 05_1201_0601 --phase 1 --weight 40 --progress 25%\n  \
    obiettivi set 05_1201_0601 --status Concluso\n  \
    obiettivi set 05_1201_0601 --phase 2 --actual-end 30/06/2026 --notes \"consegnati 12 alloggi\"\n  \
    echo \"Testo…\" | obiettivi set 05_1201_0601 --year2 -\n  \
    obiettivi set --batch modifiche.txt   (righe come: 05_1201_0601 --phase 1 --weight 40)")]
pub struct SetArgs {
    /// Codice dell'obiettivo, es. 05_1201_0601 (anche «05 1201 0601», o la sua fine se nessun altro codice finisce così: 0601)
    #[arg(required_unless_present = "batch")]
    pub code: Option<String>,
    /// Più modifiche da un file (o «-» per stdin), una per riga con le stesse opzioni: tutto o niente
    #[arg(long, value_name = "FILE")]
    pub batch: Option<std::path::PathBuf>,
    /// Numero della fase, da 1, nell'ordine della tabella
    #[arg(long, value_name = "N")]
    pub phase: Option<usize>,
    /// One flag per phase field, from the table of phase fields.
    #[command(flatten)]
    pub phase_fields: PhaseFlags,
    #[command(flatten)]
    pub indicator: super::set_indicator::IndicatorArgs,
    /// Stato dell'obiettivo, es. «In Corso», «Concluso» (vuoto = nessuno)
    #[arg(long, value_name = "TESTO")]
    pub status: Option<String>,
    /// Valore pubblico
    #[arg(long, value_name = "TESTO")]
    pub public_value: Option<String>,
    /// Assessorato
    #[arg(long, value_name = "TESTO")]
    pub assessorato: Option<String>,
    /// Obiettivo operativo
    #[arg(long, value_name = "TESTO")]
    pub operational: Option<String>,
    /// Stato di attuazione 1° anno («-» legge da stdin)
    #[arg(long, value_name = "TESTO", allow_hyphen_values = true)]
    pub year1: Option<String>,
    /// Stato di attuazione 2° anno («-» legge da stdin)
    #[arg(long, value_name = "TESTO", allow_hyphen_values = true)]
    pub year2: Option<String>,
    /// Registra la modifica nella variazione aperta ID invece di applicarla (il piano non cambia finché non è approvata)
    #[arg(long, value_name = "ID")]
    pub variation: Option<u64>,
}

/// `--weight`, `--progress`, `--planned-start` …: one flag per row of the
/// table of phase fields (`model::fields`), so a new field gets its flag there.
#[derive(Debug, Default)]
pub struct PhaseFlags(Vec<(PhaseField, String)>);

/// A phase field whose flag, without `--phase`, sets the objective's field of the same name.
fn objective_twin(field: PhaseField) -> Option<ObjectiveField> {
    match field {
        PhaseField::Manager => Some(ObjectiveField::Manager),
        PhaseField::ResponsibilityCentre => Some(ObjectiveField::ResponsibilityCentre),
        _ => None,
    }
}

impl clap::Args for PhaseFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        PHASE_COLUMNS.iter().fold(cmd, |cmd, column| {
            let (value_name, hint) = match column.kind {
                Kind::Percent => (
                    "X",
                    tr(
                        " (0–100; 40, 40,5, 40.5, 40%; vuoto = nessun valore)",
                        " (0–100; 40, 40.5, 40%; empty = no value)",
                    ),
                ),
                Kind::Number => ("X", ""),
                Kind::Date => (tr("DATA", "DATE"), tr(" (gg/mm/aaaa)", " (dd/mm/yyyy)")),
                Kind::Name | Kind::Text | Kind::Choice => (tr("TESTO", "TEXT"), ""),
            };
            let whose = match objective_twin(column.field) {
                Some(_) => tr(
                    " (della fase con --phase, altrimenti dell'obiettivo)",
                    " (of the phase with --phase, else of the objective)",
                ),
                None => "",
            };
            cmd.arg(
                clap::Arg::new(column.flag)
                    .long(column.flag)
                    .value_name(value_name)
                    .allow_hyphen_values(true)
                    .help(format!("{}{whose}{hint}", column.label.get())),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl clap::FromArgMatches for PhaseFlags {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        Ok(PhaseFlags(
            PHASE_COLUMNS
                .iter()
                .filter_map(|c| {
                    matches
                        .get_one::<String>(c.flag)
                        .map(|v| (c.field, v.clone()))
                })
                .collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl SetArgs {
    /// The requested edits, phase fields first (in table order), as (field, typed text).
    fn edits(&self) -> Vec<(Field, &str)> {
        let per_phase = self.phase.is_some();
        let phase_edits = self.phase_fields.0.iter().map(|(field, text)| {
            let field = match objective_twin(*field) {
                Some(twin) if !per_phase => Field::Objective(twin),
                _ => Field::Phase(*field),
            };
            (field, text.as_str())
        });
        let objective_edits = [
            (ObjectiveField::Status, &self.status),
            (ObjectiveField::PublicValue, &self.public_value),
            (ObjectiveField::Assessorato, &self.assessorato),
            (ObjectiveField::OperationalObjective, &self.operational),
            (ObjectiveField::Year1, &self.year1),
            (ObjectiveField::Year2, &self.year2),
        ]
        .into_iter()
        .filter_map(|(field, value)| value.as_deref().map(|v| (Field::Objective(field), v)));
        phase_edits.chain(objective_edits).collect()
    }

    /// Whether a field (of the objective, a phase or an indicator) is given.
    pub fn asks_for_fields(&self) -> bool {
        !self.edits().is_empty() || self.indicator.wanted()
    }
}

/// Why the edits a `set` command line asks for cannot be made.
pub enum Refused {
    /// The command line itself (no field given, phase 0, stdin unreadable).
    Input(String),
    /// A value its field does not take, for objective `.0`.
    Value(String, crate::model::edit::ChangeError),
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
    /// The objective's code (as `resolve` makes it of what was typed: `0601`
    /// is `05_1201_0601`) and the changes asked for, each value parsed and checked.
    pub fn requested(
        &self,
        stdin: Stdin,
        resolve: &dyn Fn(&str) -> Result<String, ServiceError>,
    ) -> Result<(String, Vec<Change>), Refused> {
        let phase = match self.phase {
            Some(0) => {
                return Err(Refused::Input(
                    tr(
                        "le fasi si contano da 1 (--phase 1 è la prima)",
                        "phases are numbered from 1 (--phase 1 is the first)",
                    )
                    .into(),
                ));
            }
            Some(n) => Some(n - 1),
            None => None,
        };
        let edits = self.edits();
        if edits.is_empty() {
            return Err(Refused::Input(tr(
                "niente da cambiare: indica almeno un campo, es. --weight 40 (vedi obiettivi set --help)",
                "nothing to change: give at least one field, e.g. --weight 40 (see obiettivi set --help)",
            ).into()));
        }
        let code = resolve(self.code.as_deref().unwrap_or_default())
            .map_err(|e| Refused::Input(e.to_string()))?;
        let mut changes = Vec::with_capacity(edits.len());
        for (field, text) in edits {
            let text = read_stdin_if_dash(field, text, stdin).map_err(Refused::Input)?;
            changes.push(
                Change::parse(&code, phase, field, &text)
                    .map_err(|e| Refused::Value(code.clone(), e))?,
            );
        }
        Ok((code, changes))
    }
}

pub fn run(store: &dyn PlanService, args: &SetArgs) -> ExitCode {
    let resolve = |typed: &str| crate::service::resolve_code(store, typed);
    let requested = if args.indicator.wanted() {
        indicator_changes(store, args, &resolve)
    } else {
        args.requested(Stdin::Narrative, &resolve)
    };
    let (code, changes) = match requested {
        Ok(requested) => requested,
        Err(Refused::Input(message)) => return fail(message),
        Err(Refused::Value(code, e)) => return fail(refusal(&code, &ServiceError::Refused(e))),
    };
    if let Some(id) = args.variation {
        return super::variation::record(store, id, &code, &changes);
    }
    match store.apply(&code, &changes, None) {
        Ok(stored) => {
            let objective = stored.objective;
            // Re-read what was applied from the stored objective for the report.
            let mut out = String::new();
            for c in &changes {
                out.push_str(&describe(c, &objective));
            }
            out.push_str(tr("salvato\n", "saved\n"));
            super::file_io::print_text(&out)
        }
        // The values asked for are those stored: said, and not an error.
        Err(e @ ServiceError::NothingToChange) => match store.objective(&code) {
            Ok(Some(stored)) => {
                let mut out = String::new();
                for c in &changes {
                    out.push_str(&describe(c, &stored.objective));
                }
                out.push_str(&format!("{e}\n"));
                super::file_io::print_text(&out)
            }
            Ok(None) => fail(ServiceError::NoSuchObjective(code)),
            Err(e) => fail(e),
        },
        Err(e @ ServiceError::Refused(_)) => fail(refusal(&code, &e)),
        Err(e) => fail(e),
    }
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
    let phase_edits = &args.phase_fields.0;
    match super::set_indicator::build(store, &code, &args.indicator, phase_edits) {
        Ok(changes) => Ok((code, changes)),
        Err(why) => Err(Refused::Input(format!(
            "{code}: {why}. {}",
            tr("Nulla è cambiato.", "Nothing changed.")
        ))),
    }
}

/// One wording for a value refused, whether `set` found it wrong or the
/// service did (a rule between fields, a limit).
fn refusal(code: &str, e: &ServiceError) -> String {
    format!(
        "{code}: {e}. {}",
        tr("Nulla è cambiato.", "Nothing changed.")
    )
}

fn read_stdin_if_dash(field: Field, text: &str, stdin: Stdin) -> Result<String, String> {
    let narrative = matches!(
        field,
        Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2)
    );
    if narrative && text == "-" && stdin == Stdin::Unavailable {
        Err(tr(
            "«-» (il testo da stdin) non si usa in --batch: scrivi il testo tra virgolette, o usa obiettivi set CODICE --year1 - per un testo su più righe",
            "«-» (the text from stdin) is not for --batch: quote the text, or use obiettivi set CODE --year1 - for a text of several lines",
        )
        .into())
    } else if narrative && text == "-" {
        crate::files::read::read_bounded(std::io::stdin().lock())
            .map_err(|e| format!("{} stdin: {e}", tr("impossibile leggere", "cannot read")))
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| format!("stdin: {}", tr("non è testo UTF-8", "is not UTF-8 text")))
            })
            .map(without_final_newline)
    } else {
        Ok(text.to_string())
    }
}

/// The text less the one newline that ends it: `echo testo |` and an editor's
/// file end with one, which is how lines end, not part of the narrative.
fn without_final_newline(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

/// `05_1201_0601 fase 1 «NOME» Peso: 40` — the value now stored, said by
/// the one describer: the change made again on `now`, the objective after it.
pub fn describe(change: &Change, now: &crate::model::Objective) -> String {
    let mut again = now.clone();
    let applied = apply_all(&mut again, std::slice::from_ref(change)).unwrap_or_default();
    let said = |a: &Applied| format!("{} {}\n", now.code, describe::change(a, Said::Now));
    applied.iter().map(said).collect()
}
