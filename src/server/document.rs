//! An open document as the language server holds it: the engine's
//! [`live::Document`], its URI, and each instruction's diagnostics kept as
//! JSON ([`DiagnosticsJson`]) so that publishing copies text instead of
//! building, cloning and serialising diagnostics. LSP positions and changes
//! convert here.

use std::ops::{Deref, DerefMut, Range};
use std::path::PathBuf;

use tower_lsp_server::ls_types as lsp;

use crate::document::{Position, PositionEncoding};
use crate::language::FileKind;
use crate::lint::Finding;
use crate::live::{self, Change, DocText, LintContext, Render};

use super::convert::{self, DiagnosticsJson};

/// Renders an instruction's findings as the JSON of their diagnostics.
pub struct Diagnostics {
    uri: lsp::Uri,
}

impl Render for Diagnostics {
    type Output = DiagnosticsJson;
    fn render(
        &self,
        text: &DocText,
        encoding: PositionEncoding,
        base_line: u32,
        findings: &[Finding],
    ) -> DiagnosticsJson {
        DiagnosticsJson::new(&self.uri, text, encoding, base_line, findings)
    }
}

/// An open document: the engine's, with its URI and diagnostics.
pub struct Document {
    pub uri: lsp::Uri,
    live: live::Document<Diagnostics>,
}

impl Deref for Document {
    type Target = live::Document<Diagnostics>;
    fn deref(&self) -> &Self::Target {
        &self.live
    }
}

impl DerefMut for Document {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.live
    }
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("uri", &self.uri.as_str())
            .field("live", &self.live)
            .finish()
    }
}

/// An LSP position as the engine's.
pub fn position(p: lsp::Position) -> Position {
    Position {
        line: p.line,
        column: p.character,
    }
}

/// LSP content changes as the engine's, their text moved.
pub fn changes(changes: Vec<lsp::TextDocumentContentChangeEvent>) -> Vec<Change> {
    changes
        .into_iter()
        .map(|c| Change {
            range: c.range.map(|r| (position(r.start), position(r.end))),
            text: c.text,
        })
        .collect()
}

impl Document {
    /// Opens a document and lints it whole.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        uri: lsp::Uri,
        path: PathBuf,
        kind: FileKind,
        version: i32,
        text: String,
        encoding: PositionEncoding,
        cx: LintContext,
        max_file_size: u64,
    ) -> Document {
        let render = Diagnostics { uri: uri.clone() };
        let live = live::Document::open(
            path,
            kind,
            version,
            text,
            encoding,
            cx,
            max_file_size,
            render,
        );
        Document { uri, live }
    }

    /// Applies `didChange` content changes, in order, and moves to
    /// `version`; the analysis waits for the first reader.
    pub fn apply_lsp_changes(
        &mut self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
    ) {
        self.live.apply_changes(version, self::changes(changes));
    }

    /// Applies `didChange` content changes and brings findings up to date.
    pub fn lsp_change(&mut self, version: i32, changes: Vec<lsp::TextDocumentContentChangeEvent>) {
        self.live.change(version, self::changes(changes));
    }

    /// The diagnostics for the current version, converted afresh (pull
    /// diagnostics; pushing uses [`Document::publish_params`]).
    pub fn diagnostics(&self) -> Vec<lsp::Diagnostic> {
        self.findings().map(|(_, f)| self.diagnostic(f)).collect()
    }

    /// One finding as a diagnostic.
    pub fn diagnostic(&self, f: &Finding) -> lsp::Diagnostic {
        convert::diagnostic(&self.uri, self.doc_text(), self.encoding, f)
    }

    /// How many diagnostics there are, without building them.
    pub fn diagnostic_count(&self) -> usize {
        self.entries().iter().map(|e| e.rendered.len()).sum()
    }

    /// The diagnostics for the current version as a JSON array, the same
    /// as serialising [`Document::diagnostics`], from the JSON cached per
    /// instruction.
    pub fn write_diagnostics(&self, out: &mut String) {
        let entries = self.entries();
        out.reserve(
            entries
                .iter()
                .map(|e| e.rendered.size_hint() + 1)
                .sum::<usize>()
                + 2,
        );
        out.push('[');
        let mut first = true;
        for e in entries {
            if e.rendered.is_empty() {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            e.rendered.write(e.base_line, out);
        }
        out.push(']');
    }

    /// The params of `textDocument/publishDiagnostics` for the current
    /// version, as JSON: `{"uri", "version", "diagnostics"}`.
    pub fn publish_params(&self) -> String {
        let mut out = String::new();
        self.write_publish_params(&mut out);
        out
    }

    /// Appends [`Document::publish_params`] to `out`.
    pub fn write_publish_params(&self, out: &mut String) {
        out.push_str("{\"uri\":");
        convert::push_str(out, self.uri.as_str());
        out.push_str(",\"version\":");
        out.push_str(&self.version.to_string());
        out.push_str(",\"diagnostics\":");
        self.write_diagnostics(out);
        out.push('}');
    }

    pub fn lsp_range(&self, range: &Range<usize>) -> lsp::Range {
        convert::range(self.doc_text(), self.encoding, range)
    }

    /// The byte offset of an LSP position (clamped).
    pub fn lsp_offset(&self, p: lsp::Position) -> usize {
        self.live.offset(position(p))
    }

    /// The byte range of an LSP range, in order.
    pub fn lsp_byte_range(&self, r: lsp::Range) -> Range<usize> {
        self.live.byte_range((position(r.start), position(r.end)))
    }

    /// A fix's edits as LSP text edits.
    pub fn text_edits(&self, fix: &crate::fixes::Fix) -> Vec<lsp::TextEdit> {
        convert::text_edits(self.doc_text(), self.encoding, fix)
    }

    /// A workspace edit that changes only this document.
    pub fn workspace_edit(&self, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
        convert::workspace_edit(&self.uri, edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, DEFAULT_MAX_FILE_SIZE};
    use crate::lint::Linter;
    use std::str::FromStr;
    use std::sync::Arc;

    fn open(path: &str, text: &str, encoding: PositionEncoding) -> Document {
        let path = std::path::Path::new(path);
        Document::open(
            lsp::Uri::from_str(&format!("file://{}", path.display())).unwrap(),
            path.to_path_buf(),
            FileKind::from_path(path).unwrap(),
            1,
            text.to_string(),
            encoding,
            LintContext::new(Arc::new(Linter::new(Arc::new(Config::default())))),
            DEFAULT_MAX_FILE_SIZE,
        )
    }

    /// The cached JSON, moved edit by edit, says what converting afresh says.
    fn check(doc: &Document, step: &str) {
        let params: serde_json::Value = serde_json::from_str(&doc.publish_params())
            .unwrap_or_else(|e| panic!("after {step}: {e}\n{}", doc.publish_params()));
        let expected = serde_json::to_value(lsp::PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics: doc.diagnostics(),
            version: Some(doc.version),
        })
        .unwrap();
        assert_eq!(params, expected, "after {step}:\n{}", doc.text());
        assert_eq!(doc.diagnostic_count(), doc.diagnostics().len());
    }

    fn random_edits(path: &str, text: &str, pieces: &[&str], seed: u64) {
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            let mut doc = open(path, text, encoding);
            check(&doc, "open");
            let mut state = seed;
            let mut next = |n: usize| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                ((state >> 33) as usize) % n.max(1)
            };
            for step in 0..200 {
                let len = doc.text().len();
                let mut start = next(len + 1);
                while !doc.text().is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + next(12)).min(len);
                if next(3) == 0 {
                    end = start;
                }
                while !doc.text().is_char_boundary(end) {
                    end -= 1;
                }
                let insert = pieces[next(pieces.len())];
                doc.version += 1;
                doc.apply_edit(start..end, insert);
                // Now and then edits pile up, as in a burst of keystrokes.
                if next(4) == 0 && step < 199 {
                    continue;
                }
                doc.settle();
                check(&doc, &format!("step {step}: {start}..{end} <- {insert:?}"));
            }
        }
    }

    #[test]
    fn cached_json_matches_fresh_diagnostics_in_rust() {
        let text = "fn main() {\n    // TODO: maybe fix this properly\n    let x = 1; // FIXME: rewrite auth, add tests and update the docs\n}\n\n/* TODO: clean up\n   somehow */\n// note\n// TODO(agent): handle it \"quoted\" \\ and\tmore\n//   and more\nfn b() { \"// TODO: not a comment\" }\n// TODO: rewrite auth, add tests and update the docs 😀\n";
        let pieces = [
            "",
            "x",
            " ",
            "\n",
            "// TODO: ",
            "maybe ",
            ", and ",
            "\n// ",
            "*/",
            "/*",
            "\"",
            "😀",
            "\r\n",
            "\n\n",
        ];
        for seed in 1..=3 {
            random_edits("/tmp/handoff-json-test/src/lib.rs", text, &pieces, seed);
        }
    }

    #[test]
    fn cached_json_matches_fresh_diagnostics_in_markdown() {
        let text = "# Tasks\n\n- [ ] Rewrite auth, add tests and update the docs\n  - [ ] maybe fix the parser\n  - [x] done\n- [ ] Clean up the code somehow \"x\"\n\n<!-- handoff-ignore: hedge -->\n- [ ] Maybe refactor it\n\n```\n- [ ] not a task\n```\n- [ ] Rename 😀 and refactor the whole module\n";
        let pieces = [
            "", "x", " ", "\n", "- [ ] ", "  - [ ] ", "maybe ", ", and ", "```\n", "[x]", "😀",
            "\r\n", "\n\n",
        ];
        for seed in 1..=3 {
            random_edits("/tmp/handoff-json-test/TODO.md", text, &pieces, seed);
        }
    }
}
