//! A date as chrono writes it (`2026-06-30`), read without chrono's
//! general parser: `NaiveDate::from_str` was 275 M instructions of a
//! `check` at 10 000 × 10 (four dates a phase), this a few dozen a date.
//! Any other spelling goes to chrono, which reads or refuses it as before.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de};

pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Option::<Day>::deserialize(d)?.map(|Day(date)| date))
}

/// `read` of a date that is always there (a measurement's period).
pub fn read_one<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    Day::deserialize(d).map(|Day(date)| date)
}

struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Visitor).map(Day)
    }
}

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        match iso(text) {
            Some(date) => Ok(date),
            None => text.parse().map_err(E::custom),
        }
    }
}

/// `YYYY-MM-DD` exactly, a valid date; `None` for anything else.
pub fn iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        (digits.iter()).try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;
    use crate::store::rows::Compact;

    /// The quick reading of a date gives chrono's date, or leaves it to chrono.
    #[test]
    fn a_date_is_read_as_chrono_reads_it() {
        for text in [
            "2026-06-30",
            "0000-01-01",
            "2024-02-29",
            "9999-12-31",
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-6-30",
            "+2026-06-30",
            "2026-06-3x",
            "2026/06/30",
            "",
        ] {
            let chrono = text.parse::<NaiveDate>().ok();
            match iso(text) {
                Some(date) => assert_eq!(Some(date), chrono, "{text}"),
                None => assert_eq!(chrono.filter(|_| text.len() == 10), None, "{text}"),
            }
        }
        // And through a row: a phase's dates as its row holds them.
        let phase = Phase {
            planned_start: NaiveDate::from_ymd_opt(2026, 1, 31),
            actual_end: NaiveDate::from_ymd_opt(-44, 3, 15),
            ..Phase::default()
        };
        assert_eq!(Phase::from_bytes(&phase.to_bytes()).unwrap(), phase);
    }
}
