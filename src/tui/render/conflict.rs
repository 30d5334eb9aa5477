//! The conflict view (issue 23 item 1): who saved, when, the choices, then
//! theirs against yours — a word diff and both texts for a narrative, both
//! changes for a cell. Drawn over the panes; the status line stays visible.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::i18n::tr;
use crate::model::compare::Words;
use crate::tui::app::conflict::ConflictView;
use crate::tui::app::{App, Status};
use crate::tui::theme::Theme;

pub fn render(app: &App, view: &ConflictView, frame: &mut Frame, area: Rect, theme: Theme) {
    // The last line is the status line's.
    let popup = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::styled(
            format!(
                "{} {} {}: {}.",
                view.who_and_when(),
                tr("ha salvato", "saved"),
                tr("dopo che l'avevi letto", "after you read it"),
                tr(
                    "la tua modifica NON è stata salvata",
                    "your change was NOT saved"
                ),
            ),
            bold,
        ),
        Line::styled(
            app.conflict_hint(),
            Style::new().add_modifier(Modifier::REVERSED),
        ),
    ];
    // Why the last choice was refused, whole (the status line below has one line).
    if let Status::Error(why) = app.status()
        && *why != view.refusal
    {
        lines.push(Line::styled(
            format!("✗ {why}"),
            theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::raw(""));
    let who = view.who();
    match (view.narrative(), view.words()) {
        (Some((_, theirs, mine)), Some(words)) => {
            lines.push(Line::styled(
                format!(
                    "{} [-{}-] {{+{}+}}",
                    tr("Differenze:", "Differences:"),
                    tr("solo nella sua", "only in theirs"),
                    tr("solo nella tua", "only in yours"),
                ),
                bold,
            ));
            lines.extend(diff_lines(&words, theme));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!("{} ({who}):", tr("La sua versione", "Their version")),
                bold,
            ));
            lines.extend(theirs.split('\n').map(|l| Line::raw(l.to_string())));
            lines.push(Line::raw(""));
            lines.push(Line::styled(tr("La tua versione:", "Your version:"), bold));
            lines.extend(mine.split('\n').map(|l| Line::raw(l.to_string())));
        }
        _ => {
            lines.push(Line::styled(
                format!("{} ({who}):", tr("La sua modifica", "Their change")),
                bold,
            ));
            lines.extend(
                view.their_changes()
                    .into_iter()
                    .map(|l| Line::raw(format!("  {l}"))),
            );
            lines.push(Line::styled(tr("La tua modifica:", "Your change:"), bold));
            lines.extend(
                view.my_changes()
                    .into_iter()
                    .map(|l| Line::raw(format!("  {l}"))),
            );
        }
    }
    let title = format!(" {} · {} ", tr("Conflitto", "Conflict"), view.subject());
    super::overlays::clear(frame, popup, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll, 0))
            .block(
                Block::new()
                    .borders(Borders::ALL)
                    .border_style(theme.fg(Color::Yellow))
                    .title(title),
            ),
        popup,
    );
}

/// The word diff as lines (a narrative's newlines start new ones), marked
/// `[-…-]` / `{+…+}` so it reads without colour too.
fn diff_lines(words: &[Words], theme: Theme) -> Vec<Line<'static>> {
    let removed = theme.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT);
    let added = theme.fg(Color::Green).add_modifier(Modifier::UNDERLINED);
    let mut lines = vec![Line::default()];
    let text_of = |run: &Words| match run {
        Words::Same(t) | Words::Removed(t) | Words::Added(t) => t.clone(),
        Words::Elided => String::new(),
    };
    for (k, run) in words.iter().enumerate() {
        // A mark's closing sign took the run's trailing space: put one back
        // unless the next run brings its own.
        let spaced = words
            .get(k + 1)
            .is_some_and(|next| !text_of(next).starts_with(char::is_whitespace));
        let (text, style, open, close) = match run {
            Words::Same(t) => (t.as_str(), Style::new(), "", ""),
            Words::Removed(t) => (t.as_str(), removed, "[-", "-]"),
            Words::Added(t) => (t.as_str(), added, "{+", "+}"),
            Words::Elided => ("… ", Style::new(), "", ""),
        };
        let pieces: Vec<&str> = text.split('\n').collect();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                lines.push(Line::default());
            }
            let last = lines.last_mut().expect("one line at least");
            let piece = if open.is_empty() {
                piece.to_string()
            } else {
                let end = if i + 1 == pieces.len() { close } else { "" };
                let start = if i == 0 { open } else { "" };
                format!("{start}{}{end}", piece.trim_end())
            };
            last.spans.push(Span::styled(piece, style));
            if !open.is_empty() && i + 1 == pieces.len() && spaced {
                last.spans.push(Span::raw(" "));
            }
        }
    }
    lines
}
