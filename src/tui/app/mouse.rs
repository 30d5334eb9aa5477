//! The mouse: a click selects a pane, a tree row, a table cell; the wheel
//! scrolls the pane under the pointer; a double click does what Enter does
//! there (open the objective, edit the cell). The frame records where it put
//! things (`ScreenMap`); nothing here draws.

use std::time::{Duration, Instant};

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Mode, Pane, Table};
use crate::tui::action::Action;
use crate::tui::view::View;

/// Two clicks on the same cell within this are a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(500);

impl App {
    /// A mouse event over the frame `view` measured.
    pub fn handle_mouse(&mut self, event: MouseEvent, view: &View, now: Instant) {
        // While typing or answering, the keyboard decides.
        if !matches!(self.mode, Mode::Normal) || self.reviewing() {
            return;
        }
        let (x, y) = (event.column, event.row);
        let Some(pane) = view.screen.pane_at(x, y) else {
            return;
        };
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                self.focus = pane;
                let down = event.kind == MouseEventKind::ScrollDown;
                self.move_in_pane(if down { Action::Down } else { Action::Up }, None);
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let double = self
                    .last_click
                    .is_some_and(|(at, cx, cy)| cx == x && cy == y && now - at <= DOUBLE_CLICK);
                self.last_click = (!double).then_some((now, x, y));
                self.focus = pane;
                let hit = match pane {
                    Pane::Tree => self.click_tree(view, y),
                    Pane::Phases | Pane::Indicators => self.click_table(view, pane, x, y),
                    _ => false,
                };
                if double && hit {
                    self.update(Action::Enter);
                }
            }
            _ => {}
        }
    }

    /// Selects the tree row at `y`; whether there was one.
    fn click_tree(&mut self, view: &View, y: u16) -> bool {
        let Some((area, first)) = view.screen.tree else {
            return false;
        };
        let row = first + y.saturating_sub(area.y) as usize;
        if y < area.y || row >= self.rows.len() {
            return false;
        }
        self.selected = row;
        self.follow_selection();
        true
    }

    /// Puts the cell cursor on the cell at (`x`, `y`); whether there was one.
    fn click_table(&mut self, view: &View, pane: Pane, x: u16, y: u16) -> bool {
        let (which, drawn) = match pane {
            Pane::Phases => (Table::Phases, &view.screen.table),
            _ => (Table::Indicators, &view.screen.indicators),
        };
        let Some(table) = drawn else {
            return false;
        };
        let count = self.objective().map_or(0, |o| which.count(o));
        let row = table.first + y.saturating_sub(table.rows.y) as usize;
        if y < table.rows.y || row >= count {
            return false;
        }
        let column = table
            .columns
            .iter()
            .find(|(left, width, _)| x >= *left && x < left + width)
            .map(|(_, _, c)| *c);
        let cursor = self.cursor_mut(which);
        cursor.row = row;
        if let Some(c) = column {
            cursor.col = c;
        }
        column.is_some()
    }
}
