//! The hierarchy mandate → mission → objective, each with its gauge and,
//! beside it, the markers that say where to look: `!` late phases, `⚠` Σ
//! weights ≠ 100, `∅` this year's status report empty, `≡` forced and `∉`
//! non valutabile (GUIDE §1). Symbols first, colour
//! on top, so NO_COLOR loses nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::tr;
use crate::model::assessed::no_value;
use crate::tui::app::{App, Pane};
use crate::tui::outline::{NodeKind, Row};
use crate::tui::theme::Theme;
use crate::tui::view::View;
pub(crate) use crate::tui::view::Widest;
use crate::tui::widgets::gauge::gauge_or;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::text::{fit, width as width_of};

/// Each title shows at least this many characters (40 and `…`) before the gauge's bar
/// takes room from them (a shorter title, whole).
const TITLE_FIRST: usize = 41;

/// The gauge without its bar: ` 100%`, `  n/d` and the space before it.
const GAUGE_NUMBER: usize = 6;

impl Widest {
    pub fn of(app: &App) -> Widest {
        let d = app.dataset();
        let mut widest = Widest::default();
        let rows = (d.mandates.iter().map(|m| (0, &m.code, &m.title)))
            .chain(d.missions.iter().map(|m| (1, &m.code, &m.title)))
            .chain((d.objectives.iter()).map(|o| (2, &o.code, &o.operational_objective)));
        for (depth, code, title) in rows {
            let lead = 2 * depth + 2 + code.len() + 1;
            widest.whole = widest.whole.max(lead + title.len());
            widest.first = widest.first.max(lead + title.len().min(TITLE_FIRST));
            widest.rows += 1;
        }
        widest
    }

    /// The columns the tree wants, borders included: every row whole, with the widest bar.
    pub fn wanted(&self) -> u16 {
        (2 + self.whole + 1 + MARKERS + GAUGE_NUMBER + 10).min(u16::MAX as usize) as u16
    }

    /// The widest bar that leaves every title its first [`TITLE_FIRST`]
    /// characters in `width` columns: 10, 5 or none.
    fn bar(&self, width: u16) -> usize {
        [10, 5, 0]
            .into_iter()
            .find(|bar| self.first + 1 + MARKERS + GAUGE_NUMBER + bar <= width as usize)
            .unwrap_or(0)
    }
}

/// The indent and the fold mark before a row's code.
fn lead(row: &Row) -> usize {
    2 * row.depth as usize + 2
}

/// An objective's title is the plan's own (the row keeps no copy).
fn title_of<'a>(app: &'a App, row: &'a Row) -> &'a str {
    row.objective
        .and_then(|o| app.dataset().objectives.get(o))
        .map_or(row.title.as_str(), |o| o.operational_objective.as_str())
}

/// Marker columns: `!`, `⚠`, `∅` and the assessment's (`≡` forced, `∉`
/// non valutabile, else a space: the gap before the gauge).
const MARKERS: usize = 4;

pub fn render(
    app: &App,
    view: &mut View,
    frame: &mut Frame,
    (area, widest): (Rect, Widest),
    theme: Theme,
) {
    let title = match app.tree_view_label() {
        Some(view) => format!(
            "{} · {view} · Esc {}",
            Pane::Tree.title(),
            tr("toglie", "clears")
        ),
        None => Pane::Tree.title().to_string(),
    };
    let block = theme.block(&title, app.focus() == Pane::Tree);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    if app.focus() == Pane::Tree {
        view.measures.page = height.saturating_sub(1).max(1);
    }
    if app.rows().is_empty() && !app.filter().is_all() {
        frame.render_widget(
            Paragraph::new(format!(
                "{} · Esc {}",
                tr("nessun obiettivo nel filtro", "no objective in the filter"),
                tr("toglie il filtro", "clears the filter")
            )),
            inner,
        );
        return;
    }
    let bar_width = widest.bar(inner.width);
    // Keep the selection in view; build only the rows that fit.
    let first = app.selected().saturating_sub(height.saturating_sub(1));
    view.screen.tree = Some((inner, first));
    let lines: Vec<Line> = app
        .rows()
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            line(
                row,
                title_of(app, row),
                i == app.selected(),
                inner.width,
                bar_width,
                theme,
            )
        })
        .collect();
    frame.render_widget(Lines::new(lines), inner);
}

fn line(
    row: &Row,
    title: &str,
    selected: bool,
    width: u16,
    bar_width: usize,
    theme: Theme,
) -> Line<'static> {
    let fold = match (row.has_children, row.expanded) {
        (true, true) => "▾ ",
        (true, false) => "▸ ",
        _ => "  ",
    };
    let indent = "  ".repeat(row.depth as usize);
    let bar = gauge_or(row.progress, bar_width, no_value(row.mark));
    let room = (width as usize).saturating_sub(lead(row) + 1 + MARKERS + width_of(&bar));
    let label = fit(&format!("{} {title}", row.code), room);
    let mut style = match row.kind {
        NodeKind::Mandate => Style::new().add_modifier(Modifier::BOLD),
        NodeKind::Mission => theme.fg(Color::Cyan),
        NodeKind::Objective => Style::new(),
    };
    if selected {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let marker = |on: bool, symbol: &'static str, color: Color| {
        if on {
            Span::styled(symbol, theme.fg(color).add_modifier(Modifier::BOLD))
        } else {
            Span::raw(" ")
        }
    };
    Line::from(vec![
        Span::styled(format!("{indent}{fold}{label}"), style),
        Span::raw(" "),
        marker(row.late > 0, "!", Color::Red),
        marker(row.weight_warning, "⚠", Color::Yellow),
        marker(row.narrative_missing, "∅", Color::Magenta),
        match row.mark {
            Some(mark) => Span::styled(
                mark.symbol().to_string(),
                theme.fg(Color::Blue).add_modifier(Modifier::BOLD),
            ),
            None => Span::raw(" "),
        },
        Span::raw(bar),
    ])
}
