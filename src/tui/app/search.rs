//! `/` search over codes, titles, phase names, managers and narratives; `n`/`N` step through.

use std::collections::HashMap;

use super::{App, Mode, Pane, Status};
use crate::i18n::tr;
use crate::model::Dataset;
use crate::model::needle::Needle;
use crate::service::SearchHit;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::outline::NodeKind;
use crate::tui::widgets::line_editor::Prompt;

/// Where a match is.
#[derive(Debug, Clone, PartialEq)]
pub enum Hit {
    Mandate(String),
    Mission(String),
    Objective { index: usize, phase: Option<usize> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    /// The hit shown last.
    pub at: usize,
}

/// Every place `query` occurs (case- and accent-insensitive), in plan order:
/// the mandates and missions held here, then the objectives and phases the
/// service found (`found`; it reads narratives and phases the session holds
/// only as summaries).
pub fn find(d: &Dataset, query: &str, found: Vec<SearchHit>) -> Vec<Hit> {
    let mut needle = Needle::new(query);
    let mut has = |text: &str| needle.is_in(text);
    let mut hits = Vec::new();
    for m in &d.mandates {
        if has(&m.code) || has(&m.title) {
            hits.push(Hit::Mandate(m.code.clone()));
        }
    }
    for m in &d.missions {
        if has(&m.code) || has(&m.title) || has(&m.strategic_objective) {
            hits.push(Hit::Mission(m.code.clone()));
        }
    }
    let index_of: HashMap<&str, usize> = d
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| (o.code.as_str(), i))
        .collect();
    let mut places: Vec<(usize, Option<usize>)> = found
        .iter()
        .filter_map(|hit| Some((*index_of.get(hit.code.as_str())?, hit.phase)))
        .collect();
    places.sort_unstable();
    hits.extend(
        places
            .into_iter()
            .map(|(index, phase)| Hit::Objective { index, phase }),
    );
    hits
}

impl App {
    pub(crate) fn update_search_prompt(&mut self, action: Action) {
        let Mode::SearchPrompt(editor) = &mut self.mode else {
            return;
        };
        match editor.prompt(action) {
            Prompt::Typing => {}
            Prompt::Cancelled => self.mode = Mode::Normal,
            Prompt::Done(query) => {
                self.mode = Mode::Normal;
                if query.trim().is_empty() {
                    return;
                }
                let Some(found) = self.said(self.service.search(&query, true)) else {
                    return;
                };
                let hits = find(&self.dataset, &query, found);
                if hits.is_empty() {
                    self.status =
                        Status::Error(format!("«{query}»: {}", tr("nessun risultato", "no match")));
                    self.search = None;
                    return;
                }
                self.search = Some(Search { query, hits, at: 0 });
                self.show_hit(true);
            }
        }
    }

    pub(crate) fn search_step(&mut self, forward: bool) {
        if self.step_in_landing(forward) {
            return;
        }
        let Some(search) = &mut self.search else {
            self.status = Status::Info(format!(
                "{} {} {}",
                tr("nessuna ricerca: premi", "no search yet: press"),
                self.keys.key_of(Context::Normal, Action::Search),
                tr("per cercare", "to search"),
            ));
            return;
        };
        let n = search.hits.len();
        let at = search.at;
        search.at = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        // Past the last match (or before the first): say so, the screen may not show it.
        let wrapped = if forward && at + 1 == n {
            Some(tr("ricomincia dall'inizio", "from the top again"))
        } else if !forward && at == 0 {
            Some(tr("ricomincia dalla fine", "from the bottom again"))
        } else {
            None
        };
        self.show_hit(forward);
        if let (Some(wrapped), Status::Info(m)) = (wrapped, &mut self.status) {
            m.push_str(&format!(" · {wrapped}"));
        }
    }

    /// `n` / `N` inside the text pane the search landed in: the next (previous)
    /// row holding the word, while there is one. False when the step leaves it.
    fn step_in_landing(&mut self, forward: bool) -> bool {
        let Some((pane, at)) = self.landing.filter(|(p, _)| *p == self.focus) else {
            return false;
        };
        let at = at.min(self.landed_rows.saturating_sub(1));
        let next = match forward {
            true if at + 1 < self.landed_rows => at + 1,
            false if at > 0 => at - 1,
            _ => return false,
        };
        self.landing = Some((pane, next));
        let query = self.search_query().unwrap_or_default();
        self.status = Status::Info(format!(
            "«{query}» {} {}/{}",
            tr("nel testo", "in the text"),
            next + 1,
            self.landed_rows
        ));
        true
    }

    /// A text pane drew the search's word (`Measures::landed`): the scroll it
    /// drew is the pane's from now on, and `n` / `N` count its rows.
    pub(crate) fn landed(&mut self, landed: Option<(Pane, u16, usize, usize)>) {
        let Some((pane, scroll, rows, at)) = landed else {
            return;
        };
        match pane {
            Pane::Details => self.details_scroll = scroll,
            Pane::Narratives => self.narrative_scroll = scroll,
            _ => {}
        }
        self.landed_rows = rows;
        if self.landing.is_some_and(|(p, _)| p == pane) {
            self.landing = Some((pane, at));
        }
    }

    /// The hit the search is on, shown where it is: the tree selects its
    /// row, and the pane that holds the word gets the focus and lands on it
    /// (its first row holding it; `forward` false: its last).
    fn show_hit(&mut self, forward: bool) {
        let Some(search) = &self.search else { return };
        let hit = search.hits[search.at].clone();
        let message = format!("«{}» {}/{}", search.query, search.at + 1, search.hits.len());
        self.focus = Pane::Tree;
        self.landing = None;
        match &hit {
            Hit::Mandate(code) => self.reveal_node(NodeKind::Mandate, code),
            Hit::Mission(code) => self.reveal_node(NodeKind::Mission, code),
            Hit::Objective { index, phase } => {
                self.reveal_objective(*index);
                match phase {
                    Some(p) => {
                        self.phases.row = *p;
                        self.focus = Pane::Phases;
                    }
                    None => self.land_in_text(*index, forward),
                }
            }
        }
        let place = self
            .selected_row()
            .map(|r| r.code.clone())
            .unwrap_or_default();
        let phase = match hit {
            Hit::Objective { phase: Some(p), .. } => format!(" {} {}", tr("fase", "phase"), p + 1),
            _ => String::new(),
        };
        self.status = Status::Info(format!("{message}: {place}{phase}"));
    }

    /// The word found in objective `index` but not in a phase: in its code or
    /// title the tree shows it; else the narratives or the details land on it.
    fn land_in_text(&mut self, index: usize, forward: bool) {
        let (Some(query), Some(o)) = (self.search_query(), self.dataset.objectives.get(index))
        else {
            return;
        };
        let mut needle = Needle::new(query);
        let pane = if needle.is_in(&o.code) || needle.is_in(&o.operational_objective) {
            return;
        } else if needle.is_in(&o.narratives.year1) || needle.is_in(&o.narratives.year2) {
            Pane::Narratives
        } else {
            Pane::Details
        };
        self.focus = pane;
        self.landing = Some((pane, if forward { 0 } else { usize::MAX }));
    }
}
