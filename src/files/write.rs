//! Replacing a file so that a reader sees the old one or the new one, never
//! half, and so that nobody else can slip a file or a link in between: the
//! bytes go to a temporary file created exclusively (`O_EXCL`, a random name,
//! mode 0600: it never follows a link planted at its name) beside the target,
//! are synced, and the temporary file is renamed over the target.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::Access;

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
    // Only a regular file is replaced by a rename. `-o /dev/null`, a FIFO or a
    // terminal is written to as it is (renaming over it would replace the
    // device with a file, and as root that breaks the machine), and a symbolic
    // link the user named is written through, so the link stays.
    let (target, mode) = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return f.write_all(bytes).and_then(|_| f.flush());
        }
        Ok(m) => (
            std::fs::canonicalize(path)?,
            m.permissions().mode() & 0o7777,
        ),
        // A dangling link is replaced by the file, not followed.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (path.to_path_buf(), 0o600),
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
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename is durable once the directory is synced.
    std::fs::File::open(&dir).and_then(|d| d.sync_all())
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
