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

/// The column labels of the two label rows, each with its usual position.
const LABELS: [(&str, usize); 9] = [
    ("Inizio Previsto", 1),
    ("Fine Prevista", 2),
    ("Inizio Effettivo", 1),
    ("Fine Effettiva", 2),
    ("Peso", 3),
    ("Avanzamento", 4),
    ("Responsabile", 5),
    ("Centro di Responsabilità", 6),
    ("Note", 7),
];

fn label_index(cell: &str) -> Option<usize> {
    LABELS.iter().position(|(l, _)| is_label(cell, l))
}

/// Each label's column (in the order of `LABELS`), as the label rows place them.
#[derive(Debug, Clone, Copy)]
struct Columns([usize; 9]);

impl Columns {
    fn usual() -> Columns {
        Columns(LABELS.map(|(_, at)| at))
    }

    /// The column of `label` (one of `LABELS`).
    fn of(&self, label: &str) -> usize {
        let index = LABELS.iter().position(|(l, _)| *l == label);
        index.map_or(usize::MAX, |i| self.0[i])
    }

    /// Takes the position of every label found in `cells`; true when there was any.
    fn learn(&mut self, cells: &[&str]) -> bool {
        let mut found = false;
        for (i, cell) in cells.iter().enumerate() {
            if let Some(label) = label_index(cell) {
                self.0[label] = i;
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
        let mut columns = Columns::usual();
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
        let at = |label: &str| cell(self.columns.of(label));
        // A value refused is named by its column's label.
        let date_at = |label: &'static str, en| date(line, at(label), tr(label, en));
        let percent_at = |label: &'static str, en| percent(line, at(label), tr(label, en));
        let p = &mut self.phase;
        if self.data_rows == 0 {
            p.planned_start = date_at("Inizio Previsto", "planned start")?;
            p.planned_end = date_at("Fine Prevista", "planned end")?;
            p.weight = percent_at("Peso", "weight")?;
            p.progress = percent_at("Avanzamento", "progress")?;
            p.manager = at("Responsabile").to_string();
            p.responsibility_centre = at("Centro di Responsabilità").to_string();
            p.notes = at("Note").to_string();
        } else {
            if self.data_rows == 1 {
                p.actual_start = date_at("Inizio Effettivo", "actual start")?;
                p.actual_end = date_at("Fine Effettiva", "actual end")?;
            }
            append_wrapped_name(&mut p.manager, at("Responsabile"));
            append_wrapped_name(&mut p.responsibility_centre, at("Centro di Responsabilità"));
            append(&mut p.notes, at("Note"));
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
