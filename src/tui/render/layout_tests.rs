//! Panes sized by their content (issue 28), on the shipped plan, as a user
//! sees them at 80×24, 120×40 and 200×50: no cut date.

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
