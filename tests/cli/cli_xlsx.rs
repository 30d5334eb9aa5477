//! The spreadsheet round trip (issue 18): `export --format xlsx`, the file
//! edited as an office would, and `import` of it back, with `--dry-run`
//! listing what would change. The workbook is read back with the reader the
//! import uses (`calamine`, through `io::sheet_read`).

use crate::common;
use common::workbook::save;
use common::*;

use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use obiettivi::io::sheet_read::{Raw, Table, read_xlsx};

const CODE: &str = "05_1201_0201";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The shipped plan with a progress of 36,25 % and a formula-like note on
/// phase 1 of `CODE`.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("db");
    create_db(&db);
    ok(
        &db,
        &[
            "set",
            CODE,
            "--phase",
            "1",
            "--progress",
            "36,25",
            "--notes",
            "=1+1",
        ],
    );
    db
}

fn export_xlsx(db: &Path, dir: &Path) -> PathBuf {
    let file = dir.join("piano.xlsx");
    ok(
        db,
        &["export", "--format", "xlsx", "-o", file.to_str().unwrap()],
    );
    file
}

fn sheet<'a>(tables: &'a [Table], name: &str) -> &'a Table {
    tables.iter().find(|t| t.name == name).unwrap()
}

fn column(table: &Table, header: &str) -> usize {
    table
        .header
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// The index of the row of `code` (and phase number `phase`, on the phases sheet).
fn row(table: &Table, code: &str, phase: Option<usize>) -> usize {
    let (c, p) = (
        column(table, "Obiettivo"),
        table.header.iter().position(|h| h == "N. fase"),
    );
    table
        .rows
        .iter()
        .position(|r| {
            r[c] == Raw::Text(code.into())
                && p.is_none_or(|p| r[p] == Raw::Number(phase.unwrap() as f64))
        })
        .unwrap()
}

fn read(file: &Path) -> Vec<Table> {
    read_xlsx(&std::fs::read(file).unwrap()).unwrap()
}

#[test]
fn cells_are_typed_dates_are_dates_and_a_progress_is_a_fraction_with_a_percent_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let file = export_xlsx(&db, dir.path());
    let tables = read(&file);
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Fasi", "Obiettivi"]);
    let phases = sheet(&tables, "Fasi");
    assert_eq!(
        &phases.header[..3],
        ["Obiettivo", "N. fase", "Fase"],
        "what a row is about comes first (and is frozen)"
    );
    let r = &phases.rows[row(phases, CODE, Some(1))];
    assert_eq!(
        r[column(phases, "Inizio previsto")],
        Raw::Date(date(2024, 1, 1))
    );
    assert_eq!(r[column(phases, "Avanzamento")], Raw::Number(0.3625));
    assert_eq!(
        r[column(phases, "Note")],
        Raw::Text("=1+1".into()),
        "text, not a formula"
    );

    // The formats, through the same reader.
    let mut workbook: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let styles = workbook.worksheet_style("Fasi").unwrap();
    let format_of = |header: &str| {
        let (i, j) = (
            row(phases, CODE, Some(1)) as u32 + 1,
            column(phases, header) as u32,
        );
        styles
            .get((i, j))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
    };
    assert_eq!(format_of("Avanzamento").as_deref(), Some("0.00%"));
    assert_eq!(format_of("Inizio previsto").as_deref(), Some("dd/mm/yyyy"));
    let formulas = workbook.worksheet_formula("Fasi").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
}

#[test]
fn three_cells_edited_in_the_workbook_are_listed_then_applied_and_a_read_only_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut tables = read(&export_xlsx(&db, dir.path()));
    {
        let phases = tables.iter_mut().find(|t| t.name == "Fasi").unwrap();
        let i = row(phases, CODE, Some(1));
        let (w, end) = (column(phases, "Peso"), column(phases, "Fine prevista"));
        phases.rows[i][w] = Raw::Number(40.0);
        phases.rows[i][end] = Raw::Date(date(2027, 6, 30));
    }
    {
        let objectives = tables.iter_mut().find(|t| t.name == "Obiettivi").unwrap();
        let i = row(objectives, CODE, None);
        let y2 = column(objectives, "Stato di attuazione 2° anno");
        objectives.rows[i][y2] = Raw::Text("Avviati due progetti.".into());
    }
    let edited = dir.path().join("modificato.xlsx");
    save(&tables, &edited);
    let before = export(&db);

    let out = ok(&db, &["import", edited.to_str().unwrap(), "--dry-run"]);
    let changes: Vec<&str> = out.lines().filter(|l| l.starts_with("    ")).collect();
    assert_eq!(changes.len(), 3, "{out}");
    assert!(
        changes[0].contains("fase 1 «IMPLEMENTAZIONE DI SERVIZI EDUCATIVI PER PERSONE CON DISABI…» Fine prevista: 31/12/2026 → 30/06/2027"),
        "{out}"
    );
    assert!(changes[1].contains("Peso: n/d → 40"), "{out}");
    assert!(
        changes[2].contains("Stato di attuazione 2° anno: «"),
        "{out}"
    );
    assert!(changes[2].ends_with("→ «Avviati due progetti.»"), "{out}");
    assert!(out.contains(&format!("~ {CODE}")), "{out}");
    assert_eq!(export(&db), before, "a dry run writes nothing");

    let out = ok(&db, &["import", edited.to_str().unwrap()]);
    assert!(out.contains("importato e salvato"), "{out}");
    let after = export(&db);
    assert!(after.contains("\"planned_end\": \"2027-06-30\""), "{after}");
    assert!(after.contains("Avviati due progetti."));
    assert!(after.contains("\"weight\": 40"));
    // The same file again changes nothing.
    assert_eq!(
        ok(&db, &["import", edited.to_str().unwrap()]),
        "nulla da cambiare\n"
    );

    // A fourth edit, in a read-only column, beside a valid one: all refused.
    {
        let phases = tables.iter_mut().find(|t| t.name == "Fasi").unwrap();
        let i = row(phases, CODE, Some(2));
        let (title, progress) = (
            column(phases, "Titolo missione"),
            column(phases, "Avanzamento"),
        );
        phases.rows[i][title] = Raw::Text("Un altro titolo".into());
        phases.rows[i][progress] = Raw::Number(0.5);
    }
    save(&tables, &edited);
    let before = export(&db);
    let o = run(&db, &["import", edited.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let phases = sheet(&tables, "Fasi");
    let line = phases.row_number(row(phases, CODE, Some(2)));
    let letter = phases.column_letter(column(phases, "Titolo missione"));
    assert!(
        err.contains(&format!(
            "foglio «Fasi», riga {line}, colonna «Titolo missione» ({letter}): colonna di sola lettura"
        )),
        "{err}"
    );
    assert!(err.contains("nessuna modifica è stata scritta"), "{err}");
    assert_eq!(export(&db), before, "nothing changed");
}

#[test]
fn a_value_out_of_range_an_unknown_code_and_a_missing_phase_are_named_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut tables = read(&export_xlsx(&db, dir.path()));
    let phases = tables.iter_mut().find(|t| t.name == "Fasi").unwrap();
    let i = row(phases, CODE, Some(1));
    let (w, c, n) = (
        column(phases, "Peso"),
        column(phases, "Obiettivo"),
        column(phases, "N. fase"),
    );
    phases.rows[i][w] = Raw::Number(140.0);
    phases.rows[i + 1][c] = Raw::Text("99_9999_9999".into());
    let last = phases.rows.len() - 1;
    phases.rows[last][n] = Raw::Number(9.0);
    let (rw, rc, rn) = (
        phases.row_number(i),
        phases.row_number(i + 1),
        phases.row_number(last),
    );
    let edited = dir.path().join("sbagliato.xlsx");
    save(&tables, &edited);
    let before = export(&db);
    let o = run(&db, &["import", edited.to_str().unwrap(), "--dry-run"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("riga {rw}, colonna «Peso» (")),
        "{err}"
    );
    assert!(err.contains("non può superare 100"), "{err}");
    assert!(
        err.contains(&format!(
            "riga {rc}, colonna «Obiettivo» (A): non c'è nel piano l'obiettivo 99_9999_9999"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("riga {rn}, colonna «N. fase» (B)")),
        "{err}"
    );
    assert_eq!(export(&db), before);
}

#[test]
fn an_xlsx_is_not_written_to_a_terminal_but_a_file_is_written_whatever_its_name() {
    let (dir, db) = fresh_db();
    let file = dir.path().join("piano.dat");
    ok(
        &db,
        &["export", "--format", "xlsx", "-o", file.to_str().unwrap()],
    );
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK\x03\x04"));
    // Decided by the content: the same file imports whatever it is called.
    assert_eq!(
        ok(&db, &["import", file.to_str().unwrap(), "--dry-run"]),
        "nulla da cambiare\n"
    );
}

/// `database` with an indicator on `CODE`: baseline 12 (2025), targets 2026
/// and 2027, measured 15 at 30/06/2026.
fn database_with_an_indicator(dir: &Path) -> PathBuf {
    let db = database(dir);
    add_alloggi(&db, CODE, &["--unit", "n.", "--target", "2027=30"]);
    db
}

/// The index of the row of indicator 1 of `CODE` in `year` on the Indicatori sheet.
fn indicator_row(table: &Table, year: i32) -> usize {
    let (c, n, y) = (
        column(table, "Obiettivo"),
        column(table, "N. indicatore"),
        column(table, "Anno"),
    );
    table
        .rows
        .iter()
        .position(|r| {
            r[c] == Raw::Text(CODE.into())
                && r[n] == Raw::Number(1.0)
                && r[y] == Raw::Number(f64::from(year))
        })
        .unwrap()
}

#[test]
fn the_indicatori_sheet_has_typed_cells_and_its_targets_and_measurements_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with_an_indicator(dir.path());
    let file = export_xlsx(&db, dir.path());
    let mut tables = read(&file);
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Fasi", "Obiettivi", "Indicatori"]);
    let sheet_of = |tables: &[Table]| sheet(tables, "Indicatori").clone();
    let indicators = sheet_of(&tables);
    assert_eq!(
        &indicators.header[..3],
        ["Obiettivo", "N. indicatore", "Anno"],
        "what a row is about comes first (and is frozen)"
    );
    assert_eq!(indicators.rows.len(), 3, "one row per plan year");
    let r = &indicators.rows[indicator_row(&indicators, 2026)];
    let at = |header: &str| r[column(&indicators, header)].clone();
    assert_eq!(at("Indicatore"), Raw::Text("Alloggi assegnati".into()));
    assert_eq!(at("Polarità"), Raw::Text("crescente".into()));
    assert_eq!(at("Valore di partenza"), Raw::Number(12.0));
    assert_eq!(at("Target"), Raw::Number(20.0));
    assert_eq!(at("Periodo rilevazione"), Raw::Date(date(2026, 6, 30)));
    assert_eq!(at("Rilevazione"), Raw::Number(15.0));
    // (15 − 12)/(20 − 12) = 37,5 %, a fraction with a % format.
    assert_eq!(at("Raggiungimento"), Raw::Number(0.375));
    assert_eq!(at("Fascia"), Raw::Text("non raggiunto".into()));
    let mut workbook: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let styles = workbook.worksheet_style("Indicatori").unwrap();
    let cell = (
        indicator_row(&indicators, 2026) as u32 + 1,
        column(&indicators, "Raggiungimento") as u32,
    );
    let format = styles
        .get(cell)
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone());
    assert_eq!(format.as_deref(), Some("0.00%"));

    // The 31/12 measurement entered beside the year's, and the 2027 target raised.
    {
        let t = tables.iter_mut().find(|t| t.name == "Indicatori").unwrap();
        let (i, j) = (indicator_row(t, 2026), indicator_row(t, 2027));
        let (period, value, target) = (
            column(t, "Periodo rilevazione"),
            column(t, "Rilevazione"),
            column(t, "Target"),
        );
        t.rows[i][period] = Raw::Date(date(2026, 12, 31));
        t.rows[i][value] = Raw::Number(19.0);
        t.rows[j][target] = Raw::Number(35.0);
    }
    let edited = dir.path().join("indicatori.xlsx");
    save(&tables, &edited);
    let before = export(&db);
    let out = ok(&db, &["import", edited.to_str().unwrap(), "--dry-run"]);
    let changes: Vec<&str> = out.lines().filter(|l| l.starts_with("    ")).collect();
    assert_eq!(
        changes,
        [
            "    indicatore 1 «Alloggi assegnati» rilevazione 31/12/2026:  → 19",
            "    indicatore 1 «Alloggi assegnati» target 2027: 30 → 35",
        ],
        "{out}"
    );
    assert_eq!(export(&db), before, "a dry run writes nothing");
    ok(&db, &["import", edited.to_str().unwrap()]);
    let json = export_json(&db);
    let o = json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == CODE)
        .unwrap();
    let i = &o["indicators"][0];
    assert_eq!(i["targets"]["2027"], 35.0);
    assert_eq!(i["measurements"][0]["value"], 15.0, "the 30/06 one stays");
    assert_eq!(i["measurements"][1]["period"], "2026-12-31");
    assert_eq!(i["measurements"][1]["value"], 19.0);
    let history = ok(&db, &["history", CODE]);
    assert!(history.contains("target 2027: 30 → 35"), "{history}");
    assert_eq!(
        ok(&db, &["import", edited.to_str().unwrap()]),
        "nulla da cambiare\n"
    );

    // A changed definition (read-only here) and a period that is not one: refused, by row and column.
    {
        let t = tables.iter_mut().find(|t| t.name == "Indicatori").unwrap();
        let i = indicator_row(t, 2027);
        let (polarity, period, value) = (
            column(t, "Polarità"),
            column(t, "Periodo rilevazione"),
            column(t, "Rilevazione"),
        );
        t.rows[i][polarity] = Raw::Text("decrescente".into());
        t.rows[i][period] = Raw::Date(date(2027, 3, 1));
        t.rows[i][value] = Raw::Number(3.0);
    }
    save(&tables, &edited);
    let before = export(&db);
    let o = run(&db, &["import", edited.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let t = sheet_of(&tables);
    let line = t.row_number(indicator_row(&t, 2027));
    let letter = |h: &str| t.column_letter(column(&t, h));
    assert!(
        err.contains(&format!(
            "foglio «Indicatori», riga {line}, colonna «Polarità» ({}): colonna di sola lettura cambiata",
            letter("Polarità")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "riga {line}, colonna «Periodo rilevazione» ({}): 01/03/2027 non è un periodo di monitoraggio del 2027 (30/06/2027, 31/12/2027)",
            letter("Periodo rilevazione")
        )),
        "{err}"
    );
    assert_eq!(export(&db), before, "nothing changed");
}
