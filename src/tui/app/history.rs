//! `H`: the selected objective's history, read when asked (not in render);
//! `C`: the plan's cycle, the same way.
//! Oldest first, opened on the newest (at the bottom); a change that takes
//! the one before it back (an undo) says so.

use super::review::{PickPurpose, Picker};
use super::{App, Mode, Status};
use crate::api::AuditEntry;
use crate::i18n::{tr, tr_string};
use crate::io::history;
use crate::model::PlanText;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

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
        lines.push(tr_string(
            "nessuna modifica registrata",
            "no change recorded",
        ));
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
                let (next, blocked) = crate::io::cycle::next_step(&loaded);
                lines.extend(next);
                if blocked {
                    lines.push(String::new());
                    lines.push(tr_string(
                        "Enter: scegli un obiettivo da sistemare e aprilo",
                        "Enter: pick an objective to fix and open it",
                    ));
                }
                lines.push(String::new());
                // Enter picks what blocks the next step; with nothing to fix, a text.
                let write = self.keys.key_of(Context::Normal, Action::PlanTexts);
                let keys = match blocked {
                    true => write,
                    false => format!(
                        "{} {} {write}",
                        self.keys.key_of(Context::Normal, Action::Enter),
                        tr("o", "or")
                    ),
                };
                lines.push(format!(
                    "{} ({keys} {}):",
                    tr("Testi della Relazione", "The report's texts"),
                    tr("per scriverli", "to write them"),
                ));
                let texts = &loaded.plan.texts;
                lines.extend(PlanText::ALL.map(|t| super::plan_texts::text_line(t, texts.get(t))));
                // Read now: `T` from here lists and edits the texts as shown.
                self.dataset.plan.texts = loaded.plan.texts.clone();
                self.mode = Mode::Cycle { lines, scroll: 0 };
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    /// Enter in `C`: the objectives that block the next step, to pick one
    /// and open it (its phases, where most blockers are fixed); when none
    /// does, the Relazione's texts, to pick one to write.
    pub(crate) fn pick_blocked_objective(&mut self) {
        let loaded = match self.service.load() {
            Ok(loaded) => loaded,
            Err(e) => return self.status = Status::Error(e.to_string()),
        };
        let Some(to) = loaded.plan.state().next() else {
            return;
        };
        let mut codes: Vec<String> = Vec::new();
        let mut items: Vec<String> = Vec::new();
        for b in crate::model::cycle_checks::blockers(&loaded, to) {
            let Some(code) = b.objective.clone() else {
                continue;
            };
            match codes.iter().position(|c| *c == code) {
                Some(at) => items[at].push_str(&format!("; {}", b.problem)),
                None => {
                    items.push(b.to_string());
                    codes.push(code);
                }
            }
        }
        // Nothing to fix in an objective: the Relazione's texts are what is left to write.
        if codes.is_empty() {
            self.choose_plan_text();
            self.status = Status::info(
                "nessun obiettivo blocca il prossimo passaggio",
                "no objective blocks the next step",
            );
            return;
        }
        // From `C`: Esc in the list closes both.
        self.mode = Mode::Pick(Picker {
            title: format!("{} «{}»", tr("Da sistemare per", "To fix for"), to.label()),
            items,
            hint: Some(tr_string(
                "Enter apre l'obiettivo",
                "Enter opens the objective",
            )),
            selected: 0,
            purpose: PickPurpose::Objective(codes),
        });
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
