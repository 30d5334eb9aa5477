//! Interchange formats: JSON `obiettivi/2` (and /1 read), Scheda Obiettivi text extracts (import), CSV.

pub mod backup;
pub mod csv;
pub mod cycle;
pub mod digest;
pub mod history;
pub mod hygiene;
pub mod json;
pub mod json_blocks;
pub mod json_stream;
pub mod pdf;
pub mod reminders;
pub mod report;
pub mod scheda;
pub mod sheet;
pub mod sheet_import;
pub mod sheet_limits;
pub mod sheet_merge;
pub mod sheet_read;
pub mod snapshot;
pub mod variation;
pub mod wording;
pub mod xlsx;

use crate::model::Dataset;

/// The shipped DUP 2026-2028 dataset of the Welfare department, embedded in the binary.
pub const SHIPPED_JSON: &str = include_str!("../../data/dup_2026_2028.json");

/// The shipped dataset, parsed. A test guarantees it parses and validates.
pub fn shipped() -> Dataset {
    json::parse(SHIPPED_JSON).unwrap_or_else(|e| panic!("the embedded dataset is invalid: {e}"))
}
