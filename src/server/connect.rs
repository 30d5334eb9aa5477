//! The one place that chooses: through the server when `<db>.sock` answers,
//! otherwise the database opened directly, as a single user always did.
//! Either way the caller gets a `PlanService` and cannot tell which.

use std::path::Path;

use super::client::{Client, ConnectError};
use super::listen::{socket_path, trusted};
use super::peer::who;
use crate::model::Dataset;
use crate::service::{Local, PlanService};
use crate::store::Store;
use crate::tr_format;

/// Connects to the server of the database at `db`, or opens the database,
/// on the plan titled `plan` (the default one when `None`, GUIDE §10).
pub fn connect_or_open(
    db: &Path,
    initial: impl FnOnce() -> Dataset,
    plan: Option<&str>,
) -> Result<Box<dyn PlanService>, String> {
    let socket = socket_path(db);
    // A socket that cannot be the database owner's server is not spoken to.
    let connected = if trusted(&socket, db) {
        Client::connect(&socket, plan)
    } else {
        Err(ConnectError::NoServer)
    };
    match connected {
        Ok(client) => Ok(Box::new(client)),
        Err(ConnectError::Refused(why)) => Err(why),
        Err(ConnectError::NoServer) => match Store::open_plan(db, initial, plan) {
            Ok(store) => Ok(Box::new(Local::new(store, who()))),
            // A socket without a server: the likelier story is a server that stopped.
            Err(e) if socket_path(db).exists() => Err(tr_format!(
                "{e}. Nessun server risponde su {}: il server obiettivi (obiettivi serve) è forse fermo; avvisa chi lo gestisce.",
                "{e}. No server answers on {}: the obiettivi server (obiettivi serve) may be stopped; tell whoever runs it.",
                socket_path(db).display()
            )),
            Err(e) => Err(e.to_string()),
        },
    }
}
