//! The trees that hold the objectives come in generations: an import writes
//! a whole new generation beside the one in use, in small batches, and one
//! small transaction then makes it the one in use (`meta.live`), with the
//! plan's other records and the audit entries (`staging`).
//!
//! Why not one transaction, as before: sled 0.34 keeps a transaction's whole
//! write set in memory, several times over. Measured on a scratch program,
//! 250 MB written as one transaction peaked at 1.7 GB, the same in batches
//! of 1 000 records at 186 MB; the import of a 100 MB plan peaked at 1.2 GB.
//!
//! Generation 0 uses the plan's bare kinds (`p1/objectives`, `p1/phases`,
//! `p1/outline`, `p1/search`, see `space`); generation N > 0 adds `.N`.
//! Trees of any other generation are an import that was killed before its
//! switch (or the old generation after it): dropped on open.

use sled::{Db, Tree};

use super::ServiceError;
use super::space::PlanSpace;

/// The kinds of tree a generation has, in the order of `Live::trees`.
const KINDS: [&str; 4] = ["objectives", "phases", "outline", "search"];

/// The key in `meta` naming the generation in use (u64 big-endian; absent: 0).
pub const LIVE_KEY: &[u8] = b"live";

/// One generation's trees.
#[derive(Clone)]
pub struct Live {
    pub generation: u64,
    pub objectives: Tree,
    pub phases: Tree,
    pub outline: Tree,
    pub search: Tree,
}

fn name(kind: &str, generation: u64) -> String {
    match generation {
        0 => kind.to_string(),
        n => format!("{kind}.{n}"),
    }
}

/// The generation a tree's kind belongs to, when it is one of these kinds.
fn generation_of(kind: &[u8]) -> Option<u64> {
    let tree = std::str::from_utf8(kind).ok()?;
    KINDS
        .iter()
        .find_map(|kind| match tree.strip_prefix(kind)? {
            "" => Some(0),
            rest => rest.strip_prefix('.')?.parse().ok().filter(|n| *n > 0),
        })
}

/// Whether `kind` is a kind of a generation's trees (any generation).
pub fn is_generation_kind(kind: &[u8]) -> bool {
    generation_of(kind).is_some()
}

impl Live {
    pub fn open(db: &Db, space: &PlanSpace, generation: u64) -> sled::Result<Live> {
        let tree = |kind: &str| db.open_tree(space.tree(&name(kind, generation)));
        Ok(Live {
            generation,
            objectives: tree("objectives")?,
            phases: tree("phases")?,
            outline: tree("outline")?,
            search: tree("search")?,
        })
    }

    pub fn trees(&self) -> [&Tree; 4] {
        [&self.objectives, &self.phases, &self.outline, &self.search]
    }

    /// The generation in use, as `meta` says.
    pub fn in_use(meta: &Tree) -> Result<u64, ServiceError> {
        Ok(meta
            .get(LIVE_KEY)?
            .and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok())
            .map_or(0, u64::from_be_bytes))
    }

    /// Drops every generation's trees of the plan in `space` but `keep`'s.
    pub fn drop_others(db: &Db, space: &PlanSpace, keep: u64) -> Result<(), ServiceError> {
        for tree in db.tree_names() {
            let generation = space.kind_of(&tree).and_then(generation_of);
            if generation.is_some_and(|g| g != keep) {
                db.drop_tree(&tree)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_names_say_their_generation() {
        assert_eq!(generation_of(b"objectives"), Some(0));
        assert_eq!(generation_of(b"search.12"), Some(12));
        assert_eq!(generation_of(b"phases.0"), None);
        assert_eq!(generation_of(b"phases.x"), None);
        assert_eq!(generation_of(b"reviews"), None);
        assert_eq!(name("outline", 3), "outline.3");
    }
}
