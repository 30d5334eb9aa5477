//! The Relazione's texts in the TUI (`plan.texts`, GUIDE §9): `T` (from the
//! cycle's overlay `C` too) lists presentazione, contesto and processo with
//! their first words, `Enter` writes one in the narrative editor;
//! `:testo presentazione` (`:text`) goes straight to it.

use super::review::{PickPurpose, Picker};
use super::writing::Writing;
use super::{App, Mode, Status};
use crate::i18n::{tr, tr_string};
use crate::model::PlanText;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

/// How many characters of a text its line shows.
const FIRST_WORDS: usize = 40;

/// `«Il Comune di Noale presenta…»`, or `(vuoto)`: a text's start on one line.
pub fn first_words(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return tr_string("(vuoto)", "(empty)");
    }
    if flat.chars().count() <= FIRST_WORDS {
        return format!("«{flat}»");
    }
    let start: String = flat.chars().take(FIRST_WORDS).collect();
    format!("«{}…»", start.trim_end())
}

/// `Presentazione: «Il Comune…»`: a text's line, in `T`'s list and in `C`.
pub fn text_line(which: PlanText, text: &str) -> String {
    format!("{}: {}", which.label(), first_words(text))
}

impl App {
    /// `T`: the three texts as this session has them, to pick one to write.
    pub(crate) fn choose_plan_text(&mut self) {
        let texts = &self.dataset.plan.texts;
        let items = PlanText::ALL
            .into_iter()
            .map(|t| text_line(t, texts.get(t)))
            .collect();
        self.mode = Mode::Pick(Picker {
            title: tr_string("Testi della Relazione", "The report's texts"),
            items,
            hint: Some(self.keys.hint(
                Context::Picker,
                &[(Action::Commit, tr("scrivi il testo", "write the text"))],
            )),
            selected: 0,
            purpose: PickPurpose::PlanText,
        });
    }

    /// The editor on `which`, unless the plan's state or the user's role
    /// forbids writing it (the refusal `set --plan-text` gives).
    pub(crate) fn open_plan_text(&mut self, which: PlanText) {
        if self.plan_texts_writable() {
            self.open_writing(Writing::PlanText(which));
        }
    }

    /// `:testo presentazione`: that text in the editor; without a name, the list.
    pub(crate) fn plan_text_command(&mut self, name: &str) {
        if name.is_empty() {
            return self.choose_plan_text();
        }
        match PlanText::named(name) {
            Ok(which) => self.open_plan_text(which),
            Err(why) => self.status = Status::Error(why),
        }
    }
}
