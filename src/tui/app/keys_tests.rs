//! The power user's keys (issue 28): counts before motions, the command line,
//! copy and paste of a cell, search that lands.

use crossterm::event::KeyCode;

use super::tests::fixture;
use super::*;

#[test]
fn a_count_before_a_motion_repeats_it_and_a_digit_alone_still_picks_a_pane() {
    let mut f = fixture();
    f.type_keys("5j");
    assert_eq!(f.app.selected, 5, "5j from the top: the 6th row");
    assert_eq!(f.app.focus, Pane::Tree, "the 5 picked no pane");
    f.type_keys("12j");
    assert_eq!(
        f.app.selected, 11,
        "a count past the end stops at the last row"
    );
    f.type_keys("3G");
    assert_eq!(f.app.selected, 2, "3G: the 3rd row");
    f.type_keys("10gg");
    assert_eq!(
        f.app.selected, 9,
        "10gg: the 10th row, the second g completes it"
    );
    f.type_keys("gg");
    assert_eq!(f.app.selected, 0);
    f.type_keys("G");
    assert_eq!(f.app.selected, 11);
    f.type_keys("2k");
    assert_eq!(f.app.selected, 9);
    // A digit picks its pane at once, as before; a motion after it makes it a count.
    f.type_keys("3");
    assert_eq!(f.app.focus, Pane::Phases);
    f.type_keys("1");
    assert_eq!(f.app.focus, Pane::Tree, "each digit picks its pane");
    f.type_keys("3");
    f.type_keys("1k");
    assert_eq!(
        f.app.focus,
        Pane::Tree,
        "31k: back in the tree, where it began"
    );
    assert_eq!(f.app.selected, 0, "31k");
    f.type_keys("3x");
    assert_eq!(
        f.app.focus,
        Pane::Phases,
        "no motion: the pane stays picked"
    );
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_page_and_take_a_count() {
    let mut f = fixture();
    f.app.measures.page = 4;
    f.ctrl('d');
    assert_eq!(f.app.selected, 2);
    f.type_keys("2");
    f.ctrl('d');
    assert_eq!(f.app.selected, 6);
    f.ctrl('u');
    assert_eq!(f.app.selected, 4);
}

#[test]
fn a_digit_on_a_number_cell_is_a_value_not_a_count() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("w\x1b");
    f.type_keys("2j");
    assert!(
        matches!(&f.app.mode, Mode::Cell(edit) if edit.editor.text() == "2j"),
        "the 2 began the weight"
    );
    f.press(KeyCode::Esc);
    // On the phase's name (text) a digit counts.
    f.type_keys("hhhhhhhh2j");
    assert_eq!(f.app.phases.row, 2);
    assert_eq!(f.app.focus, Pane::Phases);
}
