//! Running the real binary, as a user or a script would.
#![allow(dead_code)]

pub mod workbook;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The seed: a PDF-to-text extract of the Scheda Obiettivi (GUIDE, start).
pub const SEED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/scheda_obiettivi_dup_2026_2028.txt"
);
pub const SEED_TEXT: &str = include_str!("../../data/scheda_obiettivi_dup_2026_2028.txt");

/// The plan a new database is filled with, as shipped (`obiettivi/2`, no indicators: the seed has none).
pub const SHIPPED_JSON: &str = include_str!("../../data/dup_2026_2028.json");

pub fn shipped_json() -> serde_json::Value {
    serde_json::from_str(SHIPPED_JSON).expect("data/dup_2026_2028.json is valid JSON")
}

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

/// `obiettivi --db DB ARGS…`. With `OBIETTIVI_TEST_THROUGH=serve` in the
/// environment, through an `obiettivi serve` started for `db` (see
/// `through_serve`), so that the CLI suite runs both ways and the two cannot
/// diverge: `.ci/run` runs it a second time so.
pub fn run(db: &Path, args: &[&str]) -> Output {
    run_in("it_IT.UTF-8", db, args)
}

/// `run` with `LANG=lang`.
pub fn run_in(lang: &str, db: &Path, args: &[&str]) -> Output {
    if through_serve() {
        serve_for(db, args);
    }
    bin()
        .env("LANG", lang)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// `obiettivi --db DB ARGS…` without starting a server for it: directly, unless
/// one runs already (a test of what only serverless use has, or of a server it runs).
pub fn run_plain(db: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(db).args(args).output().unwrap()
}

/// The servers started by `serve_for`, by database.
fn servers()
-> &'static std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, std::process::Child>> {
    static SERVERS: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, std::process::Child>>,
    > = std::sync::OnceLock::new();
    SERVERS.get_or_init(Default::default)
}

/// Stops the server `run` started for `db`, if any, so that the test can
/// open the database itself (to plant what no command writes); the next
/// `run` starts another.
pub fn release(db: &Path) {
    if let Some(mut child) = servers().lock().unwrap().remove(db) {
        let _ = child.kill();
        let _ = child.wait();
    }
}

pub fn through_serve() -> bool {
    std::env::var("OBIETTIVI_TEST_THROUGH").is_ok_and(|v| v == "serve")
}

/// Starts `obiettivi serve` on `db` unless one answers already. It ends with
/// the test's thread (PR_SET_PDEATHSIG), so no server outlives its test. When
/// it cannot start (not a database, say), the command goes direct and says so.
fn serve_for(db: &Path, args: &[&str]) {
    use std::os::unix::process::CommandExt;
    let socket = obiettivi::server::listen::socket_path(db);
    if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
        return;
    }
    let mut command = bin();
    if args.contains(&"--empty") {
        command.arg("--empty");
    }
    command
        .arg("--db")
        .arg(db)
        .arg("serve")
        .env_remove("OBIETTIVI_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: prctl is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(60) {
        if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
            servers().lock().unwrap().insert(db.to_path_buf(), child);
            return;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("obiettivi serve never answered on {}", socket.display());
}

/// A new temporary folder, and the path of a database in it holding the
/// shipped plan, as a new database is filled (an explicit `--db` that does not
/// exist is refused by most commands: GUIDE §3).
pub fn fresh_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db_path();
    create_db(&db);
    (dir, db)
}

/// Makes a database at `db` holding the shipped plan, as the first use of
/// the default database does.
pub fn create_db(db: &Path) {
    drop(obiettivi::store::Store::open(db, obiettivi::io::shipped).unwrap());
}

/// A new temporary folder, and a path in it where nothing is yet: for what
/// may create a database there (`import`, `restore`, `--empty`, the TUI).
pub fn new_db_path() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    (dir, db)
}

/// The name of the snapshot `monitored_db` takes.
pub const SNAPSHOT: &str = "Monitoraggio 30/06/2026";

/// A database with a snapshot (`SNAPSHOT`), then phase 1 of 05_1201_0601
/// weighed 40 and 25 % done: a monitoring period with one change.
pub fn monitored_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = fresh_db();
    ok(&db, &["snapshot", "create", SNAPSHOT]);
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--phase",
            "1",
            "--weight",
            "40",
            "--progress",
            "25",
        ],
    );
    (dir, db)
}

/// `import --dry-run FILE` succeeds, says nothing was written, and indeed
/// changes nothing (05_1201_0102 is left as it was); what it printed.
pub fn dry_run_import(db: &Path, file: &Path) -> String {
    let before = export(db);
    let out = ok(db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(out.contains("= 05_1201_0102  invariato"), "{out}");
    assert!(out.contains("nulla è stato scritto"), "{out}");
    assert_eq!(export(db), before);
    out
}

/// `import FILE` is refused (exit 2) saying `expected` and that nothing was
/// written, and indeed the database is as it was (`case` names the attempt).
pub fn assert_import_refused(db: &Path, file: &Path, expected: &str, case: &str) {
    let before = export(db);
    let o = run(db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{case}: {}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(expected),
        "{case}: expected «{expected}» in: {err}"
    );
    assert!(
        err.contains("Nessuna modifica è stata scritta"),
        "{case}: {err}"
    );
    assert_eq!(export(db), before, "{case}: the database changed");
}

/// `obiettivi --db DB --empty import FILE`, directly (no server: the
/// database starts empty), which must succeed; what it printed.
pub fn import_into_empty(db: &Path, file: &str) -> String {
    let o = bin()
        .arg("--db")
        .arg(db)
        .args(["--empty", "import", file])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

/// The command was refused as a usage or input error (exit 2) saying `says` on stderr.
pub fn assert_refused(o: &Output, says: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    assert!(stderr(o).contains(says), "{says:?} not in {}", stderr(o));
}

/// `obiettivi --db DB ARGS…` with `input` on its stdin.
pub fn with_stdin(db: &std::path::Path, args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
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

/// The objective `code` of a plan as JSON (`export_json`, `shipped_json`), to read or change.
pub fn objective_in<'a>(plan: &'a mut serde_json::Value, code: &str) -> &'a mut serde_json::Value {
    plan["objectives"]
        .as_array_mut()
        .expect("a plan has objectives")
        .iter_mut()
        .find(|o| o["code"] == code)
        .unwrap_or_else(|| panic!("no objective {code} in the plan"))
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
    history: &[obiettivi::api::AuditEntry],
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

/// Makes a named pipe at `path` (a path the test owns).
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// The names in `dir` that `keep` picks, as `ls` would show them.
pub fn names_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| keep(n))
        .collect()
}

/// Waits for `child`, killing it and failing the test if it has not ended
/// within a generous minute (`what` says what not ending would mean).
pub fn output_within_a_minute(mut child: std::process::Child, what: &str) -> Output {
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{what}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// `set CODE --add-indicator "Alloggi assegnati" …` with the values of issue
/// 17's acceptance (baseline 12 in 2025, target 20 in 2026, 15 measured at
/// 30/06/2026: 37,5 %), then the `more` flags given; what it printed.
pub fn add_alloggi(db: &Path, code: &str, more: &[&str]) -> String {
    let mut args = vec![
        "set",
        code,
        "--add-indicator",
        "Alloggi assegnati",
        "--target",
        "2026=20",
        "--baseline",
        "12@2025",
        "--measure",
        "30/06/2026=15",
    ];
    args.extend(more);
    ok(db, &args)
}

/// Whether a tool a test needs is here (`missing` is empty). Without it the
/// test says so loudly and passes on a developer's machine, never where
/// `require_env=1` (set by `.ci/run`, which installs the tool): there it fails.
pub fn tool_or_skip(missing: &[&str], require_env: &str, what: &str, install: &str) -> bool {
    if missing.is_empty() {
        return true;
    }
    let required = std::env::var(require_env).is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{require_env}=1 but {missing:?} missing: {install}"
    );
    // Straight to the process's stderr: the test harness keeps what
    // `eprintln!` writes for failures only, and this must be seen.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "\n******** SKIPPED: {what} needs {missing:?} ({install}); CI sets {require_env}=1 ********\n"
    );
    false
}

/// The login name of the user running the tests: who a server sees, and
/// who the history records serverless.
pub fn me() -> String {
    let uid = obiettivi::server::peer::uid();
    obiettivi::server::peer::user_name(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// The acts of `year_walked`.
pub const APPROVAL_ACT: &str = "DGC n. 12 del 30/01/2026";
pub const VARIATION_ACT: &str = "DGC n. 80 del 15/07/2026";
pub const JUNE_SNAPSHOT: &str = "Monitoraggio 30/06/2026";

/// A small year of the plan in `db` (GUIDE §8), for the cycle's documents:
/// two progresses on 05_1201_0601, advanced by force with a reason,
/// approved with its act, a variation of a weight approved with its act,
/// the 30/06 snapshot taken.
pub fn year_walked(db: &Path) {
    let code = "05_1201_0601";
    ok(db, &["set", code, "--phase", "1", "--progress", "40"]);
    ok(db, &["set", code, "--phase", "2", "--progress", "95"]);
    ok(
        db,
        &[
            "cycle",
            "advance",
            "--force",
            "--reason",
            "piano già in uso",
        ],
    );
    ok(db, &["cycle", "advance", "--act", APPROVAL_ACT]);
    ok(
        db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    let weight = ["set", code, "--phase", "1", "--weight", "30"];
    ok(db, &[&weight[..], &["--variation", "1"]].concat());
    ok(db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    ok(db, &["snapshot", "create", JUNE_SNAPSHOT]);
}

/// A day a month from now, as typed: a window's `--until` that is not past.
pub fn in_a_month() -> String {
    let day = chrono::Local::now().date_naive() + chrono::Days::new(30);
    day.format("%d/%m/%Y").to_string()
}

/// The shipped plan with every objective measured and its phases' weights
/// adding up to 100: what Proposta asks.
pub fn weighted_db(dir: &Path) -> PathBuf {
    let mut plan = shipped_json();
    for o in plan["objectives"].as_array_mut().unwrap() {
        if o["phases"].as_array().unwrap().is_empty() {
            o["phases"] = serde_json::json!([{"name": "UNICA FASE"}]);
        }
        let phases = o["phases"].as_array_mut().unwrap();
        let n = phases.len();
        for (i, p) in phases.iter_mut().enumerate() {
            // 100 split so that the sum is exact: the first takes the rest.
            let share = (100 / n) as f64;
            let rest = (100 - 100 / n * n) as f64;
            p["weight"] = serde_json::json!(if i == 0 { share + rest } else { share });
        }
    }
    let db = dir.join("db");
    let file = dir.join("weighted.json");
    std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    import_into_empty(&db, file.to_str().unwrap());
    db
}

/// Every objective of the shipped plan given an external gap cause, in one
/// `set --batch` (a file written in `dir`): what Valutazione asks of them.
pub fn every_gap_cause_external(db: &Path, dir: &Path) {
    ok(
        db,
        &["set", "--batch", gap_causes_batch(dir).to_str().unwrap()],
    );
}

/// The batch of `every_gap_cause_external`, for whoever runs it.
pub fn gap_causes_batch(dir: &Path) -> PathBuf {
    let causes = dir.join("cause.txt");
    let lines: String = shipped_json()["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| format!("{} --gap-cause esterna\n", o["code"].as_str().unwrap()))
        .collect();
    std::fs::write(&causes, lines).unwrap();
    causes
}
