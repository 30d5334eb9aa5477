//! The title line (where you are) and the status line (what just happened, or the prompt).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::i18n::tr;
use crate::model::rollup::weight_sum;
use crate::model::values::format_number;
use crate::tui::app::editing::CellTarget;
use crate::tui::app::{App, Mode, Status};

/// ` obiettivi · DUP 2026-2028 · 05_1201_0601 · fase 2/4 · Peso · Programmare e…`:
/// the objective's whole title last, so only the screen's edge cuts it.
pub fn title(app: &App) -> String {
    let mut parts = vec![" obiettivi".to_string(), app.dataset.plan.title.clone()];
    if let Some(o) = app.objective() {
        parts.push(o.code.clone());
        if app.focus == crate::tui::app::Pane::Phases && !o.phases.is_empty() {
            parts.push(format!(
                "{} {}/{}",
                tr("fase", "phase"),
                app.phase_row + 1,
                o.phases.len()
            ));
            parts.push(app.phase_field().label().to_string());
        }
        parts.push(o.operational_objective.replace('\n', " "));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The lines the status line needs at `width`: a message longer than the
/// line wraps onto the next ones (up to a third of the screen), never cut.
pub fn height(app: &App, width: u16, screen_height: u16) -> u16 {
    (wrapped(&line(app, Theme { color: false }), width).len() as u16)
        .clamp(1, (screen_height / 3).max(1))
}

/// The status as lines of `width`: the line itself when it fits, else its
/// text word-wrapped, in the message's style.
fn wrapped(line: &Line<'static>, width: u16) -> Vec<Line<'static>> {
    if line.width() <= width as usize {
        return vec![line.clone()];
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    crate::tui::widgets::text::wrap(text.trim_start(), width.saturating_sub(1).max(1) as usize)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    // The cursor of a prompt, after what is typed.
    let cursor = match &app.mode {
        Mode::SearchPrompt(editor) => Some(2 + editor.cursor()),
        Mode::ReviewComment(editor) | Mode::FilterText { editor, .. } => {
            Some(crate::tui::widgets::text::width(&prompt_label(app)) + editor.cursor())
        }
        _ => None,
    };
    if let Some(x) = cursor {
        frame.set_cursor_position((area.x + x as u16, area.y));
    }
    frame.render_widget(Paragraph::new(wrapped(&line(app, theme), area.width)), area);
}

/// What a one-line prompt (other than search) says before the text typed.
fn prompt_label(app: &App) -> String {
    match &app.mode {
        Mode::FilterText { .. } => format!(" {}: ", tr("Filtro, testo", "Filter, text")),
        _ => format!(" {}: ", tr("Commento (facoltativo)", "Comment (optional)")),
    }
}

fn line(app: &App, theme: Theme) -> Line<'static> {
    let reversed = Style::new().add_modifier(Modifier::REVERSED);
    match &app.mode {
        Mode::SearchPrompt(editor) => {
            let prompt = format!(" /{}", editor.text());
            Line::from(vec![
                Span::raw(prompt),
                Span::styled(
                    format!(
                        "   {}",
                        tr("Enter cerca · Esc annulla", "Enter search · Esc cancel")
                    ),
                    reversed,
                ),
            ])
        }
        Mode::Cell(edit) => {
            let label = match &edit.target {
                CellTarget::Field { field, .. } => field.label().to_string(),
                CellTarget::NewPhase { at } => format!(
                    "{} {}",
                    tr("nome della nuova fase", "name of the new phase"),
                    at + 1
                ),
            };
            prompt(
                format!(" {label}: {}", edit.editor.text()),
                tr("Enter salva · Esc annulla", "Enter save · Esc cancel"),
                app,
                theme,
            )
        }
        Mode::ReviewComment(editor) => prompt(
            format!("{}{}", prompt_label(app), editor.text()),
            tr(
                "Enter segna come rivisto · Esc annulla",
                "Enter marks reviewed · Esc cancel",
            ),
            app,
            theme,
        ),
        Mode::FilterText { editor, .. } => prompt(
            format!("{}{}", prompt_label(app), editor.text()),
            tr(
                "Enter filtra (vuoto: nessun testo) · Esc annulla",
                "Enter filters (empty: no text) · Esc cancel",
            ),
            app,
            theme,
        ),
        _ => status_line(app, theme),
    }
}

/// A prompt: what is typed, the keys that end it, and why the last try was refused.
fn prompt(typed: String, keys: &str, app: &App, theme: Theme) -> Line<'static> {
    let mut spans = vec![
        Span::raw(typed),
        Span::styled(
            format!("   {keys}"),
            Style::new().add_modifier(Modifier::REVERSED),
        ),
    ];
    if let Status::Error(e) = &app.status {
        spans.push(Span::styled(
            format!("  ✗ {e}"),
            theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        ));
    }
    Line::from(spans)
}

fn status_line(app: &App, theme: Theme) -> Line<'static> {
    let message = match &app.status {
        Status::None if app.reviewing() => Span::raw(format!(
            " {}",
            tr(
                "? aiuto · Esc esce dalla revisione · q esci",
                "? help · Esc leaves the review · q quit"
            )
        )),
        Status::None => Span::raw(format!(
            " {}",
            tr("? aiuto · / cerca · q esci", "? help · / search · q quit")
        )),
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
    if let Some(sum) = app.objective().and_then(|o| weight_sum(&o.phases)) {
        spans.push(Span::raw(format!(
            "   Σ {} {}",
            tr("pesi", "weights"),
            format_number(sum)
        )));
    }
    Line::from(spans)
}
