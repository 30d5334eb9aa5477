//! Spreadsheets built to exhaust a reader (issue 24, item 6), made on the
//! fly so that no binary is committed: a cell at `XFD1048576`, shared strings
//! that unpack to far more than the file's size, declare billions of
//! entries or are named by millions of cells, a million rows, and CSV files with a million rows or one line of
//! millions of fields. `tests/sheet_bombs.rs` imports them;
//! `examples/sheet_bombs.rs` writes them to a directory, to measure the peak
//! memory of `obiettivi import` on each.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Fasi" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";
const HEADER_ROW: &[u8] =
    br#"<row r="1"><c r="A1" t="inlineStr"><is><t>Obiettivo</t></is></c></row>"#;

/// Writes a part of the workbook, as large as it may be, as a stream.
pub type PartWriter<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// A one-sheet workbook ("Fasi") whose sheet data is `rows` and whose shared
/// strings, when given, are written by `strings` (large parts are streamed).
pub fn workbook(rows: PartWriter, strings: Option<PartWriter>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let mut part = |name: &str, body: PartWriter| {
        zip.start_file(name, options).expect("a part starts");
        body(&mut zip).expect("a part is written");
    };
    part("_rels/.rels", &mut |w| w.write_all(PACKAGE_RELS.as_bytes()));
    part("xl/workbook.xml", &mut |w| w.write_all(WORKBOOK.as_bytes()));
    part("xl/_rels/workbook.xml.rels", &mut |w| {
        w.write_all(WORKBOOK_RELS.as_bytes())
    });
    if let Some(strings) = strings {
        part("xl/sharedStrings.xml", strings);
    }
    part("xl/worksheets/sheet1.xml", &mut |w| {
        w.write_all(SHEET_HEAD.as_bytes())?;
        rows(w)?;
        w.write_all(SHEET_TAIL.as_bytes())
    });
    zip.finish().expect("the zip closes").into_inner()
}

/// A header cell at `A1` and one more at `XFD1048576`, the last cell a sheet has.
pub fn far_cell() -> Vec<u8> {
    workbook(
        &mut |w| {
            w.write_all(HEADER_ROW)?;
            w.write_all(br#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)
        },
        None,
    )
}

/// One shared string of `bytes` letters, used by the sheet's only cell.
pub fn huge_shared_string(bytes: usize) -> Vec<u8> {
    workbook(
        &mut |w| w.write_all(br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(&mut |w| {
            w.write_all(br#"<sst count="1" uniqueCount="1"><si><t>"#)?;
            let chunk = vec![b'a'; 1 << 20];
            let mut left = bytes;
            while left > 0 {
                let n = left.min(chunk.len());
                w.write_all(&chunk[..n])?;
                left -= n;
            }
            w.write_all(b"</t></si></sst>")
        }),
    )
}

/// One shared string of `bytes` letters named by `cells` cells, 200 a row:
/// stored once, copied into each cell that is read.
pub fn repeated_shared_string(cells: usize, bytes: usize) -> Vec<u8> {
    workbook(
        &mut |w| {
            for r in 1..=cells.div_ceil(200) {
                write!(w, r#"<row r="{r}">"#)?;
                for _ in 0..200.min(cells - (r - 1) * 200) {
                    w.write_all(br#"<c t="s"><v>0</v></c>"#)?;
                }
                w.write_all(b"</row>")?;
            }
            Ok(())
        },
        Some(&mut |w| {
            w.write_all(br#"<sst count="1" uniqueCount="1"><si><t>"#)?;
            w.write_all(&vec![b'a'; bytes])?;
            w.write_all(b"</t></si></sst>")
        }),
    )
}

/// Shared strings that declare `count` entries and hold one.
pub fn declared_strings(count: u64) -> Vec<u8> {
    workbook(
        &mut |w| w.write_all(br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(&mut |w| {
            write!(
                w,
                r#"<sst count="{count}" uniqueCount="{count}"><si><t>Obiettivo</t></si></sst>"#
            )
        }),
    )
}

/// `rows` rows of one number each under a header.
pub fn many_rows(rows: usize) -> Vec<u8> {
    workbook(
        &mut |w| {
            w.write_all(HEADER_ROW)?;
            for r in 2..rows + 2 {
                write!(w, r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#)?;
            }
            Ok(())
        },
        None,
    )
}

/// The header of a phases CSV and `rows` lines below it.
pub fn csv_rows(rows: usize) -> Vec<u8> {
    let mut out = b"Obiettivo;N. fase\n".to_vec();
    for r in 0..rows {
        writeln!(out, "05_1201_0601;{r}").expect("a Vec takes it");
    }
    out
}

/// The header of a phases CSV and one line of `fields` empty fields.
pub fn csv_wide_line(fields: usize) -> Vec<u8> {
    let mut out = b"Obiettivo;N. fase\n05_1201_0601".to_vec();
    out.resize(out.len() + fields, b';');
    out.push(b'\n');
    out
}
