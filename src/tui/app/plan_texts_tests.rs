//! The Relazione's texts written in the TUI (issue 27): listed in `C` and by
//! `T`, written in the narratives' editor with its drafts and its conflict
//! view, refused once the plan is Validata with the words `set --plan-text` gives.

use super::live_tests::two_users;
use super::tests::{fixture, reopen_fixture};
use super::*;
use crate::model::PlanText;
use crate::model::cycle::{Cycle, PlanState};
use crate::service::PlanService;
use crate::tui::render::tests::screen;

const PRESENTAZIONE: &str = "Il Comune di Noale presenta i risultati del 2026 ai cittadini.";

fn editor_text(app: &App) -> String {
    match &app.mode {
        Mode::Narrative(edit) => edit.text(),
        _ => panic!("the editor is not open: {:?}", app.status),
    }
}

fn stored(service: &dyn PlanService, which: PlanText) -> String {
    service
        .load()
        .unwrap()
        .dataset
        .plan
        .texts
        .get(which)
        .to_string()
}

#[test]
fn the_cycle_lists_the_texts_and_t_writes_one_that_ctrl_s_stores() {
    let mut f = fixture();
    f.service()
        .set_plan_text(PlanText::Presentazione, PRESENTAZIONE, None)
        .unwrap();
    f.type_keys("CG");
    let s = screen(&mut f, 80, 24);
    for seen in [
        "Testi della Relazione (T per scriverli):",
        "Presentazione: «Il Comune di Noale presenta i risultati…»",
        "Il contesto: (vuoto)",
        "Il processo: (vuoto)",
    ] {
        assert!(s.contains(seen), "«{seen}» not in the cycle:\n{s}");
    }
    // `T` from the cycle: the list, then the editor named after the text.
    f.type_keys("T");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("Testi della Relazione"), "{s}");
    assert!(s.contains("Il contesto: (vuoto)"), "{s}");
    f.type_keys("j\n");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("Relazione sulla performance · Il contesto"),
        "the editor's title names the text:\n{s}"
    );
    f.type_keys("Noale, 16 000 abitanti.");
    f.ctrl('s');
    assert!(
        matches!(&f.app.status, Status::Saved(m) if m.contains("«Il contesto»")),
        "{:?}",
        f.app.status
    );
    assert_eq!(
        stored(f.service(), PlanText::Contesto),
        "Noale, 16 000 abitanti."
    );
    assert_eq!(
        stored(f.service(), PlanText::Presentazione),
        PRESENTAZIONE,
        "the others stay"
    );
    // Saved, the editor leaves without asking and the list shows the new text.
    f.type_keys("\x1bT");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("Il contesto: «Noale, 16 000 abitanti.»"), "{s}");
    // The history names the text and who wrote it.
    let history = crate::service::whole_history(f.service(), None).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.who, "tester");
    assert_eq!(last.what.field.name(), "texts.contesto");
}

#[test]
fn the_command_line_opens_a_text_by_its_name_and_says_the_names_otherwise() {
    let mut f = fixture();
    f.type_keys(":testo processo\n");
    assert_eq!(editor_text(&f.app), "");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("Relazione sulla performance · Il processo"),
        "{s}"
    );
    f.type_keys("\x1b:text relazione\n");
    assert_eq!(
        f.app.status,
        Status::Error("«relazione»: i testi sono presentazione, contesto, processo".into())
    );
    // Tab completes the name.
    f.type_keys(":testo pre\t");
    let Mode::Command(line) = &f.app.mode else {
        panic!("the command line stays open")
    };
    assert_eq!(line.editor.text(), "testo presentazione ");
}

#[test]
fn a_validated_plan_refuses_the_texts_before_anything_is_typed() {
    let mut f = fixture();
    f.dataset_mut().plan.cycle = Some(Cycle {
        state: PlanState::Validated,
        transitions: Vec::new(),
    });
    f.type_keys(":testo presentazione\n");
    let Status::Error(why) = &f.app.status else {
        panic!("refused: {:?}", f.app.status)
    };
    let rule = crate::model::frozen::refused_plan_texts(&f.app.dataset.plan).unwrap_err();
    assert_eq!(*why, rule.to_string(), "the words of set --plan-text");
    assert!(why.contains("i testi della Relazione"), "{why}");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.type_keys("T\n");
    assert!(matches!(f.app.mode, Mode::Normal), "nor from the list");
}

#[test]
fn a_text_being_typed_survives_a_quit_as_a_draft_offered_next_time() {
    let mut f = fixture();
    f.type_keys(":testo presentazione\n");
    f.type_keys("Bozza della presentazione");
    // The session ends (quit, hang-up): what was typed is kept as a draft.
    f.app.end_session();
    let reopened = f.reopen();
    assert_eq!(reopened.plan.texts.presentazione, "", "nothing published");
    let mut f = reopen_fixture(reopened);
    f.app.say_drafts_waiting();
    assert!(
        matches!(&f.app.status, Status::Info(m) if m.contains("1 bozza in attesa: Presentazione (Relazione)")),
        "{:?}",
        f.app.status
    );
    f.type_keys("T\n");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("C'è una bozza non pubblicata del testo «Presentazione»"),
        "{s}"
    );
    f.type_keys("\n");
    assert_eq!(editor_text(&f.app), "Bozza della presentazione");
    f.ctrl('s');
    assert_eq!(
        stored(f.service(), PlanText::Presentazione),
        "Bozza della presentazione"
    );
    f.app.say_drafts_waiting();
    assert!(
        !matches!(&f.app.status, Status::Info(m) if m.contains("in attesa")),
        "published, the draft is gone: {:?}",
        f.app.status
    );
}

#[test]
fn a_colleagues_text_saved_first_is_shown_then_merged_or_overwritten_only_when_asked() {
    let (mut f, anna) = two_users(false);
    f.type_keys(":testo presentazione\n");
    f.type_keys("La mia presentazione.");
    anna.set_plan_text(PlanText::Presentazione, "Quella di Anna.", None)
        .unwrap();
    f.ctrl('s');
    assert!(
        matches!(f.app.mode, Mode::Conflict(_)),
        "{:?}",
        f.app.status
    );
    let s = screen(&mut f, 100, 30);
    for seen in [
        "Conflitto · Presentazione",
        "anna, ",
        "ha salvato",
        "La sua versione (anna):",
        "Quella di Anna.",
        "La tua versione:",
        "La mia presentazione.",
        "Enter unisci a mano",
    ] {
        assert!(s.contains(seen), "«{seen}» not on:\n{s}");
    }
    assert_eq!(stored(&anna, PlanText::Presentazione), "Quella di Anna.");
    // By hand: theirs in the editor, mine between the marks.
    f.type_keys("\n");
    let text = editor_text(&f.app);
    assert!(text.starts_with("Quella di Anna.\n▼▼▼"), "{text}");
    assert!(text.contains("\nLa mia presentazione.\n▲▲▲"), "{text}");
    // Anna again, then mine on top: saved over hers, as asked.
    anna.set_plan_text(PlanText::Presentazione, "Anna, seconda.", None)
        .unwrap();
    if let Mode::Narrative(edit) = &mut f.app.mode {
        edit.textarea = ratatui_textarea::TextArea::from(["Quella di Anna. La mia."]);
    }
    f.ctrl('s');
    assert!(
        matches!(f.app.mode, Mode::Conflict(_)),
        "{:?}",
        f.app.status
    );
    f.type_keys("o");
    assert!(
        matches!(&f.app.status, Status::Saved(m) if m.contains("sopra il salvataggio di anna")),
        "{:?}",
        f.app.status
    );
    assert_eq!(
        stored(&anna, PlanText::Presentazione),
        "Quella di Anna. La mia."
    );
    // Its own save comes back from the live refresh as nothing new.
    f.type_keys("\x1b");
    assert!(!f.app.refresh_from_others(), "{:?}", f.app.status);
}

#[test]
fn a_colleagues_text_comes_with_the_live_refresh_as_news_of_the_plan_not_a_reload() {
    let (mut f, anna) = two_users(false);
    anna.set_plan_text(PlanText::Processo, "Il Nucleo ha valutato.", None)
        .unwrap();
    assert!(f.app.refresh_from_others());
    assert!(
        matches!(&f.app.status, Status::Info(m) if m.contains("aggiornato da altri utenti: il piano")),
        "{:?}",
        f.app.status
    );
    assert_eq!(f.app.dataset.plan.texts.processo, "Il Nucleo ha valutato.");
    assert!(!f.app.refresh_from_others(), "news once");
}

#[test]
fn with_nothing_blocking_the_next_step_enter_in_the_cycle_lists_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        crate::store::Store::open(&dir.path().join("db"), crate::model::Dataset::empty).unwrap();
    let service = crate::service::Local::new(store, "tester".into());
    let app = super::tests::app_on(Box::new(service), chrono::NaiveDate::MIN);
    let mut f = super::tests::Fixture::on(app, dir);
    f.type_keys("C");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("Testi della Relazione (Enter o T per scriverli):"),
        "{s}"
    );
    f.type_keys("\n");
    let Mode::Pick(picker) = &f.app.mode else {
        panic!("Enter lists the texts: {:?}", f.app.status)
    };
    assert_eq!(picker.title, "Testi della Relazione");
    f.type_keys("jj\n");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("Relazione sulla performance · Il processo"),
        "{s}"
    );
}
