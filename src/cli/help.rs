//! The command line parsed with clap, but clap's help and usage errors in the
//! user's language (GUIDE §3): clap writes its own words (`Usage:`,
//! `Options:`, `Print help`, `error: unexpected argument`) in English only.
//!
//! The Italian of every help text is the doc comment the derive reads; the
//! English is in `english.rs`. `command()` walks the clap tree once, puts in
//! the texts of the current language, and replaces each of clap's words it
//! would print: headings (through a help template and per-argument
//! headings), the `-h`/`-V` flags, the `help` subcommand, placeholders,
//! possible and default values, the usage line. `usage_error` writes clap's
//! errors from their kind and context.

mod english;
mod usage_error;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::{Lang, lang, tr, tr_string};
use crate::tr_format;
use english::{Text, english};

/// The command line of this process, or the exit status after the help, the
/// version or a usage error was printed.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut cmd = command();
    let matches = cmd
        .try_get_matches_from_mut(&args)
        .map_err(|e| usage_error::report(e, &cmd, &args))?;
    Cli::from_arg_matches(&matches).map_err(|e| usage_error::report(e, &cmd, &args))
}

/// `Cli`'s clap command with every text in the current language (what a man
/// page or shell completions would be generated from, too).
pub fn command() -> Command {
    let mut cmd = localise(Cli::command(), "");
    // Built here, so that what clap adds while building (the global options in
    // every subcommand, the `help` subcommand, the usage line) can be localised too.
    cmd.build();
    finish(&mut cmd);
    cmd
}

/// The texts, headings and flags of `cmd` (at `path` below `obiettivi`) and of its subcommands.
fn localise(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .help_template(template())
        .subcommand_help_heading(tr("Comandi", "Commands"))
        .subcommand_value_name(tr("COMANDO", "COMMAND"))
        .disable_help_flag(true)
        .arg(help_flag());
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(tr("Mostra la versione", "Print version")),
        );
    }
    if lang() == Lang::En {
        if let Some(text) = english(Text::About(path)) {
            cmd = cmd.about(text);
        }
        if let Some(text) = english(Text::LongAbout(path)) {
            cmd = cmd.long_about(text);
        }
        if let Some(text) = english(Text::AfterHelp(path)) {
            cmd = cmd.after_help(text);
        }
    }
    let cmd = cmd.mut_args(|arg| localise_arg(arg, path));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd.mut_subcommand(name, |sub| localise(sub, &sub_path))
    })
}

/// clap's default template with `Usage:` in the user's language; the
/// section headings come from each argument's heading (`localise_arg`).
fn template() -> String {
    tr_string(
        "{before-help}{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}",
        "{before-help}{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}",
    )
}

fn help_flag() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(tr(
            "Mostra l'aiuto (-h in breve, --help per esteso)",
            "Print help (-h for a summary, --help in full)",
        ))
}

fn localise_arg(arg: Arg, path: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let mut arg = arg;
    if lang() == Lang::En {
        if let Some(text) = english(Text::Arg(path, &id)) {
            arg = arg.help(text);
        }
        if let Some(text) = english(Text::LongHelp(path, &id)) {
            arg = arg.long_help(text);
        }
    }
    if let Some(name) = arg
        .get_value_names()
        .and_then(|n| n.first())
        .and_then(|n| placeholder(n.as_str()))
    {
        arg = arg.value_name(name);
    }
    // clap heads the sections "Arguments" and "Options" in English; an
    // argument with a heading of its own is listed under that instead.
    let heading = if arg.is_positional() {
        tr("Argomenti", "Arguments")
    } else {
        tr("Opzioni", "Options")
    };
    with_values(arg.help_heading(heading), path, &id)
}

/// An argument with a fixed set of values, listed in the user's language
/// instead of clap's `[possible values: …]` and `[default: …]`.
fn with_values(arg: Arg, path: &str, id: &str) -> Arg {
    // A flag has the possible values true and false, never shown.
    let values = arg.get_possible_values();
    if !arg.get_action().takes_values() || values.is_empty() || arg.is_hide_possible_values_set() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let default = arg
        .get_default_values()
        .first()
        .map(|d| d.to_string_lossy().into_owned());
    let default_note = default
        .as_ref()
        .map(|d| tr_format!("predefinito: {d}", "default: {d}"));
    let short = tr_format!(
        "{help} (valori: {}{})",
        "{help} (values: {}{})",
        names.join(", "),
        default_note
            .as_ref()
            .map(|d| format!("; {d}"))
            .unwrap_or_default()
    );
    let mut long = tr_format!("{help}\n\nValori possibili:", "{help}\n\nPossible values:");
    for value in &values {
        let name = value.get_name();
        let text = match lang() {
            Lang::En => english(Text::Value(path, id, name)).map(str::to_string),
            Lang::It => value.get_help().map(|h| h.to_string()),
        };
        long.push_str(&format!("\n- {name}"));
        if let Some(text) = text {
            long.push_str(&format!(": {text}"));
        }
    }
    if let Some(d) = &default_note {
        long.push_str(&format!("\n\n[{d}]"));
    }
    arg.help(short)
        .long_help(long)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// A value placeholder (`<TESTO>`) in the user's language: the derive
/// declares some in Italian and clap makes the others from the English field
/// name, so each is listed here in both.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("PERCORSO", "PATH"),
    ("FILE", "FILE"),
    ("FORMATO", "FORMAT"),
    ("CODICE", "CODE"),
    ("NOME", "NAME"),
    ("TESTO", "TEXT"),
    ("DATA", "DATE"),
    ("ISTANTANEA", "SNAPSHOT"),
    ("ALTRA", "OTHER"),
    ("GG/MM/AAAA", "DD/MM/YYYY"),
    ("TITOLO", "TITLE"),
    ("AAAA", "YYYY"),
    ("COMANDO", "COMMAND"),
];

/// `None` for one that reads the same in both (`N`, `X`, `ID`).
fn placeholder(name: &str) -> Option<&'static str> {
    PLACEHOLDERS
        .iter()
        .find(|(it, en)| *it == name || *en == name)
        .map(|(it, en)| tr(it, en))
}

/// After the build: the `help` subcommands clap added and every usage line.
fn finish(cmd: &mut Command) {
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            localise_help_subcommand(sub);
        }
        finish(sub);
    }
    let usage = cmd
        .render_usage()
        .to_string()
        .replacen("Usage: ", "", 1)
        .replace("[OPTIONS]", tr("[OPZIONI]", "[OPTIONS]"));
    *cmd = std::mem::take(cmd).override_usage(usage);
}

fn localise_help_subcommand(help: &mut Command) {
    let mut localised = std::mem::take(help)
        .about(tr(
            "Mostra questo aiuto o quello dei sottocomandi indicati",
            "Print this message or the help of the given subcommand(s)",
        ))
        .help_template(template())
        .subcommand_help_heading(tr("Comandi", "Commands"))
        .subcommand_value_name(tr("COMANDO", "COMMAND"));
    if localised
        .get_arguments()
        .any(|a| a.get_id().as_str() == "subcommand")
    {
        localised = localised.mut_arg("subcommand", |a| {
            a.help(tr(
                "Mostra l'aiuto del sottocomando",
                "Print help for the subcommand(s)",
            ))
            .value_name(tr("COMANDO", "COMMAND"))
            .help_heading(tr("Argomenti", "Arguments"))
        });
    }
    *help = localised;
}

#[cfg(test)]
mod tests;

/// clap's message for a usage error, in the user's language, without the
/// usage lines (for a line of `set --batch`, named by its number instead).
pub fn usage_message(e: &clap::Error) -> String {
    usage_error::message(e)
}
