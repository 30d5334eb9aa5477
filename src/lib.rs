//! obiettivi: keep a municipality's plan of objectives (Scheda Obiettivi of a DUP) up to date.
//!
//! Layers (GUIDE §5): `model` (plain types and rules, no I/O) ← `store` (sled)
//! ← `io` (interchange formats) ← `tui` and `cli` (the two faces).

pub mod cli;
pub mod dev;
pub mod files;
pub mod i18n;
pub mod io;
pub mod model;
pub mod server;
pub mod store;
pub mod tui;
