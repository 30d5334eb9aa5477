//! Where each plan's records are (GUIDE §10; schema 6): every tree of a
//! plan is named `p{id}/{kind}` (`p1/objectives`, `p1/audit`, …), beside two
//! trees of the database's own: `meta` (the schema version) and `plans` (the
//! registry, see `registry`). A database of schema 5 or before kept its one
//! plan under the bare kinds (`objectives`, …): the legacy space, read only
//! by the migration.
//!
//! Why trees and not a key prefix in shared trees: opening a tree costs the
//! same whatever else the database holds, a plan's scans stay whole-tree
//! iterations (no prefix to compare on each key), and a plan's records can
//! go with `drop_tree`. A session opens only its plan's trees (the default
//! one's unless it names another), so the first screen costs the same with
//! one plan or ten.

/// The database's own trees.
pub const META: &str = "meta";
pub const REGISTRY: &str = "plans";

/// The kinds of tree each plan has, besides its objectives' (`live`).
pub const PLAN_TREES: [&str; 8] = [
    "meta",
    "mandates",
    "missions",
    "audit",
    super::audit_index::TREE,
    "snapshots",
    "snapshot_data",
    "reviews",
];

/// The trees of one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSpace {
    prefix: String,
}

impl PlanSpace {
    /// The trees of plan `id`.
    pub fn of(id: u64) -> PlanSpace {
        PlanSpace {
            prefix: format!("p{id}/"),
        }
    }

    /// The one plan of a database of schema 5 or before.
    pub fn legacy() -> PlanSpace {
        PlanSpace {
            prefix: String::new(),
        }
    }

    pub fn is_legacy(&self) -> bool {
        self.prefix.is_empty()
    }

    /// The name of this plan's tree of `kind`.
    pub fn tree(&self, kind: &str) -> String {
        format!("{}{kind}", self.prefix)
    }

    /// The kind of `tree` when it is one of this plan's trees.
    pub fn kind_of<'a>(&self, tree: &'a [u8]) -> Option<&'a [u8]> {
        let kind = tree.strip_prefix(self.prefix.as_bytes())?;
        (self.is_legacy() == plan_of(tree).is_none()).then_some(kind)
    }
}

/// The plan id of a tree named `p{id}/…`.
pub fn plan_of(tree: &[u8]) -> Option<u64> {
    let rest = tree.strip_prefix(b"p")?;
    let slash = rest.iter().position(|b| *b == b'/')?;
    let digits = std::str::from_utf8(&rest[..slash]).ok()?;
    digits.parse().ok().filter(|_| !digits.starts_with('+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_trees_are_named_by_its_id_and_the_legacy_ones_bare() {
        let p1 = PlanSpace::of(1);
        assert_eq!(p1.tree("objectives"), "p1/objectives");
        assert_eq!(p1.kind_of(b"p1/phases.3"), Some(b"phases.3".as_slice()));
        assert_eq!(p1.kind_of(b"p12/phases"), None);
        assert_eq!(p1.kind_of(b"phases"), None);
        let legacy = PlanSpace::legacy();
        assert_eq!(legacy.kind_of(b"phases"), Some(b"phases".as_slice()));
        assert_eq!(legacy.kind_of(b"p1/phases"), None);
        assert_eq!(plan_of(b"p7/audit"), Some(7));
        assert_eq!(plan_of(b"plans"), None);
        assert_eq!(plan_of(b"px/audit"), None);
    }
}
