//! No file of the model imports one that imports it back, directly or in a
//! loop (issue 25): the model's files form floors, each naming only those below.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The code of a file without its `#[cfg(test)]` modules (tests may import anything).
fn production(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let open = at + rest[at..].find('{').unwrap_or(rest.len() - at);
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            if depth == 0 {
                end = open + i + 1;
                break;
            }
        }
        rest = &rest[end.min(rest.len())..];
    }
    out + rest
}

/// The sibling modules `code` names (`super::x`, `crate::model::x`, `use super::{x::…}`).
fn named(code: &str, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .collect();
    let mut out = BTreeSet::new();
    for word in words {
        for head in ["super::", "crate::model::"] {
            if let Some(rest) = word.strip_prefix(head) {
                out.insert(rest.split("::").next().unwrap_or("").to_string());
            }
        }
    }
    for group in code.split("use super::{").skip(1) {
        let group = group.split('}').next().unwrap_or("");
        out.extend(group.split(',').filter_map(|p| {
            p.trim()
                .split_once("::")
                .map(|(module, _)| module.to_string())
        }));
    }
    out.retain(|m| siblings.contains(m));
    out
}

/// The files that reach themselves through their imports.
fn in_loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let reaches_itself = |start: &String| {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(next) = todo.pop() {
            if next == start {
                return true;
            }
            if seen.insert(next) {
                todo.extend(graph.get(next).into_iter().flatten());
            }
        }
        false
    };
    graph
        .keys()
        .filter(|m| reaches_itself(m))
        .cloned()
        .collect()
}

fn graph_of(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let siblings: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    files
        .iter()
        .map(|(m, text)| {
            let mut deps = named(&production(text), &siblings);
            deps.remove(m);
            (m.clone(), deps)
        })
        .collect()
}

#[test]
fn no_model_file_imports_one_that_imports_it_back() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "mod"))
        .map(|p| {
            let module = p.file_stem().unwrap().to_string_lossy().into_owned();
            (module, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    assert!(files.len() > 10, "{}", dir.display());
    assert_eq!(in_loops(&graph_of(&files)), Vec::<String>::new());
}

#[test]
fn the_check_sees_a_loop_through_a_third_file() {
    let file = |m: &str, text: &str| (m.to_string(), text.to_string());
    let files = [
        file("edit", "use super::fields::Kind;"),
        file("fields", "use super::{limits::TEXT, value::Value};"),
        file("limits", "fn f() -> crate::model::edit::Change {}"),
        file(
            "value",
            "#[cfg(test)]\nmod tests { use super::edit::Change; }",
        ),
    ];
    assert_eq!(in_loops(&graph_of(&files)), ["edit", "fields", "limits"]);
}
