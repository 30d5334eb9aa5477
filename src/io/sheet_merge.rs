//! The three-way merge of a sheet handed back (GUIDE §3, issue 23): each
//! row carries the version its objective had at export and the history
//! position then (`io::sheet::Stamp`). The objective *as exported* is the
//! one stored now with the changes recorded since taken back
//! (`model::rewind`); a cell is then compared three ways: the file against
//! the export (did the file change it?) and the plan against the export (did
//! someone else?).
//!
//! Why the history and not a copy of the exported values in the file: a CSV
//! has nowhere to hide one (visible base columns would double the sheet and
//! invite edits), and the history is what says who changed a cell and when,
//! which a refused cell must show anyway.

use chrono::{DateTime, FixedOffset};

use crate::model::edit::field_name;
use crate::model::rewind::rewind;
use crate::model::{Dataset, Field, Objective, Value};
use crate::store::AuditEntry;

/// What a row says about when its objective was exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub version: u64,
    /// The newest history entry at export.
    pub seq: u64,
}

/// An objective as the file's export saw it.
#[derive(Debug, Clone)]
pub struct Base {
    /// Stored now with the changes since the export taken back (its own
    /// fields and its phases'); `None` when they cannot be (a phase added,
    /// deleted or moved, an import, a restore): then every cell that differs
    /// from the plan is a conflict, since the file's and the plan's cannot be told apart.
    pub objective: Option<Objective>,
    /// The changes recorded since the export, oldest first.
    pub since: Vec<AuditEntry>,
}

impl Base {
    /// Who changed `field` (of phase `phase`) last since the export, and when;
    /// any change of the objective's when none names the cell (an import).
    pub fn changed_by(
        &self,
        field: Field,
        phase: Option<usize>,
    ) -> Option<(String, DateTime<FixedOffset>)> {
        let name = field_name(field);
        let of_cell = |e: &&AuditEntry| e.what.field == name && e.what.phase == phase;
        self.since
            .iter()
            .rev()
            .find(of_cell)
            .or_else(|| self.since.last())
            .map(|e| (e.who.clone(), e.at))
    }
}

/// Each objective's base, in the plan's order: `None` for one the file
/// carries no version for (an older export, a hand-made sheet), which is
/// imported as before, cell against plan.
#[derive(Debug, Clone, Default)]
pub struct Bases {
    pub of: Vec<Option<Base>>,
}

impl Bases {
    /// No file versions at all: every objective compared with the plan as it is.
    pub fn none(count: usize) -> Bases {
        Bases {
            of: vec![None; count],
        }
    }

    pub fn get(&self, objective: usize) -> Option<&Base> {
        self.of.get(objective).and_then(Option::as_ref)
    }
}

/// The bases of the objectives the file names an export of. `since(code,
/// seq)` gives `code`'s history after position `seq`, oldest first; it is
/// asked only for the objectives whose version moved since.
pub fn bases<E>(
    dataset: &Dataset,
    versions: &[u64],
    exported: &[Option<Exported>],
    mut since: impl FnMut(&str, u64) -> Result<Vec<AuditEntry>, E>,
) -> Result<Bases, E> {
    let mut of = Vec::with_capacity(dataset.objectives.len());
    for (i, o) in dataset.objectives.iter().enumerate() {
        let Some(at) = exported.get(i).copied().flatten() else {
            of.push(None);
            continue;
        };
        if versions.get(i) == Some(&at.version) {
            // Nobody has changed it since the export.
            of.push(Some(Base {
                objective: Some(o.clone()),
                since: Vec::new(),
            }));
            continue;
        }
        let entries = since(&o.code, at.seq)?;
        of.push(Some(Base {
            objective: rewound(o, &entries),
            since: entries,
        }));
    }
    Ok(Bases { of })
}

/// `o` with `since` taken back. An indicator's entries are skipped: they
/// touch none of the fields rewound here. A version that moved with nothing
/// recorded after the file's position (a position typed by hand) cannot be rewound.
fn rewound(o: &Objective, since: &[AuditEntry]) -> Option<Objective> {
    if since.is_empty() {
        return None;
    }
    let later: Vec<_> = since
        .iter()
        .map(|e| &e.what)
        .filter(|w| !w.field.starts_with("indicators["))
        .collect();
    rewind(o, &later)
}

/// A cell both the file and someone else changed since the export, or one
/// the file left as exported while someone else changed it: the three values.
#[derive(Debug, Clone, PartialEq)]
pub struct Three {
    pub code: String,
    pub field: Field,
    pub phase: Option<usize>,
    /// At export; `None` when it cannot be known (see `Base::objective`).
    pub exported: Option<Value>,
    pub stored: Value,
    pub file: Value,
    pub by: Option<(String, DateTime<FixedOffset>)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{Change, apply_all};
    use crate::model::{Phase, PhaseField};

    fn entry(what: crate::model::edit::Applied) -> AuditEntry {
        AuditEntry {
            at: DateTime::parse_from_rfc3339("2026-12-07T06:00:00+01:00").unwrap(),
            who: "collega".into(),
            what,
            note: None,
        }
    }

    fn dataset() -> (Dataset, Objective) {
        let mut o = Objective::new("O", "S");
        o.phases.push(Phase {
            name: "PRIMA".into(),
            ..Phase::default()
        });
        let mut d = crate::io::shipped();
        d.objectives = vec![o.clone()];
        (d, o)
    }

    #[test]
    fn an_objective_changed_since_the_export_is_rewound_and_an_unchanged_one_is_not_asked_for() {
        let (mut d, exported) = dataset();
        let progress =
            Change::parse("O", Some(0), Field::Phase(PhaseField::Progress), "70").unwrap();
        let applied = apply_all(&mut d.objectives[0], &[progress]).unwrap();
        let history: Vec<AuditEntry> = applied.into_iter().map(entry).collect();
        let stamp = [Some(Exported {
            version: 3,
            seq: 10,
        })];
        let mut asked = Vec::new();
        let bases = bases(&d, &[4], &stamp, |code, seq| {
            asked.push((code.to_string(), seq));
            Ok::<_, ()>(history.clone())
        })
        .unwrap();
        assert_eq!(asked, [("O".to_string(), 10)]);
        let base = bases.get(0).unwrap();
        assert_eq!(base.objective.as_ref(), Some(&exported));
        let by = base.changed_by(Field::Phase(PhaseField::Progress), Some(0));
        assert_eq!(by.unwrap().0, "collega");
        let same = bases_of(&d, &[3], &stamp);
        assert_eq!(
            same.get(0).unwrap().objective.as_ref(),
            Some(&d.objectives[0])
        );
        assert!(bases_of(&d, &[3], &[None]).get(0).is_none());
    }

    fn bases_of(d: &Dataset, versions: &[u64], stamp: &[Option<Exported>]) -> Bases {
        bases(d, versions, stamp, |_, _| -> Result<Vec<AuditEntry>, ()> {
            panic!("history asked for an objective at its exported version")
        })
        .unwrap()
    }

    #[test]
    fn a_phase_added_since_the_export_cannot_be_rewound() {
        let (mut d, _) = dataset();
        let add = Change::AddPhase {
            objective: "O".into(),
            phase: 0,
            value: Phase {
                name: "NUOVA".into(),
                ..Phase::default()
            },
        };
        let applied = apply_all(&mut d.objectives[0], &[add]).unwrap();
        let history: Vec<AuditEntry> = applied.into_iter().map(entry).collect();
        let stamp = [Some(Exported { version: 1, seq: 0 })];
        let bases = bases(&d, &[2], &stamp, |_, _| Ok::<_, ()>(history.clone())).unwrap();
        assert_eq!(bases.get(0).unwrap().objective, None);
        let none = bases_of_empty(&d);
        assert_eq!(none.get(0).unwrap().objective, None);
    }

    fn bases_of_empty(d: &Dataset) -> Bases {
        let stamp = [Some(Exported {
            version: 1,
            seq: 99,
        })];
        bases(d, &[2], &stamp, |_, _| Ok::<_, ()>(Vec::new())).unwrap()
    }
}
