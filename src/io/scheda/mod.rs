//! Import of *Scheda Obiettivi* PDF-to-text extracts (the layout of
//! `data/scheda_obiettivi_dup_2026_2028.txt`) into a [`Dataset`].
//!
//! The parts, each with one job:
//! - [`lines`]: numbered, cleaned lines grouped into printed pages;
//! - [`document`]: the document header (plan title, print date, manager);
//! - [`first_page`]: an objective's first page (header fields, codes, mandate,
//!   mission, strategic and operational objectives);
//! - [`page_header`]: the header repeated on its later pages, skipped;
//! - [`body`]: narratives, structures, stakeholders, state, phase table;
//!   [`phases`], [`structures`], [`stakeholders`] and [`narrative`] read each of them;
//! - [`codes`], [`programmes`], [`text`]: small shared recognisers;
//! - [`error`]: why a text is not a readable scheda.
//!
//! The result passes `model::validate::validate`, or the file is refused with
//! the line where reading failed.

mod body;
mod codes;
mod document;
mod error;
mod first_page;
mod lines;
mod narrative;
mod page_header;
mod phases;
pub(crate) mod programmes;
mod stakeholders;
mod structures;
mod text;

use crate::i18n::tr;
use crate::model::validate::validate;
use crate::model::{Dataset, Mandate, Mission, Objective, SCHEMA_TAG};
use crate::tr_format;
use body::{Body, BodyParts};
use first_page::FirstPage;
use lines::Page;
use page_header::Heading;

pub use error::SchedaError;

/// Reads a whole extract. Nothing partial comes out: a dataset or an error.
pub fn parse(text: &str) -> Result<Dataset, SchedaError> {
    let mut pages = lines::pages(text).into_iter();
    let first = pages
        .next()
        .ok_or_else(|| SchedaError::new(1, tr("il file è vuoto", "the file is empty")))?;
    let (plan, rest) = document::read(first)?;
    let mut reader = Reader::default();
    for page in rest.into_iter().chain(pages) {
        reader.page(&page)?;
    }
    let last_line = text.split('\n').count();
    let mut dataset = reader.finish(last_line)?;
    dataset.plan = plan;
    Ok(dataset)
}

/// An objective being read: its first page, and its body so far.
struct Draft {
    head: FirstPage,
    body: Body,
}

#[derive(Default)]
struct Reader {
    mandates: Vec<Mandate>,
    missions: Vec<Mission>,
    drafts: Vec<Draft>,
}

impl Reader {
    fn page(&mut self, page: &Page) -> Result<(), SchedaError> {
        if first_page::is_first_page(page) {
            let head = first_page::read(page)?;
            if let Some(other) = self.drafts.iter().find(|d| d.head.code == head.code) {
                return Err(SchedaError::new(
                    head.line,
                    tr_format!(
                        "obiettivo {} già presente alla riga {}",
                        "objective {} already found at line {}",
                        head.code,
                        other.head.line
                    ),
                ));
            }
            self.register(&head);
            let mut body = Body::default();
            body.feed(&page.lines[head.body_start..])?;
            self.drafts.push(Draft { head, body });
            return Ok(());
        }
        let Some(draft) = self.drafts.last_mut() else {
            return Err(SchedaError::new(
                page.first_line_no(),
                tr(
                    "pagina che non appartiene a nessun obiettivo (manca la prima pagina con «Collegato a»)",
                    "page that belongs to no objective (the first page with «Collegato a» is missing)",
                ),
            ));
        };
        let h = &draft.head;
        let heading = Heading {
            assessorato: &h.assessorato,
            responsibility_centre: &h.responsibility_centre,
            manager: &h.manager,
            operational_objective: &h.operational_objective,
        };
        let (start, code) = page_header::skip(page, &heading);
        if let Some((code, line)) = code.filter(|(c, _)| *c != h.code) {
            return Err(SchedaError::new(
                line,
                tr_format!(
                    "la pagina è dell'obiettivo {code} ma manca la sua prima pagina; l'obiettivo in corso è {}",
                    "the page belongs to objective {code} but its first page is missing; the current objective is {}",
                    h.code
                ),
            ));
        }
        draft.body.page_break();
        draft.body.feed(&page.lines[start..])
    }

    /// Mandates and missions, each once, in the order they first appear.
    fn register(&mut self, head: &FirstPage) {
        if !self.mandates.iter().any(|m| m.code == head.mandate.code) {
            self.mandates.push(Mandate {
                code: head.mandate.code.clone(),
                title: head.mandate.title.clone(),
            });
        }
        if !self.missions.iter().any(|m| m.code == head.mission.code) {
            self.missions.push(Mission {
                code: head.mission.code.clone(),
                mandate: head.mandate.code.clone(),
                title: head.mission.title.clone(),
                strategic_objective: head.strategic_objective.clone(),
            });
        }
    }

    fn finish(self, last_line: usize) -> Result<Dataset, SchedaError> {
        if self.drafts.is_empty() {
            return Err(SchedaError::new(
                last_line,
                tr(
                    "nessun obiettivo trovato (manca una pagina con «Collegato a» e «OBIETTIVO DI MISSIONE»)",
                    "no objective found (no page with «Collegato a» and «OBIETTIVO DI MISSIONE»)",
                ),
            ));
        }
        let mut heads = Vec::new();
        let mut bodies = Vec::new();
        for d in self.drafts {
            bodies.push(d.body.finish()?);
            heads.push(d.head);
        }
        let lists: Vec<_> = bodies.iter().map(|b| b.stakeholders.clone()).collect();
        let stakeholders = stakeholders::resolve(&lists);
        let assessorati = unified_assessorati(&heads);
        let lines: Vec<usize> = heads.iter().map(|h| h.line).collect();
        let objectives = heads
            .into_iter()
            .zip(bodies)
            .zip(stakeholders)
            .zip(assessorati)
            .map(|(((head, body), stakeholders), assessorato)| {
                objective(head, body, stakeholders, assessorato)
            })
            .collect();
        let dataset = Dataset {
            schema: SCHEMA_TAG.to_string(),
            plan: Default::default(),
            mandates: self.mandates,
            missions: self.missions,
            variations: Vec::new(),
            objectives,
        };
        validate(&dataset).map_err(|e| {
            // `objectives[3].phases[0].name` → the first line of objective 3.
            let line = e
                .path
                .strip_prefix("objectives[")
                .and_then(|p| p.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| lines.get(i).copied())
                .unwrap_or(1);
            SchedaError::new(line, e.to_string())
        })?;
        Ok(dataset)
    }
}

fn objective(
    head: FirstPage,
    body: BodyParts,
    stakeholders: Vec<String>,
    assessorato: String,
) -> Objective {
    Objective {
        code: head.code,
        mission: head.mission.code,
        operational_objective: head.operational_objective,
        assessorato,
        responsibility_centre: head.responsibility_centre,
        manager: head.manager,
        public_value: head.public_value,
        status: body.status,
        narratives: body.narratives,
        structures: body.structures,
        stakeholders,
        phases: body.phases,
        indicators: Vec::new(),
        assessment: None,
    }
}

/// The assessorato is `SURNAME_Deleghe`, but some pages print a space for
/// the underscore: where the same file has the underscore form, use it.
fn unified_assessorati(heads: &[FirstPage]) -> Vec<String> {
    let spaced = |s: &str| s.replace('_', " ");
    heads
        .iter()
        .map(|h| {
            heads
                .iter()
                .map(|o| &o.assessorato)
                .find(|o| o.contains('_') && spaced(o) == spaced(&h.assessorato))
                .unwrap_or(&h.assessorato)
                .clone()
        })
        .collect()
}
