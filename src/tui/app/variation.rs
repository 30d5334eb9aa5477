//! `V`: variation mode (GUIDE §4, §8). Once the plan is approved its
//! baseline changes only through a variation: in this mode the edits go
//! into the open variation (recorded by the service, the plan unchanged),
//! the frozen cells open, a recorded cell shows old → new, and the title
//! says which variation. `V` again leaves it.

use super::{App, Mode, RowField, Status};
use crate::api::Edit;
use crate::model::Change;
use crate::model::applied::Part;
use crate::model::variation::{self, Recorded, Variation, VariationState};
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::widgets::line_editor::{LineEditor, Prompt};

impl App {
    /// Enters the last open variation, or leaves the one in use.
    pub(crate) fn toggle_variation(&mut self) {
        if let Some(id) = self.variation.take() {
            self.status = Status::Info(tr_format!(
                "fuori dalla variazione {id}: le modifiche vanno nel piano",
                "out of variation {id}: edits go into the plan"
            ));
            return;
        }
        // The list as the service has it now: one may have been opened since.
        let Some(list) = self.said(self.service.variations()) else {
            return;
        };
        self.dataset.variations = list;
        let open = (self.dataset.variations.iter().rev()).find(|v| v.state == VariationState::Open);
        self.status = match open {
            Some(v) => {
                self.variation = Some(v.id);
                Status::Info(tr_format!(
                    "variazione {}: le modifiche vanno nella variazione, non nel piano; V per uscire ({})",
                    "variation {}: edits go into the variation, not the plan; V to leave ({})",
                    v.id,
                    v.reason
                ))
            }
            // Approved: the baseline changes only through one, so open it
            // here, with its reason (one key away from the locked cell).
            None if variation::open_in(self.dataset.plan.state()).is_ok() => {
                self.mode = Mode::VariationReason(LineEditor::new(""));
                Status::info(
                    "nessuna variazione aperta: scrivi il motivo per aprirne una",
                    "no open variation: type the reason to open one",
                )
            }
            None => Status::info(
                "nessuna variazione aperta, e non serve: prima dell'approvazione il piano si modifica direttamente",
                "no open variation, and none is needed: before approval the plan is edited directly",
            ),
        };
    }

    /// The reason of a new variation typed (`V` with none open): Enter opens
    /// it through the service and enters it; Esc leaves with nothing opened.
    pub(crate) fn update_variation_reason(&mut self, action: Action) {
        let Mode::VariationReason(editor) = &mut self.mode else {
            return;
        };
        let reason = match editor.prompt(action) {
            Prompt::Typing => return,
            Prompt::Cancelled => {
                self.mode = Mode::Normal;
                self.status = Status::info("nessuna variazione aperta", "no variation opened");
                return;
            }
            Prompt::Done(reason) => reason,
        };
        if reason.trim().is_empty() {
            self.status = Status::error(
                "una variazione si apre con il suo motivo: scrivilo (Esc annulla)",
                "a variation is opened with its reason: type it (Esc cancels)",
            );
            return;
        }
        self.mode = Mode::Normal;
        match self.service.variation_open(reason.trim()) {
            Ok(v) => {
                self.dataset.variations.push(v);
                self.toggle_variation();
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    /// The variation edits go into, in variation mode.
    pub fn variation(&self) -> Option<&Variation> {
        let id = self.variation?;
        self.dataset.variations.iter().find(|v| v.id == id)
    }

    /// Records `changes` of objective `index` into variation `id` (the plan
    /// unchanged); what the status says then.
    pub(crate) fn record_in_variation(
        &mut self,
        id: u64,
        index: usize,
        changes: &[Change],
    ) -> Result<(), String> {
        let edit = Edit {
            code: self.dataset.objectives[index].code.clone(),
            changes: changes.to_vec(),
            expected: None,
            note: None,
        };
        let v = (self
            .service
            .variation_record(id, std::slice::from_ref(&edit)))
        .map_err(|e| e.unwrapped().to_string())?;
        match self.dataset.variations.iter_mut().find(|x| x.id == id) {
            Some(old) => *old = v,
            None => self.dataset.variations.push(v),
        }
        self.generation += 1;
        self.recorded = Some(id);
        Ok(())
    }

    /// `25→30` for a cell the variation in use records (`field`: its
    /// schema path, `phases[0].weight`); no spaces, to fit a number's column.
    pub fn varied(&self, code: &str, field: &str) -> Option<String> {
        let c = self.variation()?.of(code).find(|c| c.field == field)?;
        let r = Recorded::of(c)?;
        Some(format!("{}→{}", r.old, r.new))
    }

    /// The value the variation in use records for `field` of row `row` of
    /// objective `code`: what its cell editor opens with.
    pub(crate) fn varied_text(&self, code: &str, row: usize, field: RowField) -> Option<String> {
        let path = match field {
            RowField::Phase(f) => format!("phases[{row}].{}", f.column().name),
            RowField::Indicator(f) => Part::Indicator {
                index: row,
                cell: Some(f),
            }
            .name(),
        };
        let c = self.variation()?.of(code).find(|c| c.field == path)?;
        Some(Recorded::of(c)?.new.to_string())
    }

    /// After an action that recorded into the variation, the status says so
    /// (what the plan has is unchanged).
    pub(crate) fn say_recorded(&mut self) {
        if let Some(id) = self.recorded.take() {
            self.status = Status::Saved(tr_format!(
                "registrato nella variazione {id} (il piano non cambia finché non è approvata)",
                "recorded in variation {id} (the plan is unchanged until it is approved)"
            ));
        }
    }
}
