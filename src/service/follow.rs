//! Following a plan that others change too (the TUI's live refresh): the
//! versions of the objectives this session shows, so an edit is sent with the
//! version it was made on and refused when someone else got there first, and
//! the history position to ask `changes_since` from.

use std::collections::{HashMap, HashSet};
use std::ops::Deref;

use super::{Loaded, Outline, PlanService, ServiceError};
use crate::api::{AuditNote, Overwritten};
use crate::model::{Change, Dataset, Objective};

/// What `poll` found.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    Nothing,
    /// These objectives, as they are now, replace the ones shown.
    Objectives(Vec<Objective>),
    /// An import or a restore: the plan's outline, anew.
    Reload(Box<Outline>),
    /// Only the plan's own record moved (its cycle, a window, a text of the
    /// Relazione): every objective is as shown; the plan's record as it is now.
    Plan(Box<crate::model::Plan>),
}

/// A service and what this session has seen of it. Every other operation is
/// the service's own (through `Deref`).
pub struct Following {
    service: Box<dyn PlanService>,
    versions: HashMap<String, u64>,
    seq: u64,
    epoch: u64,
    /// Objectives whose news wait until the edit open on them ends.
    held: HashSet<String>,
    /// How many objectives were read whole (`fetch`), for the benchmark.
    fetched: usize,
}

impl Deref for Following {
    type Target = dyn PlanService;
    fn deref(&self) -> &Self::Target {
        &*self.service
    }
}

impl Following {
    /// Nothing seen yet: the first `poll` reads from position 0 of the current epoch.
    pub fn new(service: Box<dyn PlanService>) -> Following {
        Following {
            service,
            versions: HashMap::new(),
            seq: 0,
            epoch: 0,
            held: HashSet::new(),
            fetched: 0,
        }
    }

    /// A session on `service` with the plan loaded.
    pub fn loaded(service: Box<dyn PlanService>) -> Result<(Following, Dataset), ServiceError> {
        Following::starting(service, Following::load)
    }

    /// A session on `service` with what `read` gives of the plan.
    fn starting<T>(
        service: Box<dyn PlanService>,
        read: impl FnOnce(&mut Following) -> Result<T, ServiceError>,
    ) -> Result<(Following, T), ServiceError> {
        let mut following = Following::new(service);
        let plan = read(&mut following)?;
        Ok((following, plan))
    }

    /// Loads the plan and remembers where it stands.
    pub fn load(&mut self) -> Result<Dataset, ServiceError> {
        let loaded = self.service.load()?;
        Ok(self.saw(loaded))
    }

    /// A session on `service` with the plan's outline: what a session starts with.
    pub fn outlined(service: Box<dyn PlanService>) -> Result<(Following, Outline), ServiceError> {
        Following::starting(service, Following::outline)
    }

    /// Reads the plan's outline and remembers where it stands.
    pub fn outline(&mut self) -> Result<Outline, ServiceError> {
        let outline = self.service.outline()?;
        let codes = outline.summaries.iter().map(|s| s.code.as_str());
        self.remember(codes, &outline.versions, outline.seq, outline.epoch);
        Ok(outline)
    }

    /// One objective read whole, its version remembered (`None`: no such code).
    pub fn fetch(&mut self, code: &str) -> Result<Option<Objective>, ServiceError> {
        self.fetched += 1;
        let found = self.service.objective(code)?;
        Ok(found.map(|v| {
            self.versions.insert(code.to_string(), v.version);
            v.objective
        }))
    }

    /// How many times an objective was read whole.
    pub fn fetched(&self) -> usize {
        self.fetched
    }

    /// Remembers the versions and position of a plan just loaded.
    pub fn saw(&mut self, loaded: Loaded) -> Dataset {
        let codes = loaded.dataset.objectives.iter().map(|o| o.code.as_str());
        self.remember(codes, &loaded.versions, loaded.seq, loaded.epoch);
        loaded.dataset
    }

    /// The objectives' versions (in the order of `codes`) and where the plan stands.
    fn remember<'a>(
        &mut self,
        codes: impl Iterator<Item = &'a str>,
        versions: &[u64],
        seq: u64,
        epoch: u64,
    ) {
        self.versions = codes
            .map(str::to_string)
            .zip(versions.iter().copied())
            .collect();
        self.seq = seq;
        self.epoch = epoch;
        self.held.clear();
    }

    /// Applies `changes` to `code` on the version this session last saw. A
    /// refusal as `Outdated` leaves that version as it was: the colleague's
    /// save counts as seen only once the user has chosen what to do with it
    /// (`saw_version`, `apply_over`), so saving again is refused again.
    pub fn apply(&mut self, code: &str, changes: &[Change]) -> Result<Objective, ServiceError> {
        let expected = self.versions.get(code).copied();
        let result = self.service.apply(code, changes, expected);
        if let Ok(v) = &result {
            self.versions.insert(code.into(), v.version);
        }
        result.map(|v| v.objective)
    }

    /// "Mine on top": `changes` on the colleague's version a conflict showed.
    pub fn apply_over(
        &mut self,
        code: &str,
        changes: &[Change],
        over: &Overwritten,
    ) -> Result<Objective, ServiceError> {
        let note = AuditNote::Over(over.clone());
        let result = self
            .service
            .apply_noted(code, changes, Some(over.version), note);
        if let Ok(v) = &result {
            self.versions.insert(code.into(), v.version);
        }
        result.map(|v| v.objective)
    }

    /// The user has seen `code` at `version` (a conflict resolved by keeping theirs, or merged).
    pub fn saw_version(&mut self, code: &str, version: u64) {
        self.versions.insert(code.into(), version);
    }

    /// What others changed since the last look. `hold`: an objective being
    /// edited, whose news wait until the edit ends.
    pub fn poll(&mut self, hold: Option<&str>) -> Result<Update, ServiceError> {
        let changes = self.service.changes_since(self.seq, self.epoch)?;
        if changes.reload {
            // Not under an open editor: its objective might move or go.
            if hold.is_some() {
                return Ok(Update::Nothing);
            }
            let (epoch, versions) = (self.epoch, self.versions.clone());
            let outline = self.outline()?;
            if (epoch, &versions) == (self.epoch, &self.versions) {
                return Ok(Update::Plan(Box::new(outline.dataset.plan)));
            }
            return Ok(Update::Reload(Box::new(outline)));
        }
        self.seq = changes.seq;
        let mut fresh = Vec::new();
        for v in changes.objectives {
            let code = v.objective.code.clone();
            // At the version this session saved (or read) last: its own save, not news.
            if self.versions.get(&code) == Some(&v.version) {
                continue;
            }
            if hold == Some(code.as_str()) {
                self.held.insert(code);
            } else {
                self.versions.insert(code, v.version);
                fresh.push(v.objective);
            }
        }
        // News held back during an edit: read now, as they are now.
        let released: Vec<String> = self
            .held
            .iter()
            .filter(|code| hold != Some(code.as_str()))
            .cloned()
            .collect();
        for code in released {
            self.held.remove(&code);
            // Held while this session's own save landed: news only if someone else's came after.
            if let Some(v) = self.service.objective(&code)?
                && self.versions.get(&code) != Some(&v.version)
            {
                self.versions.insert(code, v.version);
                fresh.push(v.objective);
            }
        }
        Ok(if fresh.is_empty() {
            Update::Nothing
        } else {
            Update::Objectives(fresh)
        })
    }
}
