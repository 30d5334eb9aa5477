//! Everything a user can do in the TUI, as data: keys map to these through
//! `keymap`, and `App::update` carries them out.

use crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextPane,
    PrevPane,
    /// `1`…`6`: the pane with this index in `Pane::ALL`.
    FocusPane(u8),
    /// `o`: the plan at a glance.
    Overview,
    /// `s` in the tree: the next order of objectives within their mission.
    Sort,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    /// Tree: collapse; phase table: previous cell.
    Left,
    /// Tree: expand; phase table: next cell.
    Right,
    /// Tree: open the objective; phase table: edit the cell.
    Enter,
    EditWeight,
    EditProgress,
    /// `i` / `F2`: edit the table cell, from its value (as `Enter`).
    EditCell,
    /// `c`: edit the table cell with its value selected, so typing replaces it.
    ChangeCell,
    ProgressUp,
    ProgressDown,
    /// `=`: weights of the phases (or the marked ones) made equal, Σ = 100.
    EqualWeights,
    /// `Space` / `*`: mark the phase; mark all (again: none).
    Mark,
    MarkAll,
    /// `.`: the last edit again, on the selected (or marked) phases.
    Repeat,
    AddPhase,
    DeletePhase,
    /// `J` / `K`: the phase one place down / up.
    MovePhaseDown,
    MovePhaseUp,
    EditYear1,
    EditYear2,
    Search,
    SearchNext,
    SearchPrev,
    Help,
    History,
    Undo,
    Redo,
    /// `R`: open review mode (or, inside it, choose another review).
    Review,
    /// Review mode: next / previous objective, mark reviewed, filters.
    NextObjective,
    PrevObjective,
    MarkReviewed,
    /// `f`: the filter list (of the tree, or of the review in progress).
    Filter,
    Quit,

    // In a one-line editor, a prompt, the narrative editor or a question.
    /// Enter in a cell editor or prompt.
    Commit,
    /// Tab in a cell editor: save and go to the cell on the right.
    CommitRight,
    /// Esc: cancel a cell edit or prompt; leave the narrative editor (asks when unsaved).
    Cancel,
    /// Ctrl-S in the narrative editor.
    Save,
    /// In every question (GUIDE §4, one vocabulary): the default, which keeps
    /// the user's work (Enter).
    Keep,
    /// In every question: throw something away (a phase, unsaved changes, a
    /// draft, one's own side of a conflict). One key everywhere, never `s`/`y`.
    Discard,
    /// In a conflict: one's own version saved on top of the colleague's.
    OnTop,
    /// Any other key while typing: text for the editor.
    Type(KeyEvent),
    /// The terminal was resized (redraw only).
    Resize,
}
