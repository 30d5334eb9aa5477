//! Fitting text into terminal cells (display width, not bytes or chars):
//! the TUI's side of `model::text` (unicode-truncate, textwrap).

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

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    text::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_or_cuts_with_an_ellipsis() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("città", 5), "città");
        assert_eq!(fit("x", 0), "");
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
