//! The title line (where you are) and the status line (what just happened, or the prompt).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::i18n::tr;
use crate::model::rollup::weight_sum;
use crate::model::values::{format_number, format_opt_number};
use crate::tui::action::Action;
use crate::tui::app::indicators::objective_achievement_said;
use crate::tui::app::{App, CellTarget, Mode, Pane, RowField, Status, Table};
use crate::tui::columns::IndicatorColumn;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::line_editor::LineEditor;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::text::wrap_spans;

/// ` obiettivi · DUP 2026-2028 · Bozza · 05_1201_0601 · fase 2/4 · Peso · Programmare e…`:
/// what follows the objective's code (the row, the column, the objective's
/// whole title) is cut by the screen's edge alone; what comes before it
/// gives way when the code would not fit in `width` (an open window's long
/// form pushed it off at 80 columns): the program's name goes first, then
/// the window takes its short form, then go the plan's title, the window
/// and the state, in that order. The code and a variation always stay.
pub fn title(app: &App, width: u16) -> String {
    let mut head = Head::of(app);
    for give_way in GIVING_WAY {
        if head.width() <= width as usize {
            break;
        }
        give_way(&mut head);
    }
    head.line()
}

/// The title's parts, each `None` once it gave way.
struct Head {
    program: Option<&'static str>,
    plan: Option<String>,
    state: Option<&'static str>,
    /// The open monitoring window (GUIDE §8), long or short.
    window: Option<String>,
    window_short: String,
    variation: Option<String>,
    code: Option<String>,
    /// After the code, never measured: `fase 2/4`, the column's name, the
    /// objective's title.
    tail: Vec<String>,
}

/// What gives way, in order, while the code does not fit.
const GIVING_WAY: [fn(&mut Head); 5] = [
    |h| h.program = None,
    |h| h.window = h.window.as_ref().map(|_| h.window_short.clone()),
    |h| h.plan = None,
    |h| h.window = None,
    |h| h.state = None,
];

impl Head {
    fn of(app: &App) -> Head {
        let plan = &app.dataset().plan;
        let window = crate::model::windows::open_window(plan);
        let mut head = Head {
            program: Some("obiettivi"),
            plan: Some(plan.title.clone()),
            // The state of the plan's year (GUIDE §8), Bozza included.
            state: Some(plan.state().label()),
            window: window.map(crate::model::windows::describe),
            window_short: window.map(crate::model::windows::short).unwrap_or_default(),
            variation: (app.variation())
                .map(|v| format!("{} {}", tr("VARIAZIONE", "VARIATION"), v.id)),
            code: None,
            tail: Vec::new(),
        };
        if let Some(o) = app.objective() {
            head.code = Some(o.code.clone());
            if let Some(table) = Table::of(app.focus())
                && table.count(o) > 0
            {
                let row = app.cursor(table).row;
                head.tail
                    .push(format!("{}/{}", table.named(&[row]), table.count(o)));
                head.tail.push(match (table, app.indicator_column()) {
                    (Table::Phases, _) => app.phase_field().label().to_string(),
                    (_, IndicatorColumn::Field(f)) => f.label(),
                    (_, IndicatorColumn::Achievement) => tr("Raggiungimento", "Achievement").into(),
                });
            }
            head.tail.push(o.operational_objective.replace('\n', " "));
        }
        head
    }

    /// The parts up to the code, which must fit.
    fn measured(&self) -> Vec<&str> {
        [
            self.program,
            self.plan.as_deref(),
            self.state,
            self.window.as_deref(),
            self.variation.as_deref(),
            self.code.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect()
    }

    fn width(&self) -> usize {
        unicode_width::UnicodeWidthStr::width(self.measured().join(" · ").as_str()) + 1
    }

    fn line(&self) -> String {
        let mut parts = self.measured();
        parts.extend(
            self.tail
                .iter()
                .map(String::as_str)
                .filter(|t| !t.is_empty()),
        );
        format!(" {}", parts.join(" · "))
    }
}

/// The lines the status line needs at `width`: a message or a prompt longer
/// than the line wraps rather than being cut, taking what it needs of the
/// `room` (the panes give it up; they keep at least what `room` leaves).
pub fn height(app: &App, width: u16, room: u16) -> u16 {
    let (spans, _) = content(app, Theme { color: false });
    (wrap_spans(&spans, width as usize).len() as u16).clamp(1, room.max(1))
}

/// Draws the status line's wrapped lines, and the cursor of a prompt being typed.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let (spans, cursor) = content(app, theme);
    if let Some(x) = cursor {
        frame.set_cursor_position((area.x + x as u16, area.y));
    }
    frame.render_widget(Lines::new(wrap_spans(&spans, area.width as usize)), area);
}

/// What the status line says, unwrapped: the prompt being typed (with the
/// cursor's column, when the terminal's cursor goes there) or the last outcome.
fn content(app: &App, theme: Theme) -> (Vec<Span<'static>>, Option<usize>) {
    match app.mode() {
        Mode::SearchPrompt(editor) | Mode::HelpFind { editor, .. } => {
            typed_line('/', editor, Context::Prompt, tr("cerca", "search"), app)
        }
        Mode::Command(line) => typed_line(
            ':',
            &line.editor,
            Context::Command,
            tr("esegue", "runs"),
            app,
        ),
        Mode::Cell(edit) => (cell_prompt(app, edit, theme), None),
        Mode::ReviewComment(editor) => labelled_prompt(
            tr("Commento (facoltativo)", "Comment (optional)"),
            editor,
            tr("segna come rivisto", "marks reviewed"),
            app,
            theme,
        ),
        Mode::VariationReason(editor) => labelled_prompt(
            tr("Motivo della variazione", "Reason of the variation"),
            editor,
            tr("apre la variazione", "opens the variation"),
            app,
            theme,
        ),
        Mode::FilterText { editor, .. } => labelled_prompt(
            tr("Filtro, testo", "Filter, text"),
            editor,
            tr("filtra (vuoto: nessun testo)", "filters (empty: no text)"),
            app,
            theme,
        ),
        _ => (status_line(app, theme), None),
    }
}

/// ` /testo   Enter cerca · Esc annulla`: a line typed after `/` or `:`, and the cursor's column.
fn typed_line(
    prefix: char,
    editor: &LineEditor,
    ctx: Context,
    commit: &str,
    app: &App,
) -> (Vec<Span<'static>>, Option<usize>) {
    let reversed = Style::new().add_modifier(Modifier::REVERSED);
    let hint = app.keys().hint(
        ctx,
        &[
            (Action::Commit, commit),
            (Action::Cancel, tr("annulla", "cancel")),
        ],
    );
    (
        vec![
            Span::raw(format!(" {prefix}{}", editor.text())),
            Span::styled(format!("   {hint}"), reversed),
        ],
        Some(2 + editor.cursor()),
    )
}

/// ` Peso (3 fasi marcate): 40`, why the last try was refused, the keys.
fn cell_prompt(app: &App, edit: &crate::tui::app::CellEdit, theme: Theme) -> Vec<Span<'static>> {
    let label = match edit.target {
        CellTarget::Row {
            field: RowField::Phase(f),
            ..
        } => f.label().to_string(),
        CellTarget::Row {
            row,
            field: RowField::Indicator(f),
        } => format!(
            "{} {} {}",
            tr("indicatore", "indicator"),
            row + 1,
            f.label()
        ),
        CellTarget::NewRow {
            table: Table::Phases,
            at,
        } => format!(
            "{} {}",
            tr("nome della nuova fase", "name of the new phase"),
            at + 1
        ),
        CellTarget::NewRow {
            table: Table::Indicators,
            at,
        } => format!(
            "{} {}",
            tr("nome del nuovo indicatore", "name of the new indicator"),
            at + 1
        ),
    };
    let (targets, marks, rows) = match edit.target {
        CellTarget::Row { row, field } => {
            let cursor = app.cursor(field.table());
            let rows = match field.table() {
                Table::Phases => tr("fasi marcate", "marked phases"),
                Table::Indicators => tr("indicatori marcati", "marked indicators"),
            };
            (cursor.targets(row).len(), cursor.marks.len(), rows)
        }
        CellTarget::NewRow { .. } => (1, 0, ""),
    };
    // Say on which rows the edit lands: the marked ones, or this one alone.
    let on = if targets > 1 {
        format!(" ({targets} {rows})")
    } else if marks > 0 {
        format!(
            " ({})",
            tr(
                "solo questa riga: non è marcata",
                "this row alone: it is not marked"
            )
        )
    } else {
        String::new()
    };
    // The old value selected (`w`, `p`, `c`): say what typing does to it.
    let selected = if edit.editor.is_selected() {
        format!(
            " ({})",
            tr(
                "selezionato: scrivendo lo sostituisci, ← → per modificarlo",
                "selected: typing replaces it, ← → to edit it"
            )
        )
    } else {
        String::new()
    };
    prompt(
        format!(" {label}{on}: {}{selected}", edit.editor.text()),
        &app.keys().hint(
            Context::Cell,
            &[
                (Action::Commit, tr("salva", "save")),
                (
                    Action::CommitRight,
                    tr("salva e va a destra", "save, go right"),
                ),
                (Action::Cancel, tr("annulla", "cancel")),
            ],
        ),
        app,
        theme,
    )
}

/// `label: typed`, the column of the cursor in it, and the keys that
/// commit (`commit` says what that does) or cancel.
fn labelled_prompt(
    label: &str,
    editor: &crate::tui::widgets::line_editor::LineEditor,
    commit: &str,
    app: &App,
    theme: Theme,
) -> (Vec<Span<'static>>, Option<usize>) {
    let label = format!(" {label}: ");
    let cursor = crate::tui::widgets::text::width(&label) + editor.cursor();
    let spans = prompt(
        format!("{label}{}", editor.text()),
        &app.keys().hint(
            Context::Prompt,
            &[
                (Action::Commit, commit),
                (Action::Cancel, tr("annulla", "cancel")),
            ],
        ),
        app,
        theme,
    );
    (spans, Some(cursor))
}

/// A prompt: what is typed, why the last try was refused (before the keys:
/// the reason matters more), and the keys that end it.
fn prompt(typed: String, keys: &str, app: &App, theme: Theme) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(typed)];
    if let Status::Error(e) = app.status() {
        spans.push(Span::styled(
            format!("  ✗ {e}"),
            theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        ));
    }
    spans.push(Span::styled(
        format!("   {keys}"),
        Style::new().add_modifier(Modifier::REVERSED),
    ));
    spans
}

fn status_line(app: &App, theme: Theme) -> Vec<Span<'static>> {
    let message = match app.status() {
        Status::None if app.reviewing() => Span::raw(format!(
            " {} · {} · {}",
            app.keys()
                .hint(Context::Normal, &[(Action::Help, tr("aiuto", "help"))]),
            app.keys().hint(
                Context::Review,
                &[(
                    Action::Cancel,
                    tr("esce dalla revisione", "leaves the review")
                )]
            ),
            app.keys()
                .hint(Context::Normal, &[(Action::Quit, tr("esci", "quit"))]),
        )),
        // In the narrative editor, its keys (F1 lists them all).
        Status::None if matches!(app.mode(), Mode::Narrative(_)) => Span::raw(format!(
            " {}",
            app.keys().hint(
                Context::Narrative,
                &[
                    (Action::Save, tr("salva", "save")),
                    (Action::Cancel, tr("esci", "leave")),
                    (Action::SelectAll, tr("seleziona tutto", "select all")),
                    (Action::Help, tr("tutti i tasti", "every key")),
                ]
            )
        )),
        Status::None => {
            // On the phase table, what its keys do (the table is where the work is).
            let table = matches!(app.focus(), Pane::Phases | Pane::Indicators);
            let keys: &[(Action, &str)] = if table && app.objective().is_some() {
                &[
                    (Action::Enter, tr("modifica", "edit")),
                    (Action::Mark, tr("marca", "mark")),
                    (Action::EqualWeights, tr("pesi uguali", "equal weights")),
                    (Action::Repeat, tr("ripeti", "repeat")),
                    (Action::Help, tr("aiuto", "help")),
                ]
            } else {
                &[
                    (Action::Help, tr("aiuto", "help")),
                    (Action::Search, tr("cerca", "search")),
                    (Action::Quit, tr("esci", "quit")),
                ]
            };
            Span::raw(format!(" {}", app.keys().hint(Context::Normal, keys)))
        }
        Status::Info(m) => Span::raw(format!(" {m}")),
        Status::Saved(m) => Span::styled(
            format!(" ✓ {} · {m}", tr("salvato", "saved")),
            theme.fg(Color::Green),
        ),
        Status::Error(m) => Span::styled(
            format!(" ✗ {m}"),
            theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
    };
    let mut spans = vec![message];
    if app.focus() == Pane::Indicators
        && let Some(o) = app.objective()
    {
        // The indicators' Σ weights and how the objective's achievement comes out.
        let sum = crate::model::indicators::weight_sum(&o.indicators);
        spans.push(Span::raw(format!(
            "   Σ {} {} · {}",
            tr("pesi ind.", "ind. weights"),
            sum.map_or_else(|| format_opt_number(None), format_number),
            objective_achievement_said(o, app.indicator_year(), app.dataset().plan.settings.bands)
        )));
    } else if let Some(sum) = app.objective().and_then(|o| weight_sum(&o.phases)) {
        spans.push(Span::raw(format!(
            "   Σ {} {}",
            tr("pesi", "weights"),
            format_number(sum)
        )));
    }
    spans
}
