//! Files on a shared machine (GUIDE §7): what the program writes is readable
//! by its owner only, whatever the umask, and a link planted by another user
//! beside a file being written cannot redirect it.

use crate::common;
use crate::serve;
use common::*;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;

/// `obiettivi --db DB ARGS…` under umask 022, the default that made files 0644.
fn run_umask_022(db: &Path, args: &[&str]) -> std::process::Output {
    let mut command = bin();
    command.arg("--db").arg(db).args(args);
    // SAFETY: umask is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    let o = command.output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    o
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

/// Every directory and file under `dir` (itself included), with its mode.
fn modes_under(dir: &Path) -> Vec<(String, u32)> {
    let mut out = vec![(dir.display().to_string(), mode(dir))];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(modes_under(&path));
        } else {
            out.push((path.display().to_string(), mode(&path)));
        }
    }
    out
}

fn assert_private(dir: &Path) {
    for (path, mode) in modes_under(dir) {
        let expected = if Path::new(&path).is_dir() {
            0o700
        } else {
            0o600
        };
        assert_eq!(mode, expected, "{path}: {mode:o}");
    }
}

#[test]
fn the_database_its_snapshots_and_backups_are_the_owners_alone_whatever_the_umask() {
    let (dir, db) = fresh_db();
    run_umask_022(
        &db,
        &["set", "05_1201_0601", "--phase", "1", "--weight", "40"],
    );
    run_umask_022(&db, &["backup"]);
    let file = dir.path().join("copia.json");
    run_umask_022(&db, &["backup", "-o", file.to_str().unwrap()]);
    let exported = dir.path().join("piano.csv");
    run_umask_022(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "-o",
            exported.to_str().unwrap(),
        ],
    );
    assert_private(&db);
    assert_private(&dir.path().join("db.snapshots"));
    assert!(!snapshots(&db).is_empty());
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&exported), 0o600);

    // A database left readable by an older version is closed on the next open.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(db.join("db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    run_umask_022(&db, &["export"]);
    assert_private(&db);
}

/// A snapshots directory loosened to 0777 (and a snapshot in it to 0666) is
/// tightened on the next open, as the database directory is.
#[test]
fn a_loosened_snapshots_directory_is_closed_on_the_next_open() {
    let (dir, db) = fresh_db();
    run_umask_022(&db, &["backup"]);
    let snapshots_dir = dir.path().join("db.snapshots");
    let first = &names_in(&snapshots_dir, |_| true)[0];
    std::fs::set_permissions(&snapshots_dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(
        snapshots_dir.join(first),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();
    run_umask_022(&db, &["export"]);
    assert_private(&snapshots_dir);
}

#[test]
fn a_file_replaced_by_an_export_keeps_the_mode_its_owner_chose() {
    let (dir, db) = fresh_db();
    let file = dir.path().join("scheda.md");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(&db, &["report", "-o", file.to_str().unwrap()]);
    assert_eq!(mode(&file), 0o644);
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("# "));
}

/// The last process id the kernel handed out: the next child gets one just above.
fn last_pid() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1)
}

/// A reader who can write in the directory plants links at the names the
/// temporary file used to get (`FILE.tmp<pid>`, for the next few hundred pids),
/// all pointing at a file of the controller's. Backup, export and report
/// write their file, and the file the links point at is untouched.
#[test]
fn a_link_planted_beside_an_output_file_does_not_redirect_it() {
    let (dir, db) = fresh_db();
    let _ = export(&db);
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    for (command, name) in [
        (&["backup", "-o"][..], "backup.json"),
        (&["export", "--format", "csv", "-o"][..], "piano.csv"),
        (&["report", "--format", "txt", "-o"][..], "scheda.txt"),
    ] {
        let target = dir.path().join(name);
        let next = last_pid();
        for pid in next..next + 400 {
            let _ =
                std::os::unix::fs::symlink(&victim, dir.path().join(format!("{name}.tmp{pid}")));
        }
        let mut args = command.to_vec();
        args.push(target.to_str().unwrap());
        ok(&db, &args);
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "precious",
            "{name}"
        );
        let written = std::fs::symlink_metadata(&target).unwrap();
        assert!(written.is_file(), "{name}");
        assert!(written.len() > 100, "{name}");
    }
    // Only the planted links and the outputs are there: no temporary file left.
    let stray = names_in(dir.path(), |n| n.ends_with(".tmp"));
    assert!(stray.is_empty(), "{stray:?}");
}

/// Another user plants `ln -s ~victim/file shared/piano.json` in a directory
/// others may write: `export -o` and `report -o` on that name refuse it,
/// saying so, and the victim's file is untouched; a link of the user's own
/// there is still written through. Needs root (to give a link another owner).
#[test]
fn an_output_path_that_is_a_link_planted_by_another_user_is_refused() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: a link of another user needs root to make");
        return;
    }
    let (dir, db) = fresh_db();
    let _ = export(&db);
    let victim = dir.path().join("victim.json");
    std::fs::write(&victim, "precious").unwrap();
    // Group- and world-writable, not sticky: the kernel's protected_symlinks does not help here.
    let shared = dir.path().join("condivisa");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    for (command, name) in [
        (&["export", "-o"][..], "piano.json"),
        (&["report", "--format", "md", "-o"][..], "scheda.md"),
    ] {
        let link = shared.join(name);
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        std::os::unix::fs::lchown(&link, Some(4242), Some(4242)).unwrap();
        let mut args = command.to_vec();
        args.push(link.to_str().unwrap());
        let o = run(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("è un collegamento simbolico dell'utente «4242» in una cartella in cui altri possono scrivere: non viene seguito"),
            "{name}: {}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "precious",
            "{name}"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    let own = dir.path().join("mio.json");
    let mine = shared.join("mio.json");
    std::os::unix::fs::symlink(&own, &mine).unwrap();
    std::fs::write(&own, "").unwrap();
    ok(&db, &["export", "-o", mine.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&own)
            .unwrap()
            .contains("obiettivi/")
    );
    assert!(
        std::fs::symlink_metadata(&mine)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// With a `group` in its roles file, `serve` shares the database and its
/// snapshots with that group for reading (0750, 0640) and nobody else; an
/// open without the server later keeps it so. Needs root (to give files a
/// group one is not in); skipped otherwise.
#[test]
fn serve_with_a_group_shares_the_files_with_that_group_for_reading() {
    // SAFETY: geteuid and getegid have no preconditions.
    let (uid, egid) = unsafe { (libc::geteuid(), libc::getegid()) };
    let group = ["daemon", "bin", "sys", "adm", "users"]
        .into_iter()
        .find(|g| obiettivi::server::peer::group_id(g).is_some_and(|gid| gid != egid));
    let (0, Some(group)) = (uid, group) else {
        eprintln!("skipped: sharing with a group needs root and a group other than one's own");
        return;
    };
    let gid = obiettivi::server::peer::group_id(group).unwrap();
    let (dir, db) = fresh_db();
    let _ = export(&db);
    ok(&db, &["backup"]);
    let config = dir.path().join("ruoli.toml");
    std::fs::write(
        &config,
        format!("group = \"{group}\"\ncontrollers = [\"{}\"]\n", me()),
    )
    .unwrap();
    let shared = |when: &str| {
        for tree in [db.clone(), dir.path().join("db.snapshots")] {
            for (path, mode) in modes_under(&tree) {
                let expected = if Path::new(&path).is_dir() {
                    0o750
                } else {
                    0o640
                };
                assert_eq!(mode, expected, "{when}: {path}: {mode:o}");
                assert_eq!(
                    std::fs::metadata(&path).unwrap().gid(),
                    gid,
                    "{when}: {path}"
                );
            }
        }
    };
    let server = serve::Server::start(&db, Some(&config));
    shared("with the server");
    let socket = server.socket();
    drop(server);
    let _ = std::fs::remove_file(socket);
    let _ = export(&db);
    shared("opened without the server");
}
