//! The words a search found, marked where they are drawn (the help, the
//! narratives, the details, the cells of the phase and indicator tables):
//! reversed and underlined, so they show without colour too (`NO_COLOR`).

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::text::fit;
use crate::model::needle::occurrences;

/// How a found word is drawn, over the text's own style.
pub fn mark() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
}

/// `text` in `style`, with each occurrence of `query` (case and accents
/// aside, as search matches) marked.
pub fn spans(text: &str, query: Option<&str>, style: Style) -> Vec<Span<'static>> {
    marked(text, found(text, query), style)
}

/// `text` fitted to `width` cells (cut with `…` or padded, as a table cell
/// is), marked as [`spans`] marks it: a word the cut goes through is marked
/// as far as it shows, so a cut name still says where the word is.
pub fn fitted(text: &str, width: usize, query: Option<&str>, style: Style) -> Vec<Span<'static>> {
    let shown = fit(text, width);
    // Most frames draw with no search: the cell as it was, not copied again.
    if query.is_none() {
        return vec![Span::styled(shown, style)];
    }
    // What of `shown` is `text`'s own, before the `…` or the padding.
    let mut kept = (shown.bytes().zip(text.bytes()))
        .take_while(|(a, b)| a == b)
        .count();
    while !shown.is_char_boundary(kept) {
        kept -= 1;
    }
    let found = found(text, query)
        .into_iter()
        .map(|r| r.start..r.end.min(kept))
        .filter(|r| !r.is_empty());
    marked(&shown, found, style)
}

fn found(text: &str, query: Option<&str>) -> Vec<Range<usize>> {
    query.map_or_else(Vec::new, |q| occurrences(text, q))
}

/// `text` in `style`, the byte ranges `found` (in order) marked.
fn marked(
    text: &str,
    found: impl IntoIterator<Item = Range<usize>>,
    style: Style,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for range in found {
        if range.start > at {
            out.push(Span::styled(text[at..range.start].to_string(), style));
        }
        out.push(Span::styled(
            text[range.clone()].to_string(),
            style.patch(mark()),
        ));
        at = range.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Span::styled(text[at..].to_string(), style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marked text of each span, `_` for the unmarked.
    fn shown(spans: &[Span]) -> Vec<String> {
        spans
            .iter()
            .map(|s| match s.style == mark() {
                true => s.content.to_string(),
                false => format!("_{}", s.content),
            })
            .collect()
    }

    #[test]
    fn a_fitted_cell_marks_its_words_as_far_as_they_show() {
        let text = "NUOVA CASA DELLE ASSOCIAZIONI";
        let cut = fitted(text, 20, Some("associazioni"), Style::new());
        assert_eq!(shown(&cut), ["_NUOVA CASA DELLE ", "AS", "_…"]);
        let padded = fitted("città", 8, Some("CITTA"), Style::new());
        assert_eq!(shown(&padded), ["città", "_   "]);
        assert_eq!(
            shown(&fitted(text, 10, Some("delle"), Style::new())),
            ["_NUOVA CAS…"]
        );
        assert_eq!(shown(&fitted(text, 5, None, Style::new())), ["_NUOV…"]);
    }
}
