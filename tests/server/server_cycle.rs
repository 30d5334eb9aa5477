//! The plan's year through `serve` (GUIDE §7, §8): who may move the plan,
//! and what each role may edit in each state. The server sees the user
//! running the tests; each roles file makes that user another role.

use crate::serve;

use std::path::{Path, PathBuf};

use crate::common::me;
use obiettivi::model::cycle::{Direction, PlanState, Step};
use obiettivi::model::{Change, PhaseField, Value};
use obiettivi::service::{Local, PlanService, ServiceError};
use obiettivi::store::Store;
use serve::{Raw, Server};

/// An objective of VISENTIN RICCARDO, whom the manager of these tests answers for.
const CODE: &str = "05_1201_0601";

fn phase(field: PhaseField, value: Value) -> Change {
    Change::SetPhase {
        objective: CODE.into(),
        phase: 0,
        field,
        value,
    }
}

fn weight() -> Change {
    phase(PhaseField::Weight, Value::Number(Some(30.0)))
}

fn notes() -> Change {
    phase(PhaseField::Notes, Value::Text("da rivedere".into()))
}

fn progress() -> Change {
    phase(PhaseField::Progress, Value::Number(Some(40.0)))
}

fn step(direction: Direction, act: &str) -> Step {
    Step {
        direction,
        act: act.into(),
        reason: "impostazione del test".into(),
        force: true,
    }
}

/// The shipped plan moved on (by a controller, forcing its checks) until `state`.
fn database_in(dir: &Path, state: PlanState) -> PathBuf {
    let db = dir.join("db");
    let local = Local::new(
        Store::open(&db, obiettivi::io::shipped).unwrap(),
        "setup".into(),
    );
    while local.load().unwrap().dataset.plan.state() < state {
        local
            .cycle_step(step(Direction::Advance, "DGC n. 12 del 30/01/2026"))
            .unwrap();
    }
    db
}

fn roles(dir: &Path, text: &str) -> PathBuf {
    let config = dir.join("ruoli.toml");
    std::fs::write(&config, text.replace("ME", &me())).unwrap();
    config
}

fn forbidden(result: Result<impl std::fmt::Debug, ServiceError>) -> String {
    match result {
        Err(ServiceError::Forbidden(why)) => why,
        other => panic!("expected a refusal for lack of rights, got {other:?}"),
    }
}

/// The plan made beside the shipped one.
const NEXT: &str = "DUP 2027-2029";

const MANAGER: &str = "[[managers]]\nuser = \"ME\"\nresponsabile = \"VISENTIN RICCARDO\"\n";

#[test]
fn a_manager_edits_structure_only_in_bozza_and_never_moves_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Draft);
    let config = roles(dir.path(), MANAGER);
    {
        let server = Server::start(&db, Some(&config));
        let client = server.client();
        client.apply(CODE, &[weight()], None).unwrap();
        let why = forbidden(client.cycle_step(step(Direction::Advance, "")));
        assert!(
            why.contains("«Bozza» → «Proposta»: è dei controllers"),
            "{why}"
        );
    }
    let db = {
        let local = Local::new(
            Store::open(&db, obiettivi::io::shipped).unwrap(),
            "c".into(),
        );
        local.cycle_step(step(Direction::Advance, "")).unwrap();
        db
    };
    let server = Server::start(&db, Some(&config));
    let client = server.client();
    let why = forbidden(client.apply(CODE, &[progress()], None));
    assert!(
        why.contains("il piano è in «Proposta»: un manager scrive solo le note delle fasi"),
        "{why}"
    );
    client.apply(CODE, &[notes()], None).unwrap();
}

#[test]
fn a_reader_neither_edits_nor_moves_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Draft);
    let config = roles(dir.path(), "controllers = [\"qualcun_altro\"]\n");
    let server = Server::start(&db, Some(&config));
    let client = server.client();
    let why = forbidden(client.cycle_step(step(Direction::Advance, "")));
    assert!(why.contains("può solo leggere"), "{why}");
    forbidden(client.apply(CODE, &[notes()], None));
}

#[test]
fn only_the_validator_takes_the_last_step_and_edits_no_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Reported);
    let oiv = "validators = [\"ME\"]\ncontrollers = [\"rossi\"]\n";
    let controller = "controllers = [\"ME\"]\nvalidators = [\"oiv\"]\n";
    {
        let server = Server::start(&db, Some(&roles(dir.path(), controller)));
        let client = server.client();
        let why = forbidden(client.cycle_step(step(Direction::Advance, "Verbale OIV n. 3")));
        assert!(why.contains("è del validatore"), "{why}");
    }
    let server = Server::start(&db, Some(&roles(dir.path(), oiv)));
    let client = server.client();
    let why = forbidden(client.apply(CODE, &[notes()], None));
    assert!(
        why.contains("è validatore: non modifica i dati del piano"),
        "{why}"
    );
    // Forcing is a controller's; the validator's step needs no check.
    let verbale = Step {
        force: false,
        ..step(Direction::Advance, "Verbale OIV n. 3 del 20/06/2027")
    };
    let cycle = client.cycle_step(verbale).unwrap();
    assert_eq!(cycle.state, PlanState::Validated);
    assert_eq!(
        cycle.transitions.last().unwrap().by,
        me(),
        "the step is recorded under the socket's user"
    );
}

#[test]
fn a_frozen_field_is_refused_to_a_raw_socket_line_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Approved);
    let server = Server::start(&db, None);
    let mut raw = Raw::open(&server);
    let line = format!(
        "{{\"op\":\"apply\",\"code\":\"{CODE}\",\"changes\":[{}],\"expected\":null}}",
        serde_json::to_string(&weight()).unwrap()
    );
    let refused = raw.refusal(&line).to_string();
    assert!(
        refused.contains("congelato dall'approvazione, DGC n. 12 del 30/01/2026"),
        "{refused}"
    );
    let line = format!(
        "{{\"op\":\"apply\",\"code\":\"{CODE}\",\"changes\":[{}],\"expected\":null}}",
        serde_json::to_string(&progress()).unwrap()
    );
    assert!(raw.send(&line).contains("\"result\":\"apply\""));
}

/// A variation through `serve` (GUIDE §8): a manager opens one and records
/// a change of their objective into it, the plan unchanged; only a
/// controller approves it; a reader may not open one; no client writes a
/// history entry that claims a variation.
#[test]
fn a_manager_opens_a_variation_for_their_objective_and_a_controller_approves_it() {
    use obiettivi::api::AuditNote;
    use obiettivi::model::variation::Decision;
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Approved);
    let weight_now = |client: &dyn PlanService| {
        let o = client.objective(CODE).unwrap().unwrap().objective;
        o.phases[0].weight
    };
    let before;
    {
        let server = Server::start(&db, Some(&roles(dir.path(), MANAGER)));
        let client = server.client();
        before = weight_now(&client);
        let v = client.variation_open("Nuovo bando regionale").unwrap();
        assert_eq!((v.id, v.opened_by.as_str()), (1, me().as_str()));
        let edit = obiettivi::api::Edit {
            code: CODE.into(),
            changes: vec![weight()],
            expected: None,
            note: None,
        };
        let v = client.variation_record(1, &[edit]).unwrap();
        assert_eq!(v.changes.len(), 1);
        assert_eq!(weight_now(&client), before, "the plan is unchanged");
        let approve = Decision::Approve {
            act: "DGC n. 80 del 15/07/2026".into(),
        };
        let why = forbidden(client.variation_decide(1, approve));
        assert!(why.contains("riservato ai controllers"), "{why}");
        let forged = AuditNote::Variation {
            id: 1,
            act: "DGC finta".into(),
        };
        // (The notes: a manager's progress outside a monitoring window
        // would be refused before the note is read.)
        assert!(matches!(
            client.apply_noted(CODE, &[notes()], None, forged),
            Err(ServiceError::BadRequest(_))
        ));
    }
    {
        let config = roles(dir.path(), "controllers = [\"qualcun_altro\"]\n");
        let server = Server::start(&db, Some(&config));
        let why = forbidden(server.client().variation_open("lettore"));
        assert!(why.contains("può solo leggere"), "{why}");
    }
    let server = Server::start(&db, Some(&roles(dir.path(), "controllers = [\"ME\"]\n")));
    let client = server.client();
    let act = "DGC n. 80 del 15/07/2026".to_string();
    let v = client
        .variation_decide(1, Decision::Approve { act: act.clone() })
        .unwrap();
    assert_eq!(v.act, act);
    assert_eq!(weight_now(&client), Some(30.0));
    let history = obiettivi::service::whole_history(&client, Some(CODE)).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.note, Some(AuditNote::Variation { id: 1, act }));
}

/// The Relazione's texts (GUIDE §9) are the controllers': a manager and a
/// validator are refused by the guard; a controller writes them in the
/// Relazione state, and nobody once the plan is validated.
#[test]
fn only_a_controller_writes_the_relazione_texts_and_not_after_validation() {
    use obiettivi::model::PlanText;
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Reported);
    for refused in [MANAGER, "validators = [\"ME\"]\n"] {
        let server = Server::start(&db, Some(&roles(dir.path(), refused)));
        let client = server.client();
        let why = forbidden(client.set_plan_text(PlanText::Presentazione, "Testo", None));
        assert!(why.contains("riservato ai controllers"), "{why}");
        // In the TUI: refused with the same words before anything is typed.
        assert_eq!(tui_refusal(Box::new(server.client())), why);
    }
    let controller = "controllers = [\"ME\"]\nvalidators = [\"oiv\"]\n";
    {
        let server = Server::start(&db, Some(&roles(dir.path(), controller)));
        let client = server.client();
        let texts = client
            .set_plan_text(PlanText::Presentazione, "Il Comune presenta", None)
            .unwrap();
        assert_eq!(texts.presentazione, "Il Comune presenta");
        assert_eq!(
            client.load().unwrap().dataset.plan.texts.presentazione,
            "Il Comune presenta"
        );
    }
    let local = Local::new(
        Store::open(&db, obiettivi::io::shipped).unwrap(),
        "oiv".into(),
    );
    let verbale = Step {
        force: false,
        ..step(Direction::Advance, "Verbale OIV n. 3 del 20/06/2027")
    };
    local.cycle_step(verbale).unwrap();
    let refused = local.set_plan_text(PlanText::Presentazione, "Dopo", None);
    let Err(e @ ServiceError::Refused(_)) = refused else {
        panic!("validated, refused: {refused:?}")
    };
    assert_eq!(tui_refusal(Box::new(local)), e.to_string());
}

/// What the TUI says when `T` then `Enter` asks to write the presentazione.
fn tui_refusal(service: Box<dyn obiettivi::service::PlanService>) -> String {
    use obiettivi::tui::action::Action;
    use obiettivi::tui::app::{App, Mode, Status};
    let (following, dataset) = obiettivi::service::follow::Following::loaded(service).unwrap();
    let mut app = App::new(following, dataset, chrono::NaiveDate::MIN);
    app.update(Action::PlanTexts);
    app.update(Action::Commit);
    assert!(matches!(app.mode(), Mode::Normal), "no editor opens");
    match app.status() {
        Status::Error(why) => why.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn assess(edit: obiettivi::model::assessment::AssessmentEdit) -> Change {
    Change::Assess {
        objective: CODE.into(),
        edit,
    }
}

fn forced() -> Change {
    use obiettivi::model::assessment::AssessmentEdit;
    assess(AssessmentEdit::Forced(Some((80.0, "bando tardivo".into()))))
}

/// The assessment through `serve` (GUIDE §7, §8): a manager asks, only the
/// validator forces (a controller too, where no validator is named), and a
/// raw socket line is refused the same; who forced is the socket's user.
#[test]
fn only_the_validator_forces_a_result_and_a_manager_asks_for_it() {
    use obiettivi::model::assessment::{AssessmentEdit, GapCause};
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Reporting);
    let request = assess(AssessmentEdit::ForceRequest(Some((80.0, "ritardo".into()))));
    let cause = assess(AssessmentEdit::GapCause(Some(GapCause::External)));
    {
        let server = Server::start(&db, Some(&roles(dir.path(), MANAGER)));
        let client = server.client();
        client.apply(CODE, &[cause.clone(), request], None).unwrap();
        let why = forbidden(client.apply(CODE, &[forced()], None));
        assert!(why.contains("sono del validatore (validators)"), "{why}");
        // A raw line is answered by the same guard.
        let mut raw = Raw::open(&server);
        let line = format!(
            "{{\"op\":\"apply\",\"code\":\"{CODE}\",\"changes\":[{}],\"expected\":null}}",
            serde_json::to_string(&forced()).unwrap()
        );
        let refused = raw.refusal(&line).to_string();
        assert!(refused.contains("sono del validatore"), "{refused}");
    }
    let db = {
        let local = Local::new(
            Store::open(&db, obiettivi::io::shipped).unwrap(),
            "c".into(),
        );
        local.cycle_step(step(Direction::Advance, "")).unwrap();
        db
    };
    {
        let controller = "controllers = [\"ME\"]\nvalidators = [\"oiv\"]\n";
        let server = Server::start(&db, Some(&roles(dir.path(), controller)));
        let why = forbidden(server.client().apply(CODE, &[forced()], None));
        assert!(why.contains("sono del validatore"), "{why}");
    }
    let oiv = "validators = [\"ME\"]\ncontrollers = [\"rossi\"]\n";
    let server = Server::start(&db, Some(&roles(dir.path(), oiv)));
    let client = server.client();
    let why = forbidden(client.apply(CODE, &[cause], None));
    assert!(why.contains("è validatore"), "{why}");
    let now = client.apply(CODE, &[forced()], None).unwrap().objective;
    let f = now.assessment().forced.clone().unwrap();
    assert_eq!((f.value, f.by.as_str()), (80.0, me().as_str()));
    assert!(f.at.is_some());
    let r = now.assessment().force_request.clone().unwrap();
    assert!(r.at < f.at, "the request keeps when it was asked: {r:?}");
}

/// A file is held to the roles `set` is (GUIDE §7): where the office names
/// a validator, a controller neither imports nor restores a forced value
/// (the chunked import of the CLI, a raw `import` line and a restore alike,
/// a backup's other plans too), and nothing changes; where none is named,
/// the import writes it.
#[test]
fn a_controller_imports_no_forced_value_where_a_validator_is_named() {
    use crate::common::{assert_refused, export_json, objective_in, run};
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Assessment);
    Store::open(&db, obiettivi::io::shipped)
        .unwrap()
        .new_plan(NEXT, 2027, Some("DUP 2026-2028"), "setup")
        .unwrap();
    let mut plan = export_json(&db);
    objective_in(&mut plan, CODE)["assessment"] =
        serde_json::json!({"forced": {"value": 80, "reason": "bando tardivo", "by": "oiv"}});
    let file = dir.path().join("forzato.json");
    std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    let path = file.to_str().unwrap();
    let said = format!(
        "{} non può modificare {CODE}: il raggiungimento forzato e il «non valutabile» \
         sono del validatore (validators)",
        me()
    );
    let controller = "controllers = [\"ME\"]\nvalidators = [\"oiv\"]\n";
    {
        let server = Server::start(&db, Some(&roles(dir.path(), controller)));
        let before = export_json(&db);
        assert_refused(&run(&db, &["import", path, "--dry-run"]), &said);
        assert_refused(&run(&db, &["import", path]), &said);
        assert_refused(&run(&db, &["restore", path]), &said);
        let line = serde_json::json!({"op": "import", "dataset": plan}).to_string();
        let refused = Raw::open(&server).refusal(&line).to_string();
        assert!(refused.contains(&said), "{refused}");
        assert_eq!(export_json(&db)["objectives"], before["objectives"]);
        // A backup of several plans carrying the forced value in a plan
        // beside this one: the plan of its title, and one the database lacks.
        for title in [NEXT, "DUP 2028-2030"] {
            let mut other = plan.clone();
            other["plan"]["title"] = serde_json::json!(title);
            let mut backup = before.clone();
            backup["other_plans"] = serde_json::json!([other]);
            std::fs::write(&file, backup.to_string()).unwrap();
            assert_refused(&run(&db, &["restore", path]), &said);
        }
        assert_eq!(export_json(&db)["objectives"], before["objectives"]);
        let next = run(&db, &["--plan", NEXT, "export"]);
        assert!(!crate::common::stdout(&next).contains("bando tardivo"));
        std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    }
    let server = Server::start(&db, Some(&roles(dir.path(), "controllers = [\"ME\"]\n")));
    let o = run(&db, &["import", path]);
    assert_eq!(o.status.code(), Some(0), "{}", crate::common::stderr(&o));
    let now = server.client().load().unwrap().dataset;
    let code = now.objectives.iter().find(|o| o.code == CODE).unwrap();
    assert_eq!(
        code.assessment().forced.as_ref().map(|f| f.value),
        Some(80.0)
    );
}
