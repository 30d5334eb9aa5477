//! What is done to a database's files before sled opens them (GUIDE §7,
//! recovery): sled's own crash leftovers are cleared, and a database is first
//! opened on a copy, so that one found damaged has had nothing written into it.

use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use super::OpenError;

/// Readies the existing database at `dir` for sled, under its lock (the very
/// lock sled takes), so that no process opening it meanwhile has the snapshot
/// it is writing taken away, nor copies it half-way: sled's leftovers are
/// removed, then `check` opens a copy.
pub fn before_opening<T>(
    dir: &Path,
    check: impl FnOnce(&Path) -> Result<T, OpenError>,
) -> Result<Option<T>, OpenError> {
    let _lock = Lock::take(dir)?;
    remove_unfinished_snapshots(dir)?;
    // Closed cleanly and not touched since: the check on a copy (a copy and a
    // second open of the whole database, 0.4 s at 10 000 objectives) is not needed.
    if seal::holds(dir) {
        return Ok(None);
    }
    on_a_copy(dir, check).map(Some)
}

/// A database closed cleanly says so: `obiettivi.seal` beside sled's files
/// holds the size, modification and change times and inode of each as the
/// close left them. Once sled writes (a process killed with the store open)
/// or anything else changes a file (damage written to it, a hand edit, a
/// copy), they no longer match, and the next open checks on a copy first.
/// Nothing needs removing at open: a seal only ever vouches for the files
/// it was made from.
///
/// Why not each file's CRC, as before: reading every byte at each open and
/// close cost a `set` two reads of the whole log (131 MB at 10 000
/// objectives, a third of its system time), and a database of five such
/// plans 60 ms more before its first screen. The change time cannot be set
/// back by a user; what the seal no longer notices is a bit flipped by the
/// disk itself without a write, which sled's own checksums report when it
/// reads the page.
pub mod seal {
    use std::os::unix::fs::MetadataExt;
    use std::path::{Path, PathBuf};

    const NAME: &str = "obiettivi.seal";

    fn sled_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                sled_files(&path, out)?;
            } else if path.file_name().is_some_and(|n| n != NAME) {
                out.push(path);
            }
        }
        Ok(())
    }

    /// `name size mtime ctime inode` per file, in name order (times in ns).
    fn fingerprint(dir: &Path) -> std::io::Result<String> {
        let mut files = Vec::new();
        sled_files(dir, &mut files)?;
        files.sort();
        let mut out = String::new();
        for file in files {
            let m = std::fs::symlink_metadata(&file)?;
            let name = file
                .strip_prefix(dir)
                .unwrap_or(&file)
                .display()
                .to_string();
            out.push_str(&format!(
                "{name} {} {}.{:09} {}.{:09} {}\n",
                m.len(),
                m.mtime(),
                m.mtime_nsec(),
                m.ctime(),
                m.ctime_nsec(),
                m.ino()
            ));
        }
        Ok(out)
    }

    /// After a clean close: the files as they are now.
    ///
    /// Written to a new file renamed into place, but not synced (two
    /// `fsync`, 8-12 ms of a 40 ms `set` on a loaded disk): the seal only
    /// ever spares work. sled synced its files before this runs, so their
    /// sizes and times are on the disk already; a seal lost, torn or left
    /// at an older version by a crash does not match them, and the next
    /// open checks on a copy, as after any unclean close. Only the complete
    /// text made from the files as they are can match.
    pub fn make(dir: &Path) {
        if let Ok(print) = fingerprint(dir) {
            let _ = write_unsynced(dir, print.as_bytes());
        }
    }

    fn write_unsynced(dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{NAME}."))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        crate::files::Access::of(dir).apply(tmp.path())?;
        tmp.persist(dir.join(NAME)).map(drop).map_err(|e| e.error)
    }

    pub fn holds(dir: &Path) -> bool {
        match std::fs::read_to_string(dir.join(NAME)) {
            Ok(sealed) => fingerprint(dir).is_ok_and(|now| now == sealed),
            Err(_) => false,
        }
    }
}

/// Removes the `snap.*.generating` files sled leaves when it is killed (or the
/// disk fills) while writing a snapshot. sled renames such a file into place
/// only once it is complete, so one still `.generating` holds nothing the log
/// does not; yet sled picks it as the newest snapshot and refuses the whole
/// database as corrupt (spacejam/sled#1527).
fn remove_unfinished_snapshots(dir: &Path) -> Result<(), OpenError> {
    let at = |e| OpenError::Io(dir.to_path_buf(), e);
    for entry in std::fs::read_dir(dir).map_err(at)? {
        let entry = entry.map_err(at)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(entry.path()).map_err(at)?;
        }
    }
    Ok(())
}

/// Runs `check` on a private copy of the database at `dir`, beside it, so that
/// whatever sled writes while recovering a damaged log lands in the copy.
fn on_a_copy<T>(
    dir: &Path,
    check: impl FnOnce(&Path) -> Result<T, OpenError>,
) -> Result<T, OpenError> {
    let prefix = copy_prefix(dir);
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    remove_stale_copies(&parent, &prefix);
    // Beside the database (same disk, as private as it); in the temporary
    // directory (cleaned by the system) when its parent cannot be written to.
    let place = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(&parent)
        .or_else(|_| tempfile::Builder::new().prefix(&prefix).tempdir())
        .map_err(|e| OpenError::Io(parent.clone(), e))?;
    // The copy in a directory of its own: what opening writes beside it (the
    // backup before a migration) goes when the place does.
    let copy = place.path().join(dir.file_name().unwrap_or("db".as_ref()));
    std::fs::create_dir(&copy)
        .and_then(|()| copy_tree(dir, &copy))
        .map_err(|e| OpenError::Io(dir.to_path_buf(), e))?;
    check(&copy).map_err(|e| e.at(dir))
}

/// `.<name>.check.`: hidden, and recognisably the copies of this database.
fn copy_prefix(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map_or_else(|| "db".to_string(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.check.")
}

/// Copies a process killed while checking left behind; called with the lock
/// held, so none of them is in use.
fn remove_stale_copies(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            std::fs::create_dir(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The same exclusive lock sled takes on its `db` file (flock), released on drop.
pub(super) struct Lock(std::fs::File);

impl Lock {
    pub(super) fn take(dir: &Path) -> Result<Lock, OpenError> {
        let file =
            std::fs::File::open(dir.join("db")).map_err(|e| OpenError::Io(dir.to_path_buf(), e))?;
        // A store this very process just dropped lets go a few milliseconds later.
        for _ in 0..10 {
            // SAFETY: flock on a descriptor this function owns.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(Lock(file));
            }
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        Err(OpenError::Locked(dir.to_path_buf()))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // SAFETY: unlocking the descriptor locked in `take`.
        unsafe {
            libc::flock(self.0.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_close_seals_the_database_and_any_change_to_its_files_breaks_the_seal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        drop(crate::store::Store::open(&path, crate::io::shipped).unwrap());
        assert!(seal::holds(&path));
        // Written to: the seal no longer vouches (as when killed now); closed: it does again.
        let store = crate::store::Store::open(&path, crate::model::Dataset::empty).unwrap();
        let change = crate::model::Change::SetObjective {
            objective: "05_1201_0601".into(),
            field: crate::model::ObjectiveField::Status,
            value: crate::model::Value::OptText(Some("Sospeso".into())),
        };
        store
            .apply_at("05_1201_0601", &[change], "t", None)
            .unwrap();
        assert!(!seal::holds(&path));
        drop(store);
        assert!(seal::holds(&path));
        // A byte changed in sled's log: not the file that was sealed.
        let log = path.join("db");
        let mut bytes = std::fs::read(&log).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&log, &bytes).unwrap();
        assert!(!seal::holds(&path));
    }
}
