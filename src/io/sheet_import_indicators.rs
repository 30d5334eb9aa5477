//! The *Indicatori* sheet handed in (and the CSV's second section): rows
//! matched by objective code, indicator number and plan year; the year's
//! target and its measurement (period and value) read and turned into
//! changes of the indicator; everything else checked like a read-only cell.
//! Each changed cell is one change, carrying the indicator as it is after
//! the cells read before it, so the history and the dry run say what each did.

use chrono::NaiveDate;

use super::{Place, Planned, Row, SheetReader, four_digit_year, text_of};
use crate::i18n::tr;
use crate::io::sheet::{IndicatorPart, IndicatorRow};
use crate::io::sheet_merge::{Spot, Three, verdict};
use crate::io::sheet_read::{Raw, excel_date};
use crate::model::calendar::{monitoring_period, periods, plan_years};
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::{Indicator, Measurement};
use crate::model::values::{parse_date, parse_number};
use crate::model::{Change, Value};

impl SheetReader<'_> {
    /// The indicator and plan year a row is about, or a refusal.
    pub(super) fn indicator_row(
        &mut self,
        row: &Row,
        number_at: usize,
        year_at: usize,
        objective: usize,
    ) -> Option<IndicatorRow> {
        let indicator = self.indicator_of(row, number_at, objective)?;
        let year = self.year_of(row, year_at)?;
        Some(IndicatorRow {
            indicator,
            year: Some(year),
        })
    }

    /// A cell of the row's indicator a file may change (the period is read with its measurement).
    pub(super) fn read_part(
        &mut self,
        row: &Row,
        j: usize,
        part: IndicatorPart,
        objective: usize,
        at: IndicatorRow,
    ) {
        let (k, Some(year)) = (at.indicator, at.year) else {
            return;
        };
        match part {
            IndicatorPart::Target => self.read_target(row, j, objective, k, year),
            IndicatorPart::Measurement => self.read_measurement(row, j, objective, k, year),
            IndicatorPart::Period => {}
        }
    }

    /// The indicator (0-based) a row names, or a refusal.
    fn indicator_of(&mut self, row: &Row, at: usize, objective: usize) -> Option<usize> {
        let o = &self.dataset.objectives[objective];
        let typed = text_of(row.cell(at), false);
        let count = o.indicators.len();
        let found = typed
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=count).contains(n));
        if found.is_none() {
            let reason = format!(
                "{} {} {} {count} {} «{typed}»",
                tr("l'obiettivo", "objective"),
                o.code,
                tr("ha", "has"),
                tr(
                    "indicatori (numerati da 1): non c'è l'indicatore",
                    "indicators (numbered from 1): there is no indicator"
                ),
            );
            self.refuse(row.place(Some(at)), reason);
        }
        found.map(|n| n - 1)
    }

    /// The plan year a row is about, or a refusal.
    fn year_of(&mut self, row: &Row, at: usize) -> Option<i32> {
        let years = plan_years(&self.dataset.plan);
        let typed = text_of(row.cell(at), false);
        let year = typed
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| years.contains(y) || (years.is_empty() && (1900..=2200).contains(y)));
        if year.is_none() {
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) => format!(" ({a}–{b})"),
                _ => String::new(),
            };
            self.refuse(
                row.place(Some(at)),
                format!(
                    "«{typed}» {}{span}",
                    tr("non è un anno del piano", "is not a year of the plan")
                ),
            );
        }
        year
    }

    /// The indicator as the cells read so far left it.
    fn working(&mut self, objective: usize, k: usize) -> &mut Indicator {
        let dataset = self.dataset;
        self.indicators
            .entry((objective, k))
            .or_insert_with(|| dataset.objectives[objective].indicators[k].clone())
    }

    /// One changed cell: the change that gives the indicator its new state.
    fn changed(&mut self, row: &Row, j: usize, objective: usize, k: usize, forced: bool) {
        let value = self.working(objective, k).clone();
        self.changes[objective].push(Planned {
            change: Change::SetIndicator {
                objective: self.dataset.objectives[objective].code.clone(),
                indicator: k,
                value,
            },
            place: row.place(Some(j)),
            forced,
        });
    }

    /// A number cell of indicator `k` merged three ways (`io::sheet_merge`):
    /// `cell` which of its cells, `of` its number in an indicator.
    /// `Some(forced)` when the file's value is to be applied.
    fn merged(
        &mut self,
        place: Place,
        objective: usize,
        k: usize,
        cell: IndicatorField,
        file: Option<f64>,
        of: impl Fn(&Indicator) -> Option<f64>,
    ) -> Option<bool> {
        let o = &self.dataset.objectives[objective];
        let stored = of(&o.indicators[k]);
        let exported = (self.bases.get(objective))
            .map(|b| b.indicators.as_ref().and_then(|i| i.get(k)).map(&of));
        let verdict = verdict(
            exported.as_ref().map(Option::as_ref),
            &stored,
            &file,
            |a, b| same(*a, *b),
        );
        let three = Three {
            code: o.code.clone(),
            spot: Spot::Indicator { index: k, cell },
            exported: exported.flatten().map(Value::Number),
            stored: Value::Number(stored),
            file: Value::Number(file),
            by: None,
        };
        self.judged(verdict, place, objective, three)
    }

    fn read_target(&mut self, row: &Row, j: usize, objective: usize, k: usize, year: i32) {
        let typed = match number(row.cell(j)) {
            Ok(v) => v,
            Err(text) => return self.not_a_number(row, j, "Target", &text),
        };
        let part = IndicatorField::Target(year);
        let of = |i: &Indicator| i.targets.get(&year).copied();
        let Some(forced) = self.merged(row.place(Some(j)), objective, k, part, typed, of) else {
            return;
        };
        let targets = &mut self.working(objective, k).targets;
        match typed {
            Some(t) => targets.insert(year, t),
            // An emptied cell takes the target away, as an emptied weight does.
            None => targets.remove(&year),
        };
        self.changed(row, j, objective, k, forced);
    }

    /// The year's measurement: the value at the period beside it (the last
    /// measured one when that cell is empty). An empty value changes nothing:
    /// a measurement is taken away with `set` or the application, not by a blank.
    fn read_measurement(&mut self, row: &Row, j: usize, objective: usize, k: usize, year: i32) {
        let period_at = row.period_at;
        let value = match number(row.cell(j)) {
            Ok(Some(v)) => v,
            Ok(None) => return,
            Err(text) => return self.not_a_number(row, j, "Rilevazione", &text),
        };
        let last = self
            .working(objective, k)
            .last_measurement_in(year)
            .map(|m| m.period);
        let typed = match period_at.map(|p| (p, period(row.cell(p)))) {
            Some((_, Ok(Some(d)))) => Some(d),
            Some((p, Err(text))) => {
                let reason = format!(
                    "{}: «{text}» {}",
                    tr("Periodo rilevazione", "Measurement period"),
                    tr("non è una data", "is not a date")
                );
                return self.refuse(row.place(Some(p)), reason);
            }
            _ => last,
        };
        let plan_periods = periods(&self.dataset.plan);
        let at = period_at.unwrap_or(j);
        let Some(period) = typed else {
            return self.refuse(
                row.place(Some(at)),
                tr(
                    "manca il periodo della rilevazione",
                    "the measurement's period is missing",
                ),
            );
        };
        if let Err(e) = monitoring_period(&plan_periods, period, Some(year)) {
            return self.refuse(row.place(Some(at)), e.to_string());
        }
        let part = IndicatorField::Measurement(period);
        let of = |i: &Indicator| {
            i.measurements
                .iter()
                .find(|m| m.period == period)
                .map(|m| m.value)
        };
        let Some(forced) = self.merged(row.place(Some(j)), objective, k, part, Some(value), of)
        else {
            return;
        };
        let measurements = &mut self.working(objective, k).measurements;
        match measurements.iter_mut().find(|m| m.period == period) {
            Some(m) => m.value = value,
            None => {
                measurements.push(Measurement {
                    period,
                    value,
                    note: String::new(),
                });
                measurements.sort_by_key(|m| m.period);
            }
        }
        self.changed(row, j, objective, k, forced);
    }

    fn not_a_number(&mut self, row: &Row, j: usize, what: &str, text: &str) {
        let reason = format!(
            "{what}: «{text}» {}",
            tr("non è un numero", "is not a number")
        );
        self.refuse(row.place(Some(j)), reason);
    }
}

/// A number cell: a number, a text typed with a comma or a point, or empty.
fn number(raw: &Raw) -> Result<Option<f64>, String> {
    match raw {
        Raw::Number(n) => Ok(Some(*n)),
        raw => {
            let text = text_of(raw, false);
            parse_number(&text).map_err(|_| text)
        }
    }
}

/// A date cell: a date, an Excel serial, a text (dd/mm/yyyy, ISO, short year), or empty.
fn period(raw: &Raw) -> Result<Option<NaiveDate>, String> {
    match raw {
        Raw::Date(d) => Ok(Some(*d)),
        Raw::Number(serial) => excel_date(*serial)
            .map(Some)
            .ok_or_else(|| serial.to_string()),
        raw => {
            let text = text_of(raw, false);
            parse_date(&four_digit_year(&text)).map_err(|_| text)
        }
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (a, b) => a.is_none() && b.is_none(),
    }
}
