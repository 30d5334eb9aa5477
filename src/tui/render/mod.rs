//! Drawing the state. No I/O here, and only what is visible is built.

mod conflict;
mod layout;
#[cfg(test)]
mod layout_tests;
mod overlays;
mod review;
#[cfg(test)]
mod search_tests;
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
use super::view::{ScreenMap, View};
use crate::i18n::tr;

/// A frame drawn on `terminal`, and what it measured handed back to `app`:
/// the main loop, the tests and the benchmark draw this way.
pub fn draw<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    app: &mut App,
    view: &mut View,
    theme: Theme,
) -> Result<(), B::Error> {
    terminal.draw(|frame| render(app, view, frame, theme))?;
    app.measured(view);
    Ok(())
}

/// Draws `app` into `frame`, without changing it: what the drawing measures
/// (where things went, page heights, how far a list scrolls) goes in `view`.
pub fn render(app: &App, view: &mut View, frame: &mut Frame, theme: Theme) {
    let full = frame.area();
    view.screen = ScreenMap::default();
    view.measures.last_scroll = None;
    view.measures.landed = None;
    // A long message takes lines from the panes (they keep a title, a bar and a line).
    let status_height = status::height(app, full.width, full.height.saturating_sub(3));
    // The review screen, unless the user is typing in a pane's editor.
    if app.reviewing()
        && !matches!(
            app.mode(),
            Mode::Narrative(_) | Mode::Cell(_) | Mode::SearchPrompt(_)
        )
    {
        let [page, status_line] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(status_height)]).areas(full);
        review::render(app, view, frame, page, theme);
        status::render(app, frame, status_line, theme);
    } else {
        render_panes(app, view, frame, status_height, theme);
    }
    // Overlays go over the panes and leave the status line in view: it says
    // what the last key did (a key the overlay does not know, for one).
    let area = Rect {
        height: full.height.saturating_sub(status_height),
        ..full
    };
    if let Mode::Conflict(conflict) = app.mode() {
        conflict::render(app, conflict, frame, area, theme);
    }
    // Overlays say how far they could scroll: G stays on the last page.
    let code = app.objective().map_or(String::new(), |o| o.code.clone());
    let page = area.height.saturating_sub(4).max(1) as usize;
    let last_scroll = match app.mode() {
        Mode::Help { scroll } | Mode::HelpFind { scroll, .. } => {
            let (shown, width) = overlays::help(app.keys(), frame, area, *scroll, app.help_query());
            view.measures.overlay_width = width;
            Some(shown)
        }
        Mode::History { lines, scroll } => {
            let title = format!("{} {code}", tr("Cronologia", "History"));
            let scrolled = overlays::Scrolled {
                title: &title,
                closes: Action::History,
                lines,
                scroll: *scroll,
            };
            Some(overlays::scrolled(app.keys(), frame, area, scrolled))
        }
        Mode::Cycle { lines, scroll } => {
            let title = tr("Ciclo del piano", "The plan's cycle");
            let scrolled = overlays::Scrolled {
                title,
                closes: Action::Cycle,
                lines,
                scroll: *scroll,
            };
            Some(overlays::scrolled(app.keys(), frame, area, scrolled))
        }
        Mode::Pick(picker) => {
            overlays::picker(app.keys(), frame, area, picker, theme);
            view.measures.page = page;
            None
        }
        Mode::Ask(question) => {
            overlays::question(app, frame, area, question, theme);
            None
        }
        _ => None,
    };
    if last_scroll.is_some() {
        view.measures.last_scroll = last_scroll;
        view.measures.page = page;
    }
}

fn render_panes(app: &App, view: &mut View, frame: &mut Frame, status_height: u16, theme: Theme) {
    let area = frame.area();
    let widest = view.tree_widest(app.generation(), || panes::tree::Widest::of(app));
    let measured = Measured { app, theme, widest };
    let areas = layout::split(
        area,
        (app.focus(), matches!(app.mode(), Mode::Narrative(_))),
        status_height,
        app.plan_has_indicators(),
        &measured,
    );
    frame.render_widget(
        Paragraph::new(status::title(app, areas.title.width))
            .style(Style::new().add_modifier(Modifier::BOLD)),
        areas.title,
    );
    if let Some(tabs) = areas.tabs {
        let next = app.keys().keys_of(Context::Normal, Action::NextPane);
        let (bar, labels) = tab_bar(app.focus(), &next, tabs.width, theme);
        frame.render_widget(Paragraph::new(bar), tabs);
        // A click on a tab selects its pane.
        for (pane, x, width) in labels {
            let label = Rect {
                x: tabs.x + x,
                width,
                ..tabs
            }
            .intersection(tabs);
            view.screen.panes.push((pane, label));
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
            view.screen.panes.push((pane, rect));
        }
    }
    if let Some(r) = areas.tree {
        panes::tree::render(app, view, frame, (r, widest), theme);
    }
    if let Some(r) = areas.details {
        panes::details::render(app, view, frame, r, theme);
    }
    if let Some(r) = areas.phases {
        panes::phases::render(app, view, frame, r, theme);
    }
    if let Some(r) = areas.indicators {
        panes::indicators::render(app, view, frame, r, theme);
    }
    if let Some(r) = areas.narratives {
        panes::narratives::render(app, view, frame, r, theme);
    }
    if let Some(r) = areas.overview {
        panes::overview::render(app, view, frame, r, theme);
    }
    status::render(app, frame, areas.status, theme);
}

/// What the panes of `app` have to show, measured for the layout; what
/// costs a pass over every row is measured when the plan changes (`View`).
struct Measured<'a> {
    app: &'a App,
    theme: Theme,
    widest: panes::tree::Widest,
}

impl layout::Content for Measured<'_> {
    fn tree(&self) -> (u16, u16) {
        let rows = self.widest.rows.min(u16::MAX as usize) as u16;
        (self.widest.wanted(), rows)
    }

    fn table(&self, pane: Pane) -> u16 {
        match pane {
            Pane::Indicators => panes::indicators::wanted_columns(self.app, self.theme),
            _ => panes::phases::wanted_columns(self.app, self.theme),
        }
    }

    fn rows(&self, pane: Pane, width: u16, most: u16) -> u16 {
        let (app, theme) = (self.app, self.theme);
        match pane {
            Pane::Details => panes::details::wanted_rows(app, width, most),
            Pane::Indicators => panes::indicators::wanted_rows(app, width, theme).min(most),
            _ => panes::phases::wanted_rows(app, width, theme).min(most),
        }
    }
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
