//! Edits: table cells, progress steps, adding and deleting phases, narratives.
//! Every edit goes through the service and is shown as "salvato" only once it
//! is durable; a refused value leaves the editor open with what was typed.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::table::Table;
use super::{App, Mode, Pane, Question, Status};
use crate::i18n::tr;
use crate::model::indicator_fields::IndicatorField;
use crate::model::{Change, Field, ObjectiveField, Phase, PhaseField, Value};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::widgets::line_editor::LineEditor;

/// What a one-line cell editor is editing.
#[derive(Debug, Clone, PartialEq)]
pub enum CellTarget {
    Field {
        phase: usize,
        field: PhaseField,
    },
    /// The name of a phase to be inserted at `at`.
    NewPhase {
        at: usize,
    },
    /// A cell of the indicator table.
    Indicator {
        indicator: usize,
        field: IndicatorField,
    },
    /// The name of an indicator to be inserted at `at`.
    NewIndicator {
        at: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellEdit {
    pub objective: usize,
    pub target: CellTarget,
    pub editor: LineEditor,
}

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
    pub objective: usize,
    pub year: Year,
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
            self.status = Status::Error(
                tr(
                    "seleziona prima un obiettivo nell'albero",
                    "select an objective in the tree first",
                )
                .into(),
            );
        }
        self.current
    }

    /// Puts the table's cell cursor on `field`'s column.
    pub(crate) fn focus_column(&mut self, field: PhaseField) {
        use crate::tui::columns::PHASES as COLUMNS;
        self.phases.col = COLUMNS.iter().position(|f| *f == field).unwrap_or(0);
    }

    /// Opens the editor of the selected phase's `field`; `select`: with the
    /// old value selected, so that typing replaces it (`w`, `p`, `c`).
    pub(crate) fn edit_cell_of(&mut self, field: PhaseField, select: bool) {
        let Some((objective, phase, _)) = self.row_target(Table::Phases) else {
            return;
        };
        self.focus = Pane::Phases;
        self.focus_column(field);
        let current = Field::Phase(field).current(&self.dataset.objectives[objective], Some(phase));
        // "n/d" is how an empty number is shown, not something to edit.
        let current = if matches!(field, PhaseField::Weight | PhaseField::Progress)
            && self.dataset.objectives[objective].phases[phase]
                .weight_or_progress(field)
                .is_none()
        {
            String::new()
        } else {
            current
        };
        self.mode = Mode::Cell(CellEdit {
            objective,
            target: CellTarget::Field { phase, field },
            editor: LineEditor::opening(&current, select),
        });
    }

    pub(crate) fn update_cell(&mut self, action: Action) {
        let Mode::Cell(edit) = &mut self.mode else {
            return;
        };
        match action {
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.status = Status::Info(tr("modifica annullata", "edit cancelled").into());
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
                        let o = &self.dataset.objectives[edit.objective];
                        let right = action == Action::CommitRight;
                        match edit.target {
                            CellTarget::Field { .. } if right => {
                                self.phases.col =
                                    (self.phases.col + 1).min(PhaseField::ALL.len() - 1)
                            }
                            CellTarget::Field { phase, .. } => {
                                self.phases.row = (phase + 1).min(o.phases.len().saturating_sub(1))
                            }
                            CellTarget::Indicator { .. } if right => {
                                let last = self.indicator_columns().len() - 1;
                                self.indicators.col = (self.indicators.col + 1).min(last)
                            }
                            CellTarget::Indicator { indicator, .. } => {
                                self.indicators.row =
                                    (indicator + 1).min(o.indicators.len().saturating_sub(1))
                            }
                            _ => {}
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
        let code = self.dataset.objectives[edit.objective].code.clone();
        match &edit.target {
            CellTarget::Field { phase, field } => {
                // The error names the field (`Peso: «101»: …`).
                let value = Field::Phase(*field)
                    .parse(&text)
                    .map_err(|e| e.to_string())?;
                let targets = self.phases.targets(*phase);
                self.set_on(edit.objective, &targets, *field, &value)
            }
            CellTarget::Indicator { indicator, field } => {
                let targets = self.indicators.targets(*indicator);
                self.set_indicators(edit.objective, &targets, *field, &text)
            }
            CellTarget::NewIndicator { at } => self.add_indicator(edit.objective, *at, &text),
            CellTarget::NewPhase { at } => {
                let Value::Text(name) = Field::Phase(PhaseField::Name)
                    .parse(&text)
                    .map_err(|e| e.to_string())?
                else {
                    return Err(String::new());
                };
                let objective = &self.dataset.objectives[edit.objective];
                // A new phase starts with the manager and CdR of the phase above, or of the objective.
                let above = at.checked_sub(1).and_then(|i| objective.phases.get(i));
                let value = Phase {
                    name: name.clone(),
                    manager: above.map_or(objective.manager.clone(), |p| p.manager.clone()),
                    responsibility_centre: above
                        .map_or(objective.responsibility_centre.clone(), |p| {
                            p.responsibility_centre.clone()
                        }),
                    ..Phase::default()
                };
                self.save(
                    edit.objective,
                    &[Change::AddPhase {
                        objective: code,
                        phase: *at,
                        value,
                    }],
                )?;
                let count = self.dataset.objectives[edit.objective].phases.len();
                self.phases.rows_changed(*at, count);
                Ok(Status::Saved(format!(
                    "{} {} «{name}» {}",
                    tr("fase", "phase"),
                    at + 1,
                    tr("aggiunta", "added")
                )))
            }
        }
    }

    /// `+` / `-`: the progress of the selected (or marked) phases moved by `delta`, within 0–100.
    pub(crate) fn step_progress(&mut self, delta: f64) {
        let Some((objective, phase, _)) = self.row_target(Table::Phases) else {
            return;
        };
        self.focus_column(PhaseField::Progress);
        let targets = self.phases.targets(phase);
        let o = &self.dataset.objectives[objective];
        let changes: Vec<Change> = targets
            .iter()
            .map(|&i| Change::SetPhase {
                objective: o.code.clone(),
                phase: i,
                field: PhaseField::Progress,
                value: Value::Number(Some(
                    (o.phases[i].progress.unwrap_or(0.0) + delta).clamp(0.0, 100.0),
                )),
            })
            .collect();
        let changes = self.effective(objective, changes);
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
        let count = table.count(&self.dataset.objectives[objective]);
        let at = if count == 0 {
            0
        } else {
            (self.cursor(table).row + 1).min(count)
        };
        self.focus = table.pane();
        let target = match table {
            Table::Phases => CellTarget::NewPhase { at },
            Table::Indicators => CellTarget::NewIndicator { at },
        };
        self.mode = Mode::Cell(CellEdit {
            objective,
            target,
            editor: LineEditor::default(),
        });
    }

    /// `d`: asks whether to delete the selected row.
    pub(crate) fn ask_delete_row(&mut self, table: Table) {
        let Some((objective, row, _)) = self.row_target(table) else {
            return;
        };
        self.mode = Mode::Ask(match table {
            Table::Phases => Question::DeletePhase {
                objective,
                phase: row,
            },
            Table::Indicators => Question::DeleteIndicator {
                objective,
                indicator: row,
            },
        });
    }

    pub(crate) fn delete_phase(&mut self, objective: usize, phase: usize) {
        let code = self.dataset.objectives[objective].code.clone();
        let name = self.dataset.objectives[objective]
            .phases
            .get(phase)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        self.status = match self.save(
            objective,
            &[Change::DeletePhase {
                objective: code,
                phase,
            }],
        ) {
            Ok(()) => {
                let count = self.dataset.objectives[objective].phases.len();
                self.phases.rows_changed(self.phases.row, count);
                Status::Saved(format!(
                    "{} «{name}» {}",
                    tr("fase", "phase"),
                    tr("eliminata", "deleted")
                ))
            }
            Err(e) => Status::Error(e),
        };
    }

    pub(crate) fn open_narrative(&mut self, year: Year) {
        let Some(objective) = self.current_or_say() else {
            return;
        };
        let o = &self.dataset.objectives[objective];
        let published = Field::Objective(year.field()).current(o, None);
        match self.service.draft(&o.code, year.field()) {
            Ok(Some(draft)) if draft.text != published => {
                self.focus = Pane::Narratives;
                self.mode = Mode::Ask(Question::RestoreDraft {
                    objective,
                    year,
                    draft,
                });
            }
            Ok(_) => self.open_editor(objective, year, None),
            // The draft cannot be read: say so, and still let the user write.
            Err(e) => {
                self.open_editor(objective, year, None);
                self.status = Status::Error(format!(
                    "{}: {e}",
                    tr("bozza illeggibile", "unreadable draft")
                ));
            }
        }
    }

    /// Opens the editor on the published text, or on `restored` (a draft) over it.
    pub(crate) fn open_editor(&mut self, objective: usize, year: Year, restored: Option<String>) {
        let published =
            Field::Objective(year.field()).current(&self.dataset.objectives[objective], None);
        let text = restored.clone().unwrap_or_else(|| published.clone());
        let mut textarea = TextArea::new(text.split('\n').map(str::to_string).collect());
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        self.focus = Pane::Narratives;
        self.mode = Mode::Narrative(Box::new(NarrativeEdit {
            objective,
            year,
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

    pub(crate) fn discard_draft(&mut self, objective: usize, year: Year) {
        let code = self.dataset.objectives[objective].code.clone();
        if let Err(e) = self.service.discard_draft(&code, year.field()) {
            self.status = Status::Error(format!("{}: {e}", tr("bozza", "draft")));
        }
    }

    /// Keeps the editor's text as a draft if it changed since the last one. Called
    /// every few seconds by `tick`, and on exit (quit, hang-up, termination).
    pub fn keep_draft(&mut self) {
        // The editor, or the one a conflict view was opened over.
        let edit = match &mut self.mode {
            Mode::Narrative(edit) => edit,
            Mode::Conflict(view) => match view.origin.as_mut() {
                Mode::Narrative(edit) => edit,
                _ => return,
            },
            _ => return,
        };
        let text = edit.text();
        if text == edit.draft_text {
            return;
        }
        let code = self.dataset.objectives[edit.objective].code.clone();
        match self.service.save_draft(&code, edit.year.field(), &text) {
            Ok(()) => {
                edit.draft_text = text;
                edit.draft_at = Instant::now();
            }
            Err(e) => {
                self.status = Status::Error(format!(
                    "{}: {e}",
                    tr("bozza non salvata", "draft not saved")
                ))
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
                self.status = Status::Error(format!(
                    "{} {} {}: {}",
                    tr("il testo ha ancora i segni", "the text still has the marks"),
                    super::conflict::MINE_STARTS,
                    super::conflict::MINE_ENDS,
                    tr(
                        "unisci le due versioni e toglili, poi salva",
                        "merge the two versions and remove them, then save"
                    )
                ));
            }
            Action::Save => {
                let (objective, year, text) = (edit.objective, edit.year, edit.text());
                let field = year.field();
                let leave = edit.confirm_leave;
                let code = self.dataset.objectives[objective].code.clone();
                let change = Change::SetObjective {
                    objective: code,
                    field,
                    value: Value::Text(text.clone()),
                };
                match self.save(objective, &[change]) {
                    Ok(()) => {
                        self.discard_draft(objective, year);
                        self.status = Status::Saved(field.label().to_string());
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
                let (objective, year) = (edit.objective, edit.year);
                self.mode = Mode::Normal;
                // Nothing unsaved: a leftover draft is no longer wanted, unless
                // it is one set aside this session (restorable until it ends).
                let code = &self.dataset.objectives[objective].code;
                if !self.discarded.contains(&(code.clone(), year.field())) {
                    self.discard_draft(objective, year);
                }
            }
            Action::Keep => {
                edit.confirm_leave = false;
                self.status = Status::None;
            }
            Action::Discard => {
                let (objective, year, text) = (edit.objective, edit.year, edit.text());
                self.mode = Mode::Normal;
                self.status = if self.keep_discarded(objective, year, &text) {
                    Status::Info(format!(
                        "{}: {} ({} {})",
                        tr("modifiche scartate", "changes discarded"),
                        tr(
                            "restano come bozza fino alla fine della sessione",
                            "kept as a draft until the session ends"
                        ),
                        self.keys.key_of(Context::Normal, year.action()),
                        tr("le ripropone", "offers them again")
                    ))
                } else {
                    // The draft could not be written: the editor stays, nothing is lost.
                    let status = std::mem::replace(&mut self.status, Status::None);
                    self.open_editor(objective, year, Some(text));
                    status
                };
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
            }
            _ => {}
        }
    }

    /// A narrative text discarded on purpose, kept as a draft until the session
    /// ends (`end_session`); false, with the status saying why, when it could not be.
    pub(crate) fn keep_discarded(&mut self, objective: usize, year: Year, text: &str) -> bool {
        let code = self.dataset.objectives[objective].code.clone();
        match self.service.save_draft(&code, year.field(), text) {
            Ok(()) => {
                self.discarded.push((code, year.field()));
                true
            }
            Err(e) => {
                self.status = Status::Error(format!(
                    "{}: {e}",
                    tr("bozza non salvata", "draft not saved")
                ));
                false
            }
        }
    }

    /// The session ends (quit, hang-up, termination): drafts set aside on
    /// purpose go, the text being typed is kept as a draft, the review's place too.
    pub fn end_session(&mut self) {
        let open = match &self.mode {
            Mode::Narrative(edit) => Some((
                self.dataset.objectives[edit.objective].code.clone(),
                edit.year.field(),
            )),
            _ => None,
        };
        for (code, field) in std::mem::take(&mut self.discarded) {
            if open.as_ref() != Some(&(code.clone(), field)) {
                // Best effort: the process is going; a draft left is offered next time.
                let _ = self.service.discard_draft(&code, field);
            }
        }
        self.keep_draft();
        self.keep_review_place();
    }
}

impl Phase {
    fn weight_or_progress(&self, field: PhaseField) -> Option<f64> {
        match field {
            PhaseField::Weight => self.weight,
            _ => self.progress,
        }
    }
}
