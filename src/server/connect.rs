//! The one place that chooses: through the server when `<db>.sock` answers,
//! otherwise the database opened directly, as a single user always did.

use std::path::{Path, PathBuf};

use super::client::{Client, ConnectError};
use super::listen::{socket_path, trusted};
use crate::i18n::tr;
use crate::io::snapshot;
use crate::model::{Change, Dataset, Objective};
use crate::store::{AuditEntry, ImportReport, Review, SnapshotInfo, Store, StoreError};
use crate::tui::backend::{LocalStore, PlanBackend};

/// The database, however it is reached. Same method names as `Store`, so the
/// commands read the same either way.
pub enum Db {
    Local(Store),
    Remote { client: Client, path: PathBuf },
}

/// Connects to the server of the database at `db`, or opens the database.
pub fn connect_or_open(db: &Path, initial: impl FnOnce() -> Dataset) -> Result<Db, String> {
    let socket = socket_path(db);
    // A socket that cannot be the database owner's server is not spoken to.
    let connected = if trusted(&socket, db) {
        Client::connect(&socket)
    } else {
        Err(ConnectError::NoServer)
    };
    match connected {
        Ok(client) => Ok(Db::Remote {
            client,
            path: db.to_path_buf(),
        }),
        Err(ConnectError::Refused(why)) => Err(why),
        Err(ConnectError::NoServer) => Store::open(db, initial).map(Db::Local).map_err(|e| {
            // A socket without a server: the likelier story is a server that stopped.
            if socket_path(db).exists() {
                format!(
                    "{e}. {} {}",
                    tr(
                        "Nessun server risponde su",
                        "No server answers on"
                    ),
                    socket_path(db).display()
                ) + tr(
                    ": il server obiettivi (obiettivi serve) è forse fermo; avvisa chi lo gestisce.",
                    ": the obiettivi server (obiettivi serve) may be stopped; tell whoever runs it.",
                )
            } else {
                e.to_string()
            }
        }),
    }
}

impl Db {
    pub fn path(&self) -> &Path {
        match self {
            Db::Local(store) => store.path(),
            Db::Remote { path, .. } => path,
        }
    }

    pub fn load(&self) -> Result<Dataset, StoreError> {
        match self {
            Db::Local(store) => store.load(),
            Db::Remote { client, .. } => client.load_versioned().map(|(d, _, _)| d),
        }
    }

    pub fn objective(&self, code: &str) -> Result<Option<Objective>, StoreError> {
        match self {
            Db::Local(store) => store.objective(code),
            Db::Remote { client, .. } => Ok(client.versioned(code)?.map(|v| v.objective)),
        }
    }

    /// `who` is for the local store; the server records who the socket says.
    pub fn apply(
        &self,
        code: &str,
        changes: &[Change],
        who: &str,
    ) -> Result<Objective, StoreError> {
        match self {
            Db::Local(store) => store.apply(code, changes, who),
            Db::Remote { client, .. } => client.apply_at(code, changes, None).map(|v| v.objective),
        }
    }

    pub fn history(&self, code: Option<&str>) -> Result<Vec<AuditEntry>, StoreError> {
        match self {
            Db::Local(store) => store.history(code),
            Db::Remote { client, .. } => client.history_of(code),
        }
    }

    pub fn plan_import(&self, incoming: &Dataset) -> Result<ImportReport, StoreError> {
        match self {
            Db::Local(store) => store.plan_import(incoming),
            Db::Remote { client, .. } => client.plan_import(incoming),
        }
    }

    pub fn import(&self, incoming: &Dataset, who: &str) -> Result<ImportReport, StoreError> {
        match self {
            Db::Local(store) => store.import(incoming, who),
            Db::Remote { client, .. } => client.import(incoming),
        }
    }

    pub fn replace(&self, incoming: &Dataset, who: &str) -> Result<ImportReport, StoreError> {
        match self {
            Db::Local(store) => store.replace(incoming, who),
            Db::Remote { client, .. } => client.replace(incoming),
        }
    }

    /// A JSON snapshot in `<db>.snapshots/` (written by the server when there is
    /// one: its user owns that directory), and where it went.
    pub fn snapshot(&self, reason: &str) -> Result<PathBuf, String> {
        match self {
            Db::Local(store) => store
                .load()
                .map_err(|e| e.to_string())
                .and_then(|d| snapshot::save(store.path(), &d, reason).map_err(|e| e.to_string())),
            Db::Remote { client, .. } => client.snapshot(reason).map_err(|e| e.to_string()),
        }
    }

    /// Monitoring snapshots (kept in the database) and reviews: the store's, or the server's.
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        match self {
            Db::Local(store) => store.snapshots(),
            Db::Remote { client, .. } => client.snapshot_list(),
        }
    }

    pub fn snapshot_plan(&self, name: &str) -> Result<Dataset, StoreError> {
        match self {
            Db::Local(store) => store.snapshot(name),
            Db::Remote { client, .. } => client.snapshot_plan(name),
        }
    }

    pub fn create_snapshot(&self, name: &str, who: &str) -> Result<SnapshotInfo, StoreError> {
        match self {
            Db::Local(store) => store.create_snapshot(name, who),
            Db::Remote { client, .. } => client.snapshot_create(name),
        }
    }

    pub fn delete_snapshot(&self, name: &str) -> Result<(), StoreError> {
        match self {
            Db::Local(store) => store.delete_snapshot(name),
            Db::Remote { client, .. } => client.snapshot_delete(name),
        }
    }

    pub fn reviews(&self) -> Result<Vec<Review>, StoreError> {
        match self {
            Db::Local(store) => store.reviews(),
            Db::Remote { client, .. } => client.review_list(),
        }
    }

    pub fn review(&self, id: u64) -> Result<Review, StoreError> {
        match self {
            Db::Local(store) => store.review(id),
            Db::Remote { client, .. } => client.review_get(id),
        }
    }

    /// What the TUI works on.
    pub fn into_backend(self, who: String) -> Box<dyn PlanBackend> {
        match self {
            Db::Local(store) => Box::new(LocalStore { store, who }),
            Db::Remote { client, .. } => Box::new(client),
        }
    }
}
