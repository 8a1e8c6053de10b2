//! `handoff.checkWorkspace`: lints every file of the workspace folders that
//! is not open, publishing its diagnostics, with work-done progress.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;
use tracing::warn;

use crate::check::{Source, read_source};
use crate::language::FileKind;

use super::convert;
use super::state::{State, guard};
use crate::live::DocText;

/// Walks `folders` and publishes diagnostics for each file handoff reads.
pub(super) async fn run(client: Client, folders: Vec<PathBuf>, state: Arc<Mutex<State>>) {
    let mut files = Vec::new();
    for folder in &folders {
        for entry in crate::workspace::walker(folder).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file())
                && FileKind::from_path(entry.path()).is_some()
            {
                files.push(entry.into_path());
            }
        }
    }
    let token = lsp::NumberOrString::String("handoff-workspace-check".into());
    let progress = if State::lock(&state).caps.progress
        && client
            .create_work_done_progress(token.clone())
            .await
            .is_ok()
    {
        Some(
            client
                .progress(token, "handoff: checking the workspace")
                .with_percentage(0)
                .begin()
                .await,
        )
    } else {
        None
    };
    let total = files.len().max(1);
    let mut found = 0usize;
    for (i, path) in files.iter().enumerate() {
        let Some(kind) = FileKind::from_path(path) else {
            continue;
        };
        let Some((resolved, encoding)) = State::lock(&state).resolve_unopened(path) else {
            continue; // open in the editor: its own diagnostics stand
        };
        if !resolved.cx.enabled {
            continue;
        }
        // Read as `handoff check` reads it: binary and oversized files
        // skipped, invalid UTF-8 replaced.
        let Ok(Some(Source { text, .. })) = read_source(path, resolved.max_file_size) else {
            continue;
        };
        let Some(uri) = lsp::Uri::from_file_path(path) else {
            continue;
        };
        let findings = guard("workspace check", || {
            resolved
                .cx
                .linter
                .check_text(kind, path, &text, resolved.cx.workspace.as_ref())
        });
        let Some(findings) = findings else {
            warn!("workspace check failed on {}", path.display());
            continue;
        };
        found += findings.len();
        let doc = DocText::new(text);
        let diags = findings
            .iter()
            .map(|f| convert::diagnostic(&uri, &doc, encoding, f))
            .collect();
        client.publish_diagnostics(uri, diags, None).await;
        if let Some(p) = &progress {
            p.report_with_message(
                format!("{}/{}", i + 1, files.len()),
                ((i + 1) * 100 / total) as u32,
            )
            .await;
        }
    }
    if let Some(p) = progress {
        p.finish_with_message(format!("{} files, {found} findings", files.len()))
            .await;
    }
}
