//! What an import or a restore of a whole plan says and keeps: the backup
//! taken before it, the report of what it did after. Shared by `import`
//! (JSON, scheda text) and `restore`.

use std::process::ExitCode;

use super::{fail, progress};
use crate::api::{ImportReport, ObjectiveOutcome};
use crate::i18n::tr;
use crate::service::PlanService;

/// Saves the current plan to `<db>.snapshots/` before a change that replaces
/// much of it (import, restore), and says where; if that fails, nothing goes on.
pub fn keep_previous_state(
    store: &dyn PlanService,
    reason: &str,
) -> Result<std::path::PathBuf, ExitCode> {
    match store.backup(reason) {
        Ok(path) => {
            progress::note(&format!(
                "{}: {}",
                tr(
                    "copia dello stato precedente",
                    "snapshot of the previous state"
                ),
                path.display()
            ));
            Ok(path)
        }
        Err(e) => Err(fail(format!(
            "{}: {e}. {}",
            tr(
                "non riesco a salvare la copia di sicurezza",
                "cannot save the safety snapshot"
            ),
            tr(
                "Annullato, nessuna modifica.",
                "Cancelled, nothing changed."
            )
        ))),
    }
}

/// One line per objective, then a summary.
pub fn describe(report: &ImportReport, dry_run: bool) -> String {
    let mut out = String::new();
    let (mut added, mut changed, mut unchanged) = (0, 0, 0);
    for (code, outcome) in &report.objectives {
        let line = match outcome {
            ObjectiveOutcome::Added => {
                added += 1;
                format!("+ {code}  {}", tr("nuovo", "new"))
            }
            ObjectiveOutcome::Changed(fields) => {
                changed += 1;
                format!(
                    "~ {code}  {}: {}",
                    tr("modificato", "changed"),
                    fields.join(", ")
                )
            }
            ObjectiveOutcome::Unchanged => {
                unchanged += 1;
                format!("= {code}  {}", tr("invariato", "unchanged"))
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
    out.push_str(&format!(
        "{}: {}, {}, {}; {} {}, {} {} ({verb})\n",
        tr("obiettivi", "objectives"),
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
        tr("mandati nuovi", "new mandates"),
        report.mandates_added,
        tr("missioni nuove", "new missions"),
        report.missions_added,
    ));
    out
}
