//! Interchange formats: JSON `obiettivi/2` (and /1 read), Scheda Obiettivi text extracts (import), CSV.

pub mod csv;
pub mod history;
pub mod json;
pub mod report;
pub mod scheda;
pub mod snapshot;

use crate::model::Dataset;

/// The shipped DUP 2026-2028 dataset of the Welfare department, embedded in the binary.
pub const SHIPPED_JSON: &str = include_str!("../../data/dup_2026_2028.json");

/// The shipped dataset, parsed. A test guarantees it parses and validates.
pub fn shipped() -> Dataset {
    json::parse(SHIPPED_JSON).unwrap_or_else(|e| panic!("the embedded dataset is invalid: {e}"))
}

/// Writes `bytes` to `path` so that a reader sees either the old file or the new
/// one, never half of it: write a temporary file beside it, sync, rename.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    // Only a regular file is replaced by a rename. `-o /dev/null`, a FIFO or a
    // terminal is written to as it is (renaming over it would replace the
    // device with a file, and as root that breaks the machine), and a symbolic
    // link is written through, so the link stays.
    let path = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return f.write_all(bytes).and_then(|_| f.flush());
        }
        Ok(_) => std::fs::canonicalize(path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    let mut tmp_name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
