//! `initialize` and `initialized`: what the client can do, what the server
//! offers in return, and the setup that follows (file watching, settings,
//! the workspace check).

use std::path::PathBuf;

use serde_json::json;
use tower_lsp_server::ls_types::{self as lsp, notification::Notification};
use tracing::{info, warn};

use crate::document::PositionEncoding;

use super::actions::FIX_ALL_KIND;
use super::configuration;
use super::convert;
use super::settings::Settings;
use super::state::{Caps, Session};

/// What the client can do.
pub(super) fn client_caps(params: &lsp::InitializeParams) -> Caps {
    let caps = &params.capabilities;
    let td = caps.text_document.as_ref();
    let ws = caps.workspace.as_ref();
    Caps {
        pull: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        resolve_edit: td
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
        document_changes: ws
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
        create_files: ws
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|r| r.contains(&lsp::ResourceOperationKind::Create)),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        watch_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
    }
}

/// UTF-8 positions when the client can, UTF-16 (LSP's default) otherwise.
pub(super) fn encoding(params: &lsp::InitializeParams) -> PositionEncoding {
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
    if utf8 {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

/// The workspace folders (or the deprecated root URI).
fn folders(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| convert::uri_path(&f.uri))
        .collect();
    #[allow(deprecated)]
    if folders.is_empty()
        && let Some(root) = &params.root_uri
    {
        folders.push(convert::uri_path(root));
    }
    folders
}

/// What the server offers a client with `caps`.
pub(super) fn server_caps(encoding: PositionEncoding, caps: &Caps) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(if encoding == PositionEncoding::Utf8 {
            lsp::PositionEncodingKind::UTF8
        } else {
            lsp::PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::from(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(caps.resolve_edit),
                work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        diagnostic_provider: caps.pull.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("handoff".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
            })
        }),
        ..Default::default()
    }
}

pub(super) fn initialize(
    session: &Session,
    params: &lsp::InitializeParams,
) -> lsp::InitializeResult {
    let caps = client_caps(params);
    let encoding = encoding(params);
    info!("initialize: encoding={encoding:?} pull={}", caps.pull);
    let capabilities = server_caps(encoding, &caps);
    {
        let mut st = session.state();
        st.encoding = encoding;
        st.caps = caps;
        st.configs.folders = folders(params);
        if let Some(opts) = &params.initialization_options {
            let (settings, _) = Settings::from_value(opts);
            st.configs.set_settings(settings);
        }
    }
    lsp::InitializeResult {
        capabilities,
        server_info: Some(lsp::ServerInfo {
            name: "handoff".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    }
}

/// After `initialized`: watch files, read the settings, check the
/// workspace when asked to.
pub(super) async fn initialized(session: &Session) {
    let watch = session.state().caps.watch_dynamic;
    if watch {
        let options = json!({ "watchers": [ { "globPattern": "**/*" } ] });
        let registration = lsp::Registration {
            id: "handoff-watched-files".into(),
            method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: Some(options),
        };
        if let Err(e) = session.client.register_capability(vec![registration]).await {
            warn!("could not watch files: {e}");
        }
    }
    configuration::fetch_settings(session).await;
    if session.state().configs.settings.check_workspace {
        configuration::spawn_workspace_check(session);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(caps: &serde_json::Value) -> lsp::InitializeParams {
        serde_json::from_value(json!({ "capabilities": caps })).unwrap()
    }

    #[test]
    fn a_bare_client_gets_push_diagnostics_in_utf16() {
        let p = params(&json!({}));
        let caps = client_caps(&p);
        assert!(!caps.pull && !caps.resolve_edit && !caps.configuration);
        assert_eq!(encoding(&p), PositionEncoding::Utf16);
        let offered = server_caps(encoding(&p), &caps);
        assert!(offered.diagnostic_provider.is_none());
        assert_eq!(
            offered.position_encoding,
            Some(lsp::PositionEncodingKind::UTF16)
        );
    }

    #[test]
    fn what_the_client_can_do_is_what_it_gets() {
        let p = params(&json!({
            "general": { "positionEncodings": ["utf-8", "utf-16"] },
            "textDocument": {
                "diagnostic": {},
                "codeAction": { "resolveSupport": { "properties": ["edit"] } }
            },
            "workspace": {
                "configuration": true,
                "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] },
                "didChangeWatchedFiles": { "dynamicRegistration": true },
                "diagnostics": { "refreshSupport": true }
            },
            "window": { "workDoneProgress": true }
        }));
        let caps = client_caps(&p);
        assert!(caps.pull && caps.resolve_edit && caps.document_changes && caps.create_files);
        assert!(caps.configuration && caps.watch_dynamic && caps.refresh && caps.progress);
        assert_eq!(encoding(&p), PositionEncoding::Utf8);
        let offered = server_caps(encoding(&p), &caps);
        assert!(offered.diagnostic_provider.is_some());
        let Some(lsp::CodeActionProviderCapability::Options(actions)) =
            offered.code_action_provider
        else {
            panic!("no code action options");
        };
        assert_eq!(actions.resolve_provider, Some(true));
    }
}
