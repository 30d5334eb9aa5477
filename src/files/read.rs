//! Reading what a user hands in (`import FILE`, `restore FILE`, `set --year1 -`)
//! and the settings read at start (the TUI's config, the server's roles)
//! with a bound: a named pipe, a device or `/dev/zero` is refused instead of
//! waited on or read until the machine runs out of memory (GUIDE §7, sizes).

use std::fmt;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::i18n::tr;

/// The most a file or stdin handed in may hold: a whole plan of a large
/// municipality is a few MiB of JSON; this is several times that.
pub const MAX_INPUT_BYTES: u64 = 32 << 20;

/// The most a settings file may hold: a roles file of a thousand users is
/// tens of KiB.
pub const MAX_SETTINGS_BYTES: u64 = 1 << 20;

#[derive(Debug)]
pub enum ReadError {
    /// A pipe, a device: not something that ends.
    NotAFile,
    /// Over this many bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAFile => f.write_str(tr(
                "non è un file normale (una pipe, un dispositivo): indica un file",
                "is not a regular file (a pipe, a device): give a file",
            )),
            ReadError::TooLarge(limit) => write!(
                f,
                "{} {} MiB",
                tr("supera il limite di", "is over the limit of"),
                limit >> 20
            ),
            ReadError::Io(e) => f.write_str(&crate::i18n::os_error(e)),
        }
    }
}

/// The bytes of the regular file at `path`, at most [`MAX_INPUT_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_regular(path, MAX_INPUT_BYTES)
}

/// The text of the settings file at `path`, at most [`MAX_SETTINGS_BYTES`]:
/// a FIFO would hang the start, a link to `/dev/zero` would never end.
pub fn read_settings(path: &Path) -> Result<String, ReadError> {
    let bytes = read_regular(path, MAX_SETTINGS_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path)?;
    if len > limit {
        return Err(ReadError::TooLarge(limit));
    }
    read_at_most(file, limit)
}

/// The regular file at `path`, open for reading, and its length: refused
/// when it is a pipe or a device (what is read in a streaming pass, as a
/// large JSON plan is, has no size bound but its own length).
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    // The type is checked on what was opened, so a swap after a check cannot fool it.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    // A directory is said so, in the user's language, as reading it would.
    if meta.is_dir() {
        return Err(ReadError::Io(std::io::Error::from_raw_os_error(
            libc::EISDIR,
        )));
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok((file, meta.len()))
}

/// All of `reader`, refused once it passes [`MAX_INPUT_BYTES`] (stdin may be endless).
pub fn read_bounded(reader: impl Read) -> Result<Vec<u8>, ReadError> {
    read_at_most(reader, MAX_INPUT_BYTES)
}

fn read_at_most(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_endless_input_are_refused() {
        assert!(matches!(
            read_file(Path::new("/dev/zero")),
            Err(ReadError::NotAFile)
        ));
        assert!(matches!(
            read_file(Path::new("/")),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::IsADirectory
        ));
        let endless = std::io::repeat(b'x');
        assert!(matches!(read_bounded(endless), Err(ReadError::TooLarge(_))));
        assert_eq!(read_bounded(&b"abc"[..]).unwrap(), b"abc");
    }
}
