//! Reading a JSON plan without holding it whole (issue 19): the plan's own
//! record, mandates and missions are handed over when the objectives begin,
//! then the objectives in chunks as they are parsed. Memory stays that of a
//! chunk, whatever the size of the file. A file whose fields come in another
//! order than `export`'s is read twice (`read`).

use std::cell::RefCell;
use std::convert::Infallible;
use std::fmt;
use std::io::BufReader;
use std::path::Path;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::json::{JsonError, located};
use super::json_blocks::Blocks;
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
/// fields before them collected and handed over first. Read in blocks, each
/// value parsed from its own bytes; a file that does not read so is read
/// again the slow way (`slow_pass`), to say where and why as it always did.
fn pass<E>(
    path: &Path,
    chunk: usize,
    on_head: OnHead<'_, E>,
    each: &mut dyn FnMut(Vec<Objective>) -> Result<(), E>,
) -> Result<Pass, StreamError<E>> {
    let with_head = on_head.is_some();
    match fast_pass(path, Chunks::new(chunk, on_head, each))? {
        Some(pass) => Ok(pass),
        None => Err(diagnosis(path, with_head)),
    }
}

/// Why the file did not read: the slow pass over it, with nothing handed on.
fn diagnosis<E>(path: &Path, with_head: bool) -> StreamError<E> {
    let mut no_head = |_: &Dataset| Ok(());
    let on_head: OnHead<'_, Infallible> = with_head.then_some(&mut no_head);
    match slow_pass(path, 1, on_head, &mut |_| Ok(())) {
        Err(StreamError::Json(e)) => StreamError::Json(e),
        Err(StreamError::Read(e)) => StreamError::Read(e),
        Err(StreamError::Chunk(never)) => match never {},
        // The scanner refused what serde_json reads: not expected, still said.
        Ok(_) => StreamError::Json(JsonError {
            path: String::new(),
            reason: tr("JSON non leggibile", "unreadable JSON").to_string(),
        }),
    }
}

/// `pass` over the file read in blocks; `None` as soon as it does not read
/// so (a syntax error, an objective that does not parse).
fn fast_pass<E>(path: &Path, mut state: Chunks<'_, '_, E>) -> Result<Option<Pass>, StreamError<E>> {
    let (file, _) = open_regular(path).map_err(StreamError::Read)?;
    let mut blocks = Blocks::new(file);
    let read = |e| StreamError::Read(ReadError::Io(e));
    if blocks.peek().map_err(read)? != Some(b'{') {
        return Ok(None);
    }
    blocks.bump();
    if blocks.peek().map_err(read)? == Some(b'}') {
        blocks.bump();
    } else {
        loop {
            let key = blocks.value().map_err(read)?;
            let Some(key) = key.and_then(|k| serde_json::from_slice::<String>(k).ok()) else {
                return Ok(None);
            };
            if blocks.peek().map_err(read)? != Some(b':') {
                return Ok(None);
            }
            blocks.bump();
            let read_whole = match state.field(key)? {
                Field::Objectives => objectives(&mut blocks, &mut state)?,
                Field::Skip => blocks.skip().map_err(read)?,
                Field::Collect(key) => {
                    let value = blocks.value().map_err(read)?;
                    match value.and_then(|v| serde_json::from_slice(v).ok()) {
                        Some(value) => state.collect(key, value),
                        None => false,
                    }
                }
            };
            if !read_whole {
                return Ok(None);
            }
            match blocks.peek().map_err(read)? {
                Some(b',') => blocks.bump(),
                Some(b'}') => break,
                _ => return Ok(None),
            }
        }
    }
    state.finish().map(Some)
}

/// The objectives' array, each handed on; false when it does not read.
fn objectives<E>(
    blocks: &mut Blocks<std::fs::File>,
    state: &mut Chunks<'_, '_, E>,
) -> Result<bool, StreamError<E>> {
    let read = |e| StreamError::Read(ReadError::Io(e));
    if blocks.peek().map_err(read)? != Some(b'[') {
        return Ok(false);
    }
    blocks.bump();
    if blocks.peek().map_err(read)? == Some(b']') {
        blocks.bump();
        return Ok(true);
    }
    loop {
        let value = blocks.value().map_err(read)?;
        let Some(objective) = value.and_then(|v| serde_json::from_slice::<Objective>(v).ok())
        else {
            return Ok(false);
        };
        state.push(objective)?;
        match blocks.peek().map_err(read)? {
            Some(b',') => blocks.bump(),
            Some(b']') => {
                blocks.bump();
                return Ok(true);
            }
            _ => return Ok(false),
        }
    }
}

/// `pass` through serde_json's reader, the path of every value tracked:
/// what says where a file that does not read is wrong.
fn slow_pass<E>(
    path: &Path,
    chunk: usize,
    on_head: OnHead<'_, E>,
    each: &mut dyn FnMut(Vec<Objective>) -> Result<(), E>,
) -> Result<Pass, StreamError<E>> {
    let (file, _) = open_regular(path).map_err(StreamError::Read)?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(file));
    let state = RefCell::new(Chunks::new(chunk, on_head, each));
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
    state.finish()
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

/// What a pass does with a top-level field of the file.
enum Field {
    /// Collected into the head (its key given back).
    Collect(String),
    /// The objectives: read and handed on.
    Objectives,
    /// Passed over: the objectives before the head was whole, or a field
    /// once the head was handed over.
    Skip,
}

impl<'f, 'h, E> Chunks<'f, 'h, E> {
    fn new(
        chunk: usize,
        on_head: OnHead<'h, E>,
        each: &'f mut dyn FnMut(Vec<Objective>) -> Result<(), E>,
    ) -> Self {
        Chunks {
            chunk: chunk.max(1),
            pending: Vec::new(),
            each,
            failed: None,
            at: 0,
            on_head,
            head: Some(serde_json::Map::new()),
            late: false,
            skipped: false,
        }
    }

    /// What to do with the field `key`, the head handed over when the
    /// objectives begin after it whole.
    fn field(&mut self, key: String) -> Result<Field, StreamError<E>> {
        let collecting = self.on_head.is_some() && self.head.is_some();
        let whole = self
            .head
            .as_ref()
            .is_some_and(|h| HEAD_FIELDS.iter().all(|f| h.contains_key(*f)));
        Ok(match key.as_str() {
            "objectives" if collecting && !whole => {
                self.skipped = true;
                Field::Skip
            }
            "objectives" => {
                if collecting {
                    self.hand_over_head()?;
                }
                Field::Objectives
            }
            _ if collecting => Field::Collect(key),
            _ => {
                self.late |= self.on_head.is_some();
                Field::Skip
            }
        })
    }

    /// A field of the head, kept until it is handed over; true (it read).
    fn collect(&mut self, key: String, value: serde_json::Value) -> bool {
        if let Some(head) = self.head.as_mut() {
            head.insert(key, value);
        }
        true
    }

    /// The next objective of the file; a chunk handed on when it is full.
    fn push(&mut self, objective: Objective) -> Result<(), StreamError<E>> {
        self.pending.push(objective);
        self.at += 1;
        if self.pending.len() >= self.chunk {
            let chunk = std::mem::take(&mut self.pending);
            (self.each)(chunk).map_err(StreamError::Chunk)?;
        }
        Ok(())
    }

    /// The end of the file: the head if not yet handed over (a file without
    /// objectives), the last objectives, and how the pass went.
    fn finish(mut self) -> Result<Pass, StreamError<E>> {
        self.hand_over_head()?;
        let rest = std::mem::take(&mut self.pending);
        if !rest.is_empty() {
            (self.each)(rest).map_err(StreamError::Chunk)?;
        }
        Ok(if self.skipped {
            Pass::ObjectivesSkipped
        } else if self.late {
            Pass::LateFields
        } else {
            Pass::Whole
        })
    }

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
            let field = self.0.borrow_mut().field(key);
            match field {
                Err(e) => {
                    self.0.borrow_mut().failed = Some(e);
                    return Err(de::Error::custom("stopped"));
                }
                Ok(Field::Objectives) => map.next_value_seed(ObjectivesVisitor(self.0))?,
                Ok(Field::Skip) => {
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(Field::Collect(key)) => {
                    let value = map.next_value()?;
                    self.0.borrow_mut().collect(key, value);
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(One(self.0))?.is_some() {}
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
                state.push(o).map_err(|e| {
                    state.failed = Some(e);
                    de::Error::custom("stopped")
                })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The head and the objectives as `read` hands them over, in order.
    fn read_all(path: &Path, chunk: usize) -> Result<(Vec<Dataset>, Vec<Objective>), String> {
        let (mut heads, mut objectives) = (Vec::new(), Vec::new());
        read::<Infallible>(
            path,
            chunk,
            |h| {
                heads.push(h.clone());
                Ok(())
            },
            |c| {
                objectives.extend(c);
                Ok(())
            },
        )
        .map_err(|e| e.to_string())?;
        Ok((heads, objectives))
    }

    /// What one slow pass reads of the same file.
    fn read_slowly(path: &Path) -> Result<(Vec<Dataset>, Vec<Objective>), String> {
        let (mut heads, mut objectives) = (Vec::new(), Vec::new());
        let mut on_head = |h: &Dataset| {
            heads.push(h.clone());
            Ok(())
        };
        slow_pass::<Infallible>(path, 3, Some(&mut on_head), &mut |c| {
            objectives.extend(c);
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        Ok((heads, objectives))
    }

    fn written(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_plan_reads_the_same_in_blocks_as_through_serde_jsons_reader() {
        let dir = tempfile::tempdir().unwrap();
        let shipped: serde_json::Value = serde_json::from_str(crate::io::SHIPPED_JSON).unwrap();
        let mut escaped = shipped.clone();
        escaped["objectives"][0]["narratives"]["year1"] =
            "«virgolette» \"dentro\", \\ e }] {[ e \u{1}\ttab\n".into();
        let sorted = serde_json::to_string(&shipped).unwrap(); // serde_json's map: keys sorted
        let files = [
            ("pretty", serde_json::to_string_pretty(&shipped).unwrap()),
            ("compact, keys sorted", sorted),
            ("escapes", serde_json::to_string_pretty(&escaped).unwrap()),
        ];
        for (name, text) in files {
            let path = written(dir.path(), "plan.json", &text);
            let (heads, objectives) = read_all(&path, 3).unwrap();
            let whole: Dataset = serde_json::from_str(&text).unwrap();
            assert_eq!(objectives.len(), 8, "{name}");
            assert_eq!(objectives, whole.objectives, "{name}");
            let head = Dataset {
                objectives: Vec::new(),
                ..whole
            };
            assert_eq!(heads.last(), Some(&head), "{name}");
        }
        let escaped = read_all(
            &written(
                dir.path(),
                "e.json",
                &serde_json::to_string(&escaped).unwrap(),
            ),
            1,
        );
        assert_eq!(
            escaped.unwrap().1[0].narratives.year1,
            "«virgolette» \"dentro\", \\ e }] {[ e \u{1}\ttab\n"
        );
    }

    #[test]
    fn a_broken_file_is_said_where_as_the_slow_pass_says_it() {
        let dir = tempfile::tempdir().unwrap();
        // As `export` writes it: the objectives last, read in one pass.
        let pretty = crate::io::SHIPPED_JSON;
        let weight = pretty.replacen("\"weight\": null", "\"weight\": \"40%\"", 1);
        let cut = &pretty[..pretty.len() / 2];
        let comma = pretty.replacen("\"stakeholders\": [", "\"stakeholders\": [,", 1);
        for (name, text) in [("weight", weight.as_str()), ("cut", cut), ("comma", &comma)] {
            let path = written(dir.path(), "broken.json", text);
            let said = read_all(&path, 2).unwrap_err();
            assert_eq!(said, read_slowly(&path).unwrap_err(), "{name}");
            assert!(
                said.contains("riga") || said.contains("line"),
                "{name}: {said}"
            );
        }
    }
}
