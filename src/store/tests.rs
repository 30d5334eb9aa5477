use std::path::Path;
use std::sync::Arc;

use super::rows::encode;
use super::*;
use crate::api::Draft;
use crate::model::edit::Change;
use crate::model::{Field, ObjectiveField, Phase, PhaseField, Value};

fn dataset() -> Dataset {
    let mut d = Dataset::with_mission("M1", "S1");
    d.plan.title = "DUP".into();
    for code in ["O2", "O1"] {
        let mut o = Objective::new(code, "S1");
        o.narratives.year1 = format!("Testo {code}");
        for name in ["A", "B"] {
            o.phases.push(Phase {
                name: format!("{code}-{name}"),
                ..Phase::default()
            });
        }
        d.objectives.push(o);
    }
    d
}

fn open(path: &Path) -> Store {
    Store::open(path, dataset).unwrap()
}

/// How many phases the objective's phases row holds (deleted ones must be
/// gone), as many as its objective row numbers.
fn phase_records(store: &Store, objective: &str) -> usize {
    let live = store.live();
    let row = live.phases.get(objective).unwrap();
    let held = row.map_or(0, |bytes| rows::phases_from_bytes(&bytes).unwrap().len());
    let row = live.objectives.get(objective).unwrap().unwrap();
    let numbered = ObjectiveRow::from_bytes(&row).unwrap().phase_ids.len();
    assert_eq!(held, numbered, "{objective}");
    held
}

fn set(
    store: &Store,
    code: &str,
    phase: usize,
    field: PhaseField,
    text: &str,
) -> Result<Objective, ServiceError> {
    let change = Change::parse(code, Some(phase), Field::Phase(field), text)
        .map_err(ServiceError::Refused)?;
    store
        .apply_at(code, &[change], "tester", None)
        .map(|v| v.objective)
}

#[test]
fn a_new_database_holds_the_initial_dataset_in_plan_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    assert_eq!(store.load().unwrap(), dataset());
}

#[test]
fn an_applied_edit_is_there_after_reopening_with_its_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        let o = set(&store, "O1", 1, PhaseField::Weight, "40,5").unwrap();
        assert_eq!(o.phases[1].weight, Some(40.5));
    }
    let store = Store::open(&path, Dataset::empty).unwrap();
    let o = store.objective("O1").unwrap().unwrap();
    assert_eq!(o.phases[1].weight, Some(40.5));
    assert_eq!(o.phases[0].weight, None);
    let history = store.history(Some("O1")).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.who, "tester");
    assert_eq!(
        (
            last.what.field.name().as_str(),
            last.what.phase,
            last.what.phase_name.as_deref()
        ),
        ("weight", Some(1), Some("O1-B"))
    );
    assert_eq!(
        (&last.what.old, &last.what.new),
        (&Value::Number(None), &Value::Number(Some(40.5)))
    );
}

#[test]
fn a_refused_edit_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    set(&store, "O1", 0, PhaseField::Progress, "20").unwrap();
    let before = store.load().unwrap();
    let audit_before = store.history(None).unwrap().len();
    assert!(matches!(
        set(&store, "O1", 0, PhaseField::Progress, "101"),
        Err(ServiceError::Refused(_))
    ));
    assert!(matches!(
        set(&store, "O1", 7, PhaseField::Progress, "1"),
        Err(ServiceError::Refused(_))
    ));
    assert!(matches!(
        set(&store, "NOPE", 0, PhaseField::Progress, "1"),
        Err(ServiceError::NoSuchObjective(_))
    ));
    assert_eq!(store.load().unwrap(), before);
    assert_eq!(store.history(None).unwrap().len(), audit_before);
}

#[test]
fn phases_added_and_deleted_keep_their_order_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        let add = Change::AddPhase {
            objective: "O2".into(),
            phase: 1,
            value: Phase {
                name: "O2-NEW".into(),
                ..Phase::default()
            },
        };
        let del = Change::DeletePhase {
            objective: "O2".into(),
            phase: 0,
        };
        store.apply_at("O2", &[add, del], "tester", None).unwrap();
        set(&store, "O2", 0, PhaseField::Notes, "nota").unwrap();
    }
    let store = Store::open(&path, Dataset::empty).unwrap();
    let o = store.objective("O2").unwrap().unwrap();
    let names: Vec<_> = o.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["O2-NEW", "O2-B"]);
    assert_eq!(o.phases[0].notes, "nota");
    // The deleted phase's record is gone, not just unlinked.
    assert_eq!(phase_records(&store, "O2"), 2);
}

#[test]
fn a_moved_phase_keeps_its_record_and_its_new_place_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        set(&store, "O2", 0, PhaseField::Notes, "nota di A").unwrap();
        let down = Change::MovePhase {
            objective: "O2".into(),
            from: 0,
            to: 1,
        };
        store.apply_at("O2", &[down], "tester", None).unwrap();
        // An edit after the move reaches the phase now at that place.
        set(&store, "O2", 0, PhaseField::Notes, "nota di B").unwrap();
    }
    let store = Store::open(&path, Dataset::empty).unwrap();
    let o = store.objective("O2").unwrap().unwrap();
    let phases: Vec<_> = o
        .phases
        .iter()
        .map(|p| (p.name.as_str(), p.notes.as_str()))
        .collect();
    assert_eq!(phases, [("O2-B", "nota di B"), ("O2-A", "nota di A")]);
    let history = store.history(Some("O2")).unwrap();
    let moved = &history[history.len() - 2].what;
    assert_eq!(
        (&moved.field, moved.phase, moved.phase_name.as_deref()),
        (&crate::model::applied::Part::Moved, Some(1), Some("O2-A"))
    );
    assert_eq!(phase_records(&store, "O2"), 2);
}

#[test]
fn import_upserts_by_code_and_leaves_the_rest_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    set(&store, "O2", 0, PhaseField::Weight, "30").unwrap();
    let mut incoming = dataset();
    incoming.objectives.remove(0); // O2 not in the file
    incoming.objectives[0].status = Some("Concluso".into());
    let mut o3 = Objective::new("O3", "S1");
    o3.phases.push(Phase {
        name: "X".into(),
        ..Phase::default()
    });
    incoming.objectives.push(o3);

    let report = store.plan_import(&incoming).unwrap();
    assert_eq!(
        report.objectives,
        [
            (
                "O1".to_string(),
                ObjectiveOutcome::Changed(vec!["status".into()])
            ),
            ("O3".to_string(), ObjectiveOutcome::Added)
        ]
    );
    store.import(&incoming, "tester").unwrap();
    let d = store.load().unwrap();
    let codes: Vec<_> = d.objectives.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(
        codes,
        ["O2", "O1", "O3"],
        "existing keep their place, new ones go last"
    );
    assert_eq!(d.objectives[0].phases[0].weight, Some(30.0), "O2 untouched");
    assert_eq!(d.objectives[1].status.as_deref(), Some("Concluso"));
    // Importing the same file again changes nothing.
    let again = store.import(&incoming, "tester").unwrap();
    assert!(!again.changes_anything());
    assert_eq!(store.load().unwrap(), d);
}

#[test]
fn a_second_open_of_the_same_database_is_refused_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let _first = open(&path);
    match Store::open(&path, dataset) {
        Err(OpenError::Locked(p)) => assert_eq!(p, path),
        Err(e) => panic!("expected Locked, got {e}"),
        Ok(_) => panic!("expected Locked, got a second store"),
    }
}

#[test]
fn foreign_directories_files_and_newer_versions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("a.jpg"), b"x").unwrap();
    assert!(matches!(
        Store::open(&foreign, dataset),
        Err(OpenError::NotADatabase(..))
    ));
    assert!(
        foreign.join("a.jpg").exists() && !foreign.join("conf").exists(),
        "nothing written there"
    );

    let file = dir.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    assert!(matches!(
        Store::open(&file, dataset),
        Err(OpenError::NotADatabase(..))
    ));

    // A sled database that is not ours.
    let other = dir.path().join("other");
    {
        let db = sled::open(&other).unwrap();
        db.insert(b"k", b"v").unwrap();
        db.flush().unwrap();
    }
    assert!(matches!(
        Store::open(&other, dataset),
        Err(OpenError::NotADatabase(..))
    ));

    // One of ours from a newer version.
    let newer = dir.path().join("newer");
    drop(open(&newer));
    {
        let db = sled::open(&newer).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert(b"schema_version", b"99")
            .unwrap();
        db.flush().unwrap();
    }
    match Store::open(&newer, dataset) {
        Err(e @ OpenError::NewerVersion { found: 99, .. }) => {
            crate::i18n::set_lang(crate::i18n::Lang::It);
            assert!(e.to_string().contains("Aggiorna obiettivi"), "{e}");
        }
        Err(e) => panic!("expected NewerVersion, got {e}"),
        Ok(_) => panic!("expected NewerVersion"),
    }
}

#[test]
fn an_empty_directory_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert_eq!(store.load().unwrap().objectives.len(), 2);
}

#[test]
fn replace_puts_exactly_the_new_plan_and_keeps_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    set(&store, "O1", 0, PhaseField::Weight, "10").unwrap();
    let mut other = dataset();
    other.objectives.remove(0);
    other.objectives[0].status = Some("Concluso".into());
    store.replace(&other, "tester").unwrap();
    assert_eq!(
        store.load().unwrap(),
        other,
        "O2 is gone, O1 is as in the file"
    );
    let with_phases = other.objectives.iter().filter(|o| !o.phases.is_empty());
    assert_eq!(
        store.live().phases.len(),
        with_phases.count(),
        "no orphan phases rows"
    );
    let history = store.history(Some("O1")).unwrap();
    assert!(
        history.iter().any(|e| e.what.field == "weight"),
        "the history survives"
    );
    assert_eq!(history.last().unwrap().what.field, "restore");
}

#[test]
fn drafts_are_kept_apart_from_the_narrative_until_discarded() {
    use crate::model::ObjectiveField::{Year1, Year2};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        store
            .save_draft(
                &crate::api::DraftOf::narrative("O1", Year2),
                "bozza in corso",
                "tester",
            )
            .unwrap();
    }
    let store = Store::open(&path, Dataset::empty).unwrap();
    let draft = store
        .draft(&crate::api::DraftOf::narrative("O1", Year2), "tester")
        .unwrap()
        .unwrap();
    assert_eq!(
        (draft.text.as_str(), draft.who.as_str()),
        ("bozza in corso", "tester")
    );
    assert_eq!(
        store
            .draft(&crate::api::DraftOf::narrative("O1", Year1), "tester")
            .unwrap(),
        None
    );
    assert_eq!(
        store.objective("O1").unwrap().unwrap().narratives.year2,
        "",
        "the published text is untouched"
    );
    store
        .discard_draft(&crate::api::DraftOf::narrative("O1", Year2), "tester")
        .unwrap();
    assert_eq!(
        store
            .draft(&crate::api::DraftOf::narrative("O1", Year2), "tester")
            .unwrap(),
        None
    );
}

#[test]
fn the_drafts_waiting_are_the_authors_own_that_differ_from_the_text() {
    use crate::model::ObjectiveField::{Year1, Year2};
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    assert_eq!(
        store.drafts("tester").unwrap(),
        [],
        "no directory yet: none"
    );
    store
        .save_draft(
            &crate::api::DraftOf::narrative("O1", Year2),
            "bozza",
            "tester",
        )
        .unwrap();
    let published = store.objective("O1").unwrap().unwrap().narratives.year1;
    store
        .save_draft(
            &crate::api::DraftOf::narrative("O1", Year1),
            &published,
            "tester",
        )
        .unwrap();
    store
        .save_draft(&crate::api::DraftOf::narrative("O1", Year1), "sua", "mario")
        .unwrap();
    // A stray file in the directory is not a draft.
    std::fs::write(
        super::drafts::directory(&dir.path().join("db")).join("x-y.json"),
        "{",
    )
    .unwrap();
    let waiting = store.drafts("tester").unwrap();
    let said: Vec<_> = waiting
        .iter()
        .map(|w| (w.of.clone(), w.draft.text.as_str()))
        .collect();
    assert_eq!(
        said,
        [(crate::api::DraftOf::narrative("O1", Year2), "bozza")],
        "year 1's is the published text; mario's is his"
    );
    assert_eq!(store.drafts("mario").unwrap()[0].draft.text, "sua");
}

/// A Relazione's text has drafts as a narrative has (listed first), and a
/// save made on a text a colleague has since replaced is refused, naming them.
#[test]
fn the_relazione_texts_have_drafts_and_refuse_a_save_on_an_older_text() {
    use crate::api::DraftOf;
    use crate::model::ObjectiveField::Year2;
    use crate::model::PlanText::{Contesto, Presentazione};
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let contesto = DraftOf::PlanText { which: Contesto };
    store
        .save_draft(&DraftOf::narrative("O1", Year2), "bozza", "tester")
        .unwrap();
    store
        .save_draft(&contesto, "contesto in corso", "tester")
        .unwrap();
    let waiting: Vec<_> = (store.drafts("tester").unwrap().into_iter())
        .map(|w| (w.of, w.draft.text))
        .collect();
    assert_eq!(
        waiting,
        [
            (contesto.clone(), "contesto in corso".to_string()),
            (DraftOf::narrative("O1", Year2), "bozza".to_string())
        ]
    );
    assert_eq!(
        store.draft(&contesto, "mario").unwrap(),
        None,
        "tester's alone"
    );
    // Published, the draft is no longer waiting.
    store
        .set_plan_text(Contesto, "contesto in corso", Some(""), "tester")
        .unwrap();
    assert_eq!(store.drafts("tester").unwrap().len(), 1);
    store.discard_draft(&contesto, "tester").unwrap();
    assert_eq!(store.draft(&contesto, "tester").unwrap(), None);
    // Anna writes the presentazione; a save made on the empty text is refused.
    store
        .set_plan_text(Presentazione, "di Anna", None, "anna")
        .unwrap();
    match store.set_plan_text(Presentazione, "mio", Some(""), "tester") {
        Err(ServiceError::TextOutdated(c)) => {
            assert_eq!(
                (c.current.as_str(), c.by.as_deref()),
                ("di Anna", Some("anna"))
            );
            assert!(c.at.is_some());
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.plan().unwrap().texts.presentazione, "di Anna");
    // Made on hers, it goes.
    store
        .set_plan_text(Presentazione, "mio", Some("di Anna"), "tester")
        .unwrap();
    assert_eq!(store.plan().unwrap().texts.presentazione, "mio");
}

#[test]
fn snapshots_keep_the_plan_as_it_was_and_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        let info = store
            .create_snapshot("Monitoraggio 30/06/2026", "anna")
            .unwrap();
        assert_eq!((info.objectives, info.who.as_str()), (2, "anna"));
        assert!(matches!(
            store.create_snapshot("Monitoraggio 30/06/2026", "anna"),
            Err(ServiceError::SnapshotExists(_))
        ));
        assert!(matches!(
            store.create_snapshot("  ", "anna"),
            Err(ServiceError::BadName)
        ));
        set(&store, "O1", 0, PhaseField::Weight, "40").unwrap();
        store.create_snapshot("Dopo", "anna").unwrap();
    }
    let store = open(&path);
    let names: Vec<String> = store
        .snapshots()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Monitoraggio 30/06/2026", "Dopo"]);
    let before = store.snapshot("Monitoraggio 30/06/2026").unwrap();
    let o1 = |d: &Dataset| d.objectives.iter().find(|o| o.code == "O1").unwrap().phases[0].weight;
    assert_eq!(o1(&before), None);
    assert_eq!(o1(&store.snapshot("Dopo").unwrap()), Some(40.0));
    // Each keeps the hash of the plan it holds; two different plans, two hashes.
    let listed = store.snapshots().unwrap();
    for info in &listed {
        let held = crate::io::digest::sha256(&store.snapshot(&info.name).unwrap());
        assert_eq!(info.sha256, held, "{}", info.name);
    }
    assert_ne!(listed[0].sha256, listed[1].sha256);
    store.delete_snapshot("Dopo").unwrap();
    assert!(matches!(
        store.snapshot("Dopo"),
        Err(ServiceError::NoSuchSnapshot(_))
    ));
    assert!(matches!(
        store.delete_snapshot("Dopo"),
        Err(ServiceError::NoSuchSnapshot(_))
    ));
    assert_eq!(store.snapshots().unwrap().len(), 1);
}

#[test]
fn a_snapshot_kept_before_hashes_is_listed_with_the_hash_of_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let info = store.create_snapshot("Vecchia", "anna").unwrap();
    // The header as an older version wrote it: no hash.
    let old = crate::api::SnapshotInfo {
        sha256: String::new(),
        ..info.clone()
    };
    store
        .snapshots
        .insert("Vecchia".as_bytes(), encode(&old))
        .unwrap();
    assert_eq!(store.snapshots().unwrap(), vec![info]);
}

#[test]
fn a_review_records_marks_with_comments_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        assert!(matches!(
            store.start_review(Some("nessuna"), "anna"),
            Err(ServiceError::NoSuchSnapshot(_))
        ));
        store.create_snapshot("S", "anna").unwrap();
        let r = store.start_review(Some("S"), "anna").unwrap();
        assert_eq!(r.id, 1);
        store.mark_reviewed(1, "O2", "ok", "anna").unwrap();
        store.mark_reviewed(1, "O1", "", "mario").unwrap();
        store
            .mark_reviewed(1, "O2", " in ritardo ", "anna")
            .unwrap();
        assert_eq!(store.start_review(None, "anna").unwrap().id, 2);
    }
    let store = open(&path);
    let r = store.review(1).unwrap();
    assert_eq!(r.snapshot.as_deref(), Some("S"));
    let marks: Vec<(&str, &str, &str)> = r
        .marks
        .iter()
        .map(|m| (m.code.as_str(), m.who.as_str(), m.comment.as_str()))
        .collect();
    assert_eq!(marks, [("O2", "anna", "in ritardo"), ("O1", "mario", "")]);
    assert_eq!(store.reviews().unwrap().len(), 2);
    assert!(matches!(
        store.review(9),
        Err(ServiceError::NoSuchReview(9))
    ));
}

#[test]
fn a_mark_records_the_version_it_saw_and_a_later_change_shows() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let before = store.versioned("O1").unwrap().unwrap();
    store.start_review(None, "anna").unwrap();
    let review = store.mark_reviewed(1, "O1", "", "anna").unwrap();
    let mark = review.mark("O1").unwrap();
    assert_eq!(mark.version, Some(before.version));
    assert!(!mark.changed_since(&before.objective));
    let after = set(&store, "O1", 0, PhaseField::Progress, "55").unwrap();
    assert!(mark.changed_since(&after), "changed after the mark");
    // Marked again, it is what the meeting saw now.
    let review = store.mark_reviewed(1, "O1", "", "anna").unwrap();
    assert_eq!(review.mark("O1").unwrap().version, Some(before.version + 1));
    assert!(!review.mark("O1").unwrap().changed_since(&after));
}

#[test]
fn history_comes_in_pages_that_stay_small_however_long_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
    for i in 0..30 {
        store
            .apply_at(
                "05_1201_0601",
                &[Change::SetObjective {
                    objective: "05_1201_0601".into(),
                    field: ObjectiveField::Year1,
                    value: Value::Text(format!("{i} ").repeat(30_000)),
                }],
                "tester",
                None,
            )
            .unwrap();
    }
    let whole = store.history(Some("05_1201_0601")).unwrap();
    let (mut paged, mut after, mut pages) = (Vec::new(), None, 0);
    loop {
        let page = store
            .history_page(
                &HistoryFilter::of(Some("05_1201_0601")),
                after,
                500,
                1024 * 1024,
            )
            .unwrap();
        assert!(!page.entries.is_empty());
        let bytes: usize = page
            .entries
            .iter()
            .map(|e| serde_json::to_vec(e).unwrap().len())
            .sum();
        // At most one entry past the budget: each entry is ~2 × 80 KB of text.
        assert!(bytes < 1024 * 1024 + 400_000, "{bytes}");
        paged.extend(page.entries);
        pages += 1;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert!(pages > 1, "{pages}");
    assert_eq!(paged, whole);
}

/// A database the version before indicators wrote (schema 1: objective rows
/// without `indicators`) opens with this one: migrated, after a backup, with
/// its history, drafts, monitoring snapshots and reviews.
#[test]
fn a_schema_1_database_is_migrated_on_open_and_keeps_everything() {
    an_older_database_is_migrated_on_open_and_keeps_everything(1);
}

/// The same of schema 2 (indicators, but no outline and search records).
#[test]
fn a_schema_2_database_is_migrated_on_open_and_keeps_everything() {
    an_older_database_is_migrated_on_open_and_keeps_everything(2);
}

/// The same of schema 3 (no index of the audit log by objective): built on
/// open, so that one objective's history and conflicts need not scan the log.
#[test]
fn a_schema_3_database_is_migrated_on_open_and_keeps_everything() {
    an_older_database_is_migrated_on_open_and_keeps_everything(3);
}

/// The same of schema 5 (one plan, JSON rows): into plan 1, compact rows.
#[test]
fn a_schema_5_database_is_migrated_on_open_and_keeps_everything() {
    an_older_database_is_migrated_on_open_and_keeps_everything(5);
}

fn an_older_database_is_migrated_on_open_and_keeps_everything(schema: u32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let before = {
        let store = Store::open(&path, crate::io::shipped).unwrap();
        set(&store, "05_1201_0601", 0, PhaseField::Weight, "40").unwrap();
        store
            .save_draft(
                &crate::api::DraftOf::narrative("05_1201_0601", ObjectiveField::Year1),
                "bozza",
                "anna",
            )
            .unwrap();
        store.create_snapshot("Monitoraggio", "anna").unwrap();
        let review = store.start_review(Some("Monitoraggio"), "anna").unwrap();
        store
            .mark_reviewed(review.id, "05_1201_0601", "visto", "anna")
            .unwrap();
        let before = (
            store.load().unwrap(),
            store.history(None).unwrap(),
            store.reviews().unwrap(),
        );
        drop(store);
        before
    };
    // Back to how that schema wrote it: one plan under the bare tree names,
    // JSON rows; before 5 the outline without the verdict (rebuilt all the
    // same), before 4 no audit index and drafts in sled, before 3 no outline
    // or search records, before 2 no `indicators` in the objective rows.
    super::schema5::write_back(&path).unwrap();
    let db = super::open::sled_at(&path).unwrap();
    let objectives = db.open_tree("objectives").unwrap();
    for item in objectives.iter().filter(|_| schema < 2) {
        let (key, value) = item.unwrap();
        let mut row: serde_json::Value = serde_json::from_slice(&value).unwrap();
        row["objective"]
            .as_object_mut()
            .unwrap()
            .remove("indicators");
        objectives
            .insert(key, serde_json::to_vec(&row).unwrap())
            .unwrap();
    }
    for tree in ["outline", "search"].into_iter().filter(|_| schema < 3) {
        db.drop_tree(tree).unwrap();
    }
    if schema < 4 {
        db.drop_tree(super::audit_index::TREE).unwrap();
        // Drafts were in sled, keyed `code 0x00 field 0x00 who`.
        std::fs::remove_dir_all(super::drafts::directory(&path)).unwrap();
        let draft = Draft {
            text: "bozza".into(),
            at: now(),
            who: "anna".into(),
        };
        let drafts = db.open_tree("drafts").unwrap();
        drafts
            .insert(b"05_1201_0601\0narratives.year1\0anna", encode(&draft))
            .unwrap();
        // and before that `code 0x00 field`, the author in the draft only.
        let legacy = Draft {
            text: "bozza di mario".into(),
            who: "mario".into(),
            ..draft
        };
        drafts
            .insert(b"05_1201_0601\0narratives.year2", encode(&legacy))
            .unwrap();
    }
    let meta = db.open_tree("meta").unwrap();
    meta.insert(b"schema_version", schema.to_string().as_bytes())
        .unwrap();
    db.flush().unwrap();
    drop((objectives, meta, db));
    let store = Store::open(&path, Dataset::empty).unwrap();
    assert_eq!(
        store
            .global
            .get(b"schema_version")
            .unwrap()
            .unwrap()
            .as_ref(),
        SCHEMA_VERSION.to_string().as_bytes()
    );
    assert_eq!(store.load().unwrap(), before.0);
    // Every objective has its outline and search records.
    let summaries: Vec<_> = store
        .outline_rows()
        .unwrap()
        .into_iter()
        .map(|r| r.summary)
        .collect();
    assert_eq!(summaries, crate::model::summary::Summary::all(&before.0));
    let hits = store.search("bozza", true).unwrap();
    assert!(hits.is_empty(), "a draft is not the narrative: {hits:?}");
    let title = &before.0.objectives[3].operational_objective;
    let hits = store.search(title, false).unwrap();
    assert!(
        hits.iter().any(|h| h.code == before.0.objectives[3].code),
        "{hits:?}"
    );
    assert_eq!(store.history(None).unwrap(), before.1);
    // One objective's history and its last writer, through the index built.
    let code = "05_1201_0601";
    let of_code: Vec<_> = before
        .1
        .iter()
        .filter(|e| e.what.objective == code)
        .cloned()
        .collect();
    assert_eq!(of_code.len(), 2, "created, then weighed: {of_code:?}");
    assert_eq!(store.history(Some(code)).unwrap(), of_code);
    let version = store.versioned(code).unwrap().unwrap().version;
    match store.conflict(code, version) {
        Ok(ServiceError::Outdated(c)) => assert_eq!(c.at, Some(of_code[1].at)),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.reviews().unwrap(), before.2);
    assert_eq!(store.snapshots().unwrap().len(), 1);
    assert_eq!(
        store
            .draft(
                &crate::api::DraftOf::narrative("05_1201_0601", ObjectiveField::Year1),
                "anna"
            )
            .unwrap()
            .unwrap()
            .text,
        "bozza"
    );
    let backups = crate::io::snapshot::list(&path).unwrap();
    assert!(
        backups.iter().any(|(p, _)| p
            .to_string_lossy()
            .ends_with(&format!("-schema{schema}.json"))),
        "{backups:?}"
    );
    // The migration also ran on the check's copy (see recovery): nothing of it is left.
    let mut beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["db", "db.drafts", "db.snapshots"]);
    // Into plan 1's trees, the default, alone beside the database's own.
    assert_eq!(store.plans().unwrap().len(), 1);
    assert!(store.plans().unwrap()[0].default);
    let names = store.db.tree_names();
    assert!(
        names.iter().all(|n| super::space::plan_of(n) == Some(1)
            || [b"meta".as_slice(), b"plans", b"__sled__default"].contains(&n.as_ref())),
        "{names:?}"
    );
    // The drafts left sled for their own files.
    if schema < 4 {
        let mario = store.draft(
            &crate::api::DraftOf::narrative("05_1201_0601", ObjectiveField::Year2),
            "mario",
        );
        assert_eq!(mario.unwrap().unwrap().text, "bozza di mario");
    }
    assert_eq!(
        crate::files::Access::of(&super::drafts::directory(&path)),
        crate::files::Access::Private
    );
}

/// A database of schema 6 (a row a phase) with two plans, history, a
/// draft, a snapshot and a review opens with this one: after a backup of
/// both plans, each plan's phases one row an objective, every value kept,
/// the old rows gone.
#[test]
fn a_schema_6_database_of_two_plans_is_migrated_on_open_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let code = "05_1201_0601";
    let before = {
        let store = Arc::new(Store::open(&path, crate::io::shipped).unwrap());
        set(&store, code, 0, PhaseField::Weight, "40").unwrap();
        let of = crate::api::DraftOf::narrative(code, ObjectiveField::Year1);
        store.save_draft(&of, "bozza", "anna").unwrap();
        store.create_snapshot("Monitoraggio", "anna").unwrap();
        let review = store.start_review(Some("Monitoraggio"), "anna").unwrap();
        store
            .mark_reviewed(review.id, code, "visto", "anna")
            .unwrap();
        let title = store.plan().unwrap().title;
        store.new_plan("DUP 2", 2027, Some(&title), "anna").unwrap();
        let next = store.open_beside(Some("DUP 2")).unwrap();
        set(&next, code, 1, PhaseField::Notes, "nel piano nuovo").unwrap();
        let plans = [store.load().unwrap(), next.load().unwrap()];
        assert_ne!(plans[0], plans[1]);
        (
            plans,
            store.history(None).unwrap(),
            store.reviews().unwrap(),
        )
    };
    super::schema5::write_back_to_6(&path).unwrap();
    let phase_rows = |store: &Store| {
        let live = store.live();
        let keys: Vec<_> = live.phases.iter().keys().map(Result::unwrap).collect();
        keys.len()
    };
    let store = Arc::new(Store::open(&path, Dataset::empty).unwrap());
    assert_eq!(
        store
            .global
            .get(b"schema_version")
            .unwrap()
            .unwrap()
            .as_ref(),
        b"7".as_slice()
    );
    assert_eq!(store.load().unwrap(), before.0[0]);
    let next = store.open_beside(Some("DUP 2")).unwrap();
    assert_eq!(next.load().unwrap(), before.0[1]);
    for (store, plan) in [(&store, &before.0[0]), (&next, &before.0[1])] {
        let with_phases = plan.objectives.iter().filter(|o| !o.phases.is_empty());
        assert_eq!(phase_rows(store), with_phases.count(), "a row an objective");
        assert_eq!(
            store.objective(code).unwrap().as_ref(),
            plan.objectives.iter().find(|o| o.code == code)
        );
    }
    assert_eq!(store.history(None).unwrap(), before.1);
    assert_eq!(store.reviews().unwrap(), before.2);
    assert_eq!(store.snapshots().unwrap().len(), 1);
    let of = crate::api::DraftOf::narrative(code, ObjectiveField::Year1);
    assert_eq!(store.draft(&of, "anna").unwrap().unwrap().text, "bozza");
    // One backup of both plans, taken first.
    let backups = crate::io::snapshot::list(&path).unwrap();
    let backup = backups
        .iter()
        .find(|(p, _)| p.to_string_lossy().ends_with("-schema6.json"))
        .expect("a backup of schema 6");
    let text = std::fs::read_to_string(&backup.0).unwrap();
    let (plan, others) = crate::io::backup::parse(&text).unwrap();
    assert_eq!(
        (plan, others),
        (before.0[0].clone(), vec![before.0[1].clone()])
    );
    // Each plan's objectives' trees of one generation, the one in use.
    let names = store.db.tree_names();
    let phases = names
        .iter()
        .filter(|n| n.ends_with(b"phases") || n.windows(7).any(|w| w == b"phases."));
    assert_eq!(phases.count(), 2, "{names:?}");
    assert!(!store.global.contains_key(b"old_generations").unwrap());
}

/// Issue 24 item 5: one objective's history and its last writer come from
/// the index by objective, and are the log's entries of that objective alone.
#[test]
fn one_objectives_history_and_last_writer_are_its_entries_among_others() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
    let codes = ["05_1201_0601", "05_1201_0201"];
    for i in 0..12 {
        let code = codes[i % 2];
        let who = format!("user{i}");
        set(&store, code, 0, PhaseField::Progress, &i.to_string()).unwrap();
        let status = Change::SetObjective {
            objective: code.into(),
            field: ObjectiveField::Status,
            value: Value::OptText(Some(format!("s{i}"))),
        };
        store.apply_at(code, &[status], &who, None).unwrap();
    }
    let whole = store.history(None).unwrap();
    for code in codes {
        let expected: Vec<_> = whole
            .iter()
            .filter(|e| e.what.objective == code)
            .cloned()
            .collect();
        assert_eq!(expected.len(), 13, "created, then 6 × 2 changes");
        assert_eq!(store.history(Some(code)).unwrap(), expected);
        let (mut paged, mut after) = (Vec::new(), None);
        loop {
            let page = store
                .history_page(&HistoryFilter::of(Some(code)), after, 5, usize::MAX)
                .unwrap();
            assert!(page.entries.len() <= 5);
            paged.extend(page.entries);
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(paged, expected);
        let version = store.versioned(code).unwrap().unwrap().version;
        match store.apply_at(code, &[], "late", Some(version - 1)) {
            Err(ServiceError::Outdated(c)) => {
                assert_eq!(c.by, Some(expected[12].who.clone()));
            }
            other => panic!("{other:?}"),
        }
    }
}

/// Issue 28: a filtered history (who, since, which objective) comes in pages
/// of only its entries; each page starts after the last entry read, kept or
/// not, so none is skipped or repeated.
#[test]
fn a_filtered_history_comes_in_pages_of_its_entries_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
    for i in 0..9 {
        let code = ["05_1201_0601", "05_1201_0201"][i % 2];
        let status = Change::SetObjective {
            objective: code.into(),
            field: ObjectiveField::Status,
            value: Value::OptText(Some(format!("s{i}"))),
        };
        let who = ["anna", "mario", "anna"][i % 3];
        store.apply_at(code, &[status], who, None).unwrap();
    }
    let whole = store.history(None).unwrap();
    let today = whole.last().unwrap().at.date_naive();
    let filters = [
        HistoryFilter {
            user: Some("anna".into()),
            ..HistoryFilter::default()
        },
        HistoryFilter {
            code: Some("05_1201_0601".into()),
            user: Some("mario".into()),
            ..HistoryFilter::default()
        },
        HistoryFilter {
            since: today.succ_opt(),
            ..HistoryFilter::default()
        },
    ];
    for filter in filters {
        let expected: Vec<_> = whole
            .iter()
            .filter(|e| filter.keeps(e))
            .filter(|e| filter.code.as_ref().is_none_or(|c| *c == e.what.objective))
            .cloned()
            .collect();
        let (mut paged, mut after) = (Vec::new(), None);
        loop {
            let page = store.history_page(&filter, after, 2, usize::MAX).unwrap();
            assert!(page.entries.len() <= 2);
            paged.extend(page.entries);
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(paged, expected, "{filter:?}");
    }
    let by = |user: &str| whole.iter().filter(|e| e.who == user).count();
    assert_eq!((by("anna"), by("mario")), (6, 3));
}

/// GUIDE §10: a `plan new` killed before the switch that enters the plan
/// in the registry left trees and no plan; the next one drops them first,
/// and the plan it makes holds only what it wrote.
#[test]
fn a_plan_new_killed_before_its_switch_leaves_no_plan_and_the_next_starts_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = open(&path);
        // What the killed one wrote: an objective under plan 2's trees.
        let killed = store.sibling(2, None).unwrap();
        let stray = ObjectiveRow {
            pos: 0,
            version: 1,
            phase_ids: Vec::new(),
            objective: Objective::new("STRAY", "S1"),
        };
        killed
            .live()
            .objectives
            .insert("STRAY", stray.to_bytes())
            .unwrap();
        assert_eq!(
            store.plans().unwrap().len(),
            1,
            "no plan without its switch"
        );
        store.new_plan("DUP 2", 2027, Some("DUP"), "anna").unwrap();
    }
    let next = Store::open_plan(&path, dataset, Some("DUP 2")).unwrap();
    let codes: Vec<_> = next
        .load()
        .unwrap()
        .objectives
        .into_iter()
        .map(|o| o.code)
        .collect();
    assert_eq!(codes, ["O2", "O1"]);
    assert!(
        next.load()
            .unwrap()
            .objectives
            .iter()
            .all(|o| o.narratives.year1.is_empty())
    );
    let entries = next.plans().unwrap();
    assert_eq!(
        entries
            .iter()
            .map(|e| (e.id, e.title.as_str(), e.default))
            .collect::<Vec<_>>(),
        [(1, "DUP", true), (2, "DUP 2", false)]
    );
}
