//! The summary by mission that opens the report of the whole plan: per
//! mission its objectives, their phase roll-up, their indicators'
//! achievement in the report's year and how many indicators fall in each
//! band; then the plan's totals. Every mean says what it is a mean of.

use chrono::{Datelike, NaiveDate};

use super::block::Block;
use super::document::objectives_of;
use crate::i18n::{tr, tr_string};
use crate::model::indicators::{Band, Words};
use crate::model::rollup::mean_covered;
use crate::model::values::format_number;
use crate::model::{Dataset, Objective};
use crate::tr_format;

pub fn blocks(dataset: &Dataset, today: NaiveDate, out: &mut Vec<Block>) {
    let year = today.year();
    out.push(Block::heading("Sintesi per missione", "Summary by mission"));
    let bands = dataset.plan.settings.bands;
    let mut header: Vec<String> = vec![
        tr_string("Obiettivo di missione", "Mission objective"),
        tr_string("Obiettivi", "Objectives"),
        tr_string("Avanzamento fasi", "Phase progress"),
        tr_format!(
            "Raggiungimento indicatori {year}",
            "Indicator achievement {year}"
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
    let missions = dataset.missions.iter().map(|m| {
        let title = format!("{} {}", m.code, m.title).trim().to_string();
        row(title, &objectives_of(dataset, &m.code), year, &bands)
    });
    let mut rows: Vec<Vec<String>> = missions.collect();
    let all: Vec<&Objective> = dataset.objectives.iter().collect();
    rows.push(row(
        tr_string("Totale piano", "Whole plan"),
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
    // A forced objective counts at its forced value, a non valutabile one is
    // left out; each is named beside the mean (GUIDE §1).
    let progress = mean(objectives.iter().map(|o| {
        let r = o.progress();
        let value = r.as_ref().map(|r| r.value);
        (o, value, o.note_beside(r.and_then(|r| r.coverage.note())))
    }));
    let achievement = mean(objectives.iter().map(|o| {
        let a = o.achievement(year);
        let value = a.as_ref().map(|a| a.value);
        (o, value, o.note_beside(a.and_then(|a| a.coverage.note())))
    }));
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

/// `45% (media di 3 obiettivi)`, `34,4% (media di 2 di 8 obiettivi; 05_1201_0601: 1 di 4
/// fasi misurate)`, or n/d when no objective has a value: what the mean left
/// out, and what each objective's own value left out (GUIDE §1).
fn mean<'a>(
    values: impl Iterator<Item = (&'a &'a Objective, Option<f64>, Option<String>)>,
) -> String {
    let values: Vec<_> = values.collect();
    let Some(m) = mean_covered(values.iter().map(|(_, v, _)| *v)) else {
        return "n/d".into();
    };
    let c = &m.coverage;
    let of = if c.used < c.of {
        tr_format!("{} di ", "{} of ", c.used)
    } else {
        String::new()
    };
    let mut said = tr_format!(
        "{}% (media di {of}{}",
        "{}% (mean of {of}{}",
        format_number(m.value),
        crate::i18n::objectives(c.of)
    );
    for (o, _, note) in &values {
        if let Some(note) = note {
            said.push_str(&format!("; {}: {note}", o.code));
        }
    }
    said.push(')');
    said
}
