//! One phase of the "FASI - ATTIVITA'" table.
//!
//! A phase is printed as a block of tab-separated rows:
//! ```text
//! FASE            Inizio Previsto  Fine Prevista
//! NAME (1)        Inizio Effettivo Fine Effettiva Peso  Avanzamento Responsabile Centro di Responsabilità Note
//! NAME (2)        01/01/2024       31/12/2026     40,00 20%         ROSSI MARIO  LAVORI PUBBLICI          note…
//! NAME (3)        01/01/2024       30/06/2026                                    E PATRIMONIO             …note
//! NAME (4, 5)
//! ```
//! The first cell of every row carries a piece of the name. The first data
//! row has the planned dates and the values, the second the actual dates and
//! the wrapped tails of the manager, CdR and note; later rows only tails.
//! Columns are found from the labels, so a shifted layout still reads right.

use super::error::SchedaError;
use super::lines::Line;
use super::text::is_label;
use crate::i18n::tr;
use crate::model::Phase;
use crate::model::values::{parse_date, parse_percent};

/// Column positions, from the label rows (the defaults are the usual layout).
#[derive(Debug, Clone, Copy)]
struct Columns {
    planned_start: usize,
    planned_end: usize,
    actual_start: usize,
    actual_end: usize,
    weight: usize,
    progress: usize,
    manager: usize,
    centre: usize,
    notes: usize,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            planned_start: 1,
            planned_end: 2,
            actual_start: 1,
            actual_end: 2,
            weight: 3,
            progress: 4,
            manager: 5,
            centre: 6,
            notes: 7,
        }
    }
}

/// The column labels of the two label rows, in the order of `Columns::slot`.
const LABELS: [&str; 9] = [
    "Inizio Previsto",
    "Fine Prevista",
    "Inizio Effettivo",
    "Fine Effettiva",
    "Peso",
    "Avanzamento",
    "Responsabile",
    "Centro di Responsabilità",
    "Note",
];

fn label_index(cell: &str) -> Option<usize> {
    LABELS.iter().position(|l| is_label(cell, l))
}

impl Columns {
    fn slot(&mut self, label: usize) -> &mut usize {
        match label {
            0 => &mut self.planned_start,
            1 => &mut self.planned_end,
            2 => &mut self.actual_start,
            3 => &mut self.actual_end,
            4 => &mut self.weight,
            5 => &mut self.progress,
            6 => &mut self.manager,
            7 => &mut self.centre,
            _ => &mut self.notes,
        }
    }

    /// Takes the position of every label found in `cells`; true when there was any.
    fn learn(&mut self, cells: &[&str]) -> bool {
        let mut found = false;
        for (i, cell) in cells.iter().enumerate() {
            if let Some(label) = label_index(cell) {
                *self.slot(label) = i;
                found = true;
            }
        }
        found
    }
}

/// Whether `line` opens a phase: `FASE` then `Inizio Previsto`.
pub fn is_phase_header(line: &Line) -> bool {
    let cells: Vec<&str> = line.cells().into_iter().filter(|c| !c.is_empty()).collect();
    cells.first().is_some_and(|c| is_label(c, "FASE"))
        && cells.get(1).is_some_and(|c| is_label(c, "Inizio Previsto"))
}

/// A phase being read, row by row.
#[derive(Debug, Clone)]
pub struct PhaseBlock {
    first_line: usize,
    columns: Columns,
    name: Vec<String>,
    data_rows: usize,
    phase: Phase,
}

impl PhaseBlock {
    /// Starts a phase at its `FASE` line.
    pub fn start(header: &Line) -> PhaseBlock {
        let mut columns = Columns::default();
        columns.learn(&header.cells());
        PhaseBlock {
            first_line: header.no,
            columns,
            name: Vec::new(),
            data_rows: 0,
            phase: Phase::default(),
        }
    }

    /// Reads one more row of the block.
    pub fn row(&mut self, line: &Line) -> Result<(), SchedaError> {
        let cells = line.cells();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        // The first cell is always a piece of the name, even on a label row.
        let first = cell(0);
        if !first.is_empty() && label_index(first).is_none() {
            self.name.push(first.to_string());
        }
        let mut later = cells.clone();
        if let Some(first) = later.first_mut() {
            *first = "";
        }
        if self.columns.learn(&later) {
            return Ok(());
        }
        let c = self.columns;
        let p = &mut self.phase;
        match self.data_rows {
            0 => {
                p.planned_start = date(
                    line,
                    cell(c.planned_start),
                    tr("Inizio Previsto", "planned start"),
                )?;
                p.planned_end = date(
                    line,
                    cell(c.planned_end),
                    tr("Fine Prevista", "planned end"),
                )?;
                p.weight = percent(line, cell(c.weight), tr("Peso", "weight"))?;
                p.progress = percent(line, cell(c.progress), tr("Avanzamento", "progress"))?;
                p.manager = cell(c.manager).to_string();
                p.responsibility_centre = cell(c.centre).to_string();
                p.notes = cell(c.notes).to_string();
            }
            n => {
                if n == 1 {
                    p.actual_start = date(
                        line,
                        cell(c.actual_start),
                        tr("Inizio Effettivo", "actual start"),
                    )?;
                    p.actual_end =
                        date(line, cell(c.actual_end), tr("Fine Effettiva", "actual end"))?;
                }
                append_wrapped_name(&mut p.manager, cell(c.manager));
                append_wrapped_name(&mut p.responsibility_centre, cell(c.centre));
                append(&mut p.notes, cell(c.notes));
            }
        }
        self.data_rows += 1;
        Ok(())
    }

    /// The phase, once all its rows are read.
    pub fn finish(self) -> Result<Phase, SchedaError> {
        let mut phase = self.phase;
        phase.name = self.name.join(" ");
        if phase.name.is_empty() {
            return Err(SchedaError::new(
                self.first_line,
                tr("fase senza nome", "phase without a name"),
            ));
        }
        Ok(phase)
    }
}

fn date(line: &Line, text: &str, what: &str) -> Result<Option<chrono::NaiveDate>, SchedaError> {
    parse_date(text).map_err(|e| SchedaError::new(line.no, format!("{what}: {e}")))
}

fn percent(line: &Line, text: &str, what: &str) -> Result<Option<f64>, SchedaError> {
    parse_percent(text).map_err(|e| SchedaError::new(line.no, format!("{what}: {e}")))
}

fn append(field: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if !field.is_empty() {
        field.push(' ');
    }
    field.push_str(piece);
}

/// Appends the wrapped tail of a name (manager, CdR), unless the extraction
/// printed the last word again, sometimes with one letter misread
/// (`WELFARE E POLITICHE ABITATIVE` then `ADITATIVE`).
fn append_wrapped_name(field: &mut String, piece: &str) {
    let repeated = field
        .rsplit(' ')
        .next()
        .is_some_and(|last| differ_by_at_most_one_letter(last, piece));
    if !repeated {
        append(field, piece);
    }
}

fn differ_by_at_most_one_letter(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() <= 1
}
