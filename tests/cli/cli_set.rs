//! `obiettivi set`: validated like the TUI, durable, all or nothing.

use crate::common;
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

    // A narrative from stdin: the newline that ends the last line (as
    // `echo testo |` writes it) is not part of the text; an empty line before it is.
    for (input, stored) in [
        ("Dal file: àèìòù\n", "Dal file: àèìòù"),
        ("Riga uno.\r\n", "Riga uno."),
        ("Riga uno.\n\n", "Riga uno.\n"),
        ("Senza a capo", "Senza a capo"),
    ] {
        let o = with_stdin(&db, &["set", "06_1201_0801", "--year1", "-"], input);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            export_json(&db)["objectives"][7]["narratives"]["year1"],
            stored,
            "{input:?}"
        );
    }
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
    let (_dir, db) = fresh_db();
    let o = bin()
        .env("LANG", "en_GB.UTF-8")
        .args([
            "--db",
            db.to_str().unwrap(),
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

/// `set --batch FILE`: the edits of `lines`, written to a file in `dir`.
fn batch(db: &std::path::Path, dir: &std::path::Path, lines: &str) -> std::process::Output {
    let file = dir.join("modifiche.txt");
    std::fs::write(&file, lines).unwrap();
    run(db, &["set", "--batch", file.to_str().unwrap()])
}

#[test]
fn a_batch_applies_every_line_in_one_transaction() {
    let (dir, db) = fresh_db();
    let o = batch(
        &db,
        dir.path(),
        "# pesi del trimestre\n\
         05_1201_0601 --phase 1 --weight 40 --progress 25%\n\
         \n\
         05_1201_0201 --phase 1 --notes \"consegnati 12 alloggi\" --actual-end 30/06/2026\n\
         05_1201_0601 --phase 2 --weight 60\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.ends_with("salvato: 5 modifiche in 2 obiettivi\n"),
        "{out}"
    );
    assert!(out.contains("05_1201_0201 fase 1 «IMPLEMENTAZIONE DI SERVIZI EDUCATIVI PER PERSONE CON DISABILITÀ» Note: consegnati 12 alloggi"), "{out}");
    let plan = export(&db);
    assert!(plan.contains("\"weight\": 60"), "{plan}");
    assert!(plan.contains("consegnati 12 alloggi"));
    // One audit entry per change: the two weights of 05_1201_0601 among them.
    let history = ok(&db, &["history", "05_1201_0601"]);
    assert_eq!(history.matches("Peso").count(), 2, "{history}");
}

/// Issue 24 item 4: a value equal to the stored one is no change: no
/// version, no history, said, and not an error; in a batch it is skipped.
#[test]
fn a_value_equal_to_the_stored_one_changes_nothing_and_says_so() {
    let (dir, db) = fresh_db();
    let set = |more: &[&str]| {
        let mut args = vec!["set", "05_1201_0601", "--phase", "1"];
        args.extend_from_slice(more);
        run(&db, &args)
    };
    assert_eq!(set(&["--weight", "40"]).status.code(), Some(0));
    let history = || ok(&db, &["history", "05_1201_0601"]);
    let before = history();
    let again = set(&["--weight", "40"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        "05_1201_0601 fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: 40\n\
         niente da cambiare: è già così\n"
    );
    assert_eq!(history(), before, "no history entry");
    // Only the part that differs is recorded.
    assert_eq!(
        set(&["--weight", "40", "--progress", "30"]).status.code(),
        Some(0)
    );
    let after = history();
    assert_eq!(after.matches("Peso").count(), 1, "{after}");
    assert_eq!(after.matches("Avanzamento").count(), 1, "{after}");
    // In a batch, a line that changes nothing does not stop the others.
    let o = batch(
        &db,
        dir.path(),
        "05_1201_0601 --phase 1 --weight 40\n05_1201_0201 --phase 1 --weight 15\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(export(&db).contains("\"weight\": 15"));
    let last = history();
    assert_eq!(last.matches("Peso").count(), 1, "{last}");
}

#[test]
fn a_batch_with_a_refused_line_applies_nothing_and_names_every_refused_line() {
    let (dir, db) = fresh_db();
    let before = export(&db);
    let o = batch(
        &db,
        dir.path(),
        "05_1201_0601 --phase 1 --weight 10\n\
         05_1201_0601 --phase 9 --weight 60\n\
         05_1201_0201 --phase 1 --progress 140\n\
         99_99 --phase 1 --weight 1\n\
         05_1201_0201 --pahse 1\n\
         05_1201_0201 --phase 1 --notes \"non chiuse\n\
         05_1201_0201 --phase 1 --planned-end 31/12/2023\n",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("6 righe rifiutate; nessuna modifica è stata applicata"),
        "{err}"
    );
    for expected in [
        "riga 2: 05_1201_0601: l'obiettivo 05_1201_0601 non ha la fase 9",
        "riga 3: 05_1201_0201: Avanzamento: «140»: il valore non può superare 100",
        "riga 4: l'obiettivo «99_99» non esiste",
        "riga 5: argomento inatteso «--pahse»",
        "riga 6: virgolette non chiuse",
        "riga 7: 05_1201_0201: la fine 31/12/2023 è prima dell'inizio 01/01/2024",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    assert!(!err.contains("riga 1:"), "{err}");
    assert_eq!(export(&db), before, "nothing applied");
}

#[test]
fn a_batch_reads_stdin_and_takes_no_other_field() {
    let (_dir, db) = fresh_db();
    let o = with_stdin(
        &db,
        &["set", "--batch", "-"],
        "05_1201_0601 --phase 1 --weight 41\n",
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(export(&db).contains("\"weight\": 41"));
    let o = run(&db, &["set", "05_1201_0601", "--batch", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("con --batch i campi vanno nel file"));
}

#[test]
fn a_batch_line_with_indicator_flags_is_refused_by_its_number() {
    let (dir, db) = fresh_db();
    let o = batch(
        &db,
        dir.path(),
        "05_1201_0601 --phase 1 --weight 40\n05_1201_0601 --add-indicator Alloggi\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("riga 2: gli indicatori non si modificano ancora con --batch"),
        "{}",
        stderr(&o)
    );
}
