//! Which database is used (GUIDE §3), and what happens when it cannot be.

use crate::common;
use common::*;

#[test]
fn the_default_path_follows_obiettivi_db_then_xdg_then_home() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg");
    let env_db = dir.path().join("env-db");
    let export_with = |vars: &[(&str, &std::path::Path)]| {
        let mut c = bin();
        c.env("HOME", &home).arg("export");
        for (k, v) in vars {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    assert!(export_with(&[]).status.success());
    assert!(home.join(".local/share/obiettivi/db/conf").exists());
    assert!(export_with(&[("XDG_DATA_HOME", &xdg)]).status.success());
    assert!(xdg.join("obiettivi/db/conf").exists());
    assert!(
        export_with(&[("XDG_DATA_HOME", &xdg), ("OBIETTIVI_DB", &env_db)])
            .status
            .success()
    );
    assert!(env_db.join("conf").exists());
    // --db wins over everything, before or after the subcommand.
    let (_flag_dir, flag_db) = fresh_db();
    ok(&flag_db, &["set", "05_1201_0601", "--status", "Concluso"]);
    let o = bin()
        .env("OBIETTIVI_DB", &env_db)
        .arg("export")
        .arg("--db")
        .arg(&flag_db)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).contains("\"Concluso\""));
}

#[test]
fn an_explicit_db_that_does_not_exist_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo_db");
    let out = dir.path().join("x.json");
    for (lang, says) in [
        ("it_IT.UTF-8", "non esiste (nessun database è stato creato)"),
        ("en_US.UTF-8", "does not exist (no database was created)"),
    ] {
        for args in [
            &["export", "-o", out.to_str().unwrap()][..],
            &["check"],
            &["set", "05_1201_0601", "--status", "Concluso"],
            &["serve"],
        ] {
            let o = bin()
                .env("LANG", lang)
                .arg("--db")
                .arg(&typo)
                .args(args)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(err.contains(typo.to_str().unwrap()), "{err}");
            assert!(err.contains(says), "{err}");
        }
    }
    let o = bin()
        .args(["--db", "/nonexistent/x", "export"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/nonexistent/x"), "{}", stderr(&o));
    assert_eq!(names_in(dir.path(), |_| true), Vec::<String>::new());
    assert!(!std::path::Path::new("/nonexistent").exists());

    // What may create one still does: --empty, import, restore.
    let o = run_plain(&typo, &["--empty", "export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(typo.join("conf").exists());
    let backup = dir.path().join("backup.json");
    std::fs::write(&backup, SHIPPED_JSON).unwrap();
    for (name, command) in [("imported", "import"), ("restored", "restore")] {
        let db = dir.path().join(name);
        let o = run_plain(&db, &[command, backup.to_str().unwrap()]);
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        assert!(db.join("conf").exists(), "{command}");
    }
}

#[test]
fn a_database_held_by_another_process_is_refused_fast_with_what_to_do() {
    let (_dir, db) = fresh_db();
    let _ = export(&db);
    release(&db);
    // Hold the database from this test process through the library.
    let _held = obiettivi::store::Store::open(&db, obiettivi::model::Dataset::empty).unwrap();
    let started = std::time::Instant::now();
    // Direct: through a server, there would be no second process to refuse.
    let o = run_plain(&db, &["export"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("è già aperto da un altro processo obiettivi"),
        "{err}"
    );
    assert!(err.contains("Chiudi l'altra sessione"), "{err}");
    // How several users share it, not a copy that would drift apart.
    let serve = format!("«obiettivi --db {} serve»", db.display());
    assert!(err.contains(&serve), "{err}");
    assert!(!err.contains("copia"), "{err}");
    let en = bin()
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(&db)
        .arg("export")
        .output()
        .unwrap();
    let err = stderr(&en);
    assert!(
        err.contains("For several people to work on it at once, start «obiettivi --db"),
        "{err}"
    );
    assert!(!err.contains("copy"), "{err}");
    // "Fails fast": no retry loop. Generous bound, only to catch a hang.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn what_is_not_an_obiettivi_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("lettera.odt"), b"x").unwrap();
    let o = run(&docs, &["export"]);
    assert_refused(&o, "non è un database di obiettivi");
    assert_eq!(
        std::fs::read_dir(&docs).unwrap().count(),
        1,
        "nothing was created there"
    );

    let file = dir.path().join("file.json");
    std::fs::write(&file, b"{}").unwrap();
    let o = run(&file, &["export"]);
    assert_refused(&o, "è un file, non una cartella");
    assert_eq!(std::fs::read(&file).unwrap(), b"{}");
}

#[test]
fn a_damaged_database_gets_a_message_not_a_panic() {
    let (dir, db) = fresh_db();
    let _ = export(&db);
    let damaged = |file: &str| {
        let copy = dir.path().join(format!("damaged-{file}"));
        std::fs::create_dir(&copy).unwrap();
        for entry in std::fs::read_dir(&db).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file()
                && !entry.file_name().to_string_lossy().starts_with("snap.")
            {
                std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
            }
        }
        let len = std::fs::metadata(copy.join(file)).unwrap().len() as usize;
        let garbage: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
        std::fs::write(copy.join(file), garbage).unwrap();
        copy
    };
    // Garbage in sled's config, and garbage in its log (which sled reads as an
    // empty database: it must not be silently refilled with the shipped plan).
    for (file, expected) in [
        ("conf", "è danneggiato o illeggibile"),
        ("db", "nessun dato obiettivi leggibile"),
    ] {
        let copy = damaged(file);
        let o = run(&copy, &["export"]);
        assert_eq!(o.status.code(), Some(2), "{file}: stdout: {}", stdout(&o));
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert!(err.contains(expected), "{file}: {err}");
    }
}

/// GUIDE §10: `plan list` reads the database's registry of plans: the one
/// plan of a new database is the default, and follows its record when an
/// import renames it.
#[test]
fn plan_list_names_the_plans_of_the_database_and_the_default() {
    let (dir, db) = fresh_db();
    let o = run(&db, &["plan", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "* DUP 2026-2028  (anno non indicato)  Bozza\n");
    let mut plan: serde_json::Value = serde_json::from_str(&ok(&db, &["export"])).unwrap();
    plan["plan"]["title"] = "DUP 2027-2029\u{1b}[2J".into();
    plan["plan"]["year"] = 2027.into();
    let file = dir.path().join("plan.json");
    std::fs::write(&file, plan.to_string()).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let o = run_in("en_US.UTF-8", &db, &["plan", "list"]);
    assert_eq!(stdout(&o), "* DUP 2027-2029\\x1b[2J  2027  Draft\n");
}
