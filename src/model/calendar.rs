//! The plan's years and monitoring dates (GUIDE §1 periods): which status
//! narrative is this year's, and from when an empty one is worth a warning.
//! Default periods: the 30/06 and 31/12 of each plan year.

use chrono::{Datelike, NaiveDate};

use super::edit::ObjectiveField;
use super::types::{Objective, Plan};

/// The first year of the plan, read from its title (`DUP 2026-2028` → 2026).
pub fn first_year(plan: &Plan) -> Option<i32> {
    plan.title
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 4)
        .and_then(|part| part.parse().ok())
}

/// The narrative about `today`'s year: 1° anno in the plan's first year, 2°
/// anno in its second; none before or after.
pub fn current_narrative(plan: &Plan, today: NaiveDate) -> Option<ObjectiveField> {
    match today.year() - first_year(plan)? {
        0 => Some(ObjectiveField::Year1),
        1 => Some(ObjectiveField::Year2),
        _ => None,
    }
}

/// The first monitoring date of `year`: its 30/06.
pub fn first_monitoring(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 6, 30)
}

/// This year's narrative, when it is empty (whatever the date: the tree marks it).
pub fn narrative_missing(plan: &Plan, o: &Objective, today: NaiveDate) -> Option<ObjectiveField> {
    current_narrative(plan, today).filter(|field| is_empty(o, *field))
}

/// This year's narrative, when it is still empty after the year's first monitoring.
pub fn narrative_overdue(plan: &Plan, o: &Objective, today: NaiveDate) -> Option<ObjectiveField> {
    narrative_missing(plan, o, today)
        .filter(|_| first_monitoring(today.year()).is_some_and(|first| today > first))
}

/// Whether a narrative has no text (blanks do not count as text).
pub fn is_empty(o: &Objective, field: ObjectiveField) -> bool {
    match field {
        ObjectiveField::Year1 => o.narratives.year1.trim().is_empty(),
        ObjectiveField::Year2 => o.narratives.year2.trim().is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn this_years_narrative_is_due_after_the_first_monitoring() {
        let plan = Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        };
        let mut o = Objective::new("O", "S");
        o.narratives.year2 = "scritto".into();
        assert_eq!(first_year(&plan), Some(2026));
        assert_eq!(current_narrative(&plan, d(2025, 12, 31)), None);
        assert_eq!(
            narrative_missing(&plan, &o, d(2026, 3, 1)),
            Some(ObjectiveField::Year1)
        );
        assert_eq!(narrative_overdue(&plan, &o, d(2026, 6, 30)), None);
        assert_eq!(
            narrative_overdue(&plan, &o, d(2026, 7, 1)),
            Some(ObjectiveField::Year1)
        );
        assert_eq!(
            narrative_overdue(&plan, &o, d(2027, 9, 1)),
            None,
            "year 2 written"
        );
        assert_eq!(current_narrative(&plan, d(2028, 9, 1)), None);
        assert_eq!(first_year(&Plan::default()), None);
    }
}
