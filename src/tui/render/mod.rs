//! Drawing the state. No I/O here, and only what is visible is built.

mod layout;
mod overlays;
mod review;
mod status;
#[cfg(test)]
pub(crate) mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, Mode, Pane};
use super::panes;
use crate::i18n::tr;

/// Colours, or none at all when `NO_COLOR` is set: every state also has a symbol.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// A pane's border: highlighted when it has the focus (bold too, for NO_COLOR).
    pub fn block(self, title: &str, focused: bool) -> Block<'static> {
        let style = if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let marker = if focused { "▶ " } else { " " };
        Block::new()
            .borders(Borders::ALL)
            .border_style(style)
            .title(Span::styled(format!("{marker}{title} "), style))
    }
}

pub fn render(app: &mut App, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    // The review screen, unless the user is typing in a pane's editor.
    if app.reviewing()
        && !matches!(
            app.mode,
            Mode::Narrative(_) | Mode::Cell(_) | Mode::SearchPrompt(_)
        )
    {
        let status_height = status::height(app, area.width, area.height);
        let [page, status_line] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(status_height)]).areas(area);
        review::render(app, frame, page, theme);
        status::render(app, frame, status_line, theme);
    } else {
        render_panes(app, frame, theme);
    }
    // Overlays give back the scroll they could show: G stays on the last page.
    let code = app.objective().map_or(String::new(), |o| o.code.clone());
    let page = area.height.saturating_sub(4).max(1) as usize;
    match &mut app.mode {
        Mode::Help { scroll } => {
            *scroll = overlays::help(frame, area, *scroll);
            app.page = page;
        }
        Mode::History { lines, scroll } => {
            *scroll = overlays::history(frame, area, &code, lines, *scroll);
            app.page = page;
        }
        Mode::Pick(picker) => {
            overlays::picker(frame, area, picker, theme);
            app.page = page;
        }
        Mode::Ask(question) => {
            let question = question.clone();
            overlays::question(app, frame, area, &question, theme)
        }
        _ => {}
    }
}

fn render_panes(app: &mut App, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    let status_height = status::height(app, area.width, area.height);
    let areas = layout::split(
        area,
        app.focus,
        matches!(app.mode, Mode::Narrative(_)),
        status_height,
    );
    frame.render_widget(
        Paragraph::new(status::title(app)).style(Style::new().add_modifier(Modifier::BOLD)),
        areas.title,
    );
    if let Some(tabs) = areas.tabs {
        frame.render_widget(Paragraph::new(tab_bar(app.focus, theme)), tabs);
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
    if let Some(r) = areas.narratives {
        panes::narratives::render(app, frame, r, theme);
    }
    if let Some(r) = areas.overview {
        panes::overview::render(app, frame, r, theme);
    }
    status::render(app, frame, areas.status, theme);
}

/// On small terminals one pane shows at a time: the bar says which, and Tab moves.
fn tab_bar(focus: Pane, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, pane.title());
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
    spans.push(Span::raw(tr(" (Tab)", " (Tab)")));
    Line::from(spans)
}
