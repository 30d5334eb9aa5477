//! Monitoring snapshots, `diff` and the minutes of a review, from the command line.

use crate::common;

use common::{SNAPSHOT as SNAP, assert_refused, monitored_db, ok, release, run};
use obiettivi::store::Store;

/// A database with a snapshot, then two changes to 0601 and none elsewhere.
fn monitored() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = monitored_db();
    ok(&db, &["set", "05_1201_0601", "--status", "Concluso"]);
    (dir, db)
}

#[test]
fn snapshots_are_created_listed_and_deleted_and_names_are_unique() {
    let (_dir, db) = monitored();
    let out = ok(&db, &["snapshot", "create", "Monitoraggio 31/12/2026"]);
    assert!(
        out.contains("istantanea creata «Monitoraggio 31/12/2026»: 8 obiettivi"),
        "{out}"
    );
    let list = ok(&db, &["snapshot", "list"]);
    let names: Vec<&str> = list
        .lines()
        .map(|l| l.rsplit("  ").next().unwrap())
        .collect();
    assert_eq!(names, [SNAP, "Monitoraggio 31/12/2026"], "{list}");
    let again = run(&db, &["snapshot", "create", SNAP]);
    assert_refused(&again, &format!("esiste già un'istantanea «{SNAP}»"));
    ok(&db, &["snapshot", "delete", "Monitoraggio 31/12/2026"]);
    let gone = run(&db, &["snapshot", "delete", "Monitoraggio 31/12/2026"]);
    assert_refused(&gone, "non esiste");
    assert_eq!(ok(&db, &["snapshot", "list"]).lines().count(), 1);
}

#[test]
fn diff_lists_only_changed_objectives_with_old_and_new_values() {
    let (_dir, db) = monitored();
    let text = ok(&db, &["diff", SNAP]);
    assert!(text.contains("Obiettivi modificati: 1"), "{text}");
    assert!(text.contains("05_1201_0601"), "{text}");
    assert!(
        !text.contains("05_1201_0201"),
        "an unchanged objective is listed: {text}"
    );
    for line in [
        "- Avanzamento obiettivo: n/d → 25%",
        "- Stato: In Corso → Concluso",
        "- fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: n/d → 40",
        "- fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Avanzamento: n/d → 25%",
    ] {
        assert!(text.contains(line), "«{line}» missing: {text}");
    }
    // Nothing changed since a snapshot taken now.
    ok(&db, &["snapshot", "create", "adesso"]);
    assert!(ok(&db, &["diff", "adesso"]).contains("Nessuna modifica."));
    // Between two snapshots, the later state is the second one's.
    let between = ok(&db, &["diff", SNAP, "adesso"]);
    assert!(between.contains("Stato: In Corso → Concluso"), "{between}");
    let missing = run(&db, &["diff", "nessuna"]);
    assert_refused(&missing, "l'istantanea «nessuna» non esiste");
}

#[test]
fn narratives_are_summarised_as_a_word_diff_in_text_and_markdown() {
    let (_dir, db) = monitored();
    let before = common::export_json(&db);
    let year1 = before["objectives"][5]["narratives"]["year1"]
        .as_str()
        .unwrap()
        .to_string();
    let edited = year1.replacen("Prosegue il lavoro", "Si è concluso il lavoro", 1);
    assert_ne!(edited, year1);
    let mut set = common::bin()
        .arg("--db")
        .arg(&db)
        .args(["set", "05_1201_0601", "--year1", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    set.stdin
        .take()
        .unwrap()
        .write_all(edited.as_bytes())
        .unwrap();
    assert!(set.wait().unwrap().success());
    let text = ok(&db, &["diff", SNAP]);
    assert!(
        text.contains("Stato di attuazione 1° anno (−1 / +3 parole)"),
        "{text}"
    );
    assert!(
        text.contains("[-Prosegue-]{+Si è concluso+} il lavoro"),
        "{text}"
    );
    // Long unchanged stretches are cut: the summary is much shorter than the text.
    let section = text.split("Stato di attuazione 1° anno").nth(1).unwrap();
    assert!(section.len() < year1.len() / 2, "{section}");
    let md = ok(&db, &["diff", SNAP, "--format", "md"]);
    assert!(
        md.contains("~~Prosegue~~**Si è concluso** il lavoro"),
        "{md}"
    );
    assert!(
        md.contains("## 05_1201_0601 — Programmare e realizzare"),
        "{md}"
    );
}

#[test]
fn the_minutes_of_a_review_say_who_reviewed_what_with_comments_and_changes() {
    let (_dir, db) = monitored();
    release(&db);
    {
        let store = Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        let review = store.start_review(Some(SNAP), "anna").unwrap();
        store
            .mark_reviewed(review.id, "05_1201_0601", "alloggi consegnati", "anna")
            .unwrap();
        store
            .mark_reviewed(review.id, "05_1201_0102", "", "mario")
            .unwrap();
    }
    let list = ok(&db, &["review", "list"]);
    assert!(list.starts_with("1  "), "{list}");
    assert!(
        list.contains("anna  2 di 8 rivisti  confronto con «Monitoraggio 30/06/2026»"),
        "{list}"
    );

    let md = ok(
        &db,
        &[
            "report",
            "--review",
            "1",
            "--format",
            "md",
            "--today",
            "25/11/2026",
        ],
    );
    for wanted in [
        "# Verbale della revisione n. 1",
        "Confronto con l'istantanea «Monitoraggio 30/06/2026»",
        "- **Obiettivi rivisti:** 2 di 8",
        "- **Modificati dall'istantanea:** 1",
        "- **Revisione:** rivisto da anna il",
        "- **Commento:** alloggi consegnati",
        "- Stato — prima: In Corso; dopo: Concluso",
        "- **Revisione:** rivisto da mario il",
        // Unchanged objectives named once, together, not given a section each.
        "- **Senza modifiche:** 05_1201_0102, 05_1201_0201, 05_1201_0301, 05_1201_0401, \
         05_1201_0501, 05_1201_0701, 06_1201_0801",
    ] {
        assert!(md.contains(wanted), "«{wanted}» missing: {md}");
    }
    assert!(
        md.contains("- **Non rivisti:** 05_1201_0201, 05_1201_0301"),
        "{md}"
    );

    let html = ok(&db, &["report", "--review", "1", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<dd>alloggi consegnati</dd>"), "{html}");
    // The changed and the reviewed ones: 0601 (both) and 0102 (reviewed).
    assert_eq!(html.matches("<section class=\"objective\">").count(), 2);

    let none = run(&db, &["report", "--review", "7"]);
    assert_refused(&none, "la revisione 7 non esiste");
    // A deleted snapshot leaves minutes without the changes, and says so.
    ok(&db, &["snapshot", "delete", SNAP]);
    let md = ok(&db, &["report", "--review", "1"]);
    assert!(
        md.contains("è stata eliminata: modifiche non disponibili"),
        "{md}"
    );
    assert!(md.contains("alloggi consegnati"), "{md}");
}

/// Issue 17: an indicator added, a target changed and a measurement entered
/// since a snapshot are in `diff` and in the minutes, old → new.
#[test]
fn diff_and_the_minutes_list_indicator_targets_and_measurements() {
    let (_dir, db) = monitored_db();
    let code = "05_1201_0601";
    ok(
        &db,
        &[
            "set",
            code,
            "--add-indicator",
            "Alloggi",
            "--target",
            "2026=20",
        ],
    );
    assert!(
        ok(&db, &["diff", SNAP]).contains("- indicatore 1 «Alloggi» aggiunto"),
        "an indicator added since the snapshot"
    );
    ok(&db, &["snapshot", "create", "dopo"]);
    ok(
        &db,
        &[
            "set",
            code,
            "--indicator",
            "1",
            "--target",
            "2026=25",
            "--measure",
            "30/06/2026=15",
        ],
    );
    let text = ok(&db, &["diff", "dopo"]);
    for line in [
        "- indicatore 1 «Alloggi» Target 2026: 20 → 25",
        "- indicatore 1 «Alloggi» Rilevazione 30/06/2026: — → 15",
    ] {
        assert!(text.contains(line), "«{line}» missing: {text}");
    }
    release(&db);
    {
        let store = Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        let review = store.start_review(Some("dopo"), "anna").unwrap();
        store.mark_reviewed(review.id, code, "", "anna").unwrap();
    }
    let md = ok(&db, &["report", "--review", "1", "--format", "md"]);
    assert!(
        md.contains("- indicatore 1 «Alloggi» Rilevazione 30/06/2026 — prima: —; dopo: 15"),
        "{md}"
    );
}
