//! What a change did, as the audit history keeps it.

use serde::{Deserialize, Serialize};

use super::value::Value;

/// What a change did, for the audit history: old → new.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    pub objective: String,
    /// 0-based position of the phase, when the change is about one.
    pub phase: Option<usize>,
    /// The phase's name at the time, so history stays readable after renames and deletes.
    pub phase_name: Option<String>,
    /// `name` of the field, or `phase` for an added or deleted phase.
    pub field: String,
    /// Typed values, formatted only when shown (in the reader's language).
    pub old: Value,
    pub new: Value,
}
