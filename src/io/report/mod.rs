//! The Scheda Obiettivi regenerated from the database, with what the PDF
//! never had: each objective's roll-up with its formula, the weight sum, the
//! warnings of `check` and the late phases.
//!
//! [`content`] decides what a scheda says, once, as a list of [`Block`]s;
//! [`markdown`], [`html`] and [`text`] only decide how it looks.

mod content;
mod html;
mod markdown;
mod text;

use chrono::NaiveDate;

use crate::model::Dataset;

/// A piece of a scheda, independent of the output format.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title line(s).
    Title(String, Vec<String>),
    /// An objective begins (a new page when printed).
    Objective(String),
    /// A section heading inside an objective.
    Heading(String),
    /// `label: value` pairs.
    Fields(Vec<(String, String)>),
    /// Running text (paragraphs separated by blank lines).
    Text(String),
    List(Vec<String>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Something to look at: the weight sum, a late phase.
    Warnings(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
}

/// The schede of `codes` (all objectives when empty), in plan order.
/// The caller has checked that every code exists.
pub fn render(dataset: &Dataset, codes: &[String], format: Format, today: NaiveDate) -> String {
    let blocks = content::blocks(dataset, codes, today);
    match format {
        Format::Markdown => markdown::render(&blocks),
        Format::Html => html::render(&blocks),
        Format::Text => text::render(&blocks),
    }
}
