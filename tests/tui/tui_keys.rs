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
