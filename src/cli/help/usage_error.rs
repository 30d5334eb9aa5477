//! clap's usage errors written in the user's language from their kind and
//! context (clap's own rendering is English only), with exit status 2.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::ErrorKind;

use crate::cli::{EXIT_INPUT_ERROR, fail};
pub(super) use crate::service::usage::message;
use crate::tr_format;

/// Prints what clap stopped on and returns the exit status: 0 for the help
/// and the version (already in the user's language), 2 for a usage error.
pub fn report(e: clap::Error, cmd: &clap::Command, args: &[OsString]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // A closed pipe (`--help | head`) is not worth a message.
            let _ = e.print();
            ExitCode::SUCCESS
        }
        // A subcommand given without the sub-subcommand it needs: its help, as a usage error.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(EXIT_INPUT_ERROR)
        }
        _ => {
            let cmd = command_at(cmd, args);
            let usage = cmd.get_overridden_usage().map(|u| u.to_string());
            fail(tr_format!(
                "{}\n\nUso: {}\nPer saperne di più: {} --help",
                "{}\n\nUsage: {}\nFor more information, try: {} --help",
                message(&e),
                usage.unwrap_or_default(),
                cmd.get_bin_name().unwrap_or("obiettivi")
            ))
        }
    }
}

/// The (sub)command the command line reached: each word that names a
/// subcommand of the one before goes one level down, except into clap's
/// `help`, which has no `--help` to point to. (clap's error names the command
/// only for some kinds, and then in an English sentence.)
fn command_at<'a>(cmd: &'a clap::Command, args: &[OsString]) -> &'a clap::Command {
    let mut here = cmd;
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = here.find_subcommand(arg).filter(|s| s.get_name() != "help") {
            here = sub;
        }
    }
    here
}
