//! How many rows a paragraph takes once ratatui has wrapped it: measured by
//! drawing it, so a pane sized by its text and the text agree to the row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

/// The rows `paragraph` takes `width` columns wide (`most` at the most):
/// drawn into a scratch buffer, as ratatui wraps it, up to its last row that
/// is not blank.
pub fn drawn_rows(paragraph: &Paragraph, width: u16, most: usize) -> u16 {
    let height = most.min(u16::MAX as usize) as u16;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    paragraph.clone().render(area, &mut buf);
    (0..height)
        .rev()
        .find(|y| (0..width).any(|x| buf[(x, *y)].symbol() != " "))
        .map_or(0, |y| y + 1)
}
