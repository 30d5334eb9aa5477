//! The records of a plan, shaped exactly like the public JSON schema `obiettivi/1`
//! (GUIDE §2): field names, order and nullability are part of the interchange format.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What `export` writes while the plan has no cycle. Import also reads
/// `obiettivi/1` (GUIDE §2: the same without plan settings and indicators).
pub const SCHEMA_TAG: &str = "obiettivi/2";
/// What `export` writes once the plan's cycle exists (GUIDE §2, §8).
pub const SCHEMA_TAG_CYCLE: &str = "obiettivi/3";
pub const SCHEMA_TAGS_READ: [&str; 3] = ["obiettivi/1", "obiettivi/2", "obiettivi/3"];

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
    /// The variations of the approved baseline (GUIDE §8), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variations: Vec<super::variation_record::Variation>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

impl Dataset {
    /// The schema tag this plan is written with: `/3` once its cycle (or a
    /// monitoring window) exists.
    pub fn schema_for(plan: &Plan) -> &'static str {
        if plan.cycle.is_some() || !plan.windows.is_empty() || !plan.texts.is_empty() {
            SCHEMA_TAG_CYCLE
        } else {
            SCHEMA_TAG
        }
    }

    pub fn empty() -> Dataset {
        Dataset {
            schema: SCHEMA_TAG.to_string(),
            plan: Plan::default(),
            mandates: Vec::new(),
            missions: Vec::new(),
            variations: Vec::new(),
            objectives: Vec::new(),
        }
    }
}

/// Test fixture: an empty plan with one mandate and one mission under it,
/// for objectives to be placed in (`Objective::new(code, mission)`).
#[cfg(test)]
impl Dataset {
    pub(crate) fn with_mission(mandate: &str, mission: &str) -> Dataset {
        let mut d = Dataset::empty();
        d.mandates.push(Mandate {
            code: mandate.into(),
            title: "Mandato".into(),
        });
        d.missions.push(Mission {
            code: mission.into(),
            mandate: mandate.into(),
            title: "Missione".into(),
            strategic_objective: "Strategia".into(),
        });
        d
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    pub title: String,
    pub level: String,
    pub printed_on: Option<NaiveDate>,
    pub manager: String,
    #[serde(skip_serializing_if = "PlanSettings::is_default")]
    pub settings: PlanSettings,
    /// The operative year (the first of the DUP's three), schema `/3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The plan's year (GUIDE §8); none: in Bozza, no transition yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<super::cycle::Cycle>,
    /// The monitoring windows opened so far (GUIDE §8), by period; a period
    /// without one is closed and was never opened.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<super::window_record::Window>,
    /// The Relazione's own texts (GUIDE §9), schema `/3`. Boxed: a plan is
    /// held in every request that carries one, and its size is what the
    /// server's decoding cost counts per object (`server::cost`).
    #[serde(skip_serializing_if = "PlanTexts::is_empty")]
    pub texts: Box<PlanTexts>,
}

impl Plan {
    /// The state of the plan's year: Bozza until the first transition.
    pub fn state(&self) -> super::cycle::PlanState {
        self.cycle.as_ref().map(|c| c.state).unwrap_or_default()
    }

    /// Whether an import takes the file's cycle and windows: only while the
    /// plan has none of its own (then only a transition moves the one, only
    /// `period` the others, GUIDE §8).
    pub fn takes_imported_cycle(&self) -> bool {
        self.cycle.is_none() && self.windows.is_empty()
    }
}

/// `plan.texts`: the free-text sections of the Relazione sulla performance
/// (GUIDE §9), edited by the controller with `set --plan-text NAME -`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanTexts {
    pub presentazione: String,
    pub contesto: String,
    pub processo: String,
}

/// Which of `plan.texts`, by its schema name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanText {
    Presentazione,
    Contesto,
    Processo,
}

impl PlanText {
    pub const ALL: [PlanText; 3] = [
        PlanText::Presentazione,
        PlanText::Contesto,
        PlanText::Processo,
    ];

    /// The schema name (`presentazione`), also what `--plan-text` takes.
    pub fn code(self) -> &'static str {
        match self {
            PlanText::Presentazione => "presentazione",
            PlanText::Contesto => "contesto",
            PlanText::Processo => "processo",
        }
    }

    pub fn from_code(code: &str) -> Option<PlanText> {
        PlanText::ALL.into_iter().find(|t| t.code() == code.trim())
    }

    /// The text named `name`, or why none is (`set --plan-text`, `:testo`).
    pub fn named(name: &str) -> Result<PlanText, String> {
        PlanText::from_code(name).ok_or_else(|| {
            format!(
                "«{name}»: {} {}",
                crate::i18n::tr("i testi sono", "the texts are"),
                PlanText::ALL.map(PlanText::code).join(", ")
            )
        })
    }

    /// The section's title in the Relazione.
    pub fn label(self) -> &'static str {
        match self {
            PlanText::Presentazione => crate::i18n::tr("Presentazione", "Presentation"),
            PlanText::Contesto => crate::i18n::tr("Il contesto", "The context"),
            PlanText::Processo => crate::i18n::tr("Il processo", "The process"),
        }
    }
}

impl PlanTexts {
    pub fn is_empty(&self) -> bool {
        PlanText::ALL.into_iter().all(|t| self.get(t).is_empty())
    }

    pub fn get(&self, which: PlanText) -> &str {
        match which {
            PlanText::Presentazione => &self.presentazione,
            PlanText::Contesto => &self.contesto,
            PlanText::Processo => &self.processo,
        }
    }

    pub fn set(&mut self, which: PlanText, text: String) {
        match which {
            PlanText::Presentazione => self.presentazione = text,
            PlanText::Contesto => self.contesto = text,
            PlanText::Processo => self.processo = text,
        }
    }
}

/// How the plan measures its objectives (GUIDE §1), all optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanSettings {
    /// Which number heads an objective.
    pub score: Score,
    pub bands: super::indicators::Bands,
    /// Monitoring periods; empty: the 30/06 and 31/12 of each plan year.
    pub periods: Vec<NaiveDate>,
}

impl PlanSettings {
    fn is_default(&self) -> bool {
        *self == PlanSettings::default()
    }
}

/// `phases` (default), `indicators`, or a weighted mix of the two
/// (`{"phases": 40, "indicators": 60}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "ScoreRepr", into = "ScoreRepr")]
pub enum Score {
    #[default]
    Phases,
    Indicators,
    Mix {
        phases: f64,
        indicators: f64,
    },
}

/// How `Score` is written in JSON: a word or an object.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(untagged)]
enum ScoreRepr {
    Named(ScoreName),
    Mix { phases: f64, indicators: f64 },
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ScoreName {
    Phases,
    Indicators,
}

impl From<ScoreRepr> for Score {
    fn from(r: ScoreRepr) -> Score {
        match r {
            ScoreRepr::Named(ScoreName::Phases) => Score::Phases,
            ScoreRepr::Named(ScoreName::Indicators) => Score::Indicators,
            ScoreRepr::Mix { phases, indicators } => Score::Mix { phases, indicators },
        }
    }
}

impl From<Score> for ScoreRepr {
    fn from(s: Score) -> ScoreRepr {
        match s {
            Score::Phases => ScoreRepr::Named(ScoreName::Phases),
            Score::Indicators => ScoreRepr::Named(ScoreName::Indicators),
            Score::Mix { phases, indicators } => ScoreRepr::Mix { phases, indicators },
        }
    }
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
    #[serde(default)]
    pub indicators: Vec<super::indicators::Indicator>,
    /// The consuntivo and the OIV's assessment (schema `/3`); none until a
    /// part is written (boxed: most objectives have none, and an objective's
    /// size is what a request line may cost, `server::cost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Box<super::assessment::Assessment>>,
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
            indicators: Vec::new(),
            assessment: None,
        }
    }
}

/// Stato di attuazione, 1° and 2° anno.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Narratives {
    pub year1: String,
    pub year2: String,
}

/// A row of "Strutture coinvolte".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Structure {
    pub description: String,
    pub relation: String,
    /// Competenza, in percent.
    pub share: Option<f64>,
    pub start: Option<NaiveDate>,
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
