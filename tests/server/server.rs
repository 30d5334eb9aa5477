//! `obiettivi serve` with several clients at once: identity from the socket,
//! versions against lost updates, bad clients, auto-connect of the CLI and the
//! TUI's live refresh.

use crate::common;
use crate::pty;
use crate::serve;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use common::*;
use obiettivi::model::{Change, ObjectiveField, PhaseField, Value};
use obiettivi::server::client::{Client, ConnectError};
use obiettivi::server::protocol::PROTOCOL_VERSION;
use obiettivi::service::PlanService;
use obiettivi::service::follow::{Following, Update};
use obiettivi::service::{Loaded, ServiceError};
use obiettivi::tui::action::Action;
use obiettivi::tui::app::{App, Mode, Status};
use serve::{Server, assert_editor_holds, refusal, type_keys};

const CODE: &str = "05_1201_0601";

fn status(text: &str) -> Change {
    Change::SetObjective {
        objective: CODE.into(),
        field: ObjectiveField::Status,
        value: Value::OptText(Some(text.into())),
    }
}

fn weight(phase: usize, w: f64) -> Change {
    Change::SetPhase {
        objective: CODE.into(),
        phase,
        field: PhaseField::Weight,
        value: Value::Number(Some(w)),
    }
}

/// A TUI session through the server, with `CODE` selected and opened (focus on
/// its phases), and the objective's index in the plan.
fn app_on_code(server: &Server) -> (App, usize) {
    let (following, dataset) = Following::loaded(Box::new(server.client())).unwrap();
    let index = dataset
        .objectives
        .iter()
        .position(|o| o.code == CODE)
        .unwrap();
    let mut app = App::new(following, dataset, chrono::NaiveDate::MIN);
    while app.objective().map(|o| o.code.as_str()) != Some(CODE) {
        app.update(Action::Down);
    }
    app.update(Action::Enter);
    (app, index)
}

/// A raw connection, to send what a real client never would.
fn raw(server: &Server) -> (BufReader<UnixStream>, UnixStream) {
    let s = UnixStream::connect(server.socket()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    (BufReader::new(s.try_clone().unwrap()), s)
}

/// The kind of error a raw answer carries (`service::ServiceError`'s tag).
fn error_of(reply: &serde_json::Value) -> &str {
    assert_eq!(reply["result"], "error", "{reply}");
    reply["value"]["error"].as_str().unwrap_or_default()
}

fn answer(input: &mut BufReader<UnixStream>) -> serde_json::Value {
    let mut line = String::new();
    input.read_line(&mut line).unwrap();
    serde_json::from_str(&line).unwrap_or(serde_json::Value::Null)
}

#[test]
fn a_client_of_another_protocol_version_is_told_which_side_to_update() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let (mut input, mut output) = raw(&server);
    let newer = PROTOCOL_VERSION + 1;
    writeln!(
        output,
        "{{\"op\":\"hello\",\"version\":{newer},\"lang\":\"it\"}}"
    )
    .unwrap();
    let reply = answer(&mut input);
    assert_eq!(reply["result"], "refused");
    assert_eq!(reply["version"], PROTOCOL_VERSION);
    assert_eq!(
        reply["message"],
        format!(
            "il server parla la versione {PROTOCOL_VERSION} del protocollo, questo programma la {newer}: \
             aggiornare il server (obiettivi serve) e riavviarlo"
        )
    );
    // And the server goes on serving clients of its version.
    assert!(server.client().load().is_ok());
}

#[test]
fn an_old_client_is_refused_in_its_language_told_to_update_itself_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (server, log) = Server::start_logged(&db, None, &[], false);
    let older = PROTOCOL_VERSION - 1;
    let update_it = format!(
        "il server parla la versione {PROTOCOL_VERSION} del protocollo, questo programma la {older}: \
         aggiornare obiettivi su questo computer (o usare la stessa versione del server)"
    );
    // The hello of the release before (no plan in it), in each language.
    for (lang, says) in [
        ("it", update_it.clone()),
        (
            "en",
            format!(
                "the server speaks version {PROTOCOL_VERSION} of the protocol, this program {older}: \
                 update obiettivi on this computer (or use the server's version)"
            ),
        ),
    ] {
        let (mut input, mut output) = raw(&server);
        writeln!(
            output,
            "{{\"op\":\"hello\",\"version\":{older},\"lang\":\"{lang}\"}}"
        )
        .unwrap();
        let reply = answer(&mut input);
        assert_eq!(reply["result"], "refused", "{reply}");
        assert_eq!(reply["version"], PROTOCOL_VERSION);
        assert_eq!(reply["message"], says);
        // And the connection ends there: a request after it gets no answer.
        let _ = writeln!(output, "{{\"op\":\"load\"}}");
        let mut rest = String::new();
        assert_eq!(input.read_line(&mut rest).unwrap_or(0), 0, "{rest}");
    }
    // The administrator reads who was refused and why, in the server's language.
    let refusals: Vec<String> =
        std::iter::from_fn(|| log.recv_timeout(Duration::from_secs(30)).ok())
            .filter(|l| l.contains("rifiutato a"))
            .take(2)
            .collect();
    assert_eq!(refusals.len(), 2, "{refusals:#?}");
    for line in &refusals {
        assert!(
            line.contains(&format!("rifiutato a {} (", me()))
                && line.ends_with(&format!("hello: {update_it}")),
            "{line}"
        );
    }
    // The server goes on serving clients of its version.
    assert!(server.client().load().is_ok());
}

/// A restore of several plans sent straight to `serve` (no file parsed
/// before it): a damaged plan among them is refused by the service, and the
/// plans before it in the request are not written either (one transaction).
#[test]
fn a_restore_of_several_plans_with_a_damaged_one_over_the_socket_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let client = server.client();
    let next = "DUP 2027-2029";
    client.plan_new(next, 2027, Some("DUP 2026-2028")).unwrap();
    let plans = || {
        let on = |title: &str| client.on_plan(title).unwrap().load().unwrap().dataset;
        (on("DUP 2026-2028"), on(next))
    };
    let (old, new) = plans();
    let mut changed = old.clone();
    changed.objectives.truncate(1);
    let mut damaged = new.clone();
    damaged.objectives[0].mission = "2024_28_DUP_99_9999".into();
    let refused = client.restore_plans(&[changed.clone(), damaged]);
    let Err(ServiceError::Invalid(why)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(why.path, "objectives[0].mission", "{why}");
    assert!(plans() == (old, new.clone()), "neither plan written");
    // The same request with the plan mended goes through, whole, and a
    // session on the other plan is told to read it again.
    let (mut watcher, _) = Following::loaded(client.on_plan(next).unwrap()).unwrap();
    assert_eq!(watcher.poll(None).unwrap(), Update::Nothing);
    let mut renamed = new.clone();
    renamed.objectives[0].operational_objective = "Ripristinato".into();
    let reports = client
        .restore_plans(&[changed.clone(), renamed.clone()])
        .unwrap();
    assert_eq!(reports.len(), 2);
    assert!(plans() == (changed, renamed), "both plans written");
    match watcher.poll(None).unwrap() {
        Update::Reload(outline) => assert_eq!(outline.summaries[0].title, "Ripristinato"),
        other => panic!("expected a reload, got {other:?}"),
    }
}

#[test]
fn the_history_records_who_the_socket_says_not_who_the_client_claims() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let client = server.client();
    assert_eq!(client.user(), me());
    // The CLI goes through the server (the database is the server's: opening it would fail)
    // and its $USER=tester is not what the history records.
    let o = run(&db, &["set", CODE, "--phase", "1", "--weight", "40"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let history = stdout(&run(&db, &["history", CODE]));
    let last = history.lines().last().unwrap();
    assert!(last.contains(&format!("  {}  {CODE}", me())), "{last}");
    assert!(last.contains("Peso: n/d → 40"), "{last}");
    drop(server);
}

#[test]
fn an_edit_on_an_outdated_version_is_refused_with_who_and_when_and_can_be_reapplied() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let (anna, mario) = (server.client(), server.client());
    let Loaded {
        dataset, versions, ..
    } = mario.load().unwrap();
    let index = dataset
        .objectives
        .iter()
        .position(|o| o.code == CODE)
        .unwrap();
    let read = versions[index];
    anna.apply(CODE, &[status("Concluso")], Some(read)).unwrap();
    match mario.apply(CODE, &[status("Sospeso")], Some(read)) {
        Err(ServiceError::Outdated(c)) => {
            assert_eq!(c.by.as_deref(), Some(me().as_str()));
            assert!(c.at.is_some());
            assert_eq!(c.version, read + 1);
            assert_eq!(c.current.status.as_deref(), Some("Concluso"));
            let message = c.to_string();
            assert!(
                message.contains("è stato modificato da un altro utente"),
                "{message}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nothing of mario's landed; re-applied on the version now known, it does.
    let o = mario.objective(CODE).unwrap().unwrap();
    assert_eq!(o.objective.status.as_deref(), Some("Concluso"));
    let again = mario
        .apply(CODE, &[status("Sospeso")], Some(o.version))
        .unwrap();
    assert_eq!(again.objective.status.as_deref(), Some("Sospeso"));
}

/// Issue 24 item 4: a manager looping an edit of the value already stored
/// moved the version 24 000 times in 15 s, and a controller's save on that
/// objective was refused every time as "modified by another user".
#[test]
fn a_thousand_applies_of_the_stored_value_move_no_version_and_the_next_save_goes_through() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let (looping, controller) = (server.client(), server.client());
    looping.apply(CODE, &[weight(0, 25.0)], None).unwrap();
    let read = controller.objective(CODE).unwrap().unwrap().version;
    let history = || obiettivi::service::whole_history(&controller, Some(CODE)).unwrap();
    let entries = history().len();
    for _ in 0..1000 {
        match looping.apply(CODE, &[weight(0, 25.0)], None) {
            Err(e @ ServiceError::NothingToChange) => {
                assert_eq!(e.to_string(), "niente da cambiare: è già così")
            }
            other => panic!("expected no change, got {other:?}"),
        }
    }
    assert_eq!(controller.objective(CODE).unwrap().unwrap().version, read);
    assert_eq!(history().len(), entries, "no history written");
    // A change with an equal part and a different one: only the latter counts.
    let saved = controller
        .apply(CODE, &[weight(0, 25.0), status("Concluso")], Some(read))
        .unwrap();
    assert_eq!(saved.version, read + 1);
    let after = history();
    assert_eq!(after.len(), entries + 1, "only the status is recorded");
    assert_eq!(after.last().unwrap().what.field, "status");
}

#[test]
fn the_tui_shows_a_colleagues_save_before_anything_overwrites_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let other = server.client();
    let (mut app, index) = app_on_code(&server);
    // Edit the weight of phase 1.
    app.update(Action::EditWeight);
    type_keys(&mut app, "35");
    // Meanwhile someone else sets phase 2.
    other.apply(CODE, &[weight(1, 60.0)], None).unwrap();
    app.update(Action::Commit);
    let message = refusal(&app);
    assert!(
        message.contains(&format!("NON salvato: {} ha modificato {CODE}", me())),
        "{message}"
    );
    let Mode::Conflict(view) = app.mode() else {
        panic!("the conflict view opens")
    };
    assert_eq!(view.their_changes().len(), 1, "{:?}", view.their_changes());
    assert!(view.their_changes()[0].contains("Peso: n/d → 60"));
    // Enter goes back to the value typed; saving it again asks again.
    app.update(Action::Keep);
    assert_editor_holds(&app, "35");
    app.update(Action::Commit);
    assert!(matches!(app.mode(), Mode::Conflict(_)));
    // Theirs is kept: both values shown, mine typed again on their version.
    app.update(Action::Discard);
    assert_eq!(app.dataset().objectives[index].phases[1].weight, Some(60.0));
    app.update(Action::EditWeight);
    type_keys(&mut app, "35");
    app.update(Action::Commit);
    assert!(
        matches!(app.status(), Status::Saved(_)),
        "{:?}",
        app.status()
    );
    let stored = other.objective(CODE).unwrap().unwrap().objective;
    assert_eq!(stored.phases[0].weight, Some(35.0));
    assert_eq!(stored.phases[1].weight, Some(60.0));
}

#[test]
fn the_tui_shows_others_changes_without_moving_the_cursor_or_touching_an_open_edit() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let other = server.client();
    let (mut app, index) = app_on_code(&server);
    app.update(Action::Down);
    let (selected, phase_row) = (app.selected(), app.phases().row);
    assert!(!app.refresh_from_others(), "nothing changed yet");

    other.apply(CODE, &[weight(0, 25.0)], None).unwrap();
    assert!(app.refresh_from_others());
    assert_eq!(app.dataset().objectives[index].phases[0].weight, Some(25.0));
    assert_eq!((app.selected(), app.phases().row), (selected, phase_row));
    assert!(matches!(app.status(), Status::Info(m) if m.contains(CODE)));

    // With the narrative editor open on it, the news wait; the text typed stays.
    app.update(Action::EditYear1);
    assert!(matches!(app.mode(), Mode::Narrative(_)));
    other.apply(CODE, &[weight(0, 30.0)], None).unwrap();
    app.refresh_from_others();
    assert_eq!(app.dataset().objectives[index].phases[0].weight, Some(25.0));
    assert!(matches!(app.mode(), Mode::Narrative(_)));
    app.update(Action::Cancel);
    assert!(matches!(app.mode(), Mode::Normal));
    assert!(app.refresh_from_others());
    assert_eq!(app.dataset().objectives[index].phases[0].weight, Some(30.0));
    assert_eq!((app.selected(), app.phases().row), (selected, phase_row));
}

#[test]
fn malformed_silent_and_vanishing_clients_do_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let healthy = server.client();

    // Connects and says nothing, and stays.
    let _silent = UnixStream::connect(server.socket()).unwrap();
    // Not a hello first.
    let (mut input, mut output) = raw(&server);
    writeln!(output, "{{\"op\":\"load\"}}").unwrap();
    assert_eq!(answer(&mut input)["result"], "refused");
    // After a good hello: garbage, then a request of the wrong shape, then a good one.
    let (mut input, mut output) = raw(&server);
    writeln!(
        output,
        "{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION}}}"
    )
    .unwrap();
    assert_eq!(answer(&mut input)["result"], "hello");
    writeln!(output, "{{non è json").unwrap();
    assert_eq!(error_of(&answer(&mut input)), "bad_request");
    writeln!(output, "{{\"op\":\"apply\",\"code\":7}}").unwrap();
    assert_eq!(error_of(&answer(&mut input)), "bad_request");
    writeln!(output, "{{\"op\":\"objective\",\"code\":\"{CODE}\"}}").unwrap();
    assert_eq!(answer(&mut input)["value"]["objective"]["code"], CODE);
    // Binary that is not UTF-8: answered, then hung up.
    output.write_all(b"\xff\xfe\x00\n").unwrap();
    assert_eq!(error_of(&answer(&mut input)), "bad_request");
    // Goes away in the middle of a request.
    let (_, mut output) = raw(&server);
    writeln!(
        output,
        "{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION}}}"
    )
    .unwrap();
    output
        .write_all(b"{\"op\":\"apply\",\"code\":\"05_1")
        .unwrap();
    drop(output);

    assert!(healthy.apply(CODE, &[status("ancora vivo")], None).is_ok());
    assert_eq!(
        server
            .client()
            .objective(CODE)
            .unwrap()
            .unwrap()
            .objective
            .status
            .as_deref(),
        Some("ancora vivo")
    );
}

#[test]
fn the_cli_goes_through_a_running_server_for_every_subcommand() {
    let (dir, db) = fresh_db();
    let server = Server::start(&db, None);
    // `check` exits 1 when it finds warnings: that is a success here too.
    let ran = |args: &[&str]| {
        let o = run(&db, args);
        assert!(
            o.status.code() == Some(0) || o.status.code() == Some(1),
            "{args:?}: {}",
            stderr(&o)
        );
        stdout(&o)
    };
    ran(&["set", CODE, "--status", "Via server"]);
    let exported = ran(&["export"]);
    assert!(exported.contains("Via server"));
    assert!(ran(&["report", CODE]).contains("Via server"));
    assert!(ran(&["check"]).contains("avvis"));
    assert!(ran(&["history", CODE]).contains("Via server"));
    let backup = ran(&["backup"]);
    assert!(backup.contains(".snapshots/"), "{backup}");
    // An import of the export back changes nothing; with a change, it lands.
    let file = dir.path().join("piano.json");
    std::fs::write(&file, exported.replace("Via server", "Importato")).unwrap();
    assert!(ran(&["import", file.to_str().unwrap()]).contains("importato e salvato"));
    assert!(
        server
            .client()
            .objective(CODE)
            .unwrap()
            .unwrap()
            .objective
            .status
            .as_deref()
            == Some("Importato")
    );
}

#[test]
fn a_second_server_is_refused_and_a_dead_ones_socket_is_taken_over() {
    let (dir, db) = fresh_db();
    let first = Server::start(&db, None);
    let o = bin().arg("--db").arg(&db).arg("serve").output().unwrap();
    assert_refused(&o, "un altro server risponde già su");
    first
        .client()
        .apply(CODE, &[status("prima del kill")], None)
        .unwrap();
    let socket = first.socket();
    first.kill9();
    assert!(socket.exists(), "SIGKILL leaves the socket file");
    // Without a server, the CLI opens the database directly.
    assert!(export(&db).contains("prima del kill"));
    let second = Server::start(&db, None);
    assert_eq!(
        second
            .client()
            .objective(CODE)
            .unwrap()
            .unwrap()
            .objective
            .status
            .as_deref(),
        Some("prima del kill")
    );
    // A client refused by the server is told why, not sent to the database.
    assert!(matches!(
        Client::connect(&dir.path().join("none.sock"), None),
        Err(ConnectError::NoServer)
    ));
}

#[test]
fn the_tui_started_beside_a_server_goes_through_it_and_shows_others_edits() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let other = server.client();
    let mut tui = pty::Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("jjjjjjj\r");
    tui.wait_for("05_1201_0601 · fase 1/4");
    other.apply(CODE, &[weight(0, 40.0)], None).unwrap();
    // Live refresh: no key pressed.
    tui.wait_for("Σ pesi: 40");
    tui.keys("jw10\r");
    tui.wait_for("salvato · fase 2 Peso: 10");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let stored = other.objective(CODE).unwrap().unwrap().objective;
    assert_eq!(stored.phases[1].weight, Some(10.0));
    let history = obiettivi::service::whole_history(&other, Some(CODE)).unwrap();
    assert_eq!(history.last().unwrap().who, me());
}

#[test]
fn after_an_import_even_of_the_plan_title_alone_clients_read_everything_again() {
    let (dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let (mut watcher, _) = Following::loaded(Box::new(server.client())).unwrap();
    assert_eq!(
        watcher.poll(None).unwrap(),
        obiettivi::service::follow::Update::Nothing
    );
    let file = dir.path().join("piano.json");
    std::fs::write(&file, export(&db).replace("DUP 2026-2028", "DUP 2027-2029")).unwrap();
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // With an editor open the reload waits; then it comes.
    assert_eq!(
        watcher.poll(Some(CODE)).unwrap(),
        obiettivi::service::follow::Update::Nothing
    );
    match watcher.poll(None).unwrap() {
        obiettivi::service::follow::Update::Reload(d) => {
            assert_eq!(d.dataset.plan.title, "DUP 2027-2029")
        }
        other => panic!("expected a reload, got {other:?}"),
    }
    assert_eq!(
        watcher.poll(None).unwrap(),
        obiettivi::service::follow::Update::Nothing
    );
}

#[test]
fn a_client_reconnects_to_a_restarted_server_and_reads_everything_again() {
    let (_dir, db) = fresh_db();
    let first = Server::start(&db, None);
    let (mut client, _) = Following::loaded(Box::new(first.client())).unwrap();
    first.kill9();
    // While no server runs, someone opens the database directly.
    let o = run(&db, &["set", CODE, "--status", "senza server"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let _second = Server::start(&db, None);
    match client.poll(None).unwrap() {
        obiettivi::service::follow::Update::Reload(d) => {
            let o = d.summaries.iter().find(|o| o.code == CODE).unwrap();
            assert_eq!(o.status.as_deref(), Some("senza server"));
        }
        other => panic!("expected a reload, got {other:?}"),
    }
    client
        .apply(CODE, &[status("di nuovo col server")])
        .unwrap();
}

/// Monitoring through the server: snapshots, diff, a review marked from two
/// clients, and the minutes, with the marks under the socket's user.
#[test]
fn snapshots_reviews_and_minutes_go_through_the_server() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    ok(&db, &["snapshot", "create", "Monitoraggio"]);
    ok(&db, &["set", CODE, "--status", "Concluso"]);
    assert!(ok(&db, &["snapshot", "list"]).contains("Monitoraggio"));
    assert!(ok(&db, &["diff", "Monitoraggio"]).contains("Stato: In Corso → Concluso"));

    let (a, b) = (server.client(), server.client());
    let review = a.start_review(Some("Monitoraggio")).unwrap();
    a.mark_reviewed(review.id, CODE, "chiuso").unwrap();
    b.mark_reviewed(review.id, "05_1201_0102", "").unwrap();
    assert_eq!(b.reviews().unwrap()[0].marks.len(), 2);
    assert_eq!(b.snapshot_plan("Monitoraggio").unwrap().objectives.len(), 8);
    let missing = b.snapshot_plan("nessuna").unwrap_err().to_string();
    assert!(
        missing.contains("l'istantanea «nessuna» non esiste"),
        "{missing}"
    );

    let minutes = ok(&db, &["report", "--review", &review.id.to_string()]);
    assert!(
        minutes.contains("- **Obiettivi rivisti:** 2 di 8"),
        "{minutes}"
    );
    assert!(
        minutes.contains(&format!("rivisto da {}", me())),
        "{minutes}"
    );
    assert!(minutes.contains("- **Commento:** chiuso"), "{minutes}");
    ok(&db, &["snapshot", "delete", "Monitoraggio"]);
    let minutes = ok(&db, &["report", "--review", &review.id.to_string()]);
    assert!(minutes.contains("è stata eliminata"), "{minutes}");
}

/// Two people in the TUI (real ptys) and a script, on the same objective at
/// once: every acknowledged edit lands and is in the history; the one made on
/// an outdated version is refused with who and when, shows theirs beside what
/// was typed, and lands only when put on top of theirs.
#[test]
fn two_tuis_and_a_script_on_the_same_objective_lose_nothing() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let mut a = pty::Tui::start(&db, 100, 30);
    let mut b = pty::Tui::start(&db, 100, 30);
    for tui in [&mut a, &mut b] {
        tui.wait_for("2023_2028_DUP_05");
        tui.keys("jjjjjjj\r");
        tui.wait_for("05_1201_0601 · fase 1/4");
    }
    // B starts typing a weight for phase 1; while its editor is open, its copy
    // of the objective is not refreshed under it.
    b.keys("w");
    b.wait_for("Enter salva");
    b.keys("\x1555");
    // A saves phase 1 first, and a script sets phase 2's progress.
    a.keys("w\x1540\r");
    a.wait_for("salvato · fase 1 Peso: 40");
    let o = run(&db, &["set", CODE, "--phase", "2", "--progress", "30"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // B's save is on an outdated version: refused, with who, and 55 still typed.
    b.keys("\r");
    // (Each part is waited for: the view may still be drawing its lines.)
    b.wait_for("ha salvato dopo che l'avevi letto");
    let screen = b.wait_for("Peso: n/d → 55");
    assert!(screen.contains(&me()), "who changed it is named: {screen}");
    // The conflict view shows A's value; Enter goes back to 55, Enter again asks again.
    b.wait_for("Peso: n/d → 40");
    b.keys("\r");
    b.wait_gone("Conflitto ·");
    b.keys("\r");
    b.wait_for("Conflitto ·");
    // Saved on top of A's, knowingly, it lands.
    b.keys("o");
    b.wait_for("salvato · la tua versione (sopra il salvataggio di");
    // A sees B's value without a key press.
    a.wait_for("Σ pesi: 55");
    for tui in [&mut a, &mut b] {
        tui.keys("q");
        assert_eq!(tui.wait_exit(), 0);
    }
    let stored = server.client().objective(CODE).unwrap().unwrap().objective;
    assert_eq!(stored.phases[0].weight, Some(55.0));
    assert_eq!(stored.phases[1].progress, Some(30.0));
    let history: Vec<String> = obiettivi::service::whole_history(&server.client(), Some(CODE))
        .unwrap()
        .iter()
        .map(obiettivi::io::history::what)
        .collect();
    // After the shipped plan's creation: exactly the three acknowledged edits,
    // in order, B's saying whose save it went on top of.
    assert_eq!(
        history[1..3],
        [
            "fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: n/d → 40",
            "fase 2 «UTILIZZO DELLE RISORSE STATALIE REGIONALI PER FAVORIRE L'ACCESSO ALL'ABITAZIONE \
             ALLE FAMIGLIE IN DIFFICOLTA'» Avanzamento: n/d → 30",
        ]
    );
    assert_eq!(history.len(), 4, "{history:?}");
    let over = format!(
        "fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: 40 → 55 (sopra il salvataggio di {} del ",
        me()
    );
    assert!(history[3].starts_with(&over), "{}", history[3]);
}

/// Issue 15 through the server: an edit on four phases is one change (one
/// version, an audit line per phase), and a moved phase lands with its record.
#[test]
fn a_bulk_edit_and_a_moved_phase_go_through_the_server_one_change_each() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let client = server.client();
    let before = obiettivi::service::whole_history(&client, Some(CODE))
        .unwrap()
        .len();
    let start = client.objective(CODE).unwrap().unwrap();
    let names: Vec<String> = start
        .objective
        .phases
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let all = [
        weight(0, 25.0),
        weight(1, 25.0),
        weight(2, 25.0),
        weight(3, 25.0),
    ];
    let weighted = client.apply(CODE, &all, Some(start.version)).unwrap();
    assert_eq!(weighted.version, start.version + 1, "one change");
    let down = Change::MovePhase {
        objective: CODE.into(),
        from: 0,
        to: 3,
    };
    let moved = client.apply(CODE, &[down], Some(weighted.version)).unwrap();
    assert_eq!(moved.version, weighted.version + 1);
    let now: Vec<String> = moved
        .objective
        .phases
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(
        now,
        [&names[1], &names[2], &names[3], &names[0]].map(String::clone)
    );
    // Stored so: another client reads the same order.
    let other = server.client();
    let stored = other.objective(CODE).unwrap().unwrap().objective;
    assert_eq!(stored.phases[3].name, names[0]);
    assert!(stored.phases.iter().all(|p| p.weight == Some(25.0)));
    let history = obiettivi::service::whole_history(&other, Some(CODE)).unwrap();
    assert_eq!(history.len(), before + 5, "four weights and a move");
    let last = &history.last().unwrap().what;
    assert_eq!(
        (last.field.name().as_str(), last.phase),
        ("position", Some(3))
    );
}
