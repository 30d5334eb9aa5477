//! Stato di attuazione 1° and 2° anno: read here, edited in the multiline editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use super::details::{marked, objective_text};
use crate::i18n::tr;
use crate::model::Objective;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::theme::Theme;
use crate::tui::view::View;

pub fn render(app: &App, view: &mut View, frame: &mut Frame, area: Rect, theme: Theme) {
    if let Mode::Narrative(edit) = app.mode() {
        let dirty = if edit.is_dirty() {
            tr(" · modificato", " · modified")
        } else {
            ""
        };
        let title = format!(
            "{}{dirty} · {}",
            app.writing_title(edit.writing),
            app.keys().hint(
                crate::tui::keymap::Context::Narrative,
                &[
                    (crate::tui::action::Action::Save, tr("salva", "save")),
                    (crate::tui::action::Action::Cancel, tr("esci", "leave")),
                ]
            )
        );
        let block = theme
            .block(&title, true)
            .border_style(theme.fg(Color::Yellow).add_modifier(Modifier::BOLD));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(&edit.textarea, inner);
        return;
    }
    let block = theme.block(Pane::Narratives.title(), app.focus() == Pane::Narratives);
    objective_text(app, view, frame, (area, block), Pane::Narratives, |o| {
        lines(app, o, theme)
    });
}

/// Each year's status report under its heading, with the key that writes it.
fn lines<'a>(app: &App, o: &'a Objective, theme: Theme) -> Vec<Line<'a>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    use crate::tui::action::Action;
    let key = |a| app.keys().key_of(crate::tui::keymap::Context::Normal, a);
    for (label, key, text) in [
        (
            tr("1° anno", "Year 1"),
            key(Action::EditYear1),
            &o.narratives.year1,
        ),
        (
            tr("2° anno", "Year 2"),
            key(Action::EditYear2),
            &o.narratives.year2,
        ),
    ] {
        lines.push(Line::styled(
            format!("{label}  ({key} {})", tr("per scrivere", "to write")),
            bold,
        ));
        if text.trim().is_empty() {
            lines.push(Line::styled(
                tr("(vuoto)", "(empty)"),
                theme.fg(Color::DarkGray),
            ));
        } else {
            lines.extend(text.split('\n').map(|l| marked(app, l, Style::new())));
        }
        lines.push(Line::raw(""));
    }
    lines
}
