//! The plan's own record (`meta` → `plan`) changed with its audit entry in
//! one transaction: the one body behind a transition of the plan's year
//! (`cycle.rs`), a Relazione's text (`plan_texts.rs`) and a monitoring
//! window (`windows.rs`, with the snapshot a closing takes).

use sled::transaction::ConflictableTransactionError;
use sled::{Transactional, Tree};

use super::rows::{decode, encode};
use super::{AuditEntry, ServiceError, Store, audit_index};
use crate::api::SnapshotInfo;
use crate::model::Plan;

/// A snapshot's header and its plan's bytes (`review::snapshot_record`).
pub(super) type Snapshot = (SnapshotInfo, Vec<u8>);

impl Store {
    /// Runs `change` on the stored plan record (the default one when there
    /// is none) and writes what it gives back: the record, its audit entry
    /// and, with `snapshot`, a monitoring snapshot, all or nothing; flushed.
    /// `change` refuses by returning an error (it may run again if the
    /// transaction is retried). Its third value is the answer.
    pub(super) fn update_plan_audited<T>(
        &self,
        snapshot: Option<&Snapshot>,
        change: impl Fn(Plan) -> Result<(Plan, AuditEntry, T), ServiceError>,
    ) -> Result<T, ServiceError> {
        self.write(|| {
            let id = self.db.generate_id()?;
            let trees = [
                Tree::clone(&self.meta),
                Tree::clone(&self.audit),
                Tree::clone(&self.audit_index),
                Tree::clone(&self.snapshots),
                Tree::clone(&self.snapshot_data),
                Tree::clone(&self.registry),
            ];
            let result = trees.transaction(|t| {
                let [meta, audit, index, snapshots, snapshot_data, registry] = &t[..] else {
                    unreachable!("six trees were passed")
                };
                let abort = ConflictableTransactionError::Abort;
                let plan: Plan = match meta.get(b"plan")? {
                    Some(bytes) => decode(&bytes).map_err(abort)?,
                    None => Plan::default(),
                };
                let (plan, entry, out) = change(plan).map_err(abort)?;
                meta.insert(b"plan", encode(&plan))?;
                // The registry shows the plan's state (the picker, GUIDE §10).
                super::registry::record(registry, self.plan_id, &plan, false)?;
                audit_index::record(audit, index, id, &entry)?;
                if let Some((info, data)) = snapshot {
                    // The plan first: a header is only ever visible with its plan behind it.
                    snapshot_data.insert(info.name.as_bytes(), data.as_slice())?;
                    snapshots.insert(info.name.as_bytes(), encode(info))?;
                }
                Ok(out)
            });
            let out = result?;
            self.db.flush()?;
            Ok(out)
        })
    }
}
