//! The chunked import on raw socket lines (issue 24, items 1 and 2): a
//! refused chunk fails the whole import, and a token is good only on the
//! connection that began the import.

use crate::common;
use crate::serve;

use common::*;
use obiettivi::server::protocol::PROTOCOL_VERSION;
use obiettivi::service::{Response, ServiceError};
use serde_json::{Value, json};
use serve::{Raw, Server};

const CODE: &str = "05_1201_0601";

/// The chunked import's steps on a raw connection, written as JSON values.
trait Import {
    fn call(&mut self, line: &Value) -> Value;
    fn refused(&mut self, line: &Value) -> ServiceError;

    /// `import_begin` with the plan's head as exported; the token.
    fn begin(&mut self, head: &Value) -> Value {
        let answer = self.call(&json!({"op": "import_begin", "head": head}));
        assert_eq!(answer["result"], "import_begin", "{answer}");
        answer["value"].clone()
    }

    fn chunk(&mut self, token: &Value, objectives: &[Value]) -> Value {
        self.call(&json!({"op": "import_objectives", "token": token, "objectives": objectives}))
    }

    fn commit(&mut self, token: &Value) -> Value {
        self.call(&json!({"op": "import_commit", "token": token}))
    }
}

impl Import for Raw {
    fn call(&mut self, line: &Value) -> Value {
        let text = self.send(&line.to_string());
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn refused(&mut self, line: &Value) -> ServiceError {
        self.refusal(&line.to_string())
    }
}

/// The exported plan with no objectives: what `import_begin` takes.
fn head_of(plan: &Value) -> Value {
    let mut head = plan.clone();
    head["objectives"] = json!([]);
    head
}

/// 05_1201_0601 of `plan`, its status changed.
fn concluded(plan: &Value) -> Value {
    let mut o = objective_in(&mut plan.clone(), CODE).clone();
    o["status"] = json!("Concluso");
    o
}

fn codes(plan: &Value) -> Vec<String> {
    plan["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_refused_chunk_fails_the_import_and_its_commit_deletes_nothing() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let before = export_json(&db);
    let mut raw = Raw::open(&server);
    let token = raw.begin(&head_of(&before));
    let changed = concluded(&before);
    let mut stray = changed.clone();
    stray["code"] = json!("05_1201_0699");
    stray["mission"] = json!("NESSUNA");
    let refused = raw.chunk(&token, &[changed.clone(), stray]);
    assert!(
        matches!(
            serde_json::from_value::<Response>(refused.clone()),
            Ok(Response::Error(ServiceError::Invalid(_)))
        ),
        "{refused}"
    );
    // The commit is refused, saying why, and so is any further chunk.
    let commit = raw.refused(&json!({"op": "import_commit", "token": token}));
    assert_eq!(commit, ServiceError::ImportRefused, "{commit}");
    assert!(
        commit
            .to_string()
            .contains("un blocco dell'importazione è stato rifiutato"),
        "{commit}"
    );
    assert_eq!(
        raw.refused(&json!({"op": "import_objectives", "token": token, "objectives": [changed]})),
        ServiceError::ImportRefused
    );
    drop(raw);
    drop(server);
    let after = export_json(&db);
    assert_eq!(codes(&after), codes(&before));
    assert_eq!(after, before);
}

#[test]
fn a_token_is_unguessable_and_good_only_on_the_connection_that_began_the_import() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let before = export_json(&db);
    let mut owner = Raw::open(&server);
    let mut other = Raw::open(&server);
    let token = owner.begin(&head_of(&before));
    // 128 random bits, written as 32 hex digits: nothing near the audit position.
    let text = token.as_str().unwrap_or_else(|| panic!("{token}"));
    assert_eq!(text.len(), 32, "{text}");
    assert!(text.chars().all(|c| c.is_ascii_hexdigit()), "{text}");
    let again = owner.begin(&head_of(&before));
    assert_ne!(again, token);
    let token = again;
    let changed = concluded(&before);
    assert_eq!(
        owner.chunk(&token, std::slice::from_ref(&changed))["result"],
        "import_objectives"
    );
    // Another connection presenting it is told there is no such import…
    assert_eq!(
        other.refused(&json!({"op": "import_commit", "token": token})),
        ServiceError::NoImport
    );
    assert_eq!(
        other.refused(&json!({"op": "import_objectives", "token": token, "objectives": []})),
        ServiceError::NoImport
    );
    // …and the import goes on, its owner commits it.
    assert_eq!(owner.commit(&token)["result"], "import_commit");
    let after = export_json(&db);
    assert_eq!(codes(&after), codes(&before));
    assert_eq!(objective_in(&mut after.clone(), CODE)["status"], "Concluso");
}

#[test]
fn a_second_import_begun_elsewhere_tells_the_first_who_began_it() {
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let before = export_json(&db);
    let mut first = Raw::open(&server);
    let mut second = Raw::open(&server);
    let token = first.begin(&head_of(&before));
    let theirs = second.begin(&head_of(&before));
    let me = obiettivi::server::peer::who();
    for line in [
        json!({"op": "import_objectives", "token": token, "objectives": []}),
        json!({"op": "import_commit", "token": token}),
    ] {
        let e = first.refused(&line);
        assert_eq!(e, ServiceError::ImportReplaced(me.clone()), "{e}");
        assert!(
            e.to_string()
                .contains(&format!("{me} ha iniziato un'altra importazione")),
            "{e}"
        );
    }
    // The second goes on as if nothing happened.
    assert_eq!(second.commit(&theirs)["result"], "import_commit");
    drop((first, second, server));
    assert_eq!(codes(&export_json(&db)), codes(&before));
}

/// The attack of issue 24: another controller commits someone's import
/// after one of its chunks. Through a second local account (root only).
#[test]
fn another_controller_presenting_the_token_is_told_there_is_no_such_import() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let Some((uid, gid)) = serve::second_user() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let me = obiettivi::server::peer::who();
    let config = dir.path().join("ruoli.toml");
    std::fs::write(
        &config,
        format!("group = \"obt2\"\ncontrollers = [\"{me}\", \"obt2\"]\n"),
    )
    .unwrap();
    let db = dir.path().join("db");
    let server = Server::start(&db, Some(&config));
    let before = export_json(&db);
    let mut owner = Raw::open(&server);
    let token = owner.begin(&head_of(&before));
    let changed = concluded(&before);
    assert_eq!(
        owner.chunk(&token, std::slice::from_ref(&changed))["result"],
        "import_objectives"
    );
    // The other controller's raw lines, from a process of theirs.
    let script = format!(
        "import socket,sys\n\
         s=socket.socket(socket.AF_UNIX);s.connect(sys.argv[1]);f=s.makefile('rw')\n\
         for l in ['{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION}}}', sys.argv[2]]:\n\
         \x20   f.write(l+'\\n');f.flush();print(f.readline().strip())\n"
    );
    let commit = json!({"op": "import_commit", "token": token}).to_string();
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(server.socket())
        .arg(&commit)
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    let answer: Response = serde_json::from_str(said.lines().nth(1).unwrap_or(""))
        .unwrap_or_else(|e| panic!("{said}{}: {e}", String::from_utf8_lossy(&o.stderr)));
    assert_eq!(answer, Response::Error(ServiceError::NoImport), "{said}");
    // The owner's import is untouched by it, and commits as its owner's.
    assert_eq!(owner.commit(&token)["result"], "import_commit");
    let after = export_json(&db);
    assert_eq!(codes(&after), codes(&before));
    let history = ok(&db, &["history", CODE]);
    assert!(!history.contains("obt2"), "{history}");
}

/// One step of a chunked import on one of two connections.
#[derive(Debug, Clone)]
enum Step {
    Begin,
    /// Objectives by their place in the pool, each with a status by its
    /// place in `STATUSES`; `stray` adds one whose mission does not exist.
    /// (An objective the import already has is refused too.)
    Chunk {
        objectives: Vec<(usize, usize)>,
        stray: bool,
    },
    Commit,
}

const STATUSES: [&str; 3] = ["In Corso", "Concluso", "Sospeso"];
/// Codes an import may add beside the plan's own.
const NEW_CODES: [&str; 2] = ["05_1201_0697", "05_1201_0698"];

/// What each connection's import is, as the server should see it.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    /// Chunks accepted so far: code → status.
    Going(Vec<(String, String)>),
    /// A chunk was refused: the import can only fail.
    Refused,
    /// Another `import_begin` took its place.
    Replaced,
}

fn step() -> impl proptest::strategy::Strategy<Value = (usize, Step)> {
    use proptest::prelude::*;
    let chunk = (
        proptest::collection::vec((0usize..10, 0usize..STATUSES.len()), 0..4),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(objectives, stray)| Step::Chunk { objectives, stray });
    (
        0usize..2,
        prop_oneof![
            Just(Step::Begin),
            chunk,
            Just(Step::Begin),
            Just(Step::Commit)
        ],
    )
}

/// The status of each objective, by code, in the plan `export` gives.
fn statuses(plan: &Value) -> std::collections::BTreeMap<String, String> {
    plan["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let status = o["status"].as_str().unwrap_or("").to_string();
            (o["code"].as_str().unwrap().to_string(), status)
        })
        .collect()
}

/// Issue 24's acceptance: whatever one user's two connections do — begin,
/// chunks (some refused), commits, in any order — the plan afterwards is the
/// plan before with exactly the committed imports' objectives in it: no
/// objective lost, none from an import that did not commit, every answer the
/// one the steps call for.
#[test]
fn no_sequence_of_begins_chunks_refusals_and_commits_loses_or_mixes_an_objective() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let (_dir, db) = fresh_db();
    let server = Server::start(&db, None);
    let cases = std::env::var("OBIETTIVI_IMPORT_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16);
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let sequences = proptest::collection::vec(step(), 1..10);
    runner
        .run(&sequences, |steps| {
            let before = export_json(&db);
            let mut pool: Vec<Value> = before["objectives"].as_array().unwrap().clone();
            for code in NEW_CODES {
                let mut added = pool[0].clone();
                added["code"] = json!(code);
                pool.push(added);
            }
            let mut expected = statuses(&before);
            let mut conns = [Raw::open(&server), Raw::open(&server)];
            let mut tokens: [Option<Value>; 2] = [None, None];
            let mut open: [Option<Open>; 2] = [None, None];
            for (c, step) in steps {
                match step {
                    Step::Begin => {
                        // A going import is replaced; a refused one stays refused.
                        for other in open.iter_mut().flatten() {
                            if let Open::Going(_) = other {
                                *other = Open::Replaced;
                            }
                        }
                        tokens[c] = Some(conns[c].begin(&head_of(&before)));
                        open[c] = Some(Open::Going(Vec::new()));
                    }
                    Step::Chunk { objectives, stray } => {
                        let mut sent = Vec::new();
                        let mut line = Vec::new();
                        for (o, s) in &objectives {
                            let mut objective = pool[*o % pool.len()].clone();
                            objective["status"] = json!(STATUSES[*s]);
                            sent.push((
                                objective["code"].as_str().unwrap().to_string(),
                                STATUSES[*s].to_string(),
                            ));
                            line.push(objective);
                        }
                        if stray {
                            let mut bad = pool[0].clone();
                            bad["code"] = json!("05_1201_0699");
                            bad["mission"] = json!("NESSUNA");
                            line.push(bad);
                        }
                        // An objective sent twice in one import is refused like a stray one.
                        let mut seen: Vec<&String> = match &open[c] {
                            Some(Open::Going(done)) => done.iter().map(|(code, _)| code).collect(),
                            _ => Vec::new(),
                        };
                        let mut twice = false;
                        for (code, _) in &sent {
                            twice |= seen.contains(&code);
                            seen.push(code);
                        }
                        let invalid = stray || twice;
                        let token = tokens[c].clone().unwrap_or(json!("0".repeat(32)));
                        let answer: Response =
                            serde_json::from_value(conns[c].chunk(&token, &line)).unwrap();
                        match (&mut open[c], answer) {
                            (Some(Open::Going(done)), Response::ImportObjectives(_))
                                if !invalid =>
                            {
                                done.extend(sent)
                            }
                            (
                                Some(state @ Open::Going(_)),
                                Response::Error(ServiceError::Invalid(_)),
                            ) if invalid => *state = Open::Refused,
                            (Some(Open::Refused), Response::Error(ServiceError::ImportRefused)) => {
                            }
                            (
                                Some(Open::Replaced),
                                Response::Error(ServiceError::ImportReplaced(_)),
                            ) => {}
                            (None, Response::Error(ServiceError::NoImport)) => {}
                            (state, answer) => prop_assert!(
                                false,
                                "a chunk (invalid: {invalid}) on {state:?} answered {answer:?}"
                            ),
                        }
                    }
                    Step::Commit => {
                        let token = tokens[c].clone().unwrap_or(json!("0".repeat(32)));
                        let answer: Response =
                            serde_json::from_value(conns[c].commit(&token)).unwrap();
                        match (open[c].take(), answer) {
                            (Some(Open::Going(done)), Response::ImportCommit(_)) => {
                                expected.extend(done);
                                tokens[c] = None;
                            }
                            (Some(Open::Refused), Response::Error(ServiceError::ImportRefused)) => {
                                open[c] = Some(Open::Refused)
                            }
                            (
                                Some(Open::Replaced),
                                Response::Error(ServiceError::ImportReplaced(_)),
                            ) => open[c] = Some(Open::Replaced),
                            (None, Response::Error(ServiceError::NoImport)) => {}
                            (state, answer) => {
                                prop_assert!(false, "a commit on {state:?} answered {answer:?}")
                            }
                        }
                    }
                }
            }
            drop(conns);
            prop_assert_eq!(statuses(&export_json(&db)), expected);
            Ok(())
        })
        .unwrap();
}
