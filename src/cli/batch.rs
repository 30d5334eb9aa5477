//! `obiettivi set --batch FILE|-`: several edits, one per line with the
//! flags of `set` (`05_1201_0601 --phase 1 --weight 40`), all or nothing.
//! Every line is parsed and every value checked against the plan before
//! anything is written; a refused line is named by its number, and then
//! nothing is applied. All the lines are one transaction (`apply_many`),
//! each objective's changes made on the version read with the plan.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, FromArgMatches};

use super::listing::listed;
use super::set::{Refused, SetArgs, Stdin, describe};
use super::{Done, fail};
use crate::api::Edit;
use crate::i18n::{FileOp, file_error, os_error, tr, tr_string};
use crate::model::Change;
use crate::model::edit::check_all;
use crate::service::codes::{plan_codes, resolve_among};
use crate::service::{PlanService, ServiceError};
use crate::tr_format;

/// A line refused: its number (from 1) and why.
struct LineRefused(usize, String);

/// `set --batch FILE`: the fields go in the file, not on the command line.
pub fn run(service: &dyn PlanService, args: &SetArgs, source: &Path) -> Done {
    if args.code.is_some() || args.fields.phase.is_some() || args.asks_for_fields() {
        return Err(fail(tr(
            "con --batch i campi vanno nel file, una modifica per riga (vedi obiettivi set --help)",
            "with --batch the fields go in the file, one edit per line (see obiettivi set --help)",
        )));
    }
    let text = read(source).map_err(fail)?;
    let loaded = service.load().map_err(fail)?;
    // A code as typed (`0601`) is the objective's whole code from here on.
    let resolve = |typed: &str| resolve_among(typed, plan_codes(&loaded.dataset));
    let mut refused = Vec::new();
    // The changes of each objective with the line each came from, in order of first appearance.
    let mut groups: Vec<(String, Vec<(usize, Change)>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line, &resolve) {
            Ok((code, changes)) => {
                let at = match groups.iter().position(|(c, _)| *c == code) {
                    Some(at) => at,
                    None => {
                        groups.push((code, Vec::new()));
                        groups.len() - 1
                    }
                };
                groups[at]
                    .1
                    .extend(changes.into_iter().map(|c| (number, c)));
            }
            Err(why) => refused.push(LineRefused(number, why)),
        }
    }
    if groups.is_empty() && refused.is_empty() {
        return Err(fail(tr(
            "il file non ha modifiche: una per riga, es. 05_1201_0601 --phase 1 --weight 40",
            "the file has no edits: one per line, e.g. 05_1201_0601 --phase 1 --weight 40",
        )));
    }
    // Each objective's changes checked together, as the service will apply them.
    for (code, changes) in &groups {
        let Some(o) = loaded.dataset.objectives.iter().find(|o| o.code == *code) else {
            let why = ServiceError::NoSuchObjective(code.clone()).to_string();
            refused.push(LineRefused(changes[0].0, why));
            continue;
        };
        let plain: Vec<Change> = changes.iter().map(|(_, c)| c.clone()).collect();
        if let Err((i, e)) = check_all(o, &plain) {
            refused.push(LineRefused(changes[i].0, format!("{code}: {e}")));
        }
    }
    if !refused.is_empty() {
        return Err(fail(listing(&mut refused)));
    }
    let versions = loaded.versions_by_code();
    let edits: Vec<Edit> = groups
        .iter()
        .map(|(code, changes)| Edit {
            code: code.clone(),
            changes: changes.iter().map(|(_, c)| c.clone()).collect(),
            expected: versions.get(code.as_str()).copied(),
            note: None,
        })
        .collect();
    // With --variation the whole batch goes into it, the plan unchanged.
    // An edit refused names the lines it came from.
    let refused = |e| match e {
        ServiceError::InEdit { index, code, error } => {
            let lines: Vec<String> = groups[index].1.iter().map(|(n, _)| n.to_string()).collect();
            fail(tr_format!(
                "{} {}: {code}: {error}\nNessuna modifica è stata scritta.",
                "{} {}: {code}: {error}\nNothing was written.",
                if lines.len() == 1 {
                    tr("riga", "line")
                } else {
                    tr("righe", "lines")
                },
                lines.join(", ")
            ))
        }
        e => fail(e),
    };
    if let Some(id) = args.variation {
        service.variation_record(id, &edits).map_err(refused)?;
        return Ok(recorded(&edits, id));
    }
    let stored = service.apply_many(&edits).map_err(refused)?;
    let mut out = String::new();
    for (edit, now) in edits.iter().zip(&stored) {
        for change in &edit.changes {
            out.push_str(&describe(change, &now.now.objective));
        }
    }
    let count: usize = edits.iter().map(|e| e.changes.len()).sum();
    out.push_str(&tr_format!(
        "salvato: {} in {}\n",
        "saved: {} in {}\n",
        crate::i18n::count(count, ("modifica", "modifiche"), ("change", "changes")),
        crate::i18n::objectives(edits.len())
    ));
    Ok(super::file_io::print_text(&out))
}

/// `3 modifiche registrate nella variazione 1 (…)`.
fn recorded(edits: &[Edit], id: u64) -> ExitCode {
    let count: usize = edits.iter().map(|e| e.changes.len()).sum();
    super::file_io::print_text(&tr_format!(
        "{} registrate nella variazione {id} (il piano non cambia finché non è approvata)\n",
        "{} recorded in variation {id} (the plan is unchanged until it is approved)\n",
        crate::i18n::count(count, ("modifica", "modifiche"), ("change", "changes"))
    ))
}

/// The batch's text, from the file or, for `-`, from stdin, read with a bound.
fn read(source: &Path) -> Result<String, String> {
    use crate::files::read::{ReadError, read_bounded, read_file};
    let (bytes, name) = if source == Path::new("-") {
        (read_bounded(std::io::stdin().lock()), "stdin".to_string())
    } else {
        (read_file(source), source.display().to_string())
    };
    let bytes = bytes.map_err(|e| match e {
        ReadError::Io(e) if source != Path::new("-") => file_error(FileOp::Read, source, &e),
        ReadError::Io(e) => tr_format!(
            "impossibile leggere stdin: {}",
            "cannot read stdin: {}",
            os_error(&e)
        ),
        e => format!("{name}: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|_| {
        tr_format!(
            "{name}: il file non è testo UTF-8",
            "{name}: the file is not UTF-8 text"
        )
    })
}

/// One line: shell words (quotes as in a shell), then the arguments of `set`.
fn parse_line(
    line: &str,
    resolve: &dyn Fn(&str) -> Result<String, ServiceError>,
) -> Result<(String, Vec<Change>), String> {
    let words =
        shlex::split(line).ok_or_else(|| tr_string("virgolette non chiuse", "unclosed quotes"))?;
    let command = SetArgs::augment_args(clap::Command::new("set").no_binary_name(true));
    let matches = command
        .try_get_matches_from(&words)
        .map_err(|e| super::help::usage_message(&e))?;
    let args = SetArgs::from_arg_matches(&matches).map_err(|e| super::help::usage_message(&e))?;
    if args.batch.is_some() {
        return Err(tr_string(
            "--batch non si usa dentro un batch",
            "--batch cannot be used inside a batch",
        ));
    }
    if args.plan_text.is_some() {
        return Err(tr_string(
            "--plan-text non si usa in un batch: obiettivi set --plan-text NOME -",
            "--plan-text is not for a batch: obiettivi set --plan-text NAME -",
        ));
    }
    if args.variation.is_some() {
        return Err(tr_string(
            "--variation si dà a set --batch, non in una riga: tutto il batch va nella variazione",
            "--variation goes with set --batch, not in a line: the whole batch goes into the variation",
        ));
    }
    if args.indicator.wanted() {
        return Err(tr_string(
            "gli indicatori non si modificano ancora con --batch: usa obiettivi set CODICE --indicator N …",
            "indicators are not edited with --batch yet: use obiettivi set CODE --indicator N …",
        ));
    }
    args.requested(Stdin::Unavailable, resolve)
        .map_err(|e| match e {
            Refused::Input(message) => message,
            Refused::Value(code, e) => format!("{code}: {e}"),
        })
}

fn listing(refused: &mut [LineRefused]) -> String {
    refused.sort_by_key(|r| r.0);
    let head = tr_format!(
        "{}; nessuna modifica è stata applicata:",
        "{}; nothing was applied:",
        crate::i18n::count(
            refused.len(),
            ("riga rifiutata", "righe rifiutate"),
            ("line refused", "lines refused")
        )
    );
    listed(
        &head,
        refused
            .iter()
            .map(|LineRefused(n, why)| tr_format!("riga {n}: {why}", "line {n}: {why}")),
    )
}
