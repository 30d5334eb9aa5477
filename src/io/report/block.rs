//! What a scheda says, as pieces that know no output format: `content`,
//! `summary`, `changes` and `minutes` write them, `markdown`, `html` and
//! `text` draw them.

use crate::i18n::tr;
use crate::model::compare::Words;

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
    /// A text as a word-level diff: removed and added words marked.
    Diff(Vec<Words>),
    /// A part of a cycle document (a new page when printed); `landscape`
    /// prints it on A4 turned sideways (the Relazione's wide table).
    Chapter {
        title: String,
        landscape: bool,
    },
    /// A bar chart of values 0–100 (n/d: no bar): drawn by the HTML only,
    /// the same figures being in a table beside it.
    Chart {
        caption: String,
        bars: Vec<Bar>,
    },
    /// What the document was built from, at the end (and at each printed page's foot).
    Footer(Vec<String>),
}

impl Block {
    /// A heading in the reader's language.
    pub fn heading(it: &str, en: &str) -> Block {
        Block::Heading(tr(it, en).into())
    }

    /// A line of text in the reader's language.
    pub fn text(it: &str, en: &str) -> Block {
        Block::Text(tr(it, en).into())
    }

    /// A table under `header`.
    pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> Block {
        let header = header.iter().map(|h| h.to_string()).collect();
        Block::Table { header, rows }
    }

    /// A table under `header`; when it has no rows, `none` said in its place.
    pub fn table_or(header: &[&str], rows: Vec<Vec<String>>, none: &str) -> Block {
        match rows.is_empty() {
            true => Block::Text(none.into()),
            false => Block::table(header, rows),
        }
    }
}

/// One bar of a [`Block::Chart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
}
