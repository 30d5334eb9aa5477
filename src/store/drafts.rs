//! Drafts of the texts being typed (narratives, the Relazione's texts): kept
//! apart from the published text, so a dropped SSH session loses at most the
//! last few seconds of typing.
//!
//! A draft is its author's alone (GUIDE §7), so it is not in the database: a
//! database shared with the service's group is readable by the group (0640),
//! and a reader could `grep -a` a draft out of sled's files (issue 24 item 8).
//! Drafts live in `<db>.drafts/`, a directory only the database's owner may
//! enter (0700, whatever the database's access), one file per draft (0600),
//! each replaced atomically. Schema 3 kept them in sled's `drafts` tree: the
//! migration to 4 moves them here (`move_out_of_sled`).
//!
//! Codes are a plan's own (GUIDE §10): a draft of plan N > 1 has `pN-` before
//! its name, so that a draft of 05_1201_0601 typed in one plan is never
//! offered in another. Plan 1's have no prefix: the drafts written before
//! there were several plans are its own.

use std::path::{Path, PathBuf};

use sled::Tree;

use super::rows::decode;
use super::{ServiceError, Store, now};
use crate::api::{Draft, DraftOf, WaitingDraft};
use crate::files::{Access, write_with_access};
use crate::i18n::{FileError, FileOp};
use crate::model::edit::{Field, Part};
use crate::model::{ObjectiveField, PlanText};

/// The directory of the drafts of the database at `db`.
pub fn directory(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "db".into());
    name.push(".drafts");
    db.with_file_name(name)
}

/// `who`'s draft of a text of plan `plan`: the author, the objective's code
/// (empty for a text of the plan's own) and the text's schema name, in hex,
/// so that no code or name can make a path of it, and two drafts never
/// share a file; after the plan's prefix (see the module's doc).
fn file_name(plan: u64, of: &DraftOf, who: &str) -> String {
    let hex = |text: &str| -> String { text.bytes().map(|b| format!("{b:02x}")).collect() };
    format!(
        "{}{}-{}-{}.json",
        plan_prefix(plan),
        hex(who),
        hex(of.code()),
        hex(&of.part().name())
    )
}

/// What begins the names of plan `plan`'s drafts: nothing for plan 1.
fn plan_prefix(plan: u64) -> String {
    match plan {
        1 => String::new(),
        n => format!("p{n}-"),
    }
}

fn io_error(op: FileOp, path: &Path, e: &std::io::Error) -> ServiceError {
    ServiceError::Io(FileError::new(op, path, e))
}

impl Store {
    fn draft_path(&self, of: &DraftOf, who: &str) -> PathBuf {
        directory(&self.path).join(file_name(self.plan_id, of, who))
    }

    /// The drafts directory, made the owner's alone (never through a link).
    fn drafts_directory(&self) -> Result<PathBuf, ServiceError> {
        let dir = directory(&self.path);
        let made = std::os::unix::fs::DirBuilderExt::mode(&mut std::fs::DirBuilder::new(), 0o700)
            .create(&dir);
        if let Err(e) = made
            && e.kind() != std::io::ErrorKind::AlreadyExists
        {
            return Err(io_error(FileOp::Write, &dir, &e));
        }
        let meta = std::fs::symlink_metadata(&dir).map_err(|e| io_error(FileOp::Read, &dir, &e))?;
        if !meta.is_dir() {
            let e = std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a directory");
            return Err(io_error(FileOp::Write, &dir, &e));
        }
        Access::Private
            .apply(&dir)
            .map_err(|e| io_error(FileOp::Write, &dir, &e))?;
        Ok(dir)
    }

    fn write_draft(&self, of: &DraftOf, draft: &Draft) -> Result<(), ServiceError> {
        self.drafts_directory()?;
        let path = self.draft_path(of, &draft.who);
        let bytes = serde_json::to_vec(draft).map_err(|e| ServiceError::Corrupt(e.to_string()))?;
        write_with_access(&path, &bytes, Access::Private)
            .map_err(|e| io_error(FileOp::Write, &path, &e))
    }

    /// Keeps `text` as the draft of `of`, durably.
    pub fn save_draft(&self, of: &DraftOf, text: &str, who: &str) -> Result<(), ServiceError> {
        // A draft of no objective would be a file named by whatever was sent.
        if let DraftOf::Narrative { code, .. } = of
            && self.live().objectives.get(code.as_bytes())?.is_none()
        {
            return Err(ServiceError::NoSuchObjective(code.to_string()));
        }
        let draft = Draft {
            text: text.to_string(),
            at: now(),
            who: who.to_string(),
        };
        self.write(|| self.write_draft(of, &draft))
    }

    /// `who`'s draft of `of`.
    pub fn draft(&self, of: &DraftOf, who: &str) -> Result<Option<Draft>, ServiceError> {
        let path = self.draft_path(of, who);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(decode(&bytes)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(FileOp::Read, &path, &e)),
        }
    }

    /// `who`'s drafts that differ from the text they are of (the ones a
    /// session offers back): the plan's texts, then by code and year. A draft
    /// of an objective no longer in the plan, or a file that is not a draft,
    /// is left out.
    pub fn drafts(&self, who: &str) -> Result<Vec<WaitingDraft>, ServiceError> {
        let dir = directory(&self.path);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(FileOp::Read, &dir, &e)),
        };
        let mut waiting = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| io_error(FileOp::Read, &dir, &e))?;
            let name = entry.file_name();
            let mine = name
                .to_str()
                .and_then(|n| n.strip_prefix(&plan_prefix(self.plan_id)));
            let Some(of) = mine.and_then(|n| of_file(n, who)) else {
                continue;
            };
            let Some(draft) = self.draft(&of, who)? else {
                continue;
            };
            let published = match &of {
                DraftOf::Narrative { code, field } => match self.versioned(code)? {
                    Some(stored) => Field::Objective(*field).current(&stored.objective, None),
                    None => continue,
                },
                DraftOf::PlanText { which } => self.plan()?.texts.get(*which).to_string(),
            };
            if published != draft.text {
                waiting.push(WaitingDraft { of, draft });
            }
        }
        waiting.sort_by(|a, b| order(&a.of).cmp(&order(&b.of)));
        Ok(waiting)
    }

    pub fn discard_draft(&self, of: &DraftOf, who: &str) -> Result<(), ServiceError> {
        let path = self.draft_path(of, who);
        match std::fs::remove_file(&path) {
            Ok(()) => std::fs::File::open(directory(&self.path))
                .and_then(|d| d.sync_all())
                .map_err(|e| io_error(FileOp::Write, &path, &e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(FileOp::Write, &path, &e)),
        }
    }

    /// Writes each draft of sled's `drafts` tree (schema 3 and before) to its
    /// file; the tree goes with the old ones once the migration switched
    /// (`migrate`). Harmless to repeat. Keys were `code 0x00 field` before
    /// drafts had an author in the key, then `code 0x00 field 0x00 who`; the
    /// author is the draft's own `who` either way, and of two drafts of one
    /// author the newer is kept.
    pub(super) fn move_out_of_sled(&self, tree: &Tree) -> Result<(), ServiceError> {
        for item in tree.iter() {
            let (key, value) = item?;
            let draft: Draft = decode(&value)?;
            let mut parts = key.split(|b| *b == 0);
            let code = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
            let field = parts
                .next()
                .and_then(|name| narrative_named(&String::from_utf8_lossy(name)));
            if let Some(field) = field {
                let of = DraftOf::Narrative { code, field };
                let newer = self
                    .draft(&of, &draft.who)?
                    .is_none_or(|kept| kept.at <= draft.at);
                if newer {
                    self.write_draft(&of, &draft)?;
                }
            }
        }
        Ok(())
    }
}

/// What `who`'s draft file `name` is the draft of (see `file_name`).
fn of_file(name: &str, who: &str) -> Option<DraftOf> {
    let unhex = |hex: &str| -> Option<String> {
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        String::from_utf8(bytes).ok()
    };
    let mut parts = name.strip_suffix(".json")?.split('-');
    let (author, code, field) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || unhex(author)? != who {
        return None;
    }
    let (code, field) = (unhex(code)?, unhex(field)?);
    if code.is_empty() {
        return match Part::from_name(&field, false) {
            Part::PlanText(which) => Some(DraftOf::PlanText { which }),
            _ => None,
        };
    }
    Some(DraftOf::Narrative {
        field: narrative_named(&field)?,
        code,
    })
}

/// The narrative a draft's key names (an objective's drafts are only ever of narratives).
fn narrative_named(name: &str) -> Option<ObjectiveField> {
    [ObjectiveField::Year1, ObjectiveField::Year2]
        .into_iter()
        .find(|f| Part::Objective(*f).name() == name)
}

/// The order drafts are listed in: the plan's texts first, then by code and year.
fn order(of: &DraftOf) -> (u8, &str, u8) {
    match of {
        DraftOf::PlanText { which } => (
            0,
            "",
            PlanText::ALL.iter().position(|t| t == which).unwrap_or(0) as u8,
        ),
        DraftOf::Narrative { code, field } => (1, code, *field as u8),
    }
}
