//! Monitoring snapshots and review sessions, as the store keeps them: which
//! objectives were gone through, by whom, with what comment.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// What `snapshot list` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    pub name: String,
    pub at: DateTime<FixedOffset>,
    pub who: String,
    pub objectives: usize,
    /// The SHA-256 of the plan's canonical JSON (`io::digest`), kept when
    /// the snapshot is taken; a snapshot taken before it existed has it
    /// computed when listed (GUIDE §9).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
}

/// One review session: compared against a snapshot (or against nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: u64,
    pub started_at: DateTime<FixedOffset>,
    pub who: String,
    pub snapshot: Option<String>,
    /// In the order objectives were marked; one per objective.
    pub marks: Vec<ReviewMark>,
    /// Where the meeting stopped, for resuming it (absent in older reviews).
    #[serde(default)]
    pub place: Option<ReviewPlace>,
}

/// Where a review stopped: the objective shown and the filter, as the TUI
/// writes it (text the store keeps for it and does not read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewPlace {
    pub objective: Option<String>,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewMark {
    pub code: String,
    pub at: DateTime<FixedOffset>,
    pub who: String,
    pub comment: String,
    /// The objective's stored version when it was marked (absent in marks
    /// made before versions were recorded).
    #[serde(default)]
    pub version: Option<u64>,
    /// `model::fingerprint` of the objective as the meeting saw it: a later
    /// change shows without reading the history.
    #[serde(default)]
    pub fingerprint: Option<u64>,
}

impl ReviewMark {
    /// Whether `now` differs from what was reviewed (unknown for old marks: no).
    pub fn changed_since(&self, now: &crate::model::Objective) -> bool {
        self.fingerprint
            .is_some_and(|seen| seen != crate::model::fingerprint::fingerprint(now))
    }
}

impl Review {
    pub fn mark(&self, code: &str) -> Option<&ReviewMark> {
        self.marks.iter().find(|m| m.code == code)
    }

    /// The codes marked reviewed, for checking a whole plan without a scan of
    /// the marks per objective.
    pub fn reviewed_codes(&self) -> std::collections::HashSet<&str> {
        self.marks.iter().map(|m| m.code.as_str()).collect()
    }
}
