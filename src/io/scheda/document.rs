//! The document's own header, before the first objective:
//! ```text
//! SCHEDA OBIETTIVI
//! Data elaborazione 05/08/2025
//! Parametri selezionati:
//! VistaDUP_2026_2028 DUP 2026 2028LivelloOBIETTIVO DI PROGRAMMA
//! Responsabile VISENTIN RICCARDO
//! ```

use super::error::SchedaError;
use super::lines::{Line, Page};
use super::text::{is_label, strip_label};
use crate::i18n::tr;
use crate::model::Plan;
use crate::model::values::parse_date;
use crate::tr_format;

/// The plan, and what is left of the first page after the document header
/// (an objective may begin on the same page).
pub fn read(page: Page) -> Result<(Plan, Option<Page>), SchedaError> {
    let mut lines = page.lines.into_iter().peekable();
    match lines.next() {
        Some(first) if is_label(&first.flat(), "SCHEDA OBIETTIVI") => {}
        other => {
            return Err(SchedaError::new(
                other.map_or(1, |l| l.no),
                tr(
                    "non è una Scheda Obiettivi (la prima riga deve essere «SCHEDA OBIETTIVI») \
                     né un file JSON obiettivi/1 (che inizia con «{»)",
                    "neither a Scheda Obiettivi (the first line must be «SCHEDA OBIETTIVI») \
                     nor an obiettivi/1 JSON file (which starts with «{»)",
                ),
            ));
        }
    }
    let mut plan = Plan::default();
    while let Some(line) = lines.next_if(|l| l.is_blank() || is_document_line(l)) {
        read_line(&line, &mut plan)?;
    }
    let rest: Vec<Line> = lines.collect();
    Ok((plan, (!rest.is_empty()).then_some(Page { lines: rest })))
}

fn is_document_line(line: &Line) -> bool {
    let flat = line.flat();
    [
        "Data elaborazione",
        "Parametri selezionati",
        "Vista",
        "Responsabile",
    ]
    .iter()
    .any(|label| flat.starts_with(label))
}

fn read_line(line: &Line, plan: &mut Plan) -> Result<(), SchedaError> {
    let flat = line.flat();
    if let Some(date) = strip_label(&flat, "Data elaborazione") {
        plan.printed_on = parse_date(date).map_err(|e| {
            SchedaError::new(
                line.no,
                tr_format!("Data elaborazione: {e}", "print date: {e}"),
            )
        })?;
    } else if let Some(manager) = strip_label(&flat, "Responsabile") {
        plan.manager = manager.to_string();
    } else if let Some(view) = flat.strip_prefix("Vista") {
        let (view, level) = view.split_once("Livello").unwrap_or((view, ""));
        plan.title = plan_title(view);
        plan.level = level.trim().to_string();
    }
    Ok(())
}

/// `DUP_2026_2028 DUP 2026 2028` reads "DUP 2026-2028"; any other view is kept as printed.
fn plan_title(view: &str) -> String {
    let words: Vec<&str> = view
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &&str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    words
        .windows(3)
        .find(|w| year(&w[1]) && year(&w[2]))
        .map(|w| format!("{} {}-{}", w[0], w[1], w[2]))
        .unwrap_or_else(|| super::lines::collapse(view))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(plan_title("DUP_2026_2028 DUP 2026 2028"), "DUP 2026-2028");
        assert_eq!(plan_title(" PEG 2025 "), "PEG 2025");
    }
}
