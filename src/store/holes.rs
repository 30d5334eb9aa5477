//! The log's free segments are holes (issue 29). sled 0.34 frees a segment
//! of its log once its pages have moved on, but never shrinks the file; at
//! every open it makes each free segment read as zeros. Upstream writes
//! those zeros (57 segments, 28 MB, at every `set` on a database of 10 000
//! objectives), and the store punched them back into holes right after each
//! open and at each close (this module's `dig`, up to the commit that
//! emptied it). The vendored sled punches the holes itself instead of
//! writing (`vendor/sled/README.md`): nothing is left for the store to do,
//! and this module only checks that nothing is — an open store has no free
//! segment full of zeros, and reads what it wrote.
//!
//! Why not a smaller log instead: sled cleans a segment only once half of
//! it is garbage (`SEGMENT_CLEANUP_THRESHOLD`, hardwired since
//! spacejam/sled#1007) and has no compaction (#1006 points to export);
//! rewriting the database into a new one pays the same amplification
//! (#1124: 2.18× after a fresh load).

use nix::unistd::{Whence, lseek};

/// sled's segment size (its default, which `open::sled_config` keeps).
const SEGMENT: u64 = 512 * 1024;

/// Whether the segment at `start` is a hole (no data in it).
fn is_hole(file: &std::fs::File, start: u64) -> bool {
    match lseek(file, start as libc::off_t, Whence::SeekData) {
        Ok(data) => data as u64 >= start + SEGMENT,
        // No data from here to the end: a hole.
        Err(nix::errno::Errno::ENXIO) => true,
        Err(e) => panic!("SEEK_DATA: {e}"),
    }
}

/// sled makes its free segments read as zeros as it opens a database:
/// holes, not zeros written.
#[test]
fn an_open_store_has_no_free_segment_full_of_zeros() {
    use std::os::unix::fs::FileExt;

    use crate::dev::synthetic::{Spec, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let spec = Spec {
        objectives: 400,
        phases: 6,
        seed: 3,
    };
    let plan = generate(&spec);
    // A plan imported twice: the first import's pages free segments.
    let store = super::Store::open(&path, crate::model::Dataset::empty).unwrap();
    store.import(&plan, "t").unwrap();
    let again = generate(&Spec { seed: 4, ..spec });
    store.import(&again, "t").unwrap();
    let before = store.load().unwrap();
    drop(store);
    let store = super::Store::open(&path, crate::model::Dataset::empty).unwrap();
    let file = std::fs::File::open(path.join("db")).unwrap();
    let segments = file.metadata().unwrap().len() / SEGMENT;
    let holes = (0..segments)
        .filter(|n| is_hole(&file, n * SEGMENT))
        .count();
    assert!(holes > 0, "no free segment to look at");
    let mut segment = vec![0u8; SEGMENT as usize];
    for n in (0..segments).filter(|n| !is_hole(&file, n * SEGMENT)) {
        file.read_exact_at(&mut segment, n * SEGMENT).unwrap();
        assert!(
            segment.iter().any(|b| *b != 0),
            "segment {n} of {segments} is zeros written ({holes} holes)"
        );
    }
    assert_eq!(store.load().unwrap(), before);
}
