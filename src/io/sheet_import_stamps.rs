//! The versions a sheet was exported at (`io::sheet::Stamp`), as its rows
//! say them: each objective's version and the history position, read before
//! the cells so that each cell can be merged against the export (`io::sheet_merge`).

use super::{Place, Refusal, Shape, code_index, data_rows, text_of};
use crate::io::sheet::{CODE_HEADER, HISTORY_HEADER, VERSION_HEADER};
use crate::io::sheet_merge::Exported;
use crate::io::sheet_read::Table;
use crate::model::{Dataset, normalise_code};
use crate::tr_format;

/// The export each objective's rows name (in the plan's order), or the
/// cells that say it badly: not a number, or two rows of one objective that disagree.
pub fn exported(
    sheets: &[(Table, Shape)],
    dataset: &Dataset,
) -> Result<Vec<Option<Exported>>, Vec<Refusal>> {
    let index = code_index(dataset);
    let mut found: Vec<Option<(Exported, Place)>> = vec![None; dataset.objectives.len()];
    let mut refusals = Vec::new();
    for (table, _) in sheets {
        let at = |header: &str| table.header.iter().position(|h| h == header);
        let (Some(code_at), Some(version_at)) = (at(CODE_HEADER), at(VERSION_HEADER)) else {
            continue;
        };
        let history_at = at(HISTORY_HEADER);
        for row in data_rows(table, None) {
            let code = normalise_code(&text_of(row.cell(code_at), table.neutralised));
            // An unknown code is refused when the rows are read.
            let Some(&i) = index.get(code.as_str()) else {
                continue;
            };
            let number = |j: usize| -> Result<Option<u64>, Refusal> {
                let typed = text_of(row.cell(j), false);
                match typed.trim() {
                    "" => Ok(None),
                    t => t.parse().map(Some).map_err(|_| Refusal {
                        place: row.place(Some(j)),
                        reason: tr_format!(
                            "«{typed}» non è una versione: è il numero che export ha scritto, da lasciare com'è",
                            "«{typed}» is not a version: it is the number export wrote, to be left as it is"
                        ),
                    }),
                }
            };
            let stamp = match (number(version_at), history_at.map(number)) {
                (Ok(Some(version)), Some(Ok(Some(seq)))) => Exported { version, seq },
                (Ok(_), None | Some(Ok(_))) => continue,
                (Err(r), _) | (_, Some(Err(r))) => {
                    refusals.push(r);
                    continue;
                }
            };
            match &found[i] {
                None => found[i] = Some((stamp, row.place(Some(version_at)))),
                Some((first, _)) if *first == stamp => {}
                Some((_, first)) => refusals.push(Refusal {
                    place: row.place(Some(version_at)),
                    reason: tr_format!(
                        "versione diversa da quella di un'altra riga dell'obiettivo {code} ({first})",
                        "a version other than another row's of objective {code} ({first})"
                    ),
                }),
            }
        }
    }
    if refusals.is_empty() {
        Ok(found.into_iter().map(|f| f.map(|(e, _)| e)).collect())
    } else {
        Err(refusals)
    }
}
