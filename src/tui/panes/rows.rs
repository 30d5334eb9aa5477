//! What the two table panes (phases, indicators) share: the layout (table,
//! the selected row in full, the footer), the lead columns and the look of a
//! cell, a cell being edited, the row being named, the line of an empty
//! table, the heading of the row in full and the sum of the weights.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::details::hint;
use crate::i18n::{tr, tr_string};
use crate::model::Objective;
use crate::model::rollup::WEIGHT_SUM_TOLERANCE;
use crate::model::values::format_number;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;
use crate::tui::view::{TableMap, View};
use crate::tui::widgets::line_editor::LineEditor;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::table::{self, Cell, Placed};
use crate::tui::widgets::text::{wrap, wrap_lines};

/// Columns before the fields: the marks (late / not started, marked) and `#`.
pub const LEAD: usize = 2;

/// How a table cell looks: being edited, under the cursor, marked, or as its row.
/// `editing`: the cell's editor, if it is being edited (its old value,
/// selected, shows reversed: typing replaces it).
pub(crate) fn cell_style(
    editing: Option<&LineEditor>,
    cursor: bool,
    marked: bool,
    row: Style,
    theme: Theme,
) -> Style {
    let style = match (editing, cursor) {
        (Some(e), _) if e.is_selected() => theme
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        (Some(_), _) => theme
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        (None, true) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        (None, false) => row,
    };
    if marked && !cursor {
        style.patch(theme.fg(Color::Cyan).add_modifier(Modifier::BOLD))
    } else {
        style
    }
}

/// A pane of one table of rows of the selected objective.
pub(crate) trait RowPane {
    const PANE: Pane;
    /// The most lines the selected row in full takes under the table.
    const DETAIL_MAX: usize;

    fn title(app: &App) -> String;

    /// The selected row in full.
    fn detail(app: &App, o: &Objective, width: usize) -> Vec<Line<'static>>;

    /// What sums up the table under it (wrapped here, never cut).
    fn footer(app: &App, o: &Objective, theme: Theme) -> Vec<Line<'static>>;

    /// Draws the table; returns where its rows and columns went, for the mouse.
    fn table(app: &App, o: &Objective, frame: &mut Frame, area: Rect, theme: Theme) -> TableMap;

    /// The table's columns, `room` columns wide (a narrow one writes dates short).
    fn columns(app: &App, o: &Objective, room: usize, theme: Theme) -> Vec<table::Column>;

    /// How many rows the table has.
    fn count(o: &Objective) -> usize;
}

/// The columns pane `P`'s table wants, borders included: every column
/// whole, dates written in full.
pub(crate) fn wanted_columns<P: RowPane>(app: &App, theme: Theme) -> u16 {
    let Some(o) = app.objective() else {
        return 0;
    };
    let columns = P::columns(app, o, usize::MAX, theme);
    to_u16(columns.iter().map(|c| c.want + 1).sum::<usize>() + 2)
}

/// The rows pane `P` wants `width` columns wide, borders included: the
/// table's, the selected row in full while it has the focus, the footer, as
/// [`render`] lays them out.
pub(crate) fn wanted_rows<P: RowPane>(app: &App, width: u16, theme: Theme) -> u16 {
    let Some(o) = app.objective() else {
        return 3;
    };
    let inner = width.saturating_sub(2) as usize;
    let detail = if app.focus() == P::PANE {
        P::detail(app, o, inner).len().min(P::DETAIL_MAX)
    } else {
        0
    };
    let footer = wrap_lines(&P::footer(app, o, theme), inner, usize::MAX).len();
    to_u16(2 + 1 + P::count(o).max(2) + detail + footer)
}

fn to_u16(n: usize) -> u16 {
    n.min(u16::MAX as usize) as u16
}

/// Draws pane `P` in `area`: its table, the selected row in full while the
/// pane has the focus (browsing the tree, the rows matter more than one row's
/// details), then the footer. Returns the table's map; `None` (the hint drawn)
/// when no objective is selected.
pub(crate) fn render<P: RowPane>(
    app: &App,
    view: &mut View,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) -> Option<TableMap> {
    let focused = app.focus() == P::PANE;
    let block = theme.block(&P::title(app), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(objective) = app.objective() else {
        frame.render_widget(Paragraph::new(hint(app)), inner);
        return None;
    };
    let width = inner.width as usize;
    let detail = if focused {
        P::detail(app, objective, width)
    } else {
        Vec::new()
    };
    let footer = wrap_lines(&P::footer(app, objective, theme), width, usize::MAX);
    let [table, detail_area, footer_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(detail.len().min(P::DETAIL_MAX) as u16),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(inner);
    let map = P::table(app, objective, frame, table, theme);
    frame.render_widget(Lines::new(detail), detail_area);
    frame.render_widget(Lines::new(footer), footer_area);
    if focused {
        view.measures.page = (table.height as usize).saturating_sub(2).max(1);
    }
    Some(map)
}

/// The line of a table without rows: `  no phases: «a» adds one`.
pub(crate) fn empty_line(app: &App, none: &str, adds_one: &str) -> Line<'static> {
    let key = app.keys().keys_of(Context::Normal, Action::AddRow);
    Line::raw(format!("  {none} «{key}» {adds_one}"))
}

/// The text of a cell being edited, placed at `p` on line `line` of `area`:
/// the editor's text scrolls so that the cursor, set here, stays in the cell.
pub(crate) fn edited_cell(
    frame: &mut Frame,
    area: Rect,
    p: &Placed,
    line: usize,
    editor: &LineEditor,
) -> String {
    let (shown, x) = editor.window(p.width);
    frame.set_cursor_position((area.x + (p.x + x) as u16, area.y + line as u16));
    shown
}

/// The heading of the row in full: `Phase 2 · NAME`, bold, wrapped.
pub(crate) fn heading(
    what: &str,
    row: usize,
    name: &str,
    width: usize,
    query: Option<&str>,
) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    wrap(&format!("{what} {} · {name}", row + 1), width)
        .into_iter()
        .map(|l| Line::from(crate::tui::widgets::highlight::spans(&l, query, bold)))
        .collect()
}

/// `Σ weights: 90  ⚠ Σ weights ≠ 100`: the sum of a table's weights (`label`),
/// warned about when there are some and they do not make 100.
pub(crate) fn weights_line(label: &str, sum: Option<f64>, theme: Theme) -> Line<'static> {
    let said = sum.map_or_else(|| tr_string("nessun peso", "no weights"), format_number);
    let mut spans = vec![Span::raw(format!("Σ {label}: {said}"))];
    if sum.is_some_and(|s| (s - 100.0).abs() > WEIGHT_SUM_TOLERANCE) {
        spans.push(Span::styled(
            format!("  ⚠ Σ {} ≠ 100", tr("pesi", "weights")),
            theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ));
    }
    Line::from(spans)
}

/// Draws the table's `lines`, the rows shown from `first`, with the row being
/// named (`new`: its place and editor) among them; returns where the rows and
/// columns went, for the mouse.
pub(crate) fn draw(
    frame: &mut Frame,
    area: Rect,
    placed: &[Placed],
    mut lines: Vec<Line<'static>>,
    (first, new): (usize, Option<(usize, &LineEditor)>),
    theme: Theme,
) -> TableMap {
    if let Some((at, editor)) = new {
        insert_new_row(frame, area, placed, &mut lines, (at, first), editor, theme);
    }
    frame.render_widget(Lines::new(lines), area);
    table_map(area, placed, first)
}

/// A row being named (a new phase, a new indicator) drawn at its place `at`
/// among the rows shown from `first`, with the cursor in its name.
fn insert_new_row(
    frame: &mut Frame,
    area: Rect,
    placed: &[Placed],
    lines: &mut Vec<Line<'static>>,
    (at, first): (usize, usize),
    editor: &LineEditor,
    theme: Theme,
) {
    let name = placed.iter().find(|p| p.column == LEAD).copied();
    let (shown, x) = editor.window(name.map_or(1, |p| p.width));
    let row_index = (at.saturating_sub(first) + 1).min(lines.len());
    let cells = vec![
        Cell::new("+", Style::new()),
        Cell::new((at + 1).to_string(), Style::new()),
        Cell::new(
            shown,
            cell_style(Some(editor), true, false, Style::new(), theme),
        ),
    ];
    if let Some(p) = name {
        frame.set_cursor_position((area.x + (p.x + x) as u16, area.y + row_index as u16));
    }
    let cut = placed
        .iter()
        .position(|p| p.column == LEAD)
        .map_or(0, |i| i + 1);
    lines.insert(
        row_index,
        table::row(&placed[..cut], &cells, Style::new(), None),
    );
}

/// Where a table drawn in `area` put its rows (from `first`) and columns, for the mouse.
fn table_map(area: Rect, placed: &[Placed], first: usize) -> TableMap {
    TableMap {
        rows: Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        },
        first,
        columns: placed
            .iter()
            .filter(|p| p.column >= LEAD)
            .map(|p| (area.x + p.x as u16, p.width as u16 + 1, p.column - LEAD))
            .collect(),
    }
}

/// ` · ● marked (2)` for the legend, when rows are marked.
pub(crate) fn marks_said(marked: &str, count: usize) -> String {
    match count {
        0 => String::new(),
        n => format!(" · ● {marked} ({n})"),
    }
}
