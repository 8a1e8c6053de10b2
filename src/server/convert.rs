//! Engine types to LSP types.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;

use serde_json::json;
use tower_lsp_server::ls_types as lsp;

use crate::fixes::Fix;
use crate::lint::Finding;
use crate::rules::{self, Severity};

use crate::document::PositionEncoding;

use super::document::Document;
use super::text::DocText;

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

/// A finding as a diagnostic. `data` names the rule and the fixes' titles, so
/// a client can tell which code actions a diagnostic will get; the edits
/// themselves are computed from the current text when asked.
pub fn diagnostic(doc: &Document, f: &Finding) -> lsp::Diagnostic {
    diagnostic_in(&doc.uri, doc.doc_text(), doc.encoding, f)
}

/// [`diagnostic`] for a file that is not open.
pub fn diagnostic_in(
    uri: &lsp::Uri,
    text: &DocText,
    encoding: PositionEncoding,
    f: &Finding,
) -> lsp::Diagnostic {
    let range = |r: &std::ops::Range<usize>| {
        let a = text.position(r.start, encoding);
        let b = text.position(r.end, encoding);
        lsp::Range::new(
            lsp::Position::new(a.line, a.column),
            lsp::Position::new(b.line, b.column),
        )
    };
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

/// A fix's edits as LSP text edits on `doc`.
pub fn text_edits(doc: &Document, fix: &Fix) -> Vec<lsp::TextEdit> {
    fix.edits
        .iter()
        .map(|e| lsp::TextEdit::new(doc.lsp_range(&e.range), e.new_text.clone()))
        .collect()
}

/// A workspace edit that changes only `doc`.
pub fn workspace_edit(doc: &Document, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(doc.uri.clone(), edits);
    lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}
