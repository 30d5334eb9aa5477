//! `history`, `backup` and `restore`: what changed, and getting a known state back.

use std::path::Path;
use std::process::ExitCode;

use super::transfer::{keep_previous_state, print_text, read_text};
use super::{fail, who};
use crate::i18n::tr;
use crate::io::{history, json, snapshot};
use crate::model::normalise_code;
use crate::server::connect::Db;

/// One line per change, oldest first; only `code`'s when given.
pub fn print_history(store: &Db, code: Option<&str>) -> ExitCode {
    let code = code.map(normalise_code);
    if let Some(c) = &code {
        match store.objective(c) {
            Ok(Some(_)) => {}
            Ok(None) => {
                return fail(format!(
                    "{} «{c}» {}",
                    tr("l'obiettivo", "objective"),
                    tr("non esiste", "does not exist")
                ));
            }
            Err(e) => return fail(e),
        }
    }
    match store.history(code.as_deref()) {
        Ok(entries) => {
            let text: String = entries.iter().map(|e| history::line(e) + "\n").collect();
            print_text(&text)
        }
        Err(e) => fail(e),
    }
}

/// Writes a JSON snapshot to `output`, or to `<db>.snapshots/` when none is given.
pub fn backup(store: &Db, output: Option<&Path>) -> ExitCode {
    let written = match output {
        Some(path) => store.load().map_err(|e| e.to_string()).and_then(|dataset| {
            crate::files::write_atomically(path, json::to_string(&dataset).as_bytes())
                .map(|_| path.to_path_buf())
                .map_err(|e| e.to_string())
        }),
        None => store.snapshot("backup"),
    };
    match written {
        Ok(path) => print_text(&format!(
            "{}: {}\n",
            tr("backup scritto", "backup written"),
            path.display()
        )),
        Err(e) => fail(e),
    }
}

/// The snapshots kept beside the database, oldest first, with their size.
pub fn list_snapshots(store: &Db) -> ExitCode {
    match snapshot::list(store.path()) {
        Ok(files) => {
            let text: String = files
                .iter()
                .map(|(path, bytes)| format!("{}  {} KB\n", path.display(), bytes.div_ceil(1024)))
                .collect();
            print_text(&text)
        }
        Err(e) => fail(e),
    }
}

/// Replaces the database with the backup in `file`, after a snapshot of the current state.
pub fn restore(store: &Db, file: &Path) -> ExitCode {
    let text = match read_text(file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let dataset = match json::parse(&text) {
        Ok(d) => d,
        Err(e) => {
            return fail(format!(
                "{}: {e}\n{}",
                file.display(),
                tr("Nessuna modifica è stata scritta.", "Nothing was written.")
            ));
        }
    };
    let kept = match keep_previous_state(store, "restore") {
        Ok(path) => path,
        Err(code) => return code,
    };
    match store.replace(&dataset, &who()) {
        Ok(report) => print_text(&format!(
            "{}: {} {} · {}: {}\n",
            tr("ripristinato", "restored"),
            report.objectives.len(),
            tr("obiettivi", "objectives"),
            tr("stato precedente in", "previous state in"),
            kept.display()
        )),
        Err(e) => fail(e),
    }
}
