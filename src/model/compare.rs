//! What changed between two states of a plan (a monitoring snapshot and now,
//! or two snapshots): per objective, each changed field with old → new, and
//! the narratives as a word-level diff. Used by `obiettivi diff`, by the
//! review mode's highlights and by the minutes of a review.

use std::collections::{HashMap, HashSet};

use similar::{ChangeTag, TextDiff};

use super::field::ObjectiveField;
use super::fields::PhaseField;
use super::indicator_fields::{IndicatorField, fields_either_has};
use super::types::{Dataset, Objective};
use super::value::Value;
use super::values::{format_number, format_opt_number};
use crate::i18n::{tr, tr_string};

/// One objective that differs between the two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveComparison {
    pub code: String,
    pub presence: Presence,
    pub differences: Vec<Difference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Both,
    /// Only on the newer side.
    Added,
    /// Only on the older side.
    Removed,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Difference {
    /// The objective's roll-up moved (derived from the phases, listed first).
    Progress {
        old: Option<f64>,
        new: Option<f64>,
    },
    Mission {
        old: String,
        new: String,
    },
    /// A short field of the objective (status, manager, …).
    Field {
        field: ObjectiveField,
        old: Value,
        new: Value,
    },
    /// A narrative, as words kept, removed and added.
    Narrative {
        field: ObjectiveField,
        words: Vec<Words>,
    },
    Structures,
    Stakeholders,
    Phase(RowDifference<PhaseField, Value>),
    /// A target, a measurement (with its note), the baseline… as the
    /// indicator's cell shows it.
    Indicator(RowDifference<IndicatorField, String>),
}

/// What changed in a row of a table with no identity in the schema (a
/// phase, an indicator); `index` is the row's position on the newer side.
#[derive(Debug, Clone, PartialEq)]
pub enum RowDifference<F, V> {
    Added {
        index: usize,
        name: String,
    },
    Removed {
        name: String,
    },
    Cell {
        index: usize,
        name: String,
        field: F,
        old: V,
        new: V,
    },
}

impl<F: PartialEq, V> RowDifference<F, V> {
    /// Whether the row at `index` is new or has `field` (any: `None`) changed.
    fn marks(&self, index: usize, field: Option<F>) -> bool {
        match self {
            RowDifference::Added { index: i, .. } => *i == index,
            RowDifference::Cell {
                index: i, field: f, ..
            } => *i == index && field.is_none_or(|field| field == *f),
            RowDifference::Removed { .. } => false,
        }
    }
}

/// A run of words of a word-level diff (with the spacing that follows them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
    /// Unchanged words left out of a summary.
    Elided,
}

/// Every objective that differs, in the order of the newer side, then the
/// removed ones in the order of the older side. Unchanged objectives are left out.
pub fn compare(old: &Dataset, new: &Dataset) -> Vec<ObjectiveComparison> {
    let listed = |o: &Objective, presence, differences| ObjectiveComparison {
        code: o.code.clone(),
        presence,
        differences,
    };
    let by_code: HashMap<&str, &Objective> = old
        .objectives
        .iter()
        .map(|o| (o.code.as_str(), o))
        .collect();
    let in_new: HashSet<&str> = new.objectives.iter().map(|o| o.code.as_str()).collect();
    let changed = new
        .objectives
        .iter()
        .filter_map(|n| match by_code.get(n.code.as_str()) {
            Some(o) => Some(compare_objective(o, n))
                .filter(|d| !d.is_empty())
                .map(|d| listed(n, Presence::Both, d)),
            None => Some(listed(n, Presence::Added, Vec::new())),
        });
    let removed = old
        .objectives
        .iter()
        .filter(|o| !in_new.contains(o.code.as_str()));
    changed
        .chain(removed.map(|o| listed(o, Presence::Removed, Vec::new())))
        .collect()
}

/// The differences between two versions of one objective.
pub fn compare_objective(old: &Objective, new: &Objective) -> Vec<Difference> {
    let mut out = Vec::new();
    let (p_old, p_new) = (
        old.progress().map(|r| r.value),
        new.progress().map(|r| r.value),
    );
    if !same_number(p_old, p_new) {
        out.push(Difference::Progress {
            old: p_old,
            new: p_new,
        });
    }
    if old.mission != new.mission {
        out.push(Difference::Mission {
            old: old.mission.clone(),
            new: new.mission.clone(),
        });
    }
    for field in ObjectiveField::ALL {
        let (a, b) = (field.get_value(old), field.get_value(new));
        if a == b {
            continue;
        }
        out.push(match field {
            ObjectiveField::Year1 | ObjectiveField::Year2 => Difference::Narrative {
                field,
                words: word_diff(&a.to_string(), &b.to_string()),
            },
            _ => Difference::Field {
                field,
                old: a,
                new: b,
            },
        });
    }
    if old.structures != new.structures {
        out.push(Difference::Structures);
    }
    if old.stakeholders != new.stakeholders {
        out.push(Difference::Stakeholders);
    }
    let phases = compare_rows(
        (&old.phases, &new.phases),
        |p| &p.name,
        |_, _| PhaseField::ALL.to_vec(),
        |field, p| field.get_value(p),
    );
    out.extend(phases.into_iter().map(Difference::Phase));
    let indicators = compare_rows(
        (&old.indicators, &new.indicators),
        |i| &i.name,
        fields_either_has,
        |field, i| field.edit_text(i),
    );
    out.extend(indicators.into_iter().map(Difference::Indicator));
    out
}

/// Rows of a table with no identity in the schema (phases, indicators), old
/// and new versions paired: by name (an added or deleted row does not shift
/// the others), then what is left by position (a renamed row).
struct Pairs {
    /// For each new row, the old one it is.
    partner: Vec<Option<usize>>,
    /// For each old row, whether a new one is it.
    used: Vec<bool>,
}

impl Pairs {
    fn by_name<T>(old: &[T], new: &[T], name: impl Fn(&T) -> &String) -> Pairs {
        let mut partner: Vec<Option<usize>> = vec![None; new.len()];
        let mut used = vec![false; old.len()];
        for (j, n) in new.iter().enumerate() {
            // Prefer the same position among equal names (duplicated names happen).
            let candidates = (0..old.len()).filter(|&i| !used[i] && name(&old[i]) == name(n));
            if let Some(i) = candidates.min_by_key(|&i| i.abs_diff(j)) {
                partner[j] = Some(i);
                used[i] = true;
            }
        }
        for j in 0..new.len() {
            if partner[j].is_none() && j < old.len() && !used[j] {
                partner[j] = Some(j);
                used[j] = true;
            }
        }
        Pairs { partner, used }
    }

    /// The old rows no new one is: removed.
    fn removed<'a, T>(&'a self, old: &'a [T]) -> impl Iterator<Item = &'a T> {
        old.iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            .map(|(row, _)| row)
    }
}

/// Rows paired by [`Pairs::by_name`]: each pair's `fields` (given both
/// rows) compared by their `value`, the other rows added or removed.
fn compare_rows<T, F: Copy, V: PartialEq>(
    (old, new): (&[T], &[T]),
    name: fn(&T) -> &String,
    fields: fn(&T, &T) -> Vec<F>,
    value: fn(F, &T) -> V,
) -> Vec<RowDifference<F, V>> {
    let pairs = Pairs::by_name(old, new, name);
    let mut out = Vec::new();
    for (index, row) in new.iter().enumerate() {
        let Some(before) = pairs.partner[index].map(|i| &old[i]) else {
            let name = name(row).clone();
            out.push(RowDifference::Added { index, name });
            continue;
        };
        for field in fields(before, row) {
            let (old, new) = (value(field, before), value(field, row));
            if old != new {
                let name = name(row).clone();
                out.push(RowDifference::Cell {
                    index,
                    name,
                    field,
                    old,
                    new,
                });
            }
        }
    }
    let removed = pairs.removed(old).map(|row| name(row).clone());
    out.extend(removed.map(|name| RowDifference::Removed { name }));
    out
}

/// Whether the indicator at `index` (newer side) is new or has `field` changed.
pub fn indicator_cell_changed(
    differences: &[Difference],
    index: usize,
    field: IndicatorField,
) -> bool {
    (differences.iter())
        .any(|d| matches!(d, Difference::Indicator(r) if r.marks(index, Some(field))))
}

/// Whether the phase at `index` (newer side) is new or has `field` (any: `None`) changed.
pub fn phase_cell_changed(
    differences: &[Difference],
    index: usize,
    field: Option<PhaseField>,
) -> bool {
    (differences.iter()).any(|d| matches!(d, Difference::Phase(r) if r.marks(index, field)))
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// A short difference in words: what changed, and from what to what when
/// it is a value (`None` for an event: a phase added, the stakeholders changed).
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub what: String,
    pub values: Option<(String, String)>,
}

/// One line for a short difference, in the reader's language:
/// `fase 2 «NOME» Peso: 40 → 50`. Narratives give `None`: they are shown as
/// word diffs (see [`summarise`]).
pub fn describe(difference: &Difference) -> Option<String> {
    let said = say(difference)?;
    Some(match said.values {
        Some((old, new)) => format!("{}: {old} → {new}", said.what),
        None => said.what,
    })
}

/// A short difference as what changed and its two values, in the reader's
/// language (`fase 2 «NOME» Peso`, `40`, `50`); narratives give `None`.
pub fn say(difference: &Difference) -> Option<Said> {
    let shown = |v: &Value| match v.to_string() {
        s if s.trim().is_empty() => "—".to_string(),
        s => s.replace('\n', " ⏎ "),
    };
    let percent = |v: Option<f64>| match v {
        Some(v) => format!("{}%", format_number(v)),
        None => format_opt_number(None),
    };
    let event = |what: String| Said { what, values: None };
    let change = |what: String, old: String, new: String| Said {
        what,
        values: Some((old, new)),
    };
    Some(match difference {
        Difference::Progress { old, new } => change(
            tr_string("Avanzamento obiettivo", "Objective progress"),
            percent(*old),
            percent(*new),
        ),
        Difference::Mission { old, new } => change(
            tr_string("Obiettivo di missione", "Mission objective"),
            old.clone(),
            new.clone(),
        ),
        Difference::Field { field, old, new } => {
            change(field.label().into(), shown(old), shown(new))
        }
        Difference::Narrative { .. } => return None,
        Difference::Structures => event(tr_string(
            "Strutture coinvolte modificate",
            "Structures involved changed",
        )),
        Difference::Stakeholders => {
            event(tr_string("Stakeholder modificati", "Stakeholders changed"))
        }
        Difference::Indicator(row) => {
            let words = (
                tr("indicatore", "indicator"),
                tr("aggiunto", "added"),
                tr("eliminato", "deleted"),
            );
            let shown = |_, v: &String| match v.trim().is_empty() {
                true => "—".to_string(),
                false => v.clone(),
            };
            row_said(row, words, |f| f.label(), shown)
        }
        Difference::Phase(row) => {
            let words = (
                tr("fase", "phase"),
                tr("aggiunta", "added"),
                tr("eliminata", "deleted"),
            );
            let value = |field: PhaseField, v: &Value| match v {
                Value::Number(n) if field.column().unit == "%" => percent(*n),
                _ => shown(v),
            };
            let label = |f: PhaseField| f.label().to_string();
            row_said(row, words, label, value)
        }
    })
}

/// A row's difference said: `fase 2 «NOME» aggiunta`, `fase «NOME»
/// eliminata`, `fase 2 «NOME» Peso` with its two values `shown`.
fn row_said<F: Copy, V>(
    row: &RowDifference<F, V>,
    (what, added, removed): (&str, &str, &str),
    label: impl Fn(F) -> String,
    shown: impl Fn(F, &V) -> String,
) -> Said {
    let (what, values) = match row {
        RowDifference::Added { index, name } => {
            (format!("{what} {} «{name}» {added}", index + 1), None)
        }
        RowDifference::Removed { name } => (format!("{what} «{name}» {removed}"), None),
        RowDifference::Cell {
            index,
            name,
            field,
            old,
            new,
        } => (
            format!("{what} {} «{name}» {}", index + 1, label(*field)),
            Some((shown(*field, old), shown(*field, new))),
        ),
    };
    Said { what, values }
}

/// A word-level diff of two texts: runs of kept, removed and added words.
/// Changed words separated only by spaces form one removed and one added run
/// ("[-attivati 12-] {+consegnati 15+}"), which reads better than alternating.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Words> = Vec::new();
    let (mut removed, mut added, mut gap) = (String::new(), String::new(), String::new());
    let flush = |out: &mut Vec<Words>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Words::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Words::Added(std::mem::take(added)));
        }
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        let pending = !removed.is_empty() || !added.is_empty();
        match change.tag() {
            ChangeTag::Equal if pending && text.trim().is_empty() => gap.push_str(text),
            ChangeTag::Equal => {
                flush(&mut out, &mut removed, &mut added);
                let text = std::mem::take(&mut gap) + text;
                match out.last_mut() {
                    Some(Words::Same(s)) => s.push_str(&text),
                    _ => out.push(Words::Same(text)),
                }
            }
            tag => {
                let (this, other) = if tag == ChangeTag::Delete {
                    (&mut removed, &mut added)
                } else {
                    (&mut added, &mut removed)
                };
                if !gap.is_empty() {
                    if !other.is_empty() {
                        other.push_str(&gap);
                    }
                    if !this.is_empty() {
                        this.push_str(&gap);
                    }
                    gap.clear();
                }
                this.push_str(text);
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    if !gap.is_empty() {
        out.push(Words::Same(gap));
    }
    out
}

/// The diff with long unchanged runs cut down to `context` words on each side
/// of a change, so a reader sees what moved in a 2 KB narrative at a glance.
pub fn summarise(words: &[Words], context: usize) -> Vec<Words> {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .flat_map(|(i, w)| match w {
            Words::Same(text) => {
                let tokens = word_chunks(text);
                let keep_head = if i > 0 { context } else { 0 };
                let keep_tail = if i < last { context } else { 0 };
                if tokens.len() <= keep_head + keep_tail + 1 {
                    return vec![w.clone()];
                }
                let mut parts = Vec::new();
                if keep_head > 0 {
                    parts.push(Words::Same(tokens[..keep_head].concat()));
                }
                parts.push(Words::Elided);
                if keep_tail > 0 {
                    parts.push(Words::Same(tokens[tokens.len() - keep_tail..].concat()));
                }
                parts
            }
            other => vec![other.clone()],
        })
        .collect()
}

/// `text` cut before each word that follows a space: " a b " → [" a ", "b "].
fn word_chunks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_space = false;
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && after_space && i > 0 && text[start..i].trim() != "" {
            out.push(&text[start..i]);
            start = i;
        }
        after_space = c.is_whitespace();
    }
    out.push(&text[start..]);
    out
}

/// How many words were removed and added.
pub fn word_counts(words: &[Words]) -> (usize, usize) {
    let count = |s: &String| s.split_whitespace().count();
    words.iter().fold((0, 0), |(r, a), w| match w {
        Words::Removed(s) => (r + count(s), a),
        Words::Added(s) => (r, a + count(s)),
        _ => (r, a),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;
    use crate::model::indicators::Indicator;
    use crate::model::table::{Indicators, RowTable};
    use crate::model::types::Narratives;

    fn phase(name: &str, weight: Option<f64>, progress: Option<f64>) -> Phase {
        Phase {
            name: name.into(),
            weight,
            progress,
            ..Phase::default()
        }
    }

    fn objective(code: &str, phases: Vec<Phase>) -> Objective {
        let mut o = Objective::new(code, "M");
        o.phases = phases;
        o
    }

    fn dataset(objectives: Vec<Objective>) -> Dataset {
        let mut d = Dataset::empty();
        d.objectives = objectives;
        d
    }

    #[test]
    fn unchanged_objectives_are_not_listed_added_and_removed_are() {
        let a = objective("A", vec![phase("F1", Some(100.0), Some(10.0))]);
        let old = dataset(vec![a.clone(), objective("B", vec![])]);
        let new = dataset(vec![a, objective("C", vec![])]);
        let out = compare(&old, &new);
        let codes: Vec<(&str, Presence)> =
            out.iter().map(|c| (c.code.as_str(), c.presence)).collect();
        assert_eq!(codes, [("C", Presence::Added), ("B", Presence::Removed)]);
    }

    #[test]
    fn a_progress_change_lists_the_phase_field_and_the_roll_up() {
        let old = objective(
            "A",
            vec![
                phase("F1", Some(50.0), Some(10.0)),
                phase("F2", Some(50.0), None),
            ],
        );
        let mut new = old.clone();
        new.phases[1].progress = Some(30.0);
        new.status = Some("In Corso".into());
        let d = compare_objective(&old, &new);
        assert_eq!(
            d,
            [
                Difference::Progress {
                    old: Some(10.0),
                    new: Some(20.0)
                },
                Difference::Field {
                    field: ObjectiveField::Status,
                    old: Value::OptText(None),
                    new: Value::OptText(Some("In Corso".into()))
                },
                Difference::Phase(RowDifference::Cell {
                    index: 1,
                    name: "F2".into(),
                    field: PhaseField::Progress,
                    old: Value::Number(None),
                    new: Value::Number(Some(30.0))
                }),
            ]
        );
        let lines: Vec<String> = d.iter().filter_map(describe).collect();
        assert_eq!(
            lines,
            [
                "Avanzamento obiettivo: 10% → 20%",
                "Stato: — → In Corso",
                "fase 2 «F2» Avanzamento: n/d → 30%",
            ]
        );
        assert!(phase_cell_changed(&d, 1, Some(PhaseField::Progress)));
        assert!(!phase_cell_changed(&d, 1, Some(PhaseField::Weight)));
        assert!(!phase_cell_changed(&d, 0, None));
    }

    #[test]
    fn an_inserted_phase_does_not_shift_the_others() {
        let old = objective("A", vec![phase("F1", None, None), phase("F2", None, None)]);
        let new = objective(
            "A",
            vec![
                phase("F1", None, None),
                phase("NUOVA", None, None),
                phase("F2", None, None),
            ],
        );
        assert_eq!(
            compare_objective(&old, &new),
            [Difference::Phase(RowDifference::Added {
                index: 1,
                name: "NUOVA".into()
            })]
        );
        let back = compare_objective(&new, &old);
        assert_eq!(
            back,
            [Difference::Phase(RowDifference::Removed {
                name: "NUOVA".into()
            })]
        );
    }

    #[test]
    fn a_changed_target_a_new_measurement_and_a_new_indicator_are_each_listed() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut old = objective("A", vec![]);
        old.indicators.push(Indicator {
            name: "Alloggi".into(),
            targets: [(2026, 20.0)].into(),
            ..Indicator::default()
        });
        let mut new = old.clone();
        let june = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        Indicators::set_text(&mut new.indicators[0], IndicatorField::Target(2026), "25").unwrap();
        Indicators::set_text(
            &mut new.indicators[0],
            IndicatorField::Measurement(june),
            "15; primo semestre",
        )
        .unwrap();
        new.indicators.insert(
            0,
            Indicator {
                name: "Tempi".into(),
                ..Indicator::default()
            },
        );
        let differences = compare_objective(&old, &new);
        let said: Vec<String> = differences.iter().filter_map(describe).collect();
        assert_eq!(
            said,
            [
                "indicatore 1 «Tempi» aggiunto",
                "indicatore 2 «Alloggi» Target 2026: 20 → 25",
                "indicatore 2 «Alloggi» Rilevazione 30/06/2026: — → 15; primo semestre",
            ]
        );
        assert!(indicator_cell_changed(
            &differences,
            1,
            IndicatorField::Measurement(june)
        ));
        assert!(!indicator_cell_changed(
            &differences,
            1,
            IndicatorField::Weight
        ));
        assert!(indicator_cell_changed(
            &differences,
            0,
            IndicatorField::Weight
        ));
    }

    #[test]
    fn a_renamed_phase_is_a_name_change_in_place() {
        let old = objective("A", vec![phase("VECCHIO", None, None)]);
        let new = objective("A", vec![phase("NUOVO", None, None)]);
        assert!(matches!(
            compare_objective(&old, &new)[..],
            [Difference::Phase(RowDifference::Cell {
                index: 0,
                field: PhaseField::Name,
                ..
            })]
        ));
    }

    #[test]
    fn narratives_are_compared_word_by_word() {
        let mut old = objective("A", vec![]);
        old.narratives = Narratives {
            year1: "Sono stati attivati 12 alloggi nel 2025.".into(),
            year2: String::new(),
        };
        let mut new = old.clone();
        new.narratives.year1 = "Sono stati consegnati 15 alloggi nel 2025.".into();
        let d = compare_objective(&old, &new);
        let [Difference::Narrative { field, words }] = &d[..] else {
            panic!("{d:?}")
        };
        assert_eq!(*field, ObjectiveField::Year1);
        assert_eq!(
            words,
            &[
                Words::Same("Sono stati ".into()),
                Words::Removed("attivati 12".into()),
                Words::Added("consegnati 15".into()),
                Words::Same(" alloggi nel 2025.".into()),
            ]
        );
        assert_eq!(word_counts(words), (2, 2));
    }

    #[test]
    fn a_summary_keeps_a_few_words_around_each_change() {
        let old = "uno due tre quattro cinque sei sette otto nove dieci";
        let new = "uno due tre quattro cinque SEI sette otto nove dieci";
        let words = summarise(&word_diff(old, new), 2);
        assert_eq!(
            words,
            [
                Words::Elided,
                Words::Same("quattro cinque ".into()),
                Words::Removed("sei".into()),
                Words::Added("SEI".into()),
                Words::Same(" sette otto ".into()),
                Words::Elided,
            ]
        );
    }
}
