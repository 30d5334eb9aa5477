//! Monitoring windows through `serve` (GUIDE §8): from Approvata on, a
//! manager's measurements, progress and narratives are accepted only while
//! their window is open, and refused naming the next window otherwise,
//! whatever door the request came through; a controller always writes and
//! alone opens and closes windows. The server sees the user running the
//! tests; each roles file makes that user another role.

use crate::serve;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use obiettivi::model::cycle::{Direction, PlanState, Step};
use obiettivi::model::indicator_fields::IndicatorField;
use obiettivi::model::indicators::Indicator;
use obiettivi::model::windows::{WindowAction, WindowStep};
use obiettivi::model::{Change, ObjectiveField, PhaseField, Value};
use obiettivi::service::{Local, PlanService, ServiceError};
use obiettivi::store::Store;
use serve::{Raw, Server};

use crate::common::me;

/// An objective of VISENTIN RICCARDO, whom the manager of these tests answers for.
const CODE: &str = "05_1201_0601";
const MANAGER: &str = "[[managers]]\nuser = \"ME\"\nresponsabile = \"VISENTIN RICCARDO\"\n";
const CONTROLLER: &str = "controllers = [\"ME\"]\n";

fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn measure(period: NaiveDate, value: &str) -> Change {
    Change::SetIndicator {
        objective: CODE.into(),
        indicator: 0,
        field: IndicatorField::Measurement(period),
        value: Value::Text(value.into()),
    }
}

fn progress(value: f64) -> Change {
    Change::SetPhase {
        objective: CODE.into(),
        phase: 0,
        field: PhaseField::Progress,
        value: Value::Number(Some(value)),
    }
}

fn narrative(text: &str) -> Change {
    Change::SetObjective {
        objective: CODE.into(),
        field: ObjectiveField::Year1,
        value: Value::Text(text.into()),
    }
}

fn notes(text: &str) -> Change {
    Change::SetPhase {
        objective: CODE.into(),
        phase: 0,
        field: PhaseField::Notes,
        value: Value::Text(text.into()),
    }
}

fn window(period: NaiveDate, action: WindowAction) -> WindowStep {
    WindowStep {
        period,
        action,
        until: None,
        reason: String::new(),
    }
}

/// The shipped plan with an indicator on CODE, moved on (forcing its
/// checks) until `state`.
fn database_in(dir: &Path, state: PlanState) -> PathBuf {
    let db = dir.join("db");
    let local = Local::new(
        Store::open(&db, obiettivi::io::shipped).unwrap(),
        "setup".into(),
    );
    let indicator = Indicator {
        name: "Alloggi assegnati".into(),
        targets: [(2026, 20.0)].into_iter().collect(),
        ..Indicator::default()
    };
    let add = Change::AddIndicator {
        objective: CODE.into(),
        indicator: 0,
        value: indicator,
    };
    local.apply(CODE, &[add], None).unwrap();
    while local.load().unwrap().dataset.plan.state() < state {
        let step = Step {
            direction: Direction::Advance,
            act: "DGC n. 12 del 30/01/2026".into(),
            reason: "impostazione del test".into(),
            force: true,
        };
        local.cycle_step(step).unwrap();
    }
    db
}

fn roles(dir: &Path, name: &str, text: &str) -> PathBuf {
    let config = dir.join(name);
    std::fs::write(&config, text.replace("ME", &me())).unwrap();
    config
}

fn window_refusal(result: Result<impl std::fmt::Debug, ServiceError>) -> String {
    match result {
        Err(ServiceError::Window(why)) => why.to_string(),
        other => panic!("expected a refusal for a closed window, got {other:?}"),
    }
}

#[test]
fn a_managers_measurement_waits_for_its_window_and_a_controller_never_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Approved);
    let manager = roles(dir.path(), "manager.toml", MANAGER);
    let controller = roles(dir.path(), "controller.toml", CONTROLLER);
    {
        let server = Server::start(&db, Some(&manager));
        let client = server.client();
        let why = window_refusal(client.apply(CODE, &[measure(day(30, 6), "15")], None));
        assert_eq!(
            why,
            "le rilevazioni del 30/06/2026 si inseriscono solo mentre la sua finestra di \
             monitoraggio è aperta; nessuna finestra è aperta; la prossima finestra da aprire \
             è quella del 30/06/2026 (la apre un controller: obiettivi period open 30/06/2026). \
             Nulla è stato salvato."
        );
        for change in [progress(40.0), narrative("Avviato.")] {
            let why = window_refusal(client.apply(CODE, &[change], None));
            assert!(why.starts_with("un manager inserisce avanzamenti"), "{why}");
        }
        // What is not monitoring stays the manager's; a narrative's draft
        // is kept, to wait for the window.
        client.apply(CODE, &[notes("in corso")], None).unwrap();
        client
            .save_draft(
                &obiettivi::api::DraftOf::narrative(CODE, ObjectiveField::Year1),
                "Avviato il bando.",
            )
            .unwrap();
        // Opening a window is a controller's.
        match client.window_step(window(day(30, 6), WindowAction::Open)) {
            Err(ServiceError::Forbidden(why)) => {
                assert!(why.contains("period: riservato ai controllers"), "{why}")
            }
            other => panic!("{other:?}"),
        }
    }
    {
        let server = Server::start(&db, Some(&controller));
        let client = server.client();
        // A controller writes outside any window.
        client.apply(CODE, &[progress(10.0)], None).unwrap();
        let done = client
            .window_step(window(day(30, 6), WindowAction::Open))
            .unwrap();
        assert_eq!(done.window.events[0].by, me());
    }
    {
        let server = Server::start(&db, Some(&manager));
        let client = server.client();
        let now = client
            .apply(CODE, &[measure(day(30, 6), "15"), progress(40.0)], None)
            .unwrap();
        let indicator = &now.objective.indicators[0];
        assert_eq!(indicator.measurements[0].value, 15.0);
        assert_eq!(now.objective.phases[0].progress, Some(40.0));
        // Only that period's measurements: the 31/12 waits for its own window.
        let why = window_refusal(client.apply(CODE, &[measure(day(31, 12), "18")], None));
        assert!(
            why.contains("ora è aperta la finestra del 30/06/2026"),
            "{why}"
        );
    }
    {
        let server = Server::start(&db, Some(&controller));
        let done = server
            .client()
            .window_step(window(day(30, 6), WindowAction::Close))
            .unwrap();
        assert_eq!(done.snapshot.as_deref(), Some("Monitoraggio 30/06/2026"));
    }
    // Closed again: a raw socket line is refused as the client's request.
    let server = Server::start(&db, Some(&manager));
    let mut raw = Raw::open(&server);
    let line = format!(
        "{{\"op\":\"apply\",\"code\":\"{CODE}\",\"changes\":[{}],\"expected\":null}}",
        serde_json::to_string(&progress(60.0)).unwrap()
    );
    let refused = raw.refusal(&line).to_string();
    assert!(
        refused.contains("la prossima finestra da aprire è quella del 31/12/2026"),
        "{refused}"
    );
    // And a batch, as `set --batch` and a sheet import send it.
    let edit = obiettivi::api::Edit {
        code: CODE.into(),
        changes: vec![narrative("Concluso il bando.")],
        expected: None,
        note: None,
    };
    let client = server.client();
    match client.apply_many(&[edit]) {
        Err(ServiceError::InEdit { error, .. }) => {
            assert!(matches!(*error, ServiceError::Window(_)), "{error:?}")
        }
        other => panic!("{other:?}"),
    }
    let stored = client.objective(CODE).unwrap().unwrap().objective;
    assert_eq!(stored.phases[0].progress, Some(40.0));
    assert_eq!(stored.narratives.year1, shipped_year1());
}

fn shipped_year1() -> String {
    let plan = obiettivi::io::shipped();
    let o = plan.objectives.iter().find(|o| o.code == CODE).unwrap();
    o.narratives.year1.clone()
}

#[test]
fn in_bozza_a_manager_needs_no_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_in(dir.path(), PlanState::Draft);
    let server = Server::start(&db, Some(&roles(dir.path(), "m.toml", MANAGER)));
    let client = server.client();
    client
        .apply(CODE, &[progress(40.0), measure(day(30, 6), "15")], None)
        .unwrap();
}
