//! Several plans in one database (GUIDE §10): `:plan TITLE` switches the
//! session to that plan, `:plan` alone lists the plans (year, state) to pick
//! one. The session on the other plan starts as a session does (its
//! outline); what was being typed here stays a draft of this plan.

use super::review::{PickPurpose, Picker};
use super::{App, Mode, Status};
use crate::api::PlanEntry;
use crate::i18n::{tr, tr_string};
use crate::service::follow::Following;
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

/// `* DUP 2027-2029 · 2027 · Bozza · aperto`: `*` on the default plan, the
/// one shown said so.
fn line(plan: &PlanEntry, shown: &str) -> String {
    let mut parts = vec![plan.title.clone()];
    parts.extend(plan.year.map(|y| y.to_string()));
    parts.extend(plan.state.map(|s| s.label().to_string()));
    if plan.title == shown {
        parts.push(tr_string("aperto", "open"));
    }
    let default = if plan.default { "*" } else { " " };
    format!("{default} {}", parts.join(" · "))
}

impl App {
    /// `:plan` (a title: switch to it; none: the list to pick from).
    pub(crate) fn plan_command(&mut self, title: &str) {
        if title.is_empty() {
            self.choose_plan();
        } else {
            self.switch_plan(title);
        }
    }

    /// The plans of the database, the one shown selected.
    fn choose_plan(&mut self) {
        let Some(plans) = self.said(self.service.plans()) else {
            return;
        };
        let shown = self.dataset.plan.title.clone();
        let items = plans.iter().map(|p| line(p, &shown)).collect();
        let selected = plans.iter().position(|p| p.title == shown).unwrap_or(0);
        self.mode = Mode::Pick(Picker {
            title: tr_string("Piani del database", "Plans of the database"),
            items,
            hint: Some(tr_format!(
                "{} · * il predefinito (obiettivi plan use)",
                "{} · * the default (obiettivi plan use)",
                self.keys.hint(
                    Context::Picker,
                    &[(Action::Commit, tr("apre il piano", "opens the plan"))]
                )
            )),
            selected,
            purpose: PickPurpose::Plans(plans.into_iter().map(|p| p.title).collect()),
        });
    }

    /// The session on the plan titled `title`, from its outline; the plan
    /// shown stays when it cannot be opened, and says why.
    pub(crate) fn switch_plan(&mut self, title: &str) {
        if title == self.dataset.plan.title {
            self.status = Status::Info(format!(
                "{} «{title}»",
                tr("sei già sul piano", "already on plan")
            ));
            return;
        }
        let opened = self.service.on_plan(title).and_then(Following::outlined);
        let Some((following, outline)) = self.said(opened) else {
            return;
        };
        // What was being typed here stays this plan's draft.
        self.keep_draft();
        self.keep_review_place();
        let mut next = App::open(following, outline, self.today);
        next.keys = std::mem::take(&mut self.keys);
        next.commands = std::mem::take(&mut self.commands);
        // What the frames keep summed up (the overview) is keyed by the
        // generation: the plan switched to starts past the one left.
        next.generation = next.generation.max(self.generation) + 1;
        *self = next;
        self.say_drafts_waiting();
        if matches!(self.status, Status::None) {
            let plan = &self.dataset.plan;
            let year = plan.year.map(|y| format!(" · {y}")).unwrap_or_default();
            self.status = Status::Info(format!(
                "{} «{}»{year} · {}",
                tr("piano", "plan"),
                plan.title,
                plan.state().label()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::service::Local;
    use crate::service::follow::Following;
    use crate::store::Store;
    use crate::tui::action::Action;
    use crate::tui::app::tests::Fixture;
    use crate::tui::app::{App, Status};
    use crate::tui::render::tests::screen;

    /// A database of the shipped plan and next year's from it, the session
    /// on the first; `ready` sets the store up first.
    fn two_plans_then(ready: impl FnOnce(&Arc<Store>)) -> (tempfile::TempDir, App) {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
        store
            .new_plan("DUP 2027-2029", 2027, Some("DUP 2026-2028"), "tester")
            .unwrap();
        let store = Arc::new(store);
        ready(&store);
        let local = Local::shared(store, "tester".into(), Arc::default());
        let (following, outline) = Following::outlined(Box::new(local)).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        (dir, App::open(following, outline, today))
    }

    fn two_plans() -> (tempfile::TempDir, App) {
        two_plans_then(|_| {})
    }

    /// GUIDE §10: a validated plan is read-only in the TUI too; the plan
    /// beside it takes the same edit.
    #[test]
    fn in_a_validated_plan_an_edit_is_refused_and_the_other_plan_takes_it() {
        use crate::model::cycle::{Cycle, PlanState};
        let (dir, app) = two_plans_then(|store| {
            let next = store.open_beside(Some("DUP 2027-2029")).unwrap();
            let mut plan = next.load().unwrap();
            plan.plan.cycle = Some(Cycle {
                state: PlanState::Validated,
                transitions: Vec::new(),
            });
            next.import(&plan, "tester").unwrap();
        });
        let mut f = Fixture::on(app, dir);
        f.type_keys(":plan DUP 2027-2029\n:0601\np50\n");
        f.assert_says(
            Status::Error,
            "fase 1 Avanzamento: congelato dallo stato del piano",
        );
        let shown = screen(&mut f, 80, 24);
        assert!(
            shown.starts_with(" obiettivi · DUP 2027-2029 · Validata"),
            "{shown}"
        );
        f.type_keys(":plan DUP 2026-2028\n:0601\np50\n");
        f.assert_saved();
    }

    /// `:plan` lists the plans with year and state, the one shown marked;
    /// Enter opens the one selected and the title bar names it; Esc closes
    /// the list with the plan as it was. At 80×24 and 120×40.
    #[test]
    fn the_plan_picker_lists_year_and_state_and_enter_opens_the_plan_in_the_title() {
        for (w, h) in [(80, 24), (120, 40)] {
            let (dir, app) = two_plans();
            let mut f = Fixture::on(app, dir);
            f.type_keys(":plan\n");
            let shown = screen(&mut f, w, h);
            assert!(shown.contains("Piani del database"), "{shown}");
            assert!(
                shown.contains("▶ * DUP 2026-2028 · Bozza · aperto"),
                "{shown}"
            );
            let next = shown.lines().find(|l| l.contains("DUP 2027-2029")).unwrap();
            assert!(next.contains("│  DUP 2027-2029 · 2027 · Bozza  "), "{next}");
            assert!(
                shown.contains("Enter apre il piano · * il predefinito (obiettivi plan use)"),
                "{shown}"
            );
            f.type_keys("\x1b");
            let shown = screen(&mut f, w, h);
            assert!(!shown.contains("Piani del database"), "{shown}");
            assert!(
                shown.lines().next().unwrap().contains("DUP 2026-2028"),
                "{shown}"
            );
            f.type_keys(":plan\nj\n");
            let shown = screen(&mut f, w, h);
            let title = shown.lines().next().unwrap();
            assert!(
                title.contains("obiettivi · DUP 2027-2029 · Bozza"),
                "{title}"
            );
            assert!(
                shown.contains("piano «DUP 2027-2029» · 2027 · Bozza"),
                "{shown}"
            );
        }
    }

    /// The overview is summed up once and kept while the plan does not
    /// change: after a switch it sums up the plan switched to, not the one
    /// left (both sessions started counting their changes from the same
    /// point, and the plan left was shown again).
    #[test]
    fn after_a_plan_switch_the_overview_sums_up_the_plan_shown() {
        let (dir, app) = two_plans();
        let mut f = Fixture::on(app, dir);
        f.type_keys("o");
        let total = |shown: &str| {
            let line = shown.lines().find(|l| l.contains("│ Piano DUP")).unwrap();
            line.to_string()
        };
        let shown = screen(&mut f, 120, 40);
        assert!(total(&shown).contains("Piano DUP 2026-2028"), "{shown}");
        // Every objective's narratives written here, none in the next plan.
        assert!(total(&shown).contains(" 0/0 "), "{shown}");
        f.type_keys(":plan DUP 2027-2029\no");
        let shown = screen(&mut f, 120, 40);
        assert!(total(&shown).contains("Piano DUP 2027-2029"), "{shown}");
        assert!(total(&shown).contains(" 8/8 "), "{shown}");
    }

    fn command(app: &mut App, text: &str) {
        app.update(Action::CommandLine);
        for c in text.chars() {
            app.handle_key(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(c),
            ));
        }
        app.update(Action::Commit);
    }

    #[test]
    fn plan_title_switches_the_session_and_an_unknown_title_keeps_it() {
        let (_dir, mut app) = two_plans();
        command(&mut app, "plan DUP 2030");
        assert_eq!(app.dataset().plan.title, "DUP 2026-2028");
        let Status::Error(why) = app.status() else {
            panic!("{:?}", app.status())
        };
        assert!(why.contains("«DUP 2026-2028», «DUP 2027-2029»"), "{why}");
        command(&mut app, "plan DUP 2027-2029");
        assert_eq!(app.dataset().plan.title, "DUP 2027-2029");
        assert_eq!(
            app.status(),
            &Status::Info("piano «DUP 2027-2029» · 2027 · Bozza".into())
        );
        // An edit here is this plan's alone.
        command(&mut app, "0601");
        command(&mut app, "set --status Concluso");
        command(&mut app, "plan DUP 2026-2028");
        assert_eq!(app.dataset().plan.title, "DUP 2026-2028");
        command(&mut app, "0601");
        assert_ne!(app.objective().unwrap().status.as_deref(), Some("Concluso"));
    }
}
