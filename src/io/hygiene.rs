//! What users typed, made safe for where it goes (GUIDE §7, output): a
//! terminal (control characters shown escaped), HTML and Markdown (markup
//! escaped), a spreadsheet (a cell that would start a formula neutralised).
//! Every output goes through these, one function per concern.

use std::borrow::Cow;

/// `text` with every character a terminal would act on shown as an escape
/// (`\x1b`, `\r`, `\u{202e}`…): an escape sequence in a note cannot erase
/// lines, move the cursor, set the title or the clipboard. Line breaks and
/// tabs are kept: they are how text is laid out.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !acted_on_somewhere(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acted_on_by_terminals(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `text` has a character `acted_on_by_terminals`, looked for a
/// byte at a time: each of them is encoded from a byte below 0x20, 0x7f,
/// 0xc2 (C1 controls, U+0080–U+009F) or 0xe2 (the bidirectional marks),
/// and only there is the character decoded. Walking every character was 21
/// instructions a byte of `check`'s 7 MB at 10 000 objectives.
fn acted_on_somewhere(text: &str) -> bool {
    let bytes = text.as_bytes();
    let may_start = |b: &u8| *b < 0x20 || matches!(*b, 0x7f | 0xc2 | 0xe2);
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(may_start) {
        // Each of those bytes begins a character (none is a continuation byte).
        let start = from + at;
        if text[start..]
            .chars()
            .next()
            .is_some_and(acted_on_by_terminals)
        {
            return true;
        }
        from = start + 1;
    }
    false
}

/// C0 and C1 controls (ESC, CSI, OSC, BEL, CR, backspace…), DEL, and the
/// bidirectional overrides that reorder what is shown.
fn acted_on_by_terminals(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escaped(c: char) -> String {
    match c {
        '\r' => "\\r".into(),
        c if (c as u32) < 0x100 => format!("\\x{:02x}", c as u32),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

/// Text for an HTML page, attribute values included.
pub fn html(text: &str) -> String {
    escape_markup(text, true)
}

/// Text for Markdown: tags (`<script>`) and entities are shown, not obeyed,
/// and so are links and images: `[x](javascript:…)`, `![i](…)` and
/// `[x]: url` lose their brackets' meaning (a backslash before each, and
/// before a backslash typed, so it cannot undo one). Quotes are left alone,
/// so that the file still reads well as plain text.
pub fn markdown(text: &str) -> String {
    let escaped = escape_markup(text, false);
    if !escaped.contains(['[', ']', '\\']) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_markup(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A spreadsheet cell (CSV now, xlsx too): text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be read as a formula (`=HYPERLINK(…)`
/// runs when the file is opened), so it gets a leading `'`, which spreadsheets
/// show as text and do not display. Numbers the program formats itself are
/// not passed through here.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    if starts_a_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a spreadsheet would read `text`, typed into a cell, as a formula.
/// (An xlsx string cell is never one; it gets the quote prefix style so that
/// it stays text when edited.)
pub fn starts_a_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// The text a cell written by `spreadsheet_cell` stands for: its leading `'`
/// taken away again when it neutralised a formula (import of a CSV).
pub fn spreadsheet_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_a_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_not_obeyed() {
        assert_eq!(
            terminal("a\u{1b}[2K\u{1b}[1Ab\u{7}\r\n\tc\u{9b}\u{202e}"),
            "a\\x1b[2K\\x1b[1Ab\\x07\\r\n\tc\\x9b\\u{202e}"
        );
        assert!(matches!(terminal("Città, è già"), Cow::Borrowed(_)));
    }

    /// The quick look for a character to escape finds every one, among
    /// any others: each character of Unicode, alone and between others.
    #[test]
    fn every_character_a_terminal_acts_on_is_found() {
        let mut text = String::new();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            text.clear();
            text.push_str("«è»");
            text.push(c);
            text.push('\u{a0}');
            assert_eq!(acted_on_somewhere(&text), acted_on_by_terminals(c), "{c:?}");
        }
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            html("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
        assert_eq!(
            markdown("<script>l'a & b</script>"),
            "&lt;script&gt;l'a &amp; b&lt;/script&gt;"
        );
    }

    #[test]
    fn markdown_links_and_images_are_shown_not_followed() {
        assert_eq!(
            markdown("[x](javascript:alert(1)) ![i](a) \\[y](b)"),
            "\\[x\\](javascript:alert(1)) !\\[i\\](a) \\\\\\[y\\](b)"
        );
        assert_eq!(markdown("Città"), "Città");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_cell(cell), format!("'{cell}"));
        }
        assert_eq!(spreadsheet_cell("Avvio 1+1"), "Avvio 1+1");
        assert_eq!(spreadsheet_cell(""), "");
        for cell in ["=1+1", "- punto", "'già tra apici", "'x"] {
            assert_eq!(spreadsheet_text(&spreadsheet_cell(cell)), cell);
        }
    }
}
