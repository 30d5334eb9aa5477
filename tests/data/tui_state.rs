//! GUIDE §5 on the sources: the TUI's `render` takes the state read-only and
//! the state's fields are its own module's (issue 25 item 5). The compiler
//! holds both once written; this says which way they were written.

use std::path::Path;

fn source(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    std::fs::read_to_string(root.join(path)).unwrap()
}

fn files(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
    out
}

#[test]
fn render_takes_the_state_read_only_and_measures_into_a_view() {
    assert!(
        source("tui/render/mod.rs")
            .contains("pub fn render(app: &App, view: &mut View, frame: &mut Frame"),
        "render(&App, &mut View, &mut Frame, …)"
    );
    let mut wrong = Vec::new();
    for dir in ["tui/render", "tui/panes"] {
        for (path, text) in files(dir) {
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                if line.contains("&mut App") || line.trim_start().starts_with("impl App") {
                    wrong.push(format!("{path}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "drawing changes the state:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_states_fields_are_private_to_its_module() {
    let text = source("tui/app/mod.rs");
    let start = text.find("pub struct App {").expect("struct App");
    let body = &text[start..];
    let body = &body[..body.find("\n}\n").unwrap()];
    let public: Vec<&str> = body
        .lines()
        .skip(1)
        .filter(|l| l.trim_start().starts_with("pub"))
        .collect();
    assert!(public.is_empty(), "App's public fields: {public:?}");
}
