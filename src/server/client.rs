//! The client side of the socket: a `PlanBackend` for the TUI and the requests
//! the CLI needs. It remembers the version of every objective it has seen, so
//! an edit is sent with the version it was made on, and the server can refuse
//! it when someone else got there first.

use std::collections::{HashMap, HashSet};
use std::io::BufReader;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use super::protocol::{
    HelloProbe, Line, PROTOCOL_VERSION, Request, Response, mismatch_message, read_line, unexpected,
    write_line,
};
use crate::i18n::{Lang, lang, tr};
use crate::model::{Change, Dataset, Objective, ObjectiveField};
use crate::store::{
    AuditEntry, Changes, Draft, ImportReport, Review, SnapshotInfo, StoreError, Versioned,
};
use crate::tui::backend::{PlanBackend, Update};

/// Long enough for an import on a busy server; a server that is stuck is reported after it.
const PATIENCE: Duration = Duration::from_secs(120);

/// Why there is no client.
#[derive(Debug)]
pub enum ConnectError {
    /// Nothing answers on the socket: open the database directly.
    NoServer,
    /// A server is there but cannot be used (other protocol version, no permission).
    Refused(String),
}

struct Conn {
    input: BufReader<UnixStream>,
    output: UnixStream,
}

/// What this client has seen: versions, position in the history, news held back.
#[derive(Default)]
struct Seen {
    versions: HashMap<String, u64>,
    seq: u64,
    epoch: u64,
    held: HashSet<String>,
}

pub struct Client {
    conn: Mutex<Conn>,
    seen: Mutex<Seen>,
    user: String,
    socket: PathBuf,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Client {
    /// Connects to the server on `socket` and says hello.
    pub fn connect(socket: &Path) -> Result<Client, ConnectError> {
        let (conn, user) = open(socket)?;
        Ok(Client {
            conn: Mutex::new(conn),
            seen: Mutex::new(Seen::default()),
            user,
            socket: socket.to_path_buf(),
        })
    }

    /// Who the server knows this client as.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// One request, one response; an error response becomes the error. A server
    /// that went away (restarted after an upgrade, say) is connected to again;
    /// the request is sent again only if repeating it cannot do anything twice.
    fn call(&self, request: &Request) -> Result<Response, StoreError> {
        let mut conn = lock(&self.conn);
        let response = match exchange(&mut conn, request) {
            Ok(r) => r,
            Err(why) => {
                let Ok((fresh, _)) = open(&self.socket) else {
                    return Err(StoreError::Remote(gone(&self.socket, &why)));
                };
                *conn = fresh;
                if !repeatable(request) {
                    return Err(StoreError::Remote(tr(
                        "la connessione al server si è interrotta durante la modifica e ora è ripristinata: \
                         controlla se la modifica è stata salvata (H, obiettivi history) prima di ripeterla",
                        "the connection to the server broke during the change and is now back: \
                         check whether the change was saved (H, obiettivi history) before repeating it",
                    )
                    .into()));
                }
                exchange(&mut conn, request)
                    .map_err(|why| StoreError::Remote(gone(&self.socket, &why)))?
            }
        };
        match response {
            r @ Response::Error { .. } => Err(r.into_error()),
            r => Ok(r),
        }
    }

    /// The plan with every objective's version and the history position.
    pub fn load_versioned(&self) -> Result<(Dataset, Vec<u64>, u64), StoreError> {
        match self.call(&Request::Load)? {
            Response::Plan {
                dataset,
                versions,
                seq,
                epoch,
            } => {
                let mut seen = lock(&self.seen);
                seen.versions = dataset
                    .objectives
                    .iter()
                    .map(|o| o.code.clone())
                    .zip(versions.iter().copied())
                    .collect();
                seen.seq = seq;
                seen.epoch = epoch;
                seen.held.clear();
                Ok((dataset, versions, seq))
            }
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    pub fn versioned(&self, code: &str) -> Result<Option<Versioned>, StoreError> {
        match self.call(&Request::Objective { code: code.into() })? {
            Response::Objective { objective } => {
                if let Some(v) = &objective {
                    lock(&self.seen).versions.insert(code.into(), v.version);
                }
                Ok(objective)
            }
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    /// Applies `changes` on version `expected` of `code` (any version when `None`).
    pub fn apply_at(
        &self,
        code: &str,
        changes: &[Change],
        expected: Option<u64>,
    ) -> Result<Versioned, StoreError> {
        let request = Request::Apply {
            code: code.into(),
            changes: changes.to_vec(),
            expected,
        };
        let result = match self.call(&request) {
            Ok(Response::Applied { objective }) => Ok(objective),
            Ok(other) => Err(StoreError::Remote(unexpected(&other))),
            Err(e) => Err(e),
        };
        // Either way the client now knows the version stored.
        let version = match &result {
            Ok(v) => Some(v.version),
            Err(StoreError::Outdated(c)) => Some(c.version),
            Err(_) => None,
        };
        if let Some(version) = version {
            lock(&self.seen).versions.insert(code.into(), version);
        }
        result
    }

    pub fn history_of(&self, code: Option<&str>) -> Result<Vec<AuditEntry>, StoreError> {
        match self.call(&Request::History {
            code: code.map(str::to_string),
        })? {
            Response::History { entries } => Ok(entries),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    fn import_request(&self, request: Request) -> Result<ImportReport, StoreError> {
        match self.call(&request)? {
            Response::Import { report } => Ok(report),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    pub fn plan_import(&self, dataset: &Dataset) -> Result<ImportReport, StoreError> {
        self.import_request(Request::PlanImport {
            dataset: dataset.clone(),
        })
    }

    pub fn import(&self, dataset: &Dataset) -> Result<ImportReport, StoreError> {
        self.import_request(Request::Import {
            dataset: dataset.clone(),
        })
    }

    pub fn replace(&self, dataset: &Dataset) -> Result<ImportReport, StoreError> {
        self.import_request(Request::Replace {
            dataset: dataset.clone(),
        })
    }

    /// A JSON snapshot beside the database, written by the server; its path.
    pub fn snapshot(&self, reason: &str) -> Result<PathBuf, StoreError> {
        match self.call(&Request::Snapshot {
            reason: reason.into(),
        })? {
            Response::Snapshot { path } => Ok(path),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    /// What changed after history position `seq`, in the server's `epoch`.
    pub fn changes_since(&self, seq: u64, epoch: u64) -> Result<Changes, StoreError> {
        match self.call(&Request::ChangesSince { seq, epoch })? {
            Response::Changes { changes } => Ok(changes),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    /// Sends `request` and takes the answer `pick` recognises; any other is a bug on one side.
    fn ask<T>(
        &self,
        request: Request,
        pick: impl FnOnce(Response) -> Result<T, Box<Response>>,
    ) -> Result<T, StoreError> {
        pick(self.call(&request)?).map_err(|other| StoreError::Remote(unexpected(&other)))
    }

    pub fn snapshot_list(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        self.ask(Request::SnapshotList, |r| match r {
            Response::Snapshots { snapshots } => Ok(snapshots),
            other => Err(Box::new(other)),
        })
    }

    pub fn snapshot_plan(&self, name: &str) -> Result<Dataset, StoreError> {
        self.ask(Request::SnapshotPlan { name: name.into() }, |r| match r {
            Response::Dataset { dataset } => Ok(dataset),
            other => Err(Box::new(other)),
        })
    }

    pub fn snapshot_create(&self, name: &str) -> Result<SnapshotInfo, StoreError> {
        self.ask(Request::SnapshotCreate { name: name.into() }, |r| match r {
            Response::SnapshotCreated { info } => Ok(info),
            other => Err(Box::new(other)),
        })
    }

    pub fn snapshot_delete(&self, name: &str) -> Result<(), StoreError> {
        self.ask(Request::SnapshotDelete { name: name.into() }, |r| match r {
            Response::Done => Ok(()),
            other => Err(Box::new(other)),
        })
    }

    pub fn review_list(&self) -> Result<Vec<Review>, StoreError> {
        self.ask(Request::ReviewList, |r| match r {
            Response::Reviews { reviews } => Ok(reviews),
            other => Err(Box::new(other)),
        })
    }

    fn review_answer(&self, request: Request) -> Result<Review, StoreError> {
        self.ask(request, |r| match r {
            Response::Review { review } => Ok(review),
            other => Err(Box::new(other)),
        })
    }

    pub fn review_get(&self, id: u64) -> Result<Review, StoreError> {
        self.review_answer(Request::ReviewGet { id })
    }

    fn expected(&self, code: &str) -> Option<u64> {
        lock(&self.seen).versions.get(code).copied()
    }
}

/// A connection to `socket` after the hello, and who the server says we are.
fn open(socket: &Path) -> Result<(Conn, String), ConnectError> {
    let stream = match UnixStream::connect(socket) {
        Ok(s) => s,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Err(ConnectError::NoServer);
        }
        Err(e) => {
            return Err(ConnectError::Refused(format!(
                "{} {}: {e}. {}",
                tr(
                    "non riesco a collegarmi al server su",
                    "cannot connect to the server on"
                ),
                socket.display(),
                tr(
                    "Chiedi di essere aggiunto al gruppo del socket.",
                    "Ask to be added to the socket's group."
                )
            )));
        }
    };
    let refused = |e: std::io::Error| ConnectError::Refused(gone(socket, &e.to_string()));
    stream.set_read_timeout(Some(PATIENCE)).map_err(refused)?;
    let mut conn = Conn {
        input: BufReader::new(stream.try_clone().map_err(refused)?),
        output: stream,
    };
    let hello = Request::Hello {
        version: PROTOCOL_VERSION,
        lang: if lang() == Lang::En { "en" } else { "it" }.into(),
    };
    write_line(&mut conn.output, &hello).map_err(refused)?;
    let text = match read_line(&mut conn.input).map_err(refused)? {
        Line::Text(t) => t,
        Line::Closed | Line::Bad(_) => {
            return Err(ConnectError::Refused(gone(socket, "hello")));
        }
    };
    // Only `version` is read first: a server of another version may answer in another shape.
    let probe: Option<HelloProbe> = serde_json::from_str(&text).ok();
    if let Some(v) = probe.as_ref().and_then(|p| p.version)
        && v != PROTOCOL_VERSION
    {
        return Err(ConnectError::Refused(mismatch_message(v, PROTOCOL_VERSION)));
    }
    match serde_json::from_str::<Response>(&text) {
        Ok(Response::Hello { user, .. }) => Ok((conn, user)),
        Ok(other @ Response::Error { .. }) => {
            Err(ConnectError::Refused(other.into_error().to_string()))
        }
        _ => Err(ConnectError::Refused(gone(socket, &text))),
    }
}

/// Sends `request` and reads its response; `Err` says why the connection is lost.
fn exchange(conn: &mut Conn, request: &Request) -> Result<Response, String> {
    write_line(&mut conn.output, request).map_err(|e| e.to_string())?;
    match read_line(&mut conn.input).map_err(|e| e.to_string())? {
        Line::Text(text) => serde_json::from_str(&text).map_err(|e| e.to_string()),
        Line::Closed => Err(tr("connessione chiusa", "connection closed").into()),
        Line::Bad(why) => Err(why),
    }
}

/// Requests that do the same when sent twice: safe to send again on a new connection.
fn repeatable(request: &Request) -> bool {
    !matches!(
        request,
        Request::Apply { .. }
            | Request::Import { .. }
            | Request::Replace { .. }
            | Request::Snapshot { .. }
            | Request::SnapshotCreate { .. }
            | Request::SnapshotDelete { .. }
            | Request::ReviewStart { .. }
    )
}

/// "the server on … does not answer (…)": what to do when it went away.
fn gone(socket: &Path, why: &str) -> String {
    format!(
        "{} {} ({why}). {}",
        tr("il server obiettivi su", "the obiettivi server on"),
        socket.display(),
        tr(
            "non risponde: la modifica in corso potrebbe non essere stata salvata; \
             riavvia obiettivi quando il server è di nuovo attivo",
            "does not answer: the change in progress may not have been saved; \
             restart obiettivi once the server is back"
        )
    )
}

impl PlanBackend for Client {
    fn load(&self) -> Result<Dataset, StoreError> {
        self.load_versioned().map(|(dataset, _, _)| dataset)
    }

    fn poll(&self, hold: Option<&str>) -> Result<Update, StoreError> {
        let (since, epoch) = {
            let seen = lock(&self.seen);
            (seen.seq, seen.epoch)
        };
        let changes = self.changes_since(since, epoch)?;
        if changes.reload {
            // Not under an open editor: its objective might move or go.
            if hold.is_some() {
                return Ok(Update::Nothing);
            }
            return self.load().map(Update::Reload);
        }
        let mut fresh = Vec::new();
        let mut released = Vec::new();
        {
            let mut seen = lock(&self.seen);
            seen.seq = changes.seq;
            for v in changes.objectives {
                let code = v.objective.code.clone();
                if hold == Some(code.as_str()) {
                    seen.held.insert(code);
                } else if seen.versions.get(&code) != Some(&v.version) {
                    seen.versions.insert(code, v.version);
                    fresh.push(v.objective);
                }
            }
            seen.held.retain(|code| {
                let free = hold != Some(code.as_str());
                if free {
                    released.push(code.clone());
                }
                !free
            });
        }
        // News held back during an edit: read now, as they are now.
        for code in released {
            if let Some(v) = self.versioned(&code)? {
                fresh.push(v.objective);
            }
        }
        Ok(if fresh.is_empty() {
            Update::Nothing
        } else {
            Update::Objectives(fresh)
        })
    }

    fn apply(&self, code: &str, changes: &[Change]) -> Result<Objective, StoreError> {
        self.apply_at(code, changes, self.expected(code))
            .map(|v| v.objective)
    }

    fn history(&self, code: &str) -> Result<Vec<AuditEntry>, StoreError> {
        self.history_of(Some(code))
    }

    fn save_draft(&self, code: &str, field: ObjectiveField, text: &str) -> Result<(), StoreError> {
        match self.call(&Request::SaveDraft {
            code: code.into(),
            field,
            text: text.into(),
        })? {
            Response::Done => Ok(()),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    fn draft(&self, code: &str, field: ObjectiveField) -> Result<Option<Draft>, StoreError> {
        match self.call(&Request::Draft {
            code: code.into(),
            field,
        })? {
            Response::Draft { draft } => Ok(draft),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    fn discard_draft(&self, code: &str, field: ObjectiveField) -> Result<(), StoreError> {
        match self.call(&Request::DiscardDraft {
            code: code.into(),
            field,
        })? {
            Response::Done => Ok(()),
            other => Err(StoreError::Remote(unexpected(&other))),
        }
    }

    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        self.snapshot_list()
    }

    fn snapshot_plan(&self, name: &str) -> Result<Dataset, StoreError> {
        Client::snapshot_plan(self, name)
    }

    fn reviews(&self) -> Result<Vec<Review>, StoreError> {
        self.review_list()
    }

    fn start_review(&self, snapshot: Option<&str>) -> Result<Review, StoreError> {
        self.review_answer(Request::ReviewStart {
            snapshot: snapshot.map(str::to_string),
        })
    }

    fn mark_reviewed(&self, review: u64, code: &str, comment: &str) -> Result<Review, StoreError> {
        self.review_answer(Request::ReviewMark {
            id: review,
            code: code.into(),
            comment: comment.into(),
        })
    }
}
