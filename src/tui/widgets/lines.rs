//! Lines drawn as they are: each on its row from the top of the area, cut at
//! its right edge. The cells come out as `Paragraph::new(lines)` (no wrap,
//! scroll or alignment) leaves them, for the panes that build their lines
//! to fit: the tree, the tables, the overview, the title and status lines.
//!
//! Why not `Paragraph`: it splits every line into graphemes, collects them
//! and measures each, and that was 40 % of a frame (callgrind on
//! `examples/perf`'s session, 2 000 × 3: 3.2 M instructions of 5.7 M per
//! frame). A plan's text is nearly all characters that are a grapheme and a
//! column each (letters with their accents, punctuation, the box and gauge
//! symbols): those go straight into their cell here; anything else (a
//! combining mark, a wide or zero-width character, an emoji) goes the
//! grapheme way, as `Paragraph` does.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::text::one_column;

/// The lines to draw, top to bottom; those below the area are not drawn.
pub struct Lines<'a>(Vec<Line<'a>>);

impl<'a> Lines<'a> {
    pub fn new(lines: impl Into<Vec<Line<'a>>>) -> Lines<'a> {
        Lines(lines.into())
    }
}

impl Widget for Lines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        // A pane squeezed to nothing (a terminal one column wide): no cell to draw in.
        if area.is_empty() {
            return;
        }
        for (line, y) in self.0.iter().zip(area.top()..area.bottom()) {
            draw_line(buf, line, (area.x, y), area.width);
        }
    }
}

/// One line at `(x, y)`, at most `width` columns: it stops at the first
/// grapheme that does not fit whole (as `Paragraph`'s truncation does).
fn draw_line(buf: &mut Buffer, line: &Line, (x, y): (u16, u16), width: u16) {
    let start = buf.index_of(x, y);
    let mut used = 0u16;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut rest = span.content.as_ref();
        while let Some(c) = rest.chars().next() {
            let after = rest[c.len_utf8()..].chars().next();
            let (symbol_len, columns) = if one_column(c) && after.is_none_or(one_column) {
                if used == width {
                    return;
                }
                buf.content[start + used as usize]
                    .set_char(c)
                    .set_style(style);
                (c.len_utf8(), 1)
            } else {
                let Some(grapheme) = rest.graphemes(true).next() else {
                    break;
                };
                // A control character is not drawn, nor is a zero-width grapheme, nor
                // one wider than the whole area.
                let columns = if grapheme.contains(char::is_control) {
                    0
                } else {
                    Some(grapheme.cell_width())
                        .filter(|c| *c <= width)
                        .unwrap_or(0)
                };
                if columns > 0 {
                    if used + columns > width {
                        return;
                    }
                    buf.content[start + used as usize]
                        .set_symbol(grapheme)
                        .set_style(style);
                }
                (grapheme.len(), columns)
            };
            used += columns;
            rest = &rest[symbol_len..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;
    use ratatui::widgets::Paragraph;

    /// Both ways into a buffer of `width` × 3 that already holds something.
    fn both(lines: Vec<Line<'static>>, width: u16) -> (Buffer, Buffer) {
        let area = Rect::new(0, 0, width + 4, 4);
        let inner = Rect::new(2, 1, width, 3);
        let mut drawn = Buffer::filled(area, ratatui::buffer::Cell::new("x"));
        let mut paragraph = drawn.clone();
        Lines::new(lines.clone()).render(inner, &mut drawn);
        Paragraph::new(lines).render(inner, &mut paragraph);
        (drawn, paragraph)
    }

    #[test]
    fn cells_are_the_paragraphs_for_every_kind_of_text() {
        let pieces = [
            "Città di Ghirlanda ",
            "▾ 05_1201 ",
            "█████░░░░░ 100%",
            "e\u{301}",
            "a\u{200D}b",
            "日本語",
            "👩‍👩‍👧 ",
            "⚠",
            "tab\there",
            "Σ pesi ≠ 100 · ∅ ≡ ∉",
            "\u{AD}soft",
            "◽x◾",
            "",
            "\r\n",
            "Ω ε",
        ];
        let styles = [
            Style::new(),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        ];
        // Every pair of pieces, as two spans and as one, cut at several widths.
        for (i, a) in pieces.iter().enumerate() {
            for (j, b) in pieces.iter().enumerate() {
                let style = styles[(i + j) % styles.len()];
                let lines = vec![
                    Line::from(vec![Span::styled(*a, style), Span::raw(*b)]),
                    Line::styled(format!("{b}{a}"), styles[j % styles.len()]),
                    Line::raw(format!("{a}{a}{b}")),
                ];
                for width in [1, 2, 3, 7, 16, 40] {
                    let (drawn, paragraph) = both(lines.clone(), width);
                    assert_eq!(drawn, paragraph, "{a:?} {b:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn lines_below_the_area_are_not_drawn() {
        let lines: Vec<Line> = (0..6).map(|i| Line::raw(format!("riga {i}"))).collect();
        let (drawn, paragraph) = both(lines, 10);
        assert_eq!(drawn, paragraph);
        assert_eq!(drawn[(2, 3)].symbol(), "r");
    }
}
