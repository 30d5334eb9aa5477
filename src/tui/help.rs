//! The help's lines (`?`), generated from the keys in force: `render` draws
//! them, the state searches them (`/` in the help, `:help WORD`). They sit
//! below both, so both read the same lines.

use super::action::{Action, NAMES};
use super::keymap::{Context, Keymap};
use crate::i18n::tr_string;
use crate::model::needle::Needle;
use crate::tr_format;

/// One line of the help.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpLine {
    /// The keys of a binding (`j ↓`); `None` on a title or a sentence.
    pub keys: Option<String>,
    pub text: String,
    /// The name `config.toml` gives the binding's action (`undo`).
    pub name: Option<&'static str>,
    pub title: bool,
}

impl HelpLine {
    fn sentence(text: String) -> HelpLine {
        HelpLine {
            keys: None,
            text,
            name: None,
            title: false,
        }
    }

    /// The line as drawn, without styles: what a search reads.
    pub fn shown(&self) -> String {
        match (&self.keys, self.name) {
            (Some(keys), Some(name)) => format!("{keys:>12}  {} · {name}", self.text),
            (Some(keys), None) => format!("{keys:>12}  {}", self.text),
            _ => self.text.clone(),
        }
    }
}

/// Every key of every table, section by section, then the rules no key states.
pub fn lines(keys: &Keymap) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for (title, table) in keys.sections() {
        lines.push(HelpLine {
            title: true,
            ..HelpLine::sentence(title)
        });
        for b in table {
            lines.push(HelpLine {
                keys: Some(b.shown()),
                text: b.description().to_string(),
                name: NAMES.iter().find(|(a, _)| *a == b.action).map(|(_, n)| *n),
                title: false,
            });
        }
        lines.push(HelpLine::sentence(String::new()));
    }
    // The keys that open a text cell, as the user has them.
    let openers = [Action::Enter, Action::EditCell, Action::ChangeCell]
        .map(|a| keys.keys_of(Context::Normal, a))
        .join(" ");
    lines.push(HelpLine::sentence(tr_format!("Nelle tabelle una cifra (o , e - dove un numero li ammette) inizia a modificare una cella di numeri o date; una lettera mai: una cella di testo si apre con {openers}.", "In the tables a digit (or , and - where a number takes them) starts editing a number or date cell; a letter never does: a text cell opens with {openers}.")));
    lines.push(HelpLine::sentence(counts_rule(keys)));
    lines.push(HelpLine::sentence(commands(keys)));
    lines.push(HelpLine::sentence(tr_string(
        "Nell'editor: frecce, Home/End, Ctrl-U o Ctrl-Z annulla, Ctrl-R ripeti.",
        "In the editor: arrows, Home/End, Ctrl-U or Ctrl-Z undo, Ctrl-R redo.",
    )));
    // The tree's markers (drawn by `panes::tree`).
    lines.push(HelpLine::sentence(tr_string(
        "Albero: ! fasi in ritardo · ⚠ Σ pesi ≠ 100 · ∅ stato di attuazione dell'anno vuoto · \
             ≡ valore forzato dal validatore · ∉ non valutabile (n/v)",
        "Tree: ! late phases · ⚠ Σ weights ≠ 100 · ∅ this year's status report empty · \
             ≡ value forced by the validator · ∉ not assessable",
    )));
    lines
}

/// The rule of counts and pane digits (GUIDE §4), with the keys in force.
fn counts_rule(keys: &Keymap) -> String {
    let key = |a| keys.key_of(Context::Normal, a);
    let (down, top, bottom, half) = (
        key(Action::Down),
        key(Action::Top),
        key(Action::Bottom),
        key(Action::HalfPageDown),
    );
    tr_format!(
        "Un numero prima di un movimento lo ripete: 5{down}, 3{half}; 10{bottom} e 10{top}{top} vanno alla riga 10. Una cifra sceglie subito il suo riquadro; se un movimento segue le cifre, erano un numero: si torna al riquadro di prima e il movimento si ripete. Dove una cifra può iniziare il valore della cella (numeri, date) lo scrive.",
        "A number before a motion repeats it: 5{down}, 3{half}; 10{bottom} and 10{top}{top} go to row 10. A digit picks its pane at once; when a motion follows the digits, they were a number: the focus goes back and the motion repeats. Where a digit can begin the cell's value (numbers, dates) it types it."
    )
}

/// What the command line takes.
fn commands(keys: &Keymap) -> String {
    tr_format!(
        "{} riga di comando: un codice o la sua fine apre l'obiettivo (:0601) · :set con le opzioni di «obiettivi set» sull'obiettivo aperto (:set --phase 1 --weight 30) · :drafts le bozze in attesa · :plan TITOLO passa a un altro piano del database (:plan da solo li elenca, con anno e stato) · :w (tutto è già salvato) · :q esce · :help PAROLA apre l'aiuto su PAROLA.",
        "{} command line: a code or its end opens the objective (:0601) · :set with the flags of «obiettivi set» on the objective shown (:set --phase 1 --weight 30) · :drafts the drafts waiting · :plan TITLE switches to another plan of the database (:plan alone lists them, with year and state) · :w (everything is saved already) · :q quits · :help WORD opens the help at WORD.",
        keys.key_of(Context::Normal, Action::CommandLine)
    )
}

/// The lines that hold `query`, in order (case and accents aside).
pub fn matching(lines: &[HelpLine], query: &str) -> Vec<usize> {
    let mut needle = Needle::new(query);
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !query.trim().is_empty() && needle.is_in(&l.shown()))
        .map(|(i, _)| i)
        .collect()
}

/// How many lines a frame `width` columns wide draws for `lines` before line
/// `at` (long lines wrap): the scroll that shows line `at` first.
pub fn drawn_before(lines: &[HelpLine], at: usize, width: usize) -> usize {
    lines[..at.min(lines.len())]
        .iter()
        .map(|l| drawn_height(l, width))
        .sum()
}

/// The rows line `l` takes at `width` (about: the help wraps at words).
pub fn drawn_height(l: &HelpLine, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    l.shown().width().max(1).div_ceil(width.max(1))
}
