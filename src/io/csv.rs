//! CSV export for spreadsheets with Italian settings (Excel, LibreOffice):
//! the phases sheet of `io::sheet`, one row per phase with its objective's,
//! mission's and mandate's fields, then (when the plan has indicators) the
//! indicators sheet as a second section; `;` between fields, decimal comma, dates
//! dd/mm/yyyy, UTF-8 with a BOM (without it Excel reads UTF-8 as the local
//! code page), CRLF line ends.

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use super::sheet::{self, At, Cell, Column, Context, Stamp};
use crate::i18n::Lang;
use crate::io::hygiene::spreadsheet_cell;
use crate::model::Dataset;
use crate::model::values::{format_exact_in, format_number_in, format_opt_date};

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// The whole plan as CSV bytes: the phases; then, when the plan has
/// indicators, an empty line and the indicators section, one row per
/// indicator and plan year, under its own header (`io::sheet`). Every row
/// carries its objective's version (`stamp`).
pub fn to_bytes(dataset: &Dataset, stamp: &Stamp) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    let context = Context {
        dataset,
        stamp: Some(stamp),
    };
    let columns = sheet::phase_sheet();
    write_section(
        &mut out,
        &columns,
        sheet::phase_rows(dataset).map(|(o, phase)| {
            columns
                .iter()
                .map(|c| c.cell_at(&context, o, At::Phase(phase)))
                .collect()
        }),
    );
    let rows = sheet::indicator_rows(dataset);
    if !rows.is_empty() {
        out.extend_from_slice(b"\r\n");
        let columns = sheet::indicator_sheet();
        write_section(
            &mut out,
            &columns,
            rows.into_iter().map(|(o, at)| {
                columns
                    .iter()
                    .map(|c| c.cell_at(&context, o, At::Indicator(at)))
                    .collect()
            }),
        );
    }
    out
}

/// A table of texts (a header, then rows) as the plan's CSV is written:
/// BOM, `;`, CRLF, no cell a live formula. For a mail merge (`reminders`).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    let mut writer = WriterBuilder::new()
        .delimiter(b';')
        .quote_style(QuoteStyle::Necessary)
        .terminator(Terminator::CRLF)
        .from_writer(&mut out);
    // Writing to a Vec cannot fail; the results are only Err on I/O errors.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| spreadsheet_cell(c).into_owned()));
    }
    let _ = writer.flush();
    drop(writer);
    out
}

/// A header and its rows, `;` between fields, CRLF line ends.
fn write_section(out: &mut Vec<u8>, columns: &[Column], rows: impl Iterator<Item = Vec<Cell>>) {
    let mut writer = WriterBuilder::new()
        .delimiter(b';')
        .quote_style(QuoteStyle::Necessary)
        .terminator(Terminator::CRLF)
        .from_writer(out);
    // Writing to a Vec cannot fail; the results are only Err on I/O errors.
    let _ = writer.write_record(columns.iter().map(|c| c.header));
    for row in rows {
        let _ = writer.write_record(row.iter().map(cell_text));
    }
    let _ = writer.flush();
}

/// A cell as an Italian spreadsheet reads it: decimal comma, no `%` (the
/// header says what the number is), dates dd/mm/yyyy; what someone typed
/// never a live formula.
fn cell_text(cell: &Cell) -> String {
    let number = |n: Option<f64>| n.map(|v| format_number_in(v, Lang::It)).unwrap_or_default();
    match cell {
        Cell::Text(s) => spreadsheet_cell(s).into_owned(),
        Cell::Number(n) | Cell::Percent(n) => number(*n),
        Cell::Exact(n) => n.map(|v| format_exact_in(v, Lang::It)).unwrap_or_default(),
        Cell::Date(d) => format_opt_date(*d),
        Cell::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
    }
}
