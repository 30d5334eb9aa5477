//! What `obiettivi serve` says on stderr (the journal under systemd): a line
//! per connection, refusal and change, with who and the objective; nothing
//! with `--quiet`; and a closed stderr does not stop it. Each line names
//! the plan the connection works on (GUIDE §10).

use std::sync::mpsc::Receiver;
use std::time::Duration;

use obiettivi::model::{Change, PhaseField, Value};
use obiettivi::service::PlanService;
use obiettivi::store::Store;

use crate::common::me;
use crate::serve::Server;
use crate::server_roles::{MARIOS, SHARED, database, manager_roles};

/// The plan made beside the shipped one.
const NEXT: &str = "DUP 2027-2029";

fn progress(code: &str) -> Change {
    Change::SetPhase {
        objective: code.into(),
        phase: 0,
        field: PhaseField::Progress,
        value: Value::Number(Some(50.0)),
    }
}

/// The next line of the log that contains `part`, waiting for it.
fn line_with(log: &Receiver<String>, part: &str, seen: &mut Vec<String>) -> String {
    loop {
        match log.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(part) => return line,
            Ok(line) => seen.push(line),
            Err(_) => panic!("no line with «{part}» in the log: {seen:#?}"),
        }
    }
}

#[test]
fn serve_logs_a_connection_a_refused_edit_and_an_applied_edit_with_user_plan_and_objective() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    Store::open(&db, obiettivi::io::shipped)
        .unwrap()
        .new_plan(NEXT, 2027, Some("DUP 2026-2028"), "anna")
        .unwrap();
    let config = manager_roles(dir.path(), "MARIO ROSSI");
    let (server, log) = Server::start_logged(&db, Some(&config), &[], false);
    let user = me();
    let who = format!("{user} (manager: MARIO ROSSI) in «DUP 2026-2028»");
    let client = server.client();
    // Phase 1 of SHARED is VISENTIN RICCARDO's: refused.
    let refused = client.apply(SHARED, &[progress(SHARED)], None);
    assert!(refused.is_err());
    client.apply(MARIOS, &[progress(MARIOS)], None).unwrap();
    drop(client);
    let seen = &mut Vec::new();
    let connected = line_with(&log, &format!("connesso {who}"), seen);
    assert!(connected.starts_with("obiettivi serve: "), "{connected}");
    let refusal = line_with(&log, "rifiutato", seen);
    assert!(
        refusal.contains(&format!("rifiutato a {who}: apply {SHARED}: "))
            && refusal.contains("VISENTIN RICCARDO"),
        "who, which operation, objective and why: {refusal}"
    );
    let applied = line_with(&log, "ha modificato", seen);
    assert!(
        applied.contains(&format!("{who} ha modificato {MARIOS}: fase 1 «"))
            && applied.ends_with("Avanzamento: n/d → 50"),
        "who, what and the objective: {applied}"
    );
    line_with(&log, &format!("disconnesso {who}"), seen);

    // A connection on the other plan: its lines name that one.
    let next = server.client_on(NEXT);
    assert!(next.apply(SHARED, &[progress(SHARED)], None).is_err());
    next.apply(MARIOS, &[progress(MARIOS)], None).unwrap();
    drop(next);
    let who = format!("{user} (manager: MARIO ROSSI) in «{NEXT}»");
    line_with(&log, &format!("connesso {who}"), seen);
    line_with(&log, &format!("rifiutato a {who}: apply {SHARED}: "), seen);
    line_with(
        &log,
        &format!("{who} ha modificato {MARIOS}: fase 1 «"),
        seen,
    );
    line_with(&log, &format!("disconnesso {who}"), seen);
}

#[test]
fn serve_quiet_says_nothing_after_its_start_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let (server, log) = Server::start_logged(&db, None, &["--quiet"], false);
    let client = server.client();
    client.apply(MARIOS, &[progress(MARIOS)], None).unwrap();
    assert!(client.apply(SHARED, &[], None).is_err());
    drop(client);
    server.kill9();
    let lines: Vec<String> = log.iter().collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].contains("in ascolto su"), "{lines:#?}");
}

#[test]
fn a_closed_stderr_does_not_stop_the_server_or_fail_a_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let (mut server, _log) = Server::start_logged(&db, None, &[], true);
    for _ in 0..3 {
        let client = server.client();
        client.apply(MARIOS, &[progress(MARIOS)], None).ok();
        assert!(client.apply(SHARED, &[], None).is_err());
        client.load().unwrap();
    }
    assert!(server.child.try_wait().unwrap().is_none(), "still running");
}
