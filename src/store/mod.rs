//! The sled store. One tree per record kind and plan, a schema version
//! checked on open, every change one transaction (record + audit entry),
//! flushed before returning.
//!
//! Layout (schema 6; values are JSON unless said otherwise):
//! - `meta`:       `schema_version` → decimal text (the database's own)
//! - `plans`:      id (u64 BE) → PlanEntry: the registry (see `registry.rs`)
//!
//! and for each plan, under `p{id}/` (`p1/objectives`…, see `space.rs`):
//! - `meta`:       `plan` → Plan (with the cycle of the plan's year, see
//!   `cycle.rs`); `variations`; `next_pos` → u64 BE; `live` → u64 BE;
//!   `pending_audit/N` → an import's audit entries until they are indexed
//!   (see `pending_audit.rs`)
//! - `mandates`:   code → {pos, mandate}
//! - `missions`:   code → {pos, mission}
//! - `objectives`: code → {pos, version, phase_ids, objective (without
//!   phases)}, compact (postcard then LZ4, see `rows.rs`), indicators included
//! - `phases`:     code → the objective's phases in table order, compact
//!   (none for an objective without phases; schema 6 had a row a phase,
//!   `code 0x00 id`)
//! - `audit`:      id(u64 BE) → AuditEntry
//! - `audit_index`: code 0x00 id(u64 BE) → nothing (see `audit_index.rs`)
//! - `snapshots`:  name → SnapshotInfo; `snapshot_data`: name → the plan as JSON
//! - `reviews`:    id (u64 big-endian) → Review
//! - `outline`:    code → {pos, version, Summary} (postcard); `search`: code →
//!   the objective's folded texts (postcard + LZ4). See `outline.rs`.
//!
//! The objectives' four trees come in generations (`live.rs`). Drafts are
//! files beside the database (`drafts.rs`). A session opens the trees of
//! the plan it names alone (the default one when it names none); another
//! plan is opened beside it when needed (`plan_new.rs`: one store per plan
//! in a process). The log's free segments, which sled makes read as zeros
//! at every open, are holes punched by the vendored sled (`holes.rs`), so
//! that neither the disk nor a `set` pays for them. Schema 5 and before had
//! one plan under the bare names, JSON rows: `migrate.rs` moves it into plan 1.
//!
//! An objective row numbers its phases (`phase_ids`: schema 6 keyed a
//! phase's row by them; they are kept so that its objective rows stay as
//! they were), and its phases row must hold as many; positions (`pos`) keep
//! the order of the plan.

mod audit_index;
mod cycle;
mod drafts;
#[cfg(test)]
mod holes;
mod live;
mod many;
mod migrate;
mod open;
mod open_error;
mod outline;
mod pending_audit;
mod plan_new;
mod plan_record;
mod plan_texts;
mod recovery;
mod registry;
mod review;
mod rows;
pub mod schema5;
mod space;
mod staging;
mod variations;
mod versions;
mod windows;

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use live::Live;

use chrono::{DateTime, FixedOffset};
use sled::Tree;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use crate::model::diff::changed_fields;
use crate::model::{Dataset, Objective};

// The records this store fills (its submodules name them through `super`).
use crate::api::{
    AuditEntry, AuditNote, HistoryFilter, HistoryPage, ImportReport, ObjectiveOutcome,
    ServiceError, Versioned,
};
pub use open_error::OpenError;
pub use outline::OutlineRow;
use rows::{Compact, MandateRow, MissionRow, ObjectiveRow, decode};
pub use staging::ImportOwner;

/// The schema version this build writes and understands.
/// 2: indicators on objectives, settings on the plan (migrated on open from 1).
/// 3: an outline and a search record beside each objective (migrated on open).
/// 4: the audit log indexed by objective (built on open).
/// 5: the outline's summary carries the assessment's verdict (outlines rebuilt on open).
/// 6: several plans, each in trees of its own; objective and phase rows compact.
/// 7: one phases row an objective, not one a phase (migrated on open).
pub const SCHEMA_VERSION: u32 = 7;

/// How `write_dataset` treats what is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Objectives upserted by code; the rest left alone (import).
    Upsert,
    /// Everything removed first (restore).
    Replace,
    /// A database being created: also writes the schema version.
    NewDatabase,
    /// A plan being made beside the others (`plan new`): not the default.
    NewPlan,
}

/// The sled handles are `ManuallyDrop`: once a write has failed (disk full, I/O
/// error), sled's own flush-on-drop waits forever, so a broken store leaks them
/// instead (the process exit releases the file lock). See `Drop for Store`.
pub struct Store {
    path: PathBuf,
    db: ManuallyDrop<sled::Db>,
    /// The database's own records: its schema version.
    global: ManuallyDrop<Tree>,
    /// The plans it holds (see `registry`).
    registry: ManuallyDrop<Tree>,
    /// The plan this store reads and writes, and where its trees are.
    plan_id: u64,
    space: space::PlanSpace,
    /// The plan's own record, its variations, where its positions and generation are.
    meta: ManuallyDrop<Tree>,
    mandates: ManuallyDrop<Tree>,
    missions: ManuallyDrop<Tree>,
    audit: ManuallyDrop<Tree>,
    /// The audit log by objective (see `audit_index`).
    audit_index: ManuallyDrop<Tree>,
    snapshots: ManuallyDrop<Tree>,
    snapshot_data: ManuallyDrop<Tree>,
    reviews: ManuallyDrop<Tree>,
    /// The generation of the objectives' trees in use (see `live`).
    live: ManuallyDrop<RwLock<Live>>,
    /// A row a phase (schema 6 and before): read by a migration only.
    phase_by_phase: bool,
    /// The import being written, and how the last ones ended (see `staging`).
    imports: Mutex<staging::Imports>,
    /// A write failed: sled cannot be trusted to write (or even flush) again.
    broken: AtomicBool,
    /// The database itself (not the copy `open` checks first): sealed when
    /// closed cleanly, so that the next open may skip that check.
    seal_on_close: bool,
    /// A whole plan was written (import, restore): `open::snapshot_now` on
    /// close. Shared by a plan opened beside the first (see `Family`), so
    /// that the one that owns the database does it.
    reopen_on_close: Arc<AtomicBool>,
    family: Family,
    /// The opener's: the other plans opened beside it and still in use, so
    /// that a plan has one store in a process (`Store::open_beside`).
    beside: Mutex<std::collections::HashMap<u64, std::sync::Weak<Store>>>,
}

/// Whether this store is the one that opened the database, or another plan
/// of it opened beside it (`Store::sibling`, GUIDE §10): the one the
/// database was opened by seals it on close, once every sibling is gone.
enum Family {
    Opener,
    /// Keeps the opener alive while this plan is in use (a TUI switched to it).
    Sibling(Option<Arc<Store>>),
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.broken.load(Ordering::SeqCst) {
            return;
        }
        // SAFETY: each handle is dropped exactly once, here, and never used after.
        unsafe {
            for tree in [
                &mut self.global,
                &mut self.registry,
                &mut self.meta,
                &mut self.mandates,
                &mut self.missions,
                &mut self.audit,
                &mut self.audit_index,
                &mut self.snapshots,
                &mut self.snapshot_data,
                &mut self.reviews,
            ] {
                ManuallyDrop::drop(tree);
            }
            ManuallyDrop::drop(&mut self.live);
            ManuallyDrop::drop(&mut self.db);
        }
        if let Family::Sibling(_) = self.family {
            // The database is the opener's: its close does what follows.
            return;
        }
        if self.reopen_on_close.load(Ordering::SeqCst) {
            open::snapshot_now(&self.path);
        }
        if self.seal_on_close {
            recovery::seal::make(&self.path);
        }
    }
}

/// sled stays behind this module: its errors become the service's here.
impl From<sled::Error> for ServiceError {
    fn from(e: sled::Error) -> Self {
        match e {
            sled::Error::Io(e) => ServiceError::Disk(crate::i18n::OsError::from(&e)),
            other => ServiceError::Database(other.to_string()),
        }
    }
}

/// A transaction's failure: what aborted it, or sled's.
impl From<TransactionError<ServiceError>> for ServiceError {
    fn from(e: TransactionError<ServiceError>) -> Self {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => e.into(),
        }
    }
}

type TxResult<T> = Result<T, ConflictableTransactionError<ServiceError>>;

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The objectives' trees in use (cheap handles: a few reference counts).
    fn live(&self) -> Live {
        self.live.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set_live(&self, live: Live) {
        *self.live.write().unwrap_or_else(|e| e.into_inner()) = live;
    }

    /// The plan's own record (title, settings), without its objectives.
    pub fn plan(&self) -> Result<crate::model::Plan, ServiceError> {
        match self.meta.get(b"plan")? {
            Some(bytes) => decode(&bytes),
            None => Ok(crate::model::Plan::default()),
        }
    }

    /// The whole plan, in plan order.
    pub fn load(&self) -> Result<Dataset, ServiceError> {
        self.load_with_versions().map(|(dataset, _)| dataset)
    }

    /// The whole plan as `check` reads it, in plan order: each objective
    /// without the texts no warning reads (`rows::lean` says which), in the
    /// same pass over the rows as `load`.
    pub fn load_lean(&self) -> Result<Dataset, ServiceError> {
        self.load_read(LEAN).map(|(dataset, _)| dataset)
    }

    /// The whole plan and each objective's version (in the same order), in
    /// one pass over the rows.
    pub(crate) fn load_with_versions(&self) -> Result<(Dataset, Vec<u64>), ServiceError> {
        self.load_read(WHOLE)
    }

    fn load_read(&self, reading: Reading) -> Result<(Dataset, Vec<u64>), ServiceError> {
        let mut dataset = self.plan_without_objectives()?;
        let live = self.live();
        let mut objectives = Vec::new();
        std::thread::scope(|scope| -> Result<(), ServiceError> {
            if self.phase_by_phase {
                // An older schema's rows, read to be migrated.
                for value in live.objectives.iter().values() {
                    let row = ObjectiveRow::from_bytes(&value?)?;
                    let phases = rows::phases_by_id(&live.phases, &row)?;
                    objectives.push((row.pos, row.version, with_these_phases(row, phases)?));
                }
                return Ok(());
            }
            // The phases tree walked once beside the objectives', both in
            // code order, not one lookup per objective (10 000 descents of
            // the tree at 10 000 objectives, see docs/PERFORMANCE.md), and
            // read on a thread of its own (`rows::feed`).
            let mut phases = rows::feed::phases(scope, &live.phases, reading.phases).peekable();
            for value in live.objectives.iter().values() {
                let row = (reading.objective)(&value?)?;
                let found = rows::next_phases(&mut phases, &row.objective.code)?;
                let (pos, version) = (row.pos, row.version);
                let objective = with_these_phases(row, found.unwrap_or_default())?;
                objectives.push((pos, version, objective));
            }
            Ok(())
        })?;
        objectives.sort_by_key(|(pos, ..)| *pos);
        let mut versions = Vec::with_capacity(objectives.len());
        for (_, version, objective) in objectives {
            versions.push(version);
            dataset.objectives.push(objective);
        }
        Ok((dataset, versions))
    }

    /// The plan, its mandates and its missions, in plan order; no objectives.
    fn plan_without_objectives(&self) -> Result<Dataset, ServiceError> {
        let mut dataset = Dataset::empty();
        if let Some(plan) = self.meta.get(b"plan")? {
            dataset.plan = decode(&plan)?;
        }
        dataset.schema = Dataset::schema_for(&dataset.plan).to_string();
        dataset.variations = self.variations()?;
        let mut mandates: Vec<MandateRow> = self.values(&self.mandates)?;
        mandates.sort_by_key(|r| r.pos);
        dataset.mandates = mandates.into_iter().map(|r| r.mandate).collect();
        let mut missions: Vec<MissionRow> = self.values(&self.missions)?;
        missions.sort_by_key(|r| r.pos);
        dataset.missions = missions.into_iter().map(|r| r.mission).collect();
        Ok(dataset)
    }

    /// One objective with its phases, or `None` when there is no such code.
    pub fn objective(&self, code: &str) -> Result<Option<Objective>, ServiceError> {
        let live = self.live();
        match live.objectives.get(code.as_bytes())? {
            Some(bytes) => Ok(Some(
                self.with_phases_in(&live, ObjectiveRow::from_bytes(&bytes)?)?,
            )),
            None => Ok(None),
        }
    }

    fn values<T: serde::de::DeserializeOwned>(&self, tree: &Tree) -> Result<Vec<T>, ServiceError> {
        tree.iter().values().map(|v| decode(&v?)).collect()
    }

    fn with_phases(&self, row: ObjectiveRow) -> Result<Objective, ServiceError> {
        self.with_phases_in(&self.live(), row)
    }

    fn with_phases_in(&self, live: &Live, row: ObjectiveRow) -> Result<Objective, ServiceError> {
        if self.phase_by_phase {
            let phases = rows::phases_by_id(&live.phases, &row)?;
            return with_these_phases(row, phases);
        }
        let phases = match live.phases.get(row.objective.code.as_bytes())? {
            Some(bytes) => rows::phases_from_bytes(&bytes)?,
            None => Vec::new(),
        };
        with_these_phases(row, phases)
    }

    /// Runs a write. A store whose write once failed refuses the next ones: sled
    /// may hang on a flush after a failed write (disk full, I/O error).
    pub(crate) fn write<T>(
        &self,
        write: impl FnOnce() -> Result<T, ServiceError>,
    ) -> Result<T, ServiceError> {
        if self.broken.load(Ordering::SeqCst) {
            return Err(ServiceError::Broken);
        }
        let result = write();
        if result.as_ref().is_err_and(ServiceError::breaks_the_store) {
            self.broken.store(true, Ordering::SeqCst);
        }
        result
    }

    /// The plan's record an import writes: the file's, with the stored
    /// cycle and windows kept once there are any (only a transition moves
    /// the one, only `period` the others, GUIDE §8).
    pub(crate) fn imported_plan(
        &self,
        incoming: &crate::model::Plan,
    ) -> Result<crate::model::Plan, ServiceError> {
        let stored = self.plan()?;
        if stored.takes_imported_cycle() {
            return Ok(incoming.clone());
        }
        Ok(crate::model::Plan {
            year: stored.year,
            cycle: stored.cycle,
            windows: stored.windows,
            ..incoming.clone()
        })
    }

    /// The variations an import writes: the file's until the plan has a
    /// cycle; then the stored ones (only the service's operations change them).
    pub(crate) fn imported_variations(
        &self,
        incoming: &[crate::model::variation::Variation],
    ) -> Result<Vec<crate::model::variation::Variation>, ServiceError> {
        if self.plan()?.cycle.is_none() {
            return Ok(incoming.to_vec());
        }
        self.variations()
    }

    /// What importing `incoming` would change, per objective. Writes nothing.
    pub fn plan_import(&self, incoming: &Dataset) -> Result<ImportReport, ServiceError> {
        let head = Dataset {
            schema: incoming.schema.clone(),
            plan: self.imported_plan(&incoming.plan)?,
            mandates: incoming.mandates.clone(),
            missions: incoming.missions.clone(),
            variations: incoming.variations.clone(),
            objectives: Vec::new(),
        };
        let mut report = self.plan_head_changes(&head)?;
        // Refused as the import itself would refuse it: a frozen field changed, an
        // objective added, a part of the assessment its state does not open.
        let stored = self.plan()?;
        for o in &incoming.objectives {
            let refused = |e| ServiceError::in_edit(0, &o.code, ServiceError::Refused(e));
            let current = self.objective(&o.code)?;
            crate::model::frozen::refused_import(&stored, current.as_ref(), o).map_err(refused)?;
            let outcome = match current {
                None => ObjectiveOutcome::Added,
                Some(current) => {
                    let fields = changed_fields(&current, o);
                    if fields.is_empty() {
                        ObjectiveOutcome::Unchanged
                    } else {
                        ObjectiveOutcome::Changed(fields)
                    }
                }
            };
            report.objectives.push((o.code.clone(), outcome));
        }
        Ok(report)
    }

    /// What `head`'s plan record, mandates and missions would change (no objectives).
    fn plan_head_changes(&self, head: &Dataset) -> Result<ImportReport, ServiceError> {
        let mut report = ImportReport::default();
        let plan_now = match self.meta.get(b"plan")? {
            Some(b) => Some(decode::<crate::model::Plan>(&b)?),
            None => None,
        };
        report.plan_changed = plan_now.as_ref() != Some(&head.plan);
        for m in &head.mandates {
            match self.mandates.get(m.code.as_bytes())? {
                None => report.mandates_added += 1,
                Some(b) if decode::<MandateRow>(&b)?.mandate != *m => report.mandates_changed += 1,
                Some(_) => {}
            }
        }
        for m in &head.missions {
            match self.missions.get(m.code.as_bytes())? {
                None => report.missions_added += 1,
                Some(b) if decode::<MissionRow>(&b)?.mission != *m => report.missions_changed += 1,
                Some(_) => {}
            }
        }
        Ok(report)
    }

    /// Upserts everything in `incoming` by code (records not in the file are left
    /// alone): either all of it lands or none. Checked as an import file is.
    pub fn import(&self, incoming: &Dataset, who: &str) -> Result<ImportReport, ServiceError> {
        self.write_dataset(incoming, who, WriteMode::Upsert)
    }

    /// Replaces the whole plan with `incoming` (restore of a backup), all or
    /// nothing. The audit history is kept, and records the restore.
    pub fn replace(&self, incoming: &Dataset, who: &str) -> Result<ImportReport, ServiceError> {
        self.write_dataset(incoming, who, WriteMode::Replace)
    }

    /// A whole plan at once, through the steps of an import written in chunks
    /// (`staging`): one way to write a plan, whatever its size.
    pub(crate) fn write_dataset(
        &self,
        incoming: &Dataset,
        who: &str,
        mode: WriteMode,
    ) -> Result<ImportReport, ServiceError> {
        let owner = staging::ImportOwner::internal(who);
        let token = self.begin_import(incoming, mode, &owner)?;
        self.stage(&token, &owner, &incoming.objectives)?;
        self.commit_import(&token, &owner, who)
    }

    /// A page of the audit history, oldest first: the entries `filter` keeps
    /// after position `after`, at most `limit` of them and, past the first,
    /// no more than `max_bytes` of them. One objective's come through its
    /// index: the cost is its entries, not the log's. A page reads at most
    /// `HISTORY_SCAN` entries, so that a filter few entries pass costs pages,
    /// not one long answer (a page may then be empty, with a next one).
    pub fn history_page(
        &self,
        filter: &HistoryFilter,
        after: Option<u64>,
        limit: usize,
        max_bytes: usize,
    ) -> Result<HistoryPage, ServiceError> {
        let mut page = HistoryPage::default();
        let (mut bytes, mut more, mut read) = (0, false, 0);
        let mut take = |id: u64, mut entry: AuditEntry, size: usize| {
            let kept = filter.keeps(&entry);
            if read >= HISTORY_SCAN
                || (kept
                    && (page.entries.len() >= limit
                        || (bytes + size > max_bytes && !page.entries.is_empty())))
            {
                // An entry that did not fit: there is a next page.
                more = true;
                return false;
            }
            read += 1;
            // The next page starts after the last entry read, kept or not.
            page.next = Some(id);
            if kept {
                clip(&mut entry.what.old);
                clip(&mut entry.what.new);
                bytes += size;
                page.entries.push(entry);
            }
            true
        };
        match filter.code.as_deref() {
            Some(code) => self.entries_of(code, after, take)?,
            None => {
                let start = after.map_or(0, |a| a.saturating_add(1));
                for item in self.audit.range(start.to_be_bytes()..) {
                    let (key, value) = item?;
                    let id = <[u8; 8]>::try_from(key.as_ref()).map_or(0, u64::from_be_bytes);
                    if !take(id, decode(&value)?, value.len()) {
                        break;
                    }
                }
            }
        }
        // `next` names the last entry sent, when an entry is left for the next page.
        if !more {
            page.next = None;
        }
        Ok(page)
    }

    /// The whole audit history, oldest first; only `code`'s when given.
    pub fn history(&self, code: Option<&str>) -> Result<Vec<AuditEntry>, ServiceError> {
        let mut out = Vec::new();
        match code {
            Some(code) => self.entries_of(code, None, |_, entry, _| {
                out.push(entry);
                true
            })?,
            None => {
                for value in self.audit.iter().values() {
                    out.push(decode(&value?)?);
                }
            }
        }
        Ok(out)
    }
}

/// The most entries one page of history reads, kept or not.
const HISTORY_SCAN: usize = 10_000;

/// A text longer than any field may hold now (written before the limits, GUIDE
/// §7) is cut in the history it is shown in, so that a page always fits a line.
fn clip(value: &mut crate::model::Value) {
    use crate::model::Value;
    let limit = crate::model::limits::NARRATIVE;
    if let Value::Text(text) | Value::OptText(Some(text)) = value
        && text.len() > limit
    {
        let cut: String = text.chars().take(limit).collect();
        *text = format!("{cut}… [{}]", crate::i18n::tr("troncato", "cut"));
    }
}

/// The record under `code` in a transaction, read by `read`.
fn existing<T>(
    tree: &TransactionalTree,
    code: &str,
    read: fn(&[u8]) -> Result<T, ServiceError>,
) -> TxResult<Option<T>> {
    match tree.get(code.as_bytes())? {
        Some(b) => Ok(Some(read(&b).map_err(ConflictableTransactionError::Abort)?)),
        None => Ok(None),
    }
}

/// How an objective's phases row is read: whole, or as `check` reads it.
type PhasesReader = fn(&[u8]) -> Result<Vec<crate::model::Phase>, ServiceError>;

/// How the whole plan's rows are read: whole, or as `check` reads them.
#[derive(Clone, Copy)]
struct Reading {
    objective: fn(&[u8]) -> Result<ObjectiveRow, ServiceError>,
    phases: PhasesReader,
}

const WHOLE: Reading = Reading {
    objective: <ObjectiveRow as Compact>::from_bytes,
    phases: rows::phases_from_bytes,
};

const LEAN: Reading = Reading {
    objective: rows::lean::objective_row,
    phases: rows::lean::phase_list,
};

/// The objective of `row` with `phases`, its phases row's (table order):
/// as many as the row numbers.
fn with_these_phases(
    row: ObjectiveRow,
    phases: Vec<crate::model::Phase>,
) -> Result<Objective, ServiceError> {
    let mut objective = row.objective;
    if phases.len() != row.phase_ids.len() {
        return Err(ServiceError::Corrupt(format!(
            "{} has {} phases, its row numbers {}",
            objective.code,
            phases.len(),
            row.phase_ids.len()
        )));
    }
    objective.phases = phases;
    Ok(objective)
}

fn without_phases(o: &Objective) -> Objective {
    Objective {
        phases: Vec::new(),
        ..o.clone()
    }
}

pub(crate) fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

#[cfg(test)]
mod tests;
