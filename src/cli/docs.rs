//! `obiettivi completions SHELL` and `obiettivi man`: generated from the same
//! clap command the help is printed from (`help::command()`), so they list
//! every subcommand and flag, in the user's language, and cannot drift.
//!
//! A subcommand rather than a build script: the command is localised when the
//! program runs (`LANG`), and a build script cannot link the crate it builds;
//! the package generates both files with the binary it ships (`.ci/run`).

use std::process::ExitCode;

use clap::ValueEnum;

use super::file_io::write_stdout;
use super::{fail, help};
use crate::i18n::tr;

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// bash (da caricare con `source`, o in /usr/share/bash-completion/completions/obiettivi)
    Bash,
    /// zsh (un file `_obiettivi` in una cartella di $fpath)
    Zsh,
    /// fish (in ~/.config/fish/completions/obiettivi.fish)
    Fish,
}

/// The completion script for `shell`, on stdout.
pub fn completions(shell: Shell) -> ExitCode {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut help::command(), "obiettivi", &mut out);
    write_stdout(&out)
}

/// The manual page (roff, section 1), on stdout.
pub fn man() -> super::Done {
    Ok(write_stdout(man_page().map_err(fail)?.as_bytes()))
}

/// The page of `obiettivi` itself, then one subsection per subcommand with
/// its usage, description and options: one page, like ripgrep's. Every
/// character beyond ASCII is written as a roff escape (`\[u00E8]`), so the
/// page renders the same with or without `preconv`.
pub fn man_page() -> std::io::Result<String> {
    let cmd = help::command();
    let man = manual(clap_mangen::Man::new(cmd.clone()));
    let mut top = Vec::new();
    for part in [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
        clap_mangen::Man::render_subcommands_section,
    ] {
        part(&man, &mut top)?;
    }
    let mut page = String::new();
    for line in String::from_utf8_lossy(&top).lines() {
        page.push_str(&top_line(line));
        page.push('\n');
        // Ragged right: a justified line spreads its spaces by where it falls
        // on the page, so one more line anywhere moved them into `-  xlsx:`.
        if line.starts_with(".TH ") {
            page.push_str(".ad l\n");
        }
    }
    page.push_str(tr(
        ".SH \"I COMANDI IN DETTAGLIO\"\n",
        ".SH \"COMMANDS IN DETAIL\"\n",
    ));
    for sub in subcommands(&cmd) {
        page.push_str(&subcommand_section(sub)?);
    }
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    page.push_str(&String::from_utf8_lossy(&version));
    Ok(tidy(&page))
}

/// A line of the top of the page, its section headings in the user's
/// language (clap_mangen writes them in English), and each subcommand named
/// as typed, described below, instead of a page `obiettivi-export(1)` of its own.
fn top_line(line: &str) -> String {
    let heading = |it: &str, en: &str| format!(".SH {}", tr(it, en));
    match line {
        ".SH NAME" => heading("NOME", "NAME"),
        ".SH SYNOPSIS" => heading("SINTASSI", "SYNOPSIS"),
        ".SH DESCRIPTION" => heading("DESCRIZIONE", "DESCRIPTION"),
        _ if line.starts_with(".SH ") => line.to_uppercase(),
        _ => match line
            .strip_prefix("obiettivi\\-")
            .and_then(|l| l.strip_suffix("(1)"))
        {
            Some(name) => format!("\\fBobiettivi {name}\\fR"),
            None => line.to_string(),
        },
    }
}

fn manual(man: clap_mangen::Man) -> clap_mangen::Man {
    man.manual(tr("Manuale di obiettivi", "obiettivi manual"))
        .source(format!("obiettivi {}", env!("CARGO_PKG_VERSION")))
}

/// Every subcommand below `cmd`, depth first, without clap's `help`.
fn subcommands(cmd: &clap::Command) -> Vec<&clap::Command> {
    let mut out = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        out.push(sub);
        out.extend(subcommands(sub));
    }
    out
}

/// `.SS obiettivi export`, its usage, its description and its options (the
/// options' own `.SH` headings become paragraphs in bold).
fn subcommand_section(sub: &clap::Command) -> std::io::Result<String> {
    let man = manual(clap_mangen::Man::new(sub.clone()));
    let mut out = format!(".SS \"{}\"\n", sub.get_bin_name().unwrap_or(sub.get_name()));
    for part in [
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
    ] {
        let mut buffer = Vec::new();
        part(&man, &mut buffer)?;
        for line in String::from_utf8_lossy(&buffer).lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) if heading.starts_with("SYNOPSIS") => out.push_str(".PP\n"),
                Some(heading) if heading.starts_with("DESCRIPTION") => out.push_str(".PP\n"),
                Some(heading) => out.push_str(&format!(".PP\n.B {heading}\n")),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    Ok(out)
}

/// Each part clap_mangen renders starts with the same definition of `\*(Aq`:
/// kept once, at the top. A list item of a help text (`- json: …`) starts
/// its own line. Every character beyond ASCII becomes a roff escape.
fn tidy(page: &str) -> String {
    let mut out = String::new();
    let mut seen = std::collections::HashSet::new();
    for line in page.lines() {
        if line.contains(".ds Aq ") && !seen.insert(line) {
            continue;
        }
        // A list in a help text (the possible values): one item a line.
        if line.starts_with("\\- ") {
            out.push_str(".br\n");
        }
        for c in line.chars() {
            match c {
                c if c.is_ascii() => out.push(c),
                c => out.push_str(&format!("\\[u{:04X}]", u32::from(c))),
            }
        }
        out.push('\n');
    }
    out
}
