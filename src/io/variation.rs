//! Variations as people read them (GUIDE §8): one line per variation, and
//! a variation's changes old → new against the plan, each said by the
//! history's describer. `obiettivi variation` prints these; the TUI shows
//! the same lines.

use crate::i18n::{count, tr_string};
use crate::model::Dataset;
use crate::model::variation::{self, Recorded, Variation, VariationState};
use crate::tr_format;

/// `1  aperta  bianchi 02/07/2026  Nuovo bando regionale  (1 modifica)`,
/// with the act or the rejection once decided.
pub fn summary(v: &Variation) -> String {
    let mut line = format!(
        "{}  {}  {} {}  {}  ({})",
        v.id,
        v.state.label(),
        v.opened_by,
        v.opened_at.format("%d/%m/%Y"),
        v.reason,
        count(
            v.changes.len(),
            ("modifica", "modifiche"),
            ("change", "changes")
        )
    );
    let by = |line: &mut String| {
        if let (Some(who), Some(at)) = (&v.decided_by, v.decided_at) {
            line.push_str(&format!(" {who} {}", at.format("%d/%m/%Y")));
        }
    };
    match v.state {
        VariationState::Approved => {
            line.push_str(&tr_format!("  atto: {}", "  act: {}", v.act));
            by(&mut line);
        }
        VariationState::Rejected => {
            line.push_str(&tr_format!("  respinta: {}", "  rejected: {}", v.rejection));
            by(&mut line);
        }
        VariationState::Open => {}
    }
    line
}

/// The variation's header, then each change: `05_1201_0601  fase 1 «NOME»
/// Peso: 25 → 30`, and where the plan no longer has the old value, what it has.
pub fn show(dataset: &Dataset, v: &Variation) -> Vec<String> {
    let mut lines = vec![tr_format!("Variazione {}", "Variation {}", summary(v))];
    for c in &v.changes {
        let objective = dataset.objectives.iter().find(|o| o.code == c.code);
        let mut line = format!(
            "  {}  {}",
            c.code,
            crate::model::describe::change(
                &variation::applied(c, objective),
                crate::model::describe::Said::OldToNew,
            )
        );
        // Changed in the plan since it was recorded: approving is refused.
        if v.state == VariationState::Open
            && let Some(o) = objective
            && let Some(r) = Recorded::of(c)
            && r.now_in(o).as_ref() != Some(&r.old)
        {
            let now = r.now_in(o).map(|v| v.to_string()).unwrap_or_default();
            line.push_str(&tr_format!(
                "  [nel piano ora: {now}]",
                "  [in the plan now: {now}]"
            ));
        }
        lines.push(line);
    }
    if v.changes.is_empty() {
        lines.push(tr_string(
            "  nessuna modifica registrata (obiettivi set CODICE … --variation ID)",
            "  no change recorded (obiettivi set CODE … --variation ID)",
        ));
    }
    lines
}
