//! What changed between two states of a plan (a monitoring snapshot and now,
//! or two snapshots): per objective, each changed field with old → new, and
//! the narratives as a word-level diff. Used by `obiettivi diff`, by the
//! review mode's highlights and by the minutes of a review.

use std::collections::{HashMap, HashSet};

use similar::{ChangeTag, TextDiff};

use super::field::ObjectiveField;
use super::fields::PhaseField;
use super::indicator_fields::IndicatorField;
use super::indicators::Indicator;
use super::types::{Dataset, Objective, Phase};
use super::value::Value;
use super::values::{format_number, format_opt_number};
use crate::i18n::tr;

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
    PhaseAdded {
        index: usize,
        name: String,
    },
    PhaseRemoved {
        name: String,
    },
    /// `index` is the phase's position on the newer side.
    Phase {
        index: usize,
        name: String,
        field: PhaseField,
        old: Value,
        new: Value,
    },
    IndicatorAdded {
        index: usize,
        name: String,
    },
    IndicatorRemoved {
        name: String,
    },
    /// A target, a measurement (with its note), the baseline… of the indicator
    /// at `index` on the newer side, as its cell shows it.
    Indicator {
        index: usize,
        name: String,
        field: IndicatorField,
        old: String,
        new: String,
    },
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
    out.extend(compare_phases(&old.phases, &new.phases));
    out.extend(compare_indicators(&old.indicators, &new.indicators));
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

/// The fields whose two values (old, new) differ, each as its difference.
fn changed_cells<F: Copy, V: PartialEq>(
    fields: impl IntoIterator<Item = F>,
    values: impl Fn(F) -> (V, V),
    difference: impl Fn(F, V, V) -> Difference,
) -> Vec<Difference> {
    let changed = fields.into_iter().filter_map(|field| {
        let (old, new) = values(field);
        (old != new).then(|| difference(field, old, new))
    });
    changed.collect()
}

/// Rows paired by [`Pairs::by_name`]: each pair's cells compared (`cells`,
/// given the new row's index), the others added or removed.
fn compare_rows<T>(
    old: &[T],
    new: &[T],
    name: fn(&T) -> &String,
    cells: impl Fn(usize, &T, &T) -> Vec<Difference>,
    added: fn(usize, String) -> Difference,
    removed: fn(String) -> Difference,
) -> Vec<Difference> {
    let pairs = Pairs::by_name(old, new, name);
    let mut out = Vec::new();
    for (j, row) in new.iter().enumerate() {
        match pairs.partner[j] {
            Some(i) => out.extend(cells(j, &old[i], row)),
            None => out.push(added(j, name(row).clone())),
        }
    }
    out.extend(pairs.removed(old).map(|row| removed(name(row).clone())));
    out
}

fn compare_indicators(old: &[Indicator], new: &[Indicator]) -> Vec<Difference> {
    let cells = |index, a: &Indicator, b: &Indicator| {
        let values = |field: IndicatorField| (field.edit_text(a), field.edit_text(b));
        changed_cells(indicator_fields_of(a, b), values, |field, old, new| {
            let name = b.name.clone();
            Difference::Indicator {
                index,
                name,
                field,
                old,
                new,
            }
        })
    };
    let added = |index, name| Difference::IndicatorAdded { index, name };
    let removed = |name| Difference::IndicatorRemoved { name };
    compare_rows(old, new, |i| &i.name, cells, added, removed)
}

/// Every field either side has: the fixed ones, each year with a target and
/// each period with a measurement.
pub(crate) fn indicator_fields_of(a: &Indicator, b: &Indicator) -> Vec<IndicatorField> {
    let years: std::collections::BTreeSet<i32> =
        a.targets.keys().chain(b.targets.keys()).copied().collect();
    let periods: std::collections::BTreeSet<chrono::NaiveDate> = a
        .measurements
        .iter()
        .chain(&b.measurements)
        .map(|m| m.period)
        .collect();
    super::indicator_fields::fields_for(years, periods)
}

/// Whether the indicator at `index` (newer side) is new or has `field` changed.
pub fn indicator_cell_changed(
    differences: &[Difference],
    index: usize,
    field: IndicatorField,
) -> bool {
    differences.iter().any(|d| match d {
        Difference::IndicatorAdded { index: i, .. } => *i == index,
        Difference::Indicator {
            index: i, field: f, ..
        } => *i == index && *f == field,
        _ => false,
    })
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn compare_phases(old: &[Phase], new: &[Phase]) -> Vec<Difference> {
    let cells = |index, a: &Phase, b: &Phase| {
        let values = |field: PhaseField| (field.get_value(a), field.get_value(b));
        changed_cells(PhaseField::ALL, values, |field, old, new| {
            let name = b.name.clone();
            Difference::Phase {
                index,
                name,
                field,
                old,
                new,
            }
        })
    };
    let added = |index, name| Difference::PhaseAdded { index, name };
    let removed = |name| Difference::PhaseRemoved { name };
    compare_rows(old, new, |p| &p.name, cells, added, removed)
}

/// Whether the phase at `index` (newer side) is new or has `field` changed.
pub fn phase_cell_changed(
    differences: &[Difference],
    index: usize,
    field: Option<PhaseField>,
) -> bool {
    differences.iter().any(|d| match d {
        Difference::PhaseAdded { index: i, .. } => *i == index,
        Difference::Phase {
            index: i, field: f, ..
        } => *i == index && field.is_none_or(|field| field == *f),
        _ => false,
    })
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
    let phase =
        |index: usize, name: &str| format!("{} {} «{name}»", tr("fase", "phase"), index + 1);
    let event = |what: String| Said { what, values: None };
    let change = |what: String, old: String, new: String| Said {
        what,
        values: Some((old, new)),
    };
    Some(match difference {
        Difference::Progress { old, new } => change(
            tr("Avanzamento obiettivo", "Objective progress").into(),
            percent(*old),
            percent(*new),
        ),
        Difference::Mission { old, new } => change(
            tr("Obiettivo di missione", "Mission objective").into(),
            old.clone(),
            new.clone(),
        ),
        Difference::Field { field, old, new } => {
            change(field.label().into(), shown(old), shown(new))
        }
        Difference::Narrative { .. } => return None,
        Difference::Structures => event(
            tr(
                "Strutture coinvolte modificate",
                "Structures involved changed",
            )
            .into(),
        ),
        Difference::Stakeholders => {
            event(tr("Stakeholder modificati", "Stakeholders changed").into())
        }
        Difference::IndicatorAdded { index, name } => event(format!(
            "{} {} «{name}» {}",
            tr("indicatore", "indicator"),
            index + 1,
            tr("aggiunto", "added")
        )),
        Difference::IndicatorRemoved { name } => event(format!(
            "{} «{name}» {}",
            tr("indicatore", "indicator"),
            tr("eliminato", "deleted")
        )),
        Difference::Indicator {
            index,
            name,
            field,
            old,
            new,
        } => {
            let shown = |v: &str| {
                if v.trim().is_empty() {
                    "—".to_string()
                } else {
                    v.to_string()
                }
            };
            change(
                format!(
                    "{} {} «{name}» {}",
                    tr("indicatore", "indicator"),
                    index + 1,
                    field.label()
                ),
                shown(old),
                shown(new),
            )
        }
        Difference::PhaseAdded { index, name } => event(format!(
            "{} {}",
            phase(*index, name),
            tr("aggiunta", "added")
        )),
        Difference::PhaseRemoved { name } => event(format!(
            "{} «{name}» {}",
            tr("fase", "phase"),
            tr("eliminata", "deleted")
        )),
        Difference::Phase {
            index,
            name,
            field,
            old,
            new,
        } => {
            let value = |v: &Value| match (field, v) {
                (f, Value::Number(n)) if f.column().unit == "%" => percent(*n),
                _ => shown(v),
            };
            change(
                format!("{} {}", phase(*index, name), field.label()),
                value(old),
                value(new),
            )
        }
    })
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
                Difference::Phase {
                    index: 1,
                    name: "F2".into(),
                    field: PhaseField::Progress,
                    old: Value::Number(None),
                    new: Value::Number(Some(30.0))
                },
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
            [Difference::PhaseAdded {
                index: 1,
                name: "NUOVA".into()
            }]
        );
        let back = compare_objective(&new, &old);
        assert_eq!(
            back,
            [Difference::PhaseRemoved {
                name: "NUOVA".into()
            }]
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
            [Difference::Phase {
                index: 0,
                field: PhaseField::Name,
                ..
            }]
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
