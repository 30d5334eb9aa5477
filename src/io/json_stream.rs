//! Reading a JSON plan without holding it whole (issue 19): the plan's own
//! record, mandates and missions are handed over when the objectives begin,
//! then the objectives in chunks as they are parsed. Memory stays that of a
//! chunk, whatever the size of the file. A file whose fields come in another
//! order than `export`'s is read twice (`read`).

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
    head_of(fields)
}

fn head_of<E>(
    fields: serde_json::Map<String, serde_json::Value>,
) -> Result<Dataset, StreamError<E>> {
    let value = serde_json::Value::Object(fields);
    serde_path_to_error::deserialize::<_, Dataset>(value).map_err(|e| {
        let path = e.path().to_string();
        StreamError::Json(JsonError {
            path,
            reason: super::json::explain(e.inner()),
        })
    })
}

/// The plan in `path`, in one pass when it is written as `export` writes it
/// (the objectives last): `on_head` gets the plan without its objectives as
/// soon as the objectives begin, then `each` gets them, `chunk` at a time.
/// A file with fields after its objectives is read twice (`head`, then
/// `objectives`), `on_head` called again with the whole head.
pub fn read<E>(
    path: &Path,
    chunk: usize,
    mut on_head: impl FnMut(&Dataset) -> Result<(), E>,
    mut each: impl FnMut(Vec<Objective>) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    match pass(path, chunk, Some(&mut on_head), &mut each)? {
        Pass::Whole => {}
        // The head came whole at the end: now the objectives.
        Pass::ObjectivesSkipped => {
            pass(path, chunk, None, &mut each)?;
        }
        Pass::LateFields => {
            on_head(&head(path)?).map_err(StreamError::Chunk)?;
            pass(path, chunk, None, &mut each)?;
        }
    }
    Ok(())
}

/// `read`, with the file parsed on a thread of its own while the caller's
/// thread hands the chunks on (`on_head` and `each` run on the caller's
/// thread): on two cores the parse and the writing overlap. At most two
/// chunks wait between them, so memory stays that of a few chunks.
pub fn read_ahead<E>(
    path: &Path,
    chunk: usize,
    mut on_head: impl FnMut(&Dataset) -> Result<(), E>,
    mut each: impl FnMut(Vec<Objective>) -> Result<(), E>,
) -> Result<(), StreamError<E>> {
    enum Parsed {
        Head(Box<Dataset>),
        Chunk(Vec<Objective>),
    }
    /// The caller stopped taking chunks.
    struct Stopped;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Parsed>(2);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            read(
                path,
                chunk,
                |head| {
                    tx.send(Parsed::Head(Box::new(head.clone())))
                        .map_err(|_| Stopped)
                },
                |objectives| tx.send(Parsed::Chunk(objectives)).map_err(|_| Stopped),
            )
        });
        let mut refused = None;
        for parsed in &rx {
            let done = match parsed {
                Parsed::Head(head) => on_head(&head),
                Parsed::Chunk(objectives) => each(objectives),
            };
            if let Err(e) = done {
                refused = Some(e);
                break;
            }
        }
        drop(rx);
        let parsed = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if let Some(e) = refused {
            return Err(StreamError::Chunk(e));
        }
        parsed.map_err(|e| match e {
            StreamError::Json(e) => StreamError::Json(e),
            StreamError::Read(e) => StreamError::Read(e),
            // Only the caller stops the parser, and it has said why above.
            StreamError::Chunk(Stopped) => StreamError::Json(JsonError {
                path: String::new(),
                reason: String::new(),
            }),
        })
    })
}

/// How a pass that collected the head went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Head, then every objective.
    Whole,
    /// The head was not whole when the objectives began (its fields in
    /// another order): they were skipped, and the head handed over at the end.
    ObjectivesSkipped,
    /// A field came after the objectives: the head handed over lacked it.
    LateFields,
}

/// The fields a plan's head has before its objectives in a file `export` wrote.
const HEAD_FIELDS: [&str; 4] = ["schema", "plan", "mandates", "missions"];

type OnHead<'h, E> = Option<&'h mut dyn FnMut(&Dataset) -> Result<(), E>>;

/// One pass over the file: the objectives to `each`; with `on_head`, the
/// fields before them collected and handed over first.
fn pass<E>(
    path: &Path,
    chunk: usize,
    on_head: OnHead<'_, E>,
    each: &mut dyn FnMut(Vec<Objective>) -> Result<(), E>,
) -> Result<Pass, StreamError<E>> {
    let (file, _) = open_regular(path).map_err(StreamError::Read)?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(file));
    let state = RefCell::new(Chunks {
        chunk: chunk.max(1),
        pending: Vec::new(),
        each,
        failed: None,
        at: 0,
        on_head,
        head: Some(serde_json::Map::new()),
        late: false,
        skipped: false,
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
    // A file without objectives: its head, at its end.
    state.hand_over_head()?;
    let rest = std::mem::take(&mut state.pending);
    if !rest.is_empty() {
        (state.each)(rest).map_err(StreamError::Chunk)?;
    }
    Ok(if state.skipped {
        Pass::ObjectivesSkipped
    } else if state.late {
        Pass::LateFields
    } else {
        Pass::Whole
    })
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

struct Chunks<'f, 'h, E> {
    chunk: usize,
    pending: Vec<Objective>,
    each: &'f mut dyn FnMut(Vec<Objective>) -> Result<(), E>,
    /// What stopped the read: an objective that does not parse, or `each`'s refusal.
    failed: Option<StreamError<E>>,
    /// The index of the next objective in the file.
    at: usize,
    on_head: OnHead<'h, E>,
    /// The fields read so far, until they are handed over.
    head: Option<serde_json::Map<String, serde_json::Value>>,
    /// A field came after the objectives.
    late: bool,
    /// The objectives were skipped: the head was not whole before them.
    skipped: bool,
}

impl<E> Chunks<'_, '_, E> {
    /// The fields read so far, as the plan's head, to `on_head` (once).
    fn hand_over_head(&mut self) -> Result<(), StreamError<E>> {
        let (Some(on_head), Some(fields)) = (self.on_head.as_mut(), self.head.take()) else {
            return Ok(());
        };
        on_head(&head_of(fields)?).map_err(StreamError::Chunk)
    }
}

struct ObjectivesVisitor<'a, 'f, 'h, E>(&'a RefCell<Chunks<'f, 'h, E>>);

impl<'de, E> Visitor<'de> for ObjectivesVisitor<'_, '_, '_, E> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an obiettivi JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let collecting = {
                let state = self.0.borrow();
                state.on_head.is_some() && state.head.is_some()
            };
            let whole = |state: &Chunks<E>| {
                state
                    .head
                    .as_ref()
                    .is_some_and(|h| HEAD_FIELDS.iter().all(|f| h.contains_key(*f)))
            };
            if key == "objectives" && collecting && !whole(&self.0.borrow()) {
                self.0.borrow_mut().skipped = true;
                map.next_value::<IgnoredAny>()?;
            } else if key == "objectives" {
                if collecting {
                    let handed = self.0.borrow_mut().hand_over_head();
                    if let Err(e) = handed {
                        self.0.borrow_mut().failed = Some(e);
                        return Err(de::Error::custom("stopped"));
                    }
                }
                map.next_value_seed(ObjectivesVisitor(self.0))?;
            } else if collecting {
                let value = map.next_value()?;
                if let Some(head) = self.0.borrow_mut().head.as_mut() {
                    head.insert(key, value);
                }
            } else {
                let mut state = self.0.borrow_mut();
                state.late |= state.on_head.is_some();
                drop(state);
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

impl<'de, E> DeserializeSeed<'de> for ObjectivesVisitor<'_, '_, '_, E> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// One objective, parsed with the path of any problem in it.
struct One<'a, 'f, 'h, E>(&'a RefCell<Chunks<'f, 'h, E>>);

impl<'de, E> DeserializeSeed<'de> for One<'_, '_, '_, E> {
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
