//! The one table of indicator fields, as the indicator table edits them: for
//! each its label, how its value is shown in a cell, the text its editor opens
//! with, and how typed text becomes the value (refused with why otherwise).
//! Targets and measurements are one field per plan year and per monitoring period.

use chrono::NaiveDate;

use super::calendar::{periods, plan_years};
use super::indicators::{Baseline, Indicator, IndicatorKind, Measurement, Polarity, Rule};
use super::types::Plan;
use super::values::{format_date, format_number, parse_percent};
use crate::i18n::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorField {
    Name,
    Weight,
    Baseline,
    /// The target of a plan year.
    Target(i32),
    /// The value measured at the end of a monitoring period (and its note).
    Measurement(NaiveDate),
    Unit,
    Polarity,
    Rule,
    Kind,
    Source,
    Formula,
}

/// The fields of an indicator of `plan`, in table order: name and weight,
/// the baseline and a target per plan year, a measurement per monitoring
/// period, then the descriptive ones.
pub fn fields_of(plan: &Plan) -> Vec<IndicatorField> {
    fields_for(plan_years(plan), periods(plan))
}

/// The fields in table order, with a target for each of `years` and a
/// measurement for each of `periods`.
pub fn fields_for(
    years: impl IntoIterator<Item = i32>,
    periods: impl IntoIterator<Item = chrono::NaiveDate>,
) -> Vec<IndicatorField> {
    use IndicatorField as F;
    let mut out = vec![F::Name, F::Weight, F::Baseline];
    out.extend(years.into_iter().map(F::Target));
    out.extend(periods.into_iter().map(F::Measurement));
    out.extend([
        F::Unit,
        F::Polarity,
        F::Rule,
        F::Kind,
        F::Source,
        F::Formula,
    ]);
    out
}

const KINDS: [(IndicatorKind, &str, &str); 5] = [
    (IndicatorKind::Effectiveness, "efficacia", "effectiveness"),
    (IndicatorKind::Efficiency, "efficienza", "efficiency"),
    (IndicatorKind::Quality, "qualità", "quality"),
    (IndicatorKind::Output, "output", "output"),
    (IndicatorKind::Outcome, "outcome", "outcome"),
];

pub fn polarity_word(p: Polarity) -> &'static str {
    match p {
        Polarity::Increasing => tr("crescente", "increasing"),
        Polarity::Decreasing => tr("decrescente", "decreasing"),
    }
}

pub fn rule_word(r: Rule) -> &'static str {
    match r {
        Rule::Linear => tr("lineare", "linear"),
        Rule::Threshold => tr("soglia", "threshold"),
    }
}

pub fn kind_word(k: Option<IndicatorKind>) -> &'static str {
    KINDS
        .iter()
        .find(|(kind, ..)| Some(*kind) == k)
        .map_or("", |(_, it, en)| tr(it, en))
}

/// A word of `choices` (Italian or English) or its first letters.
fn choose<T: Copy>(text: &str, choices: &[(T, &str, &str)]) -> Option<T> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    choices
        .iter()
        .find(|(_, it, en)| *it == t || *en == t)
        .or_else(|| {
            let mut starting = choices
                .iter()
                .filter(|(_, it, en)| it.starts_with(&t) || en.starts_with(&t));
            match (starting.next(), starting.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
        .map(|(value, ..)| *value)
}

/// A number as people type it: `15`, `15,5`, `-3.2`; nothing else (no `inf`, no `1e3`).
pub fn parse_value(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let well_formed = body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && body.chars().filter(|c| *c == ',' || *c == '.').count() <= 1;
    well_formed
        .then(|| t.replace(',', ".").parse::<f64>().ok())
        .flatten()
        .filter(|v| v.is_finite())
        .map(|v| v + 0.0)
}

impl IndicatorField {
    /// In messages and the status line: `Target 2026`, `Rilevazione 30/06/2026`.
    pub fn label(self) -> String {
        use IndicatorField as F;
        match self {
            F::Name => tr("Nome dell'indicatore", "Indicator name").into(),
            F::Weight => tr("Peso", "Weight").into(),
            F::Baseline => tr("Valore di partenza", "Baseline").into(),
            F::Target(year) => format!("Target {year}"),
            F::Measurement(period) => {
                format!(
                    "{} {}",
                    tr("Rilevazione", "Measurement"),
                    format_date(period)
                )
            }
            F::Unit => tr("Unità di misura", "Unit").into(),
            F::Polarity => tr("Polarità", "Polarity").into(),
            F::Rule => tr("Regola", "Rule").into(),
            F::Kind => tr("Tipo", "Kind").into(),
            F::Source => tr("Fonte", "Source").into(),
            F::Formula => "Formula".into(),
        }
    }

    /// A table header: `Tgt 2026`, `Ril. 30/06/26`.
    pub fn header(self) -> String {
        use IndicatorField as F;
        match self {
            F::Name => tr("Indicatore", "Indicator").into(),
            F::Baseline => tr("Base", "Baseline").into(),
            F::Target(year) => format!("Tgt {year}"),
            F::Measurement(period) => {
                format!("{} {}", tr("Ril.", "Meas."), period.format("%d/%m/%y"))
            }
            F::Unit => tr("Unità", "Unit").into(),
            F::Polarity => tr("Polarità", "Polarity").into(),
            other => other.label(),
        }
    }

    /// Numbers: a digit typed on the cell starts editing it, a letter is refused.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            IndicatorField::Weight
                | IndicatorField::Baseline
                | IndicatorField::Target(_)
                | IndicatorField::Measurement(_)
        )
    }

    /// Whether `c` can be the first character of a valid value (GUIDE §4,
    /// type-to-edit): a weight is a percentage; baselines, targets and
    /// measurements may be negative; the other fields are text or a choice.
    pub fn can_begin(self, c: char) -> bool {
        match self {
            IndicatorField::Weight => super::fields::Kind::Percent.can_begin(c),
            f if f.is_number() => c.is_ascii_digit() || matches!(c, ',' | '.' | '-'),
            _ => false,
        }
    }

    /// A measurement (or its note): what a manager may change (GUIDE §7).
    pub fn is_measurement(self) -> bool {
        matches!(self, IndicatorField::Measurement(_))
    }

    /// The cell's text (a measurement's note is not in it: the list under the table shows it).
    pub fn shown(self, i: &Indicator) -> String {
        use IndicatorField as F;
        let number = |v: Option<f64>| v.map(format_number).unwrap_or_default();
        match self {
            F::Name => i.name.clone(),
            F::Weight => number(i.weight),
            F::Baseline => i
                .baseline
                .map(|b| format!("{} ({})", format_number(b.value), b.year))
                .unwrap_or_default(),
            F::Target(year) => number(i.targets.get(&year).copied()),
            F::Measurement(period) => number(
                i.measurements
                    .iter()
                    .find(|m| m.period == period)
                    .map(|m| m.value),
            ),
            F::Unit => i.unit.clone(),
            F::Polarity => polarity_word(i.polarity).into(),
            F::Rule => rule_word(i.rule).into(),
            F::Kind => kind_word(i.kind).into(),
            F::Source => i.source.replace('\n', " "),
            F::Formula => i.formula.replace('\n', " "),
        }
    }

    /// What the cell's editor opens with: the value as typed back (`15; nota`).
    pub fn edit_text(self, i: &Indicator) -> String {
        match self {
            IndicatorField::Measurement(period) => i
                .measurements
                .iter()
                .find(|m| m.period == period)
                .map(|m| {
                    if m.note.is_empty() {
                        format_number(m.value)
                    } else {
                        format!("{}; {}", format_number(m.value), m.note)
                    }
                })
                .unwrap_or_default(),
            IndicatorField::Source => i.source.clone(),
            IndicatorField::Formula => i.formula.clone(),
            other => other.shown(i),
        }
    }

    /// Writes `text` into `i`, or says why it cannot (`i` then is as it was).
    /// Empty text clears an optional value (a target, a measurement, the weight).
    pub fn set(self, i: &mut Indicator, text: &str) -> Result<(), String> {
        use IndicatorField as F;
        let t = text.trim();
        let label = self.label();
        let not_a_number = |what: &str| {
            format!(
                "{label}: «{what}» {}",
                tr("non è un numero", "is not a number")
            )
        };
        let number = |what: &str| parse_value(what).ok_or_else(|| not_a_number(what));
        match self {
            F::Name if t.is_empty() => {
                return Err(format!(
                    "{label}: {}",
                    tr("il nome è obbligatorio", "a name is required")
                ));
            }
            F::Name => i.name = t.to_string(),
            F::Weight => i.weight = parse_percent(t).map_err(|e| format!("{label}: {e}"))?,
            F::Baseline if t.is_empty() => i.baseline = None,
            F::Baseline => {
                // `12 (2025)` as shown, `12@2025` as `set` takes it, or `12 2025`.
                let cleaned = t.replace(['(', ')'], " ").replace('@', " ");
                let parts: Vec<&str> = cleaned.split_whitespace().collect();
                let [value, year] = parts.as_slice() else {
                    return Err(format!(
                        "{label}: «{t}»: {} 12 (2025)",
                        tr("scrivi valore e anno, es.", "write value and year, e.g.")
                    ));
                };
                let year = year
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2200).contains(y))
                    .ok_or_else(|| {
                        format!("{label}: «{year}» {}", tr("non è un anno", "is not a year"))
                    })?;
                i.baseline = Some(Baseline {
                    value: number(value)?,
                    year,
                });
            }
            F::Target(year) if t.is_empty() => {
                i.targets.remove(&year);
            }
            F::Target(year) => {
                i.targets.insert(year, number(t)?);
            }
            F::Measurement(period) => {
                let (value, note) = match t.split_once(';') {
                    Some((v, n)) => (v.trim(), n.trim()),
                    None => (t, ""),
                };
                i.measurements.retain(|m| m.period != period);
                if !value.is_empty() {
                    i.measurements.push(Measurement {
                        period,
                        value: number(value)?,
                        note: note.to_string(),
                    });
                    i.measurements.sort_by_key(|m| m.period);
                } else if !note.is_empty() {
                    return Err(format!(
                        "{label}: {}",
                        tr(
                            "una nota va con un valore (es. 15; nota)",
                            "a note goes with a value (e.g. 15; note)"
                        )
                    ));
                }
            }
            F::Unit => i.unit = t.to_string(),
            F::Source => i.source = t.to_string(),
            F::Formula => i.formula = t.to_string(),
            F::Polarity => {
                i.polarity = choose(
                    t,
                    &[
                        (Polarity::Increasing, "crescente", "increasing"),
                        (Polarity::Decreasing, "decrescente", "decreasing"),
                    ],
                )
                .ok_or_else(|| format!("{label}: «{t}»: crescente|decrescente"))?
            }
            F::Rule => {
                i.rule = choose(
                    t,
                    &[
                        (Rule::Linear, "lineare", "linear"),
                        (Rule::Threshold, "soglia", "threshold"),
                    ],
                )
                .ok_or_else(|| format!("{label}: «{t}»: lineare|soglia"))?
            }
            F::Kind if t.is_empty() => i.kind = None,
            F::Kind => {
                i.kind = Some(choose(t, &KINDS).ok_or_else(|| {
                    format!("{label}: «{t}»: efficacia|efficienza|qualità|output|outcome")
                })?)
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        }
    }

    #[test]
    fn a_plan_of_three_years_has_three_targets_and_six_measurements() {
        let fields = fields_of(&plan());
        let targets = fields
            .iter()
            .filter(|f| matches!(f, IndicatorField::Target(_)));
        assert_eq!(targets.count(), 3);
        assert_eq!(fields.iter().filter(|f| f.is_measurement()).count(), 6);
    }

    #[test]
    fn what_a_cell_shows_is_what_its_editor_reads_back() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut i = Indicator {
            name: "Alloggi".into(),
            ..Indicator::default()
        };
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        for (field, typed, shown) in [
            (IndicatorField::Baseline, "12@2025", "12 (2025)"),
            (IndicatorField::Target(2026), "20,5", "20,5"),
            (
                IndicatorField::Measurement(june),
                "15; primo semestre",
                "15",
            ),
            (IndicatorField::Polarity, "dec", "decrescente"),
            (IndicatorField::Rule, "soglia", "soglia"),
            (IndicatorField::Kind, "qual", "qualità"),
            (IndicatorField::Weight, "40%", "40"),
        ] {
            field.set(&mut i, typed).unwrap();
            assert_eq!(field.shown(&i), shown, "{typed}");
            let again = field.edit_text(&i);
            let mut copy = i.clone();
            field.set(&mut copy, &again).unwrap();
            assert_eq!(copy, i, "{again}");
        }
        assert_eq!(i.measurements[0].note, "primo semestre");
        IndicatorField::Measurement(june).set(&mut i, "").unwrap();
        assert!(i.measurements.is_empty());
        for bad in ["x", "1e3", "inf", "1,2,3"] {
            assert!(
                IndicatorField::Target(2026).set(&mut i, bad).is_err(),
                "{bad}"
            );
        }
        assert!(IndicatorField::Weight.set(&mut i, "120").is_err());
        assert!(IndicatorField::Polarity.set(&mut i, "x").is_err());
        assert!(IndicatorField::Name.set(&mut i, " ").is_err());
        assert_eq!(i.targets[&2026], 20.5);
    }
}
