//! `obiettivi import FILE.json`: the file read in two streaming passes and
//! sent in chunks (issue 19), so that neither this process nor the server
//! holds the whole plan, and no request outgrows the protocol's line: begin,
//! the objectives chunk by chunk, a backup when something changes, commit.
//! The dry run compares chunk by chunk and writes nothing.

use std::cell::RefCell;
use std::path::Path;
use std::process::ExitCode;

use super::fail;
use super::file_io::{print_text, refused_file};
use super::imported::{describe, keep_previous_state};
use crate::api::ImportReport;
use crate::i18n::tr;
use crate::io::json_stream::{self, StreamError};
use crate::model::Dataset;
use crate::model::validate::{Known, validate_head};
use crate::service::{PlanService, ServiceError};

/// Objectives per request: a few MB of JSON at most.
pub const CHUNK: usize = 200;

/// Whether `file` holds JSON (its first character that is not a blank is `{`).
pub fn is_json(file: &Path) -> bool {
    use std::io::Read;
    let Ok((f, _)) = crate::files::read::open_regular(file) else {
        return false;
    };
    let mut start = [0u8; 4096];
    let n = f.take(4096).read(&mut start).unwrap_or(0);
    start[..n]
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        == Some(&b'{')
}

pub fn run(service: &dyn PlanService, file: &Path, dry_run: bool) -> super::Done {
    Ok(print_text(&describe(
        &import(service, file, dry_run)?,
        dry_run,
    )))
}

/// What the import did (or would do); an exit code after the message otherwise.
pub fn import(
    service: &dyn PlanService,
    file: &Path,
    dry_run: bool,
) -> Result<ImportReport, ExitCode> {
    // What is wrong with the file is said of the file; a refusal of the service as it is.
    let of_the_file = |e: &dyn std::fmt::Display| refused_file(file, e);
    let refused = |e: ServiceError| match e {
        // An objective the plan's state refuses (a frozen field) is the file's too.
        ServiceError::Invalid(_) | ServiceError::InEdit { .. } => of_the_file(&e),
        e => fail(e),
    };
    let said = |e: StreamError<ServiceError>| match e {
        StreamError::Chunk(e) => refused(e),
        other => of_the_file(&other),
    };
    if dry_run {
        return would_change(service, file).map_err(said);
    }
    // One pass: the objectives are written aside, and the plan in use stays
    // as it is until the commit; so the backup taken just before it is of
    // the plan as it was.
    let begun: RefCell<Option<(String, ImportReport)>> = RefCell::new(None);
    json_stream::read_ahead(
        file,
        CHUNK,
        |head| {
            let token = service.import_begin(head)?;
            *begun.borrow_mut() = Some((token, service.plan_import(head)?));
            Ok(())
        },
        |chunk| {
            let mut begun = begun.borrow_mut();
            let Some((token, changes)) = begun.as_mut() else {
                return Err(ServiceError::NoImport);
            };
            changes
                .objectives
                .extend(service.import_objectives(token, &chunk)?);
            super::progress::stage(crate::i18n::count(
                changes.objectives.len(),
                ("obiettivo letto e scritto", "obiettivi letti e scritti"),
                ("objective read and written", "objectives read and written"),
            ));
            Ok(())
        },
    )
    .map_err(said)?;
    let (token, changes) = begun
        .into_inner()
        .ok_or_else(|| fail(ServiceError::NoImport))?;
    super::progress::stage(tr(
        "il piano nuovo entra in uso",
        "the new plan goes into use",
    ));
    // GUIDE §3: keep the previous state before any import that changes it
    // (one that changes nothing switches nothing at its commit).
    if changes.changes_anything() {
        keep_previous_state(service, "import")?;
    }
    service.import_commit(&token).map_err(refused)
}

/// The dry run, chunk by chunk: the file checked as a whole (paths count
/// from the file's first objective), each chunk compared with the plan.
fn would_change(
    service: &dyn PlanService,
    file: &Path,
) -> Result<ImportReport, StreamError<ServiceError>> {
    let start: RefCell<Option<(Dataset, Known, ImportReport)>> = RefCell::new(None);
    json_stream::read(
        file,
        CHUNK,
        |head| {
            let known = validate_head(head).map_err(ServiceError::Invalid)?;
            *start.borrow_mut() = Some((head.clone(), known, service.plan_import(head)?));
            Ok(())
        },
        |chunk| {
            let mut start = start.borrow_mut();
            let Some((head, known, report)) = start.as_mut() else {
                return Err(ServiceError::NoImport);
            };
            for o in &chunk {
                known.objective(o).map_err(ServiceError::Invalid)?;
            }
            let part = service.plan_import(&Dataset {
                objectives: chunk,
                ..head.clone()
            })?;
            report.objectives.extend(part.objectives);
            Ok(())
        },
    )?;
    start
        .into_inner()
        .map(|(_, _, report)| report)
        .ok_or(StreamError::Chunk(ServiceError::NoImport))
}
