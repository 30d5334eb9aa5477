//! The layers of GUIDE §5, checked on the sources so that a wrong import
//! fails a test instead of waiting for a reviewer: each layer names only the
//! layers below it. (One crate, not a workspace: see the README's code map.)

use std::path::Path;

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
    ("io", &["server", "tui", "cli", "sled"]),
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
