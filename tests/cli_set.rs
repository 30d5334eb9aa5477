//! `obiettivi set`: validated like the TUI, durable, all or nothing.

mod common;
use common::*;

#[test]
fn set_changes_a_phase_and_says_what_is_stored() {
    let (_dir, db) = fresh_db();
    let o = run(
        &db,
        &[
            "set",
            "05 1201 0601",
            "--phase",
            "1",
            "--weight",
            "40,5",
            "--progress",
            "40%",
            "--notes",
            "primi alloggi",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("05_1201_0601 fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: 40,5"),
        "{out}"
    );
    assert!(out.contains("Avanzamento: 40"), "{out}");
    assert!(out.trim_end().ends_with("salvato"), "{out}");
    let json = export_json(&db);
    let phase = &json["objectives"][5]["phases"][0];
    assert_eq!(phase["weight"], 40.5);
    assert_eq!(phase["progress"], 40.0);
    assert_eq!(phase["notes"], "primi alloggi");
    // The other phases keep their empty values.
    assert!(json["objectives"][5]["phases"][1]["weight"].is_null());
}

#[test]
fn set_changes_objective_fields_and_narratives() {
    let (_dir, db) = fresh_db();
    let o = run(
        &db,
        &[
            "set",
            "06_1201_0801",
            "--status",
            "Concluso",
            "--year2",
            "Riga uno.\n\nRiga due.",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = export_json(&db);
    assert_eq!(json["objectives"][7]["status"], "Concluso");
    assert_eq!(
        json["objectives"][7]["narratives"]["year2"],
        "Riga uno.\n\nRiga due."
    );

    // A narrative from stdin.
    let mut child = bin()
        .args([
            "--db",
            db.to_str().unwrap(),
            "set",
            "06_1201_0801",
            "--year1",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Dal file: àèìòù\n".as_bytes())
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(
        export_json(&db)["objectives"][7]["narratives"]["year1"],
        "Dal file: àèìòù\n"
    );
}

#[test]
fn invalid_values_are_refused_with_the_reason_and_nothing_changes() {
    let (_dir, db) = fresh_db();
    ok(
        &db,
        &["set", "05_1201_0201", "--phase", "1", "--weight", "30"],
    );
    let before = export(&db);
    let cases: [(&[&str], &str); 10] = [
        (
            &["--weight", "101"],
            "«101»: il valore non può superare 100",
        ),
        (
            &["--weight", "-1"],
            "«-1»: il valore non può essere negativo",
        ),
        (&["--progress", "abc"], "valore non numerico «abc»"),
        (&["--progress", "1e3"], "valore non numerico «1e3»"),
        (
            &["--planned-end", "31/02/2026"],
            "«31/02/2026»: questo giorno non esiste",
        ),
        (
            &["--planned-end", "2026/12/31"],
            "data non valida «2026/12/31»",
        ),
        (
            &["--planned-end", "31/12/2023"],
            "la fine 31/12/2023 è prima dell'inizio 01/01/2024",
        ),
        // A valid weight next to an invalid progress: neither lands.
        (
            &["--weight", "50", "--progress", "200"],
            "non può superare 100",
        ),
        (&["--name", " "], "il valore è obbligatorio"),
        (&["--phase", "9", "--weight", "5"], "non ha la fase 9"),
    ];
    for (args, expected) in cases {
        let mut full = vec!["set", "05_1201_0201"];
        if !args.contains(&"--phase") {
            full.extend(["--phase", "1"]);
        }
        full.extend(args);
        let o = run(&db, &full);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(expected),
            "{args:?}: expected «{expected}» in {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("Nulla è cambiato"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(export(&db), before, "{args:?} changed the database");
    }
}

#[test]
fn usage_mistakes_get_a_message_and_exit_2() {
    let (_dir, db) = fresh_db();
    let cases: [(&[&str], &str); 5] = [
        (
            &["set", "05_1201_0201", "--phase", "0", "--weight", "1"],
            "le fasi si contano da 1",
        ),
        (&["set", "05_1201_0201"], "niente da cambiare"),
        (
            &["set", "05_1201_0201", "--weight", "10"],
            "indica la fase (--phase N)",
        ),
        (
            &["set", "99_9999_9999", "--status", "x"],
            "l'obiettivo «99_9999_9999» non esiste",
        ),
        (
            &["set", "05_1201_0201", "--phase", "uno", "--weight", "1"],
            "uno",
        ),
    ];
    for (args, expected) in cases {
        let o = run(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
    }
    let o = bin().arg("nonsense").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn english_messages_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .env("LANG", "en_GB.UTF-8")
        .args([
            "--db",
            dir.path().join("db").to_str().unwrap(),
            "set",
            "05_1201_0201",
            "--phase",
            "1",
            "--weight",
            "101",
        ])
        .output()
        .unwrap();
    assert_refused(&o, "the value cannot exceed 100");
}
