//! What drawing measures: `render` writes it each frame from the state it
//! only reads (`&App`), and the state reads it back — the mouse where things
//! went, `update` the page height and how far a list could scroll
//! (`App::measured`). It holds no state of the session: a new `View` only
//! means nothing has been drawn yet.

use ratatui::layout::{Position, Rect};

use super::overview::{Basis, Line};
use super::pane::Pane;

/// Everything the last frame measured.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Where the panes, the tree's rows and the tables' cells went.
    pub screen: ScreenMap,
    /// What `update` needs of the frame.
    pub measures: Measures,
    /// The overview's lines and the state they were summed up from: at
    /// 10 000 objectives a sum costs more than a frame.
    overview: Option<(Basis, Vec<Line>)>,
    /// How wide the tree's titles are, and the generation it was measured
    /// at: a pass over every objective, which at 10 000 costs a frame's
    /// worth of cache misses.
    tree_widest: Option<(u64, Widest)>,
}

impl View {
    /// The overview's lines for `basis`, summed up (`sum`) only when it changed.
    pub fn overview_lines(&mut self, basis: Basis, sum: impl FnOnce() -> Vec<Line>) -> &[Line] {
        if self.overview.as_ref().is_none_or(|(k, _)| *k != basis) {
            self.overview = Some((basis, sum()));
        }
        self.overview.as_ref().map_or(&[], |(_, lines)| lines)
    }

    /// The tree's [`Widest`] at `generation`, measured (`measure`) only when it moved.
    pub fn tree_widest(&mut self, generation: u64, measure: impl FnOnce() -> Widest) -> Widest {
        match self.tree_widest {
            Some((at, widest)) if at == generation => widest,
            _ => self.tree_widest.insert((generation, measure())).1,
        }
    }
}

/// How wide the tree's rows are before their markers: every title whole, and
/// titles cut at their first characters (`panes::tree` measures and reads
/// it), and how many rows it has. Measured over the whole plan, at the depth
/// each row has when nothing is folded, not over the rows shown: folding or
/// filtering does not move the panes beside the tree (each such move sent
/// the whole screen again, and the eye lost its place). Counted in bytes, at
/// most a few columns over for accents, at no cost: a city's plan has
/// thousands of rows, so they are counted when the plan changes (`View`
/// keeps them) and handed to the layout and to the tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct Widest {
    pub(crate) whole: usize,
    pub(crate) first: usize,
    pub(crate) rows: usize,
}

/// What a frame tells `update`: sizes and limits only the drawing knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measures {
    /// Rows the focused pane (or the open overlay) showed, for PgUp/PgDn.
    pub page: usize,
    /// How far the open overlay or the review's page was scrolled as shown:
    /// `G` asks for the end, the frame shows the last page, and the next `k`
    /// moves up from there.
    pub last_scroll: Option<u16>,
    /// How many lines the overview listed, and what they were summed up from.
    pub overview: Option<(Basis, usize)>,
    /// The columns the help's lines wrap at: where a line found in it is drawn.
    pub overlay_width: u16,
    /// Where a text pane landed on the search's word (`App::landing`): the
    /// pane, the scroll it drew, how many of its rows hold the word, and which
    /// of them it showed.
    pub landed: Option<(Pane, u16, usize, usize)>,
}

impl Default for Measures {
    fn default() -> Measures {
        Measures {
            page: 10,
            last_scroll: None,
            overview: None,
            overlay_width: 94,
            landed: None,
        }
    }
}

impl Measures {
    /// A scroll put back where the frame showed it (`last_scroll`); the page to move by.
    pub fn scrolled_from(&self, scroll: &mut u16) -> u16 {
        if let Some(last) = self.last_scroll {
            *scroll = (*scroll).min(last);
        }
        self.page.clamp(1, u16::MAX as usize) as u16
    }
}

/// Where the last frame put the panes and the rows.
#[derive(Debug, Clone, Default)]
pub struct ScreenMap {
    pub panes: Vec<(Pane, Rect)>,
    /// The tree's rows: where the first one is drawn, and which row it is.
    pub tree: Option<(Rect, usize)>,
    pub table: Option<TableMap>,
    /// The indicator table, drawn the same way.
    pub indicators: Option<TableMap>,
}

/// A table as drawn: its rows' area, the first row shown, and each visible
/// column's left edge, width and table column (the cell cursor's).
#[derive(Debug, Clone, Default)]
pub struct TableMap {
    pub rows: Rect,
    pub first: usize,
    pub columns: Vec<(u16, u16, usize)>,
}

impl ScreenMap {
    /// The pane at (`x`, `y`), if any.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        self.panes
            .iter()
            .find(|(_, r)| r.contains(Position { x, y }))
            .map(|(p, _)| *p)
    }
}
