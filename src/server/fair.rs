//! What one user may hold of the server (GUIDE §7), so that nobody can starve
//! the others: connections per user and in all, a deadline for the whole
//! hello and for a connection that says nothing, and the memory that request
//! lines in progress may take together.

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::tr_format;

/// The limits, with defaults for a municipality's tens of users. Each can be
/// changed from the environment of `obiettivi serve`
/// (`OBIETTIVI_SERVE_<NAME>`, e.g. `OBIETTIVI_SERVE_CONNECTIONS_PER_USER=8`).
#[derive(Debug, Clone)]
pub struct Limits {
    pub connections_per_user: usize,
    pub connections: usize,
    /// From the connection to the end of the hello.
    pub hello: Duration,
    /// Waiting for a request (a TUI asks every second; a CLI command is quick).
    pub idle: Duration,
    /// From the first byte of a request to its end.
    pub request: Duration,
    /// Bytes that request lines being read (and decoded) may hold together,
    /// beyond the first 64 KiB of each (which every connection may always have).
    pub lines_in_flight: usize,
    /// The part of `lines_in_flight` one user's lines may hold.
    pub lines_per_user: usize,
}

impl Limits {
    pub fn from_env() -> Limits {
        let number = |name: &str, default: u64| {
            std::env::var(format!("OBIETTIVI_SERVE_{name}"))
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        Limits {
            connections_per_user: number("CONNECTIONS_PER_USER", 32) as usize,
            connections: number("CONNECTIONS", 256) as usize,
            hello: Duration::from_secs(number("HELLO_SECS", 10)),
            idle: Duration::from_secs(number("IDLE_SECS", 30 * 60)),
            request: Duration::from_secs(number("REQUEST_SECS", 120)),
            lines_in_flight: number("LINES_IN_FLIGHT_MB", 128) as usize * 1024 * 1024,
            lines_per_user: number("LINES_PER_USER_MB", 64) as usize * 1024 * 1024,
        }
    }
}

/// The connections open, by user.
#[derive(Default)]
pub struct Admission {
    open: Mutex<HashMap<String, usize>>,
}

/// A connection counted while it lives.
pub struct Admitted {
    admission: Arc<Admission>,
    user: String,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self
            .admission
            .open
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

impl Admission {
    /// Counts one more connection of `user`, or says why not.
    pub fn admit(self: &Arc<Self>, user: &str, limits: &Limits) -> Result<Admitted, String> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let total: usize = open.values().sum();
        let mine = open.get(user).copied().unwrap_or(0);
        if mine >= limits.connections_per_user {
            return Err(tr_format!(
                "l'utente {user} ha già troppe connessioni aperte al server (massimo {}): chiudi le sessioni di obiettivi che non usi",
                "user {user} already has too many connections open to the server (at most {}): close the obiettivi sessions you do not use",
                limits.connections_per_user
            ));
        }
        if total >= limits.connections {
            return Err(tr_format!(
                "il server ha già troppe connessioni (massimo {}): riprova tra poco",
                "the server already has too many connections (at most {}): try again shortly",
                limits.connections
            ));
        }
        *open.entry(user.to_string()).or_insert(0) += 1;
        Ok(Admitted {
            admission: Arc::clone(self),
            user: user.to_string(),
        })
    }
}

/// The bytes of request lines in flight (read, and being decoded), in all
/// and by user: one user's lines cannot take what the others need.
#[derive(Default)]
pub struct LineBudget {
    used: Mutex<(usize, HashMap<String, usize>)>,
}

impl LineBudget {
    /// Takes `bytes` for `user` if they fit under both limits.
    pub fn take(&self, user: &str, bytes: usize, limits: &Limits) -> bool {
        if bytes == 0 {
            return true;
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let (total, by_user) = &mut *used;
        let mine = by_user.get(user).copied().unwrap_or(0);
        if *total + bytes > limits.lines_in_flight || mine + bytes > limits.lines_per_user {
            return false;
        }
        *total += bytes;
        by_user.insert(user.to_string(), mine + bytes);
        true
    }

    pub fn give_back(&self, user: &str, bytes: usize) {
        if bytes == 0 {
            return;
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let (total, by_user) = &mut *used;
        *total = total.saturating_sub(bytes);
        if let Some(mine) = by_user.get_mut(user) {
            *mine = mine.saturating_sub(bytes);
            if *mine == 0 {
                by_user.remove(user);
            }
        }
    }
}

/// A socket read against a deadline for the whole of what is read, not
/// for each read: a client sending a byte every few seconds still runs out.
pub struct Deadline {
    stream: UnixStream,
    until: Instant,
}

impl Deadline {
    pub fn new(stream: UnixStream, within: Duration) -> Deadline {
        Deadline {
            stream,
            until: Instant::now() + within,
        }
    }

    /// From now on, reads must be done within `within`.
    pub fn reset(&mut self, within: Duration) {
        self.until = Instant::now() + within;
    }
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}
