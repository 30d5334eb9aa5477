//! The TUI state and `update`: pure, testable without a terminal.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::action::Action;
use super::outline::{self, NodeKind, Row};
use crate::model::Dataset;

pub struct App {
    pub dataset: Dataset,
    pub today: NaiveDate,
    pub collapsed: HashSet<String>,
    pub rows: Vec<Row>,
    pub selected: usize,
    /// Rows the tree pane showed at the last render (for PgUp/PgDn).
    pub page: usize,
    pub show_help: bool,
    pub quit: bool,
}

impl App {
    pub fn new(dataset: Dataset, today: NaiveDate) -> App {
        let mut app = App {
            dataset,
            today,
            collapsed: HashSet::new(),
            rows: Vec::new(),
            selected: 0,
            page: 10,
            show_help: false,
            quit: false,
        };
        app.refresh_rows();
        app
    }

    fn refresh_rows(&mut self) {
        let code = self.rows.get(self.selected).map(|r| r.code.clone());
        self.rows = outline::rows(&self.dataset, &self.collapsed);
        if let Some(code) = code {
            self.selected = self
                .rows
                .iter()
                .position(|r| r.code == code)
                .unwrap_or(self.selected);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected)
    }

    pub fn update(&mut self, action: Action) {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::PageDown => self.selected = (self.selected + self.page.max(1)).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(self.page.max(1)),
            Action::Collapse => self.collapse(),
            Action::Expand => {
                if let Some(row) = self.selected_row().filter(|r| r.has_children) {
                    let code = row.code.clone();
                    self.collapsed.remove(&code);
                    self.refresh_rows();
                }
            }
            Action::ToggleHelp => self.show_help = !self.show_help,
            Action::Quit => self.quit = true,
        }
    }

    /// Folds the selected node; on a leaf or a folded node, goes to the parent.
    fn collapse(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        if row.has_children && row.expanded {
            let code = row.code.clone();
            self.collapsed.insert(code);
            self.refresh_rows();
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

    pub fn selected_objective(&self) -> Option<&crate::model::Objective> {
        self.selected_row()
            .filter(|r| r.kind == NodeKind::Objective)
            .and_then(|r| r.objective)
            .and_then(|i| self.dataset.objectives.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        App::new(
            crate::io::shipped(),
            NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
        )
    }

    #[test]
    fn moves_stay_within_the_rows() {
        let mut a = app();
        let n = a.rows.len();
        assert_eq!(
            n,
            2 + 2 + 8,
            "2 mandates, 2 missions, 8 objectives, all expanded"
        );
        a.update(Action::Up);
        assert_eq!(a.selected, 0);
        a.update(Action::Bottom);
        assert_eq!(a.selected, n - 1);
        assert_eq!(
            a.selected_objective().map(|o| o.code.as_str()),
            Some("06_1201_0801")
        );
        a.update(Action::Down);
        assert_eq!(a.selected, n - 1);
        a.update(Action::Top);
        a.update(Action::PageDown);
        assert_eq!(a.selected, 10);
        a.update(Action::PageUp);
        assert_eq!(a.selected, 0);
    }

    #[test]
    fn collapse_folds_and_expand_unfolds() {
        let mut a = app();
        a.update(Action::Collapse);
        assert_eq!(
            a.rows.len(),
            2 + 1 + 1,
            "first mandate folded: both mandates, mission 06 and its objective"
        );
        assert!(!a.rows[0].expanded);
        a.update(Action::Expand);
        assert_eq!(a.rows.len(), 12);
        // On an objective, collapse goes to its mission.
        a.update(Action::Down);
        a.update(Action::Down);
        assert_eq!(a.selected_row().unwrap().kind, NodeKind::Objective);
        a.update(Action::Collapse);
        assert_eq!(a.selected_row().unwrap().kind, NodeKind::Mission);
    }

    #[test]
    fn help_toggles_and_quit_quits() {
        let mut a = app();
        a.update(Action::ToggleHelp);
        assert!(a.show_help);
        a.update(Action::ToggleHelp);
        assert!(!a.show_help);
        a.update(Action::Quit);
        assert!(a.quit);
    }
}
