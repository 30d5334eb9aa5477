//! Monitoring windows in the store: they live in the plan's own record
//! (`meta` → `plan`, `Plan::windows`), so a database from before them needs
//! no migration (no window stored: closed, never opened). Opening or closing
//! one is one transaction over that record and its audit entry
//! (`plan_record`); closing also writes the period's monitoring snapshot in
//! the same transaction.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use super::plan_record::Snapshot;
use super::rows::decode;
use super::{AuditEntry, ServiceError, Store};
use crate::model::edit::{Applied, Part};
use crate::model::windows::{Window, WindowError, WindowOutcome, WindowState, snapshot_name};
use crate::model::{PhaseField, Value, windows};

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
        let snapshot = match after.state {
            WindowState::Closed => Some(self.window_snapshot(after, event)?),
            WindowState::Open => None,
        };
        self.update_plan_audited(snapshot.as_ref(), |plan| {
            let stored = windows::windows(&plan);
            if stored.iter().find(|w| w.period == before.period) != Some(before) {
                let moved = WindowError::Moved {
                    period: before.period,
                };
                return Err(ServiceError::Window(moved));
            }
            Ok((windows::with_window(&plan, after), entry.clone(), ()))
        })?;
        Ok(WindowOutcome {
            window: after.clone(),
            snapshot: snapshot.map(|(info, _)| info.name),
        })
    }

    /// The snapshot a closing takes: its header and the plan (with the
    /// window closed), under the first name not taken.
    fn window_snapshot(
        &self,
        after: &Window,
        event: &windows::WindowEvent,
    ) -> Result<Snapshot, ServiceError> {
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
