//! Does the first screen cost the same with one plan or several (GUIDE §10,
//! issue 29)? A database with one synthetic plan of N objectives, and a copy
//! of it where K − 1 more plans of the same size sit in trees of their own
//! (`p2/…`, written straight into sled, as `plan new` would leave them);
//! then, alternately, what a session does before its first frame: open the
//! store and read the outline (`Store::outline_versioned`). One JSON line.
//!
//! `cargo run --release --example many_plans -- [--objectives N] [--plans K] [--runs R]`
//! (defaults 10 000, 5, 7).

use std::path::Path;
use std::time::Instant;

use obiettivi::dev::measure::percentile;
use obiettivi::dev::synthetic::{Spec, generate};
use obiettivi::model::Dataset;
use obiettivi::store::Store;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |v| v.parse().expect("a number"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let objectives = arg(&args, "--objectives", 10_000);
    let plans = arg(&args, "--plans", 5);
    let runs = arg(&args, "--runs", 7);
    let dir = tempfile::tempdir().expect("tempdir");
    let one = dir.path().join("one");
    let many = dir.path().join("many");
    let plan = generate(&Spec {
        objectives,
        phases: 10,
        seed: 29,
    });
    let store = Store::open(&one, Dataset::empty).expect("create");
    store.import(&plan, "bench").expect("import");
    drop(store);
    drop(plan);
    copy_dir(&one, &many);
    more_plans(&many, plans);
    let mut times: [Vec<u64>; 2] = Default::default();
    // The first open of each is not counted (the copy changed by hand is checked on a copy).
    for run in 0..=runs {
        for (i, db) in [&one, &many].into_iter().enumerate() {
            let started = Instant::now();
            let store = Store::open(db, Dataset::empty).expect("open");
            let (_, rows, _) = store.outline_versioned().expect("outline");
            assert_eq!(rows.len(), objectives);
            let micros = started.elapsed().as_micros() as u64;
            drop(store);
            if run > 0 {
                times[i].push(micros);
            }
        }
    }
    let [a, b] = times.map(|mut t| {
        t.sort_unstable();
        (
            percentile(&t, 0.5) as f64 / 1e3,
            t[t.len() - 1] as f64 / 1e3,
        )
    });
    println!(
        "{{\"objectives\":{objectives},\"plans\":{plans},\"runs\":{runs},\
         \"open_outline_ms_one_plan\":{{\"p50\":{:.1},\"max\":{:.1}}},\
         \"open_outline_ms_more_plans\":{{\"p50\":{:.1},\"max\":{:.1}}}}}",
        a.0, a.1, b.0, b.1
    );
}

/// Plans 2..=`plans` as copies of plan 1's trees, straight into sled.
fn more_plans(db: &Path, plans: usize) {
    // The store just closed lets go of sled's lock a moment later.
    let sled = (0..100)
        .find_map(|_| {
            sled::open(db)
                .map_err(|_| std::thread::sleep(std::time::Duration::from_millis(20)))
                .ok()
        })
        .expect("sled");
    for name in sled.tree_names() {
        let Some(kind) = name.strip_prefix(b"p1/") else {
            continue;
        };
        let from = sled.open_tree(&name).expect("tree");
        for k in 2..=plans {
            let to = sled
                .open_tree([format!("p{k}/").as_bytes(), kind].concat())
                .expect("tree");
            let mut batch = sled::Batch::default();
            for (n, kv) in from.iter().enumerate() {
                let (key, value) = kv.expect("record");
                batch.insert(key, value);
                if n % 1000 == 999 {
                    to.apply_batch(std::mem::take(&mut batch)).expect("batch");
                }
            }
            to.apply_batch(batch).expect("batch");
        }
    }
    sled.flush().expect("flush");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
