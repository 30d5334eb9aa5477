//! `import FILE.txt`: Scheda Obiettivi text extracts, through the real binary.

use crate::common;
use common::*;

#[test]
fn the_seed_imported_into_an_empty_database_is_exactly_the_shipped_dataset() {
    let (_dir, db) = new_db_path();
    let out = import_into_empty(&db, SEED_PATH);
    assert!(out.contains("8 nuovi, 0 modificati"), "{out}");
    let exported = export(&db);
    if exported != SHIPPED_JSON {
        // Say which field differs rather than dumping two long files.
        let (a, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&exported).unwrap(),
            serde_json::from_str(SHIPPED_JSON).unwrap(),
        );
        panic!(
            "the import differs from data/dup_2026_2028.json: {}",
            first_difference(&a, &b, "")
        );
    }
}

fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> String {
    use serde_json::Value::*;
    match (a, b) {
        (Object(x), Object(y)) => {
            for (k, v) in y {
                match x.get(k) {
                    Some(w) if w != v => return first_difference(w, v, &format!("{path}.{k}")),
                    None => return format!("{path}.{k} missing"),
                    _ => {}
                }
            }
            format!("{path}: extra keys")
        }
        (Array(x), Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (v, w))| v != w)
            .map(|(i, (v, w))| first_difference(v, w, &format!("{path}[{i}]")))
            .unwrap_or_default(),
        _ => format!("{path}: imported {a} but the dataset has {b}"),
    }
}

#[test]
fn reimporting_the_same_extract_changes_nothing_and_keeps_no_snapshot() {
    let (_dir, db) = fresh_db();
    // The default database already holds the shipped plan, which is the seed.
    let before = export(&db);
    let o = run(&db, &["import", SEED_PATH]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0 nuovi, 0 modificati, 8 invariati"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("nulla da cambiare"), "{}", stdout(&o));
    assert_eq!(export(&db), before);
    assert!(snapshots(&db).is_empty());
}

/// Objectives are upserted by code: an edited copy changes those fields only,
/// the dry run says so first, and a snapshot of the old state is kept.
#[test]
fn an_edited_extract_updates_by_code_after_a_dry_run_and_a_snapshot() {
    let (dir, db) = fresh_db();
    let seed = SEED_TEXT.to_string();
    // 0401 becomes "Concluso"; its phase gets a weight and progress.
    let edited = seed
        .replacen("Stato In Corso", "Stato Concluso", 1)
        .replacen(
            "CONTRASTARE LA POVERTA'\t01/01/2024\t31/12/2026\t\t\t",
            "CONTRASTARE LA POVERTA'\t01/01/2024\t31/12/2026\t100,00\t40%\t",
            1,
        );
    assert_ne!(edited, seed);
    let file = dir.path().join("scheda modificata.txt");
    std::fs::write(&file, edited).unwrap();

    let before = export(&db);
    let out = dry_run_import(&db, &file);
    assert!(
        out.contains("~ 05_1201_0401  modificato: status, phases[0].weight, phases[0].progress"),
        "{out}"
    );

    let o = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = export_json(&db);
    let o401 = &after["objectives"][3];
    assert_eq!(o401["status"], "Concluso");
    assert_eq!(o401["phases"][0]["weight"], 100.0);
    assert_eq!(o401["phases"][0]["progress"], 40.0);
    assert_eq!(
        after["objectives"][4]["status"], "In Corso",
        "other objectives untouched"
    );
    assert_eq!(snapshots(&db), [before], "a snapshot of the state before");
}

/// Content decides the format, not the name: a JSON export named `.txt` is JSON,
/// a scheda named `.json` is a scheda.
#[test]
fn the_format_is_decided_by_the_content() {
    let (dir, db) = fresh_db();
    let json_as_txt = dir.path().join("export.txt");
    std::fs::write(&json_as_txt, export(&db)).unwrap();
    let o = run(&db, &["import", "--dry-run", json_as_txt.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let scheda_as_json = dir.path().join("scheda.json");
    std::fs::copy(SEED_PATH, &scheda_as_json).unwrap();
    let o = run(
        &db,
        &["import", "--dry-run", scheda_as_json.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("8 invariati"), "{}", stdout(&o));
}

/// A text that is not a scheda, or a scheda broken somewhere, is refused with
/// the line where reading failed, exit 2, and nothing written.
#[test]
fn broken_extracts_are_refused_with_the_line_and_change_nothing() {
    let (dir, db) = fresh_db();
    let seed = SEED_TEXT.to_string();
    let cases: Vec<(&str, String, &str)> = vec![
        ("not a scheda", "Verbale della riunione\n\nPresenti: tutti\n".into(), "riga 1: non è una Scheda Obiettivi"),
        (
            "bad planned date (line 240)",
            seed.replacen("SERVIZI EDUCATIVI PER\t01/01/2024\t31/12/2026", "SERVIZI EDUCATIVI PER\t01/01/2024\t31/02/2026", 1),
            "riga 240: Fine Prevista: «31/02/2026»",
        ),
        (
            "weight over 100 (line 422)",
            seed.replacen(
                "CONTRASTARE LA POVERTA'\t01/01/2024\t31/12/2026\t\t",
                "CONTRASTARE LA POVERTA'\t01/01/2024\t31/12/2026\t140\t",
                1,
            ),
            "riga 422: Peso: «140»: il valore non può superare 100",
        ),
        (
            "first page without the mission (line 97)",
            seed.replacen(
                "OBIETTIVO DI MANDATO: 2023_2028_DUP_05 PERSONE E FAMIGLIE AL CENTRO **OBIETTIVO DI MISSIONE:** 2024 28 DUP 05 1201 Persone e famiglie al centro\n\nFinalità\n\nOBIETTIVO STRATEGICO:\n\nAttuare politiche a favore della famiglia e a tutela delle persone fragili, finalizzate alla crescita del benessere e all'inclusione sociale. Garantire servizi equi, accessibili e capaci di rispondere ai bisogni.\n\nOBIETTIVO OPERATIVO:\n\nTutelare",
                "OBIETTIVO DI MANDATO: 2023_2028_DUP_05 PERSONE E FAMIGLIE AL CENTRO\n\nFinalità\n\nOBIETTIVO STRATEGICO:\n\nAttuare politiche a favore della famiglia e a tutela delle persone fragili, finalizzate alla crescita del benessere e all'inclusione sociale. Garantire servizi equi, accessibili e capaci di rispondere ai bisogni.\n\nOBIETTIVO OPERATIVO:\n\nTutelare",
                1,
            ),
            "riga 97: prima pagina dell'obiettivo incompleta: manca «OBIETTIVO DI MISSIONE»",
        ),
        (
            "a page of an objective whose first page is missing (line 626)",
            seed.replacen("05_1201_0601 VISENTIN_Welfare e Centralità della persona - Terzo Settore - Politiche abitative - Integrazione - Famiglia\n", "05_1201_0999 VISENTIN_Welfare e Centralità della persona - Terzo Settore - Politiche abitative - Integrazione - Famiglia\n", 1),
            "riga 626: la pagina è dell'obiettivo 05_1201_0999",
        ),
        (
            "text after the state (line 418)",
            seed.replacen("Stato In Corso\n\nFASI", "Stato In Corso\nIl resto della pagina\n\nFASI", 1),
            "riga 418: riga inattesa «Il resto della pagina»",
        ),
    ];
    for (name, text, expected) in cases {
        assert!(
            name.starts_with("not") || text != seed,
            "{name}: the case did not change the seed"
        );
        let file = dir.path().join("broken.txt");
        std::fs::write(&file, &text).unwrap();
        assert_import_refused(&db, &file, expected, name);
    }
}

/// Another department's scheda adds its objectives and leaves the others as they were.
#[test]
fn another_departments_scheda_adds_its_objectives_and_leaves_the_rest() {
    let (_dir, db) = fresh_db();
    let before = export_json(&db);
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavori_pubblici.txt"
    );
    let o = run(&db, &["import", fixture]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("+ 03_1005_0101  nuovo"), "{out}");
    assert!(out.contains("2 nuovi, 0 modificati"), "{out}");
    let after = export_json(&db);
    let objectives = after["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 10);
    assert_eq!(
        objectives[..8],
        before["objectives"].as_array().unwrap()[..]
    );
    assert_eq!(objectives[8]["phases"][1]["progress"], 20.0);
}
