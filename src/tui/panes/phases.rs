//! The phase table: one row per phase, a cell cursor, inline editing, and
//! below it Σ weights, the objective's roll-up with its formula and the warnings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::details::hint;
use crate::i18n::tr;
use crate::model::rollup::{weight_sum, weight_sum_is_off};
use crate::model::values::{format_number, format_opt_number};
use crate::model::{Field, Objective, PhaseField};
use crate::tui::app::editing::CellTarget;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::render::Theme;
use crate::tui::widgets::gauge::gauge;
use crate::tui::widgets::text::{fit, width};

const MARK_WIDTH: usize = 2;
const NUMBER_WIDTH: usize = 3;
const PROGRESS_BAR: usize = 6;

/// Display width of each column (after the fixed mark, number and name).
fn column_width(field: PhaseField) -> usize {
    match field {
        PhaseField::Name => 0, // the name has its own, flexible, column
        PhaseField::PlannedStart
        | PhaseField::PlannedEnd
        | PhaseField::ActualStart
        | PhaseField::ActualEnd => 10,
        PhaseField::Weight => 6,
        PhaseField::Progress => PROGRESS_BAR + 6,
        PhaseField::Manager => 18,
        PhaseField::ResponsibilityCentre => 18,
        PhaseField::Notes => 24,
    }
}

pub(crate) fn header(field: PhaseField) -> &'static str {
    match field {
        PhaseField::Name => tr("Fase", "Phase"),
        PhaseField::PlannedStart => tr("In. prev.", "Plan start"),
        PhaseField::PlannedEnd => tr("Fine prev.", "Plan end"),
        PhaseField::ActualStart => tr("In. eff.", "Act. start"),
        PhaseField::ActualEnd => tr("Fine eff.", "Act. end"),
        PhaseField::Weight => tr("Peso", "Weight"),
        PhaseField::Progress => tr("Avanzamento", "Progress"),
        PhaseField::Manager => tr("Responsabile", "Manager"),
        PhaseField::ResponsibilityCentre => tr("CdR", "Resp. centre"),
        PhaseField::Notes => tr("Note", "Notes"),
    }
}

/// The columns that fit in `room` cells after the name, scrolled so the selected
/// one shows, with their widths: the last one takes what room is left.
fn visible_columns(selected: usize, room: usize) -> Vec<(PhaseField, usize)> {
    let scrollable = &PhaseField::ALL[1..];
    let selected = selected.saturating_sub(1);
    let fits = |from: usize, to: usize| {
        scrollable[from..=to]
            .iter()
            .map(|f| column_width(*f) + 1)
            .sum::<usize>()
            <= room
    };
    let mut first = 0;
    while first < selected && !fits(first, selected) {
        first += 1;
    }
    let mut out: Vec<(PhaseField, usize)> = Vec::new();
    let mut used = 0;
    for f in &scrollable[first..] {
        if used + column_width(*f) + 1 > room {
            break;
        }
        used += column_width(*f) + 1;
        out.push((*f, column_width(*f)));
    }
    if let Some(last) = out.last_mut() {
        last.1 += room - used;
    }
    out
}

pub fn render(app: &mut App, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = theme.block(Pane::Phases.title(), app.focus == Pane::Phases);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(objective) = app.objective().cloned() else {
        frame.render_widget(Paragraph::new(hint(app)), inner);
        return;
    };
    let [table, footer] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(4)]).areas(inner);
    if app.focus == Pane::Phases {
        app.page = (table.height as usize).saturating_sub(2).max(1);
    }
    render_table(app, &objective, frame, table, theme);
    frame.render_widget(
        Paragraph::new(footer_lines(app, &objective, theme)).wrap(Wrap { trim: false }),
        footer,
    );
}

fn render_table(app: &App, o: &Objective, frame: &mut Frame, area: Rect, theme: Theme) {
    let total = area.width as usize;
    let name_width = (total / 3)
        .clamp(16, 48)
        .min(total.saturating_sub(MARK_WIDTH + NUMBER_WIDTH + 1));
    let room = total.saturating_sub(MARK_WIDTH + NUMBER_WIDTH + name_width + 1);
    let columns = visible_columns(app.phase_col, room);
    let bold = Style::new().add_modifier(Modifier::BOLD);

    let mut head = vec![Span::styled(
        format!(
            "{}{}{} ",
            " ".repeat(MARK_WIDTH),
            fit("#", NUMBER_WIDTH),
            fit(header(PhaseField::Name), name_width)
        ),
        bold,
    )];
    for (f, w) in &columns {
        head.push(Span::styled(format!("{} ", fit(header(*f), *w)), bold));
    }
    let mut lines = vec![Line::from(head)];
    if o.phases.is_empty() {
        lines.push(Line::raw(tr(
            "  nessuna fase: «a» per aggiungerne una",
            "  no phases: «a» adds one",
        )));
    }
    let height = (area.height as usize).saturating_sub(1);
    let first = app.phase_row.saturating_sub(height.saturating_sub(1));
    let editing = match &app.mode {
        Mode::Cell(edit) if app.current == Some(edit.objective) => Some(edit),
        _ => None,
    };
    for (i, p) in o.phases.iter().enumerate().skip(first).take(height) {
        let selected_row = i == app.phase_row && app.focus == Pane::Phases;
        let (mark, mark_style) = if p.is_late(app.today) {
            ("! ", theme.fg(Color::Red).add_modifier(Modifier::BOLD))
        } else if p.is_not_started(app.today) {
            ("○ ", theme.fg(Color::Yellow))
        } else {
            ("  ", Style::new())
        };
        let row_style = if selected_row {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(mark, mark_style),
            Span::styled(fit(&(i + 1).to_string(), NUMBER_WIDTH), row_style),
        ];
        let cells = std::iter::once((PhaseField::Name, name_width)).chain(columns.iter().copied());
        for (field, w) in cells {
            let is_cursor = selected_row && field == app.phase_field();
            let in_edit = editing.filter(|e| {
                is_cursor && matches!(e.target, CellTarget::Field { phase, .. } if phase == i)
            });
            let text = match in_edit {
                Some(e) => {
                    let typed = e.editor.text();
                    let before: String = typed.chars().take(e.editor.cursor()).collect();
                    let x = area.x as usize
                        + MARK_WIDTH
                        + NUMBER_WIDTH
                        + offset_of(field, name_width, &columns)
                        + width(&before);
                    frame.set_cursor_position((
                        (x.min(u16::MAX as usize)) as u16,
                        area.y + (i - first + 1) as u16,
                    ));
                    typed
                }
                None => cell_text(o, i, field),
            };
            let style = match (in_edit.is_some(), is_cursor) {
                (true, _) => theme
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                (false, true) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                (false, false) => row_style,
            };
            spans.push(Span::styled(fit(&text, w), style));
            spans.push(Span::styled(" ", row_style));
        }
        lines.push(Line::from(spans));
    }
    // A new phase being named shows as an extra row at its place.
    if let Some(Mode::Cell(edit)) = Some(&app.mode)
        && let CellTarget::NewPhase { at } = edit.target
        && app.current == Some(edit.objective)
    {
        let row = Line::from(vec![
            Span::raw("+ "),
            Span::raw(fit(&(at + 1).to_string(), NUMBER_WIDTH)),
            Span::styled(
                fit(&edit.editor.text(), name_width),
                theme
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
        ]);
        let y = (at.saturating_sub(first) + 1).min(lines.len());
        lines.insert(y, row);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Where `field`'s cell starts, counted from the number column's end.
fn offset_of(field: PhaseField, name_width: usize, columns: &[(PhaseField, usize)]) -> usize {
    if field == PhaseField::Name {
        return 0;
    }
    name_width
        + 1
        + columns
            .iter()
            .take_while(|(f, _)| *f != field)
            .map(|(_, w)| w + 1)
            .sum::<usize>()
}

pub(crate) fn cell_text(o: &Objective, i: usize, field: PhaseField) -> String {
    let p = &o.phases[i];
    match field {
        PhaseField::Progress => gauge(p.progress, PROGRESS_BAR),
        PhaseField::Weight => p.weight.map(format_number).unwrap_or_default(),
        _ => Field::Phase(field).current(o, Some(i)),
    }
}

/// Σ weights, the roll-up and its formula, the warnings and the legend of the marks.
fn footer_lines(app: &App, o: &Objective, theme: Theme) -> Vec<Line<'static>> {
    let sum = weight_sum(&o.phases);
    let rollup = match o.progress() {
        Some(r) => format!(
            "{} = {}%",
            tr("Avanzamento obiettivo", "Objective progress"),
            r.formula()
        ),
        None => format!(
            "{}: {} ({})",
            tr("Avanzamento obiettivo", "Objective progress"),
            format_opt_number(None),
            tr("nessuna fase ha un avanzamento", "no phase has progress")
        ),
    };
    let sum_text = format!(
        "Σ {}: {}",
        tr("pesi", "weights"),
        sum.map(format_number)
            .unwrap_or_else(|| tr("nessun peso", "no weights").into())
    );
    let mut warnings = vec![Span::raw(sum_text)];
    if weight_sum_is_off(&o.phases) {
        warnings.push(Span::styled(
            format!("  ⚠ Σ {} ≠ 100", tr("pesi", "weights")),
            theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ));
    }
    let late = o.phases.iter().filter(|p| p.is_late(app.today)).count();
    let not_started = o
        .phases
        .iter()
        .filter(|p| p.is_not_started(app.today))
        .count();
    let legend = format!(
        "! {} ({late}) · ○ {} ({not_started})",
        tr("in ritardo", "late"),
        tr("non avviata", "not started")
    );
    vec![Line::from(warnings), Line::raw(legend), Line::raw(rollup)]
}
