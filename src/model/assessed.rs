//! An objective's numbers as the assessment counts them (GUIDE §1): the one
//! place where a forced value replaces the computed one — the phases'
//! roll-up, the indicators' achievement, and so the headline, the tree, the
//! overview, the reports and the sheets, which all read these — always said
//! `forzato` with its reason in the formula; and where a non valutabile
//! objective has no value (`n/v`), which every mean leaves out and counts.

use chrono::{DateTime, FixedOffset};

use super::assessment::{
    Assessment, AssessmentEdit, AssessmentError, AssessmentPart, Mark, Verdict,
};
use super::coverage::{Coverage, Rows};
use super::indicators::{Achievement, objective_achievement};
use super::rollup::{RollUp, RollUpMethod, objective_progress};
use super::types::Objective;
use super::value::Value;
use crate::i18n::tr;

impl Objective {
    /// The phases' roll-up as the objective counts: the validator's forced
    /// value in its place; none for a non valutabile objective.
    pub fn progress(&self) -> Option<RollUp> {
        let computed = objective_progress(&self.phases);
        match self.assessment().verdict() {
            None => computed,
            Some(Verdict::NotAssessable(_)) => None,
            Some(Verdict::Forced(f)) => Some(RollUp {
                value: f.value,
                method: RollUpMethod::Forced {
                    computed: computed.map(|r| r.value),
                    reason: f.reason.clone(),
                },
                coverage: whole(Rows::Phases, self.phases.len()),
            }),
        }
    }

    /// The indicators' achievement in `year` as the objective counts (the
    /// plan is assessed once, for its year: a forced value stands for every
    /// year shown).
    pub fn achievement(&self, year: i32) -> Option<Achievement> {
        let computed = objective_achievement(&self.indicators, year);
        match self.assessment().verdict() {
            None => computed,
            Some(Verdict::NotAssessable(_)) => None,
            Some(Verdict::Forced(f)) => Some(Achievement {
                value: f.value,
                formula: super::assessment::forced_formula(
                    f.value,
                    computed.map(|a| a.value),
                    &f.reason,
                    tr("raggiungimento calcolato", "computed achievement"),
                ),
                coverage: whole(Rows::Indicators, self.indicators.len()),
            }),
        }
    }

    /// `forzato`, `n/v`, or nothing: the mark beside the objective's number.
    pub fn mark(&self) -> Option<Mark> {
        self.assessment().mark()
    }

    /// What a face writes where the objective's number would be when it has
    /// none: `n/v` for a non valutabile objective, else `n/d`.
    pub fn no_value(&self) -> &'static str {
        no_value(self.mark())
    }

    /// `n/v (non valutabile: motivo)`, for a non valutabile objective.
    pub fn not_assessable_said(&self) -> Option<String> {
        let n = self.assessment().not_assessable.as_ref()?;
        Some(format!(
            "{} ({}: {})",
            Mark::NotAssessable.word(),
            AssessmentPart::NotAssessable.label().to_lowercase(),
            n.reason
        ))
    }

    /// The note beside the objective's number in a list of objectives:
    /// `forzato`, `n/v`, else what the number left out (`coverage`).
    pub fn note_beside(&self, coverage: Option<String>) -> Option<String> {
        match self.mark() {
            Some(mark) => Some(mark.word().to_string()),
            None => coverage,
        }
    }

    /// The parts of the assessment written, as (label, text with who and
    /// when): the details pane and the report's scheda.
    pub fn assessment_lines(&self) -> Vec<(&'static str, String)> {
        let a = self.assessment();
        AssessmentPart::ALL
            .into_iter()
            .filter_map(|part| {
                let text = a.said(part);
                if text.is_empty() {
                    return None;
                }
                // Who wrote it and when: the request and the validator's answer are signed.
                let signed = match part {
                    AssessmentPart::ForceRequest => a.force_request.as_ref().map(|r| (&r.by, r.at)),
                    AssessmentPart::Forced => a.forced.as_ref().map(|r| (&r.by, r.at)),
                    AssessmentPart::NotAssessable => {
                        (a.not_assessable.as_ref()).map(|r| (&r.by, r.at))
                    }
                    _ => None,
                };
                let text = match signed {
                    Some((by, Some(at))) => format!("{text} ({by}, {})", at.format("%d/%m/%Y")),
                    Some((by, None)) if !by.is_empty() => format!("{text} ({by})"),
                    _ => text,
                };
                Some((part.label(), text))
            })
            .collect()
    }
}

/// An objective's assessment when it has none.
static NONE: Assessment = Assessment {
    gap_cause: None,
    comment: String::new(),
    force_request: None,
    forced: None,
    not_assessable: None,
};

impl Objective {
    /// The assessment, empty when none was written.
    pub fn assessment(&self) -> &Assessment {
        self.assessment.as_deref().unwrap_or(&NONE)
    }

    /// `edit` made to the assessment (none again once it is emptied).
    pub fn assess(
        &mut self,
        edit: &AssessmentEdit,
    ) -> Result<Vec<(AssessmentPart, Value, Value)>, AssessmentError> {
        let mut a = self.assessment().clone();
        let said = edit.apply(&mut a)?;
        self.assessment = (!a.is_empty()).then(|| Box::new(a));
        Ok(said)
    }

    /// Who and when stamped on the parts written since `before` (the store's).
    pub fn stamp_assessment(&mut self, before: &Objective, by: &str, at: DateTime<FixedOffset>) {
        if let Some(a) = &mut self.assessment {
            a.stamp(before.assessment(), by, at);
        }
    }
}

/// `n/v` for a non valutabile objective, `n/d` otherwise (GUIDE §1).
pub fn no_value(mark: Option<Mark>) -> &'static str {
    match mark {
        Some(Mark::NotAssessable) => Mark::NotAssessable.word(),
        _ => tr("n/d", "n/a"),
    }
}

/// A value that left nothing out: the validator's.
fn whole(rows: Rows, of: usize) -> Coverage {
    Coverage {
        rows,
        used: of,
        of,
        excluded: Vec::new(),
        not_assessable: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;
    use crate::model::assessment::AssessmentEdit;

    #[test]
    fn a_forced_value_replaces_the_computed_one_and_non_valutabile_has_none() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut o = Objective::new("O1", "M");
        o.phases.push(Phase {
            weight: Some(100.0),
            progress: Some(62.0),
            ..Phase::default()
        });
        assert_eq!(o.progress().unwrap().value, 62.0);
        o.assess(&AssessmentEdit::Forced(Some((
            80.0,
            "bando regionale".into(),
        ))))
        .unwrap();
        let r = o.progress().unwrap();
        assert_eq!((r.value, r.said()), (80.0, "80% (forzato)".to_string()));
        assert_eq!(
            r.formula(),
            "forzato dal validatore: 80% (avanzamento calcolato 62%) — motivo: bando regionale"
        );
        assert_eq!(o.achievement(2026).unwrap().value, 80.0);
        o.assess(&AssessmentEdit::NotAssessable(Some("dati mancanti".into())))
            .unwrap();
        assert_eq!(o.progress(), None);
        assert_eq!(o.achievement(2026), None);
        assert_eq!(o.no_value(), "n/v");
    }
}
