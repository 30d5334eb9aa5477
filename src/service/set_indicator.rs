//! `obiettivi set CODE --indicator N …` and `--add-indicator NAME …`
//! (GUIDE §3), and the TUI's `:set --indicator N …`: the cells of one
//! indicator of an objective, one change each.

use chrono::NaiveDate;
use clap::{Args, FromArgMatches};

use crate::i18n::{tr, tr_string};
use crate::model::PhaseField;
use crate::model::Value;
use crate::model::edit::Change;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicator_fields::{fields_for, parse_year};
use crate::model::indicators::Indicator;
use crate::model::table::{Indicators, RowTable};
use crate::model::values::parse_date;
use crate::service::set_flags::FieldFlags;
use crate::service::{PlanService, ServiceError};
use crate::tr_format;

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

/// `words` (what follows `set` and the code, split as a shell splits them)
/// read as `set` reads them: its fields and its indicator flags; a usage
/// error in the user's words.
pub fn from_words(words: &[String]) -> Result<(FieldFlags, IndicatorArgs), String> {
    let command = clap::Command::new("set").no_binary_name(true);
    let command = IndicatorArgs::augment_args(FieldFlags::augment_args(command));
    command
        .try_get_matches_from(words)
        .and_then(|m| {
            Ok((
                FieldFlags::from_arg_matches(&m)?,
                IndicatorArgs::from_arg_matches(&m)?,
            ))
        })
        .map_err(|e| super::usage::message(&e))
}

/// The changes `set` on an indicator asks for, each cell read as the
/// indicator table reads it; `phase_edits` are the phase-table flags given
/// (`--name` and `--weight` here mean the indicator's). `set` applies and
/// echoes them as it does a phase's.
pub fn build(
    service: &dyn PlanService,
    code: &str,
    args: &IndicatorArgs,
    phase_edits: &[(PhaseField, String)],
) -> Result<Vec<Change>, String> {
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
            return Err(tr_string(
                "gli indicatori si contano da 1 (--indicator 1 è il primo)",
                "indicators are numbered from 1 (--indicator 1 is the first)",
            ));
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
    // Every value is read as the indicator table reads a typed cell; each
    // cell given is one change, with the cell's text as the history records it.
    let mut cells = Vec::new();
    let mut set = |field: IndicatorField, text: &str| {
        Indicators::set_text(&mut indicator, field, text).map_err(|e| e.to_string())?;
        cells.push(field);
        Ok::<(), String>(())
    };
    // A phase flag sets the indicator's field of the same name (`--name`, `--weight`).
    for (field, text) in phase_edits {
        let name = field.column().name;
        let same = fields_for([], [])
            .into_iter()
            .find(|f| f.column().name == name);
        match same {
            Some(same) => set(same, text)?,
            None => {
                return Err(tr_format!(
                    "--{} vale per le fasi, non per gli indicatori",
                    "--{} is for phases, not indicators",
                    field.column().flag
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
        let cell = IndicatorField::Measurement(period);
        let stored = stored.indicators.get(index);
        let note = stored
            .and_then(|i| cell.number_and_note(i))
            .map_or("", |m| m.1);
        set(
            cell,
            &[value, note].join(if note.is_empty() { "" } else { "; " }),
        )?;
    }
    let objective = code.to_string();
    if args.add_indicator.is_some() {
        let add = Change::AddIndicator {
            objective,
            indicator: index,
            value: indicator,
        };
        return Ok(vec![add]);
    }
    let changes = cells.into_iter().map(|field| Change::SetIndicator {
        objective: objective.clone(),
        indicator: index,
        field,
        value: Value::Text(field.recorded(&indicator)),
    });
    Ok(changes.collect())
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
