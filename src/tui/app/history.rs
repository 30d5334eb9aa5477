//! `H`: the selected objective's history, read when asked (not in render);
//! `C`: the plan's cycle, the same way.
//! Oldest first, opened on the newest (at the bottom); a change that takes
//! the one before it back (an undo) says so.

use super::{App, Mode, Status};
use crate::api::AuditEntry;
use crate::i18n::tr;
use crate::io::history;

/// Whether `entry` puts back what `previous` changed: same field, values swapped.
fn takes_back(entry: &AuditEntry, previous: &AuditEntry) -> bool {
    let (a, b) = (&entry.what, &previous.what);
    a.field == b.field
        && a.phase == b.phase
        && a.old == b.new
        && a.new == b.old
        && a.field != "phase"
}

/// The overlay's lines, one per change.
pub fn lines(entries: &[AuditEntry]) -> Vec<String> {
    let mut lines: Vec<String> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let undo = match i.checked_sub(1).map(|p| &entries[p]) {
                Some(previous) if takes_back(e, previous) => format!(
                    "  ↶ {} {}",
                    tr("annulla la modifica delle", "undoes the change of"),
                    previous.at.format("%H:%M")
                ),
                _ => String::new(),
            };
            format!(
                "{}  {}  {}{undo}",
                e.at.format("%d/%m/%Y %H:%M"),
                e.who,
                history::what(e)
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(tr("nessuna modifica registrata", "no change recorded").into());
    }
    lines
}

impl App {
    /// `C`: the plan's cycle, read whole when asked (its checks need every
    /// objective's phases, which the tree does not hold).
    pub(crate) fn show_cycle(&mut self) {
        match self.service.load() {
            Ok(loaded) => {
                let mut lines = crate::io::cycle::state_and_transitions(&loaded);
                lines.push(String::new());
                lines.extend(crate::io::cycle::next_step(&loaded).0);
                self.mode = Mode::Cycle { lines, scroll: 0 };
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    pub(crate) fn show_history(&mut self) {
        let Some(index) = self.current_or_say() else {
            return;
        };
        let o = &self.dataset.objectives[index];
        // Opened on the newest, at the bottom: the renderer clamps the scroll to the last page.
        match crate::service::whole_history(&*self.service, Some(&o.code)) {
            Ok(entries) => {
                self.mode = Mode::History {
                    lines: lines(&entries),
                    scroll: u16::MAX,
                }
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }
}
