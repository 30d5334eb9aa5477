//! How long a user waits for "salvato": one weight edit through the store,
//! transaction + audit entry + flush, until `apply` returns.
//!
//! `cargo run --release --example durable_edit -- [EDITS]` prints one JSON line
//! with p50/p99/max in microseconds (a temporary database on the current disk).

use std::time::Instant;

use obiettivi::dev::measure::percentile;
use obiettivi::model::{Change, PhaseField, Value};
use obiettivi::store::Store;

fn main() {
    let edits: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);
    let dir = std::env::temp_dir().join(format!("obiettivi-durable-edit-{}", std::process::id()));
    let store = Store::open(&dir.join("db"), obiettivi::io::shipped).expect("open");
    let mut micros = Vec::with_capacity(edits);
    for i in 0..edits {
        let change = Change::SetPhase {
            objective: "05_1201_0601".into(),
            phase: i % 4,
            field: PhaseField::Weight,
            value: Value::Number(Some((i % 100) as f64)),
        };
        let started = Instant::now();
        store
            .apply_at("05_1201_0601", &[change], "bench", None)
            .expect("apply");
        micros.push(started.elapsed().as_micros() as u64);
    }
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    micros.sort_unstable();
    let at = |q: f64| percentile(&micros, q);
    println!(
        "{{\"edits\":{edits},\"edit_ack_p50_us\":{},\"edit_ack_p99_us\":{},\"edit_ack_max_us\":{}}}",
        at(0.5),
        at(0.99),
        micros[micros.len() - 1]
    );
}
