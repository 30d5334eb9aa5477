//! `obiettivi variation`: after approval the baseline changes only by a
//! variation (GUIDE §8) — opened with a reason, changes recorded into it
//! without touching the plan, shown old → new, approved with its act (all
//! of it, the history naming it) or refused naming a field the plan changed
//! since, or rejected.

use crate::cli_cycle::change_a_weight_in;
use crate::common;
use common::*;

const CODE: &str = "05_1201_0601";
const APPROVAL: &str = "DGC n. 12 del 30/01/2026";
const VARIATION_ACT: &str = "DGC n. 80 del 15/07/2026";

/// The first phase's weight in the plan as exported.
fn first_weight(db: &std::path::Path) -> serde_json::Value {
    let mut plan = export_json(db);
    objective_in(&mut plan, CODE)["phases"][0]["weight"].clone()
}

/// `set CODE --phase N --weight W --variation ID`.
fn record(db: &std::path::Path, phase: &str, weight: &str, id: &str) -> std::process::Output {
    let args = [
        "set",
        CODE,
        "--phase",
        phase,
        "--weight",
        weight,
        "--variation",
        id,
    ];
    run(db, &args)
}

/// What a command that went through printed.
fn passed(o: std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

fn approved_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = weighted_db(dir);
    // Before approval there is no baseline to vary: edits go straight in.
    assert_refused(
        &run(&db, &["variation", "open", "--reason", "presto"]),
        "prima dell'approvazione le modifiche vanno direttamente nel piano",
    );
    ok(&db, &["cycle", "advance"]);
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    db
}

/// An approved plan whose variation 1 (phase 1's weight 25 → 30) is approved.
fn with_an_approved_variation(dir: &std::path::Path) -> std::path::PathBuf {
    let db = approved_db(dir);
    ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    passed(record(&db, "1", "30", "1"));
    ok(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    db
}

#[test]
fn a_weight_changes_after_approval_only_through_an_approved_variation() {
    let dir = tempfile::tempdir().unwrap();
    let db = approved_db(dir.path());
    assert_eq!(first_weight(&db), serde_json::json!(25.0));
    let refused = run(&db, &["set", CODE, "--phase", "1", "--weight", "30"]);
    assert_refused(
        &refused,
        "DGC n. 12 del 30/01/2026: si cambia con una variazione",
    );
    assert_refused(&run(&db, &["variation", "open"]), "--reason");
    let opened = ok(
        &db,
        &["variazione", "open", "--reason", "Nuovo bando regionale"],
    );
    assert!(opened.contains("variazione 1 aperta"), "{opened}");
    let recorded = passed(record(&db, "1", "30", "1"));
    assert!(recorded.contains("Peso: 25 → 30"), "{recorded}");
    assert!(
        recorded.contains("registrato nella variazione 1"),
        "{recorded}"
    );
    // The plan is unchanged: the export still has the old weight.
    assert_eq!(first_weight(&db), serde_json::json!(25.0));
    // Everything else `set` checks still applies when recording.
    assert_refused(
        &record(&db, "1", "300", "1"),
        "il valore non può superare 100",
    );
    assert_refused(&record(&db, "1", "30", "7"), "non c'è la variazione 7");
    let shown = ok(&db, &["variation", "show", "1"]);
    assert!(shown.contains("Nuovo bando regionale"), "{shown}");
    assert!(
        shown.contains(&format!(
            "{CODE}  fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: 25 → 30"
        )),
        "{shown}"
    );
    assert!(ok(&db, &["variation", "list"]).contains("1  aperta"));
    // Approving needs the act; then the plan changes and the history names it.
    assert_refused(
        &run(&db, &["variation", "approve", "1", "--act", " "]),
        "--act",
    );
    let approved = ok(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    assert!(approved.contains("variazione 1 approvata"), "{approved}");
    assert_eq!(first_weight(&db), serde_json::json!(30.0));
    let history = ok(&db, &["history", CODE]);
    assert!(
        history.contains(&format!("Peso: 25 → 30  [variazione 1, {VARIATION_ACT}]")),
        "{history}"
    );
    // Decided once: it records and is decided no more.
    assert_refused(
        &run(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]),
        "la variazione 1 è approvata",
    );
    let listed = ok(&db, &["variation", "list"]);
    assert!(
        listed.contains("approvata") && listed.contains(VARIATION_ACT),
        "{listed}"
    );
}

#[test]
fn a_variation_over_a_field_the_plan_changed_since_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = approved_db(dir.path());
    ok(&db, &["variation", "open", "--reason", "prima"]);
    ok(&db, &["variation", "open", "--reason", "seconda"]);
    for (id, weight) in [("1", "30"), ("2", "40")] {
        passed(record(&db, "1", weight, id));
    }
    ok(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    let before = export(&db);
    // The second recorded 25 → 40; the plan has 30 now.
    let shown = ok(&db, &["variation", "show", "2"]);
    assert!(shown.contains("[nel piano ora: 30]"), "{shown}");
    assert_refused(
        &run(&db, &["variation", "approve", "2", "--act", "DGC n. 81"]),
        "05_1201_0601 fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: \
         cambiato nel piano dopo che la variazione l'ha registrato",
    );
    assert_eq!(export(&db), before, "nothing of it was applied");
    // Rejected: closed, the plan unchanged.
    assert_refused(
        &run(&db, &["variation", "reject", "2", "--reason", ""]),
        "--reason",
    );
    let rejected = ok(
        &db,
        &[
            "variation",
            "reject",
            "2",
            "--reason",
            "superata dalla prima",
        ],
    );
    assert!(rejected.contains("variazione 2 respinta"), "{rejected}");
    assert_eq!(export_json(&db)["variations"][1]["state"], "rejected");
    assert_refused(&record(&db, "1", "45", "2"), "la variazione 2 è respinta");
}

#[test]
fn variations_travel_in_schema_3_and_a_backup_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_an_approved_variation(dir.path());
    ok(&db, &["variation", "open", "--reason", "ancora aperta"]);
    passed(record(&db, "2", "20", "2"));
    let json = export_json(&db);
    assert_eq!(json["schema"], "obiettivi/3");
    let first = &json["variations"][0];
    assert_eq!(first["state"], "approved");
    assert_eq!(first["act"], VARIATION_ACT);
    assert_eq!(
        first["changes"][0],
        serde_json::json!({"code": CODE, "field": "phases[0].weight", "old": 25.0, "new": 30.0})
    );
    // export → import into a new database → export is the same.
    let exported = export(&db);
    let file = dir.path().join("plan.json");
    std::fs::write(&file, &exported).unwrap();
    let other = dir.path().join("other");
    import_into_empty(&other, file.to_str().unwrap());
    assert_eq!(export(&other), exported);
    // The open one can still be approved there.
    ok(&other, &["variation", "approve", "2", "--act", "DGC n. 81"]);
    // A backup restores them exactly.
    let backup = dir.path().join("backup.json");
    ok(&db, &["backup", "-o", backup.to_str().unwrap()]);
    ok(&db, &["variation", "reject", "2", "--reason", "prova"]);
    ok(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(export(&db), exported);
}

/// A spreadsheet's changed cells go into the variation named, instead of
/// being refused on the frozen baseline; the plan is unchanged until it is approved.
#[test]
fn a_sheet_imported_with_a_variation_records_its_cells_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = approved_db(dir.path());
    let sheet = dir.path().join("piano.csv");
    ok(
        &db,
        &["export", "--format", "csv", "-o", sheet.to_str().unwrap()],
    );
    change_a_weight_in(&sheet);
    let before = export(&db);
    assert_refused(
        &run(&db, &["import", sheet.to_str().unwrap()]),
        "si cambia con una variazione",
    );
    ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    let o = run(
        &db,
        &["import", sheet.to_str().unwrap(), "--variation", "1"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("registrato nella variazione 1"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        export_json(&db)["objectives"],
        serde_json::from_str::<serde_json::Value>(&before).unwrap()["objectives"],
        "the plan is unchanged"
    );
    let shown = ok(&db, &["variation", "show", "1"]);
    assert!(shown.contains("Peso: 25 → 35"), "{shown}");
    ok(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    assert_eq!(first_weight(&db), serde_json::json!(35.0));
    // A JSON plan is no sheet: refused, nothing written.
    let json = dir.path().join("plan.json");
    std::fs::write(&json, export(&db)).unwrap();
    assert_refused(
        &run(&db, &["import", json.to_str().unwrap(), "--variation", "1"]),
        "--variation vale solo per un foglio",
    );
}

/// An indicator's targets are the baseline too: two of them recorded one
/// after the other in one variation are both kept, and both applied.
#[test]
fn two_targets_of_one_indicator_recorded_in_a_variation_are_both_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    let add = [
        "set",
        CODE,
        "--add-indicator",
        "Alloggi assegnati",
        "--target",
        "2026=20",
    ];
    ok(&db, &add);
    ok(&db, &["cycle", "advance"]);
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    for target in ["2026=25", "2027=30"] {
        let args = [
            "set",
            CODE,
            "--indicator",
            "1",
            "--target",
            target,
            "--variation",
            "1",
        ];
        ok(&db, &args);
    }
    let shown = ok(&db, &["variation", "show", "1"]);
    assert!(shown.contains("target 2026: 20 → 25"), "{shown}");
    assert!(shown.contains("target 2027:  → 30"), "{shown}");
    ok(&db, &["variation", "approve", "1", "--act", VARIATION_ACT]);
    let mut plan = export_json(&db);
    let targets = &objective_in(&mut plan, CODE)["indicators"][0]["targets"];
    assert_eq!(*targets, serde_json::json!({"2026": 25.0, "2027": 30.0}));
}

/// `set --batch FILE --variation ID`: every line goes into the variation, all
/// or none, the plan unchanged; a line does not name a variation itself.
#[test]
fn a_batch_with_a_variation_records_every_line_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = approved_db(dir.path());
    ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    let lines = dir.path().join("modifiche.txt");
    let before = export_json(&db)["objectives"].clone();
    std::fs::write(
        &lines,
        format!("{CODE} --phase 1 --weight 30\n{CODE} --phase 2 --weight 20\n"),
    )
    .unwrap();
    let batch = lines.to_str().unwrap();
    let said = ok(&db, &["set", "--batch", batch, "--variation", "1"]);
    assert!(
        said.contains("2 modifiche registrate nella variazione 1"),
        "{said}"
    );
    assert_eq!(
        export_json(&db)["objectives"],
        before,
        "the plan is unchanged"
    );
    assert_eq!(
        export_json(&db)["variations"][0]["changes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    std::fs::write(
        &lines,
        format!("{CODE} --phase 3 --weight 10 --variation 1\n"),
    )
    .unwrap();
    assert_refused(
        &run(&db, &["set", "--batch", batch, "--variation", "1"]),
        "--variation si dà a set --batch, non in una riga",
    );
}

/// A `/3` file whose variations do not hold together is refused with the
/// JSON path and the reason, and nothing is written: a change over an
/// objective the file does not have, an approved variation without its act,
/// a field a variation does not record.
#[test]
fn a_restore_whose_variations_do_not_hold_together_is_refused_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_an_approved_variation(dir.path());
    let good = export_json(&db);
    let before = export(&db);
    type Breaks = fn(&mut serde_json::Value);
    let broken: [(&str, Breaks); 3] = [
        ("variations[0].changes[0].code", |j| {
            j["variations"][0]["changes"][0]["code"] = "99_9999_9999".into()
        }),
        ("variations[0].act", |j| {
            j["variations"][0]["act"] = "".into()
        }),
        ("variations[0].changes[0].field", |j| {
            j["variations"][0]["changes"][0]["field"] = "phases[0].colour".into()
        }),
    ];
    for (path, breaks) in broken {
        let mut json = good.clone();
        breaks(&mut json);
        let file = dir.path().join("broken.json");
        std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
        let o = run(&db, &["restore", file.to_str().unwrap()]);
        assert_ne!(o.status.code(), Some(0), "{path}: {}", stderr(&o));
        assert!(stderr(&o).contains(path), "{path} not in {}", stderr(&o));
        assert_eq!(export(&db), before, "{path}: nothing written");
    }
}

/// A review's minutes list the variations the meeting has to know of: the
/// one approved since its snapshot, with its act and old → new, and the one
/// still open; a variation decided before the snapshot is not repeated.
#[test]
fn the_minutes_of_a_review_list_the_variations_since_its_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = approved_db(dir.path());
    ok(
        &db,
        &["variation", "open", "--reason", "Prima della riunione"],
    );
    passed(record(&db, "2", "50", "1"));
    ok(&db, &["variation", "reject", "1", "--reason", "superata"]);
    ok(&db, &["snapshot", "create", "prima"]);
    ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    passed(record(&db, "1", "30", "2"));
    ok(&db, &["variation", "approve", "2", "--act", VARIATION_ACT]);
    ok(&db, &["variation", "open", "--reason", "ancora aperta"]);
    release(&db);
    {
        let store = obiettivi::store::Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
        store.start_review(Some("prima"), "anna").unwrap();
    }
    let txt = ok(&db, &["report", "--review", "1", "--format", "txt"]);
    let section = txt
        .split("Variazioni")
        .nth(1)
        .unwrap_or_else(|| panic!("no section of variations: {txt}"));
    // One item each, its wrapped lines joined as a reader reads them.
    let section = section.split("════").next().unwrap();
    let lines: Vec<String> = (section.split("\n- ").skip(1))
        .map(|item| item.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(lines.len(), 2, "{section}");
    assert!(lines[0].starts_with("Variazione 2 approvata"), "{section}");
    assert!(lines[0].contains(VARIATION_ACT), "{section}");
    assert!(
        lines[0].contains(CODE) && lines[0].contains("→ 30"),
        "{section}"
    );
    assert!(lines[1].starts_with("Variazione 3 aperta"), "{section}");
    assert!(!section.contains("Prima della riunione"), "{section}");
}
