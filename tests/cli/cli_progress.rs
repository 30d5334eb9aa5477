//! The spinner of a long import or export (GUIDE §3): on stderr when it is a
//! terminal, never in a pipe or a file. `OBIETTIVI_PROGRESS_AFTER_MS=0` shows
//! it at once instead of after a second, so that these tests need no slow plan.

use crate::common;
use common::*;

use std::io::Read;

fn at_once(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    if through_serve() {
        // Started by `run`, so that the command goes through it.
        let _ = run(db, &["check"]);
    }
    bin()
        .env("OBIETTIVI_PROGRESS_AFTER_MS", "0")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn piped_stderr_gets_no_spinner_from_imports_and_exports() {
    let (dir, db) = fresh_db();
    let xlsx = dir.path().join("piano.xlsx");
    let csv = dir.path().join("piano.csv");
    let json = dir.path().join("piano.json");
    let x = xlsx.to_str().unwrap();
    for args in [
        &["export", "--format", "xlsx", "-o", x][..],
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
        &["export", "-o", json.to_str().unwrap()],
        &["import", x, "--dry-run"],
        &["import", x],
        &["import", csv.to_str().unwrap()],
        &["import", json.to_str().unwrap(), "--dry-run"],
        &[
            "backup",
            "-o",
            dir.path().join("copia.json").to_str().unwrap(),
        ],
    ] {
        let o = at_once(&db, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    // An import that changes the plan, and a restore, say where the previous
    // state went: that line alone.
    let mut plan = shipped_json();
    plan["objectives"][0]["status"] = "Sospeso".into();
    std::fs::write(&json, plan.to_string()).unwrap();
    for command in ["import", "restore"] {
        let o = at_once(&db, &[command, json.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{command}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with("copia dello stato precedente: "),
            "{command}: {err:?}"
        );
        assert_eq!(err.lines().count(), 1, "{command}: {err:?}");
        assert!(
            !err.contains('\r') && !err.contains('\u{1b}'),
            "{command}: {err:?}"
        );
    }
}

/// `obiettivi --db DB ARGS…` in a pseudo-terminal: everything it wrote there, raw.
fn on_a_terminal(db: &std::path::Path, args: &[&str]) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_obiettivi"));
    for key in ["LC_ALL", "LC_MESSAGES", "OBIETTIVI_DB"] {
        cmd.env_remove(key);
    }
    cmd.env("LANG", "it_IT.UTF-8");
    cmd.env("TERM", "xterm-256color");
    cmd.env("OBIETTIVI_PROGRESS_AFTER_MS", "0");
    cmd.arg("--db");
    cmd.arg(db);
    cmd.args(args);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut out = Vec::new();
    let mut buffer = [0u8; 4096];
    // Until the program has exited and closed the terminal (EIO on Linux).
    while let Ok(n) = reader.read(&mut buffer) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buffer[..n]);
    }
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out)
    );
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn on_a_terminal_the_spinner_says_what_is_being_done_then_goes() {
    let (dir, db) = fresh_db();
    let _ = run(&db, &["check"]);
    let xlsx = dir.path().join("piano.xlsx");
    let x = xlsx.to_str().unwrap();
    let shown = on_a_terminal(&db, &["export", "--format", "xlsx", "-o", x]);
    assert!(shown.contains("esportazione: "), "{shown:?}");
    assert!(shown.contains(&format!("scrittura di {x}")), "{shown:?}");
    // Taken off the line at the end: nothing of it stays on the screen.
    assert!(shown.trim_end().ends_with("\u{1b}[2K"), "{shown:?}");
    let shown = on_a_terminal(&db, &["import", x, "--dry-run"]);
    assert!(shown.contains("importazione: "), "{shown:?}");
    assert!(shown.contains("nulla da cambiare"), "{shown:?}");
}
