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
