//! Counts before a motion (`5j`, `3Ctrl-D`, `10G`), as in vim, beside the
//! pane digits (`1`…`6`) and type-to-edit (GUIDE §4); on the review page and
//! in a list to choose from too, where no digit picks a pane. The rule: where a digit
//! can begin the selected cell's value it types it (checked before this
//! module is asked); elsewhere a digit picks its pane at once, as it always
//! did, and is remembered; when a motion follows the digits, they were a
//! count: the focus goes back where they began and the motion is repeated.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Mode, Pane, Status};
use crate::i18n::tr;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

/// Past this a count is as good as "to the end".
const MOST: usize = 99_999;

/// A count being typed: its value so far, and the pane the keys were in
/// before its first digit (the digits picked panes meanwhile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Count {
    n: usize,
    from: Pane,
}

impl App {
    /// A digit pressed where motions take a count (browsing, the review page,
    /// a list to choose from), taken as (the start of) a count; false when
    /// `key` is no digit of a count (it is then an action). `panes`: the
    /// digits pick their panes meanwhile (browsing only).
    pub(crate) fn count_digit(&mut self, key: KeyEvent, panes: bool) -> bool {
        let KeyCode::Char(c @ '0'..='9') = key.code else {
            return false;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let digit = c as usize - '0' as usize;
        // `0` starts nothing (vim's start of line); it only extends a count.
        if digit == 0 && self.count.is_none() {
            return false;
        }
        let picked = match self.keys.lookup(Context::Normal, key) {
            Some(pane @ Action::FocusPane(_)) => Some(pane).filter(|_| panes),
            Some(_) => return false,
            None => None,
        };
        let count = match self.count {
            Some(count) => Count {
                n: (count.n * 10 + digit).min(MOST),
                ..count
            },
            None => Count {
                n: digit,
                from: self.focus,
            },
        };
        if let Some(pane) = picked {
            self.update(pane);
        }
        self.count = Some(count);
        // A digit that picked no pane would look ignored: say a count is being typed.
        if picked.is_none() || count.n >= 10 {
            self.status = Status::Info(format!(
                "{} {}… ({})",
                tr("conteggio", "count"),
                count.n,
                self.keys.hint(
                    Context::Normal,
                    &[
                        (Action::Down, tr("giù", "down")),
                        (Action::Bottom, tr("alla riga", "to the row")),
                    ]
                )
            ));
        }
        true
    }

    /// A motion `times` over (a count), where the keys are: the list being
    /// chosen from, the review page, or the pane in focus.
    pub(crate) fn move_counted(&mut self, motion: Action, times: Option<usize>) {
        match self.mode {
            Mode::Pick(_) => self.move_in_picker(motion, times),
            Mode::Normal if self.reviewing() => self.scroll_review(motion, times),
            _ => self.move_in_pane(motion, times),
        }
    }

    /// The count typed before `action`, if `action` is a motion: the focus
    /// goes back where the count began. Any other key ends the count (the
    /// pane its digits picked stays picked).
    pub(crate) fn take_count(&mut self, action: Option<Action>) -> Option<usize> {
        let count = self.count.take()?;
        if !action.is_some_and(Action::is_motion) {
            return None;
        }
        self.focus = count.from;
        self.status = Status::None;
        Some(count.n)
    }
}
