//! Writing a whole plan (import, restore, a new database) as a new generation
//! of the objectives' trees (see `live`): `begin`, then `stage` the objectives
//! in chunks as they are read, then `commit`, which switches to the new
//! generation in one small transaction. Memory stays that of a chunk however
//! big the file; a process killed at any moment leaves the old plan or the
//! new one.
//!
//! An import is all or nothing: a chunk refused (or any error) ends it, and
//! its next chunk or commit is refused saying so. Its token is 128 random
//! bits, good only for the user and connection that began it (`ImportOwner`);
//! anyone else presenting it is told there is no such import. One import is
//! open at a time: beginning another ends the first, whose owner is told who.

use std::collections::{HashMap, VecDeque};

use sled::transaction::TransactionalTree;
use sled::{Batch, Transactional, Tree};

use super::live::{LIVE_KEY, Live};
use super::outline::{outline_value, search_value};
use super::rows::{Compact, MandateRow, MissionRow, ObjectiveRow, decode, encode, phases_to_bytes};
use super::{
    AuditEntry, ImportReport, ObjectiveOutcome, SCHEMA_VERSION, ServiceError, Store, TxResult,
    WriteMode, existing, now, without_phases,
};
use crate::model::applied::{Applied, Part};
use crate::model::diff::changed_fields;
use crate::model::validate::{Known, validate_head};
use crate::model::{Dataset, Objective};

/// Who began an import: a user on one connection of a server (serverless,
/// the process's user on connection 0). Only they may go on with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOwner {
    pub user: String,
    pub connection: u64,
}

impl ImportOwner {
    /// A plan written in one call (`write_dataset`), never seen by a client.
    pub(crate) fn internal(who: &str) -> ImportOwner {
        ImportOwner {
            user: who.to_string(),
            connection: u64::MAX,
        }
    }
}

/// How many ended imports are remembered, to tell their owners why.
const ENDED_KEPT: usize = 16;

/// The import open, if any, and the last ones that ended unfinished.
#[derive(Default)]
pub(crate) struct Imports {
    open: Option<Staging>,
    ended: VecDeque<Ended>,
}

/// An import that ended before its commit, and what its owner is told.
struct Ended {
    token: String,
    owner: ImportOwner,
    why: ServiceError,
}

impl Imports {
    /// The open import, taken out, when `owner` began it with `token`. Its
    /// owner is told why an ended one ended; anyone else, that there is none.
    fn take(&mut self, token: &str, owner: &ImportOwner) -> Result<Staging, ServiceError> {
        if let Some(s) = self.open.take_if(|s| s.token == token && s.owner == *owner) {
            return Ok(s);
        }
        match self
            .ended
            .iter()
            .find(|e| e.token == token && e.owner == *owner)
        {
            Some(e) => Err(e.why.clone()),
            None => Err(ServiceError::NoImport),
        }
    }

    fn end(&mut self, staging: Staging, why: ServiceError) {
        if self.ended.len() == ENDED_KEPT {
            self.ended.pop_front();
        }
        self.ended.push_back(Ended {
            token: staging.token,
            owner: staging.owner,
            why,
        });
    }
}

/// 128 bits from the system's generator, as 32 hex digits. Without it no
/// import begins (the store itself is fine: not a `Database` error).
fn new_token() -> Result<String, ServiceError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServiceError::Unavailable(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// An import under way.
pub(crate) struct Staging {
    token: String,
    owner: ImportOwner,
    mode: WriteMode,
    /// The plan's own record, mandates and missions, written at the switch.
    head: Dataset,
    /// What each objective staged is checked against.
    known: Known,
    /// The generation being written.
    next: Live,
    next_pos: u64,
    /// Each objective staged, in file order, with what it does to the plan.
    outcomes: Vec<(String, ObjectiveOutcome)>,
    /// The version each staged objective had in the plan in use (`None`: new),
    /// checked again at the switch: an edit made meanwhile is not overwritten.
    seen: HashMap<String, Option<u64>>,
}

impl Store {
    /// Starts writing a new generation for a plan whose own record, mandates
    /// and missions are `head`'s (its objectives are not read: they come with
    /// `stage`); the token that names it. An import still open ends here,
    /// and its owner is told by whom.
    pub fn begin_import(
        &self,
        head: &Dataset,
        mode: WriteMode,
        owner: &ImportOwner,
    ) -> Result<String, ServiceError> {
        let known = validate_head(head).map_err(ServiceError::Invalid)?;
        let mut head = Dataset {
            objectives: Vec::new(),
            ..head.clone()
        };
        if mode == WriteMode::Upsert {
            head.plan = self.imported_plan(&head.plan)?;
            head.variations = self.imported_variations(&head.variations)?;
        }
        self.write(|| {
            let mut imports = self.lock_imports();
            let live = self.live();
            let generation = live.generation + 1;
            if let Some(old) = imports.open.take() {
                imports.end(old, ServiceError::ImportReplaced(owner.user.clone()));
            }
            // Trees left by an import killed at this same generation, or ended above.
            Live::drop_others(&self.db, &self.space, live.generation)?;
            let next = Live::open(&self.db, &self.space, generation)?;
            let next_pos = match mode {
                WriteMode::Upsert => read_next_pos_of(&self.meta)?,
                WriteMode::Replace | WriteMode::NewDatabase | WriteMode::NewPlan => 0,
            };
            let token = new_token()?;
            imports.open = Some(Staging {
                token: token.clone(),
                owner: owner.clone(),
                mode,
                head,
                known,
                next,
                next_pos,
                outcomes: Vec::new(),
                seen: HashMap::new(),
            });
            Ok(token)
        })
    }

    /// Runs `step` on the open import named by `token` of `owner`; an error
    /// ends the import (its trees go), and its owner hears `why` from then on.
    fn with_import<T>(
        &self,
        token: &str,
        owner: &ImportOwner,
        why: impl FnOnce(&ServiceError) -> ServiceError,
        step: impl FnOnce(&mut Staging) -> Result<(T, bool), ServiceError>,
    ) -> Result<T, ServiceError> {
        self.write(|| {
            let mut imports = self.lock_imports();
            let mut staging = imports.take(token, owner)?;
            match step(&mut staging) {
                Ok((value, keep)) => {
                    if keep {
                        imports.open = Some(staging);
                    }
                    Ok(value)
                }
                Err(e) => {
                    imports.end(staging, why(&e));
                    // After a failed write the trees are left to the next open's cleaning.
                    if !e.breaks_the_store() {
                        Live::drop_others(&self.db, &self.space, self.live().generation)?;
                    }
                    Err(e)
                }
            }
        })
    }

    /// Drops the import `owner` left open (its connection closed), if any.
    pub fn abandon_import(&self, owner: &ImportOwner) -> Result<(), ServiceError> {
        self.write(|| {
            let mut imports = self.lock_imports();
            if imports.open.take_if(|s| s.owner == *owner).is_some() {
                Live::drop_others(&self.db, &self.space, self.live().generation)?;
            }
            Ok(())
        })
    }

    /// Checks `objectives` as the next of the file and writes them into the
    /// new generation; what each does to the plan. One refused ends the import.
    pub fn stage(
        &self,
        token: &str,
        owner: &ImportOwner,
        objectives: &[Objective],
    ) -> Result<Vec<(String, ObjectiveOutcome)>, ServiceError> {
        self.with_import(
            token,
            owner,
            |_| ServiceError::ImportRefused,
            |staging| Ok((self.stage_chunk(staging, objectives)?, true)),
        )
    }

    /// The chunk checked whole, then written, then recorded as seen.
    fn stage_chunk(
        &self,
        staging: &mut Staging,
        objectives: &[Objective],
    ) -> Result<Vec<(String, ObjectiveOutcome)>, ServiceError> {
        for o in objectives {
            staging.known.objective(o).map_err(ServiceError::Invalid)?;
        }
        let live = self.live();
        let mut batches: [Batch; 4] = Default::default();
        let mut seen = Vec::with_capacity(objectives.len());
        let mut outcomes = Vec::with_capacity(objectives.len());
        let upsert = staging.mode == WriteMode::Upsert;
        // An import changes no field the plan's state freezes (GUIDE §8).
        let plan = self.plan()?;
        let mut next_pos = staging.next_pos;
        for o in objectives {
            let current = live.objectives.get(o.code.as_bytes())?;
            let current = current.map(|b| ObjectiveRow::from_bytes(&b)).transpose()?;
            // A restore or a new database writes everything anew: nothing to compare.
            let (outcome, pos, version) = match current.as_ref().filter(|_| upsert) {
                None => {
                    if upsert {
                        crate::model::frozen::refused_import(&plan, None, o).map_err(|e| {
                            ServiceError::in_edit(0, &o.code, ServiceError::Refused(e))
                        })?;
                    }
                    next_pos += 1;
                    (ObjectiveOutcome::Added, next_pos - 1, 1)
                }
                Some(row) => {
                    let stored = self.with_phases_in(&live, row.clone())?;
                    crate::model::frozen::refused_import(&plan, Some(&stored), o)
                        .map_err(|e| ServiceError::in_edit(0, &o.code, ServiceError::Refused(e)))?;
                    let fields = changed_fields(&stored, o);
                    match fields.is_empty() {
                        true => (ObjectiveOutcome::Unchanged, row.pos, row.version),
                        false => (ObjectiveOutcome::Changed(fields), row.pos, row.version + 1),
                    }
                }
            };
            let phase_ids = o
                .phases
                .iter()
                .map(|_| self.db.generate_id())
                .collect::<Result<Vec<_>, _>>()?;
            if !o.phases.is_empty() {
                batches[1].insert(o.code.as_bytes(), phases_to_bytes(&o.phases));
            }
            let row = ObjectiveRow {
                pos,
                version,
                phase_ids,
                objective: without_phases(o),
            };
            let key = o.code.as_bytes();
            batches[0].insert(key, row.to_bytes());
            batches[2].insert(key, outline_value(&row, o));
            batches[3].insert(key, search_value(o));
            seen.push((o.code.clone(), current.map(|r| r.version)));
            outcomes.push((o.code.clone(), outcome));
        }
        for (tree, batch) in staging.next.trees().into_iter().zip(batches) {
            tree.apply_batch(batch)?;
        }
        // Only now, with the chunk written whole, is it the import's.
        staging.next_pos = next_pos;
        staging.seen.extend(seen);
        staging.outcomes.extend(outcomes.iter().cloned());
        Ok(outcomes)
    }

    /// Switches to the new generation, with the plan's own record, its
    /// mandates and missions and an audit entry per objective, in one
    /// transaction. An import that changes nothing switches nothing.
    pub fn commit_import(
        &self,
        token: &str,
        owner: &ImportOwner,
        who: &str,
    ) -> Result<ImportReport, ServiceError> {
        // The reason a commit failed is the answer to a commit sent again.
        self.with_import(token, owner, Clone::clone, |staging| {
            let switch = match self.ready(staging, who)? {
                Ok(switch) => switch,
                Err(unchanged) => {
                    Live::drop_others(&self.db, &self.space, self.live().generation)?;
                    return Ok((unchanged, false));
                }
            };
            let mut reports = switch_together(vec![(self, switch)])?;
            Ok((reports.swap_remove(0), false))
        })
    }

    /// `plans`, each written whole in place of the plan its store holds
    /// (`stores`, one a plan), switched in one transaction: all or none of
    /// them, even through a crash. Each is checked and staged first; a
    /// refusal drops what was staged.
    pub(crate) fn replace_together(
        stores: &[&Store],
        plans: &[Dataset],
        who: &str,
    ) -> Result<Vec<ImportReport>, ServiceError> {
        let owner = ImportOwner::internal(who);
        let mut switches = Vec::with_capacity(plans.len());
        for (store, plan) in stores.iter().zip(plans) {
            let staged = store.staged(plan, &owner);
            match staged.and_then(|mut staging| store.ready(&mut staging, who)) {
                Ok(Ok(switch)) => switches.push((*store, switch)),
                Ok(Err(_)) => unreachable!("a whole plan written always switches"),
                Err(e) => return Err(give_up(stores, e)),
            }
        }
        switch_together(switches).map_err(|e| give_up(stores, e))
    }

    /// `plan` checked and written into a new generation of this store's
    /// trees, not yet switched to (an import begun and staged whole).
    fn staged(&self, plan: &Dataset, owner: &ImportOwner) -> Result<Staging, ServiceError> {
        let token = self.begin_import(plan, WriteMode::Replace, owner)?;
        self.stage(&token, owner, &plan.objectives)?;
        self.write(|| self.lock_imports().take(&token, owner))
    }

    /// What the switch to `staging`'s generation writes, checked; or the
    /// report of an import that changes nothing (nothing to switch).
    fn ready(
        &self,
        staging: &mut Staging,
        who: &str,
    ) -> Result<Result<Switch, ImportReport>, ServiceError> {
        let live = self.live();
        let mode = staging.mode;
        let head = std::mem::replace(&mut staging.head, Dataset::empty());
        // Checked once every objective is read: a change names one of them.
        let whole_plan = mode != WriteMode::Upsert;
        (staging.known.variations(&head.variations, whole_plan)).map_err(ServiceError::Invalid)?;
        let report = self.head_report(&head, mode, std::mem::take(&mut staging.outcomes))?;
        if mode == WriteMode::Upsert && !report.changes_anything() {
            return Ok(Err(report));
        }
        // An objective edited since it was staged keeps that edit: the import is refused.
        for (code, version) in &staging.seen {
            let now = live.objectives.get(code.as_bytes())?;
            let now = now.map(|b| ObjectiveRow::from_bytes(&b)).transpose()?;
            if now.map(|r| r.version) != *version {
                return Err(ServiceError::ChangedDuringImport(code.clone()));
            }
        }
        if mode == WriteMode::Upsert {
            self.carry_over(&live, staging)?;
        }
        let audit = self.import_audit(&report, mode, who)?;
        let mut old_keys: [Vec<sled::IVec>; 2] = Default::default();
        if mode == WriteMode::Replace {
            for (keys, tree) in old_keys.iter_mut().zip([&*self.mandates, &*self.missions]) {
                *keys = tree.iter().keys().collect::<Result<_, _>>()?;
            }
        }
        Ok(Ok(Switch {
            report,
            head,
            mode,
            audit,
            old_keys,
            next: staging.next.clone(),
            next_pos: staging.next_pos,
        }))
    }

    /// The trees a switch writes, in the order `write_switch` takes them.
    fn switched_trees(&self) -> [Tree; SWITCHED] {
        [
            Tree::clone(&self.meta),
            Tree::clone(&self.mandates),
            Tree::clone(&self.missions),
        ]
    }

    /// `switch` written into the transaction's views of this store's
    /// `switched_trees` (`t`), the database's `global` and `registry`.
    fn write_switch(
        &self,
        switch: &Switch,
        t: &[TransactionalTree],
        global: &TransactionalTree,
        registry: &TransactionalTree,
    ) -> TxResult<()> {
        let [meta, mandates, missions] = t else {
            unreachable!("three trees a plan")
        };
        let (head, mode) = (&switch.head, switch.mode);
        for (keys, tree) in switch.old_keys.iter().zip([mandates, missions]) {
            for key in keys {
                tree.remove(key)?;
            }
        }
        let mut pos = switch.next_pos;
        let mut take_pos = |existing: Option<u64>| {
            existing.unwrap_or_else(|| {
                pos += 1;
                pos - 1
            })
        };
        let upsert = mode == WriteMode::Upsert;
        for m in &head.mandates {
            let old = existing(mandates, &m.code, decode::<MandateRow>)?.filter(|_| upsert);
            let row = MandateRow {
                pos: take_pos(old.map(|r| r.pos)),
                mandate: m.clone(),
            };
            mandates.insert(m.code.as_bytes(), encode(&row))?;
        }
        for m in &head.missions {
            let old = existing(missions, &m.code, decode::<MissionRow>)?.filter(|_| upsert);
            let row = MissionRow {
                pos: take_pos(old.map(|r| r.pos)),
                mission: m.clone(),
            };
            missions.insert(m.code.as_bytes(), encode(&row))?;
        }
        meta.insert(b"plan", encode(&head.plan))?;
        meta.insert(super::variations::KEY, encode(&head.variations))?;
        meta.insert(b"next_pos", &pos.to_be_bytes())?;
        meta.insert(LIVE_KEY, &switch.next.generation.to_be_bytes())?;
        // The registry names the plan as its record does; a new database's is the default.
        let new = mode == WriteMode::NewDatabase;
        super::registry::record(registry, self.plan_id, &head.plan, new)?;
        if new {
            global.insert(b"schema_version", SCHEMA_VERSION.to_string().as_bytes())?;
        }
        // Indexed right after the switch (see `pending_audit`).
        super::pending_audit::keep(meta, &switch.audit)?;
        Ok(())
    }

    /// After the switch: the new generation in use, the old one gone (a
    /// kill before this is cleaned up on open).
    fn switched(&self, switch: Switch) -> Result<ImportReport, ServiceError> {
        let generation = switch.next.generation;
        self.set_live(switch.next);
        Live::drop_others(&self.db, &self.space, generation)?;
        self.index_pending_audit()?;
        self.reopen_on_close
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(switch.report)
    }

    /// The objectives of the plan in use that the import did not name, into
    /// the new generation as they are (an import leaves the others alone).
    fn carry_over(&self, live: &Live, staging: &mut Staging) -> Result<(), ServiceError> {
        let mut batches: [Batch; 4] = Default::default();
        let mut pending = 0;
        let apply = |batches: [Batch; 4]| -> Result<(), sled::Error> {
            let trees = staging.next.trees().into_iter();
            trees
                .zip(batches)
                .try_for_each(|(tree, batch)| tree.apply_batch(batch))
        };
        for item in live.objectives.iter() {
            let (key, row) = item?;
            let code = String::from_utf8_lossy(&key).into_owned();
            if staging.seen.contains_key(&code) {
                continue;
            }
            batches[0].insert(key.clone(), row);
            for (batch, tree) in
                batches[1..]
                    .iter_mut()
                    .zip([&live.phases, &live.outline, &live.search])
            {
                if let Some(v) = tree.get(&key)? {
                    batch.insert(key.clone(), v);
                }
            }
            pending += 1;
            if pending == 500 {
                apply(std::mem::take(&mut batches))?;
                pending = 0;
            }
        }
        Ok(apply(batches)?)
    }

    /// The report's part about the plan's own record, mandates and missions.
    fn head_report(
        &self,
        head: &Dataset,
        mode: WriteMode,
        objectives: Vec<(String, ObjectiveOutcome)>,
    ) -> Result<ImportReport, ServiceError> {
        if mode != WriteMode::Upsert {
            return Ok(ImportReport {
                objectives,
                mandates_added: head.mandates.len(),
                missions_added: head.missions.len(),
                plan_changed: true,
                ..ImportReport::default()
            });
        }
        let mut report = self.plan_head_changes(head)?;
        report.objectives = objectives;
        Ok(report)
    }

    /// One audit entry per objective added or changed ("import" or "restore").
    fn import_audit(
        &self,
        report: &ImportReport,
        mode: WriteMode,
        who: &str,
    ) -> Result<Vec<(u64, AuditEntry)>, ServiceError> {
        let field = match mode {
            WriteMode::Replace => Part::Restore,
            _ => Part::Import,
        };
        let at = now();
        let mut entries = Vec::new();
        for (code, outcome) in &report.objectives {
            let new = match outcome {
                ObjectiveOutcome::Unchanged => continue,
                ObjectiveOutcome::Added => String::from("+"),
                ObjectiveOutcome::Changed(fields) => fields.join(", "),
            };
            entries.push((
                self.db.generate_id()?,
                AuditEntry {
                    at,
                    who: who.to_string(),
                    what: Applied {
                        objective: code.clone(),
                        phase: None,
                        phase_name: None,
                        field: field.clone(),
                        old: crate::model::Value::Text(String::new()),
                        new: crate::model::Value::Text(new),
                    },
                    note: None,
                },
            ));
        }
        Ok(entries)
    }

    fn lock_imports(&self) -> std::sync::MutexGuard<'_, Imports> {
        self.imports.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn read_next_pos_of(meta: &Tree) -> Result<u64, ServiceError> {
    Ok(meta
        .get(b"next_pos")?
        .and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok())
        .map_or(0, u64::from_be_bytes))
}

/// How many of a plan's trees a switch writes (`Store::switched_trees`).
const SWITCHED: usize = 3;

/// A staged import checked and ready to switch to: what the one
/// transaction writes, and the generation it makes the one in use.
struct Switch {
    report: ImportReport,
    head: Dataset,
    mode: WriteMode,
    audit: Vec<(u64, AuditEntry)>,
    /// The mandates' and missions' keys a restore removes.
    old_keys: [Vec<sled::IVec>; 2],
    next: Live,
    next_pos: u64,
}

/// Each store's `Switch` written in one transaction over their trees and
/// the database's own, flushed, then put in use; the reports in order.
fn switch_together(switches: Vec<(&Store, Switch)>) -> Result<Vec<ImportReport>, ServiceError> {
    let Some((first, _)) = switches.first() else {
        return Ok(Vec::new());
    };
    let mut trees: Vec<Tree> = switches
        .iter()
        .flat_map(|(store, _)| store.switched_trees())
        .collect();
    trees.extend([Tree::clone(&first.global), Tree::clone(&first.registry)]);
    let result = trees[..].transaction(|t| {
        let (plans, database) = t.split_at(t.len() - 2);
        for ((store, switch), own) in switches.iter().zip(plans.chunks(SWITCHED)) {
            store.write_switch(switch, own, &database[0], &database[1])?;
        }
        Ok(())
    });
    result?;
    first.db.flush()?;
    (switches.into_iter())
        .map(|(store, switch)| store.switched(switch))
        .collect()
}

/// `why`, after dropping what `stores` staged: each keeps its generation in use.
fn give_up(stores: &[&Store], why: ServiceError) -> ServiceError {
    for store in stores {
        if why.breaks_the_store() {
            store
                .broken
                .store(true, std::sync::atomic::Ordering::SeqCst);
        } else {
            let _ = Live::drop_others(&store.db, &store.space, store.live().generation);
        }
    }
    why
}
