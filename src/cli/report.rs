//! `report`: the Scheda Obiettivi regenerated, for printing and meetings.

use std::path::PathBuf;

use clap::Args;

use super::report_format::{Doc, ReportFormat};

use super::file_io::write_output;
use super::today::Today;
use super::{Done, fail};
use crate::i18n::tr;
use crate::io::report::{Format, Minutes, render, render_minutes};
use crate::model::Dataset;
use crate::service::PlanService;
use crate::service::codes::resolve_each;

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Solo questi obiettivi, per codice o la sua fine: 0601 (predefinito: tutti)
    #[arg(value_name = "CODICE")]
    codes: Vec<String>,
    /// Il documento: la scheda, lo stato di attuazione a un periodo, la Relazione sulla performance
    #[arg(long, value_enum, default_value_t = Doc::Scheda, conflicts_with = "review")]
    doc: Doc,
    /// Il periodo dello stato di attuazione (gg/mm/aaaa), es. 30/06/2026
    #[arg(long, value_name = "GG/MM/AAAA", value_parser = super::today::date_arg)]
    period: Option<chrono::NaiveDate>,
    /// L'istantanea da cui fare il documento (predefinito: «Monitoraggio GG/MM/AAAA» del periodo per
    /// l'attuazione, l'ultima per la Relazione)
    #[arg(long, value_name = "NOME")]
    snapshot: Option<String>,
    /// Formato (predefinito: md per la scheda, html per attuazione e Relazione)
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// File di destinazione (predefinito: stdout)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Il verbale della revisione ID (obiettivi review list) invece della scheda
    #[arg(long, value_name = "ID", conflicts_with = "codes")]
    review: Option<u64>,
    #[command(flatten)]
    pub today: Today,
}

pub fn run(store: &dyn PlanService, args: &ReportArgs) -> Done {
    if args.doc != Doc::Scheda {
        let request = super::cycle_docs::Request {
            doc: args.doc,
            period: args.period,
            snapshot: args.snapshot.as_deref(),
            format: args.format.unwrap_or(ReportFormat::Html),
            output: args.output.as_deref(),
        };
        return super::cycle_docs::run(store, &request);
    }
    if args.period.is_some() || args.snapshot.is_some() {
        return Err(fail(tr(
            "--period e --snapshot valgono per --doc attuazione e --doc relazione",
            "--period and --snapshot are for --doc attuazione and --doc relazione",
        )));
    }
    let format = match args.format.unwrap_or(ReportFormat::Md) {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Txt => Format::Text,
        ReportFormat::Xlsx | ReportFormat::Pdf => {
            return Err(fail(tr(
                "la scheda si stampa in md, html o txt; xlsx e pdf valgono per --doc attuazione e --doc relazione",
                "the scheda is printed as md, html or txt; xlsx and pdf are for --doc attuazione and --doc relazione",
            )));
        }
    };
    let dataset = store.load().map_err(fail)?.dataset;
    if let Some(id) = args.review {
        return minutes(store, id, &dataset, format, args);
    }
    // Codes as typed: `05 1201 0601`, or its end `0601` (service::codes).
    let codes = resolve_each(&args.codes, &dataset).map_err(fail)?;
    let text = render(&dataset, &codes, format, args.today.date());
    Ok(write_output(args.output.as_deref(), text.as_bytes()))
}

fn minutes(
    store: &dyn PlanService,
    id: u64,
    now: &Dataset,
    format: Format,
    args: &ReportArgs,
) -> Done {
    let review = store.review(id).map_err(fail)?;
    // A snapshot deleted since the meeting leaves minutes without the changes.
    let kept = store.snapshots().map_err(fail)?;
    let snapshot = match review.snapshot.as_deref() {
        Some(name) if kept.iter().any(|s| s.name == name) => {
            Some(store.snapshot_plan(name).map_err(fail)?)
        }
        _ => None,
    };
    // To tell what changed after an objective was reviewed from what the meeting saw.
    let history = crate::service::whole_history(store, None).map_err(fail)?;
    let text = render_minutes(
        &Minutes {
            review: &review,
            snapshot: snapshot.as_ref(),
            now,
            history: &history,
            today: args.today.date(),
        },
        format,
    );
    Ok(write_output(args.output.as_deref(), text.as_bytes()))
}
