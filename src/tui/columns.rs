//! The tables' column orders, left to right as the cell cursor counts them:
//! the state (`app`) moves the cursor over them and the panes draw them, so
//! they live here, below both.

use crate::model::PhaseField;
use crate::model::Plan;
use crate::model::indicator_fields::IndicatorField;
use crate::model::table::{Indicators, RowTable};

/// The phase table's key columns, always in view whatever the width.
pub const FROZEN: [PhaseField; 3] = [PhaseField::Name, PhaseField::Weight, PhaseField::Progress];

/// The phase table's columns: the key ones first (frozen), then those that
/// scroll in the order of the table of phase fields (a new field shows itself).
pub const PHASES: [PhaseField; PhaseField::ALL.len()] = key_ones_first();

const fn key_ones_first() -> [PhaseField; PhaseField::ALL.len()] {
    let all = PhaseField::ALL;
    let mut out = all;
    let mut n = 0;
    while n < FROZEN.len() {
        out[n] = FROZEN[n];
        n += 1;
    }
    let mut k = 0;
    while k < all.len() {
        let mut key = false;
        let mut j = 0;
        while j < FROZEN.len() {
            key |= FROZEN[j] as usize == all[k] as usize;
            j += 1;
        }
        if !key {
            out[n] = all[k];
            n += 1;
        }
        k += 1;
    }
    out
}

/// The indicator table's key fields, always in view (with the achievement).
pub const FROZEN_INDICATORS: [IndicatorField; 2] = [IndicatorField::Name, IndicatorField::Weight];

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Built from the table of phase fields: each field once, the key ones
    /// first, the others in the table's order (as the list was written before;
    /// a field added at the end of the table comes last).
    #[test]
    fn the_phase_table_shows_every_phase_field_once_the_key_ones_first() {
        use PhaseField as F;
        assert_eq!(
            PHASES[..10],
            [
                F::Name,
                F::Weight,
                F::Progress,
                F::PlannedStart,
                F::PlannedEnd,
                F::ActualStart,
                F::ActualEnd,
                F::Manager,
                F::ResponsibilityCentre,
                F::Notes,
            ]
        );
        for field in PhaseField::ALL {
            assert_eq!(PHASES.iter().filter(|f| **f == field).count(), 1);
        }
    }
}
