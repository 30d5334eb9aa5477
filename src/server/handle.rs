//! Requests to answers: the store behind the roles. Every write holds the
//! write lock, so history positions (`seq`) are handed out in commit order.

use super::Shared;
use super::protocol::{Request, Response};
use crate::i18n::tr;
use crate::io::snapshot;
use crate::model::{Change, Value};
use crate::store::{StoreError, Versioned};

pub fn handle(shared: &Shared, user: &str, request: Request) -> Response {
    let store = &shared.store;
    let answer = |r: Result<Response, StoreError>| r.unwrap_or_else(Response::from_error);
    match request {
        Request::Hello { .. } => {
            Response::bad_request(tr("hello già ricevuto", "hello already received").into())
        }
        // Whole objectives are read between writes, so none is seen half written.
        Request::Load => answer(shared.reading_then(|| store.load_versioned()).map(
            |(dataset, versions, seq)| Response::Plan {
                dataset,
                versions,
                seq,
                epoch: shared.epoch(),
            },
        )),
        Request::Objective { code } => answer(
            shared
                .reading_then(|| store.versioned(&code))
                .map(|objective| Response::Objective { objective }),
        ),
        Request::Apply {
            code,
            changes,
            expected,
        } => answer(
            apply(shared, user, &code, &changes, expected)
                .map(|objective| Response::Applied { objective }),
        ),
        Request::History { code } => answer(
            store
                .history(code.as_deref())
                .map(|entries| Response::History { entries }),
        ),
        Request::SaveDraft { code, field, text } => answer(
            may_write_narrative(shared, user, &code, field).and_then(|()| {
                let _w = shared.writing();
                store
                    .save_draft(&code, field, &text, user)
                    .map(|()| Response::Done)
            }),
        ),
        Request::Draft { code, field } => answer(
            store
                .draft(&code, field)
                .map(|draft| Response::Draft { draft }),
        ),
        Request::DiscardDraft { code, field } => answer(
            may_write_narrative(shared, user, &code, field).and_then(|()| {
                let _w = shared.writing();
                store.discard_draft(&code, field).map(|()| Response::Done)
            }),
        ),
        Request::PlanImport { dataset } => answer(
            valid(&dataset)
                .and_then(|()| store.plan_import(&dataset))
                .map(|report| Response::Import { report }),
        ),
        Request::Import { dataset } => answer(manage(shared, user, "import").and_then(|()| {
            valid(&dataset)?;
            let _w = shared.writing();
            shared.new_epoch();
            store
                .import(&dataset, user)
                .map(|report| Response::Import { report })
        })),
        Request::Replace { dataset } => answer(manage(shared, user, "restore").and_then(|()| {
            valid(&dataset)?;
            let _w = shared.writing();
            shared.new_epoch();
            store
                .replace(&dataset, user)
                .map(|report| Response::Import { report })
        })),
        Request::Snapshot { reason } => answer(manage(shared, user, "backup").and_then(|()| {
            // The reason becomes part of a file name: letters only.
            let reason = if !reason.is_empty() && reason.chars().all(|c| c.is_ascii_lowercase()) {
                reason
            } else {
                "backup".to_string()
            };
            let dataset = store.load()?;
            snapshot::save(store.path(), &dataset, &reason)
                .map(|path| Response::Snapshot { path })
                .map_err(|e| StoreError::Remote(e.to_string()))
        })),
        Request::ChangesSince { seq, epoch } if epoch != shared.epoch() => Response::Changes {
            changes: crate::store::Changes {
                seq,
                objectives: Vec::new(),
                reload: true,
            },
        },
        Request::ChangesSince { seq, .. } => {
            let _r = shared.reading();
            answer(
                store
                    .changes_since(seq)
                    .map(|changes| Response::Changes { changes }),
            )
        }
        Request::SnapshotList => answer(
            store
                .snapshots()
                .map(|snapshots| Response::Snapshots { snapshots }),
        ),
        Request::SnapshotPlan { name } => answer(
            store
                .snapshot(&name)
                .map(|dataset| Response::Dataset { dataset }),
        ),
        // Monitoring and its meetings are the controllers' job, like imports.
        Request::SnapshotCreate { name } => {
            answer(manage(shared, user, "snapshot").and_then(|()| {
                let _w = shared.writing();
                store
                    .create_snapshot(&name, user)
                    .map(|info| Response::SnapshotCreated { info })
            }))
        }
        Request::SnapshotDelete { name } => {
            answer(manage(shared, user, "snapshot").and_then(|()| {
                let _w = shared.writing();
                store.delete_snapshot(&name).map(|()| Response::Done)
            }))
        }
        Request::ReviewList => answer(store.reviews().map(|reviews| Response::Reviews { reviews })),
        Request::ReviewGet { id } => {
            answer(store.review(id).map(|review| Response::Review { review }))
        }
        Request::ReviewStart { snapshot } => {
            answer(manage(shared, user, "review").and_then(|()| {
                let _w = shared.writing();
                store
                    .start_review(snapshot.as_deref(), user)
                    .map(|review| Response::Review { review })
            }))
        }
        Request::ReviewMark { id, code, comment } => {
            answer(manage(shared, user, "review").and_then(|()| {
                let _w = shared.writing();
                store
                    .mark_reviewed(id, &code, &comment, user)
                    .map(|review| Response::Review { review })
            }))
        }
    }
}

/// Applies an edit if the user's role allows it on the objective as stored,
/// and only on that very version. Read, check and write all hold the write
/// lock: under many writers a check made outside it would be outdated at once.
fn apply(
    shared: &Shared,
    user: &str,
    code: &str,
    changes: &[Change],
    expected: Option<u64>,
) -> Result<Versioned, StoreError> {
    let store = &shared.store;
    let _w = shared.writing();
    let current = store
        .versioned(code)?
        .ok_or_else(|| StoreError::NoSuchObjective(code.to_string()))?;
    if expected.is_some_and(|e| e != current.version) {
        return Err(store.conflict(code, current.version)?);
    }
    shared
        .roles
        .may_apply(user, &current.objective, changes)
        .map_err(StoreError::Forbidden)?;
    store.apply_at(code, changes, user, Some(current.version))
}

/// A narrative draft is written by whoever may write the narrative.
fn may_write_narrative(
    shared: &Shared,
    user: &str,
    code: &str,
    field: crate::model::ObjectiveField,
) -> Result<(), StoreError> {
    let current = shared
        .store
        .objective(code)?
        .ok_or_else(|| StoreError::NoSuchObjective(code.to_string()))?;
    let change = Change::SetObjective {
        objective: code.to_string(),
        field,
        value: Value::Text(String::new()),
    };
    shared
        .roles
        .may_apply(user, &current, &[change])
        .map_err(StoreError::Forbidden)
}

fn manage(shared: &Shared, user: &str, what: &str) -> Result<(), StoreError> {
    shared
        .roles
        .may_manage(user, what)
        .map_err(StoreError::Forbidden)
}

/// A client may send any plan: it is checked here as an import file would be.
fn valid(dataset: &crate::model::Dataset) -> Result<(), StoreError> {
    crate::model::validate::validate(dataset).map_err(|e| StoreError::Remote(e.to_string()))
}
