//! Codes as users type them (GUIDE §3): the end of a code (`0601`,
//! `1201 0601`) is the objective when no other code ends so, in every
//! subcommand that takes one (set, set --batch, history, report, check); several are listed; none is said. The same
//! through `obiettivi serve` (`OBIETTIVI_TEST_THROUGH=serve`).

use crate::common;
use common::*;

#[test]
fn the_end_of_a_code_is_the_objective_in_every_subcommand_that_takes_one() {
    let (_dir, db) = fresh_db();
    let set = ok(&db, &["set", "0601", "--phase", "1", "--weight", "40"]);
    assert!(set.starts_with("05_1201_0601 fase 1 «"), "{set}");
    assert!(set.contains("Peso: 40"), "{set}");
    ok(&db, &["set", "1201 0601", "--status", "Sospeso"]);
    ok(&db, &["set", "1201_0201", "--status", "Concluso"]);
    // A batch joins the lines of one objective however its code is typed.
    let batch = with_stdin(
        &db,
        &["set", "--batch", "-"],
        "0601 --phase 2 --weight 60\n05_1201_0601 --phase 3 --progress 30\n",
    );
    assert_eq!(batch.status.code(), Some(0), "{}", stderr(&batch));
    assert!(
        stdout(&batch).contains("2 modifiche in 1 obiettivo"),
        "{}",
        stdout(&batch)
    );
    let indicator = ok(
        &db,
        &[
            "set",
            "0601",
            "--add-indicator",
            "Alloggi assegnati",
            "--unit",
            "n.",
        ],
    );
    assert!(indicator.contains("05_1201_0601"), "{indicator}");

    let history = ok(&db, &["history", "0601"]);
    assert!(
        history.contains("05_1201_0601  Stato: In Corso → Sospeso"),
        "{history}"
    );
    assert!(history.contains("Alloggi assegnati"), "{history}");
    assert!(!history.contains("05_1201_0201"), "{history}");

    let report = ok(&db, &["report", "--format", "txt", "0601", "1201 0201"]);
    assert!(report.contains("05_1201_0601"), "{report}");
    assert!(report.contains("05_1201_0201"), "{report}");
    assert!(
        !report.contains("05_1201_0301"),
        "only those asked for: {report}"
    );

    // check: only that objective's warnings, exit 1 since it has some.
    let check = run(&db, &["check", "0601", "--today", "01/01/2027"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let lines = stdout(&check);
    let warnings: Vec<&str> = lines.lines().filter(|l| l.starts_with("05_")).collect();
    assert!(!warnings.is_empty(), "{lines}");
    assert!(
        warnings.iter().all(|l| l.starts_with("05_1201_0601  ")),
        "{lines}"
    );

    let mut json = export_json(&db);
    let objective = objective_in(&mut json, "05_1201_0601");
    assert_eq!(objective["status"], "Sospeso");
    assert_eq!(objective["phases"][0]["weight"], 40.0);
    assert_eq!(objective["phases"][1]["weight"], 60.0);
}

/// The shipped plan with a second objective whose code ends in `0601`.
fn plan_with_two_0601(db: &std::path::Path) {
    let mut plan = shipped_json();
    let mut twin = objective_in(&mut plan, "05_1201_0601").clone();
    twin["code"] = "06_1201_0601".into();
    plan["objectives"].as_array_mut().unwrap().push(twin);
    let file = db.with_file_name("twin.json");
    std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    ok(db, &["import", file.to_str().unwrap()]);
}

#[test]
fn an_end_shared_by_several_codes_is_refused_listing_them_and_changes_nothing() {
    let (_dir, db) = fresh_db();
    plan_with_two_0601(&db);
    let before = export(&db);
    let listed = "«0601» è la fine del codice di 2 obiettivi: 05_1201_0601, 06_1201_0601";
    for args in [
        &["set", "0601", "--status", "Concluso"][..],
        &["set", "0601", "--add-indicator", "Alloggi"],
        &["history", "0601"],
        &["report", "0601"],
        &["check", "0601"],
    ] {
        let o = run(&db, args);
        assert_refused(&o, listed);
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
    }
    let batch = with_stdin(
        &db,
        &["set", "--batch", "-"],
        "1201_0201 --status Concluso\n0601 --status Concluso\n",
    );
    assert_refused(&batch, &format!("riga 2: {listed}"));
    assert_eq!(export(&db), before, "nothing changed");
    // More of the code names one of them.
    ok(&db, &["set", "06_1201_0601", "--status", "Concluso"]);
    ok(&db, &["set", "05 1201 0601", "--status", "Sospeso"]);
}

#[test]
fn a_code_that_names_nothing_says_so_in_both_languages() {
    let (_dir, db) = fresh_db();
    for args in [
        &["set", "9999", "--status", "x"][..],
        &["history", "9999"],
        &["report", "9999"],
        &["check", "9999"],
        // A part of a segment is not an end of the code.
        &["set", "601", "--status", "x"],
    ] {
        let typed = args[1];
        assert_refused(
            &run(&db, args),
            &format!("l'obiettivo «{typed}» non esiste"),
        );
        let en = run_in("en_US.UTF-8", &db, args);
        assert_refused(&en, &format!("objective «{typed}» does not exist"));
    }
}
