//! `history`, `backup`, `restore` from the command line.

use crate::common;
use common::*;

#[test]
fn history_lists_every_change_with_who_when_and_old_to_new_newest_last() {
    let (_dir, db) = fresh_db();
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "40"],
    );
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "45,5"],
    );
    ok(&db, &["set", "05_1201_0201", "--status", "Concluso"]);
    let o = run(&db, &["history", "05 1201 0601"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("Peso")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0]
            .ends_with("05_1201_0601  fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: n/d → 40"),
        "{out}"
    );
    assert!(lines[1].ends_with("Peso: 40 → 45,5"), "newest last: {out}");
    // when: local time with its offset, e.g. 25/11/2026 10:03:12 +01:00
    let when: Vec<&str> = lines[0].splitn(4, ' ').collect();
    assert!(
        when[0].len() == 10
            && when[1].len() == 8
            && (when[2].starts_with('+') || when[2].starts_with('-')),
        "{}",
        lines[0]
    );
    assert!(
        !out.contains("05_1201_0201"),
        "only the objective asked for"
    );
    let all = stdout(&run(&db, &["history"]));
    assert!(all.contains("05_1201_0201  Stato:  → Concluso"), "{all}");
    let o = run(&db, &["history", "99_9999_9999"]);
    assert_refused(&o, "non esiste");
}

#[test]
fn backup_then_restore_gives_the_backed_up_state_and_keeps_a_snapshot_of_the_replaced_one() {
    let (dir, db) = fresh_db();
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "40"],
    );
    let file = dir.path().join("backup.json");
    let o = run(&db, &["backup", "-o", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let backed_up = export(&db);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), backed_up);

    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "70"],
    );
    let before_restore = export(&db);
    let o = run(&db, &["restore", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ripristinato: 8 obiettivi"),
        "{}",
        stdout(&o)
    );
    assert_eq!(export(&db), backed_up);

    // The replaced state was kept, and backups are listed with the import snapshots.
    let o = run(&db, &["backup", "--list"]);
    let listed = stdout(&o);
    let restore_snapshot = listed
        .lines()
        .find(|l| l.contains("-restore.json"))
        .expect("restore snapshot listed");
    let path = restore_snapshot.split("  ").next().unwrap();
    assert_eq!(std::fs::read_to_string(path).unwrap(), before_restore);
    // history survives a restore, and records it
    let history = stdout(&run(&db, &["history", "05_1201_0601"]));
    assert!(
        history.contains("Peso: 40 → 70") && history.contains("ripristinato da un backup"),
        "{history}"
    );
}

#[test]
fn backup_without_a_file_goes_beside_the_database_and_a_broken_restore_changes_nothing() {
    let (dir, db) = fresh_db();
    let o = run(&db, &["backup"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("db.snapshots"), "{}", stdout(&o));
    let before = export(&db);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, before.replace("obiettivi/2", "obiettivi/7")).unwrap();
    let o = run(&db, &["restore", broken.to_str().unwrap()]);
    assert_refused(&o, "schema sconosciuto");
    assert_eq!(export(&db), before);
}

#[test]
fn history_since_a_day_and_by_a_user_keeps_only_those_changes_and_the_filters_combine() {
    let (_dir, db) = fresh_db();
    ok(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "40"],
    );
    ok(&db, &["set", "05_1201_0201", "--status", "Concluso"]);
    let today = chrono::Local::now().date_naive();
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let lines = |args: &[&str]| -> Vec<String> {
        let o = run(&db, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        stdout(&o).lines().map(str::to_string).collect()
    };
    let me = me();
    // The shipped plan was written at creation by `obiettivi`; the two edits are mine.
    let mine = lines(&["history", "--user", &me]);
    assert_eq!(mine.len(), 2, "{mine:#?}");
    assert!(
        mine.iter().all(|l| l.contains(&format!("  {me}  "))),
        "{mine:#?}"
    );
    let theirs = lines(&["history", "--user", "obiettivi"]);
    assert!(!theirs.is_empty(), "the import of the shipped plan");
    assert!(
        theirs.iter().all(|l| l.contains("  obiettivi  ")),
        "{theirs:#?}"
    );
    assert!(lines(&["history", "--user", "nessuno"]).is_empty());
    // Since today: everything; since tomorrow: nothing yet.
    let all = lines(&["history"]);
    assert_eq!(lines(&["history", "--since", &day(today)]), all);
    let tomorrow = today.succ_opt().unwrap();
    assert!(lines(&["history", "--since", &day(tomorrow)]).is_empty());
    // The three together: my change of 0601 made today.
    let one = lines(&["history", "--since", &day(today), "--user", &me, "0601"]);
    assert_eq!(one.len(), 1, "{one:#?}");
    assert!(one[0].ends_with("Peso: n/d → 40"), "{one:#?}");
}

#[test]
fn history_since_a_date_that_is_not_one_says_why_and_exits_2() {
    let (_dir, db) = fresh_db();
    for (typed, why) in [("31/02/2026", "31/02/2026"), ("ieri", "ieri")] {
        let o = run(&db, &["history", "--since", typed]);
        assert_eq!(o.status.code(), Some(2), "{typed}: {}", stderr(&o));
        let said = stderr(&o);
        assert!(said.contains("--since") && said.contains(why), "{said}");
        assert!(stdout(&o).is_empty());
    }
}
