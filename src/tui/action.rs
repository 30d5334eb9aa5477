//! Everything a user can do in the TUI, where, and with which keys by
//! default: ONE list, a line per binding. From it `actions!` makes the
//! `Action` enum, `Context` (the places a key is pressed, in the order `?`
//! shows them), `NAMES` (what `config.toml` calls each action) and each
//! place's default table. `keymap` turns those into the keys in force (after
//! the user's `config.toml`), `?` lists them, `App::update` carries actions out.
//!
//! A line reads `Action "name" [keys] "aiuto" "help";`, keys written as the
//! help writes them. The line that names an action declares it (its doc is the
//! help's English), so an action without a name does not exist and every use
//! of it fails to compile; a line without a key does not match the macro. The
//! same action in another place is written with `_` for its name.

use crossterm::event::KeyEvent;

crate::actions! {
    enum {
        /// `1`…`6`: the pane with this index in `Pane::ALL` (named `pane_1`… below).
        FocusPane(u8),
        /// Any other key while typing: text for the editor.
        Type(KeyEvent),
        /// The terminal was resized (redraw only).
        Resize,
    }
    /// Browsing (GUIDE §4). The keys are a contract: scripts and tests drive the app with them.
    Normal {
        NextPane        "next_pane"        ["Tab"]         "riquadro successivo" "next pane";
        PrevPane        "prev_pane"        ["Shift-Tab"]   "riquadro precedente" "previous pane";
        Down            "down"             ["j", "↓"]      "giù" "down";
        Up              "up"               ["k", "↑"]      "su" "up";
        Top             "top"              ["g", "Home"]   "all'inizio (anche gg); dopo un numero, a quella riga" "to the top (gg too); after a number, to that row";
        Bottom          "bottom"           ["G", "End"]    "alla fine; dopo un numero, a quella riga (10G)" "to the bottom; after a number, to that row (10G)";
        PageDown        "page_down"        ["PgDn"]        "pagina giù" "page down";
        PageUp          "page_up"          ["PgUp"]        "pagina su" "page up";
        Left            "left"             ["h", "←"]      "albero: chiudi · tabella: cella precedente" "tree: collapse · table: previous cell";
        Right           "right"            ["l", "→"]      "albero: apri · tabella: cella successiva" "tree: expand · table: next cell";
        Enter           "enter"            ["Enter"]       "albero: apri l'obiettivo · tabella: modifica la cella" "tree: open the objective · table: edit the cell";
        EditCell        "edit_cell"        ["i", "F2"]     "tabella: modifica la cella dal suo valore (come Enter)" "table: edit the cell from its value (as Enter)";
        ChangeCell      "change_cell"      ["c"]           "tabella: riscrivi la cella (il valore selezionato)" "table: rewrite the cell (its value selected)";
        EditWeight      "edit_weight"      ["w"]           "peso di fase o indicatore (o marcati), il valore selezionato" "phase's or indicator's weight (or marked), the value selected";
        EditProgress    "edit_progress"    ["p"]           "avanzamento della fase · indicatore: rilevazione del periodo" "phase's progress · indicator: this period's measurement";
        ProgressUp      "progress_up"      ["+"]           "avanzamento +5" "progress +5";
        ProgressDown    "progress_down"    ["-"]           "avanzamento −5" "progress −5";
        EqualWeights    "equal_weights"    ["="]           "pesi uguali su fasi o indicatori (o sui marcati), Σ = 100" "equal weights over phases or indicators (or the marked), Σ = 100";
        Mark            "mark"             ["Space"]       "marca / smarca e scende: la modifica vale per ogni marcata" "mark / unmark, go down: an edit applies to every marked one";
        MarkAll         "mark_all"         ["*"]           "marca tutte le righe della tabella (di nuovo: nessuna)" "mark every row of the table (again: none)";
        Repeat          "repeat"           ["."]           "ripeti l'ultima modifica sulla riga (o sulle marcate)" "repeat the last edit on the row (or the marked ones)";
        AddRow          "add_phase"        ["a"]           "aggiungi una fase (sul riquadro Indicatori: un indicatore)" "add a phase (on the Indicators pane: an indicator)";
        DeleteRow       "delete_phase"     ["d"]           "elimina la fase o l'indicatore (chiede conferma)" "delete the phase or indicator (asks)";
        MoveRowDown     "move_phase_down"  ["J"]           "sposta la fase in giù" "move the phase down";
        MoveRowUp       "move_phase_up"    ["K"]           "sposta la fase in su" "move the phase up";
        EditYear1       "edit_year1"       ["e"]           "scrivi lo stato di attuazione 1° anno" "write the year-1 status report";
        EditYear2       "edit_year2"       ["E"]           "scrivi lo stato di attuazione 2° anno" "write the year-2 status report";
        Search          "search"           ["/"]           "cerca (codici, titoli, fasi, responsabili, testi)" "search (codes, titles, phases, managers, texts)";
        SearchNext      "search_next"      ["n"]           "risultato successivo" "next match";
        SearchPrev      "search_prev"      ["N"]           "risultato precedente" "previous match";
        Help            "help"             ["?", "F1"]     "aiuto: questo elenco" "help: this list";
        Undo            "undo"             ["u"]           "annulla l'ultima modifica di questa sessione" "undo this session's last change";
        Redo            "redo"             ["Ctrl-R"]      "ripeti la modifica annullata" "redo the undone change";
        History         "history"          ["H"]           "cronologia dell'obiettivo (chi, quando, cosa)" "the objective's history (who, when, what)";
        Cycle           "cycle"            ["C"]           "il ciclo del piano: stato, passaggi, cosa blocca il prossimo" "the plan's cycle: state, transitions, what blocks the next";
        PlanTexts       "plan_texts"       ["T"]           "testi della Relazione: presentazione, contesto, processo" "the report's texts: presentation, context, process";
        Variation       "variation"        ["V"]           "modalità variazione: modifiche nella variazione aperta o nuova" "variation mode: edits go into the open (or a new) variation";
        Review          "review"           ["R"]           "modalità revisione (riunioni di monitoraggio)" "review mode (monitoring meetings)";
        Quit            "quit"             ["q"]           "esci" "quit";
        FocusPane(0)    "pane_1"           ["1"]           "riquadro 1: albero" "pane 1: tree";
        FocusPane(1)    "pane_2"           ["2"]           "riquadro 2: dettagli" "pane 2: details";
        FocusPane(2)    "pane_3"           ["3"]           "riquadro 3: fasi" "pane 3: phases";
        FocusPane(3)    "pane_4"           ["4"]           "riquadro 4: stato di attuazione" "pane 4: status reports";
        FocusPane(4)    "pane_5"           ["5"]           "riquadro 5: quadro d'insieme" "pane 5: overview";
        FocusPane(5)    "pane_6"           ["6"]           "riquadro 6: indicatori (target, rilevazioni, raggiungimento)" "pane 6: indicators (targets, measurements, achievement)";
        Overview        "overview"         ["o"]           "quadro d'insieme: piano per mandato, missione, responsabile, CdR" "overview: the plan by mandate, mission, manager, CdR";
        Filter          "filter"           ["f"]           "filtra l'albero: ambito, ritardi, Σ≠100, vuoti, testo…" "filter the tree: scope, late, Σ≠100, empty, text…";
        Sort            "sort"             ["s"]           "ordina nella missione: codice, avanzamento ↑ ↓, fasi in ritardo" "sort within the mission: code, progress ↑ ↓, late phases";
        Cancel          "cancel"           ["Esc"]         "chiude la finestra aperta; nell'albero toglie filtro e ordine" "closes the open window; in the tree, clears filter and order";
        HalfPageDown    "half_page_down"   ["Ctrl-D"]      "mezza pagina giù" "half a page down";
        HalfPageUp      "half_page_up"     ["Ctrl-U"]      "mezza pagina su" "half a page up";
        Yank            "yank"             ["y"]           "copia la cella" "copy the cell";
        Paste           "paste"            ["P"]           "incolla la cella copiata sulla riga o sulle marcate" "paste the copied cell on the row or the marked ones";
        FillDown        "fill_down"        ["\""]          "ripete la cella di sopra (marcate: quella sopra la prima)" "repeat the cell above (marked rows: the one above the first)";
        CommandLine     "command_line"     [":"]           "riga di comando: :CODICE, :set …, :drafts, :w, :q, :help PAROLA" "command line: :CODE, :set …, :drafts, :w, :q, :help WORD";
    }
    /// Review mode, one objective at a time. Keys not here fall back to
    /// `Normal`'s motions (they scroll the page) and its actions in
    /// `keymap::REVIEW_ALSO`, so they mean the same in both places.
    Review {
        NextObjective   "next_objective"   ["n", "→"]      "obiettivo successivo" "next objective";
        PrevObjective   "prev_objective"   ["p", "←"]      "obiettivo precedente" "previous objective";
        MarkReviewed    "mark_reviewed"    ["m"]           "segna rivisto (commento facoltativo), va al prossimo" "mark reviewed (optional comment), go to the next";
        Filter          _                  ["f"]           "filtro: ambito, ritardo, Σ≠100, vuoti, da rivedere, modificati…" "filter: scope, late, Σ≠100, empty, not reviewed, changed…";
        Enter           _                  ["Enter"]       "modifica l'obiettivo nelle schermate normali (R torna qui)" "edit the objective in the normal panes (R comes back)";
        Review          _                  ["R"]           "un'altra revisione o istantanea" "another review or snapshot";
        Cancel          _                  ["Esc"]         "esci dalla revisione (R la riprende)" "leave review mode (R resumes it)";
    }
    /// A list to choose from (which review, which filter).
    Picker {
        Down            _                  ["j", "↓"]      "voce successiva" "next item";
        Up              _                  ["k", "↑"]      "voce precedente" "previous item";
        Top             _                  ["g", "Home"]   "prima voce" "first item";
        Bottom          _                  ["G", "End"]    "ultima voce" "last item";
        PageDown        _                  ["PgDn"]        "pagina giù" "page down";
        PageUp          _                  ["PgUp"]        "pagina su" "page up";
        HalfPageDown    _                  ["Ctrl-D"]      "mezza pagina giù" "half a page down";
        HalfPageUp      _                  ["Ctrl-U"]      "mezza pagina su" "half a page up";
        Commit          "commit"           ["Enter"]       "scegli" "choose";
        Cancel          _                  ["Esc"]         "annulla" "cancel";
    }
    /// In a table cell's editor (a phase's field, a new phase's name).
    Cell {
        Commit          _                  ["Enter"]       "salva e va alla stessa cella della fase successiva" "save and go to the same cell of the next phase";
        CommitRight     "commit_right"     ["Tab"]         "salva e va alla cella a destra" "save and go to the cell on the right";
        Cancel          _                  ["Esc"]         "annulla, il valore salvato resta" "cancel, the stored value stays";
    }
    /// In a one-line prompt (the search, a review comment).
    Prompt {
        Commit          _                  ["Enter"]       "conferma" "confirm";
        Cancel          _                  ["Esc"]         "annulla" "cancel";
    }
    /// In the command line (`:`).
    Command {
        Commit          _                  ["Enter"]       "esegue il comando" "runs the command";
        Cancel          _                  ["Esc"]         "chiude la riga di comando" "closes the command line";
        HistoryBack     "history_back"     ["↑"]           "comando precedente di questa sessione" "this session's previous command";
        HistoryForward  "history_forward"  ["↓"]           "comando successivo" "next command";
        Complete        "complete"         ["Tab"]         "completa il comando, il codice o l'opzione" "completes the command, the code or the flag";
    }
    /// In the narrative editor (plus the editor's own keys: arrows, Ctrl-U/Ctrl-Z undo, Ctrl-R redo…).
    /// A motion with Shift held extends the selection.
    Narrative {
        Save            "save"             ["Ctrl-S"]      "salva il testo" "save the text";
        Cancel          _                  ["Esc"]         "esci dall'editor (chiede se ci sono modifiche)" "leave the editor (asks when unsaved)";
        SelectAll       "select_all"       ["Ctrl-A"]      "seleziona tutto: ciò che scrivi lo sostituisce" "select all: what you type replaces it";
        ClearText       "clear_text"       ["Ctrl-L"]      "svuota il testo (Ctrl-Z lo riporta)" "empty the text (Ctrl-Z brings it back)";
        WordRight       "word_right"       ["Ctrl-→", "Alt-f"] "parola successiva" "next word";
        WordLeft        "word_left"        ["Ctrl-←", "Alt-b"] "parola precedente" "previous word";
        ParagraphDown   "paragraph_down"   ["Ctrl-↓", "Alt-}"] "capoverso successivo" "next paragraph";
        ParagraphUp     "paragraph_up"     ["Ctrl-↑", "Alt-{"] "capoverso precedente" "previous paragraph";
        TextStart       "text_start"       ["Ctrl-Home", "Alt-<"] "inizio del testo" "start of the text";
        TextEnd         "text_end"         ["Ctrl-End", "Alt->"] "fine del testo" "end of the text";
        Help            _                  ["F1"]          "aiuto (Esc torna al testo)" "help (Esc goes back to the text)";
    }
    /// When the app asks a question: the same keys mean the same everywhere
    /// (GUIDE §4). Enter keeps the user's work; `d` is the one key that throws
    /// something away (never `s`/`y`); Esc leaves the question with nothing changed.
    Question {
        Keep            "keep"             ["Enter"]       "tiene il tuo lavoro (la scelta predefinita)" "keeps your work (the default)";
        Discard         "discard"          ["d"]           "scarta: elimina, esce senza salvare, tiene la sua" "discards: deletes, leaves unsaved, keeps theirs";
        OnTop           "on_top"           ["o"]           "conflitto: salva la tua versione sopra quella dell'altro" "conflict: saves your version on top of the other's";
        Cancel          _                  ["Esc"]         "chiude la domanda, nulla cambia" "closes the question, nothing changes";
    }
}

impl Action {
    /// The motions: what a count repeats and what moves a list or a page,
    /// in every place that has them.
    pub fn is_motion(self) -> bool {
        matches!(
            self,
            Action::Down
                | Action::Up
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
        )
    }
}

/// Reads the list above (see the module's comment). It walks the lines one by
/// one, gathering the enum's variants and the names from the lines that name
/// an action, and each place's bindings from every line; then it writes the
/// items. Exported only so that the examples below compile against it.
/// Each line is a step of the macro's recursion: past ~120 lines (97 today)
/// the compiler asks for a higher `#![recursion_limit]` in `lib.rs`.
///
/// ```
/// obiettivi::actions! {
///     enum { Pane(u8), Resize }
///     Normal {
///         Quit "quit" ["q"] "esci" "quit";
///         Pane(0) "pane_1" ["1"] "riquadro 1" "pane 1";
///     }
///     Question { Quit _ ["Esc"] "chiude" "closes"; }
/// }
/// assert_eq!(NAMES, &[(Action::Quit, "quit"), (Action::Pane(0), "pane_1")]);
/// assert_eq!(Context::ALL, &[Context::Normal, Context::Question]);
/// assert_eq!(Context::Question.defaults()[0].keys, &["Esc"]);
/// ```
///
/// An action that no line names is not declared (here `Quit`):
///
/// ```compile_fail,E0599
/// obiettivi::actions! {
///     enum {}
///     Normal { Quit _ ["q"] "esci" "quit"; }
/// }
/// ```
///
/// Nor can an action be named twice:
///
/// ```compile_fail,E0428
/// obiettivi::actions! {
///     enum {}
///     Normal { Quit "quit" ["q"] "esci" "quit"; }
///     Question { Quit "close" ["Esc"] "chiude" "closes"; }
/// }
/// ```
///
/// A line without a name, or without a key, is not a line:
///
/// ```compile_fail
/// obiettivi::actions! {
///     enum {}
///     Normal { Quit ["q"] "esci" "quit"; }
/// }
/// ```
///
/// ```compile_fail
/// obiettivi::actions! {
///     enum {}
///     Normal { Quit "quit" [] "esci" "quit"; }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! actions {
    // Every place read: write the items.
    (@places [$($variant:tt)*] [$($named:tt)*]
        [$( [$(#[$doc:meta])* $place:ident]
            { $( ($action:expr, [$($key:literal),+] $it:literal $en:literal) )* } )*]) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action { $($variant)* }

        /// A default binding: its keys (as `config.toml` and the help write
        /// them), its action and what the help says it does there.
        pub struct Binding {
            pub keys: &'static [&'static str],
            pub action: Action,
            pub it: &'static str,
            pub en: &'static str,
        }

        /// Every action a user may rebind, by the name `config.toml` gives it.
        pub const NAMES: &[(Action, &str)] = &[$($named)*];

        /// Where a key is pressed: each place has its own table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Context { $( $(#[$doc])* $place, )* }

        impl Context {
            /// In the order `?` shows them.
            pub const ALL: &'static [Context] = &[$(Context::$place),*];

            /// The place's default bindings, in the order `?` shows them.
            pub fn defaults(self) -> &'static [Binding] {
                match self {
                    $(Context::$place => {
                        const TABLE: &[Binding] = &[$(
                            Binding { keys: &[$($key),+], action: $action, it: $it, en: $en },
                        )*];
                        TABLE
                    })*
                }
            }
        }
    };
    // The next place: read its lines.
    (@places $variants:tt $named:tt [$($done:tt)*]
        $(#[$doc:meta])* $place:ident { $($line:tt)* } $($rest:tt)*) => {
        $crate::actions!(@lines $variants $named [$($done)*] [$(#[$doc])* $place] []
            { $($line)* } $($rest)*);
    };
    // The place's lines read.
    (@lines $variants:tt $named:tt [$($done:tt)*] $place:tt [$($binding:tt)*]
        { } $($rest:tt)*) => {
        $crate::actions!(@places $variants $named [$($done)* $place { $($binding)* }] $($rest)*);
    };
    // `Pane(0) "pane_1" …`: a name for a variant with a value, declared in `enum`.
    (@lines $variants:tt [$($named:tt)*] $done:tt $place:tt [$($binding:tt)*]
        { $action:ident ($arg:literal) $name:literal [$($key:literal),+] $it:literal $en:literal;
          $($line:tt)* } $($rest:tt)*) => {
        $crate::actions!(@lines $variants [$($named)* (Action::$action($arg), $name),] $done $place
            [$($binding)* (Action::$action($arg), [$($key),+] $it $en)]
            { $($line)* } $($rest)*);
    };
    // `Down "down" …`: the line that declares the action.
    (@lines [$($variant:tt)*] [$($named:tt)*] $done:tt $place:tt [$($binding:tt)*]
        { $action:ident $name:literal [$($key:literal),+] $it:literal $en:literal;
          $($line:tt)* } $($rest:tt)*) => {
        $crate::actions!(@lines [$($variant)* #[doc = $en] $action,] [$($named)* (Action::$action, $name),]
            $done $place [$($binding)* (Action::$action, [$($key),+] $it $en)]
            { $($line)* } $($rest)*);
    };
    // `Down _ …`: the action again, in another place.
    (@lines $variants:tt $named:tt $done:tt $place:tt [$($binding:tt)*]
        { $action:ident _ [$($key:literal),+] $it:literal $en:literal; $($line:tt)* } $($rest:tt)*) => {
        $crate::actions!(@lines $variants $named $done $place
            [$($binding)* (Action::$action, [$($key),+] $it $en)]
            { $($line)* } $($rest)*);
    };
    // The start: the variants with a value (or without a key), then the places.
    (enum { $($(#[$doc:meta])* $variant:ident $(($ty:ty))?),* $(,)? } $($places:tt)*) => {
        $crate::actions!(@places [$($(#[$doc])* $variant $(($ty))?,)*] [] [] $($places)*);
    };
}
