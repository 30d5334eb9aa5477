//! A real `obiettivi serve` process for tests, and clients that talk to it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use obiettivi::server::client::{Client, ConnectError};
use obiettivi::server::listen::socket_path;

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
        if !db.exists() {
            crate::common::create_db(db);
        }
        let mut cmd = crate::common::bin();
        cmd.envs(env.iter().copied());
        cmd.arg("--db").arg(db).arg("serve");
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        cmd.env_remove("OBIETTIVI_CONFIG");
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            db: db.to_path_buf(),
        };
        let started = Instant::now();
        loop {
            if let Ok(c) = Client::connect(&socket_path(db)) {
                drop(c);
                return server;
            }
            assert!(started.elapsed() < PATIENCE, "the server never answered");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn client(&self) -> Client {
        match Client::connect(&socket_path(&self.db)) {
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

/// The login name of the user running the tests: who the server will see.
pub fn me() -> String {
    let uid = obiettivi::server::peer::uid();
    obiettivi::server::peer::user_name(uid).unwrap_or_else(|| format!("uid {uid}"))
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
    match &app.status {
        obiettivi::tui::app::Status::Error(why) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// After a refusal the cell editor is still open and holds what was typed.
pub fn assert_editor_holds(app: &obiettivi::tui::app::App, typed: &str) {
    let obiettivi::tui::app::Mode::Cell(edit) = &app.mode else {
        panic!("the editor closed");
    };
    assert_eq!(edit.editor.text(), typed);
}
