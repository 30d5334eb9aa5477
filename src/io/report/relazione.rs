//! The Relazione sulla performance (GUIDE §9, after the Funzione Pubblica's
//! guideline n. 3/2018): a page for the citizens, then 1 Presentazione,
//! 2 Sintesi dei risultati, 3 the per-objective table, 4 Il processo,
//! 5 Allegati; the footer names the snapshot it was built from.

use super::block::{Bar, Block};
use super::document::{Counts, Outcome, Source, objectives_of, objectives_under, text_or_dash};
use super::objective_table::Table;
use super::records::{Verdict, assessors, verdict, windows};
use crate::i18n::{tr, tr_string};
use crate::model::cycle::PlanState;
use crate::model::rollup::mean_covered;
use crate::model::{Dataset, PlanText};
use crate::tr_format;

pub fn blocks(source: &Source, year: i32) -> Vec<Block> {
    let d = source.dataset;
    let mut out = vec![source.title(tr_format!(
        "Relazione sulla performance {year} — {}",
        "Performance report {year} — {}",
        d.plan.title
    ))];
    citizens(d, year, &mut out);
    chapter(&mut out, tr("1. Presentazione", "1. Presentation"), false);
    out.push(text_or_dash(d.plan.texts.get(PlanText::Presentazione)));
    out.push(Block::Heading(PlanText::Contesto.label().into()));
    out.push(text_or_dash(d.plan.texts.get(PlanText::Contesto)));
    results(d, year, &mut out);
    chapter(
        &mut out,
        tr("3. I risultati per obiettivo", "3. Results by objective"),
        true,
    );
    out.push(Table::of(d, year).block());
    process(d, &mut out);
    annexes(d, &mut out);
    out.push(source.footer());
    out
}

fn chapter(out: &mut Vec<Block>, title: &str, landscape: bool) {
    out.push(Block::Chapter {
        title: title.into(),
        landscape,
    });
}

/// One page in plain words: how many objectives reached, partly, not, by mandate.
fn citizens(d: &Dataset, year: i32, out: &mut Vec<Block>) {
    chapter(
        out,
        tr("La sintesi per i cittadini", "Summary for citizens"),
        false,
    );
    let all = Counts::of(d, &d.objectives, year);
    let mut text = tr_format!(
        "Nel {year} il Comune si era dato {}. ",
        "In {year} the municipality had set itself {}. ",
        crate::i18n::objectives(all.total())
    );
    text.push_str(&said_counts(&all));
    out.push(Block::Text(text));
    let lines: Vec<String> = d
        .mandates
        .iter()
        .map(|m| {
            let c = Counts::of(d, objectives_under(d, &m.code), year);
            format!(
                "«{}»: {}. {}",
                m.title,
                crate::i18n::objectives(c.total()),
                said_counts(&c)
            )
        })
        .collect();
    if !lines.is_empty() {
        out.push(Block::heading(
            "Per obiettivo di mandato",
            "By mandate objective",
        ));
        out.push(Block::List(lines));
    }
    out.push(Block::Text(
        tr(
            "Un obiettivo è raggiunto quando il suo risultato arriva almeno al 90% di quanto previsto, raggiunto in parte dal 60%, non raggiunto sotto il 60%.",
            "An objective is reached when its result comes to at least 90% of what was planned, partly reached from 60%, not reached below 60%.",
        )
        .replace("90", &crate::model::values::format_number(d.plan.settings.bands.reached))
        .replace("60", &crate::model::values::format_number(d.plan.settings.bands.partly)),
    ));
}

/// `Ne ha raggiunti 2, in parte 1, non raggiunti 0; per 3 non c'è ancora una misura.`
fn said_counts(c: &Counts) -> String {
    let mut s = tr_format!(
        "Raggiunti: {}, raggiunti in parte: {}, non raggiunti: {}",
        "Reached: {}, partly reached: {}, not reached: {}",
        c.reached,
        c.partly,
        c.not_reached
    );
    if c.missing > 0 {
        s.push_str(&tr_format!(
            "; ancora senza una misura: {}",
            "; not measured yet: {}",
            c.missing
        ));
    }
    if c.not_assessable > 0 {
        s.push_str(&tr_format!(
            "; non valutabili: {}",
            "; not assessable: {}",
            c.not_assessable
        ));
    }
    s.push('.');
    s
}

/// 2: achievement by mandate and mission, the bands, the chart.
fn results(d: &Dataset, year: i32, out: &mut Vec<Block>) {
    chapter(
        out,
        tr("2. Sintesi dei risultati", "2. Summary of results"),
        false,
    );
    let header = [
        tr("Codice", "Code"),
        tr("Titolo", "Title"),
        tr("Raggiungimento medio", "Mean achievement"),
        tr("Raggiunti", "Reached"),
        tr("In parte", "Partly"),
        tr("Non raggiunti", "Not reached"),
        tr("n/d", "n/a"),
        crate::model::assessment::Mark::NotAssessable.word(),
    ];
    let line = |code: &str, title: &str, objectives: &[&crate::model::Objective]| {
        let c = Counts::of(d, objectives.iter().copied(), year);
        // A non valutabile objective is out of the mean, not counted as missing.
        let outcomes = objectives.iter().map(|o| Outcome::of(d, o, year));
        let assessable = outcomes.filter(|o| !matches!(o, Outcome::NotAssessable(_)));
        let mean = mean_covered(assessable.map(|o| o.value()));
        vec![
            code.to_string(),
            title.to_string(),
            mean.map_or_else(|| tr_string("n/d", "n/a"), |m| m.said()),
            c.reached.to_string(),
            c.partly.to_string(),
            c.not_reached.to_string(),
            c.missing.to_string(),
            c.not_assessable.to_string(),
        ]
    };
    out.push(Block::heading(
        "Per obiettivo di mandato",
        "By mandate objective",
    ));
    let mandates = d.mandates.iter();
    let rows = mandates.map(|m| line(&m.code, &m.title, &objectives_under(d, &m.code)));
    out.push(Block::table(&header, rows.collect()));
    out.push(Block::heading(
        "Per obiettivo strategico (missione)",
        "By strategic objective (mission)",
    ));
    let missions = d.missions.iter();
    let rows = missions.map(|m| line(&m.code, &m.title, &objectives_of(d, &m.code)));
    out.push(Block::table(&header, rows.collect()));
    out.push(Block::Chart {
        caption: tr_string(
            "Raggiungimento medio per missione",
            "Mean achievement by mission",
        ),
        bars: d
            .missions
            .iter()
            .map(|m| Bar {
                label: format!("{} {}", m.code, m.title),
                value: mean_covered(
                    objectives_of(d, &m.code)
                        .into_iter()
                        .map(|o| Outcome::of(d, o, year).value()),
                )
                .map(|mean| mean.value),
            })
            .collect(),
    });
    let all = Counts::of(d, &d.objectives, year);
    let bands = d.plan.settings.bands;
    let n = crate::model::values::format_number;
    let (reached, partly) = (n(bands.reached), n(bands.partly));
    out.push(Block::heading("Fasce", "Bands"));
    out.push(Block::Fields(vec![
        (
            tr_format!("Raggiunti (≥ {reached}%)", "Reached (≥ {reached}%)"),
            all.reached.to_string(),
        ),
        (
            tr_format!(
                "Parzialmente raggiunti ({partly}–{reached}%)",
                "Partly reached ({partly}–{reached}%)"
            ),
            all.partly.to_string(),
        ),
        (
            tr_format!("Non raggiunti (< {partly}%)", "Not reached (< {partly}%)"),
            all.not_reached.to_string(),
        ),
        (
            tr_string("Senza valore (n/d)", "No value (n/a)"),
            all.missing.to_string(),
        ),
        (
            tr_string("Non valutabili (n/v)", "Not assessable"),
            all.not_assessable.to_string(),
        ),
    ]));
}

/// 4: the transitions with their acts, the windows, who assessed and validated.
fn process(d: &Dataset, out: &mut Vec<Block>) {
    chapter(out, tr("4. Il processo", "4. The process"), false);
    out.push(text_or_dash(d.plan.texts.get(PlanText::Processo)));
    out.push(Block::heading("Le fasi del ciclo", "The cycle's steps"));
    let transitions = d.plan.cycle.iter().flat_map(|c| &c.transitions);
    let rows = transitions.map(|t| {
        let reason = match t.forced {
            true => tr_format!("forzato: {}", "forced: {}", t.reason),
            false => t.reason.clone(),
        };
        let (from, to) = (t.from.label().into(), t.to.label().into());
        vec![from, to, t.by.clone(), when(t), t.act.clone(), reason]
    });
    out.push(Block::table_or(
        &[
            tr("Da", "From"),
            tr("A", "To"),
            tr("Chi", "Who"),
            tr("Quando", "When"),
            tr("Atto", "Act"),
            tr("Motivo", "Reason"),
        ],
        rows.collect(),
        tr(
            "Il piano è in Bozza: nessun passaggio registrato.",
            "The plan is a draft: no step recorded.",
        ),
    ));
    out.push(Block::heading(
        "Le finestre di monitoraggio",
        "The monitoring windows",
    ));
    out.push(Block::table_or(
        &[
            tr("Periodo", "Period"),
            tr("Stato", "State"),
            tr("Apertura", "Opens"),
            tr("Chiusura", "Closes"),
            tr("Passaggi", "Events"),
        ],
        windows(&d.plan),
        tr(
            "Nessuna finestra di monitoraggio registrata.",
            "No monitoring window recorded.",
        ),
    ));
    out.push(Block::heading(
        "Valutazione e validazione",
        "Assessment and validation",
    ));
    let cycle = d.plan.cycle.as_ref();
    let who_moved = |state: PlanState, none: &str| {
        let last = cycle.and_then(|c| c.transitions.iter().rev().find(|t| t.to == state));
        last.map_or_else(
            || none.to_string(),
            |t| match t.act.as_str() {
                "" => format!("{} {}", t.by, t.at.format("%d/%m/%Y")),
                act => format!("{} {}, {act}", t.by, t.at.format("%d/%m/%Y")),
            },
        )
    };
    let assessed = match assessors(d) {
        all if all.is_empty() => "—".into(),
        all => all.join(", "),
    };
    let not_yet = tr("non ancora", "not yet");
    out.push(Block::Fields(vec![
        (
            tr_string("Valutazione aperta da", "Assessment opened by"),
            who_moved(PlanState::Assessment, "—"),
        ),
        (
            tr_string(
                "Esiti forzati o non valutabili registrati da",
                "Forced or not assessable recorded by",
            ),
            assessed,
        ),
        (
            tr_string("Relazione approvata", "Report approved"),
            who_moved(PlanState::Reported, not_yet),
        ),
        (
            tr_string("Validazione (OIV)", "Validation (OIV)"),
            who_moved(PlanState::Validated, not_yet),
        ),
    ]));
}

/// When a transition was made, to the minute.
fn when(t: &crate::model::cycle::Transition) -> String {
    t.at.format("%d/%m/%Y %H:%M").to_string()
}

/// 5: variations with act and old → new; forced and non valutabile
/// objectives with their reasons; the cycle's forcings.
fn annexes(d: &Dataset, out: &mut Vec<Block>) {
    chapter(out, tr("5. Allegati", "5. Annexes"), false);
    out.push(Block::heading(
        "A. Variazioni approvate",
        "A. Approved variations",
    ));
    super::attuazione::approved_variations(d, out);
    out.push(Block::heading(
        "B. Obiettivi con raggiungimento forzato o non valutabili",
        "B. Objectives with a forced achievement or not assessable",
    ));
    let verdicts = d.objectives.iter().filter_map(|o| {
        let (outcome, reason, by) = match verdict(o)? {
            Verdict::Forced { value, reason, by } => {
                let value = crate::model::values::format_number(value);
                (
                    tr_format!("forzato a {value}%", "forced to {value}%"),
                    reason,
                    by,
                )
            }
            Verdict::NotAssessable { reason, by } => {
                (tr_string("non valutabile", "not assessable"), reason, by)
            }
        };
        Some(vec![o.code.clone(), outcome, reason, by])
    });
    let none = tr("Nessuno.", "None.");
    out.push(Block::table_or(
        &[
            tr("Obiettivo", "Objective"),
            tr("Esito", "Outcome"),
            tr("Motivo", "Reason"),
            tr("Chi", "Who"),
        ],
        verdicts.collect(),
        none,
    ));
    out.push(Block::heading(
        "C. Passaggi del ciclo forzati",
        "C. Forced steps of the cycle",
    ));
    let transitions = d.plan.cycle.iter().flat_map(|c| &c.transitions);
    let forced = transitions.filter(|t| t.forced).map(|t| {
        let step = format!("{} → {}", t.from.label(), t.to.label());
        vec![step, t.by.clone(), when(t), t.reason.clone()]
    });
    out.push(Block::table_or(
        &[
            tr("Passaggio", "Step"),
            tr("Chi", "Who"),
            tr("Quando", "When"),
            tr("Motivo", "Reason"),
        ],
        forced.collect(),
        none,
    ));
}
