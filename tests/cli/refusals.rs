//! One refusal, one answer, whichever way the request comes: the CLI opening
//! the database directly, the CLI through `obiettivi serve`, or a raw JSON
//! line on the socket. Validation and errors live inside the service, so a
//! client that skips the CLI's checks still cannot store what an import refuses.

use crate::common;
use crate::serve;

use std::os::unix::net::UnixStream;
use std::path::Path;

use common::*;
use obiettivi::service::ServiceError;
use serve::{Raw, Server};

const CODE: &str = "05_1201_0601";

/// Exit status and stderr, with the database's path written `<db>`.
fn outcome(db: &Path, args: &[&str]) -> (Option<i32>, String) {
    let o = run_plain(db, args);
    let dir = db.parent().unwrap().to_str().unwrap();
    (o.status.code(), stderr(&o).replace(dir, "<dir>"))
}

/// A database opened directly and one behind a server (which lives as long
/// as the returned `Server`), both new.
fn direct_and_served(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, Server) {
    let direct = dir.join("direct").join("db");
    let served = dir.join("served").join("db");
    for db in [&direct, &served] {
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        create_db(db);
    }
    let server = Server::start(&served, None);
    (direct, served, server)
}

#[test]
fn every_refusal_reads_the_same_with_and_without_the_server() {
    let cases: &[&[&str]] = &[
        &["set", CODE, "--phase", "9", "--weight", "10"],
        &["set", CODE, "--phase", "1", "--weight", "-1"],
        &["set", CODE, "--phase", "1", "--progress", "140"],
        &["set", CODE, "--phase", "1", "--planned-end", "31/02/2026"],
        &["set", CODE, "--phase", "1", "--planned-end", "31/12/2020"],
        &["set", CODE, "--phase", "1", "--name", " "],
        &["set", "99_9999_9999", "--status", "Concluso"],
        &["set", CODE],
        &["history", "99_9999_9999"],
        &["snapshot", "delete", "nessuna"],
        &["diff", "nessuna"],
        &["report", "--review", "42"],
    ];
    let dir = tempfile::tempdir().unwrap();
    let (direct, served, _server) = direct_and_served(dir.path());
    for args in cases {
        let alone = outcome(&direct, args);
        let through = outcome(&served, args);
        assert_eq!(alone, through, "{args:?}");
        assert_eq!(alone.0, Some(2), "{args:?}: {}", alone.1);
    }
    // And nothing was written either way.
    assert_eq!(export(&direct), export(&served));
}

/// `apply` of one phase change, written by hand.
fn set_phase(phase: usize, field: &str, value: &str) -> String {
    format!(
        "{{\"op\":\"apply\",\"code\":\"{CODE}\",\"expected\":null,\"changes\":[{{\"change\":\"set_phase\",\
         \"objective\":\"{CODE}\",\"phase\":{phase},\"field\":\"{field}\",\"value\":{value}}}]}}"
    )
}

#[test]
fn raw_socket_values_the_rules_refuse_are_refused_with_the_words_of_set() {
    let (dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let before = export(&db);
    let mut raw = Raw::open(&server);
    // (raw line, the same edit through `set`)
    let number = |n: &str| format!("{{\"kind\":\"number\",\"value\":{n}}}");
    let date = |d: &str| format!("{{\"kind\":\"date\",\"value\":\"{d}\"}}");
    let cases = [
        (
            set_phase(0, "weight", &number("-1")),
            vec!["--weight", "-1"],
        ),
        (
            set_phase(0, "progress", &number("140")),
            vec!["--progress", "140"],
        ),
        (
            set_phase(0, "weight", &number("1000")),
            vec!["--weight", "1000"],
        ),
        (
            set_phase(0, "planned_end", &date("2026-02-31")),
            vec!["--planned-end", "31/02/2026"],
        ),
        (
            set_phase(0, "planned_end", &date("2020-12-31")),
            vec!["--planned-end", "31/12/2020"],
        ),
    ];
    for (line, flags) in cases {
        let said = raw.refusal(&line).to_string();
        let mut args = vec!["set", CODE, "--phase", "1"];
        args.extend(flags);
        let o = run_plain(&db, &args);
        assert_eq!(o.status.code(), Some(2));
        let set_said = stderr(&o);
        // The reason, word for word, is the one `set` gives.
        let reason = said.strip_prefix("richiesta non valida: ").unwrap_or(&said);
        assert!(set_said.contains(reason), "raw: {said}\nset: {set_said}");
    }
    // What no `set` can even type: a weight of 1e308, a phase added with progress 500.
    assert!(matches!(
        raw.refusal(&set_phase(0, "weight", &number("1e308"))),
        ServiceError::Refused(_)
    ));
    let add = format!(
        "{{\"op\":\"apply\",\"code\":\"{CODE}\",\"expected\":null,\"changes\":[{{\"change\":\"add_phase\",\
         \"objective\":\"{CODE}\",\"phase\":0,\"value\":{{\"name\":\"X\",\"planned_start\":null,\
         \"planned_end\":null,\"actual_start\":null,\"actual_end\":null,\"weight\":null,\"progress\":500,\
         \"manager\":\"\",\"responsibility_centre\":\"\",\"notes\":\"\"}}}}]}}"
    );
    assert!(matches!(raw.refusal(&add), ServiceError::Refused(_)));
    // Nothing was stored, and what is stored still restores.
    assert_eq!(export(&db), before);
    let file = dir.path().join("backup.json");
    std::fs::write(&file, &before).unwrap();
    let o = run_plain(&db, &["restore", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_empty_change_list_moves_no_version_and_writes_no_history() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let history = ok(&db, &["history", CODE]);
    let version = |raw: &mut Raw| {
        let answer: serde_json::Value = serde_json::from_str(
            &raw.send(&format!("{{\"op\":\"objective\",\"code\":\"{CODE}\"}}")),
        )
        .unwrap();
        answer["value"]["version"].as_u64().unwrap()
    };
    let mut raw = Raw::open(&server);
    let at_first = version(&mut raw);
    let empty =
        format!("{{\"op\":\"apply\",\"code\":\"{CODE}\",\"expected\":null,\"changes\":[]}}");
    for _ in 0..50 {
        assert_eq!(raw.refusal(&empty), ServiceError::NothingToChange);
    }
    assert_eq!(version(&mut raw), at_first);
    assert_eq!(ok(&db, &["history", CODE]), history);
}

#[test]
fn the_cli_suite_goes_through_a_server_when_asked_to() {
    let (_dir, db) = fresh_db();
    ok(&db, &["export"]);
    let socket = obiettivi::server::listen::socket_path(&db);
    assert_eq!(UnixStream::connect(socket).is_ok(), through_serve());
}

#[test]
fn a_narrative_over_the_limit_is_refused_the_same_with_and_without_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let (direct, served, _server) = direct_and_served(dir.path());
    let text = "x".repeat(100_001);
    let said: Vec<(Option<i32>, String)> = [&direct, &served]
        .iter()
        .map(|db| {
            let o = with_stdin(db, &["set", CODE, "--year2", "-"], &text);
            (o.status.code(), stderr(&o))
        })
        .collect();
    assert_eq!(said[0], said[1]);
    assert_eq!(said[0].0, Some(2));
    assert!(
        said[0]
            .1
            .contains("il testo supera il limite di 100000 caratteri. Nulla è cambiato."),
        "{}",
        said[0].1
    );
    assert_eq!(export(&direct), export(&served));
}

/// The operations of issue 19 on raw lines: a search text past the limit,
/// chunks of an import never begun or with a forged token, an objective that
/// breaks the rules inside a chunk. Each is refused, and nothing is stored.
#[test]
fn raw_lines_of_search_and_chunked_import_are_refused_and_store_nothing() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let before = export(&db);
    let mut raw = Raw::open(&server);
    let huge = "x".repeat(obiettivi::model::limits::TEXT + 1);
    let search = format!("{{\"op\":\"search\",\"query\":\"{huge}\",\"narratives\":true}}");
    assert!(matches!(
        raw.refusal(&search),
        ServiceError::TooLarge { .. }
    ));
    let objective = serde_json::to_string(&export_json(&db)["objectives"][0]).unwrap();
    let chunk = |token: &str| {
        format!(
            "{{\"op\":\"import_objectives\",\"token\":\"{token}\",\"objectives\":[{objective}]}}"
        )
    };
    assert_eq!(raw.refusal(&chunk("12345")), ServiceError::NoImport);
    assert_eq!(
        raw.refusal("{\"op\":\"import_commit\",\"token\":\"12345\"}"),
        ServiceError::NoImport
    );
    // Begun for real, then a chunk whose objective names no mission of the file.
    let mut head = export_json(&db);
    head["objectives"] = serde_json::json!([]);
    let begin = format!("{{\"op\":\"import_begin\",\"head\":{head}}}");
    let token = match serde_json::from_str::<serde_json::Value>(&raw.send(&begin)) {
        Ok(v) => v["value"]
            .as_str()
            .unwrap_or_else(|| panic!("{v}"))
            .to_string(),
        Err(e) => panic!("{e}"),
    };
    let stray = objective.replacen("2024_28_DUP_05_1201", "NESSUNA", 1);
    let line =
        format!("{{\"op\":\"import_objectives\",\"token\":\"{token}\",\"objectives\":[{stray}]}}");
    assert!(matches!(raw.refusal(&line), ServiceError::Invalid(_)));
    // A forged token next to the real one does not commit it.
    let forged = format!(
        "{}{}",
        &token[..31],
        if token.ends_with('0') { '1' } else { '0' }
    );
    assert_eq!(
        raw.refusal(&format!(
            "{{\"op\":\"import_commit\",\"token\":\"{forged}\"}}"
        )),
        ServiceError::NoImport
    );
    drop(raw);
    drop(server);
    assert_eq!(export(&db), before);
}
