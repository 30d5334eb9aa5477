//! Live refresh tells the truth (issue 23 item 6): one's own save, polled in
//! any order around it, is never announced as another user's; a colleague's is.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::tests::{Fixture, app_on};
use super::*;
use crate::service::{Access, Local, PlanService, Request, Response, ServiceError, Transport};
use crate::store::Store;

pub(super) const CODE: &str = "05_1201_0601";

/// A service that answers the next `changes_since` as the server would have
/// answered it between a save and its acknowledgement (the reply of the save
/// still on its way when the poll is read).
struct PollBeforeAck {
    local: Local,
    /// The last `changes_since` asked (seq, epoch), and the answer computed at a save.
    asked: Mutex<Option<(u64, u64)>>,
    early: Mutex<Option<Response>>,
}

impl Transport for PollBeforeAck {
    fn call(&self, request: Request) -> Result<Response, ServiceError> {
        if let Request::ChangesSince { seq, epoch } = &request {
            *self.asked.lock().unwrap() = Some((*seq, *epoch));
            if let Some(early) = self.early.lock().unwrap().take() {
                return Ok(early);
            }
        }
        let write = request.access() == Access::Write;
        let response = crate::service::dispatch(&self.local, request);
        // The session's position is known from its first poll on.
        if let (true, Some((seq, epoch))) = (write, *self.asked.lock().unwrap()) {
            let between = Request::ChangesSince { seq, epoch };
            *self.early.lock().unwrap() = Some(crate::service::dispatch(&self.local, between));
        }
        Ok(response)
    }
}

/// Two users on one store: the app's ("tester") and a colleague ("anna").
pub(super) fn two_users(early_polls: bool) -> (Fixture, Local) {
    crate::i18n::set_lang(crate::i18n::Lang::It);
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(&dir.path().join("db"), crate::io::shipped).unwrap());
    let epoch = Arc::new(AtomicU64::new(0));
    let mine = Local::shared(store.clone(), "tester".into(), epoch.clone());
    let anna = Local::shared(store, "anna".into(), epoch);
    let service: Box<dyn PlanService> = if early_polls {
        Box::new(PollBeforeAck {
            local: mine,
            asked: Mutex::new(None),
            early: Mutex::new(None),
        })
    } else {
        Box::new(mine)
    };
    let app = app_on(service, NaiveDate::from_ymd_opt(2025, 8, 5).unwrap());
    (Fixture::on(app, dir), anna)
}

fn says_others(f: &Fixture) -> bool {
    matches!(&f.app.status, Status::Info(m) if m.contains("altri utenti"))
}

/// `=` then `4` (a cell editor opens) then `Esc`, with a poll at each `at` step
/// (0 before `=`, 1 after it, 2 with the editor open, 3 after `Esc`).
fn equal_weights_then_an_edit(early_polls: bool, polls: &[usize]) -> Fixture {
    let (mut f, _anna) = two_users(early_polls);
    f.open(CODE);
    let poll_at = |f: &mut Fixture, step: usize| {
        for _ in 0..polls.iter().filter(|p| **p == step).count() {
            f.app.refresh_from_others();
        }
    };
    poll_at(&mut f, 0);
    f.type_keys("=");
    f.assert_saved();
    poll_at(&mut f, 1);
    f.type_keys("4");
    assert!(matches!(f.app.mode, Mode::Cell(_)));
    poll_at(&mut f, 2);
    f.type_keys("\x1b");
    poll_at(&mut f, 3);
    // Whatever came before, two more polls find nothing new.
    f.app.refresh_from_others();
    f.app.refresh_from_others();
    f
}

#[test]
fn ones_own_save_is_never_announced_as_others_whatever_the_order_of_the_polls() {
    let orders: [&[usize]; 7] = [&[], &[0], &[1], &[2], &[3], &[0, 1, 2, 3], &[2, 2, 3]];
    for early in [false, true] {
        for polls in orders {
            let f = equal_weights_then_an_edit(early, polls);
            assert!(
                !says_others(&f),
                "polls at {polls:?} (poll before the ack: {early}): {:?}",
                f.app.status
            );
            let weights: Vec<_> = f.objective(CODE).phases.iter().map(|p| p.weight).collect();
            assert_eq!(weights[0], Some(25.0), "{weights:?}");
        }
    }
}

#[test]
fn a_colleagues_save_is_announced_also_when_it_waited_behind_an_open_editor() {
    let (mut f, anna) = two_users(false);
    f.open(CODE);
    f.type_keys("=");
    let status = |text: &str| {
        vec![crate::model::Change::SetObjective {
            objective: CODE.into(),
            field: crate::model::ObjectiveField::Status,
            value: crate::model::Value::OptText(Some(text.into())),
        }]
    };
    anna.apply(CODE, &status("Concluso"), None).unwrap();
    f.app.refresh_from_others();
    assert!(says_others(&f), "{:?}", f.app.status);
    assert_eq!(f.objective(CODE).status.as_deref(), Some("Concluso"));
    // With a cell editor open her next save waits, then is announced.
    f.type_keys("4");
    anna.apply(CODE, &status("Sospeso"), None).unwrap();
    f.app.refresh_from_others();
    assert_eq!(f.objective(CODE).status.as_deref(), Some("Concluso"));
    f.app.status = Status::None;
    f.type_keys("\x1b");
    f.app.refresh_from_others();
    assert!(says_others(&f), "{:?}", f.app.status);
    assert_eq!(f.objective(CODE).status.as_deref(), Some("Sospeso"));
}

/// The tree is as wide as the plan's titles, measured when the plan
/// changes: a colleague's longer title widens it at the next poll.
#[test]
fn a_colleagues_longer_title_widens_the_tree() {
    use crate::tui::render::tests::screen;
    let tree_right = |s: &str| (s.lines().nth(1)).and_then(|l| l.chars().position(|c| c == '┐'));
    let title = |code: &str, text: &str| {
        vec![crate::model::Change::SetObjective {
            objective: code.into(),
            field: crate::model::ObjectiveField::OperationalObjective,
            value: crate::model::Value::Text(text.into()),
        }]
    };
    // Every title short: the tree is as wide as its share, not its cap.
    let (mut f, anna) = two_users(false);
    let codes: Vec<String> = (f.app.dataset().objectives.iter())
        .map(|o| o.code.clone())
        .collect();
    for code in &codes {
        anna.apply(code, &title(code, "Breve"), None).unwrap();
    }
    f.app.refresh_from_others();
    let before = tree_right(&screen(&mut f, 200, 50)).unwrap();
    anna.apply(CODE, &title(CODE, &"Garantire ".repeat(12)), None)
        .unwrap();
    f.app.refresh_from_others();
    let polled = screen(&mut f, 200, 50);
    assert!(tree_right(&polled).unwrap() > before, "{polled}");
}
