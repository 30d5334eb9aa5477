//! The power user's keys (issue 28) in a real terminal: counts before
//! motions, the command line, copy and paste of a cell, search that lands.

use crate::common;
use crate::pty;

use common::*;
use pty::Tui;

#[test]
fn five_j_lands_on_the_sixth_row_and_gg_g_go_to_the_ends() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    // The 6th row of the tree is objective 0401 (mandate, mission, 0102, 0201, 0301, 0401).
    tui.keys("5j\r");
    tui.wait_for("05_1201_0401 · fase 1/1");
    // `1` picks the tree; Esc (no motion) leaves it picked; `G` to the last row.
    tui.keys("1\x1bG\r");
    tui.wait_for("06_1201_0801 · fase 1/4");
    // `1G` would be a count (the first row of the phases): Esc between them.
    tui.keys("1\x1bgg7j\r");
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn colon_0601_opens_the_objective_and_colon_set_sets_its_phase() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(":0601");
    tui.wait_for(" :0601");
    tui.keys("\r");
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys(":set --phase 1 --weight 30\r");
    tui.wait_for("salvato · 05_1201_0601: fase 1");
    tui.wait_for("Peso: n/d → 30");
    tui.keys(":q\r");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    assert_eq!(json["objectives"][5]["phases"][0]["weight"], 30.0);
}

#[test]
fn question_mark_then_slash_undo_finds_the_undo_line() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("?");
    let screen = tui.wait_for("riquadro successivo");
    assert!(
        !screen.contains("annulla l'ultima modifica di questa sessione"),
        "the undo line is below the first page: {screen}"
    );
    tui.keys("/undo\r");
    tui.wait_for("«undo» 1/1");
    tui.wait_for("annulla l'ultima modifica di questa sessione · undo");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn y_on_a_progress_cell_then_p_on_two_marked_rows_sets_both_and_one_u_undoes_both() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(":0601\r");
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("p40\r");
    tui.wait_for("salvato · fase 1 Avanzamento: 40");
    tui.keys("ky");
    tui.wait_for("copiato Avanzamento: 40");
    // Phases 2 and 3 marked, the cursor back on phase 3.
    tui.keys("j  kP");
    tui.wait_for("salvato · 2 fasi Avanzamento: 40");
    tui.keys("u");
    // Both in one undo (the status wraps: each part waited for).
    tui.wait_for("annullata l'ultima modifica di 05_1201_0601: fase 3");
    tui.wait_for("Avanzamento: 40 → n/d, fase 2");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    let progress =
        |json: &serde_json::Value, i: usize| json["objectives"][5]["phases"][i]["progress"].clone();
    assert_eq!(progress(&json, 0), 40.0);
    assert!(progress(&json, 1).is_null() && progress(&json, 2).is_null());
}

#[test]
fn slash_ghirlanda_shows_the_word_of_the_second_year_on_screen() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("/Ghirlanda\r");
    tui.wait_for("«Ghirlanda» 1/1: 05_1201_0601");
    // At 80×24 one pane shows: the status reports, scrolled to the word.
    let screen = tui.wait_for("Ghirlanda");
    assert!(screen.contains("▶ Stato"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("Ghirlanda") && l.starts_with('│'))
        .unwrap_or_else(|| panic!("the word in the pane: {screen}"));
    assert!(row.contains("Ghirlanda"), "{row}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}
