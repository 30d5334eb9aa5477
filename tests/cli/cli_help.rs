//! `--help` and usage errors in the user's language (GUIDE §3): no English
//! under `LANG=it…`, no Italian under `LANG=en…`, for clap's own words too.

use crate::common;
use common::*;

use clap::CommandFactory;

const ITALIAN: &str = "it_IT.UTF-8";
const ENGLISH: &str = "en_US.UTF-8";

/// Words that only English help would contain (clap's own first; not "date",
/// the plural of the Italian "data"). Command
/// and flag names (`export`, `help`, `--empty`) are the same in both languages.
const ENGLISH_WORDS: &[&str] = &[
    "usage",
    "options",
    "commands",
    "arguments",
    "print",
    "version",
    "default",
    "possible",
    "values",
    "error",
    "tip",
    "unexpected",
    "argument",
    "required",
    "provided",
    "information",
    "try",
    "subcommand",
    "summary",
    "the",
    "of",
    "and",
    "to",
    "with",
    "for",
    "from",
    "or",
    "is",
    "if",
    "this",
    "these",
    "only",
    "without",
    "writes",
    "lists",
    "changes",
    "objective",
    "objectives",
    "phase",
    "destination",
    "name",
    "text",
    "path",
    "code",
    "command",
    "format",
    "value",
    "examples",
];

/// Words that only Italian help would contain.
const ITALIAN_WORDS: &[&str] = &[
    "il",
    "lo",
    "la",
    "gli",
    "le",
    "di",
    "del",
    "della",
    "dei",
    "delle",
    "da",
    "dal",
    "dalla",
    "che",
    "per",
    "con",
    "una",
    "uno",
    "un",
    "non",
    "è",
    "più",
    "dell",
    "nell",
    "uso",
    "opzioni",
    "comandi",
    "argomenti",
    "predefinito",
    "valori",
    "possibili",
    "mostra",
    "aiuto",
    "versione",
    "errore",
    "obiettivo",
    "fase",
    "fasi",
    "nome",
    "testo",
    "percorso",
    "codice",
    "comando",
    "formato",
    "istantanea",
    "scrive",
    "elenca",
    "modifica",
    "sottocomando",
    "saperne",
    "esempi",
    "oggi",
    "solo",
    "questi",
    "vuoto",
    "altrimenti",
    "mancano",
    "inatteso",
    "forse",
];

/// The words of `text`, lower case; a flag (`--dry-run`) or a placeholder
/// path (`$XDG_DATA_HOME`) stays one word.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '$'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words of the other language that `text` contains.
fn foreign(text: &str, lang: &str) -> Vec<String> {
    let list = if lang == ITALIAN {
        ENGLISH_WORDS
    } else {
        ITALIAN_WORDS
    };
    let mut found: Vec<String> = words(text)
        .into_iter()
        .filter(|w| list.contains(&w.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

fn obiettivi(lang: &str, args: &[&str]) -> std::process::Output {
    bin().env("LANG", lang).args(args).output().unwrap()
}

/// Every command path: `[]`, `["export"]`, …, `["snapshot", "create"]`.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            walk(sub, sub_path, out);
        }
        out.push(path);
    }
    let mut out = Vec::new();
    walk(&obiettivi::cli::Cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn every_help_is_in_the_users_language_only() {
    let paths = command_paths();
    assert!(paths.len() > 12, "{paths:?}");
    for lang in [ITALIAN, ENGLISH] {
        for path in &paths {
            for flag in ["--help", "-h"] {
                let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
                args.push(flag);
                let o = obiettivi(lang, &args);
                assert_eq!(o.status.code(), Some(0), "{lang} {args:?}: {}", stderr(&o));
                let help = stdout(&o);
                assert!(help.contains("obiettivi"), "{lang} {args:?}: {help}");
                let found = foreign(&help, lang);
                assert!(found.is_empty(), "{lang} {args:?}: {found:?} in\n{help}");
            }
        }
    }
}

#[test]
fn the_help_subcommand_is_in_the_users_language_only() {
    for lang in [ITALIAN, ENGLISH] {
        for args in [
            &["help"][..],
            &["help", "help"],
            &["help", "snapshot", "create"],
        ] {
            let o = obiettivi(lang, args);
            assert_eq!(o.status.code(), Some(0), "{lang} {args:?}: {}", stderr(&o));
            let help = stdout(&o);
            let found = foreign(&help, lang);
            assert!(found.is_empty(), "{lang} {args:?}: {found:?} in\n{help}");
        }
    }
}

#[test]
fn help_headings_and_clap_flags_are_translated() {
    let it = stdout(&obiettivi(ITALIAN, &["export", "--help"]));
    for shown in [
        "Uso: obiettivi export [OPZIONI]",
        "Opzioni:",
        "--format <FORMATO>",
        "Valori possibili:",
        "[predefinito: json]",
        "-h, --help",
        "Mostra l'aiuto",
    ] {
        assert!(it.contains(shown), "{shown:?} in\n{it}");
    }
    let en = stdout(&obiettivi(ENGLISH, &["--help"]));
    for shown in [
        "Usage: obiettivi [OPTIONS] [COMMAND]",
        "Commands:",
        "Print version",
        "Database to use",
        "help         Print this message",
    ] {
        assert!(en.contains(shown), "{shown:?} in\n{en}");
    }
    let set = stdout(&obiettivi(ENGLISH, &["set", "-h"]));
    assert!(set.contains("Examples:"), "{set}");
    assert!(set.contains("--name <TEXT>"), "{set}");
    // Optional: `set --batch FILE` takes none.
    assert!(set.contains("Arguments:\n  [CODE]"), "{set}");
}

#[test]
fn the_version_is_printed_in_both_languages() {
    for lang in [ITALIAN, ENGLISH] {
        let o = obiettivi(lang, &["--version"]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            stdout(&o),
            format!("obiettivi {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

/// A usage error: exit status 2, nothing on stdout, and on stderr `expected`
/// and the way to the help, in `lang` only.
fn assert_usage_error(lang: &str, args: &[&str], expected: &[&str]) {
    let o = obiettivi(lang, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{lang} {args:?}: {err}");
    assert_eq!(stdout(&o), "", "{lang} {args:?}");
    for shown in expected {
        assert!(err.contains(shown), "{lang} {args:?}: {shown:?} in\n{err}");
    }
    let found = foreign(&err, lang);
    assert!(found.is_empty(), "{lang} {args:?}: {found:?} in\n{err}");
}

#[test]
fn an_unknown_flag_is_a_usage_error_in_the_users_language() {
    assert_usage_error(
        ITALIAN,
        &["--foo"],
        &[
            "obiettivi: errore: argomento inatteso «--foo»",
            "Uso: obiettivi [OPZIONI] [COMANDO]",
            "Per saperne di più: obiettivi --help",
        ],
    );
    assert_usage_error(
        ENGLISH,
        &["--foo"],
        &[
            "obiettivi: error: unexpected argument «--foo»",
            "Usage: obiettivi [OPTIONS] [COMMAND]",
            "obiettivi --help",
        ],
    );
    // clap's suggestion comes along, in the same language.
    assert_usage_error(
        ITALIAN,
        &["import", "--dryrun", "x.json"],
        &[
            "argomento inatteso «--dryrun»; forse «--dry-run»?",
            "obiettivi import --help",
        ],
    );
}

#[test]
fn a_missing_argument_is_a_usage_error_in_the_users_language() {
    assert_usage_error(
        ITALIAN,
        &["import"],
        &[
            "obiettivi: errore: mancano argomenti obbligatori: <FILE>",
            "Uso: obiettivi import [OPZIONI] <FILE>",
            "obiettivi import --help",
        ],
    );
    assert_usage_error(
        ENGLISH,
        &["snapshot", "create"],
        &[
            "obiettivi: error: the following required arguments were not provided: <NAME>",
            "obiettivi snapshot create --help",
        ],
    );
}

#[test]
fn a_bad_value_is_a_usage_error_in_the_users_language() {
    assert_usage_error(
        ITALIAN,
        &["export", "--format", "pdf"],
        &["valore non valido «pdf» per «--format <FORMATO>» (valori possibili: json, csv, xlsx)"],
    );
    // The standard number parser's words are replaced too.
    assert_usage_error(
        ENGLISH,
        &["set", "05_1201_0601", "--phase", "two"],
        &["invalid value «two» for «--phase <N>»: a positive whole number is needed"],
    );
    assert_usage_error(
        ITALIAN,
        &["expor"],
        &["comando sconosciuto «expor»", "«export»"],
    );
}

#[test]
fn a_subcommand_without_its_action_shows_its_help_with_status_2() {
    for lang in [ITALIAN, ENGLISH] {
        let o = obiettivi(lang, &["snapshot"]);
        assert_eq!(o.status.code(), Some(2));
        let help = stderr(&o);
        assert!(help.contains("create"), "{help}");
        let found = foreign(&help, lang);
        assert!(found.is_empty(), "{lang}: {found:?} in\n{help}");
    }
}
