//! Incremental = full, as a property: for a sample document in every
//! language and Markdown role, and random edits (inserts, deletes and
//! replacements next to multi-byte characters, CRLF, tabs, comment and
//! checklist syntax), the findings the language server's document keeps
//! after each edit equal those of a fresh check of its text.

use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, LazyLock};

use handoff::config::{Config, DEFAULT_MAX_FILE_SIZE};
use handoff::document::PositionEncoding;
use handoff::fuzz::SAMPLE_PATHS;
use handoff::language::FileKind;
use handoff::lint::{Finding, Linter};
use handoff::server::{Document, LintContext};
use handoff::workspace::NoWorkspace;
use proptest::prelude::*;
use tower_lsp_server::ls_types as lsp;

static LINTER: LazyLock<Arc<Linter>> =
    LazyLock::new(|| Arc::new(Linter::new(Arc::new(Config::default()))));

/// The sample text of each kind: the fuzzers' seeds, whose first byte picks
/// the file name.
fn sample(name: &str) -> String {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds/extract")
        .join(name);
    let bytes = std::fs::read(&seed).unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
    assert_eq!(SAMPLE_PATHS[bytes[0] as usize], name);
    String::from_utf8(bytes[1..].to_vec()).unwrap()
}

const PIECES: &[&str] = &[
    "",
    "x",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "é",
    "😀",
    "中",
    "e\u{301}",
    "\0",
    "// TODO: ",
    "# FIXME: ",
    "-- TODO: ",
    "/* ",
    " */",
    "<!-- ",
    " -->",
    "\"",
    "'",
    "maybe ",
    "properly",
    ", and ",
    "- [ ] ",
    "  - [ ] ",
    "```\n",
    "TODO",
    "AI: ",
    "@claude ",
    "\n    ",
];

/// One edit: where (a fraction of the text), how much to remove, what to
/// insert.
fn edits() -> impl Strategy<Value = Vec<(u16, usize, &'static str)>> {
    prop::collection::vec(
        (any::<u16>(), 0usize..16, prop::sample::select(PIECES)),
        1..24,
    )
}

type Summary = Vec<(usize, usize, &'static str, String, String)>;

fn summary<'a>(findings: impl Iterator<Item = &'a Finding>) -> Summary {
    let mut v: Summary = findings
        .map(|f| {
            (
                f.range.start,
                f.range.end,
                f.rule.name,
                f.message.clone(),
                format!("{:?}", f.fixes),
            )
        })
        .collect();
    v.sort();
    v
}

fn check(name: &str, edits: &[(u16, usize, &str)]) -> Result<(), TestCaseError> {
    let path = Path::new("/tmp/handoff-incremental").join(name);
    let kind = FileKind::from_path(&path).unwrap();
    let uri = lsp::Uri::from_str(&format!("file://{}", path.display())).unwrap();
    let mut doc = Document::open(
        uri,
        path.clone(),
        kind,
        1,
        sample(name),
        PositionEncoding::Utf16,
        LintContext::new(LINTER.clone()),
        DEFAULT_MAX_FILE_SIZE,
    );
    for (step, &(at, remove, insert)) in edits.iter().enumerate() {
        let text = doc.text();
        let mut start = at as usize * text.len() / u16::MAX as usize;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + remove).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        doc.edit(start..end, insert);
        let fresh = LINTER.check_text(kind, &path, doc.text(), &NoWorkspace);
        prop_assert_eq!(
            summary(doc.findings().map(|(_, f)| f)),
            summary(fresh.iter()),
            "{} after edit {} ({}..{} <- {:?}):\n{:?}",
            name,
            step,
            start,
            end,
            insert,
            doc.text()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn markdown_checklists(e in edits()) { check("TODO.md", &e)?; }
    #[test]
    fn agent_instructions(e in edits()) { check("AGENTS.md", &e)?; }
    #[test]
    fn task_documents(e in edits()) { check("fix.task.md", &e)?; }
    #[test]
    fn rust(e in edits()) { check("lib.rs", &e)?; }
    #[test]
    fn python(e in edits()) { check("main.py", &e)?; }
    #[test]
    fn javascript(e in edits()) { check("app.js", &e)?; }
    #[test]
    fn typescript(e in edits()) { check("app.ts", &e)?; }
    #[test]
    fn tsx(e in edits()) { check("view.tsx", &e)?; }
    #[test]
    fn go(e in edits()) { check("main.go", &e)?; }
    #[test]
    fn java(e in edits()) { check("Main.java", &e)?; }
    #[test]
    fn c(e in edits()) { check("main.c", &e)?; }
    #[test]
    fn cpp(e in edits()) { check("main.cpp", &e)?; }
    #[test]
    fn csharp(e in edits()) { check("Program.cs", &e)?; }
    #[test]
    fn ruby(e in edits()) { check("app.rb", &e)?; }
    #[test]
    fn bash(e in edits()) { check("run.sh", &e)?; }
    #[test]
    fn lua(e in edits()) { check("init.lua", &e)?; }
    #[test]
    fn yaml(e in edits()) { check("ci.yml", &e)?; }
    #[test]
    fn toml(e in edits()) { check("settings.toml", &e)?; }
    #[test]
    fn php(e in edits()) { check("index.php", &e)?; }
    #[test]
    fn kotlin(e in edits()) { check("Main.kt", &e)?; }
    #[test]
    fn swift(e in edits()) { check("App.swift", &e)?; }
    #[test]
    fn scala(e in edits()) { check("Main.scala", &e)?; }
    #[test]
    fn html(e in edits()) { check("index.html", &e)?; }
    #[test]
    fn css(e in edits()) { check("site.css", &e)?; }
}

#[test]
fn every_sample_is_covered() {
    let source = include_str!("incremental.rs");
    for name in SAMPLE_PATHS {
        assert!(
            source.contains(&format!("check(\"{name}\"")),
            "no property for {name}"
        );
    }
}
