//! The phases tree walked once beside the objectives' when the whole plan
//! is read (`Store::load_with_versions`): both trees are keyed by code, in
//! code order, so an objective's phases row, when it has one, is the next.

use super::ServiceError;

/// The phases row of `code` next in `phases`, a walk of the whole phases
/// tree in key order (each row as it comes: its bytes, or its phases read
/// by `feed`) beside the objectives' walk in code order: the rows before
/// it belong to no objective (skipped), those after it to the objectives
/// after it (left for them). `None`: `code` has no phases row.
pub fn next_phases<V, I>(
    phases: &mut std::iter::Peekable<I>,
    code: &str,
) -> Result<Option<V>, ServiceError>
where
    I: Iterator<Item = Result<(sled::IVec, V), ServiceError>>,
{
    let code = code.as_bytes();
    while let Some(item) = phases.peek() {
        let (mine, before) = match item {
            Ok((key, _)) => (key.as_ref() == code, key.as_ref() < code),
            Err(_) => (false, true),
        };
        if !mine && !before {
            break;
        }
        match phases.next() {
            Some(Ok((_, value))) if mine => return Ok(Some(value)),
            Some(Err(e)) => return Err(e),
            _ => {}
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each objective gets its own row; the row of a code that has no
    /// objective, or of a longer code, is not its.
    #[test]
    fn the_walk_hands_each_objective_its_own_phases() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let phases = db.open_tree("phases").unwrap();
        for code in ["a", "a_1", "b", "c", "c\0"] {
            phases.insert(code, code).unwrap();
        }
        let mut walk = phases
            .iter()
            .map(|r| r.map_err(ServiceError::from))
            .peekable();
        let mut next = |code| next_phases(&mut walk, code).unwrap().map(|v| v.to_vec());
        assert_eq!(next("a"), Some(b"a".to_vec()));
        assert_eq!(next("a_1"), Some(b"a_1".to_vec()));
        // "b" has no objective: skipped on the way to "c".
        assert_eq!(next("c"), Some(b"c".to_vec()));
        assert_eq!(next("c\0"), Some(b"c\0".to_vec()));
        assert_eq!(next("d"), None);
    }

    /// An objective without phases takes nothing from the next one.
    #[test]
    fn an_objective_without_a_row_leaves_the_next_ones_row() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let phases = db.open_tree("phases").unwrap();
        phases.insert("c", "c").unwrap();
        let mut walk = phases
            .iter()
            .map(|r| r.map_err(ServiceError::from))
            .peekable();
        assert_eq!(next_phases(&mut walk, "b").unwrap(), None);
        assert_eq!(
            next_phases(&mut walk, "c").unwrap().as_deref(),
            Some(b"c".as_slice())
        );
    }
}
