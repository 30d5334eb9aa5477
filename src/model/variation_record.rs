//! Variations (variazioni, GUIDE §8) as stored and exported (GUIDE §2's
//! `variations`): plain records, below the plan's types that hold them.
//! What a variation does to an objective is `variation`.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::column::PlanState;
use crate::i18n::tr;
use crate::tr_format;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VariationState {
    #[default]
    Open,
    Approved,
    Rejected,
}

impl VariationState {
    pub fn label(self) -> &'static str {
        match self {
            VariationState::Open => tr("aperta", "open"),
            VariationState::Approved => tr("approvata", "approved"),
            VariationState::Rejected => tr("respinta", "rejected"),
        }
    }
}

/// One variation, as GUIDE §2 writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variation {
    pub id: u64,
    #[serde(default)]
    pub state: VariationState,
    pub reason: String,
    pub opened_by: String,
    pub opened_at: DateTime<FixedOffset>,
    /// The act that approved it (empty until then).
    #[serde(default)]
    pub act: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<FixedOffset>>,
    /// Why it was rejected (empty unless it was).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rejection: String,
    #[serde(default)]
    pub changes: Vec<VariationChange>,
}

/// A field of an objective as the variation recorded it, as GUIDE §2
/// writes it: the field by its schema path (`phases[0].weight`), its value
/// in the plan then (`old`) and the one asked for (`new`), as plain JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariationChange {
    pub code: String,
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

/// What `approve` or `reject` decides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve { act: String },
    Reject { reason: String },
}

/// Why a variation's operation was refused (nothing was written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum VariationError {
    NoSuchVariation {
        id: u64,
    },
    /// Only an open variation records, is approved or rejected.
    NotOpen {
        id: u64,
        state: VariationState,
    },
    /// Before approval (or once validated) there is no baseline to vary.
    NotNow {
        state: PlanState,
    },
    /// The plan changed a recorded field since the variation recorded it.
    Changed {
        code: String,
        field: String,
        recorded: String,
        now: String,
    },
    /// Rows added, deleted or moved: a variation records the fields' values.
    Structure,
    NeedsReason,
    NeedsAct,
    /// Approving a variation that records nothing.
    Empty {
        id: u64,
    },
}

impl fmt::Display for VariationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            VariationError::NoSuchVariation { id } => tr_format!(
                "non c'è la variazione {id} (obiettivi variation list)",
                "there is no variation {id} (obiettivi variation list)"
            ),
            VariationError::NotOpen { id, state } => tr_format!(
                "la variazione {id} è {}: non cambia più",
                "variation {id} is {}: it changes no more",
                state.label()
            ),
            VariationError::NotNow { state } if *state < PlanState::Approved => tr_format!(
                "il piano è in «{}»: prima dell'approvazione le modifiche vanno direttamente nel piano, senza variazione",
                "the plan is «{}»: before approval edits go straight into the plan, without a variation",
                state.label()
            ),
            VariationError::NotNow { state } => tr_format!(
                "il piano è in «{}»: non si apre né si approva più una variazione",
                "the plan is «{}»: no variation is opened or approved any more",
                state.label()
            ),
            VariationError::Changed {
                code,
                field,
                recorded,
                now,
            } => tr_format!(
                "{code} {field}: cambiato nel piano dopo che la variazione l'ha registrato (registrato su {recorded}, ora {now}); nulla è stato applicato: respingi la variazione e aprine una nuova",
                "{code} {field}: changed in the plan after the variation recorded it (recorded over {recorded}, now {now}); nothing was applied: reject the variation and open a new one"
            ),
            VariationError::Structure => return f.write_str(tr(
                "una variazione registra valori di campi, non fasi o indicatori aggiunti, eliminati o spostati, né la valutazione",
                "a variation records fields' values, not phases or indicators added, deleted or moved, nor the assessment",
            )),
            VariationError::NeedsReason => return f.write_str(tr(
                "serve il motivo (--reason)",
                "a reason is needed (--reason)",
            )),
            VariationError::NeedsAct => return f.write_str(tr(
                "serve l'atto che approva la variazione (--act «DGC n. 80 del 15/07/2026»)",
                "the act approving the variation is needed (--act «DGC n. 80 del 15/07/2026»)",
            )),
            VariationError::Empty { id } => tr_format!(
                "la variazione {id} non registra modifiche (obiettivi set CODICE … --variation ID)",
                "variation {id} records no change (obiettivi set CODE … --variation ID)"
            ),
        };
        f.write_str(&said)
    }
}
