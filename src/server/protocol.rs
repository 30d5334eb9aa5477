//! The wire protocol between `obiettivi serve` and its clients: JSON, one
//! object per line, one response per request, in order. The first request is
//! always `hello` with the protocol version; a server and a client of different
//! versions stop there with a message saying which side to update.
//!
//! The `hello` exchange is read leniently (only `op` and `version`), so that
//! versions that change everything else still recognise each other.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::i18n::tr;
use crate::model::{Change, Dataset, ObjectiveField};
use crate::store::{
    AuditEntry, Changes, Conflict, Draft, ImportReport, Review, SnapshotInfo, StoreError, Versioned,
};

/// Bumped on any change a peer of the previous version would misread.
pub const PROTOCOL_VERSION: u32 = 1;

/// Longest line either side accepts: a whole plan for an import fits many times over.
pub const MAX_LINE: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// `lang`: "it" or "en", for the messages the server writes for this client.
    Hello {
        version: u32,
        #[serde(default)]
        lang: String,
    },
    /// The whole plan with every objective's version.
    Load,
    Objective {
        code: String,
    },
    /// `expected`: the version the edit was made on (`None`: whatever is stored).
    Apply {
        code: String,
        changes: Vec<Change>,
        expected: Option<u64>,
    },
    History {
        code: Option<String>,
    },
    SaveDraft {
        code: String,
        field: ObjectiveField,
        text: String,
    },
    Draft {
        code: String,
        field: ObjectiveField,
    },
    DiscardDraft {
        code: String,
        field: ObjectiveField,
    },
    /// What an import would change (writes nothing).
    PlanImport {
        dataset: Dataset,
    },
    Import {
        dataset: Dataset,
    },
    /// Restore: the whole plan replaced.
    Replace {
        dataset: Dataset,
    },
    /// A JSON snapshot beside the database, on the server's disk.
    Snapshot {
        reason: String,
    },
    /// The objectives changed after history position `seq` (live refresh).
    /// `epoch`: as received with the plan; another one means "read everything again".
    ChangesSince {
        seq: u64,
        #[serde(default)]
        epoch: u64,
    },
    /// Monitoring snapshots kept in the database (not the JSON backups above).
    SnapshotList,
    SnapshotPlan {
        name: String,
    },
    SnapshotCreate {
        name: String,
    },
    SnapshotDelete {
        name: String,
    },
    /// Review sessions (review mode, minutes).
    ReviewList,
    ReviewGet {
        id: u64,
    },
    ReviewStart {
        snapshot: Option<String>,
    },
    ReviewMark {
        id: u64,
        code: String,
        comment: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Response {
    /// `user`: who the server knows this client as (from the socket, not from the client).
    Hello {
        version: u32,
        user: String,
    },
    /// `epoch` changes when the server starts and after every import or restore
    /// (they may change mandates and missions, which have no history positions).
    Plan {
        dataset: Dataset,
        versions: Vec<u64>,
        seq: u64,
        #[serde(default)]
        epoch: u64,
    },
    Objective {
        objective: Option<Versioned>,
    },
    Applied {
        objective: Versioned,
    },
    History {
        entries: Vec<AuditEntry>,
    },
    Draft {
        draft: Option<Draft>,
    },
    Done,
    Import {
        report: ImportReport,
    },
    Snapshot {
        path: PathBuf,
    },
    Changes {
        changes: Changes,
    },
    Snapshots {
        snapshots: Vec<SnapshotInfo>,
    },
    SnapshotCreated {
        info: SnapshotInfo,
    },
    /// A plan kept under a snapshot.
    Dataset {
        dataset: Dataset,
    },
    Reviews {
        reviews: Vec<Review>,
    },
    Review {
        review: Review,
    },
    Error {
        kind: ErrorKind,
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conflict: Option<Box<Conflict>>,
        /// With `VersionMismatch`: the server's protocol version.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u32>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A value or a change the rules refuse; nothing was written.
    Refused,
    /// The user's role does not allow it.
    Forbidden,
    /// The edit was made on an outdated version (`conflict` says by whom).
    Outdated,
    NotFound,
    /// A line that is not a request of this protocol.
    BadRequest,
    VersionMismatch,
    /// The database failed (disk full, I/O error).
    Store,
}

impl Response {
    /// The response that carries `error` to the client.
    pub fn from_error(error: StoreError) -> Response {
        let kind = match &error {
            StoreError::Refused(_) => ErrorKind::Refused,
            StoreError::Forbidden(_) => ErrorKind::Forbidden,
            StoreError::Outdated(_) => ErrorKind::Outdated,
            StoreError::NoSuchObjective(_)
            | StoreError::NoSuchSnapshot(_)
            | StoreError::NoSuchReview(_) => ErrorKind::NotFound,
            _ => ErrorKind::Store,
        };
        let message = error.to_string();
        let conflict = match error {
            StoreError::Outdated(c) => Some(c),
            _ => None,
        };
        Response::Error {
            kind,
            message,
            conflict,
            version: None,
        }
    }

    /// The error back into what the client's caller expects.
    pub fn into_error(self) -> StoreError {
        match self {
            Response::Error {
                conflict: Some(c), ..
            } => StoreError::Outdated(c),
            Response::Error {
                kind: ErrorKind::Forbidden,
                message,
                ..
            } => StoreError::Forbidden(message),
            Response::Error { message, .. } => StoreError::Remote(message),
            other => StoreError::Remote(unexpected(&other)),
        }
    }

    pub fn bad_request(message: String) -> Response {
        Response::Error {
            kind: ErrorKind::BadRequest,
            message,
            conflict: None,
            version: None,
        }
    }
}

/// A response that does not answer the request sent: a bug on one side.
pub fn unexpected(response: &Response) -> String {
    let text = serde_json::to_string(response).unwrap_or_default();
    let short: String = text.chars().take(120).collect();
    format!(
        "{}: {short}",
        tr(
            "risposta inattesa dal server",
            "unexpected answer from the server"
        )
    )
}

/// "the server speaks version X, this program Y: update …", in the reader's language.
pub fn mismatch_message(server: u32, client: u32) -> String {
    let update = if server > client {
        tr(
            "aggiornare obiettivi su questo computer (o usare la stessa versione del server)",
            "update obiettivi on this computer (or use the server's version)",
        )
    } else {
        tr(
            "aggiornare il server (obiettivi serve) e riavviarlo",
            "update the server (obiettivi serve) and restart it",
        )
    };
    format!(
        "{} {server} {}{client}: {update}",
        tr("il server parla la versione", "the server speaks version"),
        tr(
            "del protocollo, questo programma la ",
            "of the protocol, this program ",
        ),
    )
}

/// The fields of a `hello` every version agrees on.
#[derive(Debug, Deserialize)]
pub struct HelloProbe {
    pub op: Option<String>,
    pub result: Option<String>,
    pub version: Option<u32>,
}

/// Writes `value` as one line and flushes it.
pub fn write_line<T: Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    out.write_all(&bytes)?;
    out.flush()
}

/// What reading a line gave.
#[derive(Debug, PartialEq)]
pub enum Line {
    Text(String),
    /// The peer closed the connection (or closed it mid-line).
    Closed,
    /// Longer than `MAX_LINE`, or not UTF-8.
    Bad(String),
}

/// Reads one line, refusing more than `MAX_LINE` bytes, so that a peer cannot
/// make the other side hold an endless line in memory.
pub fn read_line(input: &mut impl BufRead) -> std::io::Result<Line> {
    let mut buf = Vec::new();
    let read = input
        .by_ref()
        .take(MAX_LINE as u64 + 1)
        .read_until(b'\n', &mut buf)?;
    if read == 0 || buf.last() != Some(&b'\n') {
        if buf.len() > MAX_LINE {
            return Ok(Line::Bad(format!(
                "{} {MAX_LINE} byte",
                tr("riga più lunga di", "line longer than")
            )));
        }
        return Ok(Line::Closed);
    }
    buf.pop();
    match String::from_utf8(buf) {
        Ok(text) => Ok(Line::Text(text)),
        Err(_) => Ok(Line::Bad(
            tr("riga non in UTF-8", "line not in UTF-8").into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ObjectiveField, Value};

    #[test]
    fn every_request_survives_a_round_trip_through_a_line() {
        let requests = vec![
            Request::Hello {
                version: PROTOCOL_VERSION,
                lang: "it".into(),
            },
            Request::Load,
            Request::Apply {
                code: "05_1201_0601".into(),
                changes: vec![Change::SetObjective {
                    objective: "05_1201_0601".into(),
                    field: ObjectiveField::Year1,
                    value: Value::Text("riga\n{\"op\":\"load\"}".into()),
                }],
                expected: Some(7),
            },
            Request::ChangesSince { seq: 42, epoch: 3 },
            Request::SnapshotCreate {
                name: "Monitoraggio 30/06/2026".into(),
            },
            Request::ReviewStart { snapshot: None },
            Request::ReviewMark {
                id: 2,
                code: "05_1201_0601".into(),
                comment: "ok\nriga".into(),
            },
            Request::Import {
                dataset: crate::io::shipped(),
            },
        ];
        for request in requests {
            let mut wire = Vec::new();
            write_line(&mut wire, &request).unwrap();
            assert_eq!(wire.iter().filter(|b| **b == b'\n').count(), 1);
            let Line::Text(text) = read_line(&mut wire.as_slice()).unwrap() else {
                panic!("one line expected");
            };
            assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
        }
    }

    #[test]
    fn an_error_keeps_its_conflict_across_the_wire() {
        let conflict = Conflict {
            code: "X".into(),
            version: 3,
            by: Some("anna".into()),
            at: None,
            current: crate::model::Objective::new("X", "M"),
        };
        let response = Response::from_error(StoreError::Outdated(Box::new(conflict.clone())));
        let text = serde_json::to_string(&response).unwrap();
        let back: Response = serde_json::from_str(&text).unwrap();
        match back.into_error() {
            StoreError::Outdated(c) => assert_eq!(*c, conflict),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_truncated_or_endless_line_is_not_a_request() {
        assert_eq!(read_line(&mut &b"{\"op\":\"lo"[..]).unwrap(), Line::Closed);
        assert_eq!(read_line(&mut &b""[..]).unwrap(), Line::Closed);
        let endless = vec![b'x'; MAX_LINE + 10];
        assert!(matches!(
            read_line(&mut endless.as_slice()).unwrap(),
            Line::Bad(_)
        ));
    }

    #[test]
    fn the_mismatch_message_names_both_versions() {
        let m = mismatch_message(2, 1);
        assert!(
            m.starts_with(
                "il server parla la versione 2 del protocollo, questo programma la 1: aggiornare"
            ),
            "{m}"
        );
    }
}
