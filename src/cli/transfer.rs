//! `export` and `import`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::file_io::{print_text, read_bytes, refused_file, utf8, write_output};
use super::imported::{describe, keep_previous_state};
use super::{Done, ExportFormat, fail, progress};
use crate::i18n::tr;
use crate::io::sheet_import::{self, Refusal};
use crate::io::{csv, json, scheda, sheet_read, xlsx};
use crate::service::PlanService;
use crate::tr_format;

pub fn export(store: &dyn PlanService, format: ExportFormat, output: Option<&Path>) -> Done {
    let _shown = progress::start(tr("esportazione", "export"));
    progress::stage(tr("lettura del piano", "reading the plan"));
    let loaded = store.load().map_err(fail)?;
    let stamp = stamp(&loaded);
    let dataset = loaded.dataset;
    progress::stage(tr("preparazione del file", "making the file"));
    let bytes = match format {
        ExportFormat::Json => json::to_string(&dataset).into_bytes(),
        ExportFormat::Csv => csv::to_bytes(&dataset, &stamp),
        ExportFormat::Xlsx => {
            // A workbook is binary: on a terminal it would be noise.
            if output.is_none() && std::io::stdout().is_terminal() {
                return Err(fail(tr(
                    "un file xlsx non si scrive sul terminale: indica -o FILE.xlsx",
                    "an xlsx file is not written to a terminal: give -o FILE.xlsx",
                )));
            }
            xlsx::to_bytes(&dataset, &stamp).map_err(fail)?
        }
    };
    if let Some(path) = output {
        progress::stage(tr_format!("scrittura di {}", "writing {}", path.display()));
    }
    Ok(write_output(output, &bytes))
}

/// Each objective's version and the history position, for a sheet to carry.
fn stamp(loaded: &crate::service::Loaded) -> crate::io::sheet::Stamp {
    crate::io::sheet::Stamp {
        versions: loaded
            .dataset
            .objectives
            .iter()
            .map(|o| o.code.clone())
            .zip(loaded.versions.iter().copied())
            .collect(),
        seq: loaded.seq,
    }
}

/// Decided by the content, whatever the file is called: an xlsx workbook or a
/// CSV of the shape `export` writes are edits to the plan (`sheet_import`);
/// JSON and Scheda Obiettivi text are plans, upserted by code.
pub fn import(
    store: &dyn PlanService,
    file: &Path,
    dry_run: bool,
    force: bool,
    variation: Option<u64>,
) -> Done {
    let _shown = progress::start(tr("importazione", "import"));
    progress::stage(tr_format!("lettura di {}", "reading {}", file.display()));
    // JSON is read as it streams, whatever its size (issue 19).
    if super::import_json::is_json(file) {
        if force || variation.is_some() {
            return Err(only_for_sheets(file, variation.is_some()));
        }
        return super::import_json::run(store, file, dry_run);
    }
    let bytes = read_bytes(file)?;
    let how = super::sheet_import::How {
        dry_run,
        force,
        variation,
    };
    if sheet_read::is_xlsx(&bytes) {
        progress::stage(tr("lettura dei fogli", "reading the sheets"));
        let sheets = sheet_read::read_xlsx(&bytes)
            .map_err(|reason| Refusal::of_sheet(file.display().to_string(), reason))
            .and_then(sheet_import::workbook_sheets);
        return super::sheet_import::run(store, file, sheets, how);
    }
    let text = utf8(file, bytes)?;
    if sheet_read::is_sheet_csv(&text) {
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let sheets = sheet_read::read_csv(&text, &name)
            .map(sheet_import::csv_sheets)
            .map_err(|reason| Refusal::of_sheet(name.clone(), reason));
        return super::sheet_import::run(store, file, sheets, how);
    }
    if force || variation.is_some() {
        return Err(only_for_sheets(file, variation.is_some()));
    }
    progress::stage(tr(
        "lettura del piano nel file",
        "reading the plan in the file",
    ));
    let dataset = parse_dataset(&text).map_err(|e| refused_file(file, &e))?;
    progress::stage(tr("confronto con il piano", "comparing with the plan"));
    let report = if dry_run {
        store.plan_import(&dataset)
    } else {
        match store.plan_import(&dataset) {
            Ok(plan) if plan.changes_anything() => {
                // GUIDE §3: keep the previous state before any import that changes it.
                keep_previous_state(store, "import")?;
                progress::stage(tr("scrittura nel database", "writing to the database"));
                store.import(&dataset)
            }
            other => other,
        }
    };
    Ok(print_text(&describe(&report.map_err(fail)?, dry_run)))
}

/// `--force` merges a sheet over newer values; a plan file has nothing to force.
fn only_for_sheets(file: &Path, variation: bool) -> ExitCode {
    let why = if variation {
        tr(
            "--variation vale solo per un foglio xlsx o CSV di export (le celle cambiate vanno nella variazione); nessuna modifica è stata scritta",
            "--variation is only for an xlsx or CSV sheet from export (the cells changed go into the variation); nothing was written",
        )
    } else {
        tr(
            "--force vale solo per un foglio xlsx o CSV di export (le celle in conflitto); nessuna modifica è stata scritta",
            "--force is only for an xlsx or CSV sheet from export (the cells in conflict); nothing was written",
        )
    };
    fail(format!("{}: {why}", file.display()))
}

/// JSON `obiettivi/1` or `/2` when the text starts with `{`, otherwise a Scheda
/// Obiettivi text extract: decided by the content, whatever the file is called.
fn parse_dataset(text: &str) -> Result<crate::model::Dataset, String> {
    if text.trim_start().starts_with('{') {
        json::parse(text).map_err(|e| e.to_string())
    } else {
        scheda::parse(text).map_err(|e| e.to_string())
    }
}
