//! `obiettivi set CODE [--phase N] [--weight X] …`: one objective or phase from a script,
//! validated exactly as in the TUI (the same `Field::parse` and `apply_all`).

use std::process::ExitCode;

use clap::Args;

use super::{fail, who};
use crate::i18n::tr;
use crate::model::edit::{Change, ChangeError};
use crate::model::{Field, ObjectiveField, PhaseField, normalise_code};
use crate::server::connect::Db;
use crate::store::StoreError;

#[derive(Debug, Args)]
#[command(after_help = "Esempi:\n  \
    obiettivi set 05_1201_0601 --phase 1 --weight 40 --progress 25%\n  \
    obiettivi set 05_1201_0601 --status Concluso\n  \
    obiettivi set 05_1201_0601 --phase 2 --actual-end 30/06/2026 --notes \"consegnati 12 alloggi\"\n  \
    echo \"Testo…\" | obiettivi set 05_1201_0601 --year2 -")]
pub struct SetArgs {
    /// Codice dell'obiettivo, es. 05_1201_0601 (anche «05 1201 0601»)
    pub code: String,
    /// Numero della fase, da 1, nell'ordine della tabella
    #[arg(long, value_name = "N")]
    pub phase: Option<usize>,
    /// Peso della fase (0–100; 40, 40,5, 40.5, 40%; vuoto = nessun valore)
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub weight: Option<String>,
    /// Avanzamento della fase (0–100 %)
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub progress: Option<String>,
    /// Nome della fase
    #[arg(long, value_name = "TESTO")]
    pub name: Option<String>,
    /// Inizio previsto (gg/mm/aaaa)
    #[arg(long, value_name = "DATA")]
    pub planned_start: Option<String>,
    /// Fine prevista (gg/mm/aaaa)
    #[arg(long, value_name = "DATA")]
    pub planned_end: Option<String>,
    /// Inizio effettivo (gg/mm/aaaa)
    #[arg(long, value_name = "DATA")]
    pub actual_start: Option<String>,
    /// Fine effettiva (gg/mm/aaaa)
    #[arg(long, value_name = "DATA")]
    pub actual_end: Option<String>,
    /// Note della fase
    #[arg(long, value_name = "TESTO", allow_hyphen_values = true)]
    pub notes: Option<String>,
    /// Responsabile (della fase con --phase, altrimenti dell'obiettivo)
    #[arg(long, value_name = "NOME")]
    pub manager: Option<String>,
    /// Centro di Responsabilità (della fase con --phase, altrimenti dell'obiettivo)
    #[arg(long, value_name = "TESTO")]
    pub cdr: Option<String>,
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
}

impl SetArgs {
    /// The requested edits, in a fixed order, as (field, typed text).
    fn edits(&self) -> Vec<(Field, &str)> {
        let per_phase = self.phase.is_some();
        let owner = |phase: PhaseField, objective: ObjectiveField| {
            if per_phase {
                Field::Phase(phase)
            } else {
                Field::Objective(objective)
            }
        };
        [
            (Field::Phase(PhaseField::Name), &self.name),
            (Field::Phase(PhaseField::PlannedStart), &self.planned_start),
            (Field::Phase(PhaseField::PlannedEnd), &self.planned_end),
            (Field::Phase(PhaseField::ActualStart), &self.actual_start),
            (Field::Phase(PhaseField::ActualEnd), &self.actual_end),
            (Field::Phase(PhaseField::Weight), &self.weight),
            (Field::Phase(PhaseField::Progress), &self.progress),
            (
                owner(PhaseField::Manager, ObjectiveField::Manager),
                &self.manager,
            ),
            (
                owner(
                    PhaseField::ResponsibilityCentre,
                    ObjectiveField::ResponsibilityCentre,
                ),
                &self.cdr,
            ),
            (Field::Phase(PhaseField::Notes), &self.notes),
            (Field::Objective(ObjectiveField::Status), &self.status),
            (
                Field::Objective(ObjectiveField::PublicValue),
                &self.public_value,
            ),
            (
                Field::Objective(ObjectiveField::Assessorato),
                &self.assessorato,
            ),
            (
                Field::Objective(ObjectiveField::OperationalObjective),
                &self.operational,
            ),
            (Field::Objective(ObjectiveField::Year1), &self.year1),
            (Field::Objective(ObjectiveField::Year2), &self.year2),
        ]
        .into_iter()
        .filter_map(|(field, value)| value.as_deref().map(|v| (field, v)))
        .collect()
    }
}

pub fn run(store: &Db, args: &SetArgs) -> ExitCode {
    let code = normalise_code(&args.code);
    let phase = match args.phase {
        Some(0) => {
            return fail(tr(
                "le fasi si contano da 1 (--phase 1 è la prima)",
                "phases are numbered from 1 (--phase 1 is the first)",
            ));
        }
        Some(n) => Some(n - 1),
        None => None,
    };
    let edits = args.edits();
    if edits.is_empty() {
        return fail(tr(
            "niente da cambiare: indica almeno un campo, es. --weight 40 (vedi obiettivi set --help)",
            "nothing to change: give at least one field, e.g. --weight 40 (see obiettivi set --help)",
        ));
    }
    let mut changes = Vec::with_capacity(edits.len());
    for (field, text) in edits {
        let text = match read_stdin_if_dash(field, text) {
            Ok(t) => t,
            Err(e) => return fail(e),
        };
        match Change::parse(&code, phase, field, &text) {
            Ok(c) => changes.push(c),
            Err(e) => return fail(refusal(&code, field, e)),
        }
    }
    match store.apply(&code, &changes, &who()) {
        Ok(objective) => {
            // Re-read what was applied from the stored objective for the report.
            let mut out = String::new();
            for c in &changes {
                out.push_str(&describe(c, &objective));
            }
            out.push_str(tr("salvato\n", "saved\n"));
            super::transfer::print_text(&out)
        }
        Err(StoreError::Refused(e)) => fail(format!(
            "{code}: {e}. {}",
            tr("Nulla è cambiato.", "Nothing changed.")
        )),
        Err(e) => fail(e),
    }
}

fn refusal(code: &str, field: Field, e: ChangeError) -> String {
    format!(
        "{code}: {}: {e}. {}",
        field.label(),
        tr("Nulla è cambiato.", "Nothing changed.")
    )
}

fn read_stdin_if_dash(field: Field, text: &str) -> Result<String, String> {
    let narrative = matches!(
        field,
        Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2)
    );
    if narrative && text == "-" {
        crate::files::read::read_bounded(std::io::stdin().lock())
            .map_err(|e| format!("stdin: {e}"))
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| format!("stdin: {}", tr("non è testo UTF-8", "is not UTF-8 text")))
            })
    } else {
        Ok(text.to_string())
    }
}

/// `05_1201_0601 fase 1 «NOME» Peso: 40` — the value now stored.
fn describe(change: &Change, objective: &crate::model::Objective) -> String {
    let shown = |value: String| {
        let one_line = value.replace('\n', " ⏎ ");
        if one_line.chars().count() > 70 {
            format!("{}…", one_line.chars().take(69).collect::<String>())
        } else {
            one_line
        }
    };
    match change {
        Change::SetPhase { phase, field, .. } => {
            let p = &objective.phases[*phase];
            format!(
                "{} {} {} «{}» {}: {}\n",
                objective.code,
                tr("fase", "phase"),
                phase + 1,
                p.name,
                field.label(),
                shown(Field::Phase(*field).current(objective, Some(*phase)))
            )
        }
        Change::SetObjective { field, .. } => format!(
            "{} {}: {}\n",
            objective.code,
            field.label(),
            shown(Field::Objective(*field).current(objective, None))
        ),
        Change::AddPhase { .. } | Change::DeletePhase { .. } => String::new(),
    }
}
