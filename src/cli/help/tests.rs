use clap::CommandFactory;

use super::english::{ENGLISH, Text};
use crate::cli::Cli;
use crate::i18n::{Lang, set_lang};

/// A place in the command tree, owned: (kind, command path, argument, value).
type Place = (&'static str, String, String, String);

fn place(text: &Text<'_>) -> Place {
    let s = |v: &str| v.to_string();
    match *text {
        Text::About(c) => ("about", s(c), s(""), s("")),
        Text::LongAbout(c) => ("long_about", s(c), s(""), s("")),
        Text::AfterHelp(c) => ("after_help", s(c), s(""), s("")),
        Text::Arg(c, a) => ("arg", s(c), s(a), s("")),
        Text::LongHelp(c, a) => ("long_help", s(c), s(a), s("")),
        Text::Value(c, a, v) => ("value", s(c), s(a), s(v)),
    }
}

/// Every help text of `Cli` as the derive declares it in `lang`, by place.
fn declared(lang: Lang) -> Vec<(Place, String)> {
    set_lang(lang);
    let mut out = Vec::new();
    walk(&Cli::command(), "", &mut out);
    set_lang(Lang::It);
    out
}

fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(Place, String)>) {
    let s = |v: &str| v.to_string();
    for (kind, text) in [
        ("about", cmd.get_about()),
        ("long_about", cmd.get_long_about()),
        ("after_help", cmd.get_after_help()),
    ] {
        if let Some(text) = text {
            out.push(((kind, s(path), s(""), s("")), text.to_string()));
        }
    }
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        for (kind, text) in [("arg", arg.get_help()), ("long_help", arg.get_long_help())] {
            if let Some(text) = text {
                out.push(((kind, s(path), s(id), s("")), text.to_string()));
            }
        }
        if arg.get_action().takes_values() {
            for value in arg.get_possible_values() {
                if let Some(help) = value.get_help() {
                    let place = ("value", s(path), s(id), s(value.get_name()));
                    out.push((place, help.to_string()));
                }
            }
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = match path {
            "" => sub.get_name().to_string(),
            _ => format!("{path} {}", sub.get_name()),
        };
        walk(sub, &sub_path, out);
    }
}

#[test]
fn every_italian_help_text_has_its_english() {
    let italian = declared(Lang::It);
    let as_declared_in_english = declared(Lang::En);
    let table: Vec<Place> = ENGLISH.iter().map(|(t, _)| place(t)).collect();
    let missing: Vec<&Place> = italian
        .iter()
        // A text that differs by language where it is declared needs no entry.
        .filter(|text| as_declared_in_english.contains(text))
        .map(|(place, _)| place)
        .filter(|place| !table.contains(place))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to src/cli/help/english.rs: {missing:#?}"
    );
}

#[test]
fn every_english_text_has_a_place_in_the_command() {
    let places: Vec<Place> = declared(Lang::It).into_iter().map(|(p, _)| p).collect();
    let stale: Vec<Place> = ENGLISH
        .iter()
        .map(|(t, _)| place(t))
        .filter(|p| !places.contains(p))
        .collect();
    assert!(stale.is_empty(), "nothing has these places: {stale:#?}");
}

#[test]
fn the_english_table_names_each_place_once() {
    let mut places: Vec<Place> = ENGLISH.iter().map(|(t, _)| place(t)).collect();
    let all = places.len();
    places.sort();
    places.dedup();
    assert_eq!(places.len(), all);
}
