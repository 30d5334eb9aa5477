//! The words a search found, marked where they are drawn (the help, the
//! narratives, the details, the phase names): reversed and underlined, so they show without
//! colour too (`NO_COLOR`).

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::model::needle::occurrences;

/// How a found word is drawn, over the text's own style.
pub fn mark() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
}

/// `text` in `style`, with each occurrence of `query` (case and accents
/// aside, as search matches) marked.
pub fn spans(text: &str, query: Option<&str>, style: Style) -> Vec<Span<'static>> {
    let found = query.map_or_else(Vec::new, |q| occurrences(text, q));
    let mut out = Vec::with_capacity(found.len() * 2 + 1);
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
