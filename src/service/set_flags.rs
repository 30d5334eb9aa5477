//! The fields `obiettivi set` takes as flags (`--phase 1 --weight 40
//! --status …`) and their reading into changes: one reading for the CLI's
//! `set` and `set --batch` and the TUI's `:set`, so the faces cannot differ.
//! (The objective's code is the CLI's own; the indicator flags are read by
//! `set_indicator`, for both faces too.)

use clap::Args;

use crate::i18n::{tr, tr_string};
use crate::model::column::Kind;
use crate::model::edit::{Change, ChangeError};
use crate::model::fields::PHASE_COLUMNS;
use crate::model::{Field, ObjectiveField, PhaseField};

/// The fields of an objective and of its phases, as `set` names them.
#[derive(Debug, Args, Default)]
pub struct FieldFlags {
    /// Numero della fase, da 1, nell'ordine della tabella
    #[arg(long, value_name = "N")]
    pub phase: Option<usize>,
    /// One flag per phase field, from the table of phase fields.
    #[command(flatten)]
    pub phase_fields: PhaseFlags,
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
    /// The consuntivo and the validator's assessment (`--gap-cause`, `--forced` …).
    #[command(flatten)]
    pub assessment: AssessmentFlags,
}

/// The assessment of an objective (GUIDE §8): the consuntivo's flags (the
/// manager, in Consuntivo) and the validator's (in Valutazione).
#[derive(Debug, Args, Default)]
pub struct AssessmentFlags {
    /// Causa dello scostamento: esterna, interna, indicatore (vuoto = nessuna); in Consuntivo
    #[arg(long, value_name = "esterna|interna|indicatore")]
    pub gap_cause: Option<String>,
    /// Commento allo scostamento (vuoto = nessuno); in Consuntivo
    #[arg(long, value_name = "TESTO")]
    pub gap_comment: Option<String>,
    /// Richiesta di forzare il raggiungimento a X (0–100), con --note; vuoto = ritirata; in Consuntivo
    #[arg(long, value_name = "X")]
    pub force_request: Option<String>,
    /// La nota della richiesta di forzatura
    #[arg(long, value_name = "TESTO", requires = "force_request")]
    pub note: Option<String>,
    /// Il validatore forza il raggiungimento a X (0–100), con --reason; vuoto = tolto; in Valutazione
    #[arg(long, visible_alias = "force", value_name = "X")]
    pub forced: Option<String>,
    /// Il validatore dichiara l'obiettivo non valutabile, con --reason; in Valutazione
    #[arg(long, conflicts_with = "forced")]
    pub not_assessable: bool,
    /// Il motivo della forzatura o del «non valutabile»
    #[arg(long, value_name = "TESTO")]
    pub reason: Option<String>,
}

impl AssessmentFlags {
    pub fn wanted(&self) -> bool {
        self.gap_cause.is_some()
            || self.gap_comment.is_some()
            || self.force_request.is_some()
            || self.forced.is_some()
            || self.not_assessable
            || self.reason.is_some()
    }

    /// The changes asked for, each part checked as typed.
    pub fn changes(&self, code: &str) -> Result<Vec<Change>, Refused> {
        use crate::model::assessment::{AssessmentEdit, AssessmentPart, GapCause};
        let refused = |error| Refused::Value(code.to_string(), ChangeError::Assessment { error });
        if self.reason.is_some() && self.forced.is_none() && !self.not_assessable {
            return Err(Refused::Input(tr_string(
                "--reason va con --forced X o con --not-assessable",
                "--reason goes with --forced X or with --not-assessable",
            )));
        }
        let reason = self.reason.as_deref().unwrap_or_default();
        let mut edits = Vec::new();
        if let Some(typed) = &self.gap_cause {
            edits.push(AssessmentEdit::GapCause(
                GapCause::parse(typed).map_err(refused)?,
            ));
        }
        if let Some(text) = &self.gap_comment {
            edits.push(AssessmentEdit::Comment(text.trim().to_string()));
        }
        if let Some(typed) = &self.force_request {
            let note = self.note.as_deref().unwrap_or_default();
            edits.push(
                AssessmentEdit::valued(AssessmentPart::ForceRequest, typed, note)
                    .map_err(refused)?,
            );
        }
        if let Some(typed) = &self.forced {
            edits.push(
                AssessmentEdit::valued(AssessmentPart::Forced, typed, reason).map_err(refused)?,
            );
        }
        if self.not_assessable {
            edits.push(AssessmentEdit::NotAssessable(Some(
                reason.trim().to_string(),
            )));
        }
        // Each part checked now, as the service will: a missing reason is said before sending.
        let mut scratch = crate::model::assessment::Assessment::default();
        for edit in &edits {
            edit.apply(&mut scratch).map_err(refused)?;
        }
        Ok(edits
            .into_iter()
            .map(|edit| Change::Assess {
                objective: code.to_string(),
                edit,
            })
            .collect())
    }
}

/// `--weight`, `--progress`, `--planned-start` …: one flag per row of the
/// table of phase fields (`model::fields`), so a new field gets its flag there.
#[derive(Debug, Default)]
pub struct PhaseFlags(pub Vec<(PhaseField, String)>);

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

/// Why the edits a `set` command line asks for cannot be made.
pub enum Refused {
    /// The command line itself (no field given, phase 0, stdin unreadable).
    Input(String),
    /// A value its field does not take, for objective `.0`.
    Value(String, ChangeError),
}

impl FieldFlags {
    /// The requested edits, phase fields first (in table order), as (field, typed text).
    pub fn edits(&self) -> Vec<(Field, &str)> {
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

    /// The objective's code (`code` makes it, once the flags are found
    /// sound) and the changes asked for, each value parsed and checked;
    /// `text_of` gives the text a field takes from what was typed (the CLI
    /// reads `--year1 -` from stdin).
    pub fn requested(
        &self,
        code: impl FnOnce() -> Result<String, String>,
        text_of: &dyn Fn(Field, &str) -> Result<String, String>,
    ) -> Result<(String, Vec<Change>), Refused> {
        let phase = match self.phase {
            Some(0) => {
                return Err(Refused::Input(tr_string(
                    "le fasi si contano da 1 (--phase 1 è la prima)",
                    "phases are numbered from 1 (--phase 1 is the first)",
                )));
            }
            Some(n) => Some(n - 1),
            None => None,
        };
        let edits = self.edits();
        if edits.is_empty() && !self.assessment.wanted() {
            return Err(Refused::Input(tr_string(
                "niente da cambiare: indica almeno un campo, es. --weight 40 (vedi obiettivi set --help)",
                "nothing to change: give at least one field, e.g. --weight 40 (see obiettivi set --help)",
            )));
        }
        let code = code().map_err(Refused::Input)?;
        let mut changes = Vec::with_capacity(edits.len());
        for (field, text) in edits {
            let text = text_of(field, text).map_err(Refused::Input)?;
            changes.push(
                Change::parse(&code, phase, field, &text)
                    .map_err(|e| Refused::Value(code.clone(), e))?,
            );
        }
        changes.extend(self.assessment.changes(&code)?);
        Ok((code, changes))
    }
}
