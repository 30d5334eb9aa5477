//! Screens of a search that lands (issue 28): the word found is marked where
//! it shows, in the help and in the panes.

use ratatui::{Terminal, backend::TestBackend};

use crate::tui::app::tests::{Fixture, fixture};
use crate::tui::theme::Theme;

/// The text of the cells drawn marked (as `highlight::mark` marks them), row by row.
pub(crate) fn marked(f: &mut Fixture, w: u16, h: u16, theme: Theme) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    f.draw(&mut t, theme);
    let buf = t.backend().buffer();
    let mark = crate::tui::widgets::highlight::mark().add_modifier;
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| &buf[(x, y)])
                .filter(|c| c.modifier.contains(mark))
                .map(|c| c.symbol().to_string())
                .collect::<String>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

#[test]
fn a_word_found_in_the_help_is_marked_there() {
    let mut f = fixture();
    f.type_keys("?");
    assert!(marked(&mut f, 120, 40, Theme { color: false }).is_empty());
    f.type_keys("/undo\n");
    assert_eq!(marked(&mut f, 120, 40, Theme { color: false }), ["undo"]);
    // A new word, accents aside: every place it shows.
    f.type_keys("/MODALITA\n");
    let found = marked(&mut f, 120, 40, Theme { color: true });
    assert_eq!(
        found,
        ["modalità", "modalità"],
        "«modalità variazione» and «modalità revisione», as written"
    );
}

#[test]
fn a_search_lands_on_the_word_in_the_narrative_and_marks_it() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut f = fixture();
        f.type_keys("/Ghirlanda\n");
        assert_eq!(f.app.focus(), crate::tui::app::Pane::Narratives, "{w}×{h}");
        assert_eq!(
            marked(&mut f, w, h, Theme { color: false }),
            ["Ghirlanda"],
            "{w}×{h}: the word, in the 2° anno, on screen and marked"
        );
    }
}

#[test]
fn n_and_shift_n_go_through_the_rows_of_a_narrative_before_the_next_objective() {
    use crate::tui::app::Status;
    let mut f = fixture();
    // «alloggi» first occurs in 0201's narratives, on more than one row.
    f.type_keys("/alloggi\n");
    marked(&mut f, 80, 24, Theme { color: false });
    let first = f.app.narrative_scroll();
    f.type_keys("n");
    assert!(
        matches!(f.app.status(), Status::Info(m) if m.starts_with("«alloggi» nel testo 2/")),
        "{:?}",
        f.app.status()
    );
    marked(&mut f, 80, 24, Theme { color: false });
    assert!(f.app.narrative_scroll() >= first);
    f.type_keys("N");
    marked(&mut f, 80, 24, Theme { color: false });
    assert_eq!(f.app.narrative_scroll(), first);
    assert!(matches!(f.app.status(), Status::Info(m) if m.starts_with("«alloggi» nel testo 1/")));
    // Past its last row: the next objective.
    for _ in 0..30 {
        if f.app.objective().unwrap().code != "05_1201_0201" {
            return;
        }
        f.type_keys("n");
        marked(&mut f, 80, 24, Theme { color: false });
    }
    panic!("n never left 0201");
}

#[test]
fn a_word_found_among_the_details_lands_there() {
    // The manager of 0102 is in its details (it has no phases).
    let mut f = fixture();
    f.type_keys("/visentin\n");
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0102");
    assert_eq!(
        f.app.focus(),
        crate::tui::app::Pane::Details,
        "{:?}",
        f.app.status()
    );
    let found = marked(&mut f, 80, 24, Theme { color: false });
    assert!(
        !found.is_empty() && found.iter().all(|w| w.contains("VISENTIN")),
        "{found:?}"
    );
}

#[test]
fn a_word_found_in_a_phase_name_selects_the_phase_and_is_marked_in_the_table_and_under_it() {
    // «coabitazione» is only in the name of 0301's first phase.
    let mut f = fixture();
    f.type_keys("/coabitazione\n");
    assert_eq!(f.app.focus(), crate::tui::app::Pane::Phases);
    assert_eq!(f.app.objective().unwrap().code, "05_1201_0301");
    assert_eq!(
        marked(&mut f, 120, 40, Theme { color: false }),
        ["COABITA", "COABITAZIONE"],
        "the name cut in its cell, whole under the table"
    );
}

#[test]
fn the_help_s_last_page_shows_its_last_line_at_80_columns() {
    let mut f = fixture();
    f.type_keys("?G");
    let s = crate::tui::render::tests::screen(&mut f, 80, 24);
    assert!(s.contains("dell'anno") && s.contains("│vuoto "), "{s}");
}

/// The words drawn marked on the first screen row that shows `text`,
/// at `w`×`h`: each run of marked cells, space-separated.
fn marked_on_row_of(f: &mut Fixture, (w, h): (u16, u16), text: &str, theme: Theme) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    f.draw(&mut t, theme);
    let buf = t.backend().buffer();
    let mark = crate::tui::widgets::highlight::mark().add_modifier;
    let row = |y| (0..w).map(move |x| &buf[(x, y)]);
    let y = (0..h)
        .find(|&y| {
            row(y)
                .map(|c| c.symbol())
                .collect::<String>()
                .contains(text)
        })
        .unwrap_or_else(|| panic!("«{text}» is not on screen"));
    let runs: Vec<String> = row(y)
        .map(|c| match c.modifier.contains(mark) {
            true => c.symbol(),
            false => "\n",
        })
        .collect::<String>()
        .split('\n')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    runs.join(" ")
}

/// Issue 28: a word found is marked inside the phase table's cells, the
/// matching cells only, with or without colour (reversed and underlined).
#[test]
fn a_word_found_is_marked_in_the_phase_cells_that_hold_it_and_only_there() {
    for theme in [Theme { color: false }, Theme { color: true }] {
        let mut f = fixture();
        f.type_keys("/associazioni\n");
        f.open("06_1201_0801");
        let mut row = |name| marked_on_row_of(&mut f, (120, 40), name, theme);
        assert_eq!(row("1  NUOVA CASA DELLE"), "ASSOCIAZIONI", "{theme:?}");
        assert_eq!(row("2  PROMOZIONE DELLA"), "", "{theme:?}");
        assert_eq!(row("3  SOSTEGNO ALLE"), "ASSOCIAZIONI", "{theme:?}");
        assert_eq!(row("4  OSSERVATORIO"), "", "{theme:?}");
        // A cell cut by its column marks the word as far as it shows.
        f.type_keys("/VOLONTARIATO\n");
        f.open("06_1201_0801");
        assert_eq!(
            marked_on_row_of(&mut f, (120, 40), "2  PROMOZIONE DELLA", theme),
            "VOLONT"
        );
    }
    // Accents aside, as search matches: «povertà» finds POVERTA'.
    let mut f = fixture();
    f.type_keys("/povertà\n");
    f.open("05_1201_0401");
    let row = marked_on_row_of(
        &mut f,
        (200, 50),
        "1  INTERVENTI PER",
        Theme { color: false },
    );
    assert_eq!(row, "POVERTA");
}

/// The indicator table is drawn by the same table: its cells mark the word too.
#[test]
fn a_word_found_is_marked_in_the_indicator_cells_that_hold_it() {
    let mut f = fixture();
    let i = (f.app.dataset().objectives.iter())
        .position(|o| o.code == "05_1201_0601")
        .unwrap();
    let named = |name: &str| serde_json::from_value(serde_json::json!({"name": name})).unwrap();
    f.app.read_whole_plan();
    f.dataset_mut().objectives[i].indicators =
        vec![named("Alloggi assegnati"), named("Domande evase")];
    f.app.objectives_changed();
    f.type_keys("/ALLOGGI\n");
    f.open("05_1201_0601");
    f.type_keys("6");
    let mut row = |name| marked_on_row_of(&mut f, (120, 40), name, Theme { color: false });
    assert_eq!(row("1  Alloggi assegnati"), "Alloggi");
    assert_eq!(row("2  Domande evase"), "");
}
