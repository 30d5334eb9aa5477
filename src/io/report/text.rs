//! The scheda as plain text for a terminal or a plain printer: underlined
//! headings, aligned labels, tables as one record per row (eleven phase
//! columns do not fit in 80), paragraphs wrapped at 80 columns.

use unicode_width::UnicodeWidthStr;

use super::block::Block;
use crate::model::compare::Words;

const WIDTH: usize = 80;

pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(title, subtitle) => {
                out.push_str(&underlined(title, '='));
                for line in subtitle {
                    out.push_str(&format!("{line}\n"));
                }
                out.push('\n');
            }
            Block::Objective(title) | Block::Chapter { title, .. } => {
                out.push_str(&format!(
                    "{}\n{title}\n{}\n\n",
                    "═".repeat(WIDTH),
                    "═".repeat(WIDTH)
                ));
            }
            Block::Heading(h) => out.push_str(&underlined(h, '-')),
            // Its figures are in the table beside it.
            Block::Chart { .. } => {}
            Block::Footer(lines) => {
                out.push_str(&format!("{}\n", "─".repeat(WIDTH)));
                for line in lines {
                    out.push_str(&wrap(line, ""));
                }
            }
            Block::Fields(fields) => {
                let width = fields.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
                for (label, value) in fields {
                    let pad = " ".repeat(width - label.width());
                    out.push_str(&wrap(value, &format!("{label}:{pad} ")));
                }
                out.push('\n');
            }
            Block::Text(text) => {
                for paragraph in text.split('\n') {
                    out.push_str(&wrap(paragraph, ""));
                }
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str(&wrap(item, "- "));
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                let width = header.iter().skip(1).map(|h| h.width()).max().unwrap_or(0);
                for row in rows {
                    let mut cells = header.iter().zip(row).peekable();
                    // The record's title: its first cell, or "1. NAME" for a numbered row.
                    if let Some((_, first)) = cells.next() {
                        let numbered =
                            !first.is_empty() && first.chars().all(|c| c.is_ascii_digit());
                        match cells.next_if(|_| numbered) {
                            Some((_, name)) => out.push_str(&wrap(name, &format!("{first}. "))),
                            None => out.push_str(&wrap(first, "")),
                        }
                    }
                    for (label, value) in cells.filter(|(_, v)| !v.is_empty()) {
                        let pad = " ".repeat(width - label.width());
                        out.push_str(&wrap(value, &format!("    {label}:{pad} ")));
                    }
                }
                out.push('\n');
            }
            Block::Warnings(items) => {
                for item in items {
                    out.push_str(&wrap(item, "! "));
                }
                out.push('\n');
            }
            Block::Diff(words) => {
                // git's word-diff markers: readable without colour.
                let text: String = words
                    .iter()
                    .map(|w| match w {
                        Words::Same(s) => s.clone(),
                        Words::Removed(s) => format!("[-{}-]", s.trim()),
                        Words::Added(s) => format!("{{+{}+}}", s.trim()),
                        Words::Elided => "… ".into(),
                    })
                    .collect();
                for paragraph in text.split('\n') {
                    out.push_str(&wrap(paragraph, ""));
                }
                out.push('\n');
            }
        }
    }
    out
}

fn underlined(text: &str, with: char) -> String {
    format!("{text}\n{}\n", with.to_string().repeat(text.width().max(1)))
}

/// `text` wrapped at WIDTH columns, the first line after `lead`, the others
/// indented as far. A word longer than a line stays whole.
fn wrap(text: &str, lead: &str) -> String {
    // Line breaks inside the text are spaces here, as in the old scheda.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return format!("{}\n", lead.trim_end());
    }
    let mut out = String::new();
    for line in crate::model::text::wrap(&words, WIDTH, lead, false) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn wraps_at_80_columns_with_a_hanging_indent() {
        let text = "parola ".repeat(20);
        let wrapped = super::wrap(&text, "- ");
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 80),
            "{wrapped}"
        );
        assert!(wrapped.lines().nth(1).unwrap().starts_with("  parola"));
    }
}
