//! The real binary in a pseudo-terminal, read back through a terminal emulator:
//! tests send the keys a user would press and wait for what the user would see.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a loaded CI machine; a passing test never waits this long.
const PATIENCE: Duration = Duration::from_secs(30);

/// No reader thread: the test reads the terminal itself, without blocking, so
/// that `hang_up` can close every handle on the pty master (a thread blocked in
/// read would keep it open, and the kernel would never hang up the session).
pub struct Tui {
    screen: Mutex<vt100::Parser>,
    reader: Mutex<Option<Box<dyn Read + Send>>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
}

impl Tui {
    /// `obiettivi --db DB` in a `cols`×`rows` terminal, Italian, fixed login name.
    pub fn start(db: &Path, cols: u16, rows: u16) -> Tui {
        Tui::start_with(db, cols, rows, &[])
    }

    /// Like `start`, with more environment (`XDG_CONFIG_HOME` is the database's
    /// directory unless said otherwise: a developer's own keys never reach a test).
    pub fn start_with(db: &Path, cols: u16, rows: u16, env: &[(&str, &Path)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_obiettivi"));
        cmd.arg("--db");
        cmd.arg(db);
        for key in ["LC_ALL", "LC_MESSAGES", "OBIETTIVI_DB", "NO_COLOR"] {
            cmd.env_remove(key);
        }
        cmd.env("LANG", "it_IT.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env(
            "XDG_CONFIG_HOME",
            db.parent().expect("a database in a directory"),
        );
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal has a size");
        let screen = Mutex::new(vt100::Parser::new(size(rows), size(cols), 0));
        let reader = pair.master.try_clone_reader().unwrap();
        // O_NONBLOCK is a property of the open file, shared by the cloned reader.
        let fd = pair.master.as_raw_fd().expect("a unix pty");
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let writer = pair.master.take_writer().unwrap();
        Tui {
            screen,
            reader: Mutex::new(Some(reader)),
            writer: Some(writer),
            child,
            master: Some(pair.master),
        }
    }

    /// Feeds whatever the application wrote so far to the terminal emulator.
    fn drain(&self) {
        let mut reader = self.reader.lock().unwrap();
        let Some(reader) = reader.as_mut() else {
            return;
        };
        let mut buf = [0u8; 8192];
        // Ok(0), WouldBlock and EIO (the other side closed) all mean: nothing more now.
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            self.screen.lock().unwrap().process(&buf[..n]);
        }
    }

    /// Types `keys` as a user would. `\r` is Enter, `\t` Tab, `\x13` Ctrl-S, `\x1b` Esc.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let mut bytes = [0u8; 4];
            let writer = self.writer.as_mut().expect("the terminal is still there");
            writer
                .write_all(c.encode_utf8(&mut bytes).as_bytes())
                .unwrap();
            writer.flush().unwrap();
            // A lone Esc followed at once by a letter reads as Alt+letter: let it land.
            let pause = if c == '\x1b' { 150 } else { 5 };
            std::thread::sleep(Duration::from_millis(pause));
        }
    }

    /// Writes `bytes` in one go, as a terminal sends an escape sequence (a mouse report).
    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the terminal is still there");
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    pub fn screen(&self) -> String {
        self.drain();
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("«{text}»"), |screen| screen.contains(text))
    }

    /// Waits until the screen no longer shows `text` (a window closed), and returns the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("«{text}» gone"), |screen| !screen.contains(text))
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "never saw {what} on:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let started = Instant::now();
        loop {
            self.drain();
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status.exit_code();
            }
            if started.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("the process did not end; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    /// The SSH connection drops: every handle on the terminal's master side is
    /// closed, so the kernel hangs up the session (SIGHUP, reads fail with EIO).
    pub fn hang_up(&mut self) {
        // portable-pty's writer, when dropped, types a newline and the VEOF
        // character for cooked-mode readers. A dropped SSH connection types
        // nothing, and the editor would take them as Ctrl-J (delete to the
        // start of the line) and Ctrl-D: clear VEOF so the drop writes nothing.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: plain termios calls on a descriptor this struct owns.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        self.reader.lock().unwrap().take();
        self.writer.take();
        self.master.take();
    }

    /// Whether the application has left the alternate screen and shows the cursor again.
    pub fn terminal_restored(&self) -> bool {
        self.drain();
        let parser = self.screen.lock().unwrap();
        !parser.screen().alternate_screen() && !parser.screen().hide_cursor()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
