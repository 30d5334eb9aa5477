//! Next year's plan made from this one (GUIDE §10, `plan new … --from`):
//! a DUP is rolling, most objectives go on with new targets. What carries
//! over is the structure — mandates, missions, objectives with their phases
//! and indicators — and what stays with the old plan is what was lived in
//! its year: narratives, measurements, the assessment, the cycle, the
//! windows, the Relazione's texts, the variations (history, snapshots and
//! reviews are in the old plan's own trees and never read here).

use chrono::Datelike;

use super::indicators::{Baseline, Indicator};
use super::{Dataset, Narratives, Objective, Plan, PlanSettings};

/// The plan titled `title` for operative year `year`, from `old`: in Bozza,
/// with no act. Each indicator's baseline becomes its last measurement of
/// the old plan's year (the year before `year` when the old plan names
/// none), when there is one.
pub fn carried_over(old: &Dataset, title: &str, year: i32) -> Dataset {
    let old_year = old.plan.year.unwrap_or(year - 1);
    let plan = Plan {
        title: title.to_string(),
        year: Some(year),
        settings: PlanSettings {
            periods: shifted(&old.plan.settings.periods, year - old_year),
            ..old.plan.settings.clone()
        },
        cycle: None,
        windows: Vec::new(),
        texts: Box::default(),
        ..old.plan.clone()
    };
    Dataset {
        schema: Dataset::schema_for(&plan).to_string(),
        plan,
        mandates: old.mandates.clone(),
        missions: old.missions.clone(),
        variations: Vec::new(),
        objectives: old
            .objectives
            .iter()
            .map(|o| objective(o, old_year))
            .collect(),
    }
}

fn objective(old: &Objective, old_year: i32) -> Objective {
    Objective {
        narratives: Narratives::default(),
        assessment: None,
        indicators: old
            .indicators
            .iter()
            .map(|i| indicator(i, old_year))
            .collect(),
        ..old.clone()
    }
}

fn indicator(old: &Indicator, old_year: i32) -> Indicator {
    let last = (old.measurements.iter())
        .filter(|m| m.period.year() == old_year)
        .max_by_key(|m| m.period);
    Indicator {
        baseline: last
            .map(|m| Baseline {
                value: m.value,
                year: old_year,
            })
            .or(old.baseline),
        measurements: Vec::new(),
        ..old.clone()
    }
}

/// Monitoring periods named one by one, moved `years` on: the new plan's
/// year has the same dates (a day that year lacks, 29/02, becomes the 28th).
fn shifted(periods: &[chrono::NaiveDate], years: i32) -> Vec<chrono::NaiveDate> {
    periods
        .iter()
        .filter_map(|p| {
            let year = p.year() + years;
            p.with_year(year)
                .or_else(|| chrono::NaiveDate::from_ymd_opt(year, p.month(), 28))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::Measurement;

    fn measured(period: &str, value: f64) -> Measurement {
        Measurement {
            period: period.parse().unwrap(),
            value,
            note: "nota".into(),
        }
    }

    #[test]
    fn the_structure_carries_over_and_what_was_lived_stays() {
        let mut old = Dataset::with_mission("M", "MI");
        old.plan.title = "DUP 2026-2028".into();
        old.plan.year = Some(2026);
        old.plan.texts.presentazione = "Presentazione".into();
        let mut o = Objective::new("O1", "MI");
        o.narratives.year1 = "Fatto".into();
        o.phases.push(crate::model::Phase {
            name: "Fase".into(),
            ..Default::default()
        });
        o.indicators.push(Indicator {
            name: "Alloggi".into(),
            baseline: Some(Baseline {
                value: 1.0,
                year: 2025,
            }),
            measurements: vec![
                measured("2026-12-31", 18.0),
                measured("2026-06-30", 15.0),
                measured("2027-06-30", 99.0),
            ],
            ..Default::default()
        });
        o.indicators.push(Indicator {
            name: "Mai misurato".into(),
            baseline: Some(Baseline {
                value: 3.0,
                year: 2025,
            }),
            ..Default::default()
        });
        old.objectives.push(o);
        let new = carried_over(&old, "DUP 2027-2029", 2027);
        assert_eq!(new.plan.title, "DUP 2027-2029");
        assert_eq!(new.plan.year, Some(2027));
        assert!(new.plan.cycle.is_none() && new.plan.texts.is_empty());
        assert_eq!(new.mandates, old.mandates);
        assert_eq!(new.missions, old.missions);
        let o = &new.objectives[0];
        assert_eq!(o.narratives, Narratives::default());
        assert_eq!(o.phases, old.objectives[0].phases);
        // The last measurement of 2026, not the later one of 2027.
        assert_eq!(
            o.indicators[0].baseline,
            Some(Baseline {
                value: 18.0,
                year: 2026
            })
        );
        assert!(o.indicators[0].measurements.is_empty());
        // Never measured in 2026: its baseline as it was.
        assert_eq!(o.indicators[1].baseline.map(|b| b.value), Some(3.0));
    }

    #[test]
    fn periods_named_one_by_one_move_to_the_new_year() {
        let mut old = Dataset::empty();
        old.plan.year = Some(2024);
        old.plan.settings.periods = vec!["2024-02-29".parse().unwrap()];
        let new = carried_over(&old, "DUP 2025-2027", 2025);
        assert_eq!(
            new.plan.settings.periods,
            vec!["2025-02-28".parse::<chrono::NaiveDate>().unwrap()]
        );
    }
}
