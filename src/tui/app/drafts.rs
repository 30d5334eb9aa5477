//! Drafts waiting (issue 28): at the session's start the status line says
//! which texts (narratives, the Relazione's) have a draft not yet published, and `:drafts` lists them;
//! `Enter` on one opens its narrative with the draft in the editor.

use super::review::{PickPurpose, Picker};
use super::writing::Writing;
use super::{App, Mode, Status, Year};
use crate::api::{DraftOf, WaitingDraft};
use crate::i18n::{tr, tr_string};
use crate::model::ObjectiveField;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

/// How many drafts the start line names before `…`.
const NAMED: usize = 3;

/// The year of a narrative's draft.
fn year_of(field: ObjectiveField) -> Year {
    if field == ObjectiveField::Year1 {
        Year::First
    } else {
        Year::Second
    }
}

/// `05_1201_0601 (2° anno)`, `Presentazione (Relazione)`.
fn named(draft: &WaitingDraft) -> String {
    match &draft.of {
        DraftOf::Narrative { code, field } => format!("{code} ({})", year_of(*field).label()),
        DraftOf::PlanText { which } => {
            format!("{} ({})", which.label(), tr("Relazione", "report"))
        }
    }
}

impl App {
    /// The caller's drafts of objectives in this plan (an error said in the status line).
    fn waiting_drafts(&mut self) -> Vec<WaitingDraft> {
        match self.service.drafts() {
            Ok(drafts) => drafts
                .into_iter()
                .filter(|d| match &d.of {
                    DraftOf::Narrative { code, .. } => {
                        self.dataset.objectives.iter().any(|o| o.code == *code)
                    }
                    DraftOf::PlanText { .. } => true,
                })
                .collect(),
            Err(e) => {
                self.status = Status::Error(format!(
                    "{}: {e}",
                    tr("bozze illeggibili", "drafts unreadable")
                ));
                Vec::new()
            }
        }
    }

    /// At the start: `2 bozze in attesa: 05_1201_0601 (2° anno), … · :drafts per sceglierne una`.
    pub fn say_drafts_waiting(&mut self) {
        let drafts = self.waiting_drafts();
        if drafts.is_empty() {
            return;
        }
        let mut names: Vec<String> = drafts.iter().take(NAMED).map(named).collect();
        if drafts.len() > NAMED {
            names.push("…".into());
        }
        let command = format!(
            "{}drafts",
            self.keys.key_of(Context::Normal, Action::CommandLine)
        );
        self.status = Status::Info(match drafts.len() {
            1 => format!(
                "{}: {} · {command} {}",
                tr("1 bozza in attesa", "1 draft waiting"),
                names.join(", "),
                tr("per riaprirla", "to open it"),
            ),
            n => format!(
                "{n} {}: {} · {command} {}",
                tr("bozze in attesa", "drafts waiting"),
                names.join(", "),
                tr("per sceglierne una", "to pick one"),
            ),
        });
    }

    /// `:drafts`: the drafts waiting, to pick one.
    pub(crate) fn choose_draft(&mut self) {
        let drafts = self.waiting_drafts();
        if drafts.is_empty() {
            if !matches!(self.status, Status::Error(_)) {
                self.status = Status::info(
                    "nessuna bozza in attesa: ogni testo è pubblicato",
                    "no draft waiting: every text is published",
                );
            }
            return;
        }
        let items = drafts
            .iter()
            .map(|d| {
                let start: String = d.draft.text.replace('\n', " ").chars().take(40).collect();
                format!(
                    "{} · {} · «{start}…»",
                    named(d),
                    d.draft.at.format("%d/%m/%Y %H:%M"),
                )
            })
            .collect();
        self.mode = Mode::Pick(Picker {
            title: tr_string("Bozze in attesa", "Drafts waiting"),
            items,
            hint: Some(format!(
                "{} · {}",
                self.keys.hint(
                    Context::Picker,
                    &[(
                        Action::Commit,
                        tr(
                            "apre il testo con la bozza",
                            "opens the text with the draft"
                        )
                    )]
                ),
                self.keys.hint(
                    Context::Narrative,
                    &[(Action::Save, tr("poi la pubblica", "then publishes it"))]
                ),
            )),
            selected: 0,
            purpose: PickPurpose::Drafts(drafts),
        });
    }

    /// The text of `draft` (a narrative: its objective shown), the draft in the editor.
    pub(crate) fn open_waiting_draft(&mut self, draft: &WaitingDraft) {
        let text = Some(draft.draft.text.clone());
        match &draft.of {
            DraftOf::Narrative { code, field } => {
                let Some(index) = self.dataset.objectives.iter().position(|o| o.code == *code)
                else {
                    return;
                };
                self.reveal_objective(index);
                // Whole, even when a filter hides it from the tree.
                self.show(index);
                let writing = Writing::Narrative {
                    objective: index,
                    year: year_of(*field),
                };
                self.open_editor(writing, text);
            }
            DraftOf::PlanText { which } => {
                if self.plan_texts_writable() {
                    self.open_editor(Writing::PlanText(*which), text);
                }
            }
        }
    }
}
