//! The selected objective's header fields, texts, structures and stakeholders.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::{tr, tr_string};
use crate::model::Objective;
use crate::model::needle::Needle;
use crate::model::score::{describe, headline};
use crate::model::values::{format_number, format_opt_date, format_opt_number};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::highlight;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::text::wrap_lines;

pub fn render(app: &App, view: &mut View, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = theme.block(Pane::Details.title(), app.focus() == Pane::Details);
    objective_text(app, view, frame, (area, block), Pane::Details, |o| {
        lines(app, o)
    });
}

/// The rows the pane wants `width` columns wide, borders included: its text
/// whole (the hint's line, with no objective selected).
pub fn wanted_rows(app: &App, width: u16, most: u16) -> u16 {
    app.objective()
        .map_or(3, |o| text_height(lines(app, o), width, most))
}

/// The rows `lines` take in a bordered pane `width` columns wide, at most
/// `most`: wrapped as they are drawn, up to `most` rows.
fn text_height(lines: Vec<Line>, width: u16, most: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2).max(1));
    let most = usize::from(most.saturating_sub(2));
    let rows = wrap_lines(&lines, inner, most).len().min(most);
    (rows as u16).saturating_add(2)
}

/// A pane of text about the selected objective (`pane`, drawn in `area`
/// within its block), scrolled by the pane's scroll (never past its last
/// row), or landed on the search's word (`App::landing_in`; what it drew goes
/// in `view`); with none selected, the hint.
pub(crate) fn objective_text<'a>(
    app: &'a App,
    view: &mut View,
    frame: &mut Frame,
    (area, block): (Rect, Block),
    pane: Pane,
    lines: impl FnOnce(&'a Objective) -> Vec<Line<'a>>,
) {
    let Some(o) = app.objective() else {
        frame.render_widget(
            Paragraph::new(hint(app))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    };
    let lines = lines(o);
    let inner = block.inner(area);
    let (width, height) = (inner.width as usize, inner.height as usize);
    let mut scroll = match pane {
        Pane::Details => app.details_scroll(),
        _ => app.narrative_scroll(),
    };
    let landing = app.landing_in(pane).zip(app.search_query());
    // Unscrolled and no word to land on, only the rows shown are wrapped:
    // wrapping a long narrative whole costs as much as a frame.
    let most = if scroll == 0 && landing.is_none() {
        height
    } else {
        usize::MAX
    };
    let rows = wrap_lines(&lines, width.max(1), most);
    if let Some((at, query)) = landing {
        let mut needle = Needle::new(query);
        let found: Vec<usize> = (0..rows.len())
            .filter(|r| needle.is_in(&text_of(&rows[*r])))
            .collect();
        if let Some(last) = found.len().checked_sub(1) {
            let at = at.min(last);
            // A third of the pane above it.
            let above = height / 3;
            scroll = found[at].saturating_sub(above).min(u16::MAX as usize) as u16;
            view.measures.landed = Some((pane, scroll, found.len(), at));
        }
    }
    let scroll = usize::from(scroll).min(rows.len().saturating_sub(1));
    frame.render_widget(block, area);
    let shown: Vec<Line> = rows.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Lines::new(shown), inner);
}

/// A row's text, its spans joined.
fn text_of(row: &Line) -> String {
    row.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// `text` as a line, the search's word marked in it.
pub(crate) fn marked<'a>(app: &App, text: &str, style: Style) -> Line<'a> {
    Line::from(highlight::spans(text, app.search_query(), style))
}

/// The objective's header fields, texts, structures and stakeholders.
fn lines<'a>(app: &'a App, o: &'a Objective) -> Vec<Line<'a>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let field = |label: &str, value: String| {
        let mut spans = vec![Span::styled(format!("{label}: "), bold)];
        spans.extend(highlight::spans(&value, app.search_query(), Style::new()));
        Line::from(spans)
    };
    let raw = |text: String| marked(app, &text, Style::new());
    let score = app.dataset().plan.settings.score;
    let mission = app.dataset().missions.iter().find(|m| m.code == o.mission);
    let mandate = mission.and_then(|m| app.dataset().mandates.iter().find(|a| a.code == m.mandate));
    // What the objective is about comes first: it is what people look for.
    let mut lines = vec![
        Line::styled(tr("Obiettivo operativo", "Operational objective"), bold),
        raw(o.operational_objective.clone()),
        Line::raw(""),
        field(tr("Codice", "Code"), o.code.clone()),
        // What heads the objective, as the plan's `score` setting says, with its formula.
        field(
            &format!("{} ({})", tr("Risultato", "Score"), describe(score)),
            headline(o, score, app.indicator_year()).map_or_else(
                || {
                    o.not_assessable_said()
                        .unwrap_or_else(|| format_opt_number(None))
                },
                |h| match o.mark() {
                    Some(mark) => format!(
                        "{}% {} · {}",
                        format_number(h.value),
                        mark.word(),
                        h.formula
                    ),
                    None => format!("{}% · {}", format_number(h.value), h.formula),
                },
            ),
        ),
    ];
    // The consuntivo and the validator's answer by the result, with their
    // reasons (GUIDE §8): `Raggiungimento forzato: 80% — motivo (oiv, data)`.
    let assessed = o.assessment_lines();
    lines.extend(assessed.into_iter().map(|(label, text)| field(label, text)));
    lines.extend([
        field(
            tr("Obiettivo di mandato", "Mandate"),
            mandate.map_or(String::new(), |m| format!("{} {}", m.code, m.title)),
        ),
        field(
            tr("Obiettivo di missione", "Mission"),
            mission.map_or(o.mission.clone(), |m| format!("{} {}", m.code, m.title)),
        ),
        field(tr("Assessorato", "Portfolio"), o.assessorato.clone()),
        field(
            tr("Centro di Responsabilità", "Responsibility centre"),
            o.responsibility_centre.clone(),
        ),
        field(tr("Responsabile", "Manager"), o.manager.clone()),
        field(
            tr("Valore pubblico", "Public value"),
            o.public_value.clone(),
        ),
        field(
            tr("Stato", "Status"),
            o.status.clone().unwrap_or_else(|| "—".into()),
        ),
        Line::raw(""),
        Line::styled(tr("Obiettivo strategico", "Strategic objective"), bold),
        raw(mission.map_or(String::new(), |m| m.strategic_objective.clone())),
        Line::raw(""),
        Line::styled(tr("Strutture coinvolte", "Structures involved"), bold),
    ]);
    for s in &o.structures {
        let dates = [format_opt_date(s.start), format_opt_date(s.end)].join(" – ");
        lines.push(raw(format!(
            "• {} · {} · {}% {}",
            s.description,
            s.relation,
            format_opt_number(s.share),
            dates.trim_matches([' ', '–'])
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Stakeholder", bold));
    for s in &o.stakeholders {
        lines.push(raw(format!("• {s}")));
    }
    lines
}

/// What to do when no objective is selected yet.
pub fn hint(app: &App) -> String {
    if app.dataset().objectives.is_empty() {
        tr_string(
            "Database vuoto: importa un piano con «obiettivi import FILE.json».",
            "Empty database: import a plan with «obiettivi import FILE.json».",
        )
    } else {
        use crate::tui::action::Action;
        use crate::tui::keymap::Context;
        let key = |a| app.keys().key_of(Context::Normal, a);
        format!(
            "{} ({}/{}, {}).",
            tr(
                "Scegli un obiettivo nell'albero",
                "Pick an objective in the tree"
            ),
            key(Action::Down),
            key(Action::Up),
            key(Action::Enter)
        )
    }
}
