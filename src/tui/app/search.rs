//! `/` search over codes, titles, phase names, managers and narratives; `n`/`N` step through.

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

/// Every place `query` occurs (case-insensitive), in plan order.
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

/// A lowercased query, matched as `text.to_lowercase().contains(query)` would,
/// but without Unicode-lowercasing (and allocating a copy of) every text of the
/// plan: at 10 000 objectives that is 40 MB of narratives per search.
struct Needle {
    lower: String,
    /// Reused for every text: the text with its ASCII letters lowercased.
    buffer: String,
}

impl Needle {
    fn new(query: &str) -> Needle {
        Needle {
            lower: query.to_lowercase(),
            buffer: String::new(),
        }
    }

    fn is_in(&mut self, text: &str) -> bool {
        if !self.lower.is_ascii() {
            return text.to_lowercase().contains(&self.lower);
        }
        // An ASCII query can only match ASCII characters of the lowercased text,
        // and those come from ASCII characters of the text itself, except for
        // 'İ' (→ "i̇") and the Kelvin sign (→ 'k'): see the test below. So,
        // without those two, lowercasing only the ASCII letters (a fast,
        // vectorised pass) gives the same answer.
        self.buffer.clear();
        self.buffer.push_str(text);
        self.buffer.make_ascii_lowercase();
        if self.buffer.contains('\u{130}') || self.buffer.contains('\u{212A}') {
            return text.to_lowercase().contains(&self.lower);
        }
        self.buffer.contains(self.lower.as_str())
    }
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
        search.at = if forward {
            (search.at + 1) % n
        } else {
            (search.at + n - 1) % n
        };
        self.show_hit();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_non_ascii_characters_lowercase_to_ascii() {
        let odd: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(odd, ['\u{130}', '\u{212A}']);
    }

    #[test]
    fn matching_is_the_same_as_lowercasing_everything() {
        let texts = [
            "Attività SVOLTE nel 2025: città più VIVIBILE…",
            "İstanbul – KELVIN \u{212A} ok",
            "ΣΊΣΥΦΟΣ e «Città»",
            "",
            "abc",
        ];
        let queries = [
            "",
            "a",
            "svolte",
            "CITTÀ",
            "ità",
            "i",
            "ki",
            "k ok",
            "σίσυφος",
            "«c",
            "zz",
        ];
        for text in texts {
            for query in queries {
                assert_eq!(
                    Needle::new(query).is_in(text),
                    text.to_lowercase().contains(&query.to_lowercase()),
                    "{query:?} in {text:?}"
                );
            }
        }
    }
}
