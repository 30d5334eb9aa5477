//! `obiettivi cycle`: the plan's year (GUIDE §8) — states, transitions with
//! their acts, the checks by objective, and the baseline frozen on approval.

use crate::common;
use common::*;

const APPROVAL: &str = "DGC n. 12 del 30/01/2026";

/// The shipped plan in a new database, as a user would load it.
fn shipped_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("db");
    let file = dir.join("dup.json");
    std::fs::write(&file, SHIPPED_JSON).unwrap();
    import_into_empty(&db, file.to_str().unwrap());
    db
}

#[test]
fn the_shipped_plan_cannot_be_proposed_for_its_eight_unweighted_objectives() {
    let dir = tempfile::tempdir().unwrap();
    let db = shipped_db(dir.path());
    let before = export(&db);
    let o = run(&db, &["cycle", "advance", "--dry-run"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let weights: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("somma dei pesi delle fasi 0 (deve essere 100)"))
        .collect();
    assert_eq!(weights.len(), 8, "{out}");
    // Every objective of the shipped plan: none has a weight.
    for o in shipped_json()["objectives"].as_array().unwrap() {
        let code = o["code"].as_str().unwrap();
        assert!(weights.iter().any(|l| l.contains(code)), "{code}: {out}");
    }
    assert!(out.contains("8 obiettivi da sistemare"), "{out}");
    // A dry run changes nothing; the alias says the same.
    assert_eq!(export(&db), before);
    let ciclo = run(&db, &["ciclo"]);
    assert_eq!(ciclo.status.code(), Some(0), "{}", stderr(&ciclo));
    assert!(stdout(&ciclo).contains("Stato del piano: Bozza"));
    // Moving on for real is refused with the same list; forcing needs a reason.
    let refused = run(&db, &["cycle", "advance"]);
    assert_refused(&refused, "il piano non può passare a «Proposta»");
    assert_refused(&run(&db, &["cycle", "advance", "--force"]), "--reason");
    assert_eq!(export(&db), before);
    let forced = ok(
        &db,
        &[
            "cycle",
            "advance",
            "--force",
            "--reason",
            "già proposto in giunta",
        ],
    );
    assert!(forced.contains("«Proposta»"), "{forced}");
    let shown = ok(&db, &["cycle"]);
    assert!(shown.contains("Bozza → Proposta"), "{shown}");
    assert!(
        shown.contains("motivo: già proposto in giunta  [forzato]"),
        "{shown}"
    );
}

#[test]
fn a_year_walks_from_bozza_to_validata_with_its_acts() {
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--add-indicator",
            "Alloggi assegnati",
            "--target",
            "2026=20",
            "--weight",
            "100",
        ],
    );
    let o = run(&db, &["cycle", "advance", "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    ok(&db, &["cycle", "advance"]);
    // Approvata needs its act.
    assert_refused(&run(&db, &["cycle", "advance"]), "--act");
    assert!(ok(&db, &["cycle"]).contains("Stato del piano: Proposta"));
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    // The baseline is frozen: the message names the act and the way out.
    let weight = run(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "30"],
    );
    assert_refused(
        &weight,
        "fase 1 Peso: congelato dall'approvazione, DGC n. 12 del 30/01/2026: \
         si cambia con una variazione",
    );
    let manager = run(&db, &["set", "05_1201_0601", "--manager", "ROSSI MARIO"]);
    assert_refused(&manager, "congelato dall'approvazione");
    // What is monitored still goes through.
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--progress", "30"],
    );
    ok(&db, &["set", "05_1201_0601", "--year1", "Avviato."]);
    // An indicator's target is the baseline too; its measurement is not.
    let target = [
        "set",
        "05_1201_0601",
        "--indicator",
        "1",
        "--target",
        "2026=25",
    ];
    assert_refused(
        &run(&db, &target),
        "indicatore 1 Target 2026: congelato dall'approvazione",
    );
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--indicator",
            "1",
            "--measure",
            "30/06/2026=15",
        ],
    );
    // Back with a reason, and on again.
    assert_refused(&run(&db, &["cycle", "back", "--reason", " "]), "--reason");
    ok(&db, &["cycle", "back", "--reason", "delibera da rifare"]);
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--notes", "rivisto"],
    );
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    ok(&db, &["cycle", "advance"]);
    // Consuntivo: the year's data is still written (the consuntivo is made of it).
    let progress = ["set", "05_1201_0601", "--phase", "1", "--progress", "90"];
    let narrative = ["set", "05_1201_0601", "--year1", "Consuntivo dell'anno"];
    ok(&db, &progress);
    ok(&db, &narrative);
    // Into Valutazione each objective under the band says its gap's cause
    // (tests/cli/cli_assessment.rs); passed here by a controller.
    assert_refused(
        &run(&db, &["cycle", "advance"]),
        "manca la causa dello scostamento",
    );
    ok(
        &db,
        &[
            "cycle",
            "advance",
            "--force",
            "--reason",
            "cause nella relazione",
        ],
    );
    // Valutazione: the year's data is closed; what the OIV assesses stays put.
    let closed = "congelato dallo stato del piano «Valutazione»: non si cambia più";
    let later = ["set", "05_1201_0601", "--phase", "1", "--progress", "95"];
    assert_refused(&run(&db, &later), &format!("fase 1 Avanzamento: {closed}"));
    assert_refused(
        &run(&db, &["set", "05_1201_0601", "--year1", "Altro"]),
        &format!("Stato di attuazione 1° anno: {closed}"),
    );
    // Relazione: all data frozen.
    ok(
        &db,
        &["cycle", "advance", "--act", "DGC n. 90 del 30/05/2027"],
    );
    assert_refused(&run(&db, &later), closed);
    ok(
        &db,
        &[
            "cycle",
            "advance",
            "--act",
            "Verbale OIV n. 3 del 20/06/2027",
        ],
    );
    // Validata: every edit refused, and no state beyond it.
    for args in [
        &["set", "05_1201_0601", "--phase", "1", "--notes", "x"][..],
        &["set", "05_1201_0601", "--status", "Concluso"],
        &["set", "05_1201_0601", "--year2", "testo"],
        &[
            "set",
            "05_1201_0601",
            "--phase",
            "1",
            "--actual-end",
            "31/12/2026",
        ],
    ] {
        assert_refused(&run(&db, args), "congelato");
    }
    assert_refused(&run(&db, &["cycle", "advance"]), "non c'è uno stato oltre");
    let shown = ok(&db, &["cycle"]);
    assert!(shown.contains("Stato del piano: Validata"), "{shown}");
    assert!(
        shown.contains("Approvata → Proposta  motivo: delibera da rifare"),
        "{shown}"
    );
    assert!(
        shown.contains("Relazione → Validata  atto: Verbale OIV n. 3 del 20/06/2027"),
        "{shown}"
    );
    assert!(shown.contains("Il ciclo è concluso"), "{shown}");
    // Each transition is in the history too.
    let history = ok(&db, &["history"]);
    assert!(
        history.contains("ciclo del piano: Proposta → Approvata"),
        "{history}"
    );
}

#[test]
fn the_cycle_travels_in_schema_3_and_a_backup_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    // No cycle yet: the schema stays /2.
    assert_eq!(export_json(&db)["schema"], "obiettivi/2");
    ok(&db, &["cycle", "advance"]);
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    let json = export_json(&db);
    assert_eq!(json["schema"], "obiettivi/3");
    let cycle = &json["plan"]["cycle"];
    assert_eq!(cycle["state"], "approved");
    let last = &cycle["transitions"][1];
    assert_eq!(
        (&last["from"], &last["to"], &last["act"], &last["forced"]),
        (
            &serde_json::json!("proposed"),
            &serde_json::json!("approved"),
            &serde_json::json!(APPROVAL),
            &serde_json::json!(false),
        )
    );
    // Who: the operating system's user, never what a client says.
    assert!(!last["by"].as_str().unwrap().is_empty());
    // export → import into a new database → export is the same.
    let file = dir.path().join("plan.json");
    let exported = export(&db);
    std::fs::write(&file, &exported).unwrap();
    let other = dir.path().join("other");
    import_into_empty(&other, file.to_str().unwrap());
    assert_eq!(export(&other), exported);
    // An import keeps the stored cycle (only a transition moves it) and
    // changes no frozen field.
    let mut older = shipped_json();
    objective_in(&mut older, "05_1201_0601")["phases"][0]["weight"] = serde_json::json!(100);
    let older_file = dir.path().join("older.json");
    std::fs::write(&older_file, older.to_string()).unwrap();
    assert_import_refused(
        &db,
        &older_file,
        "congelato dall'approvazione",
        "frozen weight",
    );
    // A backup restores the cycle exactly.
    let backup = dir.path().join("backup.json");
    ok(&db, &["backup", "-o", backup.to_str().unwrap()]);
    ok(&db, &["cycle", "back", "--reason", "prova"]);
    ok(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(export(&db), exported);
}

/// The baseline is frozen whichever door an edit comes through: a batch and
/// a spreadsheet are refused as `set` is, naming the act, and change nothing.
#[test]
fn a_batch_and_a_sheet_cannot_change_the_approved_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    let sheet = dir.path().join("piano.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", sheet.to_str().unwrap()],
    );
    ok(&db, &["cycle", "advance"]);
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    let before = export(&db);
    let lines = dir.path().join("modifiche.txt");
    std::fs::write(
        &lines,
        "05_1201_0601 --phase 1 --progress 10\n05_1201_0601 --phase 2 --weight 40\n",
    )
    .unwrap();
    let o = run(&db, &["set", "--batch", lines.to_str().unwrap()]);
    assert_refused(
        &o,
        "fase 2 Peso: congelato dall'approvazione, DGC n. 12 del 30/01/2026",
    );
    assert_eq!(export(&db), before);
    // The sheet exported in Bozza, a weight changed in it.
    change_a_weight_in(&sheet);
    let o = run(&db, &["import", sheet.to_str().unwrap()]);
    assert_refused(&o, "congelato dall'approvazione, DGC n. 12 del 30/01/2026");
    assert_eq!(export(&db), before);
}

/// The sheet `export --format csv` wrote, with the first phases' weight of
/// 05_1201_0601 (25, as `weighted_db` made it) changed to 35.
pub(crate) fn change_a_weight_in(sheet: &std::path::Path) {
    let text = std::fs::read_to_string(sheet).unwrap();
    let edited: Vec<String> = text
        .split("\r\n")
        .map(|l| {
            if l.contains("05_1201_0601") && l.contains("NUOVI ALLOGGI") {
                l.replacen(";25;", ";35;", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_ne!(edited.join("\r\n"), text, "the weight cell was found");
    std::fs::write(sheet, edited.join("\r\n")).unwrap();
}

#[test]
fn the_cycle_speaks_english_under_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let db = shipped_db(dir.path());
    let o = run_in("en_US.UTF-8", &db, &["cycle", "advance", "--dry-run"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("To move to «Proposed» these are missing:\n"),
        "{out}"
    );
    assert!(
        out.contains("05_1201_0102: no phase nor indicator measures it\n"),
        "{out}"
    );
    assert!(
        out.contains("sum of the phases' weights 0 (must be 100)"),
        "{out}"
    );
    assert!(out.contains("8 objectives to fix"), "{out}");
    let refused = run_in("en_US.UTF-8", &db, &["cycle", "back", "--reason", "x"]);
    assert_refused(&refused, "the plan is in «Draft»: there is no state before");
}

/// Issue 26's acceptance walk, the year as a controller runs it from the
/// command line (GUIDE §8): weights made to add up, Proposta, Approvata
/// refused without its act and then with it, a weight refused naming the act
/// and the way out while a progress goes through, a variation approved with
/// its act, the window of 30/06 opened and closed (its snapshot taken),
/// Consuntivo with the gap causes and a request, Valutazione with a forced
/// value, Relazione, Validata; then every edit refused.
#[test]
fn issue_26_the_year_walked_from_bozza_to_validata() {
    const CODE: &str = "05_1201_0601";
    const VARIATION_ACT: &str = "DGC n. 80 del 15/07/2026";
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    ok(&db, &["cycle", "advance"]);
    assert!(ok(&db, &["cycle"]).contains("Stato del piano: Proposta"));
    assert_refused(
        &run(&db, &["cycle", "advance"]),
        "il passaggio a «Approvata» richiede l'atto che lo dispone",
    );
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    // The baseline frozen by DGC n. 12; monitoring goes on.
    let weight = run(&db, &["set", CODE, "--phase", "1", "--weight", "30"]);
    assert_eq!(weight.status.code(), Some(2));
    assert_refused(
        &weight,
        "fase 1 Peso: congelato dall'approvazione, DGC n. 12 del 30/01/2026: \
         si cambia con una variazione",
    );
    ok(&db, &["set", CODE, "--phase", "1", "--progress", "40"]);
    // A variation: recorded without touching the plan, approved with its act.
    let opened = ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    assert!(opened.contains("variazione 1 aperta"), "{opened}");
    ok(
        &db,
        &[
            "set",
            CODE,
            "--phase",
            "1",
            "--weight",
            "30",
            "--variation",
            "1",
        ],
    );
    let first_weight = |db: &std::path::Path| {
        let mut plan = export_json(db);
        objective_in(&mut plan, CODE)["phases"][0]["weight"].clone()
    };
    assert_eq!(first_weight(&db), serde_json::json!(25.0));
    ok(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    assert_eq!(first_weight(&db), serde_json::json!(30.0));
    assert!(
        ok(&db, &["history", CODE])
            .contains(&format!("Peso: 25 → 30  [variazione 1, {VARIATION_ACT}]"))
    );
    // The monitoring window of 30/06: opened, closed, its snapshot taken.
    let until = in_a_month();
    ok(&db, &["period", "open", "30/06/2026", "--until", &until]);
    let closed = ok(&db, &["period", "close", "30/06/2026"]);
    assert!(closed.contains("«Monitoraggio 30/06/2026»"), "{closed}");
    assert!(ok(&db, &["snapshot", "list"]).contains("Monitoraggio 30/06/2026"));
    // Consuntivo: every objective under the band says its gap's cause; the
    // manager asks for a forced result.
    ok(&db, &["cycle", "advance"]);
    every_gap_cause_external(&db, dir.path());
    ok(
        &db,
        &[
            "set",
            CODE,
            "--force-request",
            "80",
            "--note",
            "ritardo del bando regionale",
        ],
    );
    ok(&db, &["cycle", "advance"]);
    assert!(ok(&db, &["cycle"]).contains("Stato del piano: Valutazione"));
    // Valutazione: the request answered with a forced value.
    assert_refused(
        &run(
            &db,
            &["cycle", "advance", "--act", "DGC n. 90 del 30/05/2027"],
        ),
        "il validatore non ha ancora risposto",
    );
    ok(
        &db,
        &[
            "set",
            CODE,
            "--forced",
            "80",
            "--reason",
            "ritardo non imputabile all'ente",
        ],
    );
    ok(
        &db,
        &["cycle", "advance", "--act", "DGC n. 90 del 30/05/2027"],
    );
    ok(
        &db,
        &[
            "cycle",
            "advance",
            "--act",
            "Verbale OIV n. 3 del 20/06/2027",
        ],
    );
    let shown = ok(&db, &["cycle"]);
    assert!(shown.contains("Stato del piano: Validata"), "{shown}");
    // The forced value counts, marked, in the report.
    let page = ok(&db, &["report", "--format", "md", CODE]);
    assert!(page.contains("80% (forzato)"), "{page}");
    // Validata: every edit refused, whatever it touches.
    let before = export(&db);
    for args in [
        &["set", CODE, "--phase", "1", "--progress", "90"][..],
        &["set", CODE, "--phase", "1", "--weight", "40"],
        &["set", CODE, "--phase", "1", "--notes", "x"],
        &["set", CODE, "--year1", "testo"],
        &["set", CODE, "--gap-cause", "interna"],
        &["set", CODE, "--forced", "90", "--reason", "x"],
        &["set", CODE, "--not-assessable", "--reason", "x"],
        &["variation", "open", "--reason", "tardi"],
    ] {
        let o = run(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
    }
    assert_eq!(export(&db), before, "nothing changed");
}
