//! `plan new … --from` killed at random moments (issue 29, GUIDE §10): the
//! binary making next year's plan from a large one is killed with SIGKILL
//! after a random delay; each time the database opens, the old plan is as it
//! was, and the new plan is either not there at all or there whole — the
//! same export as a run left to its end. A plan new run again after a kill
//! that left no plan makes the whole plan (nothing half made in its way).
//!
//! `OBIETTIVI_PLAN_NEW_KILLS=N` runs N kills (default 8).

use crate::common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::crash::copy_dir;
use common::*;
use obiettivi::dev::synthetic::{Rng, Spec, generate};
use obiettivi::store::Store;

const NEW: &str = "DUP 2027-2029";

fn kills() -> usize {
    std::env::var("OBIETTIVI_PLAN_NEW_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8)
}

/// A database whose default plan is large enough that carrying it over
/// takes a while: the shipped plan with 1 000 synthetic objectives (phases,
/// indicators with their measurements) imported into it. Its title.
fn large_plan(db: &Path) -> String {
    let store = Store::open(db, obiettivi::io::shipped).unwrap();
    let synthetic = generate(&Spec {
        objectives: 1000,
        phases: 5,
        seed: 29,
    });
    store.import(&synthetic, "anna").unwrap();
    store.plan().unwrap().title
}

fn plan_new(db: &Path, from: &str) -> std::process::Command {
    let mut cmd = bin();
    cmd.arg("--db")
        .arg(db)
        .args(["plan", "new", NEW, "--year", "2027", "--from", from])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The plans `plan list` names, and each one's export.
fn shown(db: &Path, titles: &[&str]) -> (String, Vec<String>) {
    let list = ok(db, &["plan", "list"]);
    let exports = titles
        .iter()
        .map(|title| ok(db, &["--plan", title, "export"]))
        .collect();
    (list, exports)
}

#[test]
fn plan_new_from_a_plan_killed_at_any_moment_leaves_no_new_plan_or_the_whole_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template");
    let old = large_plan(&template);
    let (list_before, old_export) = shown(&template, &[&old]);

    // One run to its end: what the database then shows, and how long a run
    // takes (to spread the kills over it; nothing is asserted about time).
    let whole = dir.path().join("whole");
    copy_dir(&template, &whole);
    let started = Instant::now();
    assert!(plan_new(&whole, &old).status().unwrap().success());
    let span = started.elapsed();
    let (list_after, exports) = shown(&whole, &[&old, NEW]);
    assert_eq!(exports[0], old_export[0], "the old plan is left whole");
    assert!(exports[1].contains(&format!("\"title\": \"{NEW}\"")));

    let mut rng = Rng::new(29);
    let (mut none, mut made) = (0, 0);
    let span_us = (span.as_micros() as usize).max(1000) * 6 / 5;
    for round in 0..kills() {
        let db = dir.path().join(format!("db{round}"));
        copy_dir(&template, &db);
        let delay = Duration::from_micros(rng.below(span_us) as u64);
        let mut child = plan_new(&db, &old).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();

        let list = ok(&db, &["plan", "list"]);
        if list == list_before {
            none += 1;
            assert_eq!(
                ok(&db, &["--plan", &old, "export"]),
                old_export[0],
                "round {round} ({delay:?}): the old plan changed"
            );
            // What the killed run wrote is not in the way of the next one.
            if none % 2 == 1 {
                assert!(plan_new(&db, &old).status().unwrap().success());
                assert!(
                    shown(&db, &[&old, NEW]) == (list_after.clone(), exports.clone()),
                    "round {round} ({delay:?}): plan new again differs"
                );
            }
        } else {
            made += 1;
            assert!(
                shown(&db, &[&old, NEW]) == (list_after.clone(), exports.clone()),
                "round {round} ({delay:?}): a new plan, not the whole of it: {list}"
            );
        }
        std::fs::remove_dir_all(&db).unwrap();
        let _ = std::fs::remove_dir_all(dir.path().join(format!("db{round}.snapshots")));
        let _ = std::fs::remove_dir_all(dir.path().join(format!("db{round}.drafts")));
    }
    eprintln!(
        "plan new kills: {} in all, {none} left no new plan, {made} the whole new plan (a run: {span:?})",
        kills()
    );
}
