//! `obiettivi completions SHELL` and `obiettivi man`: what a shell and `man`
//! make of them.

use crate::common;
use common::*;

use std::process::Command;

fn obiettivi(lang: &str, args: &[&str]) -> std::process::Output {
    let o = bin().env("LANG", lang).args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    o
}

#[test]
fn bash_completions_source_cleanly_and_complete_subcommands_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("obiettivi.bash");
    std::fs::write(
        &script,
        obiettivi("it_IT.UTF-8", &["completions", "bash"]).stdout,
    )
    .unwrap();
    // Sourced with errors fatal, then asked what follows `obiettivi ex` and
    // `obiettivi import --d`, as bash would ask on Tab.
    let probe = r#"set -e
source "$1"
complete -p obiettivi
COMP_WORDS=(obiettivi ex); COMP_CWORD=1; _obiettivi obiettivi ex obiettivi
echo "subcommand: ${COMPREPLY[*]}"
COMP_WORDS=(obiettivi import --d); COMP_CWORD=2; _obiettivi obiettivi --d import
echo "flag: ${COMPREPLY[*]}"
"#;
    let o = Command::new("bash")
        .args(["--norc", "-c", probe, "probe"])
        .arg(&script)
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(out.contains("-F _obiettivi obiettivi"), "{out}");
    assert!(out.contains("subcommand: export"), "{out}");
    assert!(out.contains("--dry-run"), "{out}");
}

#[test]
fn zsh_and_fish_completions_name_every_subcommand() {
    for shell in ["zsh", "fish"] {
        let script = stdout(&obiettivi("it_IT.UTF-8", &["completions", shell]));
        for name in [
            "export",
            "import",
            "set",
            "report",
            "serve",
            "completions",
            "man",
        ] {
            assert!(script.contains(name), "{shell}: {name} in\n{script}");
        }
        assert!(script.contains("dry-run"), "{shell}:\n{script}");
    }
    let zsh = stdout(&obiettivi("it_IT.UTF-8", &["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef obiettivi"), "{zsh}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = bin().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tcsh"), "{}", stderr(&o));
}

/// The page rendered by groff as `man` would (`-ww`: every warning), and
/// what groff said on stderr.
fn render(page: &std::path::Path) -> (String, String) {
    let o = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-P-c", "-P-b", "-P-u"])
        .arg(page)
        .env("LANG", "C.UTF-8")
        .output()
        .expect("groff (groff-base) is installed: .ci/run installs it");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (stdout(&o), stderr(&o))
}

#[test]
fn the_man_page_renders_without_warnings_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, headings) in [
        (
            "it_IT.UTF-8",
            [
                "NOME",
                "SINTASSI",
                "OPZIONI",
                "COMANDI",
                "I COMANDI IN DETTAGLIO",
            ],
        ),
        (
            "en_US.UTF-8",
            [
                "NAME",
                "SYNOPSIS",
                "OPTIONS",
                "COMMANDS",
                "COMMANDS IN DETAIL",
            ],
        ),
    ] {
        let page = dir.path().join("obiettivi.1");
        std::fs::write(&page, obiettivi(lang, &["man"]).stdout).unwrap();
        let (text, warnings) = render(&page);
        assert!(warnings.is_empty(), "{lang}: {warnings}");
        for heading in headings {
            assert!(
                text.lines().any(|l| l == heading),
                "{lang}: {heading} in\n{text}"
            );
        }
        // Every subcommand has its section, with its flags and their help.
        for shown in [
            "obiettivi export [",
            "obiettivi snapshot create",
            "--dry-run",
            "--format <",
            "- xlsx: ",
        ] {
            assert!(text.contains(shown), "{lang}: {shown} in\n{text}");
        }
        assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
        // Not pages of their own: there are none.
        assert!(!text.contains("obiettivi-export(1)"), "{text}");
    }
    let it = std::fs::read_to_string(dir.path().join("obiettivi.1")).unwrap();
    assert!(it.is_ascii(), "non-ASCII is escaped for roff");
    let (text, _) = render(&dir.path().join("obiettivi.1"));
    assert!(text.contains("«mouse = false»"), "{text}");
}

#[test]
fn man_dash_l_shows_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("obiettivi.1");
    std::fs::write(&page, obiettivi("it_IT.UTF-8", &["man"]).stdout).unwrap();
    let o = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .expect("man (man-db) is installed: .ci/run installs it");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Scheda Obiettivi del DUP"),
        "{}",
        stdout(&o)
    );
}
