//! `export --format csv`: what a spreadsheet with Italian settings reads.

mod common;
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
    let (_dir, db) = fresh_db();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavori_pubblici.txt"
    );
    import_into_empty(&db, fixture);
    let rows = rows(&run(&db, &["export", "--format", "csv"]).stdout);
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(codes, ["03_1005_0101", "03_1005_0101", "03_1005_0201"]);
    assert!(rows[3][12..].iter().all(String::is_empty), "{:?}", rows[3]);
}
