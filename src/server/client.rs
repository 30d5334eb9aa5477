//! The client side of the socket: a `service::Transport`, so it is a
//! `PlanService` for the TUI and the CLI like the database opened directly.

use std::io::BufReader;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use super::protocol::{
    Hello, HelloProbe, Line, PROTOCOL_VERSION, Welcome, mismatch_message, read_line, write_line,
};
use crate::i18n::{Lang, lang, tr, tr_string};
use crate::service::{Access, Request, Response, ServiceError, Transport};
use crate::tr_format;

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

pub struct Client {
    conn: Mutex<Conn>,
    user: String,
    socket: PathBuf,
    /// The plan asked for in the hello (again on a new connection).
    plan: Option<String>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Client {
    /// Connects to the server on `socket` and says hello, asking for the
    /// plan titled `plan` (the default one when `None`).
    pub fn connect(socket: &Path, plan: Option<&str>) -> Result<Client, ConnectError> {
        let (conn, user) = open(socket, plan)?;
        Ok(Client {
            conn: Mutex::new(conn),
            user,
            socket: socket.to_path_buf(),
            plan: plan.map(str::to_string),
        })
    }

    /// Who the server knows this client as.
    pub fn user(&self) -> &str {
        &self.user
    }
}

impl Transport for Client {
    /// A new connection, its hello naming the plan (refused as the server
    /// refuses an unknown title: naming the plans there are).
    fn on_plan(&self, title: &str) -> Result<Box<dyn crate::service::PlanService>, ServiceError> {
        match Client::connect(&self.socket, Some(title)) {
            Ok(client) => Ok(Box::new(client)),
            Err(ConnectError::Refused(why)) => Err(ServiceError::Unavailable(why)),
            Err(ConnectError::NoServer) => Err(ServiceError::Unavailable(gone(
                &self.socket,
                tr("connessione chiusa", "connection closed"),
            ))),
        }
    }

    /// One request, one response. A server that went away (restarted after an
    /// upgrade, say) is connected to again; the request is sent again only if
    /// repeating it cannot do anything twice.
    fn call(&self, request: Request) -> Result<Response, ServiceError> {
        let mut conn = lock(&self.conn);
        match exchange(&mut conn, &request) {
            Ok(r) => Ok(r),
            Err(why) => {
                let Ok((fresh, _)) = open(&self.socket, self.plan.as_deref()) else {
                    return Err(ServiceError::Unavailable(gone(&self.socket, &why)));
                };
                *conn = fresh;
                if request.access() == Access::Write {
                    return Err(ServiceError::Unavailable(tr_string(
                        "la connessione al server si è interrotta durante la modifica e ora è ripristinata: \
                         controlla se la modifica è stata salvata (H, obiettivi history) prima di ripeterla",
                        "the connection to the server broke during the change and is now back: \
                         check whether the change was saved (H, obiettivi history) before repeating it",
                    )));
                }
                exchange(&mut conn, &request)
                    .map_err(|why| ServiceError::Unavailable(gone(&self.socket, &why)))
            }
        }
    }
}

/// A connection to `socket` after the hello (on plan `plan`), and who the server says we are.
fn open(socket: &Path, plan: Option<&str>) -> Result<(Conn, String), ConnectError> {
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
            return Err(ConnectError::Refused(tr_format!(
                "non riesco a collegarmi al server su {}: {}. Chiedi di essere aggiunto al gruppo del socket.",
                "cannot connect to the server on {}: {}. Ask to be added to the socket's group.",
                socket.display(),
                crate::i18n::os_error(&e)
            )));
        }
    };
    let refused = |e: std::io::Error| ConnectError::Refused(gone(socket, &lost(&e)));
    stream.set_read_timeout(Some(PATIENCE)).map_err(refused)?;
    let mut conn = Conn {
        input: BufReader::new(stream.try_clone().map_err(refused)?),
        output: stream,
    };
    let hello = Hello::Hello {
        version: PROTOCOL_VERSION,
        lang: if lang() == Lang::En { "en" } else { "it" }.into(),
        plan: plan.map(str::to_string),
    };
    // A server that refuses says why at once and hangs up, maybe before the
    // hello is written (a broken pipe): its answer is read all the same.
    match write_line(&mut conn.output, &hello) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(refused(e)),
        _ => {}
    }
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
    match serde_json::from_str::<Welcome>(&text) {
        Ok(Welcome::Hello { user, .. }) => Ok((conn, user)),
        Ok(Welcome::Refused { message, .. }) => Err(ConnectError::Refused(message)),
        Err(_) => Err(ConnectError::Refused(gone(socket, &text))),
    }
}

/// Sends `request` and reads its response; `Err` says why the connection is lost.
fn exchange(conn: &mut Conn, request: &Request) -> Result<Response, String> {
    write_line(&mut conn.output, request).map_err(|e| lost(&e))?;
    match read_line(&mut conn.input).map_err(|e| lost(&e))? {
        Line::Text(text) => serde_json::from_str(&text).map_err(|_| {
            tr_string(
                "risposta del server non comprensibile",
                "the server's answer cannot be read",
            )
        }),
        Line::Closed => Err(tr_string("connessione chiusa", "connection closed")),
        Line::Bad(why) => Err(why),
    }
}

/// Why a connection was lost, in words: a socket's broken pipe is not
/// "the reader of the output closed it", as it is for a command's output.
fn lost(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof => {
            tr_string("connessione interrotta", "connection broken")
        }
        K::TimedOut | K::WouldBlock => tr_string("nessuna risposta in tempo", "no answer in time"),
        _ => crate::i18n::os_error(e),
    }
}

/// "the server on … does not answer (…): …": what to do when it went away.
fn gone(socket: &Path, why: &str) -> String {
    tr_format!(
        "il server obiettivi su {} non risponde ({why}): la modifica in corso potrebbe non essere stata salvata; \
             riavvia obiettivi quando il server è di nuovo attivo",
        "the obiettivi server on {} does not answer ({why}): the change in progress may not have been saved; \
             restart obiettivi once the server is back",
        socket.display()
    )
}
