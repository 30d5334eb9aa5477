//! `export --format csv`: what a spreadsheet with Italian settings reads.

use crate::common;
use common::*;

const CULTURA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cultura.txt");

fn database_with_cultura(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("db");
    import_into_empty(&db, CULTURA);
    // A weight with decimals, to see the decimal comma.
    ok(
        &db,
        &["set", "02_0502_0101", "--phase", "2", "--weight", "40,5"],
    );
    db
}

fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM first");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn one_row_per_phase_with_semicolons_decimal_comma_and_italian_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with_cultura(dir.path());
    let o = run(&db, &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        o.stdout
            .starts_with(b"\xef\xbb\xbfMandato;Titolo mandato;Missione;")
    );
    assert!(
        o.stdout.ends_with(b"\r\n"),
        "CRLF line ends, as Excel writes them"
    );
    let rows = rows(&o.stdout);
    assert_eq!(rows.len(), 1 + 3, "a header and one row per phase");
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let summer = &rows[1];
    assert_eq!(summer[col("Mandato")], "2023_2028_DUP_02");
    assert_eq!(summer[col("Missione")], "2024_28_DUP_02_0502");
    assert_eq!(summer[col("Obiettivo")], "02_0502_0101");
    assert_eq!(summer[col("Fase")], "RASSEGNA ESTIVA NEI CORTILI");
    assert_eq!(summer[col("Inizio previsto")], "01/06/2024");
    assert_eq!(summer[col("Fine effettiva")], "27/09/2024");
    assert_eq!(summer[col("Avanzamento")], "100");
    // A field with ';' is quoted, and reads back whole.
    assert_eq!(
        summer[col("Note")],
        "22 serate, 4.300 presenze; bilancio approvato il 10/10/2024"
    );
    let library = &rows[2];
    assert_eq!(library[col("N. fase")], "2");
    assert_eq!(library[col("Peso")], "40,5");
    assert_eq!(library[col("Somma pesi")], "100,5");
    // (60·100 + 40,5·35) / 100,5 = 73,8…
    assert_eq!(library[col("Avanzamento obiettivo")], "73,81");
    // Beside the number, what it left out (the third phase has neither weight nor progress).
    assert_eq!(
        library[col("Copertura avanzamento")],
        "2 di 3 fasi misurate"
    );
    let shows = &rows[3];
    assert_eq!(shows[col("Peso")], "", "no weight is an empty cell, not 0");
    assert_eq!(shows[col("Fine effettiva")], "");
}

#[test]
fn the_format_does_not_follow_the_readers_language_and_o_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with_cultura(dir.path());
    let file = dir.path().join("piano.csv");
    let o = bin()
        .env("LANG", "en_GB.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(bytes, run(&db, &["export", "--format", "csv"]).stdout);
    assert!(rows(&bytes).iter().any(|r| r.contains(&"40,5".to_string())));
}

#[test]
fn an_objective_without_phases_still_has_its_row() {
    let (_dir, db) = new_db_path();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavori_pubblici.txt"
    );
    import_into_empty(&db, fixture);
    let rows = rows(&run(&db, &["export", "--format", "csv"]).stdout);
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(codes, ["03_1005_0101", "03_1005_0101", "03_1005_0201"]);
    // Its progress says why there is none.
    assert_eq!(rows[3][11], "nessuna fase", "{:?}", rows[3]);
    // No phase cells; the objective's version and the history position last.
    let (phase_cells, stamp) = rows[3][13..].split_at(rows[3].len() - 15);
    assert!(phase_cells.iter().all(String::is_empty), "{:?}", rows[3]);
    assert!(stamp.iter().all(|c| c.parse::<u64>().is_ok()), "{stamp:?}");
}

/// `export --format csv` of the shipped plan, saved again by LibreOffice
/// (`;`, decimal comma, BOM, CRLF) after three edits on 05_1201_0601: phase 1
/// weight 40 and progress 36,25, phase 2 actual end 30/06/2026.
const EDITED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/piano_libreoffice.csv"
);

const THREE_EDITS: [&str; 3] = [
    "    fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: n/d → 40",
    "    fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Avanzamento: n/d → 36,25%",
    "    fase 2 «UTILIZZO DELLE RISORSE STATALIE REGIONALI PER FAVORIRE L'AC…» Fine effettiva: n/d → 30/06/2026",
];

fn edits_listed(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("    ")).collect()
}

#[test]
fn a_csv_saved_by_libreoffice_comes_back_dry_run_first_then_applied() {
    let (dir, db) = fresh_db();
    let before = export(&db);
    let out = ok(&db, &["import", EDITED, "--dry-run"]);
    assert_eq!(edits_listed(&out), THREE_EDITS, "{out}");
    assert!(out.starts_with("~ 05_1201_0601\n"), "{out}");
    assert_eq!(export(&db), before, "a dry run writes nothing");

    let out = ok(&db, &["import", EDITED]);
    assert_eq!(edits_listed(&out), THREE_EDITS, "{out}");
    let after = export(&db);
    assert!(after.contains("\"weight\": 40"), "{after}");
    assert!(after.contains("\"progress\": 36.25"), "{after}");
    assert!(after.contains("\"actual_end\": \"2026-06-30\""), "{after}");
    // What export writes now is what the plan holds: importing it changes nothing.
    let again = dir.path().join("di_nuovo.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", again.to_str().unwrap()],
    );
    assert_eq!(
        ok(&db, &["import", again.to_str().unwrap()]),
        "nulla da cambiare\n"
    );
}

#[test]
fn a_csv_with_decimal_points_iso_dates_and_short_years_reads_the_same() {
    let (dir, db) = fresh_db();
    let text = std::fs::read_to_string(EDITED)
        .unwrap()
        .replace(";36,25;", ";36.25;")
        .replace(";30/06/2026;", ";2026-06-30;")
        // A date saved "as shown" with the locale's short year is the same date.
        .replace(";01/01/2024;", ";01/01/24;");
    let file = dir.path().join("punto.csv");
    std::fs::write(&file, text).unwrap();
    let out = ok(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(edits_listed(&out), THREE_EDITS, "{out}");
}

#[test]
fn a_changed_read_only_cell_in_a_csv_is_refused_with_its_row_and_column_and_nothing_changes() {
    let (dir, db) = fresh_db();
    let text = std::fs::read_to_string(EDITED).unwrap().replacen(
        ";NUOVI ALLOGGI A CANONE CALMIERATO;",
        ";NUOVI ALLOGGI;",
        1,
    );
    let file = dir.path().join("piano.csv");
    std::fs::write(&file, text).unwrap();
    let before = export(&db);
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("foglio «piano.csv», riga 8, colonna «Fase» (N): colonna di sola lettura cambiata: nel piano «NUOVI ALLOGGI A CANONE CALMIERATO», nel file «NUOVI ALLOGGI»"),
        "{err}"
    );
    assert!(err.contains("nessuna modifica è stata scritta"), "{err}");
    assert_eq!(export(&db), before);
}

#[test]
fn a_formula_like_note_goes_out_neutralised_and_comes_back_as_it_was() {
    let (dir, db) = fresh_db();
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--notes", "=1+1"],
    );
    let file = dir.path().join("piano.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", file.to_str().unwrap()],
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains(";'=1+1"));
    assert_eq!(
        ok(&db, &["import", file.to_str().unwrap()]),
        "nulla da cambiare\n"
    );
}

/// The records of a CSV export, both sections (they differ in width).
fn all_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM first");
    assert!(!body.contains('\u{feff}'), "one BOM, at the start");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn indicators_follow_the_phases_as_a_second_section_one_row_per_indicator_and_year() {
    let (dir, db) = fresh_db();
    let more = ["--polarity", "crescente", "--target", "2027=30,5"];
    add_alloggi(&db, "05_1201_0601", &more);
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--indicator",
            "1",
            "--measure",
            "31/12/2026=19",
        ],
    );
    let o = run(&db, &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // An empty line between the sections, so a spreadsheet shows two tables.
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        text.contains("\r\n\r\nMissione;Obiettivo;N. indicatore;Indicatore;"),
        "{text}"
    );
    let rows = all_rows(&o.stdout);
    let start = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "N. indicatore"))
        .expect("the indicators section");
    let header = &rows[start];
    assert_eq!(
        header,
        &[
            "Missione",
            "Obiettivo",
            "N. indicatore",
            "Indicatore",
            "Tipo",
            "Unità",
            "Polarità",
            "Regola",
            "Peso indicatore",
            "Valore di partenza",
            "Anno di partenza",
            "Anno",
            "Target",
            "Periodo rilevazione",
            "Rilevazione",
            "Raggiungimento",
            "Fascia",
            "Versione",
            "N. cronologia"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let body = &rows[start + 1..];
    assert_eq!(body.len(), 3, "one row per plan year: 2026, 2027, 2028");
    let y2026 = &body[0];
    assert_eq!(y2026[col("Obiettivo")], "05_1201_0601");
    assert_eq!(y2026[col("Anno")], "2026");
    assert_eq!(y2026[col("Polarità")], "crescente");
    assert_eq!(y2026[col("Regola")], "lineare");
    assert_eq!(y2026[col("Valore di partenza")], "12");
    assert_eq!(y2026[col("Anno di partenza")], "2025");
    assert_eq!(y2026[col("Target")], "20");
    // The last measurement of the year, and what it achieves: (19 − 12)/(20 − 12).
    assert_eq!(y2026[col("Periodo rilevazione")], "31/12/2026");
    assert_eq!(y2026[col("Rilevazione")], "19");
    assert_eq!(y2026[col("Raggiungimento")], "87,5");
    assert_eq!(y2026[col("Fascia")], "parzialmente raggiunto");
    assert_eq!(body[1][col("Target")], "30,5", "decimal comma");
    assert_eq!(
        body[1][col("Rilevazione")],
        "",
        "no measurement: empty, not 0"
    );
    assert_eq!(body[1][col("Raggiungimento")], "");
    assert_eq!(body[2][col("Target")], "");
    // The file as exported comes back changing nothing.
    let file = dir.path().join("piano.csv");
    std::fs::write(&file, &o.stdout).unwrap();
    let said = ok(&db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(said.contains("nulla da cambiare"), "{said}");
}

#[test]
fn a_plan_without_indicators_has_no_second_section() {
    let (_dir, db) = fresh_db();
    let o = run(&db, &["export", "--format", "csv"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains("N. indicatore"));
    assert!(!text.contains("\r\n\r\n"));
}

/// What LibreOffice makes of the export when it saves it again as CSV: no
/// BOM, every row padded to the widest, the empty line a row of `;`.
fn as_libreoffice_saves(csv: &str) -> String {
    let body = csv.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    let widest = lines.iter().map(|l| l.matches(';').count()).max().unwrap();
    body.split("\r\n")
        .map(|l| format!("{l}{}", ";".repeat(widest - l.matches(';').count())))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_indicators_section_saved_again_by_a_spreadsheet_comes_back_with_its_edit() {
    let (dir, db) = fresh_db();
    add_alloggi(&db, "05_1201_0601", &[]);
    let o = run(&db, &["export", "--format", "csv"]);
    let saved = as_libreoffice_saves(&String::from_utf8(o.stdout).unwrap());
    let file = dir.path().join("salvato.csv");
    std::fs::write(&file, &saved).unwrap();
    assert_eq!(
        ok(&db, &["import", "--dry-run", file.to_str().unwrap()]),
        "nulla da cambiare\n"
    );
    // The 2026 row: a measurement at 31/12 written over the 30/06 one.
    let edited = saved.replace(";2026;20;30/06/2026;15;", ";2026;20;31/12/2026;18,5;");
    assert_ne!(edited, saved);
    std::fs::write(&file, &edited).unwrap();
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(
        out.contains("indicatore 1 «Alloggi assegnati» rilevazione 31/12/2026:  → 18,5"),
        "{out}"
    );
    let json = export_json(&db);
    let o = json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "05_1201_0601")
        .unwrap();
    let measured = &o["indicators"][0]["measurements"];
    assert_eq!(measured.as_array().unwrap().len(), 2, "{measured}");
    assert_eq!(measured[1]["value"], 18.5);
}
