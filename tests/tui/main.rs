//! The tui tests, one test binary (each file a module).

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;
#[path = "../serve/mod.rs"]
mod serve;

mod tui_conflict;
mod tui_e2e;
mod tui_keys;
