//! A new plan in a database (GUIDE §10, `plan new`): empty, or carried over
//! from another plan of it (`model::next_plan`). Written into trees of its
//! own as an import writes a plan (`staging`); the transaction that makes it
//! the plan in use also enters it in the registry, so a process killed
//! before leaves no plan (its trees are dropped by the next `plan new`).

use std::sync::Arc;

use super::migrate::drop_space;
use super::space::PlanSpace;
use super::{ServiceError, Store, WriteMode};
use crate::api::PlanEntry;
use crate::model::next_plan::carried_over;
use crate::model::{Dataset, Plan};

/// The operative years a plan may have.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl Store {
    /// Makes plan `title` for operative year `year`, carried over from the
    /// plan titled `from` or empty; not the default. A title another plan
    /// has is refused.
    pub fn new_plan(
        &self,
        title: &str,
        year: i32,
        from: Option<&str>,
        who: &str,
    ) -> Result<PlanEntry, ServiceError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(ServiceError::BadName);
        }
        if !YEARS.contains(&year) {
            return Err(ServiceError::BadRequest(format!(
                "{} {year}: {} {}–{}",
                crate::i18n::tr("anno", "year"),
                crate::i18n::tr("un piano ha un anno tra il", "a plan's year is between"),
                YEARS.start(),
                YEARS.end()
            )));
        }
        let plans = self.plans()?;
        if plans.iter().any(|p| p.title == title) {
            return Err(ServiceError::PlanExists(title.to_string()));
        }
        let dataset = match from {
            None => Dataset {
                plan: Plan {
                    title: title.to_string(),
                    year: Some(year),
                    ..Plan::default()
                },
                ..Dataset::empty()
            },
            Some(from) => carried_over(&self.plan_titled(from)?, title, year),
        };
        let id = plans.iter().map(|p| p.id).fold(self.plan_id, u64::max) + 1;
        // What a `plan new` killed before its end left at that id.
        self.write(|| drop_space(&self.db, &PlanSpace::of(id)))?;
        let new = self.sibling(id, None)?;
        new.write_dataset(&dataset, who, WriteMode::NewPlan)?;
        let entry = new.plans()?.into_iter().find(|p| p.id == id);
        entry.ok_or_else(|| ServiceError::Corrupt(format!("plan {id} is not in the registry")))
    }

    /// The whole plan titled `title`: this one, or another read beside it.
    fn plan_titled(&self, title: &str) -> Result<Dataset, ServiceError> {
        match self.plan_id_of(Some(title))? {
            id if id == self.plan_id => self.load(),
            id => self.sibling(id, None)?.load(),
        }
    }

    /// The plan titled `title` (the default one when `None`) of this
    /// store's database, for a session that switches to it: the store that
    /// opened the database when it is that plan's (one store per plan, or
    /// an import on one would not be seen by the other), else that plan
    /// opened beside it, keeping it alive while in use.
    pub fn open_beside(self: &Arc<Store>, title: Option<&str>) -> Result<Arc<Store>, ServiceError> {
        let id = self.plan_id_of(title)?;
        let opener = match &self.family {
            super::Family::Sibling(Some(opener)) => Arc::clone(opener),
            _ => Arc::clone(self),
        };
        if id == opener.plan_id {
            return Ok(opener);
        }
        Ok(Arc::new(self.sibling(id, Some(opener))?))
    }

    /// The id of the plan this store reads and writes.
    pub fn plan_id(&self) -> u64 {
        self.plan_id
    }
}
