//! Invariants that must hold on any input at all, one function per fuzz
//! target. The cargo-fuzz targets in `fuzz/` call these with the fuzzer's
//! bytes; `tests/fuzz_regressions.rs` replays every input the fuzzers ever
//! crashed on (`fuzz/regressions/<target>/`) through the same functions on
//! stable Rust, so a fixed crash stays fixed. Each function panics when an
//! invariant breaks: that is what the fuzzer reports.

use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex};

use tower_lsp_server::ls_types as lsp;

use crate::config::{Config, DEFAULT_MAX_FILE_SIZE};
use crate::document::PositionEncoding;
use crate::fixes::{Edit, Fix, apply, inverse};
use crate::language::FileKind;
use crate::lint::{Finding, Linter};
use crate::server::document::{Document, LintContext};
use crate::workspace::NoWorkspace;

/// A file name for every language and Markdown role; the first byte of a
/// fuzz input picks one.
pub const SAMPLE_PATHS: &[&str] = &[
    "TODO.md",
    "AGENTS.md",
    "fix.task.md",
    "lib.rs",
    "main.py",
    "app.js",
    "app.ts",
    "view.tsx",
    "main.go",
    "Main.java",
    "main.c",
    "main.cpp",
    "Program.cs",
    "app.rb",
    "run.sh",
    "init.lua",
    "ci.yml",
    "settings.toml",
    "index.php",
    "Main.kt",
    "App.swift",
    "Main.scala",
    "index.html",
    "site.css",
];

static LINTER: LazyLock<Arc<Linter>> =
    LazyLock::new(|| Arc::new(Linter::new(Arc::new(Config::default()))));

/// Splits off the first byte as a choice of file kind; the rest is the text
/// (invalid UTF-8 replaced, as `handoff check` reads it).
fn kind_and_text(data: &[u8]) -> Option<(&'static Path, FileKind, String)> {
    let (&choice, rest) = data.split_first()?;
    let path = Path::new(SAMPLE_PATHS[choice as usize % SAMPLE_PATHS.len()]);
    let kind = FileKind::from_path(path).expect("every sample path has a grammar");
    Some((path, kind, String::from_utf8_lossy(rest).into_owned()))
}

/// `extract` target: any bytes in any language lint without panicking, every
/// finding points inside the text at character boundaries, and every fix is
/// a set of non-overlapping edits that undo to the original bytes.
pub fn check_any_file(data: &[u8]) {
    let Some((path, kind, text)) = kind_and_text(data) else {
        return;
    };
    for finding in LINTER.check_text(kind, path, &text, &NoWorkspace) {
        assert_finding_is_sound(&text, &finding);
        for fix in &finding.fixes {
            let after = apply(&text, &fix.edits);
            assert_eq!(
                apply(&after, &inverse(&text, &fix.edits)),
                text,
                "undoing {:?} does not give the original back",
                fix.title
            );
            // The fixed text still lints.
            for f in LINTER.check_text(kind, path, &after, &NoWorkspace) {
                assert_finding_is_sound(&after, &f);
            }
        }
    }
}

fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{what} {range:?} is not a character range of a {}-byte text",
        text.len()
    );
}

fn assert_finding_is_sound(text: &str, finding: &Finding) {
    assert_range(text, &finding.range, finding.rule.name);
    for related in &finding.related {
        assert_range(text, &related.range, "related information");
    }
    for fix in &finding.fixes {
        assert!(!fix.edits.is_empty(), "{:?} edits nothing", fix.title);
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        for e in &edits {
            assert_range(text, &e.range, &fix.title);
        }
        for pair in edits.windows(2) {
            assert!(
                pair[0].range.end <= pair[1].range.start,
                "{:?} has overlapping edits {:?} and {:?}",
                fix.title,
                pair[0].range,
                pair[1].range
            );
        }
    }
}

/// `edit` target: a document opened with some text and then edited
/// has the findings a fresh check of its final text has. The input is a kind
/// byte, an edit count, that many edits (start and length as two bytes
/// each, then a byte whose low four bits are the length of the inserted
/// text that follows, and whose fifth bit leaves the edit to be analysed
/// with the next), and then the text.
pub fn edit_any_document(data: &[u8]) {
    let mut input = data;
    let Some((&choice, rest)) = input.split_first() else {
        return;
    };
    input = rest;
    let Some((&count, rest)) = input.split_first() else {
        return;
    };
    input = rest;
    let mut edits = Vec::new();
    for _ in 0..count % 8 {
        let [a, b, c, d, n, rest @ ..] = input else {
            return;
        };
        let insert_len = (*n as usize % 16).min(rest.len());
        let start = u16::from_le_bytes([*a, *b]) as usize;
        let len = u16::from_le_bytes([*c, *d]) as usize % 64;
        let settle = n & 0x10 == 0;
        edits.push((
            start,
            len,
            String::from_utf8_lossy(&rest[..insert_len]).into_owned(),
            settle,
        ));
        input = &rest[insert_len..];
    }
    let mut with_kind = vec![choice];
    with_kind.extend_from_slice(input);
    let Some((path, kind, text)) = kind_and_text(&with_kind) else {
        return;
    };
    let uri = lsp::Uri::from_str(&format!("file:///fuzz/{}", path.display()))
        .expect("a sample path makes a valid URI");
    let mut doc = Document::open(
        uri,
        Path::new("/fuzz").join(path),
        kind,
        1,
        text,
        PositionEncoding::Utf16,
        LintContext::new(LINTER.clone()),
        DEFAULT_MAX_FILE_SIZE,
    );
    for (start, len, insert, settle) in edits {
        let text = doc.text();
        let mut start = start % (text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        doc.apply_edit(start..end, &insert);
        if settle {
            doc.settle();
        }
    }
    doc.settle();
    let expected = LINTER.check_text(kind, path, doc.text(), &NoWorkspace);
    let got = findings_summary(doc.findings().map(|(_, f)| f));
    let expected = findings_summary(&expected);
    assert_eq!(
        got,
        expected,
        "incremental findings differ from a full check of:\n{:?}",
        doc.text()
    );
}

/// What two sets of findings must agree on, in a stable order: where each
/// is, its rule, its message and its fixes.
pub type FindingsSummary = Vec<(Range<usize>, &'static str, String, Vec<Fix>)>;

/// The [`FindingsSummary`] of `findings`.
pub fn findings_summary<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> FindingsSummary {
    let mut summary: FindingsSummary = findings
        .into_iter()
        .map(|f| {
            (
                f.range.clone(),
                f.rule.name,
                f.message.clone(),
                f.fixes.clone(),
            )
        })
        .collect();
    summary.sort_by(|a, b| (a.0.start, a.0.end, a.1, &a.2).cmp(&(b.0.start, b.0.end, b.1, &b.2)));
    summary
}

/// `config` target: configuration bytes either parse, or give an error that
/// names the file and a line inside it.
pub fn parse_any_config(data: &[u8]) {
    let path = Path::new("/fuzz/handoff.toml");
    if let Err(e) = Config::from_bytes(data, path) {
        // Lines as an editor counts them: a lone CR ends one too.
        let lines = crate::document::LineIndex::new(&String::from_utf8_lossy(data)).line_count();
        let line = e
            .line
            .unwrap_or_else(|| panic!("no line in the error {:?}", e.message));
        assert!(
            (1..=lines).contains(&line),
            "line {line} of a {lines}-line file"
        );
        assert!(
            e.to_string()
                .starts_with(&format!("/fuzz/handoff.toml:{line}: ")),
            "{e}"
        );
    }
}

/// `jsonrpc` target: any byte stream sent to the language server is
/// answered without a panic, and everything it writes back is well-formed
/// frames of JSON.
pub fn serve_any_stream(data: &[u8]) {
    let output = SharedBuffer::default();
    crate::server::serve_stream(std::io::Cursor::new(data.to_vec()), output.clone());
    // The writer thread held the other handle: the session left no thread
    // behind.
    assert_eq!(
        Arc::strong_count(&output.0),
        1,
        "the writer thread outlived the session"
    );
    let bytes = output.0.lock().unwrap().clone();
    let mut reader = std::io::BufReader::new(&bytes[..]);
    loop {
        match crate::server::framing::read_frame(&mut reader) {
            Ok(Some(crate::server::framing::Frame::Body(body))) => {
                serde_json::from_slice::<serde_json::Value>(&body).unwrap_or_else(|e| {
                    panic!(
                        "the server wrote a body that is not JSON ({e}): {}",
                        String::from_utf8_lossy(&body)
                    )
                });
            }
            Ok(None) => break,
            other => panic!("the server wrote a bad frame: {other:?}"),
        }
    }
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "trailing bytes after the last frame");
}

/// An output the server can write to from its writer thread while the fuzz
/// target keeps a handle to read it afterwards.
#[derive(Clone, Default)]
struct SharedBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn every_language_has_a_sample_path() {
        for language in Language::ALL {
            assert!(
                SAMPLE_PATHS
                    .iter()
                    .any(|p| FileKind::from_path(Path::new(p)).unwrap().language == *language),
                "{language:?}"
            );
        }
    }
}
