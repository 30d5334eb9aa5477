//! How progress rolls up (GUIDE §1), and the weight-sum warning.

pub use super::coverage::{Coverage, Rows};
use super::types::Phase;
use crate::tr_format;

/// Tolerance for "Σ weights = 100".
pub const WEIGHT_SUM_TOLERANCE: f64 = 0.01;

/// How an objective's progress was obtained: shown next to the value so a
/// reader can redo the sum.
#[derive(Debug, Clone, PartialEq)]
pub enum RollUpMethod {
    /// The validator forced the value (GUIDE §1): what was computed, and why.
    Forced {
        computed: Option<f64>,
        reason: String,
    },
    /// Σ(weight·progress) / Σ(weight) over the phases that have both.
    Weighted {
        weighted_sum: f64,
        weight_sum: f64,
        phases: usize,
    },
    /// No phase has a weight: the plain mean of the phases' progress.
    Mean { sum: f64, phases: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct RollUp {
    pub value: f64,
    pub method: RollUpMethod,
    /// What the value is made of, and what it left out (GUIDE §1).
    pub coverage: Coverage,
}

/// A mean of objectives' values (a mission's, a mandate's) and how many had one.
#[derive(Debug, Clone, PartialEq)]
pub struct Mean {
    pub value: f64,
    pub coverage: Coverage,
}

impl Mean {
    /// `34,4% (2 di 8 obiettivi)`.
    pub fn said(&self) -> String {
        format!(
            "{}%{}",
            super::values::format_number(self.value),
            self.coverage.after()
        )
    }
}

/// The mean of the values that exist, with how many did of all; `None` when none does.
pub fn mean_covered(values: impl IntoIterator<Item = Option<f64>>) -> Option<Mean> {
    let (mut sum, mut used, mut of) = (0.0, 0, 0);
    for v in values {
        of += 1;
        if let Some(v) = v {
            sum += v;
            used += 1;
        }
    }
    (used > 0).then(|| Mean {
        value: sum / used as f64,
        coverage: Coverage {
            rows: Rows::Objectives,
            used,
            of,
            excluded: Vec::new(),
            not_assessable: 0,
        },
    })
}

/// The objective's progress, or `None` ("n/d") when no phase has a progress.
///
/// Phases that have a progress but no weight, while others are weighted, do not
/// count: the weighted formula only sees phases with both.
pub fn objective_progress(phases: &[Phase]) -> Option<RollUp> {
    // An iterator, not a collected Vec: the tree computes this for every
    // objective of the plan, and an allocation each time showed in profiles.
    let with_progress = || phases.iter().filter(|p| p.progress.is_some());
    let count = with_progress().count();
    if count == 0 {
        return None;
    }
    let any_weight = phases.iter().any(|p| p.weight.is_some());
    if any_weight {
        let (mut weighted_sum, mut weight_sum, mut weighted) = (0.0, 0.0, 0);
        for p in with_progress() {
            if let (Some(w), Some(pr)) = (p.weight, p.progress) {
                weighted_sum += w * pr;
                weight_sum += w;
                weighted += 1;
            }
        }
        if weight_sum > 0.0 {
            return Some(RollUp {
                value: weighted_sum / weight_sum,
                method: RollUpMethod::Weighted {
                    weighted_sum,
                    weight_sum,
                    phases: weighted,
                },
                coverage: Coverage {
                    rows: Rows::Phases,
                    used: weighted,
                    of: phases.len(),
                    // Measured, yet out of the weighted mean: named in the formula.
                    excluded: phases
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.progress.is_some() && p.weight.is_none())
                        .map(|(i, _)| i)
                        .collect(),
                    not_assessable: 0,
                },
            });
        }
        // Weights exist but none on a phase with progress (or all zero):
        // the weighted formula has nothing to divide by; fall back to the mean
        // so a half-filled plan still shows where it stands.
    }
    let sum: f64 = with_progress().filter_map(|p| p.progress).sum();
    Some(RollUp {
        value: sum / count as f64,
        method: RollUpMethod::Mean { sum, phases: count },
        coverage: Coverage {
            rows: Rows::Phases,
            used: count,
            of: phases.len(),
            excluded: Vec::new(),
            not_assessable: 0,
        },
    })
}

/// Mean of the values that exist; `None` when none does (mission and mandate roll-up).
pub fn mean_of(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Σ of the weights that are set; `None` when no phase has a weight.
pub fn weight_sum(phases: &[Phase]) -> Option<f64> {
    let mut weights = phases.iter().filter_map(|p| p.weight).peekable();
    weights.peek()?;
    Some(weights.sum())
}

/// True when some weights are set and they do not add up to 100.
/// A warning, not a refusal: real plans are saved half-weighted.
pub fn weight_sum_is_off(phases: &[Phase]) -> bool {
    weight_sum(phases).is_some_and(|s| (s - 100.0).abs() > WEIGHT_SUM_TOLERANCE)
}

impl RollUp {
    /// How the value was computed, with the numbers and what it left out, e.g.
    /// `Σ(peso·avanzamento)/Σ peso = 250/25 = 10% (1 di 4 fasi misurate)` or
    /// `media di 2 fasi (nessun peso) = 70/2 = 35%`.
    pub fn formula(&self) -> String {
        format!("{}{}", self.bare_formula(), self.coverage.after())
    }

    /// `10% (1 di 4 fasi misurate)`: the value with what it left out;
    /// `80% (forzato)` when the validator forced it.
    pub fn said(&self) -> String {
        let after = match self.is_forced() {
            true => format!(" ({})", super::assessment::Mark::Forced.word()),
            false => self.coverage.after(),
        };
        format!("{}%{after}", super::values::format_number(self.value))
    }

    /// Whether the validator forced the value.
    pub fn is_forced(&self) -> bool {
        matches!(self.method, RollUpMethod::Forced { .. })
    }

    /// The formula alone, for a face that says the coverage by the value (`said`).
    pub fn bare_formula(&self) -> String {
        use super::values::format_number as n;
        use crate::i18n::tr;
        match &self.method {
            RollUpMethod::Forced { computed, reason } => super::assessment::forced_formula(
                self.value,
                *computed,
                reason,
                tr("avanzamento calcolato", "computed progress"),
            ),
            RollUpMethod::Weighted {
                weighted_sum,
                weight_sum,
                ..
            } => tr_format!(
                "Σ(peso·avanzamento)/Σ peso = {}/{} = {}%",
                "Σ(weight·progress)/Σ weight = {}/{} = {}%",
                n(*weighted_sum),
                n(*weight_sum),
                n(self.value)
            ),
            RollUpMethod::Mean { sum, phases } => tr_format!(
                "media di {} (nessun peso) = {}/{phases} = {}%",
                "mean of {} (no weights) = {}/{phases} = {}%",
                crate::i18n::count(*phases, ("fase", "fasi"), ("phase", "phases")),
                n(*sum),
                n(self.value)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(weight: Option<f64>, progress: Option<f64>) -> Phase {
        Phase {
            weight,
            progress,
            ..Phase::default()
        }
    }

    #[test]
    fn weighted_roll_up_uses_phases_with_both_values() {
        let phases = [
            phase(Some(40.0), Some(100.0)),
            phase(Some(60.0), Some(50.0)),
            phase(Some(10.0), None),
            phase(None, Some(0.0)),
        ];
        let r = objective_progress(&phases).unwrap();
        assert!((r.value - 70.0).abs() < 1e-9);
        assert_eq!(
            r.method,
            RollUpMethod::Weighted {
                weighted_sum: 7000.0,
                weight_sum: 100.0,
                phases: 2
            }
        );
    }

    #[test]
    fn the_formula_shows_the_numbers() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let r = objective_progress(&[
            phase(Some(40.0), Some(100.0)),
            phase(Some(60.0), Some(50.0)),
        ])
        .unwrap();
        assert_eq!(r.formula(), "Σ(peso·avanzamento)/Σ peso = 7000/100 = 70%");
        let r = objective_progress(&[phase(None, Some(20.0)), phase(None, Some(45.0))]).unwrap();
        assert_eq!(r.formula(), "media di 2 fasi (nessun peso) = 65/2 = 32,5%");
    }

    #[test]
    fn the_formula_says_what_the_roll_up_left_out() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        // The first value of a plan of 4 phases: 1 of 4 measured.
        let r = objective_progress(&[
            phase(Some(25.0), Some(10.0)),
            phase(Some(25.0), None),
            phase(Some(25.0), None),
            phase(Some(25.0), None),
        ])
        .unwrap();
        assert_eq!(
            r.formula(),
            "Σ(peso·avanzamento)/Σ peso = 250/25 = 10% (1 di 4 fasi misurate)"
        );
        // A measured phase without a weight among weighted ones is named.
        let r =
            objective_progress(&[phase(Some(50.0), Some(100.0)), phase(None, Some(37.5))]).unwrap();
        assert_eq!(
            r.formula(),
            "Σ(peso·avanzamento)/Σ peso = 5000/50 = 100% (1 di 2 fasi misurate; fase 2 senza peso: esclusa)"
        );
        let r = objective_progress(&[phase(None, Some(20.0)), phase(None, None)]).unwrap();
        assert_eq!(
            r.formula(),
            "media di 1 fase (nessun peso) = 20/1 = 20% (1 di 2 fasi misurate)"
        );
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert_eq!(r.coverage.note().unwrap(), "1 of 2 phases measured");
        crate::i18n::set_lang(crate::i18n::Lang::It);
    }

    #[test]
    fn a_mean_of_objectives_says_how_many_had_a_value() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let m = mean_covered([Some(30.0), None, Some(38.8), None]).unwrap();
        assert_eq!(m.said(), "34,4% (2 di 4 obiettivi)");
        assert_eq!(mean_covered([Some(10.0)]).unwrap().said(), "10%");
        assert_eq!(mean_covered([None]), None);
    }

    #[test]
    fn no_weights_means_plain_mean() {
        let phases = [
            phase(None, Some(20.0)),
            phase(None, Some(50.0)),
            phase(None, None),
        ];
        let r = objective_progress(&phases).unwrap();
        assert!((r.value - 35.0).abs() < 1e-9);
        assert_eq!(
            r.method,
            RollUpMethod::Mean {
                sum: 70.0,
                phases: 2
            }
        );
    }

    #[test]
    fn no_progress_is_no_value_not_zero() {
        assert_eq!(
            objective_progress(&[phase(Some(50.0), None), phase(None, None)]),
            None
        );
        assert_eq!(objective_progress(&[]), None);
    }

    #[test]
    fn weights_only_on_phases_without_progress_fall_back_to_mean() {
        let r = objective_progress(&[phase(Some(100.0), None), phase(None, Some(30.0))]).unwrap();
        assert!((r.value - 30.0).abs() < 1e-9);
    }

    #[test]
    fn weight_sum_warning_has_a_tolerance() {
        assert!(!weight_sum_is_off(&[
            phase(Some(40.0), None),
            phase(Some(60.0), None)
        ]));
        assert!(!weight_sum_is_off(&[
            phase(Some(33.33), None),
            phase(Some(66.675), None)
        ]));
        assert!(weight_sum_is_off(&[
            phase(Some(40.0), None),
            phase(Some(50.0), None)
        ]));
        assert!(weight_sum_is_off(&[
            phase(Some(40.0), None),
            phase(Some(60.5), None)
        ]));
        // No weights at all: nothing to warn about yet.
        assert!(!weight_sum_is_off(&[phase(None, Some(10.0))]));
        assert_eq!(weight_sum(&[phase(None, None)]), None);
        assert_eq!(
            weight_sum(&[phase(Some(40.0), None), phase(None, None)]),
            Some(40.0)
        );
    }

    #[test]
    fn mission_mean_skips_objectives_without_value() {
        assert_eq!(mean_of([Some(20.0), None, Some(40.0)]), Some(30.0));
        assert_eq!(mean_of([None, None]), None);
        assert_eq!(mean_of(Vec::<Option<f64>>::new()), None);
    }
}
