//! The records of a plan, shaped exactly like the public JSON schema `obiettivi/1`
//! (GUIDE §2): field names, order and nullability are part of the interchange format.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const SCHEMA_TAG: &str = "obiettivi/1";

/// Codes are normalised to underscores: `05 1201 0601`, `**05 1201 0601**` and
/// `05_1201_0601` are the same objective (GUIDE §1).
pub fn normalise_code(text: &str) -> String {
    text.replace('*', "")
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A whole plan: what `export` writes and `import` reads.
#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_normalised_to_underscores() {
        for spelling in [
            "05 1201 0601",
            "05_1201_0601",
            "**05 1201 0601**",
            " 05  1201_0601 ",
        ] {
            assert_eq!(super::normalise_code(spelling), "05_1201_0601");
        }
        assert_eq!(
            super::normalise_code("2024 28 DUP 05 1201"),
            "2024_28_DUP_05_1201"
        );
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema: String,
    pub plan: Plan,
    #[serde(default)]
    pub mandates: Vec<Mandate>,
    #[serde(default)]
    pub missions: Vec<Mission>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

impl Dataset {
    pub fn empty() -> Dataset {
        Dataset {
            schema: SCHEMA_TAG.to_string(),
            plan: Plan::default(),
            mandates: Vec::new(),
            missions: Vec::new(),
            objectives: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub printed_on: Option<NaiveDate>,
    #[serde(default)]
    pub manager: String,
}

/// Obiettivo di mandato.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mandate {
    pub code: String,
    #[serde(default)]
    pub title: String,
}

/// Obiettivo di missione (obiettivo strategico).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mission {
    pub code: String,
    pub mandate: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub strategic_objective: String,
}

/// Obiettivo di programma (obiettivo operativo) with its phases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub code: String,
    pub mission: String,
    #[serde(default)]
    pub operational_objective: String,
    #[serde(default)]
    pub assessorato: String,
    #[serde(default)]
    pub responsibility_centre: String,
    #[serde(default)]
    pub manager: String,
    #[serde(default)]
    pub public_value: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub narratives: Narratives,
    #[serde(default)]
    pub structures: Vec<Structure>,
    #[serde(default)]
    pub stakeholders: Vec<String>,
    #[serde(default)]
    pub phases: Vec<Phase>,
}

impl Objective {
    /// A new, empty objective under `mission`.
    pub fn new(code: &str, mission: &str) -> Objective {
        Objective {
            code: code.to_string(),
            mission: mission.to_string(),
            operational_objective: String::new(),
            assessorato: String::new(),
            responsibility_centre: String::new(),
            manager: String::new(),
            public_value: String::new(),
            status: None,
            narratives: Narratives::default(),
            structures: Vec::new(),
            stakeholders: Vec::new(),
            phases: Vec::new(),
        }
    }
}

/// Stato di attuazione, 1° and 2° anno.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narratives {
    #[serde(default)]
    pub year1: String,
    #[serde(default)]
    pub year2: String,
}

/// A row of "Strutture coinvolte".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Structure {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub relation: String,
    /// Competenza, in percent.
    #[serde(default)]
    pub share: Option<f64>,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

/// Fase / attività of an objective.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub planned_start: Option<NaiveDate>,
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default)]
    pub actual_end: Option<NaiveDate>,
    /// Peso, 0–100; `None` where the plan leaves it empty (never read as 0).
    #[serde(default)]
    pub weight: Option<f64>,
    /// Avanzamento, 0–100 %; `None` where the plan leaves it empty.
    #[serde(default)]
    pub progress: Option<f64>,
    #[serde(default)]
    pub manager: String,
    #[serde(default)]
    pub responsibility_centre: String,
    #[serde(default)]
    pub notes: String,
}
