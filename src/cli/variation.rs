//! `obiettivi variation` (`variazione`): the only way an approved baseline
//! changes (GUIDE §8) — open one with a reason, record changes into it with
//! `set … --variation ID`, see them old → new, approve it with its act or
//! reject it. Each is one operation of the service.

use clap::Subcommand;

use super::file_io::print_text;
use super::{Done, fail};
use crate::i18n::tr_string;
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

pub fn run(service: &dyn PlanService, action: &VariationAction) -> Done {
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
    Ok(print_text(&done.map_err(fail)?))
}

fn list(service: &dyn PlanService) -> Done {
    let all = service.variations().map_err(fail)?;
    Ok(print_text(&match all.is_empty() {
        true => tr_string(
            "nessuna variazione (obiettivi variation open --reason TESTO)\n",
            "no variations (obiettivi variation open --reason TEXT)\n",
        ),
        false => all.iter().map(|v| format!("{}\n", summary(v))).collect(),
    }))
}

fn show_one(service: &dyn PlanService, id: u64) -> Done {
    let dataset = service.load().map_err(fail)?.dataset;
    let v = (dataset.variations.iter().find(|v| v.id == id)).ok_or_else(|| {
        fail(ServiceError::Variation(
            crate::model::variation::VariationError::NoSuchVariation { id },
        ))
    })?;
    Ok(print_text(
        &show(&dataset, v)
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    ))
}

/// `set … --variation ID`: `changes` of `code` recorded into variation `id`,
/// the plan unchanged; what the variation now records for that objective.
pub fn record(service: &dyn PlanService, id: u64, code: &str, changes: &[Change]) -> Done {
    let edit = crate::api::Edit {
        code: code.to_string(),
        changes: changes.to_vec(),
        expected: None,
        note: None,
    };
    let recorded = service.variation_record(id, std::slice::from_ref(&edit));
    let v = recorded.map_err(|e| {
        let e = e.unwrapped();
        fail(tr_format!(
            "{code}: {e}. Nulla è cambiato.",
            "{code}: {e}. Nothing changed."
        ))
    })?;
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
    Ok(print_text(&out))
}
