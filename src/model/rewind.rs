//! An objective as it was before some of its recorded changes: the audit
//! entries taken back newest first. What a review meeting saw is the
//! objective now with the changes made after its mark taken back.

use super::applied::{Applied, Part};
use super::edit::{Change, apply_all};
use super::types::Objective;

/// `o` with `later` (oldest first) taken back; `None` when one of them cannot
/// be (a phase or an indicator added or deleted, an import, a restore): then
/// the caller says so instead of guessing.
pub fn rewind(o: &Objective, later: &[&Applied]) -> Option<Objective> {
    let mut at = o.clone();
    for a in later.iter().rev() {
        let change = match a.field {
            Part::Objective(field) => Change::SetObjective {
                objective: o.code.clone(),
                field,
                value: a.old.clone(),
            },
            Part::Phase(field) => Change::SetPhase {
                objective: o.code.clone(),
                phase: a.phase?,
                field,
                value: a.old.clone(),
            },
            // A cell records its old text as `Indicators::set_text` reads it.
            Part::Indicator {
                index,
                cell: Some(field),
            } => Change::SetIndicator {
                objective: o.code.clone(),
                indicator: index,
                field,
                value: a.old.clone(),
            },
            _ => return None,
        };
        apply_all(&mut at, &[change]).ok()?;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, Phase, PhaseField};

    #[test]
    fn later_changes_are_taken_back_and_a_deleted_phase_is_not_guessed() {
        let mut o = Objective::new("O", "S");
        o.phases.push(Phase::default());
        let seen = o.clone();
        let mut now = o.clone();
        let changes = [
            Change::parse("O", Some(0), Field::Phase(PhaseField::Progress), "40").unwrap(),
            Change::parse("O", Some(0), Field::Phase(PhaseField::Progress), "55").unwrap(),
        ];
        let applied = apply_all(&mut now, &changes).unwrap();
        assert_eq!(now.phases[0].progress, Some(55.0));
        let later: Vec<&Applied> = applied.iter().collect();
        assert_eq!(rewind(&now, &later), Some(seen));
        assert_eq!(
            rewind(&now, &later[1..]).unwrap().phases[0].progress,
            Some(40.0)
        );
        let deleted = apply_all(
            &mut now,
            &[Change::DeletePhase {
                objective: "O".into(),
                phase: 0,
            }],
        )
        .unwrap();
        assert_eq!(rewind(&now, &[&deleted[0]]), None);
    }
}
