//! Text cut or wrapped to a display width (terminal columns: `città` is 5,
//! a CJK character 2), for every face: the history's and the imports' short
//! values, the text report's paragraphs, the TUI's cells. `unicode-truncate`
//! cuts on grapheme boundaries and `textwrap` wraps, both by display width.

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `width` columns, ending with `…` when cut.
pub fn cut(text: &str, width: usize) -> String {
    // Printable ASCII is one column a byte: no need to measure every
    // character of a long title to cut it (each tree row, every frame).
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return match width {
            0 => String::new(),
            w if text.len() <= w => text.to_string(),
            w => format!("{}…", &text[..w - 1]),
        };
    }
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) = text.unicode_truncate(width - 1);
    format!("{kept}…")
}

/// `text` on one line (each line break shown `⏎`), cut to `width` columns
/// with `…`: a value quoted in a message or a history line.
pub fn one_line(text: &str, width: usize) -> String {
    cut(&text.replace("\r\n", "\n").replace('\n', " ⏎ "), width)
}

/// `text` wrapped at `width` columns, greedily (each line as full as it
/// goes), words split at spaces; `\n` starts a new line. `lead` comes before
/// the first line and as many spaces before the others (a hanging indent).
/// A word longer than a line is cut where it fills one when `cut_long_words`,
/// else it stays whole on a line of its own.
pub fn wrap(text: &str, width: usize, lead: &str, cut_long_words: bool) -> Vec<String> {
    let indent = " ".repeat(lead.width());
    let options = Options::new(width.max(1))
        .initial_indent(lead)
        .subsequent_indent(&indent)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(cut_long_words);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.trim_end().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_counts_columns_and_ends_with_an_ellipsis() {
        assert_eq!(cut("abc", 5), "abc");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("città di Roma", 5), "citt…");
        // A wide character is two columns: never half of one.
        assert_eq!(cut("日本語のテキスト", 5), "日本…");
        assert_eq!(cut("x", 0), "");
        assert_eq!(one_line("uno\r\ndue", 40), "uno ⏎ due");
    }

    #[test]
    fn wrap_fills_lines_keeps_paragraphs_and_long_words_as_asked() {
        assert_eq!(
            wrap("uno due tre quattro", 8, "", true),
            ["uno due", "tre", "quattro"]
        );
        assert_eq!(wrap("a\n\nb", 5, "", true), ["a", "", "b"]);
        assert_eq!(wrap("abcdefghij", 4, "", true), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("ab abcdefghij", 4, "", false), ["ab", "abcdefghij"]);
        assert_eq!(wrap("uno due tre", 9, "- ", false), ["- uno due", "  tre"]);
        assert!(
            wrap("città è qui", 5, "", true)
                .iter()
                .all(|l| width(l) <= 5)
        );
    }
}
