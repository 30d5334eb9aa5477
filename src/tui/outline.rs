//! The hierarchy mandate → mission → objective with each node's roll-up,
//! flattened into the rows the tree pane shows: filtered (only the objectives
//! kept, and the mandates and missions above them) and sorted within each mission.

use std::collections::HashSet;

// Codes are hashed for every row at each filter or sort of a city's plan:
// foldhash (seeded per process) costs a fraction of SipHash.
use foldhash::{HashMap as FastMap, HashMapExt, HashSet as FastSet};

use chrono::NaiveDate;

use crate::model::assessment::Mark;
use crate::model::rollup::mean_of;
use crate::model::score::{headline_value, year_shown};
use crate::model::summary::Summary;
use crate::model::{Dataset, Mission, Plan};

/// How objectives are ordered within their mission (`s` cycles through them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As the plan lists them.
    #[default]
    Plan,
    Code,
    ProgressAscending,
    ProgressDescending,
    /// Most late phases first.
    Late,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Plan => Sort::Code,
            Sort::Code => Sort::ProgressAscending,
            Sort::ProgressAscending => Sort::ProgressDescending,
            Sort::ProgressDescending => Sort::Late,
            Sort::Late => Sort::Plan,
        }
    }

    pub fn label(self) -> &'static str {
        use crate::i18n::tr;
        match self {
            Sort::Plan => tr("ordine del piano", "plan order"),
            Sort::Code => tr("per codice", "by code"),
            Sort::ProgressAscending => tr("avanzamento ↑", "progress ↑"),
            Sort::ProgressDescending => tr("avanzamento ↓", "progress ↓"),
            Sort::Late => tr("fasi in ritardo", "late phases"),
        }
    }
}

/// What the tree says of one objective beside its title. Worked out when the
/// objective changes, not at each rebuild of the rows: a filter or a sort of
/// 10 000 objectives would otherwise read 100 000 phases several times over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    pub progress: Option<f64>,
    /// Σ weights ≠ 100.
    pub weight_off: bool,
    /// How many phases are late.
    pub late: usize,
    /// This year's status narrative is empty.
    pub narrative_missing: bool,
    /// Forced or non valutabile (GUIDE §1).
    pub mark: Option<Mark>,
}

impl Facts {
    /// From the objective's summary (all a session has of most objectives).
    pub fn of(plan: &Plan, s: &Summary, today: NaiveDate) -> Facts {
        // The gauge shows what the plan's `score` setting heads an objective with.
        let score = plan.settings.score;
        let progress = match score {
            crate::model::Score::Phases => s.progress,
            _ => headline_value(s, score, year_shown(plan, today)),
        };
        Facts {
            progress,
            weight_off: s.weight_off,
            late: s.late(today),
            narrative_missing: s.narrative_missing(plan, today),
            mark: s.mark,
        }
    }

    /// Every objective's, in plan order.
    pub fn all(plan: &Plan, summaries: &[Summary], today: NaiveDate) -> Vec<Facts> {
        summaries
            .iter()
            .map(|s| Facts::of(plan, s, today))
            .collect()
    }
}

/// What the tree shows of the plan: which objectives (`None`: all), in what
/// order, with each objective's facts (`Facts::all`).
#[derive(Debug, Clone, Copy)]
pub struct Shape<'a> {
    pub keep: Option<&'a [bool]>,
    pub sort: Sort,
    pub facts: &'a [Facts],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeKind {
    Mandate,
    Mission,
    #[default]
    Objective,
}

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub kind: NodeKind,
    pub code: String,
    pub title: String,
    pub depth: u16,
    pub progress: Option<f64>,
    /// Σ weights ≠ 100 (objectives only).
    pub weight_warning: bool,
    /// How many phases are late (objectives only).
    pub late: usize,
    /// This year's status narrative is empty (objectives only).
    pub narrative_missing: bool,
    /// Forced or non valutabile (objectives only).
    pub mark: Option<Mark>,
    pub has_children: bool,
    pub expanded: bool,
    /// Index into `Dataset::objectives` for objective rows.
    pub objective: Option<usize>,
}

/// The rows visible with `collapsed` nodes folded, in plan order.
/// Missions whose mandate is missing from the plan are listed at the end, as are
/// objectives whose mission is missing, so nothing stored is ever hidden.
pub fn rows(d: &Dataset, collapsed: &HashSet<String>, shape: Shape) -> Vec<Row> {
    let facts = shape.facts;
    let objective_progress: Vec<Option<f64>> = facts.iter().map(|f| f.progress).collect();
    let kept = |i: usize| {
        shape
            .keep
            .is_none_or(|k| k.get(i).copied().unwrap_or(false))
    };
    // Children by parent code, built once: O(n) whatever the size of the plan.
    // The roll-ups are the whole plan's; only the rows shown are filtered.
    let mut objectives_of: FastMap<&str, Vec<usize>> = FastMap::with_capacity(d.missions.len());
    for (i, o) in d.objectives.iter().enumerate() {
        objectives_of.entry(o.mission.as_str()).or_default().push(i);
    }
    // The objectives shown, mission by mission, in the order chosen: worked
    // out only when they differ from the plan's (one hash per mission, not per objective).
    let late_of = |i: usize| facts[i].late;
    let shown_of: Option<FastMap<&str, Vec<usize>>> =
        (shape.keep.is_some() || shape.sort != Sort::Plan).then(|| {
            objectives_of
                .iter()
                .map(|(&mission, members)| {
                    let mut members: Vec<usize> =
                        members.iter().copied().filter(|&i| kept(i)).collect();
                    sort_objectives(d, &mut members, shape.sort, &objective_progress, late_of);
                    (mission, members)
                })
                .collect()
        });
    let shown = |mission: &str| {
        shown_of
            .as_ref()
            .unwrap_or(&objectives_of)
            .get(mission)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let filtering = shape.keep.is_some();
    let mut missions_of: FastMap<&str, Vec<&Mission>> = FastMap::new();
    for m in &d.missions {
        missions_of.entry(m.mandate.as_str()).or_default().push(m);
    }
    let children = |mission: &str| {
        objectives_of
            .get(mission)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let mission_progress =
        |mission: &str| mean_of(children(mission).iter().map(|&i| objective_progress[i]));

    let mut out = Vec::with_capacity(d.objectives.len() + d.missions.len() + d.mandates.len());
    let push_mission = |out: &mut Vec<Row>, m: &Mission, depth: u16| {
        if filtering && shown(&m.code).is_empty() {
            return;
        }
        let expanded = !collapsed.contains(&m.code);
        let mut row = Row {
            kind: NodeKind::Mission,
            code: m.code.clone(),
            title: m.title.clone(),
            depth,
            progress: mission_progress(&m.code),
            has_children: !shown(&m.code).is_empty(),
            expanded,
            ..Row::default()
        };
        gather_markers(&mut row, children(&m.code).iter().copied(), facts);
        out.push(row);
        if expanded {
            for &i in shown(&m.code) {
                out.push(objective_row(d, i, depth + 1, &facts[i]));
            }
        }
    };
    let no_missions = Vec::new();
    for mandate in &d.mandates {
        let missions = missions_of
            .get(mandate.code.as_str())
            .unwrap_or(&no_missions);
        if filtering && missions.iter().all(|m| shown(&m.code).is_empty()) {
            continue;
        }
        let expanded = !collapsed.contains(&mandate.code);
        let mut row = Row {
            kind: NodeKind::Mandate,
            code: mandate.code.clone(),
            title: mandate.title.clone(),
            depth: 0,
            progress: mean_of(
                missions
                    .iter()
                    .flat_map(|m| children(&m.code).iter().map(|&i| objective_progress[i])),
            ),
            has_children: !missions.is_empty(),
            expanded,
            ..Row::default()
        };
        let members = missions
            .iter()
            .flat_map(|m| children(&m.code).iter().copied());
        gather_markers(&mut row, members, facts);
        out.push(row);
        if expanded {
            for m in missions {
                push_mission(&mut out, m, 1);
            }
        }
    }
    let mandate_codes: FastSet<&str> = d.mandates.iter().map(|m| m.code.as_str()).collect();
    for m in d
        .missions
        .iter()
        .filter(|m| !mandate_codes.contains(m.mandate.as_str()))
    {
        push_mission(&mut out, m, 0);
    }
    let mission_codes: FastSet<&str> = d.missions.iter().map(|m| m.code.as_str()).collect();
    for (i, o) in d.objectives.iter().enumerate() {
        if !mission_codes.contains(o.mission.as_str()) && kept(i) {
            out.push(objective_row(d, i, 0, &facts[i]));
        }
    }
    out
}

/// Orders one mission's objectives; ties keep the plan's order (a stable sort).
fn sort_objectives(
    d: &Dataset,
    members: &mut [usize],
    sort: Sort,
    progress: &[Option<f64>],
    late_of: impl Fn(usize) -> usize,
) {
    // No value sorts after every value, whichever the direction: "n/d" is not 0.
    let by_progress = |a: &usize, b: &usize, descending: bool| match (progress[*a], progress[*b]) {
        (Some(x), Some(y)) if descending => y.total_cmp(&x),
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => y.is_some().cmp(&x.is_some()),
    };
    match sort {
        Sort::Plan => {}
        Sort::Code => members.sort_by(|a, b| d.objectives[*a].code.cmp(&d.objectives[*b].code)),
        Sort::ProgressAscending => members.sort_by(|a, b| by_progress(a, b, false)),
        Sort::ProgressDescending => members.sort_by(|a, b| by_progress(a, b, true)),
        Sort::Late => members.sort_by_cached_key(|&i| std::cmp::Reverse(late_of(i))),
    }
}

/// An objective's row. Its title is not copied: the tree reads it from the
/// plan for the rows it draws.
fn objective_row(d: &Dataset, i: usize, depth: u16, facts: &Facts) -> Row {
    Row {
        kind: NodeKind::Objective,
        code: d.objectives[i].code.clone(),
        title: String::new(),
        depth,
        progress: facts.progress,
        weight_warning: facts.weight_off,
        late: facts.late,
        narrative_missing: facts.narrative_missing,
        mark: facts.mark,
        objective: Some(i),
        ..Row::default()
    }
}

/// Brings the rows up to date after an edit of objective `index` (its phases
/// or its texts), as `rows` would build them, without rebuilding the tree: an
/// edit never moves an objective, so only its own row, its mission's and its
/// mandate's can change. Rebuilding every row of a 10 000-objective plan took
/// most of the time between Enter and "salvato".
pub fn refresh_objective(rows: &mut [Row], d: &Dataset, index: usize, facts: &[Facts]) {
    let Some(o) = d.objectives.get(index) else {
        return;
    };
    let progress_of = |i: usize| facts[i].progress;
    // The objective's row built again as `rows` builds it (one list of its fields).
    if let Some(row) = rows.iter_mut().find(|r| r.objective == Some(index)) {
        *row = objective_row(d, index, row.depth, &facts[index]);
    }
    let Some(mission) = d.missions.iter().find(|m| m.code == o.mission) else {
        return;
    };
    if let Some(row) = find(rows, NodeKind::Mission, &mission.code) {
        let members =
            || (0..d.objectives.len()).filter(|&i| d.objectives[i].mission == mission.code);
        row.progress = mean_of(members().map(progress_of));
        gather_markers(row, members(), facts);
    }
    if let Some(row) = find(rows, NodeKind::Mandate, &mission.mandate) {
        // Mission by mission, in plan order, as `rows` sums them: the same
        // floating-point result to the last bit.
        let rank: FastMap<&str, usize> = d
            .missions
            .iter()
            .filter(|m| m.mandate == mission.mandate)
            .enumerate()
            .map(|(rank, m)| (m.code.as_str(), rank))
            .collect();
        let mut members: Vec<(usize, usize)> = d
            .objectives
            .iter()
            .enumerate()
            .filter_map(|(i, o)| rank.get(o.mission.as_str()).map(|&r| (r, i)))
            .collect();
        members.sort_unstable();
        row.progress = mean_of(members.iter().map(|&(_, i)| progress_of(i)));
        gather_markers(row, members.into_iter().map(|(_, i)| i), facts);
    }
}

/// A mandate's or mission's markers: those of its objectives taken together
/// (late phases counted, the others if any has them), so a folded node still
/// says where to look.
fn gather_markers(row: &mut Row, members: impl Iterator<Item = usize>, facts: &[Facts]) {
    row.late = 0;
    row.weight_warning = false;
    row.narrative_missing = false;
    for f in members.map(|i| &facts[i]) {
        row.late += f.late;
        row.weight_warning |= f.weight_off;
        row.narrative_missing |= f.narrative_missing;
    }
}

fn find<'a>(rows: &'a mut [Row], kind: NodeKind, code: &str) -> Option<&'a mut Row> {
    rows.iter_mut().find(|r| r.kind == kind && r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::synthetic::{Spec, generate};

    #[test]
    fn refreshing_one_objective_gives_the_rows_a_rebuild_would() {
        let mut d = generate(&Spec {
            objectives: 120,
            phases: 5,
            seed: 11,
        });
        let mut collapsed = HashSet::new();
        collapsed.insert(d.missions[1].code.clone());
        let today = NaiveDate::from_ymd_opt(2025, 8, 5).unwrap();
        let mut facts = Facts::all(&d.plan, &Summary::all(&d), today);
        let mut rows = rows(
            &d,
            &collapsed,
            Shape {
                keep: None,
                sort: Sort::Plan,
                facts: &facts,
            },
        );
        for (n, index) in [0, 37, 60, 119].into_iter().enumerate() {
            let o = &mut d.objectives[index];
            o.phases[n].weight = Some(12.5 * n as f64);
            o.phases[4 - n].progress = None;
            o.phases.pop();
            o.operational_objective = format!("nuovo titolo {n}");
            facts[index] = Facts::of(&d.plan, &Summary::of(&d.objectives[index]), today);
            refresh_objective(&mut rows, &d, index, &facts);
            let shape = Shape {
                keep: None,
                sort: Sort::Plan,
                facts: &facts,
            };
            assert_eq!(
                rows,
                super::rows(&d, &collapsed, shape),
                "after editing {index}"
            );
        }
    }

    #[test]
    fn a_filter_keeps_its_objectives_and_their_parents_and_a_sort_orders_each_mission() {
        let d = generate(&Spec {
            objectives: 60,
            phases: 4,
            seed: 3,
        });
        let today = NaiveDate::from_ymd_opt(2025, 8, 5).unwrap();
        let facts = Facts::all(&d.plan, &Summary::all(&d), today);
        let keep: Vec<bool> = (0..d.objectives.len()).map(|i| i % 7 == 0).collect();
        let shape = |keep, sort| Shape {
            keep,
            sort,
            facts: &facts,
        };
        let filtered = rows(&d, &HashSet::new(), shape(Some(&keep), Sort::Plan));
        let shown: Vec<usize> = filtered.iter().filter_map(|r| r.objective).collect();
        assert_eq!(shown, (0..60).filter(|i| i % 7 == 0).collect::<Vec<_>>());
        // Every mission shown has an objective shown right under it.
        for (i, r) in filtered.iter().enumerate() {
            if r.kind == NodeKind::Mission {
                assert_eq!(filtered[i + 1].kind, NodeKind::Objective, "{}", r.code);
            }
        }
        for sort in [
            Sort::ProgressAscending,
            Sort::ProgressDescending,
            Sort::Late,
        ] {
            let sorted = rows(&d, &HashSet::new(), shape(None, sort));
            // Within a mission (consecutive objective rows), the key never goes the wrong way.
            for pair in sorted.windows(2) {
                let (Some(a), Some(b)) = (pair[0].objective, pair[1].objective) else {
                    continue;
                };
                let (fa, fb) = (facts[a], facts[b]);
                let ok = match sort {
                    Sort::Late => fa.late >= fb.late,
                    Sort::ProgressAscending => match (fa.progress, fb.progress) {
                        (Some(x), Some(y)) => x <= y,
                        (None, Some(_)) => false,
                        _ => true,
                    },
                    _ => match (fa.progress, fb.progress) {
                        (Some(x), Some(y)) => x >= y,
                        (None, Some(_)) => false,
                        _ => true,
                    },
                };
                assert!(ok, "{sort:?}: {a} before {b}");
            }
            assert_eq!(
                sorted.len(),
                rows(&d, &HashSet::new(), shape(None, Sort::Plan)).len()
            );
        }
    }
}
