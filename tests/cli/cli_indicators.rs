//! Indicators through the command line (issue 17): `set` adds and measures
//! one, `report` shows its achievement with the formula, `check` names what
//! is missing.

use crate::common;
use common::*;

const CODE: &str = "05_1201_0601";

#[test]
fn an_indicator_set_from_the_command_line_is_reported_with_its_achievement_and_formula() {
    let (_dir, db) = fresh_db();
    let said = add_alloggi(&db, CODE, &["--unit", "n."]);
    assert!(said.contains("indicatore 1 «Alloggi assegnati»"), "{said}");
    let report = ok(
        &db,
        &["report", "--format", "txt", "--today", "01/12/2026", CODE],
    );
    assert!(
        report.contains("Raggiungimento:     37,5% non raggiunto"),
        "{report}"
    );
    assert!(
        report.contains("(15 − 12)/(20 − 12)·100 = 37,5%"),
        "{report}"
    );
    // check: only 2026 has a target.
    let o = run(&db, &["check", "--today", "01/12/2026"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("05_1201_0601  indicatore 1 «Alloggi assegnati»: manca il target 2027"),
        "{out}"
    );
    // The history names the parts that changed.
    ok(
        &db,
        &[
            "set",
            CODE,
            "--indicator",
            "1",
            "--measure",
            "31/12/2026=18",
        ],
    );
    let history = ok(&db, &["history", CODE]);
    assert!(
        history.contains("indicatore 1 «Alloggi assegnati» rilevazione 31/12/2026:  → 18"),
        "{history}"
    );
    let indicator = &first_indicator(&db);
    assert_eq!(indicator["targets"]["2026"], 20.0);
    assert_eq!(indicator["baseline"]["year"], 2025);
    assert_eq!(indicator["measurements"][1]["value"], 18.0);
}

/// The first indicator of `CODE`, as exported.
fn first_indicator(db: &std::path::Path) -> serde_json::Value {
    let json = export_json(db);
    let objective = json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == CODE)
        .unwrap();
    objective["indicators"][0].clone()
}

/// A fresh database whose objective `CODE` has one indicator (a target for
/// 2026), and its export then.
fn with_an_indicator() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, db) = fresh_db();
    ok(
        &db,
        &["set", CODE, "--add-indicator", "A", "--target", "2026=10"],
    );
    let before = export(&db);
    (dir, db, before)
}

#[test]
fn a_measurement_outside_the_monitoring_periods_or_a_bad_value_is_refused() {
    let (_dir, db, before) = with_an_indicator();
    for (args, says) in [
        (
            vec!["--measure", "15/05/2026=3"],
            "non è un periodo di monitoraggio del piano",
        ),
        (vec!["--measure", "30/06/2026=tre"], "non è un numero"),
        (vec!["--weight", "140"], "non può superare 100"),
        (vec!["--target", "2026"], "scrivi es. 2026=20"),
        (vec!["--polarity", "su"], "crescente|decrescente"),
    ] {
        let mut all = vec!["set", CODE, "--indicator", "1"];
        all.extend(args);
        let o = run(&db, &all);
        assert_refused(&o, says);
        assert!(stderr(&o).contains("Nulla è cambiato."), "{}", stderr(&o));
    }
    let o = run(
        &db,
        &["set", CODE, "--indicator", "3", "--target", "2026=1"],
    );
    assert_refused(&o, "non c'è l'indicatore 3");
    assert_eq!(export(&db), before);
}

/// A target's or the baseline's year is within the plan's years ± 10
/// (2016–2038 for DUP 2026-2028), and an indicator holds at most 30 targets,
/// from `set` and from an imported file alike (before: 2039, −2147483648,
/// 99999 and 50 000 targets were stored; `set` refuses what is not a
/// four-digit year by itself).
#[test]
fn implausible_years_and_too_many_targets_are_refused() {
    let (dir, db, before) = with_an_indicator();
    for arg in ["--target=1990=10", "--target=2039=10", "--baseline=5@2015"] {
        let all = ["set", CODE, "--indicator", "1", arg];
        let o = run(&db, &all);
        assert_refused(
            &o,
            "è fuori dagli anni ammessi 2016–2038 (gli anni del piano ± 10)",
        );
    }
    ok(
        &db,
        &[
            "set",
            CODE,
            "--indicator",
            "1",
            "--target",
            "2038=10",
            "--baseline",
            "5@2016",
        ],
    );
    let mut plan = export_json(&db);
    let file = dir.path().join("piano.json");
    for (targets, says) in [
        (
            (2016..2016 + 50_000)
                .map(|y| (y.to_string(), 1.0.into()))
                .collect(),
            "supera il limite di 30 target (uno per anno)",
        ),
        (
            [("-2147483648".to_string(), 1.0.into())]
                .into_iter()
                .collect(),
            "l'anno -2147483648 è fuori dagli anni ammessi",
        ),
        (
            [("99999".to_string(), 1.0.into())].into_iter().collect(),
            "l'anno 99999 è fuori dagli anni ammessi",
        ),
    ] {
        objective_in(&mut plan, CODE)["indicators"][0]["targets"] =
            serde_json::Value::Object(targets);
        std::fs::write(&file, plan.to_string()).unwrap();
        let o = run(&db, &["import", file.to_str().unwrap()]);
        assert_refused(&o, says);
        assert!(stderr(&o).contains("indicators[0]"), "{}", stderr(&o));
    }
    assert_ne!(export(&db), before);
    assert!(
        export(&db).contains("\"2038\": 10"),
        "the years in bounds were stored"
    );
}

/// The report as a file in `format`, of the whole plan or of `codes`.
fn report_file(
    db: &std::path::Path,
    dir: &std::path::Path,
    format: &str,
    codes: &[&str],
) -> String {
    let file = dir.join(format!("scheda.{format}"));
    let mut args = vec![
        "report",
        "--format",
        format,
        "--today",
        "01/12/2026",
        "-o",
        file.to_str().unwrap(),
    ];
    args.extend(codes);
    ok(db, &args);
    std::fs::read_to_string(&file).unwrap()
}

#[test]
fn the_whole_plans_report_opens_with_a_summary_by_mission_and_each_objective_has_its_indicators() {
    let (dir, db) = fresh_db();
    // 37,5 % (non raggiunto) and 100 % (raggiunto): the objective 68,75 %.
    add_alloggi(&db, CODE, &[]);
    ok(
        &db,
        &[
            "set",
            CODE,
            "--add-indicator",
            "Sportelli aperti",
            "--rule",
            "soglia",
            "--target",
            "2026=10",
            "--measure",
            "31/12/2026=10",
        ],
    );
    ok(&db, &["set", CODE, "--phase", "1", "--progress", "40"]);
    let md = report_file(&db, dir.path(), "md", &[]);
    assert!(md.contains("### Sintesi per missione"), "{md}");
    assert!(
        md.contains(
            "| Obiettivo di missione | Obiettivi | Avanzamento fasi | Raggiungimento indicatori 2026 \
             | raggiunto (n. indicatori) | parzialmente raggiunto (n. indicatori) \
             | non raggiunto (n. indicatori) | n/d (n. indicatori) |"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "| 2024_28_DUP_05_1201 Persone e famiglie al centro | 7 \
             | 40% (media di 1 di 7 obiettivi; 05_1201_0601: 1 di 4 fasi misurate) \
             | 68,75% (media di 1 di 7 obiettivi) | 1 | 0 | 1 | 0 |"
        ),
        "{md}"
    );
    assert!(
        // What each mean left out, next to it: 1 objective of 8, 1 phase of its 4.
        md.contains("| Totale piano | 8 | 40% (media di 1 di 8 obiettivi; 05_1201_0601: 1 di 4 fasi misurate) | 68,75% (media di 1 di 8 obiettivi) | 1 | 0 | 1 | 0 |"),
        "{md}"
    );
    // The summary comes before the first objective.
    assert!(md.find("Sintesi per missione") < md.find("## Obiettivo di programma"));
    // Each objective's table: baseline, target of the year, last measurement, achievement, band, formula.
    assert!(
        md.contains(
            "| 1 | Alloggi assegnati |  | 12 (2025) | 20 | 15 (30/06/2026) | 37,5% non raggiunto \
             | (15 − 12)/(20 − 12)·100 = 37,5% |"
        ),
        "{md}"
    );
    assert!(
        md.contains("68,75% parzialmente raggiunto — media di 2 indicatori = 68,75%"),
        "{md}"
    );

    let html = report_file(&db, dir.path(), "html", &[]);
    assert!(html.contains("Sintesi per missione"), "{html}");
    assert!(
        html.contains("<td>68,75% (media di 1 di 7 obiettivi)</td>"),
        "{html}"
    );
    let txt = report_file(&db, dir.path(), "txt", &[]);
    assert!(
        txt.contains("Sintesi per missione\n--------------------"),
        "{txt}"
    );
    assert!(
        txt.contains("Raggiungimento indicatori 2026:         68,75% (media di 1 di 8"),
        "{txt}"
    );

    // The scheda of one objective has no summary.
    let one = report_file(&db, dir.path(), "md", &[CODE]);
    assert!(!one.contains("Sintesi per missione"), "{one}");
    assert!(one.contains("Alloggi assegnati"), "{one}");
}

/// `set` reads an indicator's values as the indicator table reads a typed
/// cell (one parser a field): a choice by its first letters, a measurement
/// measured again keeping its note.
#[test]
fn set_reads_an_indicator_s_values_as_the_table_does() {
    let (_dir, db, _) = with_an_indicator();
    let args = [
        "set",
        CODE,
        "--indicator",
        "1",
        "--polarity",
        "dec",
        "--rule",
        "sog",
        "--baseline",
        "12 (2025)",
    ];
    ok(&db, &args);
    let indicator = &first_indicator(&db);
    assert_eq!(indicator["polarity"], "decreasing");
    assert_eq!(indicator["rule"], "threshold");
    assert_eq!(indicator["baseline"]["year"], 2025);
}

/// A value typed with three decimals keeps every digit (issue 25): stored,
/// in the history, in the CSV export; and a CSV exported then imported as it
/// is changes nothing and writes no history entry.
#[test]
fn a_value_of_three_decimals_keeps_every_digit_and_a_csv_round_trip_changes_nothing() {
    let (dir, db) = fresh_db();
    add_alloggi(&db, CODE, &[]);
    let digits = "--target 2026=12,345 --measure 30/06/2026=7,125 --baseline 0,005@2025";
    let mut args = vec!["set", CODE, "--indicator", "1"];
    args.extend(digits.split(' '));
    ok(&db, &args);
    let indicator = first_indicator(&db);
    assert_eq!(indicator["targets"]["2026"], 12.345);
    assert_eq!(indicator["measurements"][0]["value"], 7.125);
    assert_eq!(indicator["baseline"]["value"], 0.005);
    let history = ok(&db, &["history", CODE]);
    for said in [
        "target 2026: 20 → 12,345",
        "rilevazione 30/06/2026: 15 → 7,125",
    ] {
        assert!(history.contains(said), "{said}\n{history}");
    }
    let csv = stdout(&run(&db, &["export", "--format", "csv"]));
    for value in [";12,345;", ";7,125;", ";0,005;"] {
        assert!(csv.contains(value), "{value}\n{csv}");
    }
    let file = dir.path().join("piano.csv");
    std::fs::write(&file, &csv).unwrap();
    let before = (export_json(&db), history.lines().count());
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let history = ok(&db, &["history", CODE]);
    assert_eq!(
        (export_json(&db), history.lines().count()),
        before,
        "{history}"
    );
}

/// A JSON import that changes only an objective's indicators (one added, a
/// target changed) is an import that changes something: it says so and the
/// plan has them after it. It was taken for "invariato" and dropped them.
#[test]
fn an_import_that_changes_only_indicators_keeps_them() {
    let (dir, db, _) = with_an_indicator();
    let mut plan = export_json(&db);
    let o = objective_in(&mut plan, CODE);
    o["indicators"][0]["targets"]["2026"] = 12.into();
    let second = serde_json::json!({"name": "B", "targets": {"2026": 5}});
    o["indicators"].as_array_mut().unwrap().push(second);
    let file = dir.path().join("plan.json");
    std::fs::write(&file, serde_json::to_vec(&plan).unwrap()).unwrap();
    let said = ok(&db, &["import", file.to_str().unwrap()]);
    assert!(
        said.contains(CODE),
        "the objective named as changed: {said}"
    );
    let after = export_json(&db);
    let mut after = after;
    let indicators = objective_in(&mut after, CODE)["indicators"].clone();
    assert_eq!(indicators[0]["targets"]["2026"], 12.0, "{indicators}");
    assert_eq!(indicators[1]["name"], "B", "{indicators}");
}
