//! A real `obiettivi serve` process for tests, and clients that talk to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use obiettivi::server::client::{Client, ConnectError};
use obiettivi::server::listen::socket_path;
use obiettivi::server::protocol::PROTOCOL_VERSION;
use obiettivi::service::{Response, ServiceError};

/// Long enough for a loaded CI machine; a passing test never waits this long.
const PATIENCE: Duration = Duration::from_secs(60);

pub struct Server {
    pub child: Child,
    pub db: PathBuf,
}

impl Server {
    /// `obiettivi --db DB serve [--config FILE]`, once its socket answers.
    pub fn start(db: &Path, config: Option<&Path>) -> Server {
        Server::start_with(db, config, &[])
    }

    /// `start`, with these variables in the server's environment (its limits).
    /// A database not there yet is made first (with the shipped plan): `serve`
    /// refuses an explicit `--db` that does not exist (GUIDE §3).
    pub fn start_with(db: &Path, config: Option<&Path>, env: &[(&str, &str)]) -> Server {
        Server::launch(db, config, env, &[], Stdio::null())
    }

    /// `start` with `args` after `serve`, and the server's stderr (its log)
    /// read line by line as it comes; `stderr_closed`: its reading end is
    /// closed at once, as if the journal went away.
    pub fn start_logged(
        db: &Path,
        config: Option<&Path>,
        args: &[&str],
        stderr_closed: bool,
    ) -> (Server, std::sync::mpsc::Receiver<String>) {
        let mut server = Server::launch(db, config, &[], args, Stdio::piped());
        let stderr = server.child.stderr.take().unwrap();
        let (lines, log) = std::sync::mpsc::channel();
        if stderr_closed {
            drop(stderr);
        } else {
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { return };
                    if lines.send(line).is_err() {
                        return;
                    }
                }
            });
        }
        (server, log)
    }

    fn launch(
        db: &Path,
        config: Option<&Path>,
        env: &[(&str, &str)],
        args: &[&str],
        stderr: Stdio,
    ) -> Server {
        if !db.exists() {
            crate::common::create_db(db);
        }
        let mut cmd = crate::common::bin();
        cmd.envs(env.iter().copied());
        cmd.arg("--db").arg(db).arg("serve").args(args);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        cmd.env_remove("OBIETTIVI_CONFIG");
        let child = cmd.stdout(Stdio::null()).stderr(stderr).spawn().unwrap();
        let server = Server {
            child,
            db: db.to_path_buf(),
        };
        let started = Instant::now();
        loop {
            if let Ok(c) = Client::connect(&socket_path(db), None) {
                drop(c);
                return server;
            }
            assert!(started.elapsed() < PATIENCE, "the server never answered");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn client(&self) -> Client {
        match Client::connect(&socket_path(&self.db), None) {
            Ok(c) => c,
            Err(ConnectError::NoServer) => panic!("no server"),
            Err(ConnectError::Refused(why)) => panic!("{why}"),
        }
    }

    /// A client working on the plan titled `plan` (GUIDE §10).
    pub fn client_on(&self, plan: &str) -> Client {
        match Client::connect(&socket_path(&self.db), Some(plan)) {
            Ok(c) => c,
            Err(ConnectError::NoServer) => panic!("no server"),
            Err(ConnectError::Refused(why)) => panic!("{why}"),
        }
    }

    pub fn socket(&self) -> PathBuf {
        socket_path(&self.db)
    }

    /// SIGKILL: no chance to tidy up (the socket file stays behind).
    pub fn kill9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A group to share a database with (`group` in the roles file) that is not
/// this process's own; `None` unless running as root (only root may give
/// files a group it is not in) on a system with such a group.
pub fn group_not_mine() -> Option<String> {
    // SAFETY: geteuid and getegid have no preconditions.
    let (uid, egid) = unsafe { (libc::geteuid(), libc::getegid()) };
    ["daemon", "bin", "sys", "adm", "users"]
        .into_iter()
        .find(|g| obiettivi::server::peer::group_id(g).is_some_and(|gid| gid != egid))
        .filter(|_| uid == 0)
        .map(str::to_string)
}

/// Types `text` into the TUI, key by key, as a user at the keyboard would.
pub fn type_keys(app: &mut obiettivi::tui::app::App, text: &str) {
    for c in text.chars() {
        app.handle_key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char(c),
        ));
    }
}

/// What the TUI's status line says of a save that was refused.
pub fn refusal(app: &obiettivi::tui::app::App) -> &str {
    match app.status() {
        obiettivi::tui::app::Status::Error(why) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// After a refusal the cell editor is still open and holds what was typed.
pub fn assert_editor_holds(app: &obiettivi::tui::app::App, typed: &str) {
    let obiettivi::tui::app::Mode::Cell(edit) = app.mode() else {
        panic!("the editor closed");
    };
    assert_eq!(edit.editor.text(), typed);
}

/// A connection that has said hello (in Italian), for lines no real client would send.
pub struct Raw {
    input: BufReader<UnixStream>,
    output: UnixStream,
}

impl Raw {
    pub fn open(server: &Server) -> Raw {
        let stream = UnixStream::connect(server.socket()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut raw = Raw {
            input: BufReader::new(stream.try_clone().unwrap()),
            output: stream,
        };
        let hello = format!("{{\"op\":\"hello\",\"version\":{PROTOCOL_VERSION},\"lang\":\"it\"}}");
        assert!(raw.send(&hello).contains("\"hello\""));
        raw
    }

    /// One line, and the line answered.
    pub fn send(&mut self, line: &str) -> String {
        writeln!(self.output, "{line}").unwrap();
        let mut answer = String::new();
        self.input.read_line(&mut answer).unwrap();
        answer
    }

    /// The answer as the client reads it.
    pub fn answer(&mut self, line: &str) -> Response {
        let text = self.send(line);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    /// The error a request got, as the client reads it.
    pub fn refusal(&mut self, line: &str) -> ServiceError {
        match self.answer(line) {
            Response::Error(e) => e,
            other => panic!("{line}: expected a refusal, got {other:?}"),
        }
    }
}

/// A second local account for the tests (root only: created when missing),
/// with its group; `None`, with a message, when the tests do not run as root.
pub fn second_user() -> Option<(u32, u32)> {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: a second local user can only be created when the tests run as root");
        return None;
    }
    let _ = std::process::Command::new("groupadd")
        .args(["-f", "obt2"])
        .status();
    let _ = std::process::Command::new("useradd")
        .args(["-M", "-N", "-g", "obt2", "-s", "/usr/sbin/nologin", "obt2"])
        .stderr(std::process::Stdio::null())
        .status();
    let id = |flag: &str| {
        let o = std::process::Command::new("id")
            .args([flag, "obt2"])
            .output()
            .ok()?;
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .parse::<u32>()
            .ok()
    };
    Some((id("-u")?, id("-g")?))
}
