//! A spinner on stderr for an import or an export that takes more than a
//! second, saying what it is doing (`importazione: confronto con il piano`);
//! only when stderr is a terminal: piped or redirected, nothing is written.
//!
//! One at a time, for the whole process: `start` shows it (after the delay),
//! `stage` and `count` say where the work is from wherever it is done, and
//! everything this program prints (`fail`, `write_stdout`, `note`) takes it
//! off the terminal first, so a line is never drawn over.

use std::io::IsTerminal;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// How long the work runs before the spinner shows: a second, or
/// `OBIETTIVI_PROGRESS_AFTER_MS` (0: at once, for a test or a slow link).
fn delay() -> Duration {
    std::env::var("OBIETTIVI_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis)
}

fn current() -> MutexGuard<'static, Option<ProgressBar>> {
    BAR.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Takes the spinner off when the work is over, however it ends.
#[must_use]
pub struct Shown;

impl Drop for Shown {
    fn drop(&mut self) {
        clear();
    }
}

/// The spinner for `what` (`esportazione`), shown once the work has taken
/// longer than the delay, if stderr is a terminal.
pub fn start(what: &str) -> Shown {
    if !std::io::stderr().is_terminal() {
        return Shown;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {prefix}: {wide_msg} {elapsed}") {
        bar.set_style(style);
    }
    bar.set_prefix(what.to_string());
    let after = delay();
    if after.is_zero() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
    } else {
        let weak = bar.downgrade();
        std::thread::spawn(move || {
            std::thread::sleep(after);
            if let Some(bar) = weak.upgrade()
                && !bar.is_finished()
            {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    if let Some(old) = current().replace(bar) {
        old.finish_and_clear();
    }
    Shown
}

/// What the work is doing now (nothing when no spinner was started).
pub fn stage(what: impl Into<String>) {
    if let Some(bar) = &*current() {
        bar.set_message(what.into());
    }
}

/// Takes the spinner off the terminal (before what is printed next).
pub fn clear() {
    if let Some(bar) = current().take() {
        bar.finish_and_clear();
    }
}

/// A line on stderr while the work goes on: the spinner steps aside for it.
pub fn note(line: &str) {
    match &*current() {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}
