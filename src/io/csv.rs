//! CSV export for spreadsheets with Italian settings (Excel, LibreOffice):
//! one row per phase with its objective's, mission's and mandate's fields;
//! `;` between fields, decimal comma, dates dd/mm/yyyy, UTF-8 with a BOM
//! (without it Excel reads UTF-8 as the local code page), CRLF line ends.
//!
//! The header is in Italian whatever the reader's language: like the decimal
//! comma, it belongs to the format, and scripts can rely on it.

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use crate::i18n::Lang;
use crate::io::hygiene::spreadsheet_cell;
use crate::model::fields::{Kind, PHASE_COLUMNS};
use crate::model::rollup::weight_sum;
use crate::model::values::format_number_in;
use crate::model::{Dataset, Mandate, Mission, Objective, Phase};

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// Columns of the objective (repeated on each of its phases' rows).
pub const OBJECTIVE_HEADER: [&str; 12] = [
    "Mandato",
    "Titolo mandato",
    "Missione",
    "Titolo missione",
    "Obiettivo",
    "Obiettivo operativo",
    "Assessorato",
    "Centro di Responsabilità",
    "Responsabile",
    "Stato",
    "Avanzamento obiettivo",
    "Somma pesi",
];

/// Columns of the phase: its number, then the table of phase fields.
pub fn phase_header() -> impl Iterator<Item = &'static str> {
    std::iter::once("N. fase").chain(PHASE_COLUMNS.iter().map(|c| c.csv))
}

/// The whole plan as CSV bytes. An objective without phases still gets one
/// row (with the phase columns empty), so that every objective is listed.
pub fn to_bytes(dataset: &Dataset) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    let mut writer = WriterBuilder::new()
        .delimiter(b';')
        .quote_style(QuoteStyle::Necessary)
        .terminator(Terminator::CRLF)
        .from_writer(&mut out);
    // Writing to a Vec cannot fail; the results are only Err on I/O errors.
    let _ = writer.write_record(OBJECTIVE_HEADER.iter().copied().chain(phase_header()));
    for o in &dataset.objectives {
        let mission = dataset.missions.iter().find(|m| m.code == o.mission);
        let mandate = mission.and_then(|m| dataset.mandates.iter().find(|d| d.code == m.mandate));
        let head = objective_columns(o, mission, mandate);
        if o.phases.is_empty() {
            let _ = writer.write_record(head.iter().cloned().chain(phase_columns(None)));
        }
        for (i, p) in o.phases.iter().enumerate() {
            let _ = writer.write_record(head.iter().cloned().chain(phase_columns(Some((i, p)))));
        }
    }
    let _ = writer.flush();
    drop(writer);
    out
}

/// What someone typed, never a live formula in the spreadsheet.
fn text(value: &str) -> String {
    spreadsheet_cell(value).into_owned()
}

fn number(value: Option<f64>) -> String {
    value
        .map(|v| format_number_in(v, Lang::It))
        .unwrap_or_default()
}

fn objective_columns(
    o: &Objective,
    mission: Option<&Mission>,
    mandate: Option<&Mandate>,
) -> Vec<String> {
    vec![
        text(mandate.map_or("", |m| &m.code)),
        text(mandate.map_or("", |m| &m.title)),
        text(&o.mission),
        text(mission.map_or("", |m| &m.title)),
        text(&o.code),
        text(&o.operational_objective),
        text(&o.assessorato),
        text(&o.responsibility_centre),
        text(&o.manager),
        text(o.status.as_deref().unwrap_or_default()),
        number(o.progress().map(|r| r.value)),
        number(weight_sum(&o.phases)),
    ]
}

fn phase_columns(phase: Option<(usize, &Phase)>) -> Vec<String> {
    let Some((i, p)) = phase else {
        return vec![String::new(); phase_header().count()];
    };
    std::iter::once((i + 1).to_string())
        .chain(PHASE_COLUMNS.iter().map(|c| match c.kind {
            Kind::Text | Kind::Name => text(&c.csv_cell(p)),
            Kind::Date | Kind::Percent => c.csv_cell(p),
        }))
        .collect()
}
