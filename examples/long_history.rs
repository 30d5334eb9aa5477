//! Does a long audit history slow down one objective's conflicts and history
//! (issue 24 item 5)? One JSON line per size.
//!
//! `cargo run --release --example long_history -- [ENTRIES…]` (default
//! 170000 1000000): a database with the shipped plan gets ENTRIES audit
//! entries written straight into sled (as years of edits would leave them),
//! spread over the plan's objectives; `05_1201_0601` has 10 (its creation's and 9
//! evenly spread over the log), and `05_1201_0201` one, the first. Then, as the
//! application opens it (a database of the previous schema: `open_ms` includes
//! building what this version keeps beside the log):
//! - `stale_*`: an edit on an outdated version of 05_1201_0601 refused, with
//!   who changed it last (`stale_cold_*`: the same on 05_1201_0201, whose last
//!   change is the oldest entry of the log);
//! - `history_*`: the first page of 05_1201_0601's history (its 10 entries);
//! - `edit_*`: a weight edit until durable, for comparison.
//!
//! Times are medians and maxima over `OBIETTIVI_REPEATS` runs (default 50),
//! in microseconds.

use std::path::Path;
use std::time::Instant;

use obiettivi::api::AuditEntry;
use obiettivi::dev::measure::{machine_facts, percentile, rss_mb};
use obiettivi::model::edit::Applied;
use obiettivi::model::{Change, PhaseField, Value};
use obiettivi::service::ServiceError;
use obiettivi::store::Store;

const HOT: &str = "05_1201_0601";
const COLD: &str = "05_1201_0201";

fn repeats() -> usize {
    std::env::var("OBIETTIVI_REPEATS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("ENTRIES must be a number"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![170_000, 1_000_000]
    } else {
        sizes
    };
    println!("{{{}}}", machine_facts());
    for entries in sizes {
        assert!(entries >= 100, "at least 100 entries");
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("db");
        drop(Store::open(&db, obiettivi::io::shipped).expect("create"));
        let fill_started = Instant::now();
        fill(&db, entries);
        let fill_ms = fill_started.elapsed().as_millis();
        measure(&db, entries, fill_ms);
    }
}

/// `entries` audit entries in the database at `db`, with ids from sled's own
/// counter (as the store takes them), and the schema version of the release
/// before the history index, so that opening it builds the index (and,
/// since schema 6, moves the plan into plan 1's trees).
fn fill(db: &Path, entries: usize) {
    let codes: Vec<String> = Store::open(db, obiettivi::model::Dataset::empty)
        .expect("open")
        .load()
        .expect("load")
        .objectives
        .into_iter()
        .map(|o| o.code)
        .filter(|c| c != HOT && c != COLD)
        .collect();
    // The layout of schema 5 (one plan under the bare tree names), then 3's.
    obiettivi::store::schema5::write_back(db).expect("schema 5");
    let sled = sled::open(db).expect("sled");
    let audit = sled.open_tree("audit").expect("audit");
    let at = chrono::Local::now().fixed_offset();
    let mut batch = sled::Batch::default();
    // 9 here and the one its creation left: 10.
    let hot: Vec<usize> = (0..9).map(|k| (2 * k + 1) * entries / 18).collect();
    for i in 0..entries {
        let objective = if i == 0 {
            COLD.to_string()
        } else if hot.contains(&i) {
            HOT.to_string()
        } else {
            codes[i % codes.len()].clone()
        };
        let entry = AuditEntry {
            at,
            who: format!("user{}", i % 7),
            what: Applied {
                objective,
                phase: Some(0),
                phase_name: Some("FASE".into()),
                field: obiettivi::model::applied::Part::Phase(
                    obiettivi::model::PhaseField::Progress,
                ),
                old: Value::Number(Some((i % 100) as f64)),
                new: Value::Number(Some(((i + 1) % 100) as f64)),
            },
            note: None,
        };
        let id = sled.generate_id().expect("id");
        batch.insert(&id.to_be_bytes(), serde_json::to_vec(&entry).expect("json"));
        if i % 10_000 == 9_999 {
            audit
                .apply_batch(std::mem::take(&mut batch))
                .expect("batch");
        }
    }
    audit.apply_batch(batch).expect("batch");
    let meta = sled.open_tree("meta").expect("meta");
    meta.insert(b"schema_version", b"3").expect("schema");
    // What the index of this version would hold is built again from the log.
    let _ = sled.drop_tree("audit_index");
    sled.flush().expect("flush");
}

fn measure(db: &Path, entries: usize, fill_ms: u128) {
    let started = Instant::now();
    let store = Store::open(db, obiettivi::model::Dataset::empty).expect("open");
    let open_ms = started.elapsed().as_millis();
    let store = &store;
    let timed = |f: &mut dyn FnMut()| {
        let mut micros: Vec<u64> = (0..repeats())
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed().as_micros() as u64
            })
            .collect();
        micros.sort_unstable();
        (percentile(&micros, 0.5), micros[micros.len() - 1])
    };
    let weight = |code: &str, w: f64| Change::SetPhase {
        objective: code.into(),
        phase: 0,
        field: PhaseField::Weight,
        value: Value::Number(Some(w)),
    };
    let stale = |code: &'static str| {
        let version = store.versioned(code).expect("read").expect("code").version;
        move || match store.apply_at(code, &[weight(code, 7.0)], "mario", Some(version + 1)) {
            Err(ServiceError::Outdated(c)) => assert!(c.by.is_some(), "who changed it last"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    };
    let (stale_p50, stale_max) = timed(&mut stale(HOT));
    let (cold_p50, cold_max) = timed(&mut stale(COLD));
    let (history_p50, history_max) = timed(&mut || {
        let page = store
            .history_page(
                &obiettivi::api::HistoryFilter::of(Some(HOT)),
                None,
                500,
                2 * 1024 * 1024,
            )
            .expect("history");
        assert_eq!(page.entries.len(), 10, "the objective's 10 entries");
    });
    let mut w = 0.0;
    let (edit_p50, edit_max) = timed(&mut || {
        w += 1.0;
        store
            .apply_at(HOT, &[weight(HOT, w)], "mario", None)
            .expect("edit");
    });
    let (rss, peak) = rss_mb();
    println!(
        "{{\"entries\":{entries},\"fill_ms\":{fill_ms},\"open_ms\":{open_ms},\
         \"stale_p50_us\":{stale_p50},\"stale_max_us\":{stale_max},\
         \"stale_cold_p50_us\":{cold_p50},\"stale_cold_max_us\":{cold_max},\
         \"history_p50_us\":{history_p50},\"history_max_us\":{history_max},\
         \"edit_p50_us\":{edit_p50},\"edit_max_us\":{edit_max},\
         \"rss_mb\":{rss:.0},\"peak_rss_mb\":{peak:.0}}}"
    );
}
