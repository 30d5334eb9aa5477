//! Screen tests with ratatui's TestBackend, at 80×24 and 120×40.

use chrono::NaiveDate;
use ratatui::style::Color;
use ratatui::{Terminal, backend::TestBackend};

use super::{Theme, render};
use crate::tui::app::tests::{Fixture, fixture, fixture_on};

const MONO: Theme = Theme { color: false };

fn draw(f: &mut Fixture, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|frame| render(&mut f.app, frame, theme)).unwrap();
    t
}

fn screen(f: &mut Fixture, w: u16, h: u16) -> String {
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
    assert!(
        s.contains("··········   n/d"),
        "no progress is n/d, not 0: {s}"
    );
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
        s.contains("Obiettivo di missione: 2024_28_DUP_05_1201 Persone e famiglie al centro"),
        "{s}"
    );
    assert!(s.contains("1° anno"), "{s}");
    assert!(
        s.contains("Prosegue il lavoro, in qualità di Ente capofila"),
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
    for _ in 0..60 {
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
    for (_, table) in f.app.keys.clone().sections() {
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
    f.type_keys("mvisto\ng");
    let s = screen(&mut f, 120, 40);
    assert!(s.contains("✓ RIVISTO da tester il"), "{s}");
    assert!(s.contains("«visto»"), "{s}");
    assert!(s.contains("1 di 8 rivisti"), "{s}");
}

#[test]
fn a_missing_narrative_is_flagged_in_review() {
    let mut f = crate::tui::app::review_tests::after_monitoring();
    // 0801's 2° anno is written; clear 0102's year-2 text to see the flag.
    f.app.dataset.objectives[0].narratives.year2.clear();
    f.type_keys("R\n");
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&mut f, 120, 40));
        f.press(crossterm::event::KeyCode::PageDown);
    }
    assert!(seen.contains("⚠ non ancora scritto"), "{seen}");
}

#[test]
fn weight_and_progress_show_right_after_opening_an_objective_at_both_sizes() {
    let mut f = fixture();
    f.open("05_1201_0601");
    // Weights and progress set, as a colleague would have left them.
    f.type_keys("=l");
    f.type_keys("10\n20\n30\n40\n");
    f.app.focus = crate::tui::app::Pane::Tree;
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
    f.app.keys = crate::tui::config::parse(
        "[keys]\nadd_phase = \"A\"\nhelp = \"F2\"\nsearch = \"Ctrl-F\"\nnext_pane = \"F3\"\n",
    )
    .unwrap()
    .keys;
    let s = screen(&mut f, 80, 24);
    assert!(s.contains("F2 aiuto · Ctrl-F cerca · q esci"), "{s}");
    assert!(
        s.contains("4 Stato di attuazione   (F3)"),
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
    f.app.status = crate::tui::app::Status::Error(message);
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
