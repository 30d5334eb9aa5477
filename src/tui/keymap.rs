//! The key tables: they dispatch keys and they are what `?` lists, so the help
//! cannot drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::tr;

/// A key, as matched and as shown in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}
const fn ch(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the help.
    pub shown: &'static str,
    pub action: Action,
    pub it: &'static str,
    pub en: &'static str,
}

impl Binding {
    pub fn description(&self) -> &'static str {
        tr(self.it, self.en)
    }
}

const fn b(
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    it: &'static str,
    en: &'static str,
) -> Binding {
    Binding {
        keys,
        shown,
        action,
        it,
        en,
    }
}

/// Browsing (GUIDE §4). The keys are a contract: scripts and tests drive the app with them.
pub const NORMAL: &[Binding] = &[
    b(
        &[k(KeyCode::Tab)],
        "Tab",
        Action::NextPane,
        "riquadro successivo",
        "next pane",
    ),
    b(
        &[k(KeyCode::BackTab)],
        "Shift-Tab",
        Action::PrevPane,
        "riquadro precedente",
        "previous pane",
    ),
    b(
        &[ch('j'), k(KeyCode::Down)],
        "j ↓",
        Action::Down,
        "giù",
        "down",
    ),
    b(&[ch('k'), k(KeyCode::Up)], "k ↑", Action::Up, "su", "up"),
    b(
        &[ch('g'), k(KeyCode::Home)],
        "g Home",
        Action::Top,
        "all'inizio",
        "to the top",
    ),
    b(
        &[ch('G'), k(KeyCode::End)],
        "G End",
        Action::Bottom,
        "alla fine",
        "to the bottom",
    ),
    b(
        &[k(KeyCode::PageDown)],
        "PgDn",
        Action::PageDown,
        "pagina giù",
        "page down",
    ),
    b(
        &[k(KeyCode::PageUp)],
        "PgUp",
        Action::PageUp,
        "pagina su",
        "page up",
    ),
    b(
        &[ch('h'), k(KeyCode::Left)],
        "h ←",
        Action::Left,
        "albero: chiudi · tabella: cella precedente",
        "tree: collapse · table: previous cell",
    ),
    b(
        &[ch('l'), k(KeyCode::Right)],
        "l →",
        Action::Right,
        "albero: apri · tabella: cella successiva",
        "tree: expand · table: next cell",
    ),
    b(
        &[k(KeyCode::Enter)],
        "Enter",
        Action::Enter,
        "albero: apri l'obiettivo · tabella: modifica la cella",
        "tree: open the objective · table: edit the cell",
    ),
    b(
        &[ch('w')],
        "w",
        Action::EditWeight,
        "modifica il peso della fase",
        "edit the phase's weight",
    ),
    b(
        &[ch('p')],
        "p",
        Action::EditProgress,
        "modifica l'avanzamento della fase",
        "edit the phase's progress",
    ),
    b(
        &[ch('+')],
        "+",
        Action::ProgressUp,
        "avanzamento +5",
        "progress +5",
    ),
    b(
        &[ch('-')],
        "-",
        Action::ProgressDown,
        "avanzamento −5",
        "progress −5",
    ),
    b(
        &[ch('a')],
        "a",
        Action::AddPhase,
        "aggiungi una fase",
        "add a phase",
    ),
    b(
        &[ch('d')],
        "d",
        Action::DeletePhase,
        "elimina la fase (chiede conferma)",
        "delete the phase (asks)",
    ),
    b(
        &[ch('e')],
        "e",
        Action::EditYear1,
        "scrivi lo stato di attuazione 1° anno",
        "write the year-1 status report",
    ),
    b(
        &[ch('E')],
        "E",
        Action::EditYear2,
        "scrivi lo stato di attuazione 2° anno",
        "write the year-2 status report",
    ),
    b(
        &[ch('/')],
        "/",
        Action::Search,
        "cerca (codici, titoli, fasi, responsabili, testi)",
        "search (codes, titles, phases, managers, texts)",
    ),
    b(
        &[ch('n')],
        "n",
        Action::SearchNext,
        "risultato successivo",
        "next match",
    ),
    b(
        &[ch('N')],
        "N",
        Action::SearchPrev,
        "risultato precedente",
        "previous match",
    ),
    b(
        &[ch('?'), k(KeyCode::F(1))],
        "?",
        Action::Help,
        "aiuto: questo elenco",
        "help: this list",
    ),
    b(
        &[ch('u')],
        "u",
        Action::Undo,
        "annulla l'ultima modifica di questa sessione",
        "undo this session's last change",
    ),
    b(
        &[c('r')],
        "Ctrl-R",
        Action::Redo,
        "ripeti la modifica annullata",
        "redo the undone change",
    ),
    b(
        &[ch('H')],
        "H",
        Action::History,
        "cronologia dell'obiettivo (chi, quando, cosa)",
        "the objective's history (who, when, what)",
    ),
    b(&[ch('q')], "q", Action::Quit, "esci", "quit"),
];

/// In a one-line editor (a table cell, a new phase's name, the search prompt).
pub const LINE_EDITOR: &[Binding] = &[
    b(
        &[k(KeyCode::Enter)],
        "Enter",
        Action::Commit,
        "conferma e salva",
        "confirm and save",
    ),
    b(
        &[k(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "annulla, il valore salvato resta",
        "cancel, the stored value stays",
    ),
];

/// In the narrative editor (plus the editor's own keys: arrows, Ctrl-U/Ctrl-Z undo, Ctrl-R redo…).
pub const NARRATIVE_EDITOR: &[Binding] = &[
    b(
        &[c('s')],
        "Ctrl-S",
        Action::Save,
        "salva il testo",
        "save the text",
    ),
    b(
        &[k(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "esci dall'editor (chiede se ci sono modifiche)",
        "leave the editor (asks when unsaved)",
    ),
];

/// When the app asks a question.
pub const QUESTION: &[Binding] = &[
    b(
        &[ch('s'), ch('y'), ch('S'), ch('Y')],
        "s / y",
        Action::Yes,
        "sì",
        "yes",
    ),
    b(
        &[ch('n'), ch('N'), k(KeyCode::Esc)],
        "n / Esc",
        Action::No,
        "no",
        "no",
    ),
];

/// Help screen: the sections in the order `?` shows them.
pub fn sections() -> [(&'static str, &'static [Binding]); 4] {
    [
        (tr("Navigazione e modifica", "Browsing and editing"), NORMAL),
        (
            tr("Modifica di una cella, ricerca", "Editing a cell, search"),
            LINE_EDITOR,
        ),
        (
            tr("Editor dello stato di attuazione", "Status report editor"),
            NARRATIVE_EDITOR,
        ),
        (tr("Domande", "Questions"), QUESTION),
    ]
}

/// The action `key` is bound to in `table`.
pub fn lookup(table: &[Binding], key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    table
        .iter()
        .find(|b| b.keys.iter().any(|k| k.code == key.code && k.ctrl == ctrl))
        .map(|b| b.action)
}
