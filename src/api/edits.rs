//! A batch of edits over many objectives (`apply_many`), and what it did
//! to each.

use serde::{Deserialize, Serialize};

use super::{AuditNote, Versioned};
use crate::model::Change;

/// One objective's changes in a batch, made on version `expected` of it
/// (`None`: whatever is stored), with `note` in each of their audit entries.
/// An objective may have several edits in one batch (changes forced and
/// not): each names the version the caller read, before the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub code: String,
    pub changes: Vec<Change>,
    pub expected: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<AuditNote>,
}

/// An edit's objective after the batch, as stored. `changed` is false when
/// its values were those stored: for that objective nothing to change (as
/// `apply` says), not a refusal of the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditOutcome {
    pub now: Versioned,
    pub changed: bool,
}
