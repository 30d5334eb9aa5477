//! What differs between two versions of an objective, field by field:
//! used by `import --dry-run` to say what an import would change.

use super::applied::Part;
use super::field::{Field, ObjectiveField, field_name};
use super::fields::PhaseField;
use super::indicator_fields::fields_either_has as fields_of;
use super::types::Objective;

/// Names of the fields that differ (`status`, `phases[2].weight`, `phases` when the count differs, …).
pub fn changed_fields(old: &Objective, new: &Objective) -> Vec<String> {
    let mut out = Vec::new();
    if old.mission != new.mission {
        out.push("mission".to_string());
    }
    for field in ObjectiveField::ALL {
        if field.get_value(old) != field.get_value(new) {
            out.push(field_name(Field::Objective(field)).to_string());
        }
    }
    if old.structures != new.structures {
        out.push("structures".to_string());
    }
    if old.stakeholders != new.stakeholders {
        out.push("stakeholders".to_string());
    }
    if old.phases.len() != new.phases.len() {
        out.push(format!(
            "phases ({} → {})",
            old.phases.len(),
            new.phases.len()
        ));
    }
    for (i, (a, b)) in old.phases.iter().zip(&new.phases).enumerate() {
        for field in PhaseField::ALL {
            if field.get_value(a) != field.get_value(b) {
                out.push(format!("phases[{}].{}", i, field_name(Field::Phase(field))));
            }
        }
    }
    // Indicators and the assessment too: an import that changed only them
    // was taken for "unchanged", and what it carried was dropped.
    if old.indicators.len() != new.indicators.len() {
        out.push(format!(
            "indicators ({} → {})",
            old.indicators.len(),
            new.indicators.len()
        ));
    }
    for (index, (a, b)) in old.indicators.iter().zip(&new.indicators).enumerate() {
        if a == b {
            continue;
        }
        let before = out.len();
        for cell in fields_of(a, b) {
            if cell.edit_text(a) != cell.edit_text(b) {
                out.push(
                    Part::Indicator {
                        index,
                        cell: Some(cell),
                    }
                    .name(),
                );
            }
        }
        if out.len() == before {
            out.push(Part::Indicator { index, cell: None }.name());
        }
    }
    if old.assessment != new.assessment {
        out.push("assessment".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::Phase;

    #[test]
    fn lists_each_changed_field() {
        let mut a = Objective::new("O", "S");
        a.phases.push(Phase {
            name: "F".into(),
            ..Phase::default()
        });
        let mut b = a.clone();
        assert!(changed_fields(&a, &b).is_empty());
        b.status = Some("Concluso".into());
        b.phases[0].weight = Some(50.0);
        b.narratives.year2 = "testo".into();
        b.phases.push(Phase::default());
        assert_eq!(
            changed_fields(&a, &b),
            [
                "status",
                "narratives.year2",
                "phases (1 → 2)",
                "phases[0].weight"
            ]
        );
    }
}
