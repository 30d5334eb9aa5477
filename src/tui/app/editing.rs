//! Edits: the cell editor's keys, progress steps, adding and deleting rows, narratives.
//! Every edit goes through the service and is shown as "salvato" only once it
//! is durable; a refused value leaves the editor open with what was typed.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::rows::{CellEdit, CellTarget, RowField};
use super::table::Table;
use super::writing::Writing;
use super::{App, Mode, Pane, Question, Status};
use crate::i18n::tr;
use crate::model::field::FrozenPart;
use crate::model::frozen;
use crate::model::table::Phases;
use crate::model::{Change, ObjectiveField, Phase, PhaseField};
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::widgets::line_editor::LineEditor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Year {
    First,
    Second,
}

impl Year {
    pub fn field(self) -> ObjectiveField {
        match self {
            Year::First => ObjectiveField::Year1,
            Year::Second => ObjectiveField::Year2,
        }
    }

    /// The key action that opens this year's editor.
    pub fn action(self) -> Action {
        match self {
            Year::First => Action::EditYear1,
            Year::Second => Action::EditYear2,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Year::First => tr("1° anno", "year 1"),
            Year::Second => tr("2° anno", "year 2"),
        }
    }
}

pub struct NarrativeEdit {
    /// The text being written: a narrative, or a text of the Relazione.
    pub writing: Writing,
    pub textarea: TextArea<'static>,
    /// The text as last saved, to tell whether there are unsaved changes.
    pub saved_text: String,
    /// Esc was pressed with unsaved changes: the exit question is asked.
    pub confirm_leave: bool,
    /// The text as last kept as a draft, and when.
    pub draft_text: String,
    pub draft_at: Instant,
}

impl NarrativeEdit {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn is_dirty(&self) -> bool {
        self.text() != self.saved_text
    }
}

/// How often the text being typed is kept as a draft.
pub const DRAFT_EVERY: Duration = Duration::from_secs(2);

impl App {
    /// The objective the right-hand panes show, or a message saying to pick one.
    pub(crate) fn current_or_say(&mut self) -> Option<usize> {
        if self.current.is_none() {
            self.status = Status::error(
                "seleziona prima un obiettivo nell'albero",
                "select an objective in the tree first",
            );
        }
        self.current
    }

    pub(crate) fn update_cell(&mut self, action: Action) {
        let Mode::Cell(edit) = &mut self.mode else {
            return;
        };
        match action {
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.status = Status::info("modifica annullata", "edit cancelled");
            }
            Action::Type(key) => {
                edit.editor.input(key);
            }
            Action::Commit | Action::CommitRight => {
                let edit = edit.clone();
                let result = self.commit_cell(&edit);
                match result {
                    Ok(status) => {
                        self.mode = Mode::Normal;
                        self.status = status;
                        // Like a spreadsheet: Enter goes down, Tab goes right.
                        if let CellTarget::Row { row, field } = edit.target {
                            let table = field.table();
                            let rows = table.count(&self.dataset.objectives[edit.objective]);
                            let columns = self.column_count(table);
                            let cursor = self.cursor_mut(table);
                            if action == Action::CommitRight {
                                cursor.col = (cursor.col + 1).min(columns - 1);
                            } else {
                                cursor.row = (row + 1).min(rows.saturating_sub(1));
                            }
                        }
                    }
                    // The editor stays open with the typed text; the stored value is unchanged.
                    Err(message) => self.status = Status::Error(message),
                }
            }
            _ => {}
        }
    }

    /// Saves the cell; the status to show (saved, or: nothing to change).
    fn commit_cell(&mut self, edit: &CellEdit) -> Result<Status, String> {
        let text = edit.editor.text();
        match edit.target {
            CellTarget::Row { row, field } => {
                let targets = self.cursor(field.table()).targets(row);
                self.set_cells(edit.objective, &targets, field, &text)
            }
            CellTarget::NewRow { table, at } => self.add_row(table, edit.objective, at, &text),
        }
    }

    /// `+` / `-`: the progress of the selected (or marked) phases moved by `delta`, within 0–100.
    pub(crate) fn step_progress(&mut self, delta: f64) {
        let Some((objective, phase, _)) = self.row_target(Table::Phases) else {
            return;
        };
        self.focus_cell(RowField::Phase(PhaseField::Progress));
        let targets = self.phases.targets(phase);
        let step = |_, p: &mut Phase| {
            p.progress = Some((p.progress.unwrap_or(0.0) + delta).clamp(0.0, 100.0));
            Ok(())
        };
        let Ok(changes) = self.changes::<Phases>(objective, &targets, PhaseField::Progress, step)
        else {
            return;
        };
        if changes.is_empty() {
            self.status = Self::already_so();
            return;
        }
        self.status = match self.save(objective, &changes) {
            Ok(()) => {
                self.last_edit = Some(super::LastEdit::Step(delta));
                let shown = match &changes[..] {
                    [Change::SetPhase { value, .. }] => value.to_string(),
                    _ => format!("{delta:+}"),
                };
                Status::Saved(format!(
                    "{} {}: {shown}",
                    Table::Phases.named(&targets),
                    PhaseField::Progress.label(),
                ))
            }
            Err(e) => Status::Error(e),
        };
    }

    /// `a`: the editor of a new row's name, after the selected one.
    pub(crate) fn start_add_row(&mut self, table: Table) {
        let Some(objective) = self.current_or_say() else {
            return;
        };
        let plan = &self.dataset.plan;
        if plan.state() >= frozen::STRUCTURE {
            let part = match table {
                Table::Phases => FrozenPart::Phases,
                Table::Indicators => FrozenPart::Indicators,
            };
            let why = frozen::refusal(plan, part, frozen::STRUCTURE);
            self.status = Status::Error(why.to_string());
            return;
        }
        let count = table.count(&self.dataset.objectives[objective]);
        let at = if count == 0 {
            0
        } else {
            (self.cursor(table).row + 1).min(count)
        };
        self.focus = table.pane();
        self.mode = Mode::Cell(CellEdit {
            objective,
            target: CellTarget::NewRow { table, at },
            editor: LineEditor::default(),
        });
    }

    /// `d`: asks whether to delete the selected row.
    pub(crate) fn ask_delete_row(&mut self, table: Table) {
        let Some((objective, row, _)) = self.row_target(table) else {
            return;
        };
        self.mode = Mode::Ask(Question::DeleteRow {
            table,
            objective,
            row,
        });
    }

    pub(crate) fn open_narrative(&mut self, year: Year) {
        let Some(objective) = self.current_or_say() else {
            return;
        };
        // Closed with the year's data (GUIDE §8): said before anything is typed.
        let (plan, field) = (&self.dataset.plan, year.field());
        if frozen::objective_field_frozen(field, plan.state()) {
            let part = FrozenPart::Objective { field };
            self.status =
                Status::Error(frozen::refusal(plan, part, field.frozen_from()).to_string());
            return;
        }
        self.open_writing(Writing::Narrative { objective, year });
    }

    /// The editor on `writing`, after asking whether to restore its draft
    /// when one survived an earlier session.
    pub(crate) fn open_writing(&mut self, writing: Writing) {
        let published = self.published(writing);
        let of = self.draft_of(writing);
        match self.service.draft(&of) {
            Ok(Some(draft)) if draft.text != published => {
                self.focus = Pane::Narratives;
                self.mode = Mode::Ask(Question::RestoreDraft { writing, draft });
            }
            Ok(_) => {
                // A text of the plan's own: the role that may write it is
                // asked before anything is typed (its draft's, the same rule).
                if let Writing::PlanText(_) = writing
                    && let Err(e) = self.service.discard_draft(&of)
                {
                    self.status = Status::Error(e.to_string());
                    return;
                }
                self.open_editor(writing, None)
            }
            // The draft cannot be read: say so, and still let the user write.
            Err(e) => {
                self.open_editor(writing, None);
                self.status = Status::Error(format!(
                    "{}: {e}",
                    tr("bozza illeggibile", "unreadable draft")
                ));
            }
        }
    }

    /// Opens the editor on the published text, or on `restored` (a draft) over it.
    pub(crate) fn open_editor(&mut self, writing: Writing, restored: Option<String>) {
        let published = self.published(writing);
        let text = restored.clone().unwrap_or_else(|| published.clone());
        let mut textarea = TextArea::new(text.split('\n').map(str::to_string).collect());
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        // Seen without colour too (NO_COLOR): the editor's own is a light blue background.
        textarea.set_selection_style(
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED),
        );
        self.focus = Pane::Narratives;
        self.mode = Mode::Narrative(Box::new(NarrativeEdit {
            writing,
            textarea,
            saved_text: published,
            confirm_leave: false,
            draft_text: text,
            draft_at: Instant::now(),
        }));
        if restored.is_some() {
            self.status = Status::Info(format!(
                "{}: {} {}",
                tr("bozza ripristinata", "draft restored"),
                self.keys.key_of(Context::Narrative, Action::Save),
                tr("per pubblicarla", "to publish it"),
            ));
        }
    }

    pub(crate) fn discard_draft(&mut self, writing: Writing) {
        let of = self.draft_of(writing);
        if let Err(e) = self.service.discard_draft(&of) {
            self.status = Status::Error(format!("{}: {e}", tr("bozza", "draft")));
        }
    }

    /// The editor open, or the one a conflict view or the help was opened over.
    fn editor_open(&mut self) -> Option<&mut NarrativeEdit> {
        match &mut self.mode {
            Mode::Narrative(edit) => Some(edit),
            Mode::Conflict(view) => match view.origin.as_mut() {
                Mode::Narrative(edit) => Some(edit),
                _ => None,
            },
            _ => self.editor_behind.as_deref_mut(),
        }
    }

    /// Keeps the editor's text as a draft if it changed since the last one. Called
    /// every few seconds by `tick`, and on exit (quit, hang-up, termination).
    pub fn keep_draft(&mut self) {
        let Some(edit) = self.editor_open() else {
            return;
        };
        let (writing, text) = (edit.writing, edit.text());
        if text == edit.draft_text {
            return;
        }
        let of = self.draft_of(writing);
        match self.service.save_draft(&of, &text) {
            Ok(()) => {
                if let Some(edit) = self.editor_open() {
                    edit.draft_text = text;
                    edit.draft_at = Instant::now();
                }
            }
            Err(e) => {
                self.status =
                    Status::Error(tr_format!("bozza non salvata: {e}", "draft not saved: {e}"))
            }
        }
    }

    /// Periodic work: the draft of the narrative being typed, every `DRAFT_EVERY`.
    pub fn tick(&mut self, now: Instant) {
        if let Mode::Narrative(edit) = &self.mode
            && now.duration_since(edit.draft_at) >= DRAFT_EVERY
        {
            self.keep_draft();
        }
    }

    /// The editor's exit question, in the questions' vocabulary (GUIDE §4).
    fn ask_leave(&mut self) {
        let question = self.keys.hint(
            Context::Question,
            &[
                (Action::Keep, tr("torna al testo", "back to the text")),
                (
                    Action::Discard,
                    tr(
                        "esci e scarta (resta come bozza fino alla fine della sessione)",
                        "leave and discard (kept as a draft until the session ends)",
                    ),
                ),
            ],
        );
        let save = self.keys.hint(
            Context::Narrative,
            &[(Action::Save, tr("salva ed esci", "save and leave"))],
        );
        self.status = Status::Info(format!(
            "{}: {question} · {save}",
            tr("modifiche non salvate", "unsaved changes")
        ));
    }

    pub(crate) fn update_narrative(&mut self, action: Action) {
        let Mode::Narrative(edit) = &mut self.mode else {
            return;
        };
        match action {
            Action::Save if super::conflict::has_marks(&edit.text()) => {
                self.status = Status::Error(tr_format!(
                    "il testo ha ancora i segni {} {}: unisci le due versioni e toglili, poi salva",
                    "the text still has the marks {} {}: merge the two versions and remove them, then save",
                    super::conflict::MINE_STARTS,
                    super::conflict::MINE_ENDS
                ));
            }
            Action::Save => {
                let (writing, text, base) = (edit.writing, edit.text(), edit.saved_text.clone());
                let leave = edit.confirm_leave;
                match self.publish(writing, &text, &base) {
                    Ok(()) => {
                        self.discard_draft(writing);
                        self.status = Status::Saved(self.writing_saved(writing));
                        if leave {
                            self.mode = Mode::Normal;
                        } else if let Mode::Narrative(edit) = &mut self.mode {
                            edit.saved_text = text.clone();
                            edit.draft_text = text;
                        }
                    }
                    // The text stays in the editor: nothing typed is lost.
                    Err(e) => self.status = Status::Error(e),
                }
            }
            Action::Cancel if edit.confirm_leave => {
                edit.confirm_leave = false;
                self.status = Status::None;
            }
            Action::Cancel if edit.is_dirty() => {
                edit.confirm_leave = true;
                self.ask_leave();
            }
            Action::Cancel => {
                let writing = edit.writing;
                self.mode = Mode::Normal;
                // Nothing unsaved: a leftover draft is no longer wanted, unless
                // it is one set aside this session (restorable until it ends).
                if !self.discarded.contains(&self.draft_of(writing)) {
                    self.discard_draft(writing);
                }
            }
            Action::Keep => {
                edit.confirm_leave = false;
                self.status = Status::None;
            }
            Action::Discard => {
                let (writing, text) = (edit.writing, edit.text());
                self.mode = Mode::Normal;
                self.status = if self.keep_discarded(writing, &text) {
                    Status::Info(tr_format!(
                        "modifiche scartate: restano come bozza fino alla fine della sessione ({} le ripropone)",
                        "changes discarded: kept as a draft until the session ends ({} offers them again)",
                        self.reopening_key(writing)
                    ))
                } else {
                    // The draft could not be written: the editor stays, nothing is lost.
                    let status = std::mem::replace(&mut self.status, Status::None);
                    self.open_editor(writing, Some(text));
                    status
                };
            }
            Action::Help => {
                let Mode::Narrative(edit) = std::mem::replace(&mut self.mode, Mode::Normal) else {
                    return;
                };
                self.editor_behind = Some(edit);
                self.open_help_on(Context::Narrative);
            }
            action if super::text_keys::is_text_action(action) => {
                self.text_action(action, self.shift)
            }
            Action::Type(key) => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match key.code {
                    // Ctrl-Z as well as the editor's own Ctrl-U: the undo people reach for.
                    KeyCode::Char('z') if ctrl => {
                        edit.textarea.undo();
                    }
                    _ => {
                        edit.textarea.input(key);
                    }
                }
                self.forget_selection_said();
            }
            _ => {}
        }
    }

    /// A narrative text discarded on purpose, kept as a draft until the session
    /// ends (`end_session`); false, with the status saying why, when it could not be.
    pub(crate) fn keep_discarded(&mut self, writing: Writing, text: &str) -> bool {
        let of = self.draft_of(writing);
        match self.service.save_draft(&of, text) {
            Ok(()) => {
                self.discarded.push(of);
                true
            }
            Err(e) => {
                self.status =
                    Status::Error(tr_format!("bozza non salvata: {e}", "draft not saved: {e}"));
                false
            }
        }
    }

    /// The session ends (quit, hang-up, termination): drafts set aside on
    /// purpose go, the text being typed is kept as a draft, the review's place too.
    pub fn end_session(&mut self) {
        let open = match (&self.mode, &self.editor_behind) {
            (Mode::Narrative(edit), _) | (_, Some(edit)) => Some(self.draft_of(edit.writing)),
            _ => None,
        };
        for of in std::mem::take(&mut self.discarded) {
            if open.as_ref() != Some(&of) {
                // Best effort: the process is going; a draft left is offered next time.
                let _ = self.service.discard_draft(&of);
            }
        }
        self.keep_draft();
        self.keep_review_place();
    }
}
