//! Italian by default, English when `LANG`/`LC_ALL`/`LC_MESSAGES` start with `en`.
//!
//! The language is a per-thread setting (set once by `main` from the
//! environment) so that tests can run in either language side by side.

use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    It,
    En,
}

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::It) };
}

impl Lang {
    /// The language the environment asks for (POSIX precedence: LC_ALL, LC_MESSAGES, LANG).
    pub fn from_env() -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if value.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::It
        }
    }
}

pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

pub fn lang() -> Lang {
    LANG.with(|l| l.get())
}

/// Picks the Italian or the English text for the current language.
pub fn tr<'a>(it: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::It => it,
        Lang::En => en,
    }
}
