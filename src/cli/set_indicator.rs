//! `obiettivi set CODE --indicator N …` and `--add-indicator NAME …`
//! (GUIDE §3): one indicator of an objective, changed as one change.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::fail;
use crate::i18n::tr;
use crate::model::Objective;
use crate::model::PhaseField;
use crate::model::edit::Change;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicator_fields::parse_year;
use crate::model::indicators::Indicator;
use crate::model::table::{Indicators, RowTable};
use crate::model::values::parse_date;
use crate::service::{PlanService, ServiceError};

#[derive(Debug, Args, Default)]
pub struct IndicatorArgs {
    /// Numero dell'indicatore, da 1 (con --target, --baseline, --measure, --name, --unit, --weight …)
    #[arg(long, value_name = "N")]
    pub indicator: Option<usize>,
    /// Aggiunge un indicatore con questo nome, in fondo all'elenco
    #[arg(long, value_name = "NOME", conflicts_with = "indicator")]
    pub add_indicator: Option<String>,
    /// Target di un anno del piano, es. 2026=20 (ripetibile)
    #[arg(long, value_name = "ANNO=VALORE")]
    pub target: Vec<String>,
    /// Valore di partenza e il suo anno, es. 12@2025
    #[arg(long, value_name = "VALORE@ANNO")]
    pub baseline: Option<String>,
    /// Rilevazione di un periodo di monitoraggio, es. 30/06/2026=15 (ripetibile)
    #[arg(long, value_name = "PERIODO=VALORE")]
    pub measure: Vec<String>,
    /// Unità di misura dell'indicatore, es. «n.», «%», «giorni»
    #[arg(long, value_name = "TESTO")]
    pub unit: Option<String>,
    /// Polarità: crescente (più è meglio) o decrescente
    #[arg(long, value_name = "crescente|decrescente")]
    pub polarity: Option<String>,
    /// Regola: lineare (proporzionale) o soglia (raggiunto o no)
    #[arg(long, value_name = "lineare|soglia")]
    pub rule: Option<String>,
}

impl IndicatorArgs {
    pub fn wanted(&self) -> bool {
        self.indicator.is_some() || self.add_indicator.is_some()
    }
}

/// `set` on an indicator; `phase_edits` are the phase-table flags given
/// (`--name` and `--weight` here mean the indicator's).
pub fn run(
    service: &dyn PlanService,
    code: &str,
    args: &IndicatorArgs,
    phase_edits: &[(PhaseField, String)],
) -> ExitCode {
    match build(service, code, args, phase_edits) {
        Ok(change) => match service.apply(code, std::slice::from_ref(&change), None) {
            Ok(stored) => {
                let index = match &change {
                    Change::SetIndicator { indicator, .. }
                    | Change::AddIndicator { indicator, .. } => *indicator,
                    _ => 0,
                };
                let i = &stored.objective.indicators[index];
                super::file_io::write_stdout(
                    format!(
                        "{code} {} {} «{}»\n{}",
                        tr("indicatore", "indicator"),
                        index + 1,
                        i.name,
                        tr("salvato\n", "saved\n")
                    )
                    .as_bytes(),
                )
            }
            // The values asked for are those stored: said, and not an error.
            Err(e @ ServiceError::NothingToChange) => {
                super::file_io::print_text(&format!("{code}: {e}\n"))
            }
            Err(e) => fail(format!(
                "{code}: {e}. {}",
                tr("Nulla è cambiato.", "Nothing changed.")
            )),
        },
        Err(why) => fail(format!(
            "{code}: {why}. {}",
            tr("Nulla è cambiato.", "Nothing changed.")
        )),
    }
}

pub(super) fn build(
    service: &dyn PlanService,
    code: &str,
    args: &IndicatorArgs,
    phase_edits: &[(PhaseField, String)],
) -> Result<Change, String> {
    let stored = service
        .objective(code)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| ServiceError::NoSuchObjective(code.to_string()).to_string())?
        .objective;
    let (index, mut indicator) = match (&args.add_indicator, args.indicator) {
        (Some(name), _) => (
            stored.indicators.len(),
            Indicator {
                name: name.trim().to_string(),
                ..Indicator::default()
            },
        ),
        (None, Some(0)) | (None, None) => {
            return Err(tr(
                "gli indicatori si contano da 1 (--indicator 1 è il primo)",
                "indicators are numbered from 1 (--indicator 1 is the first)",
            )
            .into());
        }
        (None, Some(n)) => match stored.indicators.get(n - 1) {
            Some(i) => (n - 1, i.clone()),
            None => {
                return Err(format!(
                    "{} {n} ({} {})",
                    tr("non c'è l'indicatore", "there is no indicator"),
                    tr("indicatori:", "indicators:"),
                    stored.indicators.len()
                ));
            }
        },
    };
    // Every value is read as the indicator table reads a typed cell.
    let mut set = |field: IndicatorField, text: &str| {
        Indicators::set_text(&mut indicator, field, text).map_err(|e| e.to_string())
    };
    for (field, text) in phase_edits {
        match field {
            PhaseField::Name => set(IndicatorField::Name, text)?,
            PhaseField::Weight => set(IndicatorField::Weight, text)?,
            other => {
                return Err(format!(
                    "--{} {}",
                    other.column().flag,
                    tr(
                        "vale per le fasi, non per gli indicatori",
                        "is for phases, not indicators"
                    )
                ));
            }
        }
    }
    let words = [
        (IndicatorField::Unit, &args.unit),
        (IndicatorField::Polarity, &args.polarity),
        (IndicatorField::Rule, &args.rule),
        (IndicatorField::Baseline, &args.baseline),
    ];
    for (field, text) in words {
        if let Some(text) = text {
            set(field, text)?;
        }
    }
    for target in &args.target {
        let (year, value) = pair(target, '=', "--target", "2026=20")?;
        let year = parse_year(year).map_err(|e| format!("--target: {}", e.said("")))?;
        set(IndicatorField::Target(year), value)?;
    }
    for m in &args.measure {
        let (period, value) = pair(m, '=', "--measure", "30/06/2026=15")?;
        let period = date(period)?;
        // A measurement measured again keeps its note.
        let note = stored_note(&stored, index, period);
        set(
            IndicatorField::Measurement(period),
            &[value, note].join(if note.is_empty() { "" } else { "; " }),
        )?;
    }
    let objective = code.to_string();
    Ok(if args.add_indicator.is_some() {
        Change::AddIndicator {
            objective,
            indicator: index,
            value: indicator,
        }
    } else {
        Change::SetIndicator {
            objective,
            indicator: index,
            value: indicator,
        }
    })
}

fn pair<'a>(
    text: &'a str,
    sep: char,
    flag: &str,
    example: &str,
) -> Result<(&'a str, &'a str), String> {
    text.split_once(sep)
        .map(|(a, b)| (a.trim(), b.trim()))
        .ok_or_else(|| {
            format!(
                "{flag} «{text}»: {} {example}",
                tr("scrivi es.", "write e.g.")
            )
        })
}

fn date(text: &str) -> Result<NaiveDate, String> {
    match parse_date(text) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(format!(
            "--measure: {}",
            tr("manca il periodo", "the period is missing")
        )),
        Err(e) => Err(format!("--measure: {e}")),
    }
}

/// The note of the measurement of `period` of indicator `index`, as stored.
fn stored_note(stored: &Objective, index: usize, period: NaiveDate) -> &str {
    stored
        .indicators
        .get(index)
        .and_then(|i| i.measurements.iter().find(|m| m.period == period))
        .map_or("", |m| m.note.as_str())
}
