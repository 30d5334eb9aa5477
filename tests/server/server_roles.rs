//! Roles on the shared server, tested by mapping the user running the tests
//! (who the server sees on the socket) to a role in the roles file.

use crate::common;
use crate::serve;

use std::path::Path;

use common::*;
use obiettivi::model::{Change, ObjectiveField, PhaseField, Value};
use obiettivi::service::PlanService;
use obiettivi::service::ServiceError;
use obiettivi::store::Store;
use serve::{Server, assert_editor_holds, refusal, type_keys};

/// Objective whose responsabile is MARIO ROSSI.
pub(crate) const MARIOS: &str = "05_1201_0201";
/// Objective of VISENTIN RICCARDO whose phase 2 (only) is MARIO ROSSI's.
pub(crate) const SHARED: &str = "05_1201_0601";

fn set_manager(code: &str, phase: Option<usize>) -> Change {
    let value = Value::Text("MARIO ROSSI".into());
    match phase {
        Some(phase) => Change::SetPhase {
            objective: code.into(),
            phase,
            field: PhaseField::Manager,
            value,
        },
        None => Change::SetObjective {
            objective: code.into(),
            field: ObjectiveField::Manager,
            value,
        },
    }
}

fn progress(code: &str, phase: usize) -> Change {
    Change::SetPhase {
        objective: code.into(),
        phase,
        field: PhaseField::Progress,
        value: Value::Number(Some(50.0)),
    }
}

fn status(code: &str) -> Change {
    Change::SetObjective {
        objective: code.into(),
        field: ObjectiveField::Status,
        value: Value::OptText(Some("Concluso".into())),
    }
}

/// The shipped plan with MARIO ROSSI responsabile of `MARIOS` and of phase 2 of `SHARED`.
pub(crate) fn database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("db");
    let store = Store::open(&db, obiettivi::io::shipped).unwrap();
    store
        .apply_at(MARIOS, &[set_manager(MARIOS, None)], "setup", None)
        .unwrap();
    store
        .apply_at(SHARED, &[set_manager(SHARED, Some(1))], "setup", None)
        .unwrap();
    db
}

/// A roles file in `dir` making the user running the tests the manager of `responsabile`.
pub(crate) fn manager_roles(dir: &Path, responsabile: &str) -> std::path::PathBuf {
    let config = dir.join("ruoli.toml");
    std::fs::write(
        &config,
        format!(
            "[[managers]]\nuser = \"{}\"\nresponsabile = \"{responsabile}\"\n",
            me()
        ),
    )
    .unwrap();
    config
}

fn forbidden(result: Result<impl std::fmt::Debug, ServiceError>) -> String {
    match result {
        Err(ServiceError::Forbidden(why)) => why,
        other => panic!("expected a refusal for lack of rights, got {other:?}"),
    }
}

#[test]
fn a_manager_edits_what_has_their_responsabile_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let config = manager_roles(dir.path(), "Mario Rossi");
    let server = Server::start(&db, Some(&config));
    let client = server.client();
    client.apply(MARIOS, &[status(MARIOS)], None).unwrap();
    client.apply(SHARED, &[progress(SHARED, 1)], None).unwrap();

    let why = forbidden(client.apply(SHARED, &[progress(SHARED, 0)], None));
    assert_eq!(
        why,
        format!(
            "{} non può modificare {SHARED}: la fase 1 ha come responsabile «VISENTIN RICCARDO», \
             e lui/lei risponde di «Mario Rossi»",
            me()
        )
    );
    let why = forbidden(client.apply(SHARED, &[status(SHARED)], None));
    assert!(
        why.contains("l'obiettivo ha come responsabile «VISENTIN RICCARDO»"),
        "{why}"
    );
    // The whole batch is refused when one change is not theirs.
    forbidden(client.apply(SHARED, &[progress(SHARED, 1), progress(SHARED, 0)], None));
    // Drafts of a narrative follow the narrative's rights.
    forbidden(client.save_draft(
        &obiettivi::api::DraftOf::narrative(SHARED, ObjectiveField::Year1),
        "bozza",
    ));
    client
        .save_draft(
            &obiettivi::api::DraftOf::narrative(MARIOS, ObjectiveField::Year1),
            "bozza",
        )
        .unwrap();

    // From the command line: the reason, exit status 2, nothing written.
    let o = run(&db, &["set", SHARED, "--phase", "1", "--progress", "10"]);
    assert_refused(&o, "la fase 1 ha come responsabile «VISENTIN RICCARDO»");
    let file = dir.path().join("piano.json");
    std::fs::write(&file, export(&db).replace("In Corso", "Sospeso")).unwrap();
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_refused(&o, "riservato ai controllers");

    let stored = client.objective(SHARED).unwrap().unwrap().objective;
    assert_eq!(stored.phases[0].progress, None);
    assert_eq!(stored.phases[1].progress, Some(50.0));
    assert_eq!(stored.status.as_deref(), Some("In Corso"));
}

#[test]
fn a_controller_edits_everything_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let config = dir.path().join("ruoli.toml");
    std::fs::write(&config, format!("controllers = [\"{}\"]\n", me())).unwrap();
    let server = Server::start(&db, Some(&config));
    let client = server.client();
    client
        .apply(SHARED, &[progress(SHARED, 0), status(SHARED)], None)
        .unwrap();
    let file = dir.path().join("piano.json");
    std::fs::write(&file, export(&db).replace("Concluso", "Sospeso")).unwrap();
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        client
            .objective(SHARED)
            .unwrap()
            .unwrap()
            .objective
            .status
            .as_deref(),
        Some("Sospeso")
    );
}

#[test]
fn a_user_in_no_role_only_reads_and_is_told_where_roles_are_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    // The default place of the roles file: beside the database.
    let config = dir.path().join("db.toml");
    std::fs::write(&config, "controllers = [\"qualcun_altro\"]\n").unwrap();
    let server = Server::start(&db, None);
    let client = server.client();
    let why = forbidden(client.apply(MARIOS, &[status(MARIOS)], None));
    assert_eq!(
        why,
        format!(
            "{} può solo leggere: non è tra i controllers né tra i managers in {}",
            me(),
            config.display()
        )
    );
    // Reading works.
    assert!(client.load().unwrap().dataset.objectives.len() == 8);
    assert!(stdout(&run(&db, &["check"])).contains("avvis"));
}

#[test]
fn a_roles_file_with_a_mistake_stops_the_server_from_starting() {
    let (dir, db) = fresh_db();
    let config = dir.path().join("ruoli.toml");
    std::fs::write(&config, "controlers = [\"anna\"]\n").unwrap();
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_refused(&o, "file dei ruoli non valido");
    // A roles file named explicitly must exist.
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["serve", "--config"])
        .arg(dir.path().join("manca.toml"))
        .output()
        .unwrap();
    assert_refused(&o, "manca.toml: file non trovato");
    assert_refused(&o, "impossibile leggere");
}

/// The roles file decides who is controller: one that is a pipe or an endless
/// device, that others may write, or that belongs to another user, stops the
/// server from starting, saying why (before: a pipe hung it, `/dev/zero`
/// was read without end, a 0666 file of another user was obeyed).
#[test]
fn a_roles_file_that_is_not_the_owners_alone_or_does_not_end_is_refused() {
    let (dir, db) = fresh_db();
    let config = dir.path().join("ruoli.toml");
    let serve = |says: &str| {
        let child = bin()
            .arg("--db")
            .arg(&db)
            .args(["serve", "--config"])
            .arg(&config)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let o = output_within_a_minute(child, "serve started on a roles file it should refuse");
        assert_refused(&o, says);
    };
    mkfifo(&config);
    serve("ruoli.toml: non è un file normale (una pipe, un dispositivo)");
    std::fs::remove_file(&config).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    serve("ruoli.toml: non è un file normale (una pipe, un dispositivo)");
    std::fs::remove_file(&config).unwrap();
    std::fs::write(&config, format!("controllers = [\"{}\"]\n", me())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o666)).unwrap();
    serve("il file dei ruoli non viene usato: altri utenti possono modificarlo (chmod go-w)");
    // Another user's file: only root can make one.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::os::unix::fs::chown(&config, Some(4242), None).unwrap();
        serve("il file dei ruoli non viene usato: appartiene a un altro utente");
    }
}

#[test]
fn in_the_tui_a_refused_edit_says_why_and_keeps_the_typed_value() {
    use obiettivi::tui::action::Action;
    use obiettivi::tui::app::{App, Status};
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let config = manager_roles(dir.path(), "MARIO ROSSI");
    let server = Server::start(&db, Some(&config));
    let (following, dataset) =
        obiettivi::service::follow::Following::loaded(Box::new(server.client())).unwrap();
    let mut app = App::new(following, dataset, chrono::NaiveDate::MIN);
    while app.objective().map(|o| o.code.as_str()) != Some(SHARED) {
        app.update(Action::Down);
    }
    app.update(Action::Enter);
    app.update(Action::EditProgress);
    type_keys(&mut app, "7");
    app.update(Action::Commit);
    let why = refusal(&app);
    assert!(
        why.contains("la fase 1 ha come responsabile «VISENTIN RICCARDO»"),
        "{why}"
    );
    assert_editor_holds(&app, "7");
    // Phase 2 is theirs: the same keys there are saved.
    app.update(Action::Cancel);
    app.update(Action::Down);
    app.update(Action::EditProgress);
    type_keys(&mut app, "7");
    app.update(Action::Commit);
    assert!(
        matches!(app.status(), Status::Saved(_)),
        "{:?}",
        app.status()
    );
}

/// Snapshots and reviews are the controllers' (like imports): a manager reads them.
#[test]
fn only_controllers_take_snapshots_and_run_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let config = manager_roles(dir.path(), "Mario Rossi");
    {
        // Taken before the server starts, by whoever owns the files.
        let store = Store::open(&db, obiettivi::io::shipped).unwrap();
        store.create_snapshot("Monitoraggio", "anna").unwrap();
        store.start_review(Some("Monitoraggio"), "anna").unwrap();
    }
    let server = Server::start(&db, Some(&config));
    let client = server.client();
    let why = forbidden(client.start_review(None));
    assert!(why.contains("review: riservato ai controllers"), "{why}");
    forbidden(client.mark_reviewed(1, MARIOS, "ok"));
    // Reading is for everyone.
    assert_eq!(client.snapshots().unwrap().len(), 1);
    assert_eq!(client.reviews().unwrap().len(), 1);
    let o = run(&db, &["snapshot", "create", "Altro"]);
    assert_refused(&o, "snapshot: riservato ai controllers");
}

#[test]
fn a_managers_batch_or_sheet_that_touches_another_objective_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let config = manager_roles(dir.path(), "Mario Rossi");
    let server = Server::start(&db, Some(&config));
    let before = export(&db);
    // Mario's own objective first, then a phase that is not his: one transaction, refused whole.
    let file = dir.path().join("modifiche.txt");
    std::fs::write(
        &file,
        format!("{MARIOS} --status Concluso\n{SHARED} --phase 1 --progress 50\n"),
    )
    .unwrap();
    let o = run(&db, &["set", "--batch", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("riga 2: {SHARED}: ")), "{err}");
    assert!(err.contains("non può modificare"), "{err}");
    assert!(err.contains("Nessuna modifica è stata scritta"), "{err}");
    assert_eq!(export(&db), before);
    // Nothing was written, so nothing had to be undone: no history of it at all.
    let history = ok(&db, &["history", MARIOS]);
    assert!(!history.contains("Concluso"), "{history}");

    // The same through a sheet: the row that is not his is named.
    let csv = dir.path().join("piano.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let header: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .next()
        .unwrap()
        .split(';')
        .collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (code, phase, weight) = (col("Obiettivo"), col("N. fase"), col("Peso"));
    let edited: Vec<String> = text
        .split("\r\n")
        .map(|line| {
            let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
            let first_phase_of =
                |of: &str| cells.get(code).is_some_and(|c| c == of) && cells[phase] == "1";
            if first_phase_of(MARIOS) || first_phase_of(SHARED) {
                cells[weight] = "50".into();
            }
            cells.join(";")
        })
        .collect();
    std::fs::write(&csv, edited.join("\r\n")).unwrap();
    let o = run(&db, &["import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("foglio «piano.csv», riga 8, colonna «Peso» (T)"),
        "{err}"
    );
    assert!(err.contains("non può modificare"), "{err}");
    assert_eq!(export(&db), before);
    drop(server);
}

/// Issue 17: a manager enters the measurements of their objectives'
/// indicators; targets, baselines, weights and the list are the controllers'.
#[test]
fn a_manager_measures_their_indicators_but_does_not_set_targets() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    {
        let store = Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        let add = Change::AddIndicator {
            objective: MARIOS.into(),
            indicator: 0,
            value: obiettivi::model::indicators::Indicator {
                name: "Pratiche evase".into(),
                targets: [(2026, 100.0)].into(),
                ..Default::default()
            },
        };
        store.apply_at(MARIOS, &[add], "setup", None).unwrap();
    }
    let config = manager_roles(dir.path(), "MARIO ROSSI");
    let _server = Server::start(&db, Some(&config));
    let measured = run_plain(
        &db,
        &[
            "set",
            MARIOS,
            "--indicator",
            "1",
            "--measure",
            "30/06/2026=40",
        ],
    );
    assert_eq!(measured.status.code(), Some(0), "{}", stderr(&measured));
    for args in [
        vec!["--target", "2026=50"],
        vec!["--baseline", "10@2025"],
        vec!["--weight", "50"],
    ] {
        let mut all = vec!["set", MARIOS, "--indicator", "1"];
        all.extend(args);
        let o = run_plain(&db, &all);
        assert_refused(
            &o,
            "target, valore di partenza, pesi e l'elenco degli indicatori sono dei controllers",
        );
    }
    let o = run_plain(&db, &["set", MARIOS, "--add-indicator", "Altro"]);
    assert_refused(&o, "sono dei controllers");
    // Not their objective: not even a measurement.
    let o = run_plain(&db, &["set", SHARED, "--add-indicator", "X"]);
    assert_eq!(o.status.code(), Some(2));
    let json = export_json(&db);
    let o = json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == MARIOS)
        .unwrap();
    assert_eq!(o["indicators"][0]["measurements"][0]["value"], 40.0);
    assert_eq!(o["indicators"][0]["targets"]["2026"], 100.0);
}

/// The indicators section of a sheet follows the same rights: a manager's
/// file may bring measurements of their indicators, not targets.
#[test]
fn a_managers_sheet_brings_measurements_but_not_targets() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    ok(
        &db,
        &[
            "set",
            MARIOS,
            "--add-indicator",
            "Pratiche evase",
            "--target",
            "2026=100",
        ],
    );
    let csv = dir.path().join("piano.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    // Cells 11–14 of the indicators section: Anno, Target, Periodo rilevazione,
    // Rilevazione (19 cells with the version and the history position).
    let edit = |target: &str| -> String {
        text.split("\r\n")
            .map(|line| {
                let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
                if cells.len() == 19 && cells[1] == MARIOS && cells[11] == "2026" {
                    cells[12] = target.into();
                    cells[13] = "30/06/2026".into();
                    cells[14] = "40".into();
                }
                cells.join(";")
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let config = manager_roles(dir.path(), "MARIO ROSSI");
    let server = Server::start(&db, Some(&config));
    let before = export(&db);
    std::fs::write(&csv, edit("120")).unwrap();
    let o = run(&db, &["import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sono dei controllers"), "{err}");
    assert!(
        err.contains("foglio «piano.csv · Indicatori», riga"),
        "{err}"
    );
    assert_eq!(export(&db), before);

    std::fs::write(&csv, edit("100")).unwrap();
    let out = ok(&db, &["import", csv.to_str().unwrap()]);
    assert!(
        out.contains("indicatore 1 «Pratiche evase» rilevazione 30/06/2026:  → 40"),
        "{out}"
    );
    let history = ok(&db, &["history", MARIOS]);
    assert!(
        history.contains(&me()),
        "measured by the manager: {history}"
    );
    drop(server);
}

/// Issue 17 in the TUI: on the Indicatori pane a manager's measurement is
/// saved, their target is refused with the reason and the typed value stays.
#[test]
fn in_the_indicator_pane_a_manager_measures_and_is_told_why_a_target_is_not_theirs() {
    use obiettivi::tui::action::Action;
    use obiettivi::tui::app::{App, Status};
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    {
        let store = Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        let add = Change::AddIndicator {
            objective: MARIOS.into(),
            indicator: 0,
            value: obiettivi::model::indicators::Indicator {
                name: "Pratiche evase".into(),
                targets: [(2026, 100.0)].into(),
                ..Default::default()
            },
        };
        store.apply_at(MARIOS, &[add], "setup", None).unwrap();
    }
    let config = manager_roles(dir.path(), "MARIO ROSSI");
    let server = Server::start(&db, Some(&config));
    let (following, dataset) =
        obiettivi::service::follow::Following::loaded(Box::new(server.client())).unwrap();
    // Before the plan: the first monitoring period (30/06/2026) is the one under way.
    let mut app = App::new(following, dataset, chrono::NaiveDate::MIN);
    while app.objective().map(|o| o.code.as_str()) != Some(MARIOS) {
        app.update(Action::Down);
    }
    app.update(Action::FocusPane(5));
    app.update(Action::EditProgress);
    type_keys(&mut app, "40");
    app.update(Action::Commit);
    assert!(
        matches!(app.status(), Status::Saved(_)),
        "{:?}",
        app.status()
    );
    // Target 2026: name, weight, achievement, baseline, then the targets.
    for _ in 0..app.indicators().col {
        app.update(Action::Left);
    }
    for _ in 0..4 {
        app.update(Action::Right);
    }
    app.update(Action::Enter);
    type_keys(&mut app, "5");
    app.update(Action::Commit);
    let why = refusal(&app);
    assert!(why.contains("sono dei controllers"), "{why}");
    assert_editor_holds(&app, "1005");
    drop(server);
    let json = export_json(&db);
    let o = json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == MARIOS)
        .unwrap();
    assert_eq!(o["indicators"][0]["measurements"][0]["value"], 40.0);
    assert_eq!(o["indicators"][0]["targets"]["2026"], 100.0);
}

/// GUIDE §10: making a plan or choosing the default is the controllers';
/// everyone lists the plans, and works on the one named at connection: a
/// manager's edit there leaves the same code in the other plan alone.
#[test]
fn only_controllers_make_plans_or_choose_the_default_and_a_connection_works_on_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    {
        let store = Store::open(&db, obiettivi::io::shipped).unwrap();
        store
            .new_plan("DUP 2027-2029", 2027, Some("DUP 2026-2028"), "anna")
            .unwrap();
    }
    let config = manager_roles(dir.path(), "Mario Rossi");
    let server = Server::start(&db, Some(&config));
    let client = server.client();
    let why = forbidden(client.plan_new("DUP 2028-2030", 2028, None));
    assert!(why.contains("plan: riservato ai controllers"), "{why}");
    let why = forbidden(client.plan_use("DUP 2027-2029"));
    assert!(why.contains("plan: riservato ai controllers"), "{why}");
    let titles: Vec<_> = client
        .plans()
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect();
    assert_eq!(titles, ["DUP 2026-2028", "DUP 2027-2029"]);

    let next = server.client_on("DUP 2027-2029");
    assert_eq!(next.load().unwrap().dataset.plan.title, "DUP 2027-2029");
    next.apply(MARIOS, &[status(MARIOS)], None).unwrap();
    let status_in = |c: &obiettivi::server::client::Client| {
        let o = c.objective(MARIOS).unwrap().unwrap();
        o.objective.status
    };
    assert_eq!(status_in(&next).as_deref(), Some("Concluso"));
    assert_ne!(status_in(&client).as_deref(), Some("Concluso"));
    assert_refused(
        &run(&db, &["plan", "use", "DUP 2027-2029"]),
        "plan: riservato ai controllers",
    );
    // The TUI's `:plan`: a new connection on the other plan, or the plans named.
    let switched = client.on_plan("DUP 2027-2029").unwrap();
    assert_eq!(
        switched.outline().unwrap().dataset.plan.title,
        "DUP 2027-2029"
    );
    let why = client.on_plan("DUP 2030").err().unwrap().to_string();
    assert!(
        why.contains("il piano «DUP 2030» non c'è in questo database; i suoi piani sono: «DUP 2026-2028», «DUP 2027-2029»"),
        "{why}"
    );
}
