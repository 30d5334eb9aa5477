//! Drafts are their author's alone, on disk too (GUIDE §7, issue 24 item 8):
//! with `serve` sharing the database with a group (files 0640), a reader ran
//! `grep -a` on sled's file and read a controller's unpublished draft.

use crate::common;
use crate::serve;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::*;
use obiettivi::model::ObjectiveField;
use obiettivi::service::PlanService;

const CODE: &str = "05_1201_0601";
const SECRET: &str = "BOZZA RISERVATA: stanziamento da confermare 7Q3X";

/// Every regular file under `dir`, with its permission bits.
fn files_under(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            out.extend(files_under(&path));
        } else if meta.is_file() {
            out.push((path, meta.permissions().mode() & 0o7777));
        }
    }
    out
}

fn holds(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// Needs root (to give files a group one is not in); skipped otherwise.
#[test]
fn with_the_group_setting_no_file_the_group_can_read_holds_a_draft() {
    let Some(group) = serve::group_not_mine() else {
        eprintln!("skipped: sharing with a group needs root and a group other than one's own");
        return;
    };
    let (dir, db) = fresh_db();
    let _ = export(&db);
    let config = dir.path().join("ruoli.toml");
    std::fs::write(
        &config,
        format!("group = \"{group}\"\ncontrollers = [\"{}\"]\n", me()),
    )
    .unwrap();
    let server = serve::Server::start(&db, Some(&config));
    let client = server.client();
    client
        .save_draft(
            &obiettivi::api::DraftOf::narrative(CODE, ObjectiveField::Year1),
            SECRET,
        )
        .unwrap();
    let shared: Vec<_> = files_under(dir.path())
        .into_iter()
        .filter(|(_, mode)| mode & 0o044 != 0)
        .collect();
    assert!(
        shared.iter().any(|(p, _)| p.starts_with(&db)),
        "the database is shared with the group: {shared:?}"
    );
    for (path, mode) in &shared {
        assert!(
            !holds(path, SECRET),
            "{} ({mode:o}) holds the draft",
            path.display()
        );
    }
    // The draft is kept, readable by its author through the service.
    let draft = client
        .draft(&obiettivi::api::DraftOf::narrative(
            CODE,
            ObjectiveField::Year1,
        ))
        .unwrap()
        .unwrap();
    assert_eq!(draft.text, SECRET);
    let kept: Vec<_> = files_under(dir.path())
        .into_iter()
        .filter(|(p, _)| holds(p, SECRET))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].1, 0o600);
    let parent = kept[0].0.parent().unwrap();
    assert_eq!(
        std::fs::metadata(parent).unwrap().permissions().mode() & 0o777,
        0o700
    );
    client
        .discard_draft(&obiettivi::api::DraftOf::narrative(
            CODE,
            ObjectiveField::Year1,
        ))
        .unwrap();
    assert_eq!(
        client
            .draft(&obiettivi::api::DraftOf::narrative(
                CODE,
                ObjectiveField::Year1
            ))
            .unwrap(),
        None
    );
    assert!(!kept[0].0.exists(), "the discarded draft's file is gone");
}

/// GUIDE §10: codes are a plan's own, and so are drafts: a draft typed in
/// one plan is not offered in another for the same code, and a draft written
/// before there were several plans is the first plan's.
#[test]
fn a_draft_is_offered_only_in_the_plan_it_was_written_in() {
    use obiettivi::api::DraftOf;
    use obiettivi::store::Store;
    let (_dir, db) = fresh_db();
    let of = DraftOf::narrative(CODE, ObjectiveField::Year1);
    let texts = |store: &Store| -> Vec<String> {
        let drafts = store.drafts("tester").unwrap();
        drafts.into_iter().map(|w| w.draft.text).collect()
    };
    {
        let old = Store::open(&db, obiettivi::io::shipped).unwrap();
        old.save_draft(&of, "scritta nel 2026", "tester").unwrap();
        old.new_plan("DUP 2027-2029", 2027, Some("DUP 2026-2028"), "tester")
            .unwrap();
    }
    let open = |plan| Store::open_plan(&db, obiettivi::io::shipped, Some(plan)).unwrap();
    {
        let next = open("DUP 2027-2029");
        assert_eq!(texts(&next), Vec::<String>::new());
        assert_eq!(next.draft(&of, "tester").unwrap(), None);
        next.save_draft(&of, "scritta nel 2027", "tester").unwrap();
        assert_eq!(texts(&next), ["scritta nel 2027"]);
    }
    assert_eq!(texts(&open("DUP 2026-2028")), ["scritta nel 2026"]);
    let next = open("DUP 2027-2029");
    next.discard_draft(&of, "tester").unwrap();
    drop(next);
    assert_eq!(texts(&open("DUP 2026-2028")), ["scritta nel 2026"]);
}
