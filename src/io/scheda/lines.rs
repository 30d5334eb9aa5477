//! The extract as numbered lines grouped into printed pages.
//!
//! A page break shows up as two or more blank lines in a row (the PDF-to-text
//! tool prints three) or as a form feed; a single blank line only separates
//! paragraphs. `**` is bold markup added by the extraction, never content, so
//! it is dropped here once for everyone.

/// One line of the file, with its 1-based number for error messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The tab-separated cells, each trimmed. Leading empty cells are kept:
    /// in a table their position says which column a value belongs to.
    pub fn cells(&self) -> Vec<&str> {
        self.text.split('\t').map(str::trim).collect()
    }

    /// The non-empty cells joined by one space, with runs of white space folded:
    /// the line as prose.
    pub fn flat(&self) -> String {
        collapse(&self.text)
    }
}

/// Folds every run of white space (tabs included) into one space and trims.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A printed page: its lines without the blank ones at either end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub lines: Vec<Line>,
}

impl Page {
    /// The number of the page's first line (for "this page has no objective" errors).
    pub fn first_line_no(&self) -> usize {
        self.lines.first().map_or(1, |l| l.no)
    }
}

/// Splits `text` into pages of cleaned lines.
pub fn pages(text: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut current = Page::default();
    let mut blanks = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let form_feed = raw.contains('\u{c}');
        let line = Line {
            no: i + 1,
            text: clean(raw),
        };
        if form_feed || (line.is_blank() && blanks == 1) {
            close_page(&mut pages, &mut current);
        }
        if line.is_blank() {
            blanks += 1;
            if !current.lines.is_empty() {
                current.lines.push(line);
            }
        } else {
            blanks = 0;
            current.lines.push(line);
        }
    }
    close_page(&mut pages, &mut current);
    pages
}

fn close_page(pages: &mut Vec<Page>, current: &mut Page) {
    while current.lines.last().is_some_and(Line::is_blank) {
        current.lines.pop();
    }
    if !current.lines.is_empty() {
        pages.push(std::mem::take(current));
    }
}

/// Drops the carriage return of CRLF files, form feeds, other control
/// characters but tab, the `**` markup and trailing spaces (not trailing tabs:
/// they keep a table row recognisable as a row).
fn clean(raw: &str) -> String {
    let text: String = raw
        .replace("**", "")
        .chars()
        .filter(|c| *c == '\t' || !c.is_control())
        .collect();
    text.trim_end_matches(' ').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<&str> {
        page.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_blank_lines_or_a_form_feed_break_the_page() {
        let p = pages("a\n\nb\n\n\n\nc\r\n\u{c}d **e**\n\n");
        assert_eq!(p.len(), 3);
        assert_eq!(texts(&p[0]), ["a", "", "b"]);
        assert_eq!(texts(&p[1]), ["c"]);
        assert_eq!(texts(&p[2]), ["d e"]);
        assert_eq!(p[2].lines[0].no, 8);
    }

    #[test]
    fn cells_keep_their_position() {
        let l = Line {
            no: 1,
            text: "\t01/01/2024\t\tX Y \t".into(),
        };
        assert_eq!(l.cells(), ["", "01/01/2024", "", "X Y", ""]);
        assert_eq!(l.flat(), "01/01/2024 X Y");
    }
}
