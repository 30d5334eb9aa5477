//! What `import` says about a sheet merged three ways (`io::sheet_merge`):
//! the cells it kept because only someone else changed them, the cells it
//! refuses because both the file and someone else did (each with who, when
//! and the three values), and a file that carries no versions.

use std::path::Path;

use super::shortened;
use crate::cli::listing::listed;
use crate::i18n::tr;
use crate::io::sheet_import::Merged;
use crate::io::sheet_merge::{Spot, Three};
use crate::model::describe;
use crate::model::{Dataset, Field, Value};
use crate::tr_format;

/// Said before the changes of a file without versions.
pub fn unversioned() -> &'static str {
    tr(
        "Il file non porta le versioni dell'esportazione (un'esportazione precedente o un foglio fatto a mano): ogni cella diversa dal piano lo sostituisce, anche se un altro utente l'ha cambiata dopo.\n",
        "The file carries no export versions (an older export or a hand-made sheet): every cell that differs from the plan replaces it, even where another user changed it since.\n",
    )
}

/// The cells the file left as exported where the plan is newer: kept, and why.
pub fn kept(kept: &[Merged], dataset: &Dataset) -> String {
    if kept.is_empty() {
        return String::new();
    }
    let head = crate::i18n::count(
        kept.len(),
        (
            "cella lasciata com'è nel piano: il file ha il valore dell'esportazione, nel piano è cambiata dopo:",
            "celle lasciate come sono nel piano: il file ha il valore dell'esportazione, nel piano sono cambiate dopo:",
        ),
        (
            "cell left as the plan has it: the file has the exported value, the plan changed it since:",
            "cells left as the plan has them: the file has the exported value, the plan changed them since:",
        ),
    );
    let lines = kept.iter().map(|m| {
        let (at, stored, file) = said(m, dataset);
        tr_format!(
            "{at}: resta {stored}; nel file {file}",
            "{at}: stays {stored}; in the file {file}"
        )
    });
    listed(&head, lines) + "\n"
}

/// The refusal of cells both the file and someone else changed since the export.
pub fn conflicts(file: &Path, conflicts: &[Merged], dataset: &Dataset) -> String {
    let cells = crate::i18n::count(
        conflicts.len(),
        (
            "cella in conflitto: cambiata sia nel file sia nel piano dopo l'esportazione; nessuna modifica è stata scritta:",
            "celle in conflitto: cambiate sia nel file sia nel piano dopo l'esportazione; nessuna modifica è stata scritta:",
        ),
        (
            "cell in conflict: changed both in the file and in the plan since the export; nothing was written:",
            "cells in conflict: changed both in the file and in the plan since the export; nothing was written:",
        ),
    );
    let head = format!("{}: {cells}", file.display());
    let unknown = tr("non ricostruibile", "cannot be rebuilt");
    let lines = conflicts.iter().map(|m| {
        let (at, stored, file) = said(m, dataset);
        let t = &m.three;
        let exported = (t.exported.as_ref()).map_or_else(|| unknown.to_string(), |v| value(t, v));
        tr_format!(
            "{at}: all'esportazione {exported}, ora {stored}, nel file {file}",
            "{at}: at export {exported}, now {stored}, in the file {file}"
        )
    });
    let hint = tr(
        "Per applicare comunque i valori del file: import --force (la cronologia registra che è stato forzato); oppure esporta di nuovo e riporta le modifiche.",
        "To apply the file's values anyway: import --force (the history records that it was forced); or export again and redo the edits.",
    );
    format!("{}\n{hint}", listed(&head, lines))
}

/// A merged cell as a line says it: where it is and which cell, its value
/// in the plan with who set it, its value in the file.
fn said(m: &Merged, dataset: &Dataset) -> (String, String, String) {
    let t = &m.three;
    let at = format!("{}: {}", m.place, cell(t, dataset));
    (at, value(t, &t.stored) + &by(t), value(t, &t.file))
}

/// `05_1201_0201 fase 1 «NOME» Avanzamento`, `05_1201_0201 Responsabile`,
/// or `05_1201_0201 indicatore 1 «NOME» target 2026`.
fn cell(t: &Three, dataset: &Dataset) -> String {
    let o = dataset.objectives.iter().find(|o| o.code == t.code);
    let what = match &t.spot {
        Spot::Field { field, phase } => {
            let phase = phase.map(|i| {
                let name = o.and_then(|o| o.phases.get(i)).map(|p| shortened(&p.name));
                format!("{} ", describe::phase(i, name.as_deref()))
            });
            format!("{}{}", phase.unwrap_or_default(), field.label())
        }
        Spot::Indicator { index, cell } => {
            let name = o
                .and_then(|o| o.indicators.get(*index))
                .map(|i| shortened(&i.name));
            describe::indicator(*index, Some(*cell), name.as_deref())
        }
    };
    format!("{} {what}", t.code)
}

/// A value with its unit (`70%`), a text quoted.
fn value(t: &Three, v: &Value) -> String {
    let unit = match t.spot {
        Spot::Field {
            field: Field::Phase(f),
            ..
        } => f.column().unit,
        _ => "",
    };
    describe::quoted(v, unit)
}

/// ` (mrossi, 07/12/2026 06:10)`: who stored the newer value and when.
fn by(t: &Three) -> String {
    t.by.as_ref().map_or(String::new(), |(who, at)| {
        format!(" ({who}, {})", at.format("%d/%m/%Y %H:%M"))
    })
}
