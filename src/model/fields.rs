//! The one table of phase fields (GUIDE §5): for each field its schema name,
//! its labels (long, short for a table header, CSV), its width in the phase
//! table, its kind, its `set` flag, and how to read and write it. The phase
//! table, the review page, CSV, reports, `set`, search, diff and history read
//! this table; adding a field to a phase is the type, a row here, the schema note.

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use super::types::Phase;
use super::value::Value;
use super::values::format_number;
use crate::i18n::tr;

/// A label in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub it: &'static str,
    pub en: &'static str,
}

impl Words {
    /// In the reader's language.
    pub fn get(self) -> &'static str {
        tr(self.it, self.en)
    }
}

const fn w(it: &'static str, en: &'static str) -> Words {
    Words { it, en }
}

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

/// What a field holds: how it is typed, checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, may be empty.
    Text,
    /// Text that may not be empty (a phase's name).
    Name,
    /// A date, `dd/mm/yyyy`, or none.
    Date,
    /// 0–100, or none (weights and progress).
    Percent,
}

impl Kind {
    /// Whether `c` can be the first character of a valid value: what lets a
    /// key typed on a table cell start editing it (GUIDE §4). A percentage is
    /// never negative and a date starts with its day, so only digits and a
    /// decimal separator qualify; text never starts from a key.
    pub fn can_begin(self, c: char) -> bool {
        match self {
            Kind::Percent => c.is_ascii_digit() || c == ',' || c == '.',
            Kind::Date => c.is_ascii_digit(),
            Kind::Text | Kind::Name => false,
        }
    }
}

/// Where a field's value lives in a phase, for writing it.
pub enum Slot<'a> {
    Text(&'a mut String),
    Date(&'a mut Option<NaiveDate>),
    Number(&'a mut Option<f64>),
}

pub struct PhaseColumn {
    pub field: PhaseField,
    /// The name in the JSON schema, the history and messages for scripts.
    pub name: &'static str,
    pub label: Words,
    /// A table header.
    pub short: Words,
    /// The CSV header (Italian whatever the reader's language: it is part of the format).
    pub csv: &'static str,
    /// Columns in the phase table; 0: takes the room that is left.
    pub width: u16,
    pub kind: Kind,
    /// `obiettivi set --<flag>`.
    pub flag: &'static str,
    /// After the number where it is shown (`%` for a progress; a weight is a plain number).
    pub unit: &'static str,
    pub get: fn(&Phase) -> Value,
    pub slot: fn(&mut Phase) -> Slot<'_>,
}

/// In `PhaseField` order (`PhaseField::column` indexes it).
pub static PHASE_COLUMNS: [PhaseColumn; 10] = [
    PhaseColumn {
        field: PhaseField::Name,
        name: "name",
        label: w("Nome della fase", "Phase name"),
        short: w("Fase", "Phase"),
        csv: "Fase",
        width: 0,
        kind: Kind::Name,
        flag: "name",
        unit: "",
        get: |p| Value::Text(p.name.clone()),
        slot: |p| Slot::Text(&mut p.name),
    },
    PhaseColumn {
        field: PhaseField::PlannedStart,
        name: "planned_start",
        label: w("Inizio previsto", "Planned start"),
        short: w("In. prev.", "Plan start"),
        csv: "Inizio previsto",
        width: 10,
        kind: Kind::Date,
        flag: "planned-start",
        unit: "",
        get: |p| Value::Date(p.planned_start),
        slot: |p| Slot::Date(&mut p.planned_start),
    },
    PhaseColumn {
        field: PhaseField::PlannedEnd,
        name: "planned_end",
        label: w("Fine prevista", "Planned end"),
        short: w("Fine prev.", "Plan end"),
        csv: "Fine prevista",
        width: 10,
        kind: Kind::Date,
        flag: "planned-end",
        unit: "",
        get: |p| Value::Date(p.planned_end),
        slot: |p| Slot::Date(&mut p.planned_end),
    },
    PhaseColumn {
        field: PhaseField::ActualStart,
        name: "actual_start",
        label: w("Inizio effettivo", "Actual start"),
        short: w("In. eff.", "Act. start"),
        csv: "Inizio effettivo",
        width: 10,
        kind: Kind::Date,
        flag: "actual-start",
        unit: "",
        get: |p| Value::Date(p.actual_start),
        slot: |p| Slot::Date(&mut p.actual_start),
    },
    PhaseColumn {
        field: PhaseField::ActualEnd,
        name: "actual_end",
        label: w("Fine effettiva", "Actual end"),
        short: w("Fine eff.", "Act. end"),
        csv: "Fine effettiva",
        width: 10,
        kind: Kind::Date,
        flag: "actual-end",
        unit: "",
        get: |p| Value::Date(p.actual_end),
        slot: |p| Slot::Date(&mut p.actual_end),
    },
    PhaseColumn {
        field: PhaseField::Weight,
        name: "weight",
        label: w("Peso", "Weight"),
        short: w("Peso", "Weight"),
        csv: "Peso",
        width: 6,
        kind: Kind::Percent,
        flag: "weight",
        unit: "",
        get: |p| Value::Number(p.weight),
        slot: |p| Slot::Number(&mut p.weight),
    },
    PhaseColumn {
        field: PhaseField::Progress,
        name: "progress",
        label: w("Avanzamento", "Progress"),
        short: w("Avanzamento", "Progress"),
        csv: "Avanzamento",
        width: 16,
        kind: Kind::Percent,
        flag: "progress",
        unit: "%",
        get: |p| Value::Number(p.progress),
        slot: |p| Slot::Number(&mut p.progress),
    },
    PhaseColumn {
        field: PhaseField::Manager,
        name: "manager",
        label: w("Responsabile", "Manager"),
        short: w("Responsabile", "Manager"),
        csv: "Responsabile fase",
        width: 18,
        kind: Kind::Text,
        flag: "manager",
        unit: "",
        get: |p| Value::Text(p.manager.clone()),
        slot: |p| Slot::Text(&mut p.manager),
    },
    PhaseColumn {
        field: PhaseField::ResponsibilityCentre,
        name: "responsibility_centre",
        label: w("Centro di Responsabilità", "Responsibility centre"),
        short: w("CdR", "Resp. centre"),
        csv: "Centro di Responsabilità fase",
        width: 18,
        kind: Kind::Text,
        flag: "cdr",
        unit: "",
        get: |p| Value::Text(p.responsibility_centre.clone()),
        slot: |p| Slot::Text(&mut p.responsibility_centre),
    },
    PhaseColumn {
        field: PhaseField::Notes,
        name: "notes",
        label: w("Note", "Notes"),
        short: w("Note", "Notes"),
        csv: "Note",
        width: 24,
        kind: Kind::Text,
        flag: "notes",
        unit: "",
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
