//! The consuntivo and the OIV's assessment of an objective (GUIDE §1, §2
//! `objectives[].assessment`, §8): the cause of a gap and its comment, a
//! manager's request to force the result, and the validator's answer — a
//! forced value or "non valutabile", each with its reason. Stored with the
//! objective (absent: none), changed by `Change::Assess`, one part at a time;
//! who and when are stamped by the store, never taken from a client.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::column::PlanState;
use super::limits;
use super::value::Value;
use super::values::{ValueError, check_percent, format_number, parse_percent};
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// `objectives[].assessment`; empty (the default) is not written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assessment {
    pub gap_cause: Option<GapCause>,
    pub comment: String,
    pub force_request: Option<ForceRequest>,
    pub forced: Option<Forced>,
    pub not_assessable: Option<NotAssessable>,
}

/// Causa esterna, interna, indicatore mal costruito.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapCause {
    External,
    Internal,
    Indicator,
}

/// A manager's request that the validator force the result. (Who and when
/// are stamped by the store; `at`, an `Option`, may be missing in a file.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceRequest {
    pub value: f64,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub by: String,
    pub at: Option<DateTime<FixedOffset>>,
}

/// The validator's forced achievement: it replaces the computed one everywhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forced {
    pub value: f64,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub by: String,
    pub at: Option<DateTime<FixedOffset>>,
}

/// The validator's "non valutabile": the objective is left out of every roll-up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotAssessable {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub by: String,
    pub at: Option<DateTime<FixedOffset>>,
}

/// What the validator made of an objective's result, as every face counts it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict<'a> {
    Forced(&'a Forced),
    NotAssessable(&'a NotAssessable),
}

/// The mark of an assessed objective, as the tree and the overview draw it
/// (kept in the objective's summary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Forced,
    NotAssessable,
}

impl Mark {
    /// `forzato`, `n/v` (English `n/e`, not evaluable): the word beside the number (NO_COLOR-safe).
    pub fn word(self) -> &'static str {
        match self {
            Mark::Forced => tr("forzato", "forced"),
            Mark::NotAssessable => tr("n/v", "n/e"),
        }
    }

    /// `≡` forced, `∉` non valutabile (left out of the roll-ups): the tree's one-column symbol.
    pub fn symbol(self) -> char {
        match self {
            Mark::Forced => '≡',
            Mark::NotAssessable => '∉',
        }
    }
}

/// One part of the assessment set (or cleared: `None`, empty text) by one change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "part", content = "value")]
pub enum AssessmentEdit {
    GapCause(Option<GapCause>),
    Comment(String),
    /// Value and note.
    ForceRequest(Option<(f64, String)>),
    /// Value and reason; setting it clears a non valutabile.
    Forced(Option<(f64, String)>),
    /// The reason; setting it clears a forced value.
    NotAssessable(Option<String>),
}

/// The parts of an assessment, as the history names them and as the plan's
/// state opens them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentPart {
    GapCause,
    Comment,
    ForceRequest,
    Forced,
    NotAssessable,
}

impl AssessmentPart {
    pub const ALL: [AssessmentPart; 5] = [
        AssessmentPart::GapCause,
        AssessmentPart::Comment,
        AssessmentPart::ForceRequest,
        AssessmentPart::Forced,
        AssessmentPart::NotAssessable,
    ];

    /// The schema name, under `assessment.`.
    pub fn name(self) -> &'static str {
        match self {
            AssessmentPart::GapCause => "gap_cause",
            AssessmentPart::Comment => "comment",
            AssessmentPart::ForceRequest => "force_request",
            AssessmentPart::Forced => "forced",
            AssessmentPart::NotAssessable => "not_assessable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AssessmentPart::GapCause => tr("Causa dello scostamento", "Cause of the gap"),
            AssessmentPart::Comment => tr("Commento allo scostamento", "Comment on the gap"),
            AssessmentPart::ForceRequest => tr("Richiesta di forzatura", "Request to force"),
            AssessmentPart::Forced => tr("Raggiungimento forzato", "Forced achievement"),
            AssessmentPart::NotAssessable => tr("Non valutabile", "Not assessable"),
        }
    }

    /// The one state of the plan in which the part is written (GUIDE §8):
    /// the consuntivo's in Consuntivo, the validator's in Valutazione.
    pub fn open_in(self) -> PlanState {
        match self {
            AssessmentPart::GapCause | AssessmentPart::Comment | AssessmentPart::ForceRequest => {
                PlanState::Reporting
            }
            AssessmentPart::Forced | AssessmentPart::NotAssessable => PlanState::Assessment,
        }
    }

    /// Whether the part is the validator's answer (forced, non valutabile).
    pub fn validators(self) -> bool {
        self.open_in() == PlanState::Assessment
    }

    pub fn from_name(name: &str) -> Option<AssessmentPart> {
        AssessmentPart::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Why an assessment change is refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum AssessmentError {
    /// The part is written only in `open_in`; the plan is in `state`.
    NotNow {
        part: AssessmentPart,
        state: PlanState,
    },
    /// A forced value, a non valutabile or a request without its reason (note).
    NeedsReason {
        part: AssessmentPart,
    },
    /// A value outside 0–100.
    Value {
        part: AssessmentPart,
        error: ValueError,
    },
    TooLong {
        part: AssessmentPart,
        limit: usize,
    },
    /// An unknown gap cause, as typed.
    UnknownCause {
        typed: String,
    },
}

impl fmt::Display for AssessmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            AssessmentError::NotNow { part, state } => tr_format!(
                "{}: si scrive solo nello stato «{}» (il piano è in «{}»)",
                "{}: is written only in the state «{}» (the plan is in «{}»)",
                part.label(),
                part.open_in().label(),
                state.label()
            ),
            AssessmentError::NeedsReason { part } => tr_format!(
                "{}: serve il motivo ({flag} TESTO)",
                "{}: a reason is needed ({flag} TESTO)",
                part.label(),
                flag = match part {
                    AssessmentPart::ForceRequest => "--note",
                    _ => "--reason",
                }
            ),
            AssessmentError::Value { part, error } => format!("{}: {error}", part.label()),
            AssessmentError::TooLong { part, limit } => tr_format!(
                "{}: il testo supera il limite di {limit} caratteri",
                "{}: the text exceeds the limit of {limit} characters",
                part.label()
            ),
            AssessmentError::UnknownCause { typed } => tr_format!(
                "causa dello scostamento sconosciuta «{typed}»: scrivi esterna, interna o indicatore",
                "unknown cause of the gap «{typed}»: type external, internal or indicator"
            ),
        };
        f.write_str(&said)
    }
}

impl GapCause {
    pub const ALL: [GapCause; 3] = [GapCause::External, GapCause::Internal, GapCause::Indicator];

    pub fn label(self) -> &'static str {
        match self {
            GapCause::External => tr("causa esterna", "external cause"),
            GapCause::Internal => tr("causa interna", "internal cause"),
            GapCause::Indicator => tr("indicatore mal costruito", "ill-built indicator"),
        }
    }

    /// `esterna`, `interna`, `indicatore` (or the schema's English words); empty: none.
    pub fn parse(typed: &str) -> Result<Option<GapCause>, AssessmentError> {
        let word = typed.trim().to_lowercase();
        Ok(Some(match word.as_str() {
            "" => return Ok(None),
            "esterna" | "external" => GapCause::External,
            "interna" | "internal" => GapCause::Internal,
            "indicatore" | "indicator" => GapCause::Indicator,
            _ => {
                return Err(AssessmentError::UnknownCause {
                    typed: typed.trim().to_string(),
                });
            }
        }))
    }
}

impl Assessment {
    pub fn is_empty(&self) -> bool {
        *self == Assessment::default()
    }

    /// What the validator made of the result, if anything.
    pub fn verdict(&self) -> Option<Verdict<'_>> {
        match (&self.not_assessable, &self.forced) {
            (Some(n), _) => Some(Verdict::NotAssessable(n)),
            (None, Some(f)) => Some(Verdict::Forced(f)),
            (None, None) => None,
        }
    }

    pub fn mark(&self) -> Option<Mark> {
        self.verdict().map(|v| match v {
            Verdict::Forced(_) => Mark::Forced,
            Verdict::NotAssessable(_) => Mark::NotAssessable,
        })
    }

    /// The part as the history records it (`80 — motivo`), empty when none.
    pub fn said(&self, part: AssessmentPart) -> String {
        let with = |value: f64, text: &str| match text.is_empty() {
            true => format!("{}%", format_number(value)),
            false => format!("{}% — {text}", format_number(value)),
        };
        match part {
            AssessmentPart::GapCause => self.gap_cause.map_or("", |c| c.label()).to_string(),
            AssessmentPart::Comment => self.comment.clone(),
            AssessmentPart::ForceRequest => {
                (self.force_request.as_ref()).map_or_else(String::new, |r| with(r.value, &r.note))
            }
            AssessmentPart::Forced => {
                (self.forced.as_ref()).map_or_else(String::new, |r| with(r.value, &r.reason))
            }
            AssessmentPart::NotAssessable => {
                (self.not_assessable.as_ref()).map_or_else(String::new, |n| n.reason.clone())
            }
        }
    }

    /// Whether the validator has answered the manager's request (a forced
    /// value or a non valutabile): what the Relazione waits for. A validator
    /// who does not grant a request answers it by forcing the value they
    /// deem right (the computed one, if so) with the reason.
    pub fn request_answered(&self) -> bool {
        self.force_request.is_none() || self.verdict().is_some()
    }

    /// Stamps who and when on every part `self` holds that `before` did not,
    /// and gives the others `before`'s (as the store writes it: never what a
    /// client said, an imported file's `by` and `at` included).
    pub fn stamp(&mut self, before: &Assessment, by: &str, at: DateTime<FixedOffset>) {
        keep_stamps(before, self);
        let stamp = |who: &mut String, when: &mut Option<DateTime<FixedOffset>>| {
            *who = by.to_string();
            *when = Some(at);
        };
        if let Some(r) = &mut self.force_request
            && !same_request(before.force_request.as_ref(), r)
        {
            stamp(&mut r.by, &mut r.at);
        }
        if let Some(r) = &mut self.forced
            && (before.forced.as_ref()).is_none_or(|b| b.value != r.value || b.reason != r.reason)
        {
            stamp(&mut r.by, &mut r.at);
        }
        if let Some(r) = &mut self.not_assessable
            && (before.not_assessable.as_ref()).is_none_or(|b| b.reason != r.reason)
        {
            stamp(&mut r.by, &mut r.at);
        }
    }
}

fn same_request(before: Option<&ForceRequest>, now: &ForceRequest) -> bool {
    before.is_some_and(|b| b.value == now.value && b.note == now.note)
}

impl AssessmentEdit {
    pub fn part(&self) -> AssessmentPart {
        match self {
            AssessmentEdit::GapCause(_) => AssessmentPart::GapCause,
            AssessmentEdit::Comment(_) => AssessmentPart::Comment,
            AssessmentEdit::ForceRequest(_) => AssessmentPart::ForceRequest,
            AssessmentEdit::Forced(_) => AssessmentPart::Forced,
            AssessmentEdit::NotAssessable(_) => AssessmentPart::NotAssessable,
        }
    }

    /// The edit that puts `part` back as `a` holds it (an undo).
    pub fn restoring(part: AssessmentPart, a: &Assessment) -> AssessmentEdit {
        match part {
            AssessmentPart::GapCause => AssessmentEdit::GapCause(a.gap_cause),
            AssessmentPart::Comment => AssessmentEdit::Comment(a.comment.clone()),
            AssessmentPart::ForceRequest => AssessmentEdit::ForceRequest(
                (a.force_request.as_ref()).map(|r| (r.value, r.note.clone())),
            ),
            AssessmentPart::Forced => {
                AssessmentEdit::Forced(a.forced.as_ref().map(|r| (r.value, r.reason.clone())))
            }
            AssessmentPart::NotAssessable => {
                AssessmentEdit::NotAssessable(a.not_assessable.as_ref().map(|n| n.reason.clone()))
            }
        }
    }

    /// The edit of a value typed as text (`80`, `80%`) with its reason.
    pub fn valued(
        part: AssessmentPart,
        typed: &str,
        reason: &str,
    ) -> Result<AssessmentEdit, AssessmentError> {
        let value = parse_percent(typed).map_err(|error| AssessmentError::Value { part, error })?;
        let pair = value.map(|v| (v, reason.trim().to_string()));
        Ok(match part {
            AssessmentPart::ForceRequest => AssessmentEdit::ForceRequest(pair),
            _ => AssessmentEdit::Forced(pair),
        })
    }

    /// Checks the edit (values 0–100, a reason where one is due, sizes) and
    /// writes it into `a`; every part it changed, as (part, old, new) said.
    pub fn apply(
        &self,
        a: &mut Assessment,
    ) -> Result<Vec<(AssessmentPart, Value, Value)>, AssessmentError> {
        let part = self.part();
        let check_text = |text: &str| match text.chars().count() > limits::TEXT {
            true => Err(AssessmentError::TooLong {
                part,
                limit: limits::TEXT,
            }),
            false => Ok(()),
        };
        let check_value = |value: f64| {
            check_percent(value).map_err(|error| AssessmentError::Value { part, error })
        };
        let needs = |text: &str| match text.trim().is_empty() {
            true => Err(AssessmentError::NeedsReason { part }),
            false => check_text(text),
        };
        // A request and a forcing alike: a value 0–100 and the words that justify it.
        let with_reason = |pair: &Option<(f64, String)>| {
            (pair.as_ref())
                .map(|(value, text)| {
                    check_value(*value)?;
                    needs(text)?;
                    Ok((*value, text.clone()))
                })
                .transpose()
        };
        let before = a.clone();
        match self {
            AssessmentEdit::GapCause(cause) => a.gap_cause = *cause,
            AssessmentEdit::Comment(text) => {
                check_text(text)?;
                a.comment = text.clone();
            }
            AssessmentEdit::ForceRequest(request) => {
                a.force_request = with_reason(request)?.map(|(value, note)| ForceRequest {
                    value,
                    note,
                    ..ForceRequest::default()
                });
            }
            AssessmentEdit::Forced(forced) => {
                a.forced = with_reason(forced)?.map(|(value, reason)| Forced {
                    value,
                    reason,
                    ..Forced::default()
                });
                if a.forced.is_some() {
                    a.not_assessable = None;
                }
            }
            AssessmentEdit::NotAssessable(reason) => {
                if let Some(reason) = reason {
                    needs(reason)?;
                    a.forced = None;
                }
                a.not_assessable = reason.as_ref().map(|reason| NotAssessable {
                    reason: reason.clone(),
                    ..NotAssessable::default()
                });
            }
        }
        keep_stamps(&before, a);
        Ok(AssessmentPart::ALL
            .into_iter()
            .filter(|p| *p == part || before.said(*p) != a.said(*p))
            .map(|p| {
                let text = |x: &Assessment| Value::Text(x.said(p));
                (p, text(&before), text(a))
            })
            .collect())
    }
}

/// A part set again to what it was keeps who and when it was written.
fn keep_stamps(before: &Assessment, a: &mut Assessment) {
    keep_stamp(&before.force_request, &mut a.force_request);
    if let (Some(b), Some(now)) = (&before.forced, &mut a.forced)
        && b.value == now.value
        && b.reason == now.reason
    {
        *now = b.clone();
    }
    if let (Some(b), Some(now)) = (&before.not_assessable, &mut a.not_assessable)
        && b.reason == now.reason
    {
        *now = b.clone();
    }
}

fn keep_stamp(before: &Option<ForceRequest>, now: &mut Option<ForceRequest>) {
    if let (Some(b), Some(n)) = (before, now.as_mut())
        && same_request(Some(b), n)
    {
        *n = b.clone();
    }
}

/// `forzato dal validatore: 80% (avanzamento calcolato 62%) — motivo: …`.
pub fn forced_formula(value: f64, computed: Option<f64>, reason: &str, what: &str) -> String {
    let computed = computed.map_or_else(
        || tr_string("n/d", "n/a"),
        |c| format!("{}%", format_number(c)),
    );
    tr_format!(
        "forzato dal validatore: {}% ({what} {computed}) — motivo: {reason}",
        "forced by the validator: {}% ({what} {computed}) — reason: {reason}",
        format_number(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file written by hand may leave out who and when: they read as none.
    #[test]
    fn an_assessment_without_who_and_when_is_read() {
        let a: Assessment = serde_json::from_str(
            r#"{"force_request": {"value": 80, "note": "bando"}, "forced": {"value": 70, "reason": "r"}}"#,
        )
        .unwrap();
        let request = a.force_request.unwrap();
        assert_eq!((request.by.as_str(), request.at), ("", None));
        assert_eq!(a.forced.unwrap().at, None);
        let wrong = serde_json::from_str::<Assessment>(r#"{"forced": {"reason": "r"}}"#);
        assert!(wrong.is_err(), "a forcing needs its value");
    }

    #[test]
    fn forcing_clears_non_valutabile_and_needs_a_reason() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let mut a = Assessment::default();
        let e = AssessmentEdit::Forced(Some((80.0, " ".into())))
            .apply(&mut a)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Raggiungimento forzato: serve il motivo (--reason TESTO)"
        );
        AssessmentEdit::NotAssessable(Some("dati assenti".into()))
            .apply(&mut a)
            .unwrap();
        assert_eq!(a.mark(), Some(Mark::NotAssessable));
        let said = AssessmentEdit::Forced(Some((80.0, "bando".into())))
            .apply(&mut a)
            .unwrap();
        assert_eq!(a.mark(), Some(Mark::Forced));
        assert_eq!(a.not_assessable, None);
        let parts: Vec<String> = said
            .iter()
            .map(|(p, _, n)| format!("{}={n}", p.name()))
            .collect();
        assert_eq!(parts, ["forced=80% — bando", "not_assessable="]);
        assert!(
            AssessmentEdit::Forced(Some((101.0, "x".into())))
                .apply(&mut a)
                .is_err()
        );
    }

    #[test]
    fn who_and_when_are_stamped_on_what_changed_only() {
        let at = DateTime::parse_from_rfc3339("2027-03-01T10:00:00Z").unwrap();
        let later = DateTime::parse_from_rfc3339("2027-03-02T10:00:00Z").unwrap();
        let mut a = Assessment::default();
        AssessmentEdit::ForceRequest(Some((80.0, "nota".into())))
            .apply(&mut a)
            .unwrap();
        let before = Assessment::default();
        a.stamp(&before, "bianchi", at);
        let stamped = a.clone();
        AssessmentEdit::Forced(Some((70.0, "motivo".into())))
            .apply(&mut a)
            .unwrap();
        a.stamp(&stamped, "oiv", later);
        let r = a.force_request.as_ref().unwrap();
        assert_eq!((r.by.as_str(), r.at), ("bianchi", Some(at)));
        let f = a.forced.as_ref().unwrap();
        assert_eq!((f.by.as_str(), f.at), ("oiv", Some(later)));
        assert!(a.request_answered());
    }
}
