//! `H`: the selected objective's history, read when asked (not in render).

use super::{App, Mode, Status};
use crate::i18n::tr;
use crate::io::history;

impl App {
    pub(crate) fn show_history(&mut self) {
        let Some(index) = self.current_or_say() else {
            return;
        };
        let o = &self.dataset.objectives[index];
        match crate::service::whole_history(&*self.backend, Some(&o.code)) {
            Ok(entries) => {
                let mut lines: Vec<String> = entries
                    .iter()
                    .map(|e| {
                        format!(
                            "{}  {}  {}",
                            e.at.format("%d/%m/%Y %H:%M"),
                            e.who,
                            history::what(e)
                        )
                    })
                    .collect();
                if lines.is_empty() {
                    lines.push(tr("nessuna modifica registrata", "no change recorded").into());
                }
                // Newest last, and shown first: start scrolled to the end.
                let scroll = lines.len().saturating_sub(1).min(u16::MAX as usize) as u16;
                self.mode = Mode::History { lines, scroll };
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }
}
