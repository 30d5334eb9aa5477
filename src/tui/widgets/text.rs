//! Fitting text into terminal cells (display width, not bytes or chars):
//! the TUI's side of `model::text` (unicode-truncate, textwrap).

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::text;

/// `text` cut to `width` cells (with `…` when cut) and padded with spaces to exactly `width`.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = text::cut(text, width);
    out.push_str(&" ".repeat(width.saturating_sub(text::width(&out))));
    out
}

/// `text` word-wrapped to `width` cells; each `\n` starts a new line and a
/// word longer than a line is cut. Knowing the lines lets a caller scroll
/// exactly and build only the visible ones.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|paragraph| {
            // Runs of spaces and tabs are one space on the screen.
            let words = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            text::wrap(&words, width, "", true)
        })
        .collect()
}

/// Whether [`wrap`] gives `text`, `columns` wide, one row at `width`, told
/// without wrapping it: narrow enough, and no line break or other control
/// character (wrapping only narrows spaces). A list of a city's missions is
/// measured at every frame.
pub fn one_row(text: &str, columns: usize, width: usize) -> bool {
    columns <= width && !text.bytes().any(|b| b < b' ')
}

/// `lines` word-wrapped to `width` cells (each line's own style kept on its
/// spans), as [`wrap_spans`] wraps them: a pane sizes an area by the
/// result's length and draws the same rows, so nothing is cut. Lines stop
/// being wrapped once there are `most` rows: a pane that shows its first
/// rows does not wrap a long text whole.
pub fn wrap_lines(lines: &[Line<'_>], width: usize, most: usize) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    for line in lines {
        if rows.len() >= most {
            break;
        }
        let spans: Vec<Span<'_>> = line
            .spans
            .iter()
            .map(|s| Span::styled(s.content.clone(), line.style.patch(s.style)))
            .collect();
        rows.extend(wrap_spans_up_to(&spans, width, most - rows.len()));
    }
    rows
}

/// Styled `spans` word-wrapped to `width` cells, each style kept: what a
/// status line draws is exactly what its height was measured on. A break
/// takes the place of the spaces it falls on; `\n` breaks; a word longer
/// than a line is split. A word is a word across spans (a search's match
/// marked inside it, a quote before it): no break where no space is.
pub fn wrap_spans(spans: &[Span<'_>], width: usize) -> Vec<Line<'static>> {
    wrap_spans_up_to(spans, width, usize::MAX)
}

/// The first `most` rows of [`wrap_spans`]: a narrative is one line of
/// thousands of characters, and a pane shows the first few of its rows.
/// A row is a range of the joined text (what a break falls on is left
/// between two rows), cut into spans by style once it is whole.
fn wrap_spans_up_to(spans: &[Span<'_>], width: usize, most: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    // The spans' text as one, and where each span ends in it.
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let ends: Vec<(usize, Style)> = spans
        .iter()
        .scan(0, |end, s| {
            *end += s.content.len();
            Some((*end, s.style))
        })
        .collect();
    let mut rows: Vec<Range<usize>> = std::iter::once(0..0).collect();
    let mut used = 0;
    let new_row = |rows: &mut Vec<Range<usize>>, at: usize| rows.push(at..at);
    for (class, run) in runs(&text) {
        // A row past the last one wanted has begun: the rows before it are whole.
        if rows.len() > most {
            break;
        }
        let w = text::width(&text[run.clone()]);
        if class == Class::Break || (class == Class::Spaces && used + w > width) {
            new_row(&mut rows, run.end);
            used = 0;
        } else if used + w <= width {
            used += w;
        } else if w <= width {
            new_row(&mut rows, run.start);
            used = w;
        } else {
            for (i, c) in text[run.clone()].char_indices() {
                let cw = text::width(c.encode_utf8(&mut [0; 4]));
                if used + cw > width {
                    let cut = run.start + i;
                    if let Some(row) = rows.last_mut() {
                        row.end = cut;
                    }
                    new_row(&mut rows, cut);
                    used = 0;
                }
                used += cw;
            }
        }
        if class != Class::Break
            && let Some(row) = rows.last_mut()
        {
            row.end = run.end;
        }
    }
    rows.truncate(most);
    let mut at = 0;
    (rows.into_iter())
        .map(|row| {
            // The spaces a break fell after go too.
            let end = row.start + text[row.clone()].trim_end_matches(' ').len();
            let mut line: Vec<Span<'static>> = Vec::new();
            let mut from = row.start;
            while from < end {
                while ends[at].0 <= from {
                    at += 1;
                }
                let (span_end, style) = ends[at];
                let piece = &text[from..span_end.min(end)];
                match line.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(piece),
                    _ => line.push(Span::styled(piece.to_string(), style)),
                }
                from += piece.len();
            }
            Line::from(line)
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Break,
    Spaces,
    Word,
}

impl Class {
    fn of(c: char) -> Class {
        match c {
            '\n' => Class::Break,
            ' ' => Class::Spaces,
            _ => Class::Word,
        }
    }
}

/// Runs of spaces, runs of other characters (across spans: the text is
/// theirs joined), and each `\n` alone, as byte ranges of `text`; found as
/// they are asked for (the wrap may stop early).
fn runs(text: &str) -> impl Iterator<Item = (Class, Range<usize>)> + '_ {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let class = Class::of(c);
            let next = chars.peek().map(|(_, n)| Class::of(*n));
            if class == Class::Break || next != Some(class) {
                let end = i + c.len_utf8();
                let run = start..end;
                start = end;
                return Some((class, run));
            }
        }
        None
    })
}

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    text::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text said to be one row is one row once wrapped.
    #[test]
    fn one_row_is_what_wrapping_gives() {
        let texts = [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{a0}b",
            "a\u{2003}b",
            "( ) missione 01 Servizi istituzionali",
            "perché è così",
            "漢字 漢字",
            "a long line of words that does not fit in twenty columns",
        ];
        for text in texts {
            for width in [1, 3, 20, 80] {
                let one = one_row(text, text::width(text), width);
                if one {
                    assert_eq!(wrap(text, width).len(), 1, "{text:?} at {width}");
                }
                if !text.contains(['\n', '\t']) && wrap(text, width).len() == 1 {
                    assert!(one || text::width(text) > width, "{text:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn fit_pads_or_cuts_with_an_ellipsis() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("città", 5), "città");
        assert_eq!(fit("x", 0), "");
    }

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    /// A search's match marked inside a word, or after a quote, is one
    /// word with them: seen as `anziani "` / `Domea: il potere` before.
    #[test]
    fn a_word_across_spans_is_not_broken_where_no_space_is() {
        let mark = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let spans = [
            Span::raw("per anziani \""),
            Span::styled("Domea", mark),
            Span::raw(": il potere"),
        ];
        let lines = wrap_spans(&spans, 14);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(texts, ["per anziani", "\"Domea: il", "potere"]);
        assert_eq!(lines[1].spans[1].content, "Domea");
        assert_eq!(lines[1].spans[1].style, mark);
    }

    #[test]
    fn wrap_spans_breaks_at_words_keeps_styles_and_splits_long_words() {
        let red = Style::new().fg(ratatui::style::Color::Red);
        let spans = [
            Span::raw(" ✗ la tua"),
            Span::styled(" modifica NON salvata", red),
        ];
        let lines = wrap_spans(&spans, 12);
        assert_eq!(plain(&lines), [" ✗ la tua", "modifica NON", "salvata"]);
        assert_eq!(lines[1].spans[0].style, red);
        assert_eq!(lines[0].spans[0].style, Style::new());
        assert_eq!(
            plain(&wrap_spans(&[Span::raw("abcdefghij x")], 4)),
            ["abcd", "efgh", "ij x"]
        );
        assert_eq!(plain(&wrap_spans(&[Span::raw("a\nb")], 4)), ["a", "b"]);
        assert_eq!(plain(&wrap_spans(&[Span::raw("")], 4)), [""]);
        for w in 1..30 {
            let lines = wrap_spans(&spans, w);
            assert!(lines.iter().all(|l| l.width() <= w), "{w}");
            let words: String = plain(&lines).join(" ");
            assert_eq!(
                words.split_whitespace().collect::<String>(),
                "✗latuamodificaNONsalvata",
                "nothing lost at {w}"
            );
        }
    }

    /// Wrapping up to `most` rows gives the first `most` rows of the whole
    /// wrap, at any width: what a pane draws unscrolled is what it would
    /// draw of the whole text.
    #[test]
    fn wrap_lines_up_to_most_rows_is_the_start_of_the_whole_wrap() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = [
            Line::from(vec![Span::styled("Stato: ", bold), Span::raw("in corso")]),
            Line::from(
                "Nel 2025 il servizio ha avviato   la coprogettazione con gli enti, abcdefghijklmnopqrstuvwxyz e città.\nSecondo paragrafo.",
            ),
            Line::from(""),
            Line::from("ultima riga"),
        ];
        for width in 1..40 {
            let whole = wrap_lines(&lines, width, usize::MAX);
            for most in 0..whole.len() + 2 {
                let first = wrap_lines(&lines, width, most);
                assert_eq!(
                    first,
                    whole[..most.min(whole.len())],
                    "width {width}, most {most}"
                );
            }
        }
    }

    #[test]
    fn wrap_breaks_at_words_keeps_paragraphs_and_cuts_long_words() {
        assert_eq!(
            wrap("uno due tre quattro", 8),
            ["uno due", "tre", "quattro"]
        );
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert!(wrap("città è qui", 5).iter().all(|l| width(l) <= 5));
    }
}
