//! Review mode (`R`): a monitoring meeting goes through the objectives one at
//! a time, compared against a snapshot, marking each reviewed with a comment.
//!
//! The review screen is drawn while a session is active and the mode is
//! `Normal`: editing from it (`e`/`E`) or the help return to `Normal`, and so
//! to the review, with no extra bookkeeping.

use super::{App, Mode, Status};
use crate::api::Review;
use crate::i18n::{tr, tr_string};
use crate::model::Dataset;
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::filter::{Context, Filter, FilterItem, FilterTarget};
use crate::tui::keymap;
use crate::tui::widgets::line_editor::{LineEditor, Prompt};

pub struct ReviewSession {
    pub review: Review,
    /// The plan as the snapshot kept it; `None` without one (or if deleted since).
    pub baseline: Option<Dataset>,
    pub filter: Filter,
    /// The objective shown (index into the dataset).
    pub objective: usize,
    pub scroll: u16,
    /// False while the user edits in the normal panes; `R` comes back.
    pub active: bool,
}

/// How a review is started or resumed from the chooser.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewStart {
    Resume(Review),
    New(Option<String>),
}

/// A list to choose from, as an overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub title: String,
    pub items: Vec<String>,
    pub hint: Option<String>,
    pub selected: usize,
    pub purpose: PickPurpose,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickPurpose {
    Review(Vec<ReviewStart>),
    Filter(FilterTarget, Vec<FilterItem>),
    /// The objectives that block the cycle's next step (`C`, then Enter): their codes.
    Objective(Vec<String>),
    /// `:drafts`: the drafts waiting.
    Drafts(Vec<crate::api::WaitingDraft>),
    /// `T`: the Relazione's texts, in `PlanText::ALL`'s order.
    PlanText,
    /// `:plan`: the plans of the database, by title.
    Plans(Vec<String>),
}

/// How many earlier reviews the chooser offers to resume.
const RESUMABLE: usize = 5;

impl ReviewSession {
    /// The objectives the filter lets through, in plan order.
    pub fn visible(&self, dataset: &Dataset, today: chrono::NaiveDate) -> Vec<usize> {
        let context = Context::new(dataset, Some(&self.review), self.baseline.as_ref(), today);
        let pass = self.filter.pass(&context);
        (0..dataset.objectives.len()).filter(|&i| pass[i]).collect()
    }

    /// Continues where the review stopped: its filter and its objective (the
    /// next one to review when that one was marked); without a place kept,
    /// the first objective not yet reviewed.
    fn resume(&mut self, dataset: &Dataset, today: chrono::NaiveDate) {
        let place = self.review.place.clone();
        if let Some(filter) = place
            .as_ref()
            .and_then(|p| serde_json::from_str(&p.filter).ok())
        {
            self.filter = filter;
        }
        let marked = |i: usize| self.review.mark(&dataset.objectives[i].code).is_some();
        let kept_on = place.and_then(|p| {
            let code = p.objective?;
            dataset.objectives.iter().position(|o| o.code == code)
        });
        self.objective = match kept_on {
            Some(at) if marked(at) => self.next_unreviewed(dataset, today, at).unwrap_or(at),
            Some(at) => at,
            None => (0..dataset.objectives.len())
                .find(|&i| !marked(i))
                .unwrap_or(0),
        };
    }

    /// The next objective the filter shows that is not reviewed yet: after
    /// `at`, else from the top; `None` when every one shown is reviewed.
    fn next_unreviewed(
        &self,
        dataset: &Dataset,
        today: chrono::NaiveDate,
        at: usize,
    ) -> Option<usize> {
        let open = |i: &usize| self.review.mark(&dataset.objectives[*i].code).is_none();
        let visible = self.visible(dataset, today);
        let after = visible.iter().copied().filter(|i| *i > at).find(open);
        after.or_else(|| visible.iter().copied().find(open))
    }

    pub fn reviewed_count(&self, dataset: &Dataset) -> usize {
        let reviewed = self.review.reviewed_codes();
        dataset
            .objectives
            .iter()
            .filter(|o| reviewed.contains(o.code.as_str()))
            .count()
    }
}

impl App {
    /// True when the review screen is what the keys drive.
    pub fn reviewing(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.active)
    }

    /// `R` from the normal panes: back to the review in progress, or choose one.
    pub(crate) fn open_review(&mut self) {
        match &mut self.review {
            Some(session) => {
                session.active = true;
                session.scroll = 0;
                // Come back on the objective last looked at in the panes.
                if let Some(current) = self.current {
                    session.objective = current;
                }
                self.status = Status::None;
            }
            None => self.choose_review(),
        }
    }

    /// The chooser: resume a recent review, or start one against a snapshot or none.
    pub(crate) fn choose_review(&mut self) {
        let listed = self
            .service
            .reviews()
            .and_then(|r| Ok((r, self.service.snapshots()?)));
        let Some((reviews, snapshots)) = self.said(listed) else {
            return;
        };
        let total = self.dataset.objectives.len();
        let mut starts = Vec::new();
        let mut items = Vec::new();
        for r in reviews.iter().rev().take(RESUMABLE) {
            items.push(tr_format!(
                "Riprendi la revisione n. {} del {} · {} di {total} rivisti · {}",
                "Resume review no. {} of {} · {} of {total} reviewed · {}",
                r.id,
                r.started_at.format("%d/%m/%Y"),
                r.marks.len(),
                compared_with(r.snapshot.as_deref())
            ));
            starts.push(ReviewStart::Resume(r.clone()));
        }
        for s in snapshots.iter().rev() {
            items.push(format!(
                "{} «{}» ({})",
                tr("Nuova revisione: confronto con", "New review: compare with"),
                s.name,
                s.at.format("%d/%m/%Y")
            ));
            starts.push(ReviewStart::New(Some(s.name.clone())));
        }
        items.push(tr_string(
            "Nuova revisione senza confronto",
            "New review, no comparison",
        ));
        starts.push(ReviewStart::New(None));
        let hint = snapshots.is_empty().then(|| {
            tr_string(
                "Per confrontare con un monitoraggio: obiettivi snapshot create \"Monitoraggio …\"",
                "To compare with a monitoring: obiettivi snapshot create \"Monitoring …\"",
            )
        });
        self.mode = Mode::Pick(Picker {
            title: tr_string("Revisione", "Review"),
            items,
            hint,
            selected: 0,
            purpose: PickPurpose::Review(starts),
        });
    }

    /// A move in the list being chosen from, `times` over (a count: `5j`, `3G`).
    pub(crate) fn move_in_picker(&mut self, motion: Action, times: Option<usize>) {
        if let Mode::Pick(picker) = &mut self.mode {
            let page = self.measures.page;
            let count = picker.items.len();
            picker.selected = super::navigation::step(picker.selected, count, motion, page, times)
        }
    }

    /// The review page scrolled, `times` over (a count: `5j`).
    pub(crate) fn scroll_review(&mut self, motion: Action, times: Option<usize>) {
        if let Some(session) = &mut self.review {
            let page = self.measures.scrolled_from(&mut session.scroll) as usize;
            session.scroll = super::navigation::scroll(session.scroll, motion, page, times);
        }
    }

    pub(crate) fn update_pick(&mut self, action: Action) {
        let Mode::Pick(picker) = &mut self.mode else {
            return;
        };
        match action {
            motion if motion.is_motion() => self.move_in_picker(motion, None),
            Action::Cancel => self.mode = Mode::Normal,
            // The filter list stays open: conditions are switched one by one.
            Action::Commit if matches!(picker.purpose, PickPurpose::Filter(..)) => {
                let (PickPurpose::Filter(target, items), at) = (&picker.purpose, picker.selected)
                else {
                    return;
                };
                let (target, item) = (*target, items[at].clone());
                self.pick_filter_item(target, &item, at);
            }
            Action::Commit => {
                let Mode::Pick(picker) = std::mem::replace(&mut self.mode, Mode::Normal) else {
                    return;
                };
                match picker.purpose {
                    PickPurpose::Review(starts) => self.start_review(&starts[picker.selected]),
                    PickPurpose::Objective(codes) => self.open_code(&codes[picker.selected]),
                    PickPurpose::Drafts(drafts) => {
                        self.open_waiting_draft(&drafts[picker.selected])
                    }
                    PickPurpose::PlanText => {
                        self.open_plan_text(crate::model::PlanText::ALL[picker.selected])
                    }
                    PickPurpose::Plans(titles) => self.switch_plan(&titles[picker.selected]),
                    PickPurpose::Filter(..) => {}
                }
            }
            _ => {}
        }
    }

    fn start_review(&mut self, start: &ReviewStart) {
        // A review goes through every objective and compares it with its snapshot.
        if !self.read_whole_plan() {
            return;
        }
        let review = match start {
            ReviewStart::Resume(r) => Ok(r.clone()),
            ReviewStart::New(snapshot) => self.service.start_review(snapshot.as_deref()),
        };
        let Some(review) = self.said(review) else {
            return;
        };
        let baseline = (review.snapshot.as_deref()).map(|n| self.service.snapshot_plan(n));
        // Deleted since (or unreachable): the review goes on without the comparison, and says why.
        let baseline = baseline.and_then(|read| self.said(read));
        let resumed = matches!(start, ReviewStart::Resume(_));
        // The session left for this one is kept where it stopped.
        self.keep_review_place();
        let mut session = ReviewSession {
            review,
            baseline,
            filter: Filter::default(),
            objective: 0,
            scroll: 0,
            active: true,
        };
        if resumed {
            session.resume(&self.dataset, self.today);
        }
        if !matches!(self.status, Status::Error(_)) {
            self.status = Status::Info(format!(
                "{} {} · {}",
                tr("revisione n.", "review no."),
                session.review.id,
                compared_with(session.review.snapshot.as_deref())
            ));
        }
        let objective = session.objective;
        self.review = Some(session);
        self.reveal_objective(objective);
    }

    pub(crate) fn update_review(&mut self, action: Action) {
        let Some(session) = &mut self.review else {
            return;
        };
        match action {
            Action::NextObjective => self.step_objective(true),
            Action::PrevObjective => self.step_objective(false),
            motion if motion.is_motion() => self.scroll_review(motion, None),
            Action::MarkReviewed => {
                let comment = self
                    .dataset
                    .objectives
                    .get(session.objective)
                    .and_then(|o| session.review.mark(&o.code).map(|m| m.comment.clone()));
                self.mode = Mode::ReviewComment(LineEditor::new(&comment.unwrap_or_default()));
            }
            Action::Filter => self.choose_filter(FilterTarget::Review, 0),
            Action::Enter => {
                session.active = false;
                let objective = session.objective;
                self.reveal_objective(objective);
                self.focus = super::Pane::Phases;
                self.status = Status::Info(format!(
                    "{} {}",
                    self.keys.key_of(keymap::Context::Normal, Action::Review),
                    tr("torna alla revisione", "goes back to the review")
                ));
            }
            Action::Review => {
                self.keep_review_place();
                self.choose_review()
            }
            Action::Cancel => {
                session.active = false;
                self.keep_review_place();
                self.status = Status::Info(tr_format!(
                    "revisione sospesa: {} la riprende",
                    "review paused: {} resumes it",
                    self.keys.key_of(keymap::Context::Normal, Action::Review)
                ));
            }
            action if keymap::REVIEW_ALSO.contains(&action) => {
                // The normal actions work on `current`: keep it on the objective shown.
                let objective = session.objective;
                self.reveal_objective(objective);
                self.update_normal(action);
            }
            _ => {}
        }
    }

    fn step_objective(&mut self, forward: bool) {
        let Some(session) = &mut self.review else {
            return;
        };
        let visible = session.visible(&self.dataset, self.today);
        let at = session.objective;
        let next = if forward {
            visible.iter().copied().find(|&i| i > at)
        } else {
            visible.iter().copied().rev().find(|&i| i < at)
        };
        match next {
            Some(i) => {
                session.objective = i;
                session.scroll = 0;
                self.status = Status::None;
                self.reveal_objective(i);
                self.keep_review_place();
            }
            None => {
                self.status = Status::Info(if visible.is_empty() {
                    tr_string("nessun obiettivo nel filtro", "no objective in the filter")
                } else if forward {
                    tr_string(
                        "ultimo obiettivo del filtro",
                        "last objective in the filter",
                    )
                } else {
                    tr_string(
                        "primo obiettivo del filtro",
                        "first objective in the filter",
                    )
                })
            }
        }
    }

    pub(crate) fn update_review_comment(&mut self, action: Action) {
        let Mode::ReviewComment(editor) = &mut self.mode else {
            return;
        };
        match editor.prompt(action) {
            Prompt::Typing => {}
            Prompt::Cancelled => self.mode = Mode::Normal,
            Prompt::Done(comment) => {
                let Some(session) = &mut self.review else {
                    self.mode = Mode::Normal;
                    return;
                };
                let Some(code) = self
                    .dataset
                    .objectives
                    .get(session.objective)
                    .map(|o| o.code.clone())
                else {
                    self.mode = Mode::Normal;
                    return;
                };
                match self
                    .service
                    .mark_reviewed(session.review.id, &code, &comment)
                {
                    Ok(review) => {
                        session.review = review;
                        let done = session.reviewed_count(&self.dataset);
                        let mut said = tr_format!(
                            "{code} rivisto · {done} di {} rivisti",
                            "{code} reviewed · {done} of {} reviewed",
                            self.dataset.objectives.len()
                        );
                        // On to the next one to review, as a meeting goes.
                        let next =
                            session.next_unreviewed(&self.dataset, self.today, session.objective);
                        match next {
                            Some(i) => {
                                session.objective = i;
                                session.scroll = 0;
                            }
                            None => said.push_str(&tr_string(
                                " · nessun altro da rivedere nel filtro",
                                " · none left to review in the filter",
                            )),
                        }
                        self.status = Status::Saved(said);
                        self.mode = Mode::Normal;
                        if let Some(i) = next {
                            self.reveal_objective(i);
                            self.keep_review_place();
                        }
                    }
                    // The comment stays in the prompt, to be saved again.
                    Err(e) => self.status = Status::Error(e.to_string()),
                }
            }
        }
    }
}

impl App {
    /// Reads the plan's last review once, when the overview shows reviews
    /// and none is in progress; a failure leaves the column without one.
    pub(crate) fn read_last_review(&mut self) {
        if self.review.is_none() && self.last_review.get().is_none() {
            let last = self
                .service
                .reviews()
                .ok()
                .and_then(|r| r.into_iter().last());
            let _ = self.last_review.set(last);
        }
    }

    /// The review the overview counts: the one in progress, else the last one.
    pub(crate) fn overview_review(&self) -> Option<&Review> {
        let last = self.last_review.get().and_then(Option::as_ref);
        self.review.as_ref().map(|s| &s.review).or(last)
    }

    /// Stores where the review in progress stands (its objective and filter),
    /// so that resuming it, in this session or another, comes back there.
    /// Quietly: only a failure is said.
    pub fn keep_review_place(&mut self) {
        let Some(session) = &self.review else { return };
        let code = self
            .dataset
            .objectives
            .get(session.objective)
            .map(|o| o.code.clone());
        let filter = serde_json::to_string(&session.filter).unwrap_or_default();
        let place = Some(crate::api::ReviewPlace {
            objective: code.clone(),
            filter: filter.clone(),
        });
        if session.review.place == place {
            return;
        }
        match self
            .service
            .keep_review_place(session.review.id, code.as_deref(), &filter)
        {
            Ok(review) => {
                if let Some(session) = &mut self.review {
                    session.review = review;
                }
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }
}

/// `confronto con «S»`, or `senza confronto`.
pub fn compared_with(snapshot: Option<&str>) -> String {
    match snapshot {
        Some(name) => format!("{} «{name}»", tr("confronto con", "compared with")),
        None => tr_string("senza confronto", "no comparison"),
    }
}
