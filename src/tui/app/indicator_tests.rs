//! The indicator table (issue 17): added, filled and measured with the keys of
//! the phase table, saved durably, and the achievement that follows on screen.

use super::tests::{Fixture, fixture, reopen_fixture};
use super::*;
use crate::model::Score;
use crate::tui::render::tests::screen;

const CODE: &str = "05_1201_0601";

fn saved(f: &Fixture) -> String {
    match &f.app.status {
        Status::Saved(m) => m.clone(),
        other => panic!("not saved: {other:?}"),
    }
}

/// 0601 opened, then its indicator table (pane 6, from the tree).
fn on_the_indicators() -> Fixture {
    let mut f = fixture();
    f.open(CODE);
    f.app.focus = Pane::Tree;
    f.type_keys("6");
    assert_eq!(f.app.focus, Pane::Indicators);
    f
}

/// 0601's indicator table with one indicator: baseline 12 (2025), target 2026
/// = 20 — typed cell by cell (today is 05/08/2025: the year shown is 2026).
fn with_one_indicator() -> Fixture {
    let mut f = on_the_indicators();
    f.type_keys("aAlloggi assegnati\n");
    assert!(saved(&f).contains("indicatore 1 «Alloggi assegnati» aggiunto"));
    // Columns: name, weight, achievement, baseline, target 2026…
    f.type_keys("lll12@2025\n");
    f.type_keys("l20\n");
    f
}

#[test]
fn a_measurement_typed_in_its_cell_is_saved_and_the_achievement_follows() {
    let mut f = with_one_indicator();
    // Ril. 30/06/2026 is three columns on (past 2027 and 2028's targets).
    f.type_keys("lll15\n");
    assert!(
        saved(&f).contains(
            "indicatore 1 Rilevazione 30/06/2026: 15 · raggiungimento 2026: (15 − 12)/(20 − 12)·100 = 37,5% non raggiunto"
        ),
        "{:?}",
        f.app.status
    );
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("37,5% ✗"), "{s}");
    assert!(s.contains("Rilevazioni: 30/06/2026 15"), "{s}");
    assert!(
        s.contains("Raggiungimento indicatori 2026 = media di 1 indicatore = 37,5% non raggiunto"),
        "{s}"
    );
    // A note goes after a semicolon, and the editor opens with it.
    f.type_keys("\n");
    assert!(matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "15"));
    f.type_keys("; primo semestre\n");
    let r = f.reopen();
    let i = &r
        .objectives
        .iter()
        .find(|o| o.code == CODE)
        .unwrap()
        .indicators[0];
    assert_eq!(i.name, "Alloggi assegnati");
    assert_eq!(i.baseline.map(|b| (b.value, b.year)), Some((12.0, 2025)));
    assert_eq!(i.targets.get(&2026), Some(&20.0));
    assert_eq!(i.measurements[0].value, 15.0);
    assert_eq!(i.measurements[0].note, "primo semestre");
    // A new session shows what was stored.
    let mut f = reopen_fixture(r);
    f.open(CODE);
    f.type_keys("\t");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("30/06/2026 15 (primo semestre)"), "{s}");
}

#[test]
fn a_letter_on_a_number_cell_starts_nothing_and_a_bad_number_is_refused_with_why() {
    let mut f = with_one_indicator();
    f.type_keys("x");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(
        f.app.status,
        Status::Info("tasto x: nessuna azione · ? aiuto".into())
    );
    f.type_keys("\n");
    f.app.mode = Mode::Normal;
    f.type_keys("2,5,5\n");
    f.assert_says(Status::Error, "«2,5,5» non è un numero");
    // The editor keeps what was typed; the stored target stays.
    assert!(matches!(f.app.mode, Mode::Cell(_)));
    assert_eq!(f.objective(CODE).indicators[0].targets[&2026], 20.0);
}

#[test]
fn marks_equal_weights_and_repeat_work_on_indicators_as_one_change_each() {
    let mut f = on_the_indicators();
    f.type_keys("aA\naB\naC\n");
    assert_eq!(f.objective(CODE).indicators.len(), 3);
    f.type_keys("=");
    assert!(
        saved(&f).contains("33,34 · 33,33 · 33,33"),
        "{:?}",
        f.app.status
    );
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Σ pesi indicatori: 100"), "{s}");
    // Two marked, a target typed on one: both get it, and one undo takes both back.
    f.type_keys("g  ");
    assert_eq!(f.app.indicators.marks.len(), 2);
    f.type_keys("k");
    f.app.indicators.col = 4;
    f.type_keys("30\n");
    assert!(
        saved(&f).starts_with("2 indicatori Target 2026: 30"),
        "{:?}",
        f.app.status
    );
    let targets = |f: &Fixture| -> Vec<Option<f64>> {
        f.objective(CODE)
            .indicators
            .iter()
            .map(|i| i.targets.get(&2026).copied())
            .collect()
    };
    assert_eq!(targets(&f), [Some(30.0), Some(30.0), None]);
    f.type_keys("u");
    assert_eq!(targets(&f), [None, None, None]);
    // `.` again on the third alone.
    f.type_keys("G.");
    assert_eq!(targets(&f), [None, None, Some(30.0)]);
}

#[test]
fn the_score_setting_decides_what_the_tree_gauge_and_the_details_show() {
    let mut f = with_one_indicator();
    f.type_keys("lll10\n");
    f.app.dataset.plan.settings.score = Score::Indicators;
    f.app.reload_rows();
    let row = f.app.rows.iter().find(|r| r.code == CODE).unwrap();
    // (10 − 12)/(20 − 12) is below 0: clamped to 0, which is a value, not n/d.
    assert_eq!(row.progress, Some(0.0));
    f.app.focus = Pane::Details;
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Risultato (indicatori): 0%"), "{s}");
    f.app.dataset.plan.settings.score = Score::Mix {
        phases: 40.0,
        indicators: 60.0,
    };
    f.app.reload_rows();
    let s = screen(&mut f, 120, 40);
    // The phases have no progress: the mix is the indicators' part alone.
    assert!(s.contains("Risultato (fasi 40 · indicatori 60): 0%"), "{s}");
}

#[test]
fn the_pane_shows_at_80x24_as_tab_6_and_beside_the_phases_on_a_large_screen() {
    let mut f = fixture();
    f.open(CODE);
    let s = screen(&mut f, 120, 40);
    assert!(
        !s.contains("Indicatori ·"),
        "the shipped plan has none: {s}"
    );
    // Tab goes round the panes as before: the plan measures nothing yet.
    f.type_keys("\t");
    assert_eq!(f.app.focus, Pane::Narratives);
    f.app.focus = Pane::Tree;
    f.type_keys("6");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("6 Indicatori"), "{s}");
    assert!(
        s.contains("nessun indicatore: «a» per aggiungerne uno"),
        "{s}"
    );
    f.type_keys("aAlloggi assegnati\n");
    // Now it does: Tab visits the indicators after the phases.
    f.app.focus = Pane::Phases;
    f.type_keys("\t");
    assert_eq!(f.app.focus, Pane::Indicators);
    f.type_keys("\t");
    assert_eq!(f.app.focus, Pane::Narratives);
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Indicatori · 2026"), "{s}");
    assert!(s.contains("▶ Stato di attuazione"), "{s}");
    assert!(s.contains("Alloggi assegnati"), "{s}");
}

#[test]
fn an_indicator_deleted_after_the_question_and_its_undo() {
    let mut f = with_one_indicator();
    f.type_keys("d");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("Eliminare l'indicatore 1 «Alloggi assegnati»"),
        "{s}"
    );
    f.type_keys("d");
    assert!(f.objective(CODE).indicators.is_empty());
    f.type_keys("u");
    assert_eq!(f.objective(CODE).indicators[0].targets[&2026], 20.0);
}

#[test]
fn a_click_on_an_indicator_cell_puts_the_cursor_there_and_a_double_click_edits_it() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut f = with_one_indicator();
    f.type_keys("aTempi\n");
    f.app.focus = Pane::Tree;
    screen(&mut f, 120, 40);
    let map = f
        .view
        .screen
        .indicators
        .clone()
        .expect("the table is drawn");
    // The weight cell of the first indicator.
    let (x, _, col) = map.columns.iter().find(|c| c.2 == 1).copied().unwrap();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x + 1,
        row: map.rows.y,
        modifiers: KeyModifiers::NONE,
    };
    let now = std::time::Instant::now();
    f.app.handle_mouse(click, &f.view, now);
    assert_eq!(f.app.focus, Pane::Indicators);
    assert_eq!((f.app.indicators.row, f.app.indicators.col), (0, col));
    f.app.handle_mouse(click, &f.view, now);
    assert!(matches!(
        &f.app.mode,
        Mode::Cell(e) if e.target.row_in(super::Table::Indicators) == Some(0)
    ));
}

#[test]
fn the_indicator_pane_speaks_english_with_lang_en() {
    let mut f = with_one_indicator();
    f.type_keys("lll15\n");
    crate::i18n::set_lang(crate::i18n::Lang::En);
    let s = screen(&mut f, 120, 40);
    // At 80×24 the six tabs fit with the shorter English titles.
    let small = screen(&mut f, 80, 24);
    crate::i18n::set_lang(crate::i18n::Lang::It);
    assert!(
        small.contains(" 4 Status   5 Overview   6 Ind. "),
        "{small}"
    );
    for label in [
        "Indicators · 2026",
        "Achv. 2026",
        "Meas. 30/06/26",
        "Measurements: 30/06/2026 15",
        "achievement 2026: (15 − 12)/(20 − 12)·100 = 37.5% not reached",
        "Σ indicator weights: no weights",
        "Indicator achievement 2026 = mean of 1 indicator = 37.5% not reached",
    ] {
        assert!(s.contains(label), "missing «{label}»: {s}");
    }
}

#[test]
fn on_the_indicator_table_minus_begins_a_negative_and_a_digit_on_a_name_is_a_pane() {
    let mut f = with_one_indicator();
    // On Target 2026 (`-` is for phases here): a negative value.
    f.type_keys("-3,5\n");
    assert_eq!(f.objective(CODE).indicators[0].targets[&2026], -3.5);
    // `w` opens the weight selected: typing replaces it.
    f.type_keys("w40\n");
    f.type_keys("kw");
    assert!(
        matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "40" && e.editor.is_selected())
    );
    f.type_keys("25\n");
    assert_eq!(f.objective(CODE).indicators[0].weight, Some(25.0));
    // On the name, a digit is a pane and a letter nothing.
    f.type_keys("khhh");
    f.type_keys("y");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.objective(CODE).indicators[0].name, "Alloggi assegnati");
    f.type_keys("3");
    assert_eq!(f.app.focus, Pane::Phases);
}

/// One editor drives both tables: `w`, a value and Tab save and move right,
/// `.` repeats on the next row, `d` asks about the row of the table in focus.
#[test]
fn the_same_keys_edit_a_phase_and_an_indicator_alike() {
    let mut f = on_the_indicators();
    f.type_keys("aPrimo\naSecondo\n");
    for (pane, row) in [(Pane::Phases, "fase"), (Pane::Indicators, "indicatore")] {
        f.app.focus = pane;
        f.type_keys("gw12,5\t");
        assert!(
            saved(&f).starts_with(&format!("{row} 1 Peso: 12,5")),
            "{row}"
        );
        let table = f.app.table();
        // Tab went to the column right of the weight (the second one in both tables).
        assert_eq!((f.app.cursor(table).row, f.app.cursor(table).col), (0, 2));
        f.type_keys("j.");
        assert!(
            saved(&f).starts_with(&format!("{row} 2 Peso: 12,5")),
            "{row}"
        );
        f.type_keys("d");
        assert!(matches!(
            f.app.mode,
            Mode::Ask(Question::DeleteRow { table: t, row: 1, .. }) if t == table
        ));
        f.type_keys("\u{1b}");
        assert!(matches!(f.app.mode, Mode::Normal));
    }
}

/// A target typed with three decimals keeps them (issue 25): in the message,
/// the cell, its editor, the store, and when a later change is undone.
#[test]
fn a_target_of_three_decimals_is_saved_shown_and_undone_with_every_digit() {
    let mut f = with_one_indicator();
    f.type_keys("12,345\n");
    assert!(
        saved(&f).contains("Target 2026: 12,345"),
        "{:?}",
        f.app.status
    );
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("12,345"), "{s}");
    f.type_keys("\n");
    assert!(matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "12,345"));
    f.type_keys("\u{1b}1\n");
    assert_eq!(f.objective(CODE).indicators[0].targets[&2026], 1.0);
    f.type_keys("u");
    assert_eq!(f.objective(CODE).indicators[0].targets[&2026], 12.345);
    let r = f.reopen();
    let o = r.objectives.iter().find(|o| o.code == CODE).unwrap();
    assert_eq!(o.indicators[0].targets[&2026], 12.345);
}
