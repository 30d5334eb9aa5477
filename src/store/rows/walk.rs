//! The phases tree walked once beside the objectives' when the whole plan
//! is read (`Store::load_with_versions`): both trees are in code order, so
//! each objective's phase records are the next ones.

use super::{ServiceError, phase_id, phase_prefix};

/// An objective's phase records read from the phases tree: (id, record), by id.
pub type FoundPhases<V = sled::IVec> = Vec<(u64, V)>;

/// Where phase `id` is among `found`.
pub fn phase_at<V>(found: &FoundPhases<V>, id: u64) -> Option<usize> {
    found.binary_search_by_key(&id, |(id, _)| *id).ok()
}

pub fn has_phase<V>(found: &FoundPhases<V>, id: u64) -> bool {
    phase_at(found, id).is_some()
}

/// The phase records of `code` next in `phases`, a walk of the whole phases
/// tree in key order (each record as it comes: its bytes, or its phase read
/// by `feed`) beside the objectives' walk in code order: the records before
/// them belong to no objective (skipped), those after them to the
/// objectives after it (left for them).
pub fn next_phases<V, I>(
    phases: &mut std::iter::Peekable<I>,
    code: &str,
) -> Result<FoundPhases<V>, ServiceError>
where
    I: Iterator<Item = Result<(sled::IVec, V), ServiceError>>,
{
    let prefix = phase_prefix(code);
    let mut found = Vec::new();
    while let Some(item) = phases.peek() {
        let mine = match item {
            Ok((key, _)) if key.len() == prefix.len() + 8 && key.starts_with(&prefix) => true,
            Ok((key, _)) if key.as_ref() < prefix.as_slice() => false,
            Ok(_) => break,
            Err(_) => false,
        };
        match phases.next() {
            Some(Ok((key, value))) if mine => found.push((phase_id(&key)?, value)),
            Some(Err(e)) => return Err(e),
            _ => {}
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::super::phase_key;
    use super::*;

    /// Each objective gets its own phases, in id order; the phases of a
    /// code that has no objective, or of a longer code, are not its.
    #[test]
    fn the_walk_hands_each_objective_its_own_phases() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let phases = db.open_tree("phases").unwrap();
        for (code, id) in [("a", 2), ("a", 1), ("a_1", 7), ("b", 3), ("c", 4), ("c", 9)] {
            phases.insert(phase_key(code, id), code).unwrap();
        }
        let mut walk = phases
            .iter()
            .map(|r| r.map_err(ServiceError::from))
            .peekable();
        let ids = |found: FoundPhases| found.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        assert_eq!(ids(next_phases(&mut walk, "a").unwrap()), [1, 2]);
        assert_eq!(ids(next_phases(&mut walk, "a_1").unwrap()), [7]);
        // "b" has no objective: skipped on the way to "c".
        let c = next_phases(&mut walk, "c").unwrap();
        assert_eq!(ids(c.clone()), [4, 9]);
        assert!(has_phase(&c, 9) && !has_phase(&c, 3));
        assert!(next_phases(&mut walk, "d").unwrap().is_empty());
    }
}
