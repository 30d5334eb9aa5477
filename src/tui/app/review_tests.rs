//! Review mode driven with keys, as in a meeting: choose the snapshot, go
//! through the objectives, mark them, filter, edit, leave and resume.

use super::tests::{Fixture, fixture, reopen_fixture};
use super::{Mode, Pane, Status};
use crate::model::{Change, Field, PhaseField};

const SNAPSHOT: &str = "Monitoraggio 30/06/2025";

/// The shipped plan with a snapshot taken, then 0601's first phase given a
/// weight and a progress (as if edited after the monitoring).
pub(crate) fn after_monitoring() -> Fixture {
    let mut r = fixture().reopen();
    r.store.create_snapshot(SNAPSHOT, "controller").unwrap();
    let changes = [
        Change::parse(
            "05_1201_0601",
            Some(0),
            Field::Phase(PhaseField::Weight),
            "40",
        )
        .unwrap(),
        Change::parse(
            "05_1201_0601",
            Some(0),
            Field::Phase(PhaseField::Progress),
            "25",
        )
        .unwrap(),
    ];
    r.store
        .apply_at("05_1201_0601", &changes, "mario", None)
        .unwrap();
    r.dataset = r.store.load().unwrap();
    reopen_fixture(r)
}

fn shown(f: &Fixture) -> &str {
    let session = f.app.review.as_ref().expect("a review session");
    &f.app.dataset.objectives[session.objective].code
}

fn picker_items(f: &Fixture) -> Vec<String> {
    match &f.app.mode {
        Mode::Pick(p) => p.items.clone(),
        _ => panic!("no list to choose from"),
    }
}

#[test]
fn r_offers_the_snapshots_and_starts_a_review_against_the_chosen_one() {
    let mut f = after_monitoring();
    f.type_keys("R");
    let items = picker_items(&f);
    assert!(items[0].contains(SNAPSHOT), "{items:?}");
    assert!(
        items.last().unwrap().contains("senza confronto"),
        "{items:?}"
    );
    f.type_keys("\n");
    assert!(f.app.reviewing());
    let session = f.app.review.as_ref().unwrap();
    assert_eq!(session.review.snapshot.as_deref(), Some(SNAPSHOT));
    assert!(session.baseline.is_some());
    assert_eq!(shown(&f), "05_1201_0102");
}

#[test]
fn n_and_p_step_through_the_objectives_and_stop_at_the_ends() {
    let mut f = after_monitoring();
    f.type_keys("R\n");
    f.type_keys("p");
    assert_eq!(shown(&f), "05_1201_0102");
    f.assert_says(Status::Info, "primo");
    f.type_keys("nnnnn");
    assert_eq!(shown(&f), "05_1201_0601");
    // The tree follows, so leaving the review lands on the same objective.
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0601");
    f.type_keys("nnnnn");
    assert_eq!(shown(&f), "06_1201_0801");
    f.assert_says(Status::Info, "ultimo");
    f.press(crossterm::event::KeyCode::Left);
    assert_eq!(shown(&f), "05_1201_0701");
    f.press(crossterm::event::KeyCode::Right);
    assert_eq!(shown(&f), "06_1201_0801");
}

#[test]
fn m_marks_reviewed_with_a_comment_that_is_stored_and_replaced_on_a_second_m() {
    let mut f = after_monitoring();
    f.type_keys("R\nnnnnn");
    f.type_keys("m");
    assert!(matches!(f.app.mode, Mode::ReviewComment(_)));
    f.type_keys("consegnati 12 alloggi\n");
    f.assert_says(Status::Saved, "1 di 8");
    assert_eq!(shown(&f), "05_1201_0701", "on to the next one");
    // A second m, back on it, starts from the comment given, and replaces it.
    f.type_keys("pm");
    let Mode::ReviewComment(editor) = &f.app.mode else {
        panic!("no prompt")
    };
    assert_eq!(editor.text(), "consegnati 12 alloggi");
    f.type_keys(" (verificato)\n");
    // Esc in the prompt marks nothing.
    f.type_keys("m\x1b");
    let r = f.reopen();
    let review = r.store.review(1).unwrap();
    let marks: Vec<(&str, &str, &str)> = review
        .marks
        .iter()
        .map(|m| (m.code.as_str(), m.who.as_str(), m.comment.as_str()))
        .collect();
    assert_eq!(
        marks,
        [(
            "05_1201_0601",
            "tester",
            "consegnati 12 alloggi (verificato)"
        )]
    );
}

#[test]
fn m_moves_to_the_next_objective_not_yet_reviewed_then_from_the_top_and_says_when_none_is_left() {
    let mut f = after_monitoring();
    f.type_keys("R\n");
    // 0301 and 0401 reviewed first, out of order.
    f.type_keys("nnm\nm\n");
    assert_eq!(shown(&f), "05_1201_0501");
    // From 0201, m skips the two already reviewed.
    f.type_keys("ppp");
    assert_eq!(shown(&f), "05_1201_0201");
    f.type_keys("m\n");
    assert_eq!(shown(&f), "05_1201_0501");
    // From the last, on to the first not reviewed, at the top.
    f.type_keys("nnnm\n");
    assert_eq!(shown(&f), "05_1201_0102");
    // 0102, 0501, 0601, 0701: the last four.
    for _ in 0..4 {
        f.type_keys("m\n");
    }
    assert_eq!(f.app.review.as_ref().unwrap().review.marks.len(), 8);
    assert_eq!(shown(&f), "05_1201_0701", "stays on the last one marked");
    assert!(
        matches!(&f.app.status, Status::Saved(m) if m.contains("8 di 8") && m.contains("nessun altro da rivedere")),
        "{:?}",
        f.app.status
    );
}

/// Opens the filter list, switches or chooses the line containing `label`, closes it.
fn pick(f: &mut Fixture, label: &str) {
    f.type_keys("f");
    let items = picker_items(f);
    let at = items
        .iter()
        .position(|i| i.contains(label))
        .unwrap_or_else(|| panic!("{label} not in {items:?}"));
    for _ in 0..at {
        f.type_keys("j");
    }
    f.type_keys("\n");
    // The list stays open, showing what is on.
    assert!(matches!(f.app.mode, Mode::Pick(_)));
    f.type_keys("\x1b");
}

#[test]
fn filters_narrow_what_n_and_p_go_through_and_combine() {
    let mut f = after_monitoring();
    f.type_keys("R\n");
    f.type_keys("f");
    let items = picker_items(&f);
    f.type_keys("\x1b");
    for wanted in [
        "[ ] solo da rivedere",
        "[ ] solo con fasi in ritardo",
        "[ ] solo modificati dall'istantanea",
        "(•) tutti gli obiettivi",
        "( ) mandato 2023_2028_DUP_06 FACCIAMO RETE!INSIEME POSSIAMO",
        "( ) missione 2024_28_DUP_05_1201 Persone e famiglie al centro",
        "( ) responsabile VISENTIN RICCARDO",
    ] {
        assert!(items.iter().any(|i| i == wanted), "{wanted} in {items:?}");
    }
    pick(&mut f, "solo modificati");
    assert_eq!(shown(&f), "05_1201_0601", "jumps to the first that passes");
    f.type_keys("np");
    assert_eq!(shown(&f), "05_1201_0601", "the only changed one");
    // Conditions and a scope combine: changed AND under mandate 06 is nothing.
    pick(&mut f, "mandato 2023_2028_DUP_06");
    let session = f.app.review.as_ref().unwrap();
    assert!(session.visible(&f.app.dataset, f.app.today).is_empty());
    f.assert_says(Status::Info, "(0)");
    pick(&mut f, "solo modificati");
    assert_eq!(shown(&f), "06_1201_0801");
    pick(&mut f, "solo da rivedere");
    f.type_keys("m\n");
    f.type_keys("p");
    f.assert_says(Status::Info, "nessun obiettivo");
    // Back to every objective, still only those not yet reviewed.
    pick(&mut f, "tutti gli obiettivi");
    let session = f.app.review.as_ref().unwrap();
    assert_eq!(
        session.filter.label(),
        "tutti gli obiettivi · solo da rivedere"
    );
    assert_eq!(session.visible(&f.app.dataset, f.app.today).len(), 7);
    assert_eq!(shown(&f), "05_1201_0102");
}

#[test]
fn enter_edits_in_the_panes_and_r_comes_back_to_the_same_place() {
    let mut f = after_monitoring();
    f.type_keys("R\nnnnnn");
    f.type_keys("\n");
    assert!(!f.app.reviewing());
    assert_eq!(f.app.focus, Pane::Phases);
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0601");
    f.type_keys("p");
    f.ctrl('u');
    f.type_keys("60\n");
    assert_eq!(f.objective("05_1201_0601").phases[0].progress, Some(60.0));
    f.type_keys("R");
    assert!(f.app.reviewing());
    assert_eq!(shown(&f), "05_1201_0601");
    // Esc pauses the review; R resumes it without asking again.
    f.type_keys("\x1b");
    assert!(!f.app.reviewing());
    f.type_keys("R");
    assert!(f.app.reviewing() && matches!(f.app.mode, Mode::Normal));
}

#[test]
fn a_narrative_written_during_the_review_returns_to_the_review() {
    let mut f = after_monitoring();
    f.type_keys("R\nnnnnn");
    f.type_keys("E");
    assert!(matches!(f.app.mode, Mode::Narrative(_)));
    f.type_keys("Detto in riunione. ");
    f.ctrl('s');
    f.type_keys("\x1b");
    assert!(f.app.reviewing() && matches!(f.app.mode, Mode::Normal));
    assert!(
        f.objective("05_1201_0601")
            .narratives
            .year2
            .starts_with("Detto in riunione.")
    );
}

#[test]
fn a_review_resumed_after_a_restart_continues_at_the_first_objective_not_reviewed() {
    let mut f = after_monitoring();
    // m moves on by itself: 0102 and 0201 are marked.
    f.type_keys("R\nm\nm\n");
    let mut f = reopen_fixture(f.reopen());
    f.type_keys("R");
    let items = picker_items(&f);
    assert!(
        items[0].contains("Riprendi la revisione n. 1") && items[0].contains("2 di 8"),
        "{items:?}"
    );
    f.type_keys("\n");
    assert_eq!(shown(&f), "05_1201_0301");
    assert_eq!(f.app.review.as_ref().unwrap().review.marks.len(), 2);
    // A new review against no snapshot gets the next number.
    f.type_keys("R");
    let last = picker_items(&f).len() - 1;
    for _ in 0..last {
        f.type_keys("j");
    }
    f.type_keys("\n");
    let session = f.app.review.as_ref().unwrap();
    assert_eq!((session.review.id, session.baseline.is_none()), (2, true));
}

#[test]
fn a_mark_that_cannot_be_saved_keeps_the_comment_typed() {
    let r = after_monitoring().reopen();
    r.store.start_review(Some(SNAPSHOT), "controller").unwrap();
    let mut f = r.on_a_full_disk();
    f.type_keys("R\n");
    assert!(f.app.reviewing(), "resuming writes nothing, so it works");
    f.type_keys("mda non perdere\n");
    assert!(matches!(&f.app.status, Status::Error(_)));
    let Mode::ReviewComment(editor) = &f.app.mode else {
        panic!("the prompt closed and the comment is lost")
    };
    assert_eq!(editor.text(), "da non perdere");
}

/// Issue 17: a target changed and a measurement entered after the snapshot
/// are marked on the review page like a changed phase cell, and listed.
#[test]
fn a_changed_target_and_a_new_measurement_are_marked_on_the_review_page() {
    use crate::model::indicator_fields::IndicatorField;
    use crate::model::indicators::Indicator;
    use crate::model::table::{Indicators, RowTable};
    let code = "05_1201_0601";
    let mut r = fixture().reopen();
    let mut indicator = Indicator {
        name: "Alloggi assegnati".into(),
        ..Indicator::default()
    };
    Indicators::set_text(&mut indicator, IndicatorField::Target(2026), "20").unwrap();
    let add = Change::AddIndicator {
        objective: code.into(),
        indicator: 0,
        value: indicator.clone(),
    };
    r.store.apply_at(code, &[add], "controller", None).unwrap();
    r.store.create_snapshot(SNAPSHOT, "controller").unwrap();
    let june = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let cell = |field, text: &str| Change::SetIndicator {
        objective: code.into(),
        indicator: 0,
        field,
        value: crate::model::Value::Text(text.into()),
    };
    let set = [
        cell(IndicatorField::Target(2026), "25"),
        cell(IndicatorField::Measurement(june), "15"),
    ];
    r.store.apply_at(code, &set, "mario", None).unwrap();
    r.dataset = r.store.load().unwrap();
    let mut f = reopen_fixture(r);
    f.type_keys("R\n");
    f.type_keys("nnnnn");
    assert_eq!(shown(&f), code);
    let s = crate::tui::render::tests::screen(&mut f, 120, 70);
    let row = s
        .lines()
        .find(|l| l.contains("Alloggi assegnati") && l.contains("60%"))
        .unwrap_or_else(|| panic!("no indicator row: {s}"));
    assert!(row.contains("*25") && row.contains("*15"), "{row}");
    assert!(
        s.contains("* indicatore 1 «Alloggi assegnati» Target 2026: 20 → 25"),
        "{s}"
    );
    assert!(
        s.contains("* indicatore 1 «Alloggi assegnati» Rilevazione 30/06/2026: — → 15"),
        "{s}"
    );
}

#[test]
fn a_key_with_no_action_in_review_mode_says_so_in_place_of_the_last_message() {
    let mut f = after_monitoring();
    f.type_keys("R\nnnnnnm\n");
    assert!(matches!(&f.app.status, Status::Saved(_)));
    // The mark moved on to the next objective to review; x moves nothing.
    assert_eq!(shown(&f), "05_1201_0701");
    f.type_keys("x");
    assert_eq!(
        f.app.status,
        Status::Info("tasto x: nessuna azione · ? aiuto".into())
    );
    assert_eq!(shown(&f), "05_1201_0701");
}
