//! Recovery (GUIDE §7): what sled leaves when killed in the middle of its own
//! snapshot is not damage; a damaged database is refused without anything
//! written into it; after a full disk is freed, the database opens again.

use crate::common;
use common::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CODE: &str = "05_1201_0601";

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(contents(&path));
        } else {
            out.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    out
}

#[test]
fn an_unfinished_sled_snapshot_is_not_damage() {
    let (_dir, db) = fresh_db();
    ok(&db, &["set", CODE, "--phase", "1", "--weight", "40"]);
    let before = export(&db);
    // What a kill (or a full disk) in the middle of sled's snapshot leaves:
    // an empty file, or a partly written one, newer than any finished snapshot.
    for (name, bytes) in [
        ("snap.FFFFFFFFFFFFFFF0.generating", Vec::new()),
        ("snap.FFFFFFFFFFFFFFFF.generating", vec![0x5a; 300]),
    ] {
        std::fs::write(db.join(name), bytes).unwrap();
    }
    assert_eq!(export(&db), before);
    assert!(names_in(&db, |n| n.ends_with(".generating")).is_empty());
    ok(&db, &["set", CODE, "--phase", "2", "--weight", "60"]);
}

#[test]
fn a_damaged_database_is_refused_and_nothing_is_written_into_it() {
    let (dir, db) = fresh_db();
    for k in 0..30 {
        ok(&db, &["set", CODE, "--status", &format!("giro {k}")]);
    }
    let log_len = std::fs::metadata(db.join("db")).unwrap().len() as usize;
    // Each way of damaging the log: its bytes overwritten, zeroed in the
    // middle, cut short, flipped here and there. Each is refused.
    type Damage = Box<dyn Fn(&mut Vec<u8>)>;
    let damages: [(&str, Damage); 4] = [
        (
            "garbage",
            Box::new(|b: &mut Vec<u8>| {
                b.iter_mut()
                    .enumerate()
                    .for_each(|(i, x)| *x = (i * 7 + 3) as u8)
            }),
        ),
        (
            "zeroed",
            Box::new(move |b: &mut Vec<u8>| b[log_len / 4..log_len / 2].fill(0)),
        ),
        (
            "truncated",
            Box::new(move |b: &mut Vec<u8>| b.truncate(log_len / 3)),
        ),
        (
            "flipped",
            Box::new(|b: &mut Vec<u8>| {
                for x in b.iter_mut().skip(100).step_by(97) {
                    *x ^= 0xff;
                }
            }),
        ),
    ];
    for (how, damage) in &damages {
        let copy = dir.path().join(format!("damaged-{how}"));
        std::fs::create_dir(&copy).unwrap();
        for (file, mut bytes) in contents(&db) {
            let name = file.strip_prefix(&db).unwrap();
            if name == Path::new("db") {
                damage(&mut bytes);
            }
            if let Some(parent) = copy.join(name).parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(copy.join(name), bytes).unwrap();
        }
        let before = contents(&copy);
        let o = run(&copy, &["export"]);
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{how}: {err}");
        assert_eq!(o.status.code(), Some(2), "{how}: opened: {}", stdout(&o));
        assert!(err.contains("Non vi è stato scritto nulla"), "{how}: {err}");
        assert!(
            contents(&copy) == before,
            "{how}: the damaged database was written into"
        );
        // Nor is anything left beside it.
        let beside = names_in(dir.path(), |n| n.starts_with('.'));
        assert!(beside.is_empty(), "{how}: {beside:?}");
    }
}
