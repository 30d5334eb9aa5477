//! The plan at a glance: for the whole plan, each mandate and mission, each
//! manager and each CdR, how many objectives, how far they are, and where to
//! look (Σ ≠ 100, late and not-started phases, empty narratives, reviewed).
//! Worked out in one pass over the objectives.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use crate::i18n::{tr, tr_string};
use crate::model::Dataset;
use crate::model::assessment::Mark;
use crate::model::summary::Summary;
use crate::tui::filter::Scope;

/// One line's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub objectives: usize,
    /// Σ and count of the objectives' progress that have one (the mean is the roll-up).
    progress_sum: f64,
    with_progress: usize,
    pub weight_off: usize,
    pub late_phases: usize,
    pub not_started_phases: usize,
    pub missing_year1: usize,
    pub missing_year2: usize,
    /// `None` without a review in progress.
    pub reviewed: Option<usize>,
    /// Σ and count of the objectives' indicator achievement this year that have one.
    achievement_sum: f64,
    with_achievement: usize,
    /// Objectives the validator declared non valutabile: out of both means, said.
    pub not_assessable: usize,
    /// Objectives whose value the validator forced: counted at it, said.
    pub forced: usize,
}

impl Stats {
    /// The mean of the objectives that have a value (GUIDE §1), `None` for n/d.
    pub fn progress(&self) -> Option<f64> {
        (self.with_progress > 0).then(|| self.progress_sum / self.with_progress as f64)
    }

    /// `progress` with how many objectives it is a mean of (GUIDE §1: coverage is always said).
    pub fn progress_covered(&self) -> Option<crate::model::rollup::Mean> {
        covered(self.progress(), self.with_progress, self)
    }

    /// `achievement` with how many objectives it is a mean of.
    pub fn achievement_covered(&self) -> Option<crate::model::rollup::Mean> {
        covered(self.achievement(), self.with_achievement, self)
    }

    /// The mean indicator achievement this year of the objectives that have one.
    pub fn achievement(&self) -> Option<f64> {
        (self.with_achievement > 0).then(|| self.achievement_sum / self.with_achievement as f64)
    }

    fn merge(&mut self, other: &Stats) {
        self.objectives += other.objectives;
        self.progress_sum += other.progress_sum;
        self.with_progress += other.with_progress;
        self.weight_off += other.weight_off;
        self.late_phases += other.late_phases;
        self.not_started_phases += other.not_started_phases;
        self.missing_year1 += other.missing_year1;
        self.missing_year2 += other.missing_year2;
        if let Some(r) = other.reviewed {
            *self.reviewed.get_or_insert(0) += r;
        }
        self.achievement_sum += other.achievement_sum;
        self.with_achievement += other.with_achievement;
        self.not_assessable += other.not_assessable;
        self.forced += other.forced;
    }

    fn add(&mut self, o: &Summary, today: NaiveDate, reviewed: Option<bool>) {
        self.objectives += 1;
        if let Some(value) = o.progress {
            self.progress_sum += value;
            self.with_progress += 1;
        }
        self.weight_off += usize::from(o.weight_off);
        self.late_phases += o.late(today);
        self.not_started_phases += o.not_started(today);
        self.missing_year1 += usize::from(!o.narratives[0]);
        self.missing_year2 += usize::from(!o.narratives[1]);
        if let Some(r) = reviewed {
            *self.reviewed.get_or_insert(0) += usize::from(r);
        }
        if let Some(a) = o.achievement_on(today) {
            self.achievement_sum += a;
            self.with_achievement += 1;
        }
        self.not_assessable += usize::from(o.mark == Some(Mark::NotAssessable));
        self.forced += usize::from(o.mark == Some(Mark::Forced));
    }
}

fn covered(value: Option<f64>, used: usize, stats: &Stats) -> Option<crate::model::rollup::Mean> {
    use crate::model::rollup::{Coverage, Mean, Rows};
    value.map(|value| Mean {
        value,
        coverage: Coverage {
            rows: Rows::Objectives,
            used,
            of: stats.objectives,
            excluded: Vec::new(),
            not_assessable: stats.not_assessable,
        },
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Plan,
    Mandate,
    Mission,
    Manager,
    Centre,
}

/// What the overview's lines were summed up from: the app's data
/// generation, and the review in progress (its id and how many marks).
pub type Basis = (u64, Option<(u64, usize)>);

/// A line of the overview; `Enter` on it filters the tree to `scope`.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub group: Group,
    pub scope: Scope,
    pub label: String,
    pub stats: Stats,
}

/// The lines in the order shown: the plan, mandates each followed by their
/// missions, then managers, then CdRs (alphabetical).
/// `summaries`: the objectives', in plan order (`d`'s objectives are not read).
pub fn lines(
    d: &Dataset,
    summaries: &[Summary],
    today: NaiveDate,
    reviewed: Option<&HashSet<&str>>,
) -> Vec<Line> {
    let mut plan = Stats::default();
    let mut by_mission: HashMap<&str, Stats> = HashMap::new();
    let mut by_manager: BTreeMap<&str, Stats> = BTreeMap::new();
    let mut by_centre: BTreeMap<&str, Stats> = BTreeMap::new();
    for o in summaries {
        let r = reviewed.map(|r| r.contains(o.code.as_str()));
        plan.add(o, today, r);
        by_mission.entry(&o.mission).or_default().add(o, today, r);
        by_manager
            .entry(o.manager.as_str())
            .or_default()
            .add(o, today, r);
        by_centre
            .entry(o.responsibility_centre.as_str())
            .or_default()
            .add(o, today, r);
    }
    let mut out = vec![Line {
        group: Group::Plan,
        scope: Scope::All,
        label: format!("{} {}", tr("Piano", "Plan"), d.plan.title)
            .trim()
            .into(),
        stats: plan,
    }];
    for mandate in &d.mandates {
        let missions: Vec<_> = d
            .missions
            .iter()
            .filter(|m| m.mandate == mandate.code)
            .collect();
        // A mandate's figures are its missions' taken together.
        let mut stats = Stats::default();
        for m in &missions {
            if let Some(s) = by_mission.get(m.code.as_str()) {
                stats.merge(s);
            }
        }
        out.push(Line {
            group: Group::Mandate,
            scope: Scope::Mandate(mandate.code.clone()),
            label: format!("{} {}", mandate.code, mandate.title),
            stats,
        });
        for m in missions {
            out.push(Line {
                group: Group::Mission,
                scope: Scope::Mission(m.code.clone()),
                label: format!("{} {}", m.code, m.title),
                stats: by_mission.remove(m.code.as_str()).unwrap_or_default(),
            });
        }
    }
    let named = |name: &str| {
        if name.is_empty() {
            tr_string("(non indicato)", "(not given)")
        } else {
            name.to_string()
        }
    };
    out.extend(by_manager.into_iter().map(|(name, stats)| Line {
        group: Group::Manager,
        scope: Scope::Manager(name.into()),
        label: named(name),
        stats,
    }));
    out.extend(by_centre.into_iter().map(|(name, stats)| Line {
        group: Group::Centre,
        scope: Scope::Centre(name.into()),
        label: named(name),
        stats,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Objective, Phase};

    #[test]
    fn each_line_counts_its_objectives() {
        let d = NaiveDate::from_ymd_opt;
        let mut plan = Dataset::with_mission("M", "S");
        let mut a = Objective::new("A", "S");
        a.manager = "ROSSI".into();
        a.phases = vec![
            Phase {
                weight: Some(50.0),
                progress: Some(20.0),
                planned_end: d(2025, 1, 31),
                ..Phase::default()
            },
            Phase {
                planned_start: d(2025, 1, 1),
                ..Phase::default()
            },
        ];
        a.narratives.year1 = "fatto".into();
        let mut b = Objective::new("B", "S");
        b.manager = "BIANCHI".into();
        b.phases = vec![Phase {
            progress: Some(60.0),
            ..Phase::default()
        }];
        plan.objectives = vec![a, b];
        let reviewed: HashSet<&str> = ["B"].into();
        let summaries = Summary::all(&plan);
        let lines = lines(&plan, &summaries, d(2025, 8, 5).unwrap(), Some(&reviewed));
        let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Piano",
                "M Mandato",
                "S Missione",
                "BIANCHI",
                "ROSSI",
                "(non indicato)"
            ]
        );
        let mission = &lines[2].stats;
        assert_eq!(mission.objectives, 2);
        assert_eq!(mission.progress(), Some(40.0));
        assert_eq!(
            (
                mission.weight_off,
                mission.late_phases,
                mission.not_started_phases
            ),
            (1, 1, 1)
        );
        assert_eq!((mission.missing_year1, mission.missing_year2), (1, 2));
        assert_eq!(mission.reviewed, Some(1));
        assert_eq!(
            lines[0].stats, lines[1].stats,
            "one mandate: the whole plan"
        );
        assert_eq!(lines[4].scope, Scope::Manager("ROSSI".into()));
    }
}
