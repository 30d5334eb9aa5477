//! End to end: the real binary in a pseudo-terminal, driven with the keys of
//! GUIDE §4, quit, started again — what was typed is there.

mod common;
mod pty;

use common::*;
use pty::Tui;

/// From the top of the tree to objective 05_1201_0601 (the 8th row), opened.
const TO_0601: &str = "jjjjjjj\r";

#[test]
fn weight_progress_and_narrative_typed_with_keys_survive_a_restart() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("w");
    tui.wait_for("Enter salva");
    tui.keys("40\r");
    tui.wait_for("salvato · fase 1 Peso: 40");
    tui.keys("jp25\r");
    tui.wait_for("salvato · fase 2 Avanzamento: 25");
    tui.keys("e");
    tui.wait_for("Stato di attuazione 1° anno · 05_1201_0601");
    tui.keys("\x05 FraseDalTerminale.\x13");
    tui.wait_for("salvato · Stato di attuazione 1° anno");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    assert!(
        tui.terminal_restored(),
        "alternate screen left and cursor shown after q"
    );

    // Started again: the values are on screen.
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    let screen = tui.wait_for("Σ pesi: 40");
    assert!(screen.contains("= 25%"), "{screen}");
    tui.keys("\t");
    tui.wait_for("FraseDalTerminale.");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let json = export_json(&db);
    let o = &json["objectives"][5];
    assert_eq!(o["phases"][0]["weight"], 40.0);
    assert_eq!(o["phases"][1]["progress"], 25.0);
    assert!(
        o["narratives"]["year1"]
            .as_str()
            .unwrap()
            .contains("di mercato. FraseDalTerminale.")
    );
}

#[test]
fn a_refused_value_is_explained_and_the_stored_one_stays() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.keys("w101\r");
    tui.wait_for("«101»: il valore non può superare 100");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    assert!(export_json(&db)["objectives"][5]["phases"][0]["weight"].is_null());
}

#[test]
fn a_dropped_connection_ends_the_process_and_the_draft_is_offered_on_restart() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.keys("E");
    tui.wait_for("Stato di attuazione 2° anno · 05_1201_0601");
    tui.keys("ParoleDaNonPerdere ");
    tui.wait_for("ParoleDaNonPerdere");
    tui.hang_up();
    tui.wait_exit();
    // The database is free again and the published text is untouched.
    let json = export_json(&db);
    assert!(
        !json["objectives"][5]["narratives"]["year2"]
            .as_str()
            .unwrap()
            .contains("ParoleDaNonPerdere")
    );

    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.keys("E");
    tui.wait_for("C'è una bozza non pubblicata del 2° anno");
    tui.keys("s");
    tui.wait_for("bozza ripristinata");
    tui.wait_for("ParoleDaNonPerdere In qualità di Ente Capofila");
    tui.keys("\x13");
    tui.wait_for("salvato");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    assert!(
        json["objectives"][5]["narratives"]["year2"]
            .as_str()
            .unwrap()
            .starts_with("ParoleDaNonPerdere In qualità")
    );
}

#[test]
fn sigterm_ends_the_process_and_restores_the_terminal() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    assert!(
        !tui.terminal_restored(),
        "the app runs in the alternate screen"
    );
    unsafe { libc::kill(tui.pid(), libc::SIGTERM) };
    tui.wait_exit();
    let started = std::time::Instant::now();
    while !tui.terminal_restored() && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(tui.terminal_restored());
    assert_eq!(
        run(&db, &["export"]).status.code(),
        Some(0),
        "the database opens cleanly afterwards"
    );
}

#[test]
fn at_80x24_one_pane_shows_with_a_tab_bar_and_help_lists_the_keys() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("06_1201_0801");
    let screen = tui.wait_for("1 Obiettivi");
    assert!(screen.contains("3 Fasi"), "{screen}");
    tui.keys("G\t");
    tui.wait_for("Codice: 06_1201_0801");
    tui.keys("?");
    tui.wait_for("riquadro successivo");
    tui.keys("?q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_second_session_on_the_same_database_is_told_why_it_cannot_open() {
    let (_dir, db) = fresh_db();
    let mut first = Tui::start(&db, 100, 30);
    first.wait_for("2023_2028_DUP_05");
    let mut second = Tui::start(&db, 100, 30);
    second.wait_for("è già aperto da un altro processo obiettivi");
    assert_eq!(second.wait_exit(), 2);
    first.keys("q");
    assert_eq!(first.wait_exit(), 0);
}

/// A whole monitoring meeting with the keyboard alone: choose the snapshot,
/// mark every objective with a comment, quit; the minutes say it all.
#[test]
fn a_full_review_from_the_snapshot_to_the_minutes_with_keys_alone() {
    let (_dir, db) = monitored_db();

    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("R");
    tui.wait_for("Nuova revisione: confronto con «Monitoraggio 30/06/2026»");
    tui.keys("\r");
    tui.wait_for("Revisione n. 1 · 1/8 · 0 di 8 rivisti");
    for i in 1..=8 {
        tui.keys("m");
        tui.wait_for("Commento (facoltativo)");
        tui.keys(&format!("discusso {i}\r"));
        tui.wait_for(&format!("{i} di 8 rivisti"));
        if i < 8 {
            tui.keys("n");
            tui.wait_for(&format!("· {}/8 ·", i + 1));
        }
    }
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let o = run(&db, &["report", "--review", "1", "--format", "md"]);
    let minutes = stdout(&o);
    assert!(
        minutes.contains("- **Obiettivi rivisti:** 8 di 8"),
        "{minutes}"
    );
    assert!(minutes.contains("- **Non rivisti:** —"), "{minutes}");
    for i in 1..=8 {
        assert!(
            minutes.contains(&format!("- **Commento:** discusso {i}\n")),
            "{minutes}"
        );
    }
    assert!(minutes.contains("Peso: n/d → 40"), "{minutes}");
}
