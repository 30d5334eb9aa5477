//! A file the system refuses to read or write: what was being done, on which
//! file, and why, in the user's language (not the system's English), exit 2.

use crate::common;
use common::*;

const LANGS: [(&str, &str, &str); 2] = [
    ("it_IT.UTF-8", "impossibile leggere", "impossibile scrivere"),
    ("en_US.UTF-8", "cannot read", "cannot write"),
];

/// `args` fails with status 2 and, on stderr, `obiettivi: …` + `expected`; no system English.
fn assert_refused(lang: &str, db: &std::path::Path, args: &[&str], expected: &str) {
    let o = run_in(lang, db, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{lang} {args:?}: {err}");
    assert!(
        err.contains(expected),
        "{lang} {args:?}: {expected:?} in {err:?}"
    );
    assert!(!err.contains("os error"), "{lang} {args:?}: {err}");
}

#[test]
fn a_missing_file_is_named_with_what_was_being_done() {
    let (dir, db) = fresh_db();
    let missing = dir.path().join("piano.json");
    let missing = missing.to_str().unwrap();
    for ((lang, read, _), why) in LANGS.iter().zip(["file non trovato", "file not found"]) {
        let expected = format!("{read} {missing}: {why}");
        assert_refused(lang, &db, &["import", missing], &expected);
        assert_refused(lang, &db, &["restore", missing], &expected);
    }
}

#[test]
fn a_directory_given_as_the_file_is_said_so() {
    let (dir, db) = fresh_db();
    let folder = dir.path().join("cartella");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_str().unwrap();
    let whys = ["è una cartella, non un file", "is a directory, not a file"];
    for ((lang, read, write), why) in LANGS.iter().zip(whys) {
        assert_refused(
            lang,
            &db,
            &["import", folder],
            &format!("{read} {folder}: {why}"),
        );
        assert_refused(
            lang,
            &db,
            &["export", "-o", folder],
            &format!("{write} {folder}: {why}"),
        );
    }
}

#[test]
fn an_output_that_cannot_be_written_is_said_so_and_nothing_is_left_behind() {
    let (dir, db) = fresh_db();
    let no_folder = dir.path().join("manca").join("piano.json");
    let no_folder = no_folder.to_str().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let under_a_file = file.join("piano.json");
    let under_a_file = under_a_file.to_str().unwrap();
    let whys = [
        (
            "la cartella non esiste",
            "una parte del percorso non è una cartella",
            "spazio su disco esaurito",
        ),
        (
            "its folder does not exist",
            "a part of the path is not a directory",
            "no space left on the disk",
        ),
    ];
    for ((lang, _, write), (missing, not_a_folder, full)) in LANGS.iter().zip(whys) {
        let cases = [
            (["export", "-o", no_folder], no_folder, missing),
            (["report", "-o", under_a_file], under_a_file, not_a_folder),
            (["backup", "-o", under_a_file], under_a_file, not_a_folder),
            // /dev/full refuses every write, even root's.
            (["export", "-o", "/dev/full"], "/dev/full", full),
        ];
        for (args, path, why) in cases {
            assert_refused(lang, &db, &args, &format!("{write} {path}: {why}"));
        }
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    assert!(!dir.path().join("manca").exists());
}

#[test]
fn a_folder_without_permission_is_said_so() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: root may write anywhere");
        return;
    }
    let (dir, db) = fresh_db();
    let locked = dir.path().join("chiusa");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = locked.join("piano.json");
    let out = out.to_str().unwrap();
    for ((lang, _, write), why) in LANGS.iter().zip(["permesso negato", "permission denied"]) {
        assert_refused(
            lang,
            &db,
            &["export", "-o", out],
            &format!("{write} {out}: {why}"),
        );
    }
}

/// The backups folder is the service's (the server's, through `serve`): its
/// error travels as data and reads in the client's language either way.
#[test]
fn a_backups_folder_that_cannot_be_made_is_said_so_in_the_users_language() {
    let (dir, db) = fresh_db();
    export(&db);
    let in_the_way = dir.path().join("db.snapshots");
    std::fs::write(&in_the_way, "").unwrap();
    let in_the_way = in_the_way.to_str().unwrap();
    for ((lang, _, write), why) in LANGS.iter().zip(["esiste già", "already exists"]) {
        assert_refused(
            lang,
            &db,
            &["backup"],
            &format!("{write} {in_the_way}: {why}"),
        );
    }
}
