//! Which keys make sense where: an action about an objective pressed on a
//! mandate or mission row of the tree does nothing, and says why (it would
//! otherwise act on whichever objective the right-hand panes still show).

use super::{App, Pane};
use crate::i18n::tr;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::outline::NodeKind;

/// Actions about the objective the right-hand panes show: pressed on a mandate
/// or mission row of the tree they would act on some other objective.
const ABOUT_AN_OBJECTIVE: &[Action] = &[
    Action::EditWeight,
    Action::EditProgress,
    Action::ProgressUp,
    Action::ProgressDown,
    Action::EqualWeights,
    Action::Mark,
    Action::MarkAll,
    Action::Repeat,
    Action::Yank,
    Action::Paste,
    Action::FillDown,
    Action::AddRow,
    Action::DeleteRow,
    Action::MoveRowDown,
    Action::MoveRowUp,
    Action::EditYear1,
    Action::EditYear2,
    Action::History,
];

impl App {
    /// Why `action` does nothing where it was pressed, if it does not.
    pub(crate) fn pointless_here(&self, action: Action) -> Option<String> {
        if self.focus != Pane::Tree || !ABOUT_AN_OBJECTIVE.contains(&action) {
            return None;
        }
        let row = self.selected_row()?;
        let what = match row.kind {
            NodeKind::Objective => return None,
            NodeKind::Mandate => tr("un obiettivo di mandato", "a mandate"),
            NodeKind::Mission => tr("un obiettivo di missione", "a mission"),
        };
        // Short enough for the status line of an 80-column terminal.
        Some(format!(
            "{}: {} {what}, {} ({})",
            self.keys.keys_of(Context::Normal, action),
            tr("qui c'è", "this is"),
            tr("apri un obiettivo", "open an objective"),
            self.keys.keys_of(Context::Normal, Action::Enter),
        ))
    }
}
