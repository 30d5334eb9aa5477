//! Giving the disk back the log's free segments (issue 29). sled 0.34
//! frees a segment of its log once its pages have moved on, but never
//! shrinks the file: the segment stays, zeros, until it is reused. After an
//! import of 1 000 × 10 (12.2 MB of JSON) 12 of the log's 37 segments of
//! 512 KiB were all zeros. Here, after a clean close and under sled's own
//! lock, every free segment of the log becomes a hole
//! (`fallocate(PUNCH_HOLE | KEEP_SIZE)`): the file reads exactly as before,
//! byte for byte and at the same length, and the filesystem frees the
//! blocks. Where the filesystem cannot, nothing changes.
//!
//! The same is done right after sled opens the database, and this is
//! what a `set` at 10 000 objectives spent most of its time on: sled
//! writes zeros over every free segment at each open (57 of them, 28 MB,
//! holes or not), and flushes them to the disk when it closes. A `set`
//! wrote 26.8 MB to the disk (`write_bytes` in `/proc/PID/io`) to change
//! one number. Punched while still only in the page cache, those zeros are
//! never written (see `Store::dig_after_opening`).
//!
//! Why not a smaller log instead: sled cleans a segment only once half of
//! it is garbage (`SEGMENT_CLEANUP_THRESHOLD`, hardwired since
//! spacejam/sled#1007) and has no compaction (#1006 points to export);
//! rewriting the database into a new one pays the same amplification
//! (#1124: 2.18× after a fresh load).

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use nix::fcntl::{FallocateFlags, fallocate};
use nix::unistd::{Whence, lseek};

/// sled's segment size (its default, which `open::sled_config` keeps): a
/// free segment is a whole one, zeros from its start.
const SEGMENT: u64 = 512 * 1024;

/// How much of a segment is read to tell a free one (all zeros) from one in
/// use, which begins with a header: the rest is read only when this is zeros.
const PROBE: usize = 4096;

/// Punches a hole in every free segment of sled's log at `dir`; the bytes
/// given back. Call with nothing writing to it: the database closed and
/// its lock held, or open in this process with all it wrote flushed and
/// nothing asking it to write. Costs a probe per segment (and a whole read
/// of the free ones not yet holes): milliseconds for a log of 100 MB.
pub fn dig(dir: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(dir.join("db"))?;
    let len = file.metadata()?.len();
    let mut freed = 0;
    let mut buf = vec![0u8; SEGMENT as usize];
    let mut at = 0;
    while at + SEGMENT <= len {
        let segment = at;
        at += SEGMENT;
        if is_hole(&file, segment)? {
            continue;
        }
        file.seek(SeekFrom::Start(segment))?;
        file.read_exact(&mut buf[..PROBE])?;
        if !zeros(&buf[..PROBE]) {
            continue;
        }
        file.read_exact(&mut buf[PROBE..])?;
        if !zeros(&buf[PROBE..]) {
            continue;
        }
        // Over a range that reads as zeros and will again: the content does not change.
        let punch = FallocateFlags::FALLOC_FL_PUNCH_HOLE | FallocateFlags::FALLOC_FL_KEEP_SIZE;
        fallocate(&file, punch, segment as libc::off_t, SEGMENT as libc::off_t)
            .map_err(std::io::Error::from)?;
        freed += SEGMENT;
    }
    Ok(freed)
}

impl super::Store {
    /// The free segments sled has just filled with zeros, made holes
    /// before the zeros reach the disk. Called by `open` before it returns
    /// the store: nothing of ours writes yet, sled writes only when asked
    /// (no background flusher, `open::sled_config`), and what opening wrote
    /// is flushed first, so no segment changes while it is read and punched;
    /// a segment sled takes afterwards is written over the hole.
    pub(super) fn dig_after_opening(&self) {
        if self.db.flush().is_ok() {
            let _ = dig(&self.path);
        }
    }
}

/// Whether `bytes` are all zeros, a page at a time: the OR of a page's
/// bytes is vectorised, where a byte at a time with an early exit was not
/// (80 M instructions of a `set` at 10 000 objectives, for the ~50 free
/// segments sled fills with zeros at each open).
fn zeros(bytes: &[u8]) -> bool {
    bytes
        .chunks(PROBE)
        .all(|page| page.iter().fold(0u8, |any, b| any | b) == 0)
}

/// Whether the segment at `start` is a hole already (no data in it).
fn is_hole(file: &std::fs::File, start: u64) -> std::io::Result<bool> {
    // The position moves; every read seeks to its segment first.
    match lseek(file, start as libc::off_t, Whence::SeekData) {
        Ok(data) => Ok(data as u64 >= start + SEGMENT),
        // No data from here to the end: a hole. Any other error: read it.
        Err(nix::errno::Errno::ENXIO) => Ok(true),
        Err(_) => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;

    use super::*;

    #[test]
    fn the_free_segments_become_holes_and_the_log_reads_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let seg = SEGMENT as usize;
        // In use, free, in use with zeros after its header, free, a tail.
        let mut log = vec![0u8; 4 * seg + 1000];
        log[..10].copy_from_slice(b"header 001");
        log[2 * seg..2 * seg + 10].copy_from_slice(b"header 002");
        log[4 * seg..4 * seg + 10].copy_from_slice(b"header 003");
        let path = dir.path().join("db");
        std::fs::write(&path, &log).unwrap();
        let blocks = std::fs::metadata(&path).unwrap().blocks();
        let freed = dig(dir.path()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), log, "the same bytes");
        assert_eq!(freed, 2 * SEGMENT);
        let now = std::fs::metadata(&path).unwrap().blocks();
        assert!(
            now * 512 <= blocks * 512 - 2 * SEGMENT,
            "{blocks} → {now} blocks"
        );
        // Again: the holes are skipped, nothing else is free.
        assert_eq!(dig(dir.path()).unwrap(), 0);
        assert_eq!(std::fs::read(&path).unwrap(), log);
    }

    /// sled writes zeros over its free segments as it opens a database;
    /// the store opened has made them holes again, and reads the same.
    #[test]
    fn an_open_store_has_no_free_segment_full_of_zeros() {
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
        let store = super::super::Store::open(&path, crate::model::Dataset::empty).unwrap();
        store.import(&plan, "t").unwrap();
        let again = generate(&Spec { seed: 4, ..spec });
        store.import(&again, "t").unwrap();
        let before = store.load().unwrap();
        drop(store);
        let store = super::super::Store::open(&path, crate::model::Dataset::empty).unwrap();
        let file = std::fs::File::open(path.join("db")).unwrap();
        let len = file.metadata().unwrap().len();
        let holes = (0..len / SEGMENT)
            .filter(|n| is_hole(&file, n * SEGMENT).unwrap())
            .count();
        assert!(holes > 0, "no free segment to look at");
        assert_eq!(dig(&path).unwrap(), 0, "{holes} holes, and zeros left");
        assert_eq!(store.load().unwrap(), before);
    }
}
