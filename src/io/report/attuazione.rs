//! The Stato di attuazione dei programmi at a monitoring period (GUIDE §9),
//! for the Consiglio's July session: by mandate and mission, each
//! objective's progress, its indicators' value at the period against the
//! year's target, its late phases, the narrative of the year; then the
//! variations approved so far. The footer names the snapshot.

use chrono::{Datelike, NaiveDate};

use super::block::Block;
use super::document::{Outcome, Source, objectives_of, text_or_dash};
use super::objective_table::{Column, Row, Table, shown, value_at};
use crate::i18n::{tr, tr_string};
use crate::io::sheet::Cell;
use crate::model::calendar::current_narrative;
use crate::model::indicators::Indicator;
use crate::model::rollup::mean_covered;
use crate::model::values::format_date;
use crate::model::variation_record::VariationState;
use crate::model::{Dataset, Objective, ObjectiveField, Phase};
use crate::tr_format;

pub fn blocks(source: &Source, period: NaiveDate) -> Vec<Block> {
    let d = source.dataset;
    let year = period.year();
    let mut out = vec![source.title(tr_format!(
        "Stato di attuazione dei programmi al {} — {}",
        "Programme status at {} — {}",
        format_date(period),
        d.plan.title
    ))];
    for mandate in &d.mandates {
        out.push(Block::Chapter {
            title: tr_format!(
                "Obiettivo di mandato {} {}",
                "Mandate objective {} {}",
                mandate.code,
                mandate.title
            ),
            landscape: false,
        });
        for mission in d.missions.iter().filter(|m| m.mandate == mandate.code) {
            let objectives = objectives_of(d, &mission.code);
            out.push(Block::Heading(tr_format!(
                "Obiettivo di missione {} {}",
                "Mission objective {} {}",
                mission.code,
                mission.title
            )));
            let mean = mean_covered(objectives.iter().map(|o| Outcome::of(d, o, year).value()));
            out.push(Block::Fields(vec![(
                tr_string("Avanzamento medio", "Mean progress"),
                mean.map_or_else(|| tr_string("n/d", "n/a"), |m| m.said()),
            )]));
            for o in objectives {
                objective(d, o, period, &mut out);
            }
        }
    }
    variations(d, &mut out);
    out.push(source.footer());
    out
}

fn objective(d: &Dataset, o: &Objective, period: NaiveDate, out: &mut Vec<Block>) {
    let year = period.year();
    out.push(Block::Heading(tr_format!(
        "Obiettivo {}",
        "Objective {}",
        o.code
    )));
    let headline = crate::model::score::headline(o, d.plan.settings.score, year);
    out.push(Block::Fields(vec![
        (
            tr_string("Obiettivo operativo", "Operational objective"),
            o.operational_objective.clone(),
        ),
        (tr_string("Responsabile", "Manager"), o.manager.clone()),
        (
            tr_string("Centro di Responsabilità", "Responsibility centre"),
            o.responsibility_centre.clone(),
        ),
        (
            tr_string("Avanzamento", "Progress"),
            match headline {
                Some(h) => format!("{} — {}", h.said(), h.formula),
                None => tr_string("n/d", "n/a"),
            },
        ),
    ]));
    if !o.indicators.is_empty() {
        // The band goes beside the achievement: the printed table has no column of its own for it.
        let header = INDICATOR_COLUMNS[..INDICATOR_COLUMNS.len() - 1].iter();
        out.push(Block::Table {
            header: header.map(|c| c.header(period)).collect(),
            rows: o
                .indicators
                .iter()
                .map(|i| printed(indicator_cells(d, i, period)))
                .collect(),
        });
    }
    let late: Vec<String> = late_phases(o, period)
        .map(|(k, p)| {
            tr_format!(
                "fase {} «{}» in ritardo: fine prevista {}",
                "phase {} «{}» late: planned end {}",
                k + 1,
                p.name,
                p.planned_end.map(format_date).unwrap_or_default()
            )
        })
        .collect();
    if !late.is_empty() {
        out.push(Block::Warnings(late));
    }
    let (label, text) = narrative(d, o, period);
    out.push(Block::Fields(vec![(label.into(), String::new())]));
    out.push(text_or_dash(text));
}

/// The narrative of the period's year, with its label.
fn narrative<'a>(d: &Dataset, o: &'a Objective, period: NaiveDate) -> (&'static str, &'a str) {
    match current_narrative(&d.plan, period) {
        Some(ObjectiveField::Year2) => (
            tr("Stato di attuazione 2° anno", "Status, year 2"),
            &o.narratives.year2,
        ),
        _ => (
            tr("Stato di attuazione 1° anno", "Status, year 1"),
            &o.narratives.year1,
        ),
    }
}

/// The phases late at `period`, with their index.
fn late_phases(o: &Objective, period: NaiveDate) -> impl Iterator<Item = (usize, &Phase)> {
    o.phases
        .iter()
        .enumerate()
        .filter(move |(_, p)| p.is_late(period))
}

/// The columns of an indicator at the period, in the document and in the workbook.
#[derive(Clone, Copy)]
enum IndicatorColumn {
    Name,
    Unit,
    Value,
    Target,
    Achievement,
    Band,
}

const INDICATOR_COLUMNS: [IndicatorColumn; 6] = [
    IndicatorColumn::Name,
    IndicatorColumn::Unit,
    IndicatorColumn::Value,
    IndicatorColumn::Target,
    IndicatorColumn::Achievement,
    IndicatorColumn::Band,
];

impl IndicatorColumn {
    fn header(self, period: NaiveDate) -> String {
        match self {
            IndicatorColumn::Name => tr_string("Indicatore", "Indicator"),
            IndicatorColumn::Unit => tr_string("Unità", "Unit"),
            IndicatorColumn::Value => {
                tr_format!("Valore al {}", "Value at {}", format_date(period))
            }
            IndicatorColumn::Target => format!("Target {}", period.year()),
            IndicatorColumn::Achievement => {
                tr_string("Raggiungimento al periodo", "Achievement at the period")
            }
            IndicatorColumn::Band => tr_string("Fascia", "Band"),
        }
    }
}

/// An indicator's cells as the printed table shows them: the band beside
/// the achievement (`45% parzialmente raggiunto`), `n/d` for none.
fn printed([name, unit, value, target, achievement, band]: [Cell; 6]) -> Vec<String> {
    let achieved = match achievement {
        Cell::Percent(Some(_)) => format!("{} {}", shown(&achievement), shown(&band)),
        _ => tr_string("n/d", "n/a"),
    };
    vec![
        shown(&name),
        shown(&unit),
        shown(&value),
        shown(&target),
        achieved,
    ]
}

/// Indicator `i` at `period`, typed, in `INDICATOR_COLUMNS`' order: its
/// value then against the year's target, and what that achieves.
fn indicator_cells(d: &Dataset, i: &Indicator, period: NaiveDate) -> [Cell; 6] {
    let year = period.year();
    let achievement = until(i, period).achievement(year).map(|a| a.value);
    INDICATOR_COLUMNS.map(|c| match c {
        IndicatorColumn::Name => Cell::Text(i.name.clone()),
        IndicatorColumn::Unit => Cell::Text(i.unit.clone()),
        IndicatorColumn::Value => Cell::Exact(value_at(i, period)),
        IndicatorColumn::Target => Cell::Exact(i.targets.get(&year).copied()),
        IndicatorColumn::Achievement => Cell::Percent(achievement),
        IndicatorColumn::Band => Cell::Text(
            achievement
                .map(|a| d.plan.settings.bands.band(a).label().to_string())
                .unwrap_or_default(),
        ),
    })
}

/// The attuazione as one table (its workbook): a row per objective in plan
/// order, its indicators one per line in their columns, typed.
pub fn table(d: &Dataset, period: NaiveDate) -> Table {
    let year = period.year();
    let column = |header: &str, per_indicator: bool, wide: bool| Column {
        header: header.to_string(),
        per_indicator,
        wide,
    };
    let mut columns = vec![
        column(tr("Obiettivo", "Objective"), false, false),
        column(tr("Mandato", "Mandate"), false, false),
        column(tr("Missione", "Mission"), false, false),
        column(tr("Titolo", "Title"), false, true),
        column(tr("CdR", "Resp. centre"), false, false),
        column(tr("Responsabile", "Manager"), false, false),
        column(tr("Avanzamento", "Progress"), false, false),
    ];
    columns.extend(INDICATOR_COLUMNS.iter().map(|c| {
        let wide = matches!(c, IndicatorColumn::Name);
        column(&c.header(period), true, wide)
    }));
    columns.push(column(tr("Fasi in ritardo", "Late phases"), false, false));
    columns.push(column(
        tr("Stato di attuazione", "Status report"),
        false,
        true,
    ));
    let rows = d
        .objectives
        .iter()
        .map(|o| {
            let mission = d.missions.iter().find(|m| m.code == o.mission);
            let headline = crate::model::score::headline(o, d.plan.settings.score, year);
            let mut cells = vec![
                vec![Cell::Text(o.code.clone())],
                vec![Cell::Text(
                    mission.map(|m| m.mandate.clone()).unwrap_or_default(),
                )],
                vec![Cell::Text(o.mission.clone())],
                vec![Cell::Text(o.operational_objective.clone())],
                vec![Cell::Text(o.responsibility_centre.clone())],
                vec![Cell::Text(o.manager.clone())],
                vec![Cell::Percent(headline.map(|h| h.value))],
            ];
            let each: Vec<[Cell; 6]> = o
                .indicators
                .iter()
                .map(|i| indicator_cells(d, i, period))
                .collect();
            for k in 0..INDICATOR_COLUMNS.len() {
                cells.push(each.iter().map(|c| c[k].clone()).collect());
            }
            cells.push(vec![Cell::Count(Some(late_phases(o, period).count()))]);
            cells.push(vec![Cell::Text(narrative(d, o, period).1.to_string())]);
            Row { cells }
        })
        .collect();
    Table { columns, rows }
}

/// The indicator with only what was measured up to `period`.
fn until(i: &Indicator, period: NaiveDate) -> Indicator {
    let mut i = i.clone();
    i.measurements.retain(|m| m.period <= period);
    i
}

fn variations(d: &Dataset, out: &mut Vec<Block>) {
    out.push(Block::Chapter {
        title: tr_string("Variazioni approvate", "Approved variations"),
        landscape: false,
    });
    approved_variations(d, out);
}

/// Each approved variation with its act and old → new (both documents list
/// them: the attuazione so far, the Relazione's annex for the year).
pub(super) fn approved_variations(d: &Dataset, out: &mut Vec<Block>) {
    let approved: Vec<_> = d
        .variations
        .iter()
        .filter(|v| v.state == VariationState::Approved)
        .collect();
    if approved.is_empty() {
        out.push(Block::text(
            "Nessuna variazione approvata.",
            "No approved variation.",
        ));
    }
    for v in approved {
        out.push(Block::List(crate::io::variation::show(d, v)));
    }
}
