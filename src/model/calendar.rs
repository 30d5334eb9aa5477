//! Which status narrative is this year's, and from when an empty one is
//! worth a warning: the plan's years and monitoring periods (GUIDE §1,
//! `plan_years` and `periods`: by default the 30/06
//! and 31/12 of each plan year).

use chrono::{Datelike, NaiveDate};

use super::field::ObjectiveField;
use super::types::{Objective, Plan};
use super::values::format_date;
use crate::tr_format;

/// The years of the plan, from its title ("DUP 2026-2028": 2026, 2027, 2028);
/// none when the title names no span of years.
pub fn plan_years(plan: &Plan) -> Vec<i32> {
    let years: Vec<i32> = plan
        .title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .collect();
    match years.as_slice() {
        [first, .., last] if first <= last && last - first < 10 => (*first..=*last).collect(),
        [only] => vec![*only],
        _ => Vec::new(),
    }
}

/// The years a target or a baseline may name (GUIDE §1): the plan's years
/// ± 10; 1990–2100 when the plan's title names no years.
pub fn plausible_years(plan: &Plan) -> (i32, i32) {
    match plan_years(plan).as_slice() {
        [first, .., last] => (first - 10, last + 10),
        [only] => (only - 10, only + 10),
        [] => (1990, 2100),
    }
}

/// The monitoring periods: the plan's own, else the 30/06 and 31/12 of each plan year.
pub fn periods(plan: &Plan) -> Vec<NaiveDate> {
    if !plan.settings.periods.is_empty() {
        return plan.settings.periods.clone();
    }
    plan_years(plan)
        .into_iter()
        .flat_map(|y| {
            [
                NaiveDate::from_ymd_opt(y, 6, 30),
                NaiveDate::from_ymd_opt(y, 12, 31),
            ]
        })
        .flatten()
        .collect()
}

/// A measurement's period that is not one of the plan's monitoring periods
/// (of `year`, when a sheet row names it): the one rule, for `set`, the
/// service and the sheets alike.
#[derive(Debug, Clone, PartialEq)]
pub struct NotAPeriod {
    pub period: NaiveDate,
    pub year: Option<i32>,
    /// The periods that are allowed.
    pub allowed: Vec<NaiveDate>,
}

/// Whether `period` is one of `periods` (of `year`, when given).
pub fn monitoring_period(
    periods: &[NaiveDate],
    period: NaiveDate,
    year: Option<i32>,
) -> Result<(), NotAPeriod> {
    let of_year = |p: &NaiveDate| year.is_none_or(|y| p.year() == y);
    if of_year(&period) && periods.contains(&period) {
        return Ok(());
    }
    Err(NotAPeriod {
        period,
        year,
        allowed: periods.iter().copied().filter(of_year).collect(),
    })
}

impl std::fmt::Display for NotAPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let allowed: Vec<String> = self.allowed.iter().map(|d| format_date(*d)).collect();
        let (allowed, period) = (allowed.join(", "), format_date(self.period));
        f.write_str(&match self.year {
            Some(year) => tr_format!(
                "{period} non è un periodo di monitoraggio del {year} ({allowed})",
                "{period} is not a monitoring period of {year} ({allowed})"
            ),
            None => tr_format!(
                "il periodo {period} non è un periodo di monitoraggio del piano: {allowed}",
                "period {period} is not a monitoring period of the plan: {allowed}"
            ),
        })
    }
}

/// The first year of the plan, read from its title (`DUP 2026-2028` → 2026).
pub fn first_year(plan: &Plan) -> Option<i32> {
    plan_years(plan).first().copied()
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

/// The first monitoring date of `year`: the plan's first period in it (the
/// 30/06 by default).
pub fn first_monitoring(plan: &Plan, year: i32) -> Option<NaiveDate> {
    periods(plan)
        .into_iter()
        .filter(|p| p.year() == year)
        .min()
        .or_else(|| NaiveDate::from_ymd_opt(year, 6, 30))
}

/// This year's narrative, when it is empty (whatever the date: the tree marks it).
pub fn narrative_missing(plan: &Plan, o: &Objective, today: NaiveDate) -> Option<ObjectiveField> {
    current_narrative(plan, today).filter(|field| is_empty(o, *field))
}

/// This year's narrative, when it is still empty after the year's first monitoring.
pub fn narrative_overdue(plan: &Plan, o: &Objective, today: NaiveDate) -> Option<ObjectiveField> {
    narrative_missing(plan, o, today)
        .filter(|_| first_monitoring(plan, today.year()).is_some_and(|first| today > first))
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

    #[test]
    fn the_plans_own_periods_decide_the_first_monitoring() {
        let mut plan = Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        };
        plan.settings.periods = vec![d(2026, 9, 30), d(2026, 3, 31)];
        let o = Objective::new("O", "S");
        assert_eq!(first_monitoring(&plan, 2026), Some(d(2026, 3, 31)));
        assert_eq!(
            narrative_overdue(&plan, &o, d(2026, 4, 1)),
            Some(ObjectiveField::Year1)
        );
        // A year without a period of its own: the 30/06.
        assert_eq!(first_monitoring(&plan, 2027), Some(d(2027, 6, 30)));
    }

    #[test]
    fn a_measurement_outside_the_plan_s_periods_is_named_with_those_allowed() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let periods = [d(2026, 6, 30), d(2026, 12, 31), d(2027, 6, 30)];
        assert_eq!(monitoring_period(&periods, d(2027, 6, 30), None), Ok(()));
        let of_2026 = monitoring_period(&periods, d(2027, 6, 30), Some(2026)).unwrap_err();
        assert_eq!(
            of_2026.to_string(),
            "30/06/2027 non è un periodo di monitoraggio del 2026 (30/06/2026, 31/12/2026)"
        );
        let any = monitoring_period(&periods, d(2026, 3, 31), None).unwrap_err();
        assert_eq!(
            any.to_string(),
            "il periodo 31/03/2026 non è un periodo di monitoraggio del piano: \
             30/06/2026, 31/12/2026, 30/06/2027"
        );
    }
}
