//! The service answered by the store on this machine: serverless, every
//! operation of one user; inside `obiettivi serve`, the operations of one
//! connection, after the roles (`server::guard`) let them through.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{
    BackupInfo, HistoryPage, HistoryQuery, Loaded, Outline, PlanService, SearchHit, ServiceError,
    limits,
};
use crate::api::{
    Changes, Draft, DraftOf, Edit, EditOutcome, ImportReport, ObjectiveOutcome, PlanEntry, Review,
    SnapshotInfo, Versioned, WaitingDraft,
};
use crate::i18n::{FileError, FileOp};
use crate::i18n::{tr, tr_string};
use crate::io::snapshot;
use crate::model::calendar::monitoring_period;
use crate::model::cycle::{Cycle, Step};
use crate::model::cycle_checks;
use crate::model::edit::{ChangeError, apply_all};
use crate::model::reminders::{self, Reminders};
use crate::model::table::check_years;
use crate::model::variation::{Decision, Variation, VariationError};
use crate::model::windows::{self, WindowOutcome, WindowStep};
use crate::model::{Change, Dataset, Field, Objective, PlanText, PlanTexts, validate};
use crate::store::{ImportOwner, Store, WriteMode};
use chrono::NaiveDate;

/// The store, the login name every change is recorded under, and the plan's
/// epoch (shared by every connection of a server; see `Loaded::epoch`).
#[derive(Clone)]
pub struct Local {
    store: Arc<Store>,
    who: String,
    epoch: Arc<AtomicU64>,
    /// The server's connection this serves (0 serverless): a chunked import
    /// is bound to it.
    connection: u64,
}

impl Local {
    /// Serverless: this process's user on its own store.
    pub fn new(store: Store, who: String) -> Local {
        Local::shared(Arc::new(store), who, Arc::new(AtomicU64::new(0)))
    }

    /// One connection of a server: its user on the server's store and epoch.
    pub fn shared(store: Arc<Store>, who: String, epoch: Arc<AtomicU64>) -> Local {
        Local {
            store,
            who,
            epoch,
            connection: 0,
        }
    }

    /// The same, answering connection `id` of a server.
    pub fn on_connection(self, id: u64) -> Local {
        Local {
            connection: id,
            ..self
        }
    }

    /// Who a chunked import begun here belongs to.
    /// `objectives` as an import writes them: each part of an assessment
    /// stamped as `set` stamps it (the importer, now; a part the plan holds
    /// as it is keeps its own who and when), never as the file says —
    /// unless the plan takes the file's cycle, and with it its record.
    fn stamped<'a>(
        &self,
        objectives: &'a [Objective],
    ) -> Result<std::borrow::Cow<'a, [Objective]>, ServiceError> {
        use std::borrow::Cow;
        if objectives.iter().all(|o| o.assessment.is_none())
            || self.store.plan()?.takes_imported_cycle()
        {
            return Ok(Cow::Borrowed(objectives));
        }
        let (at, none) = (
            crate::store::now(),
            crate::model::assessment::Assessment::default(),
        );
        let mut stamped = objectives.to_vec();
        for o in &mut stamped {
            let Some(a) = o.assessment.as_mut() else {
                continue;
            };
            let stored = self.store.objective(&o.code)?;
            a.stamp(
                stored.as_ref().map_or(&none, Objective::assessment),
                &self.who,
                at,
            );
        }
        Ok(Cow::Owned(stamped))
    }

    pub fn import_owner(&self) -> ImportOwner {
        ImportOwner {
            user: self.who.clone(),
            connection: self.connection,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Clients holding the old epoch read the whole plan again.
    fn new_epoch(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }
}

impl Local {
    /// What every apply checks before the store writes: no version moves
    /// without an audited change, and indicators fit the plan.
    fn may_apply(&self, code: &str, changes: &[Change]) -> Result<(), ServiceError> {
        if changes.is_empty() {
            return Err(ServiceError::NothingToChange);
        }
        self.indicators_fit_the_plan(code, changes)
    }

    /// A new measurement must be for one of the plan's monitoring periods
    /// (GUIDE §1); one already stored (imported from an older file) may stay.
    /// A target's or the baseline's year is within the plan's years ± 10.
    fn indicators_fit_the_plan(&self, code: &str, changes: &[Change]) -> Result<(), ServiceError> {
        let of_indicators =
            |c: &Change| matches!(c, Change::SetIndicator { .. } | Change::AddIndicator { .. });
        if !changes.iter().any(of_indicators) {
            return Ok(());
        }
        // Read once for all the changes: the objective as stored, the plan's periods.
        let Some(mut at) = self.store.objective(code)? else {
            return Ok(());
        };
        let plan = self.store.plan()?;
        let periods = crate::model::calendar::periods(&plan);
        let years = crate::model::calendar::plausible_years(&plan);
        // Each change on the objective as the ones before it left it.
        for change in changes {
            let before = at.clone();
            if apply_all(&mut at, std::slice::from_ref(change)).is_err() {
                // The store refuses it, saying why.
                return Ok(());
            }
            // A measurement already stored (imported from an older file) may stay.
            let (index, was) = match change {
                Change::SetIndicator { indicator, .. } => {
                    (*indicator, before.indicators.get(*indicator))
                }
                Change::AddIndicator { indicator, .. } => (*indicator, None),
                _ => continue,
            };
            let row = &at.indicators[index];
            check_years(index, row, years).map_err(ServiceError::Refused)?;
            let had =
                |period| was.is_some_and(|b| b.measurements.iter().any(|m| m.period == period));
            for m in row.measurements.iter().filter(|m| !had(m.period)) {
                if let Err(e) = monitoring_period(&periods, m.period, None) {
                    return Err(ServiceError::Refused(ChangeError::BadIndicator {
                        index,
                        reason: e.to_string(),
                    }));
                }
            }
        }
        Ok(())
    }
}

/// One of the Relazione's texts (or its draft) within a narrative's limit (GUIDE §7).
fn plan_text_within_limit(which: PlanText, text: &str) -> Result<(), ServiceError> {
    if text.chars().count() > limits::NARRATIVE {
        return Err(ServiceError::TooLarge {
            what: format!("{} «{}»", tr("il testo", "the text"), which.label()),
            limit: limits::NARRATIVE,
        });
    }
    Ok(())
}

/// An act or a reason within the limit of a note (GUIDE §7).
fn within_limit(text: &str) -> Result<(), ServiceError> {
    if text.chars().count() > limits::TEXT {
        return Err(ServiceError::TooLarge {
            what: tr_string("l'atto o il motivo", "the act or the reason"),
            limit: limits::TEXT,
        });
    }
    Ok(())
}

/// Only an approved variation writes history entries that name it.
fn not_a_variation(note: Option<&crate::api::AuditNote>) -> Result<(), ServiceError> {
    match note {
        Some(crate::api::AuditNote::Variation { .. }) => Err(ServiceError::BadRequest(tr_string(
            "una modifica di una variazione si applica approvandola (variation approve)",
            "a variation's change is applied by approving it (variation approve)",
        ))),
        _ => Ok(()),
    }
}

/// A plan that arrives from outside is checked as an import file is.
fn valid(dataset: &Dataset) -> Result<(), ServiceError> {
    validate::validate(dataset).map_err(ServiceError::Invalid)
}

impl PlanService for Local {
    fn load(&self) -> Result<Loaded, ServiceError> {
        let (dataset, versions, seq) = self.store.load_versioned()?;
        Ok(Loaded {
            dataset,
            versions,
            seq,
            epoch: self.epoch.load(Ordering::SeqCst),
        })
    }

    fn load_lean(&self) -> Result<Dataset, ServiceError> {
        self.store.load_lean()
    }

    fn outline(&self) -> Result<Outline, ServiceError> {
        let (dataset, rows, seq) = self.store.outline_versioned()?;
        let (versions, summaries) = rows.into_iter().map(|r| (r.version, r.summary)).unzip();
        Ok(Outline {
            dataset,
            summaries,
            versions,
            seq,
            epoch: self.epoch.load(Ordering::SeqCst),
        })
    }

    fn search(&self, query: &str, narratives: bool) -> Result<Vec<SearchHit>, ServiceError> {
        if query.chars().count() > limits::TEXT {
            return Err(ServiceError::TooLarge {
                what: tr_string("il testo cercato", "the search text"),
                limit: limits::TEXT,
            });
        }
        self.store.search(query, narratives)
    }

    fn objective(&self, code: &str) -> Result<Option<Versioned>, ServiceError> {
        self.store.versioned(code)
    }

    fn apply(
        &self,
        code: &str,
        changes: &[Change],
        expected: Option<u64>,
    ) -> Result<Versioned, ServiceError> {
        self.may_apply(code, changes)?;
        self.store.apply_at(code, changes, &self.who, expected)
    }

    fn apply_noted(
        &self,
        code: &str,
        changes: &[Change],
        expected: Option<u64>,
        note: crate::api::AuditNote,
    ) -> Result<Versioned, ServiceError> {
        self.may_apply(code, changes)?;
        not_a_variation(Some(&note))?;
        self.store
            .apply_noted_at(code, changes, &self.who, expected, note)
    }

    // Each edit checked as `apply` checks one; an empty edit is one that
    // changes nothing, but a batch of none is nothing to change.
    fn apply_many(&self, edits: &[Edit]) -> Result<Vec<EditOutcome>, ServiceError> {
        if edits.is_empty() {
            return Err(ServiceError::NothingToChange);
        }
        for (index, edit) in edits.iter().enumerate() {
            self.indicators_fit_the_plan(&edit.code, &edit.changes)
                .and_then(|()| not_a_variation(edit.note.as_ref()))
                .map_err(|e| ServiceError::in_edit(index, &edit.code, e))?;
        }
        self.store.apply_many(edits, &self.who)
    }

    fn history(&self, query: HistoryQuery) -> Result<HistoryPage, ServiceError> {
        let limit = query.limit.clamp(1, limits::HISTORY_PAGE);
        self.store.history_page(
            &query.filter,
            query.after,
            limit,
            limits::HISTORY_PAGE_BYTES,
        )
    }

    fn save_draft(&self, of: &DraftOf, text: &str) -> Result<(), ServiceError> {
        // A draft keeps the limits of the text it is a draft of.
        match of {
            DraftOf::Narrative { field, .. } => {
                Field::Objective(*field)
                    .parse(text)
                    .map_err(ServiceError::Refused)?;
            }
            DraftOf::PlanText { which } => plan_text_within_limit(*which, text)?,
        }
        self.store.save_draft(of, text, &self.who)
    }

    fn draft(&self, of: &DraftOf) -> Result<Option<Draft>, ServiceError> {
        self.store.draft(of, &self.who)
    }

    fn discard_draft(&self, of: &DraftOf) -> Result<(), ServiceError> {
        self.store.discard_draft(of, &self.who)
    }

    fn drafts(&self) -> Result<Vec<WaitingDraft>, ServiceError> {
        self.store.drafts(&self.who)
    }

    fn plan_import(&self, dataset: &Dataset) -> Result<ImportReport, ServiceError> {
        valid(dataset)?;
        self.store.plan_import(dataset)
    }

    // The store checks what it writes as an import file is (`store::staging`).
    fn import(&self, dataset: &Dataset) -> Result<ImportReport, ServiceError> {
        self.new_epoch();
        let objectives = self.stamped(&dataset.objectives)?;
        match objectives {
            std::borrow::Cow::Borrowed(_) => self.store.import(dataset, &self.who),
            std::borrow::Cow::Owned(objectives) => {
                let dataset = Dataset {
                    objectives,
                    ..dataset.clone()
                };
                self.store.import(&dataset, &self.who)
            }
        }
    }

    fn import_begin(&self, head: &Dataset) -> Result<String, ServiceError> {
        self.store
            .begin_import(head, WriteMode::Upsert, &self.import_owner())
    }

    fn import_objectives(
        &self,
        token: &str,
        objectives: &[Objective],
    ) -> Result<Vec<(String, ObjectiveOutcome)>, ServiceError> {
        let objectives = self.stamped(objectives)?;
        self.store.stage(token, &self.import_owner(), &objectives)
    }

    fn import_commit(&self, token: &str) -> Result<ImportReport, ServiceError> {
        self.new_epoch();
        self.store
            .commit_import(token, &self.import_owner(), &self.who)
    }

    fn restore(&self, dataset: &Dataset) -> Result<ImportReport, ServiceError> {
        self.new_epoch();
        self.store.replace(dataset, &self.who)
    }

    fn backup(&self, reason: &str) -> Result<PathBuf, ServiceError> {
        // The reason becomes part of a file name: letters only.
        let reason = if !reason.is_empty() && reason.chars().all(|c| c.is_ascii_lowercase()) {
            reason
        } else {
            "backup"
        };
        let dataset = self.store.load()?;
        // Before an import, of the plan it writes; a backup (and the state
        // a restore replaces) is of every plan (GUIDE §10).
        let others = match reason {
            "import" => Vec::new(),
            _ => self.store.other_plans()?,
        };
        let text = crate::io::backup::to_string(&dataset, &others);
        snapshot::save_text(self.store.path(), &text, reason).map_err(|e| {
            ServiceError::Io(FileError::new(
                FileOp::Write,
                &snapshot::directory(self.store.path()),
                &e,
            ))
        })
    }

    fn backups(&self) -> Result<Vec<BackupInfo>, ServiceError> {
        snapshot::list(self.store.path())
            .map(|files| {
                files
                    .into_iter()
                    .map(|(path, bytes)| BackupInfo { path, bytes })
                    .collect()
            })
            .map_err(|e| {
                ServiceError::Io(FileError::new(
                    FileOp::Read,
                    &snapshot::directory(self.store.path()),
                    &e,
                ))
            })
    }

    fn changes_since(&self, seq: u64, epoch: u64) -> Result<Changes, ServiceError> {
        if epoch != self.epoch.load(Ordering::SeqCst) {
            return Ok(Changes {
                seq,
                objectives: Vec::new(),
                reload: true,
            });
        }
        self.store.changes_since(seq)
    }

    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, ServiceError> {
        self.store.snapshots()
    }

    fn snapshot_plan(&self, name: &str) -> Result<Dataset, ServiceError> {
        self.store.snapshot(name)
    }

    fn create_snapshot(&self, name: &str) -> Result<SnapshotInfo, ServiceError> {
        self.store.create_snapshot(name, &self.who)
    }

    fn delete_snapshot(&self, name: &str) -> Result<(), ServiceError> {
        self.store.delete_snapshot(name)
    }

    // The checks read the whole plan; the store writes the step only if no
    // one moved the plan meanwhile.
    fn cycle_step(&self, step: Step) -> Result<Cycle, ServiceError> {
        within_limit(&step.act)?;
        within_limit(&step.reason)?;
        let dataset = self.store.load()?;
        let transition = cycle_checks::transition(&dataset, &step, &self.who, crate::store::now())
            .map_err(ServiceError::Cycle)?;
        self.store.record_transition(&transition)
    }

    fn set_plan_text(
        &self,
        which: PlanText,
        text: &str,
        expected: Option<&str>,
    ) -> Result<PlanTexts, ServiceError> {
        plan_text_within_limit(which, text)?;
        self.store.set_plan_text(which, text, expected, &self.who)
    }

    // The step worked out on the plan as stored; the store writes it only
    // if no one changed that window meanwhile.
    fn window_step(&self, step: WindowStep) -> Result<WindowOutcome, ServiceError> {
        within_limit(&step.reason)?;
        let plan = self.store.plan()?;
        let (before, after) = windows::step(&plan, &step, &self.who, crate::store::now())
            .map_err(ServiceError::Window)?;
        self.store.record_window(&before, &after)
    }

    // The window asked about, the progress entered since it opened (none
    // when it never did), and the plan.
    fn reminders(&self, period: Option<NaiveDate>) -> Result<Reminders, ServiceError> {
        let plan = self.store.plan()?;
        let window = windows::asked(&plan, period).map_err(ServiceError::Window)?;
        let updated = match window.opened_at() {
            Some(at) => self.store.progress_updated_since(at)?,
            None => Default::default(),
        };
        let dataset = self.store.load()?;
        let missing = reminders::missing(&dataset, &window, &updated);
        Ok(Reminders { window, missing })
    }

    fn variations(&self) -> Result<Vec<Variation>, ServiceError> {
        self.store.variations()
    }

    fn variation_open(&self, reason: &str) -> Result<Variation, ServiceError> {
        if reason.trim().is_empty() {
            return Err(ServiceError::Variation(VariationError::NeedsReason));
        }
        within_limit(reason)?;
        self.store.open_variation(reason, &self.who)
    }

    // Checked as `apply` checks the same changes, but for the frozen baseline.
    fn variation_record(&self, id: u64, edits: &[Edit]) -> Result<Variation, ServiceError> {
        if edits.is_empty() {
            return Err(ServiceError::NothingToChange);
        }
        for (index, edit) in edits.iter().enumerate() {
            self.may_apply(&edit.code, &edit.changes)
                .map_err(|e| ServiceError::in_edit(index, &edit.code, e))?;
        }
        self.store.record_in_variation(id, edits)
    }

    fn variation_decide(&self, id: u64, decision: Decision) -> Result<Variation, ServiceError> {
        match decision {
            Decision::Approve { act } if act.trim().is_empty() => {
                Err(ServiceError::Variation(VariationError::NeedsAct))
            }
            Decision::Reject { reason } if reason.trim().is_empty() => {
                Err(ServiceError::Variation(VariationError::NeedsReason))
            }
            Decision::Approve { act } => {
                within_limit(&act)?;
                self.store.approve_variation(id, &act, &self.who)
            }
            Decision::Reject { reason } => {
                within_limit(&reason)?;
                self.store.reject_variation(id, &reason, &self.who)
            }
        }
    }

    fn plans(&self) -> Result<Vec<PlanEntry>, ServiceError> {
        self.store.plans()
    }

    fn plan_new(
        &self,
        title: &str,
        year: i32,
        from: Option<&str>,
    ) -> Result<PlanEntry, ServiceError> {
        if title.chars().count() > limits::TEXT {
            return Err(ServiceError::TooLarge {
                what: tr_string("il titolo", "the title"),
                limit: limits::TEXT,
            });
        }
        self.store.new_plan(title, year, from, &self.who)
    }

    fn plan_use(&self, title: &str) -> Result<PlanEntry, ServiceError> {
        self.store.use_plan(title)
    }

    fn other_plans(&self) -> Result<Vec<Dataset>, ServiceError> {
        self.store.other_plans()
    }

    fn restore_plans(&self, plans: &[Dataset]) -> Result<Vec<ImportReport>, ServiceError> {
        self.new_epoch();
        self.store.restore_plans(plans, &self.who)
    }

    fn on_plan(&self, title: &str) -> Result<Box<dyn PlanService>, ServiceError> {
        let store = self.store.open_beside(Some(title))?;
        let epoch = Arc::new(AtomicU64::new(0));
        Ok(Box::new(Local::shared(store, self.who.clone(), epoch)))
    }

    fn reviews(&self) -> Result<Vec<Review>, ServiceError> {
        self.store.reviews()
    }

    fn review(&self, id: u64) -> Result<Review, ServiceError> {
        self.store.review(id)
    }

    fn start_review(&self, snapshot: Option<&str>) -> Result<Review, ServiceError> {
        self.store.start_review(snapshot, &self.who)
    }

    fn mark_reviewed(&self, id: u64, code: &str, comment: &str) -> Result<Review, ServiceError> {
        if comment.chars().count() > limits::TEXT {
            return Err(ServiceError::TooLarge {
                what: crate::i18n::tr_string("il commento", "the comment"),
                limit: limits::TEXT,
            });
        }
        self.store.mark_reviewed(id, code, comment, &self.who)
    }

    fn keep_review_place(
        &self,
        id: u64,
        objective: Option<&str>,
        filter: &str,
    ) -> Result<Review, ServiceError> {
        if filter.chars().count() > limits::TEXT {
            return Err(ServiceError::TooLarge {
                what: crate::i18n::tr_string("il filtro", "the filter"),
                limit: limits::TEXT,
            });
        }
        let place = crate::api::ReviewPlace {
            objective: objective.map(str::to_string),
            filter: filter.to_string(),
        };
        self.store.keep_review_place(id, place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_its_authors_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(&dir.path().join("db"), crate::io::shipped).unwrap());
        let epoch = Arc::new(AtomicU64::new(0));
        let anna = Local::shared(Arc::clone(&store), "anna".into(), Arc::clone(&epoch));
        let mario = Local::shared(store, "mario".into(), epoch);
        let code = "05_1201_0601";
        anna.save_draft(
            &crate::api::DraftOf::narrative(code, crate::model::ObjectiveField::Year1),
            "di anna",
        )
        .unwrap();
        assert_eq!(
            mario
                .draft(&crate::api::DraftOf::narrative(
                    code,
                    crate::model::ObjectiveField::Year1
                ))
                .unwrap(),
            None
        );
        mario
            .save_draft(
                &crate::api::DraftOf::narrative(code, crate::model::ObjectiveField::Year1),
                "di mario",
            )
            .unwrap();
        // Neither overwrote the other; discarding one leaves the other.
        mario
            .discard_draft(&crate::api::DraftOf::narrative(
                code,
                crate::model::ObjectiveField::Year1,
            ))
            .unwrap();
        let kept = anna
            .draft(&crate::api::DraftOf::narrative(
                code,
                crate::model::ObjectiveField::Year1,
            ))
            .unwrap()
            .unwrap();
        assert_eq!((kept.text.as_str(), kept.who.as_str()), ("di anna", "anna"));
    }

    #[test]
    fn a_draft_longer_than_its_narrative_may_be_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let local = Local::new(
            Store::open(&dir.path().join("db"), crate::io::shipped).unwrap(),
            "anna".into(),
        );
        let text = "x".repeat(limits::NARRATIVE + 1);
        assert!(matches!(
            local.save_draft(
                &crate::api::DraftOf::narrative(
                    "05_1201_0601",
                    crate::model::ObjectiveField::Year2
                ),
                &text
            ),
            Err(ServiceError::Refused(_))
        ));
    }

    /// `apply_many` checks each objective's changes as `apply` checks one
    /// (here a measurement's monitoring period): one refused, all refused.
    #[test]
    fn each_edit_of_a_batch_is_checked_as_an_apply_is() {
        use crate::model::calendar::periods;
        use crate::model::indicators::{Indicator, Measurement};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
        let local = Local::new(store, "anna".into());
        let before = local.load().unwrap().dataset;
        let (a, b) = (&before.objectives[0].code, &before.objectives[1].code);
        let add = |code: &str, period| Edit {
            code: code.into(),
            changes: vec![Change::AddIndicator {
                objective: code.into(),
                indicator: 0,
                value: Indicator {
                    name: "Alloggi assegnati".into(),
                    measurements: vec![Measurement {
                        period,
                        value: 3.0,
                        note: String::new(),
                    }],
                    ..Indicator::default()
                },
            }],
            expected: None,
            note: None,
        };
        let period = periods(&before.plan)[0];
        let no_period = period.pred_opt().unwrap();
        match local.apply_many(&[add(a, period), add(b, no_period)]) {
            Err(ServiceError::InEdit { index, code, error }) => {
                assert_eq!((index, code.as_str()), (1, b.as_str()));
                assert!(
                    matches!(
                        *error,
                        ServiceError::Refused(ChangeError::BadIndicator { .. })
                    ),
                    "{error:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(local.load().unwrap().dataset, before);
        let done = local.apply_many(&[add(a, period), add(b, period)]).unwrap();
        assert!(
            done.iter()
                .all(|d| d.changed && d.now.objective.indicators.len() == 1)
        );
    }
}
