//! Running text (narratives, strategic and operational objectives) put back
//! together from lines, blank lines and page breaks.

use super::text::ends_sentence;

/// What separates the next line from the text so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    #[default]
    Line,
    Paragraph,
    Page,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prose {
    text: String,
    gap: Gap,
}

impl Prose {
    /// Lines in a row are joined by a newline, paragraphs by a blank line.
    /// After a page break, a text that ends a sentence goes on in a new
    /// paragraph; otherwise the page cut a sentence and it goes on after a space.
    pub fn push_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str(match self.gap {
                Gap::Line => "\n",
                Gap::Paragraph => "\n\n",
                Gap::Page if ends_sentence(&self.text) => "\n\n",
                Gap::Page => " ",
            });
        }
        self.text.push_str(line);
        self.gap = Gap::Line;
    }

    pub fn blank(&mut self) {
        self.gap = self.gap.max(Gap::Paragraph);
    }

    pub fn page_break(&mut self) {
        self.gap = Gap::Page;
    }

    pub fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_paragraphs_and_page_breaks() {
        let mut p = Prose::default();
        p.push_line("Uno.");
        p.blank();
        p.push_line("Due:");
        p.push_line("- a;");
        p.page_break();
        p.push_line("- b anche tramite");
        p.page_break();
        p.blank();
        p.push_line("l'adesione.");
        assert_eq!(
            p.into_text(),
            "Uno.\n\nDue:\n- a;\n\n- b anche tramite l'adesione."
        );
    }
}
