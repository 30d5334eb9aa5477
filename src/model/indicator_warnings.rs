//! What `check` says about indicators (GUIDE §1, issue 17): warnings, since
//! plans are filled in over the year.

use std::fmt;

use chrono::NaiveDate;

use super::calendar::{periods, plan_years};
use super::types::{Objective, Plan};
use super::values::{ShownDate, ShownNumber};
use crate::{tr_format, tr_write};

/// Every indicator warning of `o`, as lines `check` prints after the code.
pub fn indicator_warnings(plan: &Plan, o: &Objective, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if o.indicators.is_empty() {
        return out;
    }
    let plan_periods = periods(plan);
    let years = plan_years(plan);
    let heads = (o.indicators.iter().enumerate()).map(|(k, i)| (Head(k + 1, &i.name), i));
    for (head, i) in heads.clone() {
        for year in years.iter().filter(|y| !i.targets.contains_key(y)) {
            out.push(tr_format!(
                "{head}: manca il target {year}",
                "{head}: no target for {year}"
            ));
        }
        for period in plan_periods.iter().filter(|p| **p < today) {
            if !i.measurements.iter().any(|m| m.period == *period) {
                out.push(tr_format!(
                    "{head}: nessuna rilevazione per il {}",
                    "{head}: no measurement for {}",
                    ShownDate(*period)
                ));
            }
        }
        for m in i
            .measurements
            .iter()
            .filter(|m| !plan_periods.contains(&m.period))
        {
            out.push(tr_format!(
                "{head}: la rilevazione del {} non è di un periodo di monitoraggio del piano",
                "{head}: the measurement of {} is not for a monitoring period of the plan",
                ShownDate(m.period)
            ));
        }
    }
    if o.indicators.iter().any(|i| i.weight.is_some()) {
        // Left out of the weighted achievement: said, as the formula says it.
        for (head, i) in heads {
            if i.weight.is_none() {
                out.push(tr_format!(
                    "{head} senza peso, tra indicatori pesati: escluso dal raggiungimento",
                    "{head} without weight among weighted indicators: left out of the achievement"
                ));
            }
        }
        let sum: f64 = o.indicators.iter().filter_map(|i| i.weight).sum();
        if (sum - 100.0).abs() > super::rollup::WEIGHT_SUM_TOLERANCE {
            out.push(tr_format!(
                "somma dei pesi degli indicatori {} (attesa 100)",
                "sum of the indicators' weights {} (expected 100)",
                ShownNumber(sum)
            ));
        }
    }
    out
}

/// `indicatore 2 «name»`, written where the line is.
#[derive(Clone, Copy)]
struct Head<'a>(usize, &'a str);

impl fmt::Display for Head<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        tr_write!(f, "indicatore {} «{}»", "indicator {} «{}»", self.0, self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::{Indicator, Measurement};

    #[test]
    fn missing_targets_and_measurements_and_odd_periods_and_weights_are_named() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let plan = Plan {
            title: "DUP 2026-2027".into(),
            ..Plan::default()
        };
        let mut o = Objective::new("O", "M");
        o.indicators.push(Indicator {
            name: "A".into(),
            weight: Some(60.0),
            targets: [(2026, 20.0)].into(),
            measurements: vec![Measurement {
                period: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
                value: 1.0,
                note: String::new(),
            }],
            ..Indicator::default()
        });
        let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(
            indicator_warnings(&plan, &o, today),
            [
                "indicatore 1 «A»: manca il target 2027",
                "indicatore 1 «A»: nessuna rilevazione per il 30/06/2026",
                "indicatore 1 «A»: la rilevazione del 31/03/2026 non è di un periodo di monitoraggio del piano",
                "somma dei pesi degli indicatori 60 (attesa 100)",
            ]
        );
    }
}
