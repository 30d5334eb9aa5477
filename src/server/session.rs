//! One client connection: the `hello`, then requests answered in order until
//! the client goes. Whatever a client sends, the answer is a response or the
//! end of this connection; other connections and the server go on.

use std::io::{BufRead, BufReader};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use super::fair::Deadline;
use super::peer::peer_user;
use super::protocol::{
    HelloProbe, Line, MAX_LINE, PROTOCOL_VERSION, Welcome, mismatch_message, write_line,
};
use super::shared::{Seat, Shared};
use crate::i18n::{self, Lang, tr, tr_string};
use crate::service::{Response, ServiceError};
use crate::store::{ImportOwner, Store};

/// What every request line may hold without drawing on the shared budget.
const FREE_LINE: usize = 64 * 1024;

pub fn serve(shared: &Shared, stream: UnixStream) {
    // Identity from the kernel; without it, no service.
    let Ok(user) = peer_user(&stream) else {
        return;
    };
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut output = stream;
    // A client that does not read its answers cannot hold a thread for ever.
    if output
        .set_write_timeout(Some(shared.limits.request))
        .is_err()
    {
        return;
    }
    let _admitted = match shared.admission.admit(&user, &shared.limits) {
        Ok(admitted) => admitted,
        Err(why) => {
            let refusal = ServiceError::Unavailable(why.clone());
            shared
                .log
                .refused(shared.who(&user, None), "hello", Vec::new(), &refusal);
            refuse(&mut output, why);
            drain(&mut output);
            return;
        }
    };
    let mut input = BufReader::new(Deadline::new(read_half, shared.limits.hello));
    let Some(seat) = hello(shared, &mut input, &mut output, &user) else {
        return;
    };
    let connection = shared.new_connection();
    shared.log.opened(shared.who(&user, Some(&seat)));
    let _closed = Closed {
        shared,
        seat: &seat,
        user: &user,
    };
    let _abandon = Abandon {
        store: &seat.store,
        owner: ImportOwner {
            user: user.clone(),
            connection,
        },
    };
    loop {
        let (line, taken) = read_request(shared, &user, &mut input, Some(shared.limits.idle));
        let response = match line {
            Ok(Line::Text(text)) => match super::intake::request(shared, &seat, &user, &text) {
                Ok((request, cost)) => {
                    // The line's bytes go back before the wait for the lock.
                    drop(text);
                    let response = super::guard::answer(shared, &seat, &user, connection, request);
                    shared.lines.give_back(&user, cost);
                    response
                }
                Err(e) => Response::Error(e),
            },
            // Framing is lost on an endless or binary line: answer, then hang up.
            Ok(Line::Bad(why)) => {
                shared.lines.give_back(&user, taken);
                let _ = write_line(&mut output, &bad_request(why));
                return;
            }
            // Gone, or silent past the deadline.
            Ok(Line::Closed) | Err(_) => {
                shared.lines.give_back(&user, taken);
                return;
            }
        };
        shared.lines.give_back(&user, taken);
        if write_line(&mut output, &response).is_err() {
            return;
        }
    }
}

/// Tells the log the connection is gone, however it ended.
struct Closed<'a> {
    shared: &'a Shared,
    seat: &'a Seat,
    user: &'a str,
}

impl Drop for Closed<'_> {
    fn drop(&mut self) {
        (self.shared.log).closed(self.shared.who(self.user, Some(self.seat)));
    }
}

/// A chunked import left open by a connection goes with it.
struct Abandon<'a> {
    store: &'a Store,
    owner: ImportOwner,
}

impl Drop for Abandon<'_> {
    fn drop(&mut self) {
        let _ = self.store.abandon_import(&self.owner);
    }
}

/// Reads one request line and how many bytes of the shared budget it holds
/// (give them back once the request is answered). `idle`: how long to wait
/// for its first byte, after which the whole line must come within the
/// request deadline; `None` keeps the deadline already set (the hello's).
fn read_request(
    shared: &Shared,
    user: &str,
    input: &mut BufReader<Deadline>,
    idle: Option<Duration>,
) -> (std::io::Result<Line>, usize) {
    let mut taken = 0;
    let line = read_counted(shared, user, input, idle, &mut taken);
    (line, taken)
}

fn read_counted(
    shared: &Shared,
    user: &str,
    input: &mut BufReader<Deadline>,
    idle: Option<Duration>,
    taken: &mut usize,
) -> std::io::Result<Line> {
    if let Some(idle) = idle {
        input.get_mut().reset(idle);
        if input.fill_buf()?.is_empty() {
            return Ok(Line::Closed);
        }
        input.get_mut().reset(shared.limits.request);
    }
    let mut buf = Vec::new();
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(Line::Closed);
        }
        let end = chunk.iter().position(|b| *b == b'\n');
        let part = &chunk[..end.map_or(chunk.len(), |i| i + 1)];
        let len = part.len();
        if buf.len() + len > MAX_LINE + 1 {
            return Ok(Line::Bad(format!(
                "{} {MAX_LINE} byte",
                tr("riga più lunga di", "line longer than")
            )));
        }
        // The budget counts what the buffer holds, not only what it uses:
        // it grows by doubling, so the capacity is reserved here, budget first.
        let capacity = if buf.len() + len <= buf.capacity() {
            buf.capacity()
        } else {
            (buf.len() + len).max(buf.capacity() * 2).min(MAX_LINE + 1)
        };
        let beyond_free = capacity.saturating_sub(FREE_LINE);
        if beyond_free > *taken {
            let more = beyond_free - *taken;
            if !shared.lines.take(user, more, &shared.limits) {
                return Ok(Line::Bad(tr_string(
                    "il server sta già ricevendo troppi dati: riprova tra poco",
                    "the server is already receiving too much data: try again shortly",
                )));
            }
            *taken += more;
        }
        buf.reserve_exact(capacity - buf.len());
        buf.extend_from_slice(part);
        input.consume(len);
        if end.is_some() {
            buf.pop();
            return Ok(match String::from_utf8(buf) {
                Ok(text) => Line::Text(text),
                Err(_) => Line::Bad(tr_string("riga non in UTF-8", "line not in UTF-8")),
            });
        }
    }
}

/// Reads what the client sent (its hello) before the connection closes: on a
/// Unix socket, closing with unread bytes resets the connection, and the
/// client would lose the refusal just written to it.
fn drain(stream: &mut UnixStream) {
    use std::io::Read;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut reader = Deadline::new(
        match stream.try_clone() {
            Ok(s) => s,
            Err(_) => return,
        },
        Duration::from_secs(1),
    );
    let mut sink = [0u8; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

fn bad_request(why: String) -> Response {
    Response::Error(ServiceError::BadRequest(why))
}

/// Reads the `hello` (all of it within the hello deadline), answers it, and
/// gives the plan the session works on, if it goes on.
fn hello(
    shared: &Shared,
    input: &mut BufReader<Deadline>,
    output: &mut UnixStream,
    user: &str,
) -> Option<Seat> {
    let (line, taken) = read_request(shared, user, input, None);
    shared.lines.give_back(user, taken);
    let Ok(Line::Text(text)) = line else {
        return None;
    };
    // Only `op` and `version` first: a client of another version may say more, or less.
    let probe: Option<HelloProbe> = serde_json::from_str(&text).ok();
    let (op, version) = match &probe {
        Some(p) => (p.op.as_deref(), p.version),
        None => (None, None),
    };
    if op != Some("hello") {
        refuse(
            output,
            tr_string(
                "il primo messaggio deve essere hello con la versione del protocollo",
                "the first message must be hello with the protocol version",
            ),
        );
        return None;
    }
    let version = version.unwrap_or(0);
    // A client of another version, told to the log in the server's language.
    if version != PROTOCOL_VERSION {
        let why = ServiceError::Unavailable(mismatch_message(PROTOCOL_VERSION, version));
        (shared.log).refused(shared.who(user, None), "hello", Vec::new(), &why);
    }
    // The client's language, for the messages written for it.
    if let Some(lang) = probe.as_ref().and_then(|p| p.lang.as_deref()) {
        i18n::set_lang(if lang == "en" { Lang::En } else { Lang::It });
    }
    if version != PROTOCOL_VERSION {
        refuse(output, mismatch_message(PROTOCOL_VERSION, version));
        return None;
    }
    // The plan asked for, refused as a database opened directly refuses it.
    let plan = probe.as_ref().and_then(|p| p.plan.as_deref());
    let seat = match shared.seat(plan) {
        Ok(seat) => seat,
        Err(e) => {
            refuse(output, e.to_string());
            return None;
        }
    };
    let welcome = Welcome::Hello {
        version: PROTOCOL_VERSION,
        user: user.to_string(),
    };
    write_line(output, &welcome).ok().map(|()| seat)
}

/// Says why the session ends here.
fn refuse(output: &mut UnixStream, message: String) {
    let _ = write_line(
        output,
        &Welcome::Refused {
            version: PROTOCOL_VERSION,
            message,
        },
    );
}
