//! The indicator table (GUIDE §4): the phase table's ways on the objective's
//! indicators — cell cursor, type-to-edit, marks, `.`, `=` — and a measurement
//! is a cell like any other. Whatever touches several indicators is one save:
//! one transaction, one undo. The service decides who may change what (a
//! manager only measurements); a refusal is shown with its reason.

use chrono::NaiveDate;

use super::editing::{CellEdit, CellTarget};
use super::table::Table;
use super::{App, LastEdit, Mode, Status};
use crate::i18n::tr;
use crate::model::Change;
use crate::model::calendar::periods;
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::{Bands, Indicator, objective_achievement};
use crate::model::score::year_shown;
use crate::model::table::{Indicators, RowTable};
use crate::tui::action::Action;
use crate::tui::columns::{self, IndicatorColumn};
use crate::tui::keymap::Context;
use crate::tui::widgets::line_editor::LineEditor;

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

    fn focus_indicator_column(&mut self, column: IndicatorColumn) {
        let all = self.indicator_columns();
        self.indicators.col = all.iter().position(|c| *c == column).unwrap_or(0);
    }

    /// The actions that mean something else on the indicator table; false for
    /// those that mean the same everywhere (moves, panes, undo…).
    pub(crate) fn update_indicators(&mut self, action: Action) -> bool {
        use IndicatorField as F;
        match action {
            Action::EditWeight => self.edit_indicator_cell(IndicatorColumn::Field(F::Weight), true),
            Action::EditProgress => match current_period(&self.dataset.plan, self.today) {
                Some(period) => {
                    self.edit_indicator_cell(IndicatorColumn::Field(F::Measurement(period)), true)
                }
                None => {
                    self.status = Status::Error(
                        tr(
                            "il piano non ha periodi di monitoraggio",
                            "the plan has no monitoring periods",
                        )
                        .into(),
                    )
                }
            },
            Action::EqualWeights => self.equal_indicator_weights(),
            Action::Repeat => self.repeat_indicator_edit(),
            a if PHASES_ONLY.contains(&a) => {
                self.status = Status::Info(format!(
                    "{}: {}",
                    self.keys.keys_of(Context::Normal, action),
                    tr(
                        "vale per le fasi, non per gli indicatori",
                        "is for phases, not indicators"
                    )
                ))
            }
            _ => return false,
        }
        true
    }

    /// Opens the editor of `column`'s cell of the selected indicator (the
    /// achievement is worked out, not typed: its formula is shown instead).
    /// `select`: the old value selected, so that typing replaces it (`w`, `p`, `c`).
    pub(crate) fn edit_indicator_cell(&mut self, column: IndicatorColumn, select: bool) {
        let Some((objective, row, _)) = self.row_target(Table::Indicators) else {
            return;
        };
        self.focus_indicator_column(column);
        let indicator = &self.dataset.objectives[objective].indicators[row];
        let IndicatorColumn::Field(field) = column else {
            self.status = Status::Info(achievement_said(
                indicator,
                self.indicator_year(),
                self.dataset.plan.settings.bands,
            ));
            return;
        };
        self.mode = Mode::Cell(CellEdit {
            objective,
            target: CellTarget::Indicator {
                indicator: row,
                field,
            },
            editor: LineEditor::opening(&field.edit_text(indicator), select),
        });
    }

    /// Writes `text` into `field` of the `targets` indicators of `objective`, as one change.
    pub(crate) fn set_indicators(
        &mut self,
        objective: usize,
        targets: &[usize],
        field: IndicatorField,
        text: &str,
    ) -> Result<Status, String> {
        let o = &self.dataset.objectives[objective];
        let mut changes = Vec::new();
        for &i in targets {
            let Some(old) = o.indicators.get(i) else {
                continue;
            };
            let mut new = old.clone();
            Indicators::set_text(&mut new, field, text).map_err(|e| e.to_string())?;
            if new != *old {
                changes.push(Change::SetIndicator {
                    objective: o.code.clone(),
                    indicator: i,
                    value: new,
                });
            }
        }
        self.last_edit = Some(LastEdit::Indicator {
            field,
            text: text.to_string(),
        });
        if changes.is_empty() {
            return Ok(Self::already_so());
        }
        self.save(objective, &changes)?;
        let o = &self.dataset.objectives[objective];
        let shown = targets
            .first()
            .and_then(|i| o.indicators.get(*i))
            .map(|i| field.shown(i))
            .unwrap_or_default();
        let mut said = format!(
            "{} {}: {}",
            Table::Indicators.named(targets),
            field.label(),
            if shown.is_empty() {
                crate::model::values::format_opt_number(None)
            } else {
                shown
            }
        );
        // A measurement or a target moves the achievement: say where it is now.
        if let [one] = targets
            && let Some(i) = o.indicators.get(*one)
        {
            said.push_str(&format!(
                " · {}",
                achievement_said(
                    i,
                    year_shown(&self.dataset.plan, self.today),
                    self.dataset.plan.settings.bands
                )
            ));
        }
        Ok(Status::Saved(said))
    }

    /// Inserts an indicator named `text` at `at` (its targets and measurements come next).
    pub(crate) fn add_indicator(
        &mut self,
        objective: usize,
        at: usize,
        text: &str,
    ) -> Result<Status, String> {
        let mut value = Indicator::default();
        Indicators::set_text(&mut value, IndicatorField::Name, text).map_err(|e| e.to_string())?;
        let name = value.name.clone();
        let code = self.dataset.objectives[objective].code.clone();
        self.save(
            objective,
            &[Change::AddIndicator {
                objective: code,
                indicator: at,
                value,
            }],
        )?;
        let count = self.dataset.objectives[objective].indicators.len();
        self.indicators.rows_changed(at, count);
        Ok(Status::Saved(format!(
            "{} {} «{name}» {}",
            tr("indicatore", "indicator"),
            at + 1,
            tr("aggiunto", "added")
        )))
    }

    pub(crate) fn delete_indicator(&mut self, objective: usize, indicator: usize) {
        let o = &self.dataset.objectives[objective];
        let name = o
            .indicators
            .get(indicator)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        let change = Change::DeleteIndicator {
            objective: o.code.clone(),
            indicator,
        };
        self.status = match self.save(objective, &[change]) {
            Ok(()) => {
                let count = self.dataset.objectives[objective].indicators.len();
                self.indicators.rows_changed(self.indicators.row, count);
                Status::Saved(format!(
                    "{} «{name}» {}",
                    tr("indicatore", "indicator"),
                    tr("eliminato", "deleted")
                ))
            }
            Err(e) => Status::Error(e),
        };
    }

    /// `=` on the indicator table: their weights (or the marked ones') equal, Σ = 100.
    fn equal_indicator_weights(&mut self) {
        let Some((objective, targets, shares)) = self.equal_shares(Table::Indicators) else {
            return;
        };
        self.focus_indicator_column(IndicatorColumn::Field(IndicatorField::Weight));
        let o = &self.dataset.objectives[objective];
        let changes: Vec<Change> = targets
            .iter()
            .zip(&shares)
            .filter(|(i, share)| o.indicators[**i].weight != Some(**share))
            .map(|(&i, &share)| Change::SetIndicator {
                objective: o.code.clone(),
                indicator: i,
                value: Indicator {
                    weight: Some(share),
                    ..o.indicators[i].clone()
                },
            })
            .collect();
        if changes.is_empty() {
            self.status = Self::already_so();
            return;
        }
        let listed: Vec<String> = shares
            .iter()
            .map(|s| crate::model::values::format_number(*s))
            .collect();
        self.status = match self.save(objective, &changes) {
            Ok(()) => Status::Saved(format!(
                "{} {}: {}",
                tr("pesi uguali su", "equal weights over"),
                Table::Indicators.named(&targets),
                listed.join(" · ")
            )),
            Err(e) => Status::Error(e),
        };
    }

    /// `.` on the indicator table: the last indicator edit again, on the selected (or marked) ones.
    fn repeat_indicator_edit(&mut self) {
        let Some(LastEdit::Indicator { field, text }) = self.last_edit.clone() else {
            self.status = Status::Info(
                tr(
                    "nessuna modifica di un indicatore da ripetere",
                    "no indicator edit to repeat",
                )
                .into(),
            );
            return;
        };
        let Some((objective, row, _)) = self.row_target(Table::Indicators) else {
            return;
        };
        self.focus_indicator_column(IndicatorColumn::Field(field));
        let targets = self.indicators.targets(row);
        self.status = self
            .set_indicators(objective, &targets, field, &text)
            .unwrap_or_else(Status::Error);
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
pub fn objective_achievement_said(indicators: &[Indicator], year: i32, bands: Bands) -> String {
    let head = format!(
        "{} {year}",
        tr("Raggiungimento indicatori", "Indicator achievement")
    );
    match objective_achievement(indicators, year) {
        Some(a) => format!("{head} = {} {}", a.formula, bands.band(a.value).label()),
        None => format!(
            "{head}: {} ({})",
            crate::model::values::format_opt_number(None),
            tr(
                "nessun indicatore ha target e rilevazione nell'anno",
                "no indicator has a target and a measurement in the year"
            )
        ),
    }
}
