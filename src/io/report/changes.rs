//! What `obiettivi diff` and the minutes of a review say about what changed
//! between two states of the plan.

use super::block::Block;
use crate::i18n::{tr, tr_string};
use crate::model::compare::{
    Difference, ObjectiveComparison, Presence, Words, describe, say, summarise, word_counts,
};
use crate::model::{Dataset, Objective};
use crate::tr_format;

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
        out.push(Block::text("Nessuna modifica.", "No changes."));
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
        Presence::Added => out.push_str(tr(" (nuovo)", " (new)")),
        Presence::Removed => out.push_str(tr(" (eliminato)", " (removed)")),
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
            out.push(narrative_heading(*field, words));
            out.push(Block::Diff(summarise(words, CONTEXT_WORDS)));
        }
    }
}

/// What the minutes say changed, in words a secretary can paste into a
/// verbale: each field before and after (`Stato — prima: In Corso; dopo:
/// Concluso`); a narrative as the words around each change before and after
/// when `plain` (no markup: the txt minutes), else as the format's own word
/// diff; a narrative rewritten (most of its words changed, where a word diff
/// is noise) before and after whole, whatever the format.
pub fn before_and_after(differences: &[Difference], plain: bool, out: &mut Vec<Block>) {
    let lines: Vec<String> = differences
        .iter()
        .filter_map(say)
        .map(|said| match said.values {
            Some((old, new)) => tr_format!(
                "{} — prima: {old}; dopo: {new}",
                "{} — before: {old}; after: {new}",
                said.what
            ),
            None => said.what,
        })
        .collect();
    if !lines.is_empty() {
        out.push(Block::List(lines));
    }
    for d in differences {
        let Difference::Narrative { field, words } = d else {
            continue;
        };
        out.push(narrative_heading(*field, words));
        let (before, after) = if rewritten(words) {
            sides(words)
        } else if plain {
            // A few words around each change: its paragraph breaks would scatter them.
            let (before, after) = sides(&summarise(words, CONTEXT_WORDS));
            (one_line(&before), one_line(&after))
        } else {
            out.push(Block::Diff(summarise(words, CONTEXT_WORDS)));
            continue;
        };
        let said = |text: String| match text.trim() {
            "" => tr_string("(vuoto)", "(empty)"),
            _ => text,
        };
        let (before, after) = (said(before), said(after));
        out.push(Block::Text(tr_format!(
            "Prima: {before}",
            "Before: {before}"
        )));
        out.push(Block::Text(tr_format!("Dopo: {after}", "After: {after}")));
    }
}

/// `Stato di attuazione 1° anno (−12 / +30 parole)`.
fn narrative_heading(field: crate::model::ObjectiveField, words: &[Words]) -> Block {
    let (removed, added) = word_counts(words);
    Block::Heading(tr_format!(
        "{} (−{removed} / +{added} parole)",
        "{} (−{removed} / +{added} words)",
        field.label()
    ))
}

/// Whether a word diff would change most of the text: fewer words kept
/// than changed on the longer side.
fn rewritten(words: &[Words]) -> bool {
    let count = |s: &String| s.split_whitespace().count();
    let kept: usize = words
        .iter()
        .map(|w| match w {
            Words::Same(s) => count(s),
            _ => 0,
        })
        .sum();
    let (removed, added) = word_counts(words);
    kept * 2 < (kept + removed).max(kept + added)
}

/// The text before and after from a word diff (whole, or summarised with `…`).
fn sides(words: &[Words]) -> (String, String) {
    let (mut before, mut after) = (String::new(), String::new());
    for w in words {
        match w {
            Words::Same(s) => {
                before.push_str(s);
                after.push_str(s);
            }
            Words::Removed(s) => before.push_str(s),
            Words::Added(s) => after.push_str(s),
            Words::Elided => {
                before.push_str("… ");
                after.push_str("… ");
            }
        }
    }
    (before.trim().to_string(), after.trim().to_string())
}

/// `text` on one line, its spaces and line breaks each one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(text: &str, max: usize) -> String {
    crate::model::text::cut(&one_line(text), max)
}
