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
