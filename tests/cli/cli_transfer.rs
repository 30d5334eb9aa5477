//! `export` and `import` from the command line: round trip, dry run, every refusal of GUIDE §2.

use crate::common;
use common::*;

#[test]
fn a_new_database_is_filled_with_the_shipped_plan() {
    // The default database (here $OBIETTIVI_DB) is made on first use.
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .env("OBIETTIVI_DB", dir.path().join("db"))
        .arg("export")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["schema"], "obiettivi/2");
    assert_eq!(json["objectives"].as_array().unwrap().len(), 8);
    assert_eq!(json["objectives"][7]["code"], "06_1201_0801");
    assert_eq!(json["objectives"][7]["mission"], "2024_28_DUP_06_1202");
    // Field by field, the database holds exactly the shipped file (which
    // tests/data/seed_dataset.rs ties to the seed text).
    assert_eq!(json, shipped_json());
}

#[test]
fn empty_creates_an_empty_database_and_round_trip_is_byte_exact() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full");
    create_db(&full);
    // Put some values in so numbers and dates go through the round trip too.
    let o = run(
        &full,
        &[
            "set",
            "05_1201_0601",
            "--phase",
            "2",
            "--weight",
            "40,5",
            "--progress",
            "25%",
            "--actual-end",
            "30/06/2026",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = export(&full);
    let file = dir.path().join("plan.json");
    std::fs::write(&file, &first).unwrap();

    let empty = dir.path().join("empty");
    let o = bin()
        .args(["export", "--empty", "--db"])
        .arg(&empty)
        .output()
        .unwrap();
    let blank: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(blank["objectives"].as_array().unwrap().len(), 0);

    let o = run(&empty, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("8 nuovi"), "{}", stdout(&o));
    assert_eq!(
        export(&empty),
        first,
        "export → import → export must give the same bytes"
    );
}

#[test]
fn export_to_a_file_writes_the_same_json() {
    let (dir, db) = fresh_db();
    let out = dir.path().join("out.json");
    let o = run(&db, &["export", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), export(&db));
}

#[test]
fn dry_run_says_what_would_change_and_writes_nothing() {
    let (dir, db) = fresh_db();
    let mut json = export_json(&db);
    json["objectives"][1]["status"] = "Concluso".into();
    json["objectives"][1]["phases"][0]["weight"] = 60.into();
    let file = dir.path().join("changed.json");
    std::fs::write(&file, serde_json::to_string(&json).unwrap()).unwrap();
    let before = export(&db);

    let out = dry_run_import(&db, &file);
    assert!(
        out.contains("~ 05_1201_0201  modificato: status, phases[0].weight"),
        "{out}"
    );
    assert!(
        !dir.path().join("db.snapshots").exists(),
        "a dry run keeps no snapshot"
    );

    // The real import changes exactly that, after keeping a snapshot of the old state.
    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = export_json(&db);
    assert_eq!(after["objectives"][1]["status"], "Concluso");
    assert_eq!(after["objectives"][1]["phases"][0]["weight"], 60.0);
    assert_eq!(
        snapshots(&db),
        [before],
        "the snapshot is the state before the import"
    );
}

/// Each refusal of GUIDE §2: exit 2, the JSON path and the reason, nothing written.
#[test]
fn broken_files_are_refused_with_path_and_reason_and_change_nothing() {
    let (dir, db) = fresh_db();
    let good = export_json(&db);
    type Breaker = fn(&mut serde_json::Value);
    let cases: Vec<(&str, Breaker, &str)> = vec![
        (
            "schema",
            |j| j["schema"] = "obiettivi/9".into(),
            "schema: schema sconosciuto «obiettivi/9»",
        ),
        (
            "missing code",
            |j| {
                j["objectives"][3].as_object_mut().unwrap().remove("code");
            },
            "objectives[3] (riga",
        ),
        (
            "empty code",
            |j| j["objectives"][3]["code"] = "".into(),
            "objectives[3].code: codice mancante",
        ),
        (
            "dangling mission",
            |j| j["objectives"][2]["mission"] = "2024_28_DUP_99".into(),
            "objectives[2].mission: obiettivo di missione «2024_28_DUP_99» non esiste",
        ),
        (
            "dangling mandate",
            |j| j["missions"][1]["mandate"] = "X".into(),
            "missions[1].mandate: obiettivo di mandato «X» non esiste",
        ),
        (
            "duplicate",
            |j| {
                let copy = j["objectives"][0].clone();
                j["objectives"].as_array_mut().unwrap().push(copy);
            },
            "objectives[8].code: codice duplicato «05_1201_0102»",
        ),
        (
            "bad date",
            |j| j["objectives"][1]["phases"][0]["planned_end"] = "2026-02-31".into(),
            "objectives[1].phases[0].planned_end (riga",
        ),
        (
            "weight over 100",
            |j| j["objectives"][1]["phases"][1]["weight"] = 101.into(),
            "objectives[1].phases[1].weight: «101»: il valore non può superare 100",
        ),
        (
            "negative progress",
            |j| j["objectives"][1]["phases"][1]["progress"] = (-1).into(),
            "objectives[1].phases[1].progress: «-1»: il valore non può essere negativo",
        ),
        (
            "progress as text",
            |j| j["objectives"][1]["phases"][1]["progress"] = "40%".into(),
            "objectives[1].phases[1].progress (riga",
        ),
        (
            "unknown field",
            |j| j["objectives"][0]["colour"] = "red".into(),
            "objectives[0].colour",
        ),
    ];
    for (name, breaker, expected) in cases {
        let mut json = good.clone();
        breaker(&mut json);
        // Valid edits elsewhere in the same file must not land either (all or nothing).
        json["objectives"][0]["status"] = "Concluso".into();
        let file = dir.path().join("broken.json");
        std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
        assert_import_refused(&db, &file, expected, name);
    }
    let bad_date = {
        let mut json = good.clone();
        json["objectives"][1]["phases"][0]["planned_end"] = "2026-02-31".into();
        std::fs::write(
            dir.path().join("d.json"),
            serde_json::to_string_pretty(&json).unwrap(),
        )
        .unwrap();
        stderr(&run(
            &db,
            &["import", dir.path().join("d.json").to_str().unwrap()],
        ))
    };
    assert!(bad_date.contains("data non valida"), "{bad_date}");
}

#[test]
fn files_that_are_neither_json_nor_a_scheda_or_do_not_exist_are_refused() {
    let (dir, db) = fresh_db();
    let before = export(&db);
    let cases = [
        (
            "truncated.json",
            b"{\"schema\": \"obiettivi/1\", \"plan\": {".to_vec(),
            "riga",
        ),
        ("binary.json", vec![0xff, 0xfe, 0x00, 0x41], "UTF-8"),
        (
            "notes.json",
            b"not json, not a scheda\n".to_vec(),
            "riga 1: non \u{e8} una Scheda Obiettivi",
        ),
        (
            "scheda.txt",
            b"SCHEDA OBIETTIVI\n".to_vec(),
            "nessun obiettivo trovato",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = run(&db, &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
    let o = run(
        &db,
        &["import", dir.path().join("missing.json").to_str().unwrap()],
    );
    assert_refused(&o, "missing.json");
    assert_eq!(export(&db), before);
}

/// `-o` names where the bytes go, not a file to replace: a FIFO (like
/// `/dev/null`, a device) stays what it is, and a symbolic link stays a link.
#[test]
fn output_to_a_fifo_or_through_a_symlink_keeps_what_the_path_is() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, db) = fresh_db();
    let expected = export(&db);

    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let o = run(&db, &["export", "-o", fifo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Checked before joining: had the FIFO been replaced, the reader would wait forever.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(reader.join().unwrap(), expected);

    let target = dir.path().join("piano.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("ultimo.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = run(&db, &["export", "-o", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected);
}

#[test]
fn an_obiettivi_1_file_imports_into_obiettivi_2_with_empty_indicators() {
    let (dir, db) = new_db_path();
    // The shipped plan as the version before indicators wrote it.
    let v1: String = SHIPPED_JSON
        .replace("\"obiettivi/2\"", "\"obiettivi/1\"")
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"indicators\""))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("],\n    }", "]\n    }");
    let file = dir.path().join("v1.json");
    std::fs::write(&file, &v1).unwrap();
    let o = run(&db, &["--empty", "import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let exported = export_json(&db);
    assert_eq!(exported["schema"], "obiettivi/2");
    assert_eq!(
        exported,
        serde_json::from_str::<serde_json::Value>(SHIPPED_JSON).unwrap()
    );
    assert_eq!(
        exported["objectives"][0]["indicators"],
        serde_json::json!([])
    );
}

/// A plan of several chunks (`import_json::CHUNK` objectives each) is read
/// and sent chunk by chunk: it lands whole, and a bad value in a later chunk
/// is named by its place in the file, with nothing written.
#[test]
fn a_plan_of_many_chunks_imports_whole_or_not_at_all() {
    use obiettivi::dev::synthetic::{Spec, generate};
    let (dir, db) = fresh_db();
    let objectives = 2 * obiettivi::cli::import_json::CHUNK + 50;
    let mut plan = generate(&Spec {
        objectives,
        phases: 3,
        seed: 9,
    });
    let late = 2 * obiettivi::cli::import_json::CHUNK + 1;
    plan.objectives[late].phases[0].weight = Some(140.0);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, obiettivi::io::json::to_string(&plan)).unwrap();
    let before = export(&db);
    let o = run(&db, &["import", bad.to_str().unwrap()]);
    assert_refused(&o, &format!("objectives[{late}].phases[0].weight"));
    assert!(
        stderr(&o).contains("Nessuna modifica è stata scritta"),
        "{}",
        stderr(&o)
    );
    assert_eq!(export(&db), before, "nothing of the first chunks was kept");

    plan.objectives[late].phases[0].weight = Some(40.0);
    let good = dir.path().join("good.json");
    std::fs::write(&good, obiettivi::io::json::to_string(&plan)).unwrap();
    let said = ok(&db, &["import", good.to_str().unwrap()]);
    assert!(
        said.contains(&format!("{objectives} nuovi")) || said.contains(&objectives.to_string()),
        "{said}"
    );
    let exported: serde_json::Value = serde_json::from_str(&export(&db)).unwrap();
    let codes: Vec<&str> = exported["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    // The shipped plan's 8, then the file's, in its order.
    assert_eq!(codes.len(), 8 + objectives);
    let expected: Vec<&str> = plan.objectives.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes[8..], expected[..]);
    assert_eq!(
        exported["objectives"][8 + late]["phases"][0]["weight"],
        serde_json::json!(40.0)
    );
    // Imported again: nothing changes, nothing is backed up, no version moves.
    let again = ok(&db, &["import", good.to_str().unwrap()]);
    assert!(again.contains("invariat"), "{again}");
}

/// A file whose plan record comes after its objectives (keys in alphabetical
/// order, as many tools write them) is read twice, and imports the same.
#[test]
fn a_file_with_its_objectives_before_its_plan_record_imports_the_same() {
    let (dir, db) = fresh_db();
    let mut json = shipped_json();
    json["plan"]["title"] = serde_json::json!("DUP 2027-2029");
    json["objectives"][2]["status"] = serde_json::json!("Riordinato");
    // serde_json's map keeps keys sorted: objectives, then plan and schema.
    let text = serde_json::to_string(&json).unwrap();
    assert!(
        text.find("\"objectives\"") < text.find("\"plan\""),
        "{}",
        &text[..80]
    );
    let file = dir.path().join("sorted.json");
    std::fs::write(&file, text).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let exported = export_json(&db);
    assert_eq!(exported["plan"]["title"], "DUP 2027-2029");
    assert_eq!(exported["objectives"][2]["status"], "Riordinato");
    assert_eq!(exported["objectives"], json["objectives"]);
}
