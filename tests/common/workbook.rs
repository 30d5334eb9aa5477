//! Workbooks as a spreadsheet program would save them, for tests of the xlsx import.

use std::path::Path;

use obiettivi::io::sheet_read::{Raw, Table};

/// Writes `tables` back as a workbook with typed cells, as a spreadsheet
/// saves what it opened (dates stay dates, numbers numbers).
pub fn save(tables: &[Table], file: &Path) {
    use chrono::Datelike;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for t in tables {
        let ws = workbook.add_worksheet();
        ws.set_name(&t.name).unwrap();
        for (j, h) in t.header.iter().enumerate() {
            ws.write_string(0, j as u16, h).unwrap();
        }
        for (i, r) in t.rows.iter().enumerate() {
            for (j, cell) in r.iter().enumerate() {
                let (i, j) = (i as u32 + 1, j as u16);
                match cell {
                    Raw::Empty => {}
                    Raw::Text(s) => {
                        ws.write_string(i, j, s).unwrap();
                    }
                    Raw::Number(n) => {
                        ws.write_number(i, j, *n).unwrap();
                    }
                    Raw::Date(d) => {
                        let d = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .unwrap();
                        ws.write_datetime_with_format(i, j, &d, &date_format)
                            .unwrap();
                    }
                }
            }
        }
    }
    workbook.save(file).unwrap();
}
