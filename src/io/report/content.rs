//! What a regenerated scheda says, objective by objective.

use crate::model::PhaseField;
use crate::model::fields::PHASE_COLUMNS;
use chrono::NaiveDate;

use super::block::Block;
use crate::i18n::{tr, tr_string};
use crate::model::rollup::{weight_sum, weight_sum_is_off};
use crate::model::values::{format_date, format_number, format_opt_date, format_opt_number};
use crate::model::warnings::warnings;
use crate::model::{Dataset, Objective, Plan};
use crate::tr_format;

pub fn blocks(dataset: &Dataset, codes: &[String], today: NaiveDate) -> Vec<Block> {
    let plan = &dataset.plan;
    let mut subtitle = vec![plan.level.clone()];
    if let Some(printed) = plan.printed_on {
        subtitle.push(tr_format!(
            "Data elaborazione {}",
            "Printed on {}",
            format_date(printed)
        ));
    }
    subtitle.push(tr_format!(
        "Situazione al {}",
        "Status as of {}",
        format_date(today)
    ));
    subtitle.retain(|s| !s.is_empty());
    let mut out = vec![Block::Title(
        tr_format!("Scheda Obiettivi — {}", "Objectives sheet — {}", plan.title),
        subtitle,
    )];
    if codes.is_empty() && !dataset.missions.is_empty() {
        super::summary::blocks(dataset, today, &mut out);
    }
    for o in dataset
        .objectives
        .iter()
        .filter(|o| codes.is_empty() || codes.contains(&o.code))
    {
        objective(dataset, o, today, &mut out);
    }
    out
}

fn objective(dataset: &Dataset, o: &Objective, today: NaiveDate, out: &mut Vec<Block>) {
    let mission = dataset.missions.iter().find(|m| m.code == o.mission);
    let mandate = mission.and_then(|m| dataset.mandates.iter().find(|d| d.code == m.mandate));
    let titled = |code: &str, title: &str| format!("{code} {title}").trim().to_string();
    out.push(Block::Objective(tr_format!(
        "Obiettivo di programma {}",
        "Programme objective {}",
        o.code
    )));
    out.push(Block::Fields(vec![
        (tr_string("Assessorato", "Portfolio"), o.assessorato.clone()),
        (
            tr_string("Centro di Responsabilità", "Responsibility centre"),
            o.responsibility_centre.clone(),
        ),
        (tr_string("Responsabile", "Manager"), o.manager.clone()),
        (
            tr_string("Valore pubblico", "Public value"),
            o.public_value.clone(),
        ),
        (
            tr_string("Stato", "State"),
            o.status.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            tr_string("Obiettivo di mandato", "Mandate objective"),
            mandate.map_or_else(|| "—".into(), |m| titled(&m.code, &m.title)),
        ),
        (
            tr_string("Obiettivo di missione", "Mission objective"),
            mission.map_or_else(|| o.mission.clone(), |m| titled(&m.code, &m.title)),
        ),
    ]));
    let texts = [
        (
            tr("Obiettivo strategico", "Strategic objective"),
            mission.map_or("", |m| &m.strategic_objective),
        ),
        (
            tr("Obiettivo operativo", "Operational objective"),
            &o.operational_objective,
        ),
        (
            tr("Stato di attuazione 1° anno", "Status, year 1"),
            &o.narratives.year1,
        ),
        (
            tr("Stato di attuazione 2° anno", "Status, year 2"),
            &o.narratives.year2,
        ),
    ];
    for (label, text) in texts {
        out.push(Block::Heading(label.into()));
        let text = if text.trim().is_empty() { "—" } else { text };
        out.push(Block::Text(text.into()));
    }
    if !o.structures.is_empty() {
        let rows = o.structures.iter().map(|s| {
            let (start, end) = (format_opt_date(s.start), format_opt_date(s.end));
            vec![
                s.description.clone(),
                s.relation.clone(),
                percent(s.share),
                start,
                end,
            ]
        });
        out.push(Block::heading("Strutture coinvolte", "Structures involved"));
        out.push(Block::table(
            &[
                tr("Descrizione", "Description"),
                tr("Relazione", "Relation"),
                tr("Competenza", "Share"),
                tr("Data inizio", "Start"),
                tr("Data fine", "End"),
            ],
            rows.collect(),
        ));
    }
    if !o.stakeholders.is_empty() {
        out.push(Block::heading("Stakeholder", "Stakeholders"));
        out.push(Block::List(o.stakeholders.clone()));
    }
    phases(&dataset.plan, o, today, out);
    indicators(&dataset.plan, o, today, out);
    assessment(o, out);
}

/// The consuntivo and the validator's answer, with who and when (GUIDE §8):
/// the reason of a forced value or a non valutabile is here.
fn assessment(o: &Objective, out: &mut Vec<Block>) {
    let lines = o.assessment_lines();
    if lines.is_empty() {
        return;
    }
    out.push(Block::heading(
        "Consuntivo e valutazione",
        "Reporting and assessment",
    ));
    out.push(Block::Fields(
        lines.into_iter().map(|(l, t)| (l.to_string(), t)).collect(),
    ));
}

fn percent(value: Option<f64>) -> String {
    value
        .map(|v| format!("{}%", format_number(v)))
        .unwrap_or_default()
}

fn phases(plan: &Plan, o: &Objective, today: NaiveDate, out: &mut Vec<Block>) {
    out.push(Block::heading("Fasi - attività", "Phases - activities"));
    if o.phases.is_empty() {
        out.push(Block::text("Nessuna fase.", "No phases."));
    } else {
        out.push(Block::Table {
            header: std::iter::once(tr("N.", "No."))
                .chain(PHASE_COLUMNS.iter().map(|c| c.label.get()))
                .map(String::from)
                .collect(),
            rows: o
                .phases
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let late = if p.is_late(today) {
                        tr_string(" (in ritardo)", " (late)")
                    } else {
                        String::new()
                    };
                    let mut row = vec![(i + 1).to_string()];
                    row.extend(PHASE_COLUMNS.iter().map(|c| match c.field {
                        PhaseField::Name => format!("{}{late}", p.name),
                        _ => c.shown(p),
                    }));
                    row
                })
                .collect(),
        });
    }
    let rollup = match o.progress() {
        Some(r) => format!("{} — {}", r.said(), r.bare_formula()),
        None if o.mark().is_some() => o.not_assessable_said().unwrap_or_default(),
        None => tr_format!(
            "{} (nessuna fase ha un avanzamento)",
            "{} (no phase has a progress)",
            format_opt_number(None)
        ),
    };
    let sum = weight_sum(&o.phases).map_or_else(|| format_opt_number(None), format_number);
    out.push(Block::Fields(vec![
        (
            tr_string("Avanzamento obiettivo", "Objective progress"),
            rollup,
        ),
        (tr_string("Σ pesi", "Σ weights"), sum),
    ]));
    let mut notes: Vec<String> = warnings(plan, o, today)
        .iter()
        .map(|w| w.to_string())
        .collect();
    if weight_sum_is_off(&o.phases) {
        // Already the first warning; say what it means for the roll-up.
        if let Some(first) = notes.first_mut() {
            first.push_str(tr(
                ": l'avanzamento è pesato su questa somma",
                ": progress is weighted over this sum",
            ));
        }
    }
    if !notes.is_empty() {
        out.push(Block::Warnings(notes));
    }
}

/// The indicator table of an objective in the report's year: baseline,
/// target of the year, last measurement, achievement with its band and the
/// formula that gives it (GUIDE §1); then the objective's achievement.
fn indicators(plan: &crate::model::Plan, o: &Objective, today: NaiveDate, out: &mut Vec<Block>) {
    use chrono::Datelike;
    if o.indicators.is_empty() {
        return;
    }
    let year = today.year();
    let bands = plan.settings.bands;
    let n = |v: f64| crate::model::values::format_number(v);
    let rows = o.indicators.iter().enumerate().map(|(k, i)| {
        let achievement = i.achievement(year);
        let baseline = i.baseline.map(|b| format!("{} ({})", n(b.value), b.year));
        let last = (i.last_measurement_in(year))
            .map(|m| format!("{} ({})", n(m.value), format_date(m.period)));
        vec![
            (k + 1).to_string(),
            i.name.clone(),
            i.unit.clone(),
            baseline.unwrap_or_default(),
            i.targets.get(&year).map(|t| n(*t)).unwrap_or_default(),
            last.unwrap_or_default(),
            match &achievement {
                Some(a) => format!("{}% {}", n(a.value), bands.band(a.value).label()),
                None => tr_string("n/d", "n/a"),
            },
            achievement.map(|a| a.formula).unwrap_or_default(),
        ]
    });
    out.push(Block::heading("Indicatori", "Indicators"));
    out.push(Block::Table {
        header: [
            tr("N.", "No."),
            tr("Indicatore", "Indicator"),
            tr("Unità", "Unit"),
            tr("Partenza", "Baseline"),
            &format!("Target {year}"),
            tr("Ultima rilevazione", "Last measurement"),
            tr("Raggiungimento", "Achievement"),
            tr("Formula", "Formula"),
        ]
        .map(String::from)
        .to_vec(),
        rows: rows.collect(),
    });
    let whole = match o.achievement(year) {
        Some(a) => format!(
            "{}% {} — {}",
            n(a.value),
            bands.band(a.value).label(),
            a.formula
        ),
        None if o.mark().is_some() => o.not_assessable_said().unwrap_or_default(),
        None => tr_string(
            "n/d (nessun indicatore ha target e rilevazione nell'anno)",
            "n/a (no indicator has a target and a measurement in the year)",
        ),
    };
    out.push(Block::Fields(vec![(
        tr_format!(
            "Raggiungimento indicatori {year}",
            "Indicator achievement {year}"
        ),
        whole,
    )]));
}
