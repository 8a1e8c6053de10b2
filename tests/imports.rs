//! The modules of `src/` import one another without cycles.
//!
//! The method: every `.rs` file under `src/` is a module (`src/a/b.rs` and
//! `src/a/b/mod.rs` are `a::b`). Its library code (`#[cfg(test)]` modules
//! left out, comments and strings blanked) is read for the paths it names:
//! `use` trees (`use crate::{a::X, b}` names `a` and `b`), `crate::`,
//! `super::` and `self::` paths, and the paths of `use` imports named
//! again (`use crate::rules;` then `rules::by_name`). A path leads to the
//! deepest module it names. A module depends on another when it names it,
//! except its own descendants (a module holding a submodule is not a
//! dependency on it). Then Tarjan's algorithm finds the strongly connected
//! components; any with two modules or more is a cycle, printed with the
//! edges that make it.
//!
//! Run it alone with `cargo test --test imports`; `--nocapture` prints the
//! graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Module path (`server::backend`, "" for the crate root) to file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            if parts == ["main"] {
                // The binary: not part of the library's graph.
                continue;
            }
            out.insert(parts.join("::"), path);
        }
    }
    out
}

/// `text` with comments, string and char literals blanked (their bytes
/// replaced by spaces), so that paths inside them are not read.
fn blank(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let blank_to = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(b.len(), |e| i + e);
                blank_to(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                blank_to(&mut out, i, end);
                i = end;
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                // A raw string: r"..." or r#"..."#.
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let start = i + 2 + hashes;
                let end = text[start..]
                    .find(&close)
                    .map_or(b.len(), |e| start + e + close.len());
                blank_to(&mut out, i, end);
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(b.len());
                blank_to(&mut out, i, end);
                i = end;
            }
            b'\'' => {
                // A char literal ('a', '\n', '\u{1F600}'), not a lifetime.
                let rest = &text[i + 1..];
                let len = if rest.starts_with('\\') {
                    rest.find('\'').map(|e| e + 1)
                } else {
                    rest.chars()
                        .next()
                        .filter(|_| {
                            rest[rest.chars().next().unwrap().len_utf8()..].starts_with('\'')
                        })
                        .map(|c| c.len_utf8() + 1)
                };
                match len {
                    Some(len) => {
                        blank_to(&mut out, i, i + 1 + len);
                        i += 1 + len;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    String::from_utf8(out).unwrap()
}

/// `text` without its `#[cfg(test)]` items (test modules, test-only
/// functions and imports).
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // The item ends at the `;` or the `}` that closes its first `{`,
        // whichever comes first at depth 0.
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after.char_indices().skip("#[cfg(test)]".len()) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The paths of a `use` tree (`crate::{a::X, b::{c, d}}`), flattened.
fn use_paths(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    expand("", &tree, &mut out);
    out
}

fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    match tree.find('{') {
        Some(open) if tree.ends_with('}') => {
            let head = tree[..open].trim_end_matches("::");
            let inner = &tree[open + 1..tree.len() - 1];
            let prefix = join(prefix, head);
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&prefix, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&prefix, &inner[start..], out);
        }
        _ => {
            let path = tree.split("as").next().unwrap_or(tree);
            let path = path.trim_end_matches("::*");
            if !path.is_empty() {
                out.push(join(prefix, path));
            }
        }
    }
}

/// The module an absolute path (`rules::by_name`) leads to: the deepest
/// module it names.
fn module_of(path: &[&str], modules: &BTreeMap<String, PathBuf>) -> Option<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

/// `path` made absolute, seen from module `from`; `None` for paths outside
/// the crate.
fn absolute(from: &str, path: &str) -> Option<Vec<String>> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").map(String::from).collect()
    };
    match *parts.first()? {
        "crate" => {
            parts.remove(0);
            base.clear();
        }
        "self" => {
            parts.remove(0);
        }
        "super" => {
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop()?;
            }
        }
        _ => return None,
    }
    base.extend(parts.into_iter().map(String::from));
    Some(base)
}

/// Module to the modules it depends on.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(src);
    let path_re =
        regex::Regex::new(r"\b(?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+").unwrap();
    let use_re = regex::Regex::new(r"(?s)\buse\s+([^;]+);").unwrap();
    let word_re = regex::Regex::new(r"\b([a-z_][a-z0-9_]*)::([A-Za-z_][A-Za-z0-9_]*)").unwrap();
    let mut graph = BTreeMap::new();
    for (name, file) in &modules {
        let text = without_tests(&blank(&std::fs::read_to_string(file).unwrap()));
        let mut named: Vec<Vec<String>> = Vec::new();
        // Names a `use` brings in (`rules` in `use crate::rules;`), to
        // resolve paths that start with them.
        let mut imported: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for cap in use_re.captures_iter(&text) {
            for path in use_paths(&cap[1]) {
                if let Some(abs) = absolute(name, &path) {
                    let last = path.rsplit("::").next().unwrap().to_string();
                    imported.insert(last, abs.clone());
                    named.push(abs);
                } else if let Some((first, rest)) = path.split_once("::") {
                    // `use rules::Severity;` after `use crate::rules;`,
                    // or a child module (`use lines::x`).
                    if let Some(abs) = imported.get(first) {
                        let mut abs = abs.clone();
                        abs.extend(rest.split("::").map(String::from));
                        named.push(abs);
                    }
                }
            }
        }
        for m in path_re.find_iter(&text) {
            if let Some(abs) = absolute(name, m.as_str()) {
                named.push(abs);
            }
        }
        // `rules::by_name(..)` after `use crate::rules;`.
        for cap in word_re.captures_iter(&text) {
            if let Some(abs) = imported.get(&cap[1]) {
                let mut abs = abs.clone();
                abs.push(cap[2].to_string());
                named.push(abs);
            }
        }
        let own: Vec<&str> = if name.is_empty() {
            Vec::new()
        } else {
            name.split("::").collect()
        };
        let deps: BTreeSet<String> = named
            .iter()
            .filter_map(|p| {
                let parts: Vec<&str> = p.iter().map(String::as_str).collect();
                module_of(&parts, &modules)
            })
            .filter(|m| {
                // Not itself, and not a module it holds.
                let parts: Vec<&str> = if m.is_empty() {
                    Vec::new()
                } else {
                    m.split("::").collect()
                };
                !(parts.len() >= own.len() && parts[..own.len()] == own[..])
            })
            .collect();
        graph.insert(name.clone(), deps);
    }
    graph
}

/// The strongly connected components of `graph` with more than one module.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in &self.graph[v] {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.out
}

fn show(m: &str) -> &str {
    if m.is_empty() { "crate" } else { m }
}

#[test]
fn the_import_graph_of_src_has_no_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    for (m, deps) in &graph {
        let deps: Vec<&str> = deps.iter().map(|d| show(d)).collect();
        println!("{} -> {}", show(m), deps.join(", "));
    }
    let found = cycles(&graph);
    let mut report = String::new();
    for component in &found {
        let _ = writeln!(report, "cycle among {}:", component.join(", "));
        for m in component {
            for d in &graph[m] {
                if component.contains(d) {
                    let _ = writeln!(report, "  {} -> {}", show(m), show(d));
                }
            }
        }
    }
    assert!(found.is_empty(), "{report}");
    // The graph is read at all: these edges exist.
    assert!(graph["lint"].contains("rules"), "{graph:#?}");
    assert!(graph["server::actions"].contains("fixes"), "{graph:#?}");
    assert!(
        graph["server::backend"].contains("server::sync"),
        "{graph:#?}"
    );
}

#[test]
fn the_reader_finds_what_the_method_says() {
    assert_eq!(
        use_paths("crate::{a::X, b::{c, d as e}, f::*}"),
        ["crate::a::X", "crate::b::c", "crate::b::d", "crate::f"]
    );
    assert_eq!(
        absolute("server::backend", "super::document::Document").unwrap(),
        ["server", "document", "Document"]
    );
    let text = "use crate::a; // crate::b\nlet s = \"crate::c\";\n#[cfg(test)]\nmod tests { use crate::d; }\nfn x() { crate::e::f(); }\n";
    let kept = without_tests(&blank(text));
    assert!(kept.contains("crate::a") && kept.contains("crate::e"));
    assert!(!kept.contains("crate::b") && !kept.contains("crate::c") && !kept.contains("crate::d"));
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".to_string()]]);
}
