//! What an import or a restore of a whole plan says and keeps: the backup
//! taken before it, the report of what it did after. Shared by `import`
//! (JSON, scheda text) and `restore`.

use std::process::ExitCode;

use super::{fail, progress};
use crate::api::{ImportReport, ObjectiveOutcome};
use crate::i18n::tr;
use crate::service::PlanService;
use crate::tr_format;

/// Saves the current plan to `<db>.snapshots/` before a change that replaces
/// much of it (import, restore), and says where; if that fails, nothing goes on.
pub fn keep_previous_state(
    store: &dyn PlanService,
    reason: &str,
) -> Result<std::path::PathBuf, ExitCode> {
    let path = store.backup(reason).map_err(|e| {
        fail(tr_format!(
            "non riesco a salvare la copia di sicurezza: {e}. Annullato, nessuna modifica.",
            "cannot save the safety snapshot: {e}. Cancelled, nothing changed."
        ))
    })?;
    progress::note(&tr_format!(
        "copia dello stato precedente: {}",
        "snapshot of the previous state: {}",
        path.display()
    ));
    Ok(path)
}

/// One line per objective, then a summary.
pub fn describe(report: &ImportReport, dry_run: bool) -> String {
    let mut out = String::new();
    let (mut added, mut changed, mut unchanged) = (0, 0, 0);
    for (code, outcome) in &report.objectives {
        let line = match outcome {
            ObjectiveOutcome::Added => {
                added += 1;
                tr_format!("+ {code}  nuovo", "+ {code}  new")
            }
            ObjectiveOutcome::Changed(fields) => {
                changed += 1;
                tr_format!(
                    "~ {code}  modificato: {}",
                    "~ {code}  changed: {}",
                    fields.join(", ")
                )
            }
            ObjectiveOutcome::Unchanged => {
                unchanged += 1;
                tr_format!("= {code}  invariato", "= {code}  unchanged")
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    let verb = match (dry_run, report.changes_anything()) {
        (true, _) => tr(
            "prova, nulla è stato scritto",
            "dry run, nothing was written",
        ),
        (false, true) => tr("importato e salvato", "imported and saved"),
        (false, false) => tr("nulla da cambiare", "nothing to change"),
    };
    use crate::i18n::count;
    out.push_str(&tr_format!(
        "obiettivi: {}, {}, {}; mandati nuovi {}, missioni nuove {} ({verb})\n",
        "objectives: {}, {}, {}; new mandates {}, new missions {} ({verb})\n",
        count(added, ("nuovo", "nuovi"), ("new", "new")),
        count(
            changed,
            ("modificato", "modificati"),
            ("changed", "changed")
        ),
        count(
            unchanged,
            ("invariato", "invariati"),
            ("unchanged", "unchanged")
        ),
        report.mandates_added,
        report.missions_added
    ));
    out
}
