//! `import FILE.xlsx` / `import FILE.csv`: the sheets read (`io::sheet_read`),
//! their edits planned (`io::sheet_import`), listed old → new, and with
//! `--dry-run` left there; otherwise applied all or none through the service.

use std::path::Path;
use std::process::ExitCode;

use super::apply_edits::{Edit, apply_all_or_none, listed};
use super::fail;
use crate::i18n::tr;
use crate::io::sheet_import::{self, ObjectiveEdits, Refusal, Shape, shortened};
use crate::io::sheet_read::Table;
use crate::model::values::format_opt_date;
use crate::model::{Change, Dataset, Field, Value};
use crate::service::PlanService;

pub fn run(
    service: &dyn PlanService,
    file: &Path,
    sheets: Result<Vec<(Table, Shape)>, Refusal>,
    dry_run: bool,
) -> ExitCode {
    let nothing_written = tr("Nessuna modifica è stata scritta.", "Nothing was written.");
    let sheets = match sheets {
        Ok(s) => s,
        Err(refusal) => return fail(format!("{}: {refusal}\n{nothing_written}", file.display())),
    };
    super::progress::stage(tr("confronto con il piano", "comparing with the plan"));
    let loaded = match service.load() {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let edits = match sheet_import::plan(&sheets, &loaded.dataset) {
        Ok(edits) => edits,
        Err(refusals) => return fail(refused(file, &refusals)),
    };
    let listing = describe(&edits, &loaded.dataset);
    let count: usize = edits.iter().map(|e| e.changes.len()).sum();
    let summary = |verb: &str| {
        format!(
            "{} {} {} ({verb})\n",
            crate::i18n::count(count, ("campo", "campi"), ("field", "fields")),
            tr("in", "in"),
            crate::i18n::count(
                edits.len(),
                ("obiettivo", "obiettivi"),
                ("objective", "objectives")
            ),
        )
    };
    if edits.is_empty() {
        return super::transfer::write_stdout(
            tr("nulla da cambiare\n", "nothing to change\n").as_bytes(),
        );
    }
    if dry_run {
        let verb = tr(
            "prova, nulla è stato scritto",
            "dry run, nothing was written",
        );
        return super::transfer::print_text(&format!("{listing}{}", summary(verb)));
    }
    let plain: Vec<Edit> = edits
        .iter()
        .map(|e| Edit {
            code: e.code.clone(),
            changes: e.changes.iter().map(|p| p.change.clone()).collect(),
        })
        .collect();
    match apply_all_or_none(service, &loaded.dataset, &loaded.versions, &plain) {
        Ok(_) => {
            let verb = tr("importato e salvato", "imported and saved");
            super::transfer::print_text(&format!("{listing}{}", summary(verb)))
        }
        Err(failure) => {
            let place = &edits[failure.index].changes[0].place;
            fail(format!(
                "{}: {place}: {}: {}\n{}",
                file.display(),
                edits[failure.index].code,
                failure.error,
                super::apply_edits::outcome(&failure)
            ))
        }
    }
}

fn refused(file: &Path, refusals: &[Refusal]) -> String {
    let head = format!(
        "{}: {}; {}",
        file.display(),
        crate::i18n::count(
            refusals.len(),
            ("cella rifiutata", "celle rifiutate"),
            ("cell refused", "cells refused")
        ),
        tr("nessuna modifica è stata scritta:", "nothing was written:")
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
            out.push_str(&format!("    {}\n", old_to_new(&planned.change, &now)));
            let _ = crate::model::edit::apply_all(&mut now, std::slice::from_ref(&planned.change));
        }
    }
    out
}

/// `fase 1 «NOME» Peso: n/d → 40`, or `Responsabile: «A» → «B»`.
pub fn old_to_new(change: &Change, o: &crate::model::Objective) -> String {
    match change {
        Change::SetPhase {
            phase,
            field,
            value,
            ..
        } => {
            let p = &o.phases[*phase];
            format!(
                "{} {} «{}» {}: {} → {}",
                tr("fase", "phase"),
                phase + 1,
                shortened(&p.name),
                field.label(),
                shown_in(&field.get_value(p), field.column().unit),
                shown_in(value, field.column().unit)
            )
        }
        Change::SetObjective { field, value, .. } => format!(
            "{}: {} → {}",
            Field::Objective(*field).label(),
            shown(&field.get_value(o)),
            shown(value)
        ),
        // An indicator's parts, as the history says them.
        Change::SetIndicator { .. } => {
            let mut after = o.clone();
            crate::model::indicator_edit::apply(change, &mut after)
                .unwrap_or_default()
                .iter()
                .map(crate::io::history::change_text)
                .collect::<Vec<_>>()
                .join("\n    ")
        }
        // A sheet sets fields and indicators only.
        _ => String::new(),
    }
}

/// A value with the unit a number of its field is shown with (`36,25%`).
fn shown_in(value: &Value, unit: &str) -> String {
    match value {
        Value::Number(Some(_)) => format!("{value}{unit}"),
        _ => shown(value),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Text(s) => format!("«{}»", shortened(s)),
        Value::OptText(s) => format!("«{}»", shortened(s.as_deref().unwrap_or(""))),
        Value::Date(None) => tr("n/d", "n/a").to_string(),
        Value::Date(d) => format_opt_date(*d),
        Value::Number(_) => value.to_string(),
    }
}
