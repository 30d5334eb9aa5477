//! Variations in the store (GUIDE §8): the list lives beside the plan's
//! record in `meta` (`variations`), so a database from before has none and
//! needs no migration. Opening, recording and rejecting are one transaction
//! over that list; approving is the variation's edits applied in the one
//! transaction of `apply_many` (`many.rs`), which marks it approved too.

use sled::transaction::ConflictableTransactionError;

use super::rows::{decode, encode};
use super::{ServiceError, Store};
use crate::api::{AuditNote, Edit};
use crate::model::edit::apply_all;
use crate::model::variation::{self, Variation, VariationError, VariationState};
use crate::model::{Objective, Plan};

/// The key of the list in `meta`.
pub(super) const KEY: &[u8] = b"variations";

/// The open variation `id` of `list`.
pub(super) fn open_one(list: &mut [Variation], id: u64) -> Result<&mut Variation, ServiceError> {
    let v = list
        .iter_mut()
        .find(|v| v.id == id)
        .ok_or(ServiceError::Variation(VariationError::NoSuchVariation {
            id,
        }))?;
    if v.state != VariationState::Open {
        let e = VariationError::NotOpen { id, state: v.state };
        return Err(ServiceError::Variation(e));
    }
    Ok(v)
}

impl Store {
    /// Every variation, oldest first.
    pub fn variations(&self) -> Result<Vec<Variation>, ServiceError> {
        match self.meta.get(KEY)? {
            Some(bytes) => decode(&bytes),
            None => Ok(Vec::new()),
        }
    }

    /// Opens a variation with `reason`, once the plan is approved; it, with its id.
    pub fn open_variation(&self, reason: &str, who: &str) -> Result<Variation, ServiceError> {
        let at = super::now();
        self.update_variations(|plan, list| {
            variation::open_in(plan.state()).map_err(ServiceError::Variation)?;
            let v = Variation {
                id: list.iter().map(|v| v.id).max().unwrap_or(0) + 1,
                state: VariationState::Open,
                reason: reason.to_string(),
                opened_by: who.to_string(),
                opened_at: at,
                act: String::new(),
                decided_by: None,
                decided_at: None,
                rejection: String::new(),
                changes: Vec::new(),
            };
            list.push(v.clone());
            Ok(v)
        })
    }

    /// Records each edit's changes into open variation `id`, all or none,
    /// checked as `apply` checks them, the plan unchanged. A refusal names
    /// the edit, as `apply_many`'s.
    pub fn record_in_variation(&self, id: u64, edits: &[Edit]) -> Result<Variation, ServiceError> {
        let mut objectives: Vec<Objective> = Vec::with_capacity(edits.len());
        for (index, edit) in edits.iter().enumerate() {
            let blame = |e| ServiceError::in_edit(index, &edit.code, e);
            let o = self
                .objective(&edit.code)?
                .ok_or_else(|| blame(ServiceError::NoSuchObjective(edit.code.clone())))?;
            if let Some(other) = edit.changes.iter().find(|c| c.objective() != edit.code) {
                return Err(blame(ServiceError::NoSuchObjective(
                    other.objective().to_string(),
                )));
            }
            objectives.push(o);
        }
        self.update_variations(|_, list| {
            let v = open_one(list, id)?;
            let before = v.changes.clone();
            for (index, (edit, objective)) in edits.iter().zip(&objectives).enumerate() {
                let blame = |e| ServiceError::in_edit(index, &edit.code, e);
                // What the plan would be with the variation: the changes go on that.
                let (mut seen, _) = v
                    .applied_to(objective)
                    .map_err(|e| blame(ServiceError::Variation(e)))?;
                let applied = apply_all(&mut seen, &edit.changes)
                    .map_err(|e| blame(ServiceError::Refused(e)))?;
                v.record(&applied)
                    .map_err(|e| blame(ServiceError::Variation(e)))?;
            }
            if v.changes == before {
                return Err(ServiceError::NothingToChange);
            }
            Ok(v.clone())
        })
    }

    /// Rejects open variation `id` with `reason`: nothing of it is applied.
    pub fn reject_variation(
        &self,
        id: u64,
        reason: &str,
        who: &str,
    ) -> Result<Variation, ServiceError> {
        let at = super::now();
        self.update_variations(|_, list| {
            let v = open_one(list, id)?;
            v.state = VariationState::Rejected;
            v.rejection = reason.to_string();
            v.decided_by = Some(who.to_string());
            v.decided_at = Some(at);
            Ok(v.clone())
        })
    }

    /// Applies open variation `id` with `act`, all of it in one transaction
    /// with the variation marked approved; refused, naming the field, when
    /// the plan changed a recorded field since.
    pub fn approve_variation(
        &self,
        id: u64,
        act: &str,
        who: &str,
    ) -> Result<Variation, ServiceError> {
        let plan = self.plan()?;
        variation::open_in(plan.state()).map_err(ServiceError::Variation)?;
        let mut list = self.variations()?;
        let v = open_one(&mut list, id)?.clone();
        if v.changes.is_empty() {
            return Err(ServiceError::Variation(VariationError::Empty { id }));
        }
        let mut codes: Vec<&str> = Vec::new();
        for c in &v.changes {
            if !codes.contains(&c.code.as_str()) {
                codes.push(&c.code);
            }
        }
        let note = AuditNote::Variation {
            id,
            act: act.to_string(),
        };
        let mut edits = Vec::with_capacity(codes.len());
        for code in codes {
            let stored = self
                .versioned(code)?
                .ok_or_else(|| ServiceError::NoSuchObjective(code.to_string()))?;
            let (_, changes) = v
                .applied_to(&stored.objective)
                .map_err(ServiceError::Variation)?;
            edits.push(Edit {
                code: code.to_string(),
                changes,
                expected: Some(stored.version),
                note: Some(note.clone()),
            });
        }
        let decided = Variation {
            state: VariationState::Approved,
            act: act.to_string(),
            decided_by: Some(who.to_string()),
            decided_at: Some(super::now()),
            ..v
        };
        self.write(|| self.apply_edits(&edits, who, Some(&decided)))?;
        Ok(decided)
    }

    /// One transaction over the plan's record and the list: `f` changes the
    /// list (it may run again if the transaction is retried); flushed.
    fn update_variations<T>(
        &self,
        f: impl Fn(&Plan, &mut Vec<Variation>) -> Result<T, ServiceError>,
    ) -> Result<T, ServiceError> {
        self.write(|| {
            let result = self.meta.transaction(|meta| {
                let abort = ConflictableTransactionError::Abort;
                let plan: Plan = match meta.get(b"plan")? {
                    Some(bytes) => decode(&bytes).map_err(abort)?,
                    None => Plan::default(),
                };
                let mut list: Vec<Variation> = match meta.get(KEY)? {
                    Some(bytes) => decode(&bytes).map_err(abort)?,
                    None => Vec::new(),
                };
                let out = f(&plan, &mut list).map_err(abort)?;
                meta.insert(KEY, encode(&list))?;
                Ok(out)
            });
            let out = result?;
            self.db.flush()?;
            Ok(out)
        })
    }
}
