//! Issue 23 items 1, 3, 6 through the real binary in a pseudo-terminal: what a
//! colleague saved is shown before anything overwrites it, questions keep the
//! user's work with the same key, and one's own saves are not others' news.

use crate::common;
use crate::pty;
use crate::serve;

use std::time::Duration;

use common::*;
use obiettivi::api::AuditNote;
use obiettivi::service::PlanService;
use obiettivi::service::follow::Following;
use obiettivi::tui::action::Action;
use obiettivi::tui::app::{App, Mode, Status};
use obiettivi::tui::view::View;
use pty::Tui;
use serve::{Server, type_keys};

const CODE: &str = "05_1201_0601";

/// From the top of the tree to objective 05_1201_0601 (the 8th row), opened.
const TO_0601: &str = "jjjjjjj\r";

/// Long enough for the live refresh (every 0.9 s) to poll at least twice.
const TWO_POLLS: Duration = Duration::from_millis(2500);

/// The TUI on `db` at 100×30, with 05_1201_0601 opened.
fn on_0601(db: &std::path::Path) -> Tui {
    let mut tui = Tui::start(db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui
}

#[test]
fn a_single_user_is_not_told_of_other_users_after_equal_weights_and_an_edit() {
    let (_dir, db) = fresh_db();
    let mut tui = on_0601(&db);
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

/// A TUI session through the server with `CODE` opened (focus on its phases).
fn app_on_code(server: &Server) -> App {
    let (following, dataset) = Following::loaded(Box::new(server.client())).unwrap();
    let mut app = App::new(following, dataset, chrono::NaiveDate::MIN);
    while app.objective().map(|o| o.code.as_str()) != Some(CODE) {
        app.update(Action::Down);
    }
    app.update(Action::Enter);
    app
}

/// What `app` shows at 100×30, as text.
fn screen(app: &mut App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let mono = obiettivi::tui::theme::Theme { color: false };
    t.draw(|frame| obiettivi::tui::render::render(app, &mut View::default(), frame, mono))
        .unwrap();
    let buffer = t.backend().buffer();
    (0..30)
        .map(|y| {
            (0..100)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn stored(server: &Server) -> obiettivi::model::Objective {
    server.client().objective(CODE).unwrap().unwrap().objective
}

/// `CODE`'s history after the shipped plan's creation: (what, over whom).
fn history(server: &Server) -> Vec<(String, Option<String>)> {
    obiettivi::service::whole_history(&server.client(), Some(CODE))
        .unwrap()
        .iter()
        .skip(1)
        .map(|e| {
            let over = match &e.note {
                Some(AuditNote::Over(o)) => o.by.clone(),
                _ => None,
            };
            (obiettivi::io::history::what(e), over)
        })
        .collect()
}

#[test]
fn two_apps_over_serve_a_narrative_saved_second_shows_the_first_and_goes_on_top_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let (mut a, mut b) = (app_on_code(&server), app_on_code(&server));
    for app in [&mut a, &mut b] {
        app.update(Action::EditYear1);
    }
    type_keys(&mut a, "Scritto da A. ");
    a.update(Action::Save);
    assert!(matches!(a.status(), Status::Saved(_)), "{:?}", a.status());
    type_keys(&mut b, "Scritto da B. ");
    b.update(Action::Save);
    assert!(matches!(b.mode(), Mode::Conflict(_)), "{:?}", b.status());
    let s = screen(&mut b);
    for seen in [
        "Conflitto · 05_1201_0601",
        "La sua versione",
        "Scritto da A. Prosegue",
        "[-A.-] {+B.+}",
    ] {
        assert!(s.contains(seen), "«{seen}» not on:\n{s}");
    }
    // The save key, again and again: A's text stays.
    b.update(Action::Save);
    b.update(Action::Cancel);
    assert!(matches!(b.mode(), Mode::Narrative(_)));
    b.update(Action::Save);
    assert!(matches!(b.mode(), Mode::Conflict(_)));
    assert!(
        stored(&server)
            .narratives
            .year1
            .starts_with("Scritto da A. Prosegue")
    );
    // Mine on top: B's text, and the history has both saves.
    b.update(Action::OnTop);
    assert!(matches!(b.status(), Status::Saved(_)), "{:?}", b.status());
    assert!(
        stored(&server)
            .narratives
            .year1
            .starts_with("Scritto da B. Prosegue")
    );
    let history = history(&server);
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0].1, None);
    assert_eq!(history[1].1, Some(me()));
    assert!(
        history[1].0.contains("sopra il salvataggio di"),
        "{history:?}"
    );
    // A, out of the editor, is told of B's save as another user's.
    a.update(Action::Cancel);
    assert!(a.refresh_from_others());
    assert!(matches!(&a.status(), Status::Info(m) if m.contains("altri utenti")));
    assert!(
        a.objective()
            .unwrap()
            .narratives
            .year1
            .starts_with("Scritto da B.")
    );
}

#[test]
fn two_apps_over_serve_a_phase_cell_saved_second_shows_the_first_and_goes_on_top_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let (mut a, mut b) = (app_on_code(&server), app_on_code(&server));
    for app in [&mut a, &mut b] {
        app.update(Action::EditProgress);
    }
    type_keys(&mut a, "40");
    a.update(Action::Commit);
    type_keys(&mut b, "70");
    b.update(Action::Commit);
    assert!(matches!(b.mode(), Mode::Conflict(_)), "{:?}", b.status());
    let s = screen(&mut b);
    for seen in [
        "Avanzamento: n/d → 40",
        "Avanzamento: n/d → 70",
        "o salva la tua",
    ] {
        assert!(s.contains(seen), "«{seen}» not on:\n{s}");
    }
    // Enter (the save key of a cell) goes back to 70, then asks again: 40 stays.
    b.update(Action::Keep);
    b.update(Action::Commit);
    assert!(matches!(b.mode(), Mode::Conflict(_)));
    assert_eq!(stored(&server).phases[0].progress, Some(40.0));
    b.update(Action::OnTop);
    assert_eq!(stored(&server).phases[0].progress, Some(70.0));
    let history = history(&server);
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(
        history[1]
            .0
            .contains("Avanzamento: 40 → 70 (sopra il salvataggio di")
    );
}

/// Through the real binary beside `serve`: a colleague's `set` lands first; the
/// editor's Ctrl-S shows their text and the diff, Ctrl-S again saves nothing,
/// `o` saves on top and the history has both.
#[test]
fn in_a_terminal_a_refused_narrative_shows_theirs_and_only_o_overwrites() {
    let (_dir, db) = fresh_db();
    let _server = Server::start(&db, None);
    let mut tui = on_0601(&db);
    tui.keys("e");
    tui.wait_for("Stato di attuazione 1° anno · 05_1201_0601");
    tui.keys("MioTesto ");
    tui.wait_for("MioTesto");
    let o = run(
        &db,
        &["set", CODE, "--year1", "TestoDelCollega pubblicato."],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    tui.keys("\x13");
    tui.wait_for("Conflitto · 05_1201_0601");
    // The frame may reach the terminal in pieces: the diff's last word drawn.
    let screen = tui.wait_for("{+MioTesto");
    for seen in [
        "TestoDelCollega pubblicato.",
        "[-TestoDelCollega",
        "{+MioTesto",
        &me(),
    ] {
        assert!(screen.contains(seen), "«{seen}» not on:\n{screen}");
    }
    tui.keys("\x13\x13");
    std::thread::sleep(Duration::from_millis(300));
    let year1 = |db: &std::path::Path| {
        export_json(db)["objectives"][5]["narratives"]["year1"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(year1(&db), "TestoDelCollega pubblicato.");
    tui.keys("o");
    tui.wait_for("salvato · la tua versione (sopra il salvataggio di");
    assert!(year1(&db).starts_with("MioTesto Prosegue"));
    let history = stdout(&run(&db, &["history", CODE]));
    assert!(history.contains("TestoDelCollega"), "{history}");
    assert!(history.contains("(sopra il salvataggio di"), "{history}");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
}

/// One vocabulary: after restoring a draft with Enter, Enter in the exit
/// question keeps the text too; `d` set it aside without losing it.
#[test]
fn in_a_terminal_enter_keeps_the_restored_draft_in_the_exit_question_too() {
    let (_dir, db) = fresh_db();
    let mut tui = on_0601(&db);
    tui.keys("E");
    tui.wait_for("Stato di attuazione 2° anno · 05_1201_0601");
    tui.keys("ParoleDaTenere ");
    tui.keys("\x1b");
    tui.wait_for("modifiche non salvate: Enter torna al testo · d esci e scarta");
    tui.keys("d");
    tui.wait_for("restano come bozza fino alla fine della sessione");
    tui.keys("E");
    tui.wait_for("C'è una bozza non pubblicata del 2° anno");
    tui.keys("\r");
    tui.wait_for("bozza ripristinata");
    tui.keys("\x1b");
    tui.wait_for("modifiche non salvate");
    tui.keys("\r");
    let screen = tui.wait_gone("modifiche non salvate");
    assert!(screen.contains("ParoleDaTenere"), "{screen}");
    assert!(!screen.contains("scartate"), "{screen}");
    tui.keys("\x13");
    tui.wait_for("salvato");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    assert!(
        json["objectives"][5]["narratives"]["year2"]
            .as_str()
            .unwrap()
            .starts_with("ParoleDaTenere In qualità")
    );
}
