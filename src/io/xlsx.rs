//! The plan as an Excel workbook (`export --format xlsx`): the sheets of
//! `io::sheet` (Fasi, Obiettivi and, when the plan has some, Indicatori) with typed cells (dates as dates shown dd/mm/yyyy, a progress
//! as a fraction with a % format, weights as numbers), the header row and the
//! key columns frozen, an autofilter, and widths that fit the content.
//!
//! Written with `rust_xlsxwriter`: a text cell is always a string, never a
//! formula, whatever it starts with; one that a spreadsheet would take for a
//! formula once edited (`=`, `+`, `-`, `@`) also gets Excel's quote prefix.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::hygiene::starts_a_formula;
use super::sheet::{self, At, Cell, Column, Context, Stamp};
use crate::model::{Dataset, Objective, PhaseField};
use crate::tr_format;

/// The most characters an Excel cell holds; a longer narrative cannot go in
/// whole, and a cut one would come back as an edit.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The cell formats of a workbook, made once.
pub(crate) struct Formats {
    pub(crate) header: Format,
    text: Format,
    formula_like: Format,
    date: Format,
    percent: Format,
    number: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            formula_like: Format::new().set_quote_prefix(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            percent: Format::new().set_num_format("0.00%"),
            // General: 40 and 40,5 as typed (a "0.##" format would show "40,").
            number: Format::new(),
        }
    }
}

/// The workbook's bytes, or why it cannot be written (a text too long for a
/// cell). Every row carries its objective's version (`stamp`).
pub fn to_bytes(dataset: &Dataset, stamp: &Stamp) -> Result<Vec<u8>, String> {
    let context = Context {
        dataset,
        stamp: Some(stamp),
    };
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheets = [
        (
            sheet::PHASES_SHEET,
            sheet::phase_sheet(),
            sheet::phase_rows(dataset)
                .map(|(o, p)| (o, At::Phase(p)))
                .collect::<Vec<_>>(),
        ),
        (
            sheet::OBJECTIVES_SHEET,
            sheet::objective_sheet(),
            dataset
                .objectives
                .iter()
                .map(|o| (o, At::Phase(None)))
                .collect(),
        ),
        (
            sheet::INDICATORS_SHEET,
            sheet::indicator_sheet(),
            sheet::indicator_rows(dataset)
                .into_iter()
                .map(|(o, r)| (o, At::Indicator(r)))
                .collect(),
        ),
    ];
    for (name, columns, rows) in sheets {
        // The indicators' sheet only when the plan has some.
        if name != sheet::INDICATORS_SHEET || !rows.is_empty() {
            let ws = workbook.add_worksheet();
            write_sheet(ws, name, columns, &rows, &context, &formats)?;
        }
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

fn write_sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: Vec<Column>,
    rows: &[(&Objective, At)],
    context: &Context,
    formats: &Formats,
) -> Result<(), String> {
    let xlsx = |e: XlsxError| e.to_string();
    let (columns, frozen) = keys_first(columns);
    ws.set_name(name).map_err(xlsx)?;
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, column.header, &formats.header)
            .map_err(xlsx)?;
        ws.set_column_width(c, column.width).map_err(xlsx)?;
    }
    for (r, (o, at)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, column) in columns.iter().enumerate() {
            let cell = column.cell_at(context, o, *at);
            write_cell(ws, r, c as u16, &cell, formats).map_err(|e| match e {
                XlsxError::MaxStringLengthExceeded => too_long(name, o, column),
                e => e.to_string(),
            })?;
        }
    }
    // Frozen: the header, and the leading columns that say what a row is about.
    ws.set_freeze_panes(1, frozen as u16).map_err(xlsx)?;
    ws.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)
        .map_err(xlsx)?;
    Ok(())
}

/// The columns with the ones that say what a row is about (the code, the
/// phase's number and name) moved to the front, where they stay frozen in
/// sight while scrolling right; and how many they are. Import matches columns
/// by header, so the order is the workbook's own.
fn keys_first(columns: Vec<Column>) -> (Vec<Column>, usize) {
    let leading = |c: &Column| {
        c.role == sheet::Role::Key
            || matches!(c.cell, sheet::CellFn::Phase(p) if p.field == PhaseField::Name)
    };
    let (mut first, rest): (Vec<Column>, Vec<Column>) = columns.into_iter().partition(leading);
    let frozen = first.len();
    first.extend(rest);
    (first, frozen)
}

fn too_long(sheet: &str, o: &Objective, column: &Column) -> String {
    tr_format!(
        "foglio {sheet}, colonna «{}», obiettivo {}: il testo supera i caratteri che una cella può contenere, {MAX_CELL_CHARS} caratteri; esporta in JSON (--format json)",
        "sheet {sheet}, column «{}», objective {}: the text is longer than a cell can hold, {MAX_CELL_CHARS} characters; export as JSON (--format json)",
        column.header,
        o.code
    )
}

/// One typed cell (a text never a formula; a percentage as a fraction with a % format).
pub(crate) fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) if s.chars().count() > MAX_CELL_CHARS => {
            return Err(XlsxError::MaxStringLengthExceeded);
        }
        Cell::Text(s) if !s.is_empty() => {
            let format = if starts_a_formula(s) {
                &formats.formula_like
            } else {
                &formats.text
            };
            ws.write_string_with_format(r, c, s, format)?
        }
        Cell::Number(Some(n)) | Cell::Exact(Some(n)) => {
            ws.write_number_with_format(r, c, *n, &formats.number)?
        }
        // A progress of 36,25 is the fraction 0.3625 shown "36,25%".
        Cell::Percent(Some(n)) => ws.write_number_with_format(r, c, n / 100.0, &formats.percent)?,
        Cell::Date(Some(d)) => {
            use chrono::Datelike;
            let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(r, c, &date, &formats.date)?
        }
        Cell::Count(Some(n)) => ws.write_number(r, c, *n as f64)?,
        Cell::Text(_)
        | Cell::Number(None)
        | Cell::Exact(None)
        | Cell::Percent(None)
        | Cell::Date(None)
        | Cell::Count(None) => ws,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrative_longer_than_a_cell_refuses_the_export_naming_its_objective() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut dataset = crate::io::shipped();
        dataset.objectives[2].narratives.year1 = "x".repeat(MAX_CELL_CHARS + 1);
        let code = dataset.objectives[2].code.clone();
        let err = to_bytes(&dataset, &Stamp::default()).unwrap_err();
        assert!(err.contains(&code), "{err}");
        assert!(err.contains("«Stato di attuazione 1° anno»"), "{err}");
        dataset.objectives[2].narratives.year1 = "x".repeat(MAX_CELL_CHARS);
        assert!(to_bytes(&dataset, &Stamp::default()).is_ok());
    }
}
