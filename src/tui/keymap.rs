//! The keys in force: they dispatch keys and they are what `?` lists, so the
//! help cannot drift from what the keys do. The defaults are the one list in
//! `tui::action`; `Keymap` is what is in force after the user's `config.toml`
//! (`[keys]`, see `tui::config`), and every hint is written from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::action::Context;
use super::action::{Action, NAMES};
use crate::i18n::{tr, tr_string};

/// A key, as matched and as shown in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    /// Alt (Meta): what a terminal sends as Esc before the key, over SSH too.
    pub alt: bool,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}
const fn ch(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

impl Key {
    /// How the key is written in the help, in hints and in `config.toml`.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        match (self.alt, self.ctrl) {
            (true, _) => format!("Alt-{}", Key { alt: false, ..self }.name()),
            (false, true) => format!("Ctrl-{base}"),
            (false, false) => base,
        }
    }

    /// Reads a key as `name` writes it (names case-insensitive, `Ctrl-` or `C-`,
    /// `Alt-` or `M-` in front; `PageDown`, `Down` and the like accepted too).
    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.to_ascii_lowercase();
        for prefix in ["alt-", "alt+", "m-"] {
            if lower.starts_with(prefix) && text.len() > prefix.len() {
                let rest = Key::parse(&text[prefix.len()..])?;
                return (!rest.alt).then_some(Key { alt: true, ..rest });
            }
        }
        for prefix in ["ctrl-", "ctrl+", "c-"] {
            if lower.starts_with(prefix) && text.len() > prefix.len() {
                let rest = Key::parse(&text[prefix.len()..])?;
                return match rest.code {
                    _ if rest.ctrl || rest.alt => None,
                    KeyCode::Char(c) => Some(Key {
                        code: KeyCode::Char(c.to_ascii_lowercase()),
                        ctrl: true,
                        alt: false,
                    }),
                    // Ctrl with a key that is no character: Ctrl-←, Ctrl-Home.
                    code => Some(Key {
                        ctrl: true,
                        ..k(code)
                    }),
                };
            }
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(match c {
                '↑' => k(KeyCode::Up),
                '↓' => k(KeyCode::Down),
                '←' => k(KeyCode::Left),
                '→' => k(KeyCode::Right),
                c => ch(c),
            });
        }
        let code = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => return None,
        };
        Some(k(code))
    }

    fn matches(self, key: KeyEvent) -> bool {
        // Shift is part of the character (`A`, `*`), not a modifier to compare.
        self.code == key.code
            && self.ctrl == key.modifiers.contains(KeyModifiers::CONTROL)
            && self.alt == key.modifiers.contains(KeyModifiers::ALT)
    }
}

/// How a key pressed is written in a message (`x`, `Ctrl-X`, `Alt-x`, `F5`).
pub fn event_name(key: KeyEvent) -> String {
    Key {
        code: key.code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    }
    .name()
}

/// Names `config.toml` also accepts, for the actions on a table's rows (the
/// old names, of phases, stay valid: files already written keep working).
const ALIASES: &[(Action, &str)] = &[
    (Action::AddRow, "add_row"),
    (Action::DeleteRow, "delete_row"),
    (Action::MoveRowDown, "move_row_down"),
    (Action::MoveRowUp, "move_row_up"),
];

/// The action `config.toml` calls `name`.
pub fn action_named(name: &str) -> Option<Action> {
    NAMES
        .iter()
        .chain(ALIASES)
        .find(|(_, n)| *n == name)
        .map(|(a, _)| *a)
}

/// `Normal` actions that work in review mode too (`e`/`E`, `u`, `Ctrl-R`,
/// `H`, `?`, `q`), beside every motion (`Action::is_motion`).
pub const REVIEW_ALSO: &[Action] = &[
    Action::EditYear1,
    Action::EditYear2,
    Action::Undo,
    Action::Redo,
    Action::History,
    Action::Help,
    Action::Quit,
];

/// A binding in force: the default's action and description, the user's keys.
#[derive(Debug, Clone)]
pub struct Bound {
    pub keys: Vec<Key>,
    pub action: Action,
    it: &'static str,
    en: &'static str,
}

impl Bound {
    pub fn description(&self) -> &'static str {
        tr(self.it, self.en)
    }

    /// `j ↓`, or `—` when the user left the action without a key.
    pub fn shown(&self) -> String {
        if self.keys.is_empty() {
            return "—".into();
        }
        let names: Vec<String> = self.keys.iter().map(|k| k.name()).collect();
        names.join(" ")
    }
}

/// The keys in force, context by context.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: Vec<(Context, Vec<Bound>)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let tables = Context::ALL
            .iter()
            .map(|ctx| {
                let bound = ctx
                    .defaults()
                    .iter()
                    .map(|b| Bound {
                        keys: b.keys.iter().map(|name| default_key(name)).collect(),
                        action: b.action,
                        it: b.it,
                        en: b.en,
                    })
                    .collect();
                (*ctx, bound)
            })
            .collect();
        Keymap { tables }
    }
}

/// A key of the list in `tui::action`, written as the help writes it.
fn default_key(name: &str) -> Key {
    Key::parse(name).unwrap_or_else(|| panic!("the default key «{name}» is not a key"))
}

impl Keymap {
    pub fn table(&self, ctx: Context) -> &[Bound] {
        self.tables
            .iter()
            .find(|(c, _)| *c == ctx)
            .map_or(&[], |(_, t)| t.as_slice())
    }

    /// The action `key` is bound to in `ctx`.
    pub fn lookup(&self, ctx: Context, key: KeyEvent) -> Option<Action> {
        self.table(ctx)
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action)
    }

    /// The action `key` is bound to on the review page: its own, else a
    /// motion or one of `REVIEW_ALSO` with the keys the panes give it.
    pub fn lookup_review(&self, key: KeyEvent) -> Option<Action> {
        self.lookup(Context::Review, key).or_else(|| {
            self.lookup(Context::Normal, key)
                .filter(|a| a.is_motion() || REVIEW_ALSO.contains(a))
        })
    }

    /// The keys of `action` in `ctx`, as the help writes them (`j ↓`; `—` when none).
    pub fn keys_of(&self, ctx: Context, action: Action) -> String {
        self.table(ctx)
            .iter()
            .find(|b| b.action == action)
            .map_or_else(|| "—".into(), Bound::shown)
    }

    /// The first key of `action` in `ctx`, the one hints name (`—` when none).
    pub fn key_of(&self, ctx: Context, action: Action) -> String {
        self.table(ctx)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map_or_else(|| "—".into(), |k| k.name())
    }

    /// A hint from the keys in force: `Enter salva · Esc annulla`.
    pub fn hint(&self, ctx: Context, items: &[(Action, &str)]) -> String {
        let parts: Vec<String> = items
            .iter()
            .map(|(action, what)| format!("{} {what}", self.key_of(ctx, *action)))
            .collect();
        parts.join(" · ")
    }

    /// Binds `action` to `keys` wherever it has a binding; the keys leave
    /// whatever other action of the same table they had (the user's choice wins).
    /// False when no table has the action.
    pub fn rebind(&mut self, action: Action, keys: &[Key]) -> bool {
        let mut found = false;
        for (_, table) in &mut self.tables {
            if !table.iter().any(|b| b.action == action) {
                continue;
            }
            found = true;
            for b in table.iter_mut() {
                if b.action == action {
                    b.keys = keys.to_vec();
                } else {
                    b.keys.retain(|k| !keys.contains(k));
                }
            }
        }
        found
    }

    /// The help's sections, in order, with their titles.
    pub fn sections(&self) -> Vec<(String, &[Bound])> {
        Context::ALL
            .iter()
            .map(|ctx| {
                let title = match ctx {
                    Context::Normal => tr_string("Navigazione e modifica", "Browsing and editing"),
                    Context::Review => {
                        let motions = NAMES.iter().map(|(a, _)| a).filter(|a| a.is_motion());
                        let also: Vec<String> = (motions.chain(REVIEW_ALSO))
                            .map(|a| self.keys_of(Context::Normal, *a))
                            .collect();
                        format!(
                            "{} · {} {}",
                            tr("Revisione", "Review"),
                            tr("valgono anche", "these work too:"),
                            also.join(" ")
                        )
                    }
                    Context::Picker => tr_string("Scelta da un elenco", "Choosing from a list"),
                    Context::Cell => tr_string("Modifica di una cella", "Editing a cell"),
                    Context::Prompt => tr_string("Ricerca, commento", "Search, comment"),
                    Context::Command => tr_string("Riga di comando (:)", "Command line (:)"),
                    Context::Narrative => {
                        tr_string("Editor dello stato di attuazione", "Status report editor")
                    }
                    Context::Question => tr_string("Domande", "Questions"),
                };
                (title, self.table(*ctx))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn c(ch: char) -> Key {
        Key {
            code: KeyCode::Char(ch),
            ctrl: true,
            alt: false,
        }
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn keys_are_written_and_read_back_alike() {
        for key in [
            ch('A'),
            ch(' '),
            ch('*'),
            c('r'),
            k(KeyCode::PageDown),
            k(KeyCode::BackTab),
            k(KeyCode::Down),
            k(KeyCode::F(1)),
            k(KeyCode::Enter),
            k(KeyCode::Delete),
        ] {
            assert_eq!(Key::parse(&key.name()), Some(key), "{}", key.name());
        }
        assert_eq!(Key::parse("ctrl-z"), Some(c('z')));
        let alt = |code| Key {
            alt: true,
            ..k(code)
        };
        for (written, key) in [
            (
                "Ctrl-→",
                Key {
                    ctrl: true,
                    ..k(KeyCode::Right)
                },
            ),
            (
                "Ctrl-Home",
                Key {
                    ctrl: true,
                    ..k(KeyCode::Home)
                },
            ),
            ("Alt-b", alt(KeyCode::Char('b'))),
            ("Alt-<", alt(KeyCode::Char('<'))),
            ("Alt-{", alt(KeyCode::Char('{'))),
        ] {
            assert_eq!(Key::parse(written), Some(key), "{written}");
            assert_eq!(key.name(), written);
        }
        assert_eq!(Key::parse("M-f"), Some(alt(KeyCode::Char('f'))));
        assert_eq!(Key::parse("Alt-Alt-f"), None);
        assert_eq!(Key::parse("PageUp"), Some(k(KeyCode::PageUp)));
        assert_eq!(Key::parse("Hyper-x"), None);
        assert_eq!(Key::parse("F13"), None);
        assert_eq!(Key::parse(""), None);
    }

    /// The review page and a list to choose from move with every motion
    /// there is (`Action::is_motion`), on the keys the panes give it: `G`
    /// on the review page is `G` in the tree, a user's key for it too.
    #[test]
    fn the_review_page_and_the_lists_take_every_motion_on_the_panes_keys() {
        let mut keys = Keymap::default();
        keys.rebind(Action::Bottom, &[ch('Z')]);
        let motions = NAMES.iter().map(|(a, _)| *a).filter(|a| a.is_motion());
        assert_eq!(motions.clone().count(), 8);
        for motion in motions {
            let bound = keys
                .table(Context::Normal)
                .iter()
                .find(|b| b.action == motion);
            for key in &bound.unwrap().keys {
                let press = KeyEvent::new(key.code, KeyModifiers::NONE);
                let press = match key.ctrl {
                    true => KeyEvent::new(key.code, KeyModifiers::CONTROL),
                    false => press,
                };
                assert_eq!(keys.lookup_review(press), Some(motion), "{}", key.name());
                assert_eq!(
                    keys.lookup(Context::Picker, press),
                    Some(motion),
                    "{}",
                    key.name()
                );
            }
        }
        assert_eq!(keys.lookup_review(press('G')), None, "rebound to Z");
    }

    #[test]
    fn every_bound_action_has_a_name() {
        for ctx in Context::ALL {
            for b in ctx.defaults() {
                assert!(
                    NAMES.iter().any(|(a, _)| *a == b.action),
                    "{:?} has no name",
                    b.action
                );
            }
        }
    }

    #[test]
    fn every_default_key_is_written_as_the_help_writes_it_and_used_once_per_place() {
        for ctx in Context::ALL {
            let mut seen = Vec::new();
            for b in ctx.defaults() {
                for name in b.keys {
                    let key = Key::parse(name).unwrap_or_else(|| panic!("«{name}» is not a key"));
                    assert_eq!(key.name(), *name, "{ctx:?} {:?}", b.action);
                    assert!(!seen.contains(&key), "{ctx:?}: {name} twice");
                    seen.push(key);
                }
            }
        }
    }

    #[test]
    fn no_two_actions_share_a_name() {
        for (i, (action, name)) in NAMES.iter().enumerate() {
            assert_eq!(action_named(name), Some(*action), "«{name}» twice");
            assert!(
                !NAMES[..i].iter().any(|(a, _)| a == action),
                "{action:?} twice"
            );
        }
    }

    #[test]
    fn the_readme_names_every_action_a_user_can_rebind() {
        let readme = include_str!("../../README.md");
        for (_, name) in NAMES.iter().chain(ALIASES) {
            assert!(
                readme.contains(&format!("`{name}`")),
                "README lacks `{name}`"
            );
        }
    }

    #[test]
    fn a_rebound_action_takes_its_new_key_and_leaves_the_old_one() {
        let mut keys = Keymap::default();
        assert_eq!(
            keys.lookup(Context::Normal, press('a')),
            Some(Action::AddRow)
        );
        assert!(keys.rebind(Action::AddRow, &[ch('A')]));
        assert_eq!(
            keys.lookup(Context::Normal, press('A')),
            Some(Action::AddRow)
        );
        assert_eq!(keys.lookup(Context::Normal, press('a')), None);
        assert_eq!(keys.keys_of(Context::Normal, Action::AddRow), "A");
        // A key taken from another action leaves that one.
        keys.rebind(Action::Undo, &[ch('d')]);
        assert_eq!(keys.lookup(Context::Normal, press('d')), Some(Action::Undo));
        assert_eq!(keys.keys_of(Context::Normal, Action::DeleteRow), "—");
        assert_eq!(
            keys.hint(Context::Normal, &[(Action::Undo, "annulla")]),
            "d annulla"
        );
    }
}
