//! Fitting text into terminal cells (display width, not bytes or chars).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` cells (with `…` when cut) and padded with spaces to exactly `width`.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(width);
    let full = text.width();
    if full <= width {
        out.push_str(text);
        out.push_str(&" ".repeat(width - full));
        return out;
    }
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// `text` word-wrapped to `width` cells; each `\n` starts a new line and a
/// word longer than a line is cut. Knowing the lines lets a caller scroll
/// exactly and build only the visible ones.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word = word.to_string();
            while word.width() > width {
                // A word wider than the line: cut it where it fills one.
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                let mut used = 0;
                let cut = word
                    .char_indices()
                    .find(|(_, c)| {
                        used += c.width().unwrap_or(0);
                        used > width
                    })
                    .map_or(word.len(), |(i, _)| i);
                out.push(word[..cut].to_string());
                word = word[cut..].to_string();
            }
            if !line.is_empty() && line.width() + 1 + word.width() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        out.push(line);
    }
    out
}

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    text.width()
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
