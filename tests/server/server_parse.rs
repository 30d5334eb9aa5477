//! A request is authorised before it is decoded, and decoding is bounded
//! (issue 24, item 3): a reader's line naming an operation it may not run is
//! refused on the name alone, whatever follows; a line that would decode to
//! many times its size (`"phases":[{},{},…]`) is refused before decoding,
//! whoever sends it. The server's memory under such lines is measured by
//! `examples/parse_bomb.rs`.

use crate::common;
use crate::serve;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use common::*;
use obiettivi::server::protocol::PROTOCOL_VERSION;
use obiettivi::service::{Response, ServiceError};
use serve::{Raw, Server};

fn answer(server: &Server, line: &str) -> Response {
    Raw::open(server).answer(line)
}

fn refusal(server: &Server, line: &str) -> ServiceError {
    Raw::open(server).refusal(line)
}

/// A server for which the user running the tests only reads.
fn as_reader(dir: &Path) -> Server {
    let roles = dir.join("roles.toml");
    std::fs::write(&roles, "controllers = [\"nessuno\"]\n").unwrap();
    Server::start(&dir.join("db"), Some(&roles))
}

/// An import of one objective with `n` empty phases, `op` last.
fn bomb(op: &str, n: usize) -> String {
    format!(
        "{{\"dataset\":{{\"schema\":\"obiettivi/2\",\"plan\":{{}},\"objectives\":[{{\"code\":\"X\",\
         \"mission\":\"M\",\"phases\":[{}{{}}]}}]}},\"op\":\"{op}\"}}",
        "{},".repeat(n)
    )
}

#[test]
fn a_readers_line_is_refused_on_its_operation_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let server = as_reader(dir.path());
    // What follows the name is not even a plan: the role is what refuses it.
    for line in [
        "{\"op\":\"import\",\"dataset\":\"non è un piano\"}",
        "{\"dataset\":[1,2,3],\"op\":\"restore\"}",
        "{\"op\":\"apply\",\"code\":7}",
    ] {
        let e = refusal(&server, line);
        assert!(
            matches!(&e, ServiceError::Forbidden(why) if why.contains("può solo leggere")),
            "{line}: {e:?}"
        );
    }
    // Reading is everyone's: a bad line of a read is a bad request.
    assert!(matches!(
        refusal(&server, "{\"op\":\"objective\",\"code\":7}"),
        ServiceError::BadRequest(_)
    ));
}

#[test]
fn a_line_that_would_decode_to_many_times_its_size_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let reader = as_reader(dir.path());
    let (_own, db) = fresh_db();
    let controller = Server::start(&db, None);
    let before = export(&db);
    let phases = 300_000;
    for (server, op) in [(&reader, "plan_import"), (&controller, "import")] {
        let e = refusal(server, &bomb(op, phases));
        let text = e.to_string();
        assert!(matches!(e, ServiceError::TooLarge { .. }), "{op}: {e:?}");
        assert!(
            text.starts_with("richiesta troppo costosa da leggere: servirebbero")
                && text.contains("più di 16 volte la sua lunghezza"),
            "{text}"
        );
    }
    // A plain request of the same kind goes through.
    let plan = serde_json::to_string(&export_json(&db)).unwrap();
    let line = format!("{{\"op\":\"plan_import\",\"dataset\":{plan}}}");
    assert!(matches!(
        answer(&controller, &line),
        Response::PlanImport(_)
    ));
    drop(controller);
    assert_eq!(export(&db), before);
}

#[test]
fn a_hello_with_a_long_tail_is_read_for_its_name_and_version_only() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let mut output = UnixStream::connect(server.socket()).unwrap();
    output
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut input = BufReader::new(output.try_clone().unwrap());
    let tail = "{},".repeat(300_000);
    let lines = [
        format!(
            "{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION},\"lang\":\"en\",\"more\":[{tail}{{}}]}}"
        ),
        "{\"op\":\"nessuna\"}".to_string(),
    ];
    let mut answers = Vec::new();
    for line in lines {
        writeln!(output, "{line}").unwrap();
        let mut text = String::new();
        input.read_line(&mut text).unwrap();
        answers.push(text);
    }
    assert!(answers[0].contains("\"hello\""), "{}", answers[0]);
    // The language of the hello is kept.
    assert!(
        answers[1].contains("unknown operation «nessuna»"),
        "{}",
        answers[1]
    );
}
