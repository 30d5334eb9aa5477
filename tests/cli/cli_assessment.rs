//! The consuntivo and the OIV's assessment through `set` (GUIDE §1, §8):
//! each part written only in its state, a forced value counted in place of
//! the computed one wherever a number appears and always marked, a non
//! valutabile objective left out of the roll-ups and named, and the checks
//! into Valutazione and Relazione.

use crate::common;
use common::*;

const APPROVAL: &str = "DGC n. 12 del 30/01/2026";
const MISSION: &str = "2024_28_DUP_05_1201";

/// The weighted plan approved, 05_1201_0201 at 50% (two phases of 50) and
/// 05_1201_0301 at 100%, in Consuntivo.
fn reporting_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = weighted_db(dir);
    ok(&db, &["cycle", "advance"]);
    ok(&db, &["cycle", "advance", "--act", APPROVAL]);
    // Before Consuntivo the consuntivo is refused, naming its state.
    assert_refused(
        &run(&db, &["set", "05_1201_0201", "--gap-cause", "esterna"]),
        "Causa dello scostamento: si scrive solo nello stato «Consuntivo» (il piano è in «Approvata»)",
    );
    // Nor does a variation carry it: it varies the baseline, not the result.
    ok(&db, &["variation", "open", "--reason", "prova"]);
    assert_refused(
        &run(
            &db,
            &[
                "set",
                "05_1201_0201",
                "--gap-cause",
                "esterna",
                "--variation",
                "1",
            ],
        ),
        "né la valutazione",
    );
    ok(
        &db,
        &["variation", "reject", "1", "--reason", "prova finita"],
    );
    let batch = dir.join("avanzamenti.txt");
    std::fs::write(
        &batch,
        "05_1201_0201 --phase 1 --progress 50\n\
         05_1201_0201 --phase 2 --progress 50\n\
         05_1201_0301 --phase 1 --progress 100\n",
    )
    .unwrap();
    ok(&db, &["set", "--batch", batch.to_str().unwrap()]);
    ok(&db, &["cycle", "advance"]);
    db
}

/// The report's line of the mission in its summary by mission.
fn mission_line(db: &std::path::Path) -> String {
    let report = ok(db, &["report", "--format", "md"]);
    report
        .lines()
        .find(|l| l.contains(MISSION))
        .unwrap_or_else(|| panic!("no line of {MISSION}: {report}"))
        .to_string()
}

#[test]
fn the_consuntivo_and_the_assessment_are_written_each_in_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = reporting_db(dir.path());
    // The validator's answer waits for Valutazione.
    assert_refused(
        &run(
            &db,
            &["set", "05_1201_0201", "--forced", "80", "--reason", "x"],
        ),
        "Raggiungimento forzato: si scrive solo nello stato «Valutazione» (il piano è in «Consuntivo»)",
    );
    // A request says why; a cause is one of three words.
    assert_refused(
        &run(&db, &["set", "05_1201_0201", "--force-request", "80"]),
        "Richiesta di forzatura: serve il motivo (--note TESTO)",
    );
    assert_refused(
        &run(&db, &["set", "05_1201_0201", "--gap-cause", "boh"]),
        "causa dello scostamento sconosciuta «boh»: scrivi esterna, interna o indicatore",
    );
    assert_refused(
        &run(
            &db,
            &[
                "set",
                "05_1201_0201",
                "--force-request",
                "180",
                "--note",
                "x",
            ],
        ),
        "Richiesta di forzatura",
    );
    let said = ok(
        &db,
        &[
            "set",
            "05_1201_0201",
            "--gap-cause",
            "esterna",
            "--gap-comment",
            "Il bando regionale è uscito a ottobre",
            "--force-request",
            "80",
            "--note",
            "ritardo non imputabile all'ente",
        ],
    );
    assert!(
        said.contains("05_1201_0201 Causa dello scostamento: causa esterna\n"),
        "{said}"
    );
    assert!(
        said.contains(
            "05_1201_0201 Richiesta di forzatura: 80% — ritardo non imputabile all'ente\n"
        ),
        "{said}"
    );
    // Into Valutazione: every objective under 90% says its gap's cause; the
    // one at 100% and the one that said it are not listed.
    let o = run(&db, &["cycle", "advance", "--dry-run"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let listed = stdout(&o);
    assert!(
        listed
            .contains("05_1201_0102: risultato n/d sotto il 90%: manca la causa dello scostamento"),
        "{listed}"
    );
    assert!(!listed.contains("05_1201_0201"), "{listed}");
    assert!(!listed.contains("05_1201_0301"), "{listed}");
    assert_refused(
        &run(&db, &["cycle", "advance"]),
        "il piano non può passare a «Valutazione»: 6 problemi",
    );
    let causes = dir.path().join("cause.txt");
    let lines: String = ["0102", "0401", "0501", "0601", "0701"]
        .iter()
        .map(|c| format!("05_1201_{c} --gap-cause interna\n"))
        .chain([
            "06_1201_0801 --gap-cause indicatore --gap-comment \"target irrealistico\"\n".into(),
        ])
        .collect();
    std::fs::write(&causes, lines).unwrap();
    ok(&db, &["set", "--batch", causes.to_str().unwrap()]);
    // A request that stays unanswered, for the Relazione's check.
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--force-request",
            "70",
            "--note",
            "lavori sospesi",
        ],
    );
    ok(&db, &["cycle", "advance"]);
    // In Valutazione the consuntivo is closed, the validator's answer open.
    assert_refused(
        &run(&db, &["set", "05_1201_0201", "--gap-comment", "altro"]),
        "si scrive solo nello stato «Consuntivo» (il piano è in «Valutazione»)",
    );
    assert_refused(
        &run(&db, &["set", "05_1201_0201", "--forced", "80"]),
        "Raggiungimento forzato: serve il motivo (--reason TESTO)",
    );
    assert_refused(
        &run(&db, &["set", "05_1201_0201", "--reason", "x"]),
        "--reason va con --forced X o con --not-assessable",
    );
    let said = ok(
        &db,
        &[
            "set",
            "05_1201_0201",
            "--forced",
            "80",
            "--reason",
            "bando regionale tardivo",
        ],
    );
    assert!(
        said.contains("05_1201_0201 Raggiungimento forzato: 80% — bando regionale tardivo\n"),
        "{said}"
    );
    // Into Relazione: every request answered.
    let o = run(
        &db,
        &["cycle", "advance", "--dry-run", "--act", "DGC n. 90"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let listed = stdout(&o);
    assert!(
        listed.contains(
            "05_1201_0601: richiesta di forzatura a 70%: il validatore non ha ancora risposto"
        ),
        "{listed}"
    );
    assert!(!listed.contains("05_1201_0201"), "{listed}");
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--not-assessable",
            "--reason",
            "cantiere sotto sequestro",
        ],
    );
    ok(
        &db,
        &["cycle", "advance", "--act", "DGC n. 90 del 30/05/2027"],
    );
    // In Relazione nothing of the assessment changes any more.
    assert_refused(
        &run(
            &db,
            &["set", "05_1201_0201", "--forced", "90", "--reason", "x"],
        ),
        "si scrive solo nello stato «Valutazione» (il piano è in «Relazione»)",
    );
    // Each part in the history, old → new.
    let history = ok(&db, &["history", "05_1201_0201"]);
    assert!(
        history.contains("Raggiungimento forzato:  → 80% — bando regionale tardivo"),
        "{history}"
    );
    assert!(
        history.contains("Causa dello scostamento:  → causa esterna"),
        "{history}"
    );
    // Schema /3: the assessment with who and when, and export → import →
    // export the same.
    let json = export_json(&db);
    let a = &json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "05_1201_0201")
        .unwrap()["assessment"];
    assert_eq!(a["gap_cause"], "external");
    assert_eq!(a["force_request"]["value"], 80.0);
    assert_eq!(a["forced"]["reason"], "bando regionale tardivo");
    assert_eq!(a["forced"]["by"], me().as_str());
    assert!(a["forced"]["at"].is_string(), "{a}");
    assert!(a["not_assessable"].is_null(), "{a}");
    let file = dir.path().join("piano.json");
    let exported = export(&db);
    std::fs::write(&file, &exported).unwrap();
    let other = dir.path().join("altro");
    import_into_empty(&other, file.to_str().unwrap());
    assert_eq!(export(&other), exported);
    // A backup restores it exactly.
    let backup = dir.path().join("backup.json");
    ok(&db, &["backup", "-o", backup.to_str().unwrap()]);
    ok(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(export(&db), exported);
}

#[test]
fn a_forced_value_counts_in_the_roll_up_and_a_non_valutabile_is_left_out_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = reporting_db(dir.path());
    // 50% and 100%: the mission's mean, of 2 of its 7 objectives.
    let line = mission_line(&db);
    assert!(line.contains("75% (media di 2 di 7 obiettivi)"), "{line}");
    ok(
        &db,
        &[
            "cycle",
            "advance",
            "--force",
            "--reason",
            "cause raccolte a parte",
        ],
    );
    ok(
        &db,
        &[
            "set",
            "05_1201_0201",
            "--forced",
            "80",
            "--reason",
            "bando regionale tardivo",
        ],
    );
    // 80 in place of 50, marked.
    let line = mission_line(&db);
    assert!(
        line.contains("90% (media di 2 di 7 obiettivi; 05_1201_0201: forzato)"),
        "{line}"
    );
    // The objective's own page says the value, the mark and the reason.
    let page = ok(&db, &["report", "--format", "md", "05_1201_0201"]);
    assert!(page.contains("80% (forzato)"), "{page}");
    assert!(
        page.contains("forzato dal validatore: 80% (avanzamento calcolato 50%) — motivo: bando regionale tardivo"),
        "{page}"
    );
    // The sheet: the forced number, and why in the coverage column.
    let csv = ok(&db, &["export", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.contains("05_1201_0201"))
        .unwrap()
        .to_string();
    assert!(row.contains(";80;"), "{row}");
    assert!(row.contains("forzato: bando regionale tardivo"), "{row}");
    // Non valutabile: out of the mean, named beside it.
    ok(
        &db,
        &[
            "set",
            "05_1201_0301",
            "--not-assessable",
            "--reason",
            "dati non disponibili",
        ],
    );
    let line = mission_line(&db);
    assert!(
        line.contains("80% (media di 1 di 7 obiettivi; 05_1201_0201: forzato; 05_1201_0301: n/v)"),
        "{line}"
    );
    let page = ok(&db, &["report", "--format", "md", "05_1201_0301"]);
    assert!(
        page.contains("n/v (non valutabile: dati non disponibili)"),
        "{page}"
    );
    // Forcing it clears the non valutabile (one answer at a time).
    ok(
        &db,
        &[
            "set",
            "05_1201_0301",
            "--forced",
            "100",
            "--reason",
            "dati arrivati",
        ],
    );
    let json = export_json(&db);
    let a = &json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "05_1201_0301")
        .unwrap()["assessment"];
    assert!(a["not_assessable"].is_null(), "{a}");
    assert_eq!(a["forced"]["value"], 100.0);
}

/// An import is held to the rule `set` is (GUIDE §8): a file writes no part
/// of the assessment the plan's state does not open, refused with `set`'s
/// own words, and writes the parts it opens.
#[test]
fn an_import_writes_only_the_parts_of_the_assessment_the_state_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = reporting_db(dir.path());
    let code = "05_1201_0201";
    let file = dir.path().join("piano.json");
    let import_with = |assessment: serde_json::Value| {
        let mut plan = export_json(&db);
        objective_in(&mut plan, code)["assessment"] = assessment;
        std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
        let path = file.to_str().unwrap();
        (
            run(&db, &["import", path, "--dry-run"]),
            run(&db, &["import", path]),
        )
    };
    // Consuntivo: the validator's answer is not open, to a file as to `set`.
    let before = export(&db);
    let said = "05_1201_0201: Raggiungimento forzato: si scrive solo nello stato \
                «Valutazione» (il piano è in «Consuntivo»)";
    assert_refused(
        &run(&db, &["set", code, "--forced", "90", "--reason", "deciso"]),
        said,
    );
    let forced = serde_json::json!({"forced": {"value": 90, "reason": "deciso"}});
    let (dry, real) = import_with(forced.clone());
    assert_refused(&dry, said);
    assert_refused(&real, said);
    assert_eq!(export(&db), before, "nothing changed");
    // The consuntivo's own parts go in, stamped with who imported them and
    // when, as `set` stamps them: a file says what, never who.
    let cause = serde_json::json!({"gap_cause": "external", "comment": "bando tardivo",
        "force_request": {"value": 80.0, "note": "ritardo", "by": "oiv", "at": "2020-01-01T00:00:00Z"}});
    let (dry, real) = import_with(cause.clone());
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    let mut plan = export_json(&db);
    let written = objective_in(&mut plan, code)["assessment"].clone();
    assert_eq!(
        (&written["gap_cause"], &written["comment"]),
        (&cause["gap_cause"], &cause["comment"])
    );
    let request = &written["force_request"];
    assert_eq!(
        (&request["value"], &request["by"]),
        (&cause["force_request"]["value"], &serde_json::json!(me()))
    );
    assert!(
        !request["at"].as_str().unwrap().starts_with("2020"),
        "{request}"
    );
    // Imported again as exported, nothing changes, who and when included.
    let (_, again) = import_with(written.clone());
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let mut plan = export_json(&db);
    assert_eq!(objective_in(&mut plan, code)["assessment"], written);
    // Valutazione: the cause is closed, the validator's answer open (no
    // roles serverless, nor through a server without a roles file).
    every_gap_cause_external(&db, dir.path());
    ok(&db, &["cycle", "advance"]);
    let (_, real) = import_with(serde_json::json!({"gap_cause": "internal"}));
    assert_refused(
        &real,
        "05_1201_0201: Causa dello scostamento: si scrive solo nello stato «Consuntivo» \
         (il piano è in «Valutazione»)",
    );
    let mut answered = export_json(&db);
    objective_in(&mut answered, code)["assessment"]["forced"] = forced["forced"].clone();
    let (_, real) = import_with(objective_in(&mut answered, code)["assessment"].clone());
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    let shown = ok(&db, &["report", "--format", "md", code]);
    assert!(shown.contains("90% (forzato)"), "{shown}");
}
