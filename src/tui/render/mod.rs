//! Drawing the state. No I/O here, and only what is visible is built.

mod conflict;
mod layout;
mod overlays;
mod review;
mod status;
#[cfg(test)]
pub(crate) mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::{App, Mode, Pane};
use super::keymap::Context;
use super::panes;
use super::theme::Theme;

pub fn render(app: &mut App, frame: &mut Frame, theme: Theme) {
    let full = frame.area();
    app.screen.clear();
    // A long message takes lines from the panes (they keep a title, a bar and a line).
    let status_height = status::height(app, full.width, full.height.saturating_sub(3));
    // The review screen, unless the user is typing in a pane's editor.
    if app.reviewing()
        && !matches!(
            app.mode,
            Mode::Narrative(_) | Mode::Cell(_) | Mode::SearchPrompt(_)
        )
    {
        let [page, status_line] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(status_height)]).areas(full);
        review::render(app, frame, page, theme);
        status::render(app, frame, status_line, theme);
    } else {
        render_panes(app, frame, status_height, theme);
    }
    // Overlays go over the panes and leave the status line in view: it says
    // what the last key did (a key the overlay does not know, for one).
    let area = Rect {
        height: full.height.saturating_sub(status_height),
        ..full
    };
    if let Mode::Conflict(view) = &app.mode {
        conflict::render(app, view, frame, area, theme);
    }
    // Overlays give back the scroll they could show: G stays on the last page.
    let code = app.objective().map_or(String::new(), |o| o.code.clone());
    let page = area.height.saturating_sub(4).max(1) as usize;
    match &mut app.mode {
        Mode::Help { scroll } => {
            *scroll = overlays::help(&app.keys, frame, area, *scroll);
            app.page = page;
        }
        Mode::History { lines, scroll } => {
            *scroll = overlays::history(&app.keys, frame, area, &code, lines, *scroll);
            app.page = page;
        }
        Mode::Pick(picker) => {
            overlays::picker(&app.keys, frame, area, picker, theme);
            app.page = page;
        }
        Mode::Ask(question) => {
            let question = question.clone();
            overlays::question(app, frame, area, &question, theme)
        }
        _ => {}
    }
}

fn render_panes(app: &mut App, frame: &mut Frame, status_height: u16, theme: Theme) {
    let area = frame.area();
    let areas = layout::split(
        area,
        app.focus,
        matches!(app.mode, Mode::Narrative(_)),
        status_height,
        app.plan_has_indicators(),
    );
    frame.render_widget(
        Paragraph::new(status::title(app)).style(Style::new().add_modifier(Modifier::BOLD)),
        areas.title,
    );
    if let Some(tabs) = areas.tabs {
        let next = app.keys.keys_of(Context::Normal, Action::NextPane);
        let (bar, labels) = tab_bar(app.focus, &next, tabs.width, theme);
        frame.render_widget(Paragraph::new(bar), tabs);
        // A click on a tab selects its pane.
        for (pane, x, width) in labels {
            let label = Rect {
                x: tabs.x + x,
                width,
                ..tabs
            }
            .intersection(tabs);
            app.screen.panes.push((pane, label));
        }
    }
    for (pane, rect) in [
        (Pane::Tree, areas.tree),
        (Pane::Details, areas.details),
        (Pane::Phases, areas.phases),
        (Pane::Indicators, areas.indicators),
        (Pane::Narratives, areas.narratives),
    ] {
        if let Some(rect) = rect {
            app.screen.panes.push((pane, rect));
        }
    }
    if let Some(r) = areas.tree {
        panes::tree::render(app, frame, r, theme);
    }
    if let Some(r) = areas.details {
        panes::details::render(app, frame, r, theme);
    }
    if let Some(r) = areas.phases {
        panes::phases::render(app, frame, r, theme);
    }
    if let Some(r) = areas.indicators {
        panes::indicators::render(app, frame, r, theme);
    }
    if let Some(r) = areas.narratives {
        panes::narratives::render(app, frame, r, theme);
    }
    if let Some(r) = areas.overview {
        panes::overview::render(app, frame, r, theme);
    }
    status::render(app, frame, areas.status, theme);
}

/// On small terminals one pane shows at a time: the bar says which, and Tab moves.
/// With the bar, where each pane's label is (from the bar's left, and how wide).
/// Six panes in `width` columns: the longer titles shortened when they would not fit.
fn tab_bar(
    focus: Pane,
    next: &str,
    width: u16,
    theme: Theme,
) -> (Line<'static>, Vec<(Pane, u16, u16)>) {
    let label_of =
        |i: usize, pane: Pane, short: bool| format!(" {} {} ", i + 1, pane.tab_title(short));
    let full: usize = Pane::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| crate::tui::widgets::text::width(&label_of(i, *p, false)) + 1)
        .sum::<usize>()
        + 3
        + crate::tui::widgets::text::width(next);
    let short = full > width as usize;
    let mut spans = vec![Span::raw(" ")];
    let mut labels = Vec::new();
    let mut x = 1;
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let label = label_of(i, *pane, short);
        let width = crate::tui::widgets::text::width(&label) as u16;
        labels.push((*pane, x, width));
        x += width + 1;
        let style = if *pane == focus {
            theme
                .fg(Color::Cyan)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(format!(" ({next})")));
    (Line::from(spans), labels)
}
