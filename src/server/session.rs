//! One client connection: the `hello`, then requests answered in order until
//! the client goes. Whatever a client sends, the answer is a response or the
//! end of this connection; other connections and the server go on.

use std::io::BufReader;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use super::Shared;
use super::peer::peer_user;
use super::protocol::{
    Hello, HelloProbe, Line, PROTOCOL_VERSION, Welcome, mismatch_message, read_line, write_line,
};
use crate::i18n::{self, Lang, tr};
use crate::service::{Request, Response, ServiceError};

/// A client that connects and says nothing is dropped after this long.
const HELLO_WAIT: Duration = Duration::from_secs(10);

pub fn serve(shared: &Shared, stream: UnixStream) {
    // Identity from the kernel; without it, no service.
    let Ok(user) = peer_user(&stream) else {
        return;
    };
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut input = BufReader::new(read_half);
    let mut output = stream;
    if output.set_read_timeout(Some(HELLO_WAIT)).is_err() || !hello(&mut input, &mut output, &user)
    {
        return;
    }
    // After the hello a session may idle as long as it likes (a TUI polls anyway).
    let _ = output.set_read_timeout(None);
    loop {
        let response = match read_line(&mut input) {
            Ok(Line::Text(text)) => match serde_json::from_str::<Request>(&text) {
                Ok(request) => super::guard::answer(shared, &user, request),
                Err(e) => bad_request(without_position(&e)),
            },
            // Framing is lost on an endless or binary line: answer, then hang up.
            Ok(Line::Bad(why)) => {
                let _ = write_line(&mut output, &bad_request(why));
                return;
            }
            Ok(Line::Closed) | Err(_) => return,
        };
        if write_line(&mut output, &response).is_err() {
            return;
        }
    }
}

/// serde's message without " at line 1 column 123": the reason is what a user can act on.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix)
        .map_or(text.clone(), str::to_string)
}

fn bad_request(why: String) -> Response {
    Response::Error(ServiceError::BadRequest(why))
}

/// Reads the `hello`, answers it, and says whether the session goes on.
fn hello(input: &mut BufReader<UnixStream>, output: &mut UnixStream, user: &str) -> bool {
    let Ok(Line::Text(text)) = read_line(input) else {
        return false;
    };
    // Only `op` and `version` first: a client of another version may say more, or less.
    let probe: Option<HelloProbe> = serde_json::from_str(&text).ok();
    let (op, version) = match &probe {
        Some(p) => (p.op.as_deref(), p.version),
        None => (None, None),
    };
    if op != Some("hello") {
        return refuse(
            output,
            tr(
                "il primo messaggio deve essere hello con la versione del protocollo",
                "the first message must be hello with the protocol version",
            )
            .into(),
        );
    }
    // The client's language, for the messages written for it.
    if let Ok(Hello::Hello { lang, .. }) = serde_json::from_str(&text) {
        i18n::set_lang(if lang == "en" { Lang::En } else { Lang::It });
    }
    match version {
        Some(PROTOCOL_VERSION) => write_line(
            output,
            &Welcome::Hello {
                version: PROTOCOL_VERSION,
                user: user.to_string(),
            },
        )
        .is_ok(),
        other => refuse(
            output,
            mismatch_message(PROTOCOL_VERSION, other.unwrap_or(0)),
        ),
    }
}

/// Says why the session ends here; `false`.
fn refuse(output: &mut UnixStream, message: String) -> bool {
    let _ = write_line(
        output,
        &Welcome::Refused {
            version: PROTOCOL_VERSION,
            message,
        },
    );
    false
}
