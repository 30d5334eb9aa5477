//! Which source file names which, read from the code of `src/` (not its
//! comments, strings or test-only parts), and the loops in it: what
//! `layers.rs` checks for "floors without loops" (GUIDE §5).
//!
//! A path names the file of the deepest module of it that exists
//! (`crate::store::Store` names `store/mod.rs`, `crate::model::edit::Change`
//! names `model/edit.rs`); paths from `crate::`, `super::` and `self::`
//! count, in `use` declarations and in code alike. A child module named bare
//! by its parent (`mod rows; use rows::decode;`) does not: that is a module
//! showing its own parts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A source file, as its path under `src/` (`store/mod.rs`).
pub type File = String;

/// Each file and the files it names.
pub type Graph = BTreeMap<File, BTreeSet<File>>;

/// The graph of the library's sources under `root`: `lib.rs` (which only
/// declares modules) and `main.rs` (another crate) are not in it, nor tests.
pub fn file_graph(root: &Path) -> Graph {
    let mut files = Vec::new();
    sources(root, root, &mut files);
    let modules: BTreeMap<Vec<String>, File> = files
        .iter()
        .map(|file| (module_of(file), file.clone()))
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let code = without_test_parts(&blank_comments_and_strings(&text));
        let named = graph.entry(file.clone()).or_default();
        for path in named_paths(&code, &module_of(file)) {
            let target = deepest_module(&path, &modules);
            if let Some(target) = target.filter(|t| *t != file) {
                named.insert(target.clone());
            }
        }
    }
    graph
}

/// The graph of groups of files: an edge between two groups when a file of
/// one names a file of the other. Files `group` maps to `None` are left out.
pub fn grouped(graph: &Graph, group: impl Fn(&str) -> Option<String>) -> Graph {
    let mut out = Graph::new();
    for (file, targets) in graph {
        let Some(from) = group(file) else { continue };
        let named = out.entry(from.clone()).or_default();
        for target in targets {
            if let Some(to) = group(target).filter(|to| *to != from) {
                named.insert(to);
            }
        }
    }
    out
}

/// The loops of `graph`: its strongly connected components of more than one
/// node, each sorted, in a stable order (Tarjan's algorithm).
pub fn cycles(graph: &Graph) -> Vec<Vec<File>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<File>>,
    }
    fn visit<'g>(w: &mut Walk<'g>, node: &'g str) {
        let n = w.index.len();
        w.index.insert(node, n);
        w.low.insert(node, n);
        w.stack.push(node);
        w.on_stack.insert(node);
        for next in w.graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !w.index.contains_key(next) {
                visit(w, next);
                let low = w.low[node].min(w.low[next]);
                w.low.insert(node, low);
            } else if w.on_stack.contains(next) {
                let low = w.low[node].min(w.index[next]);
                w.low.insert(node, low);
            }
        }
        if w.low[node] == w.index[node] {
            let mut component = Vec::new();
            loop {
                let top = w.stack.pop().unwrap();
                w.on_stack.remove(top);
                component.push(top.to_string());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                w.found.push(component);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.found.sort();
    walk.found
}

fn sources(root: &Path, dir: &Path, out: &mut Vec<File>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            sources(root, &path, out);
        } else if name.ends_with(".rs")
            && name != "tests.rs"
            && !name.ends_with("_tests.rs")
            && path.parent() != Some(root).filter(|_| name == "lib.rs" || name == "main.rs")
        {
            let relative = path.strip_prefix(root).unwrap();
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
}

/// `store/mod.rs` → `[store]`, `model/edit.rs` → `[model, edit]`.
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn deepest_module<'m>(
    path: &[String],
    modules: &'m BTreeMap<Vec<String>, File>,
) -> Option<&'m File> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with every comment, string and character literal turned into
/// spaces (newlines kept), so that what is left is code.
pub fn blank_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in &mut out[from..to.min(chars.len())] {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        if c == '/' && next == Some('/') {
            let end = (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len());
            blank(&mut out, i, end);
            i = end;
        } else if c == '/' && next == Some('*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < chars.len() && depth > 0 {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 1;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 1;
                }
                j += 1;
            }
            blank(&mut out, i, j);
            i = j;
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !is_ident_before(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body: String = chars[i + 2 + hashes..].iter().collect();
            let end = body
                .find(&close)
                .map(|at| i + 2 + hashes + body[..at].chars().count() + close.len())
                .unwrap_or(chars.len());
            blank(&mut out, i, end);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if c == '\'' && (!is_ident(prev) || is_byte_prefix(&chars, i)) {
            // A character literal ('x', '\n', '\u{..}'); a lifetime has no closing quote.
            let end = if next == Some('\\') {
                (i + 3..chars.len())
                    .find(|&j| chars[j] == '\'')
                    .map(|j| j + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// Whether the quote at `i` follows a lone `b` (`b'x'`, a byte literal).
fn is_byte_prefix(chars: &[char], i: usize) -> bool {
    i >= 1 && chars[i - 1] == 'b' && (i < 2 || !is_ident(chars[i - 2]))
}

/// Whether the `r` at `i` ends an identifier (`for"` no; `br"` is a raw byte string).
fn is_ident_before(chars: &[char], i: usize) -> bool {
    i >= 1 && is_ident(chars[i - 1]) && !is_byte_prefix(chars, i)
}

/// `code` without the items marked `#[cfg(test)]` (a `mod tests;` line, a
/// `mod tests { … }` block, a test-only function or `use`).
pub fn without_test_parts(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = code.to_string();
    let mut from = 0;
    while let Some(at) = out[from..].find(MARK).map(|at| at + from) {
        let end = item_end(&out, at + MARK.len());
        let blanked: String = out[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(at..end, &blanked);
        from = at + blanked.len();
    }
    out
}

/// Where the item starting at `from` ends (its attributes skipped): its
/// `;`, or the `}` that closes its first `{`.
fn item_end(code: &str, from: usize) -> usize {
    let mut depth = 0usize;
    for (i, byte) in code.bytes().enumerate().skip(from) {
        match byte {
            b';' if depth == 0 => return i + 1,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Every path `code` (of the file of module `module`) names, made absolute
/// (`[store, versions, Conflict]`). Paths that name no module of the crate
/// (`std::fmt`, a local variable) are left out.
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let inline = inline_modules(code);
    let module_at = |at: usize| -> Vec<String> {
        let mut m = module.to_vec();
        m.extend(
            inline
                .iter()
                .filter(|(open, close, _)| *open < at && at < *close)
                .map(|(_, _, name)| name.clone()),
        );
        m
    };
    let mut out = Vec::new();
    let tokens = tokens(code);
    let mut k = 0;
    while k < tokens.len() {
        let (at, ref token) = tokens[k];
        if token == "use" {
            let end = (k..tokens.len())
                .find(|&j| tokens[j].1 == ";")
                .unwrap_or(tokens.len());
            let words: Vec<&str> = tokens[k + 1..end].iter().map(|(_, t)| t.as_str()).collect();
            let mut pos = 0;
            for path in use_tree(&words, &mut pos, Vec::new()) {
                out.extend(absolute(&path, &module_at(at)));
            }
            k = end;
            continue;
        }
        let starts_path = tokens.get(k + 1).is_some_and(|(_, t)| t == "::")
            && !(k > 0 && tokens[k - 1].1 == "::")
            && token.starts_with(|c: char| is_ident(c) || c == '$');
        if starts_path {
            let mut path = vec![token.clone()];
            let mut j = k + 1;
            while tokens.get(j).is_some_and(|(_, t)| t == "::")
                && tokens
                    .get(j + 1)
                    .is_some_and(|(_, t)| t.starts_with(is_ident))
            {
                path.push(tokens[j + 1].1.clone());
                j += 2;
            }
            out.extend(absolute(&path, &module_at(at)));
            k = j;
            continue;
        }
        k += 1;
    }
    out
}

/// `(open, close, name)` of each `mod name { … }` written inline.
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    for w in tokens.windows(3) {
        if w[0].1 == "mod" && w[2].1 == "{" {
            let open = w[2].0;
            let close = item_end(code, open) - 1;
            out.push((open, close, w[1].1.clone()));
        }
    }
    out
}

/// Identifiers (with a leading `$` kept), `::` and single punctuation, with
/// their byte offsets.
fn tokens(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut chars = code.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_ident(c) || c == '$' {
            let mut word = c.to_string();
            while let Some(&(_, n)) = chars.peek().filter(|(_, n)| is_ident(*n)) {
                word.push(n);
                chars.next();
            }
            out.push((at, word));
        } else if c == ':' && chars.peek().is_some_and(|(_, n)| *n == ':') {
            chars.next();
            out.push((at, "::".to_string()));
        } else if !c.is_whitespace() {
            out.push((at, c.to_string()));
        }
    }
    out
}

/// The paths of a `use` tree (`crate::{a::b, c::{self, d}}`), as written.
fn use_tree(words: &[&str], pos: &mut usize, mut prefix: Vec<String>) -> Vec<Vec<String>> {
    while *pos < words.len() {
        match words[*pos] {
            "{" => {
                *pos += 1;
                let mut out = Vec::new();
                while *pos < words.len() && words[*pos] != "}" {
                    out.extend(use_tree(words, pos, prefix.clone()));
                    if words.get(*pos) == Some(&",") {
                        *pos += 1;
                    }
                }
                *pos += 1;
                return out;
            }
            "*" => {
                *pos += 1;
                return vec![prefix];
            }
            "::" => *pos += 1,
            word if word.starts_with(|c: char| is_ident(c) || c == '$') => {
                if word != "self" || prefix.is_empty() {
                    prefix.push(word.trim_start_matches('$').to_string());
                }
                *pos += 1;
                if words.get(*pos) == Some(&"as") {
                    *pos += 2;
                }
                if words.get(*pos) != Some(&"::") {
                    return vec![prefix];
                }
            }
            _ => {
                *pos += 1;
                return vec![prefix];
            }
        }
    }
    vec![prefix]
}

/// `path` as written in module `module`, from the crate's root; `None` when
/// it does not start from the crate, `self` or `super`.
fn absolute(path: &[String], module: &[String]) -> Option<Vec<String>> {
    let first = path.first()?.trim_start_matches('$');
    let mut base = module.to_vec();
    let rest = match first {
        "crate" => {
            base.clear();
            &path[1..]
        }
        "self" => &path[1..],
        "super" => {
            let supers = path.iter().take_while(|s| *s == "super").count();
            for _ in 0..supers {
                base.pop()?;
            }
            &path[supers..]
        }
        // A module's own child named bare (`mod rows; use rows::decode;`):
        // the module showing its parts, not a file naming another (nor
        // `std::fmt` and the like, which name no file of the crate).
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    Some(base)
}
