//! Indicators (GUIDE §1): a measurable quantity with a baseline, a target per
//! plan year and measurements per monitoring period, and the achievement they
//! give, always with the formula that gives it. No value is ever read as 0:
//! without a measurement or a target in the year there is no achievement (n/d).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::coverage::{Coverage, Rows};
use super::values::format_number;
use crate::i18n::{tr, tr_string};
use crate::tr_format;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Effectiveness,
    Efficiency,
    Quality,
    Output,
    Outcome,
}

/// More is better (`increasing`) or less is better (`decreasing`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    #[default]
    Increasing,
    Decreasing,
}

/// Proportional to the way from the baseline to the target, or reached / not reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    #[default]
    Linear,
    Threshold,
}

/// The words of a choice, Italian and English, each declared once: what the
/// history, reports and sheets show, and what `set` and imports read back.
pub trait Words: Copy + PartialEq + 'static {
    /// `(value, Italian, English)`; the English word is also the schema name.
    const WORDS: &'static [(Self, &'static str, &'static str)];

    /// The word in the user's language.
    fn label(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|w| w.0 == self)
            .map_or("", |w| tr(w.1, w.2))
    }

    /// The Italian word, for the sheets, whose words are part of their format.
    fn italian(self) -> &'static str {
        Self::WORDS.iter().find(|w| w.0 == self).map_or("", |w| w.1)
    }

    /// The schema name (`increasing`), the same in every language.
    fn name(self) -> &'static str {
        Self::WORDS.iter().find(|w| w.0 == self).map_or("", |w| w.2)
    }

    /// The value of a word in either language, whatever its case.
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase();
        Self::WORDS
            .iter()
            .find(|w| w.1 == text || w.2 == text)
            .map(|w| w.0)
    }

    /// The value a user typed: a word in either language or its first
    /// letters when only one word starts with them (`dec`: decrescente).
    fn typed(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase();
        if text.is_empty() {
            return None;
        }
        Self::parse(&text).or_else(|| {
            let mut starting = Self::WORDS
                .iter()
                .filter(|w| w.1.starts_with(&text) || w.2.starts_with(&text));
            match (starting.next(), starting.next()) {
                (Some(one), None) => Some(one.0),
                _ => None,
            }
        })
    }

    /// `crescente|decrescente`: the words to write, for messages.
    fn choices() -> String {
        Self::WORDS
            .iter()
            .map(|w| tr(w.1, w.2))
            .collect::<Vec<_>>()
            .join("|")
    }
}

impl Words for IndicatorKind {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (IndicatorKind::Effectiveness, "efficacia", "effectiveness"),
        (IndicatorKind::Efficiency, "efficienza", "efficiency"),
        (IndicatorKind::Quality, "qualità", "quality"),
        (IndicatorKind::Output, "output", "output"),
        (IndicatorKind::Outcome, "outcome", "outcome"),
    ];
}

impl Words for Polarity {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Polarity::Increasing, "crescente", "increasing"),
        (Polarity::Decreasing, "decrescente", "decreasing"),
    ];
}

impl Words for Rule {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Rule::Linear, "lineare", "linear"),
        (Rule::Threshold, "soglia", "threshold"),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: f64,
    pub year: i32,
}

/// A value measured at the end of a monitoring period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub period: NaiveDate,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    #[serde(default)]
    pub kind: Option<IndicatorKind>,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub polarity: Polarity,
    #[serde(default)]
    pub rule: Rule,
    #[serde(default)]
    pub baseline: Option<Baseline>,
    /// Expected value per plan year (`{"2026": 20}` in JSON).
    #[serde(default, with = "year_keys")]
    pub targets: BTreeMap<i32, f64>,
    /// Among the objective's indicators; `None`: unweighted.
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub formula: String,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

/// Years as the keys of a JSON object. Read through text keys, since inside
/// a tagged request (`{"op": "apply", …}`) serde no longer turns "2026" into a number.
mod year_keys {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(map: &BTreeMap<i32, f64>, s: S) -> Result<S::Ok, S::Error> {
        let text: BTreeMap<String, f64> = map.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        text.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i32, f64>, D::Error> {
        BTreeMap::<String, f64>::deserialize(d)?
            .into_iter()
            .map(|(k, v)| {
                k.trim()
                    .parse::<i32>()
                    .map(|year| (year, v))
                    .map_err(|_| serde::de::Error::custom(format!("«{k}»: not a year")))
            })
            .collect()
    }
}

/// An achievement and how it was computed, to be shown together.
#[derive(Debug, Clone, PartialEq)]
pub struct Achievement {
    /// 0–100.
    pub value: f64,
    /// How, with what it left out (an objective's: `coverage.after()`).
    pub formula: String,
    /// For an objective's: of its indicators, which counted (GUIDE §1).
    pub coverage: Coverage,
}

impl Indicator {
    /// The latest measurement whose period falls in `year`.
    pub fn last_measurement_in(&self, year: i32) -> Option<&Measurement> {
        self.measurements
            .iter()
            .filter(|m| m.period.year() == year)
            .max_by_key(|m| m.period)
    }

    /// The achievement in `year` (GUIDE §1), or `None` (n/d) without a
    /// measurement in the year or a target for it.
    pub fn achievement(&self, year: i32) -> Option<Achievement> {
        let v = self.last_measurement_in(year)?.value;
        let t = *self.targets.get(&year)?;
        let n = format_number;
        // The figures as the formula shows them.
        let (sv, st) = (n(v), n(t));
        let (raw, formula) = match (self.rule, self.polarity) {
            (Rule::Threshold, polarity) => {
                let (reached, sign) = match polarity {
                    Polarity::Increasing => (v >= t, "≥"),
                    Polarity::Decreasing => (v <= t, "≤"),
                };
                let formula = match reached {
                    true => tr_format!(
                        "{sv} {sign} {st} (soglia raggiunta)",
                        "{sv} {sign} {st} (threshold reached)"
                    ),
                    false => tr_format!(
                        "{sv} {sign} {st} (soglia non raggiunta)",
                        "{sv} {sign} {st} (threshold not reached)"
                    ),
                };
                (if reached { 100.0 } else { 0.0 }, formula)
            }
            (Rule::Linear, Polarity::Increasing) => match self.baseline {
                Some(b) if b.value < t => (
                    (v - b.value) / (t - b.value) * 100.0,
                    format!("({sv} − {sb})/({st} − {sb})·100", sb = n(b.value)),
                ),
                _ if t == 0.0 => (100.0, format!("{sv} / 0")),
                _ => (v / t * 100.0, format!("{sv}/{st}·100")),
            },
            (Rule::Linear, Polarity::Decreasing) => match self.baseline {
                Some(b) if b.value > t => (
                    (b.value - v) / (b.value - t) * 100.0,
                    format!("({sb} − {sv})/({sb} − {st})·100", sb = n(b.value)),
                ),
                _ if v == 0.0 => (100.0, tr_string("valore = 0", "value = 0")),
                _ => (t / v * 100.0, format!("{st}/{sv}·100")),
            },
        };
        let value = if raw.is_finite() {
            raw.clamp(0.0, 100.0)
        } else {
            0.0
        };
        Some(Achievement {
            value,
            formula: format!("{formula} = {}%", n(value)),
            coverage: Coverage::default(),
        })
    }
}

/// The objective's indicator achievement in `year`: Σ(weight·achievement)/Σ weight
/// over the weighted indicators that have one, the plain mean when none is
/// weighted; `None` when no indicator has an achievement.
pub fn objective_achievement(indicators: &[Indicator], year: i32) -> Option<Achievement> {
    let achieved: Vec<(&Indicator, Achievement)> = indicators
        .iter()
        .filter_map(|i| i.achievement(year).map(|a| (i, a)))
        .collect();
    if achieved.is_empty() {
        return None;
    }
    let weighted: Vec<(f64, f64)> = achieved
        .iter()
        .filter_map(|(i, a)| i.weight.filter(|w| *w > 0.0).map(|w| (w, a.value)))
        .collect();
    let any_weight = indicators.iter().any(|i| i.weight.is_some());
    let n = format_number;
    let coverage = |used: usize, excluded: Vec<usize>| Coverage {
        rows: Rows::Indicators,
        used,
        of: indicators.len(),
        excluded,
        not_assessable: 0,
    };
    if any_weight && !weighted.is_empty() {
        let sum_w: f64 = weighted.iter().map(|(w, _)| w).sum();
        let sum: f64 = weighted.iter().map(|(w, a)| w * a).sum();
        let value = sum / sum_w;
        // Achieved, yet out of the weighted mean: named in the formula.
        let excluded: Vec<usize> = indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.weight.is_none_or(|w| w <= 0.0) && i.achievement(year).is_some())
            .map(|(k, _)| k)
            .collect();
        let coverage = coverage(weighted.len(), excluded);
        return Some(Achievement {
            value,
            formula: tr_format!(
                "Σ(peso·raggiungimento)/Σ pesi = {}/{} = {}%{}",
                "Σ(weight·achievement)/Σ weights = {}/{} = {}%{}",
                n(sum),
                n(sum_w),
                n(value),
                coverage.after()
            ),
            coverage,
        });
    }
    let sum: f64 = achieved.iter().map(|(_, a)| a.value).sum();
    let value = sum / achieved.len() as f64;
    let coverage = coverage(achieved.len(), Vec::new());
    Some(Achievement {
        value,
        formula: tr_format!(
            "media di {} = {}%{}",
            "mean of {} = {}%{}",
            crate::i18n::count(
                achieved.len(),
                ("indicatore", "indicatori"),
                ("indicator", "indicators")
            ),
            n(value),
            coverage.after()
        ),
        coverage,
    })
}

/// Σ of the indicators' weights that are set; `None` when none is weighted.
pub fn weight_sum(indicators: &[Indicator]) -> Option<f64> {
    let mut weights = indicators.iter().filter_map(|i| i.weight).peekable();
    weights.peek()?;
    Some(weights.sum())
}

/// How an achievement reads (GUIDE §1 bands, default 60 and 90).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Reached,
    Partly,
    NotReached,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// From here up: partly reached.
    pub partly: f64,
    /// From here up: reached.
    pub reached: f64,
}

impl Default for Bands {
    fn default() -> Bands {
        Bands {
            partly: 60.0,
            reached: 90.0,
        }
    }
}

impl Bands {
    pub fn band(&self, value: f64) -> Band {
        if value >= self.reached {
            Band::Reached
        } else if value >= self.partly {
            Band::Partly
        } else {
            Band::NotReached
        }
    }
}

impl Band {
    /// The band in the reader's language (callers need not import `Words`).
    pub fn label(self) -> &'static str {
        Words::label(self)
    }
}

impl Words for Band {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Band::Reached, "raggiunto", "reached"),
        (Band::Partly, "parzialmente raggiunto", "partly reached"),
        (Band::NotReached, "non raggiunto", "not reached"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn indicator(
        polarity: Polarity,
        rule: Rule,
        baseline: Option<f64>,
        target: f64,
        v: f64,
    ) -> Indicator {
        Indicator {
            name: "x".into(),
            polarity,
            rule,
            baseline: baseline.map(|value| Baseline { value, year: 2025 }),
            targets: BTreeMap::from([(2026, target)]),
            measurements: vec![Measurement {
                period: date(2026, 6, 30),
                value: v,
                note: String::new(),
            }],
            ..Indicator::default()
        }
    }

    fn value(i: &Indicator) -> Option<f64> {
        i.achievement(2026).map(|a| a.value)
    }

    #[test]
    fn linear_increasing_from_the_baseline_and_without_one() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let with = indicator(Polarity::Increasing, Rule::Linear, Some(12.0), 20.0, 15.0);
        let a = with.achievement(2026).unwrap();
        assert_eq!(a.value, 37.5);
        assert_eq!(a.formula, "(15 − 12)/(20 − 12)·100 = 37,5%");
        let without = indicator(Polarity::Increasing, Rule::Linear, None, 20.0, 15.0);
        assert_eq!(value(&without), Some(75.0));
        // A baseline not below the target is no baseline for the formula.
        let high = indicator(Polarity::Increasing, Rule::Linear, Some(25.0), 20.0, 15.0);
        assert_eq!(value(&high), Some(75.0));
    }

    #[test]
    fn linear_decreasing_from_the_baseline_and_without_one() {
        let with = indicator(Polarity::Decreasing, Rule::Linear, Some(30.0), 10.0, 20.0);
        assert_eq!(value(&with), Some(50.0));
        let without = indicator(Polarity::Decreasing, Rule::Linear, None, 10.0, 20.0);
        assert_eq!(value(&without), Some(50.0));
        let zero = indicator(Polarity::Decreasing, Rule::Linear, None, 10.0, 0.0);
        assert_eq!(value(&zero), Some(100.0));
    }

    /// Each case: polarity, rule, baseline, target, measurement → achievement.
    type Case = (Polarity, Rule, Option<f64>, f64, f64, f64);

    fn assert_cases(cases: &[Case]) {
        for &(polarity, rule, baseline, target, v, expected) in cases {
            let i = indicator(polarity, rule, baseline, target, v);
            assert_eq!(value(&i), Some(expected), "{polarity:?} {rule:?} {v}");
        }
    }

    #[test]
    fn thresholds_are_reached_or_not() {
        use {Polarity::*, Rule::Threshold};
        assert_cases(&[
            (Increasing, Threshold, None, 20.0, 20.0, 100.0),
            (Increasing, Threshold, None, 20.0, 19.9, 0.0),
            (Decreasing, Threshold, None, 5.0, 4.0, 100.0),
            (Decreasing, Threshold, None, 5.0, 6.0, 0.0),
        ]);
    }

    #[test]
    fn achievements_are_clamped_to_0_and_100() {
        use {Polarity::*, Rule::Linear};
        assert_cases(&[
            (Increasing, Linear, Some(12.0), 20.0, 40.0, 100.0),
            (Increasing, Linear, Some(12.0), 20.0, 5.0, 0.0),
            (Decreasing, Linear, Some(30.0), 10.0, 50.0, 0.0),
        ]);
    }

    #[test]
    fn without_a_measurement_or_a_target_in_the_year_there_is_none_never_0() {
        let i = indicator(Polarity::Increasing, Rule::Linear, Some(12.0), 20.0, 15.0);
        assert_eq!(
            i.achievement(2027),
            None,
            "no measurement, no target in 2027"
        );
        let mut only_measured = i.clone();
        only_measured.targets.clear();
        assert_eq!(only_measured.achievement(2026), None);
        let mut only_target = i;
        only_target.measurements.clear();
        assert_eq!(only_target.achievement(2026), None);
    }

    #[test]
    fn the_latest_measurement_of_the_year_counts() {
        let mut i = indicator(Polarity::Increasing, Rule::Linear, None, 20.0, 10.0);
        i.measurements.push(Measurement {
            period: date(2026, 12, 31),
            value: 20.0,
            note: String::new(),
        });
        i.measurements.push(Measurement {
            period: date(2027, 6, 30),
            value: 1.0,
            note: String::new(),
        });
        assert_eq!(value(&i), Some(100.0));
    }

    #[test]
    fn an_objective_weights_its_indicators_or_takes_their_mean() {
        let a = indicator(Polarity::Increasing, Rule::Linear, None, 20.0, 10.0); // 50
        let b = indicator(Polarity::Increasing, Rule::Linear, None, 20.0, 20.0); // 100
        let none = indicator(Polarity::Increasing, Rule::Linear, None, 20.0, 20.0);
        let mut no_target = none.clone();
        no_target.targets.clear();
        let unweighted = [a.clone(), b.clone(), no_target.clone()];
        assert_eq!(
            objective_achievement(&unweighted, 2026).unwrap().value,
            75.0
        );
        let weighted = [
            Indicator {
                weight: Some(75.0),
                ..a
            },
            Indicator {
                weight: Some(25.0),
                ..b
            },
            Indicator {
                weight: Some(50.0),
                ..no_target
            },
        ];
        let w = objective_achievement(&weighted, 2026).unwrap();
        assert_eq!(w.value, 62.5);
        assert!(w.formula.contains("6250/100"), "{}", w.formula);
        assert_eq!(objective_achievement(&[], 2026), None);
    }

    #[test]
    fn an_unweighted_indicator_among_weighted_ones_is_named_as_left_out() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        // 37,5 % unweighted, 100 % weighted 50: 100 %, but not of the whole objective.
        let unweighted = indicator(Polarity::Increasing, Rule::Linear, None, 40.0, 15.0);
        let weighted = Indicator {
            weight: Some(50.0),
            ..indicator(Polarity::Increasing, Rule::Linear, None, 20.0, 20.0)
        };
        let a = objective_achievement(&[unweighted, weighted], 2026).unwrap();
        assert_eq!(a.value, 100.0);
        assert_eq!(
            a.formula,
            "Σ(peso·raggiungimento)/Σ pesi = 5000/50 = 100% (1 di 2 indicatori; indicatore 1 senza peso: escluso)"
        );
        let one = indicator(Polarity::Increasing, Rule::Linear, None, 40.0, 15.0);
        assert_eq!(
            objective_achievement(&[one], 2026).unwrap().formula,
            "media di 1 indicatore = 37,5%"
        );
    }

    #[test]
    fn each_word_reads_back_in_either_language_and_names_the_schema_value() {
        fn round_trip<T: Words + Serialize + std::fmt::Debug>() {
            for (value, it, en) in T::WORDS {
                assert_eq!(T::parse(it), Some(*value));
                assert_eq!(T::parse(&en.to_uppercase()), Some(*value));
                let json = serde_json::to_string(value).unwrap();
                assert_eq!(json, format!("\"{}\"", value.name()));
            }
            assert_eq!(T::parse("boh"), None);
        }
        round_trip::<IndicatorKind>();
        round_trip::<Polarity>();
        round_trip::<Rule>();
        crate::i18n::set_lang(crate::i18n::Lang::It);
        assert_eq!(Polarity::Decreasing.label(), "decrescente");
        assert_eq!(Rule::choices(), "lineare|soglia");
        assert_eq!(IndicatorKind::Quality.label(), "qualità");
    }

    #[test]
    fn bands_name_the_achievement() {
        let bands = Bands::default();
        assert_eq!(bands.band(90.0), Band::Reached);
        assert_eq!(bands.band(89.9), Band::Partly);
        assert_eq!(bands.band(60.0), Band::Partly);
        assert_eq!(bands.band(59.9), Band::NotReached);
    }
}
