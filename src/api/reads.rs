//! What the read operations answer: the plan, its outline, search hits,
//! pages of history, drafts and backups.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::audit::AuditEntry;
use crate::model::Dataset;

/// The plan as `load` gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub dataset: Dataset,
    /// The version of each objective, in the dataset's order.
    pub versions: Vec<u64>,
    /// The history position the plan is at (for `changes_since`).
    pub seq: u64,
    /// Changes when a server starts and after every import or restore.
    pub epoch: u64,
}

impl Loaded {
    /// Each objective's version by its code: what an edit made on this plan expects.
    pub fn versions_by_code(&self) -> std::collections::HashMap<&str, u64> {
        let codes = self.dataset.objectives.iter().map(|o| o.code.as_str());
        codes.zip(self.versions.iter().copied()).collect()
    }
}

/// The plan as `outline` gives it: `dataset` without objectives, and each
/// objective's summary and version in plan order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    pub dataset: Dataset,
    pub summaries: Vec<crate::model::summary::Summary>,
    pub versions: Vec<u64>,
    pub seq: u64,
    pub epoch: u64,
}

/// A place `search` found: an objective's own fields (`phase: None`) or a phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub code: String,
    pub phase: Option<usize>,
}

/// Which part of the history: `code`'s changes (all when `None`) after
/// position `after`, at most `limit` of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryQuery {
    pub code: Option<String>,
    pub after: Option<u64>,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HistoryPage {
    pub entries: Vec<AuditEntry>,
    /// Where the next page starts (`HistoryQuery::after`), when there is one.
    pub next: Option<u64>,
}

/// A JSON backup beside the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
}

/// The caller's draft of a narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub at: DateTime<FixedOffset>,
    pub who: String,
}
