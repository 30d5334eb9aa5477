//! The cycle's documents (GUIDE §9, issue 27): the Relazione sulla
//! performance and the Stato di attuazione, built from a named snapshot
//! whose SHA-256 the footer prints as `snapshot list` does; the same command
//! gives the same bytes; a change after the snapshot does not reach them.
//!
//! `OBIETTIVI_GOLDEN=write cargo test --test cli cli_documents` writes the
//! golden files again from what the documents say now: read the diff first.

use crate::common;
use common::*;

use std::path::Path;

const SNAPSHOT: &str = JUNE_SNAPSHOT;
const CODE: &str = "05_1201_0601";

/// The shipped plan after `year_walked`.
fn walked() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = fresh_db();
    year_walked(&db);
    (dir, db)
}

fn report(db: &Path, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    ok(db, &all)
}

/// What the run's clock and user put in the document (the transitions'
/// times, the hash of a plan holding them), made fixed for the golden file.
fn steady(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 16)].iter().collect();
        let is_time = rest.len() == 16
            && rest.starts_with(&today)
            && rest.as_bytes()[10] == b' '
            && rest.as_bytes()[13] == b':';
        if is_time {
            out.push_str("GG/MM/AAAA hh:mm");
            i += 16;
        } else if chars[i..].starts_with(&today.chars().collect::<Vec<_>>()) {
            out.push_str("GG/MM/AAAA");
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    let out = match out.find("SHA-256 ") {
        Some(at) => format!("{}SHA-256 <hash>{}", &out[..at], &out[at + 8 + 64..]),
        None => out,
    };
    // Who moved the plan: the operating system's user, whoever runs the tests.
    out.replace(&me(), "UTENTE").replace("tester", "UTENTE")
}

fn golden(path: &str, text: &str) {
    let text = steady(text);
    let path = format!("{}/tests/data/golden/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("OBIETTIVI_GOLDEN").as_deref() == Ok("write") {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text, expected,
        "differs from {path} (OBIETTIVI_GOLDEN=write to accept it)"
    );
}

#[test]
fn the_relazione_of_the_shipped_plan_is_the_golden_file_in_md_and_txt() {
    let (_dir, db) = walked();
    let md = report(&db, &["--doc", "relazione", "--format", "md"]);
    for section in [
        "La sintesi per i cittadini",
        "1. Presentazione",
        "2. Sintesi dei risultati",
        "3. I risultati per obiettivo",
        "4. Il processo",
        "5. Allegati",
    ] {
        assert!(md.contains(&format!("## {section}")), "{section}: {md}");
    }
    // The annex: the variation with its act and old → new; the forcing.
    assert!(
        md.contains(VARIATION_ACT) && md.contains("Peso: n/d → 30"),
        "{md}"
    );
    assert!(md.contains("forzato: piano già in uso"), "{md}");
    golden("relazione.md", &md);
    golden(
        "relazione.txt",
        &report(&db, &["--doc", "relazione", "--format", "txt"]),
    );
}

#[test]
fn the_same_command_gives_the_same_bytes_and_the_footer_names_the_snapshot_and_its_hash() {
    let (_dir, db) = walked();
    let listed = ok(&db, &["snapshot", "list", "--full"]);
    let hash = listed
        .split_whitespace()
        .find(|w| w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("no full hash in {listed}"));
    let short = ok(&db, &["snapshot", "list"]);
    assert!(
        short.contains(&hash[..16]) && !short.contains(hash),
        "{short}"
    );
    for format in ["html", "md", "txt"] {
        let args = ["--doc", "relazione", "--format", format];
        let first = report(&db, &args);
        assert!(
            first.contains(&format!("SHA-256 {hash}")),
            "{format}: {first}"
        );
        assert!(first.contains(&format!("«{SNAPSHOT}»")), "{format}");
        // A later change of the live plan changes nothing in it.
        ok(&db, &["set", CODE, "--phase", "2", "--progress", "96"]);
        assert_eq!(report(&db, &args), first, "{format}");
    }
    let html = report(&db, &["--doc", "relazione"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "html is the default");
    assert!(html.contains("<svg") && !html.contains("<script"), "{html}");
}

#[test]
fn the_attuazione_prints_an_objective_as_it_was_at_the_snapshot() {
    let (_dir, db) = walked();
    ok(
        &db,
        &[
            "set",
            CODE,
            "--year1",
            "Scritto dopo la chiusura del periodo",
        ],
    );
    ok(&db, &["set", CODE, "--phase", "1", "--progress", "100"]);
    let text = report(
        &db,
        &[
            "--doc",
            "attuazione",
            "--period",
            "30/06/2026",
            "--format",
            "txt",
        ],
    );
    assert!(
        text.contains("Stato di attuazione dei programmi al 30/06/2026"),
        "{text}"
    );
    assert!(!text.contains("Scritto dopo"), "{text}");
    // 0601: phases 40 (weight 30 after the variation) and 95, as at the snapshot.
    assert!(text.contains(CODE), "{text}");
    assert!(!text.contains("100% "), "{text}");
    assert!(text.contains(VARIATION_ACT), "{text}");
    assert!(text.contains(&format!("«{SNAPSHOT}»")), "{text}");
    // Closed again after a reopening, the window's newest snapshot is the period's.
    let again = format!("{SNAPSHOT} (2)");
    ok(&db, &["snapshot", "create", &again]);
    let args = [
        "--doc",
        "attuazione",
        "--period",
        "30/06/2026",
        "--format",
        "txt",
    ];
    let text = report(&db, &args);
    assert!(text.contains("Scritto dopo"), "{text}");
    assert!(text.contains(&format!("«{again}»")), "{text}");
}

#[test]
fn a_document_without_its_snapshot_says_how_to_take_one() {
    let (_dir, db) = fresh_db();
    let o = run(&db, &["report", "--doc", "relazione"]);
    assert_refused(&o, "obiettivi snapshot create");
    let o = run(
        &db,
        &["report", "--doc", "attuazione", "--period", "30/06/2026"],
    );
    assert_refused(&o, "«Monitoraggio 30/06/2026»");
    let o = run(&db, &["report", "--doc", "attuazione"]);
    assert_refused(&o, "--period 30/06/2026");
    ok(&db, &["snapshot", "create", "Prova"]);
    let o = run(
        &db,
        &["report", "--doc", "relazione", "--snapshot", "Altra"],
    );
    assert_refused(&o, "non c'è l'istantanea «Altra»");
    let o = run(
        &db,
        &[
            "report",
            "--doc",
            "attuazione",
            "--period",
            "15/03/2026",
            "--snapshot",
            "Prova",
        ],
    );
    assert_refused(&o, "non è un periodo di monitoraggio");
}

/// What openpyxl reads of the Relazione's workbook, as JSON: the sheet's
/// name, the frozen cell, the properties, and per row each cell's value with
/// its type and number format.
const READ_BACK: &str = r#"
import sys, json, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheet = book.active
rows = [[[c.value, type(c.value).__name__, c.number_format] for c in row] for row in sheet.iter_rows()]
print(json.dumps({"title": sheet.title, "frozen": sheet.freeze_panes,
    "keywords": book.properties.keywords, "subject": book.properties.subject, "rows": rows}))
"#;

/// A document's workbook as openpyxl reads it (`READ_BACK`), after
/// checking what both documents' workbooks share: the sheet's name, the
/// header row and code column frozen, the snapshot and the hash that
/// `snapshot list` prints in the properties, a header and a row per objective.
struct Book {
    json: serde_json::Value,
    header: Vec<String>,
}

impl Book {
    fn read(db: &Path, dir: &Path, args: &[&str], sheet: &str) -> Book {
        let xlsx = dir.join("documento.xlsx");
        let path = xlsx.to_str().unwrap();
        report(db, &[args, &["--format", "xlsx", "-o", path]].concat());
        let o = std::process::Command::new("python3")
            .args(["-c", READ_BACK, path])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(json["title"], sheet);
        assert_eq!(json["frozen"], "B2", "the header row and the code column");
        let listed = ok(db, &["snapshot", "list", "--full"]);
        let keywords = json["keywords"].as_str().unwrap();
        let hash = keywords.strip_prefix("SHA-256 ").unwrap();
        let line = listed
            .lines()
            .find(|l| l.contains(hash))
            .unwrap_or_default();
        assert!(line.contains(SNAPSHOT), "{keywords} / {listed}");
        assert!(json["subject"].as_str().unwrap().contains(SNAPSHOT));
        let rows = json["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 9, "a header and one row per objective");
        let header = rows[0].as_array().unwrap().iter();
        let header = header.map(|c| c[0].as_str().unwrap().to_string()).collect();
        Book { json, header }
    }

    /// Cell `name` (the column whose header starts so) of objective `code`'s
    /// row: its value, type and number format.
    fn cell(&self, code: &str, name: &str) -> &serde_json::Value {
        let col = self
            .header
            .iter()
            .position(|h| h.starts_with(name))
            .unwrap();
        let rows = self.json["rows"].as_array().unwrap();
        &rows.iter().find(|r| r[0][0] == code).unwrap()[col]
    }
}

#[test]
fn the_relazione_workbook_has_typed_cells_a_frozen_header_and_the_snapshot_hash() {
    if !crate::cli_sheet_merge::openpyxl_present() {
        return;
    }
    let (dir, db) = fresh_db();
    add_alloggi(&db, CODE, &["--weight", "100"]);
    year_walked(&db);
    let book = Book::read(&db, dir.path(), &["--doc", "relazione"], "Relazione 2026");
    // Numbers as numbers; the achievement a fraction with a % format.
    assert_eq!(book.cell(CODE, "Target 2026")[0], 20);
    assert_eq!(book.cell(CODE, "Valore al 30/06/2026")[0], 15);
    assert_eq!(book.cell(CODE, "Scostamento")[0], -5);
    assert_eq!(book.cell(CODE, "Partenza")[0], 12);
    let achieved = book.cell(CODE, "Raggiungimento");
    assert_eq!(
        (achieved[0].as_f64(), &achieved[2]),
        (Some(0.4), &"0.00%".into())
    );
    assert_eq!(book.cell(CODE, "Fascia")[0], "non raggiunto");
    let acts = book.cell(CODE, "Variazioni")[0].as_str().unwrap();
    assert!(acts.contains(VARIATION_ACT), "{acts}");
    // An objective without a value says n/d, as text.
    assert_eq!(book.cell("05_1201_0102", "Raggiungimento")[0], "n/d");
}

#[test]
fn the_attuazione_workbook_has_the_values_at_the_period_typed_and_the_snapshot_hash() {
    if !crate::cli_sheet_merge::openpyxl_present() {
        return;
    }
    let (dir, db) = fresh_db();
    add_alloggi(&db, CODE, &["--weight", "100"]);
    year_walked(&db);
    let args = ["--doc", "attuazione", "--period", "30/06/2026"];
    let book = Book::read(&db, dir.path(), &args, "Attuazione 30-06-2026");
    // The value at the period against the year's target, as numbers; what
    // it achieves then (baseline 12, 15 of 20) a fraction with a % format.
    assert_eq!(book.cell(CODE, "Indicatore")[0], "Alloggi assegnati");
    assert_eq!(book.cell(CODE, "Valore al 30/06/2026")[0], 15);
    assert_eq!(book.cell(CODE, "Target 2026")[0], 20);
    let achieved = book.cell(CODE, "Raggiungimento al periodo");
    assert_eq!(
        (achieved[0].as_f64(), &achieved[2]),
        (Some(0.375), &"0.00%".into())
    );
    assert_eq!(book.cell(CODE, "Fascia")[0], "non raggiunto");
    assert_eq!(book.cell(CODE, "Avanzamento")[2], "0.00%");
    assert_eq!(book.cell(CODE, "Fasi in ritardo")[1], "int");
    assert_eq!(book.cell(CODE, "Stato di attuazione")[1], "str");
    // The printed table says the same, the band beside the achievement.
    let md = report(&db, &[&args[..], &["--format", "md"]].concat());
    let line = md
        .lines()
        .find(|l| l.contains("Alloggi assegnati"))
        .unwrap();
    assert_eq!(
        line,
        "| Alloggi assegnati |  | 15 | 20 | 37,5% non raggiunto |"
    );
    // An objective without indicators leaves their cells empty, not 0.
    let empty = book.cell("05_1201_0102", "Valore al 30/06/2026");
    assert_eq!(empty[0], serde_json::Value::Null);
    // Changed after the snapshot, the plan does not reach the workbook.
    let measure = [
        "set",
        CODE,
        "--indicator",
        "1",
        "--measure",
        "30/06/2026=19",
    ];
    ok(&db, &measure);
    let again = Book::read(&db, dir.path(), &args, "Attuazione 30-06-2026");
    assert_eq!(
        again.json, book.json,
        "the same snapshot, the same workbook"
    );
}

#[test]
fn the_relazione_texts_are_written_from_stdin_audited_and_printed_in_their_sections() {
    let (_dir, db) = walked();
    let presentation = "Il Comune presenta i risultati del 2026.\n\nUn secondo paragrafo.";
    let o = with_stdin(
        &db,
        &["set", "--plan-text", "presentazione", "-"],
        presentation,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("«Presentazione» salvato"),
        "{}",
        stdout(&o)
    );
    ok(
        &db,
        &["set", "--plan-text", "processo", "Il Nucleo ha valutato."],
    );
    // The same text again changes nothing, and says so.
    let again = with_stdin(
        &db,
        &["set", "--plan-text", "presentazione", "-"],
        presentation,
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let history = ok(&db, &["history"]);
    assert!(
        history.contains("testo della Relazione «Il processo»"),
        "{history}"
    );
    assert_refused(
        &run(&db, &["set", "--plan-text", "introduzione", "x"]),
        "i testi sono presentazione, contesto, processo",
    );
    assert_refused(
        &run(&db, &["set", "--plan-text", "contesto"]),
        "manca il testo",
    );
    ok(&db, &["snapshot", "create", "Relazione"]);
    let md = report(&db, &["--doc", "relazione", "--format", "md"]);
    let section = |title: &str| {
        let start = md.find(&format!("## {title}")).unwrap();
        md[start..][..md[start..].find("\n---").unwrap()].to_string()
    };
    let first = section("1. Presentazione");
    assert!(
        first.contains("Il Comune presenta i risultati del 2026."),
        "{first}"
    );
    assert!(first.contains("Un secondo paragrafo."), "{first}");
    assert!(section("4. Il processo").contains("Il Nucleo ha valutato."));
}

/// Issue 27's acceptance: after a year with a variation, two windows, a
/// forced value and a non valutabile, the Relazione has them all: the
/// windows in the process, the verdicts with their reasons in the table
/// and the annex, the variation with its act.
#[test]
fn the_relazione_after_the_years_walk_has_the_windows_and_the_verdicts() {
    let (dir, db) = walked();
    for period in ["30/06/2026", "31/12/2026"] {
        ok(&db, &["period", "open", period]);
        ok(&db, &["period", "close", period]);
    }
    ok(&db, &["cycle", "advance"]);
    every_gap_cause_external(&db, dir.path());
    ok(
        &db,
        &["set", CODE, "--gap-comment", "bando regionale in ritardo"],
    );
    ok(&db, &["cycle", "advance"]);
    let forced = [
        "set",
        CODE,
        "--forced",
        "80",
        "--reason",
        "ritardo non imputabile all'ente",
    ];
    ok(&db, &forced);
    let not_assessable = [
        "--not-assessable",
        "--reason",
        "servizio sospeso dalla Regione",
    ];
    ok(&db, &[&["set", "0201"][..], &not_assessable].concat());
    ok(&db, &["snapshot", "create", "Relazione 2026"]);
    let md = report(&db, &["--doc", "relazione", "--format", "md"]);
    assert!(md.contains("«Relazione 2026»"), "the newest snapshot: {md}");
    // The windows, each with its closing.
    for period in ["30/06/2026", "31/12/2026"] {
        assert!(
            md.contains(&format!("| {period} | chiusa |")),
            "{period}: {md}"
        );
    }
    // The table: the forced value and its reason, the non valutabile, the gap cause.
    let row = |code: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| {code} |")))
            .unwrap_or_else(|| panic!("{code}: {md}"))
            .to_string()
    };
    let forced_row = row(CODE);
    assert!(
        forced_row.contains("| 80% | parzialmente raggiunto |"),
        "{forced_row}"
    );
    assert!(
        forced_row.contains("forzato a 80%: ritardo non imputabile all'ente"),
        "{forced_row}"
    );
    assert!(
        forced_row.contains("causa esterna: bando regionale in ritardo"),
        "{forced_row}"
    );
    assert!(forced_row.contains(VARIATION_ACT), "{forced_row}");
    let nv = row("05_1201_0201");
    assert!(
        nv.contains("non valutabile: servizio sospeso dalla Regione"),
        "{nv}"
    );
    // The annex B lists both with their reasons; the counts say one n/v.
    let annex = &md[md.find("### B.").unwrap()..];
    assert!(annex.contains("ritardo non imputabile all'ente"), "{annex}");
    assert!(annex.contains("servizio sospeso dalla Regione"), "{annex}");
    assert!(md.contains("- **Non valutabili (n/v):** 1"), "{md}");
    assert!(
        md.contains("non valutabili: 1."),
        "the citizens' page: {md}"
    );
}
