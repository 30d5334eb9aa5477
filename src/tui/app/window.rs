//! The open monitoring window's "mancanti" (GUIDE §8): how many items
//! `reminders` would list for it, read from the service when the overview
//! shows and the plan changed since the last reading — never while drawing.

use super::{App, Pane};
use crate::model::windows::open_window;

impl App {
    /// Reads the count again when the overview is in view and the plan
    /// moved on since; forgets it when no window is open. Quietly: the
    /// overview just shows no count when the service cannot say.
    pub(crate) fn read_missing(&mut self) {
        if self.focus != Pane::Overview {
            return;
        }
        if open_window(&self.dataset.plan).is_none() {
            self.missing = None;
            return;
        }
        if self.missing.is_some_and(|(at, _)| at == self.generation) {
            return;
        }
        self.missing = match self.service.reminders(None) {
            Ok(r) => Some((self.generation, r.missing.len())),
            Err(_) => None,
        };
    }

    /// How many items the open window's period still lacks, as last read.
    pub fn missing(&self) -> Option<usize> {
        self.missing.map(|(_, n)| n)
    }
}
