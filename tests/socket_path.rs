//! A database path too long for a socket address (over ~100 characters):
//! serverless use works, and the server's socket lives in a short place that
//! clients find the same way (GUIDE §7; issue 14, item 12).

mod common;
mod serve;
use common::*;
use serve::Server;

use std::os::unix::fs::MetadataExt;

use obiettivi::server::listen::{socket_path, trusted};

fn long_db(dir: &std::path::Path) -> std::path::PathBuf {
    let deep = dir.join("cartella-con-un-nome-molto-lungo-14".repeat(4));
    std::fs::create_dir_all(&deep).unwrap();
    let db = deep.join("obiettivi-del-comune");
    assert!(db.as_os_str().len() > 120);
    db
}

#[test]
fn a_long_database_path_works_without_a_server_and_with_one() {
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
/// spoken to: another user could have put a server of his own there.
#[test]
fn a_socket_of_another_user_in_the_short_directory_is_not_trusted() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: giving a socket to another user needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = long_db(dir.path());
    let _ = export(&db);
    let socket = socket_path(&db);
    let server = Server::start(&db, None);
    assert!(trusted(&socket, &db));
    std::os::unix::fs::chown(&socket, Some(4242), None).unwrap();
    assert!(!trusted(&socket, &db));
    drop(server);
    let _ = std::fs::remove_file(&socket);
}
