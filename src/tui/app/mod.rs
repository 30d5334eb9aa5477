//! The TUI state and `update`: pure apart from the backend calls that save an
//! edit, so it is tested without a terminal.

mod applies;
mod bulk;
pub mod editing;
mod history;
mod live;
pub mod mouse;
mod navigation;
pub mod review;
mod review_filter;
mod search;
mod undo;

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap::{self, Context, Keymap};
use super::outline::{self, NodeKind, Row};
use super::widgets::line_editor::LineEditor;
use crate::model::{Dataset, Objective, PhaseField};
use crate::service::follow::Following;

pub use bulk::LastEdit;
pub use editing::{CellEdit, NarrativeEdit, Year};
pub use review::{Picker, ReviewFilter, ReviewSession};
pub use search::Search;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Details,
    Phases,
    Narratives,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Tree, Pane::Details, Pane::Phases, Pane::Narratives];

    pub fn title(self) -> &'static str {
        use crate::i18n::tr;
        match self {
            Pane::Tree => tr("Obiettivi", "Objectives"),
            Pane::Details => tr("Dettagli", "Details"),
            Pane::Phases => tr("Fasi", "Phases"),
            Pane::Narratives => tr("Stato di attuazione", "Status reports"),
        }
    }
}

/// A question waiting for s/n.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    DeletePhase {
        objective: usize,
        phase: usize,
    },
    /// A draft of this narrative survived an earlier session: restore it or discard it?
    RestoreDraft {
        objective: usize,
        year: Year,
        draft: crate::store::Draft,
    },
}

/// What the keys currently drive.
pub enum Mode {
    Normal,
    Cell(CellEdit),
    Narrative(Box<NarrativeEdit>),
    SearchPrompt(LineEditor),
    Ask(Question),
    Help {
        scroll: u16,
    },
    /// The selected objective's history, one line per change.
    History {
        lines: Vec<String>,
        scroll: u16,
    },
    /// Choosing from a list (which review, which filter).
    Pick(Picker),
    /// Review mode: the comment that goes with "reviewed".
    ReviewComment(LineEditor),
}

/// The last action's outcome, shown in the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    None,
    Info(String),
    Saved(String),
    Error(String),
}

pub struct App {
    /// The plan's service, and what this session has seen of it.
    pub backend: Following,
    pub dataset: Dataset,
    pub today: NaiveDate,
    pub collapsed: HashSet<String>,
    pub rows: Vec<Row>,
    /// Selected tree row.
    pub selected: usize,
    /// The objective the right-hand panes show (the last one selected in the tree).
    pub current: Option<usize>,
    pub phase_row: usize,
    pub phase_col: usize,
    pub details_scroll: u16,
    pub narrative_scroll: u16,
    pub focus: Pane,
    pub mode: Mode,
    pub status: Status,
    pub search: Option<Search>,
    /// Groups of changes that undo this session's edits, newest last.
    pub undo_stack: Vec<Vec<crate::model::Change>>,
    /// Groups of changes that redo what was undone, newest last.
    pub redo_stack: Vec<Vec<crate::model::Change>>,
    /// The review in progress (`R`), kept while the user edits elsewhere.
    pub review: Option<ReviewSession>,
    /// Rows each pane showed at the last render, for PgUp/PgDn.
    pub page: usize,
    /// The keys in force (the defaults, or the user's `config.toml`).
    pub keys: Keymap,
    /// Marked phases of the current objective (`Space`, `*`): an edit on one is an edit on all.
    pub marks: BTreeSet<usize>,
    /// What `.` repeats.
    pub last_edit: Option<LastEdit>,
    /// Where the last frame put things, for the mouse.
    pub screen: mouse::ScreenMap,
    pub quit: bool,
}

impl App {
    pub fn new(backend: Following, dataset: Dataset, today: NaiveDate) -> App {
        let mut app = App {
            backend,
            dataset,
            today,
            collapsed: HashSet::new(),
            rows: Vec::new(),
            selected: 0,
            current: None,
            phase_row: 0,
            phase_col: 0,
            details_scroll: 0,
            narrative_scroll: 0,
            focus: Pane::Tree,
            mode: Mode::Normal,
            status: Status::None,
            search: None,
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            review: None,
            page: 10,
            keys: Keymap::default(),
            marks: BTreeSet::new(),
            last_edit: None,
            screen: mouse::ScreenMap::default(),
            quit: false,
        };
        app.refresh_rows();
        app.follow_selection();
        app
    }

    /// Rebuilds the tree rows (after a fold or an edit), keeping the selection on the same node.
    pub(crate) fn refresh_rows(&mut self) {
        let code = self
            .rows
            .get(self.selected)
            .map(|r| (r.kind, r.code.clone()));
        self.rows = outline::rows(&self.dataset, &self.collapsed);
        if let Some((kind, code)) = code
            && let Some(i) = self
                .rows
                .iter()
                .position(|r| r.kind == kind && r.code == code)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected)
    }

    /// The objective the right-hand panes are about.
    pub fn objective(&self) -> Option<&Objective> {
        self.current.and_then(|i| self.dataset.objectives.get(i))
    }

    /// The field of the table column the cell cursor is on.
    pub fn phase_field(&self) -> PhaseField {
        use crate::tui::panes::phases::COLUMNS;
        COLUMNS[self.phase_col.min(COLUMNS.len() - 1)]
    }

    /// Keeps the right-hand panes on the objective selected in the tree.
    pub(crate) fn follow_selection(&mut self) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        if row.kind == NodeKind::Objective && row.objective != self.current {
            self.current = row.objective;
            self.phase_row = 0;
            self.marks.clear();
            self.details_scroll = 0;
            self.narrative_scroll = 0;
        }
    }

    /// Turns a key into an action according to the mode, then carries it out.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let keys = &self.keys;
        let typed = |ctx| Some(keys.lookup(ctx, key).unwrap_or(Action::Type(key)));
        let action = match &self.mode {
            Mode::Normal if self.reviewing() => keys.lookup(Context::Review, key).or_else(|| {
                keys.lookup(Context::Normal, key)
                    .filter(|a| keymap::REVIEW_ALSO.contains(a))
            }),
            Mode::Normal if self.types_into_cell(key) => Some(Action::Type(key)),
            Mode::Normal | Mode::Help { .. } | Mode::History { .. } => {
                keys.lookup(Context::Normal, key)
            }
            Mode::Pick(_) => keys.lookup(Context::Picker, key),
            Mode::Cell(_) => typed(Context::Cell),
            Mode::SearchPrompt(_) | Mode::ReviewComment(_) => typed(Context::Prompt),
            Mode::Narrative(editor) if editor.confirm_leave => {
                keys.lookup(Context::Question, key).or_else(|| {
                    keys.lookup(Context::Narrative, key)
                        .filter(|a| *a == Action::Save)
                })
            }
            Mode::Narrative(_) => typed(Context::Narrative),
            Mode::Ask(_) => keys.lookup(Context::Question, key),
        };
        match action {
            Some(action) => self.update(action),
            // Esc closes the help and the history; elsewhere an unbound key is ignored.
            None if matches!(self.mode, Mode::Help { .. } | Mode::History { .. })
                && key.code == crossterm::event::KeyCode::Esc =>
            {
                self.mode = Mode::Normal
            }
            None => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        if action == Action::Resize {
            return;
        }
        match &self.mode {
            Mode::Normal if self.reviewing() => self.update_review(action),
            Mode::Normal => self.update_normal(action),
            Mode::Pick(_) => self.update_pick(action),
            Mode::ReviewComment(_) => self.update_review_comment(action),
            Mode::Help { .. } | Mode::History { .. } => self.update_overlay(action),
            Mode::Cell(_) => self.update_cell(action),
            Mode::SearchPrompt(_) => self.update_search_prompt(action),
            Mode::Narrative(_) => self.update_narrative(action),
            Mode::Ask(_) => self.update_question(action),
        }
    }

    fn update_normal(&mut self, action: Action) {
        if let Some(why) = self.pointless_here(action) {
            self.status = Status::Error(why);
            return;
        }
        match action {
            Action::NextPane | Action::PrevPane => self.cycle_pane(action == Action::NextPane),
            Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp => self.move_in_pane(action),
            Action::Left | Action::Right => self.left_right(action == Action::Right),
            Action::Enter => self.enter(),
            Action::EditWeight => self.edit_cell_of(PhaseField::Weight),
            Action::EditProgress => self.edit_cell_of(PhaseField::Progress),
            Action::ProgressUp => self.step_progress(5.0),
            Action::ProgressDown => self.step_progress(-5.0),
            Action::EqualWeights => self.equal_weights(),
            Action::Mark => self.toggle_mark(),
            Action::MarkAll => self.mark_all(),
            Action::Repeat => self.repeat_last_edit(),
            Action::AddPhase => self.start_add_phase(),
            Action::DeletePhase => self.ask_delete_phase(),
            Action::MovePhaseDown => self.move_phase(true),
            Action::MovePhaseUp => self.move_phase(false),
            Action::Type(key) => self.type_into_cell(key),
            Action::EditYear1 => self.open_narrative(Year::First),
            Action::EditYear2 => self.open_narrative(Year::Second),
            Action::Search => self.mode = Mode::SearchPrompt(LineEditor::default()),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::History => self.show_history(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Review => self.open_review(),
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Help and history: read-only lists that scroll and close.
    fn update_overlay(&mut self, action: Action) {
        let (Mode::Help { scroll } | Mode::History { scroll, .. }) = &mut self.mode else {
            return;
        };
        match action {
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = scroll.saturating_add(10),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Help | Action::History | Action::Quit | Action::Cancel => {
                self.mode = Mode::Normal
            }
            _ => {}
        }
    }

    fn update_question(&mut self, action: Action) {
        let Mode::Ask(question) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        match (question, action) {
            (Question::DeletePhase { objective, phase }, Action::Yes) => {
                self.delete_phase(objective, phase)
            }
            (
                Question::RestoreDraft {
                    objective,
                    year,
                    draft,
                },
                Action::Yes,
            ) => self.open_editor(objective, year, Some(draft.text)),
            (
                Question::RestoreDraft {
                    objective, year, ..
                },
                Action::No,
            ) => {
                self.discard_draft(objective, year);
                self.open_editor(objective, year, None)
            }
            (_, Action::No) => {
                self.status = Status::Info(crate::i18n::tr("annullato", "cancelled").into())
            }
            // Any other key: the question stays.
            (q, _) => self.mode = Mode::Ask(q),
        }
    }
}

#[cfg(test)]
pub(crate) mod review_tests;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
pub(crate) mod tests;
