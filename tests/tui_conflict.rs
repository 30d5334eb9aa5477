//! Issue 23 items 1, 3, 6 through the real binary in a pseudo-terminal: what a
//! colleague saved is shown before anything overwrites it, questions keep the
//! user's work with the same key, and one's own saves are not others' news.

mod common;
mod pty;

use std::time::Duration;

use common::*;
use pty::Tui;

/// From the top of the tree to objective 05_1201_0601 (the 8th row), opened.
const TO_0601: &str = "jjjjjjj\r";

/// Long enough for the live refresh (every 0.9 s) to poll at least twice.
const TWO_POLLS: Duration = Duration::from_millis(2500);

#[test]
fn a_single_user_is_not_told_of_other_users_after_equal_weights_and_an_edit() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("=");
    tui.wait_for("salvato");
    // The poll falls while the cell editor holds the objective just saved.
    tui.keys("4");
    tui.wait_for("Enter salva");
    std::thread::sleep(TWO_POLLS);
    tui.keys("\x1b");
    tui.wait_for("modifica annullata");
    std::thread::sleep(TWO_POLLS);
    let screen = tui.screen();
    assert!(!screen.contains("altri utenti"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}
