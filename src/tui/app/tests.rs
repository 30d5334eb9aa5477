//! `update` tests: every action, driven by the keys of GUIDE §4, against a real
//! store in a temporary directory (so "salvato" is checked by reopening it).

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::service::Local;
use crate::service::follow::Following;
use crate::store::Store;
use crate::tui::view::View;

pub(crate) struct Fixture {
    pub app: App,
    /// What the last frame drawn measured (`draw`).
    pub view: View,
    dir: tempfile::TempDir,
}

/// The shipped plan, on `today`.
pub(crate) fn fixture_on(today: NaiveDate) -> Fixture {
    crate::i18n::set_lang(crate::i18n::Lang::It);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
    let app = app_on(Box::new(Local::new(store, "tester".into())), today);
    Fixture {
        app,
        view: View::default(),
        dir,
    }
}

pub(crate) fn fixture() -> Fixture {
    fixture_on(NaiveDate::from_ymd_opt(2025, 8, 5).unwrap())
}

impl Fixture {
    /// Draws a frame, as the main loop does: what it measured goes back to the app.
    pub fn draw<B: ratatui::backend::Backend>(
        &mut self,
        terminal: &mut ratatui::Terminal<B>,
        theme: crate::tui::theme::Theme,
    ) {
        crate::tui::render::draw(terminal, &mut self.app, &mut self.view, theme)
            .unwrap_or_else(|_| panic!("a frame drawn"));
    }

    /// What `&mut` the plan a test sets up by hand (then `objectives_changed`).
    pub fn dataset_mut(&mut self) -> &mut Dataset {
        &mut self.app.dataset
    }

    /// The service the app saves through, to set the plan up as others would.
    pub fn service(&self) -> &dyn crate::service::PlanService {
        &*self.app.service
    }

    /// The focus put on `pane`, as a test's starting point.
    pub fn focus(&mut self, pane: Pane) {
        self.app.focus = pane;
    }

    /// `app` on a database in `dir` (kept as long as the fixture).
    pub fn on(app: App, dir: tempfile::TempDir) -> Fixture {
        Fixture {
            app,
            view: View::default(),
            dir,
        }
    }

    /// Presses keys: plain characters, plus `\n` for Enter and `\x1b` for Esc.
    pub fn type_keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            self.press(code);
        }
    }

    pub fn press(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// The last key's change was saved (durable on disk); else the test
    /// fails with what the status line says.
    #[track_caller]
    pub fn assert_saved(&self) {
        assert!(
            matches!(self.app.status, Status::Saved(_)),
            "{:?}",
            self.app.status
        );
    }

    /// The status line says `text`, as `kind` says it (`Status::Saved`,
    /// `Status::Error`, `Status::Info`); else the test fails with what it says.
    #[track_caller]
    pub fn assert_says(&self, kind: fn(String) -> Status, text: &str) {
        let says = match (&self.app.status, kind(String::new())) {
            (Status::Info(m), Status::Info(_))
            | (Status::Saved(m), Status::Saved(_))
            | (Status::Error(m), Status::Error(_)) => m.contains(text),
            _ => false,
        };
        assert!(
            says,
            "not {:?} «{text}»: {:?}",
            kind(String::new()),
            self.app.status
        );
    }

    pub fn ctrl(&mut self, c: char) {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Selects objective `code` in the tree and opens it (focus on its phases).
    pub fn open(&mut self, code: &str) {
        self.app.focus = Pane::Tree;
        self.type_keys("g");
        while self.app.selected_row().map(|r| r.code.as_str()) != Some(code) {
            let before = self.app.selected;
            self.type_keys("j");
            assert_ne!(before, self.app.selected, "{code} not in the tree");
        }
        self.type_keys("\n");
    }

    /// What is durably stored: the app is closed and the database opened again.
    pub fn reopen(self) -> Reopened {
        let path = self.dir.path().join("db");
        drop(self.app);
        let store = Store::open(&path, Dataset::empty).unwrap();
        let dataset = store.load().unwrap();
        Reopened {
            dataset,
            store,
            dir: self.dir,
        }
    }

    pub fn objective(&self, code: &str) -> &crate::model::Objective {
        self.app
            .dataset
            .objectives
            .iter()
            .find(|o| o.code == code)
            .unwrap()
    }
}

/// The database after a restart: what it holds, and the way to start a new session on it.
pub(crate) struct Reopened {
    pub dataset: Dataset,
    pub store: Store,
    dir: tempfile::TempDir,
}

impl Reopened {
    /// A new session on this database where every write fails as on a full disk.
    pub(crate) fn on_a_full_disk(self) -> Fixture {
        let app = app_on(
            Box::new(FullDisk(Local::new(self.store, "tester".into()))),
            NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
        );
        Fixture {
            app,
            view: View::default(),
            dir: self.dir,
        }
    }
}

impl std::ops::Deref for Reopened {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        &self.dataset
    }
}

/// A new session (a new App) on a reopened database.
pub(crate) fn reopen_fixture(r: Reopened) -> Fixture {
    let app = app_on(
        Box::new(Local::new(r.store, "tester".into())),
        NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
    );
    Fixture {
        app,
        view: View::default(),
        dir: r.dir,
    }
}

fn stored_phase(d: &Dataset, code: &str, phase: usize) -> crate::model::Phase {
    d.objectives.iter().find(|o| o.code == code).unwrap().phases[phase].clone()
}

#[test]
fn tree_moves_collapse_expand_and_enter_opens_the_objective() {
    let mut f = fixture();
    let a = &mut f.app;
    assert_eq!(a.rows.len(), 12);
    f.type_keys("k");
    assert_eq!(f.app.selected, 0);
    f.type_keys("G");
    assert_eq!(f.app.selected_row().unwrap().code, "06_1201_0801");
    assert_eq!(
        f.app.objective().unwrap().code,
        "06_1201_0801",
        "details follow the tree"
    );
    f.type_keys("g");
    f.press(KeyCode::PageDown);
    assert!(f.app.selected > 1);
    f.press(KeyCode::PageUp);
    assert_eq!(f.app.selected, 0);
    f.type_keys("h");
    assert_eq!(f.app.rows.len(), 4, "mandate 05 folded");
    f.type_keys("l");
    assert_eq!(f.app.rows.len(), 12);
    f.press(KeyCode::Down);
    f.press(KeyCode::Down);
    f.press(KeyCode::Left);
    assert_eq!(
        f.app.selected_row().unwrap().code,
        "2024_28_DUP_05_1201",
        "h on a leaf goes to the parent"
    );
    f.open("05_1201_0601");
    assert_eq!(f.app.focus, Pane::Phases);
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0601");
}

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut f = fixture();
    let order: Vec<Pane> = (0..5)
        .map(|_| {
            f.type_keys("\t");
            f.app.focus
        })
        .collect();
    assert_eq!(
        order,
        [
            Pane::Details,
            Pane::Phases,
            Pane::Narratives,
            Pane::Overview,
            Pane::Tree
        ]
    );
    f.press(KeyCode::BackTab);
    assert_eq!(f.app.focus, Pane::Overview);
    // And by number, as the tab bar shows them.
    for (key, pane) in ["3", "1", "5", "2", "4"].into_iter().zip([
        Pane::Phases,
        Pane::Tree,
        Pane::Overview,
        Pane::Details,
        Pane::Narratives,
    ]) {
        f.type_keys(key);
        assert_eq!(f.app.focus, pane, "key {key}");
    }
}

#[test]
fn phase_table_cells_move_with_h_and_l_and_enter_edits_the_cell() {
    let mut f = fixture();
    f.open("05_1201_0601");
    assert_eq!(f.app.phase_field(), PhaseField::Name);
    // The key columns first: name, weight, progress, then the dates.
    f.type_keys("ll");
    assert_eq!(f.app.phase_field(), PhaseField::Progress);
    f.type_keys("ll");
    assert_eq!(f.app.phase_field(), PhaseField::PlannedEnd);
    f.type_keys("hhhhhhhhhhhh");
    assert_eq!(f.app.phase_field(), PhaseField::Name);
    f.type_keys("j\n");
    let Mode::Cell(edit) = &f.app.mode else {
        panic!("Enter should open the cell editor")
    };
    assert!(edit.editor.text().starts_with("UTILIZZO DELLE RISORSE"));
    // Replace the name: Ctrl-U clears the line.
    f.ctrl('u');
    f.type_keys("RISORSE STATALI E REGIONALI\n");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.assert_says(Status::Saved, "RISORSE STATALI E REGIONALI");
    let stored = f.reopen();
    assert_eq!(
        stored_phase(&stored, "05_1201_0601", 1).name,
        "RISORSE STATALI E REGIONALI"
    );
}

#[test]
fn w_and_p_edit_weight_and_progress_and_they_are_durable() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("w40,5\n");
    f.assert_says(Status::Saved, "Peso: 40,5");
    // Enter went down to phase 2.
    assert_eq!(f.app.phases.row, 1);
    f.type_keys("p25%\n");
    assert_eq!(f.objective("05_1201_0601").phases[1].progress, Some(25.0));
    let stored = f.reopen();
    assert_eq!(stored_phase(&stored, "05_1201_0601", 0).weight, Some(40.5));
    assert_eq!(
        stored_phase(&stored, "05_1201_0601", 1).progress,
        Some(25.0)
    );
}

#[test]
fn an_invalid_value_is_refused_in_the_status_line_and_the_stored_value_stays() {
    let mut f = fixture();
    f.open("05_1201_0201");
    f.type_keys("w30\n");
    for bad in ["101", "-1", "abc"] {
        f.type_keys("w");
        f.ctrl('u');
        f.type_keys(bad);
        f.type_keys("\n");
        assert!(
            matches!(&f.app.status, Status::Error(m) if m.contains(bad)),
            "{bad}: {:?}",
            f.app.status
        );
        let Mode::Cell(edit) = &f.app.mode else {
            panic!("{bad}: the editor must stay open")
        };
        assert_eq!(edit.editor.text(), bad, "what was typed is kept");
        f.type_keys("\x1b");
        assert!(matches!(f.app.mode, Mode::Normal));
    }
    // A date that ends before its start (back on phase 1: Enter went down).
    f.type_keys("klll\n");
    assert_eq!(f.app.phase_field(), PhaseField::PlannedEnd);
    f.ctrl('u');
    f.type_keys("31/12/2020\n");
    f.assert_says(Status::Error, "prima dell'inizio");
    f.type_keys("\x1b");
    let stored = f.reopen();
    let p = stored_phase(&stored, "05_1201_0201", 0);
    assert_eq!(p.weight, Some(30.0));
    assert_eq!(p.planned_end, NaiveDate::from_ymd_opt(2026, 12, 31));
}

#[test]
fn plus_and_minus_step_progress_by_five_within_0_and_100() {
    let mut f = fixture();
    f.open("05_1201_0301");
    f.type_keys("+");
    assert_eq!(
        f.objective("05_1201_0301").phases[0].progress,
        Some(5.0),
        "from n/d, + gives 5"
    );
    f.type_keys("--");
    assert_eq!(
        f.objective("05_1201_0301").phases[0].progress,
        Some(0.0),
        "never below 0"
    );
    f.type_keys("p98\n++");
    assert_eq!(
        f.objective("05_1201_0301").phases[0].progress,
        Some(100.0),
        "never above 100"
    );
    assert_eq!(
        stored_phase(&f.reopen(), "05_1201_0301", 0).progress,
        Some(100.0)
    );
}

#[test]
fn a_adds_a_phase_after_the_selected_one_and_d_deletes_after_asking() {
    let mut f = fixture();
    f.open("05_1201_0201");
    f.type_keys("a\n");
    assert!(
        matches!(&f.app.status, Status::Error(_)),
        "an empty name is refused"
    );
    f.type_keys("MONITORAGGIO\n");
    let names: Vec<String> = f
        .objective("05_1201_0201")
        .phases
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names[1], "MONITORAGGIO");
    assert_eq!(names.len(), 3);
    assert_eq!(f.app.phases.row, 1, "the new phase is selected");
    assert_eq!(
        f.objective("05_1201_0201").phases[1].manager,
        "VISENTIN RICCARDO",
        "manager from the phase above"
    );

    f.type_keys("d");
    assert!(matches!(
        f.app.mode,
        Mode::Ask(Question::DeleteRow {
            table: super::Table::Phases,
            row: 1,
            ..
        })
    ));
    f.type_keys("x");
    assert!(
        matches!(f.app.mode, Mode::Ask(_)),
        "other keys leave the question open"
    );
    f.type_keys("n");
    assert!(matches!(f.app.mode, Mode::Ask(_)), "n is no answer");
    f.type_keys("\n");
    assert_eq!(
        f.objective("05_1201_0201").phases.len(),
        3,
        "Enter keeps it"
    );
    f.type_keys("gd");
    f.type_keys("d");
    let stored = f.reopen();
    let names: Vec<&str> = stored.objectives[1]
        .phases
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "MONITORAGGIO",
            "SPERIMENTAZIONE DI ALLOGGI PER L'AUTONOMIA DELLE PERSONE CON DISABILITA'"
        ]
    );
}

#[test]
fn a_phase_can_be_added_to_an_objective_without_phases() {
    let mut f = fixture();
    f.open("05_1201_0102");
    f.type_keys("w");
    f.assert_says(Status::Error, "non ha fasi");
    f.type_keys("aPRIMA FASE\n");
    assert_eq!(f.reopen().objectives[0].phases[0].name, "PRIMA FASE");
}

#[test]
fn narratives_are_edited_saved_with_ctrl_s_and_esc_asks_when_unsaved() {
    let mut f = fixture();
    f.open("05_1201_0701");
    f.type_keys("E");
    let Mode::Narrative(edit) = &f.app.mode else {
        panic!("E opens the year-2 editor")
    };
    assert_eq!(edit.writing.year(), Some(Year::Second));
    assert!(edit.text().starts_with("Il nuovo SERVIZIO"));
    f.ctrl('e'); // end of line
    f.type_keys(" Prima frase.");
    f.press(KeyCode::Enter);
    f.type_keys("Seconda riga.");
    f.ctrl('s');
    assert!(matches!(&f.app.status, Status::Saved(_)));
    f.type_keys(" bozza");
    f.type_keys("\x1b");
    let Mode::Narrative(edit) = &f.app.mode else {
        panic!("Esc with unsaved text must ask, not leave")
    };
    assert!(edit.confirm_leave);
    f.type_keys("\n");
    let Mode::Narrative(edit) = &f.app.mode else {
        panic!("Enter goes back to the text")
    };
    assert!(!edit.confirm_leave && edit.text().ends_with("Seconda riga. bozza"));
    // Ctrl-Z undoes the typing; then the text is as saved and Esc leaves at once.
    for _ in 0..6 {
        f.ctrl('z');
    }
    f.type_keys("\x1b");
    assert!(
        matches!(f.app.mode, Mode::Normal),
        "nothing unsaved: Esc leaves"
    );
    // Year 1: type, Esc, d discards.
    f.type_keys("e");
    f.type_keys("xyz\x1bd");
    assert!(matches!(f.app.mode, Mode::Normal));
    let stored = f.reopen();
    let o = stored
        .objectives
        .iter()
        .find(|o| o.code == "05_1201_0701")
        .unwrap();
    assert!(
        o.narratives
            .year2
            .ends_with("avviato a gennaio 2025. Prima frase.\nSeconda riga."),
        "{}",
        o.narratives.year2
    );
    assert!(!o.narratives.year1.contains("xyz"));
}

#[test]
fn ctrl_s_while_asking_saves_and_leaves() {
    let mut f = fixture();
    f.open("05_1201_0701");
    f.type_keys("eNuovo inizio. \x1b");
    f.ctrl('s');
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(
        f.reopen().objectives[6]
            .narratives
            .year1
            .starts_with("Nuovo inizio. Tutti i servizi")
    );
}

#[test]
fn search_selects_the_match_in_the_tree_and_n_n_step_through() {
    let mut f = fixture();
    f.type_keys("/alloggi\n");
    let first = f.app.selected_row().unwrap().code.clone();
    assert_eq!(
        first, "05_1201_0201",
        "«alloggi» first occurs in 0201's narrative"
    );
    let Some(search) = &f.app.search else {
        panic!("no search")
    };
    let total = search.hits.len();
    assert!(total >= 3);
    f.type_keys("n");
    f.assert_says(Status::Info, &format!("2/{total}"));
    f.type_keys("NN");
    f.assert_says(Status::Info, &format!("{total}/{total}"));
    // Search reaches into a folded branch, phase names and managers.
    f.type_keys("gh/osservatorio interreligioso\n");
    assert_eq!(
        f.app.selected_row().unwrap().code,
        "06_1201_0801",
        "found in the year-1 text"
    );
    f.type_keys("n");
    assert_eq!(f.app.selected_row().unwrap().code, "06_1201_0801");
    assert_eq!(
        f.app.phases.row, 3,
        "then in the name of phase 4, which is selected"
    );
    f.type_keys("/nessuna-parola-così\n");
    f.assert_says(Status::Error, "nessun risultato");
    f.type_keys("/abc\x1b");
    assert!(matches!(f.app.mode, Mode::Normal));
}

#[test]
fn help_opens_scrolls_and_closes_and_q_quits() {
    let mut f = fixture();
    f.type_keys("?");
    assert!(matches!(f.app.mode, Mode::Help { scroll: 0 }));
    f.type_keys("jj");
    assert!(matches!(f.app.mode, Mode::Help { scroll: 2 }));
    f.type_keys("?");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.type_keys("?");
    f.press(KeyCode::Esc);
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(!f.app.quit);
    f.type_keys("q");
    assert!(f.app.quit);
}

#[test]
fn editing_keys_without_an_objective_say_what_to_do() {
    let mut f = fixture();
    // In the tree, on a mandate row: nothing happens, and the status line says why.
    let before = f.app.dataset.clone();
    for keys in ["w", "p", "+", "=", " ", ".", "a", "d", "J", "e", "E", "H"] {
        f.app.status = Status::None;
        f.type_keys(keys);
        let shown = if keys == " " { "Space" } else { keys };
        assert!(
            matches!(&f.app.status, Status::Error(m) if *m == format!(
                "{shown}: qui c'è un obiettivo di mandato, apri un obiettivo (Enter)"
            )),
            "{keys}: {:?}",
            f.app.status
        );
        assert!(matches!(f.app.mode, Mode::Normal), "{keys}");
        assert_eq!(f.app.focus, Pane::Tree, "{keys}");
    }
    assert_eq!(f.app.dataset, before);
    // Elsewhere, with no objective opened yet, they say to pick one.
    f.app.focus = Pane::Details;
    for keys in ["w", "p", "+", "a", "d", "e", "E"] {
        f.app.status = Status::None;
        f.type_keys(keys);
        assert!(
            matches!(&f.app.status, Status::Error(m) if m.contains("seleziona prima un obiettivo")),
            "{keys}: {:?}",
            f.app.status
        );
        assert!(matches!(f.app.mode, Mode::Normal), "{keys}");
    }
    f.type_keys("n");
    f.assert_says(Status::Info, "premi /");
}

#[test]
fn q_while_typing_is_text_not_quit() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("aqq");
    assert!(!f.app.quit);
    f.type_keys("\x1beq");
    assert!(!f.app.quit);
}

#[test]
fn u_undoes_this_sessions_changes_and_ctrl_r_redoes_them_and_both_are_recorded() {
    let mut f = fixture();
    f.type_keys("u");
    f.assert_says(Status::Info, "niente da annullare");
    f.open("05_1201_0601");
    f.type_keys("w40\nkp20\n");
    f.type_keys("aNUOVA\n");
    assert_eq!(f.objective("05_1201_0601").phases.len(), 5);
    f.type_keys("u");
    assert_eq!(
        f.objective("05_1201_0601").phases.len(),
        4,
        "undo removes the added phase"
    );
    f.type_keys("u");
    assert_eq!(
        f.objective("05_1201_0601").phases[0].progress,
        None,
        "then the progress"
    );
    f.ctrl('r');
    assert_eq!(
        f.objective("05_1201_0601").phases[0].progress,
        Some(20.0),
        "redo puts it back"
    );
    f.type_keys("u");
    f.type_keys("u");
    assert_eq!(f.objective("05_1201_0601").phases[0].weight, None);
    f.type_keys("u");
    f.assert_says(Status::Info, "niente da annullare");
    // A new edit forgets the redo stack.
    f.type_keys("gw10\n");
    f.ctrl('r');
    f.assert_says(Status::Info, "niente da ripetere");
    // Narratives and deletes undo too.
    f.type_keys("eNUOVO ");
    f.ctrl('s');
    f.type_keys("\x1b");
    f.type_keys("u");
    assert!(
        f.objective("05_1201_0601")
            .narratives
            .year1
            .starts_with("Prosegue il lavoro")
    );
    f.type_keys("gdd");
    assert_eq!(f.objective("05_1201_0601").phases.len(), 3);
    f.type_keys("u");
    assert_eq!(
        f.objective("05_1201_0601").phases[0].name,
        "NUOVI ALLOGGI A CANONE CALMIERATO"
    );
    assert_eq!(
        f.objective("05_1201_0601").phases[0].weight,
        Some(10.0),
        "the deleted phase comes back whole"
    );
    let stored = f.reopen();
    let o = &stored.objectives[5];
    assert_eq!(o.phases.len(), 4);
    assert_eq!(o.phases[0].weight, Some(10.0));
}

#[test]
fn h_shows_the_objectives_history_newest_last() {
    let mut f = fixture();
    f.type_keys("H");
    assert!(
        matches!(&f.app.status, Status::Error(_)),
        "no objective yet"
    );
    f.open("05_1201_0601");
    f.type_keys("w40\nkw");
    f.ctrl('u');
    f.type_keys("45\nu");
    // The undo is said as its history line will say it.
    let undone = "annullata l'ultima modifica di 05_1201_0601: \
                  fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: 45 → 40";
    assert!(
        matches!(&f.app.status, Status::Saved(m) if m == undone),
        "{:?}",
        f.app.status
    );
    f.type_keys("H");
    let Mode::History { lines, scroll } = &f.app.mode else {
        panic!("H opens the history")
    };
    let tail: Vec<&str> = lines
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(String::as_str)
        .collect();
    assert!(
        tail[0].ends_with("tester  fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: n/d → 40"),
        "{tail:?}"
    );
    assert!(tail[1].ends_with("Peso: 40 → 45"), "{tail:?}");
    assert!(
        tail[2].contains("Peso: 45 → 40  ↶ annulla la modifica delle"),
        "the undo is a recorded change, and says what it took back: {tail:?}"
    );
    assert_eq!(
        *scroll,
        u16::MAX,
        "opens at the newest (render keeps the last page)"
    );
    f.type_keys("H");
    assert!(matches!(f.app.mode, Mode::Normal));
}

#[test]
fn drafts_are_kept_while_typing_and_offered_back_on_the_next_open() {
    use std::time::{Duration, Instant};
    let mut f = fixture();
    f.open("05_1201_0701");
    f.type_keys("EBozza ");
    // Nothing kept before the interval, then kept.
    f.app.tick(Instant::now());
    let code = "05_1201_0701";
    assert_eq!(
        f.app
            .service
            .draft(&crate::api::DraftOf::narrative(
                code,
                crate::model::ObjectiveField::Year2
            ))
            .unwrap(),
        None
    );
    f.app
        .tick(Instant::now() + editing::DRAFT_EVERY + Duration::from_millis(1));
    let draft = f
        .app
        .service
        .draft(&crate::api::DraftOf::narrative(
            code,
            crate::model::ObjectiveField::Year2,
        ))
        .unwrap()
        .unwrap();
    assert!(
        draft.text.starts_with("Bozza Il nuovo SERVIZIO"),
        "{}",
        draft.text
    );
    // More typing, then the session ends abruptly (hang-up path): kept on exit.
    f.type_keys("lunga ");
    f.app.keep_draft();
    // Next session: the draft is offered; the published text is unchanged.
    let stored = f.reopen();
    assert!(
        stored.objectives[6]
            .narratives
            .year2
            .starts_with("Il nuovo SERVIZIO")
    );
    // Reopen the same database in a new app.
    let mut f2 = reopen_fixture(stored);
    f2.open("05_1201_0701");
    f2.type_keys("E");
    let Mode::Ask(Question::RestoreDraft { draft, .. }) = &f2.app.mode else {
        panic!("the draft must be offered")
    };
    assert!(
        draft.text.starts_with("Bozza lunga Il nuovo"),
        "{}",
        draft.text
    );
    f2.type_keys("\n");
    let Mode::Narrative(edit) = &f2.app.mode else {
        panic!("Enter restores into the editor")
    };
    assert!(edit.text().starts_with("Bozza lunga Il nuovo") && edit.is_dirty());
    f2.ctrl('s');
    f2.type_keys("\x1b");
    assert_eq!(
        f2.app
            .service
            .draft(&crate::api::DraftOf::narrative(
                "05_1201_0701",
                crate::model::ObjectiveField::Year2
            ))
            .unwrap(),
        None,
        "published: the draft is gone"
    );
    assert!(
        f2.reopen().objectives[6]
            .narratives
            .year2
            .starts_with("Bozza lunga Il nuovo")
    );
}

/// One vocabulary (issue 23 item 3): Enter keeps in the draft question and in
/// the exit question alike; `d` discards, and what it discards stays a draft
/// until the session ends.
#[test]
fn a_discarded_text_stays_a_draft_until_the_session_ends_and_enter_always_keeps() {
    let mut f = fixture();
    let year1 = |f: &Fixture| {
        f.app
            .service
            .draft(&crate::api::DraftOf::narrative(
                "05_1201_0701",
                crate::model::ObjectiveField::Year1,
            ))
            .unwrap()
            .map(|d| d.text)
    };
    f.open("05_1201_0701");
    f.type_keys("eXYZ ");
    f.type_keys("\x1bs");
    assert!(
        matches!(&f.app.mode, Mode::Narrative(e) if e.confirm_leave && e.text().starts_with("XYZ")),
        "s is no answer: nothing is thrown away"
    );
    f.type_keys("d");
    assert!(matches!(f.app.mode, Mode::Normal));
    f.assert_says(Status::Info, "restano come bozza");
    assert!(year1(&f).is_some_and(|t| t.starts_with("XYZ Tutti")));
    // Offered back: Enter restores it, then Esc asks and Enter keeps the text.
    f.type_keys("e");
    assert!(matches!(
        f.app.mode,
        Mode::Ask(Question::RestoreDraft { .. })
    ));
    f.type_keys("\n\x1b\n");
    let Mode::Narrative(edit) = &f.app.mode else {
        panic!("Enter in the exit question keeps the restored text")
    };
    assert!(edit.text().starts_with("XYZ Tutti") && !edit.confirm_leave);
    // `d` in the draft question opens the published text; the draft stays for now.
    f.type_keys("\x1bd");
    f.type_keys("e");
    f.type_keys("d");
    let Mode::Narrative(edit) = &f.app.mode else {
        panic!("d opens the published text")
    };
    assert!(edit.text().starts_with("Tutti i servizi") && !edit.is_dirty());
    f.type_keys("\x1b");
    assert!(year1(&f).is_some(), "restorable until the session ends");
    f.app.end_session();
    assert_eq!(year1(&f), None, "the session is over: set aside, then gone");
    assert!(!f.reopen().objectives[6].narratives.year1.contains("XYZ"));
}

/// A service whose disk is full: reads work, every write fails. A
/// `Transport`, so that it is a whole `PlanService` without writing it out.
struct FullDisk(Local);

impl crate::service::Transport for FullDisk {
    fn call(
        &self,
        request: crate::service::Request,
    ) -> Result<crate::service::Response, crate::service::ServiceError> {
        if request.access() != crate::service::Access::Read {
            return Ok(crate::service::Response::Error(
                crate::service::ServiceError::Disk(crate::i18n::OsError::from(
                    &std::io::Error::from(std::io::ErrorKind::StorageFull),
                )),
            ));
        }
        Ok(crate::service::dispatch(&self.0, request))
    }
}

/// A session of the app on `service`, with the plan it holds.
/// A session as the TUI opens one: from the outline, objectives read whole when shown.
pub(crate) fn app_on(service: Box<dyn crate::service::PlanService>, today: NaiveDate) -> App {
    let (following, outline) = Following::outlined(service).unwrap();
    App::open(following, outline, today)
}

#[test]
fn a_full_disk_is_reported_and_what_was_typed_stays_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), crate::io::shipped).unwrap();
    let full = FullDisk(Local::new(store, "tester".into()));
    let app = app_on(Box::new(full), NaiveDate::from_ymd_opt(2025, 8, 5).unwrap());
    let mut f = Fixture {
        app,
        view: View::default(),
        dir,
    };
    f.open("05_1201_0601");
    f.type_keys("w40\n");
    f.assert_says(Status::Error, "NON è stata salvata");
    let Mode::Cell(edit) = &f.app.mode else {
        panic!("the cell editor stays open")
    };
    assert_eq!(edit.editor.text(), "40");
    assert_eq!(
        f.objective("05_1201_0601").phases[0].weight,
        None,
        "nothing shown as saved"
    );
    f.type_keys("\x1be");
    f.type_keys("Testo importante ");
    f.ctrl('s');
    f.assert_says(Status::Error, "NON è stata salvata");
    f.app.keep_draft();
    f.assert_says(Status::Error, "bozza non salvata");
    let Mode::Narrative(edit) = &f.app.mode else {
        panic!("the editor stays open")
    };
    assert!(edit.text().starts_with("Testo importante Prosegue"));
    f.type_keys("\x1b");
    assert!(
        matches!(&f.app.mode, Mode::Narrative(e) if e.confirm_leave),
        "unsaved text: Esc asks"
    );
}
