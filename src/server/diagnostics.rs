//! Pull diagnostics (`textDocument/diagnostic`). Push clients get theirs
//! from the publisher (`publish.rs`).

use tower_lsp_server::ls_types as lsp;

use super::state::{Session, guard};

/// `textDocument/diagnostic`: the document's diagnostics, or "unchanged"
/// when the client has the current ones (the result id is the version and
/// the generation of the findings).
pub(super) fn diagnostic(
    session: &Session,
    params: &lsp::DocumentDiagnosticParams,
) -> lsp::DocumentDiagnosticReportResult {
    let mut st = session.state();
    let (result_id, items) = match st.settled(&params.text_document.uri) {
        Some(doc) => (
            Some(format!("{}:{}", doc.version, doc.generation)),
            guard("diagnostics", || doc.diagnostics()).unwrap_or_default(),
        ),
        None => (None, Vec::new()),
    };
    if result_id.is_some() && params.previous_result_id == result_id {
        return lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Unchanged(
                lsp::RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                        result_id: result_id.unwrap_or_default(),
                    },
                },
            ),
        );
    }
    lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
        lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}
