//! A validated value of a field, as a change carries it and the audit records it.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::values::{ValueError, format_opt_date, format_opt_number, parse_date};

/// A validated value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Value {
    Text(String),
    OptText(Option<String>),
    Number(Option<f64>),
    Date(#[serde(deserialize_with = "calendar_date")] Option<NaiveDate>),
}

/// A date as a value in a change: ISO `yyyy-mm-dd`, refused with the words
/// `set` uses for the same day typed `dd/mm/yyyy` (a raw request for
/// 2026-02-31 hears that 31/02/2026 does not exist, not "out of range").
fn calendar_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let typed = match text.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, day] => format!("{day}/{month}/{year}"),
        _ => text,
    };
    match parse_date(&typed) {
        Ok(Some(date)) => Ok(Some(date)),
        Ok(None) => Err(serde::de::Error::custom(ValueError::Empty)),
        Err(e) => Err(serde::de::Error::custom(e)),
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => write!(f, "{s}"),
            Value::OptText(s) => write!(f, "{}", s.as_deref().unwrap_or("")),
            Value::Number(n) => write!(f, "{}", format_opt_number(*n)),
            Value::Date(d) => write!(f, "{}", format_opt_date(*d)),
        }
    }
}
