//! What the server tells its administrator on stderr (the journal under
//! systemd): one line per connection opened and closed, per refusal and per
//! change applied — who (the login name and the role), what, on which
//! objective. `serve --quiet` says nothing.
//!
//! Lines go through a bounded queue to one writer thread, so a slow journal
//! or a closed stderr never holds or fails a request: a line the queue has
//! no room for is dropped, and the next one written says how many were.
//! The writer words the lines in the server's language, not the client's.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::roles::Role;
use crate::api::AuditEntry;
use crate::i18n::{self, tr};
use crate::service::{Request, ServiceError};
use crate::tr_format;

/// Lines waiting for the writer; beyond, dropped.
const QUEUE: usize = 4096;

/// Changes of one request logged one by one; an import's others are summed up.
pub const ENTRIES: usize = 20;

/// The widest a refusal's message or a change's values get in a line.
const WIDTH: usize = 400;

/// Where the server's lines go; `Log::silent()` drops them all.
#[derive(Clone, Default)]
pub struct Log {
    queue: Option<SyncSender<Event>>,
    dropped: Arc<AtomicUsize>,
}

/// Who a line is about: the login name the kernel gave, the role, and the
/// title of the plan the connection works on (none before its `hello`).
#[derive(Debug, Clone)]
pub struct Who {
    pub user: String,
    pub role: Role,
    pub plan: Option<String>,
}

enum Event {
    Opened(Who),
    Closed(Who),
    Refused {
        who: Who,
        op: String,
        codes: Vec<String>,
        error: ServiceError,
    },
    Applied {
        who: Who,
        entries: Vec<AuditEntry>,
        more: bool,
    },
}

impl Log {
    /// Nothing is said (`serve --quiet`, and servers made by tests and tools).
    pub fn silent() -> Log {
        Log::default()
    }

    /// Lines to stderr, written by a thread of their own.
    pub fn to_stderr() -> Log {
        let (queue, lines) = sync_channel(QUEUE);
        let dropped = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&dropped);
        let lang = i18n::lang();
        let spawned = std::thread::Builder::new()
            .name("obiettivi-log".into())
            .spawn(move || write_lines(&lines, &counted, lang));
        Log {
            // Without its writer the server still serves, silently.
            queue: spawned.ok().map(|_| queue),
            dropped,
        }
    }

    pub fn opened(&self, who: Who) {
        self.send(Event::Opened(who));
    }

    pub fn closed(&self, who: Who) {
        self.send(Event::Closed(who));
    }

    /// A request refused: `op` its operation on the wire, `codes` the
    /// objectives it named (none for a plan-wide one).
    pub fn refused(&self, who: Who, op: &str, codes: Vec<String>, error: &ServiceError) {
        if self.queue.is_some() {
            self.send(Event::Refused {
                who,
                op: op.to_string(),
                codes,
                error: error.clone(),
            });
        }
    }

    /// The audit entries a request made (at most `ENTRIES`; `more` when it made more).
    pub fn applied(&self, who: Who, entries: Vec<AuditEntry>, more: bool) {
        if !entries.is_empty() {
            self.send(Event::Applied { who, entries, more });
        }
    }

    /// Whether nothing is said (then there is nothing to gather for it).
    pub fn is_silent(&self) -> bool {
        self.queue.is_none()
    }

    fn send(&self, event: Event) {
        if let Some(queue) = &self.queue
            && queue.try_send(event).is_err()
        {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// `line` on stderr at once, whatever becomes of it: unlike `eprintln!`, a
/// closed stderr is no panic (the server's start line and its own errors).
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The objectives a request names, for a refusal's line.
pub fn codes(request: &Request) -> Vec<String> {
    match request {
        Request::Objective { code }
        | Request::Apply { code, .. }
        | Request::ApplyNoted { code, .. }
        | Request::MarkReviewed { code, .. } => vec![code.clone()],
        Request::SaveDraft { of, .. } | Request::Draft { of } | Request::DiscardDraft { of } => {
            vec![of.code().to_string()]
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect()
        }
        Request::ApplyMany { edits } => edits.iter().map(|e| e.code.clone()).collect(),
        Request::History { query } => query.filter.code.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The writer: each line as it comes, until every sender is gone. A write
/// that fails (stderr closed) is not retried, and does not stop the next.
fn write_lines(lines: &Receiver<Event>, dropped: &AtomicUsize, lang: i18n::Lang) {
    i18n::set_lang(lang);
    for event in lines {
        let mut text = String::new();
        let lost = dropped.swap(0, Ordering::Relaxed);
        if lost > 0 {
            text.push_str(&format!(
                "obiettivi serve: {}\n",
                i18n::count(
                    lost,
                    ("riga del registro persa", "righe del registro perse"),
                    ("log line lost", "log lines lost")
                )
            ));
        }
        for line in said(&event) {
            text.push_str("obiettivi serve: ");
            text.push_str(&crate::io::hygiene::terminal(&line));
            text.push('\n');
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// An event's lines, in the server's language.
fn said(event: &Event) -> Vec<String> {
    match event {
        Event::Opened(who) => vec![format!("{} {}", tr("connesso", "connected"), who.said())],
        Event::Closed(who) => vec![tr_format!("disconnesso {}", "disconnected {}", who.said())],
        Event::Refused {
            who,
            op,
            codes,
            error,
        } => {
            let on = match codes.as_slice() {
                [] => String::new(),
                [one] => format!(" {one}"),
                [first, rest @ ..] => format!(" {first} (+{})", rest.len()),
            };
            let why = crate::model::text::one_line(&error.to_string(), WIDTH);
            vec![format!(
                "{} {}: {op}{on}: {why}",
                tr("rifiutato a", "refused to"),
                who.said()
            )]
        }
        Event::Applied { who, entries, more } => {
            let mut lines: Vec<String> = entries
                .iter()
                .map(|e| {
                    // A change of the plan's own record (cycle, window, a text) has no objective.
                    let what = match e.what.objective.as_str() {
                        "" => tr("il piano", "the plan"),
                        code => code,
                    };
                    format!(
                        "{} {} {what}: {}",
                        who.said(),
                        tr("ha modificato", "changed"),
                        crate::io::history::what(e)
                    )
                })
                .collect();
            if *more {
                lines.push(tr_format!(
                    "{} e altre modifiche (obiettivi history)",
                    "{} and more changes (obiettivi history)",
                    who.said()
                ));
            }
            lines
        }
    }
}

impl Who {
    /// `mario (manager: MARIO ROSSI) in «DUP 2026-2028»`: the plan's title
    /// on one line and cut, as a refusal says an unknown one back.
    fn said(&self) -> String {
        let plan = match &self.plan {
            Some(title) => format!(" in «{}»", crate::model::text::one_line(title, 80)),
            None => String::new(),
        };
        format!("{} ({}){plan}", self.user, self.role.word())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::applied::Part;
    use crate::model::edit::Applied;
    use crate::model::{PhaseField, Value};

    fn mario() -> Who {
        Who {
            user: "mario".into(),
            role: Role::Manager(vec!["MARIO ROSSI".into()]),
            plan: Some("DUP 2026-2028".into()),
        }
    }

    #[test]
    fn each_event_is_one_line_with_who_and_the_objective() {
        i18n::set_lang(i18n::Lang::It);
        assert_eq!(
            said(&Event::Opened(mario())),
            ["connesso mario (manager: MARIO ROSSI) in «DUP 2026-2028»"]
        );
        // Refused at its hello, a connection has no plan yet.
        let before_hello = Who {
            plan: None,
            ..mario()
        };
        assert_eq!(
            said(&Event::Closed(before_hello)),
            ["disconnesso mario (manager: MARIO ROSSI)"]
        );
        let refused = Event::Refused {
            who: mario(),
            op: "apply".into(),
            codes: vec!["05_1201_0601".into()],
            error: ServiceError::Forbidden("non può\nmodificare".into()),
        };
        let line = &said(&refused)[0];
        assert!(
            line.starts_with(
                "rifiutato a mario (manager: MARIO ROSSI) in «DUP 2026-2028»: apply 05_1201_0601: "
            ),
            "{line}"
        );
        assert!(!line.contains('\n'), "one line: {line}");
        let entry = AuditEntry {
            at: chrono::DateTime::parse_from_rfc3339("2026-11-25T10:03:12+01:00").unwrap(),
            who: "mario".into(),
            what: Applied {
                objective: "05_1201_0201".into(),
                phase: Some(0),
                phase_name: Some("NUOVI ALLOGGI".into()),
                field: Part::Phase(PhaseField::Progress),
                old: Value::Number(None),
                new: Value::Number(Some(50.0)),
            },
            note: None,
        };
        let applied = Event::Applied {
            who: mario(),
            entries: vec![entry.clone()],
            more: true,
        };
        assert_eq!(
            said(&applied),
            [
                "mario (manager: MARIO ROSSI) in «DUP 2026-2028» ha modificato 05_1201_0201: fase 1 «NUOVI ALLOGGI» Avanzamento: n/d → 50",
                "mario (manager: MARIO ROSSI) in «DUP 2026-2028» e altre modifiche (obiettivi history)"
            ]
        );
        let mut text = entry;
        text.what.objective = String::new();
        text.what.field = Part::PlanText(crate::model::PlanText::Presentazione);
        text.what.phase = None;
        text.what.old = Value::Text(String::new());
        text.what.new = Value::Text("Il Comune".into());
        let line = &said(&Event::Applied {
            who: mario(),
            entries: vec![text],
            more: false,
        })[0];
        assert!(
            line.starts_with(
                "mario (manager: MARIO ROSSI) in «DUP 2026-2028» ha modificato il piano: "
            ),
            "{line}"
        );
    }
}
