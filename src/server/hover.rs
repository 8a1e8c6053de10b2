//! Hover: an instruction's readiness (one line per question the rules
//! answer), and the findings under the cursor with their documentation.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

use tower_lsp_server::ls_types as lsp;

use crate::document::touches;
use crate::rules::{self, Question, RuleMeta};

use super::document::Document;
use super::state::{Session, guard};

/// `textDocument/hover`.
pub(super) fn hover_request(session: &Session, params: &lsp::HoverParams) -> Option<lsp::Hover> {
    let mut st = session.state();
    let p = &params.text_document_position_params;
    let doc = st.settled(&p.text_document.uri)?;
    let offset = doc.lsp_offset(p.position);
    guard("hover", || hover(doc, offset)).flatten()
}

fn hover(doc: &Document, offset: usize) -> Option<lsp::Hover> {
    let entry = doc.entry_at(offset)?;
    let role = entry.instruction.role();
    let linter = doc.linter();
    let mut md = format!("**handoff** · readiness of this {}\n\n", role.as_str());
    for question in Question::ALL {
        let metas: Vec<&RuleMeta> = rules::ALL
            .iter()
            .copied()
            .filter(|m| m.question == *question && linter.judges(m, role))
            .collect();
        let question = question.as_str();
        if metas.is_empty() {
            continue;
        }
        let missing: Vec<&str> = entry
            .findings
            .iter()
            .filter(|f| metas.iter().any(|m| m.name == f.rule.name))
            .map(|f| f.message.as_str())
            .collect();
        let _ = match missing.first() {
            None => writeln!(md, "- ✅ {question}"),
            Some(m) => writeln!(md, "- ❌ {question}: {m}"),
        };
    }
    let covers = |r: &Range<usize>| touches(r, &(offset..offset));
    let here: Vec<_> = entry
        .findings
        .iter()
        .filter(|f| covers(&f.range) || f.related.iter().any(|r| covers(&r.range)))
        .collect();
    let mut seen = HashSet::new();
    for f in &here {
        if seen.insert(f.rule.name) {
            let _ = writeln!(md, "\n---\n\n**`{}`**: {}", f.rule.name, f.message);
            // Every place of a finding that covers several, with its line.
            for r in &f.related {
                let line = doc.lsp_range(&r.range).start.line + 1;
                let _ = writeln!(md, "- line {line}: {}", r.message);
            }
            let _ = write!(md, "\n{}", f.rule.documentation());
        }
    }
    let range = here
        .first()
        .map_or(entry.instruction.range.clone(), |f| f.range.clone());
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: md,
        }),
        range: Some(doc.lsp_range(&range)),
    })
}
