//! The domain: plain types, roll-up, validation and parsing of numbers and dates.
//! No I/O here, and no clock: "today" is always passed in.

pub mod calendar;
pub mod compare;
pub mod diff;
pub mod edit;
pub mod fields;
pub mod fingerprint;
pub mod indicator_edit;
pub mod indicator_fields;
pub mod indicator_warnings;
pub mod indicators;
pub mod limits;
pub mod needle;
pub mod rewind;
pub mod rollup;
pub mod schedule;
pub mod score;
pub mod summary;
pub mod text;
pub mod types;
pub mod validate;
pub mod values;
pub mod warnings;

pub use edit::{Change, Field, ObjectiveField, PhaseField, Value};
pub use rollup::{RollUp, RollUpMethod};
pub use types::*;
