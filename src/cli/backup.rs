//! `history`, `backup` and `restore`: what changed, and getting a known state back.

use std::path::Path;
use std::process::ExitCode;

use super::file_io::{print_text, read_plan};
use super::imported::keep_previous_state;
use super::{Done, fail, progress};
use crate::i18n::{FileOp, file_error, tr};
use crate::io::history;
use crate::service::{HistoryFilter, PlanService};
use crate::tr_format;

/// One line per change `filter` keeps, oldest first (its code as typed: `0601`).
pub fn print_history(store: &dyn PlanService, mut filter: HistoryFilter) -> Done {
    if let Some(typed) = &filter.code {
        filter.code = Some(crate::service::resolve_code(store, typed).map_err(fail)?);
    }
    // Page by page as it arrives: however long the history, no answer outgrows a line.
    let mut closed = None;
    let printed = crate::service::each_history_page(store, &filter, |page| {
        let text: String = page.iter().map(|e| history::line(e) + "\n").collect();
        match print_text(&text) {
            ExitCode::SUCCESS => Ok(()),
            failed => {
                closed = Some(failed);
                Err(crate::service::ServiceError::Retry)
            }
        }
    });
    match (printed, closed) {
        (Ok(()), _) => Ok(ExitCode::SUCCESS),
        // The write already said why.
        (Err(_), Some(code)) => Err(code),
        (Err(e), None) => Err(fail(e)),
    }
}

/// Writes a JSON snapshot of every plan (`io::backup`) to `output`, or to
/// `<db>.snapshots/` when none is given.
pub fn backup(store: &dyn PlanService, output: Option<&Path>) -> Done {
    let _shown = progress::start(tr("backup", "backup"));
    progress::stage(tr("scrittura della copia", "writing the copy"));
    let written = match output {
        Some(path) => (store
            .load()
            .and_then(|l| Ok((l.dataset, store.other_plans()?))))
        .map_err(|e| e.to_string())
        .and_then(|(plan, others)| {
            let text = crate::io::backup::to_string(&plan, &others);
            crate::files::write_atomically(path, text.as_bytes())
                .map(|_| path.to_path_buf())
                .map_err(|e| file_error(FileOp::Write, path, &e))
        }),
        None => store.backup("backup").map_err(|e| e.to_string()),
    };
    Ok(print_text(&tr_format!(
        "backup scritto: {}\n",
        "backup written: {}\n",
        written.map_err(fail)?.display()
    )))
}

/// The snapshots kept beside the database, oldest first, with their size.
pub fn list_snapshots(store: &dyn PlanService) -> Done {
    let text: String = (store.backups().map_err(fail)?)
        .iter()
        .map(|b| format!("{}  {} KB\n", b.path.display(), b.bytes.div_ceil(1024)))
        .collect();
    Ok(print_text(&text))
}

/// Replaces the database with the backup in `file`, after a snapshot of the
/// current state: the plan worked on with a plan file; with a backup of
/// several plans, each the plan of its title.
pub fn restore(store: &dyn PlanService, file: &Path) -> Done {
    let _shown = progress::start(tr("ripristino", "restore"));
    progress::stage(tr_format!("lettura di {}", "reading {}", file.display()));
    let parse = |text: &str| crate::io::backup::parse(text).map_err(|e| e.to_string());
    let (dataset, others) = read_plan(file, parse)?;
    let kept = keep_previous_state(store, "restore")?;
    progress::stage(tr("scrittura nel database", "writing to the database"));
    // A backup of several plans puts each back by its title, whichever plan
    // this command works on; a plan file replaces the plan worked on.
    let restored = match others.is_empty() {
        true => store.restore(&dataset).map(|report| (report, 0)),
        false => {
            let n = others.len();
            let all: Vec<_> = std::iter::once(dataset).chain(others).collect();
            (store.restore_plans(&all)).map(|mut reports| (reports.swap_remove(0), n))
        }
    };
    let (report, others) = restored.map_err(fail)?;
    let plans = match others {
        0 => String::new(),
        n => tr_format!(
            " e {}",
            " and {}",
            crate::i18n::count(
                n,
                ("altro piano", "altri piani"),
                ("other plan", "other plans")
            )
        ),
    };
    Ok(print_text(&tr_format!(
        "ripristinato: {}{plans} · stato precedente in: {}\n",
        "restored: {}{plans} · previous state in: {}\n",
        crate::i18n::objectives(report.objectives.len()),
        kept.display()
    )))
}
