//! Bringing a database written by an older version up to `SCHEMA_VERSION`
//! (6), after a JSON backup of it beside the database (taken first: if it
//! cannot be written, nothing is migrated). Opened in the legacy space (its
//! one plan under the bare tree names, rows in JSON, see `space`), its plan
//! is copied into plan 1's trees in batches, as an import writes a
//! generation: the records that stay JSON as they are, objective and phase
//! rows in the compact encoding, the outline, search and audit index
//! records built anew (which also brings schemas 1 to 4 up: indicators and
//! settings read with their defaults, the outline with the verdict, the
//! audit index). Drafts leave sled for their files (schema 3 and before).
//!
//! All or nothing: until one small transaction writes plan 1 into the
//! registry and the schema version, the old code ignores plan 1's trees and
//! the next open copies again from the start; after it, the old trees are
//! dropped (here, or at the next open if killed first).

use sled::{Batch, Db, Transactional, Tree};

use super::live::Live;
use super::outline::{outline_value, search_value};
use super::rows::{Compact, ObjectiveRow, phase_key};
use super::space::{self, PlanSpace};
use super::{SCHEMA_VERSION, ServiceError, Store, audit_index, registry};
use crate::model::Plan;

/// Records copied per batch: bounded memory for any plan.
const BATCH: usize = 1_000;

/// The keys of the old `meta` that were the plan's: they move to its own.
pub(super) const PLAN_KEYS: [&[u8]; 3] = [b"plan", b"next_pos", super::variations::KEY];

impl Store {
    /// Moves the plan of an older schema (`from`) into plan 1 (see the module doc).
    pub(super) fn migrate(&self, from: u32) -> Result<(), ServiceError> {
        let dataset = self.load()?;
        crate::io::snapshot::save(&self.path, &dataset, &format!("schema{from}"))
            .map_err(|e| ServiceError::Corrupt(format!("backup before the migration: {e}")))?;
        let plan = dataset.plan.clone();
        drop(dataset);
        let drafts = self.db.open_tree("drafts")?;
        self.write(|| self.move_out_of_sled(&drafts))?;
        let target = PlanSpace::of(1);
        self.write(|| {
            // What a migration killed before its switch had copied.
            drop_space(&self.db, &target)?;
            self.copy_into(&target)?;
            self.switch_to(1, &plan)?;
            self.db.flush()?;
            Ok(())
        })
    }

    fn copy_into(&self, target: &PlanSpace) -> Result<(), ServiceError> {
        let open = |kind: &str| self.db.open_tree(target.tree(kind));
        let meta = open("meta")?;
        for key in PLAN_KEYS {
            if let Some(value) = self.meta.get(key)? {
                meta.insert(key, value)?;
            }
        }
        // The other records as they are (JSON then and now); the index anew, below.
        for kind in space::PLAN_TREES {
            if !["meta", audit_index::TREE].contains(&kind) {
                copy(&self.db.open_tree(self.space.tree(kind))?, &open(kind)?)?;
            }
        }
        self.copy_objectives(&Live::open(&self.db, target, 0)?)?;
        audit_index::build(&open("audit")?, &open(audit_index::TREE)?)
    }

    /// The objectives and phases in compact rows, with their outline and
    /// search records, into generation 0 of the target.
    fn copy_objectives(&self, next: &Live) -> Result<(), ServiceError> {
        let live = self.live();
        let mut batches: [Batch; 4] = Default::default();
        let mut pending = 0;
        let apply = |batches: [Batch; 4]| -> Result<(), sled::Error> {
            let trees = next.trees().into_iter();
            trees
                .zip(batches)
                .try_for_each(|(tree, batch)| tree.apply_batch(batch))
        };
        for item in live.objectives.iter() {
            let (key, value) = item?;
            let row = ObjectiveRow::from_bytes(&value)?;
            let objective = self.with_phases_in(&live, row.clone())?;
            for (id, phase) in row.phase_ids.iter().zip(&objective.phases) {
                batches[1].insert(phase_key(&objective.code, *id), phase.to_bytes());
            }
            batches[0].insert(key.clone(), row.to_bytes());
            batches[2].insert(key.clone(), outline_value(&row, &objective));
            batches[3].insert(key, search_value(&objective));
            pending += 1;
            if pending == BATCH {
                apply(std::mem::take(&mut batches))?;
                pending = 0;
            }
        }
        Ok(apply(batches)?)
    }

    /// Plan `id` in the registry, the default, and the schema version, in
    /// one transaction; the old `meta`'s plan keys go in it too.
    fn switch_to(&self, id: u64, plan: &Plan) -> Result<(), ServiceError> {
        let trees = [Tree::clone(&self.global), Tree::clone(&self.registry)];
        let result = trees.transaction(|t| {
            let [meta, plans] = &t[..] else {
                unreachable!("two trees were passed")
            };
            registry::record(plans, id, plan, true)?;
            for key in PLAN_KEYS.iter().chain([&super::live::LIVE_KEY]) {
                meta.remove(*key)?;
            }
            meta.insert(b"schema_version", SCHEMA_VERSION.to_string().as_bytes())?;
            Ok(())
        });
        Ok(result?)
    }
}

/// Copies every record of `from` into `to`, in batches.
pub(super) fn copy(from: &Tree, to: &Tree) -> Result<(), ServiceError> {
    let mut batch = Batch::default();
    let mut pending = 0;
    for item in from.iter() {
        let (key, value) = item?;
        batch.insert(key, value);
        pending += 1;
        if pending == BATCH {
            to.apply_batch(std::mem::take(&mut batch))?;
            pending = 0;
        }
    }
    Ok(to.apply_batch(batch)?)
}

/// Drops every tree of the plan in `space`.
pub(super) fn drop_space(db: &Db, space: &PlanSpace) -> Result<(), ServiceError> {
    for name in db.tree_names() {
        if space.kind_of(&name).is_some() {
            db.drop_tree(&name)?;
        }
    }
    Ok(())
}

/// Drops the trees of schema 5 and before (what a migration left behind),
/// in a database of schema 6: every tree but the database's own and the plans'.
pub(super) fn drop_legacy(db: &Db) -> Result<(), ServiceError> {
    for name in db.tree_names() {
        let own = [space::META, space::REGISTRY, "__sled__default"]
            .iter()
            .any(|t| t.as_bytes() == name.as_ref());
        if !own && space::plan_of(&name).is_none() {
            db.drop_tree(&name)?;
        }
    }
    Ok(())
}
