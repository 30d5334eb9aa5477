//! The command line (GUIDE §3): options, where the database lives, and the subcommands.

mod backup;
mod batch;
mod check;
mod cycle;
mod cycle_docs;
mod db_path;
mod docs;
mod file_io;
mod help;
pub mod import_json;
mod imported;
mod listing;
mod period;
mod plan;
mod plan_text;
mod progress;
mod reminders;
mod report;
mod report_format;
mod review;
mod set;
mod sheet_import;
mod today;
mod transfer;
mod variation;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::tr;
use crate::model::Dataset;
use crate::server::connect::connect_or_open;
use crate::service::PlanService;
use crate::tr_format;

pub use db_path::default_db_path;
pub use help::{command, parse};
pub use report::ReportArgs;
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

    /// Il piano su cui lavorare, per titolo (predefinito: quello scelto con «plan use»)
    #[arg(long, global = true, value_name = "TITOLO")]
    pub plan: Option<String>,

    /// Se il database non esiste ancora, crealo vuoto invece che con i dati DUP 2026-2028
    #[arg(long, global = true)]
    pub empty: bool,

    /// Interfaccia: lascia il mouse al terminale (copia e incolla); anche «mouse = false» in config.toml
    #[arg(long)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scrive l'intero database (JSON obiettivi/2, o /3 col ciclo del piano, o CSV o xlsx per i fogli di calcolo) su stdout o su file
    Export {
        /// Formato del file
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// File di destinazione (predefinito: stdout)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Importa un file JSON obiettivi/1, /2 o /3, un estratto di testo della Scheda Obiettivi, o un xlsx/CSV come quelli di export: tutto o niente, per codice
    Import {
        /// Il file da importare (.json, estratto .txt della scheda, .xlsx o .csv di export: riconosciuto dal contenuto)
        file: PathBuf,
        /// Mostra cosa cambierebbe, senza scrivere nulla
        #[arg(long)]
        dry_run: bool,
        /// xlsx/CSV: applica anche le celle cambiate sia nel file sia da altri dopo l'esportazione (registrato nella cronologia)
        #[arg(long)]
        force: bool,
        /// xlsx/CSV: registra le celle cambiate nella variazione aperta ID invece di applicarle (piano approvato)
        #[arg(long, value_name = "ID")]
        variation: Option<u64>,
    },
    /// Modifica un obiettivo o una sua fase (per script)
    Set(Box<SetArgs>),
    /// Cronologia delle modifiche (chi, quando, cosa, prima → dopo), dalla più vecchia
    History {
        /// Solo le modifiche di questo obiettivo (il codice, o la sua fine: 0601)
        code: Option<String>,
        /// Solo le modifiche fatte da questo giorno in poi (gg/mm/aaaa)
        #[arg(long, value_name = "GG/MM/AAAA", value_parser = today::date_arg)]
        since: Option<chrono::NaiveDate>,
        /// Solo le modifiche fatte da questo utente (il nome di login, come nella cronologia)
        #[arg(long, value_name = "NOME")]
        user: Option<String>,
    },
    /// Scrive una copia JSON del database (predefinito: nella cartella <db>.snapshots)
    Backup {
        /// File di destinazione (predefinito: nella cartella <db>.snapshots)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Elenca le copie tenute accanto al database (anche quelle fatte prima degli import)
        #[arg(long, conflicts_with = "output")]
        list: bool,
    },
    /// Sostituisce il database con un backup JSON (dopo una copia dello stato attuale)
    Restore {
        /// Il backup JSON da ripristinare
        file: PathBuf,
    },
    /// La Scheda Obiettivi rigenerata, con avanzamenti e avvisi (Markdown, HTML per la stampa, testo)
    Report(Box<ReportArgs>),
    /// Elenca gli avvisi (somma dei pesi, date, fasi in ritardo); stato di uscita 1 se ce ne sono
    Check(check::CheckArgs),
    /// Istantanee del piano per i monitoraggi, tenute nel database (create, list, delete)
    Snapshot {
        #[command(subcommand)]
        action: review::SnapshotAction,
    },
    /// Cosa è cambiato da un'istantanea a un'altra (o a oggi), obiettivo per obiettivo
    Diff(review::DiffArgs),
    /// I piani del database (list, new, use)
    Plan {
        #[command(subcommand)]
        action: plan::PlanAction,
    },
    /// Le revisioni fatte in riunione (tasto R); il verbale con `report --review ID`
    Review {
        #[command(subcommand)]
        action: review::ReviewAction,
    },
    /// Il ciclo del piano: lo stato, i passaggi e cosa blocca il prossimo (advance, back)
    #[command(visible_alias = "ciclo")]
    Cycle {
        #[command(subcommand)]
        action: Option<cycle::CycleAction>,
    },
    /// Le finestre di monitoraggio dei periodi (open, close, reopen, list)
    #[command(
        visible_alias = "periodo",
        after_help = "Da «Approvata» in poi un manager inserisce le rilevazioni di un periodo, gli avanzamenti, \
            le date effettive e le narrative solo mentre la finestra è aperta; un controller scrive sempre. \
            Chiudere una finestra fa l'istantanea «Monitoraggio GG/MM/AAAA».\n\n\
            Esempi:\n  \
            obiettivi period open 30/06/2026 --until 15/07/2026\n  \
            obiettivi period close 30/06/2026\n  \
            obiettivi period reopen 30/06/2026 --reason \"rilevazione da correggere\"\n  \
            obiettivi period list"
    )]
    Period {
        #[command(subcommand)]
        action: period::PeriodAction,
    },
    /// Cosa manca al periodo della finestra aperta (o a quello indicato), per responsabile; stato di uscita 1 se manca qualcosa
    #[command(visible_alias = "solleciti")]
    Reminders(reminders::RemindersArgs),
    /// Variazioni del piano approvato (open, list, show, approve, reject)
    #[command(
        visible_alias = "variazione",
        after_help = "Dopo l'approvazione (obiettivi cycle advance --act …) la base del piano — titolo, \
            responsabile e CdR degli obiettivi; nomi, pesi e date previste delle fasi; definizione, peso, \
            partenza e target degli indicatori — cambia solo con una variazione approvata. Le modifiche \
            registrate non toccano il piano finché la variazione non è approvata; l'approvazione le applica \
            tutte insieme, o nessuna: è rifiutata, nominando il campo, se il piano ha cambiato quel campo \
            dopo che la variazione l'ha registrato.\n\n\
            Esempi:\n  \
            obiettivi variation open --reason \"Nuovo bando regionale\"\n  \
            obiettivi set 05_1201_0601 --phase 1 --weight 30 --variation 1\n  \
            obiettivi import piano.xlsx --variation 1\n  \
            obiettivi variation show 1\n  \
            obiettivi variation approve 1 --act \"DGC n. 80 del 15/07/2026\"\n  \
            obiettivi variation reject 1 --reason \"superata\""
    )]
    Variation {
        #[command(subcommand)]
        action: variation::VariationAction,
    },
    /// Scrive su stdout il completamento dei comandi per la shell indicata
    Completions {
        /// La shell
        #[arg(value_enum)]
        shell: docs::Shell,
    },
    /// Scrive su stdout la pagina di manuale (man, sezione 1): `obiettivi man > obiettivi.1; man -l obiettivi.1`
    Man,
    /// Server per più utenti sulla stessa macchina: tiene il database e risponde sul socket <db>.sock
    Serve {
        /// File dei ruoli (predefinito: $OBIETTIVI_CONFIG, poi <db>.toml)
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Non scrive nulla su stderr dopo l'avvio: nessuna riga per connessione, rifiuto o modifica applicata
        #[arg(long)]
        quiet: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON obiettivi/2, o /3 col ciclo del piano (interscambio, backup)
    Json,
    /// Una riga per fase, separatore «;», virgola decimale, UTF-8 con BOM (Excel, LibreOffice)
    Csv,
    /// Cartella di lavoro Excel: un foglio delle fasi e uno degli obiettivi, celle tipizzate (date, percentuali)
    Xlsx,
}

/// Exit status 2: a usage or input error, with its message already printed.
pub const EXIT_INPUT_ERROR: u8 = 2;

/// What a command ends with: its exit status, or (`Err`) the status of a
/// refusal already said on stderr, so that a step that fails ends the
/// command with `?` (`.map_err(fail)?` says why first).
pub type Done = Result<ExitCode, ExitCode>;

/// Prints `message` as an error (control characters escaped: it may quote
/// what someone typed) and returns exit status 2.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    progress::clear();
    let message = message.to_string();
    eprintln!(
        "obiettivi: {}: {}",
        tr("errore", "error"),
        crate::io::hygiene::terminal(&message)
    );
    ExitCode::from(EXIT_INPUT_ERROR)
}

impl Cli {
    pub fn db_path(&self) -> Result<PathBuf, String> {
        self.db.clone().map_or_else(default_db_path, Ok)
    }

    /// What a new database is filled with.
    fn initial(&self) -> impl FnOnce() -> Dataset + use<> {
        let empty = self.empty;
        move || {
            if empty {
                Dataset::empty()
            } else {
                crate::io::shipped()
            }
        }
    }

    /// The selected database through its server when one answers, else opened
    /// directly. `creates`: whether this command may make a new database of an
    /// explicit `--db` that does not exist (GUIDE §3: a mistyped path never
    /// becomes a database); the default database is created on first use.
    pub fn connect_or_open(&self, creates: bool) -> Result<Box<dyn PlanService>, ExitCode> {
        let path = self.db_path().map_err(fail)?;
        self.refuse_a_missing_db(&path, creates).map_err(fail)?;
        connect_or_open(&path, self.initial(), self.plan.as_deref()).map_err(fail)
    }

    /// The database's path when nothing is there yet: opening it creates it,
    /// which the TUI says.
    pub fn db_to_create(&self) -> Option<PathBuf> {
        self.db_path().ok().filter(|p| db_path::is_missing(p))
    }

    /// An explicit `--db` that does not exist, for a command that may not create it.
    fn refuse_a_missing_db(&self, path: &std::path::Path, creates: bool) -> Result<(), String> {
        if self.db.is_none() || self.empty || creates || !db_path::is_missing(path) {
            return Ok(());
        }
        Err(tr_format!(
            "il database {}: non esiste (nessun database è stato creato). Controlla il percorso; per crearne uno nuovo apri l'interfaccia (obiettivi --db PATH), o usa import, restore o --empty",
            "the database {}: does not exist (no database was created). Check the path; to create a new one open the interface (obiettivi --db PATH), or use import, restore or --empty",
            path.display()
        ))
    }
}

/// Runs a subcommand; `None` (no subcommand) is the TUI and is wired by `main`.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    dispatch(cli, command).unwrap_or_else(|refused| refused)
}

fn dispatch(cli: &Cli, command: &Command) -> Done {
    // The commands that open no database.
    match command {
        Command::Serve { config, quiet } => return serve(cli, config.as_deref(), *quiet),
        Command::Completions { shell } => return Ok(docs::completions(*shell)),
        Command::Man => return docs::man(),
        _ => {}
    }
    let creates = matches!(command, Command::Import { .. } | Command::Restore { .. });
    let service = cli.connect_or_open(creates)?;
    let store = &*service;
    match command {
        Command::Export { format, output } => transfer::export(store, *format, output.as_deref()),
        Command::Import {
            file,
            dry_run,
            force,
            variation,
        } => transfer::import(store, file, *dry_run, *force, *variation),
        // A batch names set's flags, line by line: set itself knows nothing of it.
        Command::Set(args) => match &args.batch {
            Some(source) => batch::run(store, args, source),
            None => set::run(store, args),
        },
        Command::History { code, since, user } => {
            let filter = crate::service::HistoryFilter {
                code: code.clone(),
                since: *since,
                user: user.clone(),
            };
            backup::print_history(store, filter)
        }
        Command::Backup { list: true, .. } => backup::list_snapshots(store),
        Command::Backup { output, .. } => backup::backup(store, output.as_deref()),
        Command::Restore { file } => backup::restore(store, file),
        Command::Report(args) => report::run(store, args),
        Command::Check(args) => check::run(store, args),
        Command::Snapshot { action } => review::snapshot(store, action),
        Command::Diff(args) => review::diff(store, args),
        Command::Plan { action } => plan::run(store, action),
        Command::Review { action } => review::review(store, action),
        Command::Cycle { action } => cycle::run(store, action.as_ref()),
        Command::Variation { action } => variation::run(store, action),
        Command::Period { action } => period::run(store, action),
        Command::Reminders(args) => reminders::run(store, args),
        // Handled above: the server opens the database itself, never through
        // a server; completions and the manual need none.
        Command::Serve { .. } | Command::Completions { .. } | Command::Man => Ok(ExitCode::SUCCESS),
    }
}

/// `obiettivi serve`: runs until stopped; returns only when it cannot start.
/// It logs to stderr (the journal under systemd) unless `quiet`.
fn serve(cli: &Cli, config: Option<&std::path::Path>, quiet: bool) -> Done {
    let path = cli.db_path().map_err(fail)?;
    cli.refuse_a_missing_db(&path, false).map_err(fail)?;
    let log = if quiet {
        crate::server::log::Log::silent()
    } else {
        crate::server::log::Log::to_stderr()
    };
    crate::server::serve(&path, config, log, cli.initial()).map_err(fail)?;
    Ok(ExitCode::SUCCESS)
}
