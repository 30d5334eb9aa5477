//! What the rest of the TUI reads of the state (the panes draw from these),
//! and the few changes made from outside `update`: the user's keys and a
//! message at startup, a frame's measures.

use chrono::NaiveDate;

use super::table::TableCursor;
use super::{App, Filter, Mode, Pane, ReviewSession, Search, Status};
use crate::model::Dataset;
use crate::service::follow::Following;
use crate::tui::keymap::Keymap;
use crate::tui::outline::Row;
use crate::tui::overview::{self, Basis};
use crate::tui::view::View;

impl App {
    pub fn service(&self) -> &Following {
        &self.service
    }

    /// The plan as stored now, read again through the service (a test
    /// compares it with what the session shows).
    pub fn stored(&mut self) -> Result<Dataset, crate::service::ServiceError> {
        self.service.load()
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The selected tree row's index.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The objective the right-hand panes show, by index.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// The phase table's cell cursor and marks.
    pub fn phases(&self) -> &TableCursor {
        &self.phases
    }

    /// The indicator table's cell cursor and marks.
    pub fn indicators(&self) -> &TableCursor {
        &self.indicators
    }

    pub fn details_scroll(&self) -> u16 {
        self.details_scroll
    }

    pub fn narrative_scroll(&self) -> u16 {
        self.narrative_scroll
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.as_ref()
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The selected line of the overview.
    pub fn overview_line(&self) -> usize {
        self.overview_line
    }

    /// The word last found in the help (`?` then `/`), marked there.
    pub fn help_query(&self) -> Option<&str> {
        self.help_query.as_deref()
    }

    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    /// Whether the user asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// The user's keys (`config.toml`), in force from now.
    pub fn set_keys(&mut self, keys: Keymap) {
        self.keys = keys;
    }

    /// A message for the status line (at startup: the database just created,
    /// a `config.toml` that could not be read).
    pub fn say(&mut self, status: Status) {
        self.status = status;
    }

    /// `result`'s value; its error said in the status line.
    pub(crate) fn said<T>(&mut self, result: Result<T, impl std::fmt::Display>) -> Option<T> {
        result
            .map_err(|e| self.status = Status::Error(e.to_string()))
            .ok()
    }

    /// A quit taken back: the session goes on (a test driving random keys).
    pub fn keep_running(&mut self) {
        self.quit = false;
    }

    /// What the frame just drawn measured, for the keys that follow.
    pub fn measured(&mut self, view: &View) {
        self.measures = view.measures;
        self.landed(view.measures.landed);
    }

    /// The word of the search in force, which the panes mark where it shows.
    pub fn search_query(&self) -> Option<&str> {
        self.search.as_ref().map(|s| s.query.as_str())
    }

    /// Which of `pane`'s rows holding the search's word it is to show
    /// (`usize::MAX`: the last), when the search landed there.
    pub fn landing_in(&self, pane: Pane) -> Option<usize> {
        self.landing.filter(|(p, _)| *p == pane).map(|(_, at)| at)
    }

    /// Moves on whenever what the session knows of the plan changes.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What the overview's lines are summed up from: they change with it.
    pub fn overview_basis(&self) -> Basis {
        (
            self.generation,
            self.overview_review().map(|r| (r.id, r.marks.len())),
        )
    }

    /// The overview's lines, as of today, with the review in progress (else
    /// the last one, if any), summed up now: a frame keeps them (`View::overview_lines`).
    pub fn overview_lines(&self) -> Vec<overview::Line> {
        let reviewed = self.overview_review().map(|r| r.reviewed_codes());
        overview::lines(
            &self.dataset,
            &self.summaries,
            self.today,
            reviewed.as_ref(),
        )
    }

    /// How many lines the overview lists: as the last frame counted them
    /// while the plan is as it was then, else summed up again.
    pub(crate) fn overview_len(&self) -> usize {
        match self.measures.overview {
            Some((basis, n)) if basis == self.overview_basis() => n,
            _ => self.overview_lines().len(),
        }
    }
}
