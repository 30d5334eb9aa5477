//! The layers of GUIDE §5, checked on the sources so that a wrong import
//! fails a test instead of waiting for a reviewer: each layer names only the
//! layers below it, and no file (or module) names one that names it back.
//! (One crate, not a workspace: see the README's code map.)

use std::path::Path;

use crate::import_graph::{Graph, cycles, file_graph, grouped};

/// Each top-level module of `src/` and the modules it must never name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    // Plain types and rules: nothing with I/O, storage, a screen or a socket.
    (
        "model",
        &[
            "store",
            "io",
            "service",
            "server",
            "tui",
            "cli",
            "dev",
            "sled",
            "ratatui",
            "crossterm",
        ],
    ),
    // Files on a shared machine: below everything that writes or reads them.
    (
        "files",
        &[
            "model", "store", "io", "service", "server", "tui", "cli", "sled",
        ],
    ),
    // The service's errors and records: plain data just above the model,
    // below the store that fills them and everything that reads them.
    (
        "api",
        &[
            "store",
            "io",
            "service",
            "server",
            "tui",
            "cli",
            "dev",
            "sled",
            "ratatui",
            "crossterm",
        ],
    ),
    // The store fills the api's records; the service above it is not its business.
    (
        "store",
        &["service", "server", "tui", "cli", "ratatui", "crossterm"],
    ),
    // The formats: below the store, which keeps its backups in them.
    ("io", &["store", "service", "server", "tui", "cli", "sled"]),
    (
        "service",
        &["server", "tui", "cli", "sled", "ratatui", "crossterm"],
    ),
    ("server", &["tui", "cli", "ratatui", "crossterm"]),
    // The faces talk to the service (and read its `api` records), never to
    // the store or sled behind it.
    ("tui", &["cli", "server", "sled", "store"]),
    ("cli", &["tui", "sled", "store"]),
    // Inside the TUI: panes are drawn into the frame by `render`, not the
    // other way round; widgets know no pane, no frame, no state.
    ("tui/panes", &["tui::render"]),
    // The state knows no drawing: what both read (column orders) sits below them.
    ("tui/app", &["tui::panes", "tui::render"]),
    ("tui/widgets", &["tui::render", "tui::panes", "tui::app"]),
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `line` (code, not a comment) names `what` as a path.
fn names(line: &str, what: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let crate_path = format!("crate::{what}");
    let external = format!("{what}::");
    code.match_indices(&crate_path).any(|(i, _)| {
        !code[i + crate_path.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    }) || (!what.contains("::")
        && ["sled", "ratatui", "crossterm"].contains(&what)
        && code.match_indices(&external).any(|(i, _)| {
            i == 0 || !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        }))
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let mut files = Vec::new();
        sources(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "no sources in src/{layer}");
        for file in files {
            // Tests may build what they test with (a store for a TUI test).
            let name = file.file_name().unwrap().to_string_lossy();
            if name == "tests.rs" || name.ends_with("_tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                for what in *forbidden {
                    if names(line, what) {
                        wrong.push(format!(
                            "{}:{}: {layer} names {what}: {}",
                            file.strip_prefix(&root).unwrap().display(),
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_wrong_import() {
    assert!(names("use crate::server::client::Client;", "server"));
    assert!(names("    let s: sled::Db = todo!();", "sled"));
    assert!(!names("use crate::service::PlanService;", "server"));
    assert!(!names("// crate::server is above", "server"));
    assert!(names("use crate::store::Store;", "store::Store"));
    assert!(!names("use crate::store::StoreRow;", "store::Store"));
}

// ---- Floors without loops (GUIDE §5): no file names one that names it back.

/// A module: the top-level one a file is in (`store`, `i18n`).
fn top_module(file: &str) -> Option<String> {
    Some(file.split('/').next()?.trim_end_matches(".rs").to_string())
}

/// Inside the TUI, its modules (`tui/app`, `tui/panes`, `tui/render`).
fn tui_module(file: &str) -> Option<String> {
    let mut parts = file.split('/');
    (parts.next()? == "tui").then_some(())?;
    let second = parts.next()?.trim_end_matches(".rs");
    Some(match second {
        "mod" => "tui/mod".to_string(),
        _ => format!("tui/{second}"),
    })
}

/// The sources checked: this tree's, or another's named by `LAYERS_SRC` (to
/// count the loops of an older commit: `git archive COMMIT src | tar -x -C DIR`).
fn src() -> std::path::PathBuf {
    std::env::var_os("LAYERS_SRC")
        .map(Into::into)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// Every loop of `graph`, with the names that close it.
fn loops(graph: &Graph) -> Vec<String> {
    cycles(graph)
        .iter()
        .map(|cycle| {
            let names: Vec<String> = cycle
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|to| cycle.contains(to))
                        .map(move |to| format!("{from} → {to}"))
                })
                .collect();
            format!("loop {:?}: {}", cycle, names.join(", "))
        })
        .collect()
}

#[test]
fn no_file_names_a_file_that_names_it_back() {
    let wrong = loops(&file_graph(&src()));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_module_names_a_module_that_names_it_back() {
    let files = file_graph(&src());
    let mut modules = grouped(&files, top_module);
    modules.extend(grouped(&files, tui_module));
    let wrong = loops(&modules);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_a_planted_loop() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a/mod.rs", "pub mod x;\n"),
        (
            "a/x.rs",
            "use crate::{b::{self, y::Thing}};\n// crate::c::z in a comment\n\
             pub fn g() -> &'static str { \"crate::c::z in a string\" }\n",
        ),
        ("b/mod.rs", "pub mod y;\n"),
        (
            "b/y.rs",
            "pub struct Thing;\nfn f() { super::super::a::x::g(); }\n",
        ),
        (
            "c/mod.rs",
            "pub mod z;\n#[cfg(test)]\nmod tests {\n    use crate::a::x;\n}\n",
        ),
        ("c/z.rs", "use super::super::a;\n"),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let graph = file_graph(dir.path());
    assert_eq!(cycles(&graph), [["a/x.rs", "b/y.rs"]]);
    assert_eq!(cycles(&grouped(&graph, top_module)), [["a", "b"]]);
    let wrong = loops(&graph);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("a/x.rs → b/y.rs"), "{wrong:?}");
}
