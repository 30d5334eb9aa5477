//! Whole-dataset checks run before an import writes anything (GUIDE §2):
//! unknown schema tag, missing code, dangling references, duplicate codes,
//! numbers out of range. Each problem names its JSON path.
//!
//! Bad dates and wrong types are caught earlier, while parsing, by
//! `serde_path_to_error` (see `io::json`).

use std::collections::HashSet;
use std::fmt;

use super::field::{ChangeError, Field, ObjectiveField, check_value, field_name};
use super::fields::PhaseField;
use super::limits;
use super::table::{Indicators, RowTable, check_years};
use super::types::{Dataset, SCHEMA_TAG, SCHEMA_TAGS_READ};
use super::values::check_percent;
use super::variation::Recorded;
use super::variation_record::{Variation, VariationState};
use crate::i18n::{tr, tr_string};
use crate::tr_format;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Invalid {
    /// JSON path, e.g. `objectives[3].phases[0].weight`.
    pub path: String,
    pub reason: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for Invalid {}

fn invalid(path: String, reason: String) -> Invalid {
    Invalid { path, reason }
}

/// The first problem found, in document order, or `Ok` when the dataset can be imported.
pub fn validate(d: &Dataset) -> Result<(), Invalid> {
    let mut known = validate_head(d)?;
    for o in &d.objectives {
        known.objective(o)?;
    }
    // `d` may be a part of a file (the plan and a chunk of its objectives):
    // the codes its variations name are checked when the import commits.
    known.variations(&d.variations, false)
}

/// What the objectives are checked against, as they come one by one (an
/// import written in chunks): the missions of the file, the codes seen so
/// far, and where in the file the next one is.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The years an indicator may name (`calendar::plausible_years`); unchecked when none.
    years: Option<(i32, i32)>,
    missions: HashSet<String>,
    objectives: HashSet<String>,
    next: usize,
}

/// Checks the schema tag, the mandates and the missions of `d` (not its
/// objectives); what the objectives are then checked against.
pub fn validate_head(d: &Dataset) -> Result<Known, Invalid> {
    if !SCHEMA_TAGS_READ.contains(&d.schema.as_str()) {
        return Err(invalid(
            "schema".into(),
            tr_format!(
                "schema sconosciuto «{}» (atteso «{SCHEMA_TAG}»)",
                "unknown schema «{}» (expected «{SCHEMA_TAG}»)",
                d.schema
            ),
        ));
    }
    let mut mandates = HashSet::new();
    for (i, m) in d.mandates.iter().enumerate() {
        check_code(&m.code, &format!("mandates[{i}]"), &mut mandates)?;
    }
    let mut missions = HashSet::new();
    for (i, m) in d.missions.iter().enumerate() {
        let path = format!("missions[{i}]");
        check_code(&m.code, &path, &mut missions)?;
        if !mandates.contains(m.mandate.as_str()) {
            return Err(dangling(
                format!("{path}.mandate"),
                &m.mandate,
                tr("obiettivo di mandato", "mandate"),
            ));
        }
    }
    Ok(Known {
        years: Some(super::calendar::plausible_years(&d.plan)),
        missions: missions.into_iter().map(str::to_string).collect(),
        objectives: HashSet::new(),
        next: 0,
    })
}

impl Known {
    /// Checks the next objective of the file.
    pub fn objective(&mut self, o: &super::types::Objective) -> Result<(), Invalid> {
        let path = format!("objectives[{}]", self.next);
        self.next += 1;
        check_code(&o.code, &path, &mut HashSet::new())?;
        if !self.objectives.insert(o.code.clone()) {
            return Err(duplicate(&path, &o.code));
        }
        if !self.missions.contains(o.mission.as_str()) {
            return Err(dangling(
                format!("{path}.mission"),
                &o.mission,
                tr("obiettivo di missione", "mission"),
            ));
        }
        for (j, s) in o.structures.iter().enumerate() {
            if let Some(share) = s.share {
                check_percent(share)
                    .map_err(|e| invalid(format!("{path}.structures[{j}].share"), e.to_string()))?;
            }
        }
        // The rules a change must keep (model::edit), so that what imports can be edited
        // and what is edited can be imported again.
        for field in ObjectiveField::ALL {
            let f = Field::Objective(field);
            check_value(f, &field.get_value(o))
                .map_err(|e| invalid(format!("{path}.{}", field_name(f)), reason(e)))?;
        }
        for (list, len, limit, error) in [
            (
                "phases",
                o.phases.len(),
                limits::PHASES,
                ChangeError::TooManyPhases {
                    limit: limits::PHASES,
                },
            ),
            (
                "indicators",
                o.indicators.len(),
                limits::INDICATORS,
                ChangeError::TooManyIndicators {
                    limit: limits::INDICATORS,
                },
            ),
        ] {
            if len > limit {
                return Err(invalid(format!("{path}.{list}"), error.to_string()));
            }
        }
        for (j, i) in o.indicators.iter().enumerate() {
            let years = self.years;
            Indicators::check(j, i)
                .and_then(|()| years.map_or(Ok(()), |y| check_years(j, i, y)))
                .map_err(|e| invalid(format!("{path}.indicators[{j}]"), indicator_reason(e)))?;
        }
        for (j, p) in o.phases.iter().enumerate() {
            for field in PhaseField::ALL {
                check_value(Field::Phase(field), &field.get_value(p)).map_err(|e| {
                    invalid(
                        format!("{path}.phases[{j}].{}", field.column().name),
                        reason(e),
                    )
                })?;
            }
        }
        Ok(())
    }
}

/// The path already names the indicator: the reason alone.
fn indicator_reason(e: ChangeError) -> String {
    match e {
        ChangeError::BadIndicator { reason, .. } => reason,
        other => other.to_string(),
    }
}

/// The path already names the field: the reason alone.
fn reason(e: ChangeError) -> String {
    match e {
        ChangeError::BadValue { error, .. } => error.to_string(),
        other => other.to_string(),
    }
}

fn check_code<'a>(code: &'a str, path: &str, seen: &mut HashSet<&'a str>) -> Result<(), Invalid> {
    if code.trim().is_empty() {
        return Err(invalid(
            format!("{path}.code"),
            tr_string("codice mancante", "missing code"),
        ));
    }
    if code.trim() != code || code.chars().any(char::is_control) {
        return Err(invalid(
            format!("{path}.code"),
            tr_format!(
                "«{code}»: spazi o caratteri di controllo nel codice",
                "«{code}»: spaces or control characters in the code"
            ),
        ));
    }
    if !seen.insert(code) {
        return Err(duplicate(path, code));
    }
    Ok(())
}

impl Known {
    /// The file's variations (schema `/3`), once its objectives are read:
    /// ids unique, each change's field one this version reads, an approved
    /// one with its act; with `whole_plan` (the file is the whole plan: a
    /// restore), each change's objective in the file.
    pub fn variations(&self, list: &[Variation], whole_plan: bool) -> Result<(), Invalid> {
        let mut ids = HashSet::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("variations[{i}]");
            if v.id == 0 || !ids.insert(v.id) {
                return Err(invalid(
                    format!("{path}.id"),
                    tr_format!(
                        "numero di variazione non valido o ripetuto: {}",
                        "variation number invalid or repeated: {}",
                        v.id
                    ),
                ));
            }
            if v.state == VariationState::Approved && v.act.trim().is_empty() {
                return Err(invalid(
                    format!("{path}.act"),
                    tr_string(
                        "una variazione approvata ha il suo atto",
                        "an approved variation has its act",
                    ),
                ));
            }
            for (j, c) in v.changes.iter().enumerate() {
                let path = format!("{path}.changes[{j}]");
                if whole_plan && !self.objectives.contains(&c.code) {
                    return Err(dangling(
                        format!("{path}.code"),
                        &c.code,
                        tr("obiettivo", "objective"),
                    ));
                }
                if Recorded::of(c).is_none() {
                    return Err(invalid(
                        format!("{path}.field"),
                        tr_format!(
                            "campo che una variazione non registra «{}»",
                            "a field a variation does not record «{}»",
                            c.field
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn duplicate(path: &str, code: &str) -> Invalid {
    invalid(
        format!("{path}.code"),
        tr_format!("codice duplicato «{code}»", "duplicate code «{code}»"),
    )
}

fn dangling(path: String, code: &str, what: &str) -> Invalid {
    invalid(
        path,
        tr_format!(
            "{what} «{code}» non esiste in questo file",
            "{what} «{code}» does not exist in this file"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::*;

    fn dataset() -> Dataset {
        let mut d = Dataset::with_mission("M", "S");
        let mut o = Objective::new("O", "S");
        o.phases.push(Phase {
            name: "F".into(),
            ..Phase::default()
        });
        d.objectives.push(o);
        d
    }

    fn path_of(d: &Dataset) -> String {
        validate(d).unwrap_err().path
    }

    #[test]
    fn a_consistent_dataset_passes() {
        assert_eq!(validate(&dataset()), Ok(()));
    }

    #[test]
    fn each_refusal_names_its_path() {
        let mut d = dataset();
        d.schema = "obiettivi/4".into();
        assert_eq!(path_of(&d), "schema");

        let mut d = dataset();
        d.objectives[0].code = "".into();
        assert_eq!(path_of(&d), "objectives[0].code");

        let mut d = dataset();
        d.missions[0].mandate = "X".into();
        assert_eq!(path_of(&d), "missions[0].mandate");

        let mut d = dataset();
        d.objectives[0].mission = "X".into();
        assert_eq!(path_of(&d), "objectives[0].mission");

        let mut d = dataset();
        d.objectives.push(d.objectives[0].clone());
        assert_eq!(path_of(&d), "objectives[1].code");

        let mut d = dataset();
        d.objectives[0].phases[0].weight = Some(101.0);
        assert_eq!(path_of(&d), "objectives[0].phases[0].weight");

        let mut d = dataset();
        d.objectives[0].phases[0].progress = Some(-1.0);
        assert_eq!(path_of(&d), "objectives[0].phases[0].progress");

        let mut d = dataset();
        d.objectives[0].phases[0].name = " ".into();
        assert_eq!(path_of(&d), "objectives[0].phases[0].name");
    }
}
