//! The indicator table: one row per indicator of the objective — name, weight,
//! the achievement of the year with its band, the baseline, a target per plan
//! year, a measurement per monitoring period, then the descriptive fields —
//! drawn with the phase table's widget and edited the same way. Under it the
//! selected indicator in full with its measurements and notes, then Σ weights
//! and the objective's achievement with its formula.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use super::phases::LOCK;
use super::rows::{self, LEAD, RowPane, cell_style};
use crate::i18n::tr;
use crate::model::Objective;
use crate::model::calendar::periods;
use crate::model::cycle::PlanState;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::{Band, Bands, Indicator, Words, weight_sum};
use crate::model::table::{Indicators, RowTable};
use crate::model::values::{format_date, format_exact, format_number, format_opt_number};
use crate::tui::app::Table;
use crate::tui::app::indicators::{achievement_said, objective_achievement_said};
use crate::tui::app::{App, Mode, Pane};
use crate::tui::columns::{self, FROZEN_INDICATORS, IndicatorColumn};
use crate::tui::theme::Theme;
use crate::tui::view::{TableMap, View};
use crate::tui::widgets::table::{self, Cell, Column};
use crate::tui::widgets::text::{width, wrap};

/// A band's symbol (NO_COLOR keeps it) and colour.
pub fn band_mark(band: Band, theme: Theme) -> (&'static str, Style) {
    match band {
        Band::Reached => ("✓", theme.fg(Color::Green)),
        Band::Partly => ("◐", theme.fg(Color::Yellow)),
        Band::NotReached => ("✗", theme.fg(Color::Red)),
    }
}

pub(crate) fn header(column: IndicatorColumn, year: i32) -> String {
    match column {
        IndicatorColumn::Achievement => format!("{} {year}", tr("Ragg.", "Achv.")),
        IndicatorColumn::Field(f) => f.header(),
    }
}

/// In variation mode, `old→new` for a cell of indicator `k` the variation records.
fn varied(app: &App, code: &str, k: usize, column: IndicatorColumn) -> Option<String> {
    let IndicatorColumn::Field(f) = column else {
        return None;
    };
    let part = crate::model::applied::Part::Indicator {
        index: k,
        cell: Some(f),
    };
    app.varied(code, &part.name())
}

/// The cell's text and, for the achievement, the band's look; a field the
/// plan's `state` freezes behind the phase table's lock.
pub(crate) fn cell(
    i: &Indicator,
    column: IndicatorColumn,
    (year, bands): (i32, Bands),
    theme: Theme,
    state: PlanState,
) -> (String, Option<Style>) {
    match column {
        IndicatorColumn::Field(f) if Indicators::frozen_in(f, state) => {
            (format!("{LOCK}{}", f.shown(i)), None)
        }
        IndicatorColumn::Field(f) => (f.shown(i), None),
        IndicatorColumn::Achievement => match i.achievement(year) {
            Some(a) => {
                let (mark, style) = band_mark(bands.band(a.value), theme);
                (format!("{}% {mark}", format_number(a.value)), Some(style))
            }
            None => (format_opt_number(None), None),
        },
    }
}

/// Narrowest and widest a column gets (as wide as its content between the
/// two), and whether it stays in view: at most the field table's width, at
/// least a third of it (5 to 8); the name (width 0) takes what is left.
pub(crate) fn limits(column: IndicatorColumn) -> (usize, usize, bool) {
    let IndicatorColumn::Field(field) = column else {
        return (7, 10, true);
    };
    let frozen = FROZEN_INDICATORS.contains(&field);
    match field.column().width as usize {
        0 => (12, 40, frozen),
        width => ((width / 3).clamp(5, 8), width, frozen),
    }
}

/// The columns of an indicator table of `o`: the two lead ones, then `shown`,
/// each as wide as its content (plus `marker` cells, for a table that marks
/// its cells; a frozen field's lock is in its content).
pub(crate) fn indicator_columns(
    o: &Objective,
    shown: &[IndicatorColumn],
    (year, bands): (i32, Bands),
    (theme, state): (Theme, PlanState),
    marker: usize,
) -> Vec<Column> {
    let number = o.indicators.len().max(1).to_string().len().max(2) + marker;
    let mut out = vec![
        Column::fitted("", 0, 1, 1, true),
        Column::fitted("#", 0, number, 4, true),
    ];
    for &column in shown {
        let widest = o
            .indicators
            .iter()
            .map(|i| width(&cell(i, column, (year, bands), theme, state).0))
            .max()
            .unwrap_or(0);
        let (min, max, frozen) = limits(column);
        let header = header(column, year);
        out.push(Column::fitted(
            &header,
            widest + marker,
            min + marker,
            max + marker,
            frozen,
        ));
    }
    out
}

/// The columns of the pane's table whole, borders included.
pub fn wanted_columns(app: &App, theme: Theme) -> u16 {
    rows::wanted_columns::<IndicatorPane>(app, theme)
}

/// The pane's rows `width` columns wide, borders included.
pub fn wanted_rows(app: &App, width: u16, theme: Theme) -> u16 {
    rows::wanted_rows::<IndicatorPane>(app, width, theme)
}

pub fn render(app: &App, view: &mut View, frame: &mut Frame, area: Rect, theme: Theme) {
    if let Some(map) = rows::render::<IndicatorPane>(app, view, frame, area, theme) {
        view.screen.indicators = Some(map);
    }
}

/// The indicator pane, as [`rows::render`] draws it.
struct IndicatorPane;

impl RowPane for IndicatorPane {
    const PANE: Pane = Pane::Indicators;
    const DETAIL_MAX: usize = 8;

    fn title(app: &App) -> String {
        format!("{} · {}", Pane::Indicators.title(), app.indicator_year())
    }

    fn table(app: &App, o: &Objective, frame: &mut Frame, area: Rect, theme: Theme) -> TableMap {
        let year = app.indicator_year();
        let bands = app.dataset().plan.settings.bands;
        let all = columns::indicators(&app.dataset().plan);
        let state = app.dataset().plan.state();
        let widths = Self::columns(app, o, area.width as usize, theme);
        let cursor = app.indicators().col.min(all.len() - 1);
        let placed = table::place(&widths, area.width as usize, cursor + LEAD, LEAD);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut lines = vec![table::header(&widths, &placed, bold)];
        if o.indicators.is_empty() {
            let none = tr("nessun indicatore:", "no indicators:");
            lines.push(rows::empty_line(
                app,
                none,
                tr("per aggiungerne uno", "adds one"),
            ));
        }
        let editing = match app.mode() {
            Mode::Cell(edit) if app.current() == Some(edit.objective) => Some(edit),
            _ => None,
        };
        let height = (area.height as usize).saturating_sub(1);
        let first = app
            .indicators()
            .row
            .saturating_sub(height.saturating_sub(1));
        let focused = app.focus() == Pane::Indicators;
        for (k, i) in o.indicators.iter().enumerate().skip(first).take(height) {
            let selected = focused && k == app.indicators().row;
            let row_style = if selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let marked = app.indicators().marks.contains(&k);
            let mut cells = vec![
                Cell::new(if marked { "●" } else { " " }, Style::new()),
                Cell::new((k + 1).to_string(), row_style),
            ];
            for (col, &column) in all.iter().enumerate() {
                let is_cursor = selected && col == cursor;
                let in_edit =
                    editing.filter(|e| is_cursor && e.target.row_in(Table::Indicators) == Some(k));
                let place = placed.iter().find(|p| p.column == col + LEAD);
                let (text, band) = match (in_edit, place) {
                    (Some(e), Some(p)) => (
                        rows::edited_cell(frame, area, p, k - first + 1, &e.editor),
                        None,
                    ),
                    (None, Some(_)) => match varied(app, &o.code, k, column) {
                        Some(text) => (text, None),
                        None => cell(i, column, (year, bands), theme, state),
                    },
                    (_, None) => (String::new(), None),
                };
                let mut style = cell_style(
                    in_edit.map(|e| &e.editor),
                    is_cursor,
                    marked,
                    row_style,
                    theme,
                );
                if let Some(band) = band {
                    style = style.patch(band);
                }
                cells.push(Cell::new(text, style));
            }
            lines.push(table::row(&placed, &cells, row_style, app.search_query()));
        }
        // A new indicator being named shows as an extra row at its place.
        let new = editing.and_then(|e| Some((e.target.new_row_in(Table::Indicators)?, &e.editor)));
        rows::draw(frame, area, &placed, lines, (first, new), theme)
    }

    fn columns(app: &App, o: &Objective, _: usize, theme: Theme) -> Vec<Column> {
        let year = app.indicator_year();
        let bands = app.dataset().plan.settings.bands;
        let all = columns::indicators(&app.dataset().plan);
        let state = app.dataset().plan.state();
        indicator_columns(o, &all, (year, bands), (theme, state), 0)
    }

    fn count(o: &Objective) -> usize {
        o.indicators.len()
    }

    /// The selected indicator in full: each measurement with its note (those
    /// outside the plan's periods said so), the achievement with how it was
    /// computed, what it is, baseline and targets, source and formula.
    fn detail(app: &App, o: &Objective, width: usize) -> Vec<Line<'static>> {
        let Some(i) = o.indicators.get(app.indicators().row) else {
            return Vec::new();
        };
        let plan = &app.dataset().plan;
        let none = || "—".to_string();
        let or_none = |s: &str| if s.is_empty() { none() } else { s.to_string() };
        let mut lines = rows::heading(
            tr("Indicatore", "Indicator"),
            app.indicators().row,
            &i.name,
            width,
            app.search_query(),
        );
        let targets: Vec<String> = i
            .targets
            .iter()
            .map(|(y, t)| format!("{y}: {}", format_exact(*t)))
            .collect();
        let facts = [
            format!(
                "{}: {} · {}: {} · {} · {} · {}: {}",
                tr("Tipo", "Kind"),
                or_none(i.kind.map_or("", Words::label)),
                tr("Unità", "Unit"),
                or_none(&i.unit),
                i.polarity.label(),
                i.rule.label(),
                tr("Peso", "Weight"),
                or_none(&IndicatorField::Weight.shown(i)),
            ),
            format!(
                "{}: {} · Target {}",
                tr("Valore di partenza", "Baseline"),
                or_none(&IndicatorField::Baseline.shown(i)),
                if targets.is_empty() {
                    none()
                } else {
                    targets.join(" · ")
                }
            ),
        ];
        let plan_periods = periods(plan);
        let measured: Vec<String> = i
            .measurements
            .iter()
            .map(|m| {
                let mut s = format!("{} {}", format_date(m.period), format_exact(m.value));
                if !m.note.is_empty() {
                    s.push_str(&format!(" ({})", m.note));
                }
                if !plan_periods.contains(&m.period) {
                    s.push_str(&format!(
                        " ⚠ {}",
                        tr("fuori dai periodi", "outside the periods")
                    ));
                }
                s
            })
            .collect();
        let measurements = format!(
            "{}: {}",
            tr("Rilevazioni", "Measurements"),
            if measured.is_empty() {
                none()
            } else {
                measured.join(" · ")
            }
        );
        let about = format!(
            "{}: {} · Formula: {}",
            tr("Fonte", "Source"),
            or_none(&i.source),
            or_none(&i.formula)
        );
        let achievement = achievement_said(i, app.indicator_year(), plan.settings.bands);
        // What is measured and what it gives first: the pane may be short.
        for text in [measurements, achievement]
            .into_iter()
            .chain(facts)
            .chain([about])
        {
            lines.extend(wrap(&text, width).into_iter().map(Line::raw));
        }
        lines
    }

    /// Σ weights (⚠ when they do not make 100), the objective's achievement with
    /// its formula, and the legend of the bands and marks.
    fn footer(app: &App, o: &Objective, theme: Theme) -> Vec<Line<'static>> {
        let bands = app.dataset().plan.settings.bands;
        let label = tr("pesi indicatori", "indicator weights");
        let mut legend = format!(
            "✓ {} ≥ {} · ◐ {} ≥ {} · ✗ {}",
            Band::Reached.label(),
            format_number(bands.reached),
            Band::Partly.label(),
            format_number(bands.partly),
            Band::NotReached.label(),
        );
        let marked = app.indicators().marks.len();
        legend.push_str(&rows::marks_said(tr("marcati", "marked"), marked));
        vec![
            rows::weights_line(label, weight_sum(&o.indicators), theme),
            Line::raw(objective_achievement_said(o, app.indicator_year(), bands)),
            Line::raw(legend),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator_fields::fields_for;

    /// A column is at most as wide as the table of indicator fields says (the
    /// name takes what is left), so a new field needs no width of its own here.
    #[test]
    fn each_column_is_as_wide_as_its_field_s_table_says() {
        let june = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        for field in fields_for([2026], [june]) {
            let (min, max, _) = limits(IndicatorColumn::Field(field));
            match field.column().width as usize {
                0 => assert_eq!((min, max), (12, 40)),
                width => assert_eq!(max, width, "{field:?}"),
            }
        }
    }
}
