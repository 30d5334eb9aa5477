//! Why a text is not a readable scheda, said with its line: what every part
//! of the reader refuses with.

use std::fmt;

use crate::tr_format;

/// Why a text is not a readable scheda: the line and the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedaError {
    pub line: usize,
    pub reason: String,
}

impl SchedaError {
    pub(super) fn new(line: usize, reason: impl Into<String>) -> SchedaError {
        SchedaError {
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for SchedaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr_format!(
            "riga {}: {}",
            "line {}: {}",
            self.line,
            self.reason
        ))
    }
}

impl std::error::Error for SchedaError {}
