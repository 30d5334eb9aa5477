//! The phase table as an editor (issue 15): type-to-edit, Enter down and Tab
//! right, marks and bulk edits as one change, `=`, `.`, `J`/`K`, user keys, the mouse.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::tests::{Fixture, fixture};
use super::*;
use crate::model::values::format_number;

const CODE: &str = "05_1201_0601";

fn weights(f: &Fixture) -> Vec<Option<f64>> {
    f.objective(CODE).phases.iter().map(|p| p.weight).collect()
}

fn progress(f: &Fixture) -> Vec<Option<f64>> {
    f.objective(CODE)
        .phases
        .iter()
        .map(|p| p.progress)
        .collect()
}

fn history_len(f: &Fixture) -> usize {
    crate::service::whole_history(&*f.app.service, Some(CODE))
        .unwrap()
        .len()
}

/// Σ of the weights in hundredths, as stored: exact, no float noise.
fn sum_in_cents(f: &Fixture) -> i64 {
    weights(f)
        .iter()
        .flatten()
        .map(|w| (w * 100.0).round() as i64)
        .sum()
}

#[test]
fn a_digit_on_a_number_cell_starts_editing_it_and_enter_goes_down_tab_right() {
    let mut f = fixture();
    f.open(CODE);
    f.type_keys("l"); // Peso
    f.type_keys("25");
    let Mode::Cell(edit) = &f.app.mode else {
        panic!("a digit on Peso opens its editor")
    };
    assert_eq!(
        edit.editor.text(),
        "25",
        "with the digit typed, not the old value"
    );
    f.type_keys("\n");
    assert_eq!(weights(&f)[0], Some(25.0));
    assert_eq!(
        (f.app.phases.row, f.app.phase_field()),
        (1, PhaseField::Weight),
        "Enter: the same cell of the next phase"
    );
    f.type_keys("30\t");
    assert_eq!(weights(&f)[1], Some(30.0));
    assert_eq!(
        (f.app.phases.row, f.app.phase_field()),
        (1, PhaseField::Progress),
        "Tab: the cell on the right"
    );
    f.type_keys("4\x1b");
    assert_eq!(progress(&f)[1], None, "Esc cancels");
    // A letter with no action on a number cell starts nothing, and says so.
    f.type_keys("x");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(
        f.app.status,
        Status::Info("tasto x: nessuna azione · ? aiuto".into())
    );
    // A letter on a number cell is a key, not text: `w` still edits the weight.
    f.type_keys("w");
    assert!(matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "30"));
    f.type_keys("\x1b");
    // Enter on the last phase stays on it.
    f.type_keys("G");
    f.type_keys("l7\n");
    assert_eq!((f.app.phases.row, progress(&f)[3]), (3, Some(7.0)));
}

/// The phase's stored name and the editor, if one is open.
fn name_and_editor(f: &Fixture, phase: usize) -> (String, Option<String>) {
    let editor = match &f.app.mode {
        Mode::Cell(e) => Some(e.editor.text()),
        _ => None,
    };
    (f.objective(CODE).phases[phase].name.clone(), editor)
}

#[test]
fn on_a_text_cell_a_digit_is_a_pane_and_a_letter_starts_no_edit() {
    let mut f = fixture();
    f.open(CODE);
    assert_eq!(f.app.phase_field(), PhaseField::Name);
    let name = f.objective(CODE).phases[0].name.clone();
    // `6`: pane 6, nothing renamed (issue 23: it stored the name "6").
    f.type_keys("6");
    assert_eq!(f.app.focus, Pane::Indicators);
    assert_eq!(name_and_editor(&f, 0), (name.clone(), None));
    f.type_keys("3");
    assert_eq!(f.app.focus, Pane::Phases);
    // `b`, `Z`, `x`, `,`: no editor; the key is said to do nothing.
    for key in ["b", "Z", "x", ","] {
        f.app.status = Status::Saved("stale".into());
        f.type_keys(key);
        assert_eq!(name_and_editor(&f, 0), (name.clone(), None), "{key}");
        assert_eq!(
            f.app.status,
            Status::Info(format!("tasto {key}: nessuna azione · ? aiuto")),
            "the stale message is replaced"
        );
    }
    f.type_keys("\n\n");
    assert_eq!(
        (f.app.phases.row, name_and_editor(&f, 0)),
        (1, (name.clone(), None))
    );
    // Enter, `i`, `F2` and `c` open it; `c` with the name selected.
    f.type_keys("k");
    for key in ["i", "c"] {
        f.type_keys(key);
        let Mode::Cell(e) = &f.app.mode else {
            panic!("{key} opens the name")
        };
        assert_eq!(e.editor.text(), name);
        assert_eq!(e.editor.is_selected(), key == "c", "{key}");
        f.type_keys("\x1b");
    }
    f.press(KeyCode::F(2));
    assert!(matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == name));
    f.type_keys("\x1b");
    // A number cell takes `,` (`,5` is 0,5); `-` stays the progress step.
    f.type_keys("l");
    assert_eq!(f.app.phase_field(), PhaseField::Weight);
    f.type_keys(",5\n");
    assert_eq!(weights(&f)[0], Some(0.5));
    f.type_keys("kl+-");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(progress(&f)[0], Some(0.0), "+5 then -5");
    // A date cell takes a digit, not a letter nor `,`.
    f.type_keys("l");
    assert_eq!(f.app.phase_field(), PhaseField::PlannedStart);
    f.type_keys(",");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.type_keys("3");
    assert!(matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "3"));
    f.type_keys("\x1b");
    // On the Responsabile (text) cell, `1` is the tree.
    f.type_keys("llll");
    assert_eq!(f.app.phase_field(), PhaseField::Manager);
    f.type_keys("1");
    assert_eq!(f.app.focus, Pane::Tree);
}

#[test]
fn w_and_p_open_with_the_old_value_selected_so_typing_replaces_it() {
    let mut f = fixture();
    f.open(CODE);
    f.type_keys("p80\n");
    f.type_keys("k");
    // Issue 23: `p 7 0 Enter` on 80 gave «8070».
    f.type_keys("p");
    assert!(
        matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "80" && e.editor.is_selected())
    );
    f.type_keys("70\n");
    assert_eq!(progress(&f)[0], Some(70.0));
    // An arrow keeps the old value to edit it.
    f.type_keys("k");
    f.type_keys("p");
    f.press(KeyCode::End);
    f.type_keys(",5\n");
    assert_eq!(progress(&f)[0], Some(70.5));
    f.type_keys("kw40\nkw");
    f.press(KeyCode::Backspace);
    f.type_keys("\n");
    assert_eq!(weights(&f)[0], None, "Backspace empties the selected value");
    // Enter edits from the value, as before.
    f.type_keys("kl\n1\n");
    assert_eq!(progress(&f)[0], Some(70.51));
    let stored = f.reopen();
    let o = stored.objectives.iter().find(|o| o.code == CODE).unwrap();
    assert_eq!(o.phases[0].progress, Some(70.51));
}

#[test]
fn equal_weights_on_3_and_on_7_phases_add_up_to_100_exactly() {
    let mut f = fixture();
    f.open(CODE);
    // 3 of the 4 phases marked: they share the 100 the fourth (unweighted) leaves.
    f.type_keys("   =");
    assert_eq!(f.app.phases.marks.len(), 3);
    assert_eq!(
        weights(&f),
        [Some(33.34), Some(33.33), Some(33.33), None],
        "3 phases: 33,34 · 33,33 · 33,33"
    );
    assert_eq!(sum_in_cents(&f), 10_000);
    f.assert_says(Status::Saved, "33,34 · 33,33 · 33,33");
    // Seven phases, none marked: all of them.
    f.type_keys("*");
    f.type_keys("*");
    assert!(f.app.phases.marks.is_empty(), "* twice: none marked");
    for name in ["E", "F", "G"] {
        f.type_keys(&format!("Ga{name}\n"));
    }
    assert_eq!(f.objective(CODE).phases.len(), 7);
    f.type_keys("=");
    assert_eq!(sum_in_cents(&f), 10_000, "{:?}", weights(&f));
    // Again: nothing changes, so nothing is saved or recorded.
    let recorded = history_len(&f);
    f.type_keys("=");
    f.assert_says(Status::Info, "è già così");
    assert_eq!(history_len(&f), recorded);
    let sum: f64 = weights(&f).iter().flatten().sum();
    assert_eq!(format!("{sum:.2}"), "100.00", "Σ = 100,00");
    assert_eq!(format_number(sum), "100", "as the table's Σ shows it");
    assert!(
        weights(&f)
            .iter()
            .all(|w| matches!(w, Some(x) if *x == 14.29 || *x == 14.28))
    );
    // Stored so.
    let stored = f.reopen();
    let o = stored.objectives.iter().find(|o| o.code == CODE).unwrap();
    let cents: i64 = o
        .phases
        .iter()
        .map(|p| (p.weight.unwrap() * 100.0).round() as i64)
        .sum();
    assert_eq!(cents, 10_000);
}

#[test]
fn an_edit_on_marked_phases_is_one_change_one_undo_and_one_audit_entry_per_phase() {
    let mut f = fixture();
    f.open(CODE);
    let before = history_len(&f);
    f.type_keys("   k"); // Space marks and goes down: phases 1 to 3 marked, back on 3
    assert_eq!(
        f.app.phases.marks.iter().copied().collect::<Vec<_>>(),
        [0, 1, 2]
    );
    f.type_keys("p");
    f.ctrl('u');
    f.type_keys("60\n");
    assert_eq!(progress(&f), [Some(60.0), Some(60.0), Some(60.0), None]);
    f.assert_says(Status::Saved, "3 fasi Avanzamento: 60");
    assert_eq!(history_len(&f), before + 3, "one audit entry per phase");
    assert_eq!(f.app.undo_stack.len(), 1, "one change");
    // + on a marked phase steps all of them.
    f.type_keys("k+");
    assert_eq!(progress(&f), [Some(65.0), Some(65.0), Some(65.0), None]);
    // On an unmarked phase, only that one.
    f.type_keys("G+");
    assert_eq!(progress(&f)[3], Some(5.0));
    f.type_keys("uu");
    assert_eq!(progress(&f), [Some(60.0), Some(60.0), Some(60.0), None]);
    f.type_keys("u");
    assert_eq!(progress(&f), [None; 4], "one u undoes the mark-and-edit");
    let stored = f.reopen();
    let o = stored.objectives.iter().find(|o| o.code == CODE).unwrap();
    assert!(o.phases.iter().all(|p| p.progress.is_none()));
}

#[test]
fn dot_repeats_the_last_edit_on_the_selected_or_marked_phases() {
    let mut f = fixture();
    f.open(CODE);
    f.type_keys(".");
    f.assert_says(Status::Info, "nessuna modifica da ripetere");
    f.type_keys("w15\n"); // phase 1, then down to 2
    f.type_keys(".");
    assert_eq!(weights(&f)[..2], [Some(15.0), Some(15.0)]);
    f.type_keys("j  ");
    f.type_keys("k.");
    assert_eq!(
        weights(&f),
        [Some(15.0), Some(15.0), Some(15.0), Some(15.0)]
    );
    f.type_keys("+.");
    assert_eq!(
        progress(&f),
        [None, None, Some(10.0), Some(10.0)],
        "the ± step"
    );
}

#[test]
fn j_and_k_in_capitals_move_the_phase_and_the_move_is_undone_and_recorded() {
    let mut f = fixture();
    f.open(CODE);
    let names = |f: &Fixture| -> Vec<String> {
        f.objective(CODE)
            .phases
            .iter()
            .map(|p| p.name.chars().take(6).collect())
            .collect()
    };
    let first = names(&f);
    f.type_keys(" J"); // mark phase 1 (the cursor goes to 2), move phase 2 down
    assert_eq!(
        names(&f),
        [&first[0], &first[2], &first[1], &first[3]].map(String::clone)
    );
    assert_eq!(f.app.phases.row, 2, "the cursor goes with the phase");
    f.type_keys("ggK");
    f.assert_says(Status::Info, "già la prima");
    let Mode::History { lines, .. } = ({
        f.type_keys("H");
        &f.app.mode
    }) else {
        panic!("H opens the history")
    };
    let last = lines.last().unwrap();
    assert!(
        last.contains("fase 3 «UTILIZZO DELLE RISORSE") && last.ends_with("» spostata: 2 → 3"),
        "{lines:?}"
    );
    f.type_keys("\x1bu");
    assert_eq!(names(&f), first);
    let stored = f.reopen();
    let o = stored.objectives.iter().find(|o| o.code == CODE).unwrap();
    let stored_names: Vec<String> = o
        .phases
        .iter()
        .map(|p| p.name.chars().take(6).collect())
        .collect();
    assert_eq!(stored_names, first);
}

#[test]
fn a_user_key_replaces_the_default_one() {
    let mut f = fixture();
    f.app.keys = crate::tui::config::parse("[keys]\nadd_phase = \"A\"\n")
        .unwrap()
        .keys;
    f.open(CODE);
    // On the weight cell and on the objective's tree row `a` is no key any more.
    f.type_keys("l");
    f.type_keys("a");
    assert!(matches!(f.app.mode, Mode::Normal), "a does nothing now");
    f.app.focus = Pane::Tree;
    f.type_keys("a");
    assert!(matches!(f.app.mode, Mode::Normal), "a does nothing now");
    assert_eq!(f.objective(CODE).phases.len(), 4);
    f.type_keys("ANUOVA\n");
    assert_eq!(f.objective(CODE).phases.len(), 5);
    assert_eq!(f.objective(CODE).phases[1].name, "NUOVA");
}

fn click(f: &mut Fixture, x: u16, y: u16, at: Instant) {
    f.app.handle_mouse(
        MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        },
        &f.view,
        at,
    );
}

/// The screen position of the first cell showing `text` (after a 120×40 frame is drawn).
fn find(f: &mut Fixture, text: &str) -> (u16, u16) {
    find_at(f, text, 120, 40)
}

fn find_at(f: &mut Fixture, text: &str, w: u16, h: u16) -> (u16, u16) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    f.draw(&mut t, crate::tui::theme::Theme { color: false });
    let buf = t.backend().buffer();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(i) = line.find(text) {
            return (line[..i].chars().count() as u16, y);
        }
    }
    panic!("«{text}» not on screen")
}

#[test]
fn a_click_selects_a_row_or_a_cell_the_wheel_scrolls_and_a_double_click_edits() {
    let mut f = fixture();
    let now = Instant::now();
    let (x, y) = find(&mut f, "05_1201_0601");
    click(&mut f, x, y, now);
    assert_eq!(
        f.app.objective().unwrap().code,
        CODE,
        "a click selects a tree row"
    );
    let (x, y) = find(&mut f, "CONTRASTO ALL");
    click(&mut f, x, y, now);
    assert_eq!((f.app.focus, f.app.phases.row), (Pane::Phases, 3));
    let (x, _) = find(&mut f, "Avanzamento ");
    click(&mut f, x + 1, y, now);
    assert_eq!(f.app.phase_field(), PhaseField::Progress);
    f.app.handle_mouse(
        MouseEvent {
            kind: MouseEventKind::ScrollUp,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        },
        &f.view,
        now,
    );
    assert_eq!(f.app.phases.row, 2, "the wheel moves up a phase");
    let (x, y) = find(&mut f, "UTILIZZO DELLE");
    click(&mut f, x, y, now);
    click(&mut f, x, y, now + Duration::from_millis(200));
    assert!(
        matches!(&f.app.mode, Mode::Cell(e) if e.editor.text().starts_with("UTILIZZO")),
        "a double click edits the cell"
    );
    f.press(KeyCode::Esc);
}

#[test]
fn on_a_small_terminal_a_click_on_a_tab_selects_its_pane() {
    let mut f = fixture();
    let (x, y) = find_at(&mut f, "3 Fasi", 80, 24);
    click(&mut f, x, y, Instant::now());
    assert_eq!(f.app.focus, Pane::Phases);
    let (x, y) = find_at(&mut f, "2 Dettagli", 80, 24);
    click(&mut f, x + 3, y, Instant::now());
    assert_eq!(f.app.focus, Pane::Details);
}

/// Issue 24 item 4: a save of what is stored already is no change: the
/// editor closes as saved, no history entry, nothing to undo.
#[test]
fn saving_a_narrative_unchanged_writes_no_history_and_leaves_nothing_to_undo() {
    let mut f = fixture();
    f.open(CODE);
    let before = history_len(&f);
    f.type_keys("e");
    f.ctrl('s');
    f.assert_saved();
    assert_eq!(history_len(&f), before);
    f.type_keys("\x1b");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.type_keys("u");
    assert_eq!(
        f.app.status,
        Status::Info(
            crate::i18n::tr(
                "niente da annullare in questa sessione",
                "nothing to undo in this session"
            )
            .into()
        )
    );
}
