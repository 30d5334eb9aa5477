//! One user cannot break the server for the others (GUIDE §7): connections
//! per user and in all, a deadline for the whole hello and for a silent
//! connection, and a bound on the memory lines in progress may take. The
//! refused client is told why; the others keep being served.

use crate::common;
use crate::serve;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use common::*;
use obiettivi::server::protocol::PROTOCOL_VERSION;
use obiettivi::service::PlanService;
use serve::{Server, second_user};

fn connect(server: &Server) -> UnixStream {
    let s = UnixStream::connect(server.socket()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s
}

/// A connection that said hello and got its answer.
fn hello(server: &Server) -> (UnixStream, String) {
    let mut s = connect(server);
    // A server that refuses answers without waiting for the hello, and may
    // have closed by the time it is written: the answer is what counts.
    let _ = writeln!(s, "{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION}}}");
    let mut line = String::new();
    BufReader::new(s.try_clone().unwrap())
        .read_line(&mut line)
        .unwrap();
    (s, line)
}

/// How long the server takes to hang up on `s` (which must say nothing more).
fn hung_up_after(s: &mut UnixStream) -> Duration {
    let started = Instant::now();
    let mut byte = [0u8; 1];
    loop {
        match s.read(&mut byte) {
            Ok(0) | Err(_) => return started.elapsed(),
            Ok(_) => {}
        }
    }
}

/// The server's resident memory at its peak (VmHWM), in MB.
fn peak_rss_mb(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

#[test]
fn a_user_past_their_connections_is_told_why_and_the_rest_are_served() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        &dir.path().join("db"),
        None,
        &[("OBIETTIVI_SERVE_CONNECTIONS_PER_USER", "4")],
    );
    // Until refused with four held: the server's own start-up probe may take
    // a place for a moment, until its side of it is closed.
    let mut held = Vec::new();
    let answer = loop {
        let (s, answer) = hello(&server);
        if answer.contains("\"hello\"") {
            held.push(s);
            assert!(held.len() <= 4, "a fifth connection was admitted");
        } else if held.len() == 4 {
            break answer;
        } else {
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    assert!(
        answer.contains("ha già troppe connessioni aperte al server (massimo 4)"),
        "{answer}"
    );
    // The client says the same, in its words.
    let o = run_plain(&server.db, &["export"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("troppe connessioni"), "{}", stderr(&o));
    // One closed: a place again.
    drop(held.pop());
    std::thread::sleep(Duration::from_millis(200));
    let (_, answer) = hello(&server);
    assert!(answer.contains("\"hello\""), "{answer}");
}

#[test]
fn a_slow_hello_and_a_silent_connection_are_dropped_on_time() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        &dir.path().join("db"),
        None,
        &[
            ("OBIETTIVI_SERVE_HELLO_SECS", "1"),
            ("OBIETTIVI_SERVE_IDLE_SECS", "1"),
        ],
    );
    // One byte every 200 ms: each read is quick, the hello never ends.
    let mut slow = connect(&server);
    let started = Instant::now();
    let mut dropped = false;
    for byte in b"{\"op\":\"hello\",\"version\":2".iter().cycle().take(100) {
        if slow.write_all(&[*byte]).is_err() {
            dropped = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        if started.elapsed() > Duration::from_secs(10) {
            break;
        }
    }
    assert!(
        dropped || hung_up_after(&mut slow) < Duration::from_secs(5),
        "a hello sent a byte at a time kept its connection"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // After the hello, silence: dropped after the idle deadline.
    let (mut silent, _) = hello(&server);
    assert!(hung_up_after(&mut silent) < Duration::from_secs(10));
    // The server goes on.
    assert!(server.client().load().is_ok());
}

#[test]
fn endless_lines_from_many_connections_do_not_take_the_server_s_memory() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        &dir.path().join("db"),
        None,
        &[
            ("OBIETTIVI_SERVE_LINES_IN_FLIGHT_MB", "16"),
            ("OBIETTIVI_SERVE_CONNECTIONS_PER_USER", "40"),
        ],
    );
    let before = peak_rss_mb(&server);
    // 12 connections each sending 8 MB of a line that never ends: 96 MB asked.
    // OBIETTIVI_LIMITS_ATTACK=32x32 (connections × MB): one user's maximum,
    // each with the longest line, for the figures in docs/PERFORMANCE.md.
    let (connections, megabytes) = std::env::var("OBIETTIVI_LIMITS_ATTACK")
        .ok()
        .and_then(|v| {
            let (c, m) = v.split_once('x')?;
            Some((c.parse().ok()?, m.parse().ok()?))
        })
        .unwrap_or((12usize, 8usize));
    let chunk = vec![b'x'; 1024 * 1024];
    let mut senders = Vec::new();
    for _ in 0..connections {
        let (mut s, _) = hello(&server);
        let chunk = chunk.clone();
        senders.push(std::thread::spawn(move || {
            s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
            for _ in 0..megabytes {
                if s.write_all(&chunk).is_err() {
                    break;
                }
            }
            // No end of line, ever: only the end of the connection.
            let _ = s.shutdown(std::net::Shutdown::Write);
            let mut answer = String::new();
            let _ = BufReader::new(s).read_line(&mut answer);
            answer
        }));
    }
    // Meanwhile another session is served, and quickly.
    let client = server.client();
    let started = Instant::now();
    for _ in 0..5 {
        client.load().unwrap();
    }
    let served_in = started.elapsed() / 5;
    let answers: Vec<String> = senders.into_iter().map(|t| t.join().unwrap()).collect();
    let refused = answers.iter().filter(|a| a.contains("troppi dati")).count();
    assert!(refused > 0, "{answers:?}");
    let after = peak_rss_mb(&server);
    eprintln!(
        "server peak RSS {before} MB → {after} MB with {connections} × {megabytes} MB of lines sent; \
         {refused}/{connections} refused; a load meanwhile took {served_in:?}"
    );
    // 16 MB of budget, 64 KiB free per line, and the plan: far from 96 MB.
    assert!(after < before + 64, "{before} MB → {after} MB");
}

#[test]
fn while_one_user_holds_all_their_connections_another_user_is_served() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let Some((uid, gid)) = second_user() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The other user reaches the socket: the directory is open, the socket is the group's.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = dir.path().join("ruoli.toml");
    std::fs::write(&config, "group = \"obt2\"\n").unwrap();
    let db = dir.path().join("db");
    let server = Server::start_with(
        &db,
        Some(&config),
        &[("OBIETTIVI_SERVE_CONNECTIONS_PER_USER", "4")],
    );
    let mut held = Vec::new();
    loop {
        let (s, answer) = hello(&server);
        if !answer.contains("\"hello\"") {
            break;
        }
        held.push(s);
    }
    let started = Instant::now();
    let o = bin()
        .arg("--db")
        .arg(&db)
        .arg("export")
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"obiettivi/2\""));
    eprintln!(
        "the other user's export through the server took {took:?} while the first held all four"
    );
}

/// One user's lines hold at most their share of the budget
/// (`OBIETTIVI_SERVE_LINES_PER_USER_MB`): with 6 MB of one line in flight,
/// the same user's next 6 MB line is refused under a share of 8 MB, though
/// the budget in all has room.
#[test]
fn one_users_lines_in_flight_hold_at_most_their_share_of_the_budget() {
    let (_dir, db) = fresh_db();
    let server = Server::start_with(&db, None, &[("OBIETTIVI_SERVE_LINES_PER_USER_MB", "8")]);
    let chunk = vec![b' '; 1024 * 1024];
    let (mut held, _) = hello(&server);
    for _ in 0..6 {
        held.write_all(&chunk).unwrap();
    }
    let (mut next, _) = hello(&server);
    let line = format!("{{\"op\":\"load\"{}}}\n", " ".repeat(6 * 1024 * 1024));
    // The server may hang up before reading all of it: its answer is what counts.
    let _ = next.write_all(line.as_bytes());
    let mut answer = String::new();
    BufReader::new(next).read_line(&mut answer).unwrap();
    assert!(answer.contains("troppi dati"), "{answer}");
    // Once the first line is over, the user's share is theirs again.
    held.write_all(b"\n").unwrap();
    let mut first = String::new();
    BufReader::new(held).read_line(&mut first).unwrap();
    assert!(first.contains("bad_request"), "{first}");
    assert!(server.client().load().is_ok());
}
