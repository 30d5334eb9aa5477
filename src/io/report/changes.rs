//! What `obiettivi diff` and the minutes of a review say about what changed
//! between two states of the plan.

use super::block::Block;
use crate::i18n::tr;
use crate::model::compare::{
    Difference, ObjectiveComparison, Presence, describe, summarise, word_counts,
};
use crate::model::{Dataset, Objective};

/// Words of context kept around each change in a narrative.
const CONTEXT_WORDS: usize = 6;

/// The whole comparison: a title, then each objective that differs.
pub fn blocks(
    title: String,
    subtitle: Vec<String>,
    old: &Dataset,
    new: &Dataset,
    comparisons: &[ObjectiveComparison],
) -> Vec<Block> {
    let mut out = vec![Block::Title(title, subtitle)];
    if comparisons.is_empty() {
        out.push(Block::Text(
            tr("Nessuna modifica.", "No changes.").to_string(),
        ));
    }
    for c in comparisons {
        let objective = new
            .objectives
            .iter()
            .chain(&old.objectives)
            .find(|o| o.code == c.code);
        out.push(Block::Objective(heading(&c.code, objective, c.presence)));
        differences(&c.differences, &mut out);
    }
    out
}

/// `05_1201_0601 — Tutelare il diritto…`, with "(nuovo)"/"(eliminato)".
pub fn heading(code: &str, objective: Option<&Objective>, presence: Presence) -> String {
    let title = objective.map_or("", |o| o.operational_objective.as_str());
    let mut out = code.to_string();
    if !title.trim().is_empty() {
        out.push_str(" — ");
        out.push_str(&shorten(title, 90));
    }
    match presence {
        Presence::Added => out.push_str(&format!(" ({})", tr("nuovo", "new"))),
        Presence::Removed => out.push_str(&format!(" ({})", tr("eliminato", "removed"))),
        Presence::Both => {}
    }
    out
}

/// The short differences as a list, then each narrative as a word diff.
pub fn differences(differences: &[Difference], out: &mut Vec<Block>) {
    let lines: Vec<String> = differences.iter().filter_map(describe).collect();
    if !lines.is_empty() {
        out.push(Block::List(lines));
    }
    for d in differences {
        if let Difference::Narrative { field, words } = d {
            let (removed, added) = word_counts(words);
            out.push(Block::Heading(format!(
                "{} (−{removed} / +{added} {})",
                field.label(),
                tr("parole", "words")
            )));
            out.push(Block::Diff(summarise(words, CONTEXT_WORDS)));
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::model::text::cut(&one_line, max)
}
