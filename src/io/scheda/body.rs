//! The body of an objective, after its header: the two status narratives,
//! "Strutture coinvolte", "Stakeholder", "Stato …" and the phase table, in
//! that order but each optional, across as many pages as it takes.

use super::error::SchedaError;
use super::lines::Line;
use super::narrative::Prose;
use super::phases::{PhaseBlock, is_phase_header};
use super::stakeholders::Entry;
use super::structures;
use super::text::{is_label, strip_label};
use crate::i18n::tr;
use crate::model::{Narratives, Phase, Structure};
use crate::tr_format;

/// A line that opens a part of the body.
#[derive(Debug, Clone, PartialEq)]
enum Marker {
    Attuazione,
    Year(u8),
    Structures(String),
    Stakeholders(String),
    Status(String),
    PhasesTitle,
    PhaseHeader,
}

/// Objective states as the planning software writes them; inside a narrative
/// only these make a "Stato …" line a state rather than a sentence.
const STATES: [&str; 10] = [
    "In Corso",
    "Concluso",
    "Conclusa",
    "Sospeso",
    "Annullato",
    "Da Avviare",
    "Non Avviato",
    "Avviato",
    "Completato",
    "Chiuso",
];

/// Whether `line` opens a part of the body (as seen outside a narrative).
pub fn is_marker(line: &Line) -> bool {
    marker(line, false).is_some()
}

fn marker(line: &Line, in_prose: bool) -> Option<Marker> {
    if is_phase_header(line) {
        return Some(Marker::PhaseHeader);
    }
    let flat = line.flat();
    if is_label(&flat, "STATO DI ATTUAZIONE") {
        return Some(Marker::Attuazione);
    }
    if let Some(year) = year_heading(&flat) {
        return Some(Marker::Year(year));
    }
    if let Some(rest) = strip_label(&flat, "FASI") {
        let rest = rest.trim_start_matches(['-', ' ']);
        if rest.to_uppercase().starts_with("ATTIVIT") {
            return Some(Marker::PhasesTitle);
        }
    }
    if let Some(rest) = strip_label(&flat, "Strutture coinvolte") {
        let table = ["Descrizione", "Data", "Relazione", "Competenza"];
        if rest.is_empty() || table.iter().any(|t| strip_label(rest, t).is_some()) {
            return Some(Marker::Structures(rest.to_string()));
        }
    }
    if let Some(rest) =
        strip_label(&flat, "Stakeholders").or_else(|| strip_label(&flat, "Stakeholder"))
        && !rest.chars().any(char::is_lowercase)
    {
        return Some(Marker::Stakeholders(rest.to_string()));
    }
    // Case-sensitive: "STATO …" in capitals is more likely a stakeholder or a title.
    if let Some(state) = flat.strip_prefix("Stato ") {
        let plausible = state.split_whitespace().count() <= 4
            && state.chars().next().is_some_and(char::is_uppercase)
            && !state.ends_with(['.', ',', ';', ':']);
        let known = STATES.iter().any(|s| s.eq_ignore_ascii_case(state));
        if known || plausible && !in_prose {
            return Some(Marker::Status(state.to_string()));
        }
    }
    None
}

/// `1° ANNO`, `2°ANNO`, `2º anno` → the year.
fn year_heading(flat: &str) -> Option<u8> {
    let mut chars = flat.chars();
    let year = match chars.next()? {
        '1' => 1,
        '2' => 2,
        _ => return None,
    };
    let rest = chars.as_str().trim_start_matches(['°', 'º', '^', ' ']);
    is_label(rest, "ANNO").then_some(year)
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum Section {
    #[default]
    Start,
    Attuazione,
    Year1,
    Year2,
    Structures,
    Stakeholders,
    Done,
    Phases,
}

/// What the body holds, once read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyParts {
    pub narratives: Narratives,
    pub structures: Vec<Structure>,
    pub stakeholders: Vec<Entry>,
    pub status: Option<String>,
    pub phases: Vec<Phase>,
}

/// Reads the body line by line; page breaks are told apart from blank lines.
#[derive(Default)]
pub struct Body {
    section: Section,
    year1: Prose,
    year2: Prose,
    parts: BodyParts,
    block: Option<PhaseBlock>,
}

impl Body {
    pub fn feed(&mut self, lines: &[Line]) -> Result<(), SchedaError> {
        for line in lines {
            if line.is_blank() {
                if let Some(prose) = self.prose() {
                    prose.blank();
                }
            } else {
                self.line(line)?;
            }
        }
        Ok(())
    }

    pub fn page_break(&mut self) {
        if let Some(prose) = self.prose() {
            prose.page_break();
        }
    }

    fn prose(&mut self) -> Option<&mut Prose> {
        match self.section {
            Section::Year1 => Some(&mut self.year1),
            Section::Year2 => Some(&mut self.year2),
            _ => None,
        }
    }

    fn line(&mut self, line: &Line) -> Result<(), SchedaError> {
        let in_prose = self.prose().is_some();
        if let Some(m) = marker(line, in_prose) {
            self.close_phase()?;
            return self.enter(m, line);
        }
        match self.section {
            Section::Year1 | Section::Year2 => {
                if let Some(prose) = self.prose() {
                    prose.push_line(&line.text.replace('\t', " "));
                }
            }
            Section::Structures if structures::is_column_header(line) => {}
            Section::Structures => structures::row(line, &mut self.parts.structures)?,
            Section::Stakeholders => self.parts.stakeholders.push(Entry::Group(line.flat())),
            Section::Phases => match &mut self.block {
                Some(block) => block.row(line)?,
                None => return Err(unexpected(line, tr("prima di «FASE»", "before «FASE»"))),
            },
            Section::Start | Section::Attuazione | Section::Done => {
                return Err(unexpected(line, ""));
            }
        }
        Ok(())
    }

    fn enter(&mut self, marker: Marker, line: &Line) -> Result<(), SchedaError> {
        self.section = match marker {
            Marker::Attuazione => Section::Attuazione,
            Marker::Year(1) => Section::Year1,
            Marker::Year(_) => Section::Year2,
            Marker::Structures(rest) => {
                // Flattened: "Strutture coinvolte … Stakeholder …" on one line.
                let (table, run) = match rest.find("Stakeholder") {
                    Some(at) => (
                        &rest[..at],
                        Some(
                            rest[at..]
                                .trim_start_matches("Stakeholders")
                                .trim_start_matches("Stakeholder"),
                        ),
                    ),
                    None => (rest.as_str(), None),
                };
                self.parts
                    .structures
                    .extend(structures::flattened(line, table)?);
                match run {
                    Some(run) => {
                        return self.enter(Marker::Stakeholders(run.trim().to_string()), line);
                    }
                    None => Section::Structures,
                }
            }
            Marker::Stakeholders(run) => {
                if !run.is_empty() {
                    self.parts.stakeholders.push(Entry::Run(run));
                }
                Section::Stakeholders
            }
            Marker::Status(state) => {
                self.parts.status = Some(state);
                Section::Done
            }
            Marker::PhasesTitle => Section::Phases,
            Marker::PhaseHeader => {
                self.block = Some(PhaseBlock::start(line));
                Section::Phases
            }
        };
        Ok(())
    }

    fn close_phase(&mut self) -> Result<(), SchedaError> {
        if let Some(block) = self.block.take() {
            self.parts.phases.push(block.finish()?);
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<BodyParts, SchedaError> {
        self.close_phase()?;
        self.parts.narratives = Narratives {
            year1: self.year1.into_text(),
            year2: self.year2.into_text(),
        };
        Ok(self.parts)
    }
}

fn unexpected(line: &Line, context: &str) -> SchedaError {
    let shown = crate::model::text::cut(&line.flat(), 61);
    let mut reason = tr_format!("riga inattesa «{shown}»", "unexpected line «{shown}»");
    if !context.is_empty() {
        reason = format!("{reason} {context}");
    }
    SchedaError::new(line.no, reason)
}
