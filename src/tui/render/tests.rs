//! Screen tests with ratatui's TestBackend, at 80×24 and 120×40.

use chrono::NaiveDate;
use ratatui::style::Color;
use ratatui::{Terminal, backend::TestBackend};

use crate::tui::app::tests::{Fixture, fixture, fixture_on};
use crate::tui::theme::Theme;

const MONO: Theme = Theme { color: false };

fn draw(f: &mut Fixture, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    f.draw(&mut t, theme);
    t
}

/// The screen at `w`×`h`, without colour, as text.
pub(crate) fn screen(f: &mut Fixture, w: u16, h: u16) -> String {
    let t = draw(f, w, h, MONO);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn small_terminal_shows_one_pane_with_a_tab_bar() {
    let mut f = fixture();
    let s = screen(&mut f, 80, 24);
    assert!(s.contains(" 1 Obiettivi ") && s.contains(" 3 Fasi "), "{s}");
    assert!(
        s.contains("▾ 2023_2028_DUP_05 PERSONE E FAMIGLIE AL CENTRO"),
        "{s}"
    );
    assert!(s.contains("06_1201_0801"), "all 12 rows fit: {s}");
    assert!(s.contains("·····   n/d"), "no progress is n/d, not 0: {s}");
    assert!(s.contains("? aiuto"), "{s}");
    // Tab switches the pane in place.
    f.open("05_1201_0601");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("▶ Fasi"), "{s}");
    assert!(s.contains("NUOVI ALLOGGI A CANONE"), "{s}");
    assert!(s.contains("Σ pesi: nessun peso"), "{s}");
    assert!(s.contains("Avanzamento obiettivo: n/d"), "{s}");
    assert!(
        s.contains("Enter modifica · Space marca · = pesi uguali · . ripeti · ? aiuto"),
        "the table's keys in the status line: {s}"
    );
}

/// Folding a mission or filtering the tree leaves every pane where it was:
/// the tree keeps the rows of the whole plan (the eye keeps its place, and
/// the terminal is not sent the whole screen again at each fold).
#[test]
fn folding_and_filtering_do_not_move_the_panes() {
    let mut f = fixture();
    let details_row = |s: &str| s.lines().position(|l| l.contains("┌ Dettagli"));
    let before = screen(&mut f, 120, 40);
    assert!(details_row(&before).is_some(), "{before}");
    f.type_keys("jh");
    let folded = screen(&mut f, 120, 40);
    assert!(
        !folded.contains("05_1201_0102"),
        "the mission is folded: {folded}"
    );
    assert_eq!(details_row(&folded), details_row(&before), "{folded}");
    f.type_keys("lf\n");
    let filtered = screen(&mut f, 120, 40);
    let shown = |s: &str| s.matches("│      0").count();
    assert!(shown(&filtered) < shown(&before), "filtered: {filtered}");
    assert_eq!(details_row(&filtered), details_row(&before), "{filtered}");
}

#[test]
fn large_terminal_shows_every_pane_at_once() {
    let mut f = fixture();
    f.open("05_1201_0601");
    let s = screen(&mut f, 120, 40);
    for title in ["Obiettivi", "Dettagli", "▶ Fasi", "Stato di attuazione"] {
        assert!(s.contains(title), "missing {title}: {s}");
    }
    assert!(s.contains("Codice: 05_1201_0601"), "{s}");
    assert!(
        s.contains("Obiettivo di missione: 2024_28_DUP_05_1201"),
        "{s}"
    );
    assert!(s.contains("1° anno"), "{s}");
    assert!(
        s.contains("Prosegue il lavoro, in qualità di Ente capofila"),
        "{s}"
    );
}

#[test]
fn the_first_value_s_roll_up_says_how_many_phases_it_measures() {
    // Issue 23 item 8: "= 250/25 = 10%" read as the whole objective's.
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("w25\nkp10\n");
    let s = screen(&mut f, 200, 50);
    assert!(
        s.contains("Avanzamento obiettivo = Σ(peso·avanzamento)/Σ peso = 250/25 = 10% (1 di 4 fasi misurate)"),
        "{s}"
    );
    // The details say it with the objective's result.
    assert!(
        s.contains("Risultato (fasi): 10% · avanzamento fasi: Σ(peso·avanzamento)/Σ peso = 250/25 = 10% (1 di 4 fasi"),
        "{s}"
    );
}

#[test]
fn weights_progress_roll_up_and_the_sigma_warning_are_shown() {
    let mut f = fixture();
    f.open("05_1201_0601");
    // Enter goes down a phase: back up with k for the progress of the same one.
    f.type_keys("w40\nkp50\n");
    f.type_keys("w50\nkp10\n");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Σ pesi: 90  ⚠ Σ pesi ≠ 100"), "{s}");
    assert!(
        s.contains("Avanzamento obiettivo = Σ(peso·avanzamento)/Σ peso = 2500/90 = 27,78%"),
        "{s}"
    );
    assert!(
        s.contains("███░░░   50%"),
        "the progress cell is a bar and a number: {s}"
    );
    assert!(
        s.contains("⚠"),
        "tree marks the objective whose weights are off: {s}"
    );
    // The objective's roll-up reaches the tree: 27,78 rounds to 28.
    assert!(s.contains("  28%"), "{s}");
}

/// Phase-table rows (a mark, then the phase number) carrying `mark`.
fn marked_rows(screen: &str, mark: char) -> usize {
    let pattern = format!("││{mark} ");
    screen
        .lines()
        .filter_map(|l| l.split_once(&pattern))
        .filter(|(_, rest)| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count()
}

#[test]
fn late_and_not_started_phases_have_a_symbol_without_colour() {
    let mut f = fixture_on(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap());
    f.open("06_1201_0801");
    let s = screen(&mut f, 120, 40);
    // All four phases end 31/12/2026 without progress: late.
    assert_eq!(marked_rows(&s, '!'), 4, "{s}");
    assert!(s.contains("! in ritardo (4)"), "{s}");
    // A new phase planned to start in 2026, not started yet.
    f.type_keys("GaNUOVA\nlll\n01/06/2026\n");
    let s = screen(&mut f, 120, 40);
    assert_eq!(marked_rows(&s, '○'), 1, "{s}");
    assert!(s.contains("○ non avviata (1)"), "{s}");
    // NO_COLOR: not one cell has a colour.
    let t = draw(&mut f, 120, 40, MONO);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

#[test]
fn editing_a_cell_shows_the_typed_text_in_place_and_the_prompt() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("w4");
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains("Peso: 4   Enter salva · Tab salva e va a destra · Esc annulla"),
        "{s}"
    );
    f.type_keys("00\n");
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains("Peso: 400") && s.contains("✗ Peso: «400»: il valore non può superare 100"),
        "{s}"
    );
}

#[test]
fn the_narrative_editor_says_which_objective_and_year_and_wraps() {
    let mut f = fixture();
    f.open("05_1201_0102");
    f.type_keys("E");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(
            s.contains("Stato di attuazione 2° anno · 05_1201_0102"),
            "{w}x{h}: {s}"
        );
        // Soft wrap: the first paragraph spans several screen lines, none cut at the border.
        assert!(
            s.contains("Le attività connesse alla Tutela minori si sono svolte"),
            "{s}"
        );
        assert!(s.lines().all(|l| !l.contains("Cartabia (L 134/2021). Il processo di valorizzazione della domiciliarietà è stato portato avanti anche tramite l'adesione")), "not wrapped: {s}");
    }
    f.type_keys("x");
    assert!(screen(&mut f, 120, 40).contains("· modificato"));
}

/// Every screen of the open help at 80×24, where the list is longer than the
/// screen: scrolled through with `j`.
fn help_pages(f: &mut Fixture) -> String {
    let mut seen = String::new();
    for _ in 0..120 {
        seen.push_str(&screen(f, 80, 24));
        f.type_keys("j");
    }
    seen
}

#[test]
fn help_lists_every_binding_of_every_table() {
    let mut f = fixture();
    f.type_keys("?");
    let seen = help_pages(&mut f);
    for (_, table) in f.app.keys().clone().sections() {
        for b in table {
            assert!(
                seen.contains(b.description()),
                "help lacks «{}»",
                b.description()
            );
            assert!(seen.contains(&b.shown()), "help lacks key «{}»", b.shown());
        }
    }
}

#[test]
fn english_labels_with_lang_en() {
    let mut f = fixture();
    crate::i18n::set_lang(crate::i18n::Lang::En);
    f.open("05_1201_0601");
    let s = screen(&mut f, 120, 40);
    crate::i18n::set_lang(crate::i18n::Lang::It);
    for label in [
        "Objectives",
        "Details",
        "Phases",
        "Status reports",
        "Objective progress: n/a",
        "Σ weights: no weights",
        "? help",
    ] {
        assert!(s.contains(label), "missing «{label}»: {s}");
    }
}

#[test]
fn the_selection_stays_visible_on_a_tiny_terminal_and_resizes_are_harmless() {
    let mut f = fixture();
    f.type_keys("G");
    for (w, h) in [(80, 24), (40, 10), (200, 60), (20, 5), (80, 24)] {
        let s = screen(&mut f, w, h);
        if h >= 10 {
            assert!(s.contains("06_1201"), "{w}x{h}: {s}");
        }
    }
}

#[test]
fn the_review_screen_shows_one_objective_with_its_changes_marked_at_both_sizes() {
    let mut f = crate::tui::app::review_tests::after_monitoring();
    f.type_keys("R");
    let s = screen(&mut f, 120, 40);
    assert!(
        s.contains("▶ Nuova revisione: confronto con «Monitoraggio 30/06/2025»"),
        "{s}"
    );
    f.type_keys("\nnnnnn");
    for (w, h) in [(120, 40), (80, 24)] {
        let s = screen(&mut f, w, h);
        assert!(
            s.contains(" Revisione n. 1 · 6/8 · 0 di 8 rivisti"),
            "{w}×{h}: {s}"
        );
        assert!(s.contains("05_1201_0601"), "{s}");
        assert!(s.contains("○ DA RIVEDERE (m per segnarlo)"), "{s}");
        // Changed cells carry a `*`, visible without colour.
        assert!(s.contains("*40"), "{w}×{h}: {s}");
        assert!(s.contains("* all'istantanea era n/d"), "{s}");
        assert!(s.contains("n succ. · p prec. · m rivisto"), "{s}");
        // The one word for a phase not started, as in the panes.
        assert!(
            s.contains("○ non avviata") && !s.contains("non iniziata"),
            "{w}×{h}: {s}"
        );
    }
    // The rest of the page is reached by scrolling: the list of changes and both narratives.
    let mut seen = String::new();
    for _ in 0..10 {
        seen.push_str(&screen(&mut f, 80, 24));
        f.press(crossterm::event::KeyCode::PageDown);
    }
    for wanted in [
        "Modifiche dall'istantanea «Monitoraggio 30/06/2025»",
        "* fase 1 «NUOVI ALLOGGI A CANONE CALMIERATO» Peso: n/d → 40",
        "Stato di attuazione 1° anno",
        "Stato di attuazione 2° anno",
    ] {
        assert!(seen.contains(wanted), "«{wanted}» never shown: {seen}");
    }
    // Marked, the page moves on to 0701; back to 0601.
    f.type_keys("mvisto\n");
    assert!(screen(&mut f, 120, 40).contains("05_1201_0701"));
    f.type_keys("pg");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("✓ RIVISTO da tester il"), "{s}");
    assert!(s.contains("«visto»"), "{s}");
    assert!(s.contains("1 di 8 rivisti"), "{s}");
}

#[test]
fn a_missing_narrative_is_flagged_in_review() {
    let mut f = crate::tui::app::review_tests::after_monitoring();
    // 0801's 2° anno is written; clear 0102's year-2 text to see the flag.
    f.app.read_whole_plan();
    f.dataset_mut().objectives[0].narratives.year2.clear();
    f.type_keys("R\n");
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&mut f, 120, 40));
        f.press(crossterm::event::KeyCode::PageDown);
    }
    assert!(seen.contains("⚠ non ancora scritto"), "{seen}");
}

/// The shipped plan on 01/09/2026 with late phases: 0601's second phase
/// (due 30/06/2025, at 40%) and 0201's first (due 31/03/2026), whose weight
/// is 60 alone (Σ ≠ 100); 0102's year-1 report is empty.
fn plan_with_late_phases() -> Fixture {
    let mut f = fixture_on(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
    // Changed in memory below, so held whole.
    f.app.read_whole_plan();
    let d = f.dataset_mut();
    let at = |d: &crate::model::Dataset, code: &str| {
        d.objectives.iter().position(|o| o.code == code).unwrap()
    };
    let i = at(d, "05_1201_0601");
    d.objectives[i].phases[1].planned_end = NaiveDate::from_ymd_opt(2025, 6, 30);
    d.objectives[i].phases[1].progress = Some(40.0);
    let i = at(d, "05_1201_0201");
    d.objectives[i].phases[0].planned_end = NaiveDate::from_ymd_opt(2026, 3, 31);
    d.objectives[i].phases[0].weight = Some(60.0);
    let i = at(d, "05_1201_0102");
    d.objectives[i].narratives.year1.clear();
    f.app.objectives_changed();
    f
}

#[test]
fn the_overview_reads_in_one_glance_at_80x24() {
    let mut f = plan_with_late_phases();
    f.type_keys("o");
    let s = screen(&mut f, 80, 24);
    let line = |start: &str| {
        s.lines()
            .find(|l| l.contains(start))
            .unwrap_or_else(|| panic!("no line «{start}»: {s}"))
            .to_string()
    };
    assert!(line("▶ Quadro d'insieme").starts_with('┌'), "{s}");
    assert!(
        line("1 Obiettivi").contains(" 5 Quadro "),
        "by number too: {s}"
    );
    assert!(
        line("Ob.").contains("Avanz. Σ≠100 Rit. N.avv. Vuoti  Riv."),
        "{s}"
    );
    // Objectives, progress (40%, the only one with a value), Σ ≠ 100, late phases, not started, empty 1°/2°, reviewed.
    assert!(
        line("│ Piano DUP 2026-2028").contains("8     40%     1    2      0   1/0     —"),
        "{s}"
    );
    assert!(
        line("2024_28_DUP_05_1201").contains("7     40%     1    2"),
        "{s}"
    );
    assert!(
        line("2024_28_DUP_06_1202").contains("1     n/d     0    0"),
        "{s}"
    );
    assert!(line("VISENTIN RICCARDO").contains("8     40%"), "{s}");
    assert!(
        line("SETTORE WELFARE E POLITICHE").contains("8     40%"),
        "{s}"
    );
    for heading in [
        "Per mandato e missione",
        "Per responsabile",
        "Per centro di responsabilità (CdR)",
    ] {
        assert!(s.contains(heading), "{heading}: {s}");
    }
    assert!(
        s.contains("Rit. fasi in ritardo"),
        "the short names are explained: {s}"
    );
}

#[test]
fn the_overview_uses_the_room_at_200x50_with_bars() {
    let mut f = plan_with_late_phases();
    f.type_keys("5");
    let s = screen(&mut f, 200, 50);
    for header in [
        "Obiettivi",
        "Avanzamento",
        "Σ pesi ≠ 100",
        "Fasi in ritardo",
        "Fasi non avviate",
        "Stato att. vuoto 1°/2° anno",
        "Rivisti",
    ] {
        assert!(s.contains(header), "{header}: {s}");
    }
    let plan = s
        .lines()
        .find(|l| l.contains("Piano DUP 2026-2028"))
        .unwrap();
    // 40% of a 20-cell bar, and the whole titles.
    assert!(plan.contains("40% ████████░░░░░░░░░░░░"), "{plan}");
    assert!(
        s.contains("2023_2028_DUP_06 FACCIAMO RETE!INSIEME POSSIAMO "),
        "{s}"
    );
    assert!(s.contains("2024_28_DUP_06_1202 Realtà associative"), "{s}");
    assert!(
        !s.contains("Obiettivi ─"),
        "the overview has the screen to itself: {s}"
    );
}

#[test]
fn enter_on_an_overview_line_filters_the_tree_to_it() {
    let mut f = plan_with_late_phases();
    f.type_keys("o");
    // Plan, mandate 05, its mission, mandate 06, its mission.
    f.type_keys("jjjj\n");
    assert_eq!(f.app.focus(), crate::tui::app::Pane::Tree);
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("Obiettivi · filtro: missione 2024_28_DUP_06_1202"),
        "{s}"
    );
    assert!(s.contains("06_1201_0801"), "{s}");
    assert!(!s.contains("05_1201_0601"), "{s}");
    f.type_keys("\x1b");
    let s = screen(&mut f, 80, 24);
    assert!(
        s.contains("05_1201_0601") && !s.contains("filtro:"),
        "Esc clears: {s}"
    );
}

#[test]
fn the_tree_marks_late_phases_weights_off_and_an_empty_report_without_colour() {
    let mut f = plan_with_late_phases();
    let s = screen(&mut f, 80, 24);
    let row = |code: &str| s.lines().find(|l| l.contains(code)).unwrap().to_string();
    assert!(row("05_1201_0601").contains(" !   ██"), "late: {s}");
    assert!(
        row("05_1201_0201").contains(" !⚠  "),
        "late and Σ ≠ 100: {s}"
    );
    assert!(
        row("05_1201_0102").contains("  ∅ "),
        "year-1 report empty in 2026: {s}"
    );
    assert!(
        row("05_1201_0301").contains("     ·····"),
        "nothing to see: {s}"
    );
    // Titles use the room: at 80 columns the objective's title reads past its first words.
    assert!(
        row("05_1201_0601").contains("05_1201_0601 Programmare e realizzare interventi a"),
        "{s}"
    );
}

#[test]
fn the_header_names_the_objective_whole_and_the_details_start_with_it() {
    let mut f = fixture();
    f.open("05_1201_0601");
    let s = screen(&mut f, 200, 50);
    let header = s.lines().next().unwrap();
    assert!(header.contains("05_1201_0601 · fase 1/4 · "), "{header}");
    assert!(
        header.trim_end().ends_with(" · Programmare e realizzare interventi a favore delle famiglie con difficoltà alloggiative."),
        "{header}"
    );
    let details = s
        .lines()
        .skip_while(|l| !l.contains("Dettagli"))
        .nth(1)
        .unwrap();
    assert!(details.contains("Obiettivo operativo"), "{details}");
}

#[test]
fn a_long_status_message_wraps_and_is_readable_whole_at_80x24() {
    let mut f = fixture();
    let words: Vec<String> = (0..23).map(|i| format!("parola{i:02}")).collect();
    let message = words.join(" ");
    assert!(message.len() >= 200, "{}", message.len());
    f.app.say(crate::tui::app::Status::Error(message.clone()));
    let s = screen(&mut f, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 24);
    // The message takes the bottom lines it needs; joined, it is all there.
    let bottom: String = lines[18..]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(bottom.contains(&format!("✗ {message}")), "{s}");
    assert!(s.contains("parola22"), "never cut: {s}");
    // The panes above still show.
    assert!(s.contains("2023_2028_DUP_05"), "{s}");
}

#[test]
fn the_history_overlay_scrolls_with_every_movement_key_and_esc_closes_it() {
    use crossterm::event::KeyCode;
    let mut f = fixture();
    f.open("05_1201_0601");
    for i in 1..=30 {
        f.type_keys("w");
        f.ctrl('u');
        f.type_keys(&format!("{i}\n"));
    }
    f.type_keys("H");
    let title = |f: &mut Fixture| {
        let s = screen(f, 80, 24);
        s.lines()
            .find(|l| l.contains("Cronologia"))
            .map(|l| {
                l.split(" · ")
                    .nth(1)
                    .unwrap_or("")
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default()
    };
    // 30 changes (about two lines each at 80 columns) in 19 rows (the
    // status line stays in view under the overlay): the newest page first.
    let opened = title(&mut f);
    let total: usize = opened.split('/').nth(1).unwrap().parse().unwrap();
    assert!(total >= 60, "{opened}");
    let page = |first: usize| format!("{first}–{}/{total}", first + 18);
    assert_eq!(opened, page(total - 18));
    let s = screen(&mut f, 80, 24);
    assert!(
        s.lines()
            .last()
            .unwrap()
            .contains("✓ salvato · fase 4 Peso: 30"),
        "{s}"
    );
    for (key, first) in [
        (KeyCode::Home, 1),
        (KeyCode::PageDown, 20),
        (KeyCode::Down, 21),
        (KeyCode::End, total - 18),
        (KeyCode::PageUp, total - 37),
        (KeyCode::Char('G'), total - 18),
        (KeyCode::Char('j'), total - 18),
        (KeyCode::Char('k'), total - 19),
    ] {
        f.press(key);
        assert_eq!(title(&mut f), page(first), "{key:?}");
    }
    f.press(KeyCode::Esc);
    assert!(matches!(f.app.mode(), crate::tui::app::Mode::Normal));
    assert!(!screen(&mut f, 80, 24).contains("Cronologia"));
}

#[test]
fn the_key_tables_of_the_readme_and_docs_name_every_key_the_help_shows() {
    // Review mode's table is in docs/REVIEW.md, the rest in the README.
    let tables = [
        include_str!("../../../README.md"),
        include_str!("../../../docs/REVIEW.md"),
    ];
    let rows: String = tables
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| l.starts_with("| `"))
        .collect::<Vec<_>>()
        .join("\n");
    let keys = crate::tui::keymap::Keymap::default();
    for ctx in [
        crate::tui::keymap::Context::Normal,
        crate::tui::keymap::Context::Review,
    ] {
        for b in keys.table(ctx) {
            for key in b.shown().split(' ') {
                assert!(
                    rows.contains(&format!("`{key}`")),
                    "the key tables lack `{key}` ({})",
                    b.description()
                );
            }
        }
    }
}

#[test]
fn weight_and_progress_show_right_after_opening_an_objective_at_both_sizes() {
    let mut f = fixture();
    f.open("05_1201_0601");
    // Weights and progress set, as a colleague would have left them.
    f.type_keys("=l");
    f.type_keys("10\n20\n30\n40\n");
    f.focus(crate::tui::app::Pane::Tree);
    f.open("05_1201_0601");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        let header = s
            .lines()
            .find(|l| l.contains("#  Fase"))
            .unwrap_or_else(|| panic!("{w}×{h}: no table header: {s}"));
        assert!(
            header.contains("Peso") && header.contains("Avanzamento"),
            "{w}×{h}: {s}"
        );
        for value in ["25", "█░░░░░   10%", "██░░░░   40%"] {
            assert!(s.contains(value), "{w}×{h}: «{value}» not shown: {s}");
        }
        // The selected phase in full under the table.
        assert!(
            s.contains("Fase 1 · NUOVI ALLOGGI A CANONE CALMIERATO"),
            "{s}"
        );
        assert!(
            s.contains("Prevista 01/01/2024 → 31/12/2026 · effettiva 01/01/2024 → —"),
            "{s}"
        );
    }
}

#[test]
fn the_phase_tables_roll_up_wraps_its_coverage_words_instead_of_cutting_them() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("=l");
    f.type_keys("10\n20\n");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        let lines: Vec<&str> = s.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("Avanzamento obiettivo = Σ"))
            .unwrap_or_else(|| panic!("{w}×{h}: no roll-up: {s}"));
        // The pane's own text on both lines (the right one where panes stand side by side).
        let left = lines
            .iter()
            .find_map(|l| l.split("┌▶ Fasi").next().filter(|p| p.len() < l.len()))
            .map_or(0, |p| p.chars().count());
        let text = |l: &str| {
            let pane: String = l.chars().skip(left).collect();
            pane.trim_matches('│').trim().to_string()
        };
        let said = format!("{} {}", text(lines[at]), text(lines[at + 1]));
        assert!(
            said.ends_with("(2 di 4 fasi misurate)"),
            "{w}×{h}: {said}: {s}"
        );
    }
}

#[test]
fn scrolled_columns_keep_the_key_ones_in_view_and_the_editor_follows_the_cursor() {
    let mut f = fixture();
    f.open("05_1201_0601");
    // To the notes, the last column.
    f.type_keys("lllllllll");
    let s = screen(&mut f, 80, 24);
    let header = s.lines().find(|l| l.contains("#  Fase")).unwrap();
    for title in ["Peso", "Avanzamento", "Note"] {
        assert!(header.contains(title), "{s}");
    }
    assert!(
        !header.contains("In. prev."),
        "scrolled past the dates: {s}"
    );
    // A note longer than its cell: the end of what is typed stays in view.
    f.type_keys("\n");
    f.type_keys("una nota lunga che non entra nella cella FINE");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("FINE"), "{s}");
}

#[test]
fn help_and_hints_show_the_users_keys() {
    let mut f = fixture();
    f.app.set_keys(
        crate::tui::config::parse(
            "[keys]\nadd_phase = \"A\"\nhelp = \"F2\"\nsearch = \"Ctrl-F\"\nnext_pane = \"F3\"\n",
        )
        .unwrap()
        .keys,
    );
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("F2 aiuto · Ctrl-F cerca · q esci"), "{s}");
    assert!(
        s.contains("4 Stato   5 Quadro   6 Indicatori   (F3)"),
        "the tab bar: {s}"
    );
    f.type_keys("n");
    assert!(
        screen(&mut f, 80, 24).contains("nessuna ricerca: premi Ctrl-F per cercare"),
        "{s}"
    );
    f.press(crossterm::event::KeyCode::F(2));
    let seen = help_pages(&mut f);
    let line = seen
        .lines()
        .find(|l| l.contains("aggiungi una fase"))
        .unwrap();
    assert!(
        line.trim_start_matches('│').trim_start().starts_with("A  "),
        "{line}"
    );
    // An objective without phases says which key adds one.
    f.type_keys("\x1b");
    f.open("05_1201_0102");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("nessuna fase: «A» per aggiungerne una"), "{s}");
}

#[test]
fn a_message_longer_than_the_status_line_wraps_instead_of_being_cut() {
    let mut f = fixture();
    let why = crate::tui::config::parse("[keys]\n\nvola = \"v\"\n").unwrap_err();
    let message =
        format!("/home/utente/.config/obiettivi/config.toml, {why} — valgono i tasti predefiniti");
    f.app.say(crate::tui::app::Status::Error(message));
    let s = screen(&mut f, 80, 24);
    let bottom: String = s.lines().rev().take(3).collect::<Vec<_>>().join(" ");
    for word in [
        "config.toml,",
        "riga 3:",
        "«vola»",
        "README)",
        "predefiniti",
    ] {
        assert!(bottom.contains(word), "«{word}» cut: {s}");
    }
}

#[test]
fn the_overview_shows_the_indicators_achievement_only_where_the_plan_measures_some() {
    let mut f = plan_with_late_phases();
    f.type_keys("o");
    assert!(
        !screen(&mut f, 80, 24).contains("Indic."),
        "the shipped plan has none"
    );
    // 0601 measures one: 15 against a target of 20 in 2026, from a baseline of 10 → 50%.
    let indicator = serde_json::json!({
        "name": "Alloggi assegnati", "targets": {"2026": 20},
        "baseline": {"value": 10, "year": 2025},
        "measurements": [{"period": "2026-06-30", "value": 15}]
    });
    let i = f
        .app
        .dataset()
        .objectives
        .iter()
        .position(|o| o.code == "05_1201_0601")
        .unwrap();
    f.dataset_mut().objectives[i].indicators = vec![serde_json::from_value(indicator).unwrap()];
    f.app.objectives_changed();
    let s = screen(&mut f, 80, 24);
    let plan = s.lines().find(|l| l.contains("Piano DUP")).unwrap();
    assert!(s.contains("Indic."), "{s}");
    assert!(
        plan.contains("40%    50%"),
        "progress, then indicators: {s}"
    );
    assert!(
        s.contains("Indic. raggiungimento medio degli indicatori"),
        "{s}"
    );
    // The selected line's means say what they are means of (issue 23 item 8).
    assert!(
        s.contains("Piano DUP 2026-2028: avanzamento 40% (1 di 8 obiettivi) · indicatori 50% (1"),
        "{s}"
    );
}

/// The last `n` lines of a screen, trimmed and joined: a message wrapped over them reads whole.
fn bottom(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len() - n..]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_refused_narrative_save_is_said_whole_under_the_editor_at_both_sizes() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("e");
    assert!(matches!(f.app.mode(), crate::tui::app::Mode::Narrative(_)));
    f.type_keys("Una frase. ");
    // The message of a save refused on an outdated version (issue 23: it
    // ended at «…dopo che l'avevi», the rest hidden).
    let conflict = crate::api::Conflict {
        code: "05_1201_0601".into(),
        version: 7,
        by: Some("mario.rossi".into()),
        at: chrono::DateTime::parse_from_rfc3339("2026-03-02T10:15:00+01:00").ok(),
        current: f.objective("05_1201_0601").clone(),
    };
    let message = conflict.to_string();
    f.app.say(crate::tui::app::Status::Error(message.clone()));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(
            bottom(&s, 3).contains(&format!("✗ {message}")),
            "{w}×{h}: {s}"
        );
        assert!(s.contains("Una frase."), "the editor still shows: {s}");
    }
}

#[test]
fn a_refused_cell_value_shows_why_and_every_key_of_the_prompt_at_80_columns() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("w101\n");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        let prompt = bottom(&s, if w == 80 { 2 } else { 1 });
        assert!(
            prompt.contains("«101»: il valore non può superare 100"),
            "{s}"
        );
        assert!(prompt.ends_with("Esc annulla"), "{w}×{h}: {s}");
    }
}

#[test]
fn w_shows_the_old_value_selected_and_says_what_typing_does() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("p80\nkp");
    let s = screen(&mut f, 80, 24);
    assert!(
        bottom(&s, 2).contains(
            "Avanzamento: 80 (selezionato: scrivendo lo sostituisci, ← → per modificarlo)"
        ),
        "{s}"
    );
    // In the cell, the selected value shows reversed (visible without colour).
    let reversed = |f: &mut Fixture| {
        let t = draw(f, 80, 24, MONO);
        let buf = t.backend().buffer().clone();
        let s = screen(f, 80, 24);
        let y = s.lines().position(|l| l.contains("NUOVI ALLOGGI")).unwrap();
        let x = s
            .lines()
            .nth(y)
            .unwrap()
            .chars()
            .position(|c| c == '8')
            .unwrap();
        buf[(x as u16, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!(reversed(&mut f));
    f.type_keys("8");
    assert!(!reversed(&mut f), "typed: no longer selected");
    assert!(!screen(&mut f, 80, 24).contains("selezionato"));
}

#[test]
fn a_long_review_comment_and_the_changed_after_review_warning_wrap_at_80x24() {
    let mut f = crate::tui::app::review_tests::after_monitoring();
    let comment = "consegnati 12 alloggi su 20 previsti; i restanti 8 slittano al secondo semestre per il ritardo della gara, verificato con l'ufficio tecnico";
    f.type_keys("R\nnnnnn");
    // Marked, the page moves on; back to the one marked.
    f.type_keys(&format!("m{comment}\np"));
    // Changed after the mark: the page warns.
    f.type_keys("E");
    f.type_keys("Aggiunta. ");
    f.ctrl('s');
    f.type_keys("\x1b");
    assert!(f.app.reviewing());
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        let page: String = s.lines().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        assert!(page.contains(&format!("«{comment}»")), "{w}×{h}: {s}");
        assert!(
            page.contains(
                "⚠ modificato dopo la revisione: quello che si vede non è ciò che è stato rivisto (m per rivederlo)"
            ),
            "{w}×{h}: {s}"
        );
        // The title says the whole comparison, wrapped where it must.
        assert!(
            page.contains("confronto con «Monitoraggio 30/06/2025»"),
            "{w}×{h}: {s}"
        );
    }
}

#[test]
fn the_help_and_the_history_leave_the_status_line_in_view() {
    let mut f = fixture();
    f.open("05_1201_0601");
    f.type_keys("w40\n");
    for (w, h) in [(80, 24), (120, 40)] {
        for opener in ["?", "H"] {
            f.type_keys(opener);
            let s = screen(&mut f, w, h);
            assert!(
                s.lines()
                    .last()
                    .unwrap()
                    .contains("✓ salvato · fase 1 Peso: 40"),
                "{opener} at {w}×{h}: {s}"
            );
            // A key the overlay does not know is said there.
            f.type_keys("x");
            let s = screen(&mut f, w, h);
            assert!(
                s.lines()
                    .last()
                    .unwrap()
                    .contains("tasto x: nessuna azione · ? aiuto"),
                "{opener} at {w}×{h}: {s}"
            );
            f.type_keys("\x1b");
            f.app
                .say(crate::tui::app::Status::Saved("fase 1 Peso: 40".into()));
        }
    }
}

/// `G` asks the help for its end and the frame shows the last page; `k` then
/// moves up from that page, as the frame measured it (`View`), not from the
/// end asked for.
#[test]
fn after_g_in_the_help_k_moves_up_from_the_last_page_shown() {
    let mut f = fixture();
    f.type_keys("?");
    let top = screen(&mut f, 80, 24);
    f.type_keys("G");
    let bottom = screen(&mut f, 80, 24);
    assert_ne!(top, bottom, "the help is longer than a page");
    f.type_keys("k");
    let up = screen(&mut f, 80, 24);
    assert_ne!(up, bottom, "k moved up a line: {up}");
    f.type_keys("j");
    assert_eq!(screen(&mut f, 80, 24), bottom);
}

/// Issue 28: outside review mode the overview's `Riv.` column counts the
/// plan's last review, not `—`; a review in progress counts instead.
#[test]
fn the_overview_counts_the_last_review_when_none_is_in_progress() {
    let r = crate::tui::app::review_tests::after_monitoring().reopen();
    let review = r.store.start_review(None, "anna").unwrap();
    for code in ["05_1201_0601", "05_1201_0102"] {
        r.store.mark_reviewed(review.id, code, "", "anna").unwrap();
    }
    let mut f = crate::tui::app::tests::reopen_fixture(r);
    f.type_keys("o");
    let s = screen(&mut f, 80, 24);
    // The last column of the line that names `label`.
    let reviewed = |label: &str| {
        let line = s.lines().find(|l| l.contains(label));
        let line = line.unwrap_or_else(|| panic!("{label}: {s}"));
        let last = line.trim_end_matches('│').split_whitespace().last();
        last.unwrap_or_default().to_string()
    };
    assert_eq!(reviewed("│ Piano DUP 2026-2028"), "2/8", "{s}");
    assert_eq!(reviewed("2024_28_DUP_06_1202"), "0/1", "{s}");
    assert!(s.contains("o nell'ultima"), "the legend says which: {s}");
}

/// A cycle in `state`, approved by DGC n. 12 del 30/01/2026.
fn approved_by_dgc_12(state: crate::model::cycle::PlanState) -> Option<crate::model::cycle::Cycle> {
    use crate::model::cycle::{Cycle, PlanState, Transition};
    Some(Cycle {
        state,
        transitions: vec![Transition {
            from: PlanState::Proposed,
            to: PlanState::Approved,
            by: "rossi".into(),
            at: chrono::DateTime::parse_from_rfc3339("2026-01-30T11:02:00Z").unwrap(),
            reason: String::new(),
            act: "DGC n. 12 del 30/01/2026".into(),
            forced: false,
        }],
    })
}

/// GUIDE §8: the plan's state in the title; once approved, the baseline's
/// cells drawn locked (a symbol: it reads without colour) and an edit of one
/// refused before anything is typed, saying why and how; progress still opens.
#[test]
fn the_title_says_the_plans_state_and_a_frozen_cell_is_drawn_locked_at_both_sizes() {
    use crate::model::cycle::PlanState;
    let mut f = fixture();
    let s = screen(&mut f, 80, 24);
    assert!(s.starts_with(" obiettivi · DUP 2026-2028 · Bozza"), "{s}");
    assert!(!s.contains('⊘'), "nothing is frozen in Bozza: {s}");
    f.dataset_mut().plan.cycle = approved_by_dgc_12(PlanState::Approved);
    f.open("05_1201_0601");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(
            s.starts_with(" obiettivi · DUP 2026-2028 · Approvata · 05_1201_0601"),
            "{w}×{h}: {s}"
        );
        assert!(s.contains("⊘NUOVI ALLOGGI A CANONE"), "{w}×{h}: {s}");
    }
    f.type_keys("w");
    let s = screen(&mut f, 80, 24);
    let said = bottom(&s, 2);
    assert!(
        said.contains(
            "fase 1 Peso: congelato dall'approvazione, DGC n. 12 del 30/01/2026: si cambia con una variazione"
        ),
        "{s}"
    );
    let s = screen(&mut f, 120, 40);
    assert!(
        bottom(&s, 2).contains("· V: in una variazione"),
        "the way out: {s}"
    );
    assert!(!matches!(f.app.mode(), crate::tui::app::Mode::Cell(_)));
    f.type_keys("a");
    let s = screen(&mut f, 120, 40);
    assert!(
        bottom(&s, 1).contains("l'elenco delle fasi: congelato dall'approvazione"),
        "{s}"
    );
    // What is monitored still opens and saves.
    f.type_keys("p40\n");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("salvato"), "{s}");
    // An indicator's definition and target are locked; its measurement is not.
    let indicator = serde_json::json!({
        "name": "Alloggi assegnati", "targets": {"2026": 20},
        "measurements": [{"period": "2026-06-30", "value": 15}]
    });
    let i = (f.app.dataset().objectives.iter())
        .position(|o| o.code == "05_1201_0601")
        .unwrap();
    f.dataset_mut().objectives[i].indicators = vec![serde_json::from_value(indicator).unwrap()];
    f.app.objectives_changed();
    f.type_keys("\x1b6");
    let s = screen(&mut f, 120, 40);
    let row = s.lines().find(|l| l.contains("Alloggi assegnati")).unwrap();
    assert!(row.contains("⊘Alloggi assegnati"), "{s}");
    assert!(row.contains("⊘20"), "the target: {s}");
    assert!(
        row.contains(" 75% "),
        "the achievement, from a measurement: {s}"
    );
}

/// From Valutazione the year's data is closed too (GUIDE §8): a progress is
/// drawn locked and `p` on it says the state, at both sizes, offering no
/// variation (none varies the year's data); the weight, closed since the
/// approval, still offers one; `e` says the narrative is closed instead of
/// opening an editor whose text no save would take.
#[test]
fn in_valutazione_a_progress_is_locked_and_says_the_state_without_a_variation() {
    use crate::model::cycle::PlanState;
    let mut f = fixture();
    f.dataset_mut().plan.cycle = approved_by_dgc_12(PlanState::Assessment);
    f.open("05_1201_0601");
    for (w, h) in [(80, 24), (120, 40)] {
        f.type_keys("p");
        let s = screen(&mut f, w, h);
        let row = s.lines().find(|l| l.contains("1  ⊘NUOVI ALLOGGI")).unwrap();
        assert!(row.contains("⊘······   n/d"), "{w}×{h}: {s}");
        assert!(
            bottom(&s, 2).contains(
                "fase 1 Avanzamento: congelato dallo stato del piano «Valutazione»: non si cambia più"
            ),
            "{w}×{h}: {s}"
        );
        assert!(!s.contains("V: in una variazione"), "{w}×{h}: {s}");
        assert!(!matches!(f.app.mode(), crate::tui::app::Mode::Cell(_)));
    }
    f.type_keys("w");
    let s = screen(&mut f, 120, 40);
    assert!(bottom(&s, 2).contains("· V: in una variazione"), "{s}");
    // The legend under the table says which locks a variation opens.
    assert!(s.contains("⊘ congelato: il dato dell'anno non"), "{s}");
    assert!(
        s.contains("si cambia più, il resto con una variazione"),
        "{s}"
    );
    // The narrative of the year too, before anything is typed.
    f.type_keys("e");
    let s = screen(&mut f, 80, 24);
    assert!(
        bottom(&s, 2)
            .contains("Stato di attuazione 1° anno: congelato dallo stato del piano «Valutazione»"),
        "{s}"
    );
    assert!(!matches!(f.app.mode(), crate::tui::app::Mode::Narrative(_)));
}

/// `C`: the plan's cycle over the screen, at both sizes: the state, no
/// transition yet, and what blocks Proposta by objective; Esc closes it.
#[test]
fn c_shows_the_plans_cycle_and_what_blocks_the_next_step() {
    let mut f = fixture();
    f.type_keys("C");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(s.contains("Ciclo del piano"), "{w}×{h}: {s}");
        assert!(s.contains("Stato del piano: Bozza"), "{w}×{h}: {s}");
        assert!(s.contains("Nessun passaggio"), "{w}×{h}: {s}");
        assert!(
            s.contains("Per passare a «Proposta» mancano:"),
            "{w}×{h}: {s}"
        );
        assert!(
            s.contains("05_1201_0102: nessuna fase né indicatore lo misura"),
            "{w}×{h}: {s}"
        );
    }
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("8 obiettivi da sistemare"), "{s}");
    assert!(s.contains("Enter: scegli un obiettivo da sistemare"), "{s}");
    f.type_keys("\x1b");
    assert!(!screen(&mut f, 80, 24).contains("Ciclo del piano"));
    // Enter in it: the objectives to fix, one line each; Enter opens one.
    f.type_keys("C\n");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("Da sistemare per «Proposta»"), "{s}");
    assert!(
        s.contains("05_1201_0102: nessuna fase né indicatore lo misura"),
        "{s}"
    );
    f.type_keys("\n");
    let s = screen(&mut f, 120, 40);
    assert!(!s.contains("Da sistemare per"), "{s}");
    assert!(
        s.starts_with(" obiettivi · DUP 2026-2028 · Bozza · 05_1201_0102"),
        "{s}"
    );
}

/// `V` (GUIDE §4, §8): in variation mode an edit of a frozen cell goes into
/// the open variation, the plan unchanged; the cell shows old → new and the
/// title says which variation, at both sizes; `V` again leaves it. With none
/// open, `V` opens one with the reason typed.
#[test]
fn variation_mode_records_a_frozen_cell_into_the_variation_and_shows_old_to_new() {
    use crate::model::cycle::{Direction, Step};
    let mut f = fixture();
    // Nothing open yet: said, and no mode.
    f.type_keys("V");
    let s = screen(&mut f, 80, 24);
    assert!(bottom(&s, 2).contains("nessuna variazione aperta"), "{s}");
    for act in ["", "DGC n. 12 del 30/01/2026"] {
        let step = Step {
            direction: Direction::Advance,
            act: act.into(),
            reason: "prova".into(),
            force: true,
        };
        f.service().cycle_step(step).unwrap();
    }
    f.dataset_mut().plan = f.service().load().unwrap().dataset.plan;
    f.open("05_1201_0601");
    // Approved, none open: `V` asks the reason of a new one, which it needs.
    f.type_keys("V");
    let s = screen(&mut f, 80, 24);
    assert!(bottom(&s, 2).contains("Motivo della variazione"), "{s}");
    f.type_keys("\n");
    let s = screen(&mut f, 80, 24);
    assert!(bottom(&s, 2).contains("si apre con il suo motivo"), "{s}");
    f.type_keys("Nuovo bando regionale\n");
    let opened = f.service().variations().unwrap();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0].reason, "Nuovo bando regionale");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(
            s.starts_with(" obiettivi · DUP 2026-2028 · Approvata · VARIAZIONE 1 · 05_1201_0601"),
            "{w}×{h}: {s}"
        );
    }
    f.type_keys("w30\n");
    let stored = f.service().objective("05_1201_0601").unwrap().unwrap();
    assert_eq!(
        stored.objective.phases[0].weight, None,
        "the plan unchanged"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(
            bottom(&s, 2).contains("registrato nella variazione 1"),
            "{w}×{h}: {s}"
        );
        let row = s
            .lines()
            .find(|l| l.contains("NUOVI ALLOGGI A CANONE"))
            .unwrap();
        assert!(row.contains("n/d→30"), "{w}×{h}: {s}");
    }
    let v = &f.service().variations().unwrap()[0];
    assert_eq!(v.changes[0].field, "phases[0].weight");
    // Its editor opens with what the variation records, not the plan's value
    // (Enter went on to the next phase: back to the first).
    f.type_keys("kw");
    match f.app.mode() {
        crate::tui::app::Mode::Cell(edit) => assert_eq!(edit.editor.text(), "30"),
        _ => panic!("no cell editor"),
    }
    f.type_keys("\x1b");
    // An indicator's target recorded (here by another session) shows so too.
    let indicator: crate::model::indicators::Indicator =
        serde_json::from_value(serde_json::json!({"name": "Alloggi", "targets": {"2026": 20}}))
            .unwrap();
    let added = crate::model::Change::AddIndicator {
        objective: "05_1201_0601".into(),
        indicator: 0,
        value: indicator.clone(),
    };
    f.service()
        .cycle_step(Step {
            direction: Direction::Back,
            act: String::new(),
            reason: "un indicatore".into(),
            force: false,
        })
        .unwrap();
    f.service().apply("05_1201_0601", &[added], None).unwrap();
    let step = Step {
        direction: Direction::Advance,
        act: "DGC n. 12 del 30/01/2026".into(),
        reason: String::new(),
        force: false,
    };
    f.service().cycle_step(step).unwrap();
    let target = crate::api::Edit {
        code: "05_1201_0601".into(),
        changes: vec![crate::model::Change::SetIndicator {
            objective: "05_1201_0601".into(),
            indicator: 0,
            field: crate::model::indicator_fields::IndicatorField::Target(2026),
            value: crate::model::Value::Text("25".into()),
        }],
        expected: None,
        note: None,
    };
    f.service().variation_record(1, &[target]).unwrap();
    f.type_keys("VV");
    let i = (f.app.dataset().objectives.iter())
        .position(|o| o.code == "05_1201_0601")
        .unwrap();
    let o = f.service().objective("05_1201_0601").unwrap().unwrap();
    f.dataset_mut().objectives[i] = o.objective;
    f.app.objectives_changed();
    f.focus(crate::tui::app::Pane::Indicators);
    let s = screen(&mut f, 120, 40);
    let row = s.lines().find(|l| l.contains("Alloggi")).unwrap();
    assert!(row.contains("20→25"), "{s}");
    f.focus(crate::tui::app::Pane::Phases);
    // Out of the mode: the plan's value, locked, and the title without it.
    f.type_keys("V");
    let s = screen(&mut f, 120, 40);
    assert!(!s.contains("VARIAZIONE"), "{s}");
    let row = s
        .lines()
        .find(|l| l.contains("NUOVI ALLOGGI A CANONE"))
        .unwrap();
    assert!(!row.contains("→30"), "{s}");
}

/// Review mode names the variations over the objective shown: an approved
/// one with its act and old → new, and one still open; a rejected one not.
#[test]
fn the_review_page_names_the_variations_over_the_objective() {
    use crate::model::cycle::{Direction, Step};
    let mut f = fixture();
    for act in ["", "DGC n. 12 del 30/01/2026"] {
        let step = Step {
            direction: Direction::Advance,
            act: act.into(),
            reason: "prova".into(),
            force: true,
        };
        f.service().cycle_step(step).unwrap();
    }
    let weight = |w: &str| crate::api::Edit {
        code: "05_1201_0601".into(),
        changes: vec![
            crate::model::Change::parse(
                "05_1201_0601",
                Some(0),
                crate::model::Field::Phase(crate::model::PhaseField::Weight),
                w,
            )
            .unwrap(),
        ],
        expected: None,
        note: None,
    };
    for (reason, w) in [
        ("Superata", "10"),
        ("Nuovo bando", "30"),
        ("Ancora aperta", "35"),
    ] {
        let v = f.service().variation_open(reason).unwrap();
        f.service().variation_record(v.id, &[weight(w)]).unwrap();
    }
    let reject = crate::model::variation::Decision::Reject {
        reason: "no".into(),
    };
    f.service().variation_decide(1, reject).unwrap();
    let approve = crate::model::variation::Decision::Approve {
        act: "DGC n. 80 del 15/07/2026".into(),
    };
    f.service().variation_decide(2, approve).unwrap();
    let loaded = f.service().load().unwrap().dataset;
    (f.dataset_mut().plan, f.dataset_mut().variations) = (loaded.plan, loaded.variations);
    f.type_keys("R\nnnnnn");
    for (w, h) in [(120, 40), (80, 24)] {
        let s = screen(&mut f, w, h);
        assert!(s.contains("05_1201_0601"), "{w}×{h}: {s}");
        let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("≈ Variazione 2 (approvata, DGC n. 80 del 15/07/2026)"),
            "{w}×{h}: {s}"
        );
        assert!(flat.contains("≈ Variazione 3 (aperta)"), "{w}×{h}: {s}");
        assert!(!flat.contains("Variazione 1"), "{w}×{h}: {s}");
    }
}

/// The window of 30/06/2026 opened until a month from today, as the TUI
/// hears of it; that day.
fn open_june_window(f: &mut Fixture) -> NaiveDate {
    use crate::model::windows::{WindowAction, WindowStep};
    let until = chrono::Local::now().date_naive() + chrono::Days::new(30);
    let step = WindowStep {
        period: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        action: WindowAction::Open,
        until: Some(until),
        reason: String::new(),
    };
    f.service().window_step(step).unwrap();
    f.app.refresh_from_others();
    until
}

/// At 80 columns an open window's long form pushed the objective's code off
/// the title: what is less needed gives way first (the window's short
/// form, the program's name, the column…), so the code, the state and the
/// window stay on the line at 80×24, and at 120×40 all of it in full.
#[test]
fn the_title_keeps_the_code_state_and_window_at_80_columns() {
    let mut f = fixture();
    let until = open_june_window(&mut f);
    f.open("05_1201_0601");
    f.type_keys("llll");
    let at_80 = " DUP 2026-2028 · Bozza · fin. 30/06 · 05_1201_0601 · fase 1/4 · Fine prevista";
    let at_120 = format!(
        " obiettivi · DUP 2026-2028 · Bozza · finestra 30/06/2026 aperta fino al {} · \
         05_1201_0601 · fase 1/4",
        until.format("%d/%m/%Y")
    );
    for (w, h, said) in [(80, 24, at_80), (120, 40, at_120.as_str())] {
        let s = screen(&mut f, w, h);
        assert!(s.starts_with(said), "{w}×{h}: {s}");
    }
    // Narrower still, the code stays, then the state, then the window.
    let title = |width| super::status::title(&f.app, width);
    assert!(
        title(40).starts_with(" Bozza · fin. 30/06 · 05_1201_0601 · fase 1/4"),
        "{}",
        title(40)
    );
    assert!(title(12).starts_with(" 05_1201_0601 · "), "{}", title(12));
}

/// GUIDE §8: the open monitoring window in the title, at both sizes, and
/// the overview's count of what `reminders` would list for it, read again
/// when the plan changes.
#[test]
fn the_title_says_the_open_window_and_the_overview_counts_what_is_missing() {
    use crate::model::windows::{WindowAction, WindowStep};
    use crate::model::{Change, PhaseField, Value};
    let mut f = fixture();
    let until = open_june_window(&mut f);
    f.type_keys("o");
    let window = format!(
        " DUP 2026-2028 · Bozza · finestra 30/06/2026 aperta fino al {}",
        until.format("%d/%m/%Y")
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        // At 80 columns the program's name gives way to the window's long form.
        let shown = match w {
            80 => window.clone(),
            _ => format!(" obiettivi ·{}", window),
        };
        assert!(s.starts_with(&shown), "{w}×{h}: {s}");
        assert!(
            s.contains("Quadro d'insieme · finestra 30/06/2026: 14 mancanti"),
            "{w}×{h}: {s}"
        );
    }
    // A progress entered in the window is one item fewer.
    let progress = Change::SetPhase {
        objective: "05_1201_0601".into(),
        phase: 0,
        field: PhaseField::Progress,
        value: Value::Number(Some(30.0)),
    };
    f.service()
        .apply("05_1201_0601", &[progress], None)
        .unwrap();
    f.app.refresh_from_others();
    f.type_keys("j");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("finestra 30/06/2026: 13 mancanti"), "{s}");
    // Closed: neither the title nor the overview says a window.
    let close = WindowStep {
        period: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        action: WindowAction::Close,
        until: None,
        reason: String::new(),
    };
    f.service().window_step(close).unwrap();
    f.app.refresh_from_others();
    f.type_keys("k");
    let s = screen(&mut f, 120, 40);
    assert!(!s.contains("finestra"), "{s}");
}

/// The assessment on screen (GUIDE §1, §8), written through `:set` as the
/// validator would: a forced value marked `≡` in the tree with its number,
/// the details with `forzato`, the reason and the consuntivo; a non
/// valutabile objective `∉` and `n/v`, left out of its mission's mean and
/// named in the overview; at 80×24 and 120×40, without colour.
#[test]
fn a_forced_and_a_non_valutabile_objective_are_marked_at_both_sizes() {
    use crate::model::cycle::{Direction, PlanState, Step};
    let mut f = fixture();
    while f.service().load().unwrap().dataset.plan.state() < PlanState::Assessment {
        let step = Step {
            direction: Direction::Advance,
            act: "DGC n. 12 del 30/01/2026".into(),
            reason: "prova".into(),
            force: true,
        };
        f.service().cycle_step(step).unwrap();
    }
    f.dataset_mut().plan = f.service().load().unwrap().dataset.plan;
    f.open("05_1201_0601");
    f.type_keys(":set --forced 80 --reason \"bando tardivo\"\n");
    f.open("05_1201_0301");
    f.type_keys(":set --not-assessable --reason \"dati assenti\"\n");
    f.focus(crate::tui::app::Pane::Tree);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        let row = |code: &str| {
            // A row of the tree, not the title that names the objective.
            (s.lines().find(|l| l.contains(code) && l.contains('│')))
                .unwrap_or_else(|| panic!("{code}: {s}"))
                .to_string()
        };
        assert!(row("05_1201_0601").contains("≡"), "{w}×{h}: {s}");
        assert!(row("05_1201_0601").contains("80%"), "{w}×{h}: {s}");
        assert!(row("05_1201_0301").contains("∉"), "{w}×{h}: {s}");
        assert!(row("05_1201_0301").contains("n/v"), "{w}×{h}: {s}");
        // The mission's mean: the forced 80 alone, the n/v left out.
        assert!(row("2024_28_DUP_05_1201").contains("80%"), "{w}×{h}: {s}");
    }
    // The details: the result marked, its formula with the reason, and by
    // it who forced it and when.
    f.open("05_1201_0601");
    f.focus(crate::tui::app::Pane::Details);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut f, w, h);
        assert!(
            s.contains("Risultato (fasi): 80% forzato · forzato dal"),
            "{w}×{h}: {s}"
        );
        assert!(s.contains("motivo: bando tardivo"), "{w}×{h}: {s}");
        assert!(
            s.contains("Raggiungimento forzato: 80% — bando tardivo (tester,"),
            "{w}×{h}: {s}"
        );
    }
    f.type_keys("o");
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("1 non valutabile"), "{s}");
    assert!(s.contains("≡ forzato 1 · ∉ n/v 1"), "{s}");
}

/// At 80 columns the `)` of the tab bar's `(Tab)` stood beside its corner.
#[test]
fn the_cycle_overlay_hides_the_tab_bar_beside_it_at_80_columns() {
    let mut f = fixture();
    f.type_keys("C");
    let s = screen(&mut f, 80, 24);
    let top = s.lines().find(|l| l.contains("Ciclo del piano")).unwrap();
    assert!(
        top.trim_end().ends_with('┐'),
        "nothing glued to its corner: {top:?}"
    );
}

/// `G` on the review page shows its end, `k` goes up one line from there
/// (not from past it), `gg` shows its top again: as in the panes.
#[test]
fn g_shows_the_end_of_the_review_page_and_gg_its_top() {
    let mut f = fixture();
    f.type_keys("R\n");
    let row_of = |s: &str, text: &str| s.lines().position(|l| l.contains(text));
    let top = screen(&mut f, 80, 24);
    assert!(top.contains("05_1201_0102"), "{top}");
    f.type_keys("G");
    let bottom = screen(&mut f, 80, 24);
    assert!(!bottom.contains("05_1201_0102"), "{bottom}");
    // The 2° anno's last paragraph ends the page.
    let last = "solidale ed accogliente sul territorio.";
    let end = row_of(&bottom, last).expect("the page's end on screen");
    assert!(end > 18, "{bottom}");
    f.type_keys("k");
    let up = screen(&mut f, 80, 24);
    assert_eq!(row_of(&up, last), Some(end + 1), "{up}");
    f.type_keys("gg");
    assert_eq!(screen(&mut f, 80, 24), top);
}
