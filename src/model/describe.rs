//! How a change names the row and the cell it changed, and says a recorded
//! value: one wording for the history, the undo message, the `set` echo and
//! the dry run of an import.

use super::applied::{Applied, Part};
use super::indicator_fields::IndicatorField;
use super::indicators::{IndicatorKind, Polarity, Rule, Words};
use super::value::Value;
use super::values::format_date;
use crate::i18n::tr;

/// Widest value shown in a history line, in columns; narratives are cut with `…`.
const VALUE_WIDTH: usize = 60;

fn short(value: &Value) -> String {
    super::text::one_line(&value.to_string(), VALUE_WIDTH)
}

/// A phase as a change names it: `fase 1 «NOME»`, or `fase 1` without its name.
pub fn phase(index: usize, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{} {} «{name}»", tr("fase", "phase"), index + 1),
        None => format!("{} {}", tr("fase", "phase"), index + 1),
    }
}

/// How a history line names an indicator or one of its cells:
/// `indicatore 1 «NOME» target 2026`.
pub fn indicator(index: usize, cell: Option<IndicatorField>, name: Option<&str>) -> String {
    let head = match name {
        Some(n) => format!("{} {} «{n}»", tr("indicatore", "indicator"), index + 1),
        None => format!("{} {}", tr("indicatore", "indicator"), index + 1),
    };
    let said = match cell {
        None => return head,
        Some(IndicatorField::Target(year)) => format!("target {year}"),
        Some(IndicatorField::Measurement(period)) => {
            format!(
                "{} {}",
                tr("rilevazione", "measurement"),
                format_date(period)
            )
        }
        Some(IndicatorField::Name) => tr("nome", "name").into(),
        Some(IndicatorField::Unit) => tr("unità", "unit").into(),
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

/// What a recorded change did, as the history, the minutes and the server's
/// log say it: `fase 1 «NOME» Peso: n/d → 40`.
pub fn applied(w: &Applied) -> String {
    let phase = w.phase.map_or_else(String::new, |i| {
        format!("{} ", phase(i, w.phase_name.as_deref()))
    });
    match &w.field {
        Part::PhaseRow if w.old.to_string().is_empty() => {
            format!("{phase}{}", tr("aggiunta", "added"))
        }
        Part::PhaseRow => format!("{phase}{}", tr("eliminata", "deleted")),
        Part::Moved => format!("{phase}{}: {} → {}", tr("spostata", "moved"), w.old, w.new),
        // An objective an import added is recorded as "+", a changed one with its fields.
        Part::Import if w.new.to_string() == "+" => {
            tr("importato (nuovo)", "imported (new)").to_string()
        }
        Part::Import => format!("{}: {}", tr("importato", "imported"), short(&w.new)),
        Part::Restore => tr("ripristinato da un backup", "restored from a backup").to_string(),
        Part::Indicator { index, cell } => {
            let what = indicator(*index, *cell, w.phase_name.as_deref());
            if cell.is_none() {
                let done = if w.old.to_string().is_empty() {
                    tr("aggiunto", "added")
                } else {
                    tr("eliminato", "deleted")
                };
                format!("{what} {done}")
            } else {
                let word = |v: &Value| short(&Value::Text(cell_value(*cell, &v.to_string())));
                format!("{what}: {} → {}", word(&w.old), word(&w.new))
            }
        }
        Part::Objective(f) => format!("{}: {} → {}", f.label(), short(&w.old), short(&w.new)),
        Part::Phase(f) => format!(
            "{phase}{}: {} → {}",
            f.label(),
            short(&w.old),
            short(&w.new)
        ),
        Part::Other(name) => format!("{phase}{name}: {} → {}", short(&w.old), short(&w.new)),
    }
}
