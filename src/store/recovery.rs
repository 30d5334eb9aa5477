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
) -> Result<T, OpenError> {
    let _lock = Lock::take(dir)?;
    remove_unfinished_snapshots(dir)?;
    on_a_copy(dir, check)
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
struct Lock(std::fs::File);

impl Lock {
    fn take(dir: &Path) -> Result<Lock, OpenError> {
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
