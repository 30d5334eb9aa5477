//! Where each pane goes: all side by side on a large terminal, one at a time
//! (with a tab bar) on a small one, so 80×24 loses nothing essential.

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

/// Large enough to show every pane at once.
pub fn is_wide(area: Rect) -> bool {
    area.width >= 120 && area.height >= 30
}

/// `status_height`: the lines the status line needs (a long message wraps).
/// `indicators`: on a large terminal, the indicator table has a place of its
/// own under the phases (when the plan measures some, or it has the focus).
pub fn split(
    area: Rect,
    focus: Pane,
    editing_narrative: bool,
    status_height: u16,
    indicators: bool,
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
        // Titles need room: the wider the screen, the larger the tree's share.
        let tree = if area.width >= 160 { 50 } else { 38 };
        let [left, right] = Layout::horizontal([
            Constraint::Percentage(tree),
            Constraint::Percentage(100 - tree),
        ])
        .areas(body);
        areas.tree = Some(left);
        if editing_narrative {
            // The editor gets the whole right column: long texts need room.
            areas.narratives = Some(right);
        } else if indicators || focus == Pane::Indicators {
            // The table being worked on gets the larger share.
            let (phases, indicators) = if focus == Pane::Indicators {
                (25, 45)
            } else {
                (35, 30)
            };
            let [details, phases, indicators, narratives] = Layout::vertical([
                Constraint::Length(10),
                Constraint::Percentage(phases),
                Constraint::Percentage(indicators),
                Constraint::Min(5),
            ])
            .areas(right);
            areas.details = Some(details);
            areas.phases = Some(phases);
            areas.indicators = Some(indicators);
            areas.narratives = Some(narratives);
        } else {
            let [details, phases, narratives] = Layout::vertical([
                Constraint::Length(10),
                Constraint::Percentage(50),
                Constraint::Min(5),
            ])
            .areas(right);
            areas.details = Some(details);
            areas.phases = Some(phases);
            areas.narratives = Some(narratives);
        }
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
