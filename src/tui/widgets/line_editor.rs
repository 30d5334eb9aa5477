//! A one-line text editor for table cells, prompts and search.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a one-line prompt makes of an action.
pub enum Prompt {
    /// Still typing (or a key the prompt ignores).
    Typing,
    /// Esc: give up.
    Cancelled,
    /// Enter: the text typed.
    Done(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineEditor {
    text: Vec<char>,
    /// Cursor position, in chars.
    cursor: usize,
    /// The whole text is selected (`w`, `p`): a character typed replaces it,
    /// an arrow keeps it for editing.
    selected: bool,
}

impl LineEditor {
    pub fn new(text: &str) -> LineEditor {
        let text: Vec<char> = text.chars().collect();
        LineEditor {
            cursor: text.len(),
            text,
            selected: false,
        }
    }

    /// Opens on `text`, selected or not: what is typed replaces a selected
    /// text (GUIDE §4, `w` / `p`).
    pub fn opening(text: &str, select: bool) -> LineEditor {
        LineEditor {
            selected: select && !text.is_empty(),
            ..LineEditor::new(text)
        }
    }

    /// Whether the whole text is still selected (nothing typed or moved yet).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> String {
        self.text.iter().collect()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// What shows in a field `width` cells wide: the text from where it must start
    /// for the cursor to be in view, and the cursor's column in it.
    pub fn window(&self, width: usize) -> (String, usize) {
        use unicode_width::UnicodeWidthChar;
        let w = |c: &char| c.width().unwrap_or(0);
        let room = width.saturating_sub(1);
        let mut start = 0;
        while self.text[start..self.cursor].iter().map(w).sum::<usize>() > room {
            start += 1;
        }
        let column = self.text[start..self.cursor].iter().map(w).sum();
        (self.text[start..].iter().collect(), column)
    }

    /// The part every prompt shares (search, review comment): typing edits,
    /// Esc gives up, Enter hands the text over.
    pub fn prompt(&mut self, action: crate::tui::action::Action) -> Prompt {
        use crate::tui::action::Action;
        match action {
            Action::Type(key) => {
                self.input(key);
                Prompt::Typing
            }
            Action::Cancel => Prompt::Cancelled,
            Action::Commit => Prompt::Done(self.text()),
            _ => Prompt::Typing,
        }
    }

    /// Edits with the usual keys; returns false for keys it does not handle.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if std::mem::take(&mut self.selected) {
            match key.code {
                // Typing or deleting replaces the selected text.
                KeyCode::Char(_) if !ctrl => self.clear(),
                KeyCode::Backspace | KeyCode::Delete => {
                    self.clear();
                    return true;
                }
                // A move keeps the text, to edit it.
                KeyCode::Left | KeyCode::Home => {
                    self.cursor = 0;
                    return true;
                }
                KeyCode::Right | KeyCode::End => return true,
                _ => {}
            }
        }
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char(_) if ctrl => return false,
            KeyCode::Char(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.text.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                self.text.remove(self.cursor);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_moving_and_deleting() {
        let mut e = LineEditor::new("40");
        assert_eq!(e.cursor(), 2);
        e.input(key(KeyCode::Char(',')));
        e.input(key(KeyCode::Char('5')));
        assert_eq!(e.text(), "40,5");
        e.input(key(KeyCode::Home));
        e.input(key(KeyCode::Delete));
        assert_eq!(e.text(), "0,5");
        e.input(key(KeyCode::End));
        e.input(key(KeyCode::Backspace));
        assert_eq!(e.text(), "0,");
        e.input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(e.text(), "");
        assert!(!e.input(key(KeyCode::Enter)), "Enter is for the caller");
    }

    #[test]
    fn a_selected_value_is_replaced_by_typing_and_kept_by_a_move() {
        let mut e = LineEditor::opening("80", true);
        assert!(e.is_selected());
        e.input(key(KeyCode::Char('7')));
        e.input(key(KeyCode::Char('0')));
        assert_eq!((e.text(), e.is_selected()), ("70".into(), false));
        // Backspace empties it.
        let mut e = LineEditor::opening("80", true);
        e.input(key(KeyCode::Backspace));
        assert_eq!(e.text(), "");
        // An arrow keeps the value: Left goes to its start, Right to its end.
        let mut e = LineEditor::opening("80", true);
        e.input(key(KeyCode::Left));
        e.input(key(KeyCode::Char('1')));
        assert_eq!(e.text(), "180");
        let mut e = LineEditor::opening("80", true);
        e.input(key(KeyCode::Right));
        e.input(key(KeyCode::Char(',')));
        e.input(key(KeyCode::Char('5')));
        assert_eq!(e.text(), "80,5");
        // Nothing to select in an empty value.
        assert!(!LineEditor::opening("", true).is_selected());
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_cursor_in_view() {
        let mut e = LineEditor::new("0123456789");
        assert_eq!(e.window(20), ("0123456789".into(), 10));
        assert_eq!(e.window(5), ("6789".into(), 4));
        e.input(key(KeyCode::Home));
        assert_eq!(e.window(5), ("0123456789".into(), 0));
    }
}
