//! The domain: plain types, roll-up, validation and parsing of numbers and dates.
//! No I/O here, and no clock: "today" is always passed in.

pub mod applied;
pub mod assessed;
pub mod assessment;
pub mod calendar;
pub mod column;
pub mod compare;
pub mod coverage;
pub mod cycle;
pub mod cycle_checks;
pub mod describe;
pub mod diff;
pub mod edit;
pub mod field;
pub mod fields;
pub mod fingerprint;
pub mod frozen;
pub mod indicator_fields;
pub mod indicator_warnings;
pub mod indicators;
pub mod limits;
pub mod needle;
pub mod next_plan;
pub mod reminders;
pub mod rewind;
pub mod rollup;
pub mod schedule;
pub mod score;
pub mod summary;
pub mod table;
pub mod text;
pub mod types;
pub mod validate;
pub mod value;
pub mod values;
pub mod variation;
pub mod variation_record;
pub mod warnings;
pub mod window_record;
pub mod windows;

pub use edit::Change;
pub use field::{Field, ObjectiveField};
pub use fields::PhaseField;
pub use rollup::{RollUp, RollUpMethod};
pub use types::*;
pub use value::Value;
