//! Drawing the state. No I/O here, and only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::App;
use super::keymap::KEYMAP;
use super::outline::NodeKind;
use crate::i18n::tr;
use crate::model::values::{format_number, format_opt_number};

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

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
}

/// `████░░░░░░  40%` — the bar is text, so it survives NO_COLOR and copy-paste.
pub fn gauge(progress: Option<f64>, width: usize) -> String {
    match progress {
        Some(p) => {
            let filled = ((p / 100.0) * width as f64).round() as usize;
            format!(
                "{}{} {:>4}%",
                "█".repeat(filled.min(width)),
                "░".repeat(width.saturating_sub(filled)),
                format_number(p.round())
            )
        }
        None => format!("{} {:>5}", "·".repeat(width), format_opt_number(None)),
    }
}

pub fn render(app: &mut App, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(format!(
            " obiettivi · {} · {}",
            app.dataset.plan.title,
            tr("Scheda Obiettivi", "Objectives sheet")
        ))
        .style(Style::new().add_modifier(Modifier::BOLD)),
        title,
    );
    // Side by side when there is room, stacked on narrow terminals.
    let [tree_area, detail_area] = if body.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    };
    render_tree(app, frame, tree_area, theme);
    render_details(app, frame, detail_area);
    let hint = tr("? aiuto · q esci", "? help · q quit");
    let position = app
        .selected_row()
        .map(|r| format!("{} ({}/{})", r.code, app.selected + 1, app.rows.len()))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(format!(" {position}  ·  {hint}"))
            .style(Style::new().add_modifier(Modifier::REVERSED)),
        status,
    );
    if app.show_help {
        render_help(frame, area);
    }
}

fn render_tree(app: &mut App, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(tr(" Obiettivi ", " Objectives "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    app.page = height.saturating_sub(1).max(1);
    // Keep the selection in view; build only the rows that fit.
    let first = app.selected.saturating_sub(height.saturating_sub(1));
    let gauge_width = 10usize;
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
            let warn = if row.weight_warning { "⚠" } else { " " };
            let indent = "  ".repeat(row.depth as usize);
            let bar = gauge(row.progress, gauge_width);
            let room = (inner.width as usize)
                .saturating_sub(indent.chars().count() + 2 + bar.chars().count() + 3);
            let label: String = format!("{} {}", row.code, row.title)
                .chars()
                .take(room)
                .collect();
            let pad = room.saturating_sub(label.chars().count());
            let mut style = match row.kind {
                NodeKind::Mandate => Style::new().add_modifier(Modifier::BOLD),
                NodeKind::Mission => theme.fg(Color::Cyan),
                NodeKind::Objective => Style::new(),
            };
            if i == app.selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            Line::from(vec![
                Span::styled(format!("{indent}{fold}{label}{}", " ".repeat(pad)), style),
                Span::styled(format!(" {warn}"), theme.fg(Color::Yellow)),
                Span::raw(format!(" {bar}")),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_details(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(tr(" Dettagli ", " Details "));
    let text: Vec<Line> = match app.selected_objective() {
        Some(o) => {
            let field = |label: &str, value: &str| {
                Line::from(vec![
                    Span::styled(
                        format!("{label}: "),
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(value.to_string()),
                ])
            };
            let progress = o.progress().map(|r| r.value);
            vec![
                field(tr("Codice", "Code"), &o.code),
                field(tr("Missione", "Mission"), &o.mission),
                field(tr("Responsabile", "Manager"), &o.manager),
                field(tr("CdR", "Resp. centre"), &o.responsibility_centre),
                field(tr("Stato", "Status"), o.status.as_deref().unwrap_or("—")),
                field(tr("Avanzamento", "Progress"), &gauge(progress, 10)),
                field(tr("Fasi", "Phases"), &o.phases.len().to_string()),
                Line::raw(""),
                Line::raw(o.operational_objective.clone()),
            ]
        }
        None => match app.selected_row() {
            Some(row) => vec![
                Line::raw(format!("{} {}", row.code, row.title)),
                Line::raw(gauge(row.progress, 10)),
            ],
            None => vec![Line::raw(tr(
                "Database vuoto: importa un file con «obiettivi import FILE.json».",
                "Empty database: import a file with «obiettivi import FILE.json».",
            ))],
        },
    };
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        area,
    );
}

fn render_help(frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = KEYMAP
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(
                    format!("{:>8}  ", b.shown),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(b.description()),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 44.min(area.width);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::new()
                .borders(Borders::ALL)
                .title(tr(" Tasti ", " Keys ")),
        ),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use chrono::NaiveDate;
    use ratatui::{Terminal, backend::TestBackend};

    fn screen(app: &mut App, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render(app, f, Theme { color: false })).unwrap();
        let buf = t.backend().buffer().clone();
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn app() -> App {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        App::new(
            crate::io::shipped(),
            NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
        )
    }

    #[test]
    fn the_tree_shows_the_hierarchy_with_n_d_where_there_is_no_progress() {
        let mut a = app();
        let s = screen(&mut a, 80, 24);
        assert!(s.contains("▾ 2023_2028_DUP_05 PERSONE E FAMIGLIE"), "{s}");
        assert!(s.contains("05_1201_0102"), "{s}");
        assert!(s.contains("n/d"), "{s}");
        assert!(s.contains("? aiuto"), "{s}");
    }

    #[test]
    fn details_follow_the_selection_and_help_lists_the_keymap() {
        let mut a = app();
        a.update(Action::Bottom);
        let s = screen(&mut a, 120, 40);
        assert!(s.contains("Codice: 06_1201_0801"), "{s}");
        assert!(s.contains("2024_28_DUP_06_1202"), "{s}");
        a.update(Action::ToggleHelp);
        let s = screen(&mut a, 120, 40);
        for b in KEYMAP {
            assert!(
                s.contains(b.description()),
                "help lacks {}: {s}",
                b.description()
            );
        }
    }

    #[test]
    fn gauge_has_a_bar_and_a_number_or_n_d() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        assert_eq!(gauge(Some(40.0), 10), "████░░░░░░   40%");
        assert_eq!(gauge(None, 4), "····   n/d");
    }
}
