//! What the read operations answer: the plan, its outline, search hits,
//! pages of history, drafts and backups.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
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

/// Which part of the history: the changes `filter` keeps after position
/// `after`, at most `limit` of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryQuery {
    #[serde(flatten)]
    pub filter: HistoryFilter,
    pub after: Option<u64>,
    pub limit: usize,
}

/// Which changes of the history (`history --since DATE --user NAME CODE`):
/// each condition given must hold; none given, every change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryFilter {
    /// One objective's (by its code).
    pub code: Option<String>,
    /// Made on that day (the day where it was made) or after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Made by that login name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl HistoryFilter {
    /// `code`'s changes (everything's when `None`).
    pub fn of(code: Option<&str>) -> HistoryFilter {
        HistoryFilter {
            code: code.map(str::to_string),
            ..HistoryFilter::default()
        }
    }

    /// Whether `entry` is one of the changes asked for (its objective aside,
    /// which the store reads through its index).
    pub fn keeps(&self, entry: &AuditEntry) -> bool {
        self.since.is_none_or(|day| entry.at.date_naive() >= day)
            && self.user.as_ref().is_none_or(|user| entry.who == *user)
    }
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

/// What a draft is the draft of: an objective's narrative, or one of the
/// Relazione's texts (`plan.texts`, GUIDE §9), typed in the same editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum DraftOf {
    Narrative {
        code: String,
        field: crate::model::ObjectiveField,
    },
    PlanText {
        which: crate::model::PlanText,
    },
}

impl DraftOf {
    pub fn narrative(code: &str, field: crate::model::ObjectiveField) -> DraftOf {
        DraftOf::Narrative {
            code: code.to_string(),
            field,
        }
    }

    /// The objective's code; empty for a text of the plan's own.
    pub fn code(&self) -> &str {
        match self {
            DraftOf::Narrative { code, .. } => code,
            DraftOf::PlanText { .. } => "",
        }
    }

    /// The text's schema name, as the history names it (`narratives.year1`,
    /// `texts.presentazione`).
    pub fn part(&self) -> crate::model::edit::Part {
        use crate::model::edit::Part;
        match self {
            DraftOf::Narrative { field, .. } => Part::Objective(*field),
            DraftOf::PlanText { which } => Part::PlanText(*which),
        }
    }
}

/// A draft waiting to be published or discarded: which text it is of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingDraft {
    pub of: DraftOf,
    pub draft: Draft,
}

/// A plan of the database (GUIDE §10), as `plan list` shows it: the
/// registry's entry, read without opening the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEntry {
    pub id: u64,
    pub title: String,
    /// The operative year, when the plan has one.
    #[serde(default)]
    pub year: Option<i32>,
    /// The plan a session opens when none is named.
    #[serde(default)]
    pub default: bool,
    /// The state of the plan's year (GUIDE §8), as its record last wrote
    /// it; `None` in an entry written before the registry kept it.
    #[serde(default)]
    pub state: Option<crate::model::cycle::PlanState>,
}
