//! Conflicts shown and resolved (issue 23 item 1): two users on one store, the
//! app's ("tester") and a colleague ("anna") who saves first.

use ratatui_textarea::TextArea;

use super::live_tests::{CODE, two_users};
use super::tests::Fixture;
use super::*;
use crate::api::AuditNote;
use crate::model::{Change, ObjectiveField, Value};
use crate::service::{Local, PlanService};
use crate::tui::render::tests::screen;

const ANNA: &str = "Testo di Anna: alloggi consegnati 15.";

fn year1(text: &str) -> Vec<Change> {
    vec![Change::SetObjective {
        objective: CODE.into(),
        field: ObjectiveField::Year1,
        value: Value::Text(text.into()),
    }]
}

fn stored(anna: &Local) -> crate::model::Objective {
    anna.objective(CODE).unwrap().unwrap().objective
}

/// The history of `CODE`: (who, what, over whom) of each entry after the shipped plan's.
fn history(anna: &Local) -> Vec<(String, String, Option<String>)> {
    crate::service::whole_history(anna, Some(CODE))
        .unwrap()
        .iter()
        .skip(1)
        .map(|e| {
            (
                e.who.clone(),
                crate::io::history::what(e),
                match &e.note {
                    Some(AuditNote::Over(o)) => o.by.clone(),
                    _ => None,
                },
            )
        })
        .collect()
}

/// B (the app) types into the year-1 narrative; A (anna) saves hers first; B saves.
fn refused_narrative() -> (Fixture, Local) {
    let (mut f, anna) = two_users(false);
    f.open(CODE);
    f.type_keys("e");
    f.ctrl('e');
    f.type_keys(" MIA.");
    anna.apply(CODE, &year1(ANNA), None).unwrap();
    f.ctrl('s');
    assert!(
        matches!(f.app.mode, Mode::Conflict(_)),
        "{:?}",
        f.app.status
    );
    (f, anna)
}

fn editor_text(f: &Fixture) -> String {
    match &f.app.mode {
        Mode::Narrative(edit) => edit.text(),
        _ => panic!("the editor is not open"),
    }
}

#[test]
fn a_refused_narrative_shows_theirs_and_the_diff_and_a_repeated_save_overwrites_nothing() {
    let (mut f, anna) = refused_narrative();
    let s = screen(&mut f, 100, 30);
    for seen in [
        "anna, ",
        "ha salvato",
        "Conflitto · 05_1201_0601",
        "La sua versione (anna):",
        ANNA,
        "[-Testo",
        "{+Prosegue",
        "mercato. MIA.",
        "Enter unisci a mano",
        "o salva la tua sopra la sua",
        "d tieni la sua",
    ] {
        assert!(s.contains(seen), "«{seen}» not on:\n{s}");
    }
    // The save key again, in the view and after going back to the text: refused each time.
    f.ctrl('s');
    assert!(matches!(f.app.mode, Mode::Conflict(_)));
    f.type_keys("\x1b");
    assert!(editor_text(&f).contains("mercato. MIA."));
    f.ctrl('s');
    assert!(matches!(f.app.mode, Mode::Conflict(_)));
    assert_eq!(stored(&anna).narratives.year1, ANNA);
    // Mine on top, explicitly: saved, and the history says over whose save.
    f.type_keys("o");
    f.assert_says(Status::Saved, "sopra il salvataggio di anna");
    assert!(stored(&anna).narratives.year1.contains("mercato. MIA."));
    let history = history(&anna);
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0].0, "anna");
    assert_eq!(
        (history[1].0.as_str(), history[1].2.as_deref()),
        ("tester", Some("anna"))
    );
    assert!(
        history[1].1.contains("(sopra il salvataggio di anna del "),
        "{}",
        history[1].1
    );
}

#[test]
fn merging_by_hand_opens_theirs_with_mine_between_marks_that_cannot_be_published() {
    let (mut f, anna) = refused_narrative();
    f.type_keys("\n");
    let text = editor_text(&f);
    assert!(text.starts_with(ANNA), "{text}");
    let mine = text.split_once("▼▼▼").map(|(_, m)| m).unwrap_or_default();
    assert!(
        mine.contains("mercato. MIA.") && mine.contains("\n▲▲▲"),
        "{text}"
    );
    f.ctrl('s');
    f.assert_says(Status::Error, "segni");
    assert_eq!(stored(&anna).narratives.year1, ANNA);
    // Merged, the marks gone: an ordinary save on her version.
    if let Mode::Narrative(edit) = &mut f.app.mode {
        edit.textarea = TextArea::from(["Testo di Anna: alloggi consegnati 15. MIA."]);
    }
    f.ctrl('s');
    f.assert_saved();
    assert_eq!(
        stored(&anna).narratives.year1,
        "Testo di Anna: alloggi consegnati 15. MIA."
    );
    assert_eq!(history(&anna)[1].2, None, "a merge overwrites nobody");
}

#[test]
fn keeping_theirs_shows_theirs_and_keeps_mine_as_a_draft_without_news_of_others() {
    let (mut f, anna) = refused_narrative();
    f.type_keys("d");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.objective(CODE).narratives.year1, ANNA);
    let draft = f
        .app
        .service
        .draft(&crate::api::DraftOf::narrative(CODE, ObjectiveField::Year1))
        .unwrap()
        .unwrap();
    assert!(draft.text.contains("mercato. MIA."));
    f.app.refresh_from_others();
    assert!(
        matches!(&f.app.status, Status::Info(m) if m.contains("tenuta la versione di anna")),
        "already seen, not news: {:?}",
        f.app.status
    );
    assert_eq!(stored(&anna).narratives.year1, ANNA);
}

#[test]
fn a_refused_phase_cell_shows_both_values_and_only_o_overwrites() {
    let (mut f, anna) = two_users(false);
    f.open(CODE);
    f.type_keys("w35");
    let weight = |w: f64| Change::SetPhase {
        objective: CODE.into(),
        phase: 0,
        field: crate::model::PhaseField::Weight,
        value: Value::Number(Some(w)),
    };
    anna.apply(CODE, &[weight(40.0)], None).unwrap();
    f.type_keys("\n");
    let s = screen(&mut f, 100, 30);
    for seen in [
        "La sua modifica (anna):",
        "Peso: n/d → 40",
        "La tua modifica:",
        "Peso: n/d → 35",
    ] {
        assert!(s.contains(seen), "«{seen}» not on:\n{s}");
    }
    // At 80×24 the choices are in view, and the status line below the view.
    let small = screen(&mut f, 80, 24);
    assert!(small.contains("d tieni la sua"), "{small}");
    assert!(
        small.lines().last().unwrap().contains("NON salvato: anna"),
        "{small}"
    );
    // Enter goes back to the value typed; Enter again asks again.
    f.type_keys("\n");
    assert!(matches!(&f.app.mode, Mode::Cell(e) if e.editor.text() == "35"));
    f.type_keys("\n");
    assert!(matches!(f.app.mode, Mode::Conflict(_)));
    assert_eq!(stored(&anna).phases[0].weight, Some(40.0));
    f.type_keys("o");
    assert_eq!(stored(&anna).phases[0].weight, Some(35.0));
    assert_eq!(f.objective(CODE).phases[0].weight, Some(35.0));
    let history = history(&anna);
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(
        history[1]
            .1
            .contains("Peso: 40 → 35 (sopra il salvataggio di anna")
    );
}

#[test]
fn save_and_leave_refused_then_put_on_top_leaves_the_editor_as_asked() {
    let (mut f, anna) = two_users(false);
    f.open(CODE);
    f.type_keys("eMIA ");
    f.type_keys("\x1b");
    anna.apply(CODE, &year1(ANNA), None).unwrap();
    f.ctrl('s');
    assert!(matches!(f.app.mode, Mode::Conflict(_)));
    f.type_keys("o");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(stored(&anna).narratives.year1.starts_with("MIA Prosegue"));
}

#[test]
fn mine_on_top_is_refused_when_their_save_moved_the_rows_mine_names_by_position() {
    let (mut f, anna) = two_users(false);
    f.open(CODE);
    f.type_keys("w35");
    // Anna inserts a phase at the top: "phase 1" is now hers.
    let add = Change::AddPhase {
        objective: CODE.into(),
        phase: 0,
        value: crate::model::Phase {
            name: "NUOVA FASE DI ANNA".into(),
            ..Default::default()
        },
    };
    anna.apply(CODE, &[add], None).unwrap();
    f.type_keys("\n");
    f.type_keys("o");
    assert!(matches!(f.app.mode, Mode::Conflict(_)));
    f.assert_says(Status::Error, "le righe sono cambiate");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("✗ le righe sono cambiate"), "{s}");
    assert_eq!(stored(&anna).phases[0].weight, None);
    assert_eq!(stored(&anna).phases[1].weight, None);
}

/// Directly on one database, two sessions of the app (as two users of one
/// store): the second save of a phase cell shows the first and lands only with `o`.
#[test]
fn two_apps_on_one_store_a_phase_cell_saved_second_goes_on_top_only_when_asked() {
    let (mut b, anna) = two_users(false);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 8, 5).unwrap();
    let mut a = Fixture::on(
        super::tests::app_on(Box::new(anna.clone()), today),
        tempfile::tempdir().unwrap(),
    );
    for f in [&mut a, &mut b] {
        f.open(CODE);
        f.type_keys("p");
    }
    a.type_keys("40\n");
    a.assert_saved();
    b.type_keys("70\n");
    let s = screen(&mut b, 100, 30);
    assert!(s.contains("Avanzamento: n/d → 40"), "{s}");
    b.type_keys("\n\n");
    assert!(matches!(b.app.mode, Mode::Conflict(_)));
    assert_eq!(stored(&anna).phases[0].progress, Some(40.0));
    b.type_keys("o");
    assert_eq!(stored(&anna).phases[0].progress, Some(70.0));
    let history = history(&anna);
    assert_eq!(
        history
            .iter()
            .map(|(who, _, over)| (who.as_str(), over.as_deref()))
            .collect::<Vec<_>>(),
        [("anna", None), ("tester", Some("anna"))]
    );
}
