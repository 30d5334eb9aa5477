//! JSON schemas `obiettivi/1` and `/2` (read), `/2` (written): parsing with the JSON path of any problem, and writing.

use std::fmt;

use crate::model::Dataset;
use crate::model::validate::{Invalid, validate};
use crate::tr_format;

/// Why a JSON file cannot be imported: where (JSON path, and line for syntax errors) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    pub(super) fn with_reason(self, reason: String) -> JsonError {
        JsonError { reason, ..self }
    }
}

impl From<Invalid> for JsonError {
    fn from(i: Invalid) -> Self {
        JsonError {
            path: i.path,
            reason: i.reason,
        }
    }
}

/// Parses and validates a dataset. Nothing partial comes out: either all of it or an error.
pub fn parse(text: &str) -> Result<Dataset, JsonError> {
    // Plain serde_json first: tracking the path of every value costs a third of
    // the parse of a large plan, and only a broken file needs it. That one is
    // read again below to say where the problem is.
    let dataset = match serde_json::from_str::<Dataset>(text) {
        Ok(dataset) => dataset,
        Err(_) => parse_with_path(text)?,
    };
    validate(&dataset)?;
    Ok(dataset)
}

/// The parse that reports the JSON path (and line) of the first problem.
fn parse_with_path(text: &str) -> Result<Dataset, JsonError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let dataset: Dataset = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        located(path, &e.into_inner())
    })?;
    Ok(dataset)
}

/// `path` (may be empty) with the line of `e`, and why.
pub(crate) fn located(path: String, e: &serde_json::Error) -> JsonError {
    JsonError {
        path: if path.is_empty() {
            tr_format!("riga {}", "line {}", e.line())
        } else {
            tr_format!("{path} (riga {})", "{path} (line {})", e.line())
        },
        reason: explain(e),
    }
}

/// serde's message, with the one users hit most (a date) said plainly.
pub(super) fn explain(e: &serde_json::Error) -> String {
    explain_text(&e.to_string())
}

/// `explain` of serde's message as text (of an error of any deserializer).
pub(super) fn explain_text(msg: &str) -> String {
    // Drop serde_json's own " at line L column C": the path already says where.
    let msg = super::wording::json_message(msg.split(" at line ").next().unwrap_or(msg));
    if msg.contains("input contains invalid characters")
        || msg.contains("premature end of input")
        || msg.contains("input is out of range")
    {
        tr_format!(
            "data non valida: usa AAAA-MM-GG ({msg})",
            "invalid date: use YYYY-MM-DD ({msg})"
        )
    } else {
        msg
    }
}

/// The dataset as pretty JSON with a final newline: the format of `export` and of backups.
pub fn to_string(dataset: &Dataset) -> String {
    let mut s = serde_json::to_string_pretty(dataset).unwrap_or_default();
    s.push('\n');
    s
}
