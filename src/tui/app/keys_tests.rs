//! The power user's keys (issue 28): counts before motions, the command line,
//! copy and paste of a cell, search that lands.

use crossterm::event::KeyCode;

use super::tests::{Fixture, fixture};
use super::*;

/// One column of 05_1201_0601's phases, top to bottom.
fn column(f: &Fixture, of: impl Fn(&crate::model::Phase) -> Option<f64>) -> Vec<Option<f64>> {
    f.objective("05_1201_0601").phases.iter().map(of).collect()
}

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

#[test]
fn colon_and_a_code_or_its_end_opens_the_objective() {
    let mut f = fixture();
    f.type_keys(":0601\n");
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0601");
    assert_eq!(f.app.focus, Pane::Phases, "opened as Enter opens it");
    f.type_keys(":201\n");
    f.assert_says(Status::Error, "201");
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0601");
    f.type_keys(":0801\x1b");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(
        f.app.objective().unwrap().code,
        "05_1201_0601",
        "Esc runs nothing"
    );
}

#[test]
fn colon_set_takes_the_flags_of_set_on_the_objective_shown_as_one_undo() {
    let mut f = fixture();
    f.type_keys(":set --weight 30\n");
    assert!(
        matches!(&f.app.status, Status::Error(m) if m.contains(":set")),
        "no objective open yet: {:?}",
        f.app.status
    );
    f.type_keys(":0601\n:set --phase 1 --weight 30 --progress 20%\n");
    f.assert_says(Status::Saved, "Peso: n/d → 30");
    let phase = &f.objective("05_1201_0601").phases[0];
    assert_eq!((phase.weight, phase.progress), (Some(30.0), Some(20.0)));
    // A wrong flag or value is said in the user's words, and nothing changes.
    f.type_keys(":set --phase 1 --peso 30\n");
    f.assert_says(Status::Error, "argomento inatteso «--peso»");
    f.type_keys(":set --phase 1 --weight 130\n");
    f.assert_says(Status::Error, "100");
    f.type_keys("u");
    let phase = &f.objective("05_1201_0601").phases[0];
    assert_eq!(
        (phase.weight, phase.progress),
        (None, None),
        "one u undoes both"
    );
    let stored = f.reopen();
    let phase = &stored.objectives[5].phases[0];
    assert_eq!((phase.weight, phase.progress), (None, None));
}

#[test]
fn colon_set_takes_the_indicator_flags_of_set_too() {
    let mut f = fixture();
    f.type_keys(":0601\n:set --add-indicator \"Alloggi assegnati\" --target 2026=20\n");
    f.assert_says(Status::Saved, "Alloggi assegnati");
    f.type_keys(":set --indicator 1 --baseline 12@2025 --weight 100\n");
    f.assert_saved();
    let indicator = &f.objective("05_1201_0601").indicators[0];
    assert_eq!(indicator.name, "Alloggi assegnati");
    assert_eq!(indicator.targets[&2026], 20.0);
    assert_eq!(indicator.weight, Some(100.0));
    // Refused in the CLI's words, nothing changed.
    f.type_keys(":set --indicator 2 --weight 5\n");
    f.assert_says(Status::Error, "non c'è l'indicatore 2");
    f.type_keys("6");
    let s = crate::tui::render::tests::screen(&mut f, 120, 40);
    assert!(s.contains("Alloggi assegnati"), "{s}");
    // One u: the baseline and the weight, set together, go together.
    f.type_keys("u");
    let indicator = &f.objective("05_1201_0601").indicators[0];
    assert_eq!(indicator.weight, None);
    assert_eq!(indicator.targets[&2026], 20.0);
    f.type_keys(":set --ind\t");
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "set --indicator "));
}

#[test]
fn the_command_line_keeps_a_history_and_completes_codes_commands_and_flags() {
    let mut f = fixture();
    f.type_keys(":w\n");
    f.assert_says(Status::Info, "già salvato");
    f.type_keys(":0601\n:");
    f.press(KeyCode::Up);
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "0601"));
    f.press(KeyCode::Up);
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "w"));
    f.press(KeyCode::Down);
    f.press(KeyCode::Down);
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text().is_empty()));
    f.type_keys("0801\t");
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "06_1201_0801 "));
    f.type_keys("\x1b:se\t--wei\t");
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "set --weight "));
    f.type_keys("\x1b:05_1201_0\t");
    assert!(
        matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "05_1201_0"),
        "several codes: as far as they agree"
    );
    f.assert_says(Status::Info, "05_1201_0601");
    f.type_keys("\x1b:help und\t");
    assert!(matches!(&f.app.mode, Mode::Command(l) if l.editor.text() == "help undo "));
    f.type_keys("\x1b:q\n");
    assert!(f.app.quit);
}

#[test]
fn slash_in_the_help_and_colon_help_find_a_line_and_n_goes_on() {
    let mut f = fixture();
    f.type_keys("?/undo\n");
    let Mode::Help { scroll } = f.app.mode else {
        panic!("the help stays open")
    };
    assert!(scroll > 10, "scrolled to the undo line: {scroll}");
    assert!(matches!(&f.app.status, Status::Info(m) if m == "«undo» 1/1"));
    f.type_keys("/annulla\n");
    assert!(matches!(&f.app.status, Status::Info(m) if m.starts_with("«annulla» 1/")));
    f.type_keys("n");
    assert!(matches!(&f.app.status, Status::Info(m) if m.starts_with("«annulla» 2/")));
    f.type_keys("N");
    assert!(matches!(&f.app.status, Status::Info(m) if m.starts_with("«annulla» 1/")));
    f.type_keys("/nessunaparolacosì\n");
    f.assert_says(Status::Error, "non è nell'aiuto");
    f.type_keys("?:help annulla\n");
    assert!(matches!(f.app.mode, Mode::Help { scroll } if scroll > 10));
    assert_eq!(f.app.help_query.as_deref(), Some("annulla"));
}

#[test]
fn y_copies_a_cell_and_p_pastes_it_on_the_marked_rows_as_one_change() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("P");
    f.assert_says(Status::Info, "niente da incollare");
    f.type_keys("p40\n");
    f.type_keys("ky");
    assert!(
        matches!(&f.app.status, Status::Info(m) if m.starts_with("copiato Avanzamento: 40")),
        "{:?}",
        f.app.status
    );
    // Phases 2 and 3 marked, the cursor back on a marked one.
    f.type_keys("j  kP");
    let progress = |f: &Fixture| column(f, |p| p.progress);
    assert_eq!(progress(&f), [Some(40.0), Some(40.0), Some(40.0), None]);
    f.assert_says(Status::Saved, "2 fasi Avanzamento: 40");
    f.type_keys("u");
    assert_eq!(
        progress(&f),
        [Some(40.0), None, None, None],
        "one u undoes both"
    );
    // On another table the copied column is not there (a digit on the
    // progress cell would be a value: the focus is put there directly).
    f.focus(Pane::Indicators);
    f.type_keys("P");
    f.assert_says(Status::Info, "Fasi");
}

#[test]
fn the_ditto_key_repeats_the_cell_above_on_the_row_or_the_marked_rows() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("\"");
    f.assert_says(Status::Info, "prima riga");
    f.type_keys("w25\n\"");
    let weights = |f: &Fixture| column(f, |p| p.weight);
    assert_eq!(weights(&f), [Some(25.0), Some(25.0), None, None]);
    // Rows 3 and 4 marked: both take row 2's, in one change.
    f.type_keys("j  k\"");
    assert_eq!(weights(&f), [Some(25.0); 4]);
    f.type_keys("u");
    assert_eq!(weights(&f), [Some(25.0), Some(25.0), None, None]);
}

#[test]
fn counts_move_in_a_list_to_choose_from_and_scroll_the_review_page() {
    let mut f = fixture();
    f.type_keys("f");
    let selected = |f: &Fixture| match &f.app.mode {
        Mode::Pick(p) => p.selected,
        _ => panic!("the filter list is open"),
    };
    f.type_keys("3");
    let s = crate::tui::render::tests::screen(&mut f, 120, 40);
    assert!(s.contains("conteggio 3…"), "a count is being typed: {s}");
    f.type_keys("j");
    assert_eq!(selected(&f), 3, "3j: three items down");
    assert_eq!(f.app.focus, Pane::Tree, "no digit picked a pane");
    f.type_keys("2G");
    assert_eq!(selected(&f), 1, "2G: the second item");
    f.type_keys("\x1bR\n");
    assert!(f.app.reviewing());
    let scroll = |f: &Fixture| f.app.review.as_ref().unwrap().scroll;
    f.type_keys("5j");
    assert_eq!(scroll(&f), 5, "5j: the page scrolled five lines");
    f.type_keys("2k");
    assert_eq!(scroll(&f), 3);
}

/// The review page moves as a pane does (GUIDE §4): `gg`, `G`, counts,
/// `PgDn`/`PgUp`, `Ctrl-D`/`Ctrl-U`, every motion of `Action::is_motion`.
#[test]
fn the_review_page_takes_every_motion_a_pane_takes() {
    let mut f = fixture();
    f.type_keys("R\n");
    assert!(f.app.reviewing());
    let scroll = |f: &Fixture| f.app.review.as_ref().unwrap().scroll;
    // A frame measured the page: 20 rows to move by, 100 to scroll at most.
    f.app.measures.page = 20;
    f.app.measures.last_scroll = Some(100);
    f.type_keys("G");
    assert!(scroll(&f) >= 100, "G: to the bottom, {}", scroll(&f));
    f.type_keys("k");
    assert_eq!(scroll(&f), 99, "k from the bottom the frame showed");
    f.type_keys("gg");
    assert_eq!(scroll(&f), 0, "gg: to the top");
    f.press(KeyCode::PageDown);
    assert_eq!(scroll(&f), 20);
    f.ctrl('d');
    assert_eq!(scroll(&f), 30, "Ctrl-D: half a page");
    f.ctrl('u');
    f.press(KeyCode::PageUp);
    assert_eq!(scroll(&f), 0);
    f.type_keys("10G");
    assert_eq!(scroll(&f), 9, "10G: the tenth line at the top");
    f.type_keys("2");
    f.ctrl('d');
    assert_eq!(scroll(&f), 29, "2Ctrl-D: two half pages");
    assert!(f.app.reviewing(), "no motion left the review");
}
