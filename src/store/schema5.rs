//! A database of this version written back as schema 5 wrote it (its
//! default plan under the bare tree names, objective and phase rows in
//! JSON, no registry), or as schema 6 did (a row a phase). For the tests of
//! the migrations (`store::tests`, `tests/store/migration_kill.rs`), which
//! make an older database from one this version made; the application
//! never calls it.

use std::path::Path;

use super::live::Live;
use super::migrate::{PLAN_KEYS, copy, drop_space};
use super::rows::{Compact, JsonObjectiveRow, ObjectiveRow, encode, phase_key, phases_from_bytes};
use super::space::{self, PlanSpace};
use super::{ServiceError, registry};
use crate::model::Phase;

/// Rewrites the (closed) database at `path` in schema 5's layout.
pub fn write_back(path: &Path) -> Result<(), ServiceError> {
    let db = super::open::sled_at(path).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    let plans = db.open_tree(space::REGISTRY)?;
    let id = registry::default_plan(&plans)?
        .ok_or_else(|| ServiceError::Corrupt("no default plan".into()))?;
    let from = PlanSpace::of(id);
    let plan_meta = db.open_tree(from.tree("meta"))?;
    let live = Live::open(&db, &from, Live::in_use(&plan_meta)?)?;
    let meta = db.open_tree(space::META)?;
    for key in PLAN_KEYS {
        if let Some(value) = plan_meta.get(key)? {
            meta.insert(key, value)?;
        }
    }
    // Every other record as it is (its encoding has not changed since).
    for kind in space::PLAN_TREES.into_iter().skip(1) {
        copy(&db.open_tree(from.tree(kind))?, &db.open_tree(kind)?)?;
    }
    copy(&live.outline, &db.open_tree("outline")?)?;
    copy(&live.search, &db.open_tree("search")?)?;
    let objectives = db.open_tree("objectives")?;
    let phases = db.open_tree("phases")?;
    for (row, list) in rows_and_phases(&live)? {
        for (id, phase) in row.phase_ids.iter().zip(list) {
            phases.insert(phase_key(&row.objective.code, *id), encode(&phase))?;
        }
        let key = row.objective.code.clone();
        objectives.insert(key.as_bytes(), encode(&JsonObjectiveRow::from(row)))?;
    }
    drop((live, plan_meta, plans));
    drop_space(&db, &from)?;
    db.drop_tree(space::REGISTRY)?;
    meta.insert(b"schema_version", b"5")?;
    db.flush()?;
    Ok(())
}

/// Every objective row of `live` with its phases.
fn rows_and_phases(live: &Live) -> Result<Vec<(ObjectiveRow, Vec<Phase>)>, ServiceError> {
    let mut out = Vec::new();
    for item in live.objectives.iter() {
        let (key, value) = item?;
        let phases = match live.phases.get(&key)? {
            Some(bytes) => phases_from_bytes(&bytes)?,
            None => Vec::new(),
        };
        out.push((ObjectiveRow::from_bytes(&value)?, phases));
    }
    Ok(out)
}

/// Rewrites the (closed) database at `path` as schema 6 kept it: every
/// plan's phases a row a phase (`code 0x00 id`, compact), in the
/// generation in use.
pub fn write_back_to_6(path: &Path) -> Result<(), ServiceError> {
    let db = super::open::sled_at(path).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
    let plans = db.open_tree(space::REGISTRY)?;
    for entry in registry::entries(&plans)? {
        let space = PlanSpace::of(entry.id);
        let live = Live::open(
            &db,
            &space,
            Live::in_use(&db.open_tree(space.tree("meta"))?)?,
        )?;
        let rows = rows_and_phases(&live)?;
        live.phases.clear()?;
        for (row, list) in rows {
            for (id, phase) in row.phase_ids.iter().zip(list) {
                live.phases
                    .insert(phase_key(&row.objective.code, *id), phase.to_bytes())?;
            }
        }
    }
    db.open_tree(space::META)?.insert(b"schema_version", b"6")?;
    db.flush()?;
    Ok(())
}
