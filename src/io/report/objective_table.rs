//! The Relazione's per-objective table (GUIDE §9), as typed cells: drawn as
//! a table by the text formats (one row per objective, an objective's
//! indicators one per line inside the indicator columns) and written to a
//! workbook with numbers as numbers (`workbook`).

use chrono::NaiveDate;

use super::block::Block;
use super::document::{Outcome, periods_of};
use super::records::{Verdict, gap, verdict};
use crate::i18n::tr;
use crate::io::sheet::Cell;
use crate::model::indicators::{Indicator, Words};
use crate::model::values::{format_date, format_exact, format_number};
use crate::model::{Dataset, Objective};
use crate::tr_format;

/// A cell as the document's text shows it (the workbook writes it typed).
pub fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) | Cell::Exact(n) => n.map(format_exact).unwrap_or_default(),
        Cell::Percent(p) => p
            .map(|p| format!("{}%", format_number(p)))
            .unwrap_or_default(),
        Cell::Date(d) => d.map(format_date).unwrap_or_default(),
        Cell::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
    }
}

fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}

/// A column, whether it holds one cell per indicator, and whether its texts
/// are long (a workbook gives it a wide column).
pub struct Column {
    pub header: String,
    pub per_indicator: bool,
    pub wide: bool,
}

/// One objective: for each column its cells (one, or one per indicator).
pub struct Row {
    pub cells: Vec<Vec<Cell>>,
}

pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The table for `year` of `dataset`, one row per objective in plan order.
    pub fn of(dataset: &Dataset, year: i32) -> Table {
        let periods = periods_of(dataset, year);
        let mut columns: Vec<Column> = Vec::new();
        let mut col = |header: &str, per_indicator: bool| {
            columns.push(Column {
                wide: header.chars().count() > 30 || columns.len() == 3,
                header: header.to_string(),
                per_indicator,
            })
        };
        // The objective first: the text format titles each record with it.
        col(tr("Obiettivo", "Objective"), false);
        col(tr("Mandato", "Mandate"), false);
        col(tr("Missione", "Mission"), false);
        col(tr("Titolo", "Title"), false);
        col(tr("CdR", "Resp. centre"), false);
        col(tr("Responsabile", "Manager"), false);
        col(
            tr(
                "Indicatore (formula, unità, polarità, fonte)",
                "Indicator (formula, unit, polarity, source)",
            ),
            true,
        );
        col(tr("Peso", "Weight"), true);
        col(tr("Partenza", "Baseline"), true);
        col(&format!("Target {year}"), true);
        for p in &periods {
            col(
                &tr_format!("Valore al {}", "Value at {}", format_date(*p)),
                true,
            );
        }
        col(
            tr("Scostamento (valore − target)", "Gap (value − target)"),
            true,
        );
        col(tr("Raggiungimento", "Achievement"), false);
        col(tr("Fascia", "Band"), false);
        col(tr("Avanzamento fasi", "Phase progress"), false);
        col(
            tr("Causa scostamento e commento", "Gap cause and comment"),
            false,
        );
        col(tr("Variazioni (atti)", "Variations (acts)"), false);
        col(
            tr("Forzato / non valutabile", "Forced / not assessable"),
            false,
        );
        let rows = dataset
            .objectives
            .iter()
            .map(|o| row(dataset, o, year, &periods))
            .collect();
        Table { columns, rows }
    }

    /// The table as the text formats draw it.
    pub fn block(&self) -> Block {
        Block::Table {
            header: self.columns.iter().map(|c| c.header.clone()).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    r.cells
                        .iter()
                        .map(|cells| cells.iter().map(shown).collect::<Vec<_>>().join("\n"))
                        .collect()
                })
                .collect(),
        }
    }
}

fn row(dataset: &Dataset, o: &Objective, year: i32, periods: &[NaiveDate]) -> Row {
    let mission = dataset.missions.iter().find(|m| m.code == o.mission);
    let one = |c: Cell| vec![c];
    let each = |f: &dyn Fn(&Indicator) -> Cell| o.indicators.iter().map(f).collect::<Vec<_>>();
    let mut cells = vec![
        one(text(o.code.clone())),
        one(text(mission.map(|m| m.mandate.clone()).unwrap_or_default())),
        one(text(o.mission.clone())),
        one(text(o.operational_objective.clone())),
        one(text(o.responsibility_centre.clone())),
        one(text(o.manager.clone())),
        each(&|i| text(described(i))),
        each(&|i| Cell::Exact(i.weight)),
        each(&|i| Cell::Exact(i.baseline.map(|b| b.value))),
        each(&|i| Cell::Exact(i.targets.get(&year).copied())),
    ];
    for p in periods {
        cells.push(each(&|i| Cell::Exact(value_at(i, *p))));
    }
    cells.push(each(
        &|i| match (i.last_measurement_in(year), i.targets.get(&year)) {
            (Some(m), Some(t)) => Cell::Exact(Some(m.value - t)),
            _ => Cell::Exact(None),
        },
    ));
    let outcome = Outcome::of(dataset, o, year);
    cells.push(one(match &outcome {
        Outcome::Value { value, .. } => Cell::Percent(Some(*value)),
        Outcome::NotAssessable(_) => text(crate::model::assessment::Mark::NotAssessable.word()),
        Outcome::Missing => text(tr("n/d", "n/a")),
    }));
    cells.push(one(match outcome.band(dataset) {
        Some(band) => text(band.label()),
        None => text(""),
    }));
    // The phases' own roll-up: a forced value is in its own columns.
    let phases = crate::model::rollup::objective_progress(&o.phases);
    cells.push(one(Cell::Percent(phases.map(|r| r.value))));
    cells.push(one(text(
        gap(o)
            .map(|(cause, comment)| [cause, comment].join(": "))
            .unwrap_or_default(),
    )));
    cells.push(one(text(acts(dataset, &o.code).join("\n"))));
    cells.push(one(text(match verdict(o) {
        Some(Verdict::Forced { value, reason, .. }) => tr_format!(
            "forzato a {}%: {reason}",
            "forced to {}%: {reason}",
            format_number(value)
        ),
        Some(Verdict::NotAssessable { reason, .. }) => {
            tr_format!("non valutabile: {reason}", "not assessable: {reason}")
        }
        None => String::new(),
    })));
    Row { cells }
}

/// `Alloggi assegnati — n. alloggi assegnati nell'anno; n.; crescente; fonte: Ufficio Casa`.
fn described(i: &Indicator) -> String {
    let mut parts = Vec::new();
    if !i.formula.trim().is_empty() {
        parts.push(i.formula.trim().to_string());
    }
    if !i.unit.trim().is_empty() {
        parts.push(i.unit.trim().to_string());
    }
    parts.push(i.polarity.label().to_string());
    if !i.source.trim().is_empty() {
        parts.push(tr_format!("fonte: {}", "source: {}", i.source.trim()));
    }
    format!("{} — {}", i.name, parts.join("; "))
}

/// The value measured for period `p`.
pub fn value_at(i: &Indicator, p: NaiveDate) -> Option<f64> {
    i.measurements
        .iter()
        .find(|m| m.period == p)
        .map(|m| m.value)
}

/// The acts of the approved variations that changed objective `code`.
pub fn acts(dataset: &Dataset, code: &str) -> Vec<String> {
    use crate::model::variation_record::VariationState;
    dataset
        .variations
        .iter()
        .filter(|v| v.state == VariationState::Approved && v.changes.iter().any(|c| c.code == code))
        .map(|v| v.act.clone())
        .collect()
}
