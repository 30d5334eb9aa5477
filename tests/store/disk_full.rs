//! A disk that fills up while saving: simulated with a file-size limit
//! (RLIMIT_FSIZE, SIGXFSZ ignored, so writes fail with EFBIG as they would with
//! ENOSPC). The write is refused with a message, the process does not hang,
//! and what was saved before is intact.

use crate::common;
use common::*;

use std::os::unix::process::CommandExt;

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
        // A command refused before it reads its input (no room to open) closes the pipe.
        match input.write_all(stdin) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.unwrap(),
        }
    }
    // A failed write must not leave the process stuck.
    output_within_a_minute(child, "obiettivi hung after a failed write")
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

/// A real full disk: a small tmpfs (mounting needs root; skipped otherwise).
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount(bytes: u64) -> Option<SmallDisk> {
        let dir = tempfile::Builder::new()
            .prefix("obiettivi14-disk")
            .tempdir()
            .unwrap();
        // SAFETY: geteuid has no preconditions.
        let mounted = unsafe { libc::geteuid() } == 0
            && std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
                .arg("tmpfs")
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk(dir))
    }

    fn path(&self) -> &std::path::Path {
        self.0.path()
    }

    /// Fills the disk but for `free` bytes; returns the filler file.
    fn fill_leaving(&self, free: u64) -> std::path::PathBuf {
        let filler = self.path().join("filler");
        let available = {
            let c = std::ffi::CString::new(self.path().to_str().unwrap()).unwrap();
            let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
            // SAFETY: statvfs on a valid path into a zeroed struct.
            assert_eq!(unsafe { libc::statvfs(c.as_ptr(), &mut s) }, 0);
            s.f_bavail as u64 * s.f_frsize as u64
        };
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![1u8; 4096];
        let mut written = 0;
        while written + 4096 <= available.saturating_sub(free) {
            use std::io::Write;
            if f.write_all(&chunk).is_err() {
                break;
            }
            written += 4096;
        }
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.0.path())
            .status();
    }
}

/// The disk fills up with room left for nothing, for the check's copy but not
/// sled's snapshot, for the snapshot but not the log…: each command is refused
/// with a message, and once space is freed the database opens with every edit
/// that was acknowledged, nothing is left beside it, and it takes new edits.
#[test]
fn once_the_full_disk_is_freed_the_database_opens_with_everything_acknowledged() {
    let Some(disk) = SmallDisk::mount(4 << 20) else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    let db = disk.path().join("db");
    create_db(&db);
    let mut acknowledged = Vec::new();
    let mut refused = 0;
    for (round, free) in [
        0,
        4 << 10,
        16 << 10,
        64 << 10,
        256 << 10,
        512 << 10,
        600 << 10,
        1 << 20,
    ]
    .into_iter()
    .enumerate()
    {
        // An edit acknowledged, so that the next open has a snapshot to write…
        let status = format!("giro {round}");
        ok(&db, &["set", "05_1201_0601", "--status", &status]);
        acknowledged.push(status);
        // …on a disk that fills up: while reading, or while writing. Without
        // the seal of a clean close (as after a crash) the open first checks
        // the database on a copy, which needs room too.
        let _ = std::fs::remove_file(db.join("obiettivi.seal"));
        let filler = disk.fill_leaving(free);
        let limited = format!("pieno {round}");
        for args in [
            &["export"][..],
            &["set", "05_1201_0601", "--status", &limited][..],
        ] {
            let o = run(&db, args);
            if o.status.success() {
                if args[0] == "set" {
                    acknowledged.push(limited.clone());
                }
            } else {
                refused += 1;
                assert_eq!(
                    o.status.code(),
                    Some(2),
                    "free {free} {args:?}: {}",
                    stdout(&o)
                );
                assert!(!stderr(&o).is_empty(), "free {free} {args:?}: no message");
            }
        }
        std::fs::remove_file(filler).unwrap();
        // Space freed: the database opens, and holds what was acknowledged.
        let history = ok(&db, &["history", "05_1201_0601"]);
        for status in &acknowledged {
            assert!(history.contains(status), "free {free}: {status} lost");
        }
        let leftovers = names_in(disk.path(), |n| n != "db");
        assert!(leftovers.is_empty(), "free {free}: {leftovers:?}");
    }
    assert!(refused >= 4, "only {refused} commands ran out of room");
    ok(&db, &["set", "05_1201_0601", "--status", "alla fine"]);
}
