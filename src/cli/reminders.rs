//! `obiettivi reminders` (`solleciti`): what the open monitoring window's
//! period (or the one named) still lacks, per manager (GUIDE §8) — text for
//! a person, CSV for a mail merge; exit 1 when anything is missing.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::file_io::write_output;
use super::today::date_arg;
use super::{Done, fail};
use crate::service::PlanService;

#[derive(Debug, Args)]
pub struct RemindersArgs {
    /// Il periodo (gg/mm/aaaa); predefinito: quello della finestra aperta
    #[arg(long, value_name = "GG/MM/AAAA", value_parser = date_arg)]
    period: Option<NaiveDate>,
    /// Formato: testo per le persone, CSV per la stampa unione
    #[arg(long, value_enum, default_value_t = RemindersFormat::Txt)]
    format: RemindersFormat,
    /// File di destinazione (predefinito: stdout)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RemindersFormat {
    /// Testo, per responsabile e obiettivo
    Txt,
    /// Una riga per cosa mancante, separatore «;», UTF-8 con BOM (stampa unione)
    Csv,
}

pub fn run(service: &dyn PlanService, args: &RemindersArgs) -> Done {
    let reminders = service.reminders(args.period).map_err(fail)?;
    let bytes = match args.format {
        RemindersFormat::Txt => {
            crate::io::hygiene::terminal(&crate::io::reminders::text(&reminders))
                .into_owned()
                .into_bytes()
        }
        RemindersFormat::Csv => crate::io::reminders::csv(&reminders),
    };
    let status = write_output(args.output.as_deref(), &bytes);
    Ok(
        match status == ExitCode::SUCCESS && !reminders.missing.is_empty() {
            true => ExitCode::from(1),
            false => status,
        },
    )
}
