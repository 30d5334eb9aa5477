//! Reading a JSON plan without holding it whole (issue 19): a first pass
//! over the file reads everything but the objectives, a second hands the
//! objectives over in chunks as they are parsed. Memory stays that of a
//! chunk, whatever the size of the file; the file is read twice, from the
//! page cache the second time.

use std::cell::RefCell;
use std::fmt;
use std::io::BufReader;
use std::path::Path;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::json::{JsonError, located};
use crate::files::read::{ReadError, open_regular};
use crate::i18n::tr;
use crate::model::{Dataset, Objective};

/// Why a chunked read stopped: the file, or what was done with a chunk.
#[derive(Debug)]
pub enum StreamError<E> {
    Json(JsonError),
    Read(ReadError),
    Chunk(E),
}

impl<E: fmt::Display> fmt::Display for StreamError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Json(e) => write!(f, "{e}"),
            StreamError::Read(e) => write!(f, "{e}"),
            StreamError::Chunk(e) => write!(f, "{e}"),
        }
    }
}

/// The plan in `path` without its objectives (its own record, mandates, missions).
pub fn head<E>(path: &Path) -> Result<Dataset, StreamError<E>> {
    let (file, _) = open_regular(path).map_err(StreamError::Read)?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(file));
    let fields = de
        .deserialize_map(HeadVisitor)
        .map_err(|e| StreamError::Json(located(String::new(), &e)))?;
    let value = serde_json::Value::Object(fields);
    serde_path_to_error::deserialize::<_, Dataset>(value).map_err(|e| {
        let path = e.path().to_string();
        StreamError::Json(JsonError {
            path,
            reason: super::json::explain(e.inner()),
        })
    })
}

/// Hands the objectives of `path` to `each`, `chunk` at a time, in file order.
pub fn objectives<E>(
    path: &Path,
    chunk: usize,
    each: impl FnMut(Vec<Objective>) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    let (file, _) = open_regular(path).map_err(StreamError::Read)?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(file));
    let state = RefCell::new(Chunks {
        chunk: chunk.max(1),
        pending: Vec::new(),
        each,
        failed: None,
        at: 0,
    });
    let read = de.deserialize_map(ObjectivesVisitor(&state));
    let mut state = state.into_inner();
    match (state.failed.take(), &read) {
        // The line is the reader's: said of the objective's own path.
        (Some(StreamError::Json(e)), Err(outer)) => {
            return Err(StreamError::Json(
                located(e.path, outer).with_reason(e.reason),
            ));
        }
        (Some(e), _) => return Err(e),
        (None, _) => {}
    }
    read.map_err(|e| StreamError::Json(located(String::new(), &e)))?;
    let rest = std::mem::take(&mut state.pending);
    if !rest.is_empty() {
        (state.each)(rest).map_err(StreamError::Chunk)?;
    }
    Ok(())
}

/// Every top-level field as a JSON value, but the objectives (skipped).
struct HeadVisitor;

impl<'de> Visitor<'de> for HeadVisitor {
    type Value = serde_json::Map<String, serde_json::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an obiettivi JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "objectives" {
                map.next_value::<IgnoredAny>()?;
            } else {
                out.insert(key, map.next_value()?);
            }
        }
        Ok(out)
    }
}

struct Chunks<F, E> {
    chunk: usize,
    pending: Vec<Objective>,
    each: F,
    /// What stopped the read: an objective that does not parse, or `each`'s refusal.
    failed: Option<StreamError<E>>,
    /// The index of the next objective in the file.
    at: usize,
}

struct ObjectivesVisitor<'a, F, E>(&'a RefCell<Chunks<F, E>>);

impl<'de, F: FnMut(Vec<Objective>) -> Result<(), E>, E> Visitor<'de>
    for ObjectivesVisitor<'_, F, E>
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an obiettivi JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "objectives" {
                map.next_value_seed(ObjectivesVisitor(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(One(self.0))?.is_some() {
            let mut state = self.0.borrow_mut();
            if state.pending.len() >= state.chunk {
                let chunk = std::mem::take(&mut state.pending);
                if let Err(e) = (state.each)(chunk) {
                    state.failed = Some(StreamError::Chunk(e));
                    return Err(de::Error::custom("stopped"));
                }
            }
        }
        Ok(())
    }
}

impl<'de, F: FnMut(Vec<Objective>) -> Result<(), E>, E> DeserializeSeed<'de>
    for ObjectivesVisitor<'_, F, E>
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// One objective, parsed with the path of any problem in it.
struct One<'a, F, E>(&'a RefCell<Chunks<F, E>>);

impl<'de, F, E> DeserializeSeed<'de> for One<'_, F, E> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let at = self.0.borrow().at;
        match serde_path_to_error::deserialize::<_, Objective>(d) {
            Ok(o) => {
                let mut state = self.0.borrow_mut();
                state.pending.push(o);
                state.at += 1;
                Ok(())
            }
            Err(e) => {
                let inner = e.path().to_string();
                let path = match inner.as_str() {
                    "." | "" => format!("objectives[{at}]"),
                    p => format!("objectives[{at}].{p}"),
                };
                let reason = super::json::explain_text(&e.into_inner().to_string());
                self.0.borrow_mut().failed = Some(StreamError::Json(JsonError { path, reason }));
                Err(de::Error::custom(tr(
                    "oggetto non valido",
                    "invalid object",
                )))
            }
        }
    }
}
