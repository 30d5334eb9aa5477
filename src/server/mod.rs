//! `obiettivi serve`: one process owns the database and serves the people
//! logged in on the same machine over a Unix socket, `<db>.sock`, so several
//! can work at once (sled lets one process own a database).
//!
//! - `protocol`: the JSON lines spoken on the socket;
//! - `listen`: the socket file; `peer`: who connected (from the kernel);
//! - `roles`: who may change what; `guard`: every request checked against
//!   them, then answered by the service's one dispatcher; `session`: one connection;
//! - `log`: what the server says on stderr (connections, refusals, changes);
//!   `shared`: what every connection shares (the store, the roles, the write lock);
//! - `client`: the other end, a `service::Transport` used by the TUI and the
//!   CLI (`connect` chooses between it and the database opened directly).
//!
//! One thread per connection: a municipality's officers are tens, not thousands.

pub mod client;
pub mod connect;
pub mod cost;
pub mod fair;
mod guard;
mod intake;
pub mod listen;
pub mod log;
pub mod peer;
pub mod protocol;
pub mod roles;
mod session;
mod shared;

use std::os::unix::net::UnixListener;
use std::path::Path;
use std::sync::Arc;

use crate::i18n::tr;
use crate::model::Dataset;
use crate::store::Store;
use roles::Roles;
pub use shared::Shared;

/// Runs the server for the database at `db` until the process is stopped.
/// `log`: what to say of connections, refusals and changes (`Log::silent()`: nothing).
pub fn serve(
    db: &Path,
    config: Option<&Path>,
    log: log::Log,
    initial: impl FnOnce() -> Dataset,
) -> Result<(), String> {
    let owner = peer::who();
    let (config_path, required) = roles::config_path(config, db);
    let roles = Roles::load(&owner, &config_path, required)?;
    let socket = listen::socket_path(db);
    listen::take_over(&socket)?;
    let store = Store::open(db, initial).map_err(|e| e.to_string())?;
    let listener = listen::bind(&socket, roles.group())?;
    if let Some(gid) = roles.group().and_then(peer::group_id) {
        share_with_group(db, gid).map_err(|e| format!("{}: {e}", db.display()))?;
    }
    log::say(&format!(
        "obiettivi serve: {} {} · {} {}{}",
        tr("in ascolto su", "listening on"),
        socket.display(),
        tr("ruoli da", "roles from"),
        config_path.display(),
        if roles.has_config() {
            ""
        } else {
            tr(
                " (assente: modifica solo chi ha avviato il server)",
                " (missing: only who started the server edits)",
            )
        }
    ));
    return_large_buffers_to_the_system();
    let shared = Arc::new(Shared::new(store, roles).logging(log));
    stop_on_signals(Arc::clone(&shared), socket.clone())?;
    accept(&listener, &shared);
    Ok(())
}

/// Request lines of a few MB, read by many threads, would otherwise stay in
/// glibc's per-thread arenas once freed (its mmap threshold rises after the
/// first large free): measured, 32 connections sending 32 MB lines left the
/// server at 95 MB. With large buffers always mmapped, each goes back when freed.
fn return_large_buffers_to_the_system() {
    #[cfg(target_env = "gnu")]
    // SAFETY: mallopt only sets a tunable of the allocator; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// The service's group reads the database and its snapshots (an operator's
/// backups), nobody else: directories 0750, files 0640.
fn share_with_group(db: &Path, gid: u32) -> std::io::Result<()> {
    let access = crate::files::Access::Group(gid);
    access.apply_tree(db)?;
    let snapshots = crate::io::snapshot::directory(db);
    if snapshots.is_dir() {
        access.apply_tree(&snapshots)?;
    }
    Ok(())
}

/// Accepts connections for ever, a thread each.
pub fn accept(listener: &UnixListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let shared = Arc::clone(shared);
                let spawned = std::thread::Builder::new()
                    .name("obiettivi-client".into())
                    .spawn(move || session::serve(&shared, stream));
                if let Err(e) = spawned {
                    log::say(&format!("obiettivi serve: thread: {e}"));
                }
            }
            // A client that went before being accepted, or too many open files: keep serving.
            Err(e) => log::say(&format!("obiettivi serve: accept: {e}")),
        }
    }
}

/// On SIGTERM/SIGINT/SIGHUP: wait for the write in progress, remove the socket, exit.
fn stop_on_signals(shared: Arc<Shared>, socket: std::path::PathBuf) -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
        .map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _held = shared.writing();
            let _ = std::fs::remove_file(&socket);
            std::process::exit(0);
        }
    });
    Ok(())
}
