//! Monitoring snapshots ("Monitoraggio 30/06/2026") kept inside the database,
//! and review sessions: which objectives were gone through, by whom, with
//! what comment. A snapshot's header and its plan live in separate trees so
//! that listing snapshots does not decode whole plans.

use super::rows::{decode, encode};
use super::{ServiceError, Store, now};
use crate::api::{Review, ReviewMark, ReviewPlace, SnapshotInfo};
use crate::model::Dataset;

impl Store {
    /// Keeps the plan as it is now under `name`. Names are unique.
    pub fn create_snapshot(&self, name: &str, who: &str) -> Result<SnapshotInfo, ServiceError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ServiceError::BadName);
        }
        if self.snapshots.contains_key(name.as_bytes())? {
            return Err(ServiceError::SnapshotExists(name.to_string()));
        }
        let (info, bytes) = snapshot_record(name, now(), who, &self.load()?)?;
        self.write(|| {
            // The plan first: a header is only ever visible with its plan behind it.
            self.snapshot_data.insert(name.as_bytes(), bytes.clone())?;
            self.snapshots.insert(name.as_bytes(), encode(&info))?;
            self.db.flush()?;
            Ok(())
        })?;
        Ok(info)
    }

    /// Every snapshot, oldest first, each with its hash (computed from its
    /// plan for one taken before hashes were kept).
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, ServiceError> {
        let mut all: Vec<SnapshotInfo> = self
            .snapshots
            .iter()
            .values()
            .map(|v| decode(&v?))
            .collect::<Result<_, _>>()?;
        for info in all.iter_mut().filter(|s| s.sha256.is_empty()) {
            info.sha256 = crate::io::digest::sha256(&self.snapshot(&info.name)?);
        }
        all.sort_by_key(|s| s.at);
        Ok(all)
    }

    /// The plan as it was when snapshot `name` was taken.
    pub fn snapshot(&self, name: &str) -> Result<Dataset, ServiceError> {
        match self.snapshot_data.get(name.as_bytes())? {
            Some(bytes) if self.snapshots.contains_key(name.as_bytes())? => decode(&bytes),
            _ => Err(ServiceError::NoSuchSnapshot(name.to_string())),
        }
    }

    pub fn delete_snapshot(&self, name: &str) -> Result<(), ServiceError> {
        if !self.snapshots.contains_key(name.as_bytes())? {
            return Err(ServiceError::NoSuchSnapshot(name.to_string()));
        }
        self.write(|| {
            self.snapshots.remove(name.as_bytes())?;
            self.snapshot_data.remove(name.as_bytes())?;
            self.db.flush()?;
            Ok(())
        })
    }

    /// Starts a review compared against `snapshot` (which must exist).
    pub fn start_review(&self, snapshot: Option<&str>, who: &str) -> Result<Review, ServiceError> {
        if let Some(name) = snapshot
            && !self.snapshots.contains_key(name.as_bytes())?
        {
            return Err(ServiceError::NoSuchSnapshot(name.to_string()));
        }
        let id = self
            .reviews
            .last()?
            .map(|(k, _)| review_id(&k))
            .transpose()?
            .map_or(1, |last| last + 1);
        let review = Review {
            id,
            started_at: now(),
            who: who.to_string(),
            snapshot: snapshot.map(str::to_string),
            marks: Vec::new(),
            place: None,
        };
        self.put_review(&review)?;
        Ok(review)
    }

    /// Marks `code` reviewed in review `id`, with `comment` (may be empty);
    /// marking it again replaces the comment.
    pub fn mark_reviewed(
        &self,
        id: u64,
        code: &str,
        comment: &str,
        who: &str,
    ) -> Result<Review, ServiceError> {
        let mut review = self.review(id)?;
        let stored = self.versioned(code)?;
        let mark = ReviewMark {
            code: code.to_string(),
            at: now(),
            who: who.to_string(),
            comment: comment.trim().to_string(),
            version: stored.as_ref().map(|s| s.version),
            fingerprint: stored
                .as_ref()
                .map(|s| crate::model::fingerprint::fingerprint(&s.objective)),
        };
        match review.marks.iter_mut().find(|m| m.code == code) {
            Some(existing) => *existing = mark,
            None => review.marks.push(mark),
        }
        self.put_review(&review)?;
        Ok(review)
    }

    /// Keeps where review `id` stopped (the last kept wins).
    pub fn keep_review_place(&self, id: u64, place: ReviewPlace) -> Result<Review, ServiceError> {
        let mut review = self.review(id)?;
        review.place = Some(place);
        self.put_review(&review)?;
        Ok(review)
    }

    pub fn review(&self, id: u64) -> Result<Review, ServiceError> {
        match self.reviews.get(id.to_be_bytes())? {
            Some(bytes) => decode(&bytes),
            None => Err(ServiceError::NoSuchReview(id)),
        }
    }

    /// Every review, oldest first.
    pub fn reviews(&self) -> Result<Vec<Review>, ServiceError> {
        self.reviews.iter().values().map(|v| decode(&v?)).collect()
    }

    fn put_review(&self, review: &Review) -> Result<(), ServiceError> {
        self.write(|| {
            self.reviews
                .insert(review.id.to_be_bytes(), encode(review))?;
            self.db.flush()?;
            Ok(())
        })
    }
}

/// A snapshot's header and its plan's bytes, as the store keeps them: the
/// hash (GUIDE §9) of the plan as it will be read back, digit for digit.
pub(super) fn snapshot_record(
    name: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
    who: &str,
    dataset: &Dataset,
) -> Result<(SnapshotInfo, Vec<u8>), ServiceError> {
    let bytes = encode(dataset);
    let info = SnapshotInfo {
        name: name.to_string(),
        at,
        who: who.to_string(),
        objectives: dataset.objectives.len(),
        sha256: crate::io::digest::sha256(&decode(&bytes)?),
    };
    Ok((info, bytes))
}

fn review_id(key: &[u8]) -> Result<u64, ServiceError> {
    <[u8; 8]>::try_from(key)
        .map(u64::from_be_bytes)
        .map_err(|_| ServiceError::Corrupt("review key".into()))
}
