//! One shape for the tables of rows an objective holds, phases and indicators
//! (GUIDE §5): each field described by a `Column`, each table a `RowTable`
//! that reads and writes its rows' cells as text. The CLI, the sheet import
//! and the TUI parse a cell through it.

use chrono::NaiveDate;

use super::calendar::{periods, plan_years};
use super::column::{Column, PlanState};
use super::field::{ChangeError, Field, check_value};
use super::fields::PhaseField;
use super::indicator_fields::{IndicatorField, fields_for};
use super::indicators::Indicator;
use super::limits;
use super::types::{Phase, Plan};
use super::values::{ValueError, check_percent};
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// A table of rows of one objective (its phases, its indicators): the fields
/// of a row described once, and each cell read and written as text.
pub trait RowTable {
    type Row;
    type Field: Copy;

    /// The fields of a row of `plan`, in table order.
    fn fields(plan: &Plan) -> Vec<Self::Field>;

    /// The description of `field`.
    fn column(field: Self::Field) -> &'static Column;

    /// The field's name in messages (`Target 2026` for an indicator's).
    fn label(field: Self::Field) -> String {
        Self::column(field).label.get().to_string()
    }

    /// The cell's text as its editor opens with it.
    fn text(row: &Self::Row, field: Self::Field) -> String;

    /// Writes what a user typed into the cell, or says why not (`row` then is as it was).
    fn set_text(row: &mut Self::Row, field: Self::Field, text: &str) -> Result<(), ChangeError>;

    /// The rules a whole row keeps (an added one, or one after a cell
    /// changed), whoever sends it; `index` names it in the refusal.
    fn check(index: usize, row: &Self::Row) -> Result<(), ChangeError>;

    /// Whether the field is frozen in `state` (GUIDE §8).
    fn frozen_in(field: Self::Field, state: PlanState) -> bool {
        Self::column(field)
            .frozen_from
            .is_some_and(|from| state >= from)
    }
}

/// The phases of an objective.
pub struct Phases;

impl RowTable for Phases {
    type Row = Phase;
    type Field = PhaseField;

    fn fields(_: &Plan) -> Vec<PhaseField> {
        PhaseField::ALL.to_vec()
    }

    fn column(field: PhaseField) -> &'static Column {
        &field.column().column
    }

    fn text(row: &Phase, field: PhaseField) -> String {
        field.get_value(row).to_string()
    }

    fn set_text(row: &mut Phase, field: PhaseField, text: &str) -> Result<(), ChangeError> {
        let value = Field::Phase(field).parse(text)?;
        field.set(row, value)
    }

    /// A phase keeps every rule its fields keep one by one.
    fn check(_: usize, p: &Phase) -> Result<(), ChangeError> {
        for field in PhaseField::ALL {
            check_value(Field::Phase(field), &field.get_value(p))?;
        }
        check_interval(p.planned_start, p.planned_end)?;
        check_interval(p.actual_start, p.actual_end)?;
        Ok(())
    }
}

/// An end may not come before its start.
pub fn check_interval(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<(), ValueError> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(ValueError::EndBeforeStart { start, end }),
        _ => Ok(()),
    }
}

/// The indicators of an objective.
pub struct Indicators;

impl RowTable for Indicators {
    type Row = Indicator;
    type Field = IndicatorField;

    /// Name and weight, the baseline and a target per plan year, a
    /// measurement per monitoring period, then the descriptive ones.
    fn fields(plan: &Plan) -> Vec<IndicatorField> {
        fields_for(plan_years(plan), periods(plan))
    }

    fn column(field: IndicatorField) -> &'static Column {
        field.column()
    }

    fn label(field: IndicatorField) -> String {
        field.label()
    }

    fn text(row: &Indicator, field: IndicatorField) -> String {
        field.edit_text(row)
    }

    fn set_text(i: &mut Indicator, field: IndicatorField, text: &str) -> Result<(), ChangeError> {
        field
            .write(i, text)
            .map_err(|error| ChangeError::BadCell { field, error })
    }

    /// The rules an indicator keeps, whoever sends it.
    fn check(index: usize, i: &Indicator) -> Result<(), ChangeError> {
        let bad = |reason: String| ChangeError::BadIndicator { index, reason };
        if i.name.trim().is_empty() {
            return Err(bad(tr_string(
                "il nome è obbligatorio",
                "a name is required",
            )));
        }
        for (what, text) in [
            (tr("nome", "name"), &i.name),
            (tr("unità", "unit"), &i.unit),
            (tr("fonte", "source"), &i.source),
            (tr("formula", "formula"), &i.formula),
        ]
        .into_iter()
        .chain(i.measurements.iter().map(|m| (tr("nota", "note"), &m.note)))
        {
            if text.chars().count() > limits::TEXT {
                return Err(bad(tr_format!(
                    "{what}: supera il limite di {} caratteri",
                    "{what}: exceeds the limit of {} characters",
                    limits::TEXT
                )));
            }
        }
        if let Some(w) = i.weight {
            check_percent(w).map_err(|e| bad(tr_format!("peso: {e}", "weight: {e}")))?;
        }
        let numbers = i
            .targets
            .values()
            .chain(i.baseline.iter().map(|b| &b.value))
            .chain(i.measurements.iter().map(|m| &m.value));
        if numbers.clone().any(|v| !v.is_finite()) {
            return Err(bad(tr_string("valore non numerico", "not a number")));
        }
        let mut periods: Vec<NaiveDate> = i.measurements.iter().map(|m| m.period).collect();
        periods.sort();
        if periods.windows(2).any(|w| w[0] == w[1]) {
            return Err(bad(tr_string(
                "due rilevazioni per lo stesso periodo",
                "two measurements for the same period",
            )));
        }
        if i.measurements.len() > 4 * limits::INDICATORS {
            return Err(bad(tr_string(
                "troppe rilevazioni",
                "too many measurements",
            )));
        }
        if i.targets.len() > limits::TARGETS {
            return Err(bad(tr_format!(
                "supera il limite di {} target (uno per anno)",
                "exceeds the limit of {} targets (one a year)",
                limits::TARGETS
            )));
        }
        Ok(())
    }
}

/// The years an indicator names (its targets', its baseline's) within
/// `(first, last)`, the plan's plausible years (`calendar::plausible_years`).
pub fn check_years(
    index: usize,
    i: &Indicator,
    (first, last): (i32, i32),
) -> Result<(), ChangeError> {
    let years = i.targets.keys().chain(i.baseline.iter().map(|b| &b.year));
    match years.copied().find(|y| !(first..=last).contains(y)) {
        None => Ok(()),
        Some(year) => Err(ChangeError::BadIndicator {
            index,
            reason: tr_format!(
                "l'anno {year} è fuori dagli anni ammessi {first}–{last} (gli anni del piano ± 10)",
                "the year {year} is outside the years allowed {first}–{last} (the plan's years ± 10)"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::indicator_fields::CellError;

    #[test]
    fn a_plan_of_three_years_has_three_targets_and_six_measurements() {
        let plan = Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        };
        let fields = Indicators::fields(&plan);
        let targets = fields
            .iter()
            .filter(|f| matches!(f, IndicatorField::Target(_)));
        assert_eq!(targets.count(), 3);
        assert_eq!(fields.iter().filter(|f| f.is_measurement()).count(), 6);
        assert_eq!(Phases::fields(&plan).len(), PhaseField::ALL.len());
    }

    #[test]
    fn what_a_cell_shows_is_what_its_editor_reads_back() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut i = Indicator {
            name: "Alloggi".into(),
            ..Indicator::default()
        };
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        for (field, typed, shown) in [
            (IndicatorField::Baseline, "12@2025", "12 (2025)"),
            (IndicatorField::Target(2026), "20,5", "20,5"),
            (
                IndicatorField::Measurement(june),
                "15; primo semestre",
                "15",
            ),
            (IndicatorField::Polarity, "dec", "decrescente"),
            (IndicatorField::Rule, "soglia", "soglia"),
            (IndicatorField::Kind, "qual", "qualità"),
            (IndicatorField::Weight, "40%", "40"),
        ] {
            Indicators::set_text(&mut i, field, typed).unwrap();
            assert_eq!(field.shown(&i), shown, "{typed}");
            let again = field.edit_text(&i);
            let mut copy = i.clone();
            Indicators::set_text(&mut copy, field, &again).unwrap();
            assert_eq!(copy, i, "{again}");
        }
        assert_eq!(i.measurements[0].note, "primo semestre");
        Indicators::set_text(&mut i, IndicatorField::Measurement(june), "").unwrap();
        assert!(i.measurements.is_empty());
        for bad in ["x", "1e3", "inf", "1,2,3"] {
            assert!(
                Indicators::set_text(&mut i, IndicatorField::Target(2026), bad).is_err(),
                "{bad}"
            );
        }
        assert!(Indicators::set_text(&mut i, IndicatorField::Weight, "120").is_err());
        assert!(Indicators::set_text(&mut i, IndicatorField::Polarity, "x").is_err());
        assert!(Indicators::set_text(&mut i, IndicatorField::Name, " ").is_err());
        assert_eq!(i.targets[&2026], 20.5);
    }

    /// GUIDE §8: the approval freezes the baseline (names, weights, planned
    /// dates, an indicator's definition and targets), not what is monitored;
    /// the assessment freezes the measurements; the Relazione all data.
    #[test]
    fn the_approval_freezes_the_baseline_and_the_relazione_everything() {
        let plan = Plan {
            title: "DUP 2026-2028".into(),
            ..Plan::default()
        };
        let frozen = |state| {
            Phases::fields(&plan)
                .into_iter()
                .filter(|f| Phases::frozen_in(*f, state))
                .collect::<Vec<_>>()
        };
        assert_eq!(frozen(PlanState::Proposed), []);
        assert_eq!(
            frozen(PlanState::Approved),
            [
                PhaseField::Name,
                PhaseField::PlannedStart,
                PhaseField::PlannedEnd,
                PhaseField::Weight
            ]
        );
        assert_eq!(frozen(PlanState::Reported), PhaseField::ALL);
        let measured = |state| {
            Indicators::fields(&plan)
                .into_iter()
                .filter(|f| !Indicators::frozen_in(*f, state))
                .collect::<Vec<_>>()
        };
        assert!(
            measured(PlanState::Approved)
                .iter()
                .all(|f| f.is_measurement())
        );
        assert_eq!(measured(PlanState::Approved).len(), 6);
        assert_eq!(measured(PlanState::Assessment), []);
    }

    #[test]
    fn a_phase_cell_is_written_and_read_as_text_through_its_kind() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut p = Phase::default();
        Phases::set_text(&mut p, PhaseField::Weight, "40,5").unwrap();
        Phases::set_text(&mut p, PhaseField::PlannedEnd, "31/12/2026").unwrap();
        assert_eq!(Phases::text(&p, PhaseField::Weight), "40,5");
        assert_eq!(Phases::text(&p, PhaseField::PlannedEnd), "31/12/2026");
        let refused = Phases::set_text(&mut p, PhaseField::Name, " ").unwrap_err();
        assert_eq!(
            refused.to_string(),
            "Nome della fase: il valore è obbligatorio"
        );
    }

    #[test]
    fn an_indicator_cell_refuses_with_a_typed_error_said_as_before() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut i = Indicator::default();
        let said = |field, text: &str| {
            let mut copy = Indicator::default();
            Indicators::set_text(&mut copy, field, text)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            said(IndicatorField::Target(2026), "tre"),
            "Target 2026: «tre» non è un numero"
        );
        assert_eq!(
            said(IndicatorField::Polarity, "su"),
            "Polarità: «su»: crescente|decrescente"
        );
        assert_eq!(
            said(IndicatorField::Baseline, "12@20"),
            "Valore di partenza: «20» non è un anno"
        );
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert!(matches!(
            Indicators::set_text(&mut i, IndicatorField::Measurement(june), "; nota"),
            Err(ChangeError::BadCell {
                error: CellError::NoteWithoutValue,
                ..
            })
        ));
        assert_eq!(i, Indicator::default());
    }
}
