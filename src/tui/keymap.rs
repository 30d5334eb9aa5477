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
        &[ch('1')],
        "1…5",
        Action::FocusPane(0),
        "riquadro per numero (1 albero … 5 quadro d'insieme)",
        "pane by number (1 tree … 5 overview)",
    ),
    b(&[ch('2')], "", Action::FocusPane(1), "", ""),
    b(&[ch('3')], "", Action::FocusPane(2), "", ""),
    b(&[ch('4')], "", Action::FocusPane(3), "", ""),
    b(&[ch('5')], "", Action::FocusPane(4), "", ""),
    b(
        &[ch('o')],
        "o",
        Action::Overview,
        "quadro d'insieme: piano per mandato, missione, responsabile, CdR",
        "overview: the plan by mandate, mission, manager, CdR",
    ),
    b(
        &[ch('f')],
        "f",
        Action::Filter,
        "filtra l'albero: ambito, ritardo, Σ≠100, vuoti, da rivedere, testo",
        "filter the tree: scope, late, Σ≠100, empty, not reviewed, text",
    ),
    b(
        &[ch('s')],
        "s",
        Action::Sort,
        "ordina nella missione: codice, avanzamento ↑ ↓, fasi in ritardo",
        "sort within the mission: code, progress ↑ ↓, late phases",
    ),
    b(
        &[k(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "chiude la finestra aperta; nell'albero toglie filtro e ordine",
        "closes the open window; in the tree, clears filter and order",
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
    b(
        &[ch('R')],
        "R",
        Action::Review,
        "modalità revisione (riunioni di monitoraggio)",
        "review mode (monitoring meetings)",
    ),
    b(&[ch('q')], "q", Action::Quit, "esci", "quit"),
];

/// Review mode, one objective at a time. Keys not here fall back to these
/// actions of NORMAL, so they mean the same in both places.
pub const REVIEW: &[Binding] = &[
    b(
        &[ch('n'), k(KeyCode::Right)],
        "n →",
        Action::NextObjective,
        "obiettivo successivo",
        "next objective",
    ),
    b(
        &[ch('p'), k(KeyCode::Left)],
        "p ←",
        Action::PrevObjective,
        "obiettivo precedente",
        "previous objective",
    ),
    b(
        &[ch('m')],
        "m",
        Action::MarkReviewed,
        "segna come rivisto, con un commento facoltativo",
        "mark reviewed, with an optional comment",
    ),
    b(
        &[ch('f')],
        "f",
        Action::Filter,
        "filtro: ambito, ritardo, Σ≠100, vuoti, da rivedere, modificati…",
        "filter: scope, late, Σ≠100, empty, not reviewed, changed…",
    ),
    b(
        &[ch('j'), k(KeyCode::Down)],
        "j ↓ PgDn",
        Action::Down,
        "scorri la pagina",
        "scroll the page",
    ),
    b(
        &[ch('k'), k(KeyCode::Up)],
        "k ↑ PgUp",
        Action::Up,
        "scorri indietro",
        "scroll back",
    ),
    b(&[k(KeyCode::PageDown)], "", Action::PageDown, "", ""),
    b(&[k(KeyCode::PageUp)], "", Action::PageUp, "", ""),
    b(
        &[ch('g'), k(KeyCode::Home)],
        "g Home",
        Action::Top,
        "inizio della pagina",
        "top of the page",
    ),
    b(
        &[k(KeyCode::Enter)],
        "Enter",
        Action::Enter,
        "modifica l'obiettivo nelle schermate normali (R torna qui)",
        "edit the objective in the normal panes (R comes back)",
    ),
    b(
        &[ch('R')],
        "R",
        Action::Review,
        "un'altra revisione o istantanea",
        "another review or snapshot",
    ),
    b(
        &[k(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "esci dalla revisione (R la riprende)",
        "leave review mode (R resumes it)",
    ),
];

/// NORMAL actions that work in review mode too (`e`/`E`, `u`, `Ctrl-R`, `H`, `?`, `q`).
pub const REVIEW_ALSO: &[Action] = &[
    Action::EditYear1,
    Action::EditYear2,
    Action::Undo,
    Action::Redo,
    Action::History,
    Action::Help,
    Action::Quit,
];

/// A list to choose from (which review, which filter).
pub const PICKER: &[Binding] = &[
    b(
        &[ch('j'), k(KeyCode::Down)],
        "j ↓",
        Action::Down,
        "voce successiva",
        "next item",
    ),
    b(
        &[ch('k'), k(KeyCode::Up)],
        "k ↑",
        Action::Up,
        "voce precedente",
        "previous item",
    ),
    b(
        &[ch('g'), k(KeyCode::Home)],
        "g Home",
        Action::Top,
        "prima voce",
        "first item",
    ),
    b(
        &[ch('G'), k(KeyCode::End)],
        "G End",
        Action::Bottom,
        "ultima voce",
        "last item",
    ),
    b(
        &[k(KeyCode::PageDown)],
        "PgDn PgUp",
        Action::PageDown,
        "pagina giù, su",
        "page down, up",
    ),
    b(&[k(KeyCode::PageUp)], "", Action::PageUp, "", ""),
    b(
        &[k(KeyCode::Enter)],
        "Enter",
        Action::Commit,
        "scegli",
        "choose",
    ),
    b(
        &[k(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "annulla",
        "cancel",
    ),
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
pub fn sections() -> [(&'static str, &'static [Binding]); 6] {
    [
        (tr("Navigazione e modifica", "Browsing and editing"), NORMAL),
        (
            tr(
                "Revisione (R) · valgono anche e E u Ctrl-R H ? q",
                "Review (R) · e E u Ctrl-R H ? q work too",
            ),
            REVIEW,
        ),
        (tr("Scelta da un elenco", "Choosing from a list"), PICKER),
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
