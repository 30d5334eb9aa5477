//! The minutes (verbale) of a review session: who went through which
//! objective, with what comment, and what had changed since the snapshot the
//! meeting compared against. An objective gets a section of its own when it
//! changed or was reviewed; the unchanged ones are named once, together, in
//! the summary. What changed is said before and after (`changes::before_and_after`).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::block::Block;
use super::changes;
use crate::api::{AuditEntry, Review};
use crate::i18n::{tr, tr_string};
use crate::io::{history, variation};
use crate::model::compare::{Difference, compare_objective};
use crate::model::rewind::rewind;
use crate::model::values::{format_date, format_opt_number};
use crate::model::variation::VariationState;
use crate::model::warnings::warnings;
use crate::model::{Dataset, Objective};
use crate::tr_format;

/// What the minutes are made from. `snapshot` is `None` when the review had
/// none, or when it has been deleted since (`review.snapshot` says which).
/// `history`: the plan's audit entries, oldest first, to tell the changes
/// made after an objective was reviewed from those the meeting saw.
pub struct Minutes<'a> {
    pub review: &'a Review,
    pub snapshot: Option<&'a Dataset>,
    pub now: &'a Dataset,
    pub history: &'a [AuditEntry],
    pub today: NaiveDate,
}

/// An objective changed after its mark: the changes made since, and the
/// objective as the meeting saw it (`None` when they cannot be taken back).
struct After<'a> {
    later: Vec<&'a AuditEntry>,
    seen: Option<Objective>,
}

/// Per objective of the plan now, `Some` when it changed after it was marked reviewed.
fn changed_after<'a>(m: &Minutes<'a>) -> Vec<Option<After<'a>>> {
    let mut later: HashMap<&str, Vec<&AuditEntry>> = HashMap::new();
    for e in m.history {
        if let Some(mark) = m.review.mark(&e.what.objective)
            && e.at > mark.at
        {
            later.entry(e.what.objective.as_str()).or_default().push(e);
        }
    }
    m.now
        .objectives
        .iter()
        .map(|o| {
            let mark = m.review.mark(&o.code)?;
            let later = later.remove(o.code.as_str()).unwrap_or_default();
            // A mark made before marks kept a fingerprint: any later entry counts.
            let changed =
                mark.changed_since(o) || (mark.fingerprint.is_none() && !later.is_empty());
            changed.then(|| After {
                seen: rewind(o, &later.iter().map(|e| &e.what).collect::<Vec<_>>()),
                later,
            })
        })
        .collect()
}

/// `plain`: no markup of a word diff (the txt minutes).
pub fn blocks(m: &Minutes, plain: bool) -> Vec<Block> {
    let review = m.review;
    let mut subtitle = vec![
        m.now.plan.title.clone(),
        tr_format!(
            "Iniziata il {} da {}",
            "Started on {} by {}",
            review.started_at.format("%d/%m/%Y %H:%M"),
            review.who
        ),
        match (&review.snapshot, m.snapshot) {
            (Some(name), Some(_)) => tr_format!(
                "Confronto con l'istantanea «{name}»",
                "Compared with snapshot «{name}»"
            ),
            (Some(name), None) => tr_format!(
                "L'istantanea «{name}» è stata eliminata: modifiche non disponibili",
                "Snapshot «{name}» was deleted: changes not available"
            ),
            (None, _) => tr_string(
                "Nessuna istantanea di confronto",
                "No snapshot to compare with",
            ),
        },
        tr_format!("Situazione al {}", "Status as of {}", format_date(m.today)),
    ];
    subtitle.retain(|s| !s.trim().is_empty());
    let mut out = vec![Block::Title(
        tr_format!(
            "Verbale della revisione n. {}",
            "Minutes of review no. {}",
            review.id
        ),
        subtitle,
    )];
    let after = changed_after(m);
    let differences = differences(m, &after);
    summary(m, differences.as_deref(), &after, &mut out);
    variations(m, &mut out);
    for (i, o) in m.now.objectives.iter().enumerate() {
        let differences = differences.as_ref().map(|d| &d[i]);
        let changed = after[i].is_some() || differences.is_some_and(changed_since_snapshot);
        if changed || m.review.mark(&o.code).is_some() {
            let differences = differences.filter(|_| changed);
            objective(m, o, differences, after[i].as_ref(), plain, &mut out);
        }
    }
    out
}

/// Whether an objective's differences from the snapshot (`None`: new) say it changed.
fn changed_since_snapshot(differences: &Option<Vec<Difference>>) -> bool {
    differences.as_ref().is_none_or(|d| !d.is_empty())
}

/// Per objective of the plan now, its differences from the snapshot (`None`
/// for one the snapshot does not have); `None` without a snapshot. Up to the
/// review's mark where the objective changed after it. Worked out once, for
/// the summary and for each objective's section.
fn differences(m: &Minutes, after: &[Option<After>]) -> Option<Vec<Option<Vec<Difference>>>> {
    let old = m.snapshot?;
    let before: HashMap<&str, &Objective> = old
        .objectives
        .iter()
        .map(|o| (o.code.as_str(), o))
        .collect();
    Some(
        m.now
            .objectives
            .iter()
            .zip(after)
            .map(|(o, after)| {
                let seen = after.as_ref().and_then(|a| a.seen.as_ref()).unwrap_or(o);
                before
                    .get(o.code.as_str())
                    .map(|b| compare_objective(b, seen))
            })
            .collect(),
    )
}

fn summary(
    m: &Minutes,
    differences: Option<&[Option<Vec<Difference>>]>,
    after: &[Option<After>],
    out: &mut Vec<Block>,
) {
    let total = m.now.objectives.len();
    let reviewed = m.review.reviewed_codes();
    // The codes of the objectives `keep` keeps (given each one's position), in plan order.
    let codes = |keep: &dyn Fn(usize, &Objective) -> bool| -> Vec<&str> {
        let all = m.now.objectives.iter().enumerate();
        all.filter(|(i, o)| keep(*i, o))
            .map(|(_, o)| o.code.as_str())
            .collect()
    };
    let not_reviewed = codes(&|_, o| !reviewed.contains(&o.code.as_str()));
    // A new objective counts as changed.
    let changed = differences.map(|all| all.iter().filter(|d| changed_since_snapshot(d)).count());
    let late = m
        .now
        .objectives
        .iter()
        .filter(|o| o.phases.iter().any(|p| p.is_late(m.today)))
        .count();
    out.push(Block::heading("Riepilogo", "Summary"));
    let mut fields = vec![
        (
            tr_string("Obiettivi rivisti", "Objectives reviewed"),
            tr_format!("{} di {total}", "{} of {total}", total - not_reviewed.len()),
        ),
        (
            tr_string("Non rivisti", "Not reviewed"),
            listed(&not_reviewed),
        ),
        (
            tr_string("Con fasi in ritardo", "With late phases"),
            late.to_string(),
        ),
    ];
    if let Some(changed) = changed {
        fields.push((
            tr_string("Modificati dall'istantanea", "Changed since the snapshot"),
            changed.to_string(),
        ));
    }
    // Named once here rather than given a section each.
    if let Some(all) = differences {
        let unchanged = codes(&|i, _| !changed_since_snapshot(&all[i]) && after[i].is_none());
        fields.push((
            tr_string("Senza modifiche", "Unchanged"),
            listed(&unchanged),
        ));
    }
    let later = codes(&|i, _| after[i].is_some());
    fields.push((
        tr_string("Modificati dopo la revisione", "Changed after the review"),
        listed(&later),
    ));
    out.push(Block::Fields(fields));
}

/// The variations the meeting has to know of (GUIDE §8): those still open,
/// and those opened or decided since the snapshot (all, without one), each
/// with its changes old → new.
fn variations(m: &Minutes, out: &mut Vec<Block>) {
    let before = m.snapshot.map(|s| s.variations.as_slice()).unwrap_or(&[]);
    let items: Vec<String> = (m.now.variations.iter())
        .filter(|v| v.state == VariationState::Open || !before.contains(v))
        .map(|v| {
            let head = tr_format!("Variazione {}", "Variation {}", variation::summary(v));
            if v.changes.is_empty() {
                return head;
            }
            let lines = variation::show(m.now, v).into_iter().skip(1);
            let changes: Vec<String> = lines.map(|l| l.trim().to_string()).collect();
            format!("{head}: {}", changes.join("; "))
        })
        .collect();
    if !items.is_empty() {
        out.push(Block::heading("Variazioni", "Variations"));
        out.push(Block::List(items));
    }
}

/// Codes in a summary's field: `05_1201_0201, 05_1201_0301`, or `—` for none.
fn listed(codes: &[&str]) -> String {
    if codes.is_empty() {
        "—".into()
    } else {
        codes.join(", ")
    }
}

/// `differences`: `None` without a snapshot or when it did not change (the
/// summary names it), else this objective's (`None` when new).
fn objective(
    m: &Minutes,
    o: &Objective,
    differences: Option<&Option<Vec<Difference>>>,
    after: Option<&After>,
    plain: bool,
    out: &mut Vec<Block>,
) {
    // The title whole: minutes are a record, not a screen.
    out.push(Block::Objective(
        if o.operational_objective.trim().is_empty() {
            o.code.clone()
        } else {
            format!("{} — {}", o.code, o.operational_objective.trim())
        },
    ));
    let progress = o.progress().map_or_else(
        || {
            o.not_assessable_said()
                .unwrap_or_else(|| format_opt_number(None))
        },
        |r| format!("{} — {}", r.said(), r.bare_formula()),
    );
    let mut fields = vec![
        (tr_string("Responsabile", "Manager"), o.manager.clone()),
        (tr_string("Avanzamento", "Progress"), progress),
        (
            tr_string("Revisione", "Review"),
            match m.review.mark(&o.code) {
                Some(mark) => tr_format!(
                    "rivisto da {} il {}{}",
                    "reviewed by {} on {}{}",
                    mark.who,
                    mark.at.format("%d/%m/%Y %H:%M"),
                    if after.is_some() {
                        tr(
                            " — modificato dopo la revisione",
                            " — changed after the review",
                        )
                    } else {
                        ""
                    }
                ),
                None => tr_string("non rivisto", "not reviewed"),
            },
        ),
    ];
    if let Some(mark) = m.review.mark(&o.code).filter(|m| !m.comment.is_empty()) {
        fields.push((tr_string("Commento", "Comment"), mark.comment.clone()));
    }
    out.push(Block::Fields(fields));
    if let Some(differences) = differences {
        out.push(Block::Heading(
            match after {
                Some(After { seen: Some(_), .. }) => tr(
                    "Modifiche dall'istantanea fino alla revisione",
                    "Changes since the snapshot, up to the review",
                ),
                Some(After { seen: None, .. }) => tr(
                    "Modifiche dall'istantanea (comprese quelle dopo la revisione)",
                    "Changes since the snapshot (those after the review included)",
                ),
                None => tr("Modifiche dall'istantanea", "Changes since the snapshot"),
            }
            .into(),
        ));
        match differences {
            Some(differences) => {
                if differences.is_empty() {
                    out.push(Block::text("Nessuna modifica.", "No changes."));
                }
                changes::before_and_after(differences, plain, out);
            }
            None => out.push(Block::text(
                "Obiettivo nuovo, assente nell'istantanea.",
                "New objective, not in the snapshot.",
            )),
        }
    }
    if let Some(after) = after {
        out.push(Block::heading(
            "Modificato dopo la revisione",
            "Changed after the review",
        ));
        out.push(Block::List(
            after
                .later
                .iter()
                .map(|e| {
                    format!(
                        "{} {}: {}",
                        e.at.format("%d/%m/%Y %H:%M"),
                        e.who,
                        history::what(e)
                    )
                })
                .collect(),
        ));
    }
    let notes: Vec<String> = warnings(&m.now.plan, o, m.today)
        .iter()
        .map(|w| w.to_string())
        .collect();
    if !notes.is_empty() {
        out.push(Block::Warnings(notes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::report::{Format, render_minutes};
    use crate::model::{Change, Field, PhaseField};
    use crate::store::Store;

    fn set(store: &Store, field: PhaseField, text: &str) {
        let change = Change::parse("05_1201_0601", Some(0), Field::Phase(field), text).unwrap();
        store
            .apply_at("05_1201_0601", &[change], "mario", None)
            .unwrap();
    }

    #[test]
    fn a_change_after_the_mark_is_listed_apart_from_those_the_meeting_saw() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
        store.create_snapshot("S", "anna").unwrap();
        set(&store, PhaseField::Weight, "40");
        store.start_review(Some("S"), "anna").unwrap();
        store.mark_reviewed(1, "05_1201_0601", "", "anna").unwrap();
        set(&store, PhaseField::Progress, "60");
        let (review, snapshot, now) = (
            store.review(1).unwrap(),
            store.snapshot("S").unwrap(),
            store.load().unwrap(),
        );
        let history = store.history(None).unwrap();
        let md = render_minutes(
            &Minutes {
                review: &review,
                snapshot: Some(&snapshot),
                now: &now,
                history: &history,
                today: NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
            },
            Format::Markdown,
        );
        let section = md
            .split("## 05_1201_0601 — Programmare e realizzare interventi a favore delle famiglie con difficoltà alloggiative.")
            .nth(1)
            .unwrap_or_else(|| panic!("the title whole: {md}"));
        let section = section.split("\n## ").next().unwrap();
        let (seen, later) = section
            .split_once("Modificato dopo la revisione")
            .unwrap_or_else(|| panic!("{section}"));
        let (_, seen) = seen
            .split_once("Modifiche dall'istantanea fino alla revisione")
            .unwrap_or_else(|| panic!("{seen}"));
        assert!(
            seen.contains("Peso — prima: n/d; dopo: 40") && !seen.contains("60"),
            "what the meeting saw, not the later progress: {seen}"
        );
        assert!(later.contains("mario: fase 1"), "{later}");
        assert!(later.contains("Avanzamento: n/d → 60"), "{later}");
        assert!(
            md.contains("Modificati dopo la revisione:** 05_1201_0601"),
            "{md}"
        );
    }
}
