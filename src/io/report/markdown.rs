//! The scheda as Markdown: headings, bold labels, pipe tables.

use super::block::Block;
use crate::io::hygiene::markdown as md;
use crate::model::compare::Words;

pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(title, subtitle) => {
                out.push_str(&format!("# {}\n\n", md(title)));
                if !subtitle.is_empty() {
                    out.push_str(&format!("_{}_\n\n", md(&subtitle.join(" · "))));
                }
            }
            Block::Objective(title) | Block::Chapter { title, .. } => {
                out.push_str(&format!("---\n\n## {}\n\n", md(title)))
            }
            // Its figures are in the table beside it.
            Block::Chart { .. } => {}
            Block::Footer(lines) => {
                out.push_str("---\n\n");
                for line in lines {
                    out.push_str(&format!("_{}_  \n", md(line)));
                }
                out.push('\n');
            }
            Block::Heading(h) => out.push_str(&format!("### {}\n\n", md(h))),
            Block::Fields(fields) => {
                for (label, value) in fields {
                    out.push_str(&format!("- **{}:** {}\n", md(label), inline(value)));
                }
                out.push('\n');
            }
            Block::Text(text) => out.push_str(&format!("{}\n\n", md(text))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", inline(item)));
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                out.push_str(&row(header));
                out.push_str(&row(&vec!["---".to_string(); header.len()]));
                for r in rows {
                    out.push_str(&row(r));
                }
                out.push('\n');
            }
            Block::Warnings(items) => {
                for item in items {
                    out.push_str(&format!("> ⚠ {}\n", inline(item)));
                }
                out.push('\n');
            }
            Block::Diff(words) => {
                // Strikethrough for removed words, bold for added ones.
                for w in words {
                    out.push_str(&match w {
                        Words::Same(s) => md(s),
                        Words::Removed(s) => marked(&md(s), "~~"),
                        Words::Added(s) => marked(&md(s), "**"),
                        Words::Elided => "… ".into(),
                    });
                }
                out.push_str("\n\n");
            }
        }
    }
    out
}

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| inline(c).replace('|', "\\|"))
        .collect();
    format!("| {} |\n", cells.join(" | "))
}

/// One line, markup escaped: a newline inside a list item or a table cell would break it.
fn inline(text: &str) -> String {
    md(text).replace('\n', "<br>")
}

/// `s` wrapped in `mark`, keeping its surrounding spaces outside (Markdown
/// ignores `** x**`) and each line marked on its own.
fn marked(s: &str, mark: &str) -> String {
    s.split('\n')
        .map(|line| {
            let core = line.trim();
            if core.is_empty() {
                return line.to_string();
            }
            let start = line.len() - line.trim_start().len();
            let end = start + core.len();
            format!("{}{mark}{core}{mark}{}", &line[..start], &line[end..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}
