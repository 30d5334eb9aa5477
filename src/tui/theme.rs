//! The one place that decides colours: none at all when `NO_COLOR` is set
//! (every state also has a symbol). Panes and the frame's parts both use it,
//! so it sits below them.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

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
