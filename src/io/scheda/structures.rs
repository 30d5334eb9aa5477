//! "Strutture coinvolte": budget structures, either one per tab-separated row
//! or flattened onto the label's line with the columns in any order
//! (`Strutture coinvolte Data Inizio Descrizione … Interventi per gli anziani Programma 0.00%`).

use super::error::SchedaError;
use super::lines::Line;
use super::programmes::restore;
use crate::i18n::tr;
use crate::model::Structure;
use crate::model::values::{parse_date, parse_percent};
use crate::tr_format;

/// Values of "Relazione" recognised in a flattened line, where nothing else
/// says where a description ends.
const RELATIONS: [&str; 3] = ["Programma", "Missione", "Progetto"];

/// Whether the line is the column header `Descrizione  Relazione  Competenza …`.
pub fn is_column_header(line: &Line) -> bool {
    line.flat().starts_with("Descrizione Relazione")
}

/// One tab-separated row: description, relation, share, start, end.
/// A row with only a description continues the previous one's (wrapped) description.
pub fn row(line: &Line, structures: &mut Vec<Structure>) -> Result<(), SchedaError> {
    let cells: Vec<&str> = line.cells();
    let cell = |i: usize| cells.get(i).copied().unwrap_or("");
    if cells.iter().skip(1).all(|c| c.is_empty())
        && let Some(previous) = structures.last_mut()
    {
        previous.description = restore(&format!("{} {}", previous.description, cell(0)));
        return Ok(());
    }
    structures.push(Structure {
        description: restore(cell(0)),
        relation: cell(1).to_string(),
        share: share(line, cell(2))?,
        start: date(line, cell(3))?,
        end: date(line, cell(4))?,
    });
    Ok(())
}

/// The structures flattened onto one line (the text after "Strutture coinvolte"
/// and before "Stakeholder"). Each relation word closes a structure; shares
/// and dates are given to the structures in the order they appear.
pub fn flattened(line: &Line, text: &str) -> Result<Vec<Structure>, SchedaError> {
    let mut words: Vec<&str> = Vec::new();
    let mut tokens = text.split_whitespace().peekable();
    let (mut shares, mut dates) = (Vec::new(), Vec::new());
    let mut structures: Vec<Structure> = Vec::new();
    let structure = |words: &[&str], relation: &str| Structure {
        description: restore(&words.join(" ")),
        relation: relation.to_string(),
        share: None,
        start: None,
        end: None,
    };
    while let Some(token) = tokens.next() {
        if token == "Data" && tokens.next_if(|t| *t == "Inizio" || *t == "Fine").is_some() {
            continue;
        }
        if ["Descrizione", "Relazione", "Competenza"].contains(&token) {
            continue;
        }
        if token.ends_with('%') {
            shares.push(share(line, token)?);
        } else if looks_like_date(token) {
            dates.push(date(line, token)?);
        } else if RELATIONS.contains(&token) {
            structures.push(structure(&words, token));
            words.clear();
        } else {
            words.push(token);
        }
    }
    if !words.is_empty() {
        structures.push(structure(&words, ""));
    }
    for (i, s) in structures.iter_mut().enumerate() {
        s.share = shares.get(i).copied().flatten();
        s.start = dates.get(2 * i).copied().flatten();
        s.end = dates.get(2 * i + 1).copied().flatten();
    }
    Ok(structures)
}

fn looks_like_date(token: &str) -> bool {
    token.matches('/').count() == 2 && token.chars().all(|c| c.is_ascii_digit() || c == '/')
}

fn share(line: &Line, text: &str) -> Result<Option<f64>, SchedaError> {
    parse_percent(text)
        .map_err(|e| SchedaError::new(line.no, tr_format!("Competenza: {e}", "share: {e}")))
}

fn date(line: &Line, text: &str) -> Result<Option<chrono::NaiveDate>, SchedaError> {
    let what = tr("Strutture coinvolte", "structures");
    parse_date(text).map_err(|e| SchedaError::new(line.no, format!("{what}: {e}")))
}
