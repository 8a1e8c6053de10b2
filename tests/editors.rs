//! The editor configurations in `editors/` (and the copies in
//! `docs/editors.md`) list exactly the languages of the language table,
//! `handoff::language::LANGUAGES`, under each editor's names for them. A
//! language added to the table and not to an editor, or an editor list that
//! names a language handoff does not read, fails here.

use std::collections::BTreeSet;
use std::path::Path;

use handoff::language::{Editors, LANGUAGES};
use regex::Regex;

fn read(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The names every row of the table gives in one editor.
fn table(names: fn(&Editors) -> &'static [&'static str]) -> BTreeSet<String> {
    LANGUAGES
        .iter()
        .flat_map(|spec| names(&spec.editors).iter())
        .map(std::string::ToString::to_string)
        .collect()
}

/// The quoted strings in `text` (single or double quotes).
fn strings(text: &str) -> BTreeSet<String> {
    Regex::new(r#""([^"]*)"|'([^']*)'"#)
        .unwrap()
        .captures_iter(text)
        .map(|c| c.get(1).or(c.get(2)).unwrap().as_str().to_string())
        .collect()
}

/// The text between `open` and the first `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("no {open:?}")) + open.len();
    let end = start + text[start..].find(close).unwrap();
    &text[start..end]
}

fn assert_same(file: &str, found: &BTreeSet<String>, expected: &BTreeSet<String>) {
    let missing: Vec<_> = expected.difference(found).collect();
    let extra: Vec<_> = found.difference(expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{file} disagrees with the language table (src/language.rs): missing {missing:?}, not in the table {extra:?}"
    );
}

#[test]
fn helix_has_every_language() {
    let file = "editors/helix/languages.toml";
    let config: toml::Table = toml::from_str(&read(file)).unwrap();
    let names = config["language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    assert_same(file, &names, &table(|e| e.helix));
    for l in config["language"].as_array().unwrap() {
        let servers = l["language-servers"].as_array().unwrap();
        assert!(
            servers.iter().any(|s| s.as_str() == Some("handoff")),
            "{file}: {} does not run handoff",
            l["name"]
        );
    }
}

#[test]
fn neovim_has_every_filetype() {
    let file = "editors/nvim/lua/handoff/init.lua";
    let found = strings(between(&read(file), "M.filetypes = {", "}"));
    assert_same(file, &found, &table(|e| e.neovim));
    // The configurations docs/editors.md spells out for Neovim 0.11 and
    // nvim-lspconfig.
    let docs = read("docs/editors.md");
    let blocks: Vec<&str> = docs.split("filetypes = {").skip(1).collect();
    assert!(!blocks.is_empty(), "docs/editors.md lists no filetypes");
    for block in blocks {
        let list = &block[..block.find('}').unwrap()];
        assert_same("docs/editors.md", &strings(list), &table(|e| e.neovim));
    }
}

#[test]
fn vscode_activates_and_selects_every_language() {
    let file = "editors/vscode/package.json";
    let package: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
    let events: BTreeSet<String> = package["activationEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.as_str()?.strip_prefix("onLanguage:"))
        .map(String::from)
        .collect();
    assert_same(file, &events, &table(|e| e.vscode));
    // The document selector and the code action provider use LANGUAGES.
    let file = "editors/vscode/src/extension.ts";
    let source = read(file);
    let found = strings(between(&source, "export const LANGUAGES = [", "]"));
    assert_same(file, &found, &table(|e| e.vscode));
    assert!(
        source.contains("documentSelector: LANGUAGES.map("),
        "{file}"
    );
}

#[test]
fn emacs_serves_every_mode_with_its_language_id() {
    let file = "editors/emacs/handoff.el";
    let source = read(file);
    let pair = Regex::new(r#"\(([\w+-]+) :language-id "([^"]+)"\)"#).unwrap();
    let found: BTreeSet<String> = pair
        .captures_iter(&source)
        .map(|c| format!("{} {}", &c[1], &c[2]))
        .collect();
    let expected: BTreeSet<String> = LANGUAGES
        .iter()
        .flat_map(|spec| {
            spec.editors
                .emacs
                .iter()
                .map(|m| format!("{m} {}", spec.id))
        })
        .collect();
    assert_same(file, &found, &expected);
    // Markdown modes are the ones served first.
    let markdown = between(&source, "(defcustom handoff-markdown-modes", "\n  \"");
    for spec in LANGUAGES {
        for mode in spec.editors.emacs {
            assert_eq!(
                markdown.contains(&format!("({mode} ")),
                spec.id == "markdown",
                "{file}: {mode}"
            );
        }
    }
}

#[test]
fn zed_registers_every_language() {
    let file = "editors/zed/extension.toml";
    let config: toml::Table = toml::from_str(&read(file)).unwrap();
    let languages = config["language_servers"]["handoff"]["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    assert_same(file, &languages, &table(|e| e.zed));
}

/// VS Code's settings schema offers, for every rule, the levels handoff
/// accepts (`tests/docs.rs` checks that it lists every rule).
#[test]
fn vscode_offers_every_level_for_every_rule() {
    let file = "editors/vscode/package.json";
    let package: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
    let schema =
        &package["contributes"]["configuration"]["properties"]["handoff.rules"]["properties"];
    for (name, rule) in schema.as_object().unwrap() {
        let levels: Vec<&str> = rule["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert_eq!(
            levels,
            ["off", "hint", "info", "warning", "error"],
            "{file}: {name}"
        );
        for level in levels {
            assert!(
                handoff::config::Level::parse(level).is_some(),
                "{file}: {name}: {level}"
            );
        }
    }
}

/// README and docs say how many languages handoff reads.
#[test]
fn the_docs_count_the_languages() {
    let sources = LANGUAGES.len() - 1;
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("source files in {sources} languages")),
        "README.md: the number of source languages is not {sources}"
    );
}
