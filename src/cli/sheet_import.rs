//! `import FILE.xlsx` / `import FILE.csv`: the sheets read (`io::sheet_read`),
//! their edits planned (`io::sheet_import`), listed old → new, and with
//! `--dry-run` left there; otherwise applied in one transaction (`apply_many`).

use std::collections::HashSet;
use std::path::Path;

use super::listing::listed;
use super::{Done, fail};
use crate::api::{AuditEntry, AuditNote, Edit};
use crate::i18n::tr;
use crate::io::sheet_import::{self, ObjectiveEdits, Refusal, Shape, shortened};
use crate::io::sheet_merge;
use crate::io::sheet_read::Table;
use crate::model::Dataset;
use crate::model::describe::{self, Said};
use crate::model::edit::apply_all;
use crate::service::{HistoryFilter, HistoryQuery, PlanService, ServiceError};
use crate::tr_format;

#[path = "sheet_merge_text.rs"]
mod merge_text;

/// How a sheet is imported: `--dry-run`, `--force`, `--variation ID`.
pub struct How {
    pub dry_run: bool,
    pub force: bool,
    /// The changed cells go into this open variation, the plan unchanged.
    pub variation: Option<u64>,
}

pub fn run(
    service: &dyn PlanService,
    file: &Path,
    sheets: Result<Vec<(Table, Shape)>, Refusal>,
    how: How,
) -> Done {
    let How {
        dry_run,
        force,
        variation,
    } = how;
    let nothing_written = tr("Nessuna modifica è stata scritta.", "Nothing was written.");
    let sheets = sheets
        .map_err(|refusal| fail(format!("{}: {refusal}\n{nothing_written}", file.display())))?;
    super::progress::stage(tr("confronto con il piano", "comparing with the plan"));
    let loaded = service.load().map_err(fail)?;
    let refuse = |refusals: Vec<Refusal>| fail(refused(file, &refusals));
    let exported = sheet_import::exported(&sheets, &loaded.dataset).map_err(refuse)?;
    let bases = sheet_merge::bases(
        &loaded.dataset,
        &loaded.versions,
        &exported,
        |seq, codes| history_after(service, seq, codes),
    );
    let bases = bases.map_err(fail)?;
    let plan = sheet_import::plan(&sheets, &loaded.dataset, &bases).map_err(refuse)?;
    if !plan.conflicts.is_empty() && !force {
        let conflicts = merge_text::conflicts(file, &plan.conflicts, &loaded.dataset);
        return Err(fail(conflicts));
    }
    // Before the changes, the cells kept; after them, a file without versions said so.
    let notes = merge_text::kept(&plan.kept, &loaded.dataset);
    let unversioned = if sheet_import::has_versions(&sheets) {
        ""
    } else {
        merge_text::unversioned()
    };
    let edits = &plan.edits;
    let listing = describe(edits, &loaded.dataset);
    let count: usize = edits.iter().map(|e| e.changes.len()).sum();
    let summary = |verb: &str| {
        format!(
            "{} in {} ({verb})\n",
            crate::i18n::count(count, ("campo", "campi"), ("field", "fields")),
            crate::i18n::objectives(edits.len())
        )
    };
    if edits.is_empty() {
        let nothing = tr("nulla da cambiare\n", "nothing to change\n");
        return Ok(super::file_io::print_text(&format!(
            "{notes}{nothing}{unversioned}"
        )));
    }
    if dry_run {
        let verb = tr(
            "prova, nulla è stato scritto",
            "dry run, nothing was written",
        );
        let summary = summary(verb);
        return Ok(super::file_io::print_text(&format!(
            "{notes}{listing}{summary}{unversioned}"
        )));
    }
    let (plain, of_edit) = service_edits(edits, &loaded);
    super::progress::stage(tr("scrittura nel database", "writing to the database"));
    let done = match variation {
        Some(id) => service.variation_record(id, &plain).map(|_| {
            tr_format!(
                "registrato nella variazione {id}, il piano non cambia finché non è approvata",
                "recorded in variation {id}, the plan is unchanged until it is approved"
            )
        }),
        None => service
            .apply_many(&plain)
            .map(|_| tr("importato e salvato", "imported and saved").to_string()),
    };
    Ok(match done {
        Ok(verb) => {
            let summary = summary(&verb);
            super::file_io::print_text(&format!("{notes}{listing}{summary}{unversioned}"))
        }
        Err(ServiceError::InEdit { index, error, .. }) => {
            let edit = &edits[of_edit[index]];
            let place = &edit.changes[0].place;
            fail(format!(
                "{}: {place}: {}: {error}\n{nothing_written}",
                file.display(),
                edit.code,
            ))
        }
        Err(e) => fail(e),
    })
}

/// The edits for the service: per objective, its changes in runs of forced
/// and ordinary ones, in the order read (an indicator's change carries the
/// cells read before it), so that only the forced are noted so in the
/// history, each made on the version the plan was read at; and which
/// objective's edits each one is.
fn service_edits(
    edits: &[ObjectiveEdits],
    loaded: &crate::service::Loaded,
) -> (Vec<Edit>, Vec<usize>) {
    let versions = loaded.versions_by_code();
    let mut out: Vec<Edit> = Vec::new();
    let mut of_edit = Vec::new();
    for (i, e) in edits.iter().enumerate() {
        for run in e.changes.chunk_by(|a, b| a.forced == b.forced) {
            out.push(Edit {
                code: e.code.clone(),
                changes: run.iter().map(|p| p.change.clone()).collect(),
                expected: versions.get(e.code.as_str()).copied(),
                note: run[0].forced.then_some(AuditNote::Forced),
            });
            of_edit.push(i);
        }
    }
    (out, of_edit)
}

/// The history of the objectives `codes` after position `seq`, oldest
/// first: read page by page, once for them all, keeping only theirs.
fn history_after(
    service: &dyn PlanService,
    seq: u64,
    codes: &HashSet<&str>,
) -> Result<Vec<AuditEntry>, ServiceError> {
    let mut entries = Vec::new();
    let mut after = Some(seq);
    loop {
        let page = service.history(HistoryQuery {
            filter: HistoryFilter::default(),
            after,
            limit: crate::service::limits::HISTORY_PAGE,
        })?;
        let theirs = |e: &AuditEntry| codes.contains(e.what.objective.as_str());
        entries.extend(page.entries.into_iter().filter(theirs));
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(entries),
        }
    }
}

fn refused(file: &Path, refusals: &[Refusal]) -> String {
    let head = tr_format!(
        "{}: {}; nessuna modifica è stata scritta:",
        "{}: {}; nothing was written:",
        file.display(),
        crate::i18n::count(
            refusals.len(),
            ("cella rifiutata", "celle rifiutate"),
            ("cell refused", "cells refused")
        )
    );
    listed(&head, refusals.iter().map(Refusal::to_string))
}

/// Per objective, each field old → new.
fn describe(edits: &[ObjectiveEdits], dataset: &Dataset) -> String {
    let mut out = String::new();
    for edit in edits {
        let Some(o) = dataset.objectives.iter().find(|o| o.code == edit.code) else {
            continue;
        };
        out.push_str(&format!("~ {}\n", edit.code));
        // Each change said against the objective as the ones before it left it.
        let mut now = o.clone();
        for planned in &edit.changes {
            let forced = match planned.forced {
                true => tr("  [forzato]", "  [forced]"),
                false => "",
            };
            let applied = apply_all(&mut now, std::slice::from_ref(&planned.change));
            for a in applied.unwrap_or_default() {
                let said = describe::change(&a, Said::Quoted);
                out.push_str(&format!("    {said}{forced}\n"));
            }
        }
    }
    out
}
