//! Who may change what, from the roles file (TOML):
//!
//! ```toml
//! group = "obiettivi"            # optional: the socket's group
//! controllers = ["anna"]         # edit everything, import, restore
//! validators = ["oiv"]           # the OIV: reads; the cycle's last step
//! [[managers]]
//! user = "mario"                 # edits only what has this responsabile
//! responsabile = "MARIO ROSSI"
//! ```
//!
//! Everyone else reads. Without a roles file only the user running the server
//! edits, so a server started by mistake does not open the plan to everybody.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::{tr, tr_string};
use crate::model::cycle::PlanState;
use crate::model::{Change, Objective};
use crate::tr_format;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub group: Option<String>,
    pub controllers: Vec<String>,
    /// The OIV / Nucleo di valutazione (GUIDE §7).
    pub validators: Vec<String>,
    pub managers: Vec<Manager>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manager {
    pub user: String,
    pub responsabile: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Controller,
    /// The responsabile names this user answers for.
    Manager(Vec<String>),
    /// The OIV: reads everything; validates the plan (and, later, assesses it).
    Validator,
    Reader,
}

impl Role {
    /// The role as the server's log names it: `controller`, `manager: MARIO ROSSI`,
    /// `valutatore`, `lettore`.
    pub fn word(&self) -> String {
        match self {
            Role::Controller => "controller".into(),
            Role::Manager(names) => format!("manager: {}", names.join(", ")),
            Role::Validator => tr_string("valutatore", "validator"),
            Role::Reader => tr_string("lettore", "reader"),
        }
    }
}

pub struct Roles {
    /// The user running the server: the only editor when there is no roles file.
    owner: String,
    config: Option<Config>,
    /// Where the roles file is (or would be), for the messages.
    path: PathBuf,
}

/// `--config`, else `$OBIETTIVI_CONFIG`, else `<db>.toml`; whether it must exist
/// (only the default may be missing).
pub fn config_path(explicit: Option<&Path>, db: &Path) -> (PathBuf, bool) {
    if let Some(p) = explicit {
        return (p.to_path_buf(), true);
    }
    if let Some(p) = std::env::var_os("OBIETTIVI_CONFIG").filter(|p| !p.is_empty()) {
        return (PathBuf::from(p), true);
    }
    let mut name = db.as_os_str().to_os_string();
    name.push(".toml");
    (PathBuf::from(name), false)
}

/// Names are compared as people type them: case and surrounding blanks aside.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_uppercase() == b.trim().to_uppercase()
}

impl Roles {
    pub fn new(owner: &str, config: Option<Config>, path: &Path) -> Roles {
        Roles {
            owner: owner.to_string(),
            config,
            path: path.to_path_buf(),
        }
    }

    /// Reads the roles file at `path`; a missing one is an error only when `required`.
    pub fn load(owner: &str, path: &Path, required: bool) -> Result<Roles, String> {
        use crate::files::read::{ReadError, read_settings};
        let text = match read_settings(path) {
            Ok(t) => t,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Roles::new(owner, None, path));
            }
            Err(ReadError::Io(e)) => {
                return Err(crate::i18n::file_error(crate::i18n::FileOp::Read, path, &e));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        refuse_if_others_may_write(path)?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            format!(
                "{}: {} {e}",
                path.display(),
                tr("file dei ruoli non valido:", "invalid roles file:")
            )
        })?;
        Ok(Roles::new(owner, Some(config), path))
    }

    pub fn has_config(&self) -> bool {
        self.config.is_some()
    }

    pub fn group(&self) -> Option<&str> {
        self.config.as_ref().and_then(|c| c.group.as_deref())
    }

    pub fn role(&self, user: &str) -> Role {
        let Some(config) = &self.config else {
            return if user == self.owner {
                Role::Controller
            } else {
                Role::Reader
            };
        };
        if config.controllers.iter().any(|c| c == user) {
            return Role::Controller;
        }
        if config.validators.iter().any(|c| c == user) {
            return Role::Validator;
        }
        let names: Vec<String> = config
            .managers
            .iter()
            .filter(|m| m.user == user)
            .map(|m| m.responsabile.clone())
            .collect();
        if names.is_empty() {
            Role::Reader
        } else {
            Role::Manager(names)
        }
    }

    /// Why `user` only reads.
    fn reader_reason(&self, user: &str) -> String {
        match &self.config {
            Some(_) => tr_format!(
                "{user} può solo leggere: non è tra i controllers né tra i managers in {}",
                "{user} may only read: not among the controllers nor the managers in {}",
                self.path.display()
            ),
            None => tr_format!(
                "{user} può solo leggere: modifica solo {} (chi ha avviato il server); per dare i ruoli ad altri scrivere {}",
                "{user} may only read: only {} (who started the server, edits); to give roles to others write {}",
                self.owner,
                self.path.display()
            ),
        }
    }

    /// Whether `user` may change anything at all (what exactly is `may_apply`'s).
    pub fn may_edit(&self, user: &str) -> Result<(), String> {
        match self.role(user) {
            Role::Reader => Err(self.reader_reason(user)),
            Role::Controller | Role::Manager(_) | Role::Validator => Ok(()),
        }
    }

    /// Whether `user` may move the plan from `from` to `to` (GUIDE §8): the
    /// controllers, except into and out of Validata, which is the validator's
    /// step; forcing a failed check is the controllers' alone.
    pub fn may_step(
        &self,
        user: &str,
        from: PlanState,
        to: PlanState,
        force: bool,
    ) -> Result<(), String> {
        let validators = from.validators_step() || to.validators_step();
        // An office that names no validator leaves that step to its controllers.
        let no_validator = self.config.as_ref().is_none_or(|c| c.validators.is_empty());
        let role = self.role(user);
        let allowed = match role {
            Role::Controller => !validators || no_validator,
            Role::Validator => validators && !force,
            Role::Manager(_) | Role::Reader => false,
        };
        if allowed {
            return Ok(());
        }
        if role == Role::Reader {
            return Err(self.reader_reason(user));
        }
        let whose = match role {
            Role::Validator if validators => tr(
                "forzare i controlli è dei controllers",
                "forcing the checks is the controllers'",
            ),
            _ if validators => tr(
                "è del validatore (validators)",
                "is the validator's (validators)",
            ),
            _ => tr("è dei controllers", "is the controllers'"),
        };
        Err(format!(
            "{user}: {} «{}» → «{}»: {whose} ({})",
            tr("il passaggio", "the step"),
            from.label(),
            to.label(),
            self.path.display()
        ))
    }

    /// Whether `user` may open a variation (GUIDE §8): a controller, or a
    /// manager (who then records changes only to their own objectives).
    pub fn may_open_variation(&self, user: &str) -> Result<(), String> {
        match self.role(user) {
            Role::Controller | Role::Manager(_) => Ok(()),
            Role::Reader => Err(self.reader_reason(user)),
            Role::Validator => self.may_manage(user, "variation"),
        }
    }

    /// Import, restore, snapshots on the server: controllers only.
    pub fn may_manage(&self, user: &str, what: &str) -> Result<(), String> {
        match self.role(user) {
            Role::Controller => Ok(()),
            Role::Reader => Err(self.reader_reason(user)),
            Role::Validator => Err(tr_format!(
                "{what}: riservato ai controllers ({user} è validatore)",
                "{what}: reserved to the controllers ({user} is a validator)"
            )),
            Role::Manager(_) => Err(tr_format!(
                "{what}: riservato ai controllers ({user} è manager: modifica solo i propri obiettivi e fasi)",
                "{what}: reserved to the controllers ({user} is a manager: edits only their own objectives and phases)"
            )),
        }
    }

    /// Whether `user` writes the validator's answer (forced, non valutabile):
    /// theirs alone; an office that names no validator leaves it to its controllers.
    pub fn answers(&self, user: &str) -> bool {
        let no_validator = self.config.as_ref().is_none_or(|c| c.validators.is_empty());
        match self.role(user) {
            Role::Validator => true,
            Role::Controller => no_validator,
            Role::Manager(_) | Role::Reader => false,
        }
    }

    /// Whether `user` may apply `changes` to `objective` (as stored before
    /// them) with the plan in `state`. A manager edits an objective whose
    /// responsabile is theirs, and otherwise only the phases whose
    /// responsabile is theirs (not adding or deleting any); once the plan is
    /// proposed, only the phases' notes until it is approved (GUIDE §8). What
    /// the state freezes is refused to everyone by the store.
    pub fn may_apply(
        &self,
        user: &str,
        objective: &Objective,
        changes: &[Change],
        state: PlanState,
    ) -> Result<(), String> {
        let role = self.role(user);
        // `user may not change CODE: why`.
        let may_not = |why: &str| {
            let may_not = tr("non può modificare", "may not change");
            Err(format!("{user} {may_not} {}: {why}", objective.code))
        };
        // A reader is told below that they only read.
        if changes.iter().any(validators_part) && !self.answers(user) && role != Role::Reader {
            return may_not(tr(
                "il raggiungimento forzato e il «non valutabile» sono del validatore (validators); \
                 un manager può chiedere la forzatura con --force-request",
                "a forced achievement and «not assessable» are the validator's (validators); \
                 a manager may ask for it with --force-request",
            ));
        }
        let names = match role {
            Role::Controller => return Ok(()),
            Role::Reader => return Err(self.reader_reason(user)),
            Role::Validator if changes.iter().all(validators_part) => return Ok(()),
            Role::Validator => {
                return Err(tr_format!(
                    "{user} è validatore: non modifica i dati del piano, solo il raggiungimento forzato \
                         e il «non valutabile» (valida il piano con obiettivi cycle advance)",
                    "{user} is a validator: changes none of the plan's data, only the forced achievement \
                         and «not assessable» (validates the plan with obiettivi cycle advance)"
                ));
            }
            Role::Manager(names) => names,
        };
        if state == PlanState::Proposed && !changes.iter().all(only_notes) {
            return may_not(tr(
                "il piano è in «Proposta»: un manager scrive solo le note delle fasi",
                "the plan is «Proposed»: a manager writes only the phases' notes",
            ));
        }
        let owns = |manager: &str| names.iter().any(|n| same_name(n, manager));
        // Indicators: a manager measures; what is measured against is the controllers'.
        if let Some(why) = changes.iter().find_map(controllers_part) {
            return may_not(&why);
        }
        if owns(&objective.manager) {
            return Ok(());
        }
        let theirs = names.join("», «");
        for change in changes {
            let refused = match change {
                Change::SetPhase { phase, .. } => match objective.phases.get(*phase) {
                    Some(p) if !owns(&p.manager) => Some(tr_format!(
                        "la fase {} ha come responsabile «{}»",
                        "phase {} has responsabile «{}»",
                        phase + 1,
                        p.manager
                    )),
                    // A phase that does not exist is refused by the store, with its own message.
                    _ => None,
                },
                _ => Some(tr_format!(
                    "l'obiettivo ha come responsabile «{}»",
                    "the objective's responsabile is «{}»",
                    objective.manager
                )),
            };
            if let Some(why) = refused {
                let answers = tr("e lui/lei risponde di", "and they answer for");
                return may_not(&format!("{why}, {answers} «{theirs}»"));
            }
        }
        Ok(())
    }
}

/// A change that is the validator's answer: a forced value, a non valutabile.
fn validators_part(change: &Change) -> bool {
    matches!(change, Change::Assess { edit, .. } if edit.part().validators())
}

/// A change to a phase's notes, all a manager may write in Proposta.
fn only_notes(change: &Change) -> bool {
    matches!(
        change,
        Change::SetPhase {
            field: crate::model::PhaseField::Notes,
            ..
        }
    )
}

/// Why a manager may not make `change` to an indicator, if it touches more
/// than its measurements: targets, baseline, weights and the list of
/// indicators are set by the controllers.
fn controllers_part(change: &Change) -> Option<String> {
    let theirs = || {
        tr_string(
            "target, valore di partenza, pesi e l'elenco degli indicatori sono dei controllers \
             (un manager inserisce le rilevazioni)",
            "targets, baselines, weights and the list of indicators are the controllers' \
             (a manager enters the measurements)",
        )
    };
    match change {
        Change::AddIndicator { .. } | Change::DeleteIndicator { .. } => Some(theirs()),
        Change::SetIndicator { field, .. } => (!field.is_measurement()).then(theirs),
        _ => None,
    }
}

/// Whoever may write the roles file decides who is controller: one that a
/// user other than its owner (or root) may change, or owned by another user,
/// is refused rather than obeyed.
fn refuse_if_others_may_write(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)
        .map_err(|e| crate::i18n::file_error(crate::i18n::FileOp::Read, path, &e))?;
    let me = nix::unistd::geteuid().as_raw();
    let why = if meta.uid() != me && meta.uid() != 0 {
        tr("appartiene a un altro utente", "belongs to another user")
    } else if meta.mode() & 0o022 != 0 {
        tr(
            "altri utenti possono modificarlo (chmod go-w)",
            "other users may change it (chmod go-w)",
        )
    } else {
        return Ok(());
    };
    Err(tr_format!(
        "{}: il file dei ruoli non viene usato: {why}",
        "{}: the roles file is not used: {why}",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PhaseField, Value};

    fn roles() -> Roles {
        let config: Config = toml::from_str(
            "controllers = [\"anna\"]\n[[managers]]\nuser = \"mario\"\nresponsabile = \"Mario Rossi\"\n",
        )
        .unwrap();
        Roles::new("server", Some(config), Path::new("/etc/obiettivi.toml"))
    }

    fn objective() -> Objective {
        let mut o = Objective::new("X", "M");
        o.manager = "VISENTIN RICCARDO".into();
        o.phases = vec![
            crate::model::Phase {
                manager: "MARIO ROSSI".into(),
                ..Default::default()
            },
            crate::model::Phase {
                manager: "VISENTIN RICCARDO".into(),
                ..Default::default()
            },
        ];
        o
    }

    fn weight(phase: usize) -> Change {
        Change::SetPhase {
            objective: "X".into(),
            phase,
            field: PhaseField::Weight,
            value: Value::Number(Some(10.0)),
        }
    }

    #[test]
    fn a_manager_edits_only_their_phases_and_a_reader_nothing() {
        let r = roles();
        let o = objective();
        assert_eq!(
            r.may_apply("anna", &o, &[weight(1)], PlanState::Draft),
            Ok(())
        );
        assert_eq!(
            r.may_apply("mario", &o, &[weight(0)], PlanState::Draft),
            Ok(())
        );
        let refused = r
            .may_apply("mario", &o, &[weight(0), weight(1)], PlanState::Draft)
            .unwrap_err();
        assert!(
            refused.contains("mario non può modificare X: la fase 2"),
            "{refused}"
        );
        assert!(refused.contains("«VISENTIN RICCARDO»"), "{refused}");
        let reader = r
            .may_apply("luigi", &o, &[weight(0)], PlanState::Draft)
            .unwrap_err();
        assert!(reader.contains("luigi può solo leggere"), "{reader}");
        assert!(r.may_manage("mario", "import").is_err());
        assert!(r.may_manage("anna", "import").is_ok());
    }

    #[test]
    fn without_a_roles_file_only_the_owner_edits() {
        let r = Roles::new("server", None, Path::new("/db.toml"));
        assert_eq!(r.role("server"), Role::Controller);
        let why = r
            .may_apply("anna", &objective(), &[weight(0)], PlanState::Draft)
            .unwrap_err();
        assert!(why.contains("modifica solo server"), "{why}");
        assert!(why.contains("/db.toml"), "{why}");
    }

    #[test]
    fn the_last_step_is_the_validators_unless_the_office_names_none() {
        use PlanState::{Reported, Validated};
        let r = roles();
        // No validator named: the controllers validate.
        assert_eq!(r.may_step("anna", Reported, Validated, false), Ok(()));
        let config: Config =
            toml::from_str("controllers = [\"anna\"]\nvalidators = [\"oiv\"]\n").unwrap();
        let r = Roles::new("server", Some(config), Path::new("/etc/obiettivi.toml"));
        assert!(r.may_step("anna", Reported, Validated, false).is_err());
        assert!(r.may_step("anna", Validated, Reported, false).is_err());
        assert_eq!(r.may_step("oiv", Validated, Reported, false), Ok(()));
        assert!(r.may_step("oiv", Reported, Validated, true).is_err());
        assert!(
            r.may_step("oiv", PlanState::Draft, PlanState::Proposed, false)
                .is_err()
        );
        assert_eq!(r.role("oiv"), Role::Validator);
    }

    #[test]
    fn unknown_keys_in_the_roles_file_are_refused() {
        assert!(toml::from_str::<Config>("controlers = [\"anna\"]").is_err());
    }
}
