//! Edits of many objectives in one transaction (GUIDE §5, issue 25 item 3):
//! a sheet import, `set --batch`. Every objective's changes are checked
//! and worked out first; then one sled transaction writes them all with
//! their audit entries, and one flush makes them durable. A refusal of any
//! edit refuses the batch, naming it; a crash leaves all of it or none.
//! `apply` is the batch of one edit.

use std::collections::HashMap;

use sled::Transactional;
use sled::Tree;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::live::Live;
use super::rows::{Compact, ObjectiveRow, decode, encode, phases_to_bytes};
use super::{AuditEntry, AuditNote, ServiceError, Store, TxResult, Versioned, audit_index};
use crate::api::{Edit, EditOutcome};
use crate::model::column::PlanState;
use crate::model::edit::{Applied, Change, apply_all, move_item};
use crate::model::variation::Variation;
use crate::model::{Plan, frozen};

/// One objective's write, worked out before the transaction.
struct Write {
    code: String,
    /// The version read: the transaction checks it is still the one stored.
    version: u64,
    row: ObjectiveRow,
    /// The phases row anew when any phase changed, moved, came or went
    /// (empty: none is left, the row goes); `None`: as it is.
    phases: Option<Vec<u8>>,
    outline: Vec<u8>,
    search: Vec<u8>,
    entries: Vec<(u64, AuditEntry)>,
}

/// What every objective of one attempt at a batch is worked out with.
struct Round<'a> {
    at: chrono::DateTime<chrono::FixedOffset>,
    who: &'a str,
    plan: Plan,
    /// The edits are an approved variation's: the baseline is theirs to change.
    varied: bool,
}

impl Store {
    /// Applies every edit in one transaction with their audit entries, all
    /// or none; per edit, its objective as stored after. A refused edit is
    /// `ServiceError::InEdit` (which one, and why).
    pub fn apply_many(&self, edits: &[Edit], who: &str) -> Result<Vec<EditOutcome>, ServiceError> {
        self.write(|| self.apply_edits(edits, who, None))
    }

    /// The one way an edit is applied: `apply_at` and `apply_noted_at` are a
    /// batch of one, whose errors are said as they always were.
    pub(super) fn apply_unguarded(
        &self,
        code: &str,
        changes: &[Change],
        who: &str,
        expected: Option<u64>,
        note: Option<&AuditNote>,
    ) -> Result<Versioned, ServiceError> {
        let edit = Edit {
            code: code.to_string(),
            changes: changes.to_vec(),
            expected,
            note: note.cloned(),
        };
        let mut outcomes = self
            .apply_edits(std::slice::from_ref(&edit), who, None)
            .map_err(ServiceError::unwrapped)?;
        match outcomes.pop() {
            Some(EditOutcome { now, changed: true }) => Ok(now),
            _ => Err(ServiceError::NothingToChange),
        }
    }

    /// The edits, and with them (`decided`) a variation marked approved in
    /// the same transaction.
    pub(super) fn apply_edits(
        &self,
        edits: &[Edit],
        who: &str,
        decided: Option<&Variation>,
    ) -> Result<Vec<EditOutcome>, ServiceError> {
        // The edits of each objective, by position, objectives in order of first appearance.
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<&str, usize> = HashMap::new();
        for (index, edit) in edits.iter().enumerate() {
            let at = *group_of.entry(&edit.code).or_insert_with(|| {
                groups.push((&edit.code, Vec::new()));
                groups.len() - 1
            });
            groups[at].1.push(index);
        }
        loop {
            let live = self.live();
            let round = Round {
                at: super::now(),
                who,
                // Its state says which fields are frozen (GUIDE §8).
                plan: self.plan()?,
                varied: decided.is_some(),
            };
            let mut writes = Vec::new();
            let mut now: Vec<(Versioned, bool)> = Vec::with_capacity(groups.len());
            for (code, indices) in &groups {
                let (objective, write) = self.work_out(&live, &round, code, edits, indices)?;
                now.push((objective, write.is_some()));
                writes.extend(write);
            }
            match self.commit(&live, &writes, decided) {
                Ok(()) => {}
                // Someone wrote one of these objectives meanwhile: read them again.
                Err(ServiceError::Retry) => continue,
                Err(e) => return Err(e),
            }
            if !writes.is_empty() || decided.is_some() {
                self.db.flush()?;
            }
            let mut outcomes = vec![None; edits.len()];
            for ((_, indices), (objective, changed)) in groups.iter().zip(now) {
                for &index in indices {
                    outcomes[index] = Some(EditOutcome {
                        now: objective.clone(),
                        changed,
                    });
                }
            }
            return Ok(outcomes.into_iter().flatten().collect());
        }
    }

    /// One objective's edits (`indices` into `edits`) applied on it as
    /// stored: the objective after them, and its write (`None` when they
    /// change nothing). A refusal names the edit to blame.
    fn work_out(
        &self,
        live: &Live,
        round: &Round,
        code: &str,
        edits: &[Edit],
        indices: &[usize],
    ) -> Result<(Versioned, Option<Write>), ServiceError> {
        let (at, who, plan) = (round.at, round.who, &round.plan);
        let blame = |index: usize| move |e: ServiceError| ServiceError::in_edit(index, code, e);
        let first = indices[0];
        let Some(row_bytes) = live.objectives.get(code.as_bytes())? else {
            return Err(blame(first)(ServiceError::NoSuchObjective(code.into())));
        };
        let row = ObjectiveRow::from_bytes(&row_bytes)?;
        let version = row.version;
        for &index in indices {
            if edits[index].expected.is_some_and(|e| e != version) {
                return Err(blame(index)(self.conflict(code, version)?));
            }
        }
        let before = self.with_phases_in(live, row.clone())?;
        let mut after = before.clone();
        let mut ids = row.phase_ids.clone();
        let mut recorded: Vec<(Applied, Option<&AuditNote>)> = Vec::new();
        for &index in indices {
            let edit = &edits[index];
            if let Some(other) = edit.changes.iter().find(|c| c.objective() != code) {
                let e = ServiceError::NoSuchObjective(other.objective().to_string());
                return Err(blame(index)(e));
            }
            let state = plan.state();
            let applied = (edit.changes.iter())
                .try_for_each(|c| c.refused_in(state))
                .and_then(|()| apply_all(&mut after, &edit.changes))
                .and_then(|applied| {
                    let varied = round.varied.then_some(PlanState::Approved);
                    frozen::refused_unless(plan, &before, &after, varied).map(|()| applied)
                })
                .map_err(|e| blame(index)(ServiceError::Refused(e)))?;
            // A value equal to the stored one is no change (GUIDE §7): only
            // the parts that differ are recorded.
            recorded.extend(
                applied
                    .into_iter()
                    .filter(|a| a.old != a.new)
                    .map(|a| (a, edit.note.as_ref())),
            );
            // Mirror added, deleted and moved phases on the ids, in the same order.
            for change in &edit.changes {
                match change {
                    Change::AddPhase { phase, .. } => ids.insert(*phase, self.db.generate_id()?),
                    Change::DeletePhase { phase, .. } => {
                        ids.remove(*phase);
                    }
                    Change::MovePhase { from, to, .. } => move_item(&mut ids, *from, *to),
                    _ => {}
                }
            }
        }
        // Who asked and when, on the parts of the assessment this wrote.
        after.stamp_assessment(&before, who, at);
        if recorded.is_empty() || after == before {
            let stored = Versioned {
                objective: before,
                version,
            };
            return Ok((stored, None));
        }
        let entries = recorded
            .into_iter()
            .map(|(what, note)| {
                let entry = AuditEntry {
                    at,
                    who: who.to_string(),
                    what,
                    note: note.cloned(),
                };
                Ok((self.db.generate_id()?, entry))
            })
            .collect::<Result<_, sled::Error>>()?;
        let new_row = ObjectiveRow {
            pos: row.pos,
            version: version + 1,
            phase_ids: ids.clone(),
            objective: super::without_phases(&after),
        };
        let phases = (after.phases != before.phases).then(|| match after.phases.is_empty() {
            true => Vec::new(),
            false => phases_to_bytes(&after.phases),
        });
        let write = Write {
            code: code.to_string(),
            version,
            phases,
            outline: super::outline::outline_value(&new_row, &after),
            search: super::outline::search_value(&after),
            row: new_row,
            entries,
        };
        let stored = Versioned {
            objective: after,
            version: version + 1,
        };
        Ok((stored, Some(write)))
    }

    /// Every write in one transaction; `Retry` when an objective is no
    /// longer at the version it was read at.
    fn commit(
        &self,
        live: &Live,
        writes: &[Write],
        decided: Option<&Variation>,
    ) -> Result<(), ServiceError> {
        if writes.is_empty() && decided.is_none() {
            return Ok(());
        }
        let trees = [
            Tree::clone(&live.objectives),
            Tree::clone(&live.phases),
            Tree::clone(&self.audit),
            Tree::clone(&live.outline),
            Tree::clone(&live.search),
            Tree::clone(&self.audit_index),
            Tree::clone(&self.meta),
        ];
        let result = trees.transaction(|t| {
            let [objectives, phases, audit, outline, search, index, meta] = &t[..] else {
                unreachable!("seven trees were passed")
            };
            if let Some(decided) = decided {
                decide(meta, decided)?;
            }
            for write in writes {
                write.apply(objectives, phases, outline, search)?;
                for (id, entry) in &write.entries {
                    audit_index::record(audit, index, *id, entry)?;
                }
            }
            Ok(())
        });
        Ok(result?)
    }
}

/// `decided` in place of the open variation of its id, in the transaction;
/// aborted when it is no longer open (decided meanwhile).
fn decide(meta: &TransactionalTree, decided: &Variation) -> TxResult<()> {
    let abort = ConflictableTransactionError::Abort;
    let mut list: Vec<Variation> = match meta.get(super::variations::KEY)? {
        Some(bytes) => decode(&bytes).map_err(abort)?,
        None => Vec::new(),
    };
    let open = super::variations::open_one(&mut list, decided.id).map_err(abort)?;
    *open = decided.clone();
    meta.insert(super::variations::KEY, encode(&list))?;
    Ok(())
}

impl Write {
    /// The objective's records, inside the transaction; aborted with `Retry`
    /// when somebody else wrote the objective since it was read.
    fn apply(
        &self,
        objectives: &TransactionalTree,
        phases: &TransactionalTree,
        outline: &TransactionalTree,
        search: &TransactionalTree,
    ) -> TxResult<()> {
        let code = self.code.as_bytes();
        let current = super::existing(objectives, &self.code, ObjectiveRow::from_bytes)?;
        if current.map(|r| r.version) != Some(self.version) {
            return Err(ConflictableTransactionError::Abort(ServiceError::Retry));
        }
        objectives.insert(code, self.row.to_bytes())?;
        outline.insert(code, self.outline.as_slice())?;
        search.insert(code, self.search.as_slice())?;
        match &self.phases {
            Some(row) if row.is_empty() => {
                phases.remove(code)?;
            }
            Some(row) => {
                phases.insert(code, row.as_slice())?;
            }
            None => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::versions::tests::store;
    use super::*;
    use crate::model::{PhaseField, Value};

    fn status(code: &str, text: &str) -> Edit {
        Edit {
            code: code.into(),
            changes: vec![super::super::versions::tests::status(code, text)],
            expected: None,
            note: None,
        }
    }

    fn progress(code: &str, value: f64) -> Edit {
        Edit {
            code: code.into(),
            changes: vec![Change::SetPhase {
                objective: code.into(),
                phase: 0,
                field: PhaseField::Progress,
                value: Value::Number(Some(value)),
            }],
            expected: None,
            note: None,
        }
    }

    /// The codes of the objectives that have phases.
    fn codes(store: &Store) -> Vec<String> {
        let plan = store.load().unwrap();
        let with_phases = plan.objectives.into_iter().filter(|o| !o.phases.is_empty());
        with_phases.map(|o| o.code).collect()
    }

    #[test]
    fn a_batch_lands_whole_with_one_version_and_an_audit_entry_per_change() {
        let (_dir, store) = store();
        let codes = codes(&store);
        let (a, b) = (&codes[0], &codes[1]);
        let before = store.versioned(a).unwrap().unwrap().version;
        let entries = store.history(None).unwrap().len();
        let mut forced = status(a, "Concluso");
        forced.note = Some(AuditNote::Forced);
        let done = store
            .apply_many(&[progress(a, 41.5), status(b, "Sospeso"), forced], "anna")
            .unwrap();
        assert_eq!(done.len(), 3);
        assert!(done.iter().all(|d| d.changed));
        // Both edits of `a` are one write: one version more, both changes in it.
        assert_eq!(done[0], done[2]);
        assert_eq!(done[0].now.version, before + 1);
        assert_eq!(done[0].now.objective.status.as_deref(), Some("Concluso"));
        let history = store.history(None).unwrap();
        let new = &history[entries..];
        assert_eq!(new.len(), 3, "{new:?}");
        // The note is kept with the forced edit's entry only.
        assert_eq!(new.iter().filter(|e| e.note.is_some()).count(), 1);
        assert_eq!(
            store.objective(b).unwrap().unwrap().status.as_deref(),
            Some("Sospeso")
        );
    }

    #[test]
    fn one_refused_edit_refuses_the_batch_naming_it_and_writes_nothing() {
        let (_dir, store) = store();
        let codes = codes(&store);
        let plan = store.load().unwrap();
        // A progress over 100, a version someone else moved, an unknown code.
        let mut outdated = status(&codes[2], "x");
        outdated.expected = Some(0);
        store
            .apply_at(&codes[2], &status(&codes[2], "y").changes, "mario", None)
            .unwrap();
        let plan_after_mario = store.load().unwrap();
        assert_ne!(plan, plan_after_mario);
        let seq = store.last_seq().unwrap();
        for (bad, says) in [
            (progress(&codes[1], 140.0), "Refused"),
            (outdated, "Outdated"),
            (status("99_9999_9999", "x"), "NoSuchObjective"),
        ] {
            let batch = [status(&codes[0], "Concluso"), bad];
            match store.apply_many(&batch, "anna") {
                Err(ServiceError::InEdit { index, code, error }) => {
                    assert_eq!(index, 1);
                    assert_eq!(code, batch[1].code);
                    assert!(format!("{error:?}").starts_with(says), "{error:?}");
                }
                other => panic!("{says}: {other:?}"),
            }
            assert_eq!(store.load().unwrap(), plan_after_mario, "{says}");
            assert_eq!(store.last_seq().unwrap(), seq, "{says}");
        }
    }

    #[test]
    fn an_edit_of_the_values_stored_changes_nothing_of_its_objective_only() {
        let (_dir, store) = store();
        let codes = codes(&store);
        let a = store
            .apply_at(
                &codes[0],
                &status(&codes[0], "In Corso").changes,
                "anna",
                None,
            )
            .unwrap();
        let same = status(&codes[0], "In Corso");
        let done = store
            .apply_many(&[same, status(&codes[1], "Sospeso")], "anna")
            .unwrap();
        assert_eq!((done[0].changed, done[1].changed), (false, true));
        assert_eq!(done[0].now, a, "no version moves without a change");
        // The batch of one, `apply`, still says so as a refusal.
        assert_eq!(
            store.apply_at(
                &codes[1],
                &status(&codes[1], "Sospeso").changes,
                "anna",
                None
            ),
            Err(ServiceError::NothingToChange)
        );
    }
}
