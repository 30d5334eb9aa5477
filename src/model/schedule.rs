//! Late and not-started phases (the rule itself is `summary::Timing`'s, so a
//! summary counts them as the whole phase does). "Today" is always an argument: the model never reads the clock.

use chrono::NaiveDate;

use super::summary::Timing;
use super::types::Phase;
use crate::i18n::tr;

/// The one word for a phase not started, wherever it is shown (the phases
/// pane, its legend, the review page): `non avviata`.
pub fn not_started_word() -> &'static str {
    tr("non avviata", "not started")
}

impl Phase {
    /// Planned end before today and progress below 100 (no progress counts as below).
    pub fn is_late(&self, today: NaiveDate) -> bool {
        Timing::of(self).is_late(today)
    }

    /// Planned start is past and there is no actual start.
    pub fn is_not_started(&self, today: NaiveDate) -> bool {
        Timing::of(self).is_not_started(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn late_needs_a_past_end_and_unfinished_progress() {
        let mut p = Phase {
            planned_end: Some(d(2025, 6, 30)),
            progress: Some(80.0),
            ..Phase::default()
        };
        assert!(p.is_late(d(2025, 7, 1)));
        assert!(!p.is_late(d(2025, 6, 30)), "due today is not late yet");
        p.progress = None;
        assert!(p.is_late(d(2025, 7, 1)));
        p.progress = Some(100.0);
        assert!(!p.is_late(d(2025, 7, 1)));
        p.planned_end = None;
        p.progress = None;
        assert!(!p.is_late(d(2030, 1, 1)));
    }

    #[test]
    fn not_started_needs_a_past_start_and_no_actual_start() {
        let mut p = Phase {
            planned_start: Some(d(2025, 1, 1)),
            ..Phase::default()
        };
        assert!(p.is_not_started(d(2025, 1, 2)));
        assert!(!p.is_not_started(d(2025, 1, 1)));
        p.actual_start = Some(d(2025, 2, 1));
        assert!(!p.is_not_started(d(2025, 3, 1)));
    }
}
