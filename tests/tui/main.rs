//! The tui tests, one test binary (each file a module).

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;

mod tui_e2e;
