//! The one table every edited table is drawn with (the phase pane, the review
//! page's phases): key columns frozen on the left, always in view; the others
//! to their right, scrolled so the cursor's column shows; widths fitted to the
//! content and to the room there is.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::highlight;
use super::text::width;

/// Cells between two columns.
const GAP: usize = 1;

pub struct Column {
    pub header: String,
    /// The widest content, header included: what it would like to have.
    pub want: usize,
    /// Narrower than this it is not shown (a scrollable one) or not shrunk (a frozen one).
    pub min: usize,
    /// Wider than this it never gets, even with room to spare (unless it is the last).
    pub max: usize,
    /// Always in view, left of the scrollable columns.
    pub frozen: bool,
}

impl Column {
    /// A column as wide as its widest cell (`widest`) and its header, within `min`…`max`.
    pub fn fitted(header: &str, widest: usize, min: usize, max: usize, frozen: bool) -> Column {
        let widest = widest.max(width(header));
        Column {
            header: header.to_string(),
            want: widest.clamp(min, max.max(min)),
            min,
            max: max.max(min),
            frozen,
        }
    }
}

/// A shown column: which one, where it starts (from the table's left edge) and how wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub column: usize,
    pub x: usize,
    pub width: usize,
}

/// Which columns show in `room` cells, and where. The frozen ones always (`flex`,
/// the one that gives way, between its `min` and what it wants), then the
/// scrollable ones from the first that keeps `cursor` in view, each whole:
/// one that does not fit is left out (the header says so with `›`), never
/// shown in part (`31/12/20…`), unless it is the cursor's own. What is left
/// over widens `flex` up to its want, then the last shown column.
pub fn place(columns: &[Column], room: usize, cursor: usize, flex: usize) -> Vec<Placed> {
    let frozen: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].frozen).collect();
    let scrollable: Vec<usize> = (0..columns.len()).filter(|&i| !columns[i].frozen).collect();
    let mut widths: Vec<usize> = columns.iter().map(|c| c.want).collect();
    let fixed: usize = frozen
        .iter()
        .filter(|&&i| i != flex)
        .map(|&i| widths[i] + GAP)
        .sum();
    let left = room.saturating_sub(fixed + GAP);
    // The flexible column leaves at least half the rest to the scrollable ones.
    let flex_min = columns.get(flex).map_or(0, |c| c.min);
    let flex_width = if scrollable.is_empty() {
        left
    } else {
        widths[flex].min(flex_min.max(left * 3 / 5))
    }
    .min(left);
    widths[flex] = flex_width;
    let frozen_room: usize = frozen.iter().map(|&i| widths[i] + GAP).sum();
    let mut scroll_room = room.saturating_sub(frozen_room);

    // The first scrollable column: the cursor's, or as far left as still shows it.
    let cursor_at = scrollable.iter().position(|&i| i == cursor);
    let mut first = 0;
    if let Some(at) = cursor_at {
        first = at;
        while first > 0
            && scrollable[first - 1..=at]
                .iter()
                .map(|&i| widths[i] + GAP)
                .sum::<usize>()
                <= scroll_room
        {
            first -= 1;
        }
    }
    let mut shown: Vec<usize> = Vec::new();
    for &i in &scrollable[first..] {
        let w = widths[i] + GAP;
        if w <= scroll_room {
            shown.push(i);
            scroll_room -= w;
        } else {
            // Only the cursor's own column shows cut (it is being read or
            // typed in, and nothing else fits); any other is left out whole.
            if i == cursor && shown.is_empty() && scroll_room > columns[i].min + GAP {
                widths[i] = scroll_room - GAP;
                shown.push(i);
                scroll_room = 0;
            }
            break;
        }
    }
    // Room left: to the cursor's column (the one being read or typed in), then
    // to the flexible one, then to the last one shown.
    let mut grow = |i: usize, to: usize, room: &mut usize| {
        let extra = to.saturating_sub(widths[i]).min(*room);
        widths[i] += extra;
        *room -= extra;
    };
    if shown.contains(&cursor) {
        grow(cursor, columns[cursor].max, &mut scroll_room);
    }
    if let Some(c) = columns.get(flex) {
        grow(flex, c.want, &mut scroll_room);
    }
    // The rest to the last column shown, so the table ends at the right
    // edge, where `›` says more columns are out of view.
    if let Some(&last) = shown.last().or(frozen.last()) {
        widths[last] += scroll_room;
    }
    let mut x = 0;
    frozen
        .iter()
        .chain(&shown)
        .map(|&i| {
            let p = Placed {
                column: i,
                x,
                width: widths[i],
            };
            x += widths[i] + GAP;
            p
        })
        .collect()
}

/// A cell's text and look.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// The header line of the placed columns; `‹` before the scrolled columns
/// when some are out of view on their left, `›` at the right edge when some
/// are out of view on the right.
pub fn header(columns: &[Column], placed: &[Placed], style: Style) -> Line<'static> {
    let cells: Vec<Cell> = columns
        .iter()
        .map(|c| Cell::new(c.header.clone(), style))
        .collect();
    let mut line = row(placed, &cells, style, None);
    let (left, right) = hidden(columns, placed);
    // Each placed column is two spans (nothing marked), its text and the gap after it.
    let first_scrolled = placed.iter().position(|p| !columns[p.column].frozen);
    if let Some(at) = first_scrolled.filter(|&at| left && at > 0) {
        line.spans[2 * at - 1] = Span::styled("‹", style);
    }
    if right && let Some(gap) = line.spans.last_mut() {
        *gap = Span::styled("›", style);
    }
    line
}

/// Whether scrollable columns are out of view on the left, on the right.
pub fn hidden(columns: &[Column], placed: &[Placed]) -> (bool, bool) {
    let shown: Vec<usize> = placed
        .iter()
        .map(|p| p.column)
        .filter(|&i| !columns[i].frozen)
        .collect();
    let out = |i: &usize| !columns[*i].frozen && !shown.contains(i);
    let (first, last) = (shown.first().copied(), shown.last().copied());
    let left = (0..columns.len())
        .filter(out)
        .any(|i| first.is_some_and(|f| i < f));
    let right = (0..columns.len())
        .filter(out)
        .any(|i| last.is_none_or(|l| i > l));
    (left, right)
}

/// One row: `cells[i]` is column `i`'s (those not placed are skipped); the
/// gaps take `gap`. Where a cell shows the search's word (`query`), the word
/// is marked, as in the tree and the details.
pub fn row(placed: &[Placed], cells: &[Cell], gap: Style, query: Option<&str>) -> Line<'static> {
    let mut spans = Vec::with_capacity(placed.len() * 2);
    for p in placed {
        let (text, style) = cells
            .get(p.column)
            .map_or(("", Style::new()), |c| (c.text.as_str(), c.style));
        spans.extend(highlight::fitted(text, p.width, query, style));
        spans.push(Span::styled(" ".repeat(GAP), gap));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(want: usize, min: usize, frozen: bool) -> Column {
        Column {
            header: String::new(),
            want,
            min,
            max: want.max(30),
            frozen,
        }
    }

    /// #, name (flex), weight, progress frozen; four dates scrolling.
    fn table() -> Vec<Column> {
        vec![
            col(3, 3, true),
            col(40, 12, true),
            col(5, 5, true),
            col(11, 11, true),
            col(10, 10, false),
            col(10, 10, false),
            col(10, 10, false),
            col(10, 10, false),
        ]
    }

    #[test]
    fn frozen_columns_always_show_and_the_cursor_column_scrolls_into_view() {
        let columns = table();
        for room in [40, 60, 78, 118] {
            for cursor in 0..columns.len() {
                let placed = place(&columns, room, cursor, 1);
                let shown: Vec<usize> = placed.iter().map(|p| p.column).collect();
                assert_eq!(&shown[..4], [0, 1, 2, 3], "room {room}");
                let end = placed.last().map_or(0, |p| p.x + p.width + GAP);
                assert!(end <= room, "room {room} cursor {cursor}: {placed:?}");
                if room >= 60 {
                    assert!(shown.contains(&cursor), "room {room} cursor {cursor}");
                }
            }
        }
    }

    #[test]
    fn the_cursors_column_gets_the_spare_room() {
        let placed = place(&table(), 98, 7, 1);
        let cursor = placed.iter().find(|p| p.column == 7).unwrap();
        assert!(cursor.width > 10, "{placed:?}");
    }

    /// A date column either shows whole or not at all, and `›` says so.
    #[test]
    fn a_column_that_does_not_fit_is_left_out_whole_with_a_hint() {
        let columns = table();
        for room in 40..140 {
            let placed = place(&columns, room, 1, 1);
            for p in placed.iter().filter(|p| p.column >= 4) {
                assert!(p.width >= 10, "room {room}: {placed:?}");
            }
            let end = placed.last().map_or(0, |p| p.x + p.width + GAP);
            assert_eq!(
                end,
                room.max(end),
                "room {room}: the table ends at the edge"
            );
            let header = header(&columns, &placed, Style::new()).to_string();
            let all_shown = placed.len() == columns.len();
            assert_eq!(header.ends_with('›'), !all_shown, "room {room}: {header:?}");
        }
    }

    #[test]
    fn scrolled_columns_say_there_are_more_on_their_left() {
        let columns = table();
        let placed = place(&columns, 78, 7, 1);
        assert!(!placed.iter().any(|p| p.column == 4), "{placed:?}");
        let header = header(&columns, &placed, Style::new()).to_string();
        assert!(header.contains('‹'), "{header:?}");
        assert!(!header.ends_with('›'), "{header:?}");
    }

    #[test]
    fn a_wide_table_gives_the_name_what_it_wants() {
        let placed = place(&table(), 118, 0, 1);
        assert_eq!(placed[1].width, 40);
        assert_eq!(placed.len(), 8);
    }
}
