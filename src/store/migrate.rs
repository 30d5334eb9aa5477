//! Bringing a database written by an older version up to `SCHEMA_VERSION`
//! (7), after a JSON backup of it beside the database (taken first: if it
//! cannot be written, nothing is migrated). Schema 5 and before: opened in the legacy space (its
//! one plan under the bare tree names, rows in JSON, see `space`), its plan
//! is copied into plan 1's trees in batches, as an import writes a
//! generation: the records that stay JSON as they are, objective rows and
//! each objective's phases row in the compact encoding, the outline, search and audit index
//! records built anew (which also brings schemas 1 to 4 up: indicators and
//! settings read with their defaults, the outline with the verdict, the
//! audit index). Drafts leave sled for their files (schema 3 and before).
//!
//! All or nothing: until one small transaction writes plan 1 into the
//! registry and the schema version, the old code ignores plan 1's trees and
//! the next open copies again from the start; after it, the old trees are
//! dropped (here, or at the next open if killed first).
//!
//! Schema 6 → 7 (`migrate_phases`): every plan's phases, a row a phase
//! (`code 0x00 id`), into one row an objective, after a backup of every
//! plan. Each plan's objectives' trees are written as a new generation
//! (`live`), the objective, outline and search rows as they are; one
//! transaction then puts every plan's new generation in use with the
//! schema version. Killed before it, the next open drops what was copied
//! and copies again; after it, the old generations are dropped (the other
//! plans' at the next open if killed first: `finish_phases`).

use sled::{Batch, Db, Transactional, Tree};

use super::live::Live;
use super::outline::{outline_value, search_value};
use super::rows::{Compact, ObjectiveRow, phases_to_bytes};
use super::space::{self, PlanSpace};
use super::{SCHEMA_VERSION, ServiceError, Store, audit_index, registry};
use crate::model::Plan;

/// Records copied per batch: bounded memory for any plan.
const BATCH: usize = 1_000;

/// The first schema with one phases row an objective.
pub(super) const PHASE_LISTS: u32 = 7;

/// In the database's `meta` from the switch of a migration of the phases
/// until every plan's old generation is dropped.
const OLD_GENERATIONS: &[u8] = b"old_generations";

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
            if !objective.phases.is_empty() {
                batches[1].insert(key.clone(), phases_to_bytes(&objective.phases));
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

impl Store {
    /// Schema 6 → 7: every plan's phases into one row an objective (see the
    /// module doc), after a backup of every plan.
    pub(super) fn migrate_phases(&self, from: u32) -> Result<(), ServiceError> {
        let plans = self.plans()?;
        let mut others = Vec::new();
        for entry in plans.iter().filter(|p| p.id != self.plan_id) {
            others.push(self.sibling(entry.id, None)?);
        }
        let text = crate::io::backup::to_string(
            &self.load()?,
            &(others.iter().map(Store::load)).collect::<Result<Vec<_>, _>>()?,
        );
        crate::io::snapshot::save_text(&self.path, &text, &format!("schema{from}"))
            .map_err(|e| ServiceError::Corrupt(format!("backup before the migration: {e}")))?;
        drop(text);
        self.write(|| {
            let stores: Vec<&Store> = std::iter::once(self).chain(&others).collect();
            let mut switched = Vec::with_capacity(stores.len());
            for store in &stores {
                let live = store.live();
                // What a migration killed before its switch had copied.
                Live::drop_others(&store.db, &store.space, live.generation)?;
                let next = Live::open(&store.db, &store.space, live.generation + 1)?;
                store.copy_phase_lists(&live, &next)?;
                switched.push((Tree::clone(&store.meta), next.generation));
            }
            let mut trees = vec![Tree::clone(&self.global)];
            trees.extend(switched.iter().map(|(meta, _)| meta.clone()));
            let result = trees[..].transaction(|t| -> super::TxResult<()> {
                let (global, metas) = t.split_first().expect("the database's meta first");
                for (meta, (_, generation)) in metas.iter().zip(&switched) {
                    meta.insert(super::live::LIVE_KEY, &generation.to_be_bytes())?;
                }
                global.insert(OLD_GENERATIONS, Vec::new())?;
                global.insert(b"schema_version", SCHEMA_VERSION.to_string().as_bytes())?;
                Ok(())
            });
            result?;
            self.db.flush()?;
            finish_phases(&self.db, &self.global, &self.registry)
        })
    }

    /// `live`'s objectives into `next`, their phases one row an objective,
    /// their other rows as they are.
    fn copy_phase_lists(&self, live: &Live, next: &Live) -> Result<(), ServiceError> {
        copy(&live.objectives, &next.objectives)?;
        copy(&live.outline, &next.outline)?;
        copy(&live.search, &next.search)?;
        let mut batch = Batch::default();
        let mut pending = 0;
        for item in live.objectives.iter() {
            let (key, value) = item?;
            let row = ObjectiveRow::from_bytes(&value)?;
            let phases = super::rows::phases_by_id(&live.phases, &row)?;
            if phases.is_empty() {
                continue;
            }
            batch.insert(key, phases_to_bytes(&phases));
            pending += 1;
            if pending == BATCH {
                next.phases.apply_batch(std::mem::take(&mut batch))?;
                pending = 0;
            }
        }
        Ok(next.phases.apply_batch(batch)?)
    }
}

/// After the switch of a migration of the phases (`global` says so): every
/// plan's generations but the one in use dropped. Nothing otherwise.
pub(super) fn finish_phases(db: &Db, global: &Tree, registry: &Tree) -> Result<(), ServiceError> {
    if !global.contains_key(OLD_GENERATIONS)? {
        return Ok(());
    }
    for entry in registry::entries(registry)? {
        let space = PlanSpace::of(entry.id);
        let generation = Live::in_use(&db.open_tree(space.tree("meta"))?)?;
        Live::drop_others(db, &space, generation)?;
    }
    global.remove(OLD_GENERATIONS)?;
    db.flush()?;
    Ok(())
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
