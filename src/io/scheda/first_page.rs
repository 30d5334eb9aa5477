//! The first page of an objective: header fields, codes, mandate, mission,
//! strategic and operational objectives, up to "STATO DI ATTUAZIONE".
//!
//! Values follow their labels, but the extraction also drops pieces of the
//! operational objective among them (between "Assessorato" and "Centro di
//! Responsabilità", after "VALORE PUBBLICO"…). So the page is read twice:
//! once for the operational objective, then for the fields, leaving out any
//! line that is a piece of it.

use super::body::is_marker;
use super::codes::{code_and_title, objective_code};
use super::error::SchedaError;
use super::lines::{Line, Page};
use super::narrative::Prose;
use super::text::{is_fragment_of, is_label, strip_label};
use crate::i18n::tr;
use crate::tr_format;

/// A code and its title, as in `2024 28 DUP 05 1201 Persone e famiglie al centro`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Titled {
    pub code: String,
    pub title: String,
}

impl Titled {
    fn parse(text: &str) -> Titled {
        let (code, title) = code_and_title(text);
        Titled { code, title }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FirstPage {
    pub line: usize,
    pub code: String,
    pub assessorato: String,
    pub responsibility_centre: String,
    pub manager: String,
    pub public_value: String,
    pub mandate: Titled,
    pub mission: Titled,
    pub strategic_objective: String,
    pub operational_objective: String,
    /// Index in the page's lines where the body (narratives, tables) begins.
    pub body_start: usize,
}

/// Whether the page opens an objective: it has the labels only a first page has.
pub fn is_first_page(page: &Page) -> bool {
    page.lines.iter().any(|l| {
        let flat = l.flat();
        is_label(&flat, "Collegato a")
            || is_label(&flat, "VALORE PUBBLICO")
            || strip_label(&flat, "OBIETTIVO DI MANDATO").is_some()
            || strip_label(&flat, "OBIETTIVO DI MISSIONE").is_some()
    })
}

pub fn read(page: &Page) -> Result<FirstPage, SchedaError> {
    let body_start = page
        .lines
        .iter()
        .position(is_marker)
        .unwrap_or(page.lines.len());
    let head = &page.lines[..body_start];
    let operational = Fields::read(head, "").operational.into_text();
    let fields = Fields::read(head, &operational);
    let line = page.first_line_no();
    let missing = |what: &str| {
        Err(SchedaError::new(
            line,
            tr_format!(
                "prima pagina dell'obiettivo incompleta: {what}",
                "incomplete first page of the objective: {what}"
            ),
        ))
    };
    if fields.code.is_empty() {
        return missing(tr(
            "manca il codice (dopo «Collegato a»)",
            "the code is missing (after «Collegato a»)",
        ));
    }
    if fields.mission.code.is_empty() {
        return missing(tr(
            "manca «OBIETTIVO DI MISSIONE» con il codice",
            "«OBIETTIVO DI MISSIONE» with its code is missing",
        ));
    }
    if fields.mandate.code.is_empty() {
        return missing(tr(
            "manca «OBIETTIVO DI MANDATO» con il codice",
            "«OBIETTIVO DI MANDATO» with its code is missing",
        ));
    }
    Ok(FirstPage {
        line,
        code: fields.code,
        assessorato: fields.assessorato,
        responsibility_centre: fields.centre,
        manager: fields.manager,
        public_value: fields.public_value,
        mandate: fields.mandate,
        mission: fields.mission,
        strategic_objective: fields.strategic.into_text(),
        operational_objective: operational,
        body_start,
    })
}

/// Which value the lines being read belong to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    None,
    Assessorato,
    Centre,
    Manager,
    PublicValue,
    Code,
    Mission,
    Strategic,
    Operational,
}

/// Labels that open a field; `None` for the ones that are only layout.
const LABELS: [(&str, Option<Field>); 10] = [
    ("OBIETTIVO DI PROGRAMMA", None),
    ("OBIETTIVO DI", None),
    ("PROGRAMMA", None),
    ("SCHEDA OBIETTIVI", None),
    ("Assessorato", Some(Field::Assessorato)),
    ("Centro di Responsabilità", Some(Field::Centre)),
    ("Responsabile", Some(Field::Manager)),
    ("VALORE PUBBLICO", Some(Field::PublicValue)),
    ("Collegato a", Some(Field::Code)),
    ("Finalità", Some(Field::None)),
];

#[derive(Default)]
struct Fields {
    code: String,
    assessorato: String,
    centre: String,
    manager: String,
    public_value: String,
    mandate: Titled,
    mission: Titled,
    strategic: Prose,
    operational: Prose,
}

impl Fields {
    /// Reads the header lines; lines that are pieces of `operational` are skipped.
    fn read(lines: &[Line], operational: &str) -> Fields {
        let mut f = Fields::default();
        let mut field = Field::None;
        for line in lines {
            if line.is_blank() {
                if let Some(prose) = f.prose(field) {
                    prose.blank();
                }
                continue;
            }
            field = f.line(&line.flat(), field, operational);
        }
        f
    }

    fn prose(&mut self, field: Field) -> Option<&mut Prose> {
        match field {
            Field::Strategic => Some(&mut self.strategic),
            Field::Operational => Some(&mut self.operational),
            _ => None,
        }
    }

    /// Reads one line in `field`; returns the field the next line belongs to.
    fn line(&mut self, flat: &str, mut field: Field, operational: &str) -> Field {
        if let Some(rest) = strip_label(flat, "OBIETTIVO DI MANDATO") {
            let (mandate, mission) = match rest.find("OBIETTIVO DI MISSIONE") {
                Some(at) => (&rest[..at], Some(&rest[at..])),
                None => (rest, None),
            };
            self.mandate = Titled::parse(mandate);
            return match mission {
                Some(mission) => self.line(mission, Field::None, operational),
                None => Field::None,
            };
        }
        if let Some(rest) = strip_label(flat, "OBIETTIVO DI MISSIONE") {
            return self.mission_text(rest);
        }
        if let Some(rest) = strip_label(flat, "OBIETTIVO STRATEGICO") {
            self.strategic.push_line(rest);
            return Field::Strategic;
        }
        if let Some(rest) = strip_label(flat, "OBIETTIVO OPERATIVO") {
            self.operational.push_line(rest);
            return Field::Operational;
        }
        let mut rest = flat;
        while let Some((after, label_field)) = LABELS
            .iter()
            .find_map(|(label, f)| strip_label(rest, label).map(|after| (after, *f)))
        {
            rest = after;
            if let Some(label_field) = label_field {
                field = label_field;
            }
        }
        if matches!(field, Field::Strategic | Field::Operational) {
            if let Some(prose) = self.prose(field) {
                prose.push_line(rest);
            }
            return field;
        }
        if let Some((code, after)) = objective_code(rest) {
            if self.code.is_empty() || field == Field::Code {
                self.code = code;
            }
            rest = after;
        }
        if rest.is_empty() || is_fragment_of(rest, operational) {
            return field;
        }
        let target = match field {
            Field::Assessorato => &mut self.assessorato,
            Field::Centre => &mut self.centre,
            Field::Manager => &mut self.manager,
            Field::PublicValue => &mut self.public_value,
            Field::Mission => return self.mission_text(rest),
            Field::None | Field::Code | Field::Strategic | Field::Operational => return field,
        };
        if !target.is_empty() {
            target.push(' ');
        }
        target.push_str(rest);
        field
    }

    /// The mission's code and title, which may be on the label's line or the next.
    fn mission_text(&mut self, rest: &str) -> Field {
        if rest.is_empty() {
            return Field::Mission;
        }
        self.mission = Titled::parse(rest);
        Field::None
    }
}
