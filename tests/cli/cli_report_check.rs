//! `report` and `check` from the command line, with a fixed "today".

use crate::common;
use common::*;

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// An empty database with one fixture imported.
fn database_with(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join("db");
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["--empty", "import", &fixture(name)])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    db
}

#[test]
fn check_lists_each_kind_of_warning_with_code_and_phase_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with(dir.path(), "polizia_locale.txt");
    let o = run(&db, &["check", "--today", "01/07/2025"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "04_0301_0101  somma dei pesi 90 (attesa 100)\n\
         04_0301_0101  fase 1: avanzamento 100% senza fine effettiva\n\
         04_0301_0101  fase 2: fine effettiva 15/01/2025 prima dell'inizio effettivo 01/02/2025\n\
         04_0301_0101  fase 2: in ritardo (fine prevista 30/06/2025, avanzamento 50%)\n\
         04_0301_0101  fase 2: fine effettiva 15/01/2025 ma avanzamento 50% (attesa 100%)\n\
         04_0301_0101  fase 3: fine prevista 01/03/2026 prima dell'inizio previsto 01/09/2026\n\
         6 avvisi\n"
    );
    // The day the phase is due it is not late yet.
    let o = run(&db, &["check", "--today", "30/06/2025"]);
    assert!(!stdout(&o).contains("in ritardo"), "{}", stdout(&o));
}

#[test]
fn check_names_an_unfinished_end_a_concluded_objective_with_work_left_and_an_empty_report() {
    let (_dir, db) = fresh_db();
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--phase",
            "1",
            "--actual-end",
            "31/03/2026",
            "--progress",
            "40",
        ],
    );
    ok(&db, &["set", "05_1201_0601", "--status", "Concluso"]);
    ok(&db, &["set", "05_1201_0201", "--year1", ""]);
    // Before the first monitoring of 2026 (30/06) the empty report is no warning yet.
    let o = run(&db, &["check", "--today", "30/06/2026", "0601"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "05_1201_0601  fasi 1, 2, 3, 4 senza peso\n\
         05_1201_0601  fasi 2, 3, 4 senza avanzamento: non misurate\n\
         05_1201_0601  stato «Concluso» ma 4 fasi sotto il 100%\n\
         05_1201_0601  fase 1: fine effettiva 31/03/2026 ma avanzamento 40% (attesa 100%)\n\
         4 avvisi\n"
    );
    let o = run(&db, &["check", "--today", "01/07/2026"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "05_1201_0201  Stato di attuazione 1° anno ancora vuoto dopo il monitoraggio del 30/06/2026\n"
        ),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).ends_with("17 avvisi\n"), "{}", stdout(&o));
}

#[test]
fn the_shipped_plan_warns_of_its_unmeasured_phases_and_of_late_ones_later() {
    let (_dir, db) = fresh_db();
    // The shipped plan: no weights, no progress (none of its 14 phases is
    // measured: its roll-ups would say nothing), every phase due 31/12/2026.
    let o = run(&db, &["check", "--today", "31/12/2026"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("05_1201_0601  fasi 1, 2, 3, 4 senza peso\n"),
        "{out}"
    );
    assert!(
        out.contains("05_1201_0301  fase 1 senza avanzamento: non misurata\n"),
        "{out}"
    );
    assert!(out.ends_with("14 avvisi\n"), "{out}");
    assert!(!out.contains("in ritardo"), "{out}");
    // Measured and weighted, an objective has nothing to say until it is late.
    for phase in ["1", "2", "3", "4"] {
        ok(
            &db,
            &[
                "set",
                "0601",
                "--phase",
                phase,
                "--weight",
                "25",
                "--progress",
                "10",
            ],
        );
    }
    let o = run(&db, &["check", "--today", "31/12/2026", "0601"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "Nessun avviso.\n");
    let o = run(&db, &["check", "--today", "01/01/2027"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(
        out.matches("in ritardo (fine prevista 31/12/2026, avanzamento n/d)")
            .count(),
        10,
        "{out}"
    );
    assert_eq!(
        out.matches("in ritardo (fine prevista 31/12/2026, avanzamento 10%)")
            .count(),
        4,
        "{out}"
    );
    assert!(out.contains("05_1201_0601  fase 4: in ritardo"), "{out}");
    assert!(out.ends_with("26 avvisi\n"), "{out}");
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&dir.path().join("db"), &["check", "--today", "31/02/2026"]);
    assert_refused(&o, "31/02/2026");
}

#[test]
fn the_report_shows_each_objectives_roll_up_with_its_formula() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with(dir.path(), "polizia_locale.txt");
    let md = ok(&db, &["report", "--today", "01/07/2025"]);
    assert!(
        md.starts_with("# Scheda Obiettivi — DUP 2026-2028\n"),
        "{md}"
    );
    for expected in [
        "## Obiettivo di programma 04_0301_0101",
        "- **Assessorato:** RIZZO_Sicurezza - Polizia Locale - Protezione Civile",
        "- **Obiettivo di missione:** 2024_28_DUP_04_0301 Una città più sicura",
        "### Obiettivo strategico\n\nAumentare la sicurezza percepita e reale nei quartieri.",
        "### Stato di attuazione 2° anno\n\nIl presidio è stato esteso",
        "| Polizia locale e amministrativa | Programma | 70% | 01/01/2025 | 31/12/2026 |",
        "- CITTADINI E CITTADINE",
        "| 2 | FORMAZIONE DEGLI AGENTI (in ritardo) | 01/02/2025 | 30/06/2025 | 01/02/2025 | 15/01/2025 | 30 | 50% |",
        "- **Avanzamento obiettivo:** 50% — Σ(peso·avanzamento)/Σ peso = 4500/90 = 50%",
        "- **Σ pesi:** 90",
        "> ⚠ somma dei pesi 90 (attesa 100)",
        "> ⚠ fase 2: in ritardo (fine prevista 30/06/2025, avanzamento 50%)",
        "## Obiettivo di programma 04_0301_0201",
        "- **Avanzamento obiettivo:** n/d (nessuna fase ha un avanzamento)",
    ] {
        assert!(md.contains(expected), "missing «{expected}» in:\n{md}");
    }
}

#[test]
fn without_weights_the_report_shows_the_mean_and_codes_select_objectives() {
    let (_dir, db) = fresh_db();
    for (phase, progress) in [("1", "20"), ("2", "45")] {
        ok(
            &db,
            &[
                "set",
                "05_1201_0601",
                "--phase",
                phase,
                "--progress",
                progress,
            ],
        );
    }
    let txt = ok(
        &db,
        &[
            "report",
            "--format",
            "txt",
            "--today",
            "01/01/2026",
            "05 1201 0601",
        ],
    );
    assert!(
        // What the mean left out is said next to it: 2 of the 4 phases are measured.
        txt.contains("Avanzamento obiettivo: 32,5% (2 di 4 fasi misurate) — media di 2 fasi"),
        "{txt}"
    );
    assert!(txt.contains("Σ pesi:                n/d"), "{txt}");
    assert!(
        txt.contains("1. NUOVI ALLOGGI A CANONE CALMIERATO\n"),
        "{txt}"
    );
    assert_eq!(
        txt.matches("Obiettivo di programma ").count(),
        1,
        "only the objective asked for"
    );
    assert!(
        txt.lines().all(|l| l.chars().count() <= 80),
        "wrapped at 80 columns"
    );
}

#[test]
fn an_unknown_code_is_refused() {
    let (_dir, db) = fresh_db();
    let o = run(&db, &["report", "05_1201_0601", "99_9999_9999"]);
    assert_refused(&o, "l'obiettivo «99_9999_9999» non esiste");
    assert!(stdout(&o).is_empty());
}

#[test]
fn the_html_report_is_one_self_contained_a4_file_with_a_page_per_objective() {
    let (dir, db) = fresh_db();
    ok(
        &db,
        &[
            "set",
            "05_1201_0102",
            "--year2",
            "<script>alert(1)</script> & \"altro\"",
        ],
    );
    let file = dir.path().join("scheda.html");
    ok(
        &db,
        &["report", "--format", "html", "-o", file.to_str().unwrap()],
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"));
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("section.objective { break-after: page"));
    assert_eq!(html.matches("<section class=\"objective\">").count(), 8);
    assert_eq!(html.matches("</section>").count(), 8);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;altro&quot;"));
    for external in ["<script", "<link", "src=", "http:", "https:", "@import"] {
        assert!(
            !html.contains(external),
            "the file must stand alone: found {external}"
        );
    }
}

#[test]
fn labels_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with(dir.path(), "polizia_locale.txt");
    let o = bin()
        .env("LANG", "en_GB.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["report", "--today", "01/07/2025", "04_0301_0101"])
        .output()
        .unwrap();
    let md = stdout(&o);
    assert!(
        md.contains("- **Objective progress:** 50% — Σ(weight·progress)/Σ weight = 4500/90 = 50%"),
        "{md}"
    );
    assert!(
        md.contains("> ⚠ phase 2: late (planned end 30/06/2025, progress 50%)"),
        "{md}"
    );
    let o = bin()
        .env("LANG", "en_GB.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["check", "--today", "01/07/2025"])
        .output()
        .unwrap();
    assert!(stdout(&o).ends_with("6 warnings\n"), "{}", stdout(&o));
}

/// Issue 23 item 8: one unweighted indicator at 37,5 % and one weighted at
/// 100 %: the achievement is 100 %, said with what it left out wherever it
/// appears, and `check` warns.
#[test]
fn an_unweighted_indicator_among_weighted_ones_is_named_wherever_the_number_is() {
    let (_dir, db) = fresh_db();
    add_alloggi(&db, "05_1201_0601", &[]);
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--add-indicator",
            "Domande evase",
            "--target",
            "2026=20",
            "--measure",
            "30/06/2026=20",
            "--weight",
            "50",
        ],
    );
    let left_out = "1 di 2 indicatori; indicatore 1 senza peso: escluso";
    for format in ["txt", "md", "html"] {
        let report = ok(
            &db,
            &["report", "--format", format, "--today", "01/07/2026"],
        );
        let flat = report.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!("= 5000/50 = 100% ({left_out})")),
            "{format}: {report}"
        );
        // The summary by mission says it next to the mean too.
        assert!(
            flat.contains(&format!("05_1201_0601: {left_out}")),
            "{format}: {report}"
        );
    }
    let o = run(&db, &["check", "--today", "01/07/2026", "0601"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "indicatore 1 «Alloggi assegnati» senza peso, tra indicatori pesati: escluso dal raggiungimento"
        ),
        "{}",
        stdout(&o)
    );
}
