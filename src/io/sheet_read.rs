//! Reading a spreadsheet handed in for import: an xlsx workbook (with
//! `calamine`) or a CSV file (with `csv`), as tables of raw cells. What the
//! cells mean is `sheet_import`'s job; this only reads them as they are.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use super::sheet::{CODE_HEADER, INDICATOR_NUMBER_HEADER, INDICATORS_SHEET, PHASE_NUMBER_HEADER};
use super::sheet_limits;
use super::wording;
use crate::tr_format;

/// A cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// One sheet: its header row and the rows below it, as a spreadsheet numbers them.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    /// 1-based number of the header row.
    pub header_row: usize,
    /// 0-based index of the first column (`A` is 0).
    pub first_column: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Raw>>,
    /// A CSV written by `export`: a text cell that would start a formula was
    /// written with a leading `'`, which reading takes away.
    pub neutralised: bool,
}

impl Table {
    /// The number a spreadsheet shows for `rows[i]`.
    pub fn row_number(&self, i: usize) -> usize {
        self.header_row + 1 + i
    }

    /// The letter a spreadsheet shows for column `j` (`A`, …, `Z`, `AA`, …).
    pub fn column_letter(&self, j: usize) -> String {
        let mut n = self.first_column + j + 1;
        let mut letters = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        String::from_utf8(letters).unwrap_or_default()
    }
}

/// An xlsx (or any OOXML zip) starts as a zip file does.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether `text` is a CSV of the shape `export --format csv` writes: its
/// first line names the code and phase-number columns.
pub fn is_sheet_csv(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    first.contains(CODE_HEADER) && first.contains(PHASE_NUMBER_HEADER)
}

/// The sheets of a workbook, each from its first non-empty row: read cell by
/// cell within the bounds of [`sheet_limits`], never as the range a sheet
/// declares (one cell at `XFD1048576` would make it 549 GB). Each sheet is
/// read twice: once to measure its used range, keeping nothing, then into a
/// table of that size.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, String> {
    sheet_limits::check_zip(bytes)?;
    let unreadable = |e: calamine::XlsxError| {
        format!(
            "{}: {}",
            sheet_limits::not_a_workbook(),
            wording::workbook(&e)
        )
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let epoch_1904 = workbook.has_1904_epoch();
    let mut counter = sheet_limits::Counter::default();
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let mut range = sheet_limits::Range::default();
        let found = each_cell(&mut workbook, &name, |at, value| {
            range.take(&name, at)?;
            counter.text(&name, text_len(value))
        })?;
        let Some((top, left, bottom, right)) = range.corners.filter(|_| found) else {
            tables.push(table(name, (0, 0), Vec::new()));
            continue;
        };
        let (height, width) = ((bottom - top) as usize + 1, (right - left) as usize + 1);
        counter.range(&name, height, width)?;
        let mut rows = vec![vec![Raw::Empty; width]; height];
        each_cell(&mut workbook, &name, |(r, c), value| {
            rows[(r - top) as usize][(c - left) as usize] = raw(&value.clone().into(), epoch_1904);
            Ok(())
        })?;
        tables.push(table(name, (top, left), rows));
    }
    Ok(tables)
}

/// The bytes of text a cell holds (a shared string is copied into each cell that names it).
fn text_len(value: &DataRef) -> usize {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        _ => 0,
    }
}

/// Calls `take` with each non-empty cell of the sheet `name` and its
/// position; false when the sheet has no cells at all (a chart sheet).
fn each_cell(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    mut take: impl FnMut((u32, u32), &DataRef) -> Result<(), String>,
) -> Result<bool, String> {
    let sheet_error = |e: calamine::XlsxError| {
        tr_format!(
            "foglio {name}: {}",
            "sheet {name}: {}",
            wording::workbook(&e)
        )
    };
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(false),
        Err(e) => return Err(sheet_error(e)),
    };
    while let Some(cell) = reader.next_cell().map_err(sheet_error)? {
        if *cell.get_value() != DataRef::Empty {
            take(cell.get_position(), cell.get_value())?;
        }
    }
    Ok(true)
}

/// A sheet's table from its used range, whose first row is the header.
fn table(name: String, (top, left): (u32, u32), rows: Vec<Vec<Raw>>) -> Table {
    let mut rows = rows.into_iter();
    let header = rows
        .next()
        .unwrap_or_default()
        .into_iter()
        .map(|cell| match cell {
            Raw::Text(s) => s.trim().to_string(),
            _ => String::new(),
        })
        .collect();
    Table {
        name,
        header_row: top as usize + 1,
        first_column: left as usize,
        header,
        rows: rows.collect(),
        neutralised: false,
    }
}

fn raw(data: &Data, epoch_1904: bool) -> Raw {
    match data {
        Data::Empty => Raw::Empty,
        Data::String(s) => Raw::Text(s.clone()),
        Data::Float(f) => Raw::Number(*f),
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Bool(b) => Raw::Text(b.to_string()),
        Data::DateTime(d) => {
            let serial = d.as_f64() + if epoch_1904 { 1462.0 } else { 0.0 };
            excel_date(serial).map_or(Raw::Number(serial), Raw::Date)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Text(format!("#{e:?}")),
    }
}

/// The day of an Excel serial date (1900 system; the time of day is dropped).
pub fn excel_date(serial: f64) -> Option<NaiveDate> {
    // Day 0 is 30/12/1899 once Excel's phantom 29/02/1900 is accounted for.
    if !serial.is_finite() || !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A CSV file: `;`, `,` or tab between fields (whichever the header line uses
/// most), with or without a BOM, any line ends. Every cell is text. A second
/// header further down (the indicators section `export` writes) starts a
/// second table, named after the file and its sheet. Counted first within
/// the bounds of [`sheet_limits`].
pub fn read_csv(text: &str, name: &str) -> Result<Vec<Table>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    sheet_limits::check_csv(text, delimiter)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut tables: Vec<Table> = Vec::new();
    let (mut records, mut blank) = (0, 0);
    for record in reader.records() {
        let record = record.map_err(|e| wording::csv(&e))?;
        // The row a spreadsheet shows: records so far and the blank lines csv
        // skips, i.e. the line ends just before the record beyond its own
        // (csv's position may point before or after the line end of the one before).
        let bytes = text.as_bytes();
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while let Some(b'\r' | b'\n') = bytes.get(start) {
            start += 1;
        }
        let newlines = bytes[..start.min(bytes.len())]
            .iter()
            .rev()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count();
        blank += newlines.saturating_sub(usize::from(records > 0));
        records += 1;
        let line = records + blank;
        let starts_section = record.iter().any(|h| h.trim() == INDICATOR_NUMBER_HEADER)
            && record.iter().any(|h| h.trim() == CODE_HEADER);
        let Some(table) = tables.last_mut().filter(|_| !starts_section) else {
            let name = if tables.is_empty() {
                name.to_string()
            } else {
                format!("{name} · {INDICATORS_SHEET}")
            };
            tables.push(Table {
                name,
                header_row: line,
                first_column: 0,
                header: record.iter().map(|h| h.trim().to_string()).collect(),
                rows: Vec::new(),
                neutralised: true,
            });
            continue;
        };
        table.rows.push(
            record
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        Raw::Empty
                    } else {
                        Raw::Text(s.to_string())
                    }
                })
                .collect(),
        );
    }
    if tables.is_empty() {
        tables.push(Table {
            name: name.to_string(),
            header_row: 1,
            first_column: 0,
            header: Vec::new(),
            rows: Vec::new(),
            neutralised: true,
        });
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let t = &read_csv("a;b\n", "x").unwrap()[0];
        assert_eq!(t.column_letter(0), "A");
        assert_eq!(t.column_letter(25), "Z");
        assert_eq!(t.column_letter(26), "AA");
        assert_eq!(t.row_number(0), 2);
    }

    #[test]
    fn excel_serials_are_days_from_1899_12_30() {
        assert_eq!(excel_date(45292.0), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(excel_date(-1.0), None);
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        let t = &read_csv("\u{feff}Obiettivo,N. fase\r\n05_1,2\r\n", "x").unwrap()[0];
        assert_eq!(t.header, ["Obiettivo", "N. fase"]);
        assert_eq!(t.rows[0], [Raw::Text("05_1".into()), Raw::Text("2".into())]);
    }

    #[test]
    fn a_second_header_starts_the_indicators_section_as_a_table_of_its_own() {
        let text = "Obiettivo;N. fase\r\nA;1\r\nA;\"due\r\nrighe\"\r\n\r\nObiettivo;N. indicatore;Anno\r\nA;1;2026\r\n";
        let tables = read_csv(text, "piano.csv").unwrap();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[1].name, "piano.csv · Indicatori");
        assert_eq!(tables[1].header, ["Obiettivo", "N. indicatore", "Anno"]);
        // Numbered as a spreadsheet shows the file: the header is row 5, whatever a cell holds.
        assert_eq!((tables[1].header_row, tables[1].row_number(0)), (5, 6));
        let lf = read_csv(&text.replace("\r\n", "\n"), "piano.csv").unwrap();
        assert_eq!((lf[1].header_row, lf[0].row_number(1)), (5, 3));
    }
}
