//! The user's settings for the TUI, in `$XDG_CONFIG_HOME/obiettivi/config.toml`
//! (else `~/.config/obiettivi/config.toml`):
//!
//! ```toml
//! mouse = false            # leave the mouse to the terminal (copy and paste)
//! [keys]                   # any action, by name: one key or a list
//! add_phase = "A"
//! undo = ["u", "Ctrl-Z"]
//! ```
//!
//! A file that cannot be read as such is reported with its line, and the app
//! starts with the defaults: a typo must not lock anybody out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::keymap::{Key, Keymap, action_named};
use crate::files::read::ReadError;
use crate::i18n::tr;
use crate::tr_format;

/// What the TUI takes from the file.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keys: Keymap,
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            keys: Keymap::default(),
            mouse: true,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    mouse: Option<bool>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<OneOrMany>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Where the file is looked for.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("obiettivi").join("config.toml"))
}

/// The settings, and what was wrong with the file when it was (then the defaults).
pub fn load() -> (Settings, Option<String>) {
    let Some(path) = path() else {
        return (Settings::default(), None);
    };
    // Bounded: a FIFO there would hang the start, a link to /dev/zero never end.
    let text = match crate::files::read::read_settings(&path) {
        Ok(text) => text,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Settings::default(), None);
        }
        Err(e) => {
            let why = match &e {
                ReadError::Io(io) => crate::i18n::file_error(crate::i18n::FileOp::Read, &path, io),
                bounded => format!("{}: {bounded}", path.display()),
            };
            let message = format!("{why} — {}", defaults_in_force());
            return (Settings::default(), Some(message));
        }
    };
    match parse(&text) {
        Ok(settings) => (settings, None),
        Err(why) => (
            Settings::default(),
            Some(format!(
                "{}, {why} — {}",
                path.display(),
                defaults_in_force()
            )),
        ),
    }
}

fn defaults_in_force() -> &'static str {
    tr(
        "valgono i tasti predefiniti",
        "the default keys are in force",
    )
}

/// Reads the file's text; the error names the line (`riga 3: …`).
pub fn parse(text: &str) -> Result<Settings, String> {
    let at = |offset: usize| {
        let line = text[..offset.min(text.len())].matches('\n').count() + 1;
        format!("{} {line}", tr("riga", "line"))
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| at(s.start)).unwrap_or_default();
        format!(
            "{line}: {}",
            crate::io::wording::json_message(e.message().trim())
        )
    })?;
    let mut settings = Settings::default();
    if let Some(mouse) = file.mouse {
        settings.mouse = mouse;
    }
    for (name, keys) in &file.keys {
        let line = at(name.span().start);
        let action = action_named(name.get_ref()).ok_or_else(|| {
            tr_format!(
                "{line}: «{}» non è un'azione (i nomi delle azioni sono nel README)",
                "{line}: «{}» is not an action (the action names are in the README)",
                name.get_ref()
            )
        })?;
        let texts = match keys.get_ref() {
            OneOrMany::One(k) => vec![k.clone()],
            OneOrMany::Many(ks) => ks.clone(),
        };
        let keys = texts
            .iter()
            .map(|t| {
                Key::parse(t).ok_or_else(|| {
                    tr_format!(
                        "{line}: «{t}» non è un tasto (es. «A», «Ctrl-S», «Space», «F2», «PgDn»)",
                        "{line}: «{t}» is not a key (e.g. «A», «Ctrl-S», «Space», «F2», «PgDn»)"
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        settings.keys.rebind(action, &keys);
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::Context;

    #[test]
    fn keys_and_the_mouse_are_read() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let s = parse("mouse = false\n[keys]\nadd_phase = \"A\"\nundo = [\"u\", \"Ctrl-Z\"]\n")
            .unwrap();
        assert!(!s.mouse);
        assert_eq!(s.keys.keys_of(Context::Normal, Action::AddRow), "A");
        assert_eq!(s.keys.keys_of(Context::Normal, Action::Undo), "u Ctrl-Z");
        assert!(parse("").unwrap().mouse);
    }

    #[test]
    fn the_row_actions_are_read_by_their_row_names_too() {
        let s = parse(
            "[keys]\nadd_row = \"A\"\ndelete_row = \"D\"\nmove_row_down = \"Ctrl-J\"\nmove_row_up = \"Ctrl-K\"\n",
        )
        .unwrap();
        for (action, key) in [
            (Action::AddRow, "A"),
            (Action::DeleteRow, "D"),
            (Action::MoveRowDown, "Ctrl-J"),
            (Action::MoveRowUp, "Ctrl-K"),
        ] {
            assert_eq!(s.keys.keys_of(Context::Normal, action), key, "{action:?}");
        }
    }

    #[test]
    fn a_wrong_file_is_reported_with_its_line() {
        crate::i18n::set_lang(crate::i18n::Lang::It);
        let e = parse("[keys]\nadd_phase = \"A\"\nfly = \"x\"\n").unwrap_err();
        assert!(e.starts_with("riga 3: «fly» non è un'azione"), "{e}");
        let e = parse("[keys]\n\nadd_phase = \"Hyper-A\"\n").unwrap_err();
        assert!(e.starts_with("riga 3: «Hyper-A» non è un tasto"), "{e}");
        let e = parse("mouse = true\nmouse = = 3\n").unwrap_err();
        assert!(e.starts_with("riga 2: "), "{e}");
        let e = parse("\ncolours = 1\n").unwrap_err();
        assert!(e.starts_with("riga 2: "), "{e}");
    }
}
