//! Issue 26's year walked through `serve` by an office of three — a
//! controller, a manager and a validator — each an account of the system,
//! known to the server by the kernel (SO_PEERCRED), reaching it through the
//! service's group as a real office does (GUIDE §7, §8). Root only: the
//! accounts are made for the test and removed after it, even when it fails.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;
use crate::serve::Server;

/// An objective of VISENTIN RICCARDO, whom the office's manager answers for.
const CODE: &str = "05_1201_0601";

#[test]
fn a_controller_a_manager_and_a_validator_walk_the_year_through_serve() {
    let Some(office) = Office::open() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    office.share(dir.path());
    let db = weighted_db(dir.path());
    let _server = Server::start(&db, Some(&office.roles_file(dir.path())));
    let Office {
        controller,
        manager,
        validator,
        ..
    } = &office;
    let progress = |value: &str| words(&["set", CODE, "--phase", "1", "--progress", value]);

    // Bozza → Proposta is the controller's; in Proposta a manager writes notes only.
    manager.refused(
        &db,
        &["cycle", "advance"],
        "«Bozza» → «Proposta»: è dei controllers",
    );
    controller.ok(&db, &["cycle", "advance"]);
    manager.refused(
        &db,
        &progress("10"),
        "il piano è in «Proposta»: un manager scrive solo le note delle fasi",
    );
    manager.ok(
        &db,
        &["set", CODE, "--phase", "1", "--notes", "da rivedere"],
    );
    // Approvata with its act; then the baseline is frozen, the manager's weight too.
    controller.refused(
        &db,
        &["cycle", "advance"],
        "il passaggio a «Approvata» richiede l'atto che lo dispone",
    );
    controller.ok(&db, &["cycle", "advance", "--act", APPROVAL_ACT]);
    manager.refused(
        &db,
        &["set", CODE, "--phase", "1", "--weight", "30"],
        "fase 1 Peso: congelato dall'approvazione, DGC n. 12 del 30/01/2026: \
         si cambia con una variazione",
    );
    // The manager's progress waits for the window the controller opens.
    let no_window = "solo a finestra di monitoraggio aperta; nessuna finestra è aperta";
    manager.refused(&db, &progress("40"), no_window);
    manager.refused(
        &db,
        &["period", "open", "30/06/2026", "--until", &in_a_month()],
        "period: riservato ai controllers",
    );
    controller.ok(
        &db,
        &["period", "open", "30/06/2026", "--until", &in_a_month()],
    );
    manager.ok(&db, &progress("40"));
    // A variation of the manager's own objective, approved by the controller with its act.
    let opened = manager.ok(
        &db,
        &["variation", "open", "--reason", "Nuovo bando regionale"],
    );
    assert!(opened.contains("variazione 1 aperta"), "{opened}");
    let weight = [
        "set",
        CODE,
        "--phase",
        "1",
        "--weight",
        "30",
        "--variation",
        "1",
    ];
    manager.ok(&db, &weight);
    let approve = ["variation", "approve", "1", "--act", VARIATION_ACT];
    manager.refused(&db, &approve, "variation: riservato ai controllers");
    controller.ok(&db, &approve);
    let closed = controller.ok(&db, &["period", "close", "30/06/2026"]);
    assert!(closed.contains(&format!("«{JUNE_SNAPSHOT}»")), "{closed}");
    manager.refused(
        &db,
        &progress("50"),
        &format!("{no_window}; la prossima finestra da aprire è quella del 31/12/2026"),
    );

    // Consuntivo: the manager's causes and request; forcing is not theirs.
    controller.ok(&db, &["cycle", "advance"]);
    let causes = gap_causes_batch(dir.path());
    manager.ok(&db, &["set", "--batch", causes.to_str().unwrap()]);
    let request = [
        "set",
        CODE,
        "--force-request",
        "80",
        "--note",
        "bando in ritardo",
    ];
    manager.ok(&db, &request);
    controller.ok(&db, &["cycle", "advance"]);
    // Valutazione: the validator's answer, theirs alone.
    let forced = [
        "set",
        CODE,
        "--forced",
        "80",
        "--reason",
        "ritardo non imputabile all'ente",
    ];
    let validators = "sono del validatore";
    manager.refused(&db, &forced, validators);
    controller.refused(&db, &forced, validators);
    validator.refused(
        &db,
        &progress("60"),
        "è validatore: non modifica i dati del piano",
    );
    validator.ok(&db, &forced);
    // Relazione is the controller's step, Validata the validator's.
    let relazione = ["cycle", "advance", "--act", "DGC n. 90 del 30/05/2027"];
    validator.refused(&db, &relazione, "è dei controllers");
    controller.ok(&db, &relazione);
    let validata = [
        "cycle",
        "advance",
        "--act",
        "Verbale OIV n. 3 del 20/06/2027",
    ];
    controller.refused(&db, &validata, "è del validatore");
    validator.ok(&db, &validata);
    assert!(
        controller
            .ok(&db, &["cycle"])
            .contains("Stato del piano: Validata")
    );

    // Validata: every edit refused, whoever asks, and nothing changed.
    let before = controller.ok(&db, &["export"]);
    for (who, args, says) in [
        (
            manager,
            progress("90"),
            "fase 1 Avanzamento: congelato dallo stato del piano",
        ),
        (
            manager,
            words(&["set", CODE, "--phase", "1", "--notes", "x"]),
            "fase 1 Note: congelato dallo stato del piano",
        ),
        (
            controller,
            words(&["set", CODE, "--phase", "1", "--weight", "40"]),
            "fase 1 Peso: congelato dallo stato del piano «Validata»: non si cambia più",
        ),
        (
            controller,
            words(&["variation", "open", "--reason", "tardi"]),
            "il piano è in «Validata»: non si apre né si approva più una variazione",
        ),
        (
            controller,
            words(&["cycle", "back", "--reason", "rifare la relazione"]),
            "è del validatore",
        ),
        (
            validator,
            words(&forced),
            "si scrive solo nello stato «Valutazione» (il piano è in «Validata»)",
        ),
    ] {
        who.refused(&db, &args, says);
    }
    assert_eq!(controller.ok(&db, &["export"]), before, "nothing changed");
    // The history names each of the three by their account, beside what they did.
    let history = controller.ok(&db, &["history", CODE]);
    for (person, did) in [
        (manager, "Avanzamento: n/d → 40"),
        (
            controller,
            &format!("Peso: 25 → 30  [variazione 1, {VARIATION_ACT}]"),
        ),
        (manager, "Richiesta di forzatura:  → 80% — bando in ritardo"),
        (
            validator,
            "Raggiungimento forzato:  → 80% — ritardo non imputabile",
        ),
    ] {
        let by = format!("  {}  {CODE}  ", person.name);
        assert!(
            history.lines().any(|l| l.contains(&by) && l.contains(did)),
            "{} {did}: {history}",
            person.name
        );
    }
}

/// An account made for the test, whose primary group is the office's.
struct Person {
    name: String,
    uid: u32,
    gid: u32,
}

impl Person {
    /// `obiettivi --db DB ARGS…` run by this account.
    fn run<S: AsRef<std::ffi::OsStr>>(&self, db: &Path, args: &[S]) -> Output {
        bin()
            .uid(self.uid)
            .gid(self.gid)
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(&self, db: &Path, args: &[S]) -> String {
        let o = self.run(db, args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{} {args:?}: {}",
            self.name,
            stderr(&o)
        );
        stdout(&o)
    }

    /// Refused with exit 2 and a message that says `says`.
    fn refused<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(
        &self,
        db: &Path,
        args: &[S],
        says: &str,
    ) {
        let o = self.run(db, args);
        let why = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{} {args:?}: {why}", self.name);
        assert!(why.contains(says), "{} {args:?}: {why}", self.name);
    }
}

/// Three accounts and their group, made for one run (names unique to it)
/// and removed when dropped, a failed assertion's unwinding included.
struct Office {
    group: String,
    controller: Person,
    manager: Person,
    validator: Person,
    _made: Made,
}

impl Office {
    /// The office, or `None` with a loud skip when the tests cannot make
    /// accounts (not root); `OBIETTIVI_REQUIRE_ROOT=1` (CI) makes that a failure.
    fn open() -> Option<Office> {
        // SAFETY: geteuid has no preconditions.
        let mut missing: Vec<&str> = match unsafe { libc::geteuid() } {
            0 => Vec::new(),
            _ => vec!["root"],
        };
        missing.extend(
            ["useradd", "userdel", "groupadd", "groupdel"]
                .into_iter()
                .filter(|tool| Command::new(tool).arg("--help").output().is_err()),
        );
        if !tool_or_skip(
            &missing,
            "OBIETTIVI_REQUIRE_ROOT",
            "the year walked by three accounts through serve",
            "run the tests as root, as CI does",
        ) {
            return None;
        }
        let stem = format!("obt{}", std::process::id());
        let group = format!("{stem}g");
        system(&["groupadd", "--system", &group]);
        // From here on a failure removes the group and whoever was made.
        let mut made = Made {
            group: group.clone(),
            users: Vec::new(),
        };
        let mut person = |role: &str| {
            let name = format!("{stem}{role}");
            system(&[
                "useradd",
                "--system",
                "--no-create-home",
                "--gid",
                &group,
                "--shell",
                "/usr/sbin/nologin",
                &name,
            ]);
            made.users.push(name.clone());
            let user = nix::unistd::User::from_name(&name).unwrap().unwrap();
            Person {
                name,
                uid: user.uid.as_raw(),
                gid: user.gid.as_raw(),
            }
        };
        let (controller, manager, validator) = (person("c"), person("m"), person("v"));
        Some(Office {
            group,
            controller,
            manager,
            validator,
            _made: made,
        })
    }

    /// `dir` (the database's) entered and read by the office's group only, root's.
    fn share(&self, dir: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let gid = obiettivi::server::peer::group_id(&self.group).unwrap();
        std::os::unix::fs::chown(dir, Some(0), Some(gid)).unwrap();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o750)).unwrap();
    }

    /// The roles file: the socket in the office's group, each account its role.
    fn roles_file(&self, dir: &Path) -> PathBuf {
        let path = dir.join("ruoli.toml");
        let text = format!(
            "group = \"{}\"\ncontrollers = [\"{}\"]\nvalidators = [\"{}\"]\n\
             [[managers]]\nuser = \"{}\"\nresponsabile = \"VISENTIN RICCARDO\"\n",
            self.group, self.controller.name, self.validator.name, self.manager.name
        );
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// The accounts and the group made so far: removed when dropped.
struct Made {
    group: String,
    users: Vec<String>,
}

impl Drop for Made {
    fn drop(&mut self) {
        for user in &self.users {
            let _ = Command::new("userdel").arg(user).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

fn words(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// Runs an administration command, which must succeed.
fn system(args: &[&str]) {
    let o = Command::new(args[0]).args(&args[1..]).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}
