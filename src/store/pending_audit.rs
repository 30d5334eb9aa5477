//! An import's audit entries, one per objective it adds or changes, go into
//! the switch's transaction as a few records of many entries each (`meta`,
//! `pending_audit/N`), and into the `audit` and `audit_index` trees right
//! after it, in batches, before the commit answers. The whole import is
//! still one transaction: a kill after it leaves the records, and the next
//! open of the plan finishes the indexing (`index`), which repeats the same
//! keys and values, so doing it twice is harmless.
//!
//! Why: sled holds an epoch guard across a whole transaction, so every copy
//! of a tree node made by its inserts is freed only at its end. 20 000
//! inserts (an entry and its index key per objective) in the switch's
//! transaction were 75 MB at the peak of an import of 10 000 objectives,
//! whatever the cache; a batch frees its copies when it ends.

use sled::Batch;
use sled::transaction::TransactionalTree;

use super::rows::{decode, encode, phase_key as index_key};
use super::{AuditEntry, ServiceError, Store, TxResult};

/// The records' keys in the plan's `meta`: this prefix, then a u32 BE.
const PREFIX: &[u8] = b"pending_audit/";

/// Entries per record: a record stays well under the size at which sled
/// writes a value to a file of its own.
const PER_RECORD: usize = 400;

fn record_key(n: u32) -> Vec<u8> {
    let mut key = PREFIX.to_vec();
    key.extend_from_slice(&n.to_be_bytes());
    key
}

/// Writes `entries` as records: call inside the switch's transaction.
pub(super) fn keep(meta: &TransactionalTree, entries: &[(u64, AuditEntry)]) -> TxResult<()> {
    for (n, part) in entries.chunks(PER_RECORD).enumerate() {
        meta.insert(record_key(n as u32), encode(&part))?;
    }
    Ok(())
}

impl Store {
    /// Moves the records' entries into `audit` and `audit_index`, then
    /// removes the records; nothing to do without them.
    pub(super) fn index_pending_audit(&self) -> Result<(), ServiceError> {
        let records: Vec<_> = self.meta.scan_prefix(PREFIX).collect::<Result<_, _>>()?;
        if records.is_empty() {
            return Ok(());
        }
        for (_, record) in &records {
            let entries: Vec<(u64, AuditEntry)> = decode(record)?;
            let (mut audit, mut index) = (Batch::default(), Batch::default());
            for (id, entry) in &entries {
                audit.insert(&id.to_be_bytes(), encode(entry));
                index.insert(index_key(&entry.what.objective, *id), &[]);
            }
            self.audit.apply_batch(audit)?;
            self.audit_index.apply_batch(index)?;
        }
        // Removed only once every entry is in place (and durable).
        self.db.flush()?;
        let mut done = Batch::default();
        for (key, _) in records {
            done.remove(key);
        }
        self.meta.apply_batch(done)?;
        self.db.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::model::applied::{Applied, Part};

    /// What a kill between the switch and the indexing leaves: the records
    /// alone. The next open puts their entries in the objective's history.
    #[test]
    fn entries_left_pending_by_a_kill_are_in_the_history_after_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let store = Store::open(&path, crate::io::shipped).unwrap();
        let code = crate::io::shipped().objectives[2].code.clone();
        let entry = AuditEntry {
            at: super::super::now(),
            who: "anna".into(),
            what: Applied {
                objective: code.clone(),
                phase: None,
                phase_name: None,
                field: Part::Import,
                old: Value::Text(String::new()),
                new: Value::Text("status".into()),
            },
            note: None,
        };
        let entries: Vec<_> = (0..PER_RECORD + 3)
            .map(|_| (store.db.generate_id().unwrap(), entry.clone()))
            .collect();
        let kept = store.meta.transaction(|meta| keep(meta, &entries));
        kept.unwrap();
        store.db.flush().unwrap();
        let history = |store: &Store| {
            let mut ids = Vec::new();
            store
                .entries_of(&code, None, |id, e, _| {
                    ids.extend((e == entry).then_some(id));
                    true
                })
                .unwrap();
            ids
        };
        assert!(history(&store).is_empty());
        drop(store);
        let store = Store::open(&path, crate::io::shipped).unwrap();
        let ids: Vec<u64> = entries.iter().map(|(id, _)| *id).collect();
        assert_eq!(history(&store), ids);
        assert_eq!(store.last_seq().unwrap(), *ids.last().unwrap());
        assert_eq!(store.meta.scan_prefix(PREFIX).count(), 0);
    }
}
