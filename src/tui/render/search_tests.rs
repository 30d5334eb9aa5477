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
    assert_eq!(found, ["modalità"], "«modalità revisione», as written");
}
