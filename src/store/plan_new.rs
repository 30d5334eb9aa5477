//! A new plan in a database (GUIDE §10, `plan new`): empty, or carried over
//! from another plan of it (`model::next_plan`). Written into trees of its
//! own as an import writes a plan (`staging`); the transaction that makes it
//! the plan in use also enters it in the registry, so a process killed
//! before leaves no plan (its trees are dropped by the next `plan new`).

use std::sync::Arc;

use super::migrate::drop_space;
use super::space::PlanSpace;
use super::{ImportReport, ServiceError, Store, WriteMode};
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
                "{} {year}: {} {} {} {}",
                crate::i18n::tr("anno", "year"),
                crate::i18n::tr("l'anno di un piano va dal", "a plan's year is from"),
                YEARS.start(),
                crate::i18n::tr("al", "to"),
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
    /// store's database, for a session that switches to it or a write on
    /// it: one store per plan in a process (two would each think their own
    /// generation of the objectives' trees is the one in use), so the store
    /// that opened the database when it is that plan's, or the one already
    /// opened beside it, or a new one, keeping the opener alive while in use.
    pub fn open_beside(self: &Arc<Store>, title: Option<&str>) -> Result<Arc<Store>, ServiceError> {
        let id = self.plan_id_of(title)?;
        let opener = match &self.family {
            super::Family::Sibling(Some(opener)) => Arc::clone(opener),
            _ => Arc::clone(self),
        };
        if id == opener.plan_id {
            return Ok(opener);
        }
        let mut beside = opener.beside.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = beside.get(&id).and_then(std::sync::Weak::upgrade) {
            return Ok(open);
        }
        let store = Arc::new(self.sibling(id, Some(Arc::clone(&opener)))?);
        beside.retain(|_, weak| weak.strong_count() > 0);
        beside.insert(id, Arc::downgrade(&store));
        Ok(store)
    }

    /// Every other plan of the database, whole, in the order they were made
    /// (a backup of the database, `io::backup`).
    pub fn other_plans(self: &Arc<Store>) -> Result<Vec<Dataset>, ServiceError> {
        let plans = self.plans()?;
        (plans.iter().filter(|p| p.id != self.plan_id))
            .map(|p| self.open_beside(Some(&p.title))?.load())
            .collect()
    }

    /// Each of `plans` put back in place of the plan of its title (made
    /// anew when there is none), as a restore puts a plan back: all of them
    /// in one transaction, or none. `plans` are a backup's (`io::backup`):
    /// its plan, then its other plans.
    pub fn restore_plans(
        self: &Arc<Store>,
        plans: &[Dataset],
        who: &str,
    ) -> Result<Vec<ImportReport>, ServiceError> {
        titled_once(plans)?;
        let known = self.plans()?;
        let mut free = known.iter().map(|p| p.id).fold(self.plan_id, u64::max) + 1;
        let (mut stores, mut made) = (Vec::with_capacity(plans.len()), Vec::new());
        for plan in plans {
            let store = match self.open_beside(Some(plan.plan.title.trim())) {
                Ok(store) => store,
                // A plan the database lacks: its trees at the next free id,
                // entered in the registry by the switch.
                Err(ServiceError::NoSuchPlan { .. }) => {
                    self.write(|| drop_space(&self.db, &PlanSpace::of(free)))?;
                    made.push(free);
                    free += 1;
                    Arc::new(self.sibling(free - 1, None)?)
                }
                Err(e) => return Err(e),
            };
            stores.push(store);
        }
        let written = {
            let stores: Vec<&Store> = stores.iter().map(|s| &**s).collect();
            Store::replace_together(&stores, plans, who)
        };
        drop(stores);
        if written.is_err() {
            // What the plans made anew left: no registry entry names it.
            for id in made {
                let _ = self.write(|| drop_space(&self.db, &PlanSpace::of(id)));
            }
        }
        written
    }

    /// The id of the plan this store reads and writes.
    pub fn plan_id(&self) -> u64 {
        self.plan_id
    }
}

/// Refuses `plans` (a backup's) when one has no title or the title of one
/// before it, naming it where the backup has it.
fn titled_once(plans: &[Dataset]) -> Result<(), ServiceError> {
    let mut titles = std::collections::HashSet::new();
    for (i, plan) in plans.iter().enumerate() {
        let title = plan.plan.title.trim();
        let reason = match title {
            "" => crate::i18n::tr("il titolo del piano è vuoto", "the plan's title is empty"),
            _ if !titles.insert(title) => crate::i18n::tr(
                "un altro piano del backup ha questo titolo",
                "another plan of the backup has this title",
            ),
            _ => continue,
        };
        let path = match i {
            0 => "plan.title".to_string(),
            i => format!("other_plans[{}].plan.title", i - 1),
        };
        return Err(ServiceError::Invalid(crate::model::validate::Invalid {
            path,
            reason: reason.to_string(),
        }));
    }
    Ok(())
}
