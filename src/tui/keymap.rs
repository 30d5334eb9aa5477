//! The one table of keys: it dispatches keys and it is what `?` lists.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::tr;

pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the help.
    pub shown: &'static str,
    pub action: Action,
    pub it: &'static str,
    pub en: &'static str,
}

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Char('j'), KeyCode::Down],
        shown: "j ↓",
        action: Action::Down,
        it: "giù",
        en: "down",
    },
    Binding {
        keys: &[KeyCode::Char('k'), KeyCode::Up],
        shown: "k ↑",
        action: Action::Up,
        it: "su",
        en: "up",
    },
    Binding {
        keys: &[KeyCode::Char('g'), KeyCode::Home],
        shown: "g",
        action: Action::Top,
        it: "inizio",
        en: "top",
    },
    Binding {
        keys: &[KeyCode::Char('G'), KeyCode::End],
        shown: "G",
        action: Action::Bottom,
        it: "fine",
        en: "bottom",
    },
    Binding {
        keys: &[KeyCode::PageDown],
        shown: "PgDn",
        action: Action::PageDown,
        it: "pagina giù",
        en: "page down",
    },
    Binding {
        keys: &[KeyCode::PageUp],
        shown: "PgUp",
        action: Action::PageUp,
        it: "pagina su",
        en: "page up",
    },
    Binding {
        keys: &[KeyCode::Char('h'), KeyCode::Left],
        shown: "h ←",
        action: Action::Collapse,
        it: "chiudi il ramo",
        en: "collapse",
    },
    Binding {
        keys: &[KeyCode::Char('l'), KeyCode::Right],
        shown: "l →",
        action: Action::Expand,
        it: "apri il ramo",
        en: "expand",
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        shown: "?",
        action: Action::ToggleHelp,
        it: "aiuto (questo elenco)",
        en: "help (this list)",
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        shown: "q",
        action: Action::Quit,
        it: "esci",
        en: "quit",
    },
];

impl Binding {
    pub fn description(&self) -> &'static str {
        tr(self.it, self.en)
    }
}

/// The action bound to a key press, if any. Ctrl/Alt chords are not plain keys.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    KEYMAP
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}
