//! The socket: where it is (beside the database, or in a short place when
//! that path is too long for a socket), and taking it over only when no
//! server answers on it.

use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use crate::tr_format;

/// The longest path a socket address holds (`sun_path`, 108 bytes with its NUL).
const SOCKET_PATH_MAX: usize = 107;

/// Where a server started by an administrator's unit keeps sockets
/// (systemd's `RuntimeDirectory=obiettivi`), used when it exists.
const RUN_DIR: &str = "/run/obiettivi";

/// `<db path>.sock` beside the database when that fits in a socket address;
/// otherwise a name made from the database's absolute path, in `/run/obiettivi`
/// when it exists, else in `/tmp/obiettivi-<uid of the database's owner>`.
/// Clients work it out the same way, whoever they are: `$XDG_RUNTIME_DIR`
/// would not do, it is the server's user's alone.
pub fn socket_path(db: &Path) -> PathBuf {
    let beside = beside(db);
    if beside.as_os_str().len() <= SOCKET_PATH_MAX {
        return beside;
    }
    short_directory(db).join(format!("{:016x}.sock", fnv1a(&absolute(db))))
}

fn beside(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".sock");
    PathBuf::from(name)
}

fn short_directory(db: &Path) -> PathBuf {
    if Path::new(RUN_DIR).is_dir() {
        PathBuf::from(RUN_DIR)
    } else {
        PathBuf::from(format!("/tmp/obiettivi-{}", owner(db)))
    }
}

/// Whether a socket found at `socket` may be the server of `db`. Beside the
/// database, the database's directory says who could put it there; in a
/// short directory, the socket and its directory must be the database
/// owner's (a shared `/run` directory may be root's), or another user could
/// have put a server of his own there to collect what clients send.
pub fn trusted(socket: &Path, db: &Path) -> bool {
    if socket == beside(db) {
        return true;
    }
    let owner = owner(db);
    let dir_ok = socket
        .parent()
        .and_then(|d| std::fs::metadata(d).ok())
        .is_some_and(|m| (m.uid() == owner || m.uid() == 0) && m.mode() & 0o022 == 0);
    let socket_ok = match std::fs::symlink_metadata(socket) {
        Ok(m) => m.uid() == owner && m.file_type().is_socket(),
        // Nothing there: connecting finds no server, as it should.
        Err(_) => true,
    };
    dir_ok && socket_ok
}

/// Who owns the database: the server runs as that user. A database not
/// created yet will be this process's.
fn owner(db: &Path) -> u32 {
    std::fs::metadata(db)
        .map(|m| m.uid())
        .unwrap_or_else(|_| nix::unistd::geteuid().as_raw())
}

/// The database's path with its directory resolved, the same before the
/// database exists (the server is starting) and after.
fn absolute(db: &Path) -> PathBuf {
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// FNV-1a: a hash that is the same in every process and every version, unlike std's.
fn fnv1a(path: &Path) -> u64 {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Creates the short directory a socket goes in (others may pass through it
/// to reach the socket, not list it), and refuses one that is not ours alone.
fn prepare_directory(socket: &Path) -> Result<(), String> {
    let Some(dir) = socket.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    let at = |e: std::io::Error| format!("{}: {e}", dir.display());
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .mode(0o711)
            .create(dir)
            .map_err(at)?;
        // Whatever the umask.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711)).map_err(at)?;
    }
    let meta = std::fs::symlink_metadata(dir).map_err(at)?;
    let me = nix::unistd::geteuid().as_raw();
    let ours = meta.is_dir() && meta.uid() == me && meta.mode() & 0o022 == 0;
    let in_tmp = dir.parent() == Some(Path::new("/tmp"))
        && dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("obiettivi-"));
    if in_tmp && !ours {
        return Err(tr_format!(
            "{} non è una cartella solo tua: il socket non va lì; usa un --db più corto",
            "{} is not a directory of yours alone: the socket does not go there; use a shorter --db",
            dir.display()
        ));
    }
    Ok(())
}

/// Refuses when a server answers on `path`; removes a socket file left by a
/// server that died (nothing answers); leaves alone anything that is not a socket.
pub fn take_over(path: &Path) -> Result<(), String> {
    prepare_directory(path)?;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("{}: {}", path.display(), crate::i18n::os_error(&e))),
    };
    if !meta.file_type().is_socket() {
        return Err(tr_format!(
            "{} esiste e non è un socket: non lo tocco; spostalo o usa un altro --db",
            "{} exists and is not a socket: left alone; move it or use another --db",
            path.display()
        ));
    }
    match UnixStream::connect(path) {
        Ok(_) => Err(tr_format!(
            "un altro server risponde già su {}",
            "another server already answers on {}",
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
            tr_format!(
                "il gruppo «{name}» non esiste (group nel file dei ruoli)",
                "group «{name}» does not exist (group in the roles file)"
            )
        })?;
        std::os::unix::fs::chown(path, None, Some(gid)).map_err(at)?;
    }
    Ok(listener)
}
