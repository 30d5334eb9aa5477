//! Moving around: panes, the tree, the phase table, scrolling text.

use super::{App, Pane};
use crate::tui::action::Action;
use crate::tui::outline::{NodeKind, Row};

impl App {
    /// `Tab` / `Shift-Tab`. The indicator table is visited only in a plan that
    /// measures some (elsewhere `6` opens it): a plan without keeps its old round.
    pub(crate) fn cycle_pane(&mut self, forward: bool) {
        let with_indicators = self.focus == Pane::Indicators || self.plan_has_indicators();
        let cycle: Vec<Pane> = Pane::CYCLE
            .into_iter()
            .filter(|p| with_indicators || *p != Pane::Indicators)
            .collect();
        let i = cycle.iter().position(|p| *p == self.focus).unwrap_or(0);
        let n = cycle.len();
        self.focus = cycle[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// A motion in the focused pane, `times` over when a count was typed
    /// before it (`5j`; with `g`/`G`: to row `times`).
    pub(crate) fn move_in_pane(&mut self, action: Action, times: Option<usize>) {
        let page = self.measures.page;
        // Moved by hand: the text panes leave the search's word where it is.
        self.landing = None;
        match self.focus {
            Pane::Tree => {
                self.selected = step(self.selected, self.rows.len(), action, page, times);
                self.follow_selection();
            }
            Pane::Phases | Pane::Indicators => {
                let table = self.table();
                let count = self.objective().map_or(0, |o| table.count(o));
                let cursor = self.cursor_mut(table);
                cursor.row = step(cursor.row, count, action, page, times);
            }
            Pane::Details => self.details_scroll = scroll(self.details_scroll, action, page, times),
            Pane::Narratives => {
                self.narrative_scroll = scroll(self.narrative_scroll, action, page, times)
            }
            Pane::Overview => {
                let count = self.overview_len();
                self.overview_line = step(self.overview_line, count, action, page, times);
            }
        }
    }

    pub(crate) fn left_right(&mut self, right: bool) {
        match self.focus {
            Pane::Tree if right => self.expand(),
            Pane::Tree => self.collapse(),
            Pane::Phases | Pane::Indicators => {
                let last = self.column_count(self.table()) - 1;
                let col = &mut self.cursor_mut(self.table()).col;
                *col = if right {
                    (*col + 1).min(last)
                } else {
                    col.saturating_sub(1)
                };
            }
            _ => {}
        }
    }

    pub(crate) fn enter(&mut self) {
        match self.focus {
            Pane::Tree => match self.selected_row() {
                Some(row) if row.kind == NodeKind::Objective => {
                    self.follow_selection();
                    self.focus = Pane::Phases;
                }
                Some(row) if row.has_children => {
                    if row.expanded {
                        self.collapse()
                    } else {
                        self.expand()
                    }
                }
                _ => {}
            },
            Pane::Phases | Pane::Indicators => self.edit_here(false),
            Pane::Narratives => self.open_narrative(super::Year::First),
            Pane::Overview => self.filter_to_overview_line(),
            Pane::Details => {}
        }
    }

    /// Enter on an overview line: the tree shows that mandate, mission,
    /// manager or CdR (the plan's line: everything), with the conditions kept.
    fn filter_to_overview_line(&mut self) {
        let at = self.overview_line;
        let Some(line) = self.overview_lines().get(at).cloned() else {
            return;
        };
        self.filter.scope = line.scope;
        self.focus = Pane::Tree;
        self.selected = 0;
        self.refresh_rows();
        self.follow_selection();
        self.status = crate::tui::app::Status::Info(format!(
            "{}: {} · Esc {}",
            crate::i18n::tr("filtro", "filter"),
            self.filter.label(),
            crate::i18n::tr("toglie il filtro", "clears the filter")
        ));
    }

    fn expand(&mut self) {
        if let Some(row) = self
            .selected_row()
            .filter(|r| r.has_children && !r.expanded)
        {
            let code = row.code.clone();
            self.collapsed.remove(&code);
            match self.folded_rows.remove(&code) {
                // Folded since the rows were last built: put its rows back as they were.
                Some((generation, rows)) if generation == self.generation => {
                    let at = self.selected + 1;
                    self.rows[self.selected].expanded = true;
                    self.rows.splice(at..at, rows);
                }
                _ => self.refresh_rows(),
            }
        }
    }

    /// Folds the selected node; on a leaf or a folded node, goes to the parent.
    fn collapse(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        if row.has_children && row.expanded {
            // The rows under it go, the others stay as they are: no rebuild of
            // the whole tree (16 ms at 10 000 objectives when this was written).
            let (code, depth) = (row.code.clone(), row.depth);
            let start = self.selected + 1;
            let end = self.rows[start..]
                .iter()
                .position(|r| r.depth <= depth)
                .map_or(self.rows.len(), |n| start + n);
            let hidden: Vec<Row> = self.rows.drain(start..end).collect();
            self.rows[self.selected].expanded = false;
            self.folded_rows
                .insert(code.clone(), (self.generation, hidden));
            self.collapsed.insert(code);
        } else if row.depth > 0 {
            let depth = row.depth;
            if let Some(parent) = self.rows[..self.selected]
                .iter()
                .rposition(|r| r.depth < depth)
            {
                self.selected = parent;
            }
        }
    }

    /// Selects the tree row of objective `index`, unfolding its mandate and mission.
    pub(crate) fn reveal_objective(&mut self, index: usize) {
        let Some(o) = self.dataset.objectives.get(index) else {
            return;
        };
        let mut unfolded = self.collapsed.remove(&o.mission);
        if let Some(m) = self.dataset.missions.iter().find(|m| m.code == o.mission) {
            unfolded |= self.collapsed.remove(&m.mandate);
        }
        // Rows are rebuilt only when a fold opened: with nothing unfolded they
        // are already right, and a rebuild is the cost of n/N in a large plan.
        if unfolded {
            self.refresh_rows();
        }
        if let Some(i) = self.rows.iter().position(|r| r.objective == Some(index)) {
            self.selected = i;
        }
        self.follow_selection();
    }

    /// Selects the tree row of a mandate or mission, unfolding its parent.
    pub(crate) fn reveal_node(&mut self, kind: NodeKind, code: &str) {
        if kind == NodeKind::Mission
            && let Some(m) = self.dataset.missions.iter().find(|m| m.code == code)
        {
            let mandate = m.mandate.clone();
            if self.collapsed.remove(&mandate) {
                self.refresh_rows();
            }
        }
        if let Some(i) = self
            .rows
            .iter()
            .position(|r| r.kind == kind && r.code == code)
        {
            self.selected = i;
        }
    }
}

/// How far a motion goes, `times` over (`None`: no count typed, once), and
/// whether it goes down; `None` for `g`/`G` and what is not a motion.
fn distance(action: Action, page: usize, times: Option<usize>) -> Option<(usize, bool)> {
    let page = page.max(1);
    let one = match action {
        Action::Down | Action::Up => 1,
        Action::PageDown | Action::PageUp => page,
        // Half a page, as vim's Ctrl-D / Ctrl-U.
        Action::HalfPageDown | Action::HalfPageUp => page.div_ceil(2),
        _ => return None,
    };
    let down = matches!(
        action,
        Action::Down | Action::PageDown | Action::HalfPageDown
    );
    Some((one.saturating_mul(times.unwrap_or(1)), down))
}

/// A list position after a move, kept within `0..len`. With a count, `g`
/// and `G` go to that row (from 1), as `10G` does in vim.
pub(crate) fn step(
    at: usize,
    len: usize,
    action: Action,
    page: usize,
    times: Option<usize>,
) -> usize {
    let last = len.saturating_sub(1);
    match (action, times) {
        (Action::Top | Action::Bottom, Some(n)) => n.saturating_sub(1).min(last),
        (Action::Top, None) => 0,
        (Action::Bottom, None) => last,
        _ => match distance(action, page, times) {
            Some((by, true)) => at.saturating_add(by).min(last),
            Some((by, false)) => at.saturating_sub(by),
            None => at,
        },
    }
}

/// A text scroll offset after a move (the renderer clamps it to the text's length).
pub(crate) fn scroll(at: u16, action: Action, page: usize, times: Option<usize>) -> u16 {
    let clamp = |n: usize| n.min(u16::MAX as usize) as u16;
    match (action, times) {
        (Action::Top | Action::Bottom, Some(n)) => clamp(n.saturating_sub(1)),
        (Action::Top, None) => 0,
        (Action::Bottom, None) => u16::MAX / 2,
        _ => match distance(action, page, times) {
            Some((by, true)) => at.saturating_add(clamp(by)),
            Some((by, false)) => at.saturating_sub(clamp(by)),
            None => at,
        },
    }
}
