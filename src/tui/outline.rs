//! The hierarchy mandate → mission → objective with each node's roll-up,
//! flattened into the rows the tree pane shows.

use std::collections::{HashMap, HashSet};

use crate::model::rollup::{mean_of, weight_sum_is_off};
use crate::model::{Dataset, Mission};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Mandate,
    Mission,
    Objective,
}

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: NodeKind,
    pub code: String,
    pub title: String,
    pub depth: u16,
    pub progress: Option<f64>,
    /// Σ weights ≠ 100 (objectives only).
    pub weight_warning: bool,
    pub has_children: bool,
    pub expanded: bool,
    /// Index into `Dataset::objectives` for objective rows.
    pub objective: Option<usize>,
}

/// The rows visible with `collapsed` nodes folded, in plan order.
/// Missions whose mandate is missing from the plan are listed at the end, as are
/// objectives whose mission is missing, so nothing stored is ever hidden.
pub fn rows(d: &Dataset, collapsed: &HashSet<String>) -> Vec<Row> {
    let objective_progress: Vec<Option<f64>> = d
        .objectives
        .iter()
        .map(|o| o.progress().map(|r| r.value))
        .collect();
    // Children by parent code, built once: O(n) whatever the size of the plan.
    let mut objectives_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, o) in d.objectives.iter().enumerate() {
        objectives_of.entry(o.mission.as_str()).or_default().push(i);
    }
    let mut missions_of: HashMap<&str, Vec<&Mission>> = HashMap::new();
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

    let mut out = Vec::new();
    let push_mission = |out: &mut Vec<Row>, m: &Mission, depth: u16| {
        let expanded = !collapsed.contains(&m.code);
        out.push(Row {
            kind: NodeKind::Mission,
            code: m.code.clone(),
            title: m.title.clone(),
            depth,
            progress: mission_progress(&m.code),
            weight_warning: false,
            has_children: !children(&m.code).is_empty(),
            expanded,
            objective: None,
        });
        if expanded {
            for &i in children(&m.code) {
                out.push(objective_row(d, i, depth + 1, objective_progress[i]));
            }
        }
    };
    let no_missions = Vec::new();
    for mandate in &d.mandates {
        let missions = missions_of
            .get(mandate.code.as_str())
            .unwrap_or(&no_missions);
        let expanded = !collapsed.contains(&mandate.code);
        out.push(Row {
            kind: NodeKind::Mandate,
            code: mandate.code.clone(),
            title: mandate.title.clone(),
            depth: 0,
            progress: mean_of(
                missions
                    .iter()
                    .flat_map(|m| children(&m.code).iter().map(|&i| objective_progress[i])),
            ),
            weight_warning: false,
            has_children: !missions.is_empty(),
            expanded,
            objective: None,
        });
        if expanded {
            for m in missions {
                push_mission(&mut out, m, 1);
            }
        }
    }
    let mandate_codes: HashSet<&str> = d.mandates.iter().map(|m| m.code.as_str()).collect();
    for m in d
        .missions
        .iter()
        .filter(|m| !mandate_codes.contains(m.mandate.as_str()))
    {
        push_mission(&mut out, m, 0);
    }
    let mission_codes: HashSet<&str> = d.missions.iter().map(|m| m.code.as_str()).collect();
    for (i, o) in d.objectives.iter().enumerate() {
        if !mission_codes.contains(o.mission.as_str()) {
            out.push(objective_row(d, i, 0, objective_progress[i]));
        }
    }
    out
}

fn objective_row(d: &Dataset, i: usize, depth: u16, progress: Option<f64>) -> Row {
    let o = &d.objectives[i];
    Row {
        kind: NodeKind::Objective,
        code: o.code.clone(),
        title: o.operational_objective.clone(),
        depth,
        progress,
        weight_warning: weight_sum_is_off(&o.phases),
        has_children: false,
        expanded: false,
        objective: Some(i),
    }
}

/// Brings the rows up to date after an edit of objective `index` (its phases
/// or its texts), as `rows` would build them, without rebuilding the tree: an
/// edit never moves an objective, so only its own row, its mission's and its
/// mandate's can change. Rebuilding every row of a 10 000-objective plan took
/// most of the time between Enter and "salvato".
pub fn refresh_objective(rows: &mut [Row], d: &Dataset, index: usize) {
    let Some(o) = d.objectives.get(index) else {
        return;
    };
    let progress_of = |i: usize| d.objectives[i].progress().map(|r| r.value);
    if let Some(row) = rows.iter_mut().find(|r| r.objective == Some(index)) {
        row.title.clone_from(&o.operational_objective);
        row.progress = progress_of(index);
        row.weight_warning = weight_sum_is_off(&o.phases);
    }
    let Some(mission) = d.missions.iter().find(|m| m.code == o.mission) else {
        return;
    };
    if let Some(row) = find(rows, NodeKind::Mission, &mission.code) {
        row.progress = mean_of(
            (0..d.objectives.len())
                .filter(|&i| d.objectives[i].mission == mission.code)
                .map(progress_of),
        );
    }
    if let Some(row) = find(rows, NodeKind::Mandate, &mission.mandate) {
        // Mission by mission, in plan order, as `rows` sums them: the same
        // floating-point result to the last bit.
        let rank: HashMap<&str, usize> = d
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
        row.progress = mean_of(members.into_iter().map(|(_, i)| progress_of(i)));
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
        let mut rows = rows(&d, &collapsed);
        for (n, index) in [0, 37, 60, 119].into_iter().enumerate() {
            let o = &mut d.objectives[index];
            o.phases[n].weight = Some(12.5 * n as f64);
            o.phases[4 - n].progress = None;
            o.phases.pop();
            o.operational_objective = format!("nuovo titolo {n}");
            refresh_objective(&mut rows, &d, index);
            assert_eq!(rows, super::rows(&d, &collapsed), "after editing {index}");
        }
    }
}
