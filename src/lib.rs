//! obiettivi: keep a municipality's plan of objectives (Scheda Obiettivi of a DUP) up to date.
//!
//! Layers (GUIDE §5): `model` (plain types and rules, no I/O) ← `api` (the
//! service's errors and records) ← `store` (sled)
//! ← `service` (the one list of operations; `Local` on the store) ← `server`
//! (the service over a socket, and its client) ← `tui` and `cli` (the two
//! faces, which see only `service::PlanService`). `io` holds the formats.

pub mod api;
pub mod cli;
pub mod dev;
pub mod files;
pub mod i18n;
pub mod io;
pub mod model;
pub mod server;
pub mod service;
pub mod store;
pub mod tui;
