//! The tables' column orders, left to right as the cell cursor counts them:
//! the state (`app`) moves the cursor over them and the panes draw them, so
//! they live here, below both.

use crate::model::PhaseField;
use crate::model::Plan;
use crate::model::indicator_fields::IndicatorField;
use crate::model::table::{Indicators, RowTable};

/// The phase table's columns: the key ones first (frozen), then those that scroll.
pub const PHASES: [PhaseField; 10] = [
    PhaseField::Name,
    PhaseField::Weight,
    PhaseField::Progress,
    PhaseField::PlannedStart,
    PhaseField::PlannedEnd,
    PhaseField::ActualStart,
    PhaseField::ActualEnd,
    PhaseField::Manager,
    PhaseField::ResponsibilityCentre,
    PhaseField::Notes,
];

/// A column of the indicator table: a field, or the achievement worked out from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorColumn {
    Achievement,
    Field(IndicatorField),
}

/// The indicator table's columns for `plan`: the achievement after the weight.
pub fn indicators(plan: &Plan) -> Vec<IndicatorColumn> {
    let mut out = Vec::new();
    for field in Indicators::fields(plan) {
        out.push(IndicatorColumn::Field(field));
        if field == IndicatorField::Weight {
            out.push(IndicatorColumn::Achievement);
        }
    }
    out
}
