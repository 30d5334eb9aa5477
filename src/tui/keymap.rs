//! The key tables: they dispatch keys and they are what `?` lists, so the help
//! cannot drift from what the keys do. The defaults are the `const` tables
//! below; `Keymap` is what is in force after the user's `config.toml`
//! (`[keys]`, see `tui::config`), and every hint is written from it.

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
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    /// Reads a key as `name` writes it (names case-insensitive, `Ctrl-` or `C-`
    /// in front; `PageDown`, `Down` and the like accepted too).
    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.to_ascii_lowercase();
        for prefix in ["ctrl-", "ctrl+", "c-"] {
            if lower.starts_with(prefix) && text.len() > prefix.len() {
                let rest = Key::parse(&text[prefix.len()..])?;
                return match rest.code {
                    KeyCode::Char(c) if !rest.ctrl => Some(Key {
                        code: KeyCode::Char(c.to_ascii_lowercase()),
                        ctrl: true,
                    }),
                    _ => None,
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
        self.code == key.code && self.ctrl == key.modifiers.contains(KeyModifiers::CONTROL)
    }
}

/// How a key pressed is written in a message (`x`, `Ctrl-X`, `Alt-x`, `F5`).
pub fn event_name(key: KeyEvent) -> String {
    let name = Key {
        code: key.code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
    }
    .name();
    if key.modifiers.contains(KeyModifiers::ALT) {
        format!("Alt-{name}")
    } else {
        name
    }
}

/// A default binding: its keys, its action and what the help says it does.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub it: &'static str,
    pub en: &'static str,
}

const fn b(keys: &'static [Key], action: Action, it: &'static str, en: &'static str) -> Binding {
    Binding {
        keys,
        action,
        it,
        en,
    }
}

/// Every action a user may rebind, by the name `config.toml` gives it.
pub const NAMES: &[(Action, &str)] = &[
    (Action::NextPane, "next_pane"),
    (Action::PrevPane, "prev_pane"),
    (Action::FocusPane(0), "pane_1"),
    (Action::FocusPane(1), "pane_2"),
    (Action::FocusPane(2), "pane_3"),
    (Action::FocusPane(3), "pane_4"),
    (Action::FocusPane(4), "pane_5"),
    (Action::FocusPane(5), "pane_6"),
    (Action::Overview, "overview"),
    (Action::Sort, "sort"),
    (Action::Down, "down"),
    (Action::Up, "up"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::PageDown, "page_down"),
    (Action::PageUp, "page_up"),
    (Action::Left, "left"),
    (Action::Right, "right"),
    (Action::Enter, "enter"),
    (Action::EditWeight, "edit_weight"),
    (Action::EditProgress, "edit_progress"),
    (Action::EditCell, "edit_cell"),
    (Action::ChangeCell, "change_cell"),
    (Action::ProgressUp, "progress_up"),
    (Action::ProgressDown, "progress_down"),
    (Action::EqualWeights, "equal_weights"),
    (Action::Mark, "mark"),
    (Action::MarkAll, "mark_all"),
    (Action::Repeat, "repeat"),
    (Action::AddPhase, "add_phase"),
    (Action::DeletePhase, "delete_phase"),
    (Action::MovePhaseDown, "move_phase_down"),
    (Action::MovePhaseUp, "move_phase_up"),
    (Action::EditYear1, "edit_year1"),
    (Action::EditYear2, "edit_year2"),
    (Action::Search, "search"),
    (Action::SearchNext, "search_next"),
    (Action::SearchPrev, "search_prev"),
    (Action::Help, "help"),
    (Action::History, "history"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::Review, "review"),
    (Action::NextObjective, "next_objective"),
    (Action::PrevObjective, "prev_objective"),
    (Action::MarkReviewed, "mark_reviewed"),
    (Action::Filter, "filter"),
    (Action::Quit, "quit"),
    (Action::Commit, "commit"),
    (Action::CommitRight, "commit_right"),
    (Action::Cancel, "cancel"),
    (Action::Save, "save"),
    (Action::Keep, "keep"),
    (Action::Discard, "discard"),
    (Action::OnTop, "on_top"),
];

/// The action `config.toml` calls `name`.
pub fn action_named(name: &str) -> Option<Action> {
    NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
}

/// Browsing (GUIDE §4). The keys are a contract: scripts and tests drive the app with them.
pub const NORMAL: &[Binding] = &[
    b(
        &[k(KeyCode::Tab)],
        Action::NextPane,
        "riquadro successivo",
        "next pane",
    ),
    b(
        &[k(KeyCode::BackTab)],
        Action::PrevPane,
        "riquadro precedente",
        "previous pane",
    ),
    b(&[ch('j'), k(KeyCode::Down)], Action::Down, "giù", "down"),
    b(&[ch('k'), k(KeyCode::Up)], Action::Up, "su", "up"),
    b(
        &[ch('g'), k(KeyCode::Home)],
        Action::Top,
        "all'inizio",
        "to the top",
    ),
    b(
        &[ch('G'), k(KeyCode::End)],
        Action::Bottom,
        "alla fine",
        "to the bottom",
    ),
    b(
        &[k(KeyCode::PageDown)],
        Action::PageDown,
        "pagina giù",
        "page down",
    ),
    b(
        &[k(KeyCode::PageUp)],
        Action::PageUp,
        "pagina su",
        "page up",
    ),
    b(
        &[ch('h'), k(KeyCode::Left)],
        Action::Left,
        "albero: chiudi · tabella: cella precedente",
        "tree: collapse · table: previous cell",
    ),
    b(
        &[ch('l'), k(KeyCode::Right)],
        Action::Right,
        "albero: apri · tabella: cella successiva",
        "tree: expand · table: next cell",
    ),
    b(
        &[k(KeyCode::Enter)],
        Action::Enter,
        "albero: apri l'obiettivo · tabella: modifica la cella",
        "tree: open the objective · table: edit the cell",
    ),
    b(
        &[ch('i'), k(KeyCode::F(2))],
        Action::EditCell,
        "tabella: modifica la cella dal suo valore (come Enter)",
        "table: edit the cell from its value (as Enter)",
    ),
    b(
        &[ch('c')],
        Action::ChangeCell,
        "tabella: riscrivi la cella (il valore selezionato)",
        "table: rewrite the cell (its value selected)",
    ),
    b(
        &[ch('w')],
        Action::EditWeight,
        "peso di fase o indicatore (o marcati), il valore selezionato",
        "phase's or indicator's weight (or marked), the value selected",
    ),
    b(
        &[ch('p')],
        Action::EditProgress,
        "avanzamento della fase · indicatore: rilevazione del periodo",
        "phase's progress · indicator: this period's measurement",
    ),
    b(
        &[ch('+')],
        Action::ProgressUp,
        "avanzamento +5",
        "progress +5",
    ),
    b(
        &[ch('-')],
        Action::ProgressDown,
        "avanzamento −5",
        "progress −5",
    ),
    b(
        &[ch('=')],
        Action::EqualWeights,
        "pesi uguali su fasi o indicatori (o sui marcati), Σ = 100",
        "equal weights over phases or indicators (or the marked), Σ = 100",
    ),
    b(
        &[ch(' ')],
        Action::Mark,
        "marca / smarca e scende: la modifica vale per ogni marcata",
        "mark / unmark, go down: an edit applies to every marked one",
    ),
    b(
        &[ch('*')],
        Action::MarkAll,
        "marca tutte le righe della tabella (di nuovo: nessuna)",
        "mark every row of the table (again: none)",
    ),
    b(
        &[ch('.')],
        Action::Repeat,
        "ripeti l'ultima modifica sulla riga (o sulle marcate)",
        "repeat the last edit on the row (or the marked ones)",
    ),
    b(
        &[ch('a')],
        Action::AddPhase,
        "aggiungi una fase (sul riquadro Indicatori: un indicatore)",
        "add a phase (on the Indicators pane: an indicator)",
    ),
    b(
        &[ch('d')],
        Action::DeletePhase,
        "elimina la fase o l'indicatore (chiede conferma)",
        "delete the phase or indicator (asks)",
    ),
    b(
        &[ch('J')],
        Action::MovePhaseDown,
        "sposta la fase in giù",
        "move the phase down",
    ),
    b(
        &[ch('K')],
        Action::MovePhaseUp,
        "sposta la fase in su",
        "move the phase up",
    ),
    b(
        &[ch('e')],
        Action::EditYear1,
        "scrivi lo stato di attuazione 1° anno",
        "write the year-1 status report",
    ),
    b(
        &[ch('E')],
        Action::EditYear2,
        "scrivi lo stato di attuazione 2° anno",
        "write the year-2 status report",
    ),
    b(
        &[ch('/')],
        Action::Search,
        "cerca (codici, titoli, fasi, responsabili, testi)",
        "search (codes, titles, phases, managers, texts)",
    ),
    b(
        &[ch('n')],
        Action::SearchNext,
        "risultato successivo",
        "next match",
    ),
    b(
        &[ch('N')],
        Action::SearchPrev,
        "risultato precedente",
        "previous match",
    ),
    b(
        &[ch('?'), k(KeyCode::F(1))],
        Action::Help,
        "aiuto: questo elenco",
        "help: this list",
    ),
    b(
        &[ch('u')],
        Action::Undo,
        "annulla l'ultima modifica di questa sessione",
        "undo this session's last change",
    ),
    b(
        &[c('r')],
        Action::Redo,
        "ripeti la modifica annullata",
        "redo the undone change",
    ),
    b(
        &[ch('H')],
        Action::History,
        "cronologia dell'obiettivo (chi, quando, cosa)",
        "the objective's history (who, when, what)",
    ),
    b(
        &[ch('R')],
        Action::Review,
        "modalità revisione (riunioni di monitoraggio)",
        "review mode (monitoring meetings)",
    ),
    b(&[ch('q')], Action::Quit, "esci", "quit"),
    b(
        &[ch('1')],
        Action::FocusPane(0),
        "riquadro 1: albero",
        "pane 1: tree",
    ),
    b(
        &[ch('2')],
        Action::FocusPane(1),
        "riquadro 2: dettagli",
        "pane 2: details",
    ),
    b(
        &[ch('3')],
        Action::FocusPane(2),
        "riquadro 3: fasi",
        "pane 3: phases",
    ),
    b(
        &[ch('4')],
        Action::FocusPane(3),
        "riquadro 4: stato di attuazione",
        "pane 4: status reports",
    ),
    b(
        &[ch('5')],
        Action::FocusPane(4),
        "riquadro 5: quadro d'insieme",
        "pane 5: overview",
    ),
    b(
        &[ch('6')],
        Action::FocusPane(5),
        "riquadro 6: indicatori (target, rilevazioni, raggiungimento)",
        "pane 6: indicators (targets, measurements, achievement)",
    ),
    b(
        &[ch('o')],
        Action::Overview,
        "quadro d'insieme: piano per mandato, missione, responsabile, CdR",
        "overview: the plan by mandate, mission, manager, CdR",
    ),
    b(
        &[ch('f')],
        Action::Filter,
        "filtra l'albero: ambito, ritardi, Σ≠100, vuoti, testo…",
        "filter the tree: scope, late, Σ≠100, empty, text…",
    ),
    b(
        &[ch('s')],
        Action::Sort,
        "ordina nella missione: codice, avanzamento ↑ ↓, fasi in ritardo",
        "sort within the mission: code, progress ↑ ↓, late phases",
    ),
    b(
        &[k(KeyCode::Esc)],
        Action::Cancel,
        "chiude la finestra aperta; nell'albero toglie filtro e ordine",
        "closes the open window; in the tree, clears filter and order",
    ),
];

/// Review mode, one objective at a time. Keys not here fall back to these
/// actions of NORMAL, so they mean the same in both places.
pub const REVIEW: &[Binding] = &[
    b(
        &[ch('n'), k(KeyCode::Right)],
        Action::NextObjective,
        "obiettivo successivo",
        "next objective",
    ),
    b(
        &[ch('p'), k(KeyCode::Left)],
        Action::PrevObjective,
        "obiettivo precedente",
        "previous objective",
    ),
    b(
        &[ch('m')],
        Action::MarkReviewed,
        "segna come rivisto, con un commento facoltativo",
        "mark reviewed, with an optional comment",
    ),
    b(
        &[ch('f')],
        Action::Filter,
        "filtro: ambito, ritardo, Σ≠100, vuoti, da rivedere, modificati…",
        "filter: scope, late, Σ≠100, empty, not reviewed, changed…",
    ),
    b(
        &[ch('j'), k(KeyCode::Down)],
        Action::Down,
        "scorri la pagina",
        "scroll the page",
    ),
    b(
        &[ch('k'), k(KeyCode::Up)],
        Action::Up,
        "scorri indietro",
        "scroll back",
    ),
    b(
        &[ch('g'), k(KeyCode::Home)],
        Action::Top,
        "inizio della pagina",
        "top of the page",
    ),
    b(
        &[k(KeyCode::Enter)],
        Action::Enter,
        "modifica l'obiettivo nelle schermate normali (R torna qui)",
        "edit the objective in the normal panes (R comes back)",
    ),
    b(
        &[ch('R')],
        Action::Review,
        "un'altra revisione o istantanea",
        "another review or snapshot",
    ),
    b(
        &[k(KeyCode::Esc)],
        Action::Cancel,
        "esci dalla revisione (R la riprende)",
        "leave review mode (R resumes it)",
    ),
];

/// NORMAL actions that work in review mode too (`PgDn`/`PgUp`, `e`/`E`, `u`, `Ctrl-R`, `H`, `?`, `q`).
pub const REVIEW_ALSO: &[Action] = &[
    Action::PageDown,
    Action::PageUp,
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
        Action::Down,
        "voce successiva",
        "next item",
    ),
    b(
        &[ch('k'), k(KeyCode::Up)],
        Action::Up,
        "voce precedente",
        "previous item",
    ),
    b(
        &[ch('g'), k(KeyCode::Home)],
        Action::Top,
        "prima voce",
        "first item",
    ),
    b(
        &[ch('G'), k(KeyCode::End)],
        Action::Bottom,
        "ultima voce",
        "last item",
    ),
    b(
        &[k(KeyCode::PageDown)],
        Action::PageDown,
        "pagina giù",
        "page down",
    ),
    b(
        &[k(KeyCode::PageUp)],
        Action::PageUp,
        "pagina su",
        "page up",
    ),
    b(&[k(KeyCode::Enter)], Action::Commit, "scegli", "choose"),
    b(&[k(KeyCode::Esc)], Action::Cancel, "annulla", "cancel"),
];

/// In a table cell's editor (a phase's field, a new phase's name).
pub const CELL_EDITOR: &[Binding] = &[
    b(
        &[k(KeyCode::Enter)],
        Action::Commit,
        "salva e va alla stessa cella della fase successiva",
        "save and go to the same cell of the next phase",
    ),
    b(
        &[k(KeyCode::Tab)],
        Action::CommitRight,
        "salva e va alla cella a destra",
        "save and go to the cell on the right",
    ),
    b(
        &[k(KeyCode::Esc)],
        Action::Cancel,
        "annulla, il valore salvato resta",
        "cancel, the stored value stays",
    ),
];

/// In a one-line prompt (the search, a review comment).
pub const PROMPT: &[Binding] = &[
    b(&[k(KeyCode::Enter)], Action::Commit, "conferma", "confirm"),
    b(&[k(KeyCode::Esc)], Action::Cancel, "annulla", "cancel"),
];

/// In the narrative editor (plus the editor's own keys: arrows, Ctrl-U/Ctrl-Z undo, Ctrl-R redo…).
pub const NARRATIVE_EDITOR: &[Binding] = &[
    b(&[c('s')], Action::Save, "salva il testo", "save the text"),
    b(
        &[k(KeyCode::Esc)],
        Action::Cancel,
        "esci dall'editor (chiede se ci sono modifiche)",
        "leave the editor (asks when unsaved)",
    ),
];

/// When the app asks a question: the same keys mean the same everywhere
/// (GUIDE §4). Enter keeps the user's work; `d` is the one key that throws
/// something away; Esc leaves the question with nothing changed.
pub const QUESTION: &[Binding] = &[
    b(
        &[k(KeyCode::Enter)],
        Action::Keep,
        "tiene il tuo lavoro (la scelta predefinita)",
        "keeps your work (the default)",
    ),
    b(
        &[ch('d')],
        Action::Discard,
        "scarta: elimina, esce senza salvare, tiene la sua",
        "discards: deletes, leaves unsaved, keeps theirs",
    ),
    b(
        &[ch('o')],
        Action::OnTop,
        "conflitto: salva la tua versione sopra quella dell'altro",
        "conflict: saves your version on top of the other's",
    ),
    b(
        &[k(KeyCode::Esc)],
        Action::Cancel,
        "chiude la domanda, nulla cambia",
        "closes the question, nothing changes",
    ),
];

/// Where a key is pressed: each place has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Normal,
    Review,
    Picker,
    Cell,
    Prompt,
    Narrative,
    Question,
}

impl Context {
    /// In the order `?` shows them.
    pub const ALL: [Context; 7] = [
        Context::Normal,
        Context::Review,
        Context::Picker,
        Context::Cell,
        Context::Prompt,
        Context::Narrative,
        Context::Question,
    ];

    fn defaults(self) -> &'static [Binding] {
        match self {
            Context::Normal => NORMAL,
            Context::Review => REVIEW,
            Context::Picker => PICKER,
            Context::Cell => CELL_EDITOR,
            Context::Prompt => PROMPT,
            Context::Narrative => NARRATIVE_EDITOR,
            Context::Question => QUESTION,
        }
    }
}

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
                        keys: b.keys.to_vec(),
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

impl Keymap {
    pub fn table(&self, ctx: Context) -> &[Bound] {
        self.tables
            .iter()
            .find(|(c, _)| *c == ctx)
            .map_or(&[], |(_, t)| t.as_slice())
    }

    /// The action `key` is bound to in `ctx`.
    pub fn lookup(&self, ctx: Context, key: KeyEvent) -> Option<Action> {
        if key.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        self.table(ctx)
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action)
    }

    /// The keys of `action` in `ctx`, as the help writes them (`j ↓`; `—` when none).
    pub fn keys_of(&self, ctx: Context, action: Action) -> String {
        self.table(ctx)
            .iter()
            .find(|b| b.action == action)
            .map_or_else(|| "—".into(), Bound::shown)
    }

    /// What the help says `action` does in `ctx`.
    pub fn describe(&self, ctx: Context, action: Action) -> &'static str {
        self.table(ctx)
            .iter()
            .find(|b| b.action == action)
            .map_or("", Bound::description)
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
                    Context::Normal => tr("Navigazione e modifica", "Browsing and editing").into(),
                    Context::Review => {
                        let also: Vec<String> = REVIEW_ALSO
                            .iter()
                            .map(|a| self.keys_of(Context::Normal, *a))
                            .collect();
                        format!(
                            "{} · {} {}",
                            tr("Revisione", "Review"),
                            tr("valgono anche", "these work too:"),
                            also.join(" ")
                        )
                    }
                    Context::Picker => tr("Scelta da un elenco", "Choosing from a list").into(),
                    Context::Cell => tr("Modifica di una cella", "Editing a cell").into(),
                    Context::Prompt => tr("Ricerca, commento", "Search, comment").into(),
                    Context::Narrative => {
                        tr("Editor dello stato di attuazione", "Status report editor").into()
                    }
                    Context::Question => tr("Domande", "Questions").into(),
                };
                (title, self.table(*ctx))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Key::parse("PageUp"), Some(k(KeyCode::PageUp)));
        assert_eq!(Key::parse("Hyper-x"), None);
        assert_eq!(Key::parse("F13"), None);
        assert_eq!(Key::parse(""), None);
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
    fn the_readme_names_every_action_a_user_can_rebind() {
        let readme = include_str!("../../README.md");
        for (_, name) in NAMES {
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
            Some(Action::AddPhase)
        );
        assert!(keys.rebind(Action::AddPhase, &[ch('A')]));
        assert_eq!(
            keys.lookup(Context::Normal, press('A')),
            Some(Action::AddPhase)
        );
        assert_eq!(keys.lookup(Context::Normal, press('a')), None);
        assert_eq!(keys.keys_of(Context::Normal, Action::AddPhase), "A");
        // A key taken from another action leaves that one.
        keys.rebind(Action::Undo, &[ch('d')]);
        assert_eq!(keys.lookup(Context::Normal, press('d')), Some(Action::Undo));
        assert_eq!(keys.keys_of(Context::Normal, Action::DeletePhase), "—");
        assert_eq!(
            keys.hint(Context::Normal, &[(Action::Undo, "annulla")]),
            "d annulla"
        );
    }
}
