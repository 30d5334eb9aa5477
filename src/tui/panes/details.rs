//! The selected objective's header fields, texts, structures and stakeholders.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::tr;
use crate::model::Objective;
use crate::model::score::{describe, headline};
use crate::model::values::{format_number, format_opt_date, format_opt_number};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = theme.block(Pane::Details.title(), app.focus() == Pane::Details);
    let scroll = app.details_scroll();
    objective_text(app, frame, area, block, scroll, |o| lines(app, o));
}

/// A pane of text about the selected objective in `block`, scrolled by
/// `scroll` (never past its last line); with none selected, the hint.
pub(crate) fn objective_text<'a>(
    app: &'a App,
    frame: &mut Frame,
    area: Rect,
    block: Block,
    scroll: u16,
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
    let scroll = scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}

/// The objective's header fields, texts, structures and stakeholders.
fn lines<'a>(app: &'a App, o: &'a Objective) -> Vec<Line<'a>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), bold),
            Span::raw(value),
        ])
    };
    let score = app.dataset().plan.settings.score;
    let mission = app.dataset().missions.iter().find(|m| m.code == o.mission);
    let mandate = mission.and_then(|m| app.dataset().mandates.iter().find(|a| a.code == m.mandate));
    // What the objective is about comes first: it is what people look for.
    let mut lines = vec![
        Line::styled(tr("Obiettivo operativo", "Operational objective"), bold),
        Line::raw(o.operational_objective.clone()),
        Line::raw(""),
        field(tr("Codice", "Code"), o.code.clone()),
        // What heads the objective, as the plan's `score` setting says, with its formula.
        field(
            &format!("{} ({})", tr("Risultato", "Score"), describe(score)),
            headline(o, score, app.indicator_year()).map_or_else(
                || format_opt_number(None),
                |h| format!("{}% · {}", format_number(h.value), h.formula),
            ),
        ),
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
        Line::raw(mission.map_or(String::new(), |m| m.strategic_objective.clone())),
        Line::raw(""),
        Line::styled(tr("Strutture coinvolte", "Structures involved"), bold),
    ];
    for s in &o.structures {
        let dates = [format_opt_date(s.start), format_opt_date(s.end)].join(" – ");
        lines.push(Line::raw(format!(
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
        lines.push(Line::raw(format!("• {s}")));
    }
    lines
}

/// What to do when no objective is selected yet.
pub fn hint(app: &App) -> String {
    if app.dataset().objectives.is_empty() {
        tr(
            "Database vuoto: importa un piano con «obiettivi import FILE.json».",
            "Empty database: import a plan with «obiettivi import FILE.json».",
        )
        .into()
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
