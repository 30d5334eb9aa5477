//! Fewer bytes per key over SSH: a backend that rewrites short runs of
//! unchanged cells instead of moving the cursor over them.
//!
//! ratatui sends only the cells that changed, but each run of changed cells
//! that does not follow the previous one costs a cursor move (`ESC[row;colH`,
//! 6–8 bytes). When the tree selection moves to another objective, the right
//! side changes in hundreds of short runs separated by a few equal cells (the
//! same labels, the same dates): measured at 10 000 objectives, cursor moves
//! were 60% of the bytes of a `j`. Rewriting a gap of unchanged cells costs
//! their text, which is often less. The screen the user sees is the same; a
//! test compares both through a terminal emulator.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// Wraps a backend (the crossterm one) and remembers what the terminal shows.
pub struct Compact<B: Backend> {
    inner: B,
    /// What the terminal shows, as far as the frames drawn through here tell.
    shown: Buffer,
    /// False after a partial clear: `shown` may then differ from the screen,
    /// so no gap is filled until the next full clear.
    trusted: bool,
}

impl<B: Backend> Compact<B> {
    /// `inner` showing a blank screen of `area` (a new alternate screen: what
    /// ratatui assumes too).
    pub fn new(inner: B, area: Rect) -> Compact<B> {
        Compact {
            inner,
            shown: Buffer::empty(area),
            trusted: true,
        }
    }

    /// Makes `shown` a blank screen of the backend's size (what a full clear leaves).
    fn forget(&mut self) -> Result<(), B::Error> {
        let size = self.inner.size()?;
        self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        Ok(())
    }
}

/// Bytes of `ESC[row;colH` for the 0-based cell (x, y).
fn move_cost(x: u16, y: u16) -> usize {
    let digits = |n: u16| (u32::from(n) + 1).ilog10() as usize + 1;
    4 + digits(x) + digits(y)
}

/// A cell that can be written again as is: one character one column wide
/// (so the cursor surely moves by one), no special diffing.
fn plain(cell: &Cell) -> bool {
    let mut chars = cell.symbol().chars();
    let one_column = match (chars.next(), chars.next()) {
        (Some(c), None) => unicode_width::UnicodeWidthChar::width(c) == Some(1),
        _ => false,
    };
    // `skip` is deprecated but still honoured by ratatui's diff.
    #[allow(deprecated)]
    let skip = cell.skip;
    one_column && !skip && cell.diff_option == ratatui::buffer::CellDiffOption::None
}

/// Cells that follow each other on a row in one style, joined into one cell
/// of their text, so that the backend prints a run at once instead of a cell
/// at a time (its cost per cell was most of a frame's output). The bytes are
/// the same: a run that starts where the one before ended is given the column
/// next to that run's, so that the backend, which moves the cursor unless a
/// cell is next to the one before, sees it as adjacent.
fn runs(cells: &[(u16, u16, &Cell)]) -> Vec<(u16, u16, Cell)> {
    let mut runs: Vec<(u16, u16, Cell)> = Vec::new();
    let mut text = String::new();
    let mut next = None;
    for &(x, y, cell) in cells {
        let adjacent = next == Some((x, y));
        next = Some((x.saturating_add(1), y));
        if let Some((_, _, run)) = runs.last_mut()
            && adjacent
            && (run.fg, run.bg, run.underline_color, run.modifier)
                == (cell.fg, cell.bg, cell.underline_color, cell.modifier)
        {
            text.push_str(cell.symbol());
            continue;
        }
        let column = match runs.last_mut() {
            Some((column, _, run)) => {
                run.set_symbol(&text);
                if adjacent { *column + 1 } else { x }
            }
            None => x,
        };
        text.clear();
        text.push_str(cell.symbol());
        runs.push((column, y, cell.clone()));
    }
    if let Some((_, _, run)) = runs.last_mut() {
        run.set_symbol(&text);
    }
    runs
}

impl<B: Backend> Backend for Compact<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        let area = self.shown.area;
        if updates
            .iter()
            .any(|&(x, y, _)| !area.contains(Position { x, y }))
        {
            // Drawn beyond what we know (a resize without a clear): stop filling.
            self.trusted = false;
            let size = self.inner.size()?;
            self.shown.resize(Rect::new(0, 0, size.width, size.height));
        }
        let shown = &self.shown;
        let mut out: Vec<(u16, u16, &Cell)> = Vec::with_capacity(updates.len() * 2);
        for &(x, y, cell) in &updates {
            if let Some(&(px, py, previous)) = out.last()
                && self.trusted
                && py == y
                && x > px + 1
                && plain(previous)
            {
                let gap = (px + 1..x).map(|gx| (gx, y, &shown[(gx, y)]));
                let bytes: usize = gap.clone().map(|(_, _, c)| c.symbol().len()).sum();
                if bytes <= move_cost(x, y)
                    && gap
                        .clone()
                        .all(|(_, _, c)| plain(c) && c.style() == previous.style())
                {
                    out.extend(gap);
                }
            }
            out.push((x, y, cell));
        }
        let runs = runs(&out);
        self.inner
            .draw(runs.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
        for (x, y, cell) in updates {
            if self.shown.area.contains(Position { x, y }) {
                self.shown[(x, y)] = cell.clone();
            }
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.trusted = false;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.trusted = true;
        self.forget()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        self.trusted = clear_type == ClearType::All;
        self.forget()
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::backend::CrosstermBackend;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;
    use crate::tui::app::tests::fixture;
    use crate::tui::theme::Theme;

    /// Every cell as the user sees it: text (a never-written cell is a blank),
    /// colours and attributes.
    fn cells(screen: &vt100::Screen) -> Vec<String> {
        let (rows, cols) = screen.size();
        let mut out = Vec::new();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let Some(c) = screen.cell(row, col) else {
                    continue;
                };
                let text = if c.has_contents() { c.contents() } else { " " };
                out.push(format!(
                    "{row},{col} {text:?} {:?} {:?} {}{}{}{}",
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.italic(),
                    c.underline(),
                    c.inverse()
                ));
            }
        }
        out
    }

    /// What a backend wrote, read back by the test.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Shared {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut self.0.borrow_mut())
        }
    }

    impl std::io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The cost of a move is the length of the move itself.
    #[test]
    fn a_moves_cost_is_its_bytes() {
        for (x, y) in [
            (0, 0),
            (8, 9),
            (9, 99),
            (99, 999),
            (999, 9),
            (u16::MAX - 1, 0),
        ] {
            let written = format!("\x1b[{};{}H", y + 1, x + 1);
            assert_eq!(super::move_cost(x, y), written.len(), "{x},{y}");
        }
    }

    /// Runs of cells are printed with the very bytes of the cells one by one,
    /// whatever the styles, gaps and widths of the cells.
    #[test]
    fn runs_write_the_bytes_of_their_cells() {
        use proptest::prelude::*;
        use ratatui::style::{Color, Modifier};
        let cell = (0..4usize, 0..3usize, 0..3usize, 1..4u16).prop_map(|(s, f, m, step)| {
            let mut cell = Cell::new(["a", "è", "漢", "│"][s]);
            cell.fg = [Color::Reset, Color::Red, Color::Indexed(240)][f];
            cell.modifier = [Modifier::empty(), Modifier::BOLD, Modifier::REVERSED][m];
            (step, cell)
        });
        let written = |cells: &mut dyn Iterator<Item = (u16, u16, &Cell)>| {
            let out = Shared::default();
            CrosstermBackend::new(out.clone()).draw(cells).unwrap();
            out.take()
        };
        proptest!(|(steps in proptest::collection::vec(cell, 0..200))| {
            let (mut x, mut y) = (0u16, 0u16);
            let mut cells = Vec::new();
            for (step, cell) in &steps {
                x += step;
                if x >= 30 {
                    (x, y) = (x % 30, y + 1);
                }
                cells.push((x, y, cell));
            }
            let runs = runs(&cells);
            prop_assert_eq!(
                written(&mut runs.iter().map(|(x, y, c)| (*x, *y, c))),
                written(&mut cells.iter().copied())
            );
        });
    }

    #[test]
    fn a_terminal_shows_the_same_screens_for_fewer_bytes() {
        let mut f = fixture();
        let area = Rect::new(0, 0, 120, 40);
        let options = || TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let (out_compact, out_plain) = (Shared::default(), Shared::default());
        let compact = Compact::new(CrosstermBackend::new(out_compact.clone()), area);
        let mut compact = Terminal::with_options(compact, options()).unwrap();
        let mut plain =
            Terminal::with_options(CrosstermBackend::new(out_plain.clone()), options()).unwrap();
        let emulator = || {
            let size = |n| std::num::NonZeroU16::new(n).unwrap();
            vt100::Parser::new(size(40), size(120), 0)
        };
        let (mut seen_compact, mut seen_plain) = (emulator(), emulator());
        let (mut bytes_compact, mut bytes_plain) = (0, 0);
        let theme = Theme { color: true };
        // Through the tree (the right side changes), into the phases, an edit, Tab.
        for key in "jjjjjjjjjjkkk\njjw40\n\t\tjjj\tjjjjjjjjjjjjGgj".chars() {
            f.type_keys(&key.to_string());
            f.draw(&mut compact, theme);
            f.draw(&mut plain, theme);
            let written = out_compact.take();
            bytes_compact += written.len();
            seen_compact.process(&written);
            let written = out_plain.take();
            bytes_plain += written.len();
            seen_plain.process(&written);
            assert_eq!(
                cells(seen_compact.screen()),
                cells(seen_plain.screen()),
                "after {key:?}"
            );
        }
        assert!(
            bytes_compact < bytes_plain,
            "{bytes_compact} bytes, {bytes_plain} without Compact"
        );
    }
}
