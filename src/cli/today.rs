//! "Today" for late phases: the local date, or a fixed one for tests.

use chrono::NaiveDate;
use clap::Args;

use crate::model::values::parse_date;

#[derive(Debug, Clone, Args)]
pub struct Today {
    /// Data di oggi, gg/mm/aaaa, al posto della data locale (per i test)
    #[arg(long = "today", hide = true, value_name = "GG/MM/AAAA", value_parser = date_arg)]
    today: Option<NaiveDate>,
}

impl Today {
    pub fn date(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// A date argument as the user types dates elsewhere (`31/12/2026`, or ISO).
pub(super) fn date_arg(text: &str) -> Result<NaiveDate, String> {
    match parse_date(text) {
        Ok(Some(date)) => Ok(date),
        Ok(None) => Err(crate::model::values::ValueError::Empty.to_string()),
        Err(e) => Err(e.to_string()),
    }
}
