//! Which objectives a review goes through: one scope (all, a mandate, a
//! mission, a manager) narrowed by any of three conditions (not yet reviewed,
//! with late phases, changed since the snapshot), so a meeting can ask for
//! "Mario Rossi's objectives not yet reviewed".

use std::collections::{HashMap, HashSet};

use crate::i18n::tr;
use crate::model::compare::compare_objective;
use crate::model::{Dataset, Objective};
use crate::store::Review;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewFilter {
    pub scope: Scope,
    /// Each one narrows further; in the order they were switched on.
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Mandate(String),
    Mission(String),
    Manager(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    NotReviewed,
    Late,
    Changed,
}

/// A line of the filter list: a scope to choose, or a condition to switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterItem {
    Scope(Scope),
    Condition(Condition),
}

/// What objectives are checked against: the review's marks, the snapshot,
/// today. Built once per pass over the plan, with the marks and the snapshot
/// indexed by code, so a pass stays linear in the number of objectives.
pub struct Context<'a> {
    dataset: &'a Dataset,
    reviewed: HashSet<&'a str>,
    /// `None` without a snapshot.
    baseline: Option<HashMap<&'a str, &'a Objective>>,
    today: chrono::NaiveDate,
}

impl<'a> Context<'a> {
    pub fn new(
        dataset: &'a Dataset,
        review: &'a Review,
        baseline: Option<&'a Dataset>,
        today: chrono::NaiveDate,
    ) -> Context<'a> {
        Context {
            dataset,
            reviewed: review.reviewed_codes(),
            baseline: baseline.map(|b| b.objectives.iter().map(|o| (o.code.as_str(), o)).collect()),
            today,
        }
    }
}

impl Scope {
    fn label(&self) -> String {
        match self {
            Scope::All => tr("tutti gli obiettivi", "all objectives").into(),
            Scope::Mandate(c) => format!("{} {c}", tr("mandato", "mandate")),
            Scope::Mission(c) => format!("{} {c}", tr("missione", "mission")),
            Scope::Manager(m) => format!("{} {m}", tr("responsabile", "manager")),
        }
    }

    fn contains(&self, d: &Dataset, o: &Objective) -> bool {
        match self {
            Scope::All => true,
            Scope::Mandate(code) => d
                .missions
                .iter()
                .any(|m| m.code == o.mission && &m.mandate == code),
            Scope::Mission(code) => &o.mission == code,
            Scope::Manager(name) => &o.manager == name,
        }
    }
}

impl Condition {
    fn label(self) -> &'static str {
        match self {
            Condition::NotReviewed => tr("solo da rivedere", "only not yet reviewed"),
            Condition::Late => tr("solo con fasi in ritardo", "only with late phases"),
            Condition::Changed => tr(
                "solo modificati dall'istantanea",
                "only changed since the snapshot",
            ),
        }
    }

    fn holds(self, c: &Context, o: &Objective) -> bool {
        match self {
            Condition::NotReviewed => !c.reviewed.contains(o.code.as_str()),
            Condition::Late => o.phases.iter().any(|p| p.is_late(c.today)),
            // Without a snapshot nothing counts as changed. An objective equal
            // to its snapshot has no differences: the diff (word diffs of the
            // narratives included) is only worked out for those that are not.
            Condition::Changed => c.baseline.as_ref().is_some_and(|b| {
                b.get(o.code.as_str())
                    .is_none_or(|before| *before != o && !compare_objective(before, o).is_empty())
            }),
        }
    }
}

impl ReviewFilter {
    /// `tutti gli obiettivi`, or `responsabile MARIO ROSSI · solo da rivedere`.
    pub fn label(&self) -> String {
        std::iter::once(self.scope.label())
            .chain(self.conditions.iter().map(|c| c.label().to_string()))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    pub fn shows(&self, c: &Context, o: &Objective) -> bool {
        self.scope.contains(c.dataset, o) && self.conditions.iter().all(|k| k.holds(c, o))
    }

    /// A scope replaces the scope; a condition is switched on or off.
    pub fn apply(&mut self, item: &FilterItem) {
        match item {
            FilterItem::Scope(scope) => self.scope = scope.clone(),
            FilterItem::Condition(k) => match self.conditions.iter().position(|c| c == k) {
                Some(i) => {
                    self.conditions.remove(i);
                }
                None => self.conditions.push(*k),
            },
        }
    }

    /// Every line of the filter list (conditions first, then the scopes of
    /// this plan), and how each reads given the filter now: `[x]` for a
    /// condition on, `(•)` for the scope chosen.
    pub fn items(&self, d: &Dataset, with_snapshot: bool) -> Vec<(FilterItem, String)> {
        let mut conditions = vec![Condition::NotReviewed, Condition::Late];
        if with_snapshot {
            conditions.push(Condition::Changed);
        }
        let mut managers: Vec<&str> = d
            .objectives
            .iter()
            .map(|o| o.manager.as_str())
            .filter(|m| !m.is_empty())
            .collect();
        managers.sort_unstable();
        managers.dedup();
        let scopes = std::iter::once(Scope::All)
            .chain(d.mandates.iter().map(|m| Scope::Mandate(m.code.clone())))
            .chain(d.missions.iter().map(|m| Scope::Mission(m.code.clone())))
            .chain(managers.into_iter().map(|m| Scope::Manager(m.into())));
        let titled = |scope: &Scope| {
            let title = match scope {
                Scope::Mandate(c) => d.mandates.iter().find(|m| &m.code == c).map(|m| &m.title),
                Scope::Mission(c) => d.missions.iter().find(|m| &m.code == c).map(|m| &m.title),
                _ => None,
            };
            match title {
                Some(t) if !t.is_empty() => format!("{} {t}", scope.label()),
                _ => scope.label(),
            }
        };
        conditions
            .into_iter()
            .map(|k| {
                let on = if self.conditions.contains(&k) {
                    "[x]"
                } else {
                    "[ ]"
                };
                (FilterItem::Condition(k), format!("{on} {}", k.label()))
            })
            .chain(scopes.map(|s| {
                let on = if s == self.scope { "(•)" } else { "( )" };
                let text = format!("{on} {}", titled(&s));
                (FilterItem::Scope(s), text)
            }))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_and_conditions_combine_and_switch() {
        let mut f = ReviewFilter::default();
        assert_eq!(f.label(), "tutti gli obiettivi");
        f.apply(&FilterItem::Scope(Scope::Manager("MARIO ROSSI".into())));
        f.apply(&FilterItem::Condition(Condition::NotReviewed));
        f.apply(&FilterItem::Condition(Condition::Late));
        assert_eq!(
            f.label(),
            "responsabile MARIO ROSSI · solo da rivedere · solo con fasi in ritardo"
        );
        f.apply(&FilterItem::Condition(Condition::NotReviewed));
        assert_eq!(f.conditions, [Condition::Late]);
        f.apply(&FilterItem::Scope(Scope::All));
        assert_eq!(f.label(), "tutti gli obiettivi · solo con fasi in ritardo");
    }
}
