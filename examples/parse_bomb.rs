//! What a small line can cost the server (issue 24, item 3): `N` clients of
//! one role each send one line of ~32 MB whose `"phases":[{},{},…]` would
//! decode to a hundred times its size, with `op` last (the worst order for a
//! reader); the server's peak resident memory (`VmHWM`) and its answers.
//!
//! `cargo build --bin obiettivi && cargo run --example parse_bomb -- [--parallel N]
//! [--role reader|controller] [--op import|plan_import] [--mb M]`
//!
//! The server is the `obiettivi` binary beside this example's directory
//! (`target/<profile>/obiettivi`), started on a new database with a roles
//! file that gives the role to the user running this.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use obiettivi::server::listen::socket_path;
use obiettivi::server::protocol::PROTOCOL_VERSION;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str, default: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let parallel: usize = value("--parallel", "1").parse().expect("--parallel N");
    let role = value("--role", "reader");
    let op = value("--op", "import");
    let mb: usize = value("--mb", "32").parse().expect("--mb M");

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let roles = dir.path().join("roles.toml");
    let me = obiettivi::server::peer::who();
    let controllers = if role == "controller" {
        format!("[\"{me}\"]")
    } else {
        "[\"nessuno\"]".into()
    };
    std::fs::write(&roles, format!("controllers = {controllers}\n")).unwrap();
    let mut server = Command::new(server_binary())
        .arg("--db")
        .arg(&db)
        .arg("serve")
        .arg("--config")
        .arg(&roles)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the obiettivi binary (cargo build --bin obiettivi)");
    wait_for(&db);
    let line = Arc::new(bomb(&op, mb * 1024 * 1024));
    let start_rss = rss_kb(server.id(), "VmRSS:");

    let done = Arc::new(AtomicBool::new(false));
    let pid = server.id();
    let watcher = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            // VmHWM is the kernel's own peak; sampling VmRSS too shows when.
            let mut peak = 0;
            while !done.load(Ordering::SeqCst) {
                peak = peak.max(rss_kb(pid, "VmRSS:"));
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let started = Instant::now();
    let clients: Vec<_> = (0..parallel)
        .map(|_| {
            let line = Arc::clone(&line);
            let socket = socket_path(&db);
            std::thread::spawn(move || send(&socket, &line))
        })
        .collect();
    let answers: Vec<String> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    done.store(true, Ordering::SeqCst);
    let sampled = watcher.join().unwrap();
    let peak = rss_kb(pid, "VmHWM:");
    let _ = server.kill();
    let _ = server.wait();
    println!(
        "{{\"role\":\"{role}\",\"op\":\"{op}\",\"parallel\":{parallel},\"line_mb\":{:.1},\
         \"server_rss_before_mb\":{:.0},\"server_peak_rss_mb\":{:.0},\"server_sampled_peak_mb\":{:.0},\"ms\":{}}}",
        line.len() as f64 / 1048576.0,
        start_rss as f64 / 1024.0,
        peak as f64 / 1024.0,
        sampled as f64 / 1024.0,
        started.elapsed().as_millis()
    );
    for a in answers {
        println!("  {}", a.chars().take(300).collect::<String>());
    }
}

/// `target/<profile>/obiettivi`, this example being in `target/<profile>/examples/`.
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("obiettivi"))
        .unwrap()
}

fn wait_for(db: &Path) {
    let started = Instant::now();
    while UnixStream::connect(socket_path(db)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server never answered"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One request of about `bytes`: a plan whose one objective has empty phases
/// by the million, `op` last.
fn bomb(op: &str, bytes: usize) -> Vec<u8> {
    let head = "{\"dataset\":{\"schema\":\"obiettivi/3\",\"plan\":{},\"mandates\":[],\"missions\":[],\
                \"objectives\":[{\"code\":\"05_1201_0601\",\"mission\":\"M\",\"phases\":[";
    let tail = format!("{{}}]}}]}},\"op\":\"{op}\"}}\n");
    let mut line = Vec::with_capacity(bytes + 64);
    line.extend_from_slice(head.as_bytes());
    while line.len() + 3 + tail.len() < bytes {
        line.extend_from_slice(b"{},");
    }
    line.extend_from_slice(tail.as_bytes());
    line
}

/// Hello, the line, the answer's first line.
fn send(socket: &Path, line: &[u8]) -> String {
    let mut stream = UnixStream::connect(socket).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(300)))
        .unwrap();
    let mut input = BufReader::new(stream.try_clone().unwrap());
    writeln!(
        stream,
        "{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION},\"lang\":\"it\"}}"
    )
    .unwrap();
    let mut hello = String::new();
    input.read_line(&mut hello).unwrap();
    if let Err(e) = stream.write_all(line) {
        return format!("(write: {e})");
    }
    let mut answer = String::new();
    match input.read_line(&mut answer) {
        Ok(_) => answer.trim_end().to_string(),
        Err(e) => format!("(read: {e})"),
    }
}

/// A field of `/proc/PID/status`, in kB.
fn rss_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
