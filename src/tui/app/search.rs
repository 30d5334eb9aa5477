//! `/` search over codes, titles, phase names, managers and narratives; `n`/`N` step through.

use super::needle::Needle;
use super::{App, Mode, Pane, Status};
use crate::i18n::tr;
use crate::model::Dataset;
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

/// Every place `query` occurs (case- and accent-insensitive), in plan order.
pub fn find(d: &Dataset, query: &str) -> Vec<Hit> {
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
    for (index, o) in d.objectives.iter().enumerate() {
        if [
            &o.code,
            &o.operational_objective,
            &o.manager,
            &o.narratives.year1,
            &o.narratives.year2,
        ]
        .iter()
        .any(|t| has(t))
        {
            hits.push(Hit::Objective { index, phase: None });
        }
        for (p, phase) in o.phases.iter().enumerate() {
            if has(&phase.name) || has(&phase.manager) || has(&phase.notes) {
                hits.push(Hit::Objective {
                    index,
                    phase: Some(p),
                });
            }
        }
    }
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
                let hits = find(&self.dataset, &query);
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
                    self.phase_row = *p;
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
