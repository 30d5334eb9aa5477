//! The socket `<db>.sock`: where it is, and taking it over only when no server answers on it.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use crate::i18n::tr;

/// `<db path>.sock`, beside the database.
pub fn socket_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".sock");
    PathBuf::from(name)
}

/// Refuses when a server answers on `path`; removes a socket file left by a
/// server that died (nothing answers); leaves alone anything that is not a socket.
pub fn take_over(path: &Path) -> Result<(), String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("{}: {}", path.display(), crate::i18n::os_error(&e))),
    };
    if !meta.file_type().is_socket() {
        return Err(format!(
            "{} {}",
            path.display(),
            tr(
                "esiste e non è un socket: non lo tocco; spostalo o usa un altro --db",
                "exists and is not a socket: left alone; move it or use another --db"
            )
        ));
    }
    match UnixStream::connect(path) {
        Ok(_) => Err(format!(
            "{} {}",
            tr(
                "un altro server risponde già su",
                "another server already answers on"
            ),
            path.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => std::fs::remove_file(path)
            .map_err(|e| format!("{}: {}", path.display(), crate::i18n::os_error(&e))),
        Err(e) => Err(format!("{}: {}", path.display(), crate::i18n::os_error(&e))),
    }
}

/// Listens on `path`, readable and writable by owner and group only (0660), in
/// `group` when given: the group is who may reach the server at all.
pub fn bind(path: &Path, group: Option<&str>) -> Result<UnixListener, String> {
    let at = |e: std::io::Error| format!("{}: {}", path.display(), crate::i18n::os_error(&e));
    let listener = UnixListener::bind(path).map_err(at)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660)).map_err(at)?;
    if let Some(name) = group {
        let gid = super::peer::group_id(name).ok_or_else(|| {
            format!(
                "{} «{name}» {}",
                tr("il gruppo", "group"),
                tr(
                    "non esiste (group nel file dei ruoli)",
                    "does not exist (group in the roles file)"
                )
            )
        })?;
        std::os::unix::fs::chown(path, None, Some(gid)).map_err(at)?;
    }
    Ok(listener)
}
