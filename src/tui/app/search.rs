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
                let found = match self.service.search(&query, true) {
                    Ok(found) => found,
                    Err(e) => {
                        self.status = Status::Error(e.to_string());
                        return;
                    }
                };
                let hits = find(&self.dataset, &query, found);
                if hits.is_empty() {
                    self.status =
                        Status::Error(format!("«{query}»: {}", tr("nessun risultato", "no match")));
                    self.search = None;
                    return;
                }
                self.search = Some(Search { query, hits, at: 0 });
                self.show_hit();
            }
        }
    }

    pub(crate) fn search_step(&mut self, forward: bool) {
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
        self.show_hit();
        if let (Some(wrapped), Status::Info(m)) = (wrapped, &mut self.status) {
            m.push_str(&format!(" · {wrapped}"));
        }
    }

    fn show_hit(&mut self) {
        let Some(search) = &self.search else { return };
        let hit = search.hits[search.at].clone();
        let message = format!("«{}» {}/{}", search.query, search.at + 1, search.hits.len());
        match &hit {
            Hit::Mandate(code) => self.reveal_node(NodeKind::Mandate, code),
            Hit::Mission(code) => self.reveal_node(NodeKind::Mission, code),
            Hit::Objective { index, phase } => {
                self.reveal_objective(*index);
                if let Some(p) = phase {
                    self.phases.row = *p;
                }
            }
        }
        self.focus = Pane::Tree;
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
}
