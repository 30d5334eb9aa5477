//! The *Indicatori* sheet handed in (and the CSV's second section): rows
//! matched by objective code, indicator number and plan year; the year's
//! target and its measurement (period and value) read and turned into
//! changes of the indicator; everything else checked like a read-only cell.
//! Each changed cell is one change, carrying the indicator as it is after
//! the cells read before it, so the history and the dry run say what each did.

use chrono::NaiveDate;

use super::{Place, Planned, Row, SheetReader, kind_value, text_of};
use crate::i18n::tr;
use crate::io::sheet::{IndicatorPart, IndicatorRow};
use crate::io::sheet_merge::Spot;
use crate::io::sheet_read::Raw;
use crate::model::calendar::{monitoring_period, periods, plan_years};
use crate::model::column::Kind;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::Indicator;
use crate::model::table::{Indicators, RowTable};
use crate::model::values::format_exact;
use crate::model::{Change, Value};
use crate::tr_format;

impl SheetReader<'_> {
    /// The indicator and plan year a row is about, or a refusal.
    pub(super) fn indicator_row(
        &mut self,
        row: &Row,
        number_at: usize,
        year_at: usize,
        objective: usize,
    ) -> Option<IndicatorRow> {
        let count = self.dataset.objectives[objective].indicators.len();
        let rows = tr(
            "indicatori (numerati da 1): non c'è l'indicatore",
            "indicators (numbered from 1): there is no indicator",
        );
        let indicator = self.numbered(row, number_at, objective, count, rows)?;
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
                tr_format!(
                    "«{typed}» non è un anno del piano{span}",
                    "«{typed}» is not a year of the plan{span}"
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

    /// A number cell of indicator `k` merged three ways (`io::sheet_merge`):
    /// `cell` which of its cells. When the file's value is to be applied, it
    /// is typed into the cell (`Indicators::set_text`) of the indicator as the
    /// cells read so far left it, and the cell's text then is the change.
    fn merged(
        &mut self,
        place: Place,
        (objective, k): (usize, usize),
        cell: IndicatorField,
        file: Option<f64>,
    ) {
        let of = |i: &Indicator| cell.number(i);
        let stored = of(&self.dataset.objectives[objective].indicators[k]);
        let exported = (self.bases.get(objective))
            .map(|b| b.indicators.as_ref().and_then(|i| i.get(k)).map(&of));
        let exported = exported.map(|e| e.map(Value::Number));
        let spot = Spot::Indicator { index: k, cell };
        let three = (
            place.clone(),
            spot,
            exported,
            Value::Number(stored),
            Value::Number(file),
        );
        let Some(forced) = self.judged(objective, three) else {
            return;
        };
        let working = self.working(objective, k);
        // A measurement keeps its note; an emptied target is taken away.
        let text = match (file, cell.number_and_note(working)) {
            (None, _) => String::new(),
            (Some(v), Some((_, note))) if !note.is_empty() => {
                format!("{}; {note}", format_exact(v))
            }
            (Some(v), _) => format_exact(v),
        };
        if Indicators::set_text(working, cell, &text).is_err() {
            return;
        }
        let value = Value::Text(cell.recorded(working));
        self.changes[objective].push(Planned {
            change: Change::SetIndicator {
                objective: self.dataset.objectives[objective].code.clone(),
                indicator: k,
                field: cell,
                value,
            },
            place,
            forced,
        });
    }

    fn read_target(&mut self, row: &Row, j: usize, objective: usize, k: usize, year: i32) {
        let typed = match number(row.cell(j)) {
            Ok(v) => v,
            Err(text) => return self.not_a_number(row, j, "Target", &text),
        };
        // An emptied cell takes the target away, as an emptied weight does.
        let part = IndicatorField::Target(year);
        self.merged(row.place(Some(j)), (objective, k), part, typed);
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
                let reason = tr_format!(
                    "Periodo rilevazione: «{text}» non è una data",
                    "Measurement period: «{text}» is not a date"
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
        let place = row.place(Some(j));
        self.merged(place, (objective, k), part, Some(value));
    }

    fn not_a_number(&mut self, row: &Row, j: usize, what: &str, text: &str) {
        let reason = tr_format!(
            "{what}: «{text}» non è un numero",
            "{what}: «{text}» is not a number"
        );
        self.refuse(row.place(Some(j)), reason);
    }
}

/// A number cell: a number, a text typed with a comma or a point, or empty;
/// `Err` the text that is not one.
fn number(raw: &Raw) -> Result<Option<f64>, String> {
    match kind_value(Kind::Number, raw) {
        Ok(Value::Number(n)) => Ok(n),
        Ok(_) => Ok(None),
        Err((text, _)) => Err(text),
    }
}

/// A date cell: a date, an Excel serial, a text (dd/mm/yyyy, ISO, short year), or empty.
fn period(raw: &Raw) -> Result<Option<NaiveDate>, String> {
    match kind_value(Kind::Date, raw) {
        Ok(Value::Date(d)) => Ok(d),
        Ok(_) => Ok(None),
        Err((text, _)) => Err(text),
    }
}
