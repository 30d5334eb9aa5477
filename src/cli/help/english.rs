//! The English of every help text the derive declares in Italian (the doc
//! comments of `Cli` and its subcommands), keyed by where the text sits.
//!
//! Texts already chosen by language where they are declared (the phase flags
//! of `set`, built from the table of phase fields) are not here; a test walks
//! the command and fails on a text that has no English, or an entry here that
//! matches nothing.

/// Where a text sits: a command by its path below `obiettivi` (`""` is
/// `obiettivi` itself, `"snapshot create"` a nested one), an argument by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text<'a> {
    About(&'a str),
    LongAbout(&'a str),
    AfterHelp(&'a str),
    Arg(&'a str, &'a str),
    /// An argument's text under `--help`, when its doc comment has more than one paragraph.
    LongHelp(&'a str, &'a str),
    /// A possible value of an argument: (command, argument, value).
    Value(&'a str, &'a str, &'a str),
}

use Text::*;

#[rustfmt::skip]
pub const ENGLISH: &[(Text<'static>, &str)] = &[
    (About(""), "The Scheda Obiettivi of the DUP: read and update it from a terminal"),
    (
        LongAbout(""),
        "The Scheda Obiettivi of the DUP: read and update it from a terminal.\n\
         Without a subcommand it opens the full-screen interface on the default database.",
    ),
    (Arg("", "db"), "Database to use (default: $OBIETTIVI_DB, then $XDG_DATA_HOME/obiettivi/db, then ~/.local/share/obiettivi/db)"),
    (Arg("", "plan"), "The plan to work on, by title (default: the one chosen with «plan use»)"),
    (Arg("", "empty"), "If the database does not exist yet, create it empty instead of with the DUP 2026-2028 data"),
    (Arg("", "no_mouse"), "The interface: leave the mouse to the terminal (copy and paste); also «mouse = false» in config.toml"),
    (About("export"), "Writes the whole database (JSON obiettivi/2, or /3 with the plan's cycle, or CSV or xlsx for spreadsheets) to stdout or to a file"),
    (Arg("export", "format"), "Format of the file"),
    (Value("export", "format", "json"), "JSON obiettivi/2, or /3 with the plan's cycle (interchange, backups)"),
    (Value("export", "format", "csv"), "One row for each phase, «;» separator, decimal comma, UTF-8 with BOM (Excel, LibreOffice)"),
    (Value("export", "format", "xlsx"), "Excel workbook: a sheet of the phases and one of the objectives, typed cells (dates, percentages)"),
    (Arg("export", "output"), "Destination file (default: stdout)"),
    (About("import"), "Imports a JSON obiettivi/1, /2 or /3 file, a text extract of the Scheda Obiettivi, or an xlsx/CSV like those export writes: all or nothing, by code"),
    (Arg("import", "file"), "The file to import (.json, a .txt extract of the scheda, an .xlsx or .csv from export: told apart by its content)"),
    (Arg("import", "dry_run"), "Show what would change, without writing anything"),
    (Arg("import", "force"), "xlsx/CSV: also apply the cells both the file and others changed since the export (recorded in the history)"),
    (Arg("import", "variation"), "xlsx/CSV: record the changed cells in open variation ID instead of applying them (approved plan)"),
    (About("set"), "Changes an objective or one of its phases (for scripts)"),
    (
        AfterHelp("set"),
        "Examples:\n  \
         obiettivi set 05_1201_0601 --phase 1 --weight 40 --progress 25%\n  \
         obiettivi set 05_1201_0601 --status Concluso\n  \
         obiettivi set 05_1201_0601 --phase 2 --actual-end 30/06/2026 --notes \"12 flats delivered\"\n  \
         echo \"Text…\" | obiettivi set 05_1201_0601 --year2 -\n  \
         obiettivi set --plan-text presentazione - < presentation.txt\n  \
         obiettivi set --batch edits.txt   (lines like: 05_1201_0601 --phase 1 --weight 40)",
    ),
    (Arg("set", "code"), "Code of the objective, e.g. 05_1201_0601 (also «05 1201 0601», or its end when no other code ends so: 0601); with --plan-text, the text («-»: from stdin)"),
    (Arg("set", "plan_text"), "Writes one of the performance report's texts (presentazione, contesto, processo) instead of an objective: obiettivi set --plan-text presentazione -"),
    (Arg("set", "batch"), "Several edits from a file (or «-» for stdin), one on each line with the same options: all or nothing"),
    (Arg("set", "phase"), "Number of the phase, from 1, in the order of the table"),
    (Arg("set", "status"), "State of the objective, e.g. «In Corso», «Concluso» (empty = none)"),
    (Arg("set", "public_value"), "Public value"),
    (Arg("set", "indicator"), "Number of the indicator, from 1 (with --target, --baseline, --measure, --name, --unit, --weight …)"),
    (Arg("set", "add_indicator"), "Adds an indicator with this name, at the end of the list"),
    (Arg("set", "target"), "Target for a plan year, e.g. 2026=20 (repeatable)"),
    (Arg("set", "baseline"), "Baseline value and its year, e.g. 12@2025"),
    (Arg("set", "measure"), "Measurement for a monitoring period, e.g. 30/06/2026=15 (repeatable)"),
    (Arg("set", "unit"), "The indicator's unit, e.g. «n.», «%», «days»"),
    (Arg("set", "polarity"), "Polarity: crescente (more is better) or decrescente"),
    (Arg("set", "rule"), "Rule: lineare (proportional) or soglia (reached or not)"),
    (Arg("set", "assessorato"), "Portfolio (assessorato) of the councillor"),
    (Arg("set", "operational"), "Operational objective"),
    (Arg("set", "year1"), "Year-1 status narrative («-» reads it from stdin)"),
    (Arg("set", "year2"), "Year-2 status narrative («-» reads it from stdin)"),
    (Arg("set", "gap_cause"), "Cause of the gap: esterna (external), interna (internal), indicatore (ill-built indicator); empty = none; in Consuntivo"),
    (Arg("set", "gap_comment"), "Comment on the gap (empty = none); in Consuntivo"),
    (Arg("set", "force_request"), "Ask that the achievement be forced to X (0–100), with --note; empty = withdrawn; in Consuntivo"),
    (Arg("set", "note"), "The note of the request to force"),
    (Arg("set", "forced"), "The validator forces the achievement to X (0–100), with --reason; empty = removed; in Valutazione"),
    (Arg("set", "not_assessable"), "The validator declares the objective not assessable, with --reason; in Valutazione"),
    (Arg("set", "reason"), "The reason for the forced value or the «not assessable»"),
    (Arg("set", "variation"), "Records the change in open variation ID instead of applying it (the plan is unchanged until it is approved)"),
    (About("history"), "History of the changes (who, when, what, before → after), oldest first"),
    (Arg("history", "code"), "Only the changes of this objective (its code, or its end: 0601)"),
    (Arg("history", "since"), "Only the changes made on this day or later (dd/mm/yyyy)"),
    (Arg("history", "user"), "Only the changes made by this user (the login name, as in the history)"),
    (About("backup"), "Writes a JSON copy of the database (default: into the folder <db>.snapshots)"),
    (Arg("backup", "output"), "Destination file (default: into the folder <db>.snapshots)"),
    (Arg("backup", "list"), "List the copies kept beside the database (those taken before imports too)"),
    (About("restore"), "Replaces the database with a JSON backup (after a copy of the current state)"),
    (Arg("restore", "file"), "The JSON backup to restore"),
    (About("report"), "The Scheda Obiettivi regenerated, with progress and warnings (Markdown, HTML for printing, text)"),
    (Arg("report", "format"), "Format (default: md for the scheda, html for the attuazione and the Relazione)"),
    (Value("report", "format", "xlsx"), "An Excel workbook with the per-objective table (the Relazione only)"),
    (Value("report", "format", "pdf"), "A4 PDF, printed by headless chromium (not PDF/A)"),
    (Arg("report", "doc"), "The document: the scheda, the programme status at a period, the performance report"),
    (Value("report", "doc", "scheda"), "The Scheda Obiettivi"),
    (Value("report", "doc", "attuazione"), "The programme status report at a period (--period)"),
    (Value("report", "doc", "relazione"), "The performance report (Relazione)"),
    (Arg("report", "period"), "The period of the status report (dd/mm/yyyy), e.g. 30/06/2026"),
    (Arg("report", "snapshot"), "The snapshot the document is made from (default: the period's «Monitoraggio DD/MM/YYYY» for the attuazione, the newest for the Relazione)"),
    (Value("report", "format", "md"), "Markdown"),
    (Value("report", "format", "html"), "A self-contained HTML file, to print on A4 (one page for each objective)"),
    (Value("report", "format", "txt"), "Plain text"),
    (Arg("report", "output"), "Destination file (default: stdout)"),
    (Arg("report", "codes"), "Only these objectives, by code or its end: 0601 (default: all)"),
    (Arg("report", "review"), "The minutes of review ID (obiettivi review list) instead of the scheda"),
    (Arg("check", "codes"), "Only the warnings of these objectives, by code or its end: 0601 (default: all)"),
    (About("check"), "Lists the warnings (sum of weights, dates, late phases); exit status 1 if there are any"),
    (About("snapshot"), "Snapshots of the plan for monitoring, kept in the database (create, list, delete)"),
    (About("snapshot create"), "Takes a picture of the plan as it is now, with a name (e.g. «Monitoring 30/06/2026»)"),
    (Arg("snapshot create", "name"), "The name of the snapshot"),
    (About("snapshot list"), "Lists the snapshots, oldest first, with the SHA-256 of the plan each holds"),
    (Arg("snapshot list", "full"), "The whole hash (64 digits) instead of its first 16"),
    (About("snapshot delete"), "Deletes a snapshot"),
    (Arg("snapshot delete", "name"), "The name of the snapshot"),
    (About("diff"), "What changed from one snapshot to another (or to now), objective by objective"),
    (Arg("diff", "snapshot"), "The snapshot to start from"),
    (Arg("diff", "other"), "The snapshot to arrive at (default: the plan as it is now)"),
    (Arg("diff", "format"), "Format of the comparison"),
    (Value("diff", "format", "txt"), "Plain text (words removed [-like this-], added {+like this+})"),
    (Value("diff", "format", "md"), "Markdown, for the minutes (removed ~~like this~~, added **like this**)"),
    (Arg("diff", "output"), "Destination file (default: stdout)"),
    (About("plan"), "The plans of the database (list, new, use)"),
    (About("plan list"), "Lists the plans of the database, with their year and state; * marks the default one"),
    (About("plan new"), "Makes a plan, empty or carrying over another's mandates, missions, objectives, phases and indicators (in Bozza, without narratives or measurements)"),
    (
        AfterHelp("plan new"),
        "The new plan does not become the default: «obiettivi plan use TITLE» chooses it, \
         «obiettivi --plan TITLE …» uses it for one command. With --from each indicator's baseline \
         becomes its last measurement of the old plan's year, when there is one; the old plan stays as it was.\n\n\
         Example:\n  \
         obiettivi plan new \"DUP 2027-2029\" --year 2027 --from \"DUP 2026-2028\"",
    ),
    (Arg("plan new", "title"), "The new plan's title (not another plan's of the database)"),
    (Arg("plan new", "year"), "The plan's operative year (the first of the DUP's three)"),
    (Arg("plan new", "from"), "The plan to carry the structure over from, by title"),
    (About("plan use"), "Chooses the plan that commands and the interface open when none is named"),
    (Arg("plan use", "title"), "The plan's title"),
    (About("review"), "The reviews held in meetings (key R); the minutes with `report --review ID`"),
    (About("review list"), "Lists the reviews (key R in the application), with how many objectives were reviewed"),
    (About("cycle"), "The plan's cycle: its state, its transitions and what blocks the next (advance, back)"),
    (About("cycle advance"), "Moves the plan to the next state of its cycle, after the checks"),
    (Arg("cycle advance", "dry_run"), "Lists what blocks the step, objective by objective, changing nothing (exit 1 when something does)"),
    (Arg("cycle advance", "act"), "The act that decides the step (the deliberation's number and date): needed for Approved, Reported and Validated"),
    (Arg("cycle advance", "reason"), "The reason (needed with --force)"),
    (Arg("cycle advance", "force"), "Passes the failed checks (a controller only, with --reason; recorded)"),
    (About("cycle back"), "Takes the plan back to the previous state of its cycle"),
    (Arg("cycle back", "reason"), "The reason for going back"),
    (About("period"), "The periods' monitoring windows (open, close, reopen, list)"),
    (
        AfterHelp("period"),
        "From «Approved» on a manager enters a period's measurements, progress, actual dates and \
         narratives only while its window is open; a controller always may. Closing a window takes \
         the snapshot «Monitoraggio DD/MM/YYYY».\n\n\
         Examples:\n  \
         obiettivi period open 30/06/2026 --until 15/07/2026\n  \
         obiettivi period close 30/06/2026\n  \
         obiettivi period reopen 30/06/2026 --reason \"measurement to correct\"\n  \
         obiettivi period list",
    ),
    (About("period open"), "Opens the period's monitoring window: managers enter measurements, progress and narratives in it"),
    (Arg("period open", "period"), "The period (dd/mm/yyyy), one of the plan's monitoring periods"),
    (Arg("period open", "until"), "Until when it stays open (dd/mm/yyyy)"),
    (About("period close"), "Closes the period's window and takes its snapshot «Monitoraggio DD/MM/YYYY»"),
    (Arg("period close", "period"), "The period (dd/mm/yyyy)"),
    (About("period reopen"), "Reopens the window of a period already closed, with the reason"),
    (Arg("period reopen", "period"), "The period (dd/mm/yyyy)"),
    (Arg("period reopen", "reason"), "The reason for reopening"),
    (Arg("period reopen", "until"), "Until when it stays open (dd/mm/yyyy)"),
    (About("period list"), "Lists the monitoring windows: open, closed, never opened, with who opened and closed them"),
    (About("reminders"), "What the open window's period (or the one named) still lacks, for each manager; exit status 1 when anything is missing"),
    (Arg("reminders", "period"), "The period (dd/mm/yyyy); default: the open window's"),
    (Arg("reminders", "format"), "Format: text for people, CSV for a mail merge"),
    (Value("reminders", "format", "txt"), "Text, by manager and objective"),
    (Value("reminders", "format", "csv"), "A row for each missing item, «;» separator, UTF-8 with a BOM (mail merge)"),
    (Arg("reminders", "output"), "Destination file (default: stdout)"),
    (About("variation"), "The approved plan's variations (open, list, show, approve, reject)"),
    (
        AfterHelp("variation"),
        "After approval (obiettivi cycle advance --act …) the plan's baseline — objectives' title, \
         manager and CdR; phases' names, weights and planned dates; indicators' definition, weight, \
         baseline and targets — changes only through an approved variation. The changes recorded \
         leave the plan untouched until the variation is approved; approving applies them all \
         together, or none: it is refused, naming the field, when the plan changed that field after \
         the variation recorded it.\n\n\
         Examples:\n  \
         obiettivi variation open --reason \"New regional call\"\n  \
         obiettivi set 05_1201_0601 --phase 1 --weight 30 --variation 1\n  \
         obiettivi import plan.xlsx --variation 1\n  \
         obiettivi variation show 1\n  \
         obiettivi variation approve 1 --act \"DGC 80, 15/07/2026\"\n  \
         obiettivi variation reject 1 --reason \"superseded\"",
    ),
    (About("variation open"), "Opens a variation of the approved plan, with its reason; prints its number"),
    (Arg("variation open", "reason"), "The variation's reason (e.g. a new regional call for funds)"),
    (About("variation list"), "Lists the variations: open, approved (with the act), rejected"),
    (About("variation show"), "A variation's changes, old → new against the plan"),
    (Arg("variation show", "id"), "The variation's number"),
    (About("variation approve"), "Approves the variation with its act: all its changes go into the plan together"),
    (Arg("variation approve", "id"), "The variation's number"),
    (Arg("variation approve", "act"), "The act approving it (the deliberation's number and date)"),
    (About("variation reject"), "Rejects the variation: nothing of it goes into the plan"),
    (Arg("variation reject", "id"), "The variation's number"),
    (Arg("variation reject", "reason"), "The reason"),
    (About("completions"), "Writes to stdout the completion of commands for the given shell"),
    (Arg("completions", "shell"), "The shell"),
    (Value("completions", "shell", "bash"), "bash (load it with `source`, or in /usr/share/bash-completion/completions/obiettivi)"),
    (Value("completions", "shell", "zsh"), "zsh (a file `_obiettivi` in a folder of $fpath)"),
    (Value("completions", "shell", "fish"), "fish (in ~/.config/fish/completions/obiettivi.fish)"),
    (About("man"), "Writes to stdout the manual page (man, section 1): `obiettivi man > obiettivi.1; man -l obiettivi.1`"),
    (About("serve"), "Server for several users on the same machine: holds the database and answers on the socket <db>.sock"),
    (Arg("serve", "config"), "Roles file (default: $OBIETTIVI_CONFIG, then <db>.toml)"),
    (Arg("serve", "quiet"), "Says nothing on stderr after starting: no line for each connection, refusal or change applied"),
];

/// The English for the text at `place`, if the table has it.
pub fn english(place: Text<'_>) -> Option<&'static str> {
    ENGLISH
        .iter()
        .find(|(key, _)| *key == place)
        .map(|(_, text)| *text)
}
