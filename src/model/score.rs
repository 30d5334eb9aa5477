//! The number that heads an objective (its gauge in the tree, its line in the
//! details): the phases' progress, the indicators' achievement, or a weighted
//! mix of the two, as the plan's `score` setting says (GUIDE §1). Always with
//! the formula that gives it; n/d when what it is made of has no value.

use chrono::{Datelike, NaiveDate};

use super::assessment::{Mark, Verdict};
use super::calendar::plan_years;
use super::summary::Summary;
use super::types::{Objective, Plan, Score};
use super::values::format_number;
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// An objective's headline value (0–100) and how it was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub value: f64,
    /// How, with what it left out (GUIDE §1).
    pub formula: String,
    /// What the value left out, said next to it wherever it is shown
    /// (`1 di 4 fasi misurate`); `None` when nothing was.
    pub note: Option<String>,
}

impl Headline {
    /// `10% (1 di 4 fasi misurate)`: the value with what it left out.
    pub fn said(&self) -> String {
        match &self.note {
            Some(note) => format!("{}% ({note})", format_number(self.value)),
            None => format!("{}%", format_number(self.value)),
        }
    }
}

/// The year whose indicators are read on `today`: today's, kept within the
/// plan's years (a plan looked at before it starts shows its first year,
/// after it ends its last one).
pub fn year_shown(plan: &Plan, today: NaiveDate) -> i32 {
    let year = today.year();
    match plan_years(plan).as_slice() {
        [first, .., last] => year.clamp(*first, *last),
        [only] => *only,
        [] => year,
    }
}

/// What the plan's `score` setting makes of `o` in `year`; the validator's
/// forced value whatever the setting, none when non valutabile (GUIDE §1).
pub fn headline(o: &Objective, score: Score, year: i32) -> Option<Headline> {
    match o.assessment().verdict() {
        Some(Verdict::NotAssessable(_)) => return None,
        Some(Verdict::Forced(_)) => {
            return o.progress().map(|r| Headline {
                value: r.value,
                formula: r.formula(),
                note: Some(Mark::Forced.word().to_string()),
            });
        }
        None => {}
    }
    let phases = || {
        o.progress().map(|r| Headline {
            value: r.value,
            formula: tr_format!("avanzamento fasi: {}", "phase progress: {}", r.formula()),
            note: r.coverage.note(),
        })
    };
    let indicators = || {
        o.achievement(year).map(|a| Headline {
            value: a.value,
            formula: tr_format!(
                "raggiungimento indicatori {year}: {}",
                "indicator achievement {year}: {}",
                a.formula
            ),
            note: a.coverage.note(),
        })
    };
    headline_of(score, phases, indicators)
}

/// The headline's value from an objective's summary (the tree of a session
/// that holds most objectives only as summaries): the same rule, no formula.
pub fn headline_value(s: &Summary, score: Score, year: i32) -> Option<f64> {
    match s.mark {
        Some(Mark::NotAssessable) => return None,
        Some(Mark::Forced) => return s.forced,
        None => {}
    }
    let bare = |value: f64| Headline {
        value,
        formula: String::new(),
        note: None,
    };
    headline_of(
        score,
        || s.progress.map(bare),
        || s.achievement_in(year).map(bare),
    )
    .map(|h| h.value)
}

/// The setting applied to the phases' and the indicators' headlines.
fn headline_of(
    score: Score,
    phases: impl Fn() -> Option<Headline>,
    indicators: impl Fn() -> Option<Headline>,
) -> Option<Headline> {
    match score {
        Score::Phases => phases(),
        Score::Indicators => indicators(),
        Score::Mix {
            phases: wp,
            indicators: wi,
        } => {
            let (phases, indicators) = (phases(), indicators());
            // What each part left out, and a part that has no value at all.
            let mut notes: Vec<String> = Vec::new();
            for (part, name) in [
                (&phases, tr("fasi", "phases")),
                (&indicators, tr("indicatori", "indicators")),
            ] {
                match part {
                    Some(h) => notes.extend(h.note.iter().map(|n| format!("{name}: {n}"))),
                    None => notes.push(format!("{name} n/d")),
                }
            }
            let parts: Vec<(f64, f64)> = [
                phases.map(|h| (wp, h.value)),
                indicators.map(|h| (wi, h.value)),
            ]
            .into_iter()
            .flatten()
            .filter(|(w, _)| *w > 0.0)
            .collect();
            let sum_w: f64 = parts.iter().map(|(w, _)| w).sum();
            if parts.is_empty() || sum_w <= 0.0 {
                return None;
            }
            let value = parts.iter().map(|(w, v)| w * v).sum::<f64>() / sum_w;
            let n = format_number;
            let terms: Vec<String> = parts
                .iter()
                .map(|(w, v)| format!("{}·{}", n(*w), n(*v)))
                .collect();
            let note = (!notes.is_empty()).then(|| notes.join("; "));
            Some(Headline {
                value,
                formula: tr_format!(
                    "punteggio (fasi {} · indicatori {}): ({})/{} = {}%{}",
                    "score (phases {} · indicators {}): ({})/{} = {}%{}",
                    n(wp),
                    n(wi),
                    terms.join(" + "),
                    n(sum_w),
                    n(value),
                    note.as_ref()
                        .map_or_else(String::new, |n| format!(" ({n})"))
                ),
                note,
            })
        }
    }
}

/// How the setting reads, for a label: `fasi`, `indicatori`, `fasi 40 · indicatori 60`.
pub fn describe(score: Score) -> String {
    match score {
        Score::Phases => tr_string("fasi", "phases"),
        Score::Indicators => tr_string("indicatori", "indicators"),
        Score::Mix { phases, indicators } => tr_format!(
            "fasi {} · indicatori {}",
            "phases {} · indicators {}",
            format_number(phases),
            format_number(indicators)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;
    use crate::model::indicators::{Indicator, Measurement};

    fn objective(progress: Option<f64>, measured: Option<f64>) -> Objective {
        let mut o = Objective::new("O1", "M1");
        o.phases.push(Phase {
            name: "a".into(),
            progress,
            ..Phase::default()
        });
        o.indicators.push(Indicator {
            name: "i".into(),
            targets: [(2026, 20.0)].into(),
            measurements: measured
                .map(|value| Measurement {
                    period: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
                    value,
                    note: String::new(),
                })
                .into_iter()
                .collect(),
            ..Indicator::default()
        });
        o
    }

    #[test]
    fn each_score_setting_heads_the_objective_with_its_own_number() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let o = objective(Some(70.0), Some(10.0));
        assert_eq!(headline(&o, Score::Phases, 2026).unwrap().value, 70.0);
        assert_eq!(headline(&o, Score::Indicators, 2026).unwrap().value, 50.0);
        let mix = Score::Mix {
            phases: 40.0,
            indicators: 60.0,
        };
        let h = headline(&o, mix, 2026).unwrap();
        assert!((h.value - 58.0).abs() < 1e-9, "{h:?}");
        assert_eq!(
            h.formula,
            "punteggio (fasi 40 · indicatori 60): (40·70 + 60·50)/100 = 58%"
        );
        // Another year: no measurement, so the indicators say nothing.
        assert_eq!(headline(&o, Score::Indicators, 2027), None);
    }

    #[test]
    fn a_mix_is_the_weighted_mean_of_the_parts_that_exist_and_none_is_never_0() {
        let mix = Score::Mix {
            phases: 40.0,
            indicators: 60.0,
        };
        let only_phases = objective(Some(70.0), None);
        assert_eq!(headline(&only_phases, mix, 2026).unwrap().value, 70.0);
        let only_indicators = objective(None, Some(10.0));
        assert_eq!(headline(&only_indicators, mix, 2026).unwrap().value, 50.0);
        assert_eq!(headline(&objective(None, None), mix, 2026), None);
    }

    #[test]
    fn the_year_shown_stays_within_the_plan() {
        let plan = Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        };
        let on = |y| year_shown(&plan, NaiveDate::from_ymd_opt(y, 3, 1).unwrap());
        assert_eq!((on(2025), on(2027), on(2031)), (2026, 2027, 2028));
    }
}
