//! Where each pane goes: all side by side on a large terminal, one at a time
//! (with a tab bar) on a small one, so 80×24 loses nothing essential.
//!
//! On a large terminal each pane's share follows what it has to show (a pure
//! function of the area and of the sizes [`Content`] reports): the tree is as
//! wide as its titles while the right column keeps what it needs to be read
//! (or the focused table its columns); a tree with few rows leaves the rest of
//! its column to the details; the phase table gets its rows, and the
//! narratives take the rows the tables do not need.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::Pane;

pub struct Areas {
    pub title: Rect,
    pub tabs: Option<Rect>,
    pub tree: Option<Rect>,
    pub details: Option<Rect>,
    pub phases: Option<Rect>,
    pub indicators: Option<Rect>,
    pub narratives: Option<Rect>,
    pub overview: Option<Rect>,
    pub status: Rect,
}

/// What the panes have to show, measured from the state (borders included).
pub trait Content {
    /// The columns the tree wants (every title whole), and its rows (all of
    /// them, folded or filtered out too: a fold does not move the panes).
    fn tree(&self) -> (u16, u16);
    /// The columns `pane`'s table (phases or indicators) wants, every column whole.
    fn table(&self, pane: Pane) -> u16;
    /// The rows `pane` wants `width` columns wide (asked of the details
    /// and the tables only: the narratives take the rows left), counted up
    /// to `most` (no pane gets more: a long text is not measured whole).
    fn rows(&self, pane: Pane, width: u16, most: u16) -> u16;
}

/// Large enough to show every pane at once.
pub fn is_wide(area: Rect) -> bool {
    area.width >= 120 && area.height >= 30
}

/// The columns text is read in comfortably, at the least (a phase name, a
/// date and a weight side by side).
const READ: u16 = 46;

/// The fewest rows a pane gets when others want more than there is: its
/// title and a few lines.
const FEWEST: u16 = 5;

/// `status_height`: the lines the status line needs (a long message wraps).
/// `indicators`: on a large terminal, the indicator table has a place of its
/// own under the phases (when the plan measures some, or it has the focus).
pub fn split(
    area: Rect,
    (focus, editing_narrative): (Pane, bool),
    status_height: u16,
    indicators: bool,
    content: &dyn Content,
) -> Areas {
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height),
    ])
    .areas(area);
    let mut areas = Areas {
        title,
        tabs: None,
        tree: None,
        details: None,
        phases: None,
        indicators: None,
        narratives: None,
        overview: None,
        status,
    };
    if is_wide(area) && focus == Pane::Overview && !editing_narrative {
        // The overview is a screen of its own: its columns need the width.
        areas.overview = Some(body);
    } else if is_wide(area) {
        wide(
            &mut areas,
            body,
            (focus, editing_narrative),
            indicators,
            content,
        );
    } else {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        areas.tabs = Some(tabs);
        let focus = if editing_narrative {
            Pane::Narratives
        } else {
            focus
        };
        match focus {
            Pane::Tree => areas.tree = Some(pane),
            Pane::Details => areas.details = Some(pane),
            Pane::Phases => areas.phases = Some(pane),
            Pane::Indicators => areas.indicators = Some(pane),
            Pane::Narratives => areas.narratives = Some(pane),
            Pane::Overview => areas.overview = Some(pane),
        }
    }
    areas
}

/// Every pane at once: the tree on the left (the details under it when the
/// tree is short), the tables and the narratives on the right.
fn wide(
    areas: &mut Areas,
    body: Rect,
    (focus, editing): (Pane, bool),
    indicators: bool,
    content: &dyn Content,
) {
    let left_width = tree_width(body.width, focus, editing, content);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(1)]).areas(body);
    let (_, tree_rows) = content.tree();
    let tree_height = tree_rows.max(1) + 2;
    // A short tree leaves its column's rest to the details (a third of it at least).
    let details_left = tree_height + body.height / 3 <= body.height;
    if details_left {
        let [tree, details] =
            Layout::vertical([Constraint::Length(tree_height), Constraint::Min(1)]).areas(left);
        areas.tree = Some(tree);
        areas.details = Some(details);
    } else {
        areas.tree = Some(left);
    }
    if editing {
        // The editor gets the whole right column: long texts need room.
        areas.narratives = Some(right);
        return;
    }
    let mut panes = Vec::new();
    if !details_left {
        panes.push(Pane::Details);
    }
    panes.push(Pane::Phases);
    if indicators || focus == Pane::Indicators {
        panes.push(Pane::Indicators);
    }
    panes.push(Pane::Narratives);
    let wants: Vec<u16> = panes
        .iter()
        .map(|&p| match p {
            Pane::Narratives => u16::MAX,
            _ => content.rows(p, right.width, right.height),
        })
        .collect();
    let heights = share(right.height, &panes, &wants, focus);
    let mut y = right.y;
    for (pane, height) in panes.into_iter().zip(heights) {
        let rect = Some(Rect { y, height, ..right });
        y += height;
        match pane {
            Pane::Details => areas.details = rect,
            Pane::Phases => areas.phases = rect,
            Pane::Indicators => areas.indicators = rect,
            _ => areas.narratives = rect,
        }
    }
}

/// The tree's columns, `width` in all: what its titles want, within the
/// share it had before (38%, half from 160 columns) and what leaves the
/// right column its need: the focused table's columns (up to the rest), the
/// editor its room, else [`READ`] or 38% of the width.
fn tree_width(width: u16, focus: Pane, editing: bool, content: &dyn Content) -> u16 {
    let share = if width >= 160 { 50 } else { 38 };
    let least = pct(width, share);
    let right = if editing {
        width - least
    } else if matches!(focus, Pane::Phases | Pane::Indicators) {
        content.table(focus).max(READ).min(width - least)
    } else {
        READ.max(pct(width, 38))
    };
    let (want, _) = content.tree();
    want.clamp(least, width.saturating_sub(right).max(least))
}

fn pct(width: u16, share: u16) -> u16 {
    (u32::from(width) * u32::from(share) / 100) as u16
}

/// Rows for `panes` (top to bottom, the narratives last) out of `height`,
/// each wanting `wants`: each gets up to [`FEWEST`] first; then the focused
/// pane, the tables, the details get what they want, in that order; the
/// narratives take the rest. The details, unless focused, leave the
/// narratives a third at least.
fn share(height: u16, panes: &[Pane], wants: &[u16], focus: Pane) -> Vec<u16> {
    let mut heights: Vec<u16> = wants.iter().map(|w| (*w).min(FEWEST)).collect();
    let mut rest = height.saturating_sub(heights.iter().sum());
    // Not even their fewest rows: the last ones shrink.
    let mut over = heights.iter().sum::<u16>().saturating_sub(height);
    for h in heights.iter_mut().rev() {
        let cut = over.min(*h);
        *h -= cut;
        over -= cut;
    }
    let rank = |p: Pane| match p {
        _ if p == focus => 0,
        Pane::Phases | Pane::Indicators => 1,
        Pane::Details => 2,
        _ => 3,
    };
    let mut order: Vec<usize> = (0..panes.len()).collect();
    order.sort_by_key(|&i| rank(panes[i]));
    let last = panes.len().saturating_sub(1);
    for i in order {
        if i == last {
            continue;
        }
        let mut more = wants[i].saturating_sub(heights[i]).min(rest);
        if panes[i] == Pane::Details && focus != Pane::Details {
            more = more.min(rest.saturating_sub(height / 3));
        }
        heights[i] += more;
        rest -= more;
    }
    if let Some(h) = heights.get_mut(last) {
        *h += rest;
    }
    heights
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sizes as a plan would report them.
    struct Sizes {
        tree: (u16, u16),
        table: u16,
        details: u16,
        phases: u16,
        narratives: u16,
    }

    impl Content for Sizes {
        fn tree(&self) -> (u16, u16) {
            self.tree
        }
        fn table(&self, _: Pane) -> u16 {
            self.table
        }
        /// The details' text as if 2000 characters long, wrapped at `width`.
        fn rows(&self, pane: Pane, width: u16, most: u16) -> u16 {
            let rows = match pane {
                Pane::Details => self.details.max(2000 / width.saturating_sub(2).max(1) + 2),
                Pane::Phases | Pane::Indicators => self.phases,
                _ => self.narratives,
            };
            rows.min(most)
        }
    }

    /// The shipped plan: 12 rows, titles up to 200 characters, a short phase table.
    fn shipped() -> Sizes {
        Sizes {
            tree: (240, 12),
            table: 190,
            details: 0,
            phases: 12,
            narratives: 60,
        }
    }

    fn at(w: u16, h: u16, focus: Pane, content: &Sizes) -> Areas {
        split(Rect::new(0, 0, w, h), (focus, false), 1, false, content)
    }

    #[test]
    fn the_tree_widens_for_its_titles_while_the_right_column_stays_readable() {
        let sizes = shipped();
        let a = at(120, 40, Pane::Tree, &sizes);
        assert_eq!(a.tree.unwrap().width, 74);
        let b = at(200, 50, Pane::Tree, &sizes);
        assert_eq!(b.tree.unwrap().width, 124);
        // Titles that fit in less: no wider than the old share.
        let short = Sizes {
            tree: (30, 12),
            ..shipped()
        };
        assert_eq!(at(120, 40, Pane::Tree, &short).tree.unwrap().width, 45);
    }

    #[test]
    fn the_focused_table_gets_its_columns_back_from_the_tree() {
        let sizes = shipped();
        assert_eq!(at(120, 40, Pane::Phases, &sizes).tree.unwrap().width, 45);
        let narrow_table = Sizes {
            table: 60,
            ..shipped()
        };
        assert_eq!(
            at(120, 40, Pane::Phases, &narrow_table).tree.unwrap().width,
            60
        );
        assert_eq!(at(200, 50, Pane::Phases, &sizes).tree.unwrap().width, 100);
    }

    #[test]
    fn a_short_tree_leaves_its_column_to_the_details() {
        let a = at(120, 40, Pane::Tree, &shipped());
        let (tree, details) = (a.tree.unwrap(), a.details.unwrap());
        assert_eq!(tree.height, 14);
        assert_eq!((details.x, details.y, details.width), (0, 15, 74));
        assert_eq!(details.height, 38 - 14);
        // A long tree keeps the whole column; the details go right, on top.
        let long = Sizes {
            tree: (240, 80),
            ..shipped()
        };
        let b = at(120, 40, Pane::Tree, &long);
        assert_eq!(b.tree.unwrap().height, 38);
        assert_eq!(b.details.unwrap().y, 1);
        assert_eq!(b.details.unwrap().x, 74);
    }

    #[test]
    fn the_phase_table_gets_its_rows_and_the_narratives_the_rest() {
        let a = at(120, 40, Pane::Phases, &shipped());
        assert_eq!(a.phases.unwrap().height, 12);
        assert_eq!(a.narratives.unwrap().height, 38 - 12);
        assert_eq!(a.narratives.unwrap().y, 1 + 12);
        // A long table leaves the narratives their fewest rows.
        let long = Sizes {
            phases: 60,
            ..shipped()
        };
        let b = at(120, 40, Pane::Phases, &long);
        assert_eq!(b.phases.unwrap().height, 38 - FEWEST);
        assert_eq!(b.narratives.unwrap().height, FEWEST);
    }

    #[test]
    fn the_details_get_the_rows_their_text_needs_at_200x50() {
        let sizes = shipped();
        for focus in [Pane::Tree, Pane::Phases, Pane::Narratives] {
            let a = at(200, 50, focus, &sizes);
            let d = a.details.unwrap();
            assert!(
                d.height >= sizes.rows(Pane::Details, d.width, u16::MAX),
                "{focus:?}: {d:?}"
            );
        }
    }

    #[test]
    fn every_pane_keeps_inside_the_screen_at_any_size() {
        let sizes = shipped();
        for (w, h) in [(120, 30), (120, 40), (160, 45), (200, 50), (300, 90)] {
            for focus in Pane::ALL {
                let a = at(w, h, focus, &sizes);
                for r in [a.tree, a.details, a.phases, a.indicators, a.narratives]
                    .into_iter()
                    .flatten()
                {
                    assert!(r.right() <= w && r.bottom() < h, "{w}×{h} {focus:?}: {r:?}");
                }
            }
        }
    }
}
