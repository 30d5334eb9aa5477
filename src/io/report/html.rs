//! The scheda as one self-contained HTML file (inline CSS, no scripts, no
//! external resources) that prints on A4 with one page per objective.

use super::block::Block;
use crate::i18n::{Lang, lang};
use crate::io::hygiene::html as escape;
use crate::model::compare::Words;

const STYLE: &str = "\
@page { size: A4; margin: 15mm 12mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; border-bottom: 2px solid #333; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
p.subtitle { color: #444; margin: 0 0 4mm; }
section.objective { break-after: page; page-break-after: always; }
section.objective:last-of-type { break-after: auto; page-break-after: auto; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 2mm 0; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 7.5pt; }
th, td { border: 1px solid #999; padding: 0.8mm 1mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #eee; }
tr { break-inside: avoid; }
div.warnings { border-left: 4px solid #c60; background: #fff4e5; padding: 1mm 3mm; margin-top: 3mm; }
div.warnings p { margin: 1mm 0; }
del { color: #a00; }
ins { color: #060; text-decoration: none; font-weight: bold; }
@media print {
  /* A4 less the @page margins is 186 mm: the body takes what there is. */
  body { max-width: none; margin: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  /* Long words (a link, a protocol number) wrap anywhere rather than push
     the page wider, where they would be cut off. */
  p, dd, li { overflow-wrap: anywhere; }
  dl.fields { grid-template-columns: max-content minmax(0, 1fr); }
  table { width: 100%; max-width: 100%; }
  /* The last column (Note in the phase table) wraps anywhere and takes a
     share of the width: the other columns keep their words whole. */
  th:last-child, td:last-child { overflow-wrap: anywhere; min-width: 40mm; }
  /* A table longer than a page repeats its header on every page. */
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  /* A cycle document's parts: each from a new page; the wide table on A4
     turned sideways, every cell wrapping anywhere so that no column is cut. */
  section.chapter { break-before: page; page-break-before: always; }
  header + section.chapter { break-before: auto; page-break-before: auto; }
  section.landscape { page: landscape; }
  section.landscape table { font-size: 6.5pt; }
  /* Codes break only after their underscores (a <wbr> there), words only
     when one is wider than its cell: the table sizes its columns to fit. */
  section.landscape th, section.landscape td { overflow-wrap: break-word; min-width: 0; padding: 0.5mm 0.6mm; }
  section.landscape th:last-child, section.landscape td:last-child { overflow-wrap: break-word; min-width: 0; }
  /* The objective's title and its indicators are the long texts. */
  section.landscape td:nth-child(4) { min-width: 40mm; }
  section.landscape td:nth-child(7) { min-width: 30mm; }
}
@page landscape { size: A4 landscape; margin: 12mm 12mm; }
figure.chart { margin: 3mm 0; }
figure.chart figcaption { font-weight: bold; margin-bottom: 1mm; }
footer.source { border-top: 1px solid #999; margin-top: 6mm; padding-top: 1mm; font-size: 8pt; color: #333; overflow-wrap: anywhere; }
footer.source p { margin: 0.5mm 0; }
";

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
