//! The TUI state and `update`: pure apart from the service calls that save an
//! edit, so it is tested without a terminal.

mod access;
mod applies;
mod bulk;
mod clipboard;
pub mod command;
pub mod conflict;
mod counts;
mod drafts;
pub mod editing;
mod filtering;
mod help_search;
mod history;
pub mod indicators;
pub mod lazy;
mod live;
pub mod mouse;
mod navigation;
mod rows;

mod plan_texts;
mod plans;
pub mod review;
mod search;
mod table;
mod text_keys;
mod typing;
mod undo;
mod variation;
mod window;
pub mod writing;

use std::collections::HashSet;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::outline::{self, NodeKind, Row};
use super::view::Measures;
use super::widgets::line_editor::LineEditor;
use crate::model::summary::Summary;
use crate::model::{Dataset, Objective, PhaseField};
use crate::service::follow::Following;

pub use super::pane::Pane;
pub use crate::tui::filter::Filter;
pub use bulk::LastEdit;
pub use editing::{NarrativeEdit, Year};
pub use review::{Picker, ReviewSession};
pub use rows::{CellEdit, CellTarget, RowField};
pub use search::Search;
pub use table::{Table, TableCursor};
pub use writing::Writing;

/// Keys that scroll an overlay.
const SCROLLS: [Action; 4] = [Action::Down, Action::Up, Action::PageDown, Action::PageUp];

/// A question waiting for an answer (keys: `keymap::QUESTION`, the same meaning everywhere).
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Delete row `row` of `table`?
    DeleteRow {
        table: Table,
        objective: usize,
        row: usize,
    },
    /// A draft of this text survived an earlier session: restore it or discard it?
    RestoreDraft {
        writing: Writing,
        draft: crate::api::Draft,
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
    /// A word to find in the help, typed over it (`?` then `/`).
    HelpFind {
        scroll: u16,
        editor: LineEditor,
    },
    /// The command line (`:`).
    Command(command::CommandLine),
    /// The selected objective's history, one line per change.
    History {
        lines: Vec<String>,
        scroll: u16,
    },
    /// `C`: the plan's cycle: its state, transitions and what blocks the next step.
    Cycle {
        lines: Vec<String>,
        scroll: u16,
    },
    /// A save refused because a colleague saved first: theirs, mine, the choices.
    Conflict(Box<conflict::ConflictView>),
    /// Choosing from a list (which review, which filter).
    Pick(Picker),
    /// Review mode: the comment that goes with "reviewed".
    ReviewComment(LineEditor),
    /// `V` with no variation open: the reason of the one to open.
    VariationReason(LineEditor),
    /// The text of a filter, typed from line `at` of the filter list.
    FilterText {
        target: crate::tui::filter::FilterTarget,
        at: usize,
        editor: LineEditor,
    },
}

/// The last action's outcome, shown in the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    None,
    Info(String),
    Saved(String),
    Error(String),
}

impl Status {
    /// A line in the user's language (`tr`): the Italian and the English.
    pub fn info(it: &str, en: &str) -> Status {
        Status::Info(crate::i18n::tr(it, en).into())
    }

    pub fn error(it: &str, en: &str) -> Status {
        Status::Error(crate::i18n::tr(it, en).into())
    }
}

/// The session's state. Its fields are this module's: the panes read them
/// through the accessors below, and only `update` (and the methods it calls)
/// changes them.
pub struct App {
    /// The plan's service, and what this session has seen of it.
    service: Following,
    /// The plan: the objectives shown lately whole, the others as shells (`lazy`).
    dataset: Dataset,
    /// Each objective's summary, in plan order: what the tree, the filter and
    /// the overview read.
    summaries: Vec<Summary>,
    residency: lazy::Residency,
    today: NaiveDate,
    collapsed: HashSet<String>,
    /// Each objective's roll-up and markers, in plan order (kept up to date by edits).
    facts: Vec<outline::Facts>,
    rows: Vec<Row>,
    /// Selected tree row.
    selected: usize,
    /// The objective the right-hand panes show (the last one selected in the tree).
    current: Option<usize>,
    /// The phase table's cell cursor and marks.
    phases: TableCursor,
    details_scroll: u16,
    narrative_scroll: u16,
    focus: Pane,
    mode: Mode,
    status: Status,
    search: Option<Search>,
    /// Groups of changes that undo this session's edits, newest last.
    undo_stack: Vec<undo::Undo>,
    /// Groups of changes that redo what was undone, newest last.
    redo_stack: Vec<undo::Undo>,
    /// The review in progress (`R`), kept while the user edits elsewhere.
    review: Option<ReviewSession>,
    /// The last review of the plan, read when the overview first needs it
    /// with none in progress (its `Riv.` column).
    last_review: std::cell::OnceCell<Option<crate::api::Review>>,
    /// What the tree shows (`f`) and in what order (`s`).
    filter: Filter,
    sort: outline::Sort,
    /// The selected line of the overview.
    overview_line: usize,
    /// Moves on whenever an objective changes (edits, others' edits, reloads).
    generation: u64,
    /// What the last frame measured (page height, how far a list scrolls).
    measures: Measures,
    /// The keys in force (the defaults, or the user's `config.toml`).
    keys: Keymap,
    /// The indicator table's cell cursor and marks.
    indicators: TableCursor,
    /// What `.` repeats.
    last_edit: Option<LastEdit>,
    /// The last click, to tell a double click.
    last_click: Option<(std::time::Instant, u16, u16)>,
    /// The rows a fold hid, by the node's code, with the data generation they
    /// were built at: unfolding puts them back without a rebuild.
    folded_rows: std::collections::HashMap<String, (u64, Vec<Row>)>,
    /// The filter's text, the data generation, and the objectives whose
    /// phases the service found it in (`filtering::phases_mentioning`).
    found_cache: std::cell::RefCell<Option<(String, u64, HashSet<String>)>>,
    /// A save just refused as outdated, for `open_conflict` to show.
    refusal: Option<conflict::Clash>,
    /// Texts whose changes were discarded on purpose: kept as drafts until the session ends.
    discarded: Vec<crate::api::DraftOf>,
    /// A count being typed before a motion (`5` of `5j`).
    count: Option<counts::Count>,
    /// The last key was a count and `g` (`5g`): the `g` after it completes `5gg`.
    counted_top: bool,
    /// The cell `y` copied: its column and value.
    clipboard: Option<(RowField, String)>,
    /// This session's commands (`:`), oldest first.
    commands: Vec<String>,
    /// The text pane a search landed in and which of its rows holding the
    /// word it shows (`n` / `N` go through them before the next objective).
    landing: Option<(Pane, usize)>,
    /// How many rows of that pane hold the word, as the last frame drew them.
    landed_rows: usize,
    /// The word last found in the help, marked there; `n` / `N` go on from it.
    help_query: Option<String>,
    /// Variation mode (`V`): the open variation edits go into.
    variation: Option<u64>,
    /// The variation an edit of this action was recorded into (for the status).
    recorded: Option<u64>,
    /// The open window's missing items (`reminders`), with the data
    /// generation they were read at (`window.rs`).
    missing: Option<(u64, usize)>,
    /// Shift was held with the key being handled: a motion in the narrative
    /// editor extends the selection.
    shift: bool,
    /// The narrative editor the help (`F1`) was opened over: closing the help
    /// goes back to it, as it was.
    editor_behind: Option<Box<NarrativeEdit>>,
    quit: bool,
}

impl App {
    /// A session on a plan loaded whole.
    pub fn new(service: Following, dataset: Dataset, today: NaiveDate) -> App {
        let summaries = Summary::all(&dataset);
        let residency = lazy::Residency::all(dataset.objectives.len());
        App::with_summaries(service, dataset, summaries, residency, today)
    }

    fn with_summaries(
        service: Following,
        dataset: Dataset,
        summaries: Vec<Summary>,
        residency: lazy::Residency,
        today: NaiveDate,
    ) -> App {
        let mut app = App {
            service,
            dataset,
            summaries,
            residency,
            today,
            collapsed: HashSet::new(),
            facts: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            current: None,
            phases: TableCursor::default(),
            details_scroll: 0,
            narrative_scroll: 0,
            focus: Pane::Tree,
            mode: Mode::Normal,
            status: Status::None,
            search: None,
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            review: None,
            last_review: std::cell::OnceCell::new(),
            filter: Filter::default(),
            sort: outline::Sort::Plan,
            overview_line: 0,
            generation: 0,
            measures: Measures::default(),
            keys: Keymap::default(),
            indicators: TableCursor::default(),
            last_edit: None,
            last_click: None,
            found_cache: std::cell::RefCell::new(None),
            folded_rows: std::collections::HashMap::new(),
            refusal: None,
            discarded: Vec::new(),
            count: None,
            counted_top: false,
            clipboard: None,
            commands: Vec::new(),
            help_query: None,
            landing: None,
            landed_rows: 0,
            variation: None,
            recorded: None,
            missing: None,
            shift: false,
            editor_behind: None,
            quit: false,
        };
        app.reload_rows();
        app.follow_selection();
        app
    }

    /// After the plan changed (loaded, reloaded, others' edits): each
    /// objective's facts worked out again, then the rows.
    pub(crate) fn reload_rows(&mut self) {
        self.generation += 1;
        self.facts = outline::Facts::all(&self.dataset.plan, &self.summaries, self.today);
        self.refresh_rows();
    }

    /// Objectives changed in `dataset` directly (a test setting a plan up by
    /// hand): their summaries worked out again, then the rows.
    #[cfg(test)]
    pub(crate) fn objectives_changed(&mut self) {
        for (i, o) in self.dataset.objectives.iter().enumerate() {
            if self.residency.is_whole(i) {
                self.summaries[i] = Summary::of(o);
            }
        }
        self.reload_rows();
    }

    /// Rebuilds the tree rows (after a fold, a filter, a sort), keeping the selection on the same node.
    pub(crate) fn refresh_rows(&mut self) {
        let keep = self.tree_keep();
        self.rebuild_rows(keep.as_deref());
    }

    /// The rows of the objectives `keep` lets through (`None`: all).
    pub(crate) fn rebuild_rows(&mut self, keep: Option<&[bool]>) {
        self.folded_rows.clear();
        let code = self
            .rows
            .get(self.selected)
            .map(|r| (r.kind, r.code.clone()));
        let shape = outline::Shape {
            keep,
            sort: self.sort,
            facts: &self.facts,
        };
        self.rows = outline::rows(&self.dataset, &self.collapsed, shape);
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

    /// The table the keys of a table act on: the indicators' on their pane,
    /// the phases' elsewhere.
    pub(crate) fn table(&self) -> Table {
        if self.focus == Pane::Indicators {
            Table::Indicators
        } else {
            Table::Phases
        }
    }

    /// The field of the table column the cell cursor is on.
    pub fn phase_field(&self) -> PhaseField {
        use crate::tui::columns::PHASES as COLUMNS;
        COLUMNS[self.phases.col.min(COLUMNS.len() - 1)]
    }

    /// Keeps the right-hand panes on the objective selected in the tree.
    pub(crate) fn follow_selection(&mut self) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        if row.kind == NodeKind::Objective && row.objective != self.current {
            self.current = row.objective;
            if let Some(index) = self.current {
                self.show(index);
            }
            // Another objective's rows: the cursors keep their column only.
            self.phases.another_objective();
            self.indicators.another_objective();
            self.details_scroll = 0;
            self.narrative_scroll = 0;
            self.landing = None;
        }
    }

    /// Turns a key into an action according to the mode, then carries it out.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let browsing = matches!(self.mode, Mode::Normal) && !self.reviewing();
        // Counts: browsing (where a digit is no cell's value), the review page, a list.
        let counting = match self.mode {
            Mode::Normal if browsing => !self.types_into_cell(key),
            Mode::Normal | Mode::Pick(_) => true,
            _ => false,
        };
        if counting && self.count_digit(key, browsing) {
            return;
        }
        let counted_top = std::mem::take(&mut self.counted_top);
        // Shift with a key that is no character (a character is typed shifted).
        self.shift = key
            .modifiers
            .contains(crossterm::event::KeyModifiers::SHIFT)
            && !matches!(key.code, crossterm::event::KeyCode::Char(_));
        let keys = &self.keys;
        let typed = |ctx| Some(keys.lookup(ctx, key).unwrap_or(Action::Type(key)));
        let action = match &self.mode {
            Mode::Normal if self.reviewing() => keys.lookup_review(key),
            Mode::Normal if self.types_into_cell(key) => Some(Action::Type(key)),
            Mode::Normal | Mode::Help { .. } | Mode::History { .. } | Mode::Cycle { .. } => {
                keys.lookup(Context::Normal, key)
            }
            Mode::Pick(_) => keys.lookup(Context::Picker, key),
            Mode::Cell(_) => typed(Context::Cell),
            Mode::SearchPrompt(_)
            | Mode::ReviewComment(_)
            | Mode::VariationReason(_)
            | Mode::FilterText { .. }
            | Mode::HelpFind { .. } => typed(Context::Prompt),
            Mode::Command(_) => typed(Context::Command),
            Mode::Conflict(_) => keys.lookup(Context::Question, key).or_else(|| {
                keys.lookup(Context::Normal, key)
                    .filter(|a| SCROLLS.contains(a))
                    .or_else(|| keys.lookup(Context::Narrative, key))
            }),
            Mode::Narrative(editor) if editor.confirm_leave => {
                keys.lookup(Context::Question, key).or_else(|| {
                    keys.lookup(Context::Narrative, key)
                        .filter(|a| *a == Action::Save)
                })
            }
            Mode::Narrative(_) => typed(Context::Narrative),
            Mode::Ask(_) => keys.lookup(Context::Question, key),
        };
        let count = self.take_count(action);
        match action {
            // `5gg`: the second `g` of a counted `g`, already there.
            Some(Action::Top) if counted_top => {}
            Some(motion) if count.is_some() => {
                self.move_counted(motion, count);
                self.counted_top = motion == Action::Top;
            }
            Some(action) => self.update(action),
            // Browsing, or a window that only reads and moves: say the key does nothing.
            None if matches!(
                self.mode,
                Mode::Normal
                    | Mode::Help { .. }
                    | Mode::History { .. }
                    | Mode::Cycle { .. }
                    | Mode::Pick(_)
            ) =>
            {
                self.say_unbound(key)
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
            Mode::VariationReason(_) => self.update_variation_reason(action),
            Mode::FilterText { .. } => self.update_filter_text(action),
            Mode::Help { .. } | Mode::History { .. } | Mode::Cycle { .. } => {
                self.update_overlay(action)
            }
            Mode::HelpFind { .. } => self.update_help_find(action),
            Mode::Command(_) => self.update_command(action),
            Mode::Cell(_) => self.update_cell(action),
            Mode::SearchPrompt(_) => self.update_search_prompt(action),
            Mode::Narrative(_) => self.update_narrative(action),
            Mode::Ask(_) => self.update_question(action),
            Mode::Conflict(_) => self.update_conflict(action),
        }
        // A save this action made, refused because a colleague saved first.
        self.open_conflict();
        if self.focus == Pane::Overview {
            self.read_last_review();
            self.read_missing();
        }
        self.say_recorded();
    }

    fn update_normal(&mut self, action: Action) {
        if let Some(why) = self.pointless_here(action) {
            self.status = Status::Error(why);
            return;
        }
        if self.focus == Pane::Indicators && self.update_indicators(action) {
            return;
        }
        match action {
            Action::NextPane | Action::PrevPane => self.cycle_pane(action == Action::NextPane),
            Action::FocusPane(n) => {
                if let Some(pane) = Pane::ALL.get(n as usize) {
                    self.focus = *pane;
                }
            }
            Action::Overview => self.focus = Pane::Overview,
            Action::Filter => self.choose_filter(crate::tui::filter::FilterTarget::Tree, 0),
            Action::Sort => self.cycle_sort(),
            Action::Cancel => {
                self.clear_tree_view();
            }
            motion if motion.is_motion() => self.move_in_pane(action, None),
            Action::Left | Action::Right => self.left_right(action == Action::Right),
            Action::Enter => self.enter(),
            Action::EditWeight => self.open_field(self.table().weight(), true),
            Action::EditProgress => self.open_field(RowField::Phase(PhaseField::Progress), true),
            Action::EditCell => self.edit_here(false),
            Action::ChangeCell => self.edit_here(true),
            Action::ProgressUp => self.step_progress(5.0),
            Action::ProgressDown => self.step_progress(-5.0),
            Action::EqualWeights => self.equal_weights(),
            Action::Mark => self.toggle_mark(self.table()),
            Action::MarkAll => self.mark_all(self.table()),
            Action::Repeat => self.repeat_last_edit(),
            Action::Yank => self.copy_cell(),
            Action::Paste => self.paste_cell(),
            Action::FillDown => self.fill_down(),
            Action::AddRow => self.start_add_row(self.table()),
            Action::DeleteRow => self.ask_delete_row(self.table()),
            Action::MoveRowDown => self.move_phase(true),
            Action::MoveRowUp => self.move_phase(false),
            Action::Type(key) => self.type_into_cell(key),
            Action::EditYear1 => self.open_narrative(Year::First),
            Action::EditYear2 => self.open_narrative(Year::Second),
            Action::Search => self.mode = Mode::SearchPrompt(LineEditor::default()),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Help => self.open_help_at(""),
            Action::CommandLine => self.open_command_line(),
            Action::History => self.show_history(),
            Action::Cycle => self.show_cycle(),
            Action::PlanTexts => self.choose_plan_text(),
            Action::Variation => self.toggle_variation(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Review => self.open_review(),
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Help and history: read-only lists that scroll and close.
    fn update_overlay(&mut self, action: Action) {
        let help = matches!(self.mode, Mode::Help { .. });
        if matches!(self.mode, Mode::Cycle { .. }) {
            match action {
                Action::Enter => return self.pick_blocked_objective(),
                Action::PlanTexts => return self.choose_plan_text(),
                _ => {}
            }
        }
        let (Mode::Help { scroll } | Mode::History { scroll, .. } | Mode::Cycle { scroll, .. }) =
            &mut self.mode
        else {
            return;
        };
        // From where the last frame showed it: `G` asks for u16::MAX, the frame shows the last page.
        let page = self.measures.scrolled_from(scroll);
        match action {
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = scroll.saturating_add(page),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::HalfPageDown => *scroll = scroll.saturating_add(page.div_ceil(2)),
            Action::HalfPageUp => *scroll = scroll.saturating_sub(page.div_ceil(2)),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = u16::MAX,
            Action::Search if help => {
                let scroll = *scroll;
                self.start_help_search(scroll)
            }
            Action::SearchNext | Action::SearchPrev if help => {
                self.help_search_step(action == Action::SearchNext)
            }
            Action::Help | Action::History | Action::Cycle | Action::Quit | Action::Cancel => {
                self.mode = match self.editor_behind.take() {
                    Some(edit) => Mode::Narrative(edit),
                    None => Mode::Normal,
                }
            }
            _ => {}
        }
    }

    /// Every question answers to the same keys (GUIDE §4): `Discard` throws
    /// away (the phase, the draft), `Keep` (Enter) keeps the user's work, and
    /// `Cancel` (Esc) closes the question with nothing changed.
    fn update_question(&mut self, action: Action) {
        let Mode::Ask(question) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        match (question, action) {
            (
                Question::DeleteRow {
                    table,
                    objective,
                    row,
                },
                Action::Discard,
            ) => self.delete_row(table, objective, row),
            (Question::RestoreDraft { writing, draft }, Action::Keep) => {
                self.open_editor(writing, Some(draft.text))
            }
            // The published text opens; the draft stays restorable until the session ends.
            (Question::RestoreDraft { writing, .. }, Action::Discard) => {
                self.discarded.push(self.draft_of(writing));
                self.open_editor(writing, None);
                self.status = Status::info(
                    "bozza messa da parte: la riproporrà fino alla fine della sessione",
                    "draft set aside: offered again until the session ends",
                );
            }
            (Question::RestoreDraft { .. }, Action::Cancel) => {
                self.status = Status::info("la bozza resta", "the draft stays")
            }
            (_, Action::Keep | Action::Cancel) => {
                self.status = Status::info("annullato, nulla cambia", "cancelled, nothing changes")
            }
            // Any other key: the question stays.
            (q, _) => self.mode = Mode::Ask(q),
        }
    }
}

#[cfg(test)]
mod conflict_tests;
#[cfg(test)]
mod editor_tests;
#[cfg(test)]
mod indicator_tests;
#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod live_tests;
#[cfg(test)]
mod plan_texts_tests;
#[cfg(test)]
pub(crate) mod review_tests;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod view_tests;
