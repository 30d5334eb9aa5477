//! From a request line to a request, paying for nothing before it is due
//! (GUIDE §7): the operation's name is read first (without decoding the
//! rest), the caller's role checked against it, then what decoding the line
//! would cost is estimated and taken from the server's budget for lines in
//! flight, and only then is the line decoded, straight into the request.

use serde::Deserialize;

use super::cost::{FREE_COST, decoded_cost, limit};
use super::shared::{Seat, Shared};
use crate::i18n::tr;
use crate::service::{Request, ServiceError};
use crate::tr_format;

/// Only the operation's name: everything else is skipped, not kept.
#[derive(Deserialize)]
struct OpName {
    op: String,
}

/// The request `line` holds, and how many bytes of the budget for lines in
/// flight its decoding holds (give them back once it is answered); or the
/// refusal, told to the server's log.
pub fn request(
    shared: &Shared,
    seat: &Seat,
    user: &str,
    line: &str,
) -> Result<(Request, usize), ServiceError> {
    let mut op = None;
    let read = read(shared, user, line, &mut op);
    if let Err(e) = &read {
        let op = op.as_deref().unwrap_or("?");
        shared
            .log
            .refused(shared.who(user, Some(seat)), op, Vec::new(), e);
    }
    read
}

/// `request`, saying in `named` which operation the line names once that is known.
fn read(
    shared: &Shared,
    user: &str,
    line: &str,
    named: &mut Option<String>,
) -> Result<(Request, usize), ServiceError> {
    let op = serde_json::from_str::<OpName>(line)
        .map_err(|e| bad_request(&e))?
        .op;
    *named = Some(op.chars().take(64).collect());
    let access = Request::access_of(&op).ok_or_else(|| unknown(&op))?;
    super::guard::may_send(shared, user, &op, access)?;
    let cost = decoded_cost(line.as_bytes());
    let limit = limit(line.len());
    if cost > limit {
        return Err(too_costly(
            cost,
            tr(
                "più di 16 volte la sua lunghezza",
                "more than 16 times its length",
            ),
            limit,
        ));
    }
    let owed = cost.saturating_sub(FREE_COST);
    if !shared.lines.take(user, owed, &shared.limits) {
        return Err(too_costly(
            cost,
            tr(
                "più di quanta il server ne abbia libera ora per te (riprova tra poco) o in tutto \
                 (OBIETTIVI_SERVE_LINES_PER_USER_MB, OBIETTIVI_SERVE_LINES_IN_FLIGHT_MB)",
                "more than the server has free for you now (try again shortly) or at all \
                 (OBIETTIVI_SERVE_LINES_PER_USER_MB, OBIETTIVI_SERVE_LINES_IN_FLIGHT_MB)",
            ),
            shared.limits.lines_per_user,
        ));
    }
    match Request::parse(&op, line) {
        Some(Ok(request)) => Ok((request, owed)),
        refused => {
            shared.lines.give_back(user, owed);
            Err(match refused {
                Some(Err(e)) => bad_request(&e),
                _ => unknown(&op),
            })
        }
    }
}

/// "request too costly to read: it would take N bytes of memory, more than …".
fn too_costly(cost: usize, beyond: &str, limit: usize) -> ServiceError {
    ServiceError::TooLarge {
        what: tr_format!(
            "richiesta troppo costosa da leggere: servirebbero {cost} byte di memoria, {beyond}",
            "request too costly to read: it would take {cost} bytes of memory, {beyond}"
        ),
        limit,
    }
}

fn unknown(op: &str) -> ServiceError {
    ServiceError::BadRequest(format!(
        "{} «{}»",
        tr("operazione sconosciuta", "unknown operation"),
        op.chars().take(64).collect::<String>()
    ))
}

fn bad_request(e: &serde_json::Error) -> ServiceError {
    ServiceError::BadRequest(without_position(e))
}

/// serde's message without " at line 1 column 123": the reason is what a user can act on.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix)
        .map_or(text.clone(), str::to_string)
}
