//! The tree's filter and sort, the overview, search and the review's memory,
//! driven with keys as a user would.

use super::tests::{Fixture, fixture, fixture_on, reopen_fixture};
use super::{Mode, Pane, Status};
use crate::model::{Change, Field, PhaseField};
use chrono::NaiveDate;

/// The codes of the objectives the tree shows, in order.
fn tree(f: &Fixture) -> Vec<String> {
    f.app
        .rows
        .iter()
        .filter(|r| r.objective.is_some())
        .map(|r| r.code.clone())
        .collect()
}

fn status(f: &Fixture) -> String {
    match &f.app.status {
        Status::Info(m) | Status::Saved(m) | Status::Error(m) => m.clone(),
        Status::None => String::new(),
    }
}

/// `f`, then Enter on the line that contains `label`, then Esc.
fn filter_on(f: &mut Fixture, label: &str) {
    f.type_keys("f");
    let Mode::Pick(picker) = &f.app.mode else {
        panic!("f opens the filter list")
    };
    let at = picker
        .items
        .iter()
        .position(|i| i.contains(label))
        .unwrap_or_else(|| panic!("{label} not in {:?}", picker.items));
    f.type_keys("g");
    for _ in 0..at {
        f.type_keys("j");
    }
    f.type_keys("\n\x1b");
}

/// 0601's second phase late (due 30/06/2025 at 40%), 0201's first late with weight 60.
fn with_late_phases() -> Fixture {
    let mut r = fixture().reopen();
    let change = |code: &str, phase, field, text: &str| {
        Change::parse(code, Some(phase), Field::Phase(field), text).unwrap()
    };
    for (code, changes) in [
        (
            "05_1201_0601",
            vec![
                change("05_1201_0601", 1, PhaseField::PlannedEnd, "30/06/2025"),
                change("05_1201_0601", 1, PhaseField::Progress, "40"),
            ],
        ),
        (
            "05_1201_0201",
            vec![
                change("05_1201_0201", 0, PhaseField::PlannedEnd, "31/03/2025"),
                change("05_1201_0201", 0, PhaseField::Weight, "60"),
            ],
        ),
    ] {
        r.store.apply_at(code, &changes, "mario", None).unwrap();
    }
    r.dataset = r.store.load().unwrap();
    reopen_fixture(r)
}

#[test]
fn f_combines_a_condition_a_scope_and_a_text_and_esc_clears_them() {
    let mut f = with_late_phases();
    assert_eq!(tree(&f).len(), 8);
    filter_on(&mut f, "solo con fasi in ritardo");
    assert_eq!(tree(&f), ["05_1201_0201", "05_1201_0601"]);
    assert_eq!(f.app.tree_view_label().unwrap(), "filtro: in ritardo");
    filter_on(&mut f, "solo con Σ pesi ≠ 100");
    assert_eq!(tree(&f), ["05_1201_0201"]);
    filter_on(&mut f, "solo con Σ pesi ≠ 100");
    // The text: accents and case do not matter.
    f.type_keys("f");
    let Mode::Pick(picker) = &f.app.mode else {
        panic!()
    };
    let text = picker
        .items
        .iter()
        .position(|i| i.contains("testo"))
        .unwrap();
    f.type_keys("g");
    for _ in 0..text {
        f.type_keys("j");
    }
    f.type_keys("\nDIFFICOLTA ALLOGGIATIVE\n");
    assert!(matches!(f.app.mode, Mode::Pick(_)), "back to the list");
    f.type_keys("\x1b");
    assert_eq!(tree(&f), ["05_1201_0601"]);
    assert!(status(&f).contains("(1)"), "{}", status(&f));
    assert_eq!(
        f.app.tree_view_label().unwrap(),
        "filtro: in ritardo · «DIFFICOLTA ALLOGGIATIVE»"
    );
    // A scope replaces the scope; the conditions stay.
    filter_on(&mut f, "missione 2024_28_DUP_06_1202");
    assert!(tree(&f).is_empty());
    f.type_keys("\x1b");
    assert_eq!(tree(&f).len(), 8, "Esc in the tree takes everything off");
    assert!(f.app.tree_view_label().is_none());
}

#[test]
fn s_sorts_objectives_within_their_mission_and_says_how() {
    let mut f = with_late_phases();
    f.type_keys("s");
    assert!(status(&f).contains("per codice"));
    f.type_keys("s");
    // Progress ascending: 0601 is the only one with a value; n/d goes last either way.
    let ascending = tree(&f);
    assert_eq!(ascending[0], "05_1201_0601");
    f.type_keys("s");
    assert_eq!(tree(&f)[0], "05_1201_0601");
    f.type_keys("s");
    assert!(status(&f).contains("fasi in ritardo"));
    // Both late objectives (one late phase each) come first in their mission, in plan order.
    assert_eq!(tree(&f)[..2], ["05_1201_0201", "05_1201_0601"]);
    assert_eq!(tree(&f)[7], "06_1201_0801", "the other mission stays below");
    f.type_keys("s");
    assert!(
        f.app.tree_view_label().is_none(),
        "back to the plan's order"
    );
}

#[test]
fn the_overview_counts_and_its_enter_filters_the_tree_to_a_manager() {
    let mut f = with_late_phases();
    f.type_keys("o");
    assert_eq!(f.app.focus, Pane::Overview);
    let lines = f.app.overview_lines();
    let manager = lines
        .iter()
        .position(|l| l.label == "VISENTIN RICCARDO")
        .unwrap();
    assert_eq!(lines[0].stats.late_phases, 2);
    assert_eq!(lines[0].stats.weight_off, 1);
    f.type_keys("g");
    for _ in 0..manager {
        f.type_keys("j");
    }
    f.type_keys("\n");
    assert_eq!(f.app.focus, Pane::Tree);
    assert_eq!(tree(&f).len(), 8, "all eight are his");
    assert_eq!(
        f.app.tree_view_label().unwrap(),
        "filtro: responsabile VISENTIN RICCARDO"
    );
}

#[test]
fn search_ignores_accents_and_case_and_says_when_it_starts_again() {
    let mut f = fixture();
    f.type_keys("/attivita\n");
    let Some(search) = &f.app.search else {
        panic!("attivita finds attività: {}", status(&f))
    };
    let hits = search.hits.len();
    assert!(hits > 1, "{hits}");
    f.type_keys("/ATTIVITÀ\n");
    assert_eq!(f.app.search.as_ref().unwrap().hits.len(), hits);
    for _ in 1..hits {
        f.type_keys("n");
        assert!(!status(&f).contains("ricomincia"), "{}", status(&f));
    }
    f.type_keys("n");
    assert!(
        status(&f).contains(&format!("1/{hits}")) && status(&f).contains("ricomincia dall'inizio"),
        "{}",
        status(&f)
    );
    f.type_keys("N");
    assert!(
        status(&f).contains("ricomincia dalla fine"),
        "{}",
        status(&f)
    );
}

#[test]
fn a_review_resumed_after_a_restart_comes_back_with_its_filter_and_place() {
    let mut f = with_late_phases();
    f.type_keys("R\n");
    assert!(f.app.reviewing());
    f.type_keys("f");
    f.type_keys("\n\x1b");
    // Late phases only: 0201, then 0601.
    f.type_keys("n");
    let review = f.app.review.as_ref().unwrap();
    assert_eq!(
        f.app.dataset.objectives[review.objective].code,
        "05_1201_0601"
    );
    // Another review in between, then the session ends.
    f.type_keys("R");
    let Mode::Pick(picker) = &f.app.mode else {
        panic!()
    };
    let new = picker.items.len() - 1;
    for _ in 0..new {
        f.type_keys("j");
    }
    f.type_keys("\n");
    assert_eq!(f.app.review.as_ref().unwrap().review.id, 2);
    let mut f = reopen_fixture(f.reopen());
    f.type_keys("R");
    // The chooser lists the newest first: the first review is the second line.
    f.type_keys("j\n");
    let session = f.app.review.as_ref().unwrap();
    assert_eq!(session.review.id, 1);
    assert_eq!(
        session.filter.label(),
        "tutti gli obiettivi · solo con fasi in ritardo"
    );
    assert_eq!(
        f.app.dataset.objectives[session.objective].code,
        "05_1201_0601"
    );
}

#[test]
fn a_change_after_the_mark_shows_on_the_review_page() {
    let mut f = fixture_on(NaiveDate::from_ymd_opt(2025, 8, 5).unwrap());
    // Marked, the page moves on; back to the one marked.
    f.type_keys("R\nm\np");
    let session = f.app.review.as_ref().unwrap();
    let code = f.app.dataset.objectives[session.objective].code.clone();
    let page = review_page;
    assert!(page(&mut f).contains("RIVISTO da tester"));
    assert!(!page(&mut f).contains("modificato dopo la revisione"));
    // Edited from the review (e), as someone might in the meeting's break.
    f.type_keys("e");
    f.type_keys(" Aggiunta.");
    f.ctrl('s');
    f.type_keys("\x1b");
    assert!(f.app.reviewing(), "{:?}", f.app.status);
    let s = page(&mut f);
    assert!(s.contains("modificato dopo la revisione"), "{code}: {s}");
    // Marked again, it is what was reviewed.
    f.type_keys("m\n");
    assert!(!page(&mut f).contains("modificato dopo la revisione"));
}

/// The screen at 100×40, without colour.
fn review_page(f: &mut Fixture) -> String {
    crate::tui::render::tests::screen(f, 100, 40)
}

#[test]
fn the_review_page_writes_the_roll_up_as_the_panes_do() {
    let mut f = fixture();
    f.open("05_1201_0601");
    // (50·40 + 30·25) / 80 = 34,375: Enter saves and goes to the next phase's cell.
    f.type_keys("w50\n30\nggp40\n25\n");
    f.type_keys("R\nnnnnn");
    let s = review_page(&mut f);
    assert!(s.contains("05_1201_0601"), "{s}");
    assert!(
        s.contains(" 34,38%"),
        "two decimals, as in the phase pane: {s}"
    );
    assert!(s.contains("= 2750/80 = 34,38%"), "{s}");
    assert!(!s.contains(" 34%"), "{s}");
}

#[test]
fn the_overview_follows_an_edit_and_a_mark() {
    let mut f = with_late_phases();
    assert_eq!(f.app.overview_lines()[0].stats.late_phases, 2);
    assert_eq!(f.app.overview_lines()[0].stats.reviewed, None);
    // 0601's late phase (the second) done.
    f.open("05_1201_0601");
    f.type_keys("jp");
    f.ctrl('u');
    f.type_keys("100\n");
    f.assert_saved();
    assert_eq!(f.app.overview_lines()[0].stats.late_phases, 1);
    f.type_keys("R\nm\n");
    assert_eq!(f.app.overview_lines()[0].stats.reviewed, Some(1));
}
