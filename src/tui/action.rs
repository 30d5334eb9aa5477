//! Everything a user can do in the TUI, as data: keys map to these through
//! `keymap::KEYMAP`, and `app::update` carries them out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Collapse,
    Expand,
    ToggleHelp,
    Quit,
}
