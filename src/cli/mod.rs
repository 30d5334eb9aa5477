//! The command line (GUIDE §3): options, where the database lives, and the subcommands.

mod db_path;
mod set;
mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::tr;
use crate::model::Dataset;
use crate::store::Store;

pub use db_path::default_db_path;
pub use set::SetArgs;

#[derive(Debug, Parser)]
#[command(
    name = "obiettivi",
    version,
    about = "Scheda Obiettivi del DUP: consultazione e aggiornamento da terminale",
    long_about = "Scheda Obiettivi del DUP: consultazione e aggiornamento da terminale.\n\
                  Senza sottocomando apre l'interfaccia a schermo sul database predefinito."
)]
pub struct Cli {
    /// Database da usare (predefinito: $OBIETTIVI_DB, poi $XDG_DATA_HOME/obiettivi/db, poi ~/.local/share/obiettivi/db)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Se il database non esiste ancora, crealo vuoto invece che con i dati DUP 2026-2028
    #[arg(long, global = true)]
    pub empty: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scrive l'intero database (JSON obiettivi/1) su stdout o su file
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// File di destinazione (predefinito: stdout)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Importa un file JSON obiettivi/1: tutto o niente, obiettivi aggiornati per codice
    Import {
        file: PathBuf,
        /// Mostra cosa cambierebbe, senza scrivere nulla
        #[arg(long)]
        dry_run: bool,
    },
    /// Modifica un obiettivo o una sua fase (per script)
    Set(Box<SetArgs>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

/// Exit status 2: a usage or input error, with its message already printed.
pub const EXIT_INPUT_ERROR: u8 = 2;

/// Prints `message` as an error and returns exit status 2.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("obiettivi: {}: {message}", tr("errore", "error"));
    ExitCode::from(EXIT_INPUT_ERROR)
}

impl Cli {
    pub fn db_path(&self) -> Result<PathBuf, String> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => default_db_path(),
        }
    }

    /// Opens (creating if needed) the selected database.
    pub fn open_store(&self) -> Result<Store, ExitCode> {
        let path = self.db_path().map_err(fail)?;
        let empty = self.empty;
        Store::open(&path, || {
            if empty {
                Dataset::empty()
            } else {
                crate::io::shipped()
            }
        })
        .map_err(fail)
    }
}

/// Runs a subcommand; `None` (no subcommand) is the TUI and is wired by `main`.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    let store = match cli.open_store() {
        Ok(s) => s,
        Err(code) => return code,
    };
    match command {
        Command::Export {
            format: ExportFormat::Json,
            output,
        } => transfer::export(&store, output.as_deref()),
        Command::Import { file, dry_run } => transfer::import(&store, file, *dry_run),
        Command::Set(args) => set::run(&store, args),
    }
}

/// The login name that goes into the audit history.
pub fn who() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata("/proc/self")
                .map(|m| format!("uid {}", m.uid()))
                .unwrap_or_else(|_| "?".into())
        })
}
