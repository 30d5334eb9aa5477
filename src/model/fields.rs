//! The one table of phase fields (GUIDE §5): for each field its schema name,
//! its labels (long, short for a table header, CSV), its width in the phase
//! table, its kind, its `set` flag, and how to read and write it. The phase
//! table, the review page, CSV, reports, `set`, search, diff and history read
//! this table; adding a field to a phase is the type, a row here, the schema note.

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use super::column::{Column, Kind, PlanState, WEIGHT, YEAR_CLOSED, column, w};
use super::types::Phase;
use super::value::Value;
use super::values::format_number;

/// An editable field of a phase (the phase-table columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseField {
    Name,
    PlannedStart,
    PlannedEnd,
    ActualStart,
    ActualEnd,
    Weight,
    Progress,
    Manager,
    ResponsibilityCentre,
    Notes,
}

impl PhaseField {
    pub const ALL: [PhaseField; 10] = [
        PhaseField::Name,
        PhaseField::PlannedStart,
        PhaseField::PlannedEnd,
        PhaseField::ActualStart,
        PhaseField::ActualEnd,
        PhaseField::Weight,
        PhaseField::Progress,
        PhaseField::Manager,
        PhaseField::ResponsibilityCentre,
        PhaseField::Notes,
    ];

    /// This field's row in the table of phase fields.
    pub fn column(self) -> &'static PhaseColumn {
        &PHASE_COLUMNS[self as usize]
    }

    pub fn label(self) -> &'static str {
        self.column().label.get()
    }

    pub(crate) fn get_value(self, p: &Phase) -> Value {
        (self.column().get)(p)
    }
}

/// Where a field's value lives in a phase, for writing it.
pub enum Slot<'a> {
    Text(&'a mut String),
    Date(&'a mut Option<NaiveDate>),
    Number(&'a mut Option<f64>),
}

/// A phase field: its description, and where its value lives in a phase.
pub struct PhaseColumn {
    pub field: PhaseField,
    pub column: Column,
    pub get: fn(&Phase) -> Value,
    pub slot: fn(&mut Phase) -> Slot<'_>,
}

impl std::ops::Deref for PhaseColumn {
    type Target = Column;
    fn deref(&self) -> &Column {
        &self.column
    }
}

/// In `PhaseField` order (`PhaseField::column` indexes it).
#[rustfmt::skip]
pub static PHASE_COLUMNS: [PhaseColumn; 10] = [
    PhaseColumn {
        field: PhaseField::Name,
        column: Column { frozen_from: Some(PlanState::Approved), csv: "Fase", ..column("name", w("Nome della fase", "Phase name"), w("Fase", "Phase"), 0, Kind::Name, "name") },
        get: |p| Value::Text(p.name.clone()),
        slot: |p| Slot::Text(&mut p.name),
    },
    PhaseColumn {
        field: PhaseField::PlannedStart,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("planned_start", w("Inizio previsto", "Planned start"), w("In. prev.", "Plan start"), 10, Kind::Date, "planned-start") },
        get: |p| Value::Date(p.planned_start),
        slot: |p| Slot::Date(&mut p.planned_start),
    },
    PhaseColumn {
        field: PhaseField::PlannedEnd,
        column: Column { frozen_from: Some(PlanState::Approved), ..column("planned_end", w("Fine prevista", "Planned end"), w("Fine prev.", "Plan end"), 10, Kind::Date, "planned-end") },
        get: |p| Value::Date(p.planned_end),
        slot: |p| Slot::Date(&mut p.planned_end),
    },
    PhaseColumn {
        field: PhaseField::ActualStart,
        column: Column { frozen_from: Some(YEAR_CLOSED), ..column("actual_start", w("Inizio effettivo", "Actual start"), w("In. eff.", "Act. start"), 10, Kind::Date, "actual-start") },
        get: |p| Value::Date(p.actual_start),
        slot: |p| Slot::Date(&mut p.actual_start),
    },
    PhaseColumn {
        field: PhaseField::ActualEnd,
        column: Column { frozen_from: Some(YEAR_CLOSED), ..column("actual_end", w("Fine effettiva", "Actual end"), w("Fine eff.", "Act. end"), 10, Kind::Date, "actual-end") },
        get: |p| Value::Date(p.actual_end),
        slot: |p| Slot::Date(&mut p.actual_end),
    },
    PhaseColumn {
        field: PhaseField::Weight,
        column: WEIGHT,
        get: |p| Value::Number(p.weight),
        slot: |p| Slot::Number(&mut p.weight),
    },
    PhaseColumn {
        field: PhaseField::Progress,
        column: Column { frozen_from: Some(YEAR_CLOSED), unit: "%", ..column("progress", w("Avanzamento", "Progress"), w("Avanzamento", "Progress"), 16, Kind::Percent, "progress") },
        get: |p| Value::Number(p.progress),
        slot: |p| Slot::Number(&mut p.progress),
    },
    PhaseColumn {
        field: PhaseField::Manager,
        column: Column { frozen_from: Some(YEAR_CLOSED), csv: "Responsabile fase", ..column("manager", w("Responsabile", "Manager"), w("Responsabile", "Manager"), 18, Kind::Text, "manager") },
        get: |p| Value::Text(p.manager.clone()),
        slot: |p| Slot::Text(&mut p.manager),
    },
    PhaseColumn {
        field: PhaseField::ResponsibilityCentre,
        column: Column { frozen_from: Some(YEAR_CLOSED), csv: "Centro di Responsabilità fase", ..column("responsibility_centre", w("Centro di Responsabilità", "Responsibility centre"), w("CdR", "Resp. centre"), 18, Kind::Text, "cdr") },
        get: |p| Value::Text(p.responsibility_centre.clone()),
        slot: |p| Slot::Text(&mut p.responsibility_centre),
    },
    PhaseColumn {
        field: PhaseField::Notes,
        column: Column { frozen_from: Some(YEAR_CLOSED), ..column("notes", w("Note", "Notes"), w("Note", "Notes"), 24, Kind::Text, "notes") },
        get: |p| Value::Text(p.notes.clone()),
        slot: |p| Slot::Text(&mut p.notes),
    },
];

impl PhaseColumn {
    /// The value as a report shows it: empty where there is none, a progress with `%`.
    pub fn shown(&self, p: &Phase) -> String {
        match (self.get)(p) {
            Value::Number(None) => String::new(),
            Value::Number(Some(n)) => format!("{}{}", format_number(n), self.unit),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_field_order_and_names_are_unique() {
        for (i, column) in PHASE_COLUMNS.iter().enumerate() {
            assert_eq!(PhaseField::ALL[i], column.field, "row {i}");
            assert!(std::ptr::eq(column.field.column(), column));
        }
        let mut names: Vec<_> = PHASE_COLUMNS.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), PHASE_COLUMNS.len());
    }

    #[test]
    fn each_getter_reads_what_its_slot_writes() {
        for column in &PHASE_COLUMNS {
            let mut p = Phase::default();
            match (column.slot)(&mut p) {
                Slot::Text(s) => *s = "x".into(),
                Slot::Date(d) => *d = NaiveDate::from_ymd_opt(2026, 6, 30),
                Slot::Number(n) => *n = Some(12.5),
            }
            assert_ne!(
                (column.get)(&p),
                (column.get)(&Phase::default()),
                "{}",
                column.name
            );
        }
    }
}
