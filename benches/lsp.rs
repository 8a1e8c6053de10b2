//! The language server's document-update path: the time from a
//! one-character `didChange` to the diagnostics for that version, measured
//! in process on what the server does for a push client:
//! `Document::lsp_change`, then `Document::publish_params` (the JSON params of
//! `textDocument/publishDiagnostics`, built from the JSON cached per
//! instruction, which the server writes out as they are).
//!
//! `cargo bench --bench lsp` runs criterion, then prints the median and p99
//! of 2,000 single updates per file and edit, split into change and payload,
//! and, for comparison, what handing the diagnostics to the LSP library
//! costs (it turns params into a `serde_json::Value`, then a string); then
//! the median of bursts of ten keystrokes analysed each or once.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "sizes, counts, offsets and timings of a test run, far inside every type's range"
)]
#![allow(
    clippy::format_push_string,
    clippy::similar_names,
    reason = "a bench's report, written line by line; `before`/`after` pairs"
)]

use std::hint::black_box;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::Criterion;
use handoff::config::{Config, DEFAULT_MAX_FILE_SIZE};
use handoff::document::PositionEncoding;
use handoff::language::FileKind;
use handoff::lint::Linter;
use handoff::live::LintContext;
use handoff::server::Document;
use tower_lsp_server::ls_types as lsp;

const TODOS: &[&str] = &[
    "maybe fix this properly",
    "rewrite auth, add tests and update the docs",
    "rename `run` to `serve` in src/main.rs",
    "clean up the error handling somehow",
    "handle the edge cases",
    "cache the parsed config; done when the second load reads no file",
    "refactor the whole module",
    "make it faster",
];

/// 20,000 lines of Rust with 2,000 TODO comments (one every ten lines).
fn rust_file() -> String {
    let mut s = String::new();
    for i in 0..2_000 {
        s.push_str(&format!("// TODO: {}\n", TODOS[i % TODOS.len()]));
        s.push_str(&format!("fn f{i}(x: u32) -> u32 {{\n"));
        for j in 0..6 {
            s.push_str(&format!("    let y{j} = x.wrapping_mul({j}) + {i};\n"));
        }
        s.push_str("    x\n}\n");
    }
    s
}

/// A 5,000-line Markdown task file: sections of checklist items.
fn markdown_file() -> String {
    let mut s = String::new();
    let mut lines = 0;
    let mut i = 0;
    while lines < 5_000 {
        if i % 20 == 0 {
            s.push_str(&format!("## Section {}\n\n", i / 20));
            lines += 2;
        }
        let todo = TODOS[i % TODOS.len()];
        let todo = format!("{}{}", todo[..1].to_uppercase(), &todo[1..]);
        if i % 5 == 4 {
            s.push_str(&format!("  - [ ] {todo}\n"));
        } else if i % 3 == 0 {
            s.push_str(&format!("- [x] {todo}\n"));
        } else {
            s.push_str(&format!("- [ ] {todo}\n"));
        }
        lines += 1;
        i += 1;
    }
    s
}

/// `text` with `item` at its middle line, where the typist types.
fn with_an_item_halfway(text: String, item: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let middle = lines.len() / 2;
    lines.insert(middle, item);
    lines.join("\n") + "\n"
}

fn open(path: &str, text: String) -> Document {
    let path = Path::new(path);
    let linter = Arc::new(Linter::new(Arc::new(Config::default())));
    Document::open(
        lsp::Uri::from_str(&format!("file://{}", path.display())).unwrap(),
        path.to_path_buf(),
        FileKind::from_path(path).unwrap(),
        1,
        text,
        PositionEncoding::Utf16,
        LintContext::new(linter),
        DEFAULT_MAX_FILE_SIZE,
    )
}

/// Alternately types and deletes one character in the middle of a TODO
/// comment halfway down the file.
struct Typist {
    doc: Document,
    at: lsp::Position,
    typed: bool,
    /// What is typed and deleted: "x", or "\n" (every line below moves).
    what: &'static str,
}

impl Typist {
    fn new(path: &str, text: String) -> Typist {
        let line = text.lines().count() / 2;
        let (line, col) = text
            .lines()
            .enumerate()
            .skip(line)
            .find_map(|(n, l)| {
                l.find("TODO")
                    .or_else(|| l.find("- [ ]"))
                    .map(|c| (n, c + 8))
            })
            .unwrap();
        Typist {
            doc: open(path, text),
            at: lsp::Position::new(line as u32, col as u32),
            typed: false,
            what: "x",
        }
    }

    /// One `didChange` and the diagnostics for its version, as published.
    fn step(&mut self) -> String {
        self.change();
        self.doc.publish_params()
    }

    /// One `didChange`, without building the diagnostics.
    fn change(&mut self) {
        let change = self.next_change();
        let version = self.doc.version + 1;
        self.doc.lsp_change(version, vec![change]);
    }

    /// One `didChange` as the server takes it: written into the text, its
    /// analysis left for the next reader.
    fn apply(&mut self) {
        let change = self.next_change();
        let version = self.doc.version + 1;
        self.doc.apply_lsp_changes(version, vec![change]);
    }

    /// The next keystroke: types, or deletes what was typed.
    fn next_change(&mut self) -> lsp::TextDocumentContentChangeEvent {
        let change = if self.typed {
            let end = if self.what == "\n" {
                lsp::Position::new(self.at.line + 1, 0)
            } else {
                lsp::Position::new(self.at.line, self.at.character + 1)
            };
            lsp::TextDocumentContentChangeEvent {
                range: Some(lsp::Range::new(self.at, end)),
                range_length: None,
                text: String::new(),
            }
        } else {
            lsp::TextDocumentContentChangeEvent {
                range: Some(lsp::Range::new(self.at, self.at)),
                range_length: None,
                text: self.what.into(),
            }
        };
        self.typed = !self.typed;
        change
    }
}

fn files() -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("rust_20k_lines_2k_todos", "/bench/src/big.rs", rust_file()),
        ("markdown_5k_lines", "/bench/TODO.md", markdown_file()),
        // Typing in an item that names a file in a code span, and in the
        // item that creates it (each keystroke makes or unmakes the
        // document's plan, which is read again).
        (
            "markdown_5k_lines_code_span",
            "/bench/TODO.md",
            with_an_item_halfway(
                markdown_file(),
                "- [ ] Wire `src/push/registry.rs` into the server start",
            ),
        ),
        (
            "markdown_5k_lines_create_step",
            "/bench/TODO.md",
            with_an_item_halfway(
                markdown_file(),
                "- [ ] Create `src/push/registry.rs` holding the tokens",
            ),
        ),
        // A syntax error at the end (a nested item opened after the last
        // one) makes every analysis read the document afresh.
        (
            "markdown_5k_lines_broken",
            "/bench/TODO.md",
            markdown_file() + "- - [ ] ",
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("did_change_to_diagnostics");
    group.measurement_time(Duration::from_secs(5));
    for (name, path, text) in files() {
        let mut t = Typist::new(path, text);
        group.bench_function(name, |b| b.iter(|| black_box(t.step())));
    }
    group.finish();
}

fn percentiles() {
    println!("\nsingle updates (2,000 each):");
    for (name, path, text) in files() {
        for what in ["x", "\n"] {
            let start = Instant::now();
            let mut t = Typist::new(path, text.clone());
            t.what = what;
            let opened = start.elapsed();
            let diagnostics = t.doc.diagnostic_count();
            for _ in 0..100 {
                black_box(t.step());
            }
            let mut times = Vec::with_capacity(2_000);
            let mut changes = Vec::with_capacity(2_000);
            let mut builds = Vec::with_capacity(2_000);
            let mut size = 0;
            for _ in 0..2_000 {
                let s = Instant::now();
                t.change();
                let changed = s.elapsed();
                size = black_box(t.doc.publish_params()).len();
                let total = s.elapsed();
                times.push(total);
                changes.push(changed);
                builds.push(total.checked_sub(changed).unwrap());
            }
            println!(
                "  {name}, typing {what:?}: {} lines, {} diagnostics ({} KB of JSON), open {:.1?}; median {:.3?}, p99 {:.3?}, max {:.3?}",
                text.lines().count(),
                diagnostics,
                size / 1024,
                opened,
                percentile(&mut times, 50),
                percentile(&mut times, 99),
                percentile(&mut times, 100),
            );
            println!(
                "    of which Document::lsp_change: median {:.3?}, p99 {:.3?}; Document::publish_params: median {:.3?}, p99 {:.3?}",
                percentile(&mut changes, 50),
                percentile(&mut changes, 99),
                percentile(&mut builds, 50),
                percentile(&mut builds, 99),
            );
            if what == "x" {
                library_path(&t.doc);
            }
        }
    }
}

/// Bursts of ten keystrokes, 200 of each kind: analysed after every
/// keystroke, or once after the burst, which is what the server does when
/// keystrokes arrive faster than it analyses them (the analysis waits for
/// the publisher, which coalesces a burst into its last version).
fn bursts() {
    println!("\nbursts of 10 keystrokes (200 each):");
    for (name, path, text) in files() {
        let mut t = Typist::new(path, text);
        let mut each = Vec::with_capacity(200);
        let mut once = Vec::with_capacity(200);
        for _ in 0..200 {
            let s = Instant::now();
            for _ in 0..10 {
                t.change();
            }
            black_box(t.doc.publish_params());
            each.push(s.elapsed());
            let s = Instant::now();
            for _ in 0..10 {
                t.apply();
            }
            t.doc.settle();
            black_box(t.doc.publish_params());
            once.push(s.elapsed());
        }
        let (each, once) = (percentile(&mut each, 50), percentile(&mut once, 50));
        println!(
            "  {name}: analysed after each keystroke, median {each:.3?}; once per burst, median {once:.3?} ({:.1}x faster)",
            each.as_secs_f64() / once.as_secs_f64()
        );
    }
}

/// For comparison, 200 times each: what publishing costs after the update
/// when the params go through the LSP library (tower-lsp-server turns them
/// into a `serde_json::Value`, then the codec serialises that), typed as
/// before (`Document::diagnostics`) or as the cached JSON.
fn library_path(doc: &Document) {
    let mut typed = Vec::with_capacity(200);
    let mut raw = Vec::with_capacity(200);
    for _ in 0..200 {
        let s = Instant::now();
        let params = lsp::PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics: doc.diagnostics(),
            version: Some(doc.version),
        };
        let value = serde_json::to_value(params).unwrap();
        black_box(serde_json::to_string(&value).unwrap());
        typed.push(s.elapsed());
        let s = Instant::now();
        let params = serde_json::value::RawValue::from_string(doc.publish_params()).unwrap();
        let value = serde_json::to_value(params).unwrap();
        black_box(serde_json::to_string(&value).unwrap());
        raw.push(s.elapsed());
    }
    println!(
        "    through the library instead (payload, Value, string): typed diagnostics median {:.3?}, p99 {:.3?}; cached JSON as RawValue median {:.3?}, p99 {:.3?}",
        percentile(&mut typed, 50),
        percentile(&mut typed, 99),
        percentile(&mut raw, 50),
        percentile(&mut raw, 99),
    );
}

/// The `p`th percentile of `times` (sorts it).
fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    times[(times.len() * p / 100).min(times.len() - 1)]
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    percentiles();
    bursts();
}
