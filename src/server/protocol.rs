//! The wire protocol between `obiettivi serve` and its clients: JSON, one
//! object per line, one response per request, in order. The first request is
//! always `hello` with the protocol version; a server and a client of different
//! versions stop there with a message saying which side to update. After it,
//! the lines are `service::Request` and `service::Response`.
//!
//! The `hello` exchange is read leniently (only `op` and `version`), so that
//! versions that change everything else still recognise each other.

use std::io::{BufRead, Read, Write};

use serde::{Deserialize, Serialize};

use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// Bumped on any change a peer of the previous version would misread.
/// 2: requests and responses declared once in `service` (typed errors).
/// 3: a chunked import's token is 32 hex digits (128 random bits), not a number.
/// 4: `apply_many` (edits of many objectives in one transaction), `InEdit` errors.
/// 5: `SetIndicator` changes one cell of an indicator (`field`, `value`), not the whole one.
/// 6: the plan's cycle: `cycle_step`, `plan.year` and `plan.cycle`, `Cycle` and `Frozen` errors.
/// 7: variations: `variations` and `variation_*` operations, the plan's `variations`,
///    `Variation` errors and audit notes.
/// 8: monitoring windows (`window_step`, `reminders`, the plan's `windows`, `Window` errors)
///    and the assessment (`Assess` changes, `objectives[].assessment`).
/// 9: `drafts` (the caller's drafts waiting, for the session's start).
/// 10: the Relazione's texts: `set_plan_text`, `plan.texts`, snapshots' `sha256`.
/// 11: drafts of the Relazione's texts (`DraftOf`), `set_plan_text`'s `expected` and `TextOutdated`.
/// 12: `plans` (the plans of the database, GUIDE §10).
/// 13: the hello's `plan` (the plan a connection works on), `plan_new`, `plan_use`,
///     `NoSuchPlan` and `PlanExists` errors.
pub const PROTOCOL_VERSION: u32 = 13;

/// Longest line either side accepts: a whole plan for an import fits many times over.
pub const MAX_LINE: usize = 32 * 1024 * 1024;

/// The first line a client sends. `lang`: "it" or "en", for the messages the
/// server writes for this client; `plan`: the title of the plan this
/// connection works on (GUIDE §10; none: the database's default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Hello {
    Hello {
        version: u32,
        #[serde(default)]
        lang: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan: Option<String>,
    },
}

/// The server's answer to the hello. Both carry the server's `version`, which
/// is all a peer of another version needs to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Welcome {
    /// `user`: who the server knows this client as (from the socket, not from the client).
    Hello {
        version: u32,
        user: String,
    },
    Refused {
        version: u32,
        message: String,
    },
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
    tr_format!(
        "il server parla la versione {server} del protocollo, questo programma la {client}: {update}",
        "the server speaks version {server} of the protocol, this program {client}: {update}"
    )
}

/// The fields of a `hello` every version agrees on. Read alone, the rest
/// skipped: a `hello` read whole would be decoded into values at many times
/// its size before anyone is known to be allowed anything.
#[derive(Debug, Deserialize)]
pub struct HelloProbe {
    pub op: Option<String>,
    pub result: Option<String>,
    pub version: Option<u32>,
    pub lang: Option<String>,
    pub plan: Option<String>,
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
        Err(_) => Ok(Line::Bad(tr_string(
            "riga non in UTF-8",
            "line not in UTF-8",
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, ObjectiveField, Value};
    use crate::service::{Request, Response, ServiceError};

    #[test]
    fn every_request_survives_a_round_trip_through_a_line() {
        let requests = vec![
            Request::Load {},
            Request::Apply {
                code: "05_1201_0601".into(),
                changes: vec![Change::SetObjective {
                    objective: "05_1201_0601".into(),
                    field: ObjectiveField::Year1,
                    value: Value::Text("riga\n{\"op\":\"load\"}".into()),
                }],
                expected: Some(7),
            },
            Request::ApplyNoted {
                code: "05_1201_0601".into(),
                changes: vec![],
                expected: Some(8),
                note: crate::api::AuditNote::Forced,
            },
            Request::ApplyMany {
                edits: vec![crate::api::Edit {
                    code: "05_1201_0601".into(),
                    changes: vec![Change::SetObjective {
                        objective: "05_1201_0601".into(),
                        field: ObjectiveField::Status,
                        value: Value::OptText(Some("Concluso".into())),
                    }],
                    expected: Some(9),
                    note: Some(crate::api::AuditNote::Forced),
                }],
            },
            Request::ChangesSince { seq: 42, epoch: 3 },
            Request::CreateSnapshot {
                name: "Monitoraggio 30/06/2026".into(),
            },
            Request::StartReview { snapshot: None },
            Request::MarkReviewed {
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
            // The server's reading, by the operation's name, agrees.
            let op = serde_json::from_str::<serde_json::Value>(&text).unwrap()["op"]
                .as_str()
                .unwrap()
                .to_string();
            assert!(Request::access_of(&op).is_some(), "{op}");
            assert_eq!(Request::parse(&op, &text).unwrap().unwrap(), request);
        }
    }

    /// The server finds an operation by the name serde gives its variant.
    #[test]
    fn every_operation_is_read_by_its_name_on_the_wire() {
        for op in Request::OPERATIONS {
            let line = format!("{{\"op\":\"{op}\"}}");
            // The message without where: serde's buffered reading does not know.
            let text = |e: serde_json::Error| match e.to_string().split_once(" at line") {
                Some((what, _)) => what.to_string(),
                None => e.to_string(),
            };
            let derived = serde_json::from_str::<Request>(&line).map_err(text);
            let direct = Request::parse(op, &line).map(|r| r.map_err(text));
            assert!(
                !derived
                    .as_ref()
                    .is_err_and(|e| e.contains("unknown variant")),
                "{op}"
            );
            assert_eq!(direct, Some(derived), "{op}");
        }
    }

    #[test]
    fn an_error_keeps_its_kind_and_its_conflict_across_the_wire() {
        let conflict = crate::api::Conflict {
            code: "X".into(),
            version: 3,
            by: Some("anna".into()),
            at: None,
            current: crate::model::Objective::new("X", "M"),
        };
        let text = crate::api::TextConflict {
            which: crate::model::PlanText::Contesto,
            current: "di Anna".into(),
            by: Some("anna".into()),
            at: None,
        };
        for error in [
            ServiceError::Outdated(Box::new(conflict)),
            ServiceError::TextOutdated(Box::new(text)),
            ServiceError::NoSuchObjective("X".into()),
            ServiceError::Refused(crate::model::edit::ChangeError::TooManyPhases { limit: 200 }),
            ServiceError::Forbidden("no".into()),
            ServiceError::in_edit(3, "X", ServiceError::NoSuchObjective("X".into())),
        ] {
            let response = Response::Error(error.clone());
            let text = serde_json::to_string(&response).unwrap();
            let back: Response = serde_json::from_str(&text).unwrap();
            assert_eq!(back, Response::Error(error));
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
