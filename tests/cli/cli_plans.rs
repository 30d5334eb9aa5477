//! Several plans in one database (GUIDE §10): `plan new … --from`, `plan
//! use`, and the global `--plan TITLE`, locally and through `serve` alike.

use crate::common::*;

const OLD: &str = "DUP 2026-2028";
const NEW: &str = "DUP 2027-2029";

/// The shipped plan with an indicator measured twice in 2026 on 05_1201_0601,
/// a phase's progress and a status report written: what a year of
/// monitoring leaves behind.
fn monitored_year(db: &std::path::Path) {
    add_alloggi(db, "05_1201_0601", &[]);
    ok(
        db,
        &["set", "05_1201_0601", "--phase", "1", "--progress", "40"],
    );
    ok(
        db,
        &[
            "set",
            "05_1201_0601",
            "--indicator",
            "1",
            "--measure",
            "31/12/2026=18",
        ],
    );
    ok(db, &["set", "05_1201_0601", "--year1", "Fatto nel 2026"]);
}

fn plan_new_from_old(db: &std::path::Path) -> String {
    ok(db, &["plan", "new", NEW, "--year", "2027", "--from", OLD])
}

/// Issue 29's acceptance: next year's plan from the shipped one carries its
/// structure in Bozza, with the indicators' baselines from the last
/// measurements, and the old plan is left byte for byte as it was.
#[test]
fn plan_new_from_the_shipped_plan_carries_the_structure_and_leaves_the_old_plan_whole() {
    let (_dir, db) = fresh_db();
    monitored_year(&db);
    let before = export(&db);
    let said = plan_new_from_old(&db);
    assert_eq!(
        said,
        format!(
            "creato il piano «{NEW}» (2027) dal piano «{OLD}»; per renderlo il predefinito: obiettivi plan use \"{NEW}\"\n"
        )
    );
    assert_eq!(
        ok(&db, &["plan", "list"]),
        format!("* {OLD}  (anno non indicato)  Bozza\n  {NEW}  2027  Bozza\n")
    );
    // The default is still the old plan, untouched.
    assert_eq!(export(&db), before);

    let mut new: serde_json::Value =
        serde_json::from_str(&ok(&db, &["--plan", NEW, "export"])).unwrap();
    let old: serde_json::Value = serde_json::from_str(&before).unwrap();
    assert_eq!(new["plan"]["title"], NEW);
    assert_eq!(new["plan"]["year"], 2027);
    assert!(new["plan"].get("cycle").is_none(), "{}", new["plan"]);
    assert_eq!(new["mandates"], old["mandates"]);
    assert_eq!(new["missions"], old["missions"]);
    let objectives = new["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 8);
    for (n, o) in objectives.iter().zip(old["objectives"].as_array().unwrap()) {
        assert_eq!(n["code"], o["code"]);
        // GUIDE §10 carries the phases over whole: a phase runs over the
        // DUP's years, so its progress and actual dates go on (only
        // narratives and measurements stay with the old plan).
        assert_eq!(n["phases"], o["phases"], "{}", n["code"]);
        assert_eq!(n["narratives"]["year1"], "", "{}", n["code"]);
        assert_eq!(n["narratives"]["year2"], "", "{}", n["code"]);
    }
    let carried = objective_in(&mut new, "05_1201_0601");
    assert_eq!(carried["phases"][0]["progress"], 40.0);
    let indicator = &carried["indicators"][0];
    assert_eq!(indicator["name"], "Alloggi assegnati");
    assert_eq!(indicator["targets"], serde_json::json!({"2026": 20.0}));
    // 18 at 31/12/2026, the later of the two measurements of 2026.
    assert_eq!(
        indicator["baseline"],
        serde_json::json!({"value": 18.0, "year": 2026})
    );
    assert_eq!(indicator["measurements"], serde_json::json!([]));
    let cycle = ok(&db, &["--plan", NEW, "cycle"]);
    assert!(cycle.contains("Bozza"), "{cycle}");
    assert_eq!(export(&db), before);
}

/// `plan use` switches what a bare command reads; `--plan` reads the other;
/// the same code in two plans is two objectives.
#[test]
fn plan_use_switches_what_a_bare_command_reads_and_codes_are_per_plan() {
    let (_dir, db) = fresh_db();
    let before = export(&db);
    plan_new_from_old(&db);
    assert_eq!(
        ok(&db, &["plan", "use", NEW]),
        format!("piano predefinito: «{NEW}» (2027)\n")
    );
    assert_eq!(
        ok(&db, &["plan", "list"]),
        format!("  {OLD}  (anno non indicato)  Bozza\n* {NEW}  2027  Bozza\n")
    );
    assert_eq!(export_json(&db)["plan"]["title"], NEW);
    assert_eq!(ok(&db, &["--plan", OLD, "export"]), before);
    // The same code, in the new plan only.
    ok(&db, &["set", "05_1201_0601", "--status", "Concluso"]);
    assert_eq!(
        objective_in(&mut export_json(&db), "05_1201_0601")["status"],
        "Concluso"
    );
    assert_eq!(ok(&db, &["--plan", OLD, "export"]), before);
    let history = ok(&db, &["--plan", OLD, "history", "05_1201_0601"]);
    assert!(!history.contains("Concluso"), "{history}");
    ok(&db, &["plan", "use", OLD]);
    assert_eq!(export(&db), before);
}

/// A title the database does not hold is refused naming those it does, in
/// the user's language; so is a second plan of a title already used.
#[test]
fn an_unknown_or_taken_title_is_refused_naming_the_plans() {
    let (_dir, db) = fresh_db();
    plan_new_from_old(&db);
    let o = run(&db, &["--plan", "DUP 2030", "export"]);
    assert_refused(
        &o,
        &format!(
            "il piano «DUP 2030» non c'è in questo database; i suoi piani sono: «{OLD}», «{NEW}»"
        ),
    );
    assert!(stdout(&o).is_empty());
    let o = run_in("en_US.UTF-8", &db, &["--plan", "DUP 2030", "check"]);
    assert_refused(
        &o,
        &format!("there is no plan «DUP 2030» in this database; its plans are: «{OLD}», «{NEW}»"),
    );
    assert_refused(
        &run(&db, &["plan", "use", "DUP 2030"]),
        "il piano «DUP 2030» non c'è",
    );
    assert_refused(
        &run(
            &db,
            &["plan", "new", "DUP 2031", "--year", "2031", "--from", "X"],
        ),
        "il piano «X» non c'è",
    );
    // A title of many kilobytes (a raw `hello` may send megabytes) comes
    // back cut on one line, not whole.
    let long = "x".repeat(20_000);
    let o = run(&db, &["--plan", &long, "export"]);
    assert_refused(&o, &format!("il piano «{}…» non c'è", "x".repeat(79)));
    assert!(stderr(&o).len() < 1_000, "{}", stderr(&o).len());
    let o = run(&db, &["plan", "new", NEW, "--year", "2027"]);
    assert_refused(&o, &format!("c'è già un piano «{NEW}» in questo database"));
    let o = run(&db, &["plan", "new", "DUP 1800", "--year", "1800"]);
    assert_refused(&o, "anno 1800: l'anno di un piano va dal 2000 al 2100");
    assert_refused(
        &run(&db, &["plan", "new", " ", "--year", "2027"]),
        "il nome non può essere vuoto",
    );
    assert_eq!(
        ok(&db, &["plan", "list"]),
        format!("* {OLD}  (anno non indicato)  Bozza\n  {NEW}  2027  Bozza\n")
    );
}

/// Without `--from`, an empty plan of that year.
#[test]
fn plan_new_without_from_is_an_empty_plan() {
    let (_dir, db) = fresh_db();
    ok(&db, &["plan", "new", "Piano vuoto", "--year", "2027"]);
    let new: serde_json::Value =
        serde_json::from_str(&ok(&db, &["--plan", "Piano vuoto", "export"])).unwrap();
    assert_eq!(new["plan"]["title"], "Piano vuoto");
    assert_eq!(new["plan"]["year"], 2027);
    assert_eq!(new["objectives"], serde_json::json!([]));
    assert_eq!(new["mandates"], serde_json::json!([]));
    // The list follows the plan's state as its cycle moves.
    let advance = ["cycle", "advance", "--force", "--reason", "prova"];
    ok(&db, &[&["--plan", "Piano vuoto"][..], &advance].concat());
    assert_eq!(
        ok(&db, &["plan", "list"]),
        "* DUP 2026-2028  (anno non indicato)  Bozza\n  Piano vuoto  2027  Proposta\n"
    );
}

/// GUIDE §10: a plan in Validata is read-only from every door — `set`, an
/// import of a changed file — while the plan beside it stays open.
#[test]
fn a_validated_plan_is_read_only_and_the_plan_beside_it_is_not() {
    let (dir, db) = fresh_db();
    ok(
        &db,
        &[
            "plan",
            "new",
            "DUP 2025-2027",
            "--year",
            "2025",
            "--from",
            OLD,
        ],
    );
    let old = ["--plan", "DUP 2025-2027"];
    // A plan with no cycle of its own takes the file's: validated.
    let mut plan =
        serde_json::from_str::<serde_json::Value>(&ok(&db, &[&old[..], &["export"]].concat()))
            .unwrap();
    plan["plan"]["cycle"] = serde_json::json!({"state": "validated", "transitions": []});
    let file = dir.path().join("validata.json");
    std::fs::write(&file, plan.to_string()).unwrap();
    ok(
        &db,
        &[&old[..], &["import", file.to_str().unwrap()]].concat(),
    );
    assert!(ok(&db, &[&old[..], &["cycle"]].concat()).contains("Stato del piano: Validata"));
    let before = ok(&db, &[&old[..], &["export"]].concat());

    let set = ["set", "05_1201_0601", "--status", "Concluso"];
    assert_refused(&run(&db, &[&old[..], &set].concat()), "congelato");
    objective_in(&mut plan, "05_1201_0601")["status"] = "Concluso".into();
    std::fs::write(&file, plan.to_string()).unwrap();
    assert_refused(
        &run(
            &db,
            &[&old[..], &["import", file.to_str().unwrap()]].concat(),
        ),
        "congelato",
    );
    assert_eq!(ok(&db, &[&old[..], &["export"]].concat()), before);
    // The default plan, in Bozza, takes the same edit.
    ok(&db, &set);
    assert_eq!(
        objective_in(&mut export_json(&db), "05_1201_0601")["status"],
        "Concluso"
    );
}

/// GUIDE §10: a backup covers every plan of the database, and a restore
/// puts every one back; `export` stays one plan's.
#[test]
fn backup_and_restore_cover_every_plan() {
    let (dir, db) = fresh_db();
    plan_new_from_old(&db);
    let (old, new) = (export(&db), ok(&db, &["--plan", NEW, "export"]));
    let file = dir.path().join("copia.json");
    ok(&db, &["backup", "-o", file.to_str().unwrap()]);
    let backup: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(backup["plan"]["title"], OLD);
    assert_eq!(backup["other_plans"][0]["plan"]["title"], NEW);
    assert_eq!(export_json(&db).get("other_plans"), None);

    ok(&db, &["set", "05_1201_0601", "--status", "Concluso"]);
    ok(
        &db,
        &["--plan", NEW, "set", "05_1201_0102", "--status", "Sospeso"],
    );
    assert_ne!(export(&db), old);
    assert_ne!(ok(&db, &["--plan", NEW, "export"]), new);
    let said = ok(&db, &["restore", file.to_str().unwrap()]);
    assert!(
        said.starts_with("ripristinato: 8 obiettivi e 1 altro piano · stato precedente in: "),
        "{said}"
    );
    assert_eq!(export(&db), old);
    assert_eq!(ok(&db, &["--plan", NEW, "export"]), new);
    // Restored from the other plan, each plan still goes back to its own.
    ok(&db, &["set", "05_1201_0601", "--status", "Concluso"]);
    ok(
        &db,
        &["--plan", NEW, "set", "05_1201_0102", "--status", "Sospeso"],
    );
    ok(&db, &["--plan", NEW, "restore", file.to_str().unwrap()]);
    assert_eq!(export(&db), old);
    assert_eq!(ok(&db, &["--plan", NEW, "export"]), new);
    // The state replaced is kept whole too, every plan of it.
    let kept = said.trim_end().rsplit(' ').next().unwrap();
    let kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(kept).unwrap()).unwrap();
    assert_eq!(kept["other_plans"][0]["plan"]["title"], NEW);
}

/// A restore of a backup of several plans is one transaction: every plan
/// comes back, those the database lacks made anew, or none does. Here the
/// last plan of the backup is refused only once the ones before it are
/// written (a variation naming an objective it lacks, which only the plan
/// read whole tells): the database is left as it was, no plan made.
#[test]
fn a_restore_of_several_plans_puts_back_every_plan_or_none() {
    const THIRD: &str = "DUP 2028-2030";
    let (dir, db) = fresh_db();
    plan_new_from_old(&db);
    ok(
        &db,
        &["plan", "new", THIRD, "--year", "2028", "--from", NEW],
    );
    let exports =
        |db: &std::path::Path| [OLD, NEW, THIRD].map(|title| ok(db, &["--plan", title, "export"]));
    let saved = exports(&db);
    let file = dir.path().join("copia.json");
    ok(&db, &["backup", "-o", file.to_str().unwrap()]);

    // Into a database of the shipped plan alone: the other two made anew.
    let (_other_dir, other) = fresh_db();
    ok(&other, &["set", "05_1201_0601", "--status", "Concluso"]);
    let said = ok(&other, &["restore", file.to_str().unwrap()]);
    assert!(
        said.starts_with("ripristinato: 8 obiettivi e 2 altri piani · "),
        "{said}"
    );
    assert!(exports(&other) == saved, "every plan as it was saved");
    assert_eq!(ok(&other, &["plan", "list"]), ok(&db, &["plan", "list"]));

    // The same backup with its last plan damaged, over a database changed
    // since and lacking that plan: refused, and nothing of it written.
    let mut damaged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    damaged["other_plans"][1]["variations"] = serde_json::json!([{
        "id": 1, "state": "open", "reason": "Nuovo bando", "opened_by": "rossi",
        "opened_at": "2026-07-02T09:00:00Z",
        "changes": [{"code": "99_9999_9999", "field": "phases[0].weight", "old": 25, "new": 30}]
    }]);
    let damaged_file = dir.path().join("danneggiata.json");
    std::fs::write(&damaged_file, damaged.to_string()).unwrap();
    let (_third_dir, third) = fresh_db();
    plan_new_from_old(&third);
    ok(&third, &["set", "05_1201_0601", "--status", "Concluso"]);
    ok(
        &third,
        &["--plan", NEW, "set", "05_1201_0102", "--status", "Sospeso"],
    );
    let before = [OLD, NEW].map(|title| ok(&third, &["--plan", title, "export"]));
    let plans = ok(&third, &["plan", "list"]);
    let o = run(&third, &["restore", damaged_file.to_str().unwrap()]);
    assert_refused(&o, "variations[0].changes[0].code");
    assert!(stderr(&o).contains("99_9999_9999"), "{}", stderr(&o));
    assert!(
        [OLD, NEW].map(|title| ok(&third, &["--plan", title, "export"])) == before,
        "the plans written before the refused one are as they were"
    );
    assert_eq!(ok(&third, &["plan", "list"]), plans, "no plan made");
    // Nothing half made is left in the way of the good backup.
    ok(&third, &["restore", file.to_str().unwrap()]);
    assert!(exports(&third) == saved, "the good backup restores");

    // A backup naming one plan twice is refused where it does.
    damaged["other_plans"][1]["variations"] = serde_json::json!([]);
    damaged["other_plans"][1]["plan"]["title"] = serde_json::json!(NEW);
    std::fs::write(&damaged_file, damaged.to_string()).unwrap();
    let o = run(&third, &["restore", damaged_file.to_str().unwrap()]);
    assert_refused(
        &o,
        "other_plans[1].plan.title: un altro piano del backup ha questo titolo",
    );
    assert!(exports(&third) == saved, "nothing changed");
}
