//! The two records kept beside each objective so that a session does not read
//! the whole plan (issue 19), written in the same transaction as the objective:
//!
//! - `outline`: code → {pos, version, `Summary`}, postcard-encoded: what the
//!   first screen needs, about 300 bytes an objective against the 5–10 KB of
//!   the objective with its phases. A session opens by reading these alone.
//! - `search`: code → the objective's searchable texts, folded once
//!   (`model::needle::fold`), postcard then LZ4: `/` searches narratives in
//!   one pass over this tree without reading the objectives.
//!
//! Why a tree of its own, compressed: reading the objectives to search them
//! would pull the whole plan through sled's cache at every `/`; the
//! compressed index is a fraction of it. (Upstream sled 0.34 kept every page
//! it had read in memory until the database was closed, whatever
//! `cache_capacity` said, sled issues #986, #1410: its LRU counted reads too
//! late. The vendored one counts them: vendor/sled/README.md.)

use serde::{Deserialize, Serialize};

use super::rows::ObjectiveRow;
use super::{ServiceError, Store};
use crate::api::SearchHit;
use crate::model::needle::{Needle, fold};
use crate::model::summary::Summary;
use crate::model::{Dataset, Objective};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineRow {
    pub pos: u64,
    pub version: u64,
    pub summary: Summary,
}

/// An objective's texts as search reads them, folded.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct SearchRecord {
    /// Code, title, manager, CdR, status.
    head: Vec<String>,
    /// 1° anno, 2° anno.
    narratives: Vec<String>,
    /// Each phase's name, manager and notes, in table order.
    phases: Vec<Vec<String>>,
}

/// The `outline` value of an objective row.
pub fn outline_value(row: &ObjectiveRow, objective: &Objective) -> Vec<u8> {
    let row = OutlineRow {
        pos: row.pos,
        version: row.version,
        summary: Summary::of(objective),
    };
    // Plain structs without skipped fields: postcard cannot fail on them.
    postcard::to_allocvec(&row).unwrap_or_default()
}

/// The `search` value of an objective.
pub fn search_value(o: &Objective) -> Vec<u8> {
    let record = SearchRecord {
        head: [
            o.code.as_str(),
            &o.operational_objective,
            &o.manager,
            &o.responsibility_centre,
            o.status.as_deref().unwrap_or(""),
        ]
        .into_iter()
        .map(fold)
        .collect(),
        narratives: vec![fold(&o.narratives.year1), fold(&o.narratives.year2)],
        phases: o
            .phases
            .iter()
            .map(|p| vec![fold(&p.name), fold(&p.manager), fold(&p.notes)])
            .collect(),
    };
    let mut out = Vec::new();
    super::rows::append_lz4(&mut out, &record);
    out
}

fn decode_outline(bytes: &[u8]) -> Result<OutlineRow, ServiceError> {
    postcard::from_bytes(bytes).map_err(|e| ServiceError::Corrupt(format!("outline: {e}")))
}

fn decode_search(bytes: &[u8]) -> Result<SearchRecord, ServiceError> {
    let raw = lz4_flex::decompress_size_prepended(bytes)
        .map_err(|e| ServiceError::Corrupt(format!("search index: {e}")))?;
    postcard::from_bytes(&raw).map_err(|e| ServiceError::Corrupt(format!("search index: {e}")))
}

impl Store {
    /// The plan without objectives, every objective's outline row in plan
    /// order, and the history position they are at.
    pub fn outline_versioned(&self) -> Result<(Dataset, Vec<OutlineRow>, u64), ServiceError> {
        let seq = self.last_seq()?;
        Ok((self.plan_without_objectives()?, self.outline_rows()?, seq))
    }

    /// Every objective's outline row, in plan order.
    pub fn outline_rows(&self) -> Result<Vec<OutlineRow>, ServiceError> {
        let mut rows = self
            .live()
            .outline
            .iter()
            .values()
            .map(|v| decode_outline(&v?))
            .collect::<Result<Vec<_>, _>>()?;
        rows.sort_by_key(|r| r.pos);
        Ok(rows)
    }

    /// Where `query` occurs (case- and accent-insensitive), one pass over the
    /// index: each objective whose code, title, manager, CdR, status or (with
    /// `narratives`) a narrative holds it, and each phase whose name, manager or
    /// notes do. In code order; the caller puts them in its own.
    pub fn search(&self, query: &str, narratives: bool) -> Result<Vec<SearchHit>, ServiceError> {
        let needle = Needle::new(query);
        let mut hits = Vec::new();
        for item in self.live().search.iter() {
            let (key, value) = item?;
            let record = decode_search(&value)?;
            let code = String::from_utf8_lossy(&key).into_owned();
            let narrative_hit =
                narratives && record.narratives.iter().any(|t| needle.is_in_folded(t));
            let hit = |phase| SearchHit {
                code: code.clone(),
                phase,
            };
            if narrative_hit || record.head.iter().any(|t| needle.is_in_folded(t)) {
                hits.push(hit(None));
            }
            let phases = record.phases.iter().enumerate();
            hits.extend(
                phases
                    .filter(|(_, texts)| texts.iter().any(|t| needle.is_in_folded(t)))
                    .map(|(i, _)| hit(Some(i))),
            );
        }
        Ok(hits)
    }
}
