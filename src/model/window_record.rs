//! A monitoring window as `plan.windows` stores it and schema `/3` writes
//! it (GUIDE §2, §8), and what `period` asks of the service. What windows
//! do to a plan is `windows`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::tr;

/// One period's window, as `plan.windows` stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub period: NaiveDate,
    #[serde(default)]
    pub state: WindowState,
    /// The day it was last opened.
    #[serde(default)]
    pub opens: Option<NaiveDate>,
    /// Until when it is open (`--until`); once closed, the day it closed.
    #[serde(default)]
    pub closes: Option<NaiveDate>,
    /// Every opening and closing, oldest first.
    #[serde(default)]
    pub events: Vec<WindowEvent>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    #[default]
    Closed,
    Open,
}

/// Who opened or closed a window, when, and why (a reopening's reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowEvent {
    pub state: WindowState,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    #[serde(default)]
    pub reason: String,
}

/// What `period open|close|reopen` asks of the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowStep {
    pub period: NaiveDate,
    pub action: WindowAction,
    #[serde(default)]
    pub until: Option<NaiveDate>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowAction {
    Open,
    Close,
    Reopen,
}

/// A window after a step, and the monitoring snapshot its closing took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowOutcome {
    pub window: Window,
    pub snapshot: Option<String>,
}

impl Window {
    /// A period's window that was never opened.
    pub fn new(period: NaiveDate) -> Window {
        Window {
            period,
            state: WindowState::Closed,
            opens: None,
            closes: None,
            events: Vec::new(),
        }
    }

    pub fn opened(&self) -> bool {
        !self.events.is_empty()
    }

    /// Open, and not past its `until` on `today`.
    pub fn open_on(&self, today: NaiveDate) -> bool {
        self.state == WindowState::Open && self.closes.is_none_or(|c| today <= c)
    }

    /// When it was last opened.
    pub fn opened_at(&self) -> Option<DateTime<FixedOffset>> {
        let last = self.events.iter().rev();
        last.filter(|e| e.state == WindowState::Open)
            .map(|e| e.at)
            .next()
    }
}

impl WindowState {
    pub fn code(self) -> &'static str {
        match self {
            WindowState::Closed => "closed",
            WindowState::Open => "open",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WindowState::Closed => tr("chiusa", "closed"),
            WindowState::Open => tr("aperta", "open"),
        }
    }

    pub fn from_code(code: &str) -> Option<WindowState> {
        [WindowState::Closed, WindowState::Open]
            .into_iter()
            .find(|s| s.code() == code)
    }
}
