//! The sizes a plan keeps whoever writes it (GUIDE §7): checked where a change
//! is applied and where an import is validated, so that no caller — a raw
//! socket line included — can make the plan too big for the others.

/// Characters of a narrative (stato di attuazione).
pub const NARRATIVE: usize = 100_000;
/// Characters of any other text: a name, a note, a manager, a comment.
pub const TEXT: usize = 2_000;
/// Phases of one objective.
pub const PHASES: usize = 200;
/// Indicators of one objective.
pub const INDICATORS: usize = 50;
/// Targets of one indicator: one a year, and the plausible years (the
/// plan's, at most ten, ± 10) are at most thirty.
pub const TARGETS: usize = 30;
