//! The summary by mission that opens the report of the whole plan: per
//! mission its objectives, their phase roll-up, their indicators'
//! achievement in the report's year and how many indicators fall in each
//! band; then the plan's totals. Every mean says what it is a mean of.

use chrono::{Datelike, NaiveDate};

use super::Block;
use crate::i18n::tr;
use crate::model::indicators::{Band, Words, objective_achievement};
use crate::model::rollup::mean_of;
use crate::model::values::format_number;
use crate::model::{Dataset, Objective};

pub fn blocks(dataset: &Dataset, today: NaiveDate, out: &mut Vec<Block>) {
    let year = today.year();
    out.push(Block::Heading(
        tr("Sintesi per missione", "Summary by mission").into(),
    ));
    let bands = dataset.plan.settings.bands;
    let mut header: Vec<String> = vec![
        tr("Obiettivo di missione", "Mission objective").into(),
        tr("Obiettivi", "Objectives").into(),
        tr("Avanzamento fasi", "Phase progress").into(),
        format!(
            "{} {year}",
            tr("Raggiungimento indicatori", "Indicator achievement")
        ),
    ];
    // How many indicators in each band (and without an achievement), this year.
    let counted = tr("n. indicatori", "no. of indicators");
    header.extend(
        Band::WORDS
            .iter()
            .map(|(band, _, _)| format!("{} ({counted})", band.label())),
    );
    header.push(format!("n/d ({counted})"));
    let mut rows: Vec<Vec<String>> = dataset
        .missions
        .iter()
        .map(|m| {
            let objectives: Vec<&Objective> = dataset
                .objectives
                .iter()
                .filter(|o| o.mission == m.code)
                .collect();
            row(
                format!("{} {}", m.code, m.title).trim().to_string(),
                &objectives,
                year,
                &bands,
            )
        })
        .collect();
    let all: Vec<&Objective> = dataset.objectives.iter().collect();
    rows.push(row(
        tr("Totale piano", "Whole plan").into(),
        &all,
        year,
        &bands,
    ));
    out.push(Block::Table { header, rows });
}

fn row(
    name: String,
    objectives: &[&Objective],
    year: i32,
    bands: &crate::model::indicators::Bands,
) -> Vec<String> {
    let progress = mean(objectives.iter().map(|o| o.progress().map(|r| r.value)));
    let achievement = mean(
        objectives
            .iter()
            .map(|o| objective_achievement(&o.indicators, year).map(|a| a.value)),
    );
    let achieved: Vec<Option<Band>> = objectives
        .iter()
        .flat_map(|o| &o.indicators)
        .map(|i| i.achievement(year).map(|a| bands.band(a.value)))
        .collect();
    let mut cells = vec![name, objectives.len().to_string(), progress, achievement];
    cells.extend(
        Band::WORDS
            .iter()
            .map(|(band, _, _)| count(&achieved, Some(*band))),
    );
    cells.push(count(&achieved, None));
    cells
}

fn count(achieved: &[Option<Band>], band: Option<Band>) -> String {
    achieved.iter().filter(|b| **b == band).count().to_string()
}

/// `45% (media di 3 obiettivi)`, or n/d when no objective has a value.
fn mean(values: impl Iterator<Item = Option<f64>>) -> String {
    let values: Vec<Option<f64>> = values.collect();
    let with = values.iter().flatten().count();
    match mean_of(values) {
        Some(v) => format!(
            "{}% ({} {with} {})",
            format_number(v),
            tr("media di", "mean of"),
            if with == 1 {
                tr("obiettivo", "objective")
            } else {
                tr("obiettivi", "objectives")
            }
        ),
        None => "n/d".into(),
    }
}
