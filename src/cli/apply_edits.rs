//! Changes to several objectives, all or none, through the service (a sheet
//! import, `set --batch`). The service applies one objective's changes in one
//! transaction; across objectives this checks everything first, applies each
//! on the version it was read at, and if the service refuses one (a role,
//! someone else's newer edit, a full disk) undoes those already applied.

use std::collections::HashMap;

use crate::api::{AuditNote, Versioned};
use crate::i18n::tr;
use crate::model::edit::apply_all;
use crate::model::{Change, Dataset};
use crate::service::{PlanService, ServiceError};

/// One objective's changes.
#[derive(Debug, Clone)]
pub struct Edit {
    pub code: String,
    pub changes: Vec<Change>,
    /// Kept in each audit entry (`import --force`); `None` for an ordinary edit.
    pub note: Option<AuditNote>,
}

/// Why the edits did not land: which one the service refused, and whether
/// the ones before it could all be undone.
#[derive(Debug)]
pub struct Failure {
    pub index: usize,
    pub error: ServiceError,
    /// Objectives left changed because undoing them failed too (normally none).
    pub not_undone: Vec<String>,
}

/// Applies every edit, each on the version `versions` gives for it (as loaded
/// with `dataset`) or, for a second edit of one objective, the version the
/// first left (they set different fields); gives the objectives as stored
/// after; on a refusal undoes the ones already applied.
pub fn apply_all_or_none(
    service: &dyn PlanService,
    dataset: &Dataset,
    versions: &[u64],
    edits: &[Edit],
) -> Result<Vec<Versioned>, Failure> {
    let mut at: HashMap<&str, u64> = dataset
        .objectives
        .iter()
        .map(|o| o.code.as_str())
        .zip(versions.iter().copied())
        .collect();
    let mut applied: Vec<usize> = Vec::new();
    let mut stored = Vec::with_capacity(edits.len());
    for (index, edit) in edits.iter().enumerate() {
        super::progress::count(
            crate::i18n::tr("scrittura, obiettivi", "writing, objectives"),
            index,
            edits.len(),
        );
        let expected = at.get(edit.code.as_str()).copied();
        let done = match &edit.note {
            Some(note) => service.apply_noted(&edit.code, &edit.changes, expected, note.clone()),
            None => service.apply(&edit.code, &edit.changes, expected),
        };
        match done {
            Ok(now) => {
                at.insert(&edit.code, now.version);
                applied.push(index);
                stored.push(now);
            }
            // Values equal to those stored: nothing written, nothing to undo.
            Err(ServiceError::NothingToChange) => match unchanged(dataset, edit, expected) {
                Some(now) => stored.push(now),
                None => {
                    let not_undone = undo(service, dataset, edits, &applied, &mut at);
                    return Err(Failure {
                        index,
                        error: ServiceError::NothingToChange,
                        not_undone,
                    });
                }
            },
            Err(error) => {
                let not_undone = undo(service, dataset, edits, &applied, &mut at);
                return Err(Failure {
                    index,
                    error,
                    not_undone,
                });
            }
        }
    }
    Ok(stored)
}

/// The objective of `edit` as loaded, which is as stored when the service
/// found the edit changes nothing on that version.
fn unchanged(dataset: &Dataset, edit: &Edit, version: Option<u64>) -> Option<Versioned> {
    let objective = dataset.objectives.iter().find(|o| o.code == edit.code)?;
    Some(Versioned {
        objective: objective.clone(),
        version: version?,
    })
}

/// Undoes the edits `applied`, newest first, each on the version its
/// objective is at now (`at`); the codes it could not undo.
fn undo<'e>(
    service: &dyn PlanService,
    dataset: &Dataset,
    edits: &'e [Edit],
    applied: &[usize],
    at: &mut HashMap<&'e str, u64>,
) -> Vec<String> {
    let mut not_undone = Vec::new();
    for &index in applied.iter().rev() {
        let edit = &edits[index];
        let version = at.get(edit.code.as_str()).copied();
        let undone = inverse(dataset, edit)
            .and_then(|changes| service.apply(&edit.code, &changes, version).ok());
        match undone {
            Some(now) => {
                at.insert(&edit.code, now.version);
            }
            None => not_undone.push(edit.code.clone()),
        }
    }
    not_undone
}

/// The changes that take the objective back to how `dataset` has it.
fn inverse(dataset: &Dataset, edit: &Edit) -> Option<Vec<Change>> {
    let mut state = dataset
        .objectives
        .iter()
        .find(|o| o.code == edit.code)?
        .clone();
    let mut undo = Vec::with_capacity(edit.changes.len());
    for change in &edit.changes {
        undo.push(change.inverse(&state)?);
        apply_all(&mut state, std::slice::from_ref(change)).ok()?;
    }
    undo.reverse();
    Some(undo)
}

/// What is left after a failure, in words.
pub fn outcome(failure: &Failure) -> String {
    if !failure.not_undone.is_empty() {
        format!(
            "{} {} ({})",
            tr(
                "Attenzione: restano applicate le modifiche a",
                "Warning: the changes stay applied to"
            ),
            failure.not_undone.join(", "),
            tr("vedi obiettivi history", "see obiettivi history")
        )
    } else if failure.index == 0 {
        tr("Nessuna modifica è stata scritta.", "Nothing was written.").to_string()
    } else {
        tr(
            "Nessuna modifica è rimasta: quelle già applicate sono state annullate (obiettivi history le mostra).",
            "No change was kept: those already applied were undone (obiettivi history shows them).",
        )
        .to_string()
    }
}

/// The most refusals listed; the count says how many more there are.
const MAX_LISTED: usize = 30;

/// `head`, then each refusal on a line of its own, the first `MAX_LISTED` of them.
pub fn listed(head: &str, refusals: impl ExactSizeIterator<Item = String>) -> String {
    let count = refusals.len();
    let mut out = head.to_string();
    for r in refusals.take(MAX_LISTED) {
        out.push_str(&format!("\n  {r}"));
    }
    if count > MAX_LISTED {
        out.push_str(&format!(
            "\n  … {} {}",
            tr("e altre", "and"),
            count - MAX_LISTED
        ));
    }
    out
}
