//! Where the default database lives (GUIDE §3).
//!
//! Written out rather than taken from the `directories` crate: the GUIDE fixes
//! the Linux XDG path exactly, and that crate follows other conventions on
//! other systems.

use std::path::{Path, PathBuf};

fn non_empty_env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// `$OBIETTIVI_DB`, else `$XDG_DATA_HOME/obiettivi/db`, else `~/.local/share/obiettivi/db`.
pub fn default_db_path() -> Result<PathBuf, String> {
    if let Some(p) = non_empty_env("OBIETTIVI_DB") {
        return Ok(PathBuf::from(p));
    }
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if let Some(xdg) = non_empty_env("XDG_DATA_HOME").filter(|p| p.starts_with('/')) {
        return Ok(PathBuf::from(xdg).join("obiettivi").join("db"));
    }
    match non_empty_env("HOME") {
        Some(home) => Ok(PathBuf::from(home).join(".local/share/obiettivi/db")),
        None => Err(crate::i18n::tr_string(
            "non so dove tenere il database: HOME non è impostata; usa --db PATH o OBIETTIVI_DB",
            "cannot tell where to keep the database: HOME is not set; use --db PATH or OBIETTIVI_DB",
        )),
    }
}

/// Nothing is at `path` yet (an unreadable path is not "missing": opening it
/// says why it cannot be read).
pub fn is_missing(path: &Path) -> bool {
    matches!(std::fs::symlink_metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}
