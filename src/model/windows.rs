//! Monitoring windows (GUIDE §8): each monitoring period of the plan has a
//! window, `closed` (not yet opened) → `open` (from, until) → `closed`, and
//! reopened with a reason. Stored with the plan (`plan.windows`, schema
//! `/3`); a period without a stored window is closed and was never opened.
//! While a window is open, managers enter that period's measurements, and
//! progress, actual dates and narratives; otherwise their entry is refused
//! naming the next window (`admits`, which the server's guard asks).

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::periods;
use super::column::PlanState;
use super::edit::Change;
use super::field::ObjectiveField;
use super::fields::PhaseField;
use super::indicator_fields::IndicatorField;
use super::types::Plan;
use super::values::format_date;
pub use super::window_record::{
    Window, WindowAction, WindowEvent, WindowOutcome, WindowState, WindowStep,
};
use crate::i18n::{tr, tr_string};
use crate::tr_format;

/// What a manager's change enters, for the window rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "entry", content = "period")]
pub enum Entry {
    /// Progress, actual dates, a narrative: while any window is open.
    Monitoring,
    /// A measurement of this period: while its window is open.
    Measurement(NaiveDate),
}

/// Why a window's step, or a manager's entry, is refused (nothing was written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum WindowError {
    /// Not one of the plan's monitoring periods.
    NotAPeriod {
        period: NaiveDate,
        allowed: Vec<NaiveDate>,
    },
    AlreadyOpen {
        period: NaiveDate,
        closes: Option<NaiveDate>,
    },
    /// One window at a time: this one is open.
    AnotherOpen {
        open: NaiveDate,
    },
    NotOpen {
        period: NaiveDate,
    },
    /// `reopen` of a window never opened (it is `open`'s).
    NeverOpened {
        period: NaiveDate,
    },
    /// `open` of a window opened before (it is `reopen`'s, with a reason).
    OpenedBefore {
        period: NaiveDate,
    },
    NeedsReason,
    /// `--until` a day already past.
    UntilPast {
        until: NaiveDate,
    },
    /// `reminders` without a period, and no window open: the next one.
    NoneOpen {
        next: Option<NaiveDate>,
    },
    /// Someone else changed the window meanwhile.
    Moved {
        period: NaiveDate,
    },
    /// A manager's entry with no window open for it: the window open now
    /// (maybe past its date) and the next one to open.
    Closed {
        entry: Entry,
        open: Option<Window>,
        /// The open window is past its `until`.
        expired: bool,
        next: Option<NaiveDate>,
    },
}

/// Every period's window in period order: the stored ones, the others
/// closed and never opened (a stored window of a period the plan no longer
/// has is kept, in its place).
pub fn windows(plan: &Plan) -> Vec<Window> {
    let mut all: Vec<Window> = periods(plan).into_iter().map(Window::new).collect();
    for stored in &plan.windows {
        match all.iter_mut().find(|w| w.period == stored.period) {
            Some(w) => *w = stored.clone(),
            None => all.push(stored.clone()),
        }
    }
    all.sort_by_key(|w| w.period);
    all
}

/// The window in state open, if any (one at a time).
pub fn open_window(plan: &Plan) -> Option<&Window> {
    plan.windows.iter().find(|w| w.state == WindowState::Open)
}

/// The window `period` names (stored, or never opened), or the one open
/// when none is named: what `reminders` asks about.
pub fn asked(plan: &Plan, period: Option<NaiveDate>) -> Result<Window, WindowError> {
    match period {
        Some(period) => window_of(plan, period),
        None => open_window(plan).cloned().ok_or(WindowError::NoneOpen {
            next: next_to_open(plan),
        }),
    }
}

/// The window of `period` (stored, or never opened); refused when it is
/// not one of the plan's monitoring periods.
fn window_of(plan: &Plan, period: NaiveDate) -> Result<Window, WindowError> {
    let all = windows(plan);
    all.iter()
        .find(|w| w.period == period)
        .cloned()
        .ok_or_else(|| WindowError::NotAPeriod {
            period,
            allowed: all.iter().map(|w| w.period).collect(),
        })
}

/// The first period whose window was never opened.
pub fn next_to_open(plan: &Plan) -> Option<NaiveDate> {
    windows(plan)
        .into_iter()
        .find(|w| !w.opened())
        .map(|w| w.period)
}

/// The window of `period` (stored, or never opened) after `step`, by `by`
/// at `at`; with the window as it was. Refused when the step does not fit.
pub fn step(
    plan: &Plan,
    step: &WindowStep,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<(Window, Window), WindowError> {
    let period = step.period;
    let before = window_of(plan, period)?;
    let today = at.date_naive();
    let reason = step.reason.trim().to_string();
    let mut after = before.clone();
    match step.action {
        WindowAction::Close => {
            if before.state != WindowState::Open {
                return Err(WindowError::NotOpen { period });
            }
            after.state = WindowState::Closed;
            after.closes = Some(before.closes.map_or(today, |c| c.min(today)));
        }
        WindowAction::Open | WindowAction::Reopen => {
            if before.state == WindowState::Open {
                let closes = before.closes;
                return Err(WindowError::AlreadyOpen { period, closes });
            }
            if let Some(other) = open_window(plan) {
                return Err(WindowError::AnotherOpen { open: other.period });
            }
            match (step.action, before.opened()) {
                (WindowAction::Open, true) => return Err(WindowError::OpenedBefore { period }),
                (WindowAction::Reopen, false) => return Err(WindowError::NeverOpened { period }),
                (WindowAction::Reopen, true) if reason.is_empty() => {
                    return Err(WindowError::NeedsReason);
                }
                _ => {}
            }
            if let Some(until) = step.until.filter(|u| *u < today) {
                return Err(WindowError::UntilPast { until });
            }
            after.state = WindowState::Open;
            after.opens = Some(today);
            after.closes = step.until;
        }
    }
    after.events.push(WindowEvent {
        state: after.state,
        by: by.to_string(),
        at,
        reason,
    });
    Ok((before, after))
}

/// `plan` with `window` stored in place of its period's.
pub fn with_window(plan: &Plan, window: &Window) -> Plan {
    let mut plan = plan.clone();
    match plan.windows.iter_mut().find(|w| w.period == window.period) {
        Some(w) => *w = window.clone(),
        None => {
            plan.windows.push(window.clone());
            plan.windows.sort_by_key(|w| w.period);
        }
    }
    plan
}

/// The name of the monitoring snapshot a window's closing takes: the same
/// in every language (documents find it by name, GUIDE §9).
pub fn snapshot_name(period: NaiveDate) -> String {
    format!("Monitoraggio {}", period.format("%d/%m/%Y"))
}

/// What `change` enters, when it is a monitoring entry.
pub fn entry(change: &Change) -> Option<Entry> {
    match change {
        Change::SetPhase { field, .. } => matches!(
            field,
            PhaseField::Progress | PhaseField::ActualStart | PhaseField::ActualEnd
        )
        .then_some(Entry::Monitoring),
        Change::SetObjective { field, .. } => {
            matches!(field, ObjectiveField::Year1 | ObjectiveField::Year2)
                .then_some(Entry::Monitoring)
        }
        Change::SetIndicator {
            field: IndicatorField::Measurement(period),
            ..
        } => Some(Entry::Measurement(*period)),
        _ => None,
    }
}

/// Whether the plan's state puts a manager's monitoring entries under the
/// windows: from Approvata until the Consuntivo is over.
pub fn rule_holds(state: PlanState) -> bool {
    (PlanState::Approved..=PlanState::Reporting).contains(&state)
}

/// Whether a manager may enter `changes` on `today`: in Bozza and Proposta
/// always (the roles say what); from Approvata on, a monitoring entry only
/// while its window is open.
pub fn admits(plan: &Plan, changes: &[Change], today: NaiveDate) -> Result<(), WindowError> {
    if !rule_holds(plan.state()) {
        return Ok(());
    }
    let open = open_window(plan);
    let open_now = open.filter(|w| w.open_on(today));
    for entry in changes.iter().filter_map(entry) {
        let admitted = match entry {
            Entry::Monitoring => open_now.is_some(),
            Entry::Measurement(period) => open_now.is_some_and(|w| w.period == period),
        };
        if !admitted {
            return Err(WindowError::Closed {
                entry,
                open: open.cloned(),
                expired: open.is_some() && open_now.is_none(),
                next: next_to_open(plan),
            });
        }
    }
    Ok(())
}

/// `fin. 30/06`: the window as a short line says it (the TUI's title at 80 columns).
pub fn short(w: &Window) -> String {
    tr_format!("fin. {}", "win. {}", w.period.format("%d/%m"))
}

/// `finestra 30/06/2026 aperta fino al 15/07/2026` — the window in a few words.
pub fn describe(w: &Window) -> String {
    let (period, state) = (format_date(w.period), w.state.label());
    let mut line = tr_format!("finestra {period} {state}", "window {period} {state}");
    match (w.state, w.opens.map(format_date), w.closes.map(format_date)) {
        (WindowState::Open, _, Some(until)) => {
            line += &tr_format!(" fino al {until}", " until {until}");
        }
        (WindowState::Closed, Some(from), Some(to)) => {
            line += &tr_format!(
                " (aperta dal {from} al {to})",
                " (open from {from} to {to})"
            );
        }
        (WindowState::Closed, None, _) => line += tr(" (mai aperta)", " (never opened)"),
        _ => {}
    }
    line
}

impl fmt::Display for WindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = |d: &NaiveDate| format_date(*d);
        let said = match self {
            WindowError::NotAPeriod { period, allowed } => {
                let allowed: Vec<String> = allowed.iter().map(d).collect();
                tr_format!(
                    "il periodo {} non è un periodo di monitoraggio del piano: {}",
                    "period {} is not a monitoring period of the plan: {}",
                    d(period),
                    allowed.join(", ")
                )
            }
            WindowError::AlreadyOpen { period, closes } => {
                let p = d(period);
                let mut said =
                    tr_format!("la finestra {p} è già aperta", "window {p} is open already");
                if let Some(c) = closes.as_ref().map(d) {
                    said += &tr_format!(" fino al {c}", " until {c}");
                }
                said
            }
            WindowError::AnotherOpen { open } => tr_format!(
                "la finestra {p} è aperta: si apre una finestra alla volta, chiudi prima quella (obiettivi period close {p})",
                "window {p} is open: one window opens at a time, close that one first (obiettivi period close {p})",
                p = d(open)
            ),
            WindowError::NotOpen { period } => tr_format!(
                "la finestra {p} non è aperta",
                "window {p} is not open",
                p = d(period)
            ),
            WindowError::NeverOpened { period } => tr_format!(
                "la finestra {p} non è mai stata aperta: si apre (obiettivi period open {p})",
                "window {p} was never opened: it is opened with (obiettivi period open {p})",
                p = d(period)
            ),
            WindowError::OpenedBefore { period } => tr_format!(
                "la finestra {p} è già stata aperta e chiusa: si riapre con un motivo (obiettivi period reopen {p} --reason TESTO)",
                "window {p} was opened and closed already: it is reopened with a reason (obiettivi period reopen {p} --reason TESTO)",
                p = d(period)
            ),
            WindowError::NeedsReason => tr_string(
                "riaprire una finestra richiede un motivo (--reason TESTO)",
                "reopening a window needs a reason (--reason TEXT)",
            ),
            WindowError::UntilPast { until } => tr_format!(
                "--until {u}: la data è già passata",
                "--until {u}: that day is past already",
                u = d(until)
            ),
            WindowError::NoneOpen { next } => {
                let mut said = tr_string(
                    "nessuna finestra di monitoraggio è aperta: indica il periodo (--period GG/MM/AAAA)",
                    "no monitoring window is open: name the period (--period DD/MM/YYYY)",
                );
                if let Some(n) = next.as_ref().map(d) {
                    said += &tr_format!(
                        "; la prossima da aprire è quella del {n}",
                        "; the next to open is {n}"
                    );
                }
                said
            }
            WindowError::Moved { period } => tr_format!(
                "nel frattempo un altro utente ha cambiato la finestra {p} riprova",
                "meanwhile another user changed window {p} try again",
                p = d(period)
            ),
            WindowError::Closed {
                entry,
                open,
                expired,
                next,
            } => closed(*entry, open.as_ref(), *expired, *next),
        };
        f.write_str(&said)
    }
}

/// A manager's entry refused: what may be entered when, what is open (or
/// past its date), and the next window to open.
fn closed(entry: Entry, open: Option<&Window>, expired: bool, next: Option<NaiveDate>) -> String {
    let mut said = match entry {
        Entry::Monitoring => tr_string(
            "un manager inserisce avanzamenti, date effettive, narrative e rilevazioni solo a finestra di monitoraggio aperta",
            "a manager enters progress, actual dates, narratives and measurements only while a monitoring window is open",
        ),
        Entry::Measurement(p) => tr_format!(
            "le rilevazioni del {p} si inseriscono solo mentre la sua finestra di monitoraggio è aperta",
            "the measurements of {p} are entered only while its monitoring window is open",
            p = format_date(p)
        ),
    };
    said += &match open {
        Some(Window {
            period,
            closes: Some(until),
            ..
        }) if expired => {
            let (p, u) = (format_date(*period), format_date(*until));
            tr_format!(
                "; la finestra del {p} è scaduta il {u}",
                "; the window of {p} expired on {u}"
            )
        }
        Some(w) => {
            let p = format_date(w.period);
            let mut now = tr_format!(
                "; ora è aperta la finestra del {p}",
                "; the window open now is {p}"
            );
            if let Some(u) = w.closes.map(format_date) {
                now += &tr_format!(" fino al {u}", " until {u}");
            }
            now
        }
        None => tr_string("; nessuna finestra è aperta", "; no window is open"),
    };
    said += &match next.map(format_date) {
        Some(n) => tr_format!(
            "; la prossima finestra da aprire è quella del {n} (la apre un controller: obiettivi period open {n})",
            "; the next window to open is {n} (a controller opens it: obiettivi period open {n})"
        ),
        None => tr_string(
            "; non restano finestre da aprire (un controller può riaprirne una)",
            "; no window is left to open (a controller may reopen one)",
        ),
    };
    said + tr(". Nulla è stato salvato.", ". Nothing was saved.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cycle::{Cycle, PlanState};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn plan(state: PlanState) -> Plan {
        Plan {
            title: "DUP 2026-2028".into(),
            cycle: Some(Cycle {
                state,
                transitions: Vec::new(),
            }),
            ..Plan::default()
        }
    }

    fn day(d: u32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn go(plan: &mut Plan, period: NaiveDate, action: WindowAction, when: &str) {
        let step = WindowStep {
            period,
            action,
            until: Some(day(15, 7)).filter(|_| action == WindowAction::Open),
            reason: "x".into(),
        };
        let (_, after) = super::step(plan, &step, "rossi", at(when)).unwrap();
        *plan = with_window(plan, &after);
    }

    fn progress() -> Change {
        Change::SetPhase {
            objective: "O1".into(),
            phase: 0,
            field: PhaseField::Progress,
            value: crate::model::Value::Number(Some(10.0)),
        }
    }

    #[test]
    fn a_window_opens_until_its_day_and_closes_on_the_day_it_is_closed() {
        let mut p = plan(PlanState::Approved);
        assert_eq!(windows(&p).len(), 6);
        assert_eq!(next_to_open(&p), Some(day(30, 6)));
        go(
            &mut p,
            day(30, 6),
            WindowAction::Open,
            "2026-07-01T08:00:00Z",
        );
        let w = &p.windows[0];
        assert_eq!((w.opens, w.closes), (Some(day(1, 7)), Some(day(15, 7))));
        assert!(w.open_on(day(15, 7)) && !w.open_on(day(16, 7)));
        assert_eq!(next_to_open(&p), Some(day(31, 12)));
        go(
            &mut p,
            day(30, 6),
            WindowAction::Close,
            "2026-07-10T18:00:00Z",
        );
        let w = &p.windows[0];
        assert_eq!((w.state, w.closes), (WindowState::Closed, Some(day(10, 7))));
        crate::i18n::set_lang(crate::i18n::Lang::It);
        assert_eq!(
            describe(w),
            "finestra 30/06/2026 chiusa (aperta dal 01/07/2026 al 10/07/2026)"
        );
    }

    #[test]
    fn a_manager_enters_monitoring_only_in_an_open_window_from_approvata_on() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let measure = |period| Change::SetIndicator {
            objective: "O1".into(),
            indicator: 0,
            field: IndicatorField::Measurement(period),
            value: crate::model::Value::Text("3".into()),
        };
        let july = day(2, 7);
        assert_eq!(
            admits(&plan(PlanState::Proposed), &[progress()], july),
            Ok(())
        );
        let mut p = plan(PlanState::Approved);
        assert!(admits(&p, &[progress()], july).is_err());
        go(
            &mut p,
            day(30, 6),
            WindowAction::Open,
            "2026-07-01T08:00:00Z",
        );
        assert_eq!(admits(&p, &[progress(), measure(day(30, 6))], july), Ok(()));
        let other = admits(&p, &[measure(day(31, 12))], july).unwrap_err();
        assert!(
            other
                .to_string()
                .contains("ora è aperta la finestra del 30/06/2026 fino al 15/07/2026"),
            "{other}"
        );
        // Past its day the window admits nothing, and says so.
        let late = admits(&p, &[progress()], day(16, 7))
            .unwrap_err()
            .to_string();
        assert!(
            late.contains("la finestra del 30/06/2026 è scaduta il 15/07/2026"),
            "{late}"
        );
        let mut v = p.clone();
        v.cycle.as_mut().unwrap().state = PlanState::Assessment;
        assert_eq!(
            admits(&v, &[progress()], day(16, 7)),
            Ok(()),
            "frozen, not windowed"
        );
    }
}
