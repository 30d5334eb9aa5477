//! Panes sized by their content (issue 28), on the shipped plan, as a user
//! sees them at 80×24, 120×40 and 200×50: no cut date, the tree's titles
//! readable, the details whole on a large screen.

use crate::model::PhaseField;
use crate::model::column::Kind;
use crate::tui::app::Pane;
use crate::tui::app::tests::{Fixture, fixture};
use crate::tui::render::tests::screen;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn codes(f: &Fixture) -> Vec<String> {
    (f.app.dataset().objectives.iter())
        .map(|o| o.code.clone())
        .collect()
}

/// A date or a date column's header that ends cut: `31/12/20…`, `Fine pre…`.
fn cut_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '…' && i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '/') {
            let from = i.saturating_sub(10);
            return Some(chars[from..=i].iter().collect());
        }
    }
    let dates = (PhaseField::ALL.into_iter()).filter(|f| f.column().kind == Kind::Date);
    for header in dates.map(|f| f.column().short.get()) {
        let header: Vec<char> = header.chars().collect();
        for n in 2..header.len() {
            let cut: String = header[..n].iter().chain(['…'].iter()).collect();
            if s.contains(&cut) {
                return Some(cut);
            }
        }
    }
    None
}

#[test]
fn no_cell_ends_in_a_cut_date_at_any_size() {
    let mut f = fixture();
    for code in codes(&f) {
        f.open(&code);
        let phases = f.objective(&code).phases.len();
        for (w, h) in SIZES {
            // Every column of the phase table brought into view in turn.
            for col in 0..PhaseField::ALL.len() {
                let s = screen(&mut f, w, h);
                assert_eq!(cut_date(&s), None, "{code} {w}×{h} column {col}: {s}");
                if phases > 0 {
                    f.type_keys("l");
                }
            }
            f.type_keys(&"h".repeat(PhaseField::ALL.len()));
        }
    }
    // The overview and the indicators, at every size.
    for pane in [Pane::Overview, Pane::Indicators] {
        f.focus(pane);
        for (w, h) in SIZES {
            let s = screen(&mut f, w, h);
            assert_eq!(cut_date(&s), None, "{pane:?} {w}×{h}: {s}");
        }
    }
}

#[test]
fn the_review_page_shows_no_cut_date_at_any_size() {
    let mut f = crate::tui::app::review_tests::after_monitoring();
    f.type_keys("R\n");
    let mut dates = [0; 2];
    for _ in codes(&f) {
        for (w, h) in SIZES {
            for _ in 0..6 {
                let s = screen(&mut f, w, h);
                assert_eq!(cut_date(&s), None, "{w}×{h}: {s}");
                dates[usize::from(w >= 200)] += s.matches("/12/2").count();
                f.press(crossterm::event::KeyCode::PageDown);
            }
            f.press(crossterm::event::KeyCode::Home);
        }
        f.type_keys("n");
    }
    assert!(
        dates[0] > 0 && dates[1] > 0,
        "the phases' dates seen: {dates:?}"
    );
}

#[test]
fn the_review_picker_shows_each_item_whole_at_any_size() {
    let mut f = crate::tui::app::review_tests::after_monitoring();
    f.type_keys("R\n");
    let mut f = crate::tui::app::tests::reopen_fixture(f.reopen());
    f.type_keys("R");
    for (w, h) in SIZES {
        let s = screen(&mut f, w, h);
        assert!(s.contains("Riprendi la revisione n. 1"), "{s}");
        assert_eq!(cut_date(&s), None, "{w}×{h}: {s}");
        // A long item wraps under its mark: its end is on screen.
        // (in the item that resumes, and in the one that starts a new review)
        assert_eq!(
            s.matches("«Monitoraggio 30/06/2025»").count(),
            2,
            "{w}×{h}: {s}"
        );
    }
}

#[test]
fn a_column_that_does_not_fit_is_left_out_with_a_hint_at_80_columns() {
    let mut f = fixture();
    f.open("05_1201_0601");
    let s = screen(&mut f, 80, 24);
    let header = s.lines().find(|l| l.contains("Avanzamento")).unwrap();
    assert!(header.ends_with("›│"), "{s}");
    // Dates short under 100 columns, whole from there.
    assert!(s.contains(" 01/01/24 "), "{s}");
    assert!(screen(&mut f, 200, 50).contains("01/01/2024 "));
}

#[test]
fn at_120x40_the_tree_shows_40_characters_of_every_title() {
    let mut f = fixture();
    let titles: Vec<(String, String)> = (f.app.dataset().objectives.iter())
        .map(|o| {
            let start: String = o.operational_objective.chars().take(40).collect();
            (o.code.clone(), start)
        })
        .collect();
    let mut states = vec![screen(&mut f, 120, 40)];
    f.type_keys("jjj");
    states.push(screen(&mut f, 120, 40));
    for s in states {
        for (code, start) in &titles {
            // Its row in the tree (the title line above names the selected one).
            let row = s
                .lines()
                .skip(1)
                .find(|l| l.contains(code.as_str()))
                .unwrap();
            assert!(row.contains(&format!("{code} {start}")), "{row}\n{s}");
        }
    }
}

/// The rows of the pane titled `title` on screen `s`, trimmed.
fn pane_rows(s: &str, title: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = s.lines().map(|l| l.chars().collect()).collect();
    let (top, left) = lines
        .iter()
        .enumerate()
        .find_map(|(y, l)| {
            let row: String = l.iter().collect();
            let at = row.find(title)?;
            Some((y, row[..at].chars().count() - 1))
        })
        .unwrap_or_else(|| panic!("no pane {title}: {s}"));
    let right = (left + 1..lines[top].len())
        .find(|&x| lines[top][x] == '┐')
        .unwrap();
    let mut rows = Vec::new();
    for l in &lines[top + 1..] {
        if l[left] == '└' {
            break;
        }
        let row: String = l[left + 1..right].iter().collect();
        rows.push(row.trim().to_string());
    }
    rows
}

#[test]
fn at_200x50_the_details_text_is_whole() {
    let mut f = fixture();
    for code in codes(&f) {
        f.open(&code);
        let o = f.objective(&code).clone();
        for focus in [Pane::Phases, Pane::Tree, Pane::Narratives] {
            f.focus(focus);
            let s = screen(&mut f, 200, 50);
            let text = pane_rows(&s, " Dettagli ").join(" ");
            let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = words(&text);
            assert!(text.starts_with("Obiettivo operativo"), "{code}: {s}");
            let mut wanted = vec![o.operational_objective.clone(), o.assessorato.clone()];
            wanted.extend(o.stakeholders.iter().map(|s| format!("• {s}")));
            for want in wanted {
                assert!(
                    text.contains(&words(&want)),
                    "{code} {focus:?}: «{want}»: {s}"
                );
            }
        }
    }
}

#[test]
fn a_short_phase_table_leaves_its_rows_to_the_narratives() {
    let mut f = fixture();
    f.open("05_1201_0201");
    for (w, h) in [(120, 40), (200, 50)] {
        let s = screen(&mut f, w, h);
        let fasi = pane_rows(&s, "▶ Fasi ");
        assert!(
            fasi.iter().all(|r| !r.is_empty()),
            "{w}×{h}: no empty rows in the phase pane: {s}"
        );
        // The rows left to the narratives: the whole column's but the table's.
        let narratives = pane_rows(&s, " Stato di attuazione ");
        assert_eq!(
            fasi.len() + 2 + narratives.len() + 2,
            h as usize - 2,
            "{w}×{h}: {s}"
        );
    }
}

/// The tree is as wide as the plan's titles, not as the rows shown: folding
/// both mandates down to their own short titles, or a search, does not move
/// the panes beside it (each move sent the whole screen again).
#[test]
fn folding_or_searching_the_tree_does_not_move_the_panes_beside_it() {
    let mut f = fixture();
    // Where the tree's top border ends, on the pane's first line.
    let tree_right = |s: &str| {
        s.lines()
            .nth(1)
            .and_then(|l| l.chars().position(|c| c == '┐'))
    };
    let open = screen(&mut f, 200, 50);
    let width = tree_right(&open).unwrap();
    f.type_keys("hjh");
    let folded = screen(&mut f, 200, 50);
    let folds = ["▸ 2023_2028_DUP_05 ", "▸ 2023_2028_DUP_06 "];
    assert!(folds.iter().all(|m| folded.contains(m)), "{folded}");
    assert_eq!(tree_right(&folded), Some(width), "{folded}");
    f.type_keys("/0601\n");
    let searched = screen(&mut f, 200, 50);
    assert_eq!(tree_right(&searched), Some(width), "{searched}");
}
