//! The migrations killed at random moments (issues 17, 19, 24 and 29): a
//! database an older version wrote (schema 1, before indicators; schema 2,
//! before the outline and search records; schema 3, before the audit index;
//! schema 4, before the verdict in the outline; schema 5, one plan in JSON
//! rows before plans had trees of their own; schema 6, a row a phase), with
//! history, a draft, a monitoring snapshot and a review, is opened by the binary, which is killed with SIGKILL after a
//! random delay; each time the database left behind is the old one or the new
//! one — every record as it was, the schema version the old or the current
//! one, never anything else — and the next open is not refused, migrates it
//! and shows every value.
//!
//! `OBIETTIVI_MIGRATION_KILLS=N` runs N kills of each (default 20).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use obiettivi::dev::synthetic::{Rng, Spec, generate};
use obiettivi::model::{Change, ObjectiveField, PhaseField, Value};
use obiettivi::store::Store;

const CODE: &str = "05_1201_0601";

fn kills() -> usize {
    std::env::var("OBIETTIVI_MIGRATION_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// sled opened directly, waiting a moment for a lock a store of this process just let go.
fn raw_sled(path: &Path) -> sled::Db {
    for _ in 0..100 {
        match sled::open(path) {
            Ok(db) => return db,
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    panic!("sled would not open {}", path.display());
}

/// Every tree of a database, key → value, as sled holds it.
type Trees = BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, Vec<u8>>>;

fn trees(db: &sled::Db) -> Trees {
    db.tree_names()
        .into_iter()
        .map(|name| {
            let tree = db.open_tree(&name).unwrap();
            let rows = tree
                .iter()
                .map(|kv| {
                    let (k, v) = kv.unwrap();
                    (k.to_vec(), v.to_vec())
                })
                .collect();
            (name.to_vec(), rows)
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The database at `from` to `to`, with its drafts' directory (schema 4 on).
fn copy_database(from: &Path, to: &Path) {
    copy_tree(from, to);
    let drafts =
        |db: &Path| db.with_file_name(format!("{}.drafts", db.file_name().unwrap().display()));
    if drafts(from).exists() {
        copy_tree(&drafts(from), &drafts(to));
    }
}

/// What the database at `path` holds, read on a copy (so that sled's own
/// recovery writes nothing into it), with sled's unfinished snapshots left
/// out as the application leaves them out (store::recovery).
fn read_on_a_copy(path: &Path, scratch: &Path) -> Trees {
    let _ = std::fs::remove_dir_all(scratch);
    copy_tree(path, scratch);
    for entry in std::fs::read_dir(scratch).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(scratch.join(name)).unwrap();
        }
    }
    let db = raw_sled(scratch);
    let out = trees(&db);
    drop(db);
    let _ = std::fs::remove_dir_all(scratch);
    out
}

fn schema_version(trees: &Trees) -> String {
    let meta = &trees[b"meta".as_slice()];
    String::from_utf8(meta[b"schema_version".as_slice()].clone()).unwrap()
}

/// Which trees differ between `a` and `b`, and how: for a failure's message.
fn differences(a: &Trees, b: &Trees) -> String {
    let names: std::collections::BTreeSet<_> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for name in names {
        let (x, y) = (a.get(name), b.get(name));
        if x == y {
            continue;
        }
        let keys = |t: Option<&BTreeMap<Vec<u8>, Vec<u8>>>| {
            t.map(|t| t.keys().cloned().collect::<std::collections::BTreeSet<_>>())
        };
        let (kx, ky) = (keys(x).unwrap_or_default(), keys(y).unwrap_or_default());
        let differ = kx
            .intersection(&ky)
            .filter(|k| x.unwrap()[*k] != y.unwrap()[*k]);
        out.push(format!(
            "{}: {:?} rows against {:?}, {} only in the first, {} only in the second, {} differing ({:?})",
            String::from_utf8_lossy(name),
            x.map(BTreeMap::len),
            y.map(BTreeMap::len),
            kx.difference(&ky).count(),
            ky.difference(&kx).count(),
            differ.clone().count(),
            differ.take(2).map(|k| String::from_utf8_lossy(k).into_owned()).collect::<Vec<_>>()
        ));
    }
    out.join("; ")
}

/// Whether a tree is of schema 6's layout: the database's own or a plan's.
fn of_schema_6(name: &[u8]) -> bool {
    name == b"plans" || name == b"meta" || (name.starts_with(b"p") && name.contains(&b'/'))
}

/// The old layout's trees without the schema version and the records a
/// migration builds anew or moves (outline and search, the audit index,
/// drafts out of sled): what must never change until the migration switches.
fn records(mut trees: Trees) -> Trees {
    trees.retain(|name, _| name == b"meta" || !of_schema_6(name));
    if let Some(meta) = trees.get_mut(b"meta".as_slice()) {
        meta.remove(b"schema_version".as_slice());
    }
    trees.remove(b"outline".as_slice());
    trees.remove(b"search".as_slice());
    trees.remove(b"audit_index".as_slice());
    // Drafts move to their own files (schema 4): `assert_the_rest_is_there`.
    trees.remove(b"drafts".as_slice());
    trees
}

/// The new layout's trees: what a migration writes, the same however it got there.
fn migrated_records(mut trees: Trees) -> Trees {
    trees.retain(|name, _| of_schema_6(name));
    in_use(trees)
}

/// The kinds of a plan's trees that come in generations.
const GENERATION_KINDS: [&str; 4] = ["objectives", "phases", "outline", "search"];

/// A plan's trees of schema 6 and after as the application reads them:
/// those of the generation in use under their kind's name (`p1/phases`),
/// the others' (an import or a migration killed before its switch, or the
/// old generation after it) left out, and the database's note that old
/// generations are still to be dropped (`store::migrate`) too.
fn in_use(trees: Trees) -> Trees {
    let live = |plan: &str| {
        let meta = trees.get(format!("{plan}/meta").as_bytes());
        let live = meta.and_then(|m| m.get(b"live".as_slice()));
        live.map_or(0, |b| u64::from_be_bytes(b[..].try_into().unwrap()))
    };
    let mut out = Trees::new();
    for (name, rows) in &trees {
        let text = String::from_utf8_lossy(name).into_owned();
        let Some((plan, kind)) = text.split_once('/') else {
            let mut rows = rows.clone();
            rows.remove(b"old_generations".as_slice());
            out.insert(name.clone(), rows);
            continue;
        };
        let (bare, generation) = match kind.split_once('.') {
            Some((bare, n)) => (bare, n.parse::<u64>().unwrap()),
            None => (kind, 0),
        };
        if !GENERATION_KINDS.contains(&bare) {
            out.insert(name.clone(), rows.clone());
        } else if generation == live(plan) {
            out.insert(format!("{plan}/{bare}").into_bytes(), rows.clone());
        }
    }
    out
}

/// What must not change until a migration of schema 6 switches: every
/// tree as the application reads it, but the schema version.
fn records_of_6(trees: Trees) -> Trees {
    let mut trees = in_use(trees);
    trees
        .get_mut(b"meta".as_slice())
        .unwrap()
        .remove(b"schema_version".as_slice());
    trees
}

/// A database of `schema` at `dir/template`: the shipped plan and a synthetic
/// one (so that loading and backing up take a while), a changed weight in the
/// history, a draft, a monitoring snapshot and a review; then laid out as
/// that version left it (`store::schema5`, then before 4 no audit index and
/// the draft in sled, before 3 no outline or search records, before 5 an
/// outline without the verdict, before 2 no `indicators` in the objective
/// rows), and its version. Also what the application showed of it first.
fn older_database(dir: &Path, schema: u32) -> (PathBuf, (String, String)) {
    let path = dir.join(format!("template{schema}"));
    {
        let store = Store::open(&path, obiettivi::io::shipped).unwrap();
        let mut synthetic = generate(&Spec {
            objectives: 200,
            phases: 4,
            seed: 11,
        });
        for o in &mut synthetic.objectives {
            o.indicators.clear();
        }
        store.import(&synthetic, "anna").unwrap();
        let weight = Change::SetPhase {
            objective: CODE.into(),
            phase: 0,
            field: PhaseField::Weight,
            value: Value::Number(Some(40.0)),
        };
        store.apply_at(CODE, &[weight], "anna", None).unwrap();
        store
            .save_draft(
                &obiettivi::api::DraftOf::narrative(CODE, ObjectiveField::Year1),
                "bozza",
                "anna",
            )
            .unwrap();
        store.create_snapshot("Monitoraggio", "anna").unwrap();
        let review = store.start_review(Some("Monitoraggio"), "anna").unwrap();
        store
            .mark_reviewed(review.id, CODE, "visto", "anna")
            .unwrap();
    }
    let before = shown(&path);
    if schema == 6 {
        obiettivi::store::schema5::write_back_to_6(&path).unwrap();
        return (path, before);
    }
    obiettivi::store::schema5::write_back(&path).unwrap();
    let db = raw_sled(&path);
    if schema < 4 {
        // Drafts were in sled (`code 0x00 field 0x00 who`), not in files.
        let drafts = path.with_file_name(format!("template{schema}.drafts"));
        std::fs::remove_dir_all(drafts).unwrap();
        let draft = obiettivi::api::Draft {
            text: "bozza".into(),
            at: chrono::Local::now().fixed_offset(),
            who: "anna".into(),
        };
        db.open_tree("drafts")
            .unwrap()
            .insert(
                format!("{CODE}\0narratives.year1\0anna"),
                serde_json::to_vec(&draft).unwrap(),
            )
            .unwrap();
        db.drop_tree("audit_index").unwrap();
    }
    let meta = db.open_tree("meta").unwrap();
    for name in ["outline", "search"].iter().filter(|_| schema < 3) {
        db.drop_tree(name).unwrap();
    }
    // Before 5 a summary ended before the assessment's verdict (two empty
    // options, a byte each in postcard).
    let outline = db.open_tree("outline").unwrap();
    for kv in outline.iter().filter(|_| (3..5).contains(&schema)) {
        let (key, value) = kv.unwrap();
        assert!(value.ends_with(&[0, 0]), "the layout this test knows");
        outline.insert(key, &value[..value.len() - 2]).unwrap();
    }
    let objectives = db.open_tree("objectives").unwrap();
    assert!(!objectives.is_empty(), "the layout this test knows");
    for kv in objectives.iter().filter(|_| schema < 2) {
        let (key, value) = kv.unwrap();
        let mut row: serde_json::Value = serde_json::from_slice(&value).unwrap();
        let removed = row["objective"]
            .as_object_mut()
            .expect("an objective row holds its objective")
            .remove("indicators");
        assert!(removed.is_some(), "the layout this test knows");
        objectives
            .insert(key, serde_json::to_vec(&row).unwrap())
            .unwrap();
    }
    meta.insert(b"schema_version", schema.to_string().as_bytes())
        .unwrap();
    db.flush().unwrap();
    drop(db);
    (path, before)
}

/// What `export` and `history` print for the database: every value and every change.
fn shown(db: &Path) -> (String, String) {
    let export = run_plain(db, &["export"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let history = run_plain(db, &["history"]);
    assert_eq!(history.status.code(), Some(0), "{}", stderr(&history));
    (stdout(&export), stdout(&history))
}

/// The draft, the snapshot and the review, through the store as the application reads them.
fn assert_the_rest_is_there(db: &Path) {
    let store = Store::open(db, obiettivi::model::Dataset::empty).unwrap();
    let draft = store
        .draft(
            &obiettivi::api::DraftOf::narrative(CODE, ObjectiveField::Year1),
            "anna",
        )
        .unwrap();
    assert_eq!(draft.map(|d| d.text).as_deref(), Some("bozza"));
    assert_eq!(store.snapshots().unwrap().len(), 1);
    let reviews = store.reviews().unwrap();
    assert_eq!(reviews.len(), 1);
}

#[test]
fn a_migration_from_schema_1_killed_at_any_moment_leaves_the_old_or_the_new_database() {
    killed_migrations(1);
}

#[test]
fn a_migration_from_schema_2_killed_at_any_moment_leaves_the_old_or_the_new_database() {
    killed_migrations(2);
}

#[test]
fn a_migration_from_schema_3_killed_at_any_moment_leaves_the_old_or_the_new_database() {
    killed_migrations(3);
}

#[test]
fn a_migration_from_schema_4_killed_at_any_moment_leaves_the_old_or_the_new_database() {
    killed_migrations(4);
}

/// Schema 5 → 6: the plan into plan 1's trees, objective and phase rows compact.
#[test]
fn a_migration_from_schema_5_killed_at_any_moment_leaves_the_old_or_the_new_database() {
    killed_migrations(5);
}

/// Schema 6 → 7: every plan's phases one row an objective.
#[test]
fn a_migration_from_schema_6_killed_at_any_moment_leaves_the_old_or_the_new_database() {
    killed_migrations(6);
}

fn killed_migrations(schema: u32) {
    let (from, to) = (
        schema.to_string(),
        obiettivi::store::SCHEMA_VERSION.to_string(),
    );
    let dir = tempfile::tempdir().unwrap();
    let (template, before) = older_database(dir.path(), schema);
    let scratch = dir.path().join("scratch");
    let old = read_on_a_copy(&template, &scratch);
    assert_eq!(schema_version(&old), from);
    let old_phases = old
        .iter()
        .filter(|(name, _)| name.starts_with(b"p1/phases"))
        .map(|(_, rows)| rows.len())
        .max();
    let old_records = match schema {
        6 => records_of_6(old),
        _ => records(old),
    };

    // One migration run to its end: what the new database shows, and how long
    // a run takes (to spread the kills over it; nothing is asserted about time).
    let whole = dir.path().join("whole");
    copy_database(&template, &whole);
    let started = Instant::now();
    let o = run_plain(&whole, &["check"]);
    let span = started.elapsed();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let raw = read_on_a_copy(&whole, &scratch);
    let migrated = in_use(raw.clone());
    assert_eq!(schema_version(&migrated), to);
    assert!(
        migrated[b"p1/outline".as_slice()].len() == 208,
        "every objective has its outline"
    );
    let phase_rows = migrated[b"p1/phases".as_slice()].len();
    assert!(
        (200..=208).contains(&phase_rows),
        "one phases row an objective: {phase_rows}"
    );
    if schema == 6 {
        assert!(
            old_phases.unwrap() > 800,
            "a row a phase before: {old_phases:?}"
        );
    }
    assert_eq!(
        migrated[b"p1/audit_index".as_slice()].len(),
        migrated[b"p1/audit".as_slice()].len(),
        "every audit entry is indexed"
    );
    for kind in [
        "mandates",
        "missions",
        "audit",
        "snapshots",
        "snapshot_data",
        "reviews",
    ] {
        let old_name = match schema {
            6 => format!("p1/{kind}"),
            _ => kind.to_string(),
        };
        assert_eq!(
            migrated[format!("p1/{kind}").as_bytes()],
            old_records[old_name.as_bytes()],
            "the migration changes no record of {kind}"
        );
    }
    assert!(
        raw.keys()
            .all(|name| of_schema_6(name) || name == b"__sled__default")
            && raw.len() == migrated.len(),
        "the old trees are gone: {:?}",
        raw.keys()
            .map(|n| String::from_utf8_lossy(n))
            .collect::<Vec<_>>()
    );
    let new_records = migrated_records(raw);
    let expected = shown(&whole);
    // Every value as this version showed it before the database was made
    // old (but the indicators, which schema 1 did not have).
    if schema >= 2 {
        assert_eq!(expected, before, "every value and every change");
    }
    assert!(expected.0.contains("\"schema\": \"obiettivi/2\""));
    assert!(expected.1.contains("Peso: n/d → 40"), "{}", expected.1);
    assert_the_rest_is_there(&whole);

    let mut rng = Rng::new(17);
    let (mut found_old, mut found_new) = (0, 0);
    let span_us = (span.as_micros() as usize).max(1000) * 6 / 5;
    for round in 0..kills() {
        let db = dir.path().join(format!("db{round}"));
        copy_database(&template, &db);
        let delay = Duration::from_micros(rng.below(span_us) as u64);
        let mut child = bin()
            .arg("--db")
            .arg(&db)
            .arg("check")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();

        let left = read_on_a_copy(&db, &scratch);
        let version = schema_version(&left);
        match version.as_str() {
            v if v == from => {
                found_old += 1;
                let left = match schema {
                    6 => records_of_6(left),
                    _ => records(left),
                };
                assert_eq!(
                    left, old_records,
                    "round {round} ({delay:?}): a record changed"
                );
            }
            v if v == to => {
                found_new += 1;
                let left = migrated_records(left);
                assert!(
                    left == new_records,
                    "round {round} ({delay:?}): the new database differs: {}",
                    differences(&left, &new_records)
                );
                // The new database exists only after its backup was complete.
                let backups = dir.path().join(format!("db{round}.snapshots"));
                let backup = std::fs::read_dir(&backups)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| {
                        p.to_string_lossy()
                            .ends_with(&format!("-schema{schema}.json"))
                    })
                    .expect("a backup of the old schema beside the new database");
                let json: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(backup).unwrap()).unwrap();
                assert_eq!(json["objectives"].as_array().unwrap().len(), 208);
            }
            other => panic!("round {round} ({delay:?}): schema version «{other}»"),
        }

        // The next open is not refused, migrates, and shows everything.
        assert_eq!(shown(&db), expected, "round {round} ({delay:?})");
        assert_eq!(schema_version(&read_on_a_copy(&db, &scratch)), to);
        let beside: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&format!(".db{round}.check.")))
            .collect();
        assert!(beside.is_empty(), "round {round}: left beside: {beside:?}");
        if round % 10 == 0 {
            assert_the_rest_is_there(&db);
        }
        std::fs::remove_dir_all(&db).unwrap();
        let _ = std::fs::remove_dir_all(dir.path().join(format!("db{round}.snapshots")));
        let _ = std::fs::remove_dir_all(dir.path().join(format!("db{round}.drafts")));
    }
    eprintln!(
        "migration kills from schema {schema}: {} in all, {found_old} left the old database, {found_new} the new one",
        kills()
    );
}
