//! The phase table: one row per phase, a cell cursor, inline editing; under
//! it the selected phase in full, then Σ weights, the objective's roll-up with
//! its formula and the warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use super::rows::{self, LEAD, RowPane, cell_style};
use crate::i18n::tr;
use crate::model::column::Kind;
use crate::model::cycle::PlanState;
use crate::model::rollup::weight_sum;
use crate::model::schedule::not_started_word;
use crate::model::table::{Phases, RowTable};
use crate::model::value::Value;
use crate::model::values::{date_width, format_date_in, format_opt_date, format_opt_number};
use crate::model::{Objective, Phase, PhaseField};
use crate::tui::app::Table;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::columns::{FROZEN, PHASES as COLUMNS};
use crate::tui::theme::Theme;
use crate::tui::view::{TableMap, View};
use crate::tui::widgets::gauge::gauge;
use crate::tui::widgets::table::{self, Cell, Column};
use crate::tui::widgets::text::{width, wrap};

const PROGRESS_BAR: usize = 6;

/// A column's header: the field's short label, from the one table of phase fields.
pub(crate) fn header(field: PhaseField) -> &'static str {
    field.column().short.get()
}

/// Narrowest and widest a column of `field` gets (it is as wide as its content
/// between the two): at most the field table's width; the name (width 0) takes
/// what is left, within bounds of its own.
fn limits(field: PhaseField) -> (usize, usize) {
    match field.column().width as usize {
        0 => (12, 60),
        width => (width.min(8), width),
    }
}

/// The text of `field`'s cell of phase `i` in a table `room` columns wide
/// (a narrow one writes its dates short, never cut).
pub(crate) fn cell_text(o: &Objective, i: usize, field: PhaseField, room: usize) -> String {
    let p = &o.phases[i];
    match (field, field.get_value(p)) {
        (PhaseField::Progress, _) => gauge(p.progress, PROGRESS_BAR),
        // A note is one line in a cell; the detail block shows it whole.
        (PhaseField::Notes, _) => p.notes.replace('\n', " "),
        (_, Value::Date(d)) => format_date_in(d, room),
        _ => field.column().shown(p),
    }
}

/// How wide `field`'s cell of phase `i` is; only text is looked at (every frame
/// measures every phase: numbers and dates have widths known in advance).
fn content_width(o: &Objective, i: usize, field: PhaseField, room: usize) -> usize {
    match field.column().kind {
        Kind::Date => date_width(room),
        Kind::Percent if field == PhaseField::Progress => PROGRESS_BAR + 6,
        Kind::Percent => "99,99".len(),
        Kind::Number => "-99,99".len(),
        Kind::Text | Kind::Name | Kind::Choice => width(&cell_text(o, i, field, room)),
    }
}

/// Drawn before a cell the plan's state freezes (GUIDE §8): a symbol, so
/// that it reads without colours (NO_COLOR).
pub(crate) const LOCK: char = '⊘';

/// The columns of a phase table of `o`, `room` columns wide: the two lead ones,
/// then `fields`, each as wide as its content (plus `marker` cells, for a table
/// that marks its cells, and the lock of a field frozen in `state`).
pub(crate) fn columns(
    o: &Objective,
    fields: &[PhaseField],
    (marker, room): (usize, usize),
    state: PlanState,
) -> Vec<Column> {
    let number = (o.phases.len().max(1)).to_string().len() + marker;
    let mut out = vec![
        Column::fitted("", 0, 2, 2, true),
        Column::fitted("#", 0, number.max(2), 4, true),
    ];
    for &field in fields {
        let widest = (0..o.phases.len())
            .map(|i| content_width(o, i, field, room))
            .max()
            .unwrap_or(0);
        let (min, max) = limits(field);
        let marker = marker + usize::from(Phases::frozen_in(field, state));
        out.push(Column::fitted(
            header(field),
            widest + marker,
            min + marker,
            max + marker,
            FROZEN.contains(&field),
        ));
    }
    out
}

/// `!` late, `○` not started, in the first lead cell.
pub(crate) fn schedule_mark(p: &Phase, app: &App, theme: Theme) -> (char, Style) {
    if p.is_late(app.today()) {
        ('!', theme.fg(Color::Red).add_modifier(Modifier::BOLD))
    } else if p.is_not_started(app.today()) {
        ('○', theme.fg(Color::Yellow))
    } else {
        (' ', Style::new())
    }
}

/// The columns of the pane's table whole, borders included.
pub fn wanted_columns(app: &App, theme: Theme) -> u16 {
    rows::wanted_columns::<PhasePane>(app, theme)
}

/// The pane's rows `width` columns wide, borders included.
pub fn wanted_rows(app: &App, width: u16, theme: Theme) -> u16 {
    rows::wanted_rows::<PhasePane>(app, width, theme)
}

pub fn render(app: &App, view: &mut View, frame: &mut Frame, area: Rect, theme: Theme) {
    if let Some(map) = rows::render::<PhasePane>(app, view, frame, area, theme) {
        view.screen.table = Some(map);
    }
}

/// The phase pane, as [`rows::render`] draws it.
struct PhasePane;

impl RowPane for PhasePane {
    const PANE: Pane = Pane::Phases;
    const DETAIL_MAX: usize = 6;

    fn title(_: &App) -> String {
        Pane::Phases.title().to_string()
    }

    /// Draws the table; returns where its rows and columns went, for the mouse.
    fn table(app: &App, o: &Objective, frame: &mut Frame, area: Rect, theme: Theme) -> TableMap {
        let state = app.dataset().plan.state();
        let room = area.width as usize;
        let columns = Self::columns(app, o, room, theme);
        let placed = table::place(&columns, room, app.phases().col + LEAD, LEAD);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut lines = vec![table::header(&columns, &placed, bold)];
        if o.phases.is_empty() {
            let adds_one = tr("per aggiungerne una", "adds one");
            lines.push(rows::empty_line(
                app,
                tr("nessuna fase:", "no phases:"),
                adds_one,
            ));
        }
        let height = (area.height as usize).saturating_sub(1);
        let first = app.phases().row.saturating_sub(height.saturating_sub(1));
        let editing = match app.mode() {
            Mode::Cell(edit) if app.current() == Some(edit.objective) => Some(edit),
            _ => None,
        };
        let focused = app.focus() == Pane::Phases;
        for i in (first..o.phases.len()).take(height) {
            let selected_row = i == app.phases().row && focused;
            let row_style = if selected_row {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let marked = app.phases().marks.contains(&i);
            let (late, late_style) = schedule_mark(&o.phases[i], app, theme);
            let mut cells = vec![
                Cell::new(
                    format!("{late}{}", if marked { '●' } else { ' ' }),
                    late_style,
                ),
                Cell::new((i + 1).to_string(), row_style),
            ];
            for (col, &field) in COLUMNS.iter().enumerate() {
                let is_cursor = selected_row && col == app.phases().col;
                let in_edit =
                    editing.filter(|e| is_cursor && e.target.row_in(Table::Phases) == Some(i));
                let style = cell_style(
                    in_edit.map(|e| &e.editor),
                    is_cursor,
                    marked,
                    row_style,
                    theme,
                );
                let text = match (in_edit, placed.iter().find(|p| p.column == col + LEAD)) {
                    (Some(e), Some(p)) => {
                        rows::edited_cell(frame, area, p, i - first + 1, &e.editor)
                    }
                    (None, Some(_)) if app.variation().is_some() => {
                        let path = format!("phases[{i}].{}", field.column().name);
                        (app.varied(&o.code, &path)).unwrap_or_else(|| cell_text(o, i, field, room))
                    }
                    (None, Some(_)) if Phases::frozen_in(field, state) => {
                        format!("{LOCK}{}", cell_text(o, i, field, room))
                    }
                    (None, Some(_)) => cell_text(o, i, field, room),
                    // Scrolled out of view: not built.
                    (_, None) => String::new(),
                };
                cells.push(Cell::new(text, style));
            }
            lines.push(table::row(&placed, &cells, row_style, app.search_query()));
        }
        // A new phase being named shows as an extra row at its place.
        let new = editing.and_then(|e| Some((e.target.new_row_in(Table::Phases)?, &e.editor)));
        rows::draw(frame, area, &placed, lines, (first, new), theme)
    }

    fn columns(app: &App, o: &Objective, room: usize, _: Theme) -> Vec<Column> {
        columns(o, &COLUMNS, (0, room), app.dataset().plan.state())
    }

    fn count(o: &Objective) -> usize {
        o.phases.len()
    }

    /// The selected phase in full: name, dates, manager and CdR, note, late / not started.
    fn detail(app: &App, o: &Objective, width: usize) -> Vec<Line<'static>> {
        let Some(p) = o.phases.get(app.phases().row) else {
            return Vec::new();
        };
        let date = |d| {
            let s = format_opt_date(d);
            if s.is_empty() { "—".to_string() } else { s }
        };
        let mut state = Vec::new();
        if p.is_late(app.today()) {
            state.push(format!("! {}", tr("in ritardo", "late")));
        }
        if p.is_not_started(app.today()) {
            state.push(format!("○ {}", not_started_word()));
        }
        let (row, query) = (app.phases().row, app.search_query());
        let mut lines = rows::heading(tr("Fase", "Phase"), row, &p.name, width, query);
        let mut facts = format!(
            "{} {} → {} · {} {} → {}",
            tr("Prevista", "Planned"),
            date(p.planned_start),
            date(p.planned_end),
            tr("effettiva", "actual"),
            date(p.actual_start),
            date(p.actual_end),
        );
        if !state.is_empty() {
            facts.push_str(&format!(" · {}", state.join(" · ")));
        }
        let people = format!(
            "{}: {} · {}: {}",
            tr("Responsabile", "Manager"),
            p.manager,
            tr("CdR", "Resp. centre"),
            p.responsibility_centre
        );
        let note = if p.notes.trim().is_empty() {
            format!("{}: —", tr("Note", "Notes"))
        } else {
            format!("{}: {}", tr("Note", "Notes"), p.notes)
        };
        for text in [facts, people, note] {
            let marked = |l: String| super::details::marked(app, &l, Style::new());
            lines.extend(wrap(&text, width).into_iter().map(marked));
        }
        lines
    }

    /// Σ weights, the roll-up and its formula, the warnings and the legend of the marks.
    fn footer(app: &App, o: &Objective, theme: Theme) -> Vec<Line<'static>> {
        let rollup = match o.progress() {
            Some(r) => format!(
                "{} = {}",
                tr("Avanzamento obiettivo", "Objective progress"),
                r.formula()
            ),
            None if let Some(said) = o.not_assessable_said() => format!(
                "{}: {said}",
                tr("Avanzamento obiettivo", "Objective progress"),
            ),
            None => format!(
                "{}: {} ({})",
                tr("Avanzamento obiettivo", "Objective progress"),
                format_opt_number(None),
                tr("nessuna fase ha un avanzamento", "no phase has progress")
            ),
        };
        let late = o.phases.iter().filter(|p| p.is_late(app.today())).count();
        let not_started = o
            .phases
            .iter()
            .filter(|p| p.is_not_started(app.today()))
            .count();
        let mut legend = format!(
            "! {} ({late}) · ○ {} ({not_started})",
            tr("in ritardo", "late"),
            not_started_word()
        );
        let marked = app.phases().marks.len();
        legend.push_str(&rows::marks_said(tr("marcate", "marked"), marked));
        if COLUMNS
            .iter()
            .any(|f| Phases::frozen_in(*f, app.dataset().plan.state()))
        {
            legend.push_str(&format!(
                " · {LOCK} {}",
                tr(
                    "congelato: si cambia con una variazione",
                    "frozen: it changes through a variation"
                )
            ));
        }
        vec![
            rows::weights_line(tr("pesi", "weights"), weight_sum(&o.phases), theme),
            Line::raw(legend),
            Line::raw(rollup),
        ]
    }
}
