//! A database path too long for a socket address (over ~100 characters):
//! serverless use works, and the server's socket lives in a short place that
//! clients find the same way (GUIDE §7; issue 14, item 12).

use crate::common;
use crate::serve;
use common::*;
use serve::Server;

use std::os::unix::fs::MetadataExt;

use obiettivi::server::listen::{socket_path, trusted};

fn long_db(dir: &std::path::Path) -> std::path::PathBuf {
    let deep = dir.join("cartella-con-un-nome-molto-lungo-14".repeat(4));
    std::fs::create_dir_all(&deep).unwrap();
    let db = deep.join("obiettivi-del-comune");
    assert!(db.as_os_str().len() > 120);
    create_db(&db);
    db
}

/// The short directory is shared by the tests of this file: one at a time.
static SHORT_DIRECTORY: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_long_database_path_works_without_a_server_and_with_one() {
    let _one_at_a_time = SHORT_DIRECTORY.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = long_db(dir.path());
    // Serverless, as always.
    ok(&db, &["set", "05_1201_0601", "--status", "senza server"]);
    assert!(export(&db).contains("senza server"));

    let socket = socket_path(&db);
    assert!(socket.as_os_str().len() <= 107, "{}", socket.display());
    assert!(!socket.starts_with(dir.path()));
    let server = Server::start(&db, None);
    assert!(socket.exists());
    let parent = std::fs::metadata(socket.parent().unwrap()).unwrap();
    assert_eq!(
        parent.mode() & 0o022,
        0,
        "the socket's directory is writable by others"
    );
    // The CLI finds the server (the database is the server's: opening it directly would be refused).
    ok(&db, &["set", "05_1201_0601", "--status", "via server"]);
    assert!(ok(&db, &["history", "05_1201_0601"]).contains("via server"));
    drop(server);
    // A killed server leaves its socket: not this test's to leave in /tmp.
    let _ = std::fs::remove_file(&socket);
}

/// A socket in the short directory that is not the database owner's is not
/// spoken to: another user could have put a server of his own there. And a
/// short directory another user made is refused by the server, with a message.
#[test]
fn a_socket_or_a_directory_of_another_user_is_not_trusted() {
    let _one_at_a_time = SHORT_DIRECTORY.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: giving a socket to another user needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = long_db(dir.path());
    let socket = socket_path(&db);
    let server = Server::start(&db, None);
    assert!(trusted(&socket, &db));
    std::os::unix::fs::chown(&socket, Some(4242), None).unwrap();
    assert!(!trusted(&socket, &db));
    drop(server);
    let _ = std::fs::remove_file(&socket);

    // The directory squatted by "another user" (uid 4242): no server goes there.
    let short = socket.parent().unwrap();
    if short.starts_with("/run") {
        return;
    }
    struct GivenBack<'a>(&'a std::path::Path);
    impl Drop for GivenBack<'_> {
        fn drop(&mut self) {
            let _ = std::os::unix::fs::chown(self.0, Some(0), None);
        }
    }
    std::os::unix::fs::chown(short, Some(4242), None).unwrap();
    let _given_back = GivenBack(short);
    let serve = bin()
        .arg("--db")
        .arg(&db)
        .arg("serve")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let o = output_within_a_minute(serve, "serve started in a directory of another user");
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("non è una cartella solo tua"),
        "{}",
        stderr(&o)
    );
}
