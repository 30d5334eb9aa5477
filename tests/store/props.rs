//! Property tests: random key sequences against `update` and `render` at random
//! terminal sizes never panic, and what the screen's numbers come from stays
//! what the model computes from what is stored. Random bytes never panic the
//! JSON importer.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::{Terminal, backend::TestBackend};

use obiettivi::model::rollup::{mean_of, objective_progress};
use obiettivi::service::Local;
use obiettivi::service::follow::Following;
use obiettivi::store::Store;
use obiettivi::tui::app::App;
use obiettivi::tui::outline::NodeKind;
use obiettivi::tui::render::draw;
use obiettivi::tui::theme::Theme;
use obiettivi::tui::view::View;

/// Keys people press, weighted towards the ones that edit.
fn key() -> impl Strategy<Value = KeyEvent> {
    let plain = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let ctrl = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let code = |k: KeyCode| KeyEvent::new(k, KeyModifiers::NONE);
    prop_oneof![
        4 => prop::sample::select(vec!['j', 'k', 'g', 'G', 'h', 'l', 'w', 'p', '+', '-', 'a', 'd', 'e', 'E', '/', 'n', 'N', 'u', 'H', '?', 's', 'y', 'R', 'm', 'f']).prop_map(plain),
        3 => prop::sample::select(vec!['0', '1', '4', '5', '9', ',', '.', '%', '/', 'x', ' ']).prop_map(plain),
        2 => prop::sample::select(vec![KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace, KeyCode::PageDown, KeyCode::PageUp, KeyCode::Left, KeyCode::Right, KeyCode::Up, KeyCode::Down]).prop_map(code),
        1 => prop::sample::select(vec!['s', 'r', 'u', 'z', 'e']).prop_map(ctrl),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    (1u16..230, 1u16..70)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic_and_numbers_match_the_store(
        steps in prop::collection::vec((key(), size()), 1..80)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), obiettivi::io::shipped).unwrap();
        // A snapshot, so that `R` can start a review that compares.
        store.create_snapshot("Monitoraggio", "prop").unwrap();
        let (following, dataset) = Following::loaded(Box::new(Local::new(store, "prop".into()))).unwrap();
        let mut app = App::new(following, dataset, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        let mut view = View::default();
        for (key, (w, h)) in steps {
            app.handle_key(key);
            app.keep_running(); // keep going after q
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            draw(&mut terminal, &mut app, &mut view, Theme { color: w % 2 == 0 }).unwrap();
        }
        // What the app shows is what is stored.
        let stored = app.stored().unwrap();
        prop_assert_eq!(app.dataset(), &stored);
        // Every tree row's number is the model's roll-up of the stored phases.
        for row in app.rows() {
            let expected = match row.kind {
                NodeKind::Objective => objective_progress(&stored.objectives[row.objective.unwrap()].phases).map(|r| r.value),
                NodeKind::Mission => mean_of(stored.objectives.iter().filter(|o| o.mission == row.code).map(|o| o.progress().map(|r| r.value))),
                NodeKind::Mandate => mean_of(
                    stored.objectives.iter()
                        .filter(|o| stored.missions.iter().any(|m| m.code == o.mission && m.mandate == row.code))
                        .map(|o| o.progress().map(|r| r.value)),
                ),
            };
            prop_assert_eq!(row.progress, expected, "row {}", row.code);
            if row.kind == NodeKind::Objective {
                let phases = &stored.objectives[row.objective.unwrap()].phases;
                prop_assert_eq!(row.weight_warning, obiettivi::model::rollup::weight_sum_is_off(phases));
            }
        }
    }

    #[test]
    fn random_bytes_never_panic_the_json_importer(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = obiettivi::io::json::parse(&text);
    }

    #[test]
    fn truncated_and_mutated_json_is_refused_or_valid_never_a_panic(cut in 0usize..36_000, flip in any::<u8>(), at in any::<prop::sample::Index>()) {
        let text = obiettivi::io::SHIPPED_JSON;
        let mut bytes = text.as_bytes()[..cut.min(text.len())].to_vec();
        if !bytes.is_empty() {
            let i = at.index(bytes.len());
            bytes[i] = flip;
        }
        if let Ok(d) = obiettivi::io::json::parse(&String::from_utf8_lossy(&bytes)) {
            prop_assert!(obiettivi::model::validate::validate(&d).is_ok());
        }
    }
}

/// Values of every kind, the ones the rules refuse among them.
fn value() -> impl Strategy<Value = obiettivi::model::Value> {
    use obiettivi::model::Value;
    let number = prop_oneof![
        Just(None),
        (-50.0f64..150.0).prop_map(Some),
        prop::sample::select(vec![f64::NAN, f64::INFINITY, -0.0, 1e308, 100.0, 0.0]).prop_map(Some),
    ];
    let date = prop_oneof![
        Just(None),
        (2020i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ];
    let text = prop_oneof![
        "[a-zA-Z ]{0,12}",
        Just(String::new()),
        Just("   ".to_string()),
        (1usize..3).prop_map(|n| "x".repeat(n * 1_500)),
    ];
    prop_oneof![
        number.prop_map(Value::Number),
        date.prop_map(Value::Date),
        text.clone().prop_map(Value::Text),
        prop::option::of(text).prop_map(Value::OptText),
    ]
}

/// Any change a client could send: any field, any phase (existing or not), any value.
fn change(code: &'static str) -> impl Strategy<Value = obiettivi::model::Change> {
    use obiettivi::model::{Change, ObjectiveField, Phase, PhaseField};
    prop_oneof![
        3 => (0usize..6, prop::sample::select(PhaseField::ALL.to_vec()), value()).prop_map(
            move |(phase, field, value)| Change::SetPhase { objective: code.into(), phase, field, value }
        ),
        1 => (prop::sample::select(ObjectiveField::ALL.to_vec()), value()).prop_map(
            move |(field, value)| Change::SetObjective { objective: code.into(), field, value }
        ),
        1 => (0usize..6, -10.0f64..200.0, "[A-Z ]{0,8}").prop_map(move |(phase, progress, name)| Change::AddPhase {
            objective: code.into(),
            phase,
            value: Phase { name, progress: Some(progress), ..Phase::default() },
        }),
        1 => (0usize..6).prop_map(move |phase| Change::DeletePhase { objective: code.into(), phase }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// GUIDE §5: whatever the service accepts, an export of it is accepted by
    /// import, so a backup taken after any accepted change can be restored.
    #[test]
    fn whatever_the_service_accepts_an_import_accepts(
        batches in prop::collection::vec(prop::collection::vec(change("05_1201_0601"), 1..4), 1..12)
    ) {
        use obiettivi::service::PlanService;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), obiettivi::io::shipped).unwrap();
        let service = Local::new(store, "prop".into());
        for changes in &batches {
            let _ = service.apply("05_1201_0601", changes, None);
        }
        let exported = obiettivi::io::json::to_string(&service.load().unwrap().dataset);
        let parsed = obiettivi::io::json::parse(&exported);
        prop_assert!(parsed.is_ok(), "{:?}", parsed.err());
        prop_assert!(service.plan_import(&parsed.unwrap()).is_ok());
    }
}
