//! Objective and phase rows read as `check` reads them (issue 29: `check`
//! ≤ 300 ms at 10 000 × 10). The same bytes as `ObjectiveRow` and `Phase`
//! rows, read field by field in the same order (each record below is a
//! remote derive of the model's type: a field added there and not here does
//! not compile), but a text no warning reads is stepped over where it lies,
//! neither copied nor checked, and an objective's structures and assessment
//! are not read at all. Reading the whole plan, 15 % of a `check`'s
//! instructions were copying, checking and freeing such texts.
//!
//! What comes back is an `Objective` with these fields empty: its titles,
//! manager, CdR, public value, structures, stakeholders and assessment; its
//! phases' names, managers, CdR and notes; its indicators' units, sources,
//! formulas and measurement notes. Each narrative keeps only its first
//! character that is not blank (empty when it is all blanks, as
//! `calendar::is_empty` reads it). The warnings (`model::warnings`,
//! `model::indicator_warnings`) read none of those; `tests/store/check.rs`
//! compares `check` with them on the whole plan.
//!
//! postcard writes a `String` as its length and bytes, as it writes bytes:
//! a skipped text is read as borrowed bytes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de};

use super::{ObjectiveRow, ServiceError, day};
use crate::model::assessment::Assessment;
use crate::model::indicators::{Baseline, Indicator, IndicatorKind, Measurement, Polarity, Rule};
use crate::model::{Narratives, Objective, Phase, Structure};

/// An objective row as `check` reads it (see the module's docs).
pub fn objective_row(bytes: &[u8]) -> Result<ObjectiveRow, ServiceError> {
    match super::read::<LeanRow>(bytes, "objective row") {
        Some(row) => row.map(|r| ObjectiveRow {
            pos: r.pos,
            version: r.version,
            phase_ids: r.phase_ids,
            objective: r.objective,
        }),
        // A JSON row of an older schema: read whole.
        None => <ObjectiveRow as super::Compact>::from_bytes(bytes),
    }
}

/// An objective's phases row as `check` reads it: no names, managers, CdR
/// or notes.
pub fn phase_list(bytes: &[u8]) -> Result<Vec<Phase>, ServiceError> {
    let phases = super::read::<Vec<PhaseIn>>(bytes, "phases")
        .unwrap_or_else(|| Err(ServiceError::Corrupt("phases: not a compact row".into())))?;
    Ok(phases.into_iter().map(|p| p.0).collect())
}

#[derive(Deserialize)]
struct LeanRow {
    pos: u64,
    version: u64,
    phase_ids: Vec<u64>,
    #[serde(with = "ObjectiveRecord")]
    objective: Objective,
}

/// `rows::ObjectiveRecord`, the same fields in the same order.
#[derive(Deserialize)]
#[serde(remote = "Objective")]
struct ObjectiveRecord {
    code: String,
    #[serde(deserialize_with = "skip_text")]
    mission: String,
    #[serde(deserialize_with = "skip_text")]
    operational_objective: String,
    #[serde(deserialize_with = "skip_text")]
    assessorato: String,
    #[serde(deserialize_with = "skip_text")]
    responsibility_centre: String,
    #[serde(deserialize_with = "skip_text")]
    manager: String,
    #[serde(deserialize_with = "skip_text")]
    public_value: String,
    status: Option<String>,
    #[serde(with = "NarrativesRecord")]
    narratives: Narratives,
    #[serde(deserialize_with = "skip_structures")]
    structures: Vec<Structure>,
    #[serde(deserialize_with = "skip_texts")]
    stakeholders: Vec<String>,
    // Empty in a row: the phases are rows of their own.
    #[serde(deserialize_with = "phases")]
    phases: Vec<Phase>,
    #[serde(deserialize_with = "indicators")]
    indicators: Vec<Indicator>,
    // The last field: left unread.
    #[serde(skip)]
    assessment: Option<Box<Assessment>>,
}

#[derive(Deserialize)]
#[serde(remote = "Narratives")]
struct NarrativesRecord {
    #[serde(deserialize_with = "first_character")]
    year1: String,
    #[serde(deserialize_with = "first_character")]
    year2: String,
}

/// A structure stepped over (no size: a list of them allocates nothing).
struct SkippedStructure;

impl<'de> Deserialize<'de> for SkippedStructure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        StructureRecord::deserialize(d).map(|_| SkippedStructure)
    }
}

#[derive(Deserialize)]
#[serde(remote = "Structure")]
struct StructureRecord {
    #[serde(deserialize_with = "skip_text")]
    description: String,
    #[serde(deserialize_with = "skip_text")]
    relation: String,
    share: Option<f64>,
    #[serde(deserialize_with = "skip_day")]
    start: Option<NaiveDate>,
    #[serde(deserialize_with = "skip_day")]
    end: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct PhaseIn(#[serde(with = "PhaseRecord")] Phase);

// `rows::PhaseRecord`, its texts skipped.
phase_record!([Deserialize] #[serde(deserialize_with = "skip_text")]);

#[derive(Deserialize)]
struct IndicatorIn(#[serde(with = "IndicatorRecord")] Indicator);

/// `Indicator` as its derive writes it, its free texts skipped.
#[derive(Deserialize)]
#[serde(remote = "Indicator")]
struct IndicatorRecord {
    name: String,
    kind: Option<IndicatorKind>,
    #[serde(deserialize_with = "skip_text")]
    unit: String,
    polarity: Polarity,
    rule: Rule,
    baseline: Option<Baseline>,
    #[serde(deserialize_with = "targets")]
    targets: BTreeMap<i32, f64>,
    weight: Option<f64>,
    #[serde(deserialize_with = "skip_text")]
    source: String,
    #[serde(deserialize_with = "skip_text")]
    formula: String,
    #[serde(deserialize_with = "measurements")]
    measurements: Vec<Measurement>,
}

#[derive(Deserialize)]
struct MeasurementIn(#[serde(with = "MeasurementRecord")] Measurement);

#[derive(Deserialize)]
#[serde(remote = "Measurement")]
struct MeasurementRecord {
    #[serde(deserialize_with = "day::read_one")]
    period: NaiveDate,
    value: f64,
    #[serde(deserialize_with = "skip_text")]
    note: String,
}

fn phases<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Phase>, D::Error> {
    Ok(Vec::<PhaseIn>::deserialize(d)?
        .into_iter()
        .map(|p| p.0)
        .collect())
}

fn indicators<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Indicator>, D::Error> {
    Ok(Vec::<IndicatorIn>::deserialize(d)?
        .into_iter()
        .map(|i| i.0)
        .collect())
}

fn measurements<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Measurement>, D::Error> {
    Ok(Vec::<MeasurementIn>::deserialize(d)?
        .into_iter()
        .map(|m| m.0)
        .collect())
}

fn skip_structures<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Structure>, D::Error> {
    Vec::<SkippedStructure>::deserialize(d).map(|_| Vec::new())
}

/// A list of texts stepped over (`Skipped` has no size: the list allocates nothing).
fn skip_texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Skipped>::deserialize(d).map(|_| Vec::new())
}

fn skip_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Skipped::deserialize(d).map(|_| String::new())
}

fn skip_day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<Skipped>::deserialize(d).map(|_| None)
}

/// A text's bytes, not looked at.
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_bytes(Bytes(|_: &[u8]| Ok(Skipped)))
    }
}

/// The text's first character that is not blank, or nothing: whether a
/// narrative is empty, without copying its kilobytes. Blanks are
/// `char::is_whitespace`, as `str::trim` has them.
fn first_character<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_bytes(Bytes(|mut bytes: &[u8]| {
        // A character at a time from the start: `utf8_chunks` or `from_utf8`
        // would check the whole text first (290 M instructions of a `check`).
        while let Some(first) = bytes.first() {
            let width = match first.leading_ones() {
                0 => 1,
                n @ 2..=4 => n as usize,
                _ => return Err("a narrative not in UTF-8"),
            };
            let text = bytes.get(..width).and_then(|c| std::str::from_utf8(c).ok());
            let c = text.ok_or("a narrative not in UTF-8")?;
            if !c.chars().all(char::is_whitespace) {
                return Ok(c.to_string());
            }
            bytes = &bytes[width..];
        }
        Ok(String::new())
    }))
}

/// Targets by year, the years read in place (`indicators::year_keys` reads
/// each into a `String` first): the same years, the same refusal.
fn targets<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i32, f64>, D::Error> {
    struct Targets;
    impl<'de> de::Visitor<'de> for Targets {
        type Value = BTreeMap<i32, f64>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("targets by year")
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((Year(year), value)) = map.next_entry::<Year, f64>()? {
                out.insert(year, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Targets)
}

struct Year(i32);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_bytes(Bytes(|bytes: &[u8]| {
            std::str::from_utf8(bytes)
                .ok()
                .and_then(|text| text.trim().parse().ok())
                .map(Year)
                .ok_or("a target's year that is not a year")
        }))
    }
}

/// A visitor of bytes (borrowed or not) that `read` turns into a value.
struct Bytes<F>(F);

impl<'de, T, F: FnOnce(&[u8]) -> Result<T, &'static str>> de::Visitor<'de> for Bytes<F> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<T, E> {
        (self.0)(bytes).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        self.visit_bytes(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::super::Compact;
    use super::*;
    use crate::dev::synthetic::{Spec, generate};

    /// What the lean reading keeps is what the whole reading reads; what it
    /// leaves is empty, and a narrative keeps its first character.
    #[test]
    fn a_lean_row_keeps_what_the_warnings_read() {
        let mut plan = generate(&Spec {
            objectives: 30,
            phases: 3,
            seed: 7,
        });
        plan.objectives[0].narratives.year1 = " \n\u{a0}".into();
        plan.objectives[1].narratives.year2 = "  «Già» fatto".into();
        for (pos, o) in plan.objectives.iter().enumerate() {
            let row = ObjectiveRow {
                pos: pos as u64,
                version: 3,
                phase_ids: vec![1, 2],
                objective: super::super::super::without_phases(o),
            };
            let lean = objective_row(&row.to_bytes()).unwrap();
            assert_eq!(
                (lean.pos, lean.version, &lean.phase_ids),
                (row.pos, 3, &row.phase_ids)
            );
            let (got, whole) = (&lean.objective, &row.objective);
            assert_eq!((&got.code, &got.status), (&whole.code, &whole.status));
            assert!(got.mission.is_empty() && got.structures.is_empty() && got.manager.is_empty());
            for (text, kept) in [
                (&whole.narratives.year1, &got.narratives.year1),
                (&whole.narratives.year2, &got.narratives.year2),
            ] {
                assert_eq!(kept.as_str(), text.trim().get(..kept.len()).unwrap_or("?"));
                assert_eq!(kept.is_empty(), text.trim().is_empty());
            }
            assert_eq!(got.indicators.len(), whole.indicators.len());
            for (i, w) in got.indicators.iter().zip(&whole.indicators) {
                assert_eq!(
                    (&i.name, &i.targets, i.weight),
                    (&w.name, &w.targets, w.weight)
                );
                let periods =
                    |i: &Indicator| i.measurements.iter().map(|m| m.period).collect::<Vec<_>>();
                assert_eq!(periods(i), periods(w));
            }
            let lean = phase_list(&super::super::phases_to_bytes(&o.phases)).unwrap();
            let expected: Vec<Phase> = (o.phases.iter())
                .map(|p| Phase {
                    name: String::new(),
                    manager: String::new(),
                    responsibility_centre: String::new(),
                    notes: String::new(),
                    ..p.clone()
                })
                .collect();
            assert!(!expected.is_empty());
            assert_eq!(lean, expected);
        }
    }
}
