//! What the tree, the filter and the overview need of an objective, without
//! its phases, narratives and indicators: a few hundred bytes where the whole
//! objective is several kilobytes. The store keeps one per objective, written
//! in the same transaction as the objective, so a session opens a plan of
//! 10 000 objectives by reading these alone (issue 19) and reads an objective
//! whole only when it is shown.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::assessment::Mark;
use super::calendar::current_narrative;
use super::field::ObjectiveField;
use super::indicators::objective_achievement;
use super::rollup::weight_sum_is_off;
use super::types::{Dataset, Objective, Phase, Plan};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub code: String,
    pub mission: String,
    /// The operational objective: the title the tree shows.
    pub title: String,
    pub manager: String,
    pub responsibility_centre: String,
    pub status: Option<String>,
    /// The phases' roll-up as the objective counts (`Objective::progress`).
    pub progress: Option<f64>,
    /// Σ weights ≠ 100.
    pub weight_off: bool,
    /// Each phase's dates and progress, in table order: enough to count the
    /// late and not-started ones on any day.
    pub phases: Vec<Timing>,
    /// Whether the 1° anno and the 2° anno narratives have text.
    pub narratives: [bool; 2],
    /// How many indicators it has.
    pub indicators: usize,
    /// The indicator achievement of each year that has one, as computed.
    pub achievement: Vec<(i32, f64)>,
    /// The validator's verdict (GUIDE §1): forced, non valutabile, or none.
    pub mark: Option<Mark>,
    /// The forced value, when forced.
    pub forced: Option<f64>,
}

/// A phase's schedule as `Phase::is_late` and `is_not_started` read it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Timing {
    /// Days from the common era (compact, and no parsing when read).
    planned_start: Option<i32>,
    planned_end: Option<i32>,
    actual_start: Option<i32>,
    progress: Option<f64>,
}

fn days(date: Option<NaiveDate>) -> Option<i32> {
    date.map(|d| d.num_days_from_ce())
}

impl Timing {
    pub fn of(p: &Phase) -> Timing {
        Timing {
            planned_start: days(p.planned_start),
            planned_end: days(p.planned_end),
            actual_start: days(p.actual_start),
            progress: p.progress,
        }
    }

    /// Planned end before today and progress below 100 (no progress counts as below).
    pub fn is_late(&self, today: NaiveDate) -> bool {
        let today = today.num_days_from_ce();
        self.planned_end.is_some_and(|end| end < today) && self.progress.is_none_or(|p| p < 100.0)
    }

    /// Planned start is past and there is no actual start.
    pub fn is_not_started(&self, today: NaiveDate) -> bool {
        let today = today.num_days_from_ce();
        self.planned_start.is_some_and(|start| start < today) && self.actual_start.is_none()
    }
}

impl Summary {
    pub fn of(o: &Objective) -> Summary {
        let mut years: Vec<i32> = o
            .indicators
            .iter()
            .flat_map(|i| i.targets.keys().copied())
            .collect();
        years.sort_unstable();
        years.dedup();
        Summary {
            code: o.code.clone(),
            mission: o.mission.clone(),
            title: o.operational_objective.clone(),
            manager: o.manager.clone(),
            responsibility_centre: o.responsibility_centre.clone(),
            status: o.status.clone(),
            progress: o.progress().map(|r| r.value),
            weight_off: weight_sum_is_off(&o.phases),
            phases: o.phases.iter().map(Timing::of).collect(),
            narratives: [
                !o.narratives.year1.trim().is_empty(),
                !o.narratives.year2.trim().is_empty(),
            ],
            indicators: o.indicators.len(),
            achievement: years
                .into_iter()
                .filter_map(|y| objective_achievement(&o.indicators, y).map(|a| (y, a.value)))
                .collect(),
            mark: o.mark(),
            forced: o.assessment().forced.as_ref().map(|f| f.value),
        }
    }

    /// Every objective's, in plan order.
    pub fn all(d: &Dataset) -> Vec<Summary> {
        d.objectives.iter().map(Summary::of).collect()
    }

    /// The objective as far as the summary knows it: its own fields, no
    /// phases, narratives or indicators. Stands in a session's plan until the
    /// objective is read whole.
    pub fn shell(&self) -> Objective {
        Objective {
            operational_objective: self.title.clone(),
            manager: self.manager.clone(),
            responsibility_centre: self.responsibility_centre.clone(),
            status: self.status.clone(),
            ..Objective::new(&self.code, &self.mission)
        }
    }

    pub fn late(&self, today: NaiveDate) -> usize {
        self.phases.iter().filter(|p| p.is_late(today)).count()
    }

    pub fn not_started(&self, today: NaiveDate) -> usize {
        self.phases
            .iter()
            .filter(|p| p.is_not_started(today))
            .count()
    }

    /// This year's status narrative is empty (`calendar::narrative_missing`).
    pub fn narrative_missing(&self, plan: &Plan, today: NaiveDate) -> bool {
        match current_narrative(plan, today) {
            Some(ObjectiveField::Year1) => !self.narratives[0],
            Some(ObjectiveField::Year2) => !self.narratives[1],
            _ => false,
        }
    }

    /// The indicator achievement in `year` as the objective counts
    /// (`Objective::achievement`: forced, none when non valutabile).
    pub fn achievement_in(&self, year: i32) -> Option<f64> {
        match self.mark {
            Some(Mark::NotAssessable) => None,
            Some(Mark::Forced) => self.forced,
            None => (self.achievement.iter())
                .find(|(y, _)| *y == year)
                .map(|(_, a)| *a),
        }
    }

    /// This year's indicator achievement.
    pub fn achievement_on(&self, today: NaiveDate) -> Option<f64> {
        self.achievement_in(today.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::{Indicator, Measurement};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_summary_says_what_the_whole_objective_says() {
        let mut o = Objective::new("05_1201_0601", "05_1201");
        o.operational_objective = "Più alloggi".into();
        o.narratives.year1 = "Fatto.".into();
        o.narratives.year2 = "  ".into();
        o.phases = vec![
            Phase {
                planned_start: Some(d(2026, 1, 1)),
                planned_end: Some(d(2026, 3, 31)),
                weight: Some(40.0),
                progress: Some(50.0),
                ..Phase::default()
            },
            Phase {
                planned_start: Some(d(2026, 6, 1)),
                actual_start: Some(d(2026, 6, 2)),
                weight: Some(40.0),
                progress: Some(100.0),
                ..Phase::default()
            },
        ];
        let mut indicator = Indicator {
            name: "alloggi assegnati".into(),
            ..Indicator::default()
        };
        indicator.targets.insert(2026, 20.0);
        indicator.measurements.push(Measurement {
            period: d(2026, 6, 30),
            value: 15.0,
            note: String::new(),
        });
        o.indicators.push(indicator);
        let s = Summary::of(&o);
        let today = d(2026, 7, 1);
        let late = o.phases.iter().filter(|p| p.is_late(today)).count();
        let not_started = o.phases.iter().filter(|p| p.is_not_started(today)).count();
        assert_eq!((s.late(today), s.not_started(today)), (late, not_started));
        assert_eq!((late, not_started), (1, 1));
        assert_eq!(s.progress, o.progress().map(|r| r.value));
        assert!(s.weight_off, "Σ 80");
        assert_eq!(s.narratives, [true, false]);
        assert_eq!(s.achievement_in(2026), Some(75.0));
        assert_eq!(s.achievement_in(2027), None);
        let shell = s.shell();
        assert_eq!(
            (shell.code.as_str(), shell.operational_objective.as_str()),
            ("05_1201_0601", "Più alloggi")
        );
        assert!(shell.phases.is_empty());
    }
}
