//! The one sentence for a change: the row and the cell it changed and its
//! values, for the history, the undo message, the `set` echo and the dry run
//! (and report) of a sheet import; each says the values its way (`Said`).

use super::applied::{Applied, Part};
use super::indicator_fields::IndicatorField;
use super::indicators::{IndicatorKind, Polarity, Rule, Words};
use super::text::one_line;
use super::value::Value;
use super::values::{format_date, format_opt_date};
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// How a face says a change's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// Old → new on one line: the history, the undo message.
    OldToNew,
    /// Old → new, text in «», a number with its unit, names shortened: the
    /// report of a sheet import.
    Quoted,
    /// The value now in place: `set`'s echo.
    Now,
}

/// Widest value (and quoted name) said, in columns; longer text ends in `…`.
const WIDTH: usize = 60;

/// What change `a` did, in one sentence: `fase 1 «NOME» Peso: n/d → 40`.
pub fn change(a: &Applied, said: Said) -> String {
    let name = (a.phase_name.as_deref()).map(|n| match said {
        Said::Quoted => one_line(n, WIDTH),
        _ => n.to_string(),
    });
    let name = name.as_deref();
    let row = a
        .phase
        .map_or_else(String::new, |i| format!("{} ", phase(i, name)));
    let unit = match &a.field {
        Part::Phase(f) => f.column().unit,
        _ => "",
    };
    let value = |v: &Value| match said {
        Said::Quoted => quoted(v, unit),
        _ => one_line(&v.to_string(), WIDTH),
    };
    let old_to_new = |what: String, old: String, new: String| match said {
        Said::Now => format!("{what}: {new}"),
        _ => format!("{what}: {old} → {new}"),
    };
    let added = a.old.to_string().is_empty();
    match &a.field {
        Part::PhaseRow if added => tr_format!("{row}aggiunta", "{row}added"),
        Part::PhaseRow => tr_format!("{row}eliminata", "{row}deleted"),
        Part::Moved => tr_format!(
            "{row}spostata: {} → {}",
            "{row}moved: {} → {}",
            a.old,
            a.new
        ),
        // An objective an import added is recorded as "+", a changed one with its fields.
        Part::Import if a.new.to_string() == "+" => {
            tr_string("importato (nuovo)", "imported (new)")
        }
        Part::Import => tr_format!("importato: {}", "imported: {}", value(&a.new)),
        Part::Restore => tr_string("ripristinato da un backup", "restored from a backup"),
        // The states' codes, said as the UI names them.
        Part::Cycle => {
            let state = |v: &Value| {
                let code = v.to_string();
                super::cycle::PlanState::from_code(&code).map_or(code, |s| s.label().into())
            };
            let what = tr_string("ciclo del piano", "the plan's cycle");
            old_to_new(what, state(&a.old), state(&a.new))
        }
        Part::PlanText(t) => old_to_new(
            tr_format!("testo della Relazione «{}»", "report text «{}»", t.label()),
            value(&a.old),
            value(&a.new),
        ),
        Part::Window(period) => {
            let state = |v: &Value| {
                let code = v.to_string();
                super::window_record::WindowState::from_code(&code)
                    .map_or(code, |s| s.label().into())
            };
            let what = tr_format!("finestra {}", "window {}", format_date(*period));
            old_to_new(what, state(&a.old), state(&a.new))
        }
        Part::Indicator { index, cell: None } => {
            let done = if added {
                tr("aggiunto", "added")
            } else {
                tr("eliminato", "deleted")
            };
            format!("{} {done}", indicator(*index, None, name))
        }
        Part::Indicator { index, cell } => {
            let word = |v: &Value| one_line(&cell_value(*cell, &v.to_string()), WIDTH);
            let what = indicator(*index, *cell, name);
            old_to_new(what, word(&a.old), word(&a.new))
        }
        Part::Objective(f) => old_to_new(f.label().to_string(), value(&a.old), value(&a.new)),
        Part::Assessment(p) => old_to_new(p.label().to_string(), value(&a.old), value(&a.new)),
        Part::Phase(f) => old_to_new(format!("{row}{}", f.label()), value(&a.old), value(&a.new)),
        Part::Other(other) => old_to_new(format!("{row}{other}"), value(&a.old), value(&a.new)),
    }
}

/// A value in a report: text in «», a number with its unit (`36,25%`).
pub fn quoted(value: &Value, unit: &str) -> String {
    let text = |s: &str| format!("«{}»", one_line(s, WIDTH));
    match value {
        Value::Number(Some(_)) => format!("{value}{unit}"),
        Value::Number(None) => value.to_string(),
        Value::Text(s) => text(s),
        Value::OptText(s) => text(s.as_deref().unwrap_or("")),
        Value::Date(None) => tr_string("n/d", "n/a"),
        Value::Date(d) => format_opt_date(*d),
    }
}

/// A phase as a change names it: `fase 1 «NOME»`, or `fase 1` without its name.
pub fn phase(index: usize, name: Option<&str>) -> String {
    match name {
        Some(name) => tr_format!("fase {} «{name}»", "phase {} «{name}»", index + 1),
        None => tr_format!("fase {}", "phase {}", index + 1),
    }
}

/// How a history line names an indicator or one of its cells:
/// `indicatore 1 «NOME» target 2026`.
pub fn indicator(index: usize, cell: Option<IndicatorField>, name: Option<&str>) -> String {
    let head = match name {
        Some(n) => tr_format!("indicatore {} «{n}»", "indicator {} «{n}»", index + 1),
        None => tr_format!("indicatore {}", "indicator {}", index + 1),
    };
    let said = match cell {
        None => return head,
        Some(IndicatorField::Target(year)) => format!("target {year}"),
        Some(IndicatorField::Measurement(period)) => {
            tr_format!("rilevazione {}", "measurement {}", format_date(period))
        }
        Some(IndicatorField::Name) => tr_string("nome", "name"),
        Some(IndicatorField::Unit) => tr_string("unità", "unit"),
        Some(other) => other.label().to_lowercase(),
    };
    format!("{head} {said}")
}

/// A recorded value of an indicator's cell as the reader says it: polarity,
/// rule and kind in their words (`decrescente`), whether recorded by schema
/// name or, before, by the Rust name (`Decreasing`, `Some(Output)`).
pub fn cell_value(cell: Option<IndicatorField>, stored: &str) -> String {
    fn said<T: Words>(stored: &str) -> Option<String> {
        T::parse(stored).map(|v| v.label().to_string())
    }
    let bare = stored
        .strip_prefix("Some(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(stored);
    match cell {
        Some(IndicatorField::Polarity) => said::<Polarity>(bare),
        Some(IndicatorField::Rule) => said::<Rule>(bare),
        Some(IndicatorField::Kind) if bare == "None" => Some(String::new()),
        Some(IndicatorField::Kind) => said::<IndicatorKind>(bare),
        _ => None,
    }
    .unwrap_or_else(|| stored.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PhaseField;

    #[test]
    fn one_change_is_one_sentence_said_three_ways() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let a = Applied {
            objective: "O".into(),
            phase: Some(0),
            phase_name: Some("N".repeat(70)),
            field: Part::Phase(PhaseField::Progress),
            old: Value::Number(None),
            new: Value::Number(Some(36.25)),
        };
        let name = format!("«{}»", "N".repeat(70));
        assert_eq!(
            change(&a, Said::OldToNew),
            format!("fase 1 {name} Avanzamento: n/d → 36,25")
        );
        assert_eq!(
            change(&a, Said::Now),
            format!("fase 1 {name} Avanzamento: 36,25")
        );
        let short = format!("«{}…»", "N".repeat(59));
        assert_eq!(
            change(&a, Said::Quoted),
            format!("fase 1 {short} Avanzamento: n/d → 36,25%")
        );
    }
}
