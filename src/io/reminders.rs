//! What a monitoring period still lacks (`obiettivi reminders`), said two
//! ways: text for a person, grouped by manager and objective; CSV for a mail
//! merge, one row per missing item under a header.

use crate::i18n::{count, tr};
use crate::model::reminders::Reminders;
use crate::model::text::one_line;
use crate::model::values::format_date;
use crate::model::windows::describe;
use crate::tr_format;

/// The widest an objective's title is shown in the text.
const TITLE: usize = 70;

/// `Solleciti del periodo 30/06/2026 · finestra …`, then each manager with
/// their count, each objective, each missing item.
pub fn text(r: &Reminders) -> String {
    let mut out = tr_format!(
        "Solleciti del periodo {} · {}\n",
        "Reminders for period {} · {}\n",
        format_date(r.window.period),
        describe(&r.window)
    );
    if r.missing.is_empty() {
        out.push_str(tr(
            "Non manca nulla: ogni indicatore è rilevato, ogni avanzamento aggiornato, ogni narrativa scritta.\n",
            "Nothing is missing: every indicator is measured, every progress updated, every narrative written.\n",
        ));
        return out;
    }
    let managers = {
        let mut names: Vec<&str> = r.missing.iter().map(|m| m.manager.as_str()).collect();
        names.dedup();
        names.len()
    };
    out.push_str(&format!(
        "{}, {}\n",
        count(
            r.missing.len(),
            ("cosa mancante", "cose mancanti"),
            ("missing item", "missing items")
        ),
        count(
            managers,
            ("responsabile", "responsabili"),
            ("manager", "managers")
        )
    ));
    let (mut manager, mut code) = (None, None);
    for m in &r.missing {
        if manager != Some(&m.manager) {
            let theirs = r.missing.iter().filter(|o| o.manager == m.manager).count();
            out.push_str(&format!("\n{} ({theirs})\n", m.manager));
            manager = Some(&m.manager);
            code = None;
        }
        if code != Some(&m.code) {
            out.push_str(&format!("  {} {}\n", m.code, one_line(&m.title, TITLE)));
            code = Some(&m.code);
        }
        out.push_str(&format!("    {}\n", m.lack.said(&r.window)));
    }
    out
}

/// One row per missing item: responsabile, codice, obiettivo, periodo, tipo, cosa manca.
pub fn csv(r: &Reminders) -> Vec<u8> {
    let header = [
        tr("responsabile", "manager"),
        tr("codice", "code"),
        tr("obiettivo", "objective"),
        tr("periodo", "period"),
        tr("tipo", "kind"),
        tr("cosa manca", "missing"),
    ];
    let period = format_date(r.window.period);
    let rows: Vec<Vec<String>> = r
        .missing
        .iter()
        .map(|m| {
            vec![
                m.manager.clone(),
                m.code.clone(),
                m.title.clone(),
                period.clone(),
                m.lack.kind().to_string(),
                m.lack.said(&r.window),
            ]
        })
        .collect();
    super::csv::table(&header, &rows)
}
