//! Opening (and on first use creating) a database, refusing what is not one of ours.

use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use std::os::unix::fs::DirBuilderExt;

use std::sync::{Arc, Mutex, RwLock};

use super::live::{Live, is_generation_kind};
use super::space::{self, PlanSpace};

use super::{Family, OpenError, SCHEMA_VERSION, ServiceError, Store, recovery, registry};
use crate::files::Access;
use crate::model::Dataset;

/// Files sled keeps in its directory; a non-empty directory without them is not a database.
const SLED_FILES: [&str; 2] = ["conf", "db"];

/// What `check_schema` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Schema {
    /// No database yet: it needs its first contents.
    Blank,
    Current,
    /// Written by an older version: migrated on open.
    Older(u32),
}

impl Store {
    /// Opens the database at `path`. A path that does not exist yet (or an empty
    /// directory) becomes a new database filled with `initial()`. An existing
    /// one is opened on a copy first: found damaged, it has not been written to.
    pub fn open(path: &Path, initial: impl FnOnce() -> Dataset) -> Result<Store, OpenError> {
        Store::open_plan(path, initial, None)
    }

    /// `open`, on the plan titled `plan` (the default one when `None`):
    /// only that plan's trees are opened (GUIDE §10). A title the database
    /// does not hold is refused, naming the plans it does.
    pub fn open_plan(
        path: &Path,
        initial: impl FnOnce() -> Dataset,
        plan: Option<&str>,
    ) -> Result<Store, OpenError> {
        let existed = check_directory(path)?;
        let mut store = if existed {
            recovery::before_opening(path, |copy| Store::open_existing(copy, plan).map(drop))?;
            Store::open_existing(path, plan)?
        } else {
            Store::open_new(path, initial, plan)?
        };
        store.seal_on_close = true;
        Ok(store)
    }

    fn open_existing(path: &Path, plan: Option<&str>) -> Result<Store, OpenError> {
        let corrupt = |e: ServiceError| OpenError::Corrupt(path.to_path_buf(), e.to_string());
        let mut store = Store::open_sled(path, plan)?;
        // On the copy first (see `open`): a migration that fails leaves the database as it was.
        if let Schema::Older(from) = store.check_schema(true)? {
            match from < 6 {
                true => store.migrate(from).map_err(corrupt)?,
                false => store.migrate_phases(from).map_err(corrupt)?,
            }
            // The plan is in plan 1's trees now: the store again, on them.
            let db = sled::Db::clone(&store.db);
            drop(store);
            store = Store::on_sled(path, db, plan)?;
            // The whole plan was written again: as after an import (see `Drop`).
            store.reopen_on_close.store(true, Ordering::SeqCst);
        }
        // Only once it is known to be ours: the trees of schema 5 after a
        // migration, other generations' trees (an import killed before its
        // switch, or the old generation after it).
        super::migrate::drop_legacy(&store.db).map_err(corrupt)?;
        Live::drop_others(&store.db, &store.space, store.live().generation).map_err(corrupt)?;
        // A migration of the phases killed after its switch: the other plans' old trees.
        super::migrate::finish_phases(&store.db, &store.global, &store.registry)
            .map_err(corrupt)?;
        // An import killed after its switch: its history, indexed now.
        store.index_pending_audit().map_err(corrupt)?;
        Ok(store)
    }

    fn open_new(
        path: &Path,
        initial: impl FnOnce() -> Dataset,
        plan: Option<&str>,
    ) -> Result<Store, OpenError> {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)
            .map_err(|e| OpenError::Io(path.to_path_buf(), e))?;
        let store = Store::open_sled(path, None)?;
        if store.check_schema(false)? == Schema::Blank {
            store
                .initialise(&initial())
                .map_err(|e| OpenError::Corrupt(path.to_path_buf(), e.to_string()))?;
        }
        // Its one plan, unless another title was asked for.
        registry::chosen(&store.registry, plan).map_err(|e| open_error_of(path, e))?;
        Ok(store)
    }

    /// sled's files under `path` as a `Store`, readable by whom the directory says
    /// (GUIDE §7: the owner, and the service's group when shared), whatever the umask.
    fn open_sled(path: &Path, plan: Option<&str>) -> Result<Store, OpenError> {
        let secure = || {
            let access = Access::of(path);
            access
                .apply_tree(path)
                .map_err(|e| OpenError::Io(path.to_path_buf(), e))?;
            // Its snapshots are copies of it: a directory loosened (0777) is tightened too.
            let snapshots = crate::io::snapshot::directory(path);
            match std::fs::symlink_metadata(&snapshots) {
                Ok(m) if m.is_dir() => access
                    .apply_tree(&snapshots)
                    .map_err(|e| OpenError::Io(snapshots, e)),
                _ => Ok(()),
            }
        };
        secure()?;
        let store = Store::on_sled(path, sled_at(path)?, plan)?;
        // Opening wrote sled's new snapshot file.
        secure()?;
        Ok(store)
    }

    /// The trees of the plan titled `plan` (the default one when `None`) of
    /// the open database `db` (the only plan's, under the bare names, in a
    /// database of schema 5 or before; plan 1's in a new one). No other
    /// plan's tree is opened.
    fn on_sled(path: &Path, db: sled::Db, plan: Option<&str>) -> Result<Store, OpenError> {
        let registry = db.open_tree(space::REGISTRY);
        let registry = registry.map_err(|e| open_error(path, e))?;
        let id = registry::chosen(&registry, plan).map_err(|e| open_error_of(path, e))?;
        Store::on_plan(path, db, id)
    }

    /// Plan `id`'s trees of the open database `db`, when there is such a
    /// plan; else, as `on_sled` says, the legacy or the first plan's.
    fn on_plan(path: &Path, db: sled::Db, id: Option<u64>) -> Result<Store, OpenError> {
        let corrupt = |e: ServiceError| OpenError::Corrupt(path.to_path_buf(), e.to_string());
        let tree = |name: &str| {
            db.open_tree(name)
                .map(ManuallyDrop::new)
                .map_err(|e| open_error(path, e))
        };
        let global = tree(space::META)?;
        let registry = tree(space::REGISTRY)?;
        let version = global
            .get(b"schema_version")
            .map_err(|e| open_error(path, e))?;
        let versioned = version.is_some();
        // An older schema's database keeps a row a phase until it is migrated.
        let phase_by_phase = version
            .and_then(|v| std::str::from_utf8(&v).ok()?.parse::<u32>().ok())
            .is_some_and(|v| v < super::migrate::PHASE_LISTS);
        let (plan_id, space) = match id {
            Some(id) => (id, PlanSpace::of(id)),
            None if versioned => (1, PlanSpace::legacy()),
            None => (1, PlanSpace::of(1)),
        };
        let plan_tree = |kind: &str| tree(&space.tree(kind));
        let meta = plan_tree("meta")?;
        let generation = Live::in_use(&meta).map_err(corrupt)?;
        let live = Live::open(&db, &space, generation).map_err(|e| open_error(path, e))?;
        Ok(Store {
            path: path.to_path_buf(),
            global,
            registry,
            plan_id,
            meta,
            mandates: plan_tree("mandates")?,
            missions: plan_tree("missions")?,
            audit: plan_tree("audit")?,
            audit_index: plan_tree(super::audit_index::TREE)?,
            snapshots: plan_tree("snapshots")?,
            snapshot_data: plan_tree("snapshot_data")?,
            reviews: plan_tree("reviews")?,
            space,
            live: ManuallyDrop::new(RwLock::new(live)),
            phase_by_phase,
            imports: Mutex::default(),
            db: ManuallyDrop::new(db),
            broken: AtomicBool::new(false),
            seal_on_close: false,
            reopen_on_close: Arc::default(),
            family: Family::Opener,
            beside: Mutex::default(),
        })
    }

    /// Plan `id` of this store's database, opened beside it (GUIDE §10: a
    /// server's connections on several plans, a new plan being written, a
    /// session switching plans). `keep`: the store that opened the
    /// database, kept alive while this one is in use (it seals the
    /// database when the last of them goes).
    pub(super) fn sibling(&self, id: u64, keep: Option<Arc<Store>>) -> Result<Store, ServiceError> {
        let db = sled::Db::clone(&self.db);
        let mut store = Store::on_plan(&self.path, db, Some(id))
            .map_err(|e| ServiceError::Database(e.to_string()))?;
        store.reopen_on_close = Arc::clone(&self.reopen_on_close);
        store.family = Family::Sibling(keep);
        Ok(store)
    }

    /// Refuses a newer schema; without one, a database that `existed` is
    /// damaged, a new one must be blank.
    fn check_schema(&self, existed: bool) -> Result<Schema, OpenError> {
        let path = &self.path;
        match self
            .global
            .get(b"schema_version")
            .map_err(|e| open_error(path, e))?
        {
            Some(bytes) => {
                let found: u32 = std::str::from_utf8(&bytes)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| {
                        OpenError::NotADatabase(path.clone(), "schema_version illeggibile".into())
                    })?;
                if found > SCHEMA_VERSION {
                    return Err(OpenError::NewerVersion {
                        path: path.clone(),
                        found,
                    });
                }
                Ok(match found < SCHEMA_VERSION {
                    true => Schema::Older(found),
                    false => Schema::Current,
                })
            }
            // sled opens a damaged log as an empty database: only a directory that
            // held no database before may be filled, or damage would pass for a fresh start.
            None if existed => {
                self.check_blank()?;
                Err(OpenError::Corrupt(
                    path.clone(),
                    "nessun dato obiettivi leggibile (file di sled presenti ma vuoti o rovinati)"
                        .into(),
                ))
            }
            None => {
                self.check_blank()?;
                Ok(Schema::Blank)
            }
        }
    }

    /// A sled database without our schema key is ours only if nothing else
    /// is in it: no tree but ours (of this version or an older one), all empty.
    fn check_blank(&self) -> Result<(), OpenError> {
        let ours = |name: &[u8]| {
            [space::META, space::REGISTRY, "drafts", "__sled__default"]
                .iter()
                .chain(&space::PLAN_TREES)
                .any(|t| t.as_bytes() == name)
                || is_generation_kind(name)
                || space::plan_of(name).is_some()
        };
        let names = self.db.tree_names();
        let foreign_tree = names.iter().find(|n| !ours(n));
        let not_empty = !self.db.is_empty()
            || names
                .iter()
                .any(|n| self.db.open_tree(n).map_or(true, |t| !t.is_empty()));
        if foreign_tree.is_some() || not_empty {
            return Err(OpenError::NotADatabase(
                self.path.clone(),
                "database sled senza versione di schema obiettivi".into(),
            ));
        }
        Ok(())
    }

    /// Fills a new database and writes the schema version, all in one transaction.
    fn initialise(&self, initial: &Dataset) -> Result<(), ServiceError> {
        self.write_dataset(initial, "obiettivi", super::WriteMode::NewDatabase)?;
        self.db.flush()?;
        Ok(())
    }
}

/// Refuses a path that is a file, or a directory holding files that are not sled's.
/// Returns whether a database (sled's files) is already there.
fn check_directory(path: &Path) -> Result<bool, OpenError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(OpenError::Io(path.to_path_buf(), e)),
    };
    if !meta.is_dir() {
        return Err(OpenError::NotADatabase(
            path.to_path_buf(),
            "è un file, non una cartella".into(),
        ));
    }
    let entries: Vec<String> = std::fs::read_dir(path)
        .map_err(|e| OpenError::Io(path.to_path_buf(), e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if !entries.is_empty() && !SLED_FILES.iter().all(|f| entries.iter().any(|e| e == f)) {
        return Err(OpenError::NotADatabase(
            path.to_path_buf(),
            format!(
                "contiene altri file, es. {}",
                entries.iter().min().map_or("", |s| s.as_str())
            ),
        ));
    }
    Ok(!entries.is_empty())
}

/// The bytes of log sled keeps as pages in memory. It does keep to it now
/// (vendor/sled/README.md: its LRU counted a page read only 16 384 reads
/// later, so a plan of 10 000 objectives was never evicted at all). 16 MB:
/// a session at 10 000 × 10 peaks at about 56 MB (target 64), against 79
/// with 64 MB; the import, `check` and `set` read each page about once and
/// take the same time (docs/PERFORMANCE.md, "The session's memory").
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

fn sled_config(path: &Path) -> sled::Config {
    // No background flusher: every change is flushed before it is acknowledged anyway.
    sled::Config::new()
        .path(path)
        .cache_capacity(CACHE_BYTES)
        .flush_every_ms(None)
}

/// sled 0.34 writes its snapshot (where each page is) only when it opens a
/// database, after reading the log written since the last one: the first
/// open after an import of 10 000 objectives read 250 MB of log (190 ms),
/// later ones 40 ms (`examples/sled_probe`). The process that wrote that
/// much opens it once more as it closes, so the next session does not pay.
pub(super) fn snapshot_now(path: &Path) {
    if let Ok(db) = sled_at(path) {
        drop(db);
    }
}

/// sled's database at `path`, as the store opens it (waiting for a lock a
/// store of this process just let go), without anything of the store's.
pub(super) fn sled_at(path: &Path) -> Result<sled::Db, OpenError> {
    open_sled(&sled_config(path), path)
}

/// Opens sled, waiting a moment if the lock is held: a store dropped by this very
/// process releases its lock only when sled's last internal thread lets go, a
/// few milliseconds later. Another process holding it is reported after that.
fn open_sled(config: &sled::Config, path: &Path) -> Result<sled::Db, OpenError> {
    const ATTEMPTS: u32 = 10;
    for attempt in 1..=ATTEMPTS {
        // sled may panic on some damaged files instead of returning an error.
        match catch_unwind(AssertUnwindSafe(|| config.open())) {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(e)) => match open_error(path, e) {
                OpenError::Locked(_) if attempt < ATTEMPTS => {
                    std::thread::sleep(std::time::Duration::from_millis(30));
                }
                other => return Err(other),
            },
            Err(_) => {
                return Err(OpenError::Corrupt(
                    path.to_path_buf(),
                    "sled panicked while reading it".into(),
                ));
            }
        }
    }
    Err(OpenError::Locked(path.to_path_buf()))
}

/// A plan the database does not hold, or a registry that does not read.
fn open_error_of(path: &Path, e: ServiceError) -> OpenError {
    match e {
        e @ ServiceError::NoSuchPlan { .. } => OpenError::Plan(e),
        e => OpenError::Corrupt(path.to_path_buf(), e.to_string()),
    }
}

fn open_error(path: &Path, e: sled::Error) -> OpenError {
    match e {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            OpenError::Locked(path.to_path_buf())
        }
        sled::Error::Io(io) => OpenError::Io(path.to_path_buf(), io),
        other => OpenError::Corrupt(path.to_path_buf(), other.to_string()),
    }
}
