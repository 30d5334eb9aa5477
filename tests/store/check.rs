//! `check` reads the store its own way (issue 29: ≤ 300 ms at 10 000 × 10):
//! what it prints must be, line for line, what the plan's rules say of the
//! whole plan read back (`model::warnings`, `model::indicator_warnings`), on
//! a plan with every kind of warning, on several days and in both languages.

use std::fmt::Write;

use chrono::NaiveDate;
use obiettivi::dev::synthetic::{Spec, generate};
use obiettivi::i18n::{Lang, set_lang};
use obiettivi::model::indicator_warnings::indicator_warnings;
use obiettivi::model::indicators::Measurement;
use obiettivi::model::warnings::warnings;
use obiettivi::model::{Dataset, Phase};

use crate::common;

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn named() -> Phase {
    Phase {
        name: "FASE".into(),
        ..Phase::default()
    }
}

/// A synthetic plan, then each kind of warning planted in an objective of its own.
fn plan_with_every_warning() -> Dataset {
    let mut plan = generate(&Spec {
        objectives: 40,
        phases: 4,
        seed: 29,
    });
    let o = &mut plan.objectives;
    // Σ weights ≠ 100, a phase done without an end, ends before starts,
    // an end with work left, late.
    o[0].phases = vec![
        Phase {
            weight: Some(30.0),
            progress: Some(100.0),
            ..named()
        },
        Phase {
            weight: Some(30.0),
            actual_start: d(2026, 2, 1),
            actual_end: d(2026, 1, 15),
            planned_end: d(2026, 6, 30),
            progress: Some(50.5),
            ..named()
        },
        Phase {
            weight: Some(12.25),
            planned_start: d(2026, 9, 1),
            planned_end: d(2026, 3, 1),
            progress: Some(0.0),
            ..named()
        },
    ];
    // No weight at all; no progress; concluded with work left.
    o[1].status = Some("Concluso".into());
    for p in &mut o[1].phases {
        (p.weight, p.progress) = (None, None);
    }
    // Some weighted, one not (left out); one phase unmeasured.
    o[2].phases[1].weight = None;
    o[2].phases[2].progress = None;
    // This year's narratives empty, blank or not.
    o[3].narratives.year1 = String::new();
    o[4].narratives.year1 = "  \n ".into();
    o[5].narratives.year2 = String::new();
    // No phases, no indicators: nothing to say but what the narratives do.
    o[6].phases.clear();
    o[6].indicators.clear();
    // Indicators: a missing target, a missing measurement, a measurement
    // outside the plan's periods, unweighted among weighted, Σ ≠ 100.
    let i = &mut o[7].indicators;
    assert!(i.len() >= 2, "the generator gives two indicators or more");
    i[0].targets.remove(&2027);
    i[0].measurements.clear();
    i[1].measurements.push(Measurement {
        period: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        value: 3.0,
        note: "«fuori periodo»".into(),
    });
    i[0].weight = Some(40.0);
    i[1].weight = None;
    plan
}

/// What the rules say of the plan read back whole, as `check` prints it.
fn expected(plan: &Dataset, today: NaiveDate, lang: Lang) -> String {
    set_lang(lang);
    let mut out = String::new();
    let mut count = 0;
    for o in &plan.objectives {
        for w in warnings(&plan.plan, o, today) {
            count += 1;
            writeln!(out, "{}  {w}", o.code).unwrap();
        }
        for line in indicator_warnings(&plan.plan, o, today) {
            count += 1;
            writeln!(out, "{}  {line}", o.code).unwrap();
        }
    }
    let said = obiettivi::i18n::count(count, ("avviso", "avvisi"), ("warning", "warnings"));
    writeln!(out, "{said}").unwrap();
    out
}

#[test]
fn check_says_what_the_rules_say_of_the_whole_plan_on_every_kind_of_warning() {
    let plan = plan_with_every_warning();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.json");
    std::fs::write(&file, serde_json::to_vec(&plan).unwrap()).unwrap();
    let db = dir.path().join("db");
    let o = common::bin()
        .arg("--db")
        .arg(&db)
        .args(["--empty", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    // What was stored, read back whole: the plan `check` speaks of.
    let exported = common::export_json(&db);
    let stored: Dataset = serde_json::from_value(exported).unwrap();
    let kinds = [
        "somma dei pesi 72,25 (attesa 100)",
        "avanzamento 100% senza fine effettiva",
        "prima dell'inizio effettivo",
        "prima dell'inizio previsto",
        "ma avanzamento 50,5% (attesa 100%)",
        "in ritardo (fine prevista 30/06/2026",
        "stato «Concluso» ma",
        "senza peso\n",
        "senza peso, tra fasi pesate",
        "senza avanzamento: non misurat",
        "1° anno ancora vuoto",
        "manca il target 2027",
        "nessuna rilevazione per il",
        "non è di un periodo di monitoraggio",
        "senza peso, tra indicatori pesati",
        "somma dei pesi degli indicatori",
    ];
    for (day, lang, env) in [
        ("01/07/2026", Lang::It, "it_IT.UTF-8"),
        ("01/07/2026", Lang::En, "en_US.UTF-8"),
        ("31/12/2026", Lang::It, "it_IT.UTF-8"),
        ("15/01/2028", Lang::It, "it_IT.UTF-8"),
        ("01/01/2025", Lang::It, "it_IT.UTF-8"),
    ] {
        let today = NaiveDate::parse_from_str(day, "%d/%m/%Y").unwrap();
        let o = common::run_in(env, &db, &["check", "--today", day]);
        assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
        let printed = common::stdout(&o);
        assert_eq!(printed, expected(&stored, today, lang), "{day} {env}");
        if day == "01/07/2026" && lang == Lang::It {
            for kind in kinds {
                assert!(printed.contains(kind), "{kind} not in\n{printed}");
            }
        }
    }
    // Only some objectives, by code or its tail: the same lines, theirs.
    let (first, eighth) = (&stored.objectives[0].code, &stored.objectives[7].code);
    let tail = eighth.rsplit('_').next().unwrap();
    let ends = |o: &&obiettivi::model::Objective| o.code.ends_with(&format!("_{tail}"));
    let typed = match stored.objectives.iter().filter(ends).count() {
        1 => tail,
        _ => eighth.as_str(),
    };
    let o = common::run(&db, &["check", "--today", "01/07/2026", first, typed]);
    let only = Dataset {
        objectives: vec![stored.objectives[0].clone(), stored.objectives[7].clone()],
        ..stored.clone()
    };
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    assert_eq!(common::stdout(&o), expected(&only, today, Lang::It));
}
