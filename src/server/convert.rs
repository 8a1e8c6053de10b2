//! Engine types to LSP types.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::LazyLock;

use serde_json::json;
use tower_lsp_server::ls_types as lsp;

use crate::fixes::Fix;
use crate::lint::Finding;
use crate::rules::{self, Severity};

use crate::document::PositionEncoding;
use crate::live::DocText;

/// The path of a document: a file URI's path, or for other schemes
/// (`untitled:`) the URI's path as it is.
pub fn uri_path(uri: &lsp::Uri) -> PathBuf {
    match uri.to_file_path() {
        Some(p) if uri.scheme().as_str() == "file" => p.into_owned(),
        _ => PathBuf::from(uri.path().as_str()),
    }
}

/// The URI of a file.
pub fn file_uri(path: &Path) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

/// What every diagnostic says it comes from.
pub const SOURCE: &str = "handoff";

static RULE_URLS: LazyLock<HashMap<&'static str, lsp::Uri>> = LazyLock::new(|| {
    rules::ALL
        .iter()
        .filter_map(|r| Some((r.name, lsp::Uri::from_str(&r.url()).ok()?)))
        .collect()
});

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
    }
}

/// A byte range of `text` as an LSP range.
pub fn range(text: &DocText, encoding: PositionEncoding, r: &std::ops::Range<usize>) -> lsp::Range {
    let a = text.position(r.start, encoding);
    let b = text.position(r.end, encoding);
    lsp::Range::new(
        lsp::Position::new(a.line, a.column),
        lsp::Position::new(b.line, b.column),
    )
}

/// A finding in the document `uri` holding `text`, as a diagnostic. `data`
/// names the rule and the fixes' titles, so a client can tell which code
/// actions a diagnostic will get; the edits themselves are computed from
/// the current text when asked.
pub fn diagnostic(
    uri: &lsp::Uri,
    text: &DocText,
    encoding: PositionEncoding,
    f: &Finding,
) -> lsp::Diagnostic {
    let range = |r: &std::ops::Range<usize>| range(text, encoding, r);
    let related = (!f.related.is_empty()).then(|| {
        f.related
            .iter()
            .map(|r| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), range(&r.range)),
                message: r.message.clone(),
            })
            .collect()
    });
    lsp::Diagnostic {
        range: range(&f.range),
        severity: Some(severity(f.severity)),
        code: Some(lsp::NumberOrString::String(f.rule.name.to_string())),
        code_description: RULE_URLS
            .get(f.rule.name)
            .map(|href| lsp::CodeDescription { href: href.clone() }),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: related,
        tags: None,
        data: Some(json!({
            "rule": f.rule.name,
            "fixes": f.fixes.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(),
        })),
    }
}

/// The JSON of an instruction's diagnostics, written once when the
/// instruction is linted (or its columns move) and copied into every
/// `textDocument/publishDiagnostics` after that, so that publishing does not
/// build, clone or serialise diagnostics.
///
/// Line numbers are not in the text: they are holes, each holding a line
/// relative to a base line (the line the instruction started on when the
/// JSON was written). An instruction that moves by whole lines keeps its
/// JSON; only its base line changes.
#[derive(Debug, Clone, Default)]
pub struct DiagnosticsJson {
    /// The diagnostics' JSON objects, comma-separated, line numbers cut out.
    text: String,
    /// Where the line numbers go: offset in `text`, line relative to the base.
    holes: Vec<(u32, i32)>,
    count: usize,
}

impl DiagnosticsJson {
    /// `findings` as JSON diagnostics, their lines relative to `base_line`.
    pub fn new<'a>(
        uri: &lsp::Uri,
        text: &DocText,
        encoding: PositionEncoding,
        base_line: u32,
        findings: impl IntoIterator<Item = &'a Finding>,
    ) -> Self {
        let mut j = DiagnosticsJson::default();
        let mut uri_json = None;
        for f in findings {
            if j.count > 0 {
                j.text.push(',');
            }
            j.count += 1;
            j.text.push_str("{\"range\":");
            j.range(text, encoding, base_line, &f.range);
            j.text.push_str(",\"severity\":");
            let severity = match f.severity {
                Severity::Error => "1",
                Severity::Warning => "2",
                Severity::Info => "3",
                Severity::Hint => "4",
            };
            j.text.push_str(severity);
            j.text.push_str(",\"code\":");
            push_str(&mut j.text, f.rule.name);
            if let Some(href) = RULE_URLS.get(f.rule.name) {
                j.text.push_str(",\"codeDescription\":{\"href\":");
                push_str(&mut j.text, href.as_str());
                j.text.push('}');
            }
            j.text.push_str(",\"source\":");
            push_str(&mut j.text, SOURCE);
            j.text.push_str(",\"message\":");
            push_str(&mut j.text, &f.message);
            if !f.related.is_empty() {
                let uri_json = uri_json.get_or_insert_with(|| {
                    let mut s = String::new();
                    push_str(&mut s, uri.as_str());
                    s
                });
                j.text.push_str(",\"relatedInformation\":[");
                for (n, r) in f.related.iter().enumerate() {
                    if n > 0 {
                        j.text.push(',');
                    }
                    j.text.push_str("{\"location\":{\"uri\":");
                    j.text.push_str(uri_json);
                    j.text.push_str(",\"range\":");
                    j.range(text, encoding, base_line, &r.range);
                    j.text.push_str("},\"message\":");
                    push_str(&mut j.text, &r.message);
                    j.text.push('}');
                }
                j.text.push(']');
            }
            j.text.push_str(",\"data\":{\"rule\":");
            push_str(&mut j.text, f.rule.name);
            j.text.push_str(",\"fixes\":[");
            for (n, x) in f.fixes.iter().enumerate() {
                if n > 0 {
                    j.text.push(',');
                }
                push_str(&mut j.text, &x.title);
            }
            j.text.push_str("]}}");
        }
        j
    }

    fn range(
        &mut self,
        text: &DocText,
        encoding: PositionEncoding,
        base_line: u32,
        r: &std::ops::Range<usize>,
    ) {
        let a = text.position(r.start, encoding);
        let b = text.position(r.end, encoding);
        self.text.push_str("{\"start\":{\"line\":");
        self.hole(a.line, base_line);
        self.text.push_str(",\"character\":");
        push_u64(&mut self.text, a.column.into());
        self.text.push_str("},\"end\":{\"line\":");
        self.hole(b.line, base_line);
        self.text.push_str(",\"character\":");
        push_u64(&mut self.text, b.column.into());
        self.text.push_str("}}");
    }

    fn hole(&mut self, line: u32, base_line: u32) {
        let rel = (i64::from(line) - i64::from(base_line)).clamp(i32::MIN.into(), i32::MAX.into());
        self.holes.push((self.text.len() as u32, rel as i32));
    }

    /// How many diagnostics.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Bytes [`DiagnosticsJson::write`] will roughly add.
    pub fn size_hint(&self) -> usize {
        self.text.len() + 6 * self.holes.len()
    }

    /// Appends the diagnostics' JSON (no brackets) with their lines counted
    /// from `base_line`.
    pub fn write(&self, base_line: u32, out: &mut String) {
        let mut at = 0;
        for &(pos, rel) in &self.holes {
            let pos = pos as usize;
            out.push_str(&self.text[at..pos]);
            push_u64(out, (i64::from(base_line) + i64::from(rel)).max(0) as u64);
            at = pos;
        }
        out.push_str(&self.text[at..]);
    }
}

/// `s` as a JSON string.
pub fn push_str(out: &mut String, s: &str) {
    let plain = s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
    if plain {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).expect("strings serialise"));
    }
}

/// `n` in decimal.
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).expect("digits"));
}

/// A fix's edits as LSP text edits on `text`.
pub fn text_edits(text: &DocText, encoding: PositionEncoding, fix: &Fix) -> Vec<lsp::TextEdit> {
    fix.edits
        .iter()
        .map(|e| lsp::TextEdit::new(range(text, encoding, &e.range), e.new_text.clone()))
        .collect()
}

/// A workspace edit that changes only the document `uri`.
pub fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}
