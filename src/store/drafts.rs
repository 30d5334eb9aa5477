//! Drafts of narratives being typed: kept apart from the published text, so a
//! dropped SSH session loses at most the last few seconds of typing.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::rows::{decode, encode};
use super::{Store, StoreError, now};
use crate::model::ObjectiveField;
use crate::model::edit::{Field, field_name};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub at: DateTime<FixedOffset>,
    pub who: String,
}

fn key(code: &str, field: ObjectiveField) -> Vec<u8> {
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
    ) -> Result<(), StoreError> {
        let draft = Draft {
            text: text.to_string(),
            at: now(),
            who: who.to_string(),
        };
        self.write(|| {
            self.drafts.insert(key(code, field), encode(&draft))?;
            self.db.flush()?;
            Ok(())
        })
    }

    pub fn draft(&self, code: &str, field: ObjectiveField) -> Result<Option<Draft>, StoreError> {
        match self.drafts.get(key(code, field))? {
            Some(bytes) => Ok(Some(decode(&bytes)?)),
            None => Ok(None),
        }
    }

    pub fn discard_draft(&self, code: &str, field: ObjectiveField) -> Result<(), StoreError> {
        self.write(|| {
            if self.drafts.remove(key(code, field))?.is_some() {
                self.db.flush()?;
            }
            Ok(())
        })
    }
}
