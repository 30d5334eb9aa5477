//! End to end: the real binary in a pseudo-terminal, driven with the keys of
//! GUIDE §4, quit, started again — what was typed is there.

use crate::common;
use crate::pty;

use common::*;
use pty::Tui;

/// From the top of the tree to objective 05_1201_0601 (the 8th row), opened.
const TO_0601: &str = "jjjjjjj\r";

#[test]
fn weight_progress_and_narrative_typed_with_keys_survive_a_restart() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("w");
    tui.wait_for("Enter salva");
    tui.keys("40\r");
    tui.wait_for("salvato · fase 1 Peso: 40");
    // Enter went down to phase 2.
    tui.keys("p25\r");
    tui.wait_for("salvato · fase 2 Avanzamento: 25");
    tui.keys("e");
    tui.wait_for("Stato di attuazione 1° anno · 05_1201_0601");
    tui.keys("\x05 FraseDalTerminale.\x13");
    tui.wait_for("salvato · Stato di attuazione 1° anno");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    assert!(
        tui.terminal_restored(),
        "alternate screen left and cursor shown after q"
    );

    // Started again: the values are on screen.
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    let screen = tui.wait_for("Σ pesi: 40");
    assert!(screen.contains("= 25%"), "{screen}");
    tui.keys("\t");
    tui.wait_for("FraseDalTerminale.");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let json = export_json(&db);
    let o = &json["objectives"][5];
    assert_eq!(o["phases"][0]["weight"], 40.0);
    assert_eq!(o["phases"][1]["progress"], 25.0);
    assert!(
        o["narratives"]["year1"]
            .as_str()
            .unwrap()
            .contains("di mercato. FraseDalTerminale.")
    );
}

#[test]
fn a_refused_value_is_explained_and_the_stored_one_stays() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.keys("w101\r");
    tui.wait_for("«101»: il valore non può superare 100");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    assert!(export_json(&db)["objectives"][5]["phases"][0]["weight"].is_null());
}

#[test]
fn a_dropped_connection_ends_the_process_and_the_draft_is_offered_on_restart() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.keys("E");
    tui.wait_for("Stato di attuazione 2° anno · 05_1201_0601");
    tui.keys("ParoleDaNonPerdere ");
    // The space typed too, before the line drops.
    tui.wait_for("ParoleDaNonPerdere In qualità");
    tui.hang_up();
    tui.wait_exit();
    // The database is free again and the published text is untouched.
    let json = export_json(&db);
    assert!(
        !json["objectives"][5]["narratives"]["year2"]
            .as_str()
            .unwrap()
            .contains("ParoleDaNonPerdere")
    );

    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    // The start says which draft waits, and how to reach it.
    tui.wait_for("1 bozza in attesa: 05_1201_0601 (2° anno) · :drafts per riaprirla");
    tui.keys(TO_0601);
    tui.keys("E");
    tui.wait_for("C'è una bozza non pubblicata del 2° anno");
    tui.keys("\r");
    tui.wait_for("bozza ripristinata");
    tui.wait_for("ParoleDaNonPerdere In qualità di Ente Capofila");
    tui.keys("\x13");
    tui.wait_for("salvato");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    assert!(
        json["objectives"][5]["narratives"]["year2"]
            .as_str()
            .unwrap()
            .starts_with("ParoleDaNonPerdere In qualità")
    );
}

/// The editor's keys as a terminal sends them over SSH: Ctrl-A, the xterm
/// sequences of Ctrl-Home, Ctrl-End and Ctrl-→, Alt as Esc before the key.
#[test]
fn the_editor_keys_work_as_a_terminal_sends_them() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.keys("E");
    tui.wait_for("Stato di attuazione 2° anno · 05_1201_0601");
    tui.keys("\x01");
    tui.wait_for("tutto il testo selezionato");
    tui.keys("uno due tre");
    tui.wait_for("uno due tre");
    for (sequence, typed) in [
        ("\x1b[1;5H", "A"), // Ctrl-Home: the start of the text
        ("\x1b[1;5F", "Z"), // Ctrl-End: its end
        ("\x1bb", "B"),     // Alt-b: back a word
        ("\x1b<", "C"),     // Alt-<: the start again
        ("\x1b[1;5C", "D"), // Ctrl-→: the next word
    ] {
        tui.send(sequence);
        tui.keys(typed);
    }
    tui.wait_for("CAuno Ddue BtreZ");
    tui.keys("\x13");
    tui.wait_for("salvato");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        export_json(&db)["objectives"][5]["narratives"]["year2"],
        "CAuno Ddue BtreZ"
    );
}

#[test]
fn sigterm_ends_the_process_and_restores_the_terminal() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    assert!(
        !tui.terminal_restored(),
        "the app runs in the alternate screen"
    );
    unsafe { libc::kill(tui.pid(), libc::SIGTERM) };
    tui.wait_exit();
    let started = std::time::Instant::now();
    while !tui.terminal_restored() && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(tui.terminal_restored());
    assert_eq!(
        run(&db, &["export"]).status.code(),
        Some(0),
        "the database opens cleanly afterwards"
    );
}

#[test]
fn at_80x24_one_pane_shows_with_a_tab_bar_and_help_lists_the_keys() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("06_1201_0801");
    let screen = tui.wait_for("1 Obiettivi");
    assert!(screen.contains("3 Fasi"), "{screen}");
    tui.keys("G\t");
    tui.wait_for("Codice: 06_1201_0801");
    tui.keys("?");
    tui.wait_for("riquadro successivo");
    tui.keys("?q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_second_session_on_the_same_database_is_told_why_it_cannot_open() {
    let (_dir, db) = fresh_db();
    let mut first = Tui::start(&db, 100, 30);
    first.wait_for("2023_2028_DUP_05");
    let mut second = Tui::start(&db, 100, 30);
    second.wait_for("è già aperto da un altro processo obiettivi");
    assert_eq!(second.wait_exit(), 2);
    first.keys("q");
    assert_eq!(first.wait_exit(), 0);
}

/// A whole monitoring meeting with the keyboard alone: choose the snapshot,
/// mark every objective with a comment (`m` moves on to the next), quit; the
/// minutes say it all.
#[test]
fn a_full_review_from_the_snapshot_to_the_minutes_with_keys_alone() {
    let (_dir, db) = monitored_db();

    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("R");
    tui.wait_for("Nuova revisione: confronto con «Monitoraggio 30/06/2026»");
    tui.keys("\r");
    tui.wait_for("Revisione n. 1 · 1/8 · 0 di 8 rivisti");
    for i in 1..=8 {
        tui.keys("m");
        tui.wait_for("Commento (facoltativo)");
        tui.keys(&format!("discusso {i}\r"));
        tui.wait_for(&format!("{i} di 8 rivisti"));
        // Marked, the page moves on to the next objective by itself.
        if i < 8 {
            tui.wait_for(&format!("· {}/8 ·", i + 1));
        }
    }
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let o = run(&db, &["report", "--review", "1", "--format", "md"]);
    let minutes = stdout(&o);
    assert!(
        minutes.contains("- **Obiettivi rivisti:** 8 di 8"),
        "{minutes}"
    );
    assert!(minutes.contains("- **Non rivisti:** —"), "{minutes}");
    for i in 1..=8 {
        assert!(
            minutes.contains(&format!("- **Commento:** discusso {i}\n")),
            "{minutes}"
        );
    }
    assert!(minutes.contains("Peso — prima: n/d; dopo: 40"), "{minutes}");
}

/// The tree's rows at the moment (objective codes only), from a screen.
fn objectives_on(screen: &str) -> Vec<&str> {
    screen
        .split_whitespace()
        .filter(|w| w.len() == 12 && w.chars().nth(2) == Some('_') && w.chars().nth(7) == Some('_'))
        .collect()
}

#[test]
fn the_tree_filtered_to_late_phases_shows_only_the_objectives_that_have_them() {
    let (_dir, db) = fresh_db();
    // Two objectives with a phase due long ago; 0301's only phase done (never late).
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--phase",
            "2",
            "--planned-end",
            "30/06/2025",
        ],
    );
    ok(
        &db,
        &[
            "set",
            "06_1201_0801",
            "--phase",
            "1",
            "--planned-end",
            "31/01/2025",
            "--progress",
            "10",
        ],
    );
    ok(
        &db,
        &[
            "set",
            "05_1201_0301",
            "--phase",
            "1",
            "--progress",
            "100",
            "--actual-end",
            "31/01/2025",
        ],
    );
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("f");
    tui.wait_for("Filtro dell'albero");
    // The first line of the list: late phases.
    tui.keys("\r");
    tui.wait_for("[x] solo con fasi in ritardo");
    tui.keys("\x1b");
    tui.wait_for("filtro: in ritardo");
    // The list's last line gone: the tree under it is drawn again whole.
    let screen = tui.wait_gone("Enter: attiva o spegne");
    let shown = objectives_on(&screen);
    assert!(
        shown.contains(&"05_1201_0601") && shown.contains(&"06_1201_0801"),
        "{screen}"
    );
    // Every objective shown has a late phase, today or whenever the test runs:
    // 0102 has no phases, 0301's is done.
    assert!(
        !shown.contains(&"05_1201_0102") && !shown.contains(&"05_1201_0301"),
        "{screen}"
    );
    for line in screen.lines().filter(|l| objectives_on(l).len() == 1) {
        assert!(line.contains(" !"), "marked late: {line}");
    }
    // Esc: every objective again.
    tui.keys("\x1b");
    let screen = tui.wait_for("05_1201_0102");
    assert!(!screen.contains("filtro:"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn the_history_of_30_changes_at_80x24_opens_on_the_newest_and_g_esc_work() {
    let (_dir, db) = fresh_db();
    for i in 1..=30 {
        ok(
            &db,
            &[
                "set",
                "05_1201_0601",
                "--phase",
                "1",
                "--weight",
                &i.to_string(),
            ],
        );
    }
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("H");
    // 30 changes, two lines each at 80 columns, 19 rows (the status line
    // stays in view): opened on the newest, at the bottom. (A frame may
    // arrive in pieces: wait for each part of it.)
    tui.wait_for("Cronologia 05_1201_0601 · 43–61/61");
    tui.wait_for("Peso: 29");
    tui.wait_for("→ 30");
    tui.keys("g");
    tui.wait_for("· 1–19/61");
    tui.wait_for("Peso: n/d");
    // (PgDn, PgUp and End are escape sequences this terminal types in pieces:
    // the app tests press them.)
    tui.keys("jj");
    tui.wait_for("· 3–21/61");
    tui.keys("G");
    tui.wait_for("· 43–61/61");
    tui.keys("\x1b");
    tui.wait_gone("Cronologia");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_change_made_after_the_mark_is_named_on_the_review_page_and_in_the_minutes() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("R");
    tui.wait_for("Nuova revisione senza confronto");
    tui.keys("\r");
    tui.wait_for("Revisione n. 1 · 1/8");
    tui.keys("m");
    tui.wait_for("Commento (facoltativo)");
    tui.keys("visto\r");
    tui.wait_for("1 di 8 rivisti");
    // Marked, the page moved on to the next; back to the one marked.
    tui.wait_for("Revisione n. 1 · 2/8");
    tui.keys("p");
    let screen = tui.wait_for("RIVISTO da");
    assert!(!screen.contains("modificato dopo la revisione"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    ok(&db, &["set", "05_1201_0102", "--status", "Sospeso"]);

    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("R");
    tui.wait_for("Riprendi la revisione n. 1");
    tui.keys("\r");
    // Resumed on the first objective not reviewed; back one to the one marked.
    tui.wait_for("Revisione n. 1");
    tui.keys("p");
    tui.wait_for("modificato dopo la revisione");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let minutes = ok(&db, &["report", "--review", "1"]);
    assert!(
        minutes.contains("modificato dopo la revisione"),
        "{minutes}"
    );
    assert!(
        minutes.contains("Modificati dopo la revisione:** 05_1201_0102"),
        "{minutes}"
    );
    let later = minutes
        .split("Modificato dopo la revisione")
        .nth(1)
        .unwrap_or_else(|| panic!("{minutes}"));
    assert!(later.contains(": Stato:  → Sospeso"), "{later}");
}

/// The task of issue 15, from the first screen: the four weights of 05_1201_0601
/// to 25 and their progress to 10, 20, 30, 40. The README gives the same keys.
const FOUR_PHASES: &str = "/0601\r\r=p10\r20\r30\r40\r";

#[test]
fn four_weights_and_four_progress_values_in_at_most_25_keys() {
    assert!(
        FOUR_PHASES.chars().count() <= 25,
        "{} keys",
        FOUR_PHASES.chars().count()
    );
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(FOUR_PHASES);
    tui.wait_for("salvato · fase 4 Avanzamento: 40");
    let screen = tui.wait_for("Σ pesi: 100");
    assert!(screen.contains("= 2500/100 = 25%"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let json = export_json(&db);
    let phases = json["objectives"][5]["phases"].as_array().unwrap();
    let stored: Vec<(f64, f64)> = phases
        .iter()
        .map(|p| {
            (
                p["weight"].as_f64().unwrap(),
                p["progress"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        stored,
        [(25.0, 10.0), (25.0, 20.0), (25.0, 30.0), (25.0, 40.0)]
    );
    // The history: one line per phase and field, who and old → new.
    let history = stdout(&run(&db, &["history", "05_1201_0601"]));
    // After the line of the shipped plan's import.
    let lines: Vec<&str> = history.lines().skip(1).collect();
    assert_eq!(lines.len(), 8, "{history}");
    for (i, line) in lines[..4].iter().enumerate() {
        assert!(line.contains(&format!("fase {} ", i + 1)), "{history}");
        assert!(line.ends_with("Peso: n/d → 25"), "{history}");
    }
    for (i, line) in lines[4..].iter().enumerate() {
        assert!(
            line.ends_with(&format!("Avanzamento: n/d → {}", 10 * (i + 1))),
            "{history}"
        );
    }
}

#[test]
fn a_users_config_rebinds_a_key_and_a_wrong_one_is_named_with_its_line() {
    let (dir, db) = fresh_db();
    let config = dir.path().join("obiettivi");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[keys]\nadd_phase = \"A\"\n").unwrap();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("/0601\r\rl");
    tui.wait_for("05_1201_0601 · fase 1/4 · Peso");
    tui.keys("a");
    tui.keys("A");
    tui.wait_for("nome della nuova fase 2");
    tui.keys("DA TASTIERA\r");
    tui.wait_for("salvato · fase 2 «DA TASTIERA» aggiunta");
    tui.keys("?");
    let help = tui.wait_for("aggiungi una fase");
    let line = help
        .lines()
        .find(|l| l.contains("aggiungi una fase"))
        .unwrap();
    assert!(line.contains(" A  aggiungi una fase"), "{help}");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    let names: Vec<&str> = json["objectives"][5]["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5, "only A added a phase: {names:?}");

    // A wrong file: the line is named and the default keys work.
    std::fs::write(
        config.join("config.toml"),
        "[keys]\nadd_phase = \"A\"\nvola = \"v\"\n",
    )
    .unwrap();
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("config.toml, riga 3: «vola» non è un'azione");
    tui.keys("/0601\r\ra");
    tui.wait_for("nome della nuova fase 2");
    tui.keys("\x1bq");
    assert_eq!(tui.wait_exit(), 0);
}

/// A config file that is a named pipe or a link to `/dev/zero` is said, not
/// waited on or read without end: the TUI starts with the default keys.
#[test]
fn a_config_that_is_a_pipe_or_an_endless_device_is_refused_at_start() {
    let (dir, db) = fresh_db();
    let _ = export(&db);
    let config = dir.path().join("obiettivi");
    std::fs::create_dir_all(&config).unwrap();
    let file = config.join("config.toml");
    mkfifo(&file);
    for round in ["pipe", "/dev/zero"] {
        let mut tui = Tui::start(&db, 160, 30);
        tui.wait_for("config.toml: non è un file normale (una pipe, un dispositivo)");
        tui.wait_for("2023_2028_DUP_05");
        tui.keys("q");
        assert_eq!(tui.wait_exit(), 0, "{round}");
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
    }
}

/// A left click at column `x`, row `y` (0-based), as an xterm reports it (SGR).
fn click(x: u16, y: u16) -> String {
    format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", x + 1, y + 1, x + 1, y + 1)
}

#[test]
fn a_double_click_opens_an_objective_unless_the_mouse_is_off() {
    let (dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 120, 40);
    let screen = tui.wait_for("06_1201_0801");
    let y = screen
        .lines()
        .position(|l| l.contains("05_1201_0601"))
        .unwrap() as u16;
    tui.send(&click(12, y));
    tui.send(&click(12, y));
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let config = dir.path().join("obiettivi");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "mouse = false\n").unwrap();
    let mut tui = Tui::start(&db, 120, 40);
    tui.wait_for("06_1201_0801");
    tui.send(&click(12, y));
    tui.send(&click(12, y));
    // A key after the clicks: once it shows, the clicks have been read too.
    tui.keys("?");
    let screen = tui.wait_for("aiuto: questo elenco");
    assert!(!screen.contains("05_1201_0601 ·"), "{screen}");
    tui.keys("?q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Issue 17: a measurement typed in the Indicatori pane is there after a
/// restart, with the achievement it gives. The year shown is today's within the
/// plan (2026-2028), so the indicator's target and baseline follow it.
#[test]
fn a_measurement_typed_in_the_indicator_pane_and_its_achievement_survive_a_restart() {
    use chrono::Datelike;
    let (_dir, db) = fresh_db();
    let year = chrono::Local::now().date_naive().year().clamp(2026, 2028);
    ok(
        &db,
        &[
            "set",
            "05_1201_0601",
            "--add-indicator",
            "Alloggi assegnati",
            "--target",
            &format!("{year}=20"),
            "--baseline",
            &format!("12@{}", year - 1),
        ],
    );
    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("\t");
    tui.wait_for("indicatore 1/1");
    // `p` on the indicator table: the measurement of the monitoring period under way.
    tui.keys("p");
    tui.wait_for("Enter salva");
    tui.keys("15\r");
    tui.wait_for("= 37,5% non raggiunto");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut tui = Tui::start(&db, 100, 30);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(TO_0601);
    tui.wait_for("05_1201_0601 · fase 1/4");
    tui.keys("\t");
    let screen = tui.wait_for("37,5% ✗");
    assert!(screen.contains("Alloggi assegnati"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    let measured = &json["objectives"][5]["indicators"][0]["measurements"][0];
    assert_eq!(measured["value"], 15.0);
}

/// Issue 23: `/0601 Enter Enter 6 Enter` renamed phase 1 "6", and `y` opened
/// `Nome della fase: y`. On the Fase column a digit is a pane, a letter nothing.
#[test]
fn a_digit_on_the_fase_column_shows_pane_6_and_letters_start_no_edit() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("/0601\r\r");
    tui.wait_for("05_1201_0601 · fase 1/4 · Nome della fase");
    tui.keys("6");
    tui.wait_for("▶ Indicatori");
    tui.keys("\r3");
    tui.wait_for("▶ Fasi");
    for letter in ["b", "x", "Z"] {
        tui.keys(letter);
        let screen = tui.wait_for(&format!("tasto {letter}: nessuna azione · ? aiuto"));
        assert!(!screen.contains("Nome della fase:"), "{screen}");
    }
    // No editor is open: q quits.
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    let phase = &json["objectives"][5]["phases"][0];
    assert_eq!(phase["name"], "NUOVI ALLOGGI A CANONE CALMIERATO");
}

/// Issue 23: on a phase at 80 %, `p 7 0 Enter` gave «8070»: the old value
/// is selected, so what is typed replaces it.
#[test]
fn p_7_0_enter_on_a_phase_at_80_stores_70() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys("/0601\r\rp80\r");
    tui.wait_for("salvato · fase 1 Avanzamento: 80");
    tui.keys("kp");
    tui.wait_for("Avanzamento: 80 (selezionato");
    tui.keys("70\r");
    tui.wait_for("salvato · fase 1 Avanzamento: 70");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    assert_eq!(json["objectives"][5]["phases"][0]["progress"], 70.0);
}

#[test]
fn the_tui_on_a_new_path_says_it_created_the_database() {
    let (_dir, db) = new_db_path();
    let mut tui = Tui::start(&db, 120, 30);
    let screen = tui.wait_for("creato il nuovo database");
    assert!(screen.contains("con il piano DUP 2026-2028"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    // Opened again, it is the database it was: nothing said.
    let mut tui = Tui::start(&db, 120, 30);
    let screen = tui.wait_for("2023_2028_DUP_05");
    assert!(!screen.contains("creato il nuovo database"), "{screen}");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// A text of the Relazione typed at 80×24 survives a dropped connection as
/// a draft, is offered back by the next session and published with Ctrl-S.
#[test]
fn a_relazione_text_survives_a_hang_up_and_is_published_next_time() {
    let (_dir, db) = fresh_db();
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("2023_2028_DUP_05");
    tui.keys(":testo presentazione\r");
    tui.wait_for("Relazione sulla performance · Presentazione");
    tui.keys("Il Comune presenta ");
    tui.wait_for("Il Comune presenta");
    tui.hang_up();
    tui.wait_exit();
    assert_eq!(export_json(&db)["plan"]["texts"], serde_json::Value::Null);

    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_for("1 bozza in attesa: Presentazione (Relazione)");
    tui.keys("T");
    tui.wait_for("Presentazione: (vuoto)");
    tui.keys("\r");
    tui.wait_for("bozza non pubblicata del testo «Presentazione»");
    tui.keys("\r");
    tui.wait_for("bozza ripristinata");
    tui.keys("\x13");
    tui.wait_for("salvato");
    tui.keys("\x1b");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let json = export_json(&db);
    assert_eq!(
        json["plan"]["texts"]["presentazione"],
        "Il Comune presenta "
    );
}
