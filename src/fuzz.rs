//! Invariants that must hold on any input at all, one function per fuzz
//! target. The cargo-fuzz targets in `fuzz/` call these with the fuzzer's
//! bytes; `tests/fuzz_regressions.rs` replays every input the fuzzers ever
//! crashed on (`fuzz/regressions/<target>/`) through the same functions on
//! stable Rust, so a fixed crash stays fixed. Each function panics when an
//! invariant breaks: that is what the fuzzer reports.

use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex};

use crate::config::{Config, DEFAULT_MAX_FILE_SIZE};
use crate::document::PositionEncoding;
use crate::fixes::{Edit, Fix, apply, inverse};
use crate::language::{FileKind, LANGUAGES, Sample};
use crate::lint::{Finding, Linter};
use crate::live::{Document, LintContext};
use crate::workspace::NoWorkspace;

/// The sample files, one per language and Markdown role, from the
/// language table ([`LANGUAGES`]): the fuzzers' seeds, and the documents
/// the incremental and soak tests edit.
pub static SAMPLE_PATHS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .flat_map(|spec| spec.samples)
        .map(|sample| sample.name)
        .collect()
});

/// The longest file name a fuzz input may start with.
const MAX_NAME: usize = 100;

/// Splits a fuzz input into the file it is and its bytes. The input's first
/// line is a file name (`lib.rs`, `AGENTS.md`, `.cursor/rules/a.mdc`),
/// which decides the language and Markdown role as a path does, so that an
/// input keeps its meaning when languages are added. `None` when the first
/// line is not a name handoff reads.
pub fn split_name(data: &[u8]) -> Option<(&Path, FileKind, &[u8])> {
    let end = data.iter().take(MAX_NAME + 1).position(|&b| b == b'\n')?;
    let name = std::str::from_utf8(&data[..end]).ok()?;
    let path = Path::new(name);
    if !path
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    let kind = FileKind::from_path(path)?;
    Some((path, kind, &data[end + 1..]))
}

/// The `extract` target's seed for `sample`: its name, then its text.
pub fn extract_seed(sample: &Sample) -> Vec<u8> {
    let mut seed = format!("{}\n", sample.name).into_bytes();
    seed.extend_from_slice(sample.text.as_bytes());
    seed
}

/// The edits every `edit` seed makes: two, an insert of "maybe " at byte
/// 10 (analysed with the next) and a deletion of 3 bytes at byte 20.
const EDIT_SEED_EDITS: &[u8] = b"\x02\x0a\x00\x00\x00\x06maybe \x14\x00\x03\x00\x00";

/// The `edit` target's seed for `sample`: its name, two edits, its text.
pub fn edit_seed(sample: &Sample) -> Vec<u8> {
    let mut seed = format!("{}\n", sample.name).into_bytes();
    seed.extend_from_slice(EDIT_SEED_EDITS);
    seed.extend_from_slice(sample.text.as_bytes());
    seed
}

static LINTER: LazyLock<Arc<Linter>> =
    LazyLock::new(|| Arc::new(Linter::new(Arc::new(Config::default()))));

/// The file an input names, and the rest of it as text (invalid UTF-8
/// replaced, as `handoff check` reads it).
fn kind_and_text(data: &[u8]) -> Option<(&Path, FileKind, String)> {
    let (path, kind, rest) = split_name(data)?;
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
/// has the findings a fresh check of its final text has. The input is a
/// file name and a line end (see [`split_name`]), an edit count, that many
/// edits (start and length as two bytes each, then a byte whose low four
/// bits are the length of the inserted text that follows, and whose fifth
/// bit leaves the edit to be analysed with the next), and then the text.
pub fn edit_any_document(data: &[u8]) {
    let Some((path, kind, mut input)) = split_name(data) else {
        return;
    };
    let Some((&count, rest)) = input.split_first() else {
        return;
    };
    input = rest;
    let mut edits = Vec::new();
    for _ in 0..count % 8 {
        let [start_lo, start_hi, len_lo, len_hi, flags, rest @ ..] = input else {
            return;
        };
        let insert_len = (*flags as usize % 16).min(rest.len());
        let start = u16::from_le_bytes([*start_lo, *start_hi]) as usize;
        let len = u16::from_le_bytes([*len_lo, *len_hi]) as usize % 64;
        let settle = flags & 0x10 == 0;
        edits.push((
            start,
            len,
            String::from_utf8_lossy(&rest[..insert_len]).into_owned(),
            settle,
        ));
        input = &rest[insert_len..];
    }
    let text = String::from_utf8_lossy(input).into_owned();
    let mut doc = Document::new(
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

    #[test]
    fn inputs_name_their_file() {
        let (path, kind, rest) = split_name(b"lib.rs\n// TODO: x").unwrap();
        assert_eq!(path, Path::new("lib.rs"));
        assert_eq!(kind.language, crate::language::Language::Rust);
        assert_eq!(rest, b"// TODO: x");
        let (_, kind, _) = split_name(b".cursor/rules/a.mdc\n").unwrap();
        assert_eq!(kind.role, crate::language::MarkdownRole::AgentInstructions);
        for bad in [
            &b"notes.txt\nx"[..],
            b"lib.rs",
            b"../lib.rs\nx",
            b"/lib.rs\nx",
            b"\xfflib.rs\nx",
        ] {
            assert!(
                split_name(bad).is_none(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
