//! The minutes (verbale) of a review session: who went through which
//! objective, with what comment, and what had changed since the snapshot the
//! meeting compared against.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Block, changes};
use crate::i18n::tr;
use crate::model::compare::{Difference, Presence, compare_objective};
use crate::model::values::{format_date, format_number, format_opt_number};
use crate::model::warnings::warnings;
use crate::model::{Dataset, Objective};
use crate::store::Review;

/// What the minutes are made from. `snapshot` is `None` when the review had
/// none, or when it has been deleted since (`review.snapshot` says which).
pub struct Minutes<'a> {
    pub review: &'a Review,
    pub snapshot: Option<&'a Dataset>,
    pub now: &'a Dataset,
    pub today: NaiveDate,
}

pub fn blocks(m: &Minutes) -> Vec<Block> {
    let review = m.review;
    let mut subtitle = vec![
        m.now.plan.title.clone(),
        format!(
            "{} {} {} {}",
            tr("Iniziata il", "Started on"),
            review.started_at.format("%d/%m/%Y %H:%M"),
            tr("da", "by"),
            review.who
        ),
        match (&review.snapshot, m.snapshot) {
            (Some(name), Some(_)) => format!(
                "{} «{name}»",
                tr("Confronto con l'istantanea", "Compared with snapshot")
            ),
            (Some(name), None) => format!(
                "{} «{name}» {}",
                tr("L'istantanea", "Snapshot"),
                tr(
                    "è stata eliminata: modifiche non disponibili",
                    "was deleted: changes not available"
                )
            ),
            (None, _) => tr(
                "Nessuna istantanea di confronto",
                "No snapshot to compare with",
            )
            .into(),
        },
        format!(
            "{} {}",
            tr("Situazione al", "Status as of"),
            format_date(m.today)
        ),
    ];
    subtitle.retain(|s| !s.trim().is_empty());
    let mut out = vec![Block::Title(
        format!(
            "{} {}",
            tr("Verbale della revisione n.", "Minutes of review no."),
            review.id
        ),
        subtitle,
    )];
    let differences = differences(m);
    summary(m, differences.as_deref(), &mut out);
    for (i, o) in m.now.objectives.iter().enumerate() {
        objective(m, o, differences.as_ref().map(|d| &d[i]), &mut out);
    }
    out
}

/// Per objective of the plan now, its differences from the snapshot (`None`
/// for one the snapshot does not have); `None` without a snapshot. Worked out
/// once, for the summary and for each objective's section.
fn differences(m: &Minutes) -> Option<Vec<Option<Vec<Difference>>>> {
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
            .map(|o| before.get(o.code.as_str()).map(|b| compare_objective(b, o)))
            .collect(),
    )
}

fn summary(m: &Minutes, differences: Option<&[Option<Vec<Difference>>]>, out: &mut Vec<Block>) {
    let total = m.now.objectives.len();
    let reviewed = m.review.reviewed_codes();
    let not_reviewed: Vec<&str> = m
        .now
        .objectives
        .iter()
        .map(|o| o.code.as_str())
        .filter(|code| !reviewed.contains(code))
        .collect();
    // A new objective counts as changed.
    let changed = differences.map(|all| {
        all.iter()
            .filter(|d| d.as_ref().is_none_or(|d| !d.is_empty()))
            .count()
    });
    let late = m
        .now
        .objectives
        .iter()
        .filter(|o| o.phases.iter().any(|p| p.is_late(m.today)))
        .count();
    out.push(Block::Heading(tr("Riepilogo", "Summary").into()));
    let mut fields = vec![
        (
            tr("Obiettivi rivisti", "Objectives reviewed").into(),
            format!("{} {} {total}", total - not_reviewed.len(), tr("di", "of")),
        ),
        (
            tr("Non rivisti", "Not reviewed").into(),
            if not_reviewed.is_empty() {
                "—".into()
            } else {
                not_reviewed.join(", ")
            },
        ),
        (
            tr("Con fasi in ritardo", "With late phases").into(),
            late.to_string(),
        ),
    ];
    if let Some(changed) = changed {
        fields.push((
            tr("Modificati dall'istantanea", "Changed since the snapshot").into(),
            changed.to_string(),
        ));
    }
    out.push(Block::Fields(fields));
}

/// `differences`: `None` without a snapshot, else this objective's (`None` when new).
fn objective(
    m: &Minutes,
    o: &Objective,
    differences: Option<&Option<Vec<Difference>>>,
    out: &mut Vec<Block>,
) {
    out.push(Block::Objective(changes::heading(
        &o.code,
        Some(o),
        Presence::Both,
    )));
    let progress = o.progress().map_or_else(
        || format_opt_number(None),
        |r| format!("{}% ({})", format_number(r.value), r.formula()),
    );
    let mut fields = vec![
        (tr("Responsabile", "Manager").into(), o.manager.clone()),
        (tr("Avanzamento", "Progress").into(), progress),
        (
            tr("Revisione", "Review").into(),
            match m.review.mark(&o.code) {
                Some(mark) => format!(
                    "{} {} {} {}",
                    tr("rivisto da", "reviewed by"),
                    mark.who,
                    tr("il", "on"),
                    mark.at.format("%d/%m/%Y %H:%M")
                ),
                None => tr("non rivisto", "not reviewed").into(),
            },
        ),
    ];
    if let Some(mark) = m.review.mark(&o.code).filter(|m| !m.comment.is_empty()) {
        fields.push((tr("Commento", "Comment").into(), mark.comment.clone()));
    }
    out.push(Block::Fields(fields));
    if let Some(differences) = differences {
        out.push(Block::Heading(
            tr("Modifiche dall'istantanea", "Changes since the snapshot").into(),
        ));
        match differences {
            Some(differences) => {
                if differences.is_empty() {
                    out.push(Block::Text(tr("Nessuna modifica.", "No changes.").into()));
                }
                changes::differences(differences, out);
            }
            None => out.push(Block::Text(
                tr(
                    "Obiettivo nuovo, assente nell'istantanea.",
                    "New objective, not in the snapshot.",
                )
                .into(),
            )),
        }
    }
    let notes: Vec<String> = warnings(&m.now.plan, o, m.today)
        .iter()
        .map(|w| w.to_string())
        .collect();
    if !notes.is_empty() {
        out.push(Block::Warnings(notes));
    }
}
