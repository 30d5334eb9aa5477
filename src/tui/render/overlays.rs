//! Pop-ups over the panes: the help (generated from the key tables) and questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::i18n::tr;
use crate::tui::action::Action;
use crate::tui::app::{App, Picker, Question, Table, Writing};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;
use crate::tui::widgets::drawn::drawn_rows;
use crate::tui::widgets::highlight;
use crate::tui::widgets::text::{one_row, width as width_of, wrap};

fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Blanks `popup` and one column each side of it within `area`: a pane's
/// line cut by the pop-up must not read as part of it (the `)` of the tab
/// bar's `(Tab)` beside its corner).
pub(super) fn clear(frame: &mut Frame, popup: Rect, area: Rect) {
    let left = popup.x.saturating_sub(1).max(area.x);
    let right = (popup.x + popup.width + 1).min(area.x + area.width);
    let margin = Rect {
        x: left,
        width: right.saturating_sub(left),
        ..popup
    };
    frame.render_widget(Clear, margin);
}

/// Every key of every table, section by section (`tui::help`), the words a
/// search in it found marked. Returns the scroll shown (clamped to the last
/// page), for the state to keep, and the width the lines wrap at.
pub fn help(
    keys: &Keymap,
    frame: &mut Frame,
    area: Rect,
    scroll: u16,
    query: Option<&str>,
) -> (u16, u16) {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let help = crate::tui::help::lines(keys);
    let lines: Vec<Line> = help
        .iter()
        .map(|l| match (&l.keys, l.name) {
            _ if l.title => Line::from(highlight::spans(
                &l.text,
                query,
                bold.add_modifier(Modifier::UNDERLINED),
            )),
            (Some(keys), name) => {
                let mut spans = highlight::spans(&format!("{keys:>12}  "), query, bold);
                spans.extend(highlight::spans(&l.text, query, Style::new()));
                if let Some(name) = name {
                    let dim = Style::new().add_modifier(Modifier::DIM);
                    spans.extend(highlight::spans(&format!(" · {name}"), query, dim));
                }
                Line::from(spans)
            }
            (None, _) => Line::from(highlight::spans(&l.text, query, Style::new())),
        })
        .collect();
    let popup = centred(area, 96, lines.len() as u16 + 2);
    // Long descriptions wrap at words: count the rows as they are drawn.
    let inner_width = popup.width.saturating_sub(2).max(1);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let drawn = drawn_rows(&paragraph, inner_width, help.len() * 4);
    let max_scroll = drawn.saturating_sub(popup.height.saturating_sub(2));
    let scroll = scroll.min(max_scroll);
    clear(frame, popup, area);
    frame.render_widget(
        paragraph
            .scroll((scroll, 0))
            .block(Block::new().borders(Borders::ALL).title(format!(
                " {} ({} · {} {}) ",
                tr("Tasti", "Keys"),
                closing_hint(keys, Action::Help),
                keys.key_of(Context::Normal, Action::Search),
                tr("cerca", "searches"),
            ))),
        popup,
    );
    (scroll, inner_width)
}

pub fn question(app: &App, frame: &mut Frame, area: Rect, question: &Question, theme: Theme) {
    let text = match question {
        Question::DeleteRow {
            table,
            objective,
            row,
        } => {
            let o = app.dataset().objectives.get(*objective);
            let name = o.map_or(String::new(), |o| match table {
                Table::Phases => o.phases.get(*row).map(|p| p.name.clone()),
                Table::Indicators => o.indicators.get(*row).map(|i| i.name.clone()),
            }
            .unwrap_or_default());
            match table {
                Table::Phases => format!(
                    "{} {} «{name}»? {}",
                    tr("Eliminare la fase", "Delete phase"),
                    row + 1,
                    delete_hint(app),
                ),
                Table::Indicators => format!(
                    "{} {} «{name}», {}? {}",
                    tr("Eliminare l'indicatore", "Delete indicator"),
                    row + 1,
                    tr(
                        "con target e rilevazioni",
                        "with its targets and measurements"
                    ),
                    delete_hint(app),
                ),
            }
        }
        Question::RestoreDraft { writing, draft } => format!(
            "{} {} {} {}, {}, {} {}. {} {}",
            tr("C'è una bozza non pubblicata", "There is an unpublished draft"),
            match writing {
                Writing::Narrative { year, .. } => format!("{} {}", tr("del", "of the"), year.label()),
                Writing::PlanText(which) => {
                    format!("{} «{}»", tr("del testo", "of the text"), which.label())
                }
            },
            tr("salvata il", "saved on"),
            draft.at.format("%d/%m/%Y %H:%M"),
            draft.who,
            draft.text.chars().count(),
            tr("caratteri", "characters"),
            tr("Ripristinarla?", "Restore it?"),
            app.keys().hint(
                Context::Question,
                &[
                    (Action::Keep, tr("ripristina", "restores")),
                    (
                        Action::Discard,
                        tr(
                            "apre il testo pubblicato (la bozza resta fino alla fine della sessione)",
                            "opens the published text (the draft stays until the session ends)"
                        )
                    ),
                    (Action::Cancel, tr("chiude", "closes")),
                ]
            ),
        ),
    };
    let popup = centred(area, 64, 7);
    clear(frame, popup, area);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.fg(Color::Yellow))
                .title(tr(" Conferma ", " Confirm ")),
        ),
        popup,
    );
}

/// `d elimina · Enter no, la tiene`: the keys of every question that deletes.
fn delete_hint(app: &App) -> String {
    app.keys().hint(
        Context::Question,
        &[
            (Action::Discard, tr("elimina", "deletes")),
            (Action::Keep, tr("non elimina nulla", "deletes nothing")),
        ],
    )
}

/// `j/k scorre · ? chiude · Esc chiude`: how an overlay opened by `opener` scrolls and closes.
fn closing_hint(keys: &Keymap, opener: Action) -> String {
    format!(
        "{}/{} {} · {} {} {} {}",
        keys.key_of(Context::Normal, Action::Down),
        keys.key_of(Context::Normal, Action::Up),
        tr("scorre", "scroll"),
        keys.key_of(Context::Normal, opener),
        tr("o", "or"),
        "Esc",
        tr("chiude", "closes")
    )
}

/// A list of lines that scrolls and closes (the history, the cycle).
pub struct Scrolled<'a> {
    pub title: &'a str,
    /// The key that opened it closes it too (so does Esc).
    pub closes: Action,
    pub lines: &'a [String],
    pub scroll: u16,
}

/// Draws `list` over `area`; the scroll it could show (`G` asks for more).
pub fn scrolled(keys: &Keymap, frame: &mut Frame, area: Rect, list: Scrolled) -> u16 {
    let Scrolled {
        title,
        closes,
        lines,
        scroll,
    } = list;
    let popup = centred(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2).max(5),
    );
    let inner = Rect {
        x: popup.x + 1,
        y: popup.y + 1,
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    };
    // Wrapped here, so the scroll counts the lines drawn: the newest is always reachable.
    let drawn: Vec<String> = lines
        .iter()
        .flat_map(|l| wrap(l, inner.width as usize))
        .collect();
    let max_scroll = drawn.len().saturating_sub(inner.height as usize);
    let scroll = (scroll as usize).min(max_scroll);
    let position = format!(
        "{}–{}/{}",
        (scroll + 1).min(drawn.len()),
        (scroll + inner.height as usize).min(drawn.len()),
        drawn.len()
    );
    clear(frame, popup, area);
    frame.render_widget(
        Block::new().borders(Borders::ALL).title(format!(
            " {title} · {position} ({}) ",
            closing_hint(keys, closes)
        )),
        popup,
    );
    frame.render_widget(
        Paragraph::new(
            drawn
                .into_iter()
                .skip(scroll)
                .take(inner.height as usize)
                .map(Line::raw)
                .collect::<Vec<_>>(),
        ),
        inner,
    );
    scroll as u16
}

/// A list to choose from: the selected item reversed (and marked `▶` for NO_COLOR).
pub fn picker(keys: &Keymap, frame: &mut Frame, area: Rect, picker: &Picker, theme: Theme) {
    let columns: Vec<usize> = picker.items.iter().map(|i| width_of(i)).collect();
    let width = (columns.iter().copied())
        .chain(picker.hint.as_deref().map(width_of))
        .map(|c| c as u16 + 6)
        .max()
        .unwrap_or(20)
        .max(width_of(&picker.title) as u16 + 40);
    let extra: u16 = if picker.hint.is_some() { 2 } else { 0 };
    // An item wider than the screen wraps under its mark rather than lose its
    // end (`… del 07/12/2026 · confronto con «Monitoraggio 30/06/2025»`).
    // Only the items shown are wrapped: a list of a city's missions is
    // measured at every frame.
    let inner = width.min(area.width).saturating_sub(4).max(1) as usize;
    let rows = |i: usize| match (picker.items.get(i), columns.get(i)) {
        (Some(item), Some(&c)) if !one_row(item, c, inner) => wrap(item, inner).len(),
        _ => 1,
    };
    let total: usize = (0..picker.items.len()).map(rows).sum();
    let popup = centred(area, width, total.min(999) as u16 + 2 + extra);
    let room = popup.height.saturating_sub(2 + extra) as usize;
    // From the first item that keeps the whole of the selected one in view.
    let (mut first, mut used) = (picker.selected, rows(picker.selected));
    while first > 0 && used + rows(first - 1) <= room {
        first -= 1;
        used += rows(first);
    }
    let selected = theme
        .fg(Color::Cyan)
        .add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let mut lines: Vec<Line> = (picker.items.iter().enumerate().skip(first))
        .flat_map(|(i, item)| {
            wrap(item, inner)
                .into_iter()
                .enumerate()
                .map(move |(j, row)| match (i, j) {
                    (i, 0) if i == picker.selected => Line::styled(format!("▶ {row}"), selected),
                    (i, _) if i == picker.selected => Line::styled(format!("  {row}"), selected),
                    _ => Line::raw(format!("  {row}")),
                })
        })
        .take(room)
        .collect();
    if let Some(hint) = &picker.hint {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            hint.clone(),
            Style::new().add_modifier(Modifier::DIM),
        ));
    }
    clear(frame, popup, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::ALL).title(format!(
            " {} ({}) ",
            picker.title,
            keys.hint(
                Context::Picker,
                &[
                    (Action::Down, tr("giù", "down")),
                    (Action::Up, tr("su", "up")),
                    (Action::Commit, tr("sceglie", "chooses")),
                    (Action::Cancel, tr("annulla", "cancels")),
                ]
            )
        ))),
        popup,
    );
}
