//! Versions of objectives, for several people editing through one server: an
//! edit names the version it was made on, and one made on an outdated version
//! is refused with who changed the objective since and when (no lost updates).

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::i18n::tr;
use crate::model::Objective;
use crate::tr_format;

/// An objective as stored, with its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versioned {
    pub objective: Objective,
    pub version: u64,
}

/// Why an edit on an outdated version was refused, and the objective as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub code: String,
    /// The version now stored.
    pub version: u64,
    /// Who made the last change, and when (from the audit history).
    pub by: Option<String>,
    pub at: Option<DateTime<FixedOffset>>,
    pub current: Objective,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        changed_since(
            f,
            &self.code,
            (&self.by, self.at),
            tr(
                "dopo che l'avevi letto: la tua modifica NON è stata salvata; dati ricaricati",
                "after you read it: your change was NOT saved; data reloaded",
            ),
        )
    }
}

/// `WHAT è stato modificato da un altro utente (anna, 07/12/2026 10:02:03) THEN`.
fn changed_since(
    f: &mut fmt::Formatter<'_>,
    what: &str,
    (by, at): (&Option<String>, Option<DateTime<FixedOffset>>),
    then: &str,
) -> fmt::Result {
    f.write_str(&tr_format!(
        "{what} è stato modificato da un altro utente ",
        "{what} was changed by another user "
    ))?;
    if let Some(by) = by {
        write!(f, "({by}")?;
        if let Some(at) = at {
            write!(f, ", {}", at.format("%d/%m/%Y %H:%M:%S"))?;
        }
        write!(f, ") ")?;
    }
    write!(f, "{then}")
}

/// Why a Relazione's text (`plan.texts`) saved on what a colleague has
/// since replaced was refused, and the text as it is now (the editor's
/// conflict view shows theirs beside yours, as for a narrative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextConflict {
    pub which: crate::model::PlanText,
    pub current: String,
    /// Who wrote it last, and when (from the audit history).
    pub by: Option<String>,
    pub at: Option<DateTime<FixedOffset>>,
}

impl fmt::Display for TextConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = tr_format!("il testo «{}»", "the text «{}»", self.which.label());
        changed_since(
            f,
            &what,
            (&self.by, self.at),
            tr(
                "dopo che l'avevi letto: il tuo testo NON è stato salvato",
                "after you read it: your text was NOT saved",
            ),
        )
    }
}

/// What changed since a client's last look.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Changes {
    /// Where to look from next time.
    pub seq: u64,
    /// The objectives changed since, as they are now.
    pub objectives: Vec<Versioned>,
    /// An import or a restore happened: the whole plan must be read again.
    pub reload: bool,
}
