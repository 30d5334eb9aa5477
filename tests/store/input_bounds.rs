//! What a user hands in is read with a bound (GUIDE §7, sizes): `/dev/zero`,
//! a named pipe or a huge file is refused with a message, not read until the
//! machine runs out of memory, and nothing changes.

use crate::common;
use common::*;

use std::process::{Output, Stdio};

/// Runs `obiettivi --db DB ARGS` with `stdin`, failing the test if it does not end within a minute.
fn run_bounded(db: &std::path::Path, args: &[&str], stdin: Stdio) -> Output {
    let child = bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    output_within_a_minute(
        child,
        &format!("{args:?} never ended: the input was not bounded"),
    )
}

#[test]
fn endless_or_huge_input_is_refused_with_a_message() {
    let (dir, db) = fresh_db();
    let before = export(&db);
    let fifo = dir.path().join("pipe.json");
    mkfifo(&fifo);
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(33 << 20)
        .unwrap();
    for (file, expected) in [
        ("/dev/zero", "non è un file normale"),
        (fifo.to_str().unwrap(), "non è un file normale"),
        (huge.to_str().unwrap(), "supera il limite di 32 MiB"),
    ] {
        for command in ["import", "restore"] {
            let o = run_bounded(&db, &[command, file], Stdio::null());
            assert_eq!(o.status.code(), Some(2), "{command} {file}: {}", stdout(&o));
            assert!(
                stderr(&o).contains(expected),
                "{command} {file}: {}",
                stderr(&o)
            );
        }
    }
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let o = run_bounded(&db, &["set", "05_1201_0601", "--year1", "-"], zero.into());
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("supera il limite"), "{}", stderr(&o));
    assert_eq!(export(&db), before);
}
