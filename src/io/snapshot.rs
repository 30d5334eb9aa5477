//! JSON snapshots of a whole database, kept beside it in `<db>.snapshots/`
//! (before every import that changes something).

use std::path::{Path, PathBuf};

use super::json;
use crate::files::{Access, write_with_access};
use crate::model::Dataset;

/// The directory snapshots of the database at `db` go to.
pub fn directory(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "db".into());
    name.push(".snapshots");
    db.with_file_name(name)
}

/// Writes `dataset` as `<db>.snapshots/<local time>-<reason>.json` and returns the path.
pub fn save(db: &Path, dataset: &Dataset, reason: &str) -> std::io::Result<PathBuf> {
    save_text(db, &json::to_string(dataset), reason)
}

/// Writes `text` (a plan, or a backup of several: `io::backup`) so.
pub fn save_text(db: &Path, text: &str, reason: &str) -> std::io::Result<PathBuf> {
    let dir = directory(db);
    // As private as the database they copy, whatever the umask.
    let access = Access::of(db);
    std::fs::create_dir_all(&dir)?;
    access.apply(&dir)?;
    let stamp = chrono::Local::now().format("%Y-%m-%dT%H-%M-%S%.3f");
    let path = dir.join(format!("{stamp}-{reason}.json"));
    write_with_access(&path, text.as_bytes(), access)?;
    Ok(path)
}

/// The snapshots of the database at `db`, oldest first (names start with the time), with their size.
pub fn list(db: &Path) -> std::io::Result<Vec<(PathBuf, u64)>> {
    let dir = directory(db);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push((path, entry.metadata()?.len()));
        }
    }
    files.sort();
    Ok(files)
}
