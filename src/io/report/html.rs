//! The scheda as one self-contained HTML file (inline CSS, no scripts, no
//! external resources) that prints on A4 with one page per objective.

use super::block::Block;
use crate::i18n::{Lang, lang};
use crate::io::hygiene::html as escape;
use crate::model::compare::Words;

/// The stylesheet, a file of its own so that it reads (and is edited) as CSS.
const STYLE: &str = include_str!("report.css");

pub fn render(blocks: &[Block]) -> String {
    let language = if lang() == Lang::En { "en" } else { "it" };
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t, _) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    let mut in_section = false;
    // Inside a landscape part: its wide table's codes may break after an underscore.
    let mut wide = false;
    for block in blocks {
        match block {
            // Each from a new page when printed.
            Block::Objective(title) | Block::Chapter { title, .. } => {
                let landscape = matches!(
                    block,
                    Block::Chapter {
                        landscape: true,
                        ..
                    }
                );
                let class = match block {
                    Block::Objective(_) => "objective",
                    _ if landscape => "chapter landscape",
                    _ => "chapter",
                };
                if in_section {
                    out.push_str("</section>\n");
                }
                (in_section, wide) = (true, landscape);
                out.push_str(&format!(
                    "<section class=\"{class}\">\n<h2>{}</h2>\n",
                    escape(title)
                ));
            }
            Block::Chart { caption, bars } => out.push_str(&super::chart::svg(caption, bars)),
            Block::Footer(lines) => {
                if in_section {
                    out.push_str("</section>\n");
                    in_section = false;
                }
                let lines = lines.iter().map(|l| format!("<p>{}</p>\n", escape(l)));
                out.push_str(&element(
                    "<footer class=\"source\">\n",
                    lines,
                    "</footer>\n",
                ));
            }
            Block::Title(title, subtitle) => {
                out.push_str(&format!("<header>\n<h1>{}</h1>\n", escape(title)));
                if !subtitle.is_empty() {
                    out.push_str(&format!(
                        "<p class=\"subtitle\">{}</p>\n",
                        escape(&subtitle.join(" · "))
                    ));
                }
                out.push_str("</header>\n");
            }
            Block::Heading(h) => out.push_str(&format!("<h3>{}</h3>\n", escape(h))),
            Block::Fields(fields) => {
                let fields = (fields.iter()).map(|(label, value)| {
                    format!("<dt>{}</dt><dd>{}</dd>\n", escape(label), lines(value))
                });
                out.push_str(&element("<dl class=\"fields\">\n", fields, "</dl>\n"));
            }
            Block::Text(text) => {
                for paragraph in text.split("\n\n") {
                    out.push_str(&format!("<p>{}</p>\n", lines(paragraph)));
                }
            }
            Block::List(items) => {
                let items = items.iter().map(|i| format!("<li>{}</li>\n", escape(i)));
                out.push_str(&element("<ul>\n", items, "</ul>\n"));
            }
            Block::Table { header, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for h in header {
                    out.push_str(&format!("<th>{}</th>", escape(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let cell = lines(cell);
                        let cell = if wide {
                            cell.replace('_', "_<wbr>")
                        } else {
                            cell
                        };
                        out.push_str(&format!("<td>{cell}</td>"));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Diff(words) => {
                out.push_str("<p class=\"diff\">");
                for w in words {
                    out.push_str(&match w {
                        Words::Same(s) => lines(s),
                        Words::Removed(s) => format!("<del>{}</del>", lines(s)),
                        Words::Added(s) => format!("<ins>{}</ins>", lines(s)),
                        Words::Elided => "… ".into(),
                    });
                }
                out.push_str("</p>\n");
            }
            Block::Warnings(items) => {
                let items = items.iter().map(|i| format!("<p>⚠ {}</p>\n", escape(i)));
                out.push_str(&element("<div class=\"warnings\">\n", items, "</div>\n"));
            }
        }
    }
    if in_section {
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// An element: its opening tag, what it holds, its closing tag.
fn element(open: &str, inside: impl Iterator<Item = String>, close: &str) -> String {
    std::iter::once(open.to_string())
        .chain(inside)
        .chain([close.to_string()])
        .collect()
}

/// Text with its line breaks kept.
fn lines(text: &str) -> String {
    escape(text).replace('\n', "<br>\n")
}
