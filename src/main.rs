//! Argument parsing and wiring; the work is in the library.

use std::process::ExitCode;

use obiettivi::cli;
use obiettivi::i18n::{self, Lang};

fn main() -> ExitCode {
    i18n::set_lang(Lang::from_env());
    obiettivi::files::access::restrict_umask();
    // clap's help and usage errors in the user's language (cli/help.rs).
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => {
            // The TUI may create an explicit --db (GUIDE §3), and says it did.
            let created = cli.db_to_create();
            let service = match cli.connect_or_open(true) {
                Ok(service) => service,
                Err(code) => return code,
            };
            let options = obiettivi::tui::Options {
                no_mouse: cli.no_mouse,
                created: created.map(|path| (path, cli.empty)),
            };
            match obiettivi::tui::run(service, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => cli::fail(e),
            }
        }
    }
}
