//! Which objectives to show: one scope (all, a mandate, a mission, a manager,
//! a CdR, a status) narrowed by any of the conditions (late, Σ ≠ 100,
//! narrative missing, not reviewed, changed since the snapshot) and a text.
//! The tree (`f`) and the review mode use this one component, so a meeting
//! can ask for "Mario Rossi's objectives not yet reviewed" in either place.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::api::Review;
use crate::i18n::{tr, tr_string};
use crate::model::compare::compare_objective;
use crate::model::needle::Needle;
use crate::model::summary::Summary;
use crate::model::{Dataset, Objective};

/// Whose filter the list changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterTarget {
    Tree,
    Review,
}

/// Serialised (as JSON) into a review's kept place, to resume it with its filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Filter {
    pub scope: Scope,
    /// Each one narrows further; in the order they were switched on.
    pub conditions: Vec<Condition>,
    /// Objectives whose code, title, manager, CdR, status or a phase name contain it.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    #[default]
    All,
    Mandate(String),
    Mission(String),
    Manager(String),
    Centre(String),
    Status(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Condition {
    Late,
    WeightOff,
    NarrativeMissing,
    NotReviewed,
    Changed,
}

/// A line of the filter list: a scope to choose, a condition to switch, the text to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterItem {
    Scope(Scope),
    Condition(Condition),
    Text,
}

/// Where the filter list is offered, and so which conditions make sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// A review is going on: "not reviewed" means something.
    pub review: bool,
    /// It has a snapshot: "changed" means something.
    pub snapshot: bool,
}

/// What objectives are checked against: the review's marks, the snapshot,
/// today. Built once per pass over the plan, with the marks, the snapshot and
/// the missions' mandates indexed by code, so a pass stays linear.
pub struct Context<'a> {
    dataset: &'a Dataset,
    /// `None` without a review: then no objective counts as reviewed.
    reviewed: Option<HashSet<&'a str>>,
    /// `None` without a snapshot.
    baseline: Option<HashMap<&'a str, &'a Objective>>,
    mandate_of: HashMap<&'a str, &'a str>,
    today: chrono::NaiveDate,
    /// The objectives' summaries, when the objectives are not all whole (the tree's).
    summaries: Option<&'a [Summary]>,
    /// Objectives whose phases the service found the filter's text in, when
    /// they are not all whole.
    found: Option<&'a HashSet<String>>,
}

impl<'a> Context<'a> {
    pub fn new(
        dataset: &'a Dataset,
        review: Option<&'a Review>,
        baseline: Option<&'a Dataset>,
        today: chrono::NaiveDate,
    ) -> Context<'a> {
        Context {
            dataset,
            reviewed: review.map(Review::reviewed_codes),
            baseline: baseline.map(|b| b.objectives.iter().map(|o| (o.code.as_str(), o)).collect()),
            mandate_of: dataset
                .missions
                .iter()
                .map(|m| (m.code.as_str(), m.mandate.as_str()))
                .collect(),
            today,
            summaries: None,
            found: None,
        }
    }

    /// For a plan held as shells: conditions read `summaries`, and the text
    /// is looked for in the phases by the service (`found`).
    pub fn with_summaries(
        self,
        summaries: &'a [Summary],
        found: Option<&'a HashSet<String>>,
    ) -> Context<'a> {
        Context {
            summaries: Some(summaries),
            found,
            ..self
        }
    }
}

impl Scope {
    pub fn label(&self) -> String {
        match self {
            Scope::All => tr_string("tutti gli obiettivi", "all objectives"),
            Scope::Mandate(c) => format!("{} {c}", tr("mandato", "mandate")),
            Scope::Mission(c) => format!("{} {c}", tr("missione", "mission")),
            Scope::Manager(m) => format!("{} {m}", tr("responsabile", "manager")),
            Scope::Centre(c) => format!("CdR {c}"),
            Scope::Status(s) => format!("{} {s}", tr("stato", "status")),
        }
    }

    fn contains(&self, c: &Context, o: &Objective) -> bool {
        match self {
            Scope::All => true,
            Scope::Mandate(code) => c.mandate_of.get(o.mission.as_str()) == Some(&code.as_str()),
            Scope::Mission(code) => &o.mission == code,
            Scope::Manager(name) => &o.manager == name,
            Scope::Centre(name) => &o.responsibility_centre == name,
            Scope::Status(status) => o.status.as_deref().unwrap_or("") == status,
        }
    }
}

impl Condition {
    fn label(self) -> &'static str {
        match self {
            Condition::Late => tr("solo con fasi in ritardo", "only with late phases"),
            Condition::WeightOff => tr("solo con Σ pesi ≠ 100", "only with Σ weights ≠ 100"),
            Condition::NarrativeMissing => tr(
                "solo con lo stato di attuazione dell'anno vuoto",
                "only with this year's status report empty",
            ),
            Condition::NotReviewed => tr("solo da rivedere", "only not yet reviewed"),
            Condition::Changed => tr(
                "solo modificati dall'istantanea",
                "only changed since the snapshot",
            ),
        }
    }

    /// The short form for a pane title.
    fn short(self) -> &'static str {
        match self {
            Condition::Late => tr("in ritardo", "late"),
            Condition::WeightOff => "Σ≠100",
            Condition::NarrativeMissing => tr("testo mancante", "report missing"),
            Condition::NotReviewed => tr("da rivedere", "not reviewed"),
            Condition::Changed => tr("modificati", "changed"),
        }
    }

    fn holds(self, c: &Context, o: &Objective, s: &Summary) -> bool {
        match self {
            Condition::Late => s.late(c.today) > 0,
            Condition::WeightOff => s.weight_off,
            Condition::NarrativeMissing => s.narrative_missing(&c.dataset.plan, c.today),
            Condition::NotReviewed => c
                .reviewed
                .as_ref()
                .is_none_or(|r| !r.contains(o.code.as_str())),
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

/// The texts the filter's text is looked for in: the objective's own fields,
/// and its phases' names (as the service's search found them, for a shell).
fn mentions(needle: &mut Needle, o: &Objective, found: Option<&HashSet<String>>) -> bool {
    [
        &o.code,
        &o.operational_objective,
        &o.manager,
        &o.responsibility_centre,
    ]
    .into_iter()
    .chain(o.status.as_ref())
    .any(|t| needle.is_in(t))
        || match found {
            Some(found) => found.contains(&o.code),
            None => o.phases.iter().any(|p| needle.is_in(&p.name)),
        }
}

impl Filter {
    /// Lets every objective through.
    pub fn is_all(&self) -> bool {
        self.scope == Scope::All && self.conditions.is_empty() && self.text.is_none()
    }

    /// `tutti gli obiettivi`, or `responsabile MARIO ROSSI · solo da rivedere`.
    pub fn label(&self) -> String {
        std::iter::once(self.scope.label())
            .chain(self.conditions.iter().map(|c| c.label().to_string()))
            .chain(
                self.text
                    .iter()
                    .map(|t| format!("{} «{t}»", tr("testo", "text"))),
            )
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// What a pane title says: `in ritardo · «casa»`, the scope only when it narrows.
    pub fn short_label(&self) -> String {
        let scope = (self.scope != Scope::All).then(|| self.scope.label());
        scope
            .into_iter()
            .chain(self.conditions.iter().map(|c| c.short().to_string()))
            .chain(self.text.iter().map(|t| format!("«{t}»")))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// For each objective of the plan, whether it passes: one pass, one needle.
    pub fn pass(&self, c: &Context) -> Vec<bool> {
        let mut needle = self.text.as_deref().map(Needle::new);
        c.dataset
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let own;
                let summary = match c.summaries.and_then(|s| s.get(i)) {
                    Some(s) => s,
                    None => {
                        own = Summary::of(o);
                        &own
                    }
                };
                self.scope.contains(c, o)
                    && self.conditions.iter().all(|k| k.holds(c, o, summary))
                    && needle.as_mut().is_none_or(|n| mentions(n, o, c.found))
            })
            .collect()
    }

    /// A scope replaces the scope; a condition is switched on or off.
    /// (The text is set with `set_text`.)
    pub fn apply(&mut self, item: &FilterItem) {
        match item {
            FilterItem::Scope(scope) => self.scope = scope.clone(),
            FilterItem::Condition(k) => match self.conditions.iter().position(|c| c == k) {
                Some(i) => {
                    self.conditions.remove(i);
                }
                None => self.conditions.push(*k),
            },
            FilterItem::Text => {}
        }
    }

    /// A blank text takes the text condition off.
    pub fn set_text(&mut self, text: &str) {
        let text = text.trim();
        self.text = (!text.is_empty()).then(|| text.to_string());
    }

    /// Every line of the filter list (conditions and text first, then the
    /// scopes of this plan), and how each reads given the filter now: `[x]`
    /// for a condition on, `(•)` for the scope chosen.
    pub fn items(&self, d: &Dataset, offer: Offer) -> Vec<(FilterItem, String)> {
        let mut conditions = vec![
            Condition::Late,
            Condition::WeightOff,
            Condition::NarrativeMissing,
        ];
        if offer.review {
            conditions.push(Condition::NotReviewed);
        }
        if offer.snapshot {
            conditions.push(Condition::Changed);
        }
        // The names in use, each once, sorted.
        let distinct = |get: fn(&Objective) -> &str| {
            let names = d.objectives.iter().map(get).filter(|m| !m.is_empty());
            names.collect::<BTreeSet<&str>>()
        };
        let titles: HashMap<&str, &str> = d
            .mandates
            .iter()
            .map(|m| (m.code.as_str(), m.title.as_str()))
            .chain(
                d.missions
                    .iter()
                    .map(|m| (m.code.as_str(), m.title.as_str())),
            )
            .collect();
        let scopes = std::iter::once(Scope::All)
            .chain(d.mandates.iter().map(|m| Scope::Mandate(m.code.clone())))
            .chain(d.missions.iter().map(|m| Scope::Mission(m.code.clone())))
            .chain(
                distinct(|o| &o.manager)
                    .into_iter()
                    .map(|m| Scope::Manager(m.into())),
            )
            .chain(
                distinct(|o| &o.responsibility_centre)
                    .into_iter()
                    .map(|c| Scope::Centre(c.into())),
            )
            .chain(
                distinct(|o| o.status.as_deref().unwrap_or(""))
                    .into_iter()
                    .map(|s| Scope::Status(s.into())),
            );
        let titled = |scope: &Scope| {
            let title = match scope {
                Scope::Mandate(c) | Scope::Mission(c) => titles.get(c.as_str()),
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
                let label = format!("{} {}", self.mark(&FilterItem::Condition(k)), k.label());
                (FilterItem::Condition(k), label)
            })
            .chain(std::iter::once((FilterItem::Text, self.text_label())))
            .chain(scopes.map(|s| {
                let title = titled(&s);
                let item = FilterItem::Scope(s);
                let label = format!("{} {title}", self.mark(&item));
                (item, label)
            }))
            .collect()
    }

    /// How a line of the list starts: `[x]`/`[ ]` for a condition, `(•)`/`( )` for a scope.
    fn mark(&self, item: &FilterItem) -> &'static str {
        match item {
            FilterItem::Condition(k) if self.conditions.contains(k) => "[x]",
            FilterItem::Condition(_) => "[ ]",
            FilterItem::Scope(s) if *s == self.scope => "(•)",
            FilterItem::Scope(_) => "( )",
            FilterItem::Text if self.text.is_some() => "[x]",
            FilterItem::Text => "[ ]",
        }
    }

    fn text_label(&self) -> String {
        match &self.text {
            Some(t) => format!(
                "[x] {} «{t}» (Enter: {})",
                tr("testo", "text"),
                tr("cambia", "change")
            ),
            None => format!("[ ] {}…", tr("testo", "text")),
        }
    }

    /// The list's lines after a switch, without listing the plan's scopes again:
    /// each line's mark rewritten (and the text's line anew).
    pub fn remark(&self, items: &[FilterItem], labels: &mut [String]) {
        for (item, label) in items.iter().zip(labels) {
            if *item == FilterItem::Text {
                *label = self.text_label();
            } else if let Some(rest) = label.get(self.mark(item).len()..) {
                *label = format!("{}{rest}", self.mark(item));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_conditions_and_a_text_combine_and_switch() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut f = Filter::default();
        assert_eq!(f.label(), "tutti gli obiettivi");
        assert!(f.is_all());
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
        f.set_text(" casa ");
        assert_eq!(f.short_label(), "in ritardo · «casa»");
        f.set_text("");
        f.apply(&FilterItem::Condition(Condition::Late));
        assert!(f.is_all());
    }
}
