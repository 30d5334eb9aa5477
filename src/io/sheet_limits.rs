//! How much of a spreadsheet is read (GUIDE §7, sizes): a 15 KB workbook may
//! name a cell at `XFD1048576`, unpack to gigabytes or hold a million rows, so
//! the used range, rows, cells and unpacked bytes are counted and refused, with
//! the bound named, before anything of that size is allocated. A real plan is
//! a few thousand rows of a few dozen columns: these bounds are many times that.

use std::io::{Cursor, Read};

use super::wording;
use crate::i18n::tr;
use crate::tr_format;

/// Rows of one sheet (or CSV table), from its first used row to its last.
pub const MAX_ROWS: usize = 100_000;
/// Columns of one sheet, from its first used column to its last.
pub const MAX_COLUMNS: usize = 256;
/// Cells held as tables, in all the sheets of a workbook (each sheet's used
/// range, rows × columns) or all the fields of a CSV file: about 50 MB. A
/// plan of 2 000 objectives of 20 phases is about 1 300 000.
pub const MAX_CELLS: usize = 2_000_000;
/// Bytes of text in the cells of a whole workbook: a shared string is stored
/// once in the file and copied into every cell that names it.
pub const MAX_TEXT_BYTES: usize = 48 << 20;
/// Bytes of one cell: a narrative of 100 000 characters, each up to 4 bytes.
/// (A CSV's cells are its own bytes, within the 32 MiB a file may be.)
pub const MAX_CELL_BYTES: usize = 400_000;
/// Bytes the parts of a workbook unpack to, all together (the sheets are
/// read as they unpack; this bounds the time).
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;
/// Bytes of the shared strings, which the reader keeps in memory whole.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 32 << 20;
/// Parts of a workbook (an export has about ten).
pub const MAX_ENTRIES: usize = 1_000;

/// `n` with its thousands grouped as the user's language writes them.
fn grouped(n: u64) -> String {
    let sep = tr(".", ",");
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(d);
    }
    out
}

fn limit(what: &str, n: u64) -> String {
    tr_format!(
        "oltre il limite di {} {what}, che la lettura dei fogli non supera",
        "over the limit of {} {what}, that reading a spreadsheet never exceeds",
        grouped(n)
    )
}

/// A bound met in the sheet `sheet` of a workbook (a CSV file has one, named by the caller).
pub fn in_sheet(sheet: &str, why: String) -> String {
    tr_format!("foglio «{sheet}»: {why}", "sheet «{sheet}»: {why}")
}

pub fn too_many_rows() -> String {
    limit(tr("righe", "rows"), MAX_ROWS as u64)
}

pub fn too_many_columns() -> String {
    limit(tr("colonne", "columns"), MAX_COLUMNS as u64)
}

pub fn too_many_cells() -> String {
    limit(tr("celle", "cells"), MAX_CELLS as u64)
}

pub fn too_long_cell() -> String {
    limit(
        tr("byte in una cella", "bytes in one cell"),
        MAX_CELL_BYTES as u64,
    )
}

fn too_large_area(rows: usize, columns: usize) -> String {
    tr_format!(
        "l'area usata è di {} × {}: {}",
        "the used range is {} × {}: {}",
        grouped(rows as u64),
        grouped(columns as u64),
        limit(
            tr("celle in tutti i fogli", "cells over all sheets"),
            MAX_CELLS as u64
        )
    )
}

fn too_unpacked(part: &str, bound: u64) -> String {
    tr_format!(
        "la parte {part} della cartella di lavoro: {}",
        "the part {part} of the workbook: {}",
        limit(
            tr("MiB una volta decompressi", "MiB once unpacked"),
            bound >> 20
        )
    )
}

/// The used ranges of a workbook's sheets, counted before their tables are allocated.
#[derive(Default)]
pub struct Counter {
    area: usize,
    text: usize,
}

/// The used range of a sheet as its cells are read: refused as soon as it
/// outgrows the row or column bound, not at the end of a million rows.
#[derive(Default)]
pub struct Range {
    /// Top, left, bottom, right (0-based, inclusive), once a cell is seen.
    pub corners: Option<(u32, u32, u32, u32)>,
}

impl Range {
    pub fn take(&mut self, sheet: &str, (r, c): (u32, u32)) -> Result<(), String> {
        let (top, left, bottom, right) = self.corners.unwrap_or((r, c, r, c));
        let corners = (top.min(r), left.min(c), bottom.max(r), right.max(c));
        self.corners = Some(corners);
        if (corners.2 - corners.0) as usize >= MAX_ROWS {
            return Err(in_sheet(sheet, too_many_rows()));
        }
        if (corners.3 - corners.1) as usize >= MAX_COLUMNS {
            return Err(in_sheet(sheet, too_many_columns()));
        }
        Ok(())
    }
}

impl Counter {
    /// One more cell of `bytes` bytes of text, refused past a bound.
    pub fn text(&mut self, sheet: &str, bytes: usize) -> Result<(), String> {
        self.text += bytes;
        if bytes > MAX_CELL_BYTES {
            return Err(in_sheet(sheet, too_long_cell()));
        }
        if self.text > MAX_TEXT_BYTES {
            let what = tr("MiB di testo nelle celle", "MiB of text in the cells");
            return Err(in_sheet(sheet, limit(what, (MAX_TEXT_BYTES >> 20) as u64)));
        }
        Ok(())
    }

    /// A sheet's used range, height × width, before its table is allocated.
    pub fn range(&mut self, sheet: &str, rows: usize, columns: usize) -> Result<(), String> {
        self.area += rows * columns;
        if self.area > MAX_CELLS {
            return Err(in_sheet(sheet, too_large_area(rows, columns)));
        }
        Ok(())
    }
}

/// The parts of the zip `bytes` unpacked as a stream (nothing kept), refused
/// when there are too many, when they unpack to more than the bounds (what
/// they declare may lie, so what they hold is counted), or when the shared
/// strings declare more entries than cells may be (the reader reserves them).
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    // The zip reader's own words ("invalid Zip archive: Could not find EOCD")
    // say nothing to a user: the file is not a whole zip, as an xlsx must be.
    let unreadable =
        |_: &dyn std::fmt::Display| format!("{}: {}", not_a_workbook(), wording::not_a_whole_zip());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(limit(tr("parti", "parts"), MAX_ENTRIES as u64));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let shared = is_shared_strings(&name);
        let (bound, named) = if shared {
            (MAX_SHARED_STRINGS_BYTES, MAX_SHARED_STRINGS_BYTES)
        } else {
            (MAX_UNPACKED_BYTES.saturating_sub(total), MAX_UNPACKED_BYTES)
        };
        if part.size() > bound {
            return Err(too_unpacked(&name, named));
        }
        let mut head = Vec::new();
        let read = if shared {
            // The opening tag, where the count is declared, comes first.
            (&mut part)
                .take(HEAD_BYTES as u64)
                .read_to_end(&mut head)
                .map_err(|e| unreadable(&e))? as u64
        } else {
            0
        };
        let rest = std::io::copy(
            &mut (&mut part).take(bound - read + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| unreadable(&e))?;
        if read + rest > bound {
            return Err(too_unpacked(&name, named));
        }
        total += read + rest;
        if shared && declared_strings(&head).is_none_or(|n| n > MAX_CELLS as u64) {
            return Err(format!("{name}: {}", too_many_cells()));
        }
    }
    Ok(())
}

pub fn not_a_workbook() -> &'static str {
    tr(
        "non è una cartella di lavoro xlsx leggibile",
        "not a readable xlsx workbook",
    )
}

/// How much of the shared strings' part is searched for its opening tag.
const HEAD_BYTES: usize = 64 << 10;

fn is_shared_strings(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("sharedstrings.xml")
}

/// The `uniqueCount` of the `sst` tag at the head of the shared strings, 0
/// when it has none; `None` when the tag is not there (not something a
/// spreadsheet program writes).
fn declared_strings(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let mut rest = text.as_ref();
    // The first element whose local name is `sst` (`<sst …>` or `<x:sst …>`).
    let tag = loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        let end = rest.find('>')?;
        let name = rest[..end].split(|c: char| c.is_whitespace()).next()?;
        if name.rsplit(':').next() == Some("sst") {
            break &rest[..end];
        }
    };
    let Some(at) = tag.find("uniqueCount") else {
        return Some(0);
    };
    let value = tag[at + "uniqueCount".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = value.strip_prefix(['"', '\''])?;
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    // What the reader cannot parse it does not reserve.
    Some(
        digits
            .parse::<u64>()
            .unwrap_or(if digits.is_empty() { 0 } else { u64::MAX }),
    )
}

/// The records of a CSV text counted as `csv` reads them, without keeping
/// them: refused past [`MAX_ROWS`] records, [`MAX_COLUMNS`] fields in one,
/// a field over [`MAX_CELL_BYTES`] or [`MAX_CELLS`] fields in all — before
/// the reader allocates one entry per field of a line of millions.
pub fn check_csv(text: &str, delimiter: u8) -> Result<(), String> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut out = [0u8; 4096];
    let (mut field_bytes, mut fields, mut records, mut cells) = (0usize, 0usize, 0usize, 0usize);
    loop {
        let (result, read, written) = reader.read_field(input, &mut out);
        input = &input[read..];
        field_bytes += written;
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                if field_bytes > MAX_CELL_BYTES {
                    return Err(too_long_cell());
                }
                cells += 1;
                field_bytes = 0;
                fields += 1;
                if fields > MAX_COLUMNS {
                    return Err(too_many_columns());
                }
                if cells > MAX_CELLS {
                    return Err(too_many_cells());
                }
                if record_end {
                    fields = 0;
                    records += 1;
                    // The header is a record of its own.
                    if records > MAX_ROWS + 1 {
                        return Err(too_many_rows());
                    }
                }
            }
            csv_core::ReadFieldResult::End => return Ok(()),
        }
        if field_bytes > MAX_CELL_BYTES {
            return Err(too_long_cell());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_strings_count_is_read_from_the_opening_tag() {
        let head =
            br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount = '99999999999999'>"#;
        assert_eq!(declared_strings(head), Some(99_999_999_999_999));
        assert_eq!(declared_strings(b"<x:sst uniqueCount=\"2\"><si>"), Some(2));
        assert_eq!(
            declared_strings(b"<sst><si><t>uniqueCount=\"9\"</t>"),
            Some(0)
        );
        assert_eq!(declared_strings(b"<other/>"), None);
    }

    #[test]
    fn numbers_are_grouped_in_the_users_language() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        assert_eq!(grouped(1_000_000), "1.000.000");
        assert_eq!(grouped(256), "256");
    }
}
