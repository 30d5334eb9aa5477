//! The narrative editor's own actions (the `Narrative` lines of `tui::action`):
//! select all, clear, and the motions by word, by paragraph and to the text's
//! two ends. A motion with Shift held extends the selection; without, it ends
//! it. Each one is a single step of the editor's undo (Ctrl-Z).

use ratatui_textarea::{CursorMove, TextArea};

use super::{App, Mode, Status};
use crate::i18n::tr;
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

/// Whether `action` is one of the editor's own, carried out by `text_action`.
pub(crate) fn is_text_action(action: Action) -> bool {
    matches!(
        action,
        Action::SelectAll
            | Action::ClearText
            | Action::WordRight
            | Action::WordLeft
            | Action::ParagraphDown
            | Action::ParagraphUp
            | Action::TextStart
            | Action::TextEnd
    )
}

impl App {
    /// Carries out one of the editor's own actions (`is_text_action`);
    /// `extend`: Shift was held, so a motion extends the selection.
    pub(crate) fn text_action(&mut self, action: Action, extend: bool) {
        let Mode::Narrative(edit) = &mut self.mode else {
            return;
        };
        let text = &mut edit.textarea;
        let to = match action {
            Action::SelectAll => {
                text.select_all();
                self.status = Status::Info(self.selection_said());
                return;
            }
            Action::ClearText => {
                text.cancel_selection();
                if text.clear() {
                    self.status = Status::info(
                        "testo svuotato: Ctrl-Z lo riporta; il testo salvato resta finché non salvi",
                        "text emptied: Ctrl-Z brings it back; the saved text stays until you save",
                    );
                }
                return;
            }
            Action::WordRight => CursorMove::WordForward,
            Action::WordLeft => CursorMove::WordBack,
            Action::ParagraphDown => paragraph_down(text),
            Action::ParagraphUp => paragraph_up(text),
            Action::TextStart => CursorMove::Jump(0, 0),
            Action::TextEnd => CursorMove::Jump(u16::MAX, u16::MAX),
            _ => return,
        };
        if extend {
            if !text.is_selecting() {
                text.start_selection();
            }
        } else {
            text.cancel_selection();
        }
        text.move_cursor(to);
        self.forget_selection_said();
    }

    /// What the status line says once the whole text is selected.
    fn selection_said(&self) -> String {
        tr_format!(
            "tutto il testo selezionato: ciò che scrivi lo sostituisce · {}",
            "the whole text selected: what you type replaces it · {}",
            self.keys
                .hint(Context::Narrative, &[(Action::Save, tr("salva", "save"))])
        )
    }

    /// The selection gone (typed over, or left by a motion): the line that
    /// said it goes too, rather than describe a selection no longer there.
    pub(crate) fn forget_selection_said(&mut self) {
        let Mode::Narrative(edit) = &self.mode else {
            return;
        };
        if !edit.textarea.is_selecting() && self.status == Status::Info(self.selection_said()) {
            self.status = Status::None;
        }
    }
}

/// A paragraph is a line of the text (soft wrap shows each as a block):
/// the start of the next one that is not empty, or the end of the text.
fn paragraph_down(text: &TextArea<'_>) -> CursorMove {
    let lines = text.lines();
    let row = text.cursor().0;
    match (row + 1..lines.len()).find(|r| !lines[*r].trim().is_empty()) {
        Some(next) => jump(next, 0),
        None => CursorMove::Jump(u16::MAX, u16::MAX),
    }
}

/// The start of this paragraph, or of the one before when already there.
fn paragraph_up(text: &TextArea<'_>) -> CursorMove {
    let lines = text.lines();
    let (row, col) = (text.cursor().0, text.cursor().1);
    if col > 0 && !lines[row].trim().is_empty() {
        return jump(row, 0);
    }
    let before = (0..row).rev().find(|r| !lines[*r].trim().is_empty());
    jump(before.unwrap_or(0), 0)
}

fn jump(row: usize, col: usize) -> CursorMove {
    let fit = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    CursorMove::Jump(fit(row), fit(col))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(lines: &[&str], at: (u16, u16)) -> TextArea<'static> {
        let mut text = TextArea::new(lines.iter().map(|l| l.to_string()).collect());
        text.move_cursor(CursorMove::Jump(at.0, at.1));
        text
    }

    #[test]
    fn paragraphs_are_lines_and_empty_lines_are_skipped() {
        let lines = ["uno due", "", "tre", "quattro"];
        assert_eq!(paragraph_down(&area(&lines, (0, 3))), jump(2, 0));
        assert_eq!(paragraph_down(&area(&lines, (2, 1))), jump(3, 0));
        assert_eq!(
            paragraph_down(&area(&lines, (3, 1))),
            CursorMove::Jump(u16::MAX, u16::MAX),
            "from the last: the end of the text"
        );
        assert_eq!(paragraph_up(&area(&lines, (3, 4))), jump(3, 0));
        assert_eq!(paragraph_up(&area(&lines, (3, 0))), jump(2, 0));
        assert_eq!(paragraph_up(&area(&lines, (2, 0))), jump(0, 0));
        assert_eq!(paragraph_up(&area(&lines, (0, 0))), jump(0, 0));
    }
}
