//! Where the table editor is in a table (the phases', the indicators'): the
//! cell cursor and the marked rows, kept the same way for both tables.

use std::collections::BTreeSet;

/// A table's cell cursor and its marked rows (`Space`, `*`): an edit on a
/// marked row is an edit on all the marked ones.
#[derive(Debug, Clone, Default)]
pub struct TableCursor {
    pub row: usize,
    pub col: usize,
    pub marks: BTreeSet<usize>,
}

impl TableCursor {
    /// The rows an edit on `selected` applies to: the marked ones when it is
    /// among them, otherwise `selected` alone.
    pub fn targets(&self, selected: usize) -> Vec<usize> {
        if self.marks.contains(&selected) {
            self.marks.iter().copied().collect()
        } else {
            vec![selected]
        }
    }

    /// The rows `=` shares the weights over: the marked ones, or all `count`.
    pub fn shared_over(&self, count: usize) -> Vec<usize> {
        if self.marks.is_empty() {
            (0..count).collect()
        } else {
            self.marks.iter().copied().collect()
        }
    }

    /// `Space` on row `at` of `count`: marked (or unmarked), and the cursor on
    /// the next row, so that a run of Space marks a run of rows.
    pub fn toggle_mark(&mut self, at: usize, count: usize) {
        if !self.marks.remove(&at) {
            self.marks.insert(at);
        }
        self.row = (at + 1).min(count.saturating_sub(1));
    }

    /// `*`: every row of `count` marked, or (all being marked) none.
    pub fn mark_all(&mut self, count: usize) {
        if self.marks.len() == count {
            self.marks.clear();
        } else {
            self.marks = (0..count).collect();
        }
    }

    /// Row `from` moved to `to` (one place): the cursor and the marks go with it.
    pub fn moved(&mut self, from: usize, to: usize) {
        let (a, b) = (self.marks.contains(&from), self.marks.contains(&to));
        for (i, marked) in [(to, a), (from, b)] {
            if marked {
                self.marks.insert(i);
            } else {
                self.marks.remove(&i);
            }
        }
        self.row = to;
    }

    /// A row added or deleted: marks would point at others, so they go; the
    /// cursor on `row`, within the `count` rows there are now.
    pub fn rows_changed(&mut self, row: usize, count: usize) {
        self.marks.clear();
        self.row = row.min(count.saturating_sub(1));
    }

    /// The table now has `count` rows (others changed it): the cursor and the
    /// marks kept within them.
    pub fn keep_within(&mut self, count: usize) {
        self.row = self.row.min(count.saturating_sub(1));
        self.marks.retain(|i| *i < count);
    }

    /// The rows of another objective: the column stays, the rest starts over.
    pub fn another_objective(&mut self) {
        *self = TableCursor {
            col: self.col,
            ..TableCursor::default()
        };
    }
}
