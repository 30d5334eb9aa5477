//! What the indicator table has of its own (GUIDE §4): `p` opens this
//! period's measurement, the achievement column shows its formula, phase-only
//! keys say so. The rest is the one table editor (`rows`). The service decides
//! who may change what (a manager only measurements); a refusal is shown with
//! its reason.

use chrono::NaiveDate;

use super::table::Table;
use super::{App, Status};
use crate::i18n::tr;
use crate::model::Objective;
use crate::model::calendar::periods;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::{Bands, Indicator};
use crate::model::score::year_shown;
use crate::model::table::Indicators;
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::columns::{self, IndicatorColumn};
use crate::tui::keymap::Context;

/// Phase actions that mean nothing on the indicator table (it says so, and
/// `-` there may begin a negative value instead).
pub(crate) const PHASES_ONLY: &[Action] = &[
    Action::ProgressUp,
    Action::ProgressDown,
    Action::MoveRowDown,
    Action::MoveRowUp,
];

/// The monitoring period a manager measures on `today`: the first that has not
/// ended yet, or the last one of the plan.
pub fn current_period(plan: &crate::model::Plan, today: NaiveDate) -> Option<NaiveDate> {
    let all = periods(plan);
    all.iter()
        .copied()
        .find(|p| *p >= today)
        .or(all.last().copied())
}

impl App {
    /// The year whose achievement the TUI shows.
    pub fn indicator_year(&self) -> i32 {
        year_shown(&self.dataset.plan, self.today)
    }

    /// Whether any objective of the plan has an indicator (the pane then has a
    /// place of its own on a large screen).
    pub fn plan_has_indicators(&self) -> bool {
        self.summaries.iter().any(|s| s.indicators > 0)
    }

    pub fn indicator_columns(&self) -> Vec<IndicatorColumn> {
        columns::indicators(&self.dataset.plan)
    }

    /// The column the indicator table's cursor is on.
    pub fn indicator_column(&self) -> IndicatorColumn {
        let all = self.indicator_columns();
        all[self.indicators.col.min(all.len() - 1)]
    }

    /// The actions that mean something else on the indicator table; false for
    /// those that mean the same everywhere (moves, panes, undo…).
    pub(crate) fn update_indicators(&mut self, action: Action) -> bool {
        use IndicatorField as F;
        match action {
            Action::EditProgress => match current_period(&self.dataset.plan, self.today) {
                Some(period) => self.open_cell::<Indicators>(F::Measurement(period), true),
                None => {
                    self.status = Status::error(
                        "il piano non ha periodi di monitoraggio",
                        "the plan has no monitoring periods",
                    )
                }
            },
            a if PHASES_ONLY.contains(&a) => {
                self.status = Status::Info(tr_format!(
                    "{}: vale per le fasi, non per gli indicatori",
                    "{}: is for phases, not indicators",
                    self.keys.keys_of(Context::Normal, action)
                ))
            }
            _ => return false,
        }
        true
    }

    /// The achievement column is worked out, not typed: its formula is shown instead.
    pub(crate) fn show_achievement(&mut self) {
        let Some((objective, row, _)) = self.row_target(Table::Indicators) else {
            return;
        };
        let indicator = &self.dataset.objectives[objective].indicators[row];
        let (year, bands) = (self.indicator_year(), self.dataset.plan.settings.bands);
        self.status = Status::Info(achievement_said(indicator, year, bands));
    }
}

/// `raggiungimento 2026: (15 − 12)/(20 − 12)·100 = 37,5% non raggiunto`, or n/d and why.
pub fn achievement_said(i: &Indicator, year: i32, bands: Bands) -> String {
    let head = format!("{} {year}", tr("raggiungimento", "achievement"));
    match i.achievement(year) {
        Some(a) => format!("{head}: {} {}", a.formula, bands.band(a.value).label()),
        None if !i.targets.contains_key(&year) => format!(
            "{head}: {} ({} {year})",
            crate::model::values::format_opt_number(None),
            tr("manca il target", "no target for")
        ),
        None => format!(
            "{head}: {} ({} {year})",
            crate::model::values::format_opt_number(None),
            tr("nessuna rilevazione nel", "no measurement in")
        ),
    }
}

/// The objective's indicator achievement in `year`, as the footer and the status line say it.
/// (As the objective counts it: forced, or n/v.)
pub fn objective_achievement_said(o: &Objective, year: i32, bands: Bands) -> String {
    let head = format!(
        "{} {year}",
        tr("Raggiungimento indicatori", "Indicator achievement")
    );
    match o.achievement(year) {
        Some(a) => format!("{head} = {} {}", a.formula, bands.band(a.value).label()),
        None if let Some(said) = o.not_assessable_said() => format!("{head}: {said}"),
        None => tr_format!(
            "{head}: {} (nessun indicatore ha target e rilevazione nell'anno)",
            "{head}: {} (no indicator has a target and a measurement in the year)",
            crate::model::values::format_opt_number(None)
        ),
    }
}
