//! The one list of operations on a plan (GUIDE §5), below both faces.
//!
//! - `PlanService` (generated from the list below) is what the TUI and the CLI
//!   call; `Local` answers it with the store on this machine, and the socket
//!   client (`server::client`) by sending a `Request` to `obiettivi serve`,
//!   whose one `dispatch` answers it with a `Local` behind the roles.
//! - Validation lives where the change is applied (`model::edit`, `store`), so
//!   no caller, a raw socket line included, can store what an import refuses.
//! - Errors are `ServiceError`, plain data that survives the wire.
//!
//! Adding an operation: a line below, its body in `Local`, and its
//! permission in `server::guard` (the compiler asks for the last two).

pub mod codes;
mod declare;
pub mod follow;
pub mod limits;
mod local;
pub mod set_flags;
pub mod set_indicator;
pub mod usage;
pub mod wire;

use std::path::PathBuf;

use crate::api::{
    AuditEntry, AuditNote, Changes, Draft, DraftOf, Edit, EditOutcome, ImportReport,
    ObjectiveOutcome, PlanEntry, Review, SnapshotInfo, Versioned, WaitingDraft,
};
use crate::model::cycle::{Cycle, Step};
use crate::model::reminders::Reminders;
use crate::model::variation::{Decision, Variation};
use crate::model::windows::{WindowOutcome, WindowStep};
use crate::model::{Change, Dataset, Objective, PlanText, PlanTexts};
use crate::tr_format;
use chrono::NaiveDate;

// The service's own words, where its callers have always found them.
pub use crate::api::{
    BackupInfo, HistoryFilter, HistoryPage, HistoryQuery, Loaded, Outline, SearchHit, ServiceError,
};
pub use codes::resolve_code;
pub use local::Local;

/// What a request may do: how the server locks for it, and whether a client
/// may send it again on a new connection after the old one broke mid-answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only: safe to repeat.
    Read,
    /// Writes; sent twice it would do it twice.
    Write,
    /// Writes the same thing however often it is sent: safe to repeat.
    Rewrite,
}

declare::operations! {
    /// The whole plan, with each objective's version and the history position.
    Read Load => fn load() -> Loaded;
    /// The whole plan as `check` reads it: every objective with its phases
    /// and indicators, without the texts no warning reads (titles, managers,
    /// names, notes; a narrative only as far as its first character that is
    /// not blank: `store::rows::lean`). For warnings only.
    Read LoadLean => fn load_lean() -> Dataset;
    /// The plan without what the first screen does not show: mandates,
    /// missions and each objective's summary (a session's start, issue 19).
    Read Outline => fn outline() -> Outline;
    /// Where `query` occurs, case- and accent-insensitive, in objectives' own
    /// fields, their phases and (with `narratives`) their narratives.
    Read Search => fn search(query: String, narratives: bool) -> Vec<SearchHit>;
    /// One objective as stored, with its version; `None` when there is no such code.
    Read Objective => fn objective(code: String) -> Option<Versioned>;
    /// Applies `changes` to objective `code` in one transaction with their audit
    /// entries. `expected`: the version the edit was made on (`None`: whatever is
    /// stored); another version refuses it as `Outdated`, with who and when.
    Write Apply => fn apply(code: String, changes: Vec<Change>, expected: Option<u64>) -> Versioned;
    /// `apply`, with `note` kept in each audit entry: a change made past what
    /// would have refused it (`import --force` over a colleague's newer value; "mine on top" of a
    /// colleague's save a conflict showed, `expected` being their version).
    Write ApplyNoted => fn apply_noted(code: String, changes: Vec<Change>, expected: Option<u64>, note: AuditNote) -> Versioned;
    /// Edits of many objectives (each with its changes, expected version and
    /// note, as `apply_noted`) in one transaction with their audit entries:
    /// all or none. A refused edit refuses all, as `InEdit` (which, and why);
    /// an edit whose values are those stored changes nothing, not a refusal.
    Write ApplyMany => fn apply_many(edits: Vec<Edit>) -> Vec<EditOutcome>;
    /// A page of the audit history, oldest first.
    Read History => fn history(query: HistoryQuery) -> HistoryPage;
    /// Keeps the text being typed into a narrative, or into one of the
    /// Relazione's texts (the caller's draft).
    Rewrite SaveDraft => fn save_draft(of: DraftOf, text: String) -> ();
    /// The caller's draft of that text, if any.
    Read Draft => fn draft(of: DraftOf) -> Option<Draft>;
    Rewrite DiscardDraft => fn discard_draft(of: DraftOf) -> ();
    /// The caller's drafts that differ from their text (those a session
    /// offers back): the plan's texts, then by code and year.
    Read Drafts => fn drafts() -> Vec<WaitingDraft>;
    /// What importing `dataset` would change (writes nothing: `import --dry-run`).
    Read PlanImport => fn plan_import(dataset: Dataset) -> ImportReport;
    /// Upserts `dataset` by code, all or nothing.
    Write Import => fn import(dataset: Dataset) -> ImportReport;
    /// An import in chunks, for a file too big to be one request or to be held
    /// whole: begins with the plan's own record, mandates and missions
    /// (`head`'s objectives are not read); the token names it: 128 random
    /// bits, good only on this connection. An import open elsewhere ends
    /// (its next chunk or commit says who began this one).
    Write ImportBegin => fn import_begin(head: Dataset) -> String;
    /// The next objectives of the file, checked and written aside; what each
    /// would do to the plan (so the caller knows whether a backup is due).
    /// A chunk refused ends the import: nothing of it is written.
    Write ImportObjectives => fn import_objectives(token: String, objectives: Vec<Objective>) -> Vec<(String, ObjectiveOutcome)>;
    /// Makes the plan so written the plan in use, in one step; what it changed.
    Write ImportCommit => fn import_commit(token: String) -> ImportReport;
    /// Replaces the whole plan with `dataset` (a backup), all or nothing.
    Write Restore => fn restore(dataset: Dataset) -> ImportReport;
    /// A JSON backup of the plan beside the database; where it went.
    Write Backup => fn backup(reason: String) -> PathBuf;
    /// The backups kept beside the database, oldest first.
    Read Backups => fn backups() -> Vec<BackupInfo>;
    /// The objectives changed after history position `seq` (live refresh);
    /// another `epoch` than the plan's means "read the whole plan again".
    Read ChangesSince => fn changes_since(seq: u64, epoch: u64) -> Changes;
    /// Monitoring snapshots kept in the database, oldest first.
    Read Snapshots => fn snapshots() -> Vec<SnapshotInfo>;
    /// The plan kept under a monitoring snapshot.
    Read SnapshotPlan => fn snapshot_plan(name: String) -> Dataset;
    Write CreateSnapshot => fn create_snapshot(name: String) -> SnapshotInfo;
    Write DeleteSnapshot => fn delete_snapshot(name: String) -> ();
    /// Moves the plan one state of its year on or back (GUIDE §8), after the
    /// checks of the state it goes into, in one audited step; the cycle after it.
    Write CycleStep => fn cycle_step(step: Step) -> Cycle;
    /// Writes one of the Relazione's texts (`plan.texts`, GUIDE §9), audited;
    /// refused once the plan is validated. `expected`: the text the edit was
    /// made on (`None`: whatever is stored); another refuses it as
    /// `TextOutdated`, with who and when. The texts after it.
    Write SetPlanText => fn set_plan_text(which: PlanText, text: String, expected: Option<String>) -> PlanTexts;
    /// Opens, closes or reopens a monitoring window (GUIDE §8) in one
    /// audited step; closing takes the period's monitoring snapshot.
    Write WindowStep => fn window_step(step: WindowStep) -> WindowOutcome;
    /// What the open monitoring window's period (or `period`'s) still
    /// lacks, per manager (GUIDE §8).
    Read Reminders => fn reminders(period: Option<NaiveDate>) -> Reminders;
    /// The variations of the approved baseline (GUIDE §8), oldest first.
    Read Variations => fn variations() -> Vec<Variation>;
    /// Opens a variation with its reason (the plan approved, not yet validated).
    Write VariationOpen => fn variation_open(reason: String) -> Variation;
    /// Records the edits (each objective's changes; their version and note
    /// unused) into open variation `id`, all or none, checked as `apply_many`
    /// checks them; the plan does not change.
    Write VariationRecord => fn variation_record(id: u64, edits: Vec<Edit>) -> Variation;
    /// Approves open variation `id` with its act (all of it applied in one
    /// transaction, the history naming it) or rejects it with a reason.
    Write VariationDecide => fn variation_decide(id: u64, decision: Decision) -> Variation;
    /// The plans of the database (GUIDE §10), in the order they were made.
    Read Plans => fn plans() -> Vec<PlanEntry>;
    /// Makes plan `title` for operative year `year` (GUIDE §10), in one
    /// step: empty, or carried over from the plan titled `from` (its
    /// structure; what was lived in its year stays with it), in Bozza.
    Write PlanNew => fn plan_new(title: String, year: i32, from: Option<String>) -> PlanEntry;
    /// Makes the plan titled `title` the one a session opens when none is named.
    Write PlanUse => fn plan_use(title: String) -> PlanEntry;
    /// Every other plan of the database, whole (a backup covers every plan).
    Read OtherPlans => fn other_plans() -> Vec<Dataset>;
    /// Each plan put back in place of the plan of its title (made when
    /// there is none), as `restore` puts this one back; plan by plan.
    Write RestorePlans => fn restore_plans(plans: Vec<Dataset>) -> Vec<ImportReport>;
    /// Review sessions, oldest first.
    Read Reviews => fn reviews() -> Vec<Review>;
    Read Review => fn review(id: u64) -> Review;
    /// Starts a review against a snapshot (or none).
    Write StartReview => fn start_review(snapshot: Option<String>) -> Review;
    /// Marks objective `code` reviewed in review `id`, with a comment.
    Rewrite MarkReviewed => fn mark_reviewed(id: u64, code: String, comment: String) -> Review;
    /// Keeps where review `id` stopped: the objective shown and the filter (the TUI's text).
    Rewrite KeepReviewPlace => fn keep_review_place(id: u64, objective: Option<String>, filter: String) -> Review;
}

/// How a client reaches a service it does not hold: one request, one response.
pub trait Transport {
    fn call(&self, request: Request) -> Result<Response, ServiceError>;

    /// A client of the same service on the plan titled `title` (see
    /// `PlanService::on_plan`); a transport that cannot: says so.
    fn on_plan(&self, title: &str) -> Result<Box<dyn PlanService>, ServiceError> {
        Err(ServiceError::Unavailable(tr_format!(
            "questa sessione non può passare al piano «{title}»",
            "this session cannot switch to plan «{title}»"
        )))
    }
}

/// A response that does not answer the request sent: a bug on one side.
pub fn unexpected(response: &Response) -> ServiceError {
    let text = serde_json::to_string(response).unwrap_or_default();
    let short: String = text.chars().take(120).collect();
    ServiceError::Unavailable(tr_format!(
        "risposta inattesa dal server: {short}",
        "unexpected answer from the server: {short}"
    ))
}

/// Every page of the history `filter` keeps, oldest first, handed to `each`
/// as it arrives, so that a long history never has to be one answer.
pub fn each_history_page(
    service: &dyn PlanService,
    filter: &HistoryFilter,
    mut each: impl FnMut(Vec<AuditEntry>) -> Result<(), ServiceError>,
) -> Result<(), ServiceError> {
    let mut after = None;
    loop {
        let page = service.history(HistoryQuery {
            filter: filter.clone(),
            after,
            limit: limits::HISTORY_PAGE,
        })?;
        each(page.entries)?;
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(()),
        }
    }
}

/// `code`'s whole history (everything's when `None`), oldest first: the TUI's
/// history overlay, which shows one objective's.
pub fn whole_history(
    service: &dyn PlanService,
    code: Option<&str>,
) -> Result<Vec<AuditEntry>, ServiceError> {
    let mut all = Vec::new();
    each_history_page(service, &HistoryFilter::of(code), |page| {
        all.extend(page);
        Ok(())
    })?;
    Ok(all)
}
