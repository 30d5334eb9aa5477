//! Codes as users type them: `05_1201_0601`, `05 1201 0601`, or only its end
//! (`0601`, `1201_0601`) when no other objective ends so. The one resolver
//! every command that takes a code goes through (`set`, `set --batch`,
//! `report`, `history`), directly or through `obiettivi serve` alike: it reads
//! the plan's codes through the service, so both ways answer the same.

use super::{PlanService, ServiceError};
use crate::model::normalise_code;

/// The code of the objective `typed` names among `codes`: the code itself
/// (spelled with spaces or underscores), else the one code whose last
/// segments are `typed`'s (`0601` is `05_1201_0601`, `601` is nothing).
/// Several such codes: `AmbiguousCode`, with them all; none: `NoSuchObjective`.
pub fn resolve_among<'a>(
    typed: &str,
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<String, ServiceError> {
    let wanted = normalise_code(typed);
    let tail = format!("_{wanted}");
    let mut candidates = Vec::new();
    for code in codes {
        if code == wanted {
            return Ok(wanted);
        }
        if !wanted.is_empty() && code.ends_with(&tail) {
            candidates.push(code.to_string());
        }
    }
    match candidates.len() {
        0 => Err(ServiceError::NoSuchObjective(wanted)),
        1 => Ok(candidates.remove(0)),
        _ => Err(ServiceError::AmbiguousCode {
            typed: wanted,
            candidates,
        }),
    }
}

/// Each of `typed` resolved among `dataset`'s codes (`report 0601 0201`,
/// `check 0601`); when one or more do not resolve, why, all in one message.
pub fn resolve_each(
    typed: &[String],
    dataset: &crate::model::Dataset,
) -> Result<Vec<String>, String> {
    let (codes, refused): (Vec<_>, Vec<_>) = typed
        .iter()
        .map(|t| resolve_among(t, plan_codes(dataset)))
        .partition(Result::is_ok);
    if refused.is_empty() {
        Ok(codes.into_iter().filter_map(Result::ok).collect())
    } else {
        let why: Vec<String> = refused
            .into_iter()
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect();
        Err(why.join("; "))
    }
}

/// `resolve_among` the plan's codes, read through `service`: a whole code
/// by its own record, anything else from the outline.
pub fn resolve_code(service: &dyn PlanService, typed: &str) -> Result<String, ServiceError> {
    // A whole code, as scripts type it, is found by its key: reading the
    // outline's 10 000 summaries for it was 43 % of a `set`'s instructions.
    // An exact code is the answer `resolve_among` gives first anyway; anything
    // else (a tail, an error) goes through the outline, which says why.
    let wanted = normalise_code(typed);
    if !wanted.is_empty() && matches!(service.objective(&wanted), Ok(Some(_))) {
        return Ok(wanted);
    }
    let outline = service.outline()?;
    resolve_among(typed, outline.summaries.iter().map(|s| s.code.as_str()))
}

/// The codes of `dataset`'s objectives, in the plan's order.
pub fn plan_codes(dataset: &crate::model::Dataset) -> impl Iterator<Item = &str> {
    dataset.objectives.iter().map(|o| o.code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: [&str; 4] = ["05_1201_0601", "05_1201_0201", "06_1202_0201", "0201"];

    fn resolve(typed: &str) -> Result<String, ServiceError> {
        resolve_among(typed, CODES)
    }

    #[test]
    fn a_whole_code_or_a_unique_tail_of_segments_is_the_objective() {
        for typed in [
            "05_1201_0601",
            "05 1201 0601",
            "1201_0601",
            "1201 0601",
            "0601",
        ] {
            assert_eq!(resolve(typed).unwrap(), "05_1201_0601", "{typed}");
        }
        assert_eq!(resolve("1201_0201").unwrap(), "05_1201_0201");
        // An exact code wins over the codes it ends.
        assert_eq!(resolve("0201").unwrap(), "0201");
    }

    #[test]
    fn a_tail_of_several_codes_lists_them_and_a_part_of_a_segment_is_nothing() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let codes = ["05_1201_0201", "06_1202_0201"];
        let ambiguous = resolve_among("0201", codes).unwrap_err();
        assert_eq!(
            ambiguous,
            ServiceError::AmbiguousCode {
                typed: "0201".into(),
                candidates: vec!["05_1201_0201".into(), "06_1202_0201".into()],
            }
        );
        assert!(
            ambiguous.to_string().contains("05_1201_0201, 06_1202_0201"),
            "{ambiguous}"
        );
        for typed in ["601", "1_0601", "", "99_0601"] {
            assert!(
                matches!(resolve(typed), Err(ServiceError::NoSuchObjective(_))),
                "{typed}"
            );
        }
    }
}
