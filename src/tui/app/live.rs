//! Live refresh: what other people change through the shared server shows up
//! here without a key press, and without moving the cursor or touching an edit
//! in progress (that objective's news wait until the edit ends).

use super::{App, Mode, Question, Status};
use crate::i18n::tr;
use crate::model::Objective;
use crate::service::follow::Update;

impl App {
    /// The objective an open editor or question is about: not to be replaced under it.
    pub(crate) fn objective_in_use(&self) -> Option<usize> {
        match &self.mode {
            Mode::Cell(edit) => Some(edit.objective),
            Mode::Narrative(edit) => edit.writing.objective(),
            Mode::Ask(Question::DeleteRow { objective, .. }) => Some(*objective),
            Mode::Ask(Question::RestoreDraft { writing, .. }) => writing.objective(),
            Mode::Conflict(view) => view.objective(),
            _ => None,
        }
    }

    /// Asks the service what others changed and shows it; whether anything did.
    pub fn refresh_from_others(&mut self) -> bool {
        let hold = self
            .objective_in_use()
            .and_then(|i| self.dataset.objectives.get(i))
            .map(|o| o.code.clone());
        match self.service.poll(hold.as_deref()) {
            Ok(Update::Nothing) => false,
            Ok(Update::Objectives(objectives)) => {
                let codes: Vec<String> = objectives.iter().map(|o| o.code.clone()).collect();
                self.replace_objectives(objectives);
                self.say_refreshed(&codes.join(", "));
                true
            }
            // The session's own save of a text of the Relazione comes back so: not news.
            Ok(Update::Plan(plan)) if *plan == self.dataset.plan => false,
            Ok(Update::Plan(plan)) => {
                self.dataset.plan = *plan;
                self.reload_rows();
                self.say_refreshed(tr(
                    "il piano (ciclo, finestre o testi della Relazione)",
                    "the plan (cycle, windows or the report's texts)",
                ));
                true
            }
            Ok(Update::Reload(outline)) => {
                let current = self.objective().map(|o| o.code.clone());
                let reviewed = self.review.as_ref().and_then(|r| {
                    self.dataset
                        .objectives
                        .get(r.objective)
                        .map(|o| o.code.clone())
                });
                let (dataset, summaries) = super::lazy::shells(*outline);
                self.residency = super::lazy::Residency::none(dataset.objectives.len());
                self.dataset = dataset;
                self.summaries = summaries;
                let position = |d: &crate::model::Dataset, code: Option<String>| {
                    code.and_then(|code| d.objectives.iter().position(|o| o.code == code))
                };
                self.current = position(&self.dataset, current);
                if let Some(index) = self.current {
                    self.show(index);
                }
                // The review stays on the objective it showed, wherever the import put it.
                let at = position(&self.dataset, reviewed);
                if let Some(session) = &mut self.review {
                    session.objective = at.unwrap_or(0);
                }
                self.reload_rows();
                // A review compares every objective with its snapshot.
                if self.review.is_some() {
                    self.read_whole_plan();
                }
                self.follow_selection();
                self.clamp_phase_row();
                self.say_refreshed(tr(
                    "tutto il piano (import o ripristino)",
                    "the whole plan (import or restore)",
                ));
                true
            }
            Err(e) => {
                self.status = Status::Error(e.to_string());
                true
            }
        }
    }

    /// Puts these objectives, as stored now, in place of the ones shown (by code).
    pub(crate) fn replace_objectives(&mut self, objectives: Vec<Objective>) {
        for objective in objectives {
            match self
                .dataset
                .objectives
                .iter()
                .position(|o| o.code == objective.code)
            {
                Some(i) => self.set_objective(i, objective),
                // A new objective comes with a reload, not here; ignore a stray one.
                None => continue,
            }
        }
        self.reload_rows();
        self.clamp_phase_row();
    }

    /// Another user may have deleted the phase the cursor was on.
    fn clamp_phase_row(&mut self) {
        let count = self.objective().map_or(0, |o| o.phases.len());
        self.phases.keep_within(count);
    }

    /// A word in the status line, unless the user is typing (their hints stay).
    fn say_refreshed(&mut self, what: &str) {
        if matches!(self.mode, Mode::Normal) {
            self.status = Status::Info(format!(
                "{}: {what}",
                tr("aggiornato da altri utenti", "updated by other users")
            ));
        }
    }
}
