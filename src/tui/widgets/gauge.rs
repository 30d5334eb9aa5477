//! The inline progress gauge: text, so it survives NO_COLOR and copy-paste.

use crate::model::values::{format_number, format_opt_number};

/// `████░░░░░░  40%`, or `·········· n/d` when there is no value.
pub fn gauge(progress: Option<f64>, width: usize) -> String {
    gauge_or(progress, width, &format_opt_number(None))
}

/// `gauge`, with `none` (`n/v`) said when there is no value.
pub fn gauge_or(progress: Option<f64>, width: usize, none: &str) -> String {
    match progress {
        Some(p) => format!("{} {:>4}%", bar(progress, width), format_number(p.round())),
        None => format!("{} {none:>5}", bar(None, width)),
    }
}

/// The bar alone: `████░░░░░░`, or `··········` when there is no value.
pub fn bar(progress: Option<f64>, width: usize) -> String {
    match progress {
        Some(p) => {
            let filled = (((p / 100.0) * width as f64).round() as usize).min(width);
            format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
        }
        None => "·".repeat(width),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauge_has_a_bar_and_a_number_or_n_d() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        assert_eq!(gauge(Some(40.0), 10), "████░░░░░░   40%");
        assert_eq!(gauge(Some(100.0), 4), "████  100%");
        assert_eq!(gauge(None, 4), "····   n/d");
    }
}
