//! Parsing and formatting of the values people type: percentages and dates.
//!
//! Weight and progress accept `40`, `40,5`, `40.5`, `40%` (GUIDE §1); a negative
//! value, one over 100 or anything else is refused with the reason. Dates are
//! typed and shown `dd/mm/yyyy`.

use std::fmt;

use chrono::NaiveDate;

use crate::i18n::{Lang, lang, tr_string};
use crate::tr_format;

/// Why a typed value was refused. The message says what was typed and what is expected.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "value")]
pub enum ValueError {
    NotANumber(String),
    Negative(String),
    OverHundred(String),
    NotADate(String),
    NoSuchDay(String),
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    Empty,
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            ValueError::NotANumber(s) => tr_format!(
                "valore non numerico «{s}»: scrivi un numero da 0 a 100, es. 40, 40,5 o 40%",
                "not a number «{s}»: type a number from 0 to 100, e.g. 40, 40.5 or 40%"
            ),
            ValueError::Negative(s) => tr_format!(
                "«{s}»: il valore non può essere negativo (0–100)",
                "«{s}»: the value cannot be negative (0–100)"
            ),
            ValueError::OverHundred(s) => tr_format!(
                "«{s}»: il valore non può superare 100",
                "«{s}»: the value cannot exceed 100"
            ),
            ValueError::NotADate(s) => tr_format!(
                "data non valida «{s}»: usa gg/mm/aaaa",
                "invalid date «{s}»: use dd/mm/yyyy"
            ),
            ValueError::NoSuchDay(s) => tr_format!(
                "«{s}»: questo giorno non esiste nel calendario",
                "«{s}»: this day does not exist in the calendar"
            ),
            ValueError::EndBeforeStart { start, end } => tr_format!(
                "la fine {} è prima dell'inizio {}",
                "the end {} is before the start {}",
                format_date(*end),
                format_date(*start)
            ),
            ValueError::Empty => tr_string("il valore è obbligatorio", "a value is required"),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for ValueError {}

/// Parses a weight or a progress. Empty text means "no value" (`None`).
pub fn parse_percent(text: &str) -> Result<Option<f64>, ValueError> {
    let t = text.trim();
    let number = t.strip_suffix('%').unwrap_or(t).trim_end();
    if number.is_empty() && !t.is_empty() {
        return Err(ValueError::NotANumber(t.to_string()));
    }
    let Some(value) = parse_number(number).map_err(|_| ValueError::NotANumber(t.to_string()))?
    else {
        return Ok(None);
    };
    if value < 0.0 {
        return Err(ValueError::Negative(t.to_string()));
    }
    if value > 100.0 {
        return Err(ValueError::OverHundred(t.to_string()));
    }
    Ok(Some(value))
}

/// Parses a number as people type it (`40`, `40,5`, `40.5`, `-3`); empty text
/// means "no value" (`None`).
pub fn parse_number(text: &str) -> Result<Option<f64>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Only digits, one decimal separator (comma or dot) and a leading sign are
    // accepted: `f64::from_str` alone would also take "inf", "1e3" or "NaN".
    let well_formed = {
        let body = t.strip_prefix(['-', '+']).unwrap_or(t);
        let mut separators = 0;
        !body.is_empty()
            && body.chars().all(|c| {
                if c == ',' || c == '.' {
                    separators += 1;
                    true
                } else {
                    c.is_ascii_digit()
                }
            })
            && separators <= 1
            && body.chars().any(|c| c.is_ascii_digit())
    };
    if !well_formed {
        return Err(ValueError::NotANumber(t.to_string()));
    }
    let value: f64 = t
        .replace(',', ".")
        .parse()
        .map_err(|_| ValueError::NotANumber(t.to_string()))?;
    // "-0" is zero, not negative zero.
    Ok(Some(value + 0.0))
}

/// Checks a stored or imported percentage: finite and within 0–100.
pub fn check_percent(value: f64) -> Result<f64, ValueError> {
    let shown = format_number(value);
    if !value.is_finite() {
        Err(ValueError::NotANumber(shown))
    } else if value < 0.0 {
        Err(ValueError::Negative(shown))
    } else if value > 100.0 {
        Err(ValueError::OverHundred(shown))
    } else {
        Ok(value)
    }
}

/// Parses `dd/mm/yyyy` (also `d/m/yyyy`, and ISO `yyyy-mm-dd` for scripts).
/// Empty text means "no date".
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = if t.contains('/') {
        t.split('/').collect()
    } else {
        let mut iso: Vec<&str> = t.split('-').collect();
        iso.reverse();
        iso
    };
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    let [day, month, year] = parts.as_slice() else {
        return Err(ValueError::NotADate(t.to_string()));
    };
    if !(digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 4..=4)) {
        return Err(ValueError::NotADate(t.to_string()));
    }
    // All-digit strings of bounded length: these parses cannot fail.
    let (day, month, year): (u32, u32, i32) = (
        day.parse().unwrap_or(0),
        month.parse().unwrap_or(0),
        year.parse().unwrap_or(0),
    );
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Some)
        .ok_or_else(|| ValueError::NoSuchDay(t.to_string()))
}

/// `dd/mm/yyyy`, the only way dates are shown.
pub fn format_date(date: NaiveDate) -> String {
    ShownDate(date).to_string()
}

/// A date as `format_date` writes it, written where it goes (a `check` at
/// 10 000 objectives writes one in most of its 95 000 lines).
pub struct ShownDate(pub NaiveDate);

impl fmt::Display for ShownDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // By hand for any plan's years: chrono's `format` reads its pattern
        // at every call (180 M instructions of that `check`).
        use chrono::Datelike;
        let date = self.0;
        let Ok(year @ 0..=9999) = u32::try_from(date.year()) else {
            return write!(f, "{}", date.format("%d/%m/%Y"));
        };
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (day, month) = (date.day(), date.month());
        let text = [
            digit(day / 10),
            digit(day),
            b'/',
            digit(month / 10),
            digit(month),
            b'/',
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ];
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

pub fn format_opt_date(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// Under this many columns a table writes its dates short (`31/12/26`): a
/// whole date beats half of a long one (`31/12/20…`).
pub const NARROW_TABLE: usize = 100;

/// `dd/mm/yy`: the one short form of a date, for narrow tables and headers.
pub fn format_date_narrow(date: NaiveDate) -> String {
    date.format("%d/%m/%y").to_string()
}

/// A date as a table `room` columns wide shows it: whole, or short under
/// [`NARROW_TABLE`] columns; empty where there is none.
pub fn format_date_in(date: Option<NaiveDate>, room: usize) -> String {
    match date {
        Some(d) if room < NARROW_TABLE => format_date_narrow(d),
        Some(d) => format_date(d),
        None => String::new(),
    }
}

/// How many columns [`format_date_in`] takes in a table `room` columns wide.
pub fn date_width(room: usize) -> usize {
    if room < NARROW_TABLE { 8 } else { 10 }
}

/// A number as people read it: no trailing zeros, decimal comma in Italian.
pub fn format_number(value: f64) -> String {
    format_number_in(value, lang())
}

/// A number as `format_number` writes it, written where it goes: a number
/// of cents (most weights and progress) without going through `{:.2}`.
pub struct ShownNumber(pub f64);

impl fmt::Display for ShownNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        // The double nearest to a number of cents is what `{:.2}` rounds to
        // those cents (it is within 0.001 of them below 1e13): they are
        // written as digits. Anything else, and -0 (`-0`), as before.
        let cents = (value * 100.0).round();
        if !(cents.abs() < 1e15 && cents / 100.0 == value)
            || (value == 0.0 && value.is_sign_negative())
        {
            return f.write_str(&format_number(value));
        }
        let cents = cents as i64;
        if cents < 0 {
            f.write_str("-")?;
        }
        let cents = cents.unsigned_abs();
        write!(f, "{}", cents / 100)?;
        let point = if lang() == Lang::It { "," } else { "." };
        match cents % 100 {
            0 => Ok(()),
            tenths if tenths % 10 == 0 => write!(f, "{point}{}", tenths / 10),
            hundredths => write!(f, "{point}{hundredths:02}"),
        }
    }
}

/// `format_number` in a given language, for formats that fix it whatever the
/// reader's (the CSV for Italian spreadsheets always has a decimal comma).
pub fn format_number_in(value: f64, language: Lang) -> String {
    let mut s = format!("{:.2}", value);
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if language == Lang::It {
        s = s.replace('.', ",");
    }
    s
}

/// A number with every digit it has (`12,345`), decimal comma in Italian: for
/// a value someone typed that is written back (an indicator's cell in a
/// change, the export), so that it reads back as the same number.
pub fn format_exact(value: f64) -> String {
    format_exact_in(value, lang())
}

/// `format_exact` in a given language (the CSV's is always Italian).
pub fn format_exact_in(value: f64, language: Lang) -> String {
    // `Display` writes the shortest text that reads back the same f64, never an exponent.
    let s = value.to_string();
    if language == Lang::It {
        s.replace('.', ",")
    } else {
        s
    }
}

/// `n/d` (or `n/a`) where there is no value, never 0.
pub fn format_opt_number(value: Option<f64>) -> String {
    value
        .map(format_number)
        .unwrap_or_else(|| tr_string("n/d", "n/a"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written where they go, dates and numbers read as their strings do.
    #[test]
    fn a_date_and_a_number_shown_are_their_formatted_strings() {
        for (y, m, d) in [
            (2026, 6, 30),
            (1, 1, 1),
            (999, 12, 9),
            (9999, 12, 31),
            (10000, 1, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let shown = ShownDate(date).to_string();
            assert_eq!(shown, date.format("%d/%m/%Y").to_string());
        }
        let numbers = [
            0.0,
            -0.0,
            40.0,
            100.0,
            12.25,
            0.125,
            1e16,
            -3.0,
            33.333,
            f64::NAN,
            12.3,
            37.5,
            -0.5,
            0.005,
            1.005,
            99.99,
            0.1,
            -12.07,
            1e13 + 0.5,
            f64::INFINITY,
        ];
        for lang in [Lang::It, Lang::En] {
            crate::i18n::set_lang(lang);
            for n in numbers {
                assert_eq!(ShownNumber(n).to_string(), format_number_in(n, lang), "{n}");
            }
            for i in (-100_000..100_000).step_by(7) {
                for n in [
                    f64::from(i) / 100.0,
                    f64::from(i) / 1000.0,
                    f64::from(i) * 0.01,
                ] {
                    assert_eq!(ShownNumber(n).to_string(), format_number_in(n, lang), "{n}");
                }
            }
        }
        crate::i18n::set_lang(Lang::It);
    }

    #[test]
    fn percent_accepts_the_forms_people_type() {
        assert_eq!(parse_percent("40"), Ok(Some(40.0)));
        assert_eq!(parse_percent("40,5"), Ok(Some(40.5)));
        assert_eq!(parse_percent("40.5"), Ok(Some(40.5)));
        assert_eq!(parse_percent("40%"), Ok(Some(40.0)));
        assert_eq!(parse_percent(" 100,00% "), Ok(Some(100.0)));
        assert_eq!(parse_percent("0"), Ok(Some(0.0)));
        assert_eq!(parse_percent("-0"), Ok(Some(0.0)));
        assert_eq!(parse_percent(""), Ok(None));
    }

    #[test]
    fn percent_refuses_with_the_reason() {
        assert_eq!(
            parse_percent("-1"),
            Err(ValueError::Negative("-1".to_string()))
        );
        assert_eq!(
            parse_percent("101"),
            Err(ValueError::OverHundred("101".to_string()))
        );
        assert_eq!(
            parse_percent("100,01"),
            Err(ValueError::OverHundred("100,01".to_string()))
        );
        for bad in [
            "abc", "1e3", "inf", "NaN", "4,0,1", "%", ",", "40 %x", "4 0",
        ] {
            assert_eq!(
                parse_percent(bad),
                Err(ValueError::NotANumber(bad.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn percent_messages_say_why() {
        crate::i18n::set_lang(Lang::It);
        assert!(
            parse_percent("101")
                .unwrap_err()
                .to_string()
                .contains("superare 100")
        );
        assert!(
            parse_percent("-1")
                .unwrap_err()
                .to_string()
                .contains("negativo")
        );
        assert!(
            parse_percent("abc")
                .unwrap_err()
                .to_string()
                .contains("«abc»")
        );
        crate::i18n::set_lang(Lang::En);
        assert!(
            parse_percent("101")
                .unwrap_err()
                .to_string()
                .contains("exceed 100")
        );
        crate::i18n::set_lang(Lang::It);
    }

    #[test]
    fn dates_are_day_month_year() {
        let d = |y, m, dd| Some(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        assert_eq!(parse_date("01/01/2024"), Ok(d(2024, 1, 1)));
        assert_eq!(parse_date("1/2/2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("29/02/2024"), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date("2026-12-31"), Ok(d(2026, 12, 31)));
        assert_eq!(parse_date(" "), Ok(None));
        assert_eq!(format_date(d(2026, 12, 31).unwrap()), "31/12/2026");
        // Written by hand as chrono writes it, at the edges of four digits too.
        for (y, m, dd) in [
            (2026, 1, 5),
            (5, 3, 9),
            (999, 12, 31),
            (9999, 1, 1),
            (10000, 1, 1),
            (-1, 6, 30),
        ] {
            let date = d(y, m, dd).unwrap();
            assert_eq!(
                format_date(date),
                date.format("%d/%m/%Y").to_string(),
                "{date}"
            );
        }
    }

    #[test]
    fn a_narrow_table_writes_dates_short_and_whole() {
        let end = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(format_date_in(end, 78), "31/12/26");
        assert_eq!(format_date_in(end, 99), "31/12/26");
        assert_eq!(format_date_in(end, 100), "31/12/2026");
        assert_eq!(format_date_in(None, 78), "");
        for room in [40, 99, 100, 180] {
            assert_eq!(format_date_in(end, room).len(), date_width(room));
        }
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        assert_eq!(
            parse_date("31/02/2026"),
            Err(ValueError::NoSuchDay("31/02/2026".to_string()))
        );
        assert_eq!(
            parse_date("29/02/2025"),
            Err(ValueError::NoSuchDay("29/02/2025".to_string()))
        );
        for bad in [
            "abc",
            "2026/12/31",
            "12/2026",
            "01/01/26",
            "aa/bb/cccc",
            "1/1/2024/1",
            "+1/1/2024",
        ] {
            assert_eq!(
                parse_date(bad),
                Err(ValueError::NotADate(bad.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_are_shown_with_a_decimal_comma_in_italian() {
        crate::i18n::set_lang(Lang::It);
        assert_eq!(format_number(40.5), "40,5");
        assert_eq!(format_number(100.0), "100");
        assert_eq!(format_number(33.333333), "33,33");
        assert_eq!(format_opt_number(None), "n/d");
        crate::i18n::set_lang(Lang::En);
        assert_eq!(format_number(40.5), "40.5");
        assert_eq!(format_opt_number(None), "n/a");
        crate::i18n::set_lang(Lang::It);
    }
}
