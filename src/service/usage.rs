//! clap's usage errors in the user's language, from their kind and context
//! (clap's own rendering is English only): for the CLI's command lines and
//! for what the TUI's command line hands to the same flags (`:set`).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// `argomento inatteso «--foo»` + what clap suggests.
pub fn message(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => {
            tr_format!("argomento inatteso «{arg}»", "unexpected argument «{arg}»")
        }
        ErrorKind::InvalidSubcommand => format!(
            "{} «{}»",
            tr("comando sconosciuto", "unrecognized subcommand"),
            string(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!(
            "{} «{arg}»",
            tr("manca il valore di", "a value is required for")
        ),
        ErrorKind::InvalidValue => tr_format!(
            "valore non valido «{value}» per «{arg}»",
            "invalid value «{value}» for «{arg}»"
        ),
        ErrorKind::ValueValidation => tr_format!(
            "valore non valido «{value}» per «{arg}»: {}",
            "invalid value «{value}» for «{arg}»: {}",
            why_invalid(e)
        ),
        ErrorKind::MissingRequiredArgument => tr_format!(
            "mancano argomenti obbligatori: {}",
            "the following required arguments were not provided: {}",
            strings(e, ContextKind::InvalidArg).join(" ")
        ),
        ErrorKind::MissingSubcommand => format!(
            "{} «{}»",
            tr("manca il sottocomando di", "a subcommand is required by"),
            string(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg.clone()] {
                tr_format!(
                    "l'argomento «{arg}» non si può ripetere",
                    "the argument «{arg}» cannot be used multiple times"
                )
            } else {
                tr_format!(
                    "l'argomento «{arg}» non si può usare con «{}»",
                    "the argument «{arg}» cannot be used with «{}»",
                    prior.join("», «")
                )
            }
        }
        ErrorKind::TooManyValues => tr_format!(
            "valore di troppo «{value}» per «{arg}»",
            "unexpected value «{value}» for «{arg}»"
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => tr_format!(
            "numero di valori sbagliato per «{arg}»",
            "wrong number of values for «{arg}»"
        ),
        ErrorKind::NoEquals => format!(
            "{} «{arg}=…»",
            tr("serve il segno = ", "an equal sign is needed: ")
        ),
        ErrorKind::InvalidUtf8 => tr_string(
            "un argomento non è testo UTF-8",
            "an argument is not UTF-8 text",
        ),
        _ => tr_string("riga di comando non valida", "invalid command line"),
    };
    let valid = strings(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&format!(
            " ({}: {})",
            tr("valori possibili", "possible values"),
            valid.join(", ")
        ));
    }
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|kind| strings(e, kind))
    .collect::<Vec<_>>();
    if !suggested.is_empty() {
        text.push_str(&format!(
            "; {} «{}»?",
            tr("forse", "did you mean"),
            suggested.join("», «")
        ));
    }
    text
}

/// Why a value parser refused the value: ours say it in the user's language;
/// the standard number parsers only in English, so those are said here.
fn why_invalid(e: &clap::Error) -> String {
    use std::num::IntErrorKind;
    let Some(source) = std::error::Error::source(e) else {
        return String::new();
    };
    match source
        .downcast_ref::<std::num::ParseIntError>()
        .map(|p| p.kind())
    {
        Some(IntErrorKind::PosOverflow | IntErrorKind::NegOverflow) => {
            tr_string("numero troppo grande", "number too large")
        }
        Some(_) => tr_string(
            "serve un numero intero positivo",
            "a positive whole number is needed",
        ),
        None => source.to_string(),
    }
}

fn string(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        _ => Vec::new(),
    }
}
