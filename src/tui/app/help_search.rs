//! Searching the help (`?` then `/`, and `:help WORD`): the help scrolls to
//! the first line that holds the word, `n` / `N` go through the others, and
//! the help marks the word wherever it shows.

use super::{App, Mode, Status};
use crate::i18n::tr;
use crate::tui::action::Action;
use crate::tui::help;
use crate::tui::keymap::Context;
use crate::tui::widgets::line_editor::{LineEditor, Prompt};

impl App {
    /// The help, at the first line holding `word` (at the top when empty).
    pub(crate) fn open_help_at(&mut self, word: &str) {
        self.mode = Mode::Help { scroll: 0 };
        self.help_query = None;
        if !word.trim().is_empty() {
            self.find_in_help(word.trim().to_string(), true);
        }
    }

    /// The help, at the section of the keys of `place` (`F1` in the editor: the editor's keys).
    pub(crate) fn open_help_on(&mut self, place: Context) {
        self.open_help_at("");
        let lines = help::lines(&self.keys);
        let title = self
            .keys
            .sections()
            .into_iter()
            .zip(Context::ALL)
            .find(|(_, c)| **c == place)
            .map(|((title, _), _)| title);
        let at = lines
            .iter()
            .position(|l| l.title && Some(&l.text) == title.as_ref());
        if let (Mode::Help { scroll }, Some(at)) = (&mut self.mode, at) {
            let width = self.measures.overlay_width as usize;
            *scroll = help::drawn_before(&lines, at, width).min(u16::MAX as usize) as u16;
        }
    }

    /// `/` in the help: a line to type the word in, the help still in view.
    pub(crate) fn start_help_search(&mut self, scroll: u16) {
        self.mode = Mode::HelpFind {
            scroll,
            editor: LineEditor::default(),
        };
    }

    pub(crate) fn update_help_find(&mut self, action: Action) {
        let Mode::HelpFind { scroll, editor } = &mut self.mode else {
            return;
        };
        let scroll = *scroll;
        match editor.prompt(action) {
            Prompt::Typing => {}
            Prompt::Cancelled => self.mode = Mode::Help { scroll },
            Prompt::Done(word) => {
                self.mode = Mode::Help { scroll };
                if !word.trim().is_empty() {
                    self.find_in_help(word.trim().to_string(), true);
                }
            }
        }
    }

    /// `n` / `N` in the help: the next (previous) line holding the word.
    pub(crate) fn help_search_step(&mut self, forward: bool) {
        match self.help_query.clone() {
            Some(word) => self.find_in_help(word, forward),
            None => {
                self.status = Status::info(
                    "nessuna ricerca nell'aiuto: / per cercare",
                    "no search in the help: / to search",
                )
            }
        }
    }

    /// Scrolls the help to the line after (`forward`) or before the one at
    /// its top that holds `word`, round to the start past the end.
    fn find_in_help(&mut self, word: String, forward: bool) {
        let Mode::Help { scroll } = &mut self.mode else {
            return;
        };
        let lines = help::lines(&self.keys);
        let found = help::matching(&lines, &word);
        if found.is_empty() {
            self.status = Status::Error(format!(
                "«{word}»: {}",
                tr("non è nell'aiuto", "not in the help")
            ));
            self.help_query = None;
            return;
        }
        let width = self.measures.overlay_width as usize;
        let top = (0..lines.len())
            .find(|i| help::drawn_before(&lines, i + 1, width) > *scroll as usize)
            .unwrap_or(0);
        // A new word starts at the top line itself; the same word moves on.
        let again = self.help_query.as_deref() == Some(word.as_str());
        let k = if !again {
            found.iter().position(|i| *i >= top).unwrap_or(0)
        } else if forward {
            found.iter().position(|i| *i > top).unwrap_or(0)
        } else {
            found
                .iter()
                .rposition(|i| *i < top)
                .unwrap_or(found.len() - 1)
        };
        *scroll = help::drawn_before(&lines, found[k], width).min(u16::MAX as usize) as u16;
        self.status = Status::Info(format!("«{word}» {}/{}", k + 1, found.len()));
        self.help_query = Some(word);
    }
}
