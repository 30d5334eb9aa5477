//! Crash tests: a child process writes, the parent kills it with SIGKILL at
//! random moments, reopens the database and checks that nothing acknowledged
//! was lost and that the store opens cleanly.
//!
//! The child is this same test binary, re-run with `OBIETTIVI_CRASH_CHILD` set
//! (see `crash_child`), so the test needs no extra binary.
//! `OBIETTIVI_CRASH_KILLS=N` runs more rounds than the default.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use obiettivi::model::{Change, Dataset, ObjectiveField, Value};
use obiettivi::store::Store;

const CHILD: &str = "OBIETTIVI_CRASH_CHILD";

/// A small deterministic PRNG (splitmix64): the same kill times on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn kills(default: usize) -> usize {
    std::env::var("OBIETTIVI_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs as the child when `OBIETTIVI_CRASH_CHILD` is set; a no-op test otherwise.
#[test]
fn crash_child() {
    let Ok(spec) = std::env::var(CHILD) else {
        return;
    };
    let parts: Vec<&str> = spec.splitn(3, '|').collect();
    let store = Store::open(Path::new(parts[1]), obiettivi::io::shipped).expect("child: open");
    let mut out = std::io::stdout().lock();
    // The harness has printed "test crash_child ... " without a newline: end that line.
    writeln!(out).unwrap();
    match parts[0] {
        // Edits k, k+1, …: objective k mod 8 gets status "k<k>"; "ack k" once durable.
        "edits" => {
            let codes: Vec<String> = store
                .load()
                .unwrap()
                .objectives
                .into_iter()
                .map(|o| o.code)
                .collect();
            let mut k: u64 = parts[2].parse().unwrap();
            loop {
                let code = &codes[(k % codes.len() as u64) as usize];
                let change = Change::SetObjective {
                    objective: code.clone(),
                    field: ObjectiveField::Status,
                    value: Value::OptText(Some(format!("k{k}"))),
                };
                store
                    .apply_at(code, &[change], "crash-child", None)
                    .expect("child: apply");
                writeln!(out, "ack {k}").unwrap();
                out.flush().unwrap();
                k += 1;
            }
        }
        // One big import, then "done", then wait to be killed.
        "import" => {
            let text = std::fs::read_to_string(parts[2]).unwrap();
            let dataset = obiettivi::io::json::parse(&text).unwrap();
            writeln!(out, "start").unwrap();
            out.flush().unwrap();
            let t = std::time::Instant::now();
            store
                .import(&dataset, "crash-child")
                .expect("child: import");
            writeln!(out, "done {}", t.elapsed().as_millis()).unwrap();
            out.flush().unwrap();
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// `crash_child`'s name as the harness knows it: its module path without the
/// test binary's name (`crash::crash_child` in the `store` tests).
fn child_test() -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    format!("{module}::crash_child")
}

fn spawn_child(spec: &str) -> (Child, Arc<Mutex<Vec<String>>>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", &child_test(), "--nocapture", "--test-threads=1"])
        .env(CHILD, spec)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&lines);
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    (child, lines)
}

/// Waits (up to a minute: CI machines can be slow) until the child printed a line matching `pred`.
fn wait_for(lines: &Mutex<Vec<String>>, pred: impl Fn(&str) -> bool) {
    let started = std::time::Instant::now();
    while !lines.lock().unwrap().iter().any(|l| pred(l)) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the child never got going"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Kills `child` with SIGKILL and waits for it; returns what it printed.
fn kill(mut child: Child, lines: Arc<Mutex<Vec<String>>>) -> Vec<String> {
    child.kill().unwrap();
    child.wait().unwrap();
    // Let the reader thread drain the pipe (it ends at EOF).
    std::thread::sleep(Duration::from_millis(5));
    lines.lock().unwrap().clone()
}

#[test]
fn every_acknowledged_edit_survives_sigkill() {
    let (_dir, db) = common::fresh_db();
    drop(Store::open(&db, obiettivi::io::shipped).unwrap());
    let rounds = kills(40);
    let mut rng = Rng(0x0B1E_771F);
    let (mut acked_total, mut rounds_with_acks) = (0usize, 0usize);
    for round in 0..rounds {
        let start = round as u64 * 1_000_000;
        let (child, lines) = spawn_child(&format!("edits|{}|{start}", db.display()));
        // Most rounds kill in the middle of the edits: wait for the first
        // acknowledgement (a loaded machine may take a while to start the child),
        // then a random moment. Every fifth round kills at a random moment of the
        // start-up instead (while the store is being opened).
        let early = round % 5 == 4;
        if early {
            std::thread::sleep(Duration::from_millis(rng.below(60)));
        } else {
            wait_for(&lines, |l| l.starts_with("ack "));
            std::thread::sleep(Duration::from_millis(rng.below(80)));
        }
        let acked: Vec<u64> = kill(child, lines)
            .iter()
            .filter_map(|l| l.strip_prefix("ack ").and_then(|k| k.parse().ok()))
            .collect();
        acked_total += acked.len();
        if !early {
            rounds_with_acks += 1;
            assert!(
                !acked.is_empty(),
                "round {round}: the child acknowledged nothing"
            );
        }

        // The store opens cleanly after every kill, and holds every acknowledged edit.
        let store = Store::open(&db, Dataset::empty).expect("the store must reopen after SIGKILL");
        let history = store.history(None).unwrap();
        let recorded: std::collections::HashSet<String> = history
            .iter()
            .filter(|e| e.who == "crash-child")
            .map(|e| e.what.new.to_string())
            .collect();
        for k in &acked {
            assert!(
                recorded.contains(&format!("k{k}")),
                "round {round}: acknowledged edit k{k} lost"
            );
        }
        // And each objective shows the last value its history says it got.
        common::assert_status_is_the_last_in_history(
            &store.load().unwrap(),
            &history,
            &format!("round {round}"),
        );
    }
    eprintln!("crash test: {rounds} SIGKILLs, {acked_total} acknowledged edits checked, 0 lost");
    assert!(
        rounds_with_acks * 2 >= rounds,
        "too few rounds reached an edit: {rounds_with_acks}/{rounds}"
    );
}

/// `obiettivi set` run again and again as a user's script would, every
/// other run killed with SIGKILL at a random moment of its life (starting,
/// opening the database, sled writing its snapshot, saving, exiting). After every kill the
/// database opens, and holds every edit a run acknowledged ("salvato").
/// `OBIETTIVI_SET_KILLS=N` sets the number of kills (CI runs a few dozen).
#[test]
fn a_set_killed_at_any_moment_leaves_a_database_that_opens_with_every_acknowledged_edit() {
    sets_killed_at_any_moment(set_kills(30), common::create_db);
}

/// The same on a database whose log has free segments: the vendored sled
/// punches them into holes as it opens (`vendor/sled/README.md`), where a
/// kill may land too.
#[test]
fn a_set_killed_while_the_free_segments_are_given_back_loses_nothing() {
    use std::os::unix::fs::MetadataExt;
    sets_killed_at_any_moment(set_kills(10), |db| {
        common::create_db(db);
        let store = Store::open(db, Dataset::empty).unwrap();
        // The same objectives twice, changed: the first ones' pages free segments.
        store.import(&big_plan(1500), "t").unwrap();
        let mut again = big_plan(1500);
        for o in &mut again.objectives {
            o.narratives.year2 = o.narratives.year1.to_uppercase();
        }
        store.import(&again, "t").unwrap();
        drop(store);
        let log = std::fs::metadata(db.join("db")).unwrap();
        assert!(
            log.blocks() * 512 + 512 * 1024 <= log.len(),
            "no free segment in a log of {} bytes",
            log.len()
        );
    });
}

fn set_kills(default: usize) -> usize {
    std::env::var("OBIETTIVI_SET_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `obiettivi set` run on the database `create` makes, killed `kills_wanted` times.
fn sets_killed_at_any_moment(kills_wanted: usize, create: impl Fn(&Path)) {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    create(&db);
    let code = "05_1201_0601";
    let set = |k: usize| {
        let mut c = common::bin();
        c.arg("--db")
            .arg(&db)
            .args(["set", code, "--status", &format!("k{k}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    };
    // How long a run lives here: kills land anywhere in it, a little after too.
    let started = std::time::Instant::now();
    for k in 0..3 {
        assert!(set(k).status().unwrap().success());
    }
    let life_us = (started.elapsed().as_micros() as u64 / 3).max(1_000) * 6 / 5;
    let mut rng = Rng(0x0005_E714);
    let (mut kills, mut acknowledged) = (0, vec![0, 1, 2]);
    let mut lost = std::collections::BTreeSet::<usize>::new();
    let mut refused: Vec<String> = Vec::new();
    let (mut leftovers, mut empty_leftovers) = (0, 0);
    let mut k = 3;
    while kills < kills_wanted {
        // An edit saved just before: sled's snapshot is written by the next
        // open, so the run killed below has one to be caught in the middle of.
        assert!(set(k).status().unwrap().success());
        acknowledged.push(k);
        k += 1;
        let mut child = set(k).spawn().unwrap();
        let (killed, status) = kill_within(&mut child, &mut rng, life_us);
        kills += usize::from(killed);
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        // A run that printed "salvato" was acknowledged, killed right after or not.
        if out.contains("salvato") {
            acknowledged.push(k);
        } else {
            assert!(killed, "run {k} failed unkilled ({status}): {out}");
        }
        // What sled left of a snapshot it was writing; 12 bytes or fewer it reads as corrupt.
        for e in std::fs::read_dir(&db).unwrap() {
            let e = e.unwrap();
            if e.file_name().to_string_lossy().ends_with(".generating") {
                leftovers += 1;
                if e.metadata().unwrap().len() <= 12 {
                    empty_leftovers += 1;
                }
            }
        }
        // The database opens after every kill, with every acknowledged edit.
        let o = common::run(&db, &["history", code]);
        if o.status.code() == Some(0) {
            let history = common::stdout(&o);
            lost.extend(
                acknowledged
                    .iter()
                    .filter(|a| !history.contains(&format!("→ k{a}\n"))),
            );
        } else {
            refused.push(common::stderr(&o));
        }
        k += 1;
    }
    // Copies a killed check left behind are cleared by the next open.
    let beside = common::names_in(dir.path(), |n| n != "db");
    assert!(beside.is_empty(), "{beside:?}");
    eprintln!(
        "set kill test: {kills} SIGKILLs over {k} runs, {} acknowledged edits checked, {} lost, \
         {} refused opens; sled had left a snap.*.generating {leftovers} times \
         ({empty_leftovers} of them empty)",
        acknowledged.len(),
        lost.len(),
        refused.len()
    );
    assert!(refused.is_empty(), "refused opens: {refused:?}");
    assert!(lost.is_empty(), "acknowledged edits lost: {lost:?}");
}

/// Kills `child` with SIGKILL at a random moment of the next `life_us`
/// microseconds, unless it ended before: whether it was killed, and how it ended.
fn kill_within(child: &mut Child, rng: &mut Rng, life_us: u64) -> (bool, std::process::ExitStatus) {
    std::thread::sleep(Duration::from_micros(rng.below(life_us)));
    let killed = child.try_wait().unwrap().is_none();
    if killed {
        child.kill().unwrap();
    }
    (killed, child.wait().unwrap())
}

/// A plan of `n` extra objectives, to import on top of the shipped one.
fn big_plan(n: usize) -> Dataset {
    let mut d = obiettivi::io::shipped();
    let template = d.objectives[5].clone();
    d.objectives = (0..n)
        .map(|i| {
            let mut o = template.clone();
            o.code = format!("99_1201_{i:04}");
            o.narratives.year1 = format!("Testo dell'obiettivo {i}. ").repeat(40);
            o
        })
        .collect();
    d
}

#[test]
fn an_import_killed_half_way_leaves_the_old_state_or_the_new_one_never_a_mix() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    let before = {
        let store = Store::open(&base, obiettivi::io::shipped).unwrap();
        store.load().unwrap()
    };
    let plan = big_plan(400);
    let file = dir.path().join("plan.json");
    std::fs::write(&file, obiettivi::io::json::to_string(&plan)).unwrap();
    let rounds = kills(20);
    let mut rng = Rng(0x1A9);
    let (mut old_seen, mut new_seen) = (0, 0);
    let mut import_ms = Vec::new();
    for round in 0..rounds {
        let db = dir.path().join(format!("db{round}"));
        copy_dir(&base, &db);
        let (child, lines) = spawn_child(&format!("import|{}|{}", db.display(), file.display()));
        // Wait until the import has started, then kill at a random moment.
        let started = std::time::Instant::now();
        while !lines.lock().unwrap().iter().any(|l| l == "start")
            && started.elapsed() < Duration::from_secs(30)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        // The import takes ~100 ms here (debug build): most kills land inside it.
        std::thread::sleep(Duration::from_millis(rng.below(130)));
        let printed = kill(child, lines);
        import_ms.extend(
            printed
                .iter()
                .filter_map(|l| l.strip_prefix("done "))
                .map(str::to_string),
        );
        let store = Store::open(&db, Dataset::empty).expect("reopen after a killed import");
        let after = store.load().unwrap();
        // The history goes with the plan: one entry for each objective the
        // import added (the first and the last of them here), or none.
        let entries = [&plan.objectives[0], plan.objectives.last().unwrap()]
            .map(|o| store.history(Some(&o.code)).unwrap().len());
        let expected_entries = if after == before { [0, 0] } else { [1, 1] };
        assert_eq!(
            entries, expected_entries,
            "round {round}: the history of the import"
        );
        if after == before {
            old_seen += 1;
            assert!(
                !printed.iter().any(|l| l.starts_with("done")),
                "round {round}: the import said done but is not there"
            );
        } else {
            new_seen += 1;
            let mut expected = before.clone();
            expected.objectives.extend(plan.objectives.iter().cloned());
            assert_eq!(
                after.objectives.len(),
                expected.objectives.len(),
                "round {round}: a mix of old and new"
            );
            assert_eq!(after, expected, "round {round}: a mix of old and new");
        }
    }
    eprintln!(
        "import kill test: {rounds} kills, {old_seen} left the old state, {new_seen} the new one; {import_ms:?}"
    );
}

/// A copy of the directory `from` (a database) at `to`.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The progress every phase 1 gets from the sheet of
/// `a_sheet_import_killed_at_any_moment_leaves_all_its_edits_or_none`.
const SHEET_PROGRESS: f64 = 99.5;

/// `export --format csv` of the plan in `db`, with the progress of every
/// objective's phase 1 set to `SHEET_PROGRESS` (`99,5`, as a spreadsheet writes it).
fn sheet_of_every_objective(db: &Path, sheet: &Path) {
    let o = common::run(db, &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let body = text.strip_prefix('\u{feff}').unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (number, progress) = (column("N. fase"), column("Avanzamento"));
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    // The phases come first, then the indicators' table (of another width).
    let phases = rows.iter().take_while(|r| r.len() == rows[0].len()).count();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(str::to_string).collect();
        if (1..phases).contains(&i) && cells[number] == "1" {
            cells[progress] = "99,5".into();
        }
        out.write_record(&cells).unwrap();
    }
    std::fs::write(sheet, out.into_inner().unwrap()).unwrap();
}

/// How many objectives of `db` have the sheet's edit, and how many audit
/// entries came after the `base` first ones.
fn sheet_edits_in(db: &Path, base: usize) -> (usize, usize) {
    let store = Store::open(db, Dataset::empty).expect("reopen after a killed import");
    let edited = store
        .load()
        .unwrap()
        .objectives
        .iter()
        .filter(|o| o.phases[0].progress == Some(SHEET_PROGRESS))
        .count();
    (edited, store.history(None).unwrap().len() - base)
}

/// `obiettivi import SHEET.csv` of a sheet that edits 500 objectives, killed
/// with SIGKILL at random moments of its life: after every kill the database
/// holds every edit of the sheet, values and history, or none of them.
/// `OBIETTIVI_CRASH_KILLS=N` kills N times (5 by default).
#[test]
fn a_sheet_import_killed_at_any_moment_leaves_all_its_edits_or_none() {
    use obiettivi::dev::synthetic::{Spec, generate};
    const OBJECTIVES: usize = 500;
    let kills_wanted = kills(5);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    let plan = || {
        generate(&Spec {
            objectives: OBJECTIVES,
            phases: 2,
            seed: 25,
        })
    };
    let entries = {
        let store = Store::open(&base, plan).unwrap();
        let before = store.load().unwrap();
        assert_eq!(before.objectives.len(), OBJECTIVES);
        let untouched =
            |o: &obiettivi::model::Objective| o.phases[0].progress != Some(SHEET_PROGRESS);
        assert!(before.objectives.iter().all(untouched));
        store.history(None).unwrap().len()
    };
    let sheet = dir.path().join("piano.csv");
    sheet_of_every_objective(&base, &sheet);
    let import = |db: &Path| {
        let mut c = common::bin();
        c.arg("--db")
            .arg(db)
            .arg("import")
            .arg(&sheet)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    };
    // How long an import lives here (unkilled, it lands whole): kills land
    // anywhere in it, a little after too.
    let whole = dir.path().join("whole");
    copy_dir(&base, &whole);
    let started = std::time::Instant::now();
    let o = import(&whole).output().unwrap();
    let life_us = (started.elapsed().as_micros() as u64).max(1_000) * 6 / 5;
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    assert_eq!(sheet_edits_in(&whole, entries), (OBJECTIVES, OBJECTIVES));
    std::fs::remove_dir_all(&whole).unwrap();

    let mut rng = Rng(0x5EE7);
    let (mut kills, mut runs, mut all, mut none) = (0, 0, 0, 0);
    while kills < kills_wanted {
        assert!(runs < 3 * kills_wanted + 20, "too few runs were killed");
        let db = dir.path().join(format!("db{runs}"));
        copy_dir(&base, &db);
        let mut child = import(&db).spawn().unwrap();
        let (killed, status) = kill_within(&mut child, &mut rng, life_us);
        kills += usize::from(killed);
        assert!(
            killed || status.success(),
            "run {runs} failed unkilled: {status}"
        );
        match sheet_edits_in(&db, entries) {
            (0, 0) => {
                none += 1;
                assert!(killed, "run {runs}: done, but none of it is there");
            }
            (OBJECTIVES, OBJECTIVES) => all += 1,
            (values, history) => panic!(
                "run {runs}: {values} objectives edited and {history} history entries \
                 of {OBJECTIVES}: a part of the sheet"
            ),
        }
        std::fs::remove_dir_all(&db).unwrap();
        runs += 1;
    }
    eprintln!(
        "sheet import kill test: {kills} SIGKILLs over {runs} runs of a sheet of \
         {OBJECTIVES} objectives: {all} left all of it, {none} none, 0 a part \
         (an import lives {} ms here)",
        life_us * 5 / 6 / 1000
    );
}
