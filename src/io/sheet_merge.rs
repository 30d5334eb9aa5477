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

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use crate::api::AuditEntry;
use crate::model::applied::Part;
use crate::model::edit::field_name;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::Indicator;
use crate::model::rewind::rewind;
use crate::model::{Dataset, Field, Objective, Value};

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
    /// Its indicators as exported (their targets and measurements); `None`
    /// when one was added or deleted since.
    pub indicators: Option<Vec<Indicator>>,
    /// The changes recorded since the export, oldest first.
    pub since: Vec<AuditEntry>,
}

impl Base {
    /// Who changed the cell last since the export, and when; any change of
    /// the objective's when none names the cell (an import).
    pub fn changed_by(&self, spot: &Spot) -> Option<(String, DateTime<FixedOffset>)> {
        let (name, phase) = spot.history_name();
        let of_cell = |e: &&AuditEntry| e.what.field.name() == name && e.what.phase == phase;
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

/// The bases of the objectives the file names an export of. `since(seq,
/// codes)` gives the history after position `seq` of the objectives `codes`,
/// oldest first: asked once per position the file names (one, unless rows of
/// two exports were put together). Asked even for an objective whose version
/// did not move: a restore can bring a version back, never its history.
pub fn bases<E>(
    dataset: &Dataset,
    versions: &[u64],
    exported: &[Option<Exported>],
    mut since: impl FnMut(u64, &HashSet<&str>) -> Result<Vec<AuditEntry>, E>,
) -> Result<Bases, E> {
    let at = |i: usize| exported.get(i).copied().flatten();
    let mut wanted: HashMap<u64, HashSet<&str>> = HashMap::new();
    for (i, o) in dataset.objectives.iter().enumerate() {
        if let Some(at) = at(i) {
            wanted.entry(at.seq).or_default().insert(o.code.as_str());
        }
    }
    let mut history: HashMap<u64, Vec<AuditEntry>> = HashMap::new();
    for (seq, codes) in &wanted {
        history.insert(*seq, since(*seq, codes)?);
    }
    let of = (dataset.objectives.iter().enumerate())
        .map(|(i, o)| {
            let at = at(i)?;
            let entries: Vec<AuditEntry> = (history[&at.seq].iter())
                .filter(|e| e.what.objective == o.code)
                .cloned()
                .collect();
            let unchanged = entries.is_empty() && versions.get(i) == Some(&at.version);
            Some(if unchanged {
                Base {
                    objective: Some(o.clone()),
                    indicators: Some(o.indicators.clone()),
                    since: entries,
                }
            } else {
                Base {
                    objective: rewound(o, &entries, false),
                    indicators: rewound(o, &entries, true).map(|o| o.indicators),
                    since: entries,
                }
            })
        })
        .collect();
    Ok(Bases { of })
}

/// `o` with those of `since` taken back that `part` picks: the objective's
/// own fields and its phases', or its indicators' (either may be rewound when
/// the other cannot). A version that moved with nothing recorded after the
/// file's position (a position typed by hand) cannot be rewound.
fn rewound(o: &Objective, since: &[AuditEntry], indicators: bool) -> Option<Objective> {
    if since.is_empty() {
        return None;
    }
    let later: Vec<_> = since
        .iter()
        .map(|e| &e.what)
        .filter(|w| matches!(w.field, Part::Indicator { .. }) == indicators)
        .collect();
    rewind(o, &later)
}

/// What an import does with one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The file holds what the plan holds.
    Unchanged,
    /// The file left the cell as exported; the plan's newer value stays.
    Kept,
    /// The file changed it and nobody else did (or the file has no versions).
    Apply,
    /// Both the file and someone else changed it since the export.
    Conflict,
}

/// The verdict on a cell: `exported` is `None` for a file without versions
/// (the file against the plan, as before versions), `Some(None)` when the
/// value at export cannot be known (then any difference is a conflict).
pub fn verdict<T>(
    exported: Option<Option<&T>>,
    stored: &T,
    file: &T,
    same: impl Fn(&T, &T) -> bool,
) -> Verdict {
    match exported {
        Some(Some(e)) if same(file, e) && same(stored, e) => Verdict::Unchanged,
        Some(Some(e)) if same(file, e) => Verdict::Kept,
        _ if same(stored, file) => Verdict::Unchanged,
        None => Verdict::Apply,
        Some(Some(e)) if same(stored, e) => Verdict::Apply,
        Some(_) => Verdict::Conflict,
    }
}

/// Which cell of an objective.
#[derive(Debug, Clone, PartialEq)]
pub enum Spot {
    Field {
        field: Field,
        phase: Option<usize>,
    },
    /// A cell of indicator `index` (a target, a measurement).
    Indicator {
        index: usize,
        cell: IndicatorField,
    },
}

impl Spot {
    /// The audit entry's `field` and `phase` for a change of this cell.
    pub fn history_name(&self) -> (String, Option<usize>) {
        match self {
            Spot::Field { field, phase } => (field_name(*field).to_string(), *phase),
            Spot::Indicator { index, cell } => {
                let part = Part::Indicator {
                    index: *index,
                    cell: Some(*cell),
                };
                (part.name(), None)
            }
        }
    }
}

/// A cell both the file and someone else changed since the export, or one
/// the file left as exported while someone else changed it: the three values.
#[derive(Debug, Clone, PartialEq)]
pub struct Three {
    pub code: String,
    pub spot: Spot,
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
    fn an_objective_changed_since_the_export_is_rewound_and_an_unchanged_one_is_as_stored() {
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
        let changed = bases(&d, &[4], &stamp, |seq, codes| {
            let mut codes: Vec<&str> = codes.iter().copied().collect();
            codes.sort();
            asked.push((codes.join(","), seq));
            Ok::<_, ()>(history.clone())
        })
        .unwrap();
        assert_eq!(asked, [("O".to_string(), 10)]);
        let base = changed.get(0).unwrap();
        assert_eq!(base.objective.as_ref(), Some(&exported));
        let spot = Spot::Field {
            field: Field::Phase(PhaseField::Progress),
            phase: Some(0),
        };
        let by = base.changed_by(&spot);
        assert_eq!(by.unwrap().0, "collega");
        let same = bases_of(&d, &[3], &stamp);
        assert_eq!(
            same.get(0).unwrap().objective.as_ref(),
            Some(&d.objectives[0])
        );
        assert!(bases_of(&d, &[3], &[None]).get(0).is_none());
        // A restore since the export, whatever version it left: not rewound.
        let restored = entry(crate::model::edit::Applied {
            objective: "O".into(),
            phase: None,
            phase_name: None,
            field: crate::model::applied::Part::Restore,
            old: Value::Text(String::new()),
            new: Value::Text(String::new()),
        });
        let after_restore = bases(&d, &[3], &stamp, |_, _| Ok::<_, ()>(vec![restored.clone()]));
        assert_eq!(after_restore.unwrap().get(0).unwrap().objective, None);
    }

    fn bases_of(d: &Dataset, versions: &[u64], stamp: &[Option<Exported>]) -> Bases {
        bases(
            d,
            versions,
            stamp,
            |_, _: &HashSet<&str>| -> Result<Vec<AuditEntry>, ()> { Ok(Vec::new()) },
        )
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

    #[test]
    fn each_cell_gets_its_verdict_from_the_three_values() {
        use Verdict::*;
        let same = |a: &i32, b: &i32| a == b;
        // (at export, stored now, in the file)
        let cases = [
            (Some(Some(1)), 1, 1, Unchanged),
            (Some(Some(1)), 2, 1, Kept),
            (Some(Some(1)), 1, 3, Apply),
            (Some(Some(1)), 2, 2, Unchanged),
            (Some(Some(1)), 2, 3, Conflict),
            (Some(None), 2, 3, Conflict),
            (Some(None), 2, 2, Unchanged),
            (None, 2, 3, Apply),
            (None, 2, 2, Unchanged),
        ];
        for (exported, stored, file, expected) in cases {
            let exported = exported.as_ref().map(Option::as_ref);
            let got = verdict(exported, &stored, &file, same);
            assert_eq!(got, expected, "{exported:?} {stored} {file}");
        }
    }

    fn bases_of_empty(d: &Dataset) -> Bases {
        let stamp = [Some(Exported {
            version: 1,
            seq: 99,
        })];
        bases(d, &[2], &stamp, |_, _| Ok::<_, ()>(Vec::new())).unwrap()
    }
}
