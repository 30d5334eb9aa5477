//! The header printed again at the top of every further page of an objective,
//! in many shapes: labels in any order, the code (or none), assessorato and
//! CdR side by side or interleaved on one line, the operational objective
//! whole, in pieces, or cut into two columns whose words interleave,
//! "SCHEDA OBIETTIVI", "Responsabile" with the name on the same or the next line.
//!
//! It is recognised against the objective's own values: a line belongs to the
//! header when every cell is a header label, the code, or text that the
//! objective's header values account for. The body begins at the first line
//! that is not.

use super::body::is_marker;
use super::codes::objective_code;
use super::lines::{Line, Page, collapse};
use super::text::{is_fragment_of, is_scrambled_fragment_of, strip_label, words};

/// The objective's header values, as read on its first page.
pub struct Heading<'a> {
    pub assessorato: &'a str,
    pub responsibility_centre: &'a str,
    pub manager: &'a str,
    pub operational_objective: &'a str,
}

/// Labels of the repeated header.
const LABELS: [&str; 7] = [
    "OBIETTIVO DI PROGRAMMA",
    "OBIETTIVO DI",
    "PROGRAMMA",
    "SCHEDA OBIETTIVI",
    "Assessorato",
    "Centro di Responsabilità",
    "Responsabile",
];

/// Where the page's body begins, and the objective code its header prints
/// (with the line), if any.
pub fn skip(page: &Page, heading: &Heading) -> (usize, Option<(String, usize)>) {
    let mut code = None;
    for (i, line) in page.lines.iter().enumerate() {
        if !is_header_line(line, heading, &mut code) {
            return (i, code);
        }
    }
    (page.lines.len(), code)
}

fn is_header_line(line: &Line, h: &Heading, code: &mut Option<(String, usize)>) -> bool {
    if line.is_blank() {
        return true;
    }
    if is_marker(line) {
        return false;
    }
    let cells: Vec<&str> = line.cells().into_iter().filter(|c| !c.is_empty()).collect();
    let mut found = None;
    let header =
        cells.iter().all(|c| is_header_cell(c, h, &mut found)) || is_two_column_line(&cells, h);
    if let (true, Some(c)) = (header, found) {
        code.get_or_insert((c, line.no));
    }
    header
}

/// `Tutelare i diritti del assistenza e di pro  le persone fragili … mozione …  Responsabile X`:
/// the operational objective printed in two columns cut mid-word, then the manager.
fn is_two_column_line(cells: &[&str], h: &Heading) -> bool {
    let Some((last, text)) = cells.split_last() else {
        return false;
    };
    !text.is_empty()
        && strip_label(last, "Responsabile").is_some()
        && text
            .iter()
            .all(|c| is_scrambled_fragment_of(c, h.operational_objective))
}

fn is_header_cell(cell: &str, h: &Heading, code: &mut Option<String>) -> bool {
    let mut rest = cell;
    let mut labelled = false;
    while let Some(after) = LABELS.iter().find_map(|l| strip_label(rest, l)) {
        rest = after;
        labelled = true;
    }
    if let Some((c, after)) = objective_code(rest) {
        *code = Some(c);
        rest = after;
        labelled = true;
    }
    if rest.is_empty() {
        return true;
    }
    if labelled {
        // After a label or the code, any mix of the header's values.
        let vocabulary: Vec<&str> = [h.assessorato, h.responsibility_centre, h.manager]
            .iter()
            .flat_map(|v| words(v))
            .chain(LABELS.iter().flat_map(|l| words(l)))
            .collect();
        return words(rest).all(|w| vocabulary.contains(&w))
            || is_fragment_of(rest, h.operational_objective);
    }
    // Alone, a value or a piece of one; at least two words, so that a lone
    // word of the body is not taken for a piece of the header.
    let rest = unify(rest);
    rest == unify(h.manager)
        || words(&rest).nth(1).is_some()
            && [
                h.assessorato,
                h.responsibility_centre,
                h.operational_objective,
            ]
            .iter()
            .any(|v| is_fragment_of(&rest, &unify(v)))
}

/// The assessorato is printed both `VISENTIN_Welfare` and `VISENTIN Welfare`.
fn unify(text: &str) -> String {
    collapse(&text.replace('_', " "))
}
