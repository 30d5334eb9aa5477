//! The one row loop of the sheet import, on a phases and an indicators sheet
//! alike: each sheet's key columns, its repeated rows and its editable cells.

use super::*;
use crate::i18n::{Lang, set_lang};
use crate::model::indicator_fields::IndicatorField;
use crate::model::indicators::Indicator;

/// The shipped plan, its first objective with phases first, with an
/// indicator (target 2026: 10).
fn dataset() -> Dataset {
    let mut d = crate::io::shipped();
    let first = d.objectives.iter().position(|o| !o.phases.is_empty());
    d.objectives.swap(0, first.unwrap());
    let mut i = Indicator {
        name: "Alloggi".into(),
        ..Indicator::default()
    };
    i.targets.insert(2026, 10.0);
    d.objectives[0].indicators = vec![i];
    d
}

fn table(name: &str, header: &[&str], rows: &[&[&str]]) -> Table {
    let text = |s: &&str| match *s {
        "" => Raw::Empty,
        s => Raw::Text(s.to_string()),
    };
    Table {
        name: name.into(),
        header_row: 1,
        first_column: 0,
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: rows.iter().map(|r| r.iter().map(text).collect()).collect(),
        neutralised: false,
    }
}

fn refusals(d: &Dataset, sheet: Table, shape: Shape) -> Vec<String> {
    let bases = Bases::none(d.objectives.len());
    match plan(&[(sheet, shape)], d, &bases) {
        Ok(plan) => panic!("not refused: {plan:?}"),
        Err(all) => all.iter().map(Refusal::to_string).collect(),
    }
}

#[test]
fn each_sheet_is_refused_without_one_of_its_key_columns() {
    set_lang(Lang::It);
    let d = dataset();
    for (name, shape, header, missing) in [
        (PHASES_SHEET, Shape::Phases, &["Obiettivo"][..], "N. fase"),
        (
            INDICATORS_SHEET,
            Shape::Indicators,
            &["Obiettivo", "N. indicatore", "Target"][..],
            "Anno",
        ),
        (
            INDICATORS_SHEET,
            Shape::Indicators,
            &["Anno"][..],
            "Obiettivo",
        ),
    ] {
        let said = refusals(&d, table(name, header, &[]), shape);
        assert_eq!(
            said,
            [format!(
                "foglio «{name}», riga 1: manca la colonna «{missing}»"
            )]
        );
    }
}

#[test]
fn a_row_repeated_is_refused_at_its_key_on_either_sheet() {
    set_lang(Lang::It);
    let d = dataset();
    let code = d.objectives[0].code.as_str();
    let phases = table(
        PHASES_SHEET,
        &["Obiettivo", "N. fase"],
        &[&[code, "1"], &[code, "1"]],
    );
    assert_eq!(
        refusals(&d, phases, Shape::Phases),
        [
            "foglio «Fasi», riga 3, colonna «Obiettivo» (A): la stessa riga del piano è già alla riga 2"
        ]
    );
    let indicators = table(
        INDICATORS_SHEET,
        &["Obiettivo", "N. indicatore", "Anno"],
        &[
            &[code, "1", "2026"],
            &[code, "1", "2026"],
            &[code, "2", "2026"],
        ],
    );
    assert_eq!(
        refusals(&d, indicators, Shape::Indicators),
        [
            "foglio «Indicatori», riga 3, colonna «N. indicatore» (B): lo stesso indicatore e anno è già alla riga 2".to_string(),
            format!("foglio «Indicatori», riga 4, colonna «N. indicatore» (B): l'obiettivo {code} ha 1 indicatori (numerati da 1): non c'è l'indicatore «2»"),
        ]
    );
}

#[test]
fn a_phase_cell_and_an_indicator_cell_are_read_by_the_same_loop() {
    set_lang(Lang::It);
    let d = dataset();
    let code = d.objectives[0].code.as_str();
    let sheets = [
        (
            table(
                PHASES_SHEET,
                &["Obiettivo", "N. fase", "Peso"],
                &[&[code, "1", "55"]],
            ),
            Shape::Phases,
        ),
        (
            table(
                INDICATORS_SHEET,
                &["Obiettivo", "N. indicatore", "Anno", "Target"],
                &[&[code, "1", "2026", "12,5"]],
            ),
            Shape::Indicators,
        ),
    ];
    let plan = plan(&sheets, &d, &Bases::none(d.objectives.len())).unwrap();
    let changes: Vec<&Change> = plan.edits[0].changes.iter().map(|p| &p.change).collect();
    assert!(
        matches!(changes[0], Change::SetPhase { phase: 0, value: Value::Number(Some(w)), .. } if *w == 55.0),
        "{changes:?}"
    );
    let Change::SetIndicator { field, value, .. } = changes[1] else {
        panic!("{changes:?}");
    };
    assert_eq!(
        (field, value.to_string().as_str()),
        (&IndicatorField::Target(2026), "12,5")
    );
    assert_eq!(
        plan.edits[0].changes[1].place.to_string(),
        "foglio «Indicatori», riga 2, colonna «Target» (D)"
    );
}
