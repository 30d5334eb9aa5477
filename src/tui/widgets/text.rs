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
}
