//! What a variation does (GUIDE §8): after approval the baseline changes
//! only through one. It records changes (each field's value in the plan
//! when recorded → the value asked for) without applying them, and once
//! approved they are applied, all of them, refused if the plan changed a
//! recorded field since. The records themselves are `variation_record`.

use serde_json::Value as Json;

use super::applied::{Applied, Part};
use super::column::PlanState;
use super::edit::{Change, Field, apply_all};
use super::types::{Objective, Phase};
use super::value::Value;
pub use super::variation_record::{
    Decision, Variation, VariationChange, VariationError, VariationState,
};

/// Whether a variation may be opened or approved with the plan in `state`:
/// from Approvata on, until the plan is validated.
pub fn open_in(state: PlanState) -> Result<(), VariationError> {
    if state >= PlanState::Approved && state < PlanState::Validated {
        Ok(())
    } else {
        Err(VariationError::NotNow { state })
    }
}

/// A recorded change read with its types: which part of the objective, the values typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub code: String,
    /// The phase, for a phase's field (0-based).
    pub phase: Option<usize>,
    pub part: Part,
    pub old: Value,
    pub new: Value,
}

impl Recorded {
    /// `c` read back; `None` for a field or a value this version does not know.
    pub fn of(c: &VariationChange) -> Option<Recorded> {
        let (phase, part) = match c.field.strip_prefix("phases[") {
            Some(rest) => {
                let (index, name) = rest.split_once("].")?;
                (Some(index.parse().ok()?), Part::from_name(name, true))
            }
            None => (None, Part::from_name(&c.field, false)),
        };
        let template = match (&part, phase) {
            (Part::Objective(f), None) => f.get_value(&Objective::new("", "")),
            (Part::Phase(f), Some(_)) => f.get_value(&Phase::default()),
            (Part::Indicator { cell: Some(_), .. }, None) => Value::Text(String::new()),
            _ => return None,
        };
        Some(Recorded {
            old: typed(&template, &c.old)?,
            new: typed(&template, &c.new)?,
            code: c.code.clone(),
            phase,
            part,
        })
    }

    /// `phases[0].weight`, `indicators[1].targets.2026`, `manager`.
    pub fn field_name(&self) -> String {
        match self.phase {
            Some(p) => format!("phases[{p}].{}", self.part.name()),
            None => self.part.name(),
        }
    }

    /// As stored and exported.
    pub fn stored(&self) -> VariationChange {
        VariationChange {
            code: self.code.clone(),
            field: self.field_name(),
            old: plain(&self.old),
            new: plain(&self.new),
        }
    }

    /// The field's value in `o` now; `None` when the row is gone.
    pub fn now_in(&self, o: &Objective) -> Option<Value> {
        match &self.part {
            Part::Objective(field) => Some(field.get_value(o)),
            Part::Phase(field) => o.phases.get(self.phase?).map(|p| field.get_value(p)),
            Part::Indicator {
                index,
                cell: Some(cell),
            } => (o.indicators.get(*index)).map(|i| Value::Text(cell.recorded(i))),
            _ => None,
        }
    }

    /// The entry as the history's describer takes it (`io::history::change_text`).
    pub fn applied(&self, o: Option<&Objective>) -> Applied {
        let phase_name = match (&self.part, self.phase) {
            (Part::Indicator { index, .. }, _) => o
                .and_then(|o| o.indicators.get(*index))
                .map(|i| i.name.clone()),
            (_, Some(p)) => o.and_then(|o| o.phases.get(p)).map(|p| p.name.clone()),
            _ => None,
        };
        Applied {
            objective: self.code.clone(),
            phase: self.phase,
            phase_name,
            field: self.part.clone(),
            old: self.old.clone(),
            new: self.new.clone(),
        }
    }

    /// The change that writes `new` into objective `o`.
    fn change(&self, o: &Objective) -> Result<Change, VariationError> {
        let new = self.new.clone();
        let field = match &self.part {
            Part::Objective(field) => Field::Objective(*field),
            Part::Phase(field) => Field::Phase(*field),
            Part::Indicator {
                index,
                cell: Some(cell),
            } => {
                return Ok(Change::SetIndicator {
                    objective: o.code.clone(),
                    indicator: *index,
                    field: *cell,
                    value: new,
                });
            }
            _ => return Err(VariationError::Structure),
        };
        let phase = Some(self.phase.unwrap_or_default());
        Change::set(&o.code, phase, field, new).map_err(|_| VariationError::Structure)
    }
}

/// A recorded change as a history line says it, whether or not this
/// version knows its field.
pub fn applied(c: &VariationChange, o: Option<&Objective>) -> Applied {
    match Recorded::of(c) {
        Some(r) => r.applied(o),
        None => Applied {
            objective: c.code.clone(),
            phase: None,
            phase_name: None,
            field: Part::Other(c.field.clone()),
            old: Value::Text(c.old.to_string()),
            new: Value::Text(c.new.to_string()),
        },
    }
}

impl Variation {
    /// The changes recorded for objective `code`.
    pub fn of(&self, code: &str) -> impl Iterator<Item = &VariationChange> {
        self.changes.iter().filter(move |c| c.code == code)
    }

    /// `o` as the plan would have it with this variation approved, and the
    /// changes that make it so; refused naming the first field the plan
    /// changed since it was recorded.
    pub fn applied_to(&self, o: &Objective) -> Result<(Objective, Vec<Change>), VariationError> {
        let mut after = o.clone();
        let mut changes = Vec::new();
        for c in self.of(&o.code) {
            let r = Recorded::of(c).ok_or(VariationError::Structure)?;
            let now = r.now_in(o);
            if now.as_ref() != Some(&r.old) {
                return Err(VariationError::Changed {
                    code: c.code.clone(),
                    field: describe_field(&r, o),
                    recorded: r.old.to_string(),
                    now: now.map_or_else(|| "—".to_string(), |v| v.to_string()),
                });
            }
            let change = r.change(&after)?;
            apply_all(&mut after, std::slice::from_ref(&change))
                .map_err(|_| VariationError::Structure)?;
            changes.push(change);
        }
        Ok((after, changes))
    }

    /// Records what `applied` did to an objective as `applied_to` gives it
    /// (the plan with this variation), each field's old value the plan's.
    /// A field recorded back to the plan's value is no change. Refused for
    /// rows added, deleted or moved.
    pub fn record(&mut self, applied: &[Applied]) -> Result<(), VariationError> {
        for a in applied.iter().filter(|a| a.old != a.new) {
            if !matches!(
                a.field,
                Part::Objective(_) | Part::Phase(_) | Part::Indicator { cell: Some(_), .. }
            ) {
                return Err(VariationError::Structure);
            }
            let c = Recorded {
                code: a.objective.clone(),
                phase: a.phase.filter(|_| matches!(a.field, Part::Phase(_))),
                part: a.field.clone(),
                old: a.old.clone(),
                new: a.new.clone(),
            }
            .stored();
            let same = |x: &VariationChange| x.code == c.code && x.field == c.field;
            match self.changes.iter().position(same) {
                Some(at) if self.changes[at].old == c.new => {
                    self.changes.remove(at);
                }
                Some(at) => self.changes[at].new = c.new,
                None => self.changes.push(c),
            }
        }
        Ok(())
    }
}

/// `fase 1 «NOME» Peso`: a recorded field as a user reads it.
pub fn describe_field(r: &Recorded, o: &Objective) -> String {
    let a = r.applied(Some(o));
    match &r.part {
        Part::Objective(field) => field.label().to_string(),
        Part::Phase(field) => format!(
            "{} {}",
            super::describe::phase(r.phase.unwrap_or_default(), a.phase_name.as_deref()),
            field.label()
        ),
        Part::Indicator { index, cell } => {
            super::describe::indicator(*index, *cell, a.phase_name.as_deref())
        }
        other => other.name(),
    }
}

fn plain(v: &Value) -> Json {
    match v {
        Value::Text(s) => Json::String(s.clone()),
        Value::OptText(s) => s.clone().map_or(Json::Null, Into::into),
        Value::Number(n) => n.map_or(Json::Null, Into::into),
        Value::Date(d) => d.map_or(Json::Null, |d| d.format("%Y-%m-%d").to_string().into()),
    }
}

/// `json` as a value of `template`'s kind.
fn typed(template: &Value, json: &Json) -> Option<Value> {
    Some(match (template, json) {
        (Value::Text(_), Json::String(s)) => Value::Text(s.clone()),
        (Value::OptText(_), Json::String(s)) => Value::OptText(Some(s.clone())),
        (Value::OptText(_), Json::Null) => Value::OptText(None),
        (Value::Number(_), Json::Number(n)) => Value::Number(Some(n.as_f64()?)),
        (Value::Number(_), Json::Null) => Value::Number(None),
        (Value::Date(_), Json::String(s)) => {
            Value::Date(Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?))
        }
        (Value::Date(_), Json::Null) => Value::Date(None),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, PhaseField};
    use chrono::DateTime;

    fn objective() -> Objective {
        let mut o = Objective::new("O1", "M");
        o.phases.push(Phase {
            name: "A".into(),
            weight: Some(25.0),
            ..Phase::default()
        });
        o
    }

    fn variation() -> Variation {
        Variation {
            id: 1,
            state: VariationState::Open,
            reason: "Nuovo bando regionale".into(),
            opened_by: "bianchi".into(),
            opened_at: DateTime::parse_from_rfc3339("2026-07-02T09:00:00Z").unwrap(),
            act: String::new(),
            decided_by: None,
            decided_at: None,
            rejection: String::new(),
            changes: Vec::new(),
        }
    }

    fn weight(o: &mut Objective, text: &str) -> Vec<Applied> {
        let change = Change::parse("O1", Some(0), Field::Phase(PhaseField::Weight), text).unwrap();
        apply_all(o, &[change]).unwrap()
    }

    #[test]
    fn a_recorded_weight_is_applied_only_while_the_plan_still_has_the_old_one() {
        let plan = objective();
        let mut v = variation();
        let mut seen = plan.clone();
        v.record(&weight(&mut seen, "30")).unwrap();
        // Recorded twice: the plan's old value stays, the new one moves.
        let (mut seen, _) = v.applied_to(&plan).unwrap();
        v.record(&weight(&mut seen, "35")).unwrap();
        assert_eq!(v.changes.len(), 1);
        assert_eq!(v.changes[0].old, serde_json::json!(25.0));
        let (after, changes) = v.applied_to(&plan).unwrap();
        assert_eq!(after.phases[0].weight, Some(35.0));
        assert_eq!(changes.len(), 1);
        let mut moved = plan.clone();
        moved.phases[0].weight = Some(28.0);
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let why = v.applied_to(&moved).unwrap_err().to_string();
        assert!(
            why.starts_with("O1 fase 1 «A» Peso: cambiato nel piano"),
            "{why}"
        );
        // Back to the plan's value: nothing recorded.
        let (mut seen, _) = v.applied_to(&plan).unwrap();
        v.record(&weight(&mut seen, "25")).unwrap();
        assert!(v.changes.is_empty());
    }

    #[test]
    fn a_change_is_written_as_the_guide_shows_and_read_back() {
        let mut v = variation();
        v.record(&weight(&mut objective(), "30")).unwrap();
        let json = serde_json::to_value(&v.changes[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "O1", "field": "phases[0].weight", "old": 25.0, "new": 30.0})
        );
        let back: VariationChange = serde_json::from_value(json).unwrap();
        assert_eq!(back, v.changes[0]);
        let read = Recorded::of(&back).unwrap();
        assert_eq!((read.phase, read.new), (Some(0), Value::Number(Some(30.0))));
    }
}
