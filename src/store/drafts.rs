//! Drafts of narratives being typed: kept apart from the published text, so a
//! dropped SSH session loses at most the last few seconds of typing.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::rows::{decode, encode};
use super::{ServiceError, Store, now};
use crate::model::ObjectiveField;
use crate::model::edit::{Field, field_name};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub at: DateTime<FixedOffset>,
    pub who: String,
}

/// `code 0x00 field 0x00 who`: a draft is its author's alone, so two people
/// typing the same narrative keep two drafts. Drafts written before had no
/// author in the key (`legacy_key`); they are still read, by their author only.
fn key(code: &str, field: ObjectiveField, who: &str) -> Vec<u8> {
    let mut key = legacy_key(code, field);
    key.push(0);
    key.extend_from_slice(who.as_bytes());
    key
}

fn legacy_key(code: &str, field: ObjectiveField) -> Vec<u8> {
    let mut key = code.as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(field_name(Field::Objective(field)).as_bytes());
    key
}

impl Store {
    /// Keeps `text` as the draft of `code`'s narrative `field`, durably.
    pub fn save_draft(
        &self,
        code: &str,
        field: ObjectiveField,
        text: &str,
        who: &str,
    ) -> Result<(), ServiceError> {
        let draft = Draft {
            text: text.to_string(),
            at: now(),
            who: who.to_string(),
        };
        self.write(|| {
            self.drafts.insert(key(code, field, who), encode(&draft))?;
            self.db.flush()?;
            Ok(())
        })
    }

    /// `who`'s draft of `code`'s narrative `field`.
    pub fn draft(
        &self,
        code: &str,
        field: ObjectiveField,
        who: &str,
    ) -> Result<Option<Draft>, ServiceError> {
        if let Some(bytes) = self.drafts.get(key(code, field, who))? {
            return Ok(Some(decode(&bytes)?));
        }
        self.legacy_draft(code, field, who)
    }

    fn legacy_draft(
        &self,
        code: &str,
        field: ObjectiveField,
        who: &str,
    ) -> Result<Option<Draft>, ServiceError> {
        match self.drafts.get(legacy_key(code, field))? {
            Some(bytes) => Ok(Some(decode::<Draft>(&bytes)?).filter(|d| d.who == who)),
            None => Ok(None),
        }
    }

    pub fn discard_draft(
        &self,
        code: &str,
        field: ObjectiveField,
        who: &str,
    ) -> Result<(), ServiceError> {
        let legacy = self.legacy_draft(code, field, who)?.is_some();
        self.write(|| {
            let mut removed = self.drafts.remove(key(code, field, who))?.is_some();
            if legacy {
                removed |= self.drafts.remove(legacy_key(code, field))?.is_some();
            }
            if removed {
                self.db.flush()?;
            }
            Ok(())
        })
    }
}
