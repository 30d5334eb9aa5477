//! A database of this version written back as schema 5 wrote it: its
//! default plan under the bare tree names, objective and phase rows in
//! JSON, no registry. For the tests of the migration (`store::tests`,
//! `tests/store/migration_kill.rs`), which make an older database from one
//! this version made; the application never calls it.

use std::path::Path;

use super::live::Live;
use super::migrate::{PLAN_KEYS, copy, drop_space};
use super::rows::{Compact, JsonObjectiveRow, ObjectiveRow, encode};
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
    for item in live.objectives.iter() {
        let (key, value) = item?;
        let row = JsonObjectiveRow::from(ObjectiveRow::from_bytes(&value)?);
        objectives.insert(key, encode(&row))?;
    }
    let phases = db.open_tree("phases")?;
    for item in live.phases.iter() {
        let (key, value) = item?;
        phases.insert(key, encode(&Phase::from_bytes(&value)?))?;
    }
    drop((live, plan_meta, plans));
    drop_space(&db, &from)?;
    db.drop_tree(space::REGISTRY)?;
    meta.insert(b"schema_version", b"5")?;
    db.flush()?;
    Ok(())
}
