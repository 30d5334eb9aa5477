//! How records are laid out in the trees (see the module docs of `store`).
//!
//! Objective rows (indicators included) and phases rows (an objective's
//! phases, one row) are compact: a tag byte, then postcard (LZ4-compressed
//! for objectives). postcard is not self-describing: a
//! field is read by its place, so a `skip_serializing_if` would shift every
//! field after it. `ObjectiveRecord` is therefore the objective as the row
//! keeps it, every field written whatever its value; serde's remote derive
//! builds it field by field from `Objective`, so a field added there and not
//! here does not compile. The other records (plan, mandates, audit,
//! snapshots, reviews) stay JSON: small, or read once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::ServiceError;
use crate::model::assessment::Assessment;
use crate::model::indicators::Indicator;
use crate::model::{Mandate, Mission, Narratives, Objective, Phase, Structure};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MandateRow {
    pub pos: u64,
    pub mandate: Mandate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MissionRow {
    pub pos: u64,
    pub mission: Mission,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectiveRow {
    pub pos: u64,
    /// Incremented by every write; a write made against an older version is retried.
    pub version: u64,
    /// The phases, in table order.
    pub phase_ids: Vec<u64>,
    /// The objective with `phases` empty: they live in the `phases` tree.
    #[serde(with = "ObjectiveRecord")]
    pub objective: Objective,
}

/// `Objective`'s fields in the order the compact row writes them, all of them.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Objective")]
struct ObjectiveRecord {
    code: String,
    mission: String,
    operational_objective: String,
    assessorato: String,
    responsibility_centre: String,
    manager: String,
    public_value: String,
    status: Option<String>,
    narratives: Narratives,
    structures: Vec<Structure>,
    stakeholders: Vec<String>,
    phases: Vec<Phase>,
    indicators: Vec<Indicator>,
    assessment: Option<Box<Assessment>>,
}

/// An objective row as schema 5 and before wrote it (JSON), read by the
/// migration: the objective through its own, defaulting, reader.
#[derive(Serialize, Deserialize)]
pub struct JsonObjectiveRow {
    pos: u64,
    version: u64,
    phase_ids: Vec<u64>,
    objective: Objective,
}

impl From<ObjectiveRow> for JsonObjectiveRow {
    fn from(row: ObjectiveRow) -> Self {
        JsonObjectiveRow {
            pos: row.pos,
            version: row.version,
            phase_ids: row.phase_ids,
            objective: row.objective,
        }
    }
}

/// The first byte of a compact row: postcard follows, LZ4-compressed after
/// `PACKED`. A JSON row begins with `{` (or whitespace), so a row says
/// which encoding it is in: the migration reads the old rows with the same
/// code that reads the new.
const COMPACT: u8 = 0xC6;
const PACKED: u8 = 0xC7;

/// A record kept in the compact encoding.
pub trait Compact: Sized {
    fn to_bytes(&self) -> Vec<u8>;
    fn from_bytes(bytes: &[u8]) -> Result<Self, ServiceError>;
}

fn compact<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![COMPACT];
    // Into a Vec, of plain structs written whole: postcard cannot fail on them.
    postcard::to_io(value, &mut out)
        .map(drop)
        .unwrap_or_default();
    out
}

/// `compact`, then LZ4: for the rows that carry the narratives (an
/// objective's are kilobytes of prose), which sled would otherwise keep
/// about twice over in its log.
fn packed<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![PACKED];
    append_lz4(&mut out, value);
    out
}

thread_local! {
    /// Where a row is written in postcard, then compressed, kept from one
    /// row to the next: `lz4_flex::compress_prepend_size` zeroes a new
    /// buffer of the largest size a block can take, and shrinks it after.
    static PACKING: std::cell::RefCell<(Vec<u8>, Vec<u8>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// `value` in postcard, LZ4-compressed with its size first (the bytes of
/// `lz4_flex::compress_prepend_size`), after what `out` holds.
pub(super) fn append_lz4<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    PACKING.with_borrow_mut(|(body, block)| {
        body.clear();
        // Into a Vec, of plain structs written whole: postcard cannot fail on them.
        let _ = postcard::to_io(value, &mut *body);
        let most = lz4_flex::block::get_maximum_output_size(body.len());
        if block.len() < most {
            block.resize(most, 0);
        }
        match lz4_flex::block::compress_into(body, block) {
            Ok(n) => {
                out.reserve(4 + n);
                out.extend_from_slice(&(body.len() as u32).to_le_bytes());
                out.extend_from_slice(&block[..n]);
            }
            // Not with a block of that size; still said whole if it were.
            Err(_) => out.extend(lz4_flex::compress_prepend_size(body)),
        }
        if body.capacity() > KEPT {
            (*body, *block) = (Vec::new(), Vec::new());
        }
    })
}

/// A compact row read back; `None` for a JSON row.
fn read<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Option<Result<T, ServiceError>> {
    let corrupt = |e: &dyn std::fmt::Display| ServiceError::Corrupt(format!("{what}: {e}"));
    let (tag, body) = bytes.split_first()?;
    match *tag {
        COMPACT => Some(postcard::from_bytes(body).map_err(|e| corrupt(&e))),
        PACKED => Some(unpacked(body, what, |raw| {
            postcard::from_bytes(raw).map_err(|e| corrupt(&e))
        })),
        _ => None,
    }
}

/// The largest row whose decompressed bytes `UNPACKED` keeps.
const KEPT: usize = 1 << 20;

thread_local! {
    /// Where rows are decompressed, kept from one row to the next: a new
    /// zeroed buffer per row was 118 M instructions of `memset` in a
    /// `check` at 10 000 objectives.
    static UNPACKED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `read` on the LZ4 block `packed` (its size first) decompressed.
fn unpacked<T>(
    packed: &[u8],
    what: &str,
    read: impl FnOnce(&[u8]) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    let corrupt =
        |e: lz4_flex::block::DecompressError| ServiceError::Corrupt(format!("{what}: {e}"));
    let (size, block) = lz4_flex::block::uncompressed_size(packed).map_err(corrupt)?;
    if size > KEPT {
        return read(&lz4_flex::decompress_size_prepended(packed).map_err(corrupt)?);
    }
    UNPACKED.with_borrow_mut(|buffer| {
        if buffer.len() < size {
            buffer.resize(size, 0);
        }
        let written = lz4_flex::decompress_into(block, &mut buffer[..size]).map_err(corrupt)?;
        read(&buffer[..written])
    })
}

impl Compact for ObjectiveRow {
    fn to_bytes(&self) -> Vec<u8> {
        packed(self)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, ServiceError> {
        read(bytes, "objective row").unwrap_or_else(|| {
            decode::<JsonObjectiveRow>(bytes).map(|r| ObjectiveRow {
                pos: r.pos,
                version: r.version,
                phase_ids: r.phase_ids,
                objective: r.objective,
            })
        })
    }
}

/// A phase row of schema 6 and before (one row per phase, `code 0x00 id`):
/// compact (schema 6) or JSON (before). Read by the migrations only.
impl Compact for Phase {
    fn to_bytes(&self) -> Vec<u8> {
        compact(self)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, ServiceError> {
        read::<PhaseIn>(bytes, "phase").map_or_else(|| decode(bytes), |r| r.map(|p| p.0))
    }
}

/// An objective's phases row (schema 7): all its phases in table order,
/// compact, under its code. One row an objective, not one a phase: at
/// 10 000 × 10 a plan is 20 000 keys in these two trees instead of 110 000,
/// and sled's cost is per key (docs/PERFORMANCE.md, issue 29, wt-bare).
/// An objective without phases has no row.
pub fn phases_to_bytes(phases: &[Phase]) -> Vec<u8> {
    struct Out<'a>(&'a [Phase]);
    impl Serialize for Out<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.iter().map(PhaseOut))
        }
    }
    compact(&Out(phases))
}

/// An objective's phases row read back (`phases_to_bytes`).
pub fn phases_from_bytes(bytes: &[u8]) -> Result<Vec<Phase>, ServiceError> {
    let phases = read::<Vec<PhaseIn>>(bytes, "phases")
        .unwrap_or_else(|| Err(ServiceError::Corrupt("phases: not a compact row".into())))?;
    Ok(phases.into_iter().map(|p| p.0).collect())
}

/// A phase read back: written by `Phase`'s own derive, whose field order
/// the rows of schema 6 fixed; read field by field as `PhaseRecord` says,
/// so that its four dates are read by `day`.
#[derive(Deserialize)]
struct PhaseIn(#[serde(with = "PhaseRecord")] Phase);

/// `Phase`'s fields in the order its rows hold them (every field: a field
/// added to `Phase` and not here does not compile), derived as `$derive`
/// says, each text read as `$text` says (`rows::lean` steps over them), the
/// dates read and written by `day`. One declaration for the whole and the
/// lean reading, so that the two cannot drift apart.
macro_rules! phase_record {
    ([$($derive:path),*] $(#[$text:meta])?) => {
        #[derive($($derive),*)]
        #[serde(remote = "Phase")]
        struct PhaseRecord {
            $(#[$text])?
            name: String,
            #[serde(serialize_with = "day::write", deserialize_with = "day::read")]
            planned_start: Option<NaiveDate>,
            #[serde(serialize_with = "day::write", deserialize_with = "day::read")]
            planned_end: Option<NaiveDate>,
            #[serde(serialize_with = "day::write", deserialize_with = "day::read")]
            actual_start: Option<NaiveDate>,
            #[serde(serialize_with = "day::write", deserialize_with = "day::read")]
            actual_end: Option<NaiveDate>,
            weight: Option<f64>,
            progress: Option<f64>,
            $(#[$text])?
            manager: String,
            $(#[$text])?
            responsibility_centre: String,
            $(#[$text])?
            notes: String,
        }
    };
}

phase_record!([serde::Serialize, serde::Deserialize]);

/// A phase written as `PhaseRecord` says: the bytes of `Phase`'s own derive.
struct PhaseOut<'a>(&'a Phase);

impl Serialize for PhaseOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PhaseRecord::serialize(self.0, s)
    }
}

mod day;
pub mod feed;
pub mod lean;
mod walk;

pub use walk::next_phases;

/// An objective's phases as schema 6 and before kept them, one row a phase
/// under `code 0x00 id`, put in table order by its row's ids. For the
/// migrations: they read the layout they replace with this.
pub fn phases_by_id(tree: &sled::Tree, row: &ObjectiveRow) -> Result<Vec<Phase>, ServiceError> {
    let code = &row.objective.code;
    let mut found = std::collections::HashMap::new();
    for item in tree.scan_prefix(phase_prefix(code)) {
        let (key, value) = item?;
        found.insert(phase_id(&key)?, Phase::from_bytes(&value)?);
    }
    (row.phase_ids.iter())
        .map(|id| {
            found
                .remove(id)
                .ok_or_else(|| ServiceError::Corrupt(format!("phase {id} of {code} is missing")))
        })
        .collect()
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising these plain structs to a Vec cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ServiceError> {
    serde_json::from_slice(bytes).map_err(|e| ServiceError::Corrupt(e.to_string()))
}

pub fn phase_prefix(code: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(code.len() + 9);
    key.extend_from_slice(code.as_bytes());
    key.push(0);
    key
}

pub fn phase_key(code: &str, id: u64) -> Vec<u8> {
    let mut key = phase_prefix(code);
    key.extend_from_slice(&id.to_be_bytes());
    key
}

pub fn phase_id(key: &[u8]) -> Result<u64, ServiceError> {
    key.len()
        .checked_sub(8)
        .and_then(|start| <[u8; 8]>::try_from(&key[start..]).ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| ServiceError::Corrupt("phase key too short".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::assessment::{ForceRequest, Forced, GapCause, NotAssessable};
    use crate::model::indicators::{Baseline, IndicatorKind};

    /// Each objective's row and phases through the compact encoding and back.
    fn round_trips(objectives: &[Objective]) {
        for (pos, o) in objectives.iter().enumerate() {
            let row = ObjectiveRow {
                pos: pos as u64,
                version: 7,
                phase_ids: (0..o.phases.len() as u64).collect(),
                objective: super::super::without_phases(o),
            };
            let back = ObjectiveRow::from_bytes(&row.to_bytes()).unwrap();
            assert_eq!(
                (back.pos, back.version, &back.phase_ids, &back.objective),
                (row.pos, row.version, &row.phase_ids, &row.objective),
                "{}",
                o.code
            );
            assert_eq!(
                phases_from_bytes(&phases_to_bytes(&o.phases)).unwrap(),
                o.phases
            );
            // A phase's row of schema 6, read by the migration.
            for phase in &o.phases {
                assert_eq!(&Phase::from_bytes(&phase.to_bytes()).unwrap(), phase);
            }
            // The row as schema 5 wrote it reads the same.
            let json = encode(&JsonObjectiveRow::from(row.clone()));
            assert_eq!(
                ObjectiveRow::from_bytes(&json).unwrap().objective,
                row.objective
            );
        }
    }

    /// The kept buffers write the bytes a new buffer per row wrote (rows of
    /// either size read back by the same code), one row after a larger one.
    #[test]
    fn rows_packed_through_the_kept_buffers_are_the_bytes_they_were() {
        let mut objectives = crate::io::shipped().objectives;
        objectives[3].narratives.year1 = "lungo ".repeat(KEPT);
        for o in objectives.iter().chain(objectives.iter().rev()) {
            let mut out = Vec::new();
            append_lz4(&mut out, o);
            let body = postcard::to_allocvec(o).unwrap();
            assert_eq!(out, lz4_flex::compress_prepend_size(&body), "{}", o.code);
        }
    }

    #[test]
    fn the_shipped_plan_round_trips_through_the_compact_rows() {
        round_trips(&crate::io::shipped().objectives);
    }

    /// Every optional field set (postcard reads by place: a field skipped
    /// when empty would shift the rest), and every one empty.
    #[test]
    fn a_plan_with_every_optional_field_set_or_empty_round_trips() {
        let spec = crate::dev::synthetic::Spec {
            objectives: 20,
            phases: 3,
            seed: 5,
        };
        let mut full = crate::dev::synthetic::generate(&spec).objectives;
        let at = chrono::DateTime::parse_from_rfc3339("2026-06-30T10:00:00+02:00").ok();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
        for o in &mut full {
            o.status = Some("In corso «è»".into());
            o.assessment = Some(Box::new(Assessment {
                gap_cause: Some(GapCause::External),
                comment: "c".into(),
                force_request: Some(ForceRequest {
                    value: 80.5,
                    note: "n".into(),
                    by: "anna".into(),
                    at,
                }),
                forced: Some(Forced {
                    value: 75.0,
                    reason: "r".into(),
                    by: "oiv".into(),
                    at,
                }),
                not_assessable: Some(NotAssessable {
                    reason: "r".into(),
                    by: "oiv".into(),
                    at,
                }),
            }));
            for p in &mut o.phases {
                (p.planned_start, p.planned_end, p.actual_start, p.actual_end) =
                    (day, day, day, day);
                (p.weight, p.progress) = (Some(12.5), Some(100.0));
            }
            for s in &mut o.structures {
                (s.share, s.start, s.end) = (Some(50.0), day, day);
            }
            for i in &mut o.indicators {
                i.kind = Some(IndicatorKind::Outcome);
                i.baseline = Some(Baseline {
                    value: 1.5,
                    year: 2025,
                });
                i.weight = Some(30.0);
            }
        }
        assert!(
            full.iter()
                .any(|o| !o.indicators.is_empty() && !o.structures.is_empty())
        );
        round_trips(&full);
        let empty: Vec<Objective> = full
            .iter()
            .map(|o| Objective {
                phases: vec![Phase::default()],
                ..Objective::new(&o.code, &o.mission)
            })
            .collect();
        round_trips(&empty);
    }
}
