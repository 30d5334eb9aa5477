//! What every connection of a server shares: the store, the roles, the lock
//! that orders writes, the plan's epoch and the fair-sharing budgets; and
//! the plans its connections work on (GUIDE §10), each opened once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::service::ServiceError;

use super::fair;
use super::log::{Log, Who};
use super::roles::Roles;
use crate::store::Store;

/// The plan a connection works on: its store and its epoch.
#[derive(Clone)]
pub struct Seat {
    pub store: Arc<Store>,
    pub epoch: Arc<AtomicU64>,
}

/// What every connection shares.
pub struct Shared {
    /// The database as the server opened it, on the default plan of then.
    pub store: Arc<Store>,
    /// Every plan a connection has asked for, by id, the one above included.
    seats: Mutex<HashMap<u64, Seat>>,
    pub roles: Roles,
    /// Writes exclusive, reads shared: see `Store::changes_since`.
    lock: RwLock<()>,
    /// Clients holding another epoch read the whole plan again (see `service::Loaded`).
    pub(super) epoch: Arc<AtomicU64>,
    pub limits: fair::Limits,
    pub(super) admission: Arc<fair::Admission>,
    pub(super) lines: fair::LineBudget,
    /// Numbers the connections, which a chunked import is bound to.
    connections: AtomicU64,
    /// What the server says of connections, refusals and changes.
    pub(super) log: Log,
}

impl Shared {
    pub fn new(store: Store, roles: Roles) -> Shared {
        let store = Arc::new(store);
        let epoch = Arc::new(AtomicU64::new(first_epoch()));
        let seat = Seat {
            store: Arc::clone(&store),
            epoch: Arc::clone(&epoch),
        };
        Shared {
            seats: Mutex::new(HashMap::from([(store.plan_id(), seat)])),
            store,
            roles,
            lock: RwLock::new(()),
            epoch,
            limits: fair::Limits::from_env(),
            admission: Arc::default(),
            lines: fair::LineBudget::default(),
            connections: AtomicU64::new(1),
            log: Log::silent(),
        }
    }

    /// The plan titled `title` (the database's default now when `None`),
    /// opened at its first connection; refused naming the plans there are.
    pub fn seat(&self, title: Option<&str>) -> Result<Seat, ServiceError> {
        let mut seats = self.seats.lock().unwrap_or_else(|e| e.into_inner());
        let id = self.store.plan_id_of(title)?;
        if let Some(seat) = seats.get(&id) {
            return Ok(seat.clone());
        }
        let seat = Seat {
            store: self.store.open_beside(title)?,
            epoch: Arc::new(AtomicU64::new(first_epoch())),
        };
        seats.insert(id, seat.clone());
        Ok(seat)
    }

    /// The same, saying what happens to `log`.
    pub fn logging(self, log: Log) -> Shared {
        Shared { log, ..self }
    }

    /// `user`, their role and the title of the plan `seat` (none before
    /// the `hello` gave one), for the log; read only when there is a log.
    pub(super) fn who(&self, user: &str, seat: Option<&Seat>) -> Who {
        let plan = seat.filter(|_| !self.log.is_silent());
        Who {
            user: user.to_string(),
            role: self.roles.role(user),
            plan: plan.and_then(|s| s.store.plan().ok()).map(|p| p.title),
        }
    }

    pub(super) fn new_connection(&self) -> u64 {
        self.connections.fetch_add(1, Ordering::SeqCst)
    }

    /// After a restore of several plans: the sessions on each plan read it
    /// again, not only those on the plan of the connection that restored.
    pub(super) fn reload_every_plan(&self) {
        let seats = self.seats.lock().unwrap_or_else(|e| e.into_inner());
        for seat in seats.values() {
            seat.epoch.fetch_add(1, Ordering::SeqCst);
        }
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    // A thread that panicked holding the lock left no half-done write (sled's
    // transactions are atomic), so a poisoned lock is still good to use.
    pub(super) fn writing(&self) -> RwLockWriteGuard<'_, ()> {
        self.lock.write().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn reading(&self) -> RwLockReadGuard<'_, ()> {
        self.lock.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// Different at every start: clients of a previous run reload.
fn first_epoch() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
}
