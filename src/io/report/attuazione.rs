//! The Stato di attuazione dei programmi at a monitoring period (GUIDE §9),
//! for the Consiglio's July session: by mandate and mission, each
//! objective's progress, its indicators' value at the period against the
//! year's target, its late phases, the narrative of the year; then the
//! variations approved so far. The footer names the snapshot.

use chrono::{Datelike, NaiveDate};

use super::block::Block;
use super::document::{Outcome, Source, objectives_of, text_or_dash};
use super::objective_table::value_at;
use crate::i18n::tr;
use crate::model::calendar::current_narrative;
use crate::model::indicators::Indicator;
use crate::model::rollup::mean_covered;
use crate::model::values::{format_date, format_exact, format_number};
use crate::model::variation_record::VariationState;
use crate::model::{Dataset, Objective, ObjectiveField};

pub fn blocks(source: &Source, period: NaiveDate) -> Vec<Block> {
    let d = source.dataset;
    let year = period.year();
    let mut out = vec![source.title(format!(
        "{} {} — {}",
        tr(
            "Stato di attuazione dei programmi al",
            "Programme status at"
        ),
        format_date(period),
        d.plan.title
    ))];
    for mandate in &d.mandates {
        out.push(Block::Chapter {
            title: format!(
                "{} {} {}",
                tr("Obiettivo di mandato", "Mandate objective"),
                mandate.code,
                mandate.title
            ),
            landscape: false,
        });
        for mission in d.missions.iter().filter(|m| m.mandate == mandate.code) {
            let objectives = objectives_of(d, &mission.code);
            out.push(Block::Heading(format!(
                "{} {} {}",
                tr("Obiettivo di missione", "Mission objective"),
                mission.code,
                mission.title
            )));
            let mean = mean_covered(objectives.iter().map(|o| Outcome::of(d, o, year).value()));
            out.push(Block::Fields(vec![(
                tr("Avanzamento medio", "Mean progress").into(),
                mean.map_or_else(|| tr("n/d", "n/a").to_string(), |m| m.said()),
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
    out.push(Block::Heading(format!(
        "{} {}",
        tr("Obiettivo", "Objective"),
        o.code
    )));
    let headline = crate::model::score::headline(o, d.plan.settings.score, year);
    out.push(Block::Fields(vec![
        (
            tr("Obiettivo operativo", "Operational objective").into(),
            o.operational_objective.clone(),
        ),
        (tr("Responsabile", "Manager").into(), o.manager.clone()),
        (
            tr("Centro di Responsabilità", "Responsibility centre").into(),
            o.responsibility_centre.clone(),
        ),
        (
            tr("Avanzamento", "Progress").into(),
            match headline {
                Some(h) => format!("{} — {}", h.said(), h.formula),
                None => tr("n/d", "n/a").into(),
            },
        ),
    ]));
    if !o.indicators.is_empty() {
        out.push(Block::Table {
            header: vec![
                tr("Indicatore", "Indicator").into(),
                tr("Unità", "Unit").into(),
                format!("{} {}", tr("Valore al", "Value at"), format_date(period)),
                format!("{} {year}", tr("Target", "Target")),
                tr("Raggiungimento al periodo", "Achievement at the period").into(),
            ],
            rows: o
                .indicators
                .iter()
                .map(|i| {
                    vec![
                        i.name.clone(),
                        i.unit.clone(),
                        value_at(i, period).map(format_exact).unwrap_or_default(),
                        i.targets
                            .get(&year)
                            .map(|t| format_exact(*t))
                            .unwrap_or_default(),
                        match until(i, period).achievement(year) {
                            Some(a) => format!(
                                "{}% {}",
                                format_number(a.value),
                                d.plan.settings.bands.band(a.value).label()
                            ),
                            None => tr("n/d", "n/a").into(),
                        },
                    ]
                })
                .collect(),
        });
    }
    let late: Vec<String> = o
        .phases
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_late(period))
        .map(|(k, p)| {
            format!(
                "{} {} «{}» {} {}",
                tr("fase", "phase"),
                k + 1,
                p.name,
                tr("in ritardo: fine prevista", "late: planned end"),
                p.planned_end.map(format_date).unwrap_or_default()
            )
        })
        .collect();
    if !late.is_empty() {
        out.push(Block::Warnings(late));
    }
    let narrative = match current_narrative(&d.plan, period) {
        Some(ObjectiveField::Year2) => (
            tr("Stato di attuazione 2° anno", "Status, year 2"),
            &o.narratives.year2,
        ),
        _ => (
            tr("Stato di attuazione 1° anno", "Status, year 1"),
            &o.narratives.year1,
        ),
    };
    out.push(Block::Fields(vec![(narrative.0.into(), String::new())]));
    out.push(text_or_dash(narrative.1));
}

/// The indicator with only what was measured up to `period`.
fn until(i: &Indicator, period: NaiveDate) -> Indicator {
    let mut i = i.clone();
    i.measurements.retain(|m| m.period <= period);
    i
}

fn variations(d: &Dataset, out: &mut Vec<Block>) {
    out.push(Block::Chapter {
        title: tr("Variazioni approvate", "Approved variations").into(),
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
        out.push(Block::Text(
            tr("Nessuna variazione approvata.", "No approved variation.").into(),
        ));
    }
    for v in approved {
        out.push(Block::List(crate::io::variation::show(d, v)));
    }
}
