//! `obiettivi serve`: one process owns the database and serves the people
//! logged in on the same machine over a Unix socket, `<db>.sock`, so several
//! can work at once (sled lets one process own a database).
//!
//! - `protocol`: the JSON lines spoken on the socket;
//! - `listen`: the socket file; `peer`: who connected (from the kernel);
//! - `roles`: who may change what; `guard`: every request checked against
//!   them, then answered by the service's one dispatcher; `session`: one connection;
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
pub mod peer;
pub mod protocol;
pub mod roles;
mod session;

use std::os::unix::net::UnixListener;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::i18n::tr;
use crate::model::Dataset;
use crate::store::Store;
use roles::Roles;

/// What every connection shares.
pub struct Shared {
    pub store: Arc<Store>,
    pub roles: Roles,
    /// Writes exclusive, reads shared: see `Store::changes_since`.
    lock: RwLock<()>,
    /// Clients holding another epoch read the whole plan again (see `service::Loaded`).
    epoch: Arc<AtomicU64>,
    pub limits: fair::Limits,
    admission: Arc<fair::Admission>,
    lines: fair::LineBudget,
    /// Numbers the connections, which a chunked import is bound to.
    connections: AtomicU64,
}

impl Shared {
    pub fn new(store: Store, roles: Roles) -> Shared {
        Shared {
            store: Arc::new(store),
            roles,
            lock: RwLock::new(()),
            // Different at every start: clients of a previous run reload.
            epoch: Arc::new(AtomicU64::new(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64),
            )),
            limits: fair::Limits::from_env(),
            admission: Arc::default(),
            lines: fair::LineBudget::default(),
            connections: AtomicU64::new(1),
        }
    }

    fn new_connection(&self) -> u64 {
        self.connections.fetch_add(1, Ordering::SeqCst)
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    // A thread that panicked holding the lock left no half-done write (sled's
    // transactions are atomic), so a poisoned lock is still good to use.
    fn writing(&self) -> RwLockWriteGuard<'_, ()> {
        self.lock.write().unwrap_or_else(|e| e.into_inner())
    }

    fn reading(&self) -> RwLockReadGuard<'_, ()> {
        self.lock.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs the server for the database at `db` until the process is stopped.
pub fn serve(
    db: &Path,
    config: Option<&Path>,
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
    eprintln!(
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
    );
    return_large_buffers_to_the_system();
    let shared = Arc::new(Shared::new(store, roles));
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
                    eprintln!("obiettivi serve: thread: {e}");
                }
            }
            // A client that went before being accepted, or too many open files: keep serving.
            Err(e) => eprintln!("obiettivi serve: accept: {e}"),
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
