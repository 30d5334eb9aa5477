//! The audit history's records: who changed what, when, from what to what,
//! and why a change went past what would have refused it.
//!
//! "Mine on top": a save made knowingly on a colleague's newer version after
//! a conflict was shown. It is an ordinary change on their version (the
//! service's `apply_noted`), and its audit entries carry `AuditNote::Over`,
//! whose save it replaced, so the history tells a lost update from a
//! deliberate one.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::versions::Conflict;
use crate::i18n::tr_string;
use crate::model::edit::Applied;
use crate::tr_format;

/// One line of the audit history: who changed what, when, from what to what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<FixedOffset>,
    pub who: String,
    #[serde(flatten)]
    pub what: Applied,
    /// Made against the usual rule, and how (absent in entries before notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<AuditNote>,
}

/// Why a change went past what would have refused it, kept with its audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditNote {
    /// `import --force`: over a value someone else stored after the sheet was exported.
    Forced,
    /// Saved knowingly on top of a colleague's concurrent save (a conflict
    /// resolved "mine on top"): whose save it replaced.
    Over(Overwritten),
    /// Applied by an approved variation (GUIDE §8): which, and its act.
    Variation { id: u64, act: String },
}

/// The concurrent save a change was put on top of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overwritten {
    /// The version the colleague's save made, which this change was based on.
    pub version: u64,
    pub by: Option<String>,
    pub at: Option<DateTime<FixedOffset>>,
}

impl Overwritten {
    /// The save a conflict showed.
    pub fn of(conflict: &Conflict) -> Overwritten {
        Overwritten {
            version: conflict.version,
            by: conflict.by.clone(),
            at: conflict.at,
        }
    }

    /// `sopra il salvataggio di anna del 07/12/2026 10:02`, for the history.
    pub fn describe(&self) -> String {
        let mut text = tr_string("sopra il salvataggio di", "on top of the save by");
        text.push(' ');
        text.push_str(self.by.as_deref().unwrap_or("?"));
        if let Some(at) = self.at {
            text.push_str(&tr_format!(
                " del {}",
                " of {}",
                at.format("%d/%m/%Y %H:%M:%S")
            ));
        }
        text
    }
}
