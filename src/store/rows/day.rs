//! A date as chrono writes it (`2026-06-30`), read without chrono's
//! general parser: `NaiveDate::from_str` was 275 M instructions of a
//! `check` at 10 000 × 10 (four dates a phase), this a few dozen a date.
//! Any other spelling goes to chrono, which reads or refuses it as before.
//! Written the same way (`write`): chrono's `Serialize` formats each date
//! through `fmt` twice under postcard (its length, then its text), 60 M
//! instructions of an import of 2 000 × 10 phases.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer, de};

/// A date as chrono's `Serialize` writes it (the same text, so the same
/// bytes): `YYYY-MM-DD` spelt here for the years of four digits, chrono's
/// own spelling for any other.
pub fn write<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    let Some(date) = date else {
        return s.serialize_none();
    };
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return s.serialize_some(date);
    }
    let mut text = *b"0000-00-00";
    for (at, mut n, width) in [
        (0, year as u32, 4),
        (5, date.month(), 2),
        (8, date.day(), 2),
    ] {
        for i in (at..at + width).rev() {
            text[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    // ASCII digits and dashes.
    s.serialize_some(std::str::from_utf8(&text).unwrap_or_default())
}

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

    /// `write` writes the bytes chrono's `Serialize` writes, whatever the year.
    #[test]
    fn a_date_is_written_as_chrono_writes_it() {
        #[derive(serde::Serialize)]
        struct Ours(#[serde(serialize_with = "write")] Option<NaiveDate>);
        let days = [
            (2026, 6, 30),
            (0, 1, 1),
            (9, 9, 9),
            (999, 12, 31),
            (9999, 12, 31),
        ];
        let odd = [(10000, 1, 1), (-1, 12, 31), (-44, 3, 15), (262_142, 12, 31)];
        let dates = (days.iter().chain(&odd))
            .map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .chain([None]);
        for date in dates {
            let ours = postcard::to_allocvec(&Ours(date)).unwrap();
            assert_eq!(ours, postcard::to_allocvec(&date).unwrap(), "{date:?}");
        }
    }
}
