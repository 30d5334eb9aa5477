//! Where the table editor is in a table (the phases', the indicators'): the
//! cell cursor and the marked rows, kept the same way for both tables.

use std::collections::BTreeSet;

use super::{App, Pane, Status};
use crate::i18n::tr;
use crate::model::Objective;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

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

/// What is left of 100 once `others` are counted, shared equally over `n` (two
/// decimals, the shares and `others` add up to 100); `None` when nothing is left.
pub(crate) fn shares_left(others: f64, n: usize) -> Option<Vec<f64>> {
    let left = ((100.0 - others) * 100.0).round();
    (left >= 0.0).then(|| equal_shares(left as u64, n))
}

/// `n` hundredths of 100 as equal as can be, the larger ones first: Σ is exactly
/// 100 (3 → 33,34 · 33,33 · 33,33).
pub fn equal_shares(total_cents: u64, n: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let n64 = n as u64;
    let (base, extra) = (total_cents / n64, total_cents % n64);
    (0..n64)
        .map(|i| (base + u64::from(i < extra)) as f64 / 100.0)
        .collect()
}

/// The two tables the editor drives, and how messages name their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Phases,
    Indicators,
}

/// A table's words, Italian then English (Italian agrees with the row's gender).
struct Words {
    one: (&'static str, &'static str),
    many: (&'static str, &'static str),
    none: (&'static str, &'static str),
    none_marked: (&'static str, &'static str),
    marked: (&'static str, &'static str),
    applies_to_all: (&'static str, &'static str),
    adds_one: (&'static str, &'static str),
    unmarked_weigh: (&'static str, &'static str),
    added: (&'static str, &'static str),
    deleted: (&'static str, &'static str),
}

const PHASES: Words = Words {
    one: ("fase", "phase"),
    many: ("fasi", "phases"),
    none: ("l'obiettivo non ha fasi:", "the objective has no phases:"),
    none_marked: ("nessuna fase marcata", "no phase marked"),
    marked: ("fasi marcate", "phases marked"),
    applies_to_all: (
        "una modifica su una di esse vale per tutte",
        "an edit on one of them applies to all",
    ),
    adds_one: ("per aggiungerne una", "adds one"),
    unmarked_weigh: (
        "le fasi non marcate pesano già",
        "the unmarked phases already weigh",
    ),
    added: ("aggiunta", "added"),
    deleted: ("eliminata", "deleted"),
};

const INDICATORS: Words = Words {
    one: ("indicatore", "indicator"),
    many: ("indicatori", "indicators"),
    none: (
        "l'obiettivo non ha indicatori:",
        "the objective has no indicators:",
    ),
    none_marked: ("nessun indicatore marcato", "no indicator marked"),
    marked: ("indicatori marcati", "indicators marked"),
    applies_to_all: (
        "una modifica su uno di essi vale per tutti",
        "an edit on one of them applies to all",
    ),
    adds_one: ("per aggiungerne uno", "adds one"),
    unmarked_weigh: (
        "gli indicatori non marcati pesano già",
        "the unmarked indicators already weigh",
    ),
    added: ("aggiunto", "added"),
    deleted: ("eliminato", "deleted"),
};

fn say((it, en): (&'static str, &'static str)) -> &'static str {
    tr(it, en)
}

impl Table {
    /// The table shown in `pane`, if it shows one.
    pub fn of(pane: Pane) -> Option<Table> {
        [Table::Phases, Table::Indicators]
            .into_iter()
            .find(|t| t.pane() == pane)
    }

    pub fn pane(self) -> Pane {
        match self {
            Table::Phases => Pane::Phases,
            Table::Indicators => Pane::Indicators,
        }
    }

    fn words(self) -> &'static Words {
        match self {
            Table::Phases => &PHASES,
            Table::Indicators => &INDICATORS,
        }
    }

    /// How many rows `o` has in this table.
    pub fn count(self, o: &Objective) -> usize {
        match self {
            Table::Phases => o.phases.len(),
            Table::Indicators => o.indicators.len(),
        }
    }

    /// Each row's weight, in order.
    fn weights(self, o: &Objective) -> Vec<Option<f64>> {
        match self {
            Table::Phases => o.phases.iter().map(|p| p.weight).collect(),
            Table::Indicators => o.indicators.iter().map(|i| i.weight).collect(),
        }
    }

    /// `fase 2` or `3 fasi`, `indicatore 2` or `3 indicatori`, for messages.
    pub fn named(self, targets: &[usize]) -> String {
        let words = self.words();
        match targets {
            [one] => format!("{} {}", say(words.one), one + 1),
            many => format!("{} {}", many.len(), say(words.many)),
        }
    }

    /// `fase 2 «Bando» aggiunta`, `indicatore 2 «Alloggi» aggiunto`.
    pub fn added(self, at: usize, name: &str) -> String {
        let words = self.words();
        format!(
            "{} {} «{name}» {}",
            say(words.one),
            at + 1,
            say(words.added)
        )
    }

    /// `fase «Bando» eliminata`, `indicatore «Alloggi» eliminato`.
    pub fn deleted(self, name: &str) -> String {
        let words = self.words();
        format!("{} «{name}» {}", say(words.one), say(words.deleted))
    }

    /// What `Space` and `*` say: how many rows are marked, and what that means.
    fn marks_said(self, marked: usize) -> String {
        let words = self.words();
        if marked == 0 {
            say(words.none_marked).to_string()
        } else {
            format!(
                "{} {marked}: {}",
                say(words.marked),
                say(words.applies_to_all)
            )
        }
    }
}

impl App {
    pub(crate) fn cursor(&self, table: Table) -> &TableCursor {
        match table {
            Table::Phases => &self.phases,
            Table::Indicators => &self.indicators,
        }
    }

    /// How many columns `table` has (the cell cursor's range).
    pub(crate) fn column_count(&self, table: Table) -> usize {
        match table {
            Table::Phases => crate::tui::columns::PHASES.len(),
            Table::Indicators => self.indicator_columns().len(),
        }
    }

    pub(crate) fn cursor_mut(&mut self, table: Table) -> &mut TableCursor {
        match table {
            Table::Phases => &mut self.phases,
            Table::Indicators => &mut self.indicators,
        }
    }

    /// The current objective, the selected row of `table` and how many rows it
    /// has, with the focus on the table; or a message saying what is missing.
    pub(crate) fn row_target(&mut self, table: Table) -> Option<(usize, usize, usize)> {
        let index = self.current_or_say()?;
        let count = table.count(&self.dataset.objectives[index]);
        if count == 0 {
            let words = table.words();
            self.status = Status::Error(format!(
                "{} «{}» {}",
                say(words.none),
                self.keys.keys_of(Context::Normal, Action::AddRow),
                say(words.adds_one)
            ));
            return None;
        }
        self.focus = table.pane();
        let cursor = self.cursor_mut(table);
        cursor.row = cursor.row.min(count - 1);
        Some((index, cursor.row, count))
    }

    /// `Space`: the selected row marked (or unmarked), the cursor on the next.
    pub(crate) fn toggle_mark(&mut self, table: Table) {
        let Some((_, row, count)) = self.row_target(table) else {
            return;
        };
        self.cursor_mut(table).toggle_mark(row, count);
        self.say_marks(table);
    }

    /// `*`: every row marked, or none.
    pub(crate) fn mark_all(&mut self, table: Table) {
        let Some((_, _, count)) = self.row_target(table) else {
            return;
        };
        self.cursor_mut(table).mark_all(count);
        self.say_marks(table);
    }

    fn say_marks(&mut self, table: Table) {
        self.status = Status::Info(table.marks_said(self.cursor(table).marks.len()));
    }

    /// `=`: the current objective, the rows `=` shares over and each one's
    /// share of what the others leave of 100; or a message saying what is
    /// missing or that nothing is left.
    pub(crate) fn equal_shares(&mut self, table: Table) -> Option<(usize, Vec<usize>, Vec<f64>)> {
        let (objective, _, _) = self.row_target(table)?;
        let weights = table.weights(&self.dataset.objectives[objective]);
        let targets = self.cursor(table).shared_over(weights.len());
        let others: f64 = (0..weights.len())
            .filter(|i| !targets.contains(i))
            .filter_map(|i| weights[i])
            .sum();
        let Some(shares) = shares_left(others, targets.len()) else {
            self.status = Status::Error(format!(
                "{} {}: {}",
                say(table.words().unmarked_weigh),
                crate::model::values::format_number(others),
                tr("non resta nulla da distribuire", "nothing is left to share")
            ));
            return None;
        };
        Some((objective, targets, shares))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(shares: &[f64]) -> u64 {
        shares.iter().map(|s| (s * 100.0).round() as u64).sum()
    }

    #[test]
    fn equal_shares_add_up_to_the_total_exactly() {
        assert_eq!(equal_shares(10_000, 3), [33.34, 33.33, 33.33]);
        assert_eq!(equal_shares(10_000, 4), [25.0; 4]);
        for n in 1..=200 {
            assert_eq!(cents(&equal_shares(10_000, n)), 10_000, "{n} phases");
        }
        assert!(equal_shares(10_000, 0).is_empty());
    }
}
