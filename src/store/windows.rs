//! Monitoring windows in the store: they live in the plan's own record
//! (`meta` → `plan`, `Plan::windows`), so a database from before them needs
//! no migration (no window stored: closed, never opened). Opening or closing
//! one is one transaction over that record and its audit entry; closing also
//! writes the period's monitoring snapshot in the same transaction.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use sled::Transactional;
use sled::Tree;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::rows::{decode, encode};
use super::{AuditEntry, ServiceError, Store, audit_index};
use crate::api::SnapshotInfo;
use crate::model::edit::{Applied, Part};
use crate::model::windows::{Window, WindowError, WindowOutcome, WindowState, snapshot_name};
use crate::model::{PhaseField, Plan, Value, windows};

impl Store {
    /// Each (objective, phase) whose progress was entered at or after `since`:
    /// the audit read from its newest entry back to `since`.
    pub fn progress_updated_since(
        &self,
        since: DateTime<FixedOffset>,
    ) -> Result<HashSet<(String, usize)>, ServiceError> {
        let mut out = HashSet::new();
        for value in self.audit.iter().values().rev() {
            let entry: AuditEntry = decode(&value?)?;
            if entry.at < since {
                break;
            }
            if let (Part::Phase(PhaseField::Progress), Some(phase)) =
                (&entry.what.field, entry.what.phase)
            {
                out.insert((entry.what.objective, phase));
            }
        }
        Ok(out)
    }

    /// Stores `after` in place of `before` (the window as it was read),
    /// with its audit entry, all or nothing; refused when the stored window
    /// is no longer `before`. A closing takes the snapshot `Monitoraggio
    /// DD/MM/YYYY` (`(2)`, `(3)`… after a reopening) of the plan with the
    /// window closed.
    pub fn record_window(
        &self,
        before: &Window,
        after: &Window,
    ) -> Result<WindowOutcome, ServiceError> {
        self.write(|| {
            let event = after.events.last().ok_or(ServiceError::NothingToChange)?;
            let entry = AuditEntry {
                at: event.at,
                who: event.by.clone(),
                what: Applied {
                    objective: String::new(),
                    phase: None,
                    phase_name: None,
                    field: Part::Window(after.period),
                    old: Value::Text(before.state.code().into()),
                    new: Value::Text(after.state.code().into()),
                },
                note: None,
            };
            let id = self.db.generate_id()?;
            let snapshot = match after.state {
                WindowState::Closed => Some(self.window_snapshot(after, event)?),
                WindowState::Open => None,
            };
            let trees = [
                Tree::clone(&self.meta),
                Tree::clone(&self.audit),
                Tree::clone(&self.audit_index),
                Tree::clone(&self.snapshots),
                Tree::clone(&self.snapshot_data),
            ];
            let result = trees.transaction(|t| {
                let [meta, audit, index, snapshots, snapshot_data] = &t[..] else {
                    unreachable!("five trees were passed")
                };
                let abort = ConflictableTransactionError::Abort;
                let plan: Plan = match meta.get(b"plan")? {
                    Some(bytes) => decode(&bytes).map_err(abort)?,
                    None => Plan::default(),
                };
                let stored = windows::windows(&plan);
                if stored.iter().find(|w| w.period == before.period) != Some(before) {
                    let moved = WindowError::Moved {
                        period: before.period,
                    };
                    return Err(abort(ServiceError::Window(moved)));
                }
                meta.insert(b"plan", encode(&windows::with_window(&plan, after)))?;
                audit_index::record(audit, index, id, &entry)?;
                if let Some((info, data)) = &snapshot {
                    // The plan first: a header is only ever visible with its plan behind it.
                    snapshot_data.insert(info.name.as_bytes(), data.as_slice())?;
                    snapshots.insert(info.name.as_bytes(), encode(info))?;
                }
                Ok(())
            });
            match result {
                Ok(()) => {}
                Err(TransactionError::Abort(e)) => return Err(e),
                Err(TransactionError::Storage(e)) => return Err(e.into()),
            }
            self.db.flush()?;
            Ok(WindowOutcome {
                window: after.clone(),
                snapshot: snapshot.map(|(info, _)| info.name),
            })
        })
    }

    /// The snapshot a closing takes: its header and the plan (with the
    /// window closed), under the first name not taken.
    fn window_snapshot(
        &self,
        after: &Window,
        event: &windows::WindowEvent,
    ) -> Result<(SnapshotInfo, Vec<u8>), ServiceError> {
        let base = snapshot_name(after.period);
        let mut name = base.clone();
        let mut n = 1;
        while self.snapshots.contains_key(name.as_bytes())? {
            n += 1;
            name = format!("{base} ({n})");
        }
        let mut dataset = self.load()?;
        dataset.plan = windows::with_window(&dataset.plan, after);
        dataset.schema = crate::model::Dataset::schema_for(&dataset.plan).to_string();
        super::review::snapshot_record(&name, event.at, &event.by, &dataset)
    }
}
