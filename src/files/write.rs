//! Replacing a file so that a reader sees the old one or the new one, never
//! half, and so that nobody else can slip a file or a link in between: the
//! bytes go to a temporary file created exclusively (`O_EXCL`, a random name,
//! mode 0600: it never follows a link planted at its name) beside the target,
//! are synced, and the temporary file is renamed over the target. A link at
//! the target's name that another user planted in a directory others may
//! write is refused, not followed.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::access::Access;
use crate::tr_format;

/// Writes `bytes` to `path` (`-o FILE`). A new file is readable by its owner
/// only; a file replaced keeps its mode (someone chose it).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, None)
}

/// Writes `bytes` to `path` with `access`, whatever the file had (snapshots, backups beside the database).
pub fn write_with_access(path: &Path, bytes: &[u8], access: Access) -> std::io::Result<()> {
    write_file(path, bytes, Some(access))
}

fn write_file(path: &Path, bytes: &[u8], access: Option<Access>) -> std::io::Result<()> {
    // The name itself first (never through a link): what is there decides.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            refuse_a_planted_link(path, &m)?;
            // A link of the user's own is written through, so the link stays;
            // a dangling one is replaced by the file, not followed.
            match std::fs::canonicalize(path) {
                Ok(target) => target,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
                Err(e) => return Err(e),
            }
        }
        Ok(_) => path.to_path_buf(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    // Only a regular file is replaced by a rename. `-o /dev/null`, a FIFO or a
    // terminal is written to as it is (renaming over it would replace the
    // device with a file, and as root that breaks the machine) — opened with
    // O_NOFOLLOW, so a link swapped in since is not followed either.
    let mode = match std::fs::symlink_metadata(&target) {
        Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
        Ok(m) if m.file_type().is_symlink() => 0o600,
        Ok(_) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&target)?;
            return f.write_all(bytes).and_then(|_| f.flush());
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0o600,
        Err(e) => return Err(e),
    };
    let dir = parent(&target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    match access {
        Some(access) => access.apply(tmp.path())?,
        None => tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?,
    }
    tmp.as_file().sync_all()?;
    // A rename replaces the name: whatever is there by now, a link included, is not followed.
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename is durable once the directory is synced.
    std::fs::File::open(&dir).and_then(|d| d.sync_all())
}

/// Refuses the link `path` (its metadata `link`) when another user planted it
/// in a directory others may write (GUIDE §7): following it would replace
/// whatever file of ours that user pointed it at. Root's links are trusted.
fn refuse_a_planted_link(path: &Path, link: &std::fs::Metadata) -> std::io::Result<()> {
    let me = nix::unistd::geteuid().as_raw();
    if link.uid() == me || link.uid() == 0 {
        return Ok(());
    }
    let dir = std::fs::metadata(parent(path))?;
    let others_may_write = dir.uid() != me || dir.mode() & 0o022 != 0;
    if !others_may_write {
        return Ok(());
    }
    let owner = nix::unistd::User::from_uid(link.uid().into())
        .ok()
        .flatten()
        .map_or_else(|| link.uid().to_string(), |u| u.name);
    Err(std::io::Error::other(tr_format!(
        "è un collegamento simbolico dell'utente «{owner}» in una cartella in cui altri possono scrivere: non viene seguito; indica un altro file",
        "is a symbolic link of the user «{owner}» in a directory others may write: it is not followed; give another file"
    )))
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_the_owners_and_a_replaced_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.json");
        write_atomically(&file, b"one").unwrap();
        let mode = || std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(), 0o600);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&file, b"two").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        assert_eq!(mode(), 0o644);
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
