//! The audit log by objective (issue 24 item 5): `audit_index` holds
//! `code 0x00 id(u64 BE)` → nothing for every audit entry, written in the
//! same transaction as the entry, so that an objective's history and its
//! last writer (who to name in a conflict) cost that objective's entries,
//! not the whole log's. With 170 000 entries the scans took 0.5 s, under the
//! server's locks; `examples/long_history` measures both.
//!
//! Schema 4 added it: databases of older schemas get it built from the log
//! on open (`build`, before the migration's transaction).

use sled::Tree;
use sled::transaction::TransactionalTree;

// Laid out as a phase's key is: `code 0x00 id(u64 BE)`.
use super::rows::{decode, encode, phase_id, phase_key as key};
use super::{AuditEntry, ServiceError, Store, TxResult};

/// The tree's name.
pub const TREE: &str = "audit_index";

/// Entries indexed per batch when building: bounded memory for any log.
const BATCH: usize = 10_000;

/// Every key of `code`'s entries from id `from` on: `code 0x00 from` up to
/// (not including) `code 0x01`.
fn range_of(code: &str, from: u64) -> std::ops::Range<Vec<u8>> {
    let mut end = code.as_bytes().to_vec();
    end.push(1);
    key(code, from)..end
}

fn id_of(key: &[u8]) -> Option<u64> {
    phase_id(key).ok()
}

/// What the index needs of an entry: its objective (the other fields, old
/// and new texts among them, are skipped unread; a million entries are read
/// when the index is built).
#[derive(serde::Deserialize)]
struct Objective {
    objective: String,
}

/// Writes audit entry `id` and its index key: call inside the transaction
/// that makes the change it records.
pub(super) fn record(
    audit: &TransactionalTree,
    index: &TransactionalTree,
    id: u64,
    entry: &AuditEntry,
) -> TxResult<()> {
    audit.insert(&id.to_be_bytes(), encode(entry))?;
    index.insert(key(&entry.what.objective, id), &[])?;
    Ok(())
}

/// (Re)builds the index from the whole log, in batches. Harmless to repeat:
/// a migration killed halfway leaves the old schema version, and the next
/// open builds it again from the start.
pub(super) fn build(audit: &Tree, index: &Tree) -> Result<(), ServiceError> {
    index.clear()?;
    let mut batch = sled::Batch::default();
    let mut pending = 0;
    for item in audit.iter() {
        let (key_bytes, value) = item?;
        let Some(id) = id_of(&key_bytes) else {
            continue;
        };
        let entry: Objective = decode(&value)?;
        batch.insert(key(&entry.objective, id), &[]);
        pending += 1;
        if pending == BATCH {
            index.apply_batch(std::mem::take(&mut batch))?;
            pending = 0;
        }
    }
    index.apply_batch(batch)?;
    Ok(())
}

impl Store {
    /// `code`'s audit entries after id `after` (all when `None`), oldest
    /// first, with their ids, as long as `more` wants them.
    pub(super) fn entries_of(
        &self,
        code: &str,
        after: Option<u64>,
        mut more: impl FnMut(u64, AuditEntry, usize) -> bool,
    ) -> Result<(), ServiceError> {
        let from = after.map_or(0, |a| a.saturating_add(1));
        for item in self.audit_index.range(range_of(code, from)) {
            let (key_bytes, _) = item?;
            let Some((id, entry, bytes)) = self.entry_of(code, &key_bytes)? else {
                continue;
            };
            if !more(id, entry, bytes) {
                break;
            }
        }
        Ok(())
    }

    /// `code`'s newest audit entry: who changed it last, and when.
    pub(super) fn last_entry_of(&self, code: &str) -> Result<Option<AuditEntry>, ServiceError> {
        self.last_entry_where(code, |_| true)
    }

    /// The newest of `code`'s entries that `wanted` keeps (`""`: the plan's own).
    pub(super) fn last_entry_where(
        &self,
        code: &str,
        wanted: impl Fn(&AuditEntry) -> bool,
    ) -> Result<Option<AuditEntry>, ServiceError> {
        for item in self.audit_index.range(range_of(code, 0)).rev() {
            let (key_bytes, _) = item?;
            if let Some((_, entry, _)) = self.entry_of(code, &key_bytes)?
                && wanted(&entry)
            {
                return Ok(Some(entry));
            }
        }
        Ok(None)
    }

    /// The entry an index key names, with its id and size; `None` for a key
    /// of another objective whose code begins with `code` and a NUL.
    fn entry_of(
        &self,
        code: &str,
        key_bytes: &[u8],
    ) -> Result<Option<(u64, AuditEntry, usize)>, ServiceError> {
        let Some(id) = id_of(key_bytes) else {
            return Ok(None);
        };
        let Some(value) = self.audit.get(id.to_be_bytes())? else {
            return Err(ServiceError::Corrupt(format!(
                "audit entry {id} of {code} is missing"
            )));
        };
        let entry: AuditEntry = decode(&value)?;
        Ok((entry.what.objective == code).then_some((id, entry, value.len())))
    }
}
