//! `report --doc attuazione|relazione`: the cycle's documents (GUIDE §9),
//! always built from a named snapshot, never from the live plan, so that
//! the same command gives the same bytes tomorrow and the footer's SHA-256
//! is the one `snapshot list` prints. The snapshot is `--snapshot NAME`, else
//! the period's closing one (`Monitoraggio 30/06/2026`) for the attuazione
//! and the newest one for the Relazione.

use std::path::Path;

use chrono::NaiveDate;

use super::fail;
use super::file_io::write_output;
use super::report_format::{Doc, ReportFormat};
use crate::api::SnapshotInfo;
use crate::i18n::tr_string;
use crate::io::report::{Format, Source, render_attuazione, render_relazione};
use crate::model::values::format_date;
use crate::service::PlanService;
use crate::tr_format;

pub(super) struct Request<'a> {
    pub doc: Doc,
    pub period: Option<NaiveDate>,
    pub snapshot: Option<&'a str>,
    pub format: ReportFormat,
    pub output: Option<&'a Path>,
}

pub(super) fn run(store: &dyn PlanService, request: &Request) -> super::Done {
    let bytes = document(store, request).map_err(fail)?;
    Ok(write_output(request.output, &bytes))
}

/// The document's bytes, or why there are none.
fn document(store: &dyn PlanService, request: &Request) -> Result<Vec<u8>, String> {
    if request.doc == Doc::Attuazione && request.period.is_none() {
        return Err(tr_string(
            "indica il periodo dello stato di attuazione: --period 30/06/2026",
            "name the period of the status report: --period 30/06/2026",
        ));
    }
    let snapshots = store.snapshots().map_err(|e| e.to_string())?;
    let info = chosen(&snapshots, request)?;
    let dataset = store.snapshot_plan(&info.name).map_err(|e| e.to_string())?;
    let source = Source {
        name: &info.name,
        sha256: &info.sha256,
        dataset: &dataset,
    };
    let text_format = |written: ReportFormat| match written {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Txt => Format::Text,
        // A PDF is the HTML printed.
        ReportFormat::Html | ReportFormat::Pdf | ReportFormat::Xlsx => Format::Html,
    };
    let text = match (request.doc, request.period) {
        (Doc::Attuazione, Some(period)) => {
            let periods = crate::model::calendar::periods(&dataset.plan);
            if !periods.contains(&period) {
                return Err(tr_format!(
                    "{} non è un periodo di monitoraggio del piano: i periodi sono {}",
                    "{} is not one of the plan's monitoring periods: the periods are {}",
                    format_date(period),
                    periods
                        .iter()
                        .map(|p| format_date(*p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if request.format == ReportFormat::Xlsx {
                return crate::io::report::attuazione_workbook(&source, period);
            }
            render_attuazione(&source, period, text_format(request.format))
        }
        _ => {
            let Some(year) = crate::model::cycle_checks::operative_year(&dataset.plan) else {
                return Err(tr_string(
                    "il piano non dice il suo anno: né plan.year né un titolo come «DUP 2026-2028»",
                    "the plan does not say its year: neither plan.year nor a title like «DUP 2026-2028»",
                ));
            };
            if request.format == ReportFormat::Xlsx {
                return crate::io::report::relazione_workbook(&source, year);
            }
            render_relazione(&source, year, text_format(request.format))
        }
    };
    if request.format == ReportFormat::Pdf {
        return crate::io::pdf::print(&text);
    }
    Ok(text.into_bytes())
}

/// The snapshot the document is made from.
fn chosen<'a>(
    snapshots: &'a [SnapshotInfo],
    request: &Request,
) -> Result<&'a SnapshotInfo, String> {
    let named = |name: &str| snapshots.iter().find(|s| s.name == name);
    if let Some(name) = request.snapshot {
        return named(name).ok_or_else(|| {
            tr_format!(
                "non c'è l'istantanea «{name}»: le istantanee sono in «obiettivi snapshot list»; se ne fa una con «obiettivi snapshot create NOME»",
                "there is no snapshot «{name}»: «obiettivi snapshot list» lists them; «obiettivi snapshot create NAME» takes one"
            )
        });
    }
    match (request.doc, request.period) {
        (Doc::Attuazione, Some(period)) => {
            // The window's closing takes it; closed again after a reopening,
            // «Monitoraggio 30/06/2026 (2)»: the newest of them.
            let name = format!("Monitoraggio {}", format_date(period));
            let again = format!("{name} (");
            let closing = snapshots
                .iter()
                .filter(|s| s.name == name || s.name.starts_with(&again))
                .max_by_key(|s| s.at);
            closing.ok_or_else(|| {
                tr_format!(
                    "lo stato di attuazione si fa dall'istantanea del periodo, e non c'è «{name}»: la fa la chiusura della finestra del periodo, oppure «obiettivi snapshot create \"{name}\"»; o scegline un'altra con --snapshot NOME",
                    "the status report is made from the period's snapshot, and there is no «{name}»: closing the period's window takes it, or «obiettivi snapshot create \"{name}\"»; or choose another with --snapshot NAME"
                )
            })
        }
        _ => snapshots.iter().max_by_key(|s| s.at).ok_or_else(|| {
            tr_string("la Relazione si fa da un'istantanea e non ce n'è nessuna: creala con «obiettivi snapshot create NOME»", "the report is made from a snapshot and there is none: take one with «obiettivi snapshot create NAME»")
        }),
    }
}
