//! `obiettivi variation` (`variazione`): the only way an approved baseline
//! changes (GUIDE §8) — open one with a reason, record changes into it with
//! `set … --variation ID`, see them old → new, approve it with its act or
//! reject it. Each is one operation of the service.

use std::process::ExitCode;

use clap::Subcommand;

use super::fail;
use super::file_io::print_text;
use crate::i18n::tr;
use crate::io::variation::{show, summary};
use crate::model::Change;
use crate::model::variation::Decision;
use crate::service::{PlanService, ServiceError};
use crate::tr_format;

#[derive(Debug, Subcommand)]
pub enum VariationAction {
    /// Apre una variazione del piano approvato, con il suo motivo; ne scrive il numero
    Open {
        /// Il motivo della variazione (es. «Nuovo bando regionale»)
        #[arg(long, value_name = "TESTO")]
        reason: String,
    },
    /// Elenca le variazioni: aperte, approvate (con l'atto), respinte
    List,
    /// Le modifiche di una variazione, vecchio → nuovo rispetto al piano
    Show {
        /// Il numero della variazione
        id: u64,
    },
    /// Approva la variazione con il suo atto: tutte le sue modifiche entrano nel piano insieme
    Approve {
        /// Il numero della variazione
        id: u64,
        /// L'atto che la approva (es. «DGC n. 80 del 15/07/2026»)
        #[arg(long, value_name = "TESTO")]
        act: String,
    },
    /// Respinge la variazione: nulla di essa entra nel piano
    Reject {
        /// Il numero della variazione
        id: u64,
        /// Il motivo
        #[arg(long, value_name = "TESTO")]
        reason: String,
    },
}

pub fn run(service: &dyn PlanService, action: &VariationAction) -> ExitCode {
    let done = match action {
        VariationAction::List => return list(service),
        VariationAction::Show { id } => return show_one(service, *id),
        VariationAction::Open { reason } => service.variation_open(reason).map(|v| {
            tr_format!(
                "variazione {} aperta: {}\n",
                "variation {} opened: {}\n",
                v.id,
                v.reason
            )
        }),
        VariationAction::Approve { id, act } => {
            let approved = Decision::Approve { act: act.clone() };
            service.variation_decide(*id, approved).map(|v| {
                tr_format!(
                    "variazione {} approvata: il piano è cambiato\n",
                    "variation {} approved: the plan changed\n",
                    v.id
                )
            })
        }
        VariationAction::Reject { id, reason } => {
            let rejected = Decision::Reject {
                reason: reason.clone(),
            };
            service.variation_decide(*id, rejected).map(|v| {
                tr_format!(
                    "variazione {} respinta: il piano non cambia\n",
                    "variation {} rejected: the plan is unchanged\n",
                    v.id
                )
            })
        }
    };
    match done {
        Ok(text) => print_text(&text),
        Err(e) => fail(e),
    }
}

fn list(service: &dyn PlanService) -> ExitCode {
    match service.variations() {
        Ok(all) if all.is_empty() => print_text(tr(
            "nessuna variazione (obiettivi variation open --reason TESTO)\n",
            "no variations (obiettivi variation open --reason TEXT)\n",
        )),
        Ok(all) => print_text(
            &all.iter()
                .map(|v| format!("{}\n", summary(v)))
                .collect::<String>(),
        ),
        Err(e) => fail(e),
    }
}

fn show_one(service: &dyn PlanService, id: u64) -> ExitCode {
    let dataset = match service.load() {
        Ok(loaded) => loaded.dataset,
        Err(e) => return fail(e),
    };
    match dataset.variations.iter().find(|v| v.id == id) {
        Some(v) => print_text(
            &show(&dataset, v)
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>(),
        ),
        None => fail(ServiceError::Variation(
            crate::model::variation::VariationError::NoSuchVariation { id },
        )),
    }
}

/// `set … --variation ID`: `changes` of `code` recorded into variation `id`,
/// the plan unchanged; what the variation now records for that objective.
pub fn record(service: &dyn PlanService, id: u64, code: &str, changes: &[Change]) -> ExitCode {
    let edit = crate::api::Edit {
        code: code.to_string(),
        changes: changes.to_vec(),
        expected: None,
        note: None,
    };
    match service
        .variation_record(id, std::slice::from_ref(&edit))
        .map_err(ServiceError::unwrapped)
    {
        Ok(v) => {
            let dataset = service.load().map(|l| l.dataset).ok();
            let objective = dataset
                .as_ref()
                .and_then(|d| d.objectives.iter().find(|o| o.code == code));
            let mut out = String::new();
            for c in v.of(code) {
                out.push_str(&format!(
                    "{code} {}\n",
                    crate::model::describe::change(
                        &crate::model::variation::applied(c, objective),
                        crate::model::describe::Said::OldToNew
                    )
                ));
            }
            out.push_str(&tr_format!(
                "registrato nella variazione {} (il piano non cambia finché non è approvata)\n",
                "recorded in variation {} (the plan is unchanged until it is approved)\n",
                v.id
            ));
            print_text(&out)
        }
        Err(e) => fail(tr_format!(
            "{code}: {e}. Nulla è cambiato.",
            "{code}: {e}. Nothing changed."
        )),
    }
}
