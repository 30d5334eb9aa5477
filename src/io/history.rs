//! The audit history as people read it: one line per change, oldest first.

use crate::api::{AuditEntry, AuditNote};
use crate::model::describe::{self, Said};
use crate::tr_format;

/// What changed, without who and when: `fase 1 «NOME» Peso: n/d → 40`, and
/// how it went past a refusal, when it did.
pub fn what(entry: &AuditEntry) -> String {
    let text = describe::change(&entry.what, Said::OldToNew);
    match &entry.note {
        Some(AuditNote::Over(over)) => format!("{text} ({})", over.describe()),
        Some(AuditNote::Forced) => tr_format!(
            "{text}  [forzato: sopra il valore più recente di un altro utente]",
            "{text}  [forced: over another user's newer value]"
        ),
        Some(AuditNote::Variation { id, act }) => {
            tr_format!(
                "{text}  [variazione {id}, {act}]",
                "{text}  [variation {id}, {act}]"
            )
        }
        None => text,
    }
}

/// `25/11/2026 10:03:12 +01:00  mrossi  05_1201_0601  fase 1 «NOME» Peso: n/d → 40`
pub fn line(entry: &AuditEntry) -> String {
    format!(
        "{}  {}  {}  {}",
        entry.at.format("%d/%m/%Y %H:%M:%S %:z"),
        entry.who,
        entry.what.objective,
        what(entry)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::model::applied::Part;
    use crate::model::edit::Applied;

    fn entry(field: &str, phase: Option<usize>, old: Value, new: Value) -> AuditEntry {
        AuditEntry {
            at: chrono::DateTime::parse_from_rfc3339("2026-11-25T10:03:12+01:00").unwrap(),
            who: "mrossi".into(),
            what: Applied {
                objective: "05_1201_0601".into(),
                phase,
                phase_name: phase.map(|_| "NUOVI ALLOGGI".into()),
                field: Part::from_name(field, phase.is_some()),
                old,
                new,
            },
            note: None,
        }
    }

    #[test]
    fn lines_say_who_when_what_old_and_new() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let e = entry(
            "weight",
            Some(0),
            Value::Number(None),
            Value::Number(Some(40.5)),
        );
        assert_eq!(
            line(&e),
            "25/11/2026 10:03:12 +01:00  mrossi  05_1201_0601  fase 1 «NUOVI ALLOGGI» Peso: n/d → 40,5"
        );
        let e = entry(
            "status",
            None,
            Value::OptText(None),
            Value::OptText(Some("Concluso".into())),
        );
        assert_eq!(what(&e), "Stato:  → Concluso");
        let long = "parola ".repeat(30);
        let e = entry(
            "narratives.year1",
            None,
            Value::Text(String::new()),
            Value::Text(long),
        );
        assert!(what(&e).starts_with("Stato di attuazione 1° anno:  → parola parola"));
        assert!(what(&e).ends_with('…'));
        let e = entry(
            "phase",
            Some(2),
            Value::Text(String::new()),
            Value::Text("NUOVA".into()),
        );
        assert_eq!(what(&e), "fase 3 «NUOVI ALLOGGI» aggiunta");
        let e = entry(
            "position",
            Some(2),
            Value::Number(Some(2.0)),
            Value::Number(Some(3.0)),
        );
        assert_eq!(what(&e), "fase 3 «NUOVI ALLOGGI» spostata: 2 → 3");
    }

    #[test]
    fn polarity_rule_and_kind_read_in_words_in_either_language() {
        let mut e = entry(
            "indicators[0].polarity",
            None,
            // As the version before recorded it, and as this one does.
            Value::Text("Increasing".into()),
            Value::Text("decreasing".into()),
        );
        e.what.phase_name = Some("Alloggi".into());
        crate::i18n::set_lang(crate::i18n::Lang::It);
        assert_eq!(
            what(&e),
            "indicatore 1 «Alloggi» polarità: crescente → decrescente"
        );
        e.what.field = Part::from_name("indicators[0].rule", false);
        e.what.old = Value::Text("linear".into());
        e.what.new = Value::Text("threshold".into());
        assert_eq!(what(&e), "indicatore 1 «Alloggi» regola: lineare → soglia");
        e.what.field = Part::from_name("indicators[0].kind", false);
        e.what.old = Value::Text("Some(Quality)".into());
        e.what.new = Value::Text("outcome".into());
        assert_eq!(what(&e), "indicatore 1 «Alloggi» tipo: qualità → outcome");
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert_eq!(what(&e), "indicator 1 «Alloggi» kind: quality → outcome");
        crate::i18n::set_lang(crate::i18n::Lang::It);
    }

    /// Audit entries as the store kept them before parts were typed (bytes
    /// written by the version before): each reads as the part it names, is
    /// said as before, and is written back byte for byte.
    #[test]
    fn stored_entries_of_the_version_before_read_and_are_said_as_before() {
        use crate::model::applied::Part;
        use crate::model::indicator_fields::IndicatorField;
        use crate::model::{ObjectiveField, PhaseField};
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let head =
            r#"{"at":"2026-11-25T10:03:12+01:00","who":"mrossi","objective":"05_1201_0601","#;
        let stored = [
            (
                r#""phase":0,"phase_name":"NUOVI ALLOGGI","field":"manager","old":{"kind":"text","value":"A"},"new":{"kind":"text","value":"B"}}"#,
                Part::Phase(PhaseField::Manager),
                "fase 1 «NUOVI ALLOGGI» Responsabile: A → B",
            ),
            (
                r#""phase":null,"phase_name":null,"field":"manager","old":{"kind":"text","value":"A"},"new":{"kind":"text","value":"B"}}"#,
                Part::Objective(ObjectiveField::Manager),
                "Responsabile: A → B",
            ),
            (
                r#""phase":null,"phase_name":"Alloggi","field":"indicators[0].targets.2027","old":{"kind":"text","value":""},"new":{"kind":"text","value":"30"}}"#,
                Part::Indicator {
                    index: 0,
                    cell: Some(IndicatorField::Target(2027)),
                },
                "indicatore 1 «Alloggi» target 2027:  → 30",
            ),
            (
                r#""phase":null,"phase_name":"Alloggi","field":"indicators[0].kind","old":{"kind":"text","value":"Some(Quality)"},"new":{"kind":"text","value":"outcome"}}"#,
                Part::Indicator {
                    index: 0,
                    cell: Some(IndicatorField::Kind),
                },
                "indicatore 1 «Alloggi» tipo: qualità → outcome",
            ),
            (
                r#""phase":null,"phase_name":"Alloggi","field":"indicators[1]","old":{"kind":"text","value":""},"new":{"kind":"text","value":"Alloggi"}}"#,
                Part::Indicator {
                    index: 1,
                    cell: None,
                },
                "indicatore 2 «Alloggi» aggiunto",
            ),
            (
                r#""phase":1,"phase_name":"NUOVI ALLOGGI","field":"position","old":{"kind":"number","value":1.0},"new":{"kind":"number","value":2.0}}"#,
                Part::Moved,
                "fase 2 «NUOVI ALLOGGI» spostata: 1 → 2",
            ),
            (
                r#""phase":null,"phase_name":null,"field":"import","old":{"kind":"text","value":""},"new":{"kind":"text","value":"+"}}"#,
                Part::Import,
                "importato (nuovo)",
            ),
        ];
        for (rest, part, said) in stored {
            let bytes = format!("{head}{rest}");
            let entry: AuditEntry = serde_json::from_str(&bytes).expect(&bytes);
            assert_eq!(entry.what.field, part, "{bytes}");
            assert_eq!(what(&entry), said);
            assert_eq!(serde_json::to_string(&entry).unwrap(), bytes);
        }
    }

    /// Entries that the version before this one (which changed a whole
    /// indicator and recorded it cell by cell) wrote to its store, as its
    /// bytes were: read, said, and taken back by the one rewind of cells.
    #[test]
    fn indicator_entries_stored_by_the_version_before_are_said_and_taken_back() {
        use crate::model::indicators::{Baseline, Indicator, Measurement, Polarity};
        use crate::model::{Objective, rewind::rewind};
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let stored = include_str!("../../tests/fixtures/audit_entries_main_v4.jsonl");
        let entries: Vec<AuditEntry> = stored
            .lines()
            .map(|l| serde_json::from_str(l).expect(l))
            .collect();
        let said: Vec<String> = entries.iter().map(what).collect();
        assert_eq!(
            said,
            [
                "indicatore 1 «Alloggi» aggiunto",
                "indicatore 1 «Alloggi» valore di partenza:  → 12 (2025)",
                "indicatore 1 «Alloggi» target 2026: 20 → 25",
                "indicatore 1 «Alloggi» polarità: crescente → decrescente",
                "indicatore 1 «Alloggi» rilevazione 30/06/2026:  → 15",
            ]
        );
        let mut now = Objective::new("05_1201_0301", "M");
        let june = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        now.indicators.push(Indicator {
            name: "Alloggi".into(),
            baseline: Some(Baseline {
                value: 12.0,
                year: 2025,
            }),
            targets: [(2026, 25.0)].into(),
            polarity: Polarity::Decreasing,
            measurements: vec![Measurement {
                period: june,
                value: 15.0,
                note: String::new(),
            }],
            ..Indicator::default()
        });
        let cells: Vec<_> = entries[1..].iter().map(|e| &e.what).collect();
        let before = rewind(&now, &cells).expect("cells are taken back");
        let added = Indicator {
            name: "Alloggi".into(),
            targets: [(2026, 20.0)].into(),
            ..Indicator::default()
        };
        assert_eq!(before.indicators, [added]);
        // The indicator's row added: not guessed.
        let all: Vec<_> = entries.iter().map(|e| &e.what).collect();
        assert_eq!(rewind(&now, &all), None);
    }
}
