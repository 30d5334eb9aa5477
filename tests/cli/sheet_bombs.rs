//! Spreadsheets built to exhaust the reader (issue 24, item 6) are refused
//! with a message naming the bound they passed, and nothing changes: before,
//! a cell at `XFD1048576` aborted the import on a 549 GB allocation, and the
//! shared strings or a million rows took gigabytes. Peak memory is measured
//! with `examples/sheet_bombs.rs` (README), not here.

use crate::common;
use common::*;

use obiettivi::dev::bombs;
use obiettivi::io::sheet_limits::{MAX_COLUMNS, MAX_ROWS, MAX_SHARED_STRINGS_BYTES};

fn assert_bomb_refused(name: &str, bytes: &[u8], says: &str) {
    let (dir, db) = fresh_db();
    let before = export(&db);
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
    assert_eq!(export(&db), before, "{name}");
}

#[test]
fn a_cell_at_the_last_row_and_column_is_refused_naming_the_row_bound() {
    assert_bomb_refused(
        "lontana.xlsx",
        &bombs::far_cell(),
        "foglio «Fasi»: oltre il limite di 100.000 righe",
    );
}

#[test]
fn shared_strings_that_unpack_past_the_bound_are_refused_before_they_are_read() {
    let bytes = bombs::huge_shared_string(MAX_SHARED_STRINGS_BYTES as usize + 1);
    assert_bomb_refused(
        "bomba.xlsx",
        &bytes,
        "xl/sharedStrings.xml della cartella di lavoro: oltre il limite di 32 MiB una volta decompressi",
    );
}

#[test]
fn a_long_shared_string_named_by_many_cells_is_refused_naming_the_text_bound() {
    assert_bomb_refused(
        "ripetuta.xlsx",
        &bombs::repeated_shared_string(200, 400_000),
        "foglio «Fasi»: oltre il limite di 48 MiB di testo nelle celle",
    );
}

#[test]
fn shared_strings_declaring_billions_of_entries_are_refused() {
    assert_bomb_refused(
        "dichiarate.xlsx",
        &bombs::declared_strings(1 << 40),
        "xl/sharedStrings.xml: oltre il limite di 2.000.000 celle",
    );
}

#[test]
fn a_sheet_or_csv_longer_than_the_row_bound_is_refused() {
    assert_bomb_refused(
        "righe.xlsx",
        &bombs::many_rows(MAX_ROWS + 1),
        "foglio «Fasi»: oltre il limite di 100.000 righe",
    );
    assert_bomb_refused(
        "righe.csv",
        &bombs::csv_rows(MAX_ROWS + 1),
        "oltre il limite di 100.000 righe",
    );
}

#[test]
fn a_csv_line_of_millions_of_fields_is_refused_naming_the_column_bound() {
    assert_bomb_refused(
        "larga.csv",
        &bombs::csv_wide_line(1_000_000),
        "oltre il limite di 256 colonne",
    );
}

#[test]
fn a_sheet_within_the_bounds_is_read_as_before() {
    // The largest CSV the bounds let through reaches the import's own checks.
    let (dir, db) = fresh_db();
    let file = dir.path().join("piena.csv");
    std::fs::write(&file, bombs::csv_wide_line(MAX_COLUMNS - 2)).unwrap();
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert!(!stderr(&o).contains("limite"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("riga 2, colonna «N. fase»"),
        "{}",
        stderr(&o)
    );
}
