//! `report`: the Scheda Obiettivi regenerated, for printing and meetings.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::fail;
use super::file_io::write_output;
use super::today::Today;
use crate::io::report::{Format, Minutes, render, render_minutes};
use crate::model::Dataset;
use crate::service::PlanService;
use crate::service::codes::resolve_each;

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Solo questi obiettivi, per codice o la sua fine: 0601 (predefinito: tutti)
    #[arg(value_name = "CODICE")]
    codes: Vec<String>,
    /// Formato della scheda
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// File di destinazione (predefinito: stdout)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Il verbale della revisione ID (obiettivi review list) invece della scheda
    #[arg(long, value_name = "ID", conflicts_with = "codes")]
    review: Option<u64>,
    #[command(flatten)]
    pub today: Today,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Markdown
    Md,
    /// Un file HTML autonomo, da stampare in A4 (una pagina per obiettivo)
    Html,
    /// Testo semplice
    Txt,
}

pub fn run(store: &dyn PlanService, args: &ReportArgs) -> ExitCode {
    let dataset = match store.load().map(|l| l.dataset) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Txt => Format::Text,
    };
    if let Some(id) = args.review {
        return minutes(store, id, &dataset, format, args);
    }
    // Codes as typed: `05 1201 0601`, or its end `0601` (service::codes).
    let codes = match resolve_each(&args.codes, &dataset) {
        Ok(codes) => codes,
        Err(why) => return fail(why),
    };
    let text = render(&dataset, &codes, format, args.today.date());
    write_output(args.output.as_deref(), text.as_bytes())
}

fn minutes(
    store: &dyn PlanService,
    id: u64,
    now: &Dataset,
    format: Format,
    args: &ReportArgs,
) -> ExitCode {
    let review = match store.review(id) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    // A snapshot deleted since the meeting leaves minutes without the changes.
    let kept = match store.snapshots() {
        Ok(list) => list,
        Err(e) => return fail(e),
    };
    let snapshot = match review.snapshot.as_deref() {
        Some(name) if kept.iter().any(|s| s.name == name) => match store.snapshot_plan(name) {
            Ok(d) => Some(d),
            Err(e) => return fail(e),
        },
        _ => None,
    };
    // To tell what changed after an objective was reviewed from what the meeting saw.
    let history = match crate::service::whole_history(store, None) {
        Ok(h) => h,
        Err(e) => return fail(e),
    };
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
    write_output(args.output.as_deref(), text.as_bytes())
}
