//! `f` and `s`: the filter list (for the tree, or for the review in progress:
//! the same component, see `filter`), the text prompt it opens, the tree's
//! sort, and `Esc` taking both off.

use std::collections::HashSet;

use super::review::{PickPurpose, Picker};
use super::{App, Mode, Pane, Status};
use crate::i18n::{tr, tr_string};
use crate::tui::action::Action;
use crate::tui::filter::{Context, Filter, FilterItem, FilterTarget, Offer};
use crate::tui::widgets::line_editor::{LineEditor, Prompt};

impl App {
    /// The objectives whose phases mention `text`, by the service's search
    /// (the session holds most phases only as summaries); kept until the
    /// text or the plan changes, since a fold rebuilds the rows too.
    fn phases_mentioning(&self, text: &str) -> HashSet<String> {
        let mut cache = self.found_cache.borrow_mut();
        if let Some((t, generation, found)) = cache.as_ref()
            && t == text
            && *generation == self.generation
        {
            return found.clone();
        }
        let found: HashSet<String> = self
            .service
            .search(text, false)
            .unwrap_or_default()
            .into_iter()
            .filter(|hit| hit.phase.is_some())
            .map(|hit| hit.code)
            .collect();
        *cache = Some((text.to_string(), self.generation, found.clone()));
        found
    }

    fn filter_of(&self, target: FilterTarget) -> Option<&Filter> {
        match target {
            FilterTarget::Tree => Some(&self.filter),
            FilterTarget::Review => self.review.as_ref().map(|s| &s.filter),
        }
    }

    fn filter_of_mut(&mut self, target: FilterTarget) -> Option<&mut Filter> {
        match target {
            FilterTarget::Tree => Some(&mut self.filter),
            FilterTarget::Review => self.review.as_mut().map(|s| &mut s.filter),
        }
    }

    /// Which objectives the tree keeps (`None`: all of them).
    pub(crate) fn tree_keep(&self) -> Option<Vec<bool>> {
        if self.filter.is_all() {
            return None;
        }
        let review = self.review.as_ref().map(|s| &s.review);
        let found = self
            .filter
            .text
            .as_deref()
            .map(|t| self.phases_mentioning(t));
        let context = Context::new(&self.dataset, review, None, self.today)
            .with_summaries(&self.summaries, found.as_ref());
        Some(self.filter.pass(&context))
    }

    /// Opens the filter list, on line `at`.
    pub(crate) fn choose_filter(&mut self, target: FilterTarget, at: usize) {
        let offer = match target {
            FilterTarget::Tree => Offer {
                review: self.review.is_some(),
                snapshot: false,
            },
            FilterTarget::Review => Offer {
                review: true,
                snapshot: self.review.as_ref().is_some_and(|s| s.baseline.is_some()),
            },
        };
        let Some(filter) = self.filter_of(target) else {
            return;
        };
        let (items, labels): (Vec<FilterItem>, Vec<String>) =
            filter.items(&self.dataset, offer).into_iter().unzip();
        let title = match target {
            FilterTarget::Tree => tr("Filtro dell'albero", "Tree filter"),
            FilterTarget::Review => tr("Filtro della revisione", "Review filter"),
        };
        self.mode = Mode::Pick(Picker {
            title: title.into(),
            selected: at.min(items.len().saturating_sub(1)),
            items: labels,
            hint: Some(tr_string(
                "Enter: attiva o spegne una condizione, sceglie l'ambito · Esc: chiude",
                "Enter: switches a condition, chooses the scope · Esc: closes",
            )),
            purpose: PickPurpose::Filter(target, items),
        });
    }

    /// Enter on line `at` of the filter list; the list stays open, so
    /// conditions are switched one by one.
    pub(crate) fn pick_filter_item(&mut self, target: FilterTarget, item: &FilterItem, at: usize) {
        if *item == FilterItem::Text {
            let text = self
                .filter_of(target)
                .and_then(|f| f.text.clone())
                .unwrap_or_default();
            self.mode = Mode::FilterText {
                target,
                at,
                editor: LineEditor::new(&text),
            };
            return;
        }
        if let Some(filter) = self.filter_of_mut(target) {
            filter.apply(item);
        }
        self.filter_changed(target);
        self.remark_filter_list(target);
    }

    /// The open filter list, its marks brought up to date.
    fn remark_filter_list(&mut self, target: FilterTarget) {
        let filter = match target {
            FilterTarget::Tree => &self.filter,
            FilterTarget::Review => match &self.review {
                Some(s) => &s.filter,
                None => return,
            },
        };
        if let Mode::Pick(Picker {
            items: labels,
            purpose: PickPurpose::Filter(_, items),
            ..
        }) = &mut self.mode
        {
            filter.remark(items, labels);
        }
    }

    pub(crate) fn update_filter_text(&mut self, action: Action) {
        let Mode::FilterText { target, at, editor } = &mut self.mode else {
            return;
        };
        let (target, at) = (*target, *at);
        match editor.prompt(action) {
            Prompt::Typing => {}
            Prompt::Cancelled => self.choose_filter(target, at),
            Prompt::Done(text) => {
                if let Some(filter) = self.filter_of_mut(target) {
                    filter.set_text(&text);
                }
                self.filter_changed(target);
                self.choose_filter(target, at);
            }
        }
    }

    /// After the filter changed: the tree rebuilt, or the review moved onto an
    /// objective that passes; the status says how many pass.
    fn filter_changed(&mut self, target: FilterTarget) {
        let (label, count) = match target {
            FilterTarget::Tree => {
                let keep = self.tree_keep();
                let count = keep.as_ref().map_or(self.dataset.objectives.len(), |k| {
                    k.iter().filter(|&&kept| kept).count()
                });
                self.rebuild_rows(keep.as_deref());
                self.follow_selection();
                (self.filter.label(), count)
            }
            FilterTarget::Review => {
                let Some(session) = &mut self.review else {
                    return;
                };
                let visible = session.visible(&self.dataset, self.today);
                // Stay on the objective shown if it passes, else go to the first that does.
                if !visible.contains(&session.objective)
                    && let Some(&first) = visible.first()
                {
                    session.objective = first;
                    session.scroll = 0;
                    self.reveal_objective(first);
                }
                self.keep_review_place();
                let label = self.review.as_ref().map(|s| s.filter.label());
                (label.unwrap_or_default(), visible.len())
            }
        };
        self.status = Status::Info(format!("{}: {label} ({count})", tr("filtro", "filter")));
    }

    /// `s`: the next order of objectives within their mission.
    pub(crate) fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.refresh_rows();
        self.focus = Pane::Tree;
        self.status = Status::Info(format!("{}: {}", tr("ordine", "order"), self.sort.label()));
    }

    /// `Esc` in the tree: every objective again, in the plan's order.
    /// Returns false when there was nothing to take off.
    pub(crate) fn clear_tree_view(&mut self) -> bool {
        if self.filter.is_all() && self.sort == crate::tui::outline::Sort::Plan {
            return false;
        }
        self.filter = Filter::default();
        self.sort = crate::tui::outline::Sort::Plan;
        self.refresh_rows();
        self.status = Status::info(
            "filtro e ordine tolti: tutti gli obiettivi",
            "filter and order off: every objective",
        );
        true
    }

    /// What the tree pane's title adds: `filtro: in ritardo · ordine: avanzamento ↑`.
    pub fn tree_view_label(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.filter.is_all() {
            parts.push(format!(
                "{}: {}",
                tr("filtro", "filter"),
                self.filter.short_label()
            ));
        }
        if self.sort != crate::tui::outline::Sort::Plan {
            parts.push(format!("{}: {}", tr("ordine", "order"), self.sort.label()));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}
