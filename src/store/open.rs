//! Opening (and on first use creating) a database, refusing what is not one of ours.

use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use std::os::unix::fs::DirBuilderExt;

use std::sync::{Mutex, RwLock};

use sled::Transactional;

use super::live::{Live, is_generation_tree};

use super::{OpenError, SCHEMA_VERSION, ServiceError, Store, recovery};
use crate::files::Access;
use crate::model::Dataset;

/// The trees a database of this version has; any other named tree means it is not ours.
const TREES: [&str; 9] = [
    "meta",
    "mandates",
    "missions",
    "audit",
    super::audit_index::TREE,
    "drafts",
    "snapshots",
    "snapshot_data",
    "reviews",
];

/// Files sled keeps in its directory; a non-empty directory without them is not a database.
const SLED_FILES: [&str; 2] = ["conf", "db"];

impl Store {
    /// Opens the database at `path`. A path that does not exist yet (or an empty
    /// directory) becomes a new database filled with `initial()`. An existing
    /// one is opened on a copy first: found damaged, it has not been written to.
    pub fn open(path: &Path, initial: impl FnOnce() -> Dataset) -> Result<Store, OpenError> {
        let existed = check_directory(path)?;
        let mut store = if existed {
            recovery::before_opening(path, |copy| Store::open_existing(copy).map(drop))?;
            Store::open_existing(path)?
        } else {
            Store::open_new(path, initial)?
        };
        store.seal_on_close = true;
        Ok(store)
    }

    fn open_existing(path: &Path) -> Result<Store, OpenError> {
        let store = Store::open_sled(path)?;
        store.check_schema(true)?;
        // Only once it is known to be ours: other generations' trees are an
        // import killed before its switch, or the old generation after it.
        Live::drop_others(&store.db, store.live().generation)
            .map_err(|e| OpenError::Corrupt(path.to_path_buf(), e.to_string()))?;
        Ok(store)
    }

    fn open_new(path: &Path, initial: impl FnOnce() -> Dataset) -> Result<Store, OpenError> {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)
            .map_err(|e| OpenError::Io(path.to_path_buf(), e))?;
        let store = Store::open_sled(path)?;
        if store.check_schema(false)? {
            store
                .initialise(&initial())
                .map_err(|e| OpenError::Corrupt(path.to_path_buf(), e.to_string()))?;
        }
        Ok(store)
    }

    /// sled's files under `path` as a `Store`, readable by whom the directory says
    /// (GUIDE §7: the owner, and the service's group when shared), whatever the umask.
    fn open_sled(path: &Path) -> Result<Store, OpenError> {
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
        let db = open_sled(&sled_config(path), path)?;
        let tree = |name: &str| {
            db.open_tree(name)
                .map(ManuallyDrop::new)
                .map_err(|e| open_error(path, e))
        };
        let meta = tree("meta")?;
        let generation = Live::in_use(&meta)
            .map_err(|e| OpenError::Corrupt(path.to_path_buf(), e.to_string()))?;
        let live = Live::open(&db, generation).map_err(|e| open_error(path, e))?;
        let store = Store {
            path: path.to_path_buf(),
            meta,
            mandates: tree("mandates")?,
            missions: tree("missions")?,
            audit: tree("audit")?,
            audit_index: tree(super::audit_index::TREE)?,
            drafts: tree("drafts")?,
            snapshots: tree("snapshots")?,
            snapshot_data: tree("snapshot_data")?,
            reviews: tree("reviews")?,
            live: ManuallyDrop::new(RwLock::new(live)),
            imports: Mutex::default(),
            db: ManuallyDrop::new(db),
            broken: AtomicBool::new(false),
            seal_on_close: false,
            reopen_on_close: AtomicBool::new(false),
        };
        // Opening wrote sled's new snapshot file.
        secure()?;
        Ok(store)
    }

    /// Refuses a newer schema; without one, a database that `existed` is
    /// damaged, a new one must be blank. Returns whether it needs its first contents.
    fn check_schema(&self, existed: bool) -> Result<bool, OpenError> {
        let path = &self.path;
        match self
            .meta
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
                // On the copy first (see `open`): a migration that fails leaves the database as it was.
                if found < SCHEMA_VERSION {
                    self.migrate(found)
                        .map_err(|e| OpenError::Corrupt(path.clone(), e.to_string()))?;
                }
                Ok(false)
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
                Ok(true)
            }
        }
    }

    /// A sled database without our schema key is ours only if nothing else is in it.
    fn check_blank(&self) -> Result<(), OpenError> {
        let foreign_tree = self
            .db
            .tree_names()
            .into_iter()
            .filter(|n| n.as_ref() != b"__sled__default")
            .find(|n| !TREES.iter().any(|t| t.as_bytes() == n.as_ref()) && !is_generation_tree(n));
        let live = self.live();
        let not_empty = !self.db.is_empty()
            || [
                &*self.meta,
                &self.mandates,
                &self.missions,
                &self.audit,
                &self.audit_index,
                &self.drafts,
                &self.snapshots,
                &self.snapshot_data,
                &self.reviews,
            ]
            .into_iter()
            .chain(live.trees())
            .any(|t| !t.is_empty());
        if foreign_tree.is_some() || not_empty {
            return Err(OpenError::NotADatabase(
                self.path.clone(),
                "database sled senza versione di schema obiettivi".into(),
            ));
        }
        Ok(())
    }

    /// Brings a database written by an older version up to `SCHEMA_VERSION`,
    /// after a JSON backup of it beside the database (taken first: if it
    /// cannot be written, nothing is migrated).
    ///
    /// 1 → 2: objectives may carry indicators and the plan its settings, both
    /// with defaults, so the records read as they are.
    /// 2 → 3: an outline and a search record for every objective.
    /// Both in one transaction with the version key: the database is the old
    /// one or the new one, whenever the process is killed.
    /// 3 → 4: the audit log indexed by objective, built in batches before that
    /// transaction (too big for one); until the version key moves, the old
    /// schema's code ignores it and the next open builds it again. Drafts
    /// move out of sled into `<db>.drafts/` (see `drafts`): their files are
    /// written first, and their records go in that transaction.
    /// 4 → 5: the outline records written again (their summary has the
    /// assessment's verdict at its end), in that transaction.
    fn migrate(&self, from: u32) -> Result<(), ServiceError> {
        let dataset = self.load()?;
        crate::io::snapshot::save(&self.path, &dataset, &format!("schema{from}"))
            .map_err(|e| ServiceError::Corrupt(format!("backup before the migration: {e}")))?;
        drop(dataset);
        self.write(|| super::audit_index::build(&self.audit, &self.audit_index))?;
        let drafts = self.write(|| self.move_out_of_sled(&self.drafts))?;
        // Written anew before 3 (none) and before 5 (without the verdict).
        let index = if from < 5 {
            self.index_all()?
        } else {
            Vec::new()
        };
        self.write(|| {
            let live = self.live();
            let trees = [
                sled::Tree::clone(&self.meta),
                sled::Tree::clone(&live.outline),
                sled::Tree::clone(&live.search),
                sled::Tree::clone(&self.drafts),
            ];
            trees
                .transaction(|t| {
                    let [meta, outline, search, drafts_tree] = &t[..] else {
                        unreachable!("four trees were passed")
                    };
                    for key in &drafts {
                        drafts_tree.remove(key)?;
                    }
                    for (code, outline_value, search_value) in &index {
                        outline.insert(code.as_slice(), outline_value.as_slice())?;
                        search.insert(code.as_slice(), search_value.as_slice())?;
                    }
                    meta.insert(b"schema_version", SCHEMA_VERSION.to_string().as_bytes())?;
                    Ok(())
                })
                .map_err(
                    |e: sled::transaction::TransactionError<ServiceError>| match e {
                        sled::transaction::TransactionError::Abort(e) => e,
                        sled::transaction::TransactionError::Storage(e) => e.into(),
                    },
                )?;
            self.db.flush()?;
            Ok(())
        })
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

fn sled_config(path: &Path) -> sled::Config {
    // No background flusher: every change is flushed before it is acknowledged anyway.
    sled::Config::new()
        .path(path)
        .cache_capacity(64 * 1024 * 1024)
        .flush_every_ms(None)
}

/// sled 0.34 writes its snapshot (where each page is) only when it opens a
/// database, after reading the log written since the last one: the first
/// open after an import of 10 000 objectives read 250 MB of log (190 ms),
/// later ones 40 ms (`examples/sled_probe`). The process that wrote that
/// much opens it once more as it closes, so the next session does not pay.
pub(super) fn snapshot_now(path: &Path) {
    if let Ok(db) = open_sled(&sled_config(path), path) {
        drop(db);
    }
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

fn open_error(path: &Path, e: sled::Error) -> OpenError {
    match e {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            OpenError::Locked(path.to_path_buf())
        }
        sled::Error::Io(io) => OpenError::Io(path.to_path_buf(), io),
        other => OpenError::Corrupt(path.to_path_buf(), other.to_string()),
    }
}
