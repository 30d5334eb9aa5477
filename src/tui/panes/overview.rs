//! The overview (`o`, or its number): the plan by mandate and mission and by
//! manager and CdR, one line each, in one glance at 80×24; at a wide size
//! the progress gets a bar and the columns their full names.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::i18n::tr;
use crate::model::assessment::Mark;
use crate::model::values::format_number;
use crate::tui::app::{App, Pane};
use crate::tui::overview::{Group, Stats};
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::gauge::bar;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::text::fit;

/// From this width on, bars and full column names.
const WIDE: u16 = 120;
const BAR: usize = 20;

/// A figure column: its short and full header, its width at each size.
struct Column {
    short: (&'static str, &'static str),
    full: (&'static str, &'static str),
    narrow: usize,
    wide: usize,
    value: fn(&Stats) -> String,
    /// Non-zero figures that call for attention.
    alert: Option<fn(&Stats) -> bool>,
}

impl Column {
    /// A column of `value`: its short and full header (it, en), its width narrow and wide.
    const fn new(
        short: (&'static str, &'static str),
        full: (&'static str, &'static str),
        (narrow, wide): (usize, usize),
        value: fn(&Stats) -> String,
    ) -> Column {
        Column {
            short,
            full,
            narrow,
            wide,
            value,
            alert: None,
        }
    }

    /// The same column, its figure in red when `alert` says so.
    const fn alert(self, alert: fn(&Stats) -> bool) -> Column {
        Column {
            alert: Some(alert),
            ..self
        }
    }
}

// One column a line: headers, widths (narrow, wide), figure, alert.
#[rustfmt::skip]
const COLUMNS: &[Column] = &[
    Column::new(("Ob.", "Obj."), ("Obiettivi", "Objectives"), (4, 9), |s| s.objectives.to_string()),
    Column::new(("Avanz.", "Progr."), ("Avanzamento", "Progress"), (7, 11), |s| percent(s.progress())),
    Column::new(("Indic.", "Indic."), ("Indicatori", "Indicators"), (6, 10), |s| percent(s.achievement())),
    Column::new(("Σ≠100", "Σ≠100"), ("Σ pesi ≠ 100", "Σ weights ≠ 100"), (5, 15), |s| s.weight_off.to_string())
        .alert(|s| s.weight_off > 0),
    Column::new(("Rit.", "Late"), ("Fasi in ritardo", "Late phases"), (4, 15), |s| s.late_phases.to_string())
        .alert(|s| s.late_phases > 0),
    Column::new(("N.avv.", "N.st."), ("Fasi non avviate", "Phases not started"), (6, 18), |s| s.not_started_phases.to_string())
        .alert(|s| s.not_started_phases > 0),
    Column::new(("Vuoti", "Empty"), ("Stato att. vuoto 1°/2° anno", "Report empty yr 1/2"), (5, 27), |s| format!("{}/{}", s.missing_year1, s.missing_year2)),
    Column::new(("Riv.", "Revd."), ("Rivisti", "Reviewed"), (5, 9), |s| match s.reviewed {
        Some(r) => format!("{r}/{}", s.objectives),
        None => "—".into(),
    }),
];

fn percent(value: Option<f64>) -> String {
    match value {
        // Two decimals where they exist, as everywhere else (36,25%).
        Some(v) => format!("{}%", format_number((v * 100.0).round() / 100.0)),
        None => crate::model::values::format_opt_number(None),
    }
}

pub fn render(app: &App, view: &mut View, frame: &mut Frame, area: Rect, theme: Theme) {
    // The open window's missing items, as `reminders` lists them.
    let title = match (
        crate::model::windows::open_window(&app.dataset().plan),
        app.missing(),
    ) {
        (Some(w), Some(n)) => format!(
            "{} · {} {}: {n} {}",
            Pane::Overview.title(),
            tr("finestra", "window"),
            crate::model::values::format_date(w.period),
            tr(
                "mancanti (obiettivi reminders)",
                "missing (obiettivi reminders)"
            )
        ),
        _ => Pane::Overview.title().to_string(),
    };
    let block = theme.block(&title, app.focus() == Pane::Overview);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let basis = app.overview_basis();
    let lines = view.overview_lines(basis, || app.overview_lines()).to_vec();
    view.measures.overview = Some((basis, lines.len()));
    let wide = inner.width >= WIDE;
    // The indicators' column only where the plan measures some.
    let with_indicators = lines
        .first()
        .is_some_and(|l| l.stats.achievement().is_some());
    let columns: Vec<&Column> = COLUMNS
        .iter()
        .filter(|c| with_indicators || c.short.0 != "Indic.")
        .collect();
    let width = |c: &Column| if wide { c.wide } else { c.narrow };
    let figures: usize =
        columns.iter().map(|c| width(c) + 1).sum::<usize>() + if wide { BAR + 1 } else { 0 };
    let label_width = (inner.width as usize).saturating_sub(figures + 1).max(8);
    let bold = Style::new().add_modifier(Modifier::BOLD);

    // What the pane lists, in order; only the lines in view are formatted
    // below (a plan of 250 missions has some 300 lines, a frame shows 40).
    enum Entry {
        Header,
        Heading(&'static str),
        Stats(usize),
        Note(String),
    }
    let mut entries = vec![Entry::Header];
    let mut previous = None;
    for (n, line) in lines.iter().enumerate() {
        if let Some(heading) = section(previous, line.group) {
            entries.push(Entry::Heading(heading));
        }
        previous = Some(line.group);
        entries.push(Entry::Stats(n));
    }
    entries.push(Entry::Note(String::new()));
    // The selected line's means with what they are means of: a column has no
    // room for "(2 di 8 obiettivi)", and a mean without it reads as more.
    if let Some(line) = lines.get(app.overview_line()) {
        let said = |m: Option<crate::model::rollup::Mean>| {
            m.map_or_else(
                || crate::model::values::format_opt_number(None),
                |m| m.said(),
            )
        };
        let mut note = format!(
            "{}: {} {}",
            line.label,
            tr("avanzamento", "progress"),
            said(line.stats.progress_covered())
        );
        if with_indicators {
            note.push_str(&format!(
                " · {} {}",
                tr("indicatori", "indicators"),
                said(line.stats.achievement_covered())
            ));
        }
        // The validator's verdicts, marked as the tree marks them (GUIDE §1).
        for (count, mark) in [
            (line.stats.forced, Mark::Forced),
            (line.stats.not_assessable, Mark::NotAssessable),
        ] {
            if count > 0 {
                note.push_str(&format!(" · {} {} {count}", mark.symbol(), mark.word()));
            }
        }
        for l in crate::tui::widgets::text::wrap(&note, inner.width.saturating_sub(1) as usize) {
            entries.push(Entry::Note(format!(" {l}")));
        }
    }
    let indicators = if with_indicators && !wide {
        tr(
            "Indic. raggiungimento medio degli indicatori nell'anno · ",
            "Indic. mean indicator achievement this year · ",
        )
    } else {
        ""
    };
    let legend = if wide {
        ""
    } else {
        tr(
            "Rit. fasi in ritardo · N.avv. fasi non avviate · Vuoti: stato di attuazione 1°/2° anno vuoto · Riv. rivisti nella revisione in corso, o nell'ultima. ",
            "Late phases · N.st. phases not started · Empty: status report year 1/2 empty · Revd. reviewed in the current review, or the last one. ",
        )
    };
    let keys = tr(
        "Enter filtra l'albero su questa riga (Esc nell'albero toglie il filtro) · 1 albero",
        "Enter filters the tree to this line (Esc in the tree clears it) · 1 tree",
    );
    for l in crate::tui::widgets::text::wrap(
        &format!("{indicators}{legend}{keys}"),
        inner.width.saturating_sub(1) as usize,
    ) {
        entries.push(Entry::Note(format!(" {l}")));
    }
    // Keep the selected line in view.
    let height = inner.height as usize;
    if app.focus() == Pane::Overview {
        view.measures.page = height.saturating_sub(2).max(1);
    }
    let at = entries
        .iter()
        .position(|e| matches!(e, Entry::Stats(n) if *n == app.overview_line()))
        .unwrap_or(0);
    let first = (at + 1).saturating_sub(height);

    let header = || {
        let mut header = vec![Span::styled(format!(" {}", fit("", label_width)), bold)];
        for (i, c) in columns.iter().enumerate() {
            let (it, en) = if wide { c.full } else { c.short };
            header.push(Span::styled(
                format!(" {:>w$}", tr(it, en), w = width(c)),
                bold,
            ));
            if wide && i == 1 {
                header.push(Span::raw(format!(" {}", " ".repeat(BAR))));
            }
        }
        Line::from(header)
    };
    let stats = |n: usize| {
        let line = &lines[n];
        let indent = if line.group == Group::Mission {
            "  "
        } else {
            ""
        };
        let mut style = match line.group {
            Group::Plan | Group::Mandate => bold,
            Group::Mission => theme.fg(Color::Cyan),
            _ => Style::new(),
        };
        let selected = n == app.overview_line() && app.focus() == Pane::Overview;
        if selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let mut spans = vec![Span::styled(
            format!(" {}", fit(&format!("{indent}{}", line.label), label_width)),
            style,
        )];
        for (i, c) in columns.iter().enumerate() {
            let text = format!(" {:>w$}", (c.value)(&line.stats), w = width(c));
            let alert = c.alert.is_some_and(|a| a(&line.stats));
            spans.push(if alert {
                Span::styled(text, theme.fg(Color::Red).add_modifier(Modifier::BOLD))
            } else {
                Span::raw(text)
            });
            if wide && i == 1 {
                spans.push(Span::styled(
                    format!(" {}", bar(line.stats.progress(), BAR)),
                    theme.fg(Color::Green),
                ));
            }
        }
        Line::from(spans)
    };
    let visible: Vec<Line> = entries
        .into_iter()
        .skip(first)
        .take(height)
        .map(|e| match e {
            Entry::Header => header(),
            Entry::Heading(heading) => Line::styled(
                format!(" {heading}"),
                bold.add_modifier(Modifier::UNDERLINED),
            ),
            Entry::Stats(n) => stats(n),
            Entry::Note(text) if text.is_empty() => Line::raw(""),
            Entry::Note(text) => Line::styled(text, Style::new().add_modifier(Modifier::DIM)),
        })
        .collect();
    frame.render_widget(Lines::new(visible), inner);
}

/// The heading that starts a group of lines, when `group` starts one.
fn section(previous: Option<Group>, group: Group) -> Option<&'static str> {
    let starts = match (previous, group) {
        (Some(Group::Mandate | Group::Mission), Group::Mandate | Group::Mission) => false,
        (Some(p), g) => p != g,
        (None, _) => false,
    };
    starts.then(|| match group {
        Group::Plan => "",
        Group::Mandate | Group::Mission => tr("Per mandato e missione", "By mandate and mission"),
        Group::Manager => tr("Per responsabile", "By manager"),
        Group::Centre => tr(
            "Per centro di responsabilità (CdR)",
            "By responsibility centre",
        ),
    })
}
