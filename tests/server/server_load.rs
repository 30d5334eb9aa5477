//! Many clients editing through one server at once: throughput and latency
//! (printed, never asserted), then every acknowledged edit must be in the
//! database and in its history — also after `kill -9` of the server.
//!
//! `OBIETTIVI_LOAD=16x500` sets clients × edits (default small for CI);
//! `OBIETTIVI_SERVER_KILLS=N` the rounds of the kill test. Figures in the
//! docs/PERFORMANCE.md come from `--release`:
//! `OBIETTIVI_LOAD=16x500 cargo test --release --test server server_load:: -- --nocapture`

use crate::common;
use crate::serve;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::me;
use obiettivi::api::AuditEntry;
use obiettivi::model::{Change, ObjectiveField, Value};
use obiettivi::server::client::Client;
use obiettivi::service::PlanService;
use serve::Server;

fn load_size() -> (usize, usize) {
    std::env::var("OBIETTIVI_LOAD")
        .ok()
        .and_then(|v| {
            let (c, e) = v.split_once('x')?;
            Some((c.parse().ok()?, e.parse().ok()?))
        })
        .unwrap_or((4, 25))
}

fn status(code: &str, text: &str) -> Change {
    Change::SetObjective {
        objective: code.into(),
        field: ObjectiveField::Status,
        value: Value::OptText(Some(text.into())),
    }
}

/// Each acknowledged status value appears in the history, recorded under the
/// socket's user; and each objective holds the last value its history shows.
fn check_acknowledged(client: &Client, acked: &[(String, String)]) {
    let history = obiettivi::service::whole_history(client, None).unwrap();
    let recorded: HashMap<String, &AuditEntry> = history
        .iter()
        .filter(|e| e.what.field == "status")
        .map(|e| (e.what.new.to_string(), e))
        .collect();
    for (code, value) in acked {
        let entry = recorded
            .get(value)
            .unwrap_or_else(|| panic!("acknowledged edit {value} on {code} is not in the history"));
        assert_eq!(&entry.what.objective, code);
        assert_eq!(entry.who, me());
    }
    common::assert_status_is_the_last_in_history(
        &client.load().unwrap().dataset,
        &history,
        "after the load",
    );
}

/// The plan's objective codes, as the server has them.
fn codes(server: &Server) -> Vec<String> {
    server
        .client()
        .load()
        .unwrap()
        .dataset
        .objectives
        .into_iter()
        .map(|o| o.code)
        .collect()
}

#[test]
fn many_clients_at_once_lose_no_acknowledged_edit() {
    let (clients, edits) = load_size();
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("db"), None);
    let codes = codes(&server);
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|t| {
            let client = server.client();
            let codes = codes.clone();
            std::thread::spawn(move || {
                let mut acked = Vec::with_capacity(edits);
                let mut latencies = Vec::with_capacity(edits);
                for i in 0..edits {
                    // Clients collide on the same objectives on purpose.
                    let code = &codes[(t + i) % codes.len()];
                    let value = format!("c{t}-e{i}");
                    let sent = Instant::now();
                    client.apply(code, &[status(code, &value)], None).unwrap();
                    latencies.push(sent.elapsed());
                    acked.push((code.clone(), value));
                }
                (acked, latencies)
            })
        })
        .collect();
    let mut acked = Vec::new();
    let mut latencies = Vec::new();
    for w in workers {
        let (a, l) = w.join().unwrap();
        acked.extend(a);
        latencies.extend(l);
    }
    let wall = started.elapsed();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1]
    };
    println!(
        "server load: {clients} clients × {edits} edits = {} durable edits in {:.2} s: {:.0} edits/s; \
         latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        acked.len(),
        wall.as_secs_f64(),
        acked.len() as f64 / wall.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
    );
    assert_eq!(acked.len(), clients * edits);
    check_acknowledged(&server.client(), &acked);
}

#[test]
fn every_acknowledged_edit_survives_kill_9_of_the_server() {
    let rounds: usize = std::env::var("OBIETTIVI_SERVER_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let (_dir, db) = common::fresh_db();
    let acked = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    for round in 0..rounds {
        let server = Server::start(&db, None);
        let codes = codes(&server);
        let in_round = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..4)
            .map(|t| {
                let client = server.client();
                let (codes, acked, in_round) =
                    (codes.clone(), Arc::clone(&acked), Arc::clone(&in_round));
                std::thread::spawn(move || {
                    // Until the server dies under it.
                    for i in 0.. {
                        let code = &codes[(t + i) % codes.len()];
                        let value = format!("r{round}-c{t}-e{i}");
                        if client.apply(code, &[status(code, &value)], None).is_err() {
                            return;
                        }
                        acked.lock().unwrap().push((code.clone(), value));
                        in_round.fetch_add(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        // Kill at a different point each round, once edits are flowing.
        let wait_for = 20 + 37 * round;
        let started = Instant::now();
        while in_round.load(Ordering::SeqCst) < wait_for {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no edits acknowledged"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        server.kill9();
        for w in workers {
            w.join().unwrap();
        }
    }
    let server = Server::start(&db, None);
    let acked = acked.lock().unwrap().clone();
    println!(
        "kill -9 of the server: {rounds} rounds, {} acknowledged edits checked",
        acked.len()
    );
    check_acknowledged(&server.client(), &acked);
}
