//! The server tests, one test binary (each file a module).

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;
#[path = "../serve/mod.rs"]
mod serve;

mod server;
mod server_cycle;
mod server_import;
mod server_limits;
mod server_load;
mod server_log;
mod server_office;
mod server_parse;
mod server_roles;
mod server_windows;
mod socket_path;
