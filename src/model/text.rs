//! Text cut or wrapped to a display width (terminal columns: `città` is 5,
//! a CJK character 2), for every face: the history's and the imports' short
//! values, the text report's paragraphs, the TUI's cells. `unicode-truncate`
//! cuts on grapheme boundaries and `textwrap` wraps, both by display width.

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    // Printable ASCII (most of a plan) in one pass over the bytes.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    let mut columns = 0;
    for c in text.chars() {
        if !one_column(c) {
            return text.width();
        }
        columns += 1;
    }
    columns
}

/// A character that is a grapheme of its own, one column wide, whatever
/// comes before or after it (when that is one of these too): printable
/// ASCII, Latin letters with their accents, Greek letters, general
/// punctuation, arrows, mathematical operators, box drawing, blocks and
/// geometric shapes but the two that are emoji. Nearly all of a plan's text
/// is made of them, so a title is measured and cut by counting characters,
/// not by segmenting it into graphemes (each tree row, every frame).
pub fn one_column(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{24F}'
        | '\u{391}'..='\u{3A1}'
        | '\u{3A3}'..='\u{3C9}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2190}'..='\u{22FF}'
        | '\u{2500}'..='\u{25FC}')
}

/// `text` cut to at most `width` columns, ending with `…` when cut.
pub fn cut(text: &str, width: usize) -> String {
    if text.chars().all(one_column) {
        // The character before which the cut falls, if it falls in the text.
        return match (width, text.char_indices().nth(width)) {
            (0, _) => String::new(),
            (_, None) => text.to_string(),
            (w, Some(_)) => {
                let end = text.char_indices().nth(w - 1).map_or(0, |(i, _)| i);
                format!("{}…", &text[..end])
            }
        };
    }
    // What fits, measured from the start and no further than the cut.
    let (fits, _) = text.unicode_truncate(width);
    if fits.len() == text.len() {
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

    /// Counting characters gives what segmenting into graphemes gives, on
    /// every character [`one_column`] takes (and the rest goes the long way).
    #[test]
    fn one_column_characters_measure_and_cut_as_graphemes_do() {
        let taken: String = (' '..='\u{25FF}').filter(|c| one_column(*c)).collect();
        assert!(taken.chars().count() > 1000);
        for c in taken.chars() {
            assert_eq!(c.to_string().width(), 1, "{c:?} U+{:04X}", c as u32);
        }
        for text in [
            taken.as_str(),
            "Città di Ghirlanda · Σ ≠ 100",
            "e\u{301}è",
            "日本",
        ] {
            assert_eq!(width(text), text.width(), "{text}");
            for w in [0, 1, 2, 5, 40, 5000] {
                let (fits, _) = text.unicode_truncate(w.max(1) - 1);
                let slow = match () {
                    () if w == 0 => String::new(),
                    () if text.width() <= w => text.to_string(),
                    () => format!("{fits}…"),
                };
                assert_eq!(cut(text, w), slow, "{text} at {w}");
            }
        }
    }

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
