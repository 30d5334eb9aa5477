//! `obiettivi period` (`periodo`): the monitoring windows (GUIDE §8) —
//! opened until a day, closed with the period's snapshot, reopened with a
//! reason; stored with the plan in schema `/3`, and what blocks Consuntivo.

use crate::common;
use common::*;

#[test]
fn closing_the_window_of_30_06_takes_its_monitoring_snapshot() {
    let (_dir, db) = fresh_db();
    let until = in_a_month();
    let opened = ok(&db, &["period", "open", "30/06/2026", "--until", &until]);
    assert_eq!(
        opened,
        format!("finestra 30/06/2026 aperta fino al {until}\n")
    );
    // One window at a time; an open one is not opened twice.
    assert_refused(
        &run(&db, &["periodo", "open", "31/12/2026"]),
        "la finestra 30/06/2026 è aperta: si apre una finestra alla volta",
    );
    assert_refused(
        &run(&db, &["period", "open", "30/06/2026"]),
        "la finestra 30/06/2026 è già aperta",
    );
    assert_refused(
        &run(&db, &["period", "open", "15/05/2026"]),
        "il periodo 15/05/2026 non è un periodo di monitoraggio del piano: 30/06/2026, 31/12/2026",
    );
    let closed = ok(&db, &["period", "close", "30/06/2026"]);
    assert!(
        closed.contains("istantanea del monitoraggio: «Monitoraggio 30/06/2026»"),
        "{closed}"
    );
    let list = ok(&db, &["snapshot", "list"]);
    assert!(list.contains("Monitoraggio 30/06/2026"), "{list}");
    // The snapshot holds the plan with the window closed.
    let kept = run(&db, &["diff", "Monitoraggio 30/06/2026"]);
    assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
    // Closed twice: refused; open again: only reopen, with a reason.
    assert_refused(
        &run(&db, &["period", "close", "30/06/2026"]),
        "la finestra 30/06/2026 non è aperta",
    );
    assert_refused(
        &run(&db, &["period", "open", "30/06/2026"]),
        "è già stata aperta e chiusa: si riapre con un motivo",
    );
    assert_refused(
        &run(&db, &["period", "reopen", "30/06/2026", "--reason", " "]),
        "riaprire una finestra richiede un motivo",
    );
    assert_refused(
        &run(&db, &["period", "reopen", "31/12/2026", "--reason", "x"]),
        "la finestra 31/12/2026 non è mai stata aperta",
    );
    ok(
        &db,
        &[
            "period",
            "reopen",
            "30/06/2026",
            "--reason",
            "rilevazione da correggere",
        ],
    );
    // A second closing keeps the first snapshot and takes another.
    let again = ok(&db, &["period", "close", "30/06/2026"]);
    assert!(again.contains("«Monitoraggio 30/06/2026 (2)»"), "{again}");
    let shown = ok(&db, &["period", "list"]);
    let first = shown.lines().next().unwrap();
    assert!(
        first.starts_with("finestra 30/06/2026 chiusa (aperta dal "),
        "{shown}"
    );
    assert!(
        shown.contains("motivo: rilevazione da correggere"),
        "{shown}"
    );
    assert!(
        shown.contains("finestra 31/12/2026 chiusa (mai aperta)"),
        "{shown}"
    );
    let history = ok(&db, &["history"]);
    assert!(
        history.contains("finestra 30/06/2026: chiusa → aperta"),
        "{history}"
    );
    assert!(
        history.contains("finestra 30/06/2026: aperta → chiusa"),
        "{history}"
    );
}

#[test]
fn the_windows_travel_in_schema_3_and_a_backup_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    assert_eq!(export_json(&db)["schema"], "obiettivi/2");
    ok(&db, &["period", "open", "30/06/2026"]);
    ok(&db, &["period", "close", "30/06/2026"]);
    ok(
        &db,
        &["period", "open", "31/12/2026", "--until", &in_a_month()],
    );
    let json = export_json(&db);
    assert_eq!(json["schema"], "obiettivi/3");
    let windows = json["plan"]["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 2, "{windows:?}");
    assert_eq!(windows[0]["period"], "2026-06-30");
    assert_eq!(windows[0]["state"], "closed");
    assert_eq!(windows[0]["events"].as_array().unwrap().len(), 2);
    assert_eq!(windows[1]["state"], "open");
    // export → import into a new database → export is the same.
    let file = dir.path().join("plan.json");
    let exported = export(&db);
    std::fs::write(&file, &exported).unwrap();
    let other = dir.path().join("other");
    import_into_empty(&other, file.to_str().unwrap());
    assert_eq!(export(&other), exported);
    // An import keeps the windows stored (only `period` moves them).
    let plain = dir.path().join("plain.json");
    std::fs::write(&plain, SHIPPED_JSON).unwrap();
    ok(&db, &["import", plain.to_str().unwrap()]);
    assert_eq!(export_json(&db)["plan"]["windows"], json["plan"]["windows"]);
    // A backup restores them exactly.
    let backup = dir.path().join("backup.json");
    ok(&db, &["backup", "-o", backup.to_str().unwrap()]);
    let backed = export(&db);
    ok(&db, &["period", "close", "31/12/2026"]);
    ok(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(export(&db), backed);
}

#[test]
fn consuntivo_waits_for_every_window_of_the_year_to_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = weighted_db(dir.path());
    ok(&db, &["cycle", "advance"]);
    ok(
        &db,
        &["cycle", "advance", "--act", "DGC n. 12 del 30/01/2026"],
    );
    let shown = ok(&db, &["cycle"]);
    assert!(
        shown.contains(
            "Monitoraggio: nessuna finestra aperta; la prossima è quella del 30/06/2026 \
             (obiettivi period open 30/06/2026)\n"
        ),
        "{shown}"
    );
    ok(&db, &["period", "open", "30/06/2026"]);
    let shown = ok(&db, &["ciclo"]);
    assert!(
        shown.contains("Monitoraggio: finestra 30/06/2026 aperta\n"),
        "{shown}"
    );
    let before = export(&db);
    let o = run(&db, &["cycle", "advance", "--dry-run"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Per passare a «Consuntivo» mancano:\n  \
         la finestra di monitoraggio 30/06/2026 è ancora aperta \
         (obiettivi period close 30/06/2026)\n"
    );
    assert_eq!(export(&db), before, "a dry run changes nothing");
    assert_refused(
        &run(&db, &["cycle", "advance"]),
        "la finestra di monitoraggio 30/06/2026 è ancora aperta",
    );
    ok(&db, &["period", "close", "30/06/2026"]);
    let o = run(&db, &["cycle", "advance", "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    ok(&db, &["cycle", "advance"]);
    assert!(ok(&db, &["cycle"]).contains("Stato del piano: Consuntivo"));
}

/// Two managers' objectives: ROSSI's with a phase under way, an unmeasured
/// indicator and no narrative; BIANCHI's done but for its narrative.
const TWO_MANAGERS: &str = r#"{"schema": "obiettivi/2",
  "plan": {"title": "DUP 2026-2028"},
  "mandates": [{"code": "M1", "title": "Mandato"}],
  "missions": [{"code": "S1", "mandate": "M1", "title": "Missione"}],
  "objectives": [
    {"code": "01_0001_0001", "mission": "S1", "operational_objective": "Più alloggi",
     "manager": "ROSSI ANNA", "responsibility_centre": "CASA",
     "phases": [{"name": "Bando", "weight": 100, "progress": 20}],
     "indicators": [{"name": "Alloggi assegnati", "targets": {"2026": 20}}]},
    {"code": "01_0001_0002", "mission": "S1", "operational_objective": "=Gara chiusa",
     "manager": "BIANCHI LUCA", "responsibility_centre": "CASA",
     "phases": [{"name": "Gara", "weight": 100, "progress": 100}]}]}"#;

#[test]
fn reminders_name_each_manager_with_what_the_period_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("piano.json");
    std::fs::write(&file, TWO_MANAGERS).unwrap();
    import_into_empty(&db, file.to_str().unwrap());
    // No window open and none named: said, exit 2.
    assert_refused(
        &run(&db, &["reminders"]),
        "nessuna finestra di monitoraggio è aperta: indica il periodo (--period GG/MM/AAAA); \
         la prossima da aprire è quella del 30/06/2026",
    );
    ok(&db, &["period", "open", "30/06/2026"]);
    let o = run(&db, &["solleciti"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let opened = chrono::Local::now().format("%d/%m/%Y").to_string();
    assert_eq!(
        text,
        format!(
            "Solleciti del periodo 30/06/2026 · finestra 30/06/2026 aperta\n\
             4 cose mancanti, 2 responsabili\n\
             \n\
             BIANCHI LUCA (1)\n  \
             01_0001_0002 =Gara chiusa\n    \
             Stato di attuazione 1° anno: vuoto\n\
             \n\
             ROSSI ANNA (3)\n  \
             01_0001_0001 Più alloggi\n    \
             indicatore 1 «Alloggi assegnati»: manca la rilevazione del 30/06/2026\n    \
             fase 1 «Bando»: avanzamento non aggiornato dall'apertura della finestra ({opened})\n    \
             Stato di attuazione 1° anno: vuoto\n"
        )
    );
    // A progress entered in the window is no longer asked for.
    ok(
        &db,
        &["set", "01_0001_0001", "--phase", "1", "--progress", "35"],
    );
    let o = run(
        &db,
        &["reminders", "--period", "30/06/2026", "--format", "csv"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let csv = stdout(&o);
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "responsabile",
            "codice",
            "obiettivo",
            "periodo",
            "tipo",
            "cosa manca"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        rows[0][..5],
        [
            "BIANCHI LUCA",
            "01_0001_0002",
            "'=Gara chiusa",
            "30/06/2026",
            "narrativa"
        ]
    );
    assert_eq!(rows[1][4], "rilevazione");
    assert_eq!(rows[2][0], "ROSSI ANNA");
    // Everything entered: nothing missing, exit 0.
    for args in [
        &[
            "set",
            "01_0001_0001",
            "--indicator",
            "1",
            "--measure",
            "30/06/2026=12",
        ][..],
        &["set", "01_0001_0001", "--year1", "Bando pubblicato."],
        &["set", "01_0001_0002", "--year1", "Gara aggiudicata."],
    ] {
        ok(&db, args);
    }
    let o = run(&db, &["reminders"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Non manca nulla"), "{}", stdout(&o));
    let o = run(&db, &["reminders", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 1, "the header alone");
}
