//! The cycle's documents as Excel workbooks (GUIDE §9): the Relazione's
//! per-objective table, and the Stato di attuazione's at its period. Typed
//! cells (an indicator's numbers as numbers with every digit, an
//! achievement as a fraction with a % format), the header row frozen with
//! the objective's code, an autofilter; an objective with several
//! indicators takes a row per indicator, its own columns repeated so that
//! a filter keeps them together. The workbook's properties name the
//! snapshot and its SHA-256, as the printed footer does.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::document::Source;
use super::objective_table::Table;
use crate::io::xlsx::{Formats, write_cell};
use crate::model::values::format_date;
use crate::tr_format;

pub fn relazione(source: &Source, year: i32) -> Result<Vec<u8>, String> {
    let title = tr_format!(
        "Relazione sulla performance {year} — {}",
        "Performance report {year} — {}",
        source.dataset.plan.title
    );
    let sheet = tr_format!("Relazione {year}", "Report {year}");
    write(source, &title, &sheet, &Table::of(source.dataset, year))
}

pub fn attuazione(source: &Source, period: NaiveDate) -> Result<Vec<u8>, String> {
    let title = tr_format!(
        "Stato di attuazione dei programmi al {} — {}",
        "Programme status at {} — {}",
        format_date(period),
        source.dataset.plan.title
    );
    // A sheet's name may not hold `/`.
    let sheet = tr_format!("Attuazione {}", "Status {}", period.format("%d-%m-%Y"));
    let table = super::attuazione::table(source.dataset, period);
    write(source, &title, &sheet, &table)
}

/// `table` as a workbook titled `title`, on one sheet named `sheet`.
fn write(source: &Source, title: &str, sheet: &str, table: &Table) -> Result<Vec<u8>, String> {
    let xlsx = |e: XlsxError| e.to_string();
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    // A fixed creation time: the workbook's bytes depend on the snapshot only.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_subject(tr_format!(
                "Dati dell'istantanea «{}»",
                "Data of snapshot «{}»",
                source.name
            ))
            .set_keywords(format!("SHA-256 {}", source.sha256))
            .set_comment(tr_format!(
                "Istantanea «{}», SHA-256 {}",
                "Snapshot «{}», SHA-256 {}",
                source.name,
                source.sha256
            ))
            .set_creation_datetime(&epoch),
    );
    let ws = workbook.add_worksheet();
    ws.set_name(sheet).map_err(xlsx)?;
    for (c, column) in table.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, &column.header, &formats.header)
            .map_err(xlsx)?;
        let width = if column.wide { 40.0 } else { 16.0 };
        ws.set_column_width(c, width).map_err(xlsx)?;
    }
    let mut r = 1u32;
    for row in &table.rows {
        let lines = row
            .cells
            .iter()
            .zip(&table.columns)
            .filter(|(_, c)| c.per_indicator)
            .map(|(cells, _)| cells.len())
            .max()
            .unwrap_or(0)
            .max(1);
        for line in 0..lines {
            for (c, (cells, column)) in row.cells.iter().zip(&table.columns).enumerate() {
                let cell = if column.per_indicator {
                    cells.get(line)
                } else {
                    cells.first()
                };
                if let Some(cell) = cell {
                    write_cell(ws, r, c as u16, cell, &formats).map_err(xlsx)?;
                }
            }
            r += 1;
        }
    }
    ws.set_freeze_panes(1, 1).map_err(xlsx)?;
    ws.autofilter(
        0,
        0,
        r.saturating_sub(1).max(1),
        table.columns.len() as u16 - 1,
    )
    .map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}
