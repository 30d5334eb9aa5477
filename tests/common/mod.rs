//! Running the real binary, as a user or a script would.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_obiettivi"));
    // A known environment: Italian messages, a fixed login name, no stray database.
    for key in ["LC_ALL", "LC_MESSAGES", "OBIETTIVI_DB", "XDG_DATA_HOME"] {
        c.env_remove(key);
    }
    c.env("LANG", "it_IT.UTF-8")
        .env("USER", "tester")
        .stdin(Stdio::null());
    c
}

/// `obiettivi --db DB ARGS…`
pub fn run(db: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(db).args(args).output().unwrap()
}

/// `obiettivi --db DB ARGS…`, which must succeed; what it printed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let o = run(db, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The database as `export` prints it.
pub fn export(db: &Path) -> String {
    let o = run(db, &["export"]);
    assert_eq!(o.status.code(), Some(0), "export failed: {}", stderr(&o));
    stdout(&o)
}

pub fn export_json(db: &Path) -> serde_json::Value {
    serde_json::from_str(&export(db)).unwrap()
}

/// The contents of the JSON snapshots kept beside the database `db`, oldest first.
pub fn snapshots(db: &Path) -> Vec<String> {
    let mut dir = db.as_os_str().to_os_string();
    dir.push(".snapshots");
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => return Vec::new(),
    };
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Each objective shows the value its last recorded status change gave it:
/// what the database holds and its history agree (`what` names the round).
pub fn assert_status_is_the_last_in_history(
    dataset: &obiettivi::model::Dataset,
    history: &[obiettivi::store::AuditEntry],
    what: &str,
) {
    for o in &dataset.objectives {
        let last = history
            .iter()
            .rev()
            .find(|e| e.what.objective == o.code && e.what.field == "status");
        if let Some(last) = last {
            assert_eq!(
                o.status.clone().unwrap_or_default(),
                last.what.new.to_string(),
                "{what}: {}",
                o.code
            );
        }
    }
}
