//! The authorising wrapper: every request of a connection passes here, is
//! checked against the user's role before anything else, then answered by the
//! one generated `dispatch` with the store as that user. Writes hold the write
//! lock from the check to the flush, so a check is never outdated by the time
//! the write lands, and history positions are handed out in commit order.
//! Refusals and the changes a write made are told to the server's log here.

use super::log;
use super::shared::{Seat, Shared};
use crate::api::DraftOf;
use crate::model::assessment::Assessment;
use crate::model::cycle::{Direction, PlanState, Step};
use crate::model::{Change, Objective, ObjectiveField, Value, windows};
use crate::server::roles::Role;
use crate::service::{Access, Local, Request, Response, ServiceError, dispatch};
use crate::store::Store;

/// `seat`: the plan the connection works on.
pub fn answer(
    shared: &Shared,
    seat: &Seat,
    user: &str,
    connection: u64,
    request: Request,
) -> Response {
    let store = &*seat.store;
    let _read;
    let _write;
    match request.access() {
        Access::Read => _read = shared.reading(),
        Access::Write | Access::Rewrite => _write = shared.writing(),
    }
    let (op, codes) = (request.name(), log::codes(&request));
    if let Err(e) = permit(shared, seat, user, &request) {
        shared
            .log
            .refused(shared.who(user, Some(seat)), op, codes, &e);
        return Response::Error(e);
    }
    // Where the history was: what the write adds after it is what it did.
    let before = match request.access() {
        _ if shared.log.is_silent() => None,
        Access::Read => None,
        Access::Write | Access::Rewrite => store.last_seq().ok(),
    };
    let local = Local::shared(seat.store.clone(), user.to_string(), seat.epoch.clone())
        .on_connection(connection);
    let every_plan = matches!(request, Request::RestorePlans { .. });
    let response = dispatch(&local, request);
    match &response {
        Response::Error(e) => shared
            .log
            .refused(shared.who(user, Some(seat)), op, codes, e),
        _ => {
            if every_plan {
                shared.reload_every_plan();
            }
            if let Some(before) = before {
                log_changes(shared, seat, user, before);
            }
        }
    }
    response
}

/// The audit entries made after history position `before` (the write lock is
/// still held: they are this request's), to the log.
fn log_changes(shared: &Shared, seat: &Seat, user: &str, before: u64) {
    let page = seat.store.history_page(
        &crate::api::HistoryFilter::default(),
        Some(before),
        log::ENTRIES,
        crate::service::limits::HISTORY_PAGE_BYTES,
    );
    if let Ok(page) = page {
        let more = page.next.is_some();
        shared
            .log
            .applied(shared.who(user, Some(seat)), page.entries, more);
    }
}

/// Whether `user` may send a request of operation `op` at all, known before
/// its arguments are read (and paid for): an operation reserved to
/// controllers, or any write for a reader, is refused on its name alone.
/// `permit` then checks the request itself.
pub fn may_send(shared: &Shared, user: &str, op: &str, access: Access) -> Result<(), ServiceError> {
    let what = match op {
        "import" | "import_begin" | "import_objectives" | "import_commit" => "import",
        "restore" | "restore_plans" => "restore",
        "backup" => "backup",
        "create_snapshot" | "delete_snapshot" => "snapshot",
        "start_review" | "mark_reviewed" | "keep_review_place" => "review",
        "variation_decide" => "variation",
        "set_plan_text" => "plan_text",
        "window_step" => "period",
        "plan_new" | "plan_use" => "plan",
        _ if access == Access::Read => return Ok(()),
        // Apply and drafts: whoever may write something; which, `permit` says.
        _ => {
            return shared.roles.may_edit(user).map_err(ServiceError::Forbidden);
        }
    };
    manage(shared, user, what)
}

/// Whether `user` may send `request`. Every request is named: a new operation
/// does not compile until someone decides who may run it.
fn permit(shared: &Shared, seat: &Seat, user: &str, request: &Request) -> Result<(), ServiceError> {
    let store = &*seat.store;
    match request {
        // Reading is everyone's; a draft read is the caller's own (see `Local`).
        Request::Load {}
        | Request::LoadLean {}
        | Request::Outline {}
        | Request::Search { .. }
        | Request::Objective { .. }
        | Request::History { .. }
        | Request::Draft { .. }
        | Request::Drafts {}
        | Request::Backups {}
        | Request::ChangesSince { .. }
        | Request::Snapshots {}
        | Request::SnapshotPlan { .. }
        | Request::Variations {}
        | Request::Reminders { .. }
        | Request::Plans {}
        | Request::OtherPlans {}
        | Request::Reviews {}
        | Request::Review { .. } => Ok(()),
        Request::Apply { code, changes, .. } | Request::ApplyNoted { code, changes, .. } => {
            may_apply(shared, store, user, code, changes)
        }
        // The role on every objective the batch touches: one refused, all refused.
        Request::ApplyMany { edits } => edits.iter().enumerate().try_for_each(|(index, edit)| {
            may_apply(shared, store, user, &edit.code, &edit.changes)
                .map_err(|e| ServiceError::in_edit(index, &edit.code, e))
        }),
        // A draft is written by whoever may write its text.
        Request::SaveDraft { of, .. } | Request::DiscardDraft { of } => match of {
            DraftOf::Narrative { code, field } => {
                may_write_narrative(shared, store, user, code, *field)
            }
            DraftOf::PlanText { .. } => manage(shared, user, "plan_text"),
        },
        // A dry run is refused as its import would be, to whoever may import.
        Request::PlanImport { dataset } => match manage(shared, user, "import") {
            Ok(()) => may_import(shared, Some(store), user, &dataset.objectives),
            Err(_) => Ok(()),
        },
        Request::Import { dataset } => {
            manage(shared, user, "import")?;
            may_import(shared, Some(store), user, &dataset.objectives)
        }
        Request::ImportObjectives { objectives, .. } => {
            manage(shared, user, "import")?;
            may_import(shared, Some(store), user, objectives)
        }
        Request::ImportBegin { .. } | Request::ImportCommit { .. } => {
            manage(shared, user, "import")
        }
        Request::Restore { dataset } => {
            manage(shared, user, "restore")?;
            may_import(shared, Some(store), user, &dataset.objectives)
        }
        // Each plan held to the roles on the plan of its title; one the
        // database lacks, as a new plan (Bozza, nothing stored).
        Request::RestorePlans { plans } => {
            manage(shared, user, "restore")?;
            plans.iter().try_for_each(|plan| {
                let objectives = &plan.objectives;
                match seat.store.open_beside(Some(&plan.plan.title)) {
                    Ok(store) => may_import(shared, Some(&store), user, objectives),
                    Err(ServiceError::NoSuchPlan { .. }) => {
                        may_import(shared, None, user, objectives)
                    }
                    Err(e) => Err(e),
                }
            })
        }
        Request::Backup { .. } => manage(shared, user, "backup"),
        // Monitoring and its meetings are the controllers' job, like imports.
        Request::CreateSnapshot { .. } | Request::DeleteSnapshot { .. } => {
            manage(shared, user, "snapshot")
        }
        Request::StartReview { .. }
        | Request::MarkReviewed { .. }
        | Request::KeepReviewPlace { .. } => manage(shared, user, "review"),
        Request::CycleStep { step } => may_step(shared, store, user, step),
        // Monitoring windows are opened and closed by the controllers.
        Request::WindowStep { .. } => manage(shared, user, "period"),
        // Opened by a controller or a manager; recorded by whoever may edit
        // the objective in Bozza; decided by the controllers (GUIDE §8).
        Request::VariationOpen { .. } => shared
            .roles
            .may_open_variation(user)
            .map_err(ServiceError::Forbidden),
        Request::VariationRecord { edits, .. } => {
            edits.iter().enumerate().try_for_each(|(index, edit)| {
                may_apply_in(
                    shared,
                    store,
                    user,
                    &edit.code,
                    &edit.changes,
                    PlanState::Draft,
                )
                .map_err(|e| ServiceError::in_edit(index, &edit.code, e))
            })
        }
        Request::VariationDecide { .. } => manage(shared, user, "variation"),
        // The Relazione's own texts: the controllers' (GUIDE §8, Relazione).
        Request::SetPlanText { .. } => manage(shared, user, "plan_text"),
        // Making a plan, or choosing the one sessions open: the controllers' (GUIDE §10).
        Request::PlanNew { .. } | Request::PlanUse { .. } => manage(shared, user, "plan"),
    }
}

/// The role for the step the plan would make from the state it is in (the
/// lock is held); the checks themselves are the service's.
fn may_step(shared: &Shared, store: &Store, user: &str, step: &Step) -> Result<(), ServiceError> {
    let from = store.plan()?.state();
    let to = match step.direction {
        Direction::Advance => from.next(),
        Direction::Back => from.previous(),
    };
    // No such state: the service says so, whoever asks.
    let Some(to) = to else { return Ok(()) };
    shared
        .roles
        .may_step(user, from, to, step.force)
        .map_err(ServiceError::Forbidden)
}

/// The role checked on the objective as stored (the lock is held); a
/// manager's monitoring entries only while their window is open (GUIDE §8).
fn may_apply(
    shared: &Shared,
    store: &Store,
    user: &str,
    code: &str,
    changes: &[Change],
) -> Result<(), ServiceError> {
    let plan = store.plan()?;
    may_apply_in(shared, store, user, code, changes, plan.state())?;
    if let Role::Manager(_) = shared.roles.role(user) {
        let today = crate::store::now().date_naive();
        windows::admits(&plan, changes, today).map_err(ServiceError::Window)?;
    }
    Ok(())
}

/// The role checked on the objective as stored, as in plan state `state`.
fn may_apply_in(
    shared: &Shared,
    store: &Store,
    user: &str,
    code: &str,
    changes: &[Change],
    state: PlanState,
) -> Result<(), ServiceError> {
    let current = store
        .objective(code)?
        .ok_or_else(|| ServiceError::NoSuchObjective(code.to_string()))?;
    shared
        .roles
        .may_apply(user, &current, changes, state)
        .map_err(ServiceError::Forbidden)
}

/// The assessments a file would write, held to the roles `set`'s changes
/// are: a controller imports or restores no validator's answer (forced,
/// non valutabile) that differs from the stored one where the office names
/// a validator. Read only then: an import otherwise costs what it did.
fn may_import(
    shared: &Shared,
    store: Option<&Store>,
    user: &str,
    objectives: &[Objective],
) -> Result<(), ServiceError> {
    if shared.roles.answers(user) {
        return Ok(());
    }
    let state = store.map_or(Ok(PlanState::Draft), |s| s.plan().map(|p| p.state()))?;
    let none = Assessment::default();
    objectives.iter().enumerate().try_for_each(|(index, o)| {
        let stored = store.map(|s| s.objective(&o.code)).transpose()?.flatten();
        let before = stored.as_ref().map_or(&none, Objective::assessment);
        let changes = Change::assessing(&o.code, before, o.assessment());
        shared
            .roles
            .may_apply(user, stored.as_ref().unwrap_or(o), &changes, state)
            .map_err(|why| ServiceError::in_edit(index, &o.code, ServiceError::Forbidden(why)))
    })
}

fn may_write_narrative(
    shared: &Shared,
    store: &Store,
    user: &str,
    code: &str,
    field: ObjectiveField,
) -> Result<(), ServiceError> {
    let change = Change::SetObjective {
        objective: code.to_string(),
        field,
        value: Value::Text(String::new()),
    };
    // A draft is not an entry: kept outside a monitoring window too, so
    // that what a manager typed waits for the window (GUIDE §8).
    let state = store.plan()?.state();
    may_apply_in(shared, store, user, code, &[change], state)
}

fn manage(shared: &Shared, user: &str, what: &str) -> Result<(), ServiceError> {
    shared
        .roles
        .may_manage(user, what)
        .map_err(ServiceError::Forbidden)
}
