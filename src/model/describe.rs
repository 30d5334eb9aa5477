//! How a change names the row and the cell it changed, and says a recorded
//! value: one wording for the history, the undo message, the `set` echo and
//! the dry run of an import.

use super::indicator_fields::IndicatorField;
use super::indicators::{IndicatorKind, Polarity, Rule, Words};
use super::values::format_date;
use crate::i18n::tr;

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
