//! What the cycle's documents (GUIDE §9) share: the snapshot they are built
//! from and the footer that names it, the year they speak of, and each
//! objective's outcome (the plan's headline, or the validator's verdict).
//! Nothing here reads a clock: the same snapshot gives the same bytes.

use chrono::{Datelike, NaiveDate};

use super::block::Block;
use super::records::{Verdict, verdict};
use crate::model::calendar::periods;
use crate::model::indicators::Band;
use crate::model::score::headline;
use crate::model::{Dataset, Objective};
use crate::tr_format;

/// A named snapshot and the hash `snapshot list` prints of it.
pub struct Source<'a> {
    pub name: &'a str,
    pub sha256: &'a str,
    pub dataset: &'a Dataset,
}

impl Source<'_> {
    /// The first block: the document's `title`, and under it the plan's
    /// state and the snapshot the data is from.
    pub fn title(&self, title: String) -> Block {
        Block::Title(
            title,
            vec![tr_format!(
                "Stato del piano: {} · dati dell'istantanea «{}»",
                "Plan state: {} · data of snapshot «{}»",
                self.dataset.plan.state().label(),
                self.name
            )],
        )
    }

    /// The last block: which snapshot, and its SHA-256 in full.
    pub fn footer(&self) -> Block {
        Block::Footer(vec![
            tr_format!(
                "Dati dell'istantanea «{}» ({})",
                "Data of snapshot «{}» ({})",
                self.name,
                crate::i18n::objectives(self.dataset.objectives.len())
            ),
            tr_format!(
                "SHA-256 {} (la stessa di «obiettivi snapshot list --full»)",
                "SHA-256 {} (the one «obiettivi snapshot list --full» prints)",
                self.sha256
            ),
        ])
    }
}

/// The monitoring periods of `year`, in order.
pub fn periods_of(dataset: &Dataset, year: i32) -> Vec<NaiveDate> {
    let mut all: Vec<NaiveDate> = periods(&dataset.plan)
        .into_iter()
        .filter(|p| p.year() == year)
        .collect();
    all.sort();
    all.dedup();
    all
}

/// What an objective came to in `year`.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The plan's headline (GUIDE §1), or the value the validator forced.
    Value { value: f64, forced: Option<String> },
    /// Declared non valutabile: out of every roll-up.
    NotAssessable(String),
    /// Nothing measured yet (n/d).
    Missing,
}

impl Outcome {
    pub fn of(dataset: &Dataset, o: &Objective, year: i32) -> Outcome {
        match verdict(o) {
            Some(Verdict::Forced { value, reason, .. }) => Outcome::Value {
                value,
                forced: Some(reason),
            },
            Some(Verdict::NotAssessable { reason, .. }) => Outcome::NotAssessable(reason),
            None => match headline(o, dataset.plan.settings.score, year) {
                Some(h) => Outcome::Value {
                    value: h.value,
                    forced: None,
                },
                None => Outcome::Missing,
            },
        }
    }

    /// The value that counts in a roll-up (none for n/d and n/v).
    pub fn value(&self) -> Option<f64> {
        match self {
            Outcome::Value { value, .. } => Some(*value),
            _ => None,
        }
    }

    pub fn band(&self, dataset: &Dataset) -> Option<Band> {
        self.value().map(|v| dataset.plan.settings.bands.band(v))
    }
}

/// How many objectives fall in each band, and how many have no value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub reached: usize,
    pub partly: usize,
    pub not_reached: usize,
    pub missing: usize,
    pub not_assessable: usize,
}

impl Counts {
    pub fn of<'a>(
        dataset: &Dataset,
        objectives: impl IntoIterator<Item = &'a Objective>,
        year: i32,
    ) -> Counts {
        let mut c = Counts::default();
        for o in objectives {
            let outcome = Outcome::of(dataset, o, year);
            match (&outcome, outcome.band(dataset)) {
                (_, Some(Band::Reached)) => c.reached += 1,
                (_, Some(Band::Partly)) => c.partly += 1,
                (_, Some(Band::NotReached)) => c.not_reached += 1,
                (Outcome::NotAssessable(_), None) => c.not_assessable += 1,
                _ => c.missing += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.reached + self.partly + self.not_reached + self.missing + self.not_assessable
    }
}

/// The objectives of a mission, in plan order.
pub fn objectives_of<'a>(dataset: &'a Dataset, mission: &str) -> Vec<&'a Objective> {
    dataset
        .objectives
        .iter()
        .filter(|o| o.mission == mission)
        .collect()
}

/// The objectives under a mandate, in plan order.
pub fn objectives_under<'a>(dataset: &'a Dataset, mandate: &str) -> Vec<&'a Objective> {
    let missions: Vec<&str> = dataset
        .missions
        .iter()
        .filter(|m| m.mandate == mandate)
        .map(|m| m.code.as_str())
        .collect();
    dataset
        .objectives
        .iter()
        .filter(|o| missions.contains(&o.mission.as_str()))
        .collect()
}

/// A text section, or a dash that says nothing was written.
pub fn text_or_dash(text: &str) -> Block {
    if text.trim().is_empty() {
        Block::Text("—".into())
    } else {
        Block::Text(text.trim_end().into())
    }
}
