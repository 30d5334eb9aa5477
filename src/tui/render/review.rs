//! The review screen: one objective at a time, large and readable on a shared
//! screen: where it stands, what changed since the snapshot (highlighted and
//! marked with `*`, so it shows without colour too), late phases, both
//! narratives, and whether it has been reviewed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::tr;
use crate::model::compare::{
    Difference, RowDifference, compare_objective, describe, indicator_cell_changed,
    phase_cell_changed, word_counts,
};
use crate::model::describe;
use crate::model::rollup::{weight_sum, weight_sum_is_off};
use crate::model::values::{format_number, format_opt_number};
use crate::model::variation::{self, VariationState};
use crate::model::{Dataset, Objective, ObjectiveField, PhaseField};
use crate::tui::action::Action;
use crate::tui::app::review::compared_with;
use crate::tui::app::{App, Pane, ReviewSession};
use crate::tui::keymap::Context;
use crate::tui::panes::phases::{cell_text, columns, schedule_mark};
use crate::tui::panes::rows::LEAD;
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::gauge::bar;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::table::{self, Cell};
use crate::tui::widgets::text::{fit, wrap};

/// The phase columns a meeting looks at: the key ones, then when it ends and who answers for it.
const COLUMNS: [PhaseField; 6] = [
    PhaseField::Name,
    PhaseField::Weight,
    PhaseField::Progress,
    PhaseField::PlannedEnd,
    PhaseField::ActualEnd,
    PhaseField::Manager,
];

pub fn render(app: &App, view: &mut View, frame: &mut Frame, area: Rect, theme: Theme) {
    let Some(session) = app.review() else { return };
    // The title and the keys wrap rather than lose their end on a narrow screen.
    let bar = |text: &str| {
        wrap(text, area.width.saturating_sub(1) as usize)
            .iter()
            .map(|l| fit(&format!(" {l}"), area.width as usize))
            .collect::<Vec<_>>()
    };
    let (title_lines, key_lines) = (bar(&title_line(app, session)), bar(&key_line(app)));
    let [title, body, keys] = Layout::vertical([
        Constraint::Length(title_lines.len() as u16),
        Constraint::Min(1),
        Constraint::Length(key_lines.len() as u16),
    ])
    .areas(area);
    let lines = |texts: Vec<String>| texts.into_iter().map(Line::raw).collect::<Vec<_>>();
    frame.render_widget(
        Paragraph::new(lines(title_lines))
            .style(Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)),
        title,
    );
    frame.render_widget(
        Paragraph::new(lines(key_lines)).style(Style::new().add_modifier(Modifier::DIM)),
        keys,
    );
    let width = body.width.saturating_sub(2) as usize;
    let lines = match app.dataset().objectives.get(session.objective) {
        Some(o) => page(app, session, o, width, theme),
        None => vec![Line::raw(tr("nessun obiettivo", "no objective"))],
    };
    // Scroll is clamped here, where the page's length is known.
    let height = body.height as usize;
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = (session.scroll as usize).min(max_scroll);
    view.measures.last_scroll = Some(scroll as u16);
    view.measures.page = height.saturating_sub(2).max(1);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    let inner = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    frame.render_widget(Lines::new(visible), inner);
}

/// ` Revisione n. 1 · confronto con «S» · 3 di 8 rivisti · filtro: tutti (8) · 4/8`
fn title_line(app: &App, s: &ReviewSession) -> String {
    let visible = s.visible(app.dataset(), app.today());
    let position = visible
        .iter()
        .position(|&i| i == s.objective)
        .map_or_else(|| "–".to_string(), |p| (p + 1).to_string());
    let compared = match (&s.review.snapshot, &s.baseline) {
        (Some(name), None) => format!(
            "«{name}» {}",
            tr("eliminata: nessun confronto", "deleted: no comparison")
        ),
        (snapshot, _) => compared_with(snapshot.as_deref()),
    };
    // Most useful first.
    format!(
        " {} {} · {position}/{} · {} {} {} {} · {}: {} · {compared}",
        tr("Revisione n.", "Review no."),
        s.review.id,
        visible.len(),
        s.reviewed_count(app.dataset()),
        tr("di", "of"),
        app.dataset().objectives.len(),
        tr("rivisti", "reviewed"),
        tr("filtro", "filter"),
        s.filter.label(),
    )
}

fn key_line(app: &App) -> String {
    let review = |a, it, en| (a, tr(it, en));
    let mut line = app.keys().hint(
        Context::Review,
        &[
            review(Action::NextObjective, "succ.", "next"),
            review(Action::PrevObjective, "prec.", "prev."),
            review(Action::MarkReviewed, "rivisto", "reviewed"),
            review(Action::Filter, "filtro", "filter"),
            review(Action::Enter, "modifica", "edit"),
        ],
    );
    line.push_str(" · ");
    line.push_str(&app.keys().hint(
        Context::Normal,
        &[
            review(Action::EditYear1, "testi", "texts"),
            review(Action::Help, "tasti", "keys"),
        ],
    ));
    line.push_str(" · ");
    line.push_str(
        &app.keys()
            .hint(Context::Review, &[review(Action::Cancel, "esci", "leave")]),
    );
    format!(" {line}")
}

fn page(
    app: &App,
    s: &ReviewSession,
    o: &Objective,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let heading = bold.add_modifier(Modifier::UNDERLINED);
    let changed = theme.fg(Color::Yellow).add_modifier(Modifier::BOLD);
    let before = s
        .baseline
        .as_ref()
        .map(|b| b.objectives.iter().find(|p| p.code == o.code));
    let differences: Vec<Difference> = match before {
        Some(Some(before)) => compare_objective(before, o),
        _ => Vec::new(),
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let text = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        out.extend(
            wrap(text, width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    };

    text(&mut out, &o.code, bold);
    text(&mut out, &o.operational_objective, bold);
    text(&mut out, &context(app.dataset(), o), Style::new());
    // The mark, its comment and the warning wrap: a meeting reads them whole.
    let (mark, style) = match s.review.mark(&o.code) {
        Some(m) => {
            let comment = if m.comment.is_empty() {
                String::new()
            } else {
                format!(" — «{}»", m.comment)
            };
            (
                format!(
                    "✓ {} {} {} {}{comment}",
                    tr("RIVISTO da", "REVIEWED by"),
                    m.who,
                    tr("il", "on"),
                    m.at.format("%d/%m/%Y %H:%M")
                ),
                theme.fg(Color::Green).add_modifier(Modifier::BOLD),
            )
        }
        None => (
            format!(
                "○ {} ({} {})",
                tr("DA RIVEDERE", "NOT YET REVIEWED"),
                app.keys().key_of(Context::Review, Action::MarkReviewed),
                tr("per segnarlo", "marks it")
            ),
            theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ),
    };
    text(&mut out, &mark, style);
    if s.review.mark(&o.code).is_some_and(|m| m.changed_since(o)) {
        text(
            &mut out,
            &format!(
                "⚠ {} ({} {})",
                tr(
                    "modificato dopo la revisione: quello che si vede non è ciò che è stato rivisto",
                    "changed after the review: what shows is not what was reviewed"
                ),
                app.keys().key_of(Context::Review, Action::MarkReviewed),
                tr("per rivederlo", "to review it again")
            ),
            theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        );
    }
    // The variations over it (GUIDE §8): what the baseline became, or may.
    for v in (app.dataset().variations.iter())
        .filter(|v| v.state != VariationState::Rejected && v.of(&o.code).next().is_some())
    {
        let act = match v.state {
            VariationState::Approved => format!(", {}", v.act),
            _ => String::new(),
        };
        let changes: Vec<String> = v
            .of(&o.code)
            .map(|c| describe::change(&variation::applied(c, Some(o)), describe::Said::OldToNew))
            .collect();
        let line = format!(
            "≈ {} {} ({}{act}): {}",
            tr("Variazione", "Variation"),
            v.id,
            v.state.label(),
            changes.join("; ")
        );
        text(&mut out, &line, theme.fg(Color::Cyan));
    }
    out.push(Line::raw(""));

    // Where the objective stands, and where it stood.
    // The roll-up as the other panes write it: two decimals where they exist.
    let rollup = o.progress();
    let figure = rollup
        .as_ref()
        .map_or_else(|| o.no_value().to_string(), |r| r.said());
    let spans = vec![
        Span::styled(format!("{}  ", tr("Avanzamento", "Progress")), bold),
        Span::styled(
            format!("{} {figure}", bar(rollup.as_ref().map(|r| r.value), 30)),
            bold,
        ),
    ];
    out.push(Line::from(spans));
    if let Some(r) = rollup {
        text(&mut out, &format!("  = {}", r.bare_formula()), Style::new());
    }
    if let Some(Difference::Progress { old, .. }) = differences.first() {
        out.push(Line::styled(
            format!(
                "* {} {}",
                tr("all'istantanea era", "at the snapshot it was"),
                old.map_or_else(
                    || format_opt_number(None),
                    |v| format!("{}%", format_number(v))
                )
            ),
            changed,
        ));
    }
    if weight_sum_is_off(&o.phases) {
        out.push(Line::styled(
            format!(
                "⚠ Σ {} = {} ≠ 100",
                tr("pesi", "weights"),
                weight_sum(&o.phases).map_or_else(|| format_opt_number(None), format_number)
            ),
            theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        ));
    }
    out.push(Line::raw(""));

    let tables = Tables {
        app,
        o,
        differences: &differences,
        width,
        theme,
    };
    tables.phases(&mut out);
    out.push(Line::raw(""));
    if !o.indicators.is_empty() {
        tables.indicators(&mut out);
        out.push(Line::raw(""));
    }

    if let Some(name) = &s.review.snapshot {
        out.push(Line::styled(
            format!(
                "{} «{name}»",
                tr("Modifiche dall'istantanea", "Changes since")
            ),
            heading,
        ));
        match before {
            Some(Some(_)) if differences.is_empty() => {
                out.push(Line::raw(tr("  nessuna modifica", "  no changes")))
            }
            Some(Some(_)) => {
                for d in &differences {
                    let line = match d {
                        Difference::Narrative { field, words } => {
                            let (removed, added) = word_counts(words);
                            Some(format!(
                                "{}: −{removed} / +{added} {}",
                                field.label(),
                                tr("parole", "words")
                            ))
                        }
                        other => describe(other),
                    };
                    if let Some(line) = line {
                        text(&mut out, &format!("* {line}"), changed);
                    }
                }
            }
            Some(None) => out.push(Line::raw(tr(
                "  obiettivo nuovo, assente nell'istantanea",
                "  new objective, not in the snapshot",
            ))),
            None => out.push(Line::raw(tr(
                "  istantanea non disponibile",
                "  snapshot not available",
            ))),
        }
        out.push(Line::raw(""));
    }

    for field in [ObjectiveField::Year1, ObjectiveField::Year2] {
        let is_changed = differences
            .iter()
            .any(|d| matches!(d, Difference::Narrative { field: f, .. } if *f == field));
        let label = format!(
            "{}{}",
            field.label(),
            if is_changed {
                tr(" * (modificato)", " * (changed)")
            } else {
                ""
            }
        );
        out.push(Line::styled(
            label,
            if is_changed {
                changed.add_modifier(Modifier::UNDERLINED)
            } else {
                heading
            },
        ));
        let body = field.get_value(o).to_string();
        if body.trim().is_empty() {
            out.push(Line::styled(
                format!("⚠ {}", tr("non ancora scritto", "not written yet")),
                theme.fg(Color::Red).add_modifier(Modifier::BOLD),
            ));
        } else {
            text(&mut out, &body, Style::new());
        }
        out.push(Line::raw(""));
    }
    out
}

/// `Missione … · Mandato … · Responsabile … · Stato …`
fn context(d: &Dataset, o: &Objective) -> String {
    let mission = d.missions.iter().find(|m| m.code == o.mission);
    let mandate = mission.and_then(|m| d.mandates.iter().find(|x| x.code == m.mandate));
    let mut parts = vec![format!(
        "{} {} {}",
        tr("Missione", "Mission"),
        o.mission,
        mission.map_or("", |m| m.title.as_str())
    )];
    if let Some(m) = mandate {
        parts.push(format!(
            "{} {} {}",
            tr("Mandato", "Mandate"),
            m.code,
            m.title
        ));
    }
    parts.push(format!("{} {}", tr("Responsabile", "Manager"), o.manager));
    parts.push(format!(
        "{} {}",
        tr("Stato", "Status"),
        o.status.as_deref().unwrap_or("—")
    ));
    parts.join(" · ")
}

/// What the page's phase and indicator tables are drawn from: the objective,
/// what changed since the snapshot, the width.
struct Tables<'a> {
    app: &'a App,
    o: &'a Objective,
    differences: &'a [Difference],
    width: usize,
    theme: Theme,
}

impl Tables<'_> {
    /// The phases as the phase pane shows them, a changed cell marked `*`, a new phase `+`.
    fn phases(&self, out: &mut Vec<Line<'static>>) {
        let (app, o, theme) = (self.app, self.o, self.theme);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let changed = theme.fg(Color::Yellow).add_modifier(Modifier::BOLD);
        // The same table as the phase pane's, one marker cell wider for `*` and `+`.
        // The review compares values: no lock drawn there.
        let draft = crate::model::cycle::PlanState::Draft;
        let columns = columns(o, &COLUMNS, (1, self.width), draft);
        let placed = table::place(&columns, self.width, LEAD, LEAD);
        out.push(table::header(&columns, &placed, bold));
        if o.phases.is_empty() {
            out.push(Line::raw(tr("  nessuna fase", "  no phases")));
        }
        for (i, p) in o.phases.iter().enumerate() {
            let (late, late_style) = schedule_mark(p, app, theme);
            let added = self
                .differences
                .iter()
                .any(|d| matches!(d, Difference::Phase(RowDifference::Added { index, .. }) if *index == i));
            let mut cells = vec![
                Cell::new(late.to_string(), late_style),
                Cell::new(
                    format!("{}{}", i + 1, if added { "+" } else { "" }),
                    Style::new(),
                ),
            ];
            for &f in &COLUMNS {
                let is_changed = phase_cell_changed(self.differences, i, Some(f))
                    || (f == PhaseField::Name && added);
                // A `*` in front when it changed (visible without colour).
                cells.push(if is_changed {
                    Cell::new(format!("*{}", cell_text(o, i, f, self.width)), changed)
                } else {
                    Cell::new(format!(" {}", cell_text(o, i, f, self.width)), Style::new())
                });
            }
            out.push(table::row(&placed, &cells, Style::new(), None));
        }
        out.push(Line::styled(
            format!(
                "  ! {} · ○ {} · {}",
                tr("in ritardo", "late"),
                crate::model::schedule::not_started_word(),
                tr(
                    "* modificato dall'istantanea · + fase nuova",
                    "* changed since the snapshot · + new phase"
                )
            ),
            Style::new().add_modifier(Modifier::DIM),
        ));
    }

    /// The indicators as a meeting reads them: the year's target, its measurements
    /// and the achievement, a changed cell marked `*` as in the phase table.
    fn indicators(&self, out: &mut Vec<Line<'static>>) {
        let (app, o, theme) = (self.app, self.o, self.theme);
        use crate::model::indicator_fields::IndicatorField as F;
        use crate::tui::columns::IndicatorColumn as C;
        use crate::tui::panes::indicators::{cell, indicator_columns};
        let year = app.indicator_year();
        let bands = app.dataset().plan.settings.bands;
        let mut shown = vec![
            C::Field(F::Name),
            C::Field(F::Weight),
            C::Achievement,
            C::Field(F::Baseline),
            C::Field(F::Target(year)),
        ];
        shown.extend(
            crate::model::calendar::periods(&app.dataset().plan)
                .into_iter()
                .filter(|p| chrono::Datelike::year(p) == year)
                .map(|p| C::Field(F::Measurement(p))),
        );
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let changed = theme.fg(Color::Yellow).add_modifier(Modifier::BOLD);
        // The review compares values: no lock drawn there.
        let draft = crate::model::cycle::PlanState::Draft;
        let columns = indicator_columns(o, &shown, (year, bands), (theme, draft), 1);
        let placed = table::place(&columns, self.width, LEAD, LEAD);
        out.push(Line::styled(Pane::Indicators.title().to_string(), bold));
        out.push(table::header(&columns, &placed, bold));
        for (k, i) in o.indicators.iter().enumerate() {
            let mut cells = vec![
                Cell::new(" ", Style::new()),
                Cell::new((k + 1).to_string(), Style::new()),
            ];
            for &c in &shown {
                let (text, band) = cell(i, c, (year, bands), theme, draft);
                let is_changed = match c {
                    C::Field(f) => indicator_cell_changed(self.differences, k, f),
                    C::Achievement => false,
                };
                cells.push(if is_changed {
                    Cell::new(format!("*{text}"), changed)
                } else {
                    Cell::new(format!(" {text}"), band.unwrap_or_default())
                });
            }
            out.push(table::row(&placed, &cells, Style::new(), None));
        }
    }
}
