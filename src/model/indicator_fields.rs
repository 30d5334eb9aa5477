//! The one table of indicator fields, in the shape of the phases' (`column`):
//! for each its label, kind and width, how its value is shown in a cell and
//! the text its editor opens with (`table` writes typed text into it).
//! Targets and measurements are one field per plan year and per monitoring period.

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use super::column::{Column, Kind, column, w};
use super::indicators::{Baseline, Indicator, IndicatorKind, Measurement, Polarity, Rule, Words};
use super::value::Value;
use super::values::{ValueError, format_date, format_exact, parse_percent};
use crate::i18n::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "of", content = "at")]
pub enum IndicatorField {
    Name,
    Weight,
    Baseline,
    /// The target of a plan year.
    Target(i32),
    /// The value measured at the end of a monitoring period (and its note).
    Measurement(NaiveDate),
    Unit,
    Polarity,
    Rule,
    Kind,
    Source,
    Formula,
}

/// The fields in table order, with a target for each of `years` and a
/// measurement for each of `periods`.
pub fn fields_for(
    years: impl IntoIterator<Item = i32>,
    periods: impl IntoIterator<Item = chrono::NaiveDate>,
) -> Vec<IndicatorField> {
    use IndicatorField as F;
    let mut out = vec![F::Name, F::Weight, F::Baseline];
    out.extend(years.into_iter().map(F::Target));
    out.extend(periods.into_iter().map(F::Measurement));
    out.extend([
        F::Unit,
        F::Polarity,
        F::Rule,
        F::Kind,
        F::Source,
        F::Formula,
    ]);
    out
}

impl IndicatorField {
    /// This field's row in the table of indicator fields (one row for all
    /// the targets, one for all the measurements).
    pub fn column(self) -> &'static Column {
        use IndicatorField as F;
        let row = match self {
            F::Name => 0,
            F::Weight => 1,
            F::Baseline => 2,
            F::Target(_) => 3,
            F::Measurement(_) => 4,
            F::Unit => 5,
            F::Polarity => 6,
            F::Rule => 7,
            F::Kind => 8,
            F::Source => 9,
            F::Formula => 10,
        };
        &INDICATOR_COLUMNS[row]
    }

    /// In messages and the status line: `Target 2026`, `Rilevazione 30/06/2026`.
    pub fn label(self) -> String {
        let label = self.column().label.get();
        match self {
            IndicatorField::Target(year) => format!("{label} {year}"),
            IndicatorField::Measurement(period) => format!("{label} {}", format_date(period)),
            _ => label.to_string(),
        }
    }

    /// A table header: `Tgt 2026`, `Ril. 30/06/26`.
    pub fn header(self) -> String {
        let short = self.column().short.get();
        match self {
            IndicatorField::Target(year) => format!("{short} {year}"),
            IndicatorField::Measurement(period) => format!("{short} {}", period.format("%d/%m/%y")),
            _ => short.to_string(),
        }
    }

    /// Numbers: a digit typed on the cell starts editing it, a letter is refused.
    pub fn is_number(self) -> bool {
        matches!(self.column().kind, Kind::Percent | Kind::Number)
    }

    /// Whether `c` can be the first character of a valid value (GUIDE §4,
    /// type-to-edit): a weight is a percentage; baselines, targets and
    /// measurements may be negative; the other fields are text or a choice.
    pub fn can_begin(self, c: char) -> bool {
        self.column().kind.can_begin(c)
    }

    /// Writes what a user typed into `i`, or says why not (`i` then is as it
    /// was). Empty text clears an optional value (a target, a measurement, the weight).
    pub fn write(self, i: &mut Indicator, text: &str) -> Result<(), CellError> {
        use IndicatorField as F;
        let t = text.trim();
        // A number the cell needs (`Kind::Number` reads it; empty is not one here).
        let number = |what: &str| match Kind::Number.parse(what) {
            Ok(Value::Number(Some(n))) => Ok(n),
            _ => Err(CellError::NotANumber(what.to_string())),
        };
        let not_a_choice = || CellError::NotAChoice(t.to_string());
        match self {
            F::Name if t.is_empty() => return Err(CellError::Value(ValueError::Empty)),
            F::Name => i.name = t.to_string(),
            F::Weight => {
                i.weight = parse_percent(t).map_err(CellError::Value)?;
            }
            F::Baseline if t.is_empty() => i.baseline = None,
            F::Baseline => {
                // `12 (2025)` as shown, `12@2025` as `set` takes it, or `12 2025`.
                let cleaned = t.replace(['(', ')', '@'], " ");
                let [value, year] = cleaned.split_whitespace().collect::<Vec<_>>()[..] else {
                    return Err(CellError::NotValueAndYear(t.to_string()));
                };
                let year = parse_year(year)?;
                let value = number(value)?;
                i.baseline = Some(Baseline { value, year });
            }
            F::Target(year) if t.is_empty() => {
                i.targets.remove(&year);
            }
            F::Target(year) => {
                i.targets.insert(year, number(t)?);
            }
            F::Measurement(period) => {
                // `15; nota` as typed, or `15 (nota)` as the history records it.
                let recorded = t.split_once(" (").and_then(|(v, n)| {
                    let note = n.strip_suffix(')')?;
                    number(v).is_ok().then_some((v, note))
                });
                let (value, note) = match (recorded, t.split_once(';')) {
                    (Some(recorded), _) => recorded,
                    (None, Some((v, n))) => (v.trim(), n.trim()),
                    (None, None) => (t, ""),
                };
                if value.is_empty() && !note.is_empty() {
                    return Err(CellError::NoteWithoutValue);
                }
                let value = (!value.is_empty()).then(|| number(value)).transpose()?;
                i.measurements.retain(|m| m.period != period);
                if let Some(value) = value {
                    i.measurements.push(Measurement {
                        period,
                        value,
                        note: note.to_string(),
                    });
                    i.measurements.sort_by_key(|m| m.period);
                }
            }
            F::Unit => i.unit = t.to_string(),
            F::Source => i.source = t.to_string(),
            F::Formula => i.formula = t.to_string(),
            F::Polarity => i.polarity = Polarity::typed(t).ok_or_else(not_a_choice)?,
            F::Rule => i.rule = Rule::typed(t).ok_or_else(not_a_choice)?,
            F::Kind if t.is_empty() => i.kind = None,
            F::Kind => i.kind = Some(IndicatorKind::typed(t).ok_or_else(not_a_choice)?),
        }
        Ok(())
    }

    /// The value as the history records it: words by their schema name (the
    /// same in every language), a measurement with its note: `15 (nota)`.
    pub fn recorded(self, i: &Indicator) -> String {
        use IndicatorField as F;
        match self {
            F::Polarity => i.polarity.name().into(),
            F::Rule => i.rule.name().into(),
            F::Kind => i.kind.map(Words::name).unwrap_or_default().into(),
            F::Source => i.source.clone(),
            F::Formula => i.formula.clone(),
            F::Measurement(_) => self
                .number_and_note(i)
                .map(|(value, note)| match note {
                    "" => format_exact(value),
                    note => format!("{} ({note})", format_exact(value)),
                })
                .unwrap_or_default(),
            other => other.shown(i),
        }
    }

    /// A target's or a measurement's number (and a measurement's note).
    pub fn number_and_note(self, i: &Indicator) -> Option<(f64, &str)> {
        match self {
            IndicatorField::Target(year) => i.targets.get(&year).map(|v| (*v, "")),
            IndicatorField::Measurement(period) => (i.measurements.iter())
                .find(|m| m.period == period)
                .map(|m| (m.value, m.note.as_str())),
            _ => None,
        }
    }

    /// A target's or a measurement's number.
    pub fn number(self, i: &Indicator) -> Option<f64> {
        self.number_and_note(i).map(|(v, _)| v)
    }

    /// The words a choice takes, for messages (`crescente|decrescente`).
    pub fn choices(self) -> String {
        match self {
            IndicatorField::Polarity => Polarity::choices(),
            IndicatorField::Rule => Rule::choices(),
            IndicatorField::Kind => IndicatorKind::choices(),
            _ => String::new(),
        }
    }

    /// A measurement (or its note): what a manager may change (GUIDE §7).
    pub fn is_measurement(self) -> bool {
        matches!(self, IndicatorField::Measurement(_))
    }

    /// The cell's text (a measurement's note is not in it: the list under the
    /// table shows it). A number with every digit it was typed with: what is
    /// shown is what an edit, the history and an export carry back.
    pub fn shown(self, i: &Indicator) -> String {
        use IndicatorField as F;
        let number = |v: Option<f64>| v.map(format_exact).unwrap_or_default();
        match self {
            F::Name => i.name.clone(),
            F::Weight => number(i.weight),
            F::Baseline => i
                .baseline
                .map(|b| format!("{} ({})", format_exact(b.value), b.year))
                .unwrap_or_default(),
            F::Target(_) | F::Measurement(_) => number(self.number(i)),
            F::Unit => i.unit.clone(),
            F::Polarity => i.polarity.label().into(),
            F::Rule => i.rule.label().into(),
            F::Kind => i.kind.map_or("", Words::label).into(),
            F::Source => i.source.replace('\n', " "),
            F::Formula => i.formula.replace('\n', " "),
        }
    }

    /// What the cell's editor opens with: the value as typed back (`15; nota`).
    pub fn edit_text(self, i: &Indicator) -> String {
        match self {
            IndicatorField::Measurement(_) => self
                .number_and_note(i)
                .map(|(value, note)| match note {
                    "" => format_exact(value),
                    note => format!("{}; {note}", format_exact(value)),
                })
                .unwrap_or_default(),
            IndicatorField::Source => i.source.clone(),
            IndicatorField::Formula => i.formula.clone(),
            other => other.shown(i),
        }
    }
}

/// In `IndicatorField` order, targets and measurements one row each (`IndicatorField::column`).
static INDICATOR_COLUMNS: [Column; 11] = [
    column(
        "name",
        w("Nome dell'indicatore", "Indicator name"),
        w("Indicatore", "Indicator"),
        0,
        Kind::Name,
        "name",
    ),
    column(
        "weight",
        w("Peso", "Weight"),
        w("Peso", "Weight"),
        6,
        Kind::Percent,
        "weight",
    ),
    column(
        "baseline",
        w("Valore di partenza", "Baseline"),
        w("Base", "Baseline"),
        12,
        Kind::Number,
        "baseline",
    ),
    column(
        "targets",
        w("Target", "Target"),
        w("Tgt", "Tgt"),
        9,
        Kind::Number,
        "target",
    ),
    column(
        "measurements",
        w("Rilevazione", "Measurement"),
        w("Ril.", "Meas."),
        13,
        Kind::Number,
        "measure",
    ),
    column(
        "unit",
        w("Unità di misura", "Unit"),
        w("Unità", "Unit"),
        8,
        Kind::Text,
        "unit",
    ),
    column(
        "polarity",
        w("Polarità", "Polarity"),
        w("Polarità", "Polarity"),
        11,
        Kind::Choice,
        "polarity",
    ),
    column(
        "rule",
        w("Regola", "Rule"),
        w("Regola", "Rule"),
        9,
        Kind::Choice,
        "rule",
    ),
    column(
        "kind",
        w("Tipo", "Kind"),
        w("Tipo", "Kind"),
        11,
        Kind::Choice,
        "",
    ),
    column(
        "source",
        w("Fonte", "Source"),
        w("Fonte", "Source"),
        16,
        Kind::Text,
        "",
    ),
    column(
        "formula",
        w("Formula", "Formula"),
        w("Formula", "Formula"),
        16,
        Kind::Text,
        "",
    ),
];

/// Why an indicator's cell refuses what was typed (its field says which cell).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why", content = "text")]
pub enum CellError {
    /// A rule of the field's kind (a weight over 100, an empty name).
    Value(ValueError),
    NotANumber(String),
    NotAYear(String),
    /// A baseline is a value and its year.
    NotValueAndYear(String),
    /// A measurement's note without its value.
    NoteWithoutValue,
    /// None of the field's words.
    NotAChoice(String),
}

impl CellError {
    /// What is wrong, after the cell's label; `choices` the words a choice takes.
    pub fn said(&self, choices: &str) -> String {
        match self {
            CellError::Value(e) => e.to_string(),
            CellError::NotANumber(t) => {
                format!("«{t}» {}", tr("non è un numero", "is not a number"))
            }
            CellError::NotAYear(t) => format!("«{t}» {}", tr("non è un anno", "is not a year")),
            CellError::NotValueAndYear(t) => format!(
                "«{t}»: {} 12 (2025)",
                tr("scrivi valore e anno, es.", "write value and year, e.g.")
            ),
            CellError::NoteWithoutValue => tr(
                "una nota va con un valore (es. 15; nota)",
                "a note goes with a value (e.g. 15; note)",
            )
            .into(),
            CellError::NotAChoice(t) => format!("«{t}»: {choices}"),
        }
    }
}

/// A year as people write it (a target's, a baseline's): four digits, 1900–2200.
pub fn parse_year(text: &str) -> Result<i32, CellError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| CellError::NotAYear(text.trim().to_string()))
}
