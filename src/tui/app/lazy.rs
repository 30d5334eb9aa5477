//! A session holds every objective's summary and only a few objectives
//! whole: the one shown and the last ones looked at (issue 19). The others
//! stand in `dataset` as shells (`Summary::shell`: code, title, mission,
//! manager, CdR, status) that the tree, the filter and the overview read
//! through `summaries`; whatever reads phases, narratives or indicators
//! reads the current objective, which `show` reads whole first.

use std::collections::VecDeque;

use chrono::NaiveDate;

use super::{App, Status};
use crate::model::summary::Summary;
use crate::model::{Dataset, Objective};
use crate::service::Outline;
use crate::service::follow::Following;
use crate::tui::outline::Facts;

/// Objectives kept whole besides the one shown: enough to go back and forth
/// between a few, small enough that a long session stays small.
pub const KEPT_WHOLE: usize = 32;

/// Which objectives `dataset` holds whole.
#[derive(Debug, Default)]
pub struct Residency {
    whole: Vec<bool>,
    /// Read whole on demand, oldest first: the ones `KEPT_WHOLE` lets go.
    recent: VecDeque<usize>,
}

impl Residency {
    /// Every objective whole (a plan loaded whole).
    pub fn all(n: usize) -> Residency {
        Residency {
            whole: vec![true; n],
            recent: VecDeque::new(),
        }
    }

    /// None whole (a plan opened from its outline).
    pub fn none(n: usize) -> Residency {
        Residency {
            whole: vec![false; n],
            recent: VecDeque::new(),
        }
    }

    pub fn is_whole(&self, index: usize) -> bool {
        self.whole.get(index).copied().unwrap_or(false)
    }
}

/// The plan as a session starts with it: shells, from the outline.
pub fn shells(outline: Outline) -> (Dataset, Vec<Summary>) {
    let mut dataset = outline.dataset;
    dataset.objectives = outline.summaries.iter().map(Summary::shell).collect();
    (dataset, outline.summaries)
}

impl App {
    /// A session on a plan's outline: every objective a shell until shown.
    pub fn open(service: Following, outline: Outline, today: NaiveDate) -> App {
        let (dataset, summaries) = shells(outline);
        let n = dataset.objectives.len();
        App::with_summaries(service, dataset, summaries, Residency::none(n), today)
    }

    /// Puts `objective` (as stored now) at `index`, with its summary and
    /// facts. One that was a shell (shown, or changed by others) counts among
    /// the ones `KEPT_WHOLE` bounds. One that differs from its summary (read
    /// whole after another's edit) moves the generation on: what was summed
    /// up from the summaries is summed up again.
    pub(crate) fn set_objective(&mut self, index: usize, objective: Objective) {
        let summary = Summary::of(&objective);
        if self.summaries[index] != summary {
            self.generation += 1;
        }
        self.summaries[index] = summary;
        self.facts[index] = Facts::of(&self.dataset.plan, &self.summaries[index], self.today);
        self.dataset.objectives[index] = objective;
        if let Some(w) = self.residency.whole.get_mut(index)
            && !*w
        {
            *w = true;
            self.residency.recent.push_back(index);
            self.let_go();
        }
    }

    /// Reads objective `index` whole if the session has only its shell; says
    /// in the status line when it cannot (the panes then show the shell).
    pub(crate) fn show(&mut self, index: usize) {
        if self.residency.is_whole(index) || index >= self.dataset.objectives.len() {
            return;
        }
        let code = self.dataset.objectives[index].code.clone();
        match self.service.fetch(&code) {
            Ok(Some(objective)) => self.set_objective(index, objective),
            Ok(None) => {}
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    /// Back to shells, the oldest first, past `KEPT_WHOLE`; never the one shown
    /// or one being edited.
    fn let_go(&mut self) {
        let keep = [self.current, self.objective_in_use()];
        let mut spared = Vec::new();
        while self.residency.recent.len() > KEPT_WHOLE {
            let Some(index) = self.residency.recent.pop_front() else {
                break;
            };
            if keep.contains(&Some(index)) {
                spared.push(index);
                continue;
            }
            self.dataset.objectives[index] = self.summaries[index].shell();
            self.residency.whole[index] = false;
        }
        for index in spared.into_iter().rev() {
            self.residency.recent.push_front(index);
        }
    }

    /// The whole plan, for what compares or goes through every objective (a
    /// review against its snapshot). Whether it is now whole.
    pub(crate) fn read_whole_plan(&mut self) -> bool {
        if self.residency.whole.iter().all(|w| *w) {
            return true;
        }
        match self.service.load() {
            Ok(dataset) => {
                self.summaries = Summary::all(&dataset);
                self.residency = Residency::all(dataset.objectives.len());
                self.dataset = dataset;
                self.reload_rows();
                true
            }
            Err(e) => {
                self.status = Status::Error(e.to_string());
                false
            }
        }
    }

    /// How many objectives the session holds whole (for tests and the benchmark).
    pub fn whole_objectives(&self) -> usize {
        self.residency.whole.iter().filter(|w| **w).count()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::KEPT_WHOLE;
    use crate::dev::synthetic::{Spec, generate};
    use crate::model::summary::Summary;
    use crate::service::Local;
    use crate::service::follow::Following;
    use crate::store::Store;
    use crate::tui::app::tests::Fixture;
    use crate::tui::app::{App, Pane};

    /// A synthetic plan of 200 objectives, a word only in the last one's
    /// narrative and another only in its first phase's name, opened as the TUI does.
    fn big_plan() -> Fixture {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let dir = tempfile::tempdir().unwrap();
        let mut plan = generate(&Spec {
            objectives: 200,
            phases: 5,
            seed: 7,
        });
        let last = plan.objectives.last_mut().unwrap();
        last.narratives.year2.push_str(" Zanzibar.");
        last.phases[0].name.push_str(" KALAHARI");
        let store = Store::open(&dir.path().join("db"), || plan).unwrap();
        let (following, outline) =
            Following::outlined(Box::new(Local::new(store, "tester".into()))).unwrap();
        let app = App::open(
            following,
            outline,
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        );
        Fixture::on(app, dir)
    }

    #[test]
    fn a_session_holds_whole_only_the_objectives_it_showed_lately() {
        let mut f = big_plan();
        assert_eq!(f.app.whole_objectives(), 0, "the tree opens on a mandate");
        // Reading an objective whole is no change of the plan: what the
        // frames keep by the generation (the tree's width, the overview)
        // stays.
        let generation = f.app.generation();
        for _ in 0..300 {
            f.type_keys("j");
            assert_eq!(f.app.generation(), generation);
            // Before the first objective row the panes show nothing yet.
            if let Some(shown) = f.app.objective() {
                assert!(!shown.phases.is_empty(), "{} shown whole", shown.code);
                assert!(f.app.residency.is_whole(f.app.current.unwrap()));
            }
            assert!(f.app.whole_objectives() <= KEPT_WHOLE + 1);
        }
        assert!(
            f.app.current.unwrap() > KEPT_WHOLE,
            "the walk went past the kept ones"
        );
        // What the panes show is what is stored.
        let current = f.app.objective().unwrap().clone();
        let stored = f.app.service.objective(&current.code).unwrap().unwrap();
        assert_eq!(current, stored.objective);
    }

    /// Objectives others changed come whole (live refresh) and count among
    /// the ones kept: a long session beside busy colleagues stays small.
    #[test]
    fn objectives_changed_by_others_count_among_those_kept_whole() {
        let mut f = big_plan();
        let changed: Vec<_> = (0..100)
            .map(|i| {
                let code = f.app.dataset.objectives[i].code.clone();
                f.app.service.objective(&code).unwrap().unwrap().objective
            })
            .collect();
        f.app.replace_objectives(changed);
        assert!(
            f.app.whole_objectives() <= KEPT_WHOLE,
            "{}",
            f.app.whole_objectives()
        );
        // The newest are the ones kept.
        assert!(f.app.residency.is_whole(99));
        assert!(!f.app.residency.is_whole(0));
    }

    #[test]
    fn search_finds_a_narrative_of_an_objective_the_session_holds_as_a_shell() {
        let mut f = big_plan();
        let last = f.app.dataset.objectives.len() - 1;
        assert!(!f.app.residency.is_whole(last));
        f.type_keys("/zanzibar\n");
        assert_eq!(f.app.current, Some(last), "{:?}", f.app.status);
        assert!(
            f.app
                .objective()
                .unwrap()
                .narratives
                .year2
                .contains("Zanzibar")
        );
        // A phase name, by the filter's text.
        f.type_keys("\x1b");
        f.app.focus = Pane::Tree;
        f.app.filter.set_text("kalahari");
        f.app.refresh_rows();
        let shown: Vec<usize> = f.app.rows.iter().filter_map(|r| r.objective).collect();
        assert_eq!(shown, [last]);
    }

    /// Folding takes the rows out and unfolding puts them back without a
    /// rebuild: whatever the keys, the rows are what a rebuild would give.
    #[test]
    fn folds_and_unfolds_give_the_rows_a_rebuild_gives() {
        let mut f = big_plan();
        let mut rng = crate::dev::synthetic::Rng::new(5);
        for step in 0..400 {
            let key = ["h", "l", "j", "j", "k", "G", "g", "+", "\t"][rng.below(9)];
            f.type_keys(key);
            f.app.focus = Pane::Tree;
            let shape = crate::tui::outline::Shape {
                keep: None,
                sort: f.app.sort,
                facts: &f.app.facts,
            };
            let rebuilt = crate::tui::outline::rows(&f.app.dataset, &f.app.collapsed, shape);
            assert_eq!(f.app.rows, rebuilt, "after step {step} ({key:?})");
        }
    }

    #[test]
    fn an_edit_on_an_objective_read_whole_lands_and_its_summary_follows() {
        let mut f = big_plan();
        f.type_keys("jjj\n+");
        let index = f.app.current.unwrap();
        let code = f.app.dataset.objectives[index].code.clone();
        let stored = f.app.service.objective(&code).unwrap().unwrap().objective;
        assert_eq!(
            f.app.dataset.objectives[index], stored,
            "{:?}",
            f.app.status
        );
        assert_eq!(f.app.summaries[index], Summary::of(&stored));
        assert_eq!(
            f.app.facts[index].progress,
            stored.progress().map(|r| r.value)
        );
    }
}
