//! The hierarchy mandate → mission → objective, each with its gauge.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Pane};
use crate::tui::outline::NodeKind;
use crate::tui::render::Theme;
use crate::tui::widgets::gauge::gauge;
use crate::tui::widgets::text::fit;

const GAUGE_WIDTH: usize = 10;

pub fn render(app: &mut App, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = theme.block(Pane::Tree.title(), app.focus == Pane::Tree);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    if app.focus == Pane::Tree {
        app.page = height.saturating_sub(1).max(1);
    }
    // Keep the selection in view; build only the rows that fit.
    let first = app.selected.saturating_sub(height.saturating_sub(1));
    app.screen.tree = Some((inner, first));
    let lines: Vec<Line> = app
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            let fold = match (row.has_children, row.expanded) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                _ => "  ",
            };
            let indent = "  ".repeat(row.depth as usize);
            let bar = gauge(row.progress, GAUGE_WIDTH);
            let room = (inner.width as usize)
                .saturating_sub(indent.len() + 2 + 2 + bar.chars().count() + 1);
            let label = fit(&format!("{} {}", row.code, row.title), room);
            let mut style = match row.kind {
                NodeKind::Mandate => Style::new().add_modifier(Modifier::BOLD),
                NodeKind::Mission => theme.fg(Color::Cyan),
                NodeKind::Objective => Style::new(),
            };
            if i == app.selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            let warn = if row.weight_warning { "⚠ " } else { "  " };
            Line::from(vec![
                Span::styled(format!("{indent}{fold}{label}"), style),
                Span::styled(warn, theme.fg(Color::Yellow)),
                Span::raw(bar),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
