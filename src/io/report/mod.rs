//! The Scheda Obiettivi regenerated from the database, with what the PDF
//! never had: each objective's roll-up with its formula, the weight sum, the
//! warnings of `check` and the late phases.
//!
//! [`content`] decides what a scheda says, once, as a list of [`Block`]s;
//! [`markdown`], [`html`] and [`text`] only decide how it looks.

mod attuazione;
mod block;
mod changes;
mod chart;
mod content;
mod document;
mod html;
mod markdown;
mod minutes;
pub mod objective_table;
mod records;
mod relazione;
mod summary;
mod text;
mod workbook;

pub use block::{Bar, Block};
pub use document::Source;
pub use minutes::Minutes;
/// The cycle's documents as xlsx workbooks: the Relazione's per-objective
/// table, the Stato di attuazione's at its period.
pub use workbook::{attuazione as attuazione_workbook, relazione as relazione_workbook};

use chrono::NaiveDate;

use crate::model::Dataset;
use crate::tr_format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
}

/// The schede of `codes` (all objectives when empty), in plan order.
/// The caller has checked that every code exists.
pub fn render(dataset: &Dataset, codes: &[String], format: Format, today: NaiveDate) -> String {
    in_format(&content::blocks(dataset, codes, today), format)
}

/// What changed from `old` to `new` (`obiettivi diff`), titled with the two sides' names.
pub fn render_diff(old: (&str, &Dataset), new: (&str, &Dataset), format: Format) -> String {
    let comparisons = crate::model::compare::compare(old.1, new.1);
    let title = tr_format!("Modifiche «{}» → «{}»", "Changes «{}» → «{}»", old.0, new.0);
    let subtitle = vec![format!(
        "{}: {}",
        crate::i18n::tr("Obiettivi modificati", "Objectives changed"),
        comparisons.len()
    )];
    in_format(
        &changes::blocks(title, subtitle, old.1, new.1, &comparisons),
        format,
    )
}

/// The Relazione sulla performance of `year` (GUIDE §9) from a snapshot.
pub fn render_relazione(source: &Source, year: i32, format: Format) -> String {
    in_format(&relazione::blocks(source, year), format)
}

/// The Stato di attuazione at `period` (GUIDE §9) from a snapshot.
pub fn render_attuazione(source: &Source, period: NaiveDate, format: Format) -> String {
    in_format(&attuazione::blocks(source, period), format)
}

/// The minutes of a review.
pub fn render_minutes(minutes: &Minutes, format: Format) -> String {
    in_format(&minutes::blocks(minutes, format == Format::Text), format)
}

/// Whatever the format, no control character a note may hold reaches a terminal
/// (`report` with no `-o`, or the file shown later with `cat`).
fn in_format(blocks: &[Block], format: Format) -> String {
    let text = match format {
        Format::Markdown => markdown::render(blocks),
        Format::Html => html::render(blocks),
        Format::Text => text::render(blocks),
    };
    crate::io::hygiene::terminal(&text).into_owned()
}
