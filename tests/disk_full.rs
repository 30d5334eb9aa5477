//! A disk that fills up while saving: simulated with a file-size limit
//! (RLIMIT_FSIZE, SIGXFSZ ignored, so writes fail with EFBIG as they would with
//! ENOSPC). The write is refused with a message, the process does not hang,
//! and what was saved before is intact.

mod common;
use common::*;

use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

/// Runs `obiettivi ARGS` with files limited to `limit` bytes, feeding `stdin`.
fn run_limited(
    db: &std::path::Path,
    limit: u64,
    args: &[&str],
    stdin: &[u8],
) -> std::process::Output {
    let mut command = bin();
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(std::process::Stdio::piped());
    command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let rl = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin).unwrap();
    }
    // A failed write must not leave the process stuck: give it a generous minute.
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("obiettivi hung after a failed write");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_write_that_does_not_fit_is_refused_with_a_message_and_nothing_is_lost() {
    let (_dir, db) = fresh_db();
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "40"],
    );
    let size: u64 = std::fs::read_dir(&db)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .max()
        .unwrap();
    // No room for the files to grow: narratives of nearly the largest size
    // allowed (100 000 characters, GUIDE §7) fill what sled had set aside,
    // until one does not fit.
    let mut before = export(&db);
    let mut refused = None;
    for round in 0..60 {
        let text = format!("{round} ").repeat(30_000);
        let o = run_limited(
            &db,
            size,
            &["set", "05_1201_0601", "--year1", "-"],
            text.as_bytes(),
        );
        if o.status.success() {
            before = export(&db);
        } else {
            refused = Some(o);
            break;
        }
    }
    let o = refused.expect("the disk never filled up");
    assert_eq!(o.status.code(), Some(2), "stdout: {}", stdout(&o));
    let err = stderr(&o);
    // Refused on the write, or on opening a database that can no longer grow;
    // in the user's language either way.
    assert!(
        err.contains("errore di scrittura") || err.contains("file troppo grande"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert!(
        !stdout(&o).contains("salvato"),
        "a failed write must not be acknowledged"
    );
    // Everything acknowledged before is there, and the database still works.
    assert_eq!(export(&db), before);
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "2", "--weight", "60"],
    );
}
