//! Versions of objectives, for several people editing through one server: an
//! edit names the version it was made on, and one made on an outdated version
//! is refused with who changed the objective since and when (no lost updates).
//! `changes_since` lets a client catch up with what others did.
//!
//! The version is the `version` field every objective row has had since the
//! first schema, so older databases need no migration.

use super::rows::{Compact, ObjectiveRow, decode};
use super::{AuditEntry, AuditNote, ServiceError, Store};
use crate::api::{Changes, Conflict, Versioned};
use crate::model::Dataset;
use crate::model::applied::Part;
use crate::model::edit::Change;

impl Store {
    /// Applies `changes` (all to objective `code`) as one transaction with their
    /// audit entries, if the objective is still at version `expected` (any
    /// version when `None`), and returns it as stored with its new version. If
    /// any change is refused, nothing is written and the error says why.
    pub fn apply_at(
        &self,
        code: &str,
        changes: &[Change],
        who: &str,
        expected: Option<u64>,
    ) -> Result<Versioned, ServiceError> {
        self.write(|| self.apply_unguarded(code, changes, who, expected, None))
    }

    /// `apply_at` with `note` kept in every audit entry it writes.
    pub fn apply_noted_at(
        &self,
        code: &str,
        changes: &[Change],
        who: &str,
        expected: Option<u64>,
        note: AuditNote,
    ) -> Result<Versioned, ServiceError> {
        self.write(|| self.apply_unguarded(code, changes, who, expected, Some(&note)))
    }

    /// One objective with its version.
    pub fn versioned(&self, code: &str) -> Result<Option<Versioned>, ServiceError> {
        let Some(bytes) = self.live().objectives.get(code.as_bytes())? else {
            return Ok(None);
        };
        let row = ObjectiveRow::from_bytes(&bytes)?;
        let version = row.version;
        Ok(Some(Versioned {
            objective: self.with_phases(row)?,
            version,
        }))
    }

    /// The whole plan, each objective's version (in the same order), and the
    /// position in the history to ask `changes_since` from. The position is read
    /// first, so a change landing meanwhile is at worst fetched twice.
    pub fn load_versioned(&self) -> Result<(Dataset, Vec<u64>, u64), ServiceError> {
        let seq = self.last_seq()?;
        let (dataset, versions) = self.load_with_versions()?;
        Ok((dataset, versions, seq))
    }

    /// The id of the newest audit entry (ids only grow), 0 for none.
    pub fn last_seq(&self) -> Result<u64, ServiceError> {
        Ok(match self.audit.last()? {
            Some((key, _)) => key_id(&key),
            None => 0,
        })
    }

    /// The objectives changed after history position `seq`. Writers must not run
    /// meanwhile (the server holds its write lock): a transaction half seen
    /// would move `seq` past an objective read before it changed.
    pub fn changes_since(&self, seq: u64) -> Result<Changes, ServiceError> {
        let mut out = Changes {
            seq,
            ..Changes::default()
        };
        let mut codes: Vec<String> = Vec::new();
        for item in self.audit.range(seq.saturating_add(1).to_be_bytes()..) {
            let (key, value) = item?;
            out.seq = out.seq.max(key_id(&key));
            let entry: AuditEntry = decode(&value)?;
            match entry.what.field {
                Part::Import
                | Part::Restore
                | Part::Cycle
                | Part::Window(_)
                | Part::PlanText(_) => out.reload = true,
                _ if !codes.contains(&entry.what.objective) => codes.push(entry.what.objective),
                _ => {}
            }
        }
        if out.reload {
            return Ok(out);
        }
        for code in codes {
            match self.versioned(&code)? {
                Some(v) => out.objectives.push(v),
                // Gone (only a restore removes objectives): read everything again.
                None => out.reload = true,
            }
        }
        Ok(out)
    }

    /// The refusal for an edit made on an outdated version of `code`.
    pub(crate) fn conflict(&self, code: &str, version: u64) -> Result<ServiceError, ServiceError> {
        let last = self.last_entry_of(code)?;
        let current = self
            .versioned(code)?
            .ok_or_else(|| ServiceError::NoSuchObjective(code.to_string()))?;
        Ok(ServiceError::Outdated(Box::new(Conflict {
            code: code.to_string(),
            version: current.version.max(version),
            by: last.as_ref().map(|e| e.who.clone()),
            at: last.map(|e| e.at),
            current: current.objective,
        })))
    }
}

fn key_id(key: &[u8]) -> u64 {
    <[u8; 8]>::try_from(key).map_or(0, u64::from_be_bytes)
}

/// Also the helpers of the other tests of the store that edit objectives.
#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{ObjectiveField, Value};

    pub(in crate::store) fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
        (dir, store)
    }

    pub(in crate::store) fn status(code: &str, text: &str) -> Change {
        Change::SetObjective {
            objective: code.into(),
            field: ObjectiveField::Status,
            value: Value::OptText(Some(text.into())),
        }
    }

    #[test]
    fn an_edit_on_an_outdated_version_is_refused_with_who_and_the_current_objective() {
        let (_dir, store) = store();
        let code = "05_1201_0601";
        let v0 = store.versioned(code).unwrap().unwrap().version;
        let by_anna = store
            .apply_at(code, &[status(code, "Concluso")], "anna", Some(v0))
            .unwrap();
        assert_eq!(by_anna.version, v0 + 1);
        match store.apply_at(code, &[status(code, "Sospeso")], "mario", Some(v0)) {
            Err(ServiceError::Outdated(c)) => {
                assert_eq!(c.by.as_deref(), Some("anna"));
                assert!(c.at.is_some());
                assert_eq!(c.version, v0 + 1);
                assert_eq!(c.current.status.as_deref(), Some("Concluso"));
                assert!(c.to_string().contains("(anna, "), "{c}");
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(
            store.objective(code).unwrap().unwrap().status.as_deref(),
            Some("Concluso")
        );
        // On the version just read, the edit goes through.
        let again = store
            .apply_at(code, &[status(code, "Sospeso")], "mario", Some(v0 + 1))
            .unwrap();
        assert_eq!(again.objective.status.as_deref(), Some("Sospeso"));
    }

    #[test]
    fn changes_since_lists_each_changed_objective_once_and_moves_on() {
        let (_dir, store) = store();
        let (dataset, versions, seq) = store.load_versioned().unwrap();
        assert_eq!(versions.len(), dataset.objectives.len());
        assert_eq!(store.changes_since(seq).unwrap().objectives, vec![]);
        let code = dataset.objectives[2].code.clone();
        store
            .apply_at(&code, &[status(&code, "a")], "anna", None)
            .unwrap();
        store
            .apply_at(&code, &[status(&code, "b")], "anna", None)
            .unwrap();
        let changes = store.changes_since(seq).unwrap();
        assert!(!changes.reload);
        assert_eq!(changes.objectives.len(), 1);
        assert_eq!(changes.objectives[0].objective.status.as_deref(), Some("b"));
        assert_eq!(changes.objectives[0].version, versions[2] + 2);
        assert!(changes.seq > seq);
        assert!(
            store
                .changes_since(changes.seq)
                .unwrap()
                .objectives
                .is_empty()
        );
        // An import asks for a whole reload.
        let mut incoming = dataset.clone();
        incoming.plan.title = "altro".into();
        store.import(&incoming, "anna").unwrap();
        assert!(store.changes_since(changes.seq).unwrap().reload);
    }
}
