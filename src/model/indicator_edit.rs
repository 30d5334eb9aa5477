//! Changes to indicators: checked against the rules of GUIDE §1 and §7, and
//! recorded in the history part by part (a target, a measurement, the
//! baseline…), old → new, like a phase's cells.

use chrono::NaiveDate;

use std::collections::BTreeSet;

use super::applied::{Applied, Part};
use super::field::ChangeError;
use super::indicator_fields::{IndicatorField, fields_for};
use super::indicators::Indicator;
use super::limits;
use super::types::Objective;
use super::value::Value;
use super::values::check_percent;
use crate::i18n::tr;

/// What an indicator change does; `edit::Change` names one of these.
pub enum Edit<'a> {
    Set(usize, &'a Indicator),
    Add(usize, &'a Indicator),
    Delete(usize),
}

/// Applies one indicator change to `o`; what it changed, part by part.
pub fn apply(edit: Edit, o: &mut Objective) -> Result<Vec<Applied>, ChangeError> {
    let count = o.indicators.len();
    let missing = |index: usize| ChangeError::NoSuchIndicator {
        objective: o.code.clone(),
        index,
        count,
    };
    let entry = |index: usize, name: &str, cell, old: String, new: String| Applied {
        objective: o.code.clone(),
        phase: None,
        phase_name: Some(name.to_string()),
        field: Part::Indicator { index, cell },
        old: Value::Text(old),
        new: Value::Text(new),
    };
    match edit {
        Edit::Set(indicator, value) => {
            let old = o
                .indicators
                .get(indicator)
                .ok_or_else(|| missing(indicator))?;
            check(indicator, value)?;
            let entries = differences(old, value)
                .into_iter()
                .map(|(cell, a, b)| entry(indicator, &value.name, Some(cell), a, b))
                .collect();
            o.indicators[indicator] = value.clone();
            Ok(entries)
        }
        Edit::Add(indicator, value) => {
            if indicator > count {
                return Err(missing(indicator));
            }
            if count >= limits::INDICATORS {
                return Err(ChangeError::TooManyIndicators {
                    limit: limits::INDICATORS,
                });
            }
            check(indicator, value)?;
            let added = entry(
                indicator,
                &value.name,
                None,
                String::new(),
                value.name.clone(),
            );
            o.indicators.insert(indicator, value.clone());
            Ok(vec![added])
        }
        Edit::Delete(indicator) => {
            let old = o
                .indicators
                .get(indicator)
                .ok_or_else(|| missing(indicator))?;
            let deleted = entry(indicator, &old.name, None, old.name.clone(), String::new());
            o.indicators.remove(indicator);
            Ok(vec![deleted])
        }
    }
}

/// The rules an indicator keeps, whoever sends it.
pub fn check(index: usize, i: &Indicator) -> Result<(), ChangeError> {
    let bad = |reason: String| ChangeError::BadIndicator { index, reason };
    if i.name.trim().is_empty() {
        return Err(bad(
            tr("il nome è obbligatorio", "a name is required").into()
        ));
    }
    for (what, text) in [
        (tr("nome", "name"), &i.name),
        (tr("unità", "unit"), &i.unit),
        (tr("fonte", "source"), &i.source),
        (tr("formula", "formula"), &i.formula),
    ]
    .into_iter()
    .chain(i.measurements.iter().map(|m| (tr("nota", "note"), &m.note)))
    {
        if text.chars().count() > limits::TEXT {
            return Err(bad(format!(
                "{what}: {} {} {}",
                tr("supera il limite di", "exceeds the limit of"),
                limits::TEXT,
                tr("caratteri", "characters")
            )));
        }
    }
    if let Some(w) = i.weight {
        check_percent(w).map_err(|e| bad(format!("{}: {e}", tr("peso", "weight"))))?;
    }
    let numbers = i
        .targets
        .values()
        .chain(i.baseline.iter().map(|b| &b.value))
        .chain(i.measurements.iter().map(|m| &m.value));
    if numbers.clone().any(|v| !v.is_finite()) {
        return Err(bad(tr("valore non numerico", "not a number").into()));
    }
    let mut periods: Vec<NaiveDate> = i.measurements.iter().map(|m| m.period).collect();
    periods.sort();
    if periods.windows(2).any(|w| w[0] == w[1]) {
        return Err(bad(tr(
            "due rilevazioni per lo stesso periodo",
            "two measurements for the same period",
        )
        .into()));
    }
    if i.measurements.len() > 4 * limits::INDICATORS {
        return Err(bad(tr("troppe rilevazioni", "too many measurements").into()));
    }
    if i.targets.len() > limits::TARGETS {
        return Err(bad(format!(
            "{} {} {}",
            tr("supera il limite di", "exceeds the limit of"),
            limits::TARGETS,
            tr("target (uno per anno)", "targets (one a year)")
        )));
    }
    Ok(())
}

/// The years an indicator names (its targets', its baseline's) within
/// `(first, last)`, the plan's plausible years (`calendar::plausible_years`).
pub fn check_years(
    index: usize,
    i: &Indicator,
    (first, last): (i32, i32),
) -> Result<(), ChangeError> {
    let years = i.targets.keys().chain(i.baseline.iter().map(|b| &b.year));
    match years.copied().find(|y| !(first..=last).contains(y)) {
        None => Ok(()),
        Some(year) => Err(ChangeError::BadIndicator {
            index,
            reason: format!(
                "{} {year} {} {first}–{last} ({})",
                tr("l'anno", "the year"),
                tr("è fuori dagli anni ammessi", "is outside the years allowed"),
                tr("gli anni del piano ± 10", "the plan's years ± 10")
            ),
        }),
    }
}

/// `(cell, old, new)` for each cell of the indicator that differs, in table order.
fn differences(old: &Indicator, new: &Indicator) -> Vec<(IndicatorField, String, String)> {
    let years: BTreeSet<i32> = old
        .targets
        .keys()
        .chain(new.targets.keys())
        .copied()
        .collect();
    let periods: BTreeSet<NaiveDate> = old
        .measurements
        .iter()
        .chain(&new.measurements)
        .map(|m| m.period)
        .collect();
    fields_for(years, periods)
        .into_iter()
        .map(|cell| (cell, cell.recorded(old), cell.recorded(new)))
        .filter(|(_, a, b)| a != b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::describe::{cell_value as shown_value, indicator as describe_part};
    use crate::model::edit::{Change, apply_all};
    use crate::model::indicators::{Baseline, IndicatorKind, Measurement, Polarity, Rule};

    fn objective() -> Objective {
        let mut o = Objective::new("O1", "M1");
        o.indicators.push(Indicator {
            name: "Alloggi".into(),
            targets: [(2026, 20.0)].into(),
            ..Indicator::default()
        });
        o
    }

    #[test]
    fn each_changed_part_is_one_history_entry_and_the_change_undoes() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut o = objective();
        let before = o.clone();
        let mut next = o.indicators[0].clone();
        next.baseline = Some(Baseline {
            value: 12.0,
            year: 2025,
        });
        next.targets.insert(2027, 30.0);
        next.measurements.push(Measurement {
            period: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            value: 15.0,
            note: String::new(),
        });
        let change = Change::SetIndicator {
            objective: "O1".into(),
            indicator: 0,
            value: next,
        };
        let undo = change.inverse(&before).unwrap();
        let applied = apply_all(&mut o, std::slice::from_ref(&change)).unwrap();
        let fields: Vec<String> = applied.iter().map(|a| a.field.name()).collect();
        assert_eq!(
            fields,
            [
                "indicators[0].baseline",
                "indicators[0].targets.2027",
                "indicators[0].measurements.2026-06-30"
            ]
        );
        assert_eq!(
            describe_part(
                0,
                Some(IndicatorField::Measurement(
                    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
                )),
                Some("Alloggi")
            ),
            "indicatore 1 «Alloggi» rilevazione 30/06/2026"
        );
        apply_all(&mut o, &[undo]).unwrap();
        assert_eq!(o, before);
    }

    #[test]
    fn polarity_rule_and_kind_are_recorded_by_name_and_shown_in_words() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut o = objective();
        let mut next = o.indicators[0].clone();
        next.polarity = Polarity::Decreasing;
        next.rule = Rule::Threshold;
        next.kind = Some(IndicatorKind::Efficiency);
        let change = Change::SetIndicator {
            objective: "O1".into(),
            indicator: 0,
            value: next,
        };
        let applied = apply_all(&mut o, &[change]).unwrap();
        let said: Vec<(String, String, String)> = applied
            .iter()
            .map(|a| {
                let (old, new) = (a.old.to_string(), a.new.to_string());
                let Part::Indicator { cell, .. } = a.field else {
                    panic!("{:?}", a.field)
                };
                (
                    a.field.name(),
                    shown_value(cell, &old),
                    shown_value(cell, &new),
                )
            })
            .collect();
        let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            said,
            [
                s("indicators[0].polarity", "crescente", "decrescente"),
                s("indicators[0].rule", "lineare", "soglia"),
                s("indicators[0].kind", "", "efficienza"),
            ]
        );
        // What the version before recorded reads the same.
        let (kind, polarity) = (Some(IndicatorField::Kind), Some(IndicatorField::Polarity));
        assert_eq!(shown_value(polarity, "Decreasing"), "decrescente");
        assert_eq!(shown_value(kind, "Some(Output)"), "output");
        assert_eq!(shown_value(kind, "None"), "");
        assert_eq!(shown_value(Some(IndicatorField::Target(2026)), "20"), "20");
    }

    #[test]
    fn indicators_that_break_the_rules_are_refused() {
        let mut o = objective();
        for bad in [
            Indicator {
                name: " ".into(),
                ..Indicator::default()
            },
            Indicator {
                name: "x".into(),
                weight: Some(140.0),
                ..Indicator::default()
            },
            Indicator {
                name: "x".into(),
                targets: [(2026, f64::NAN)].into(),
                ..Indicator::default()
            },
            Indicator {
                name: "x".repeat(limits::TEXT + 1),
                ..Indicator::default()
            },
        ] {
            let change = Change::AddIndicator {
                objective: "O1".into(),
                indicator: 1,
                value: bad,
            };
            assert!(matches!(
                apply_all(&mut o, &[change]),
                Err(ChangeError::BadIndicator { .. })
            ));
        }
        assert_eq!(o, objective());
    }
}
