//! The `LanguageServer` implementation: each request or notification goes
//! to the module of its family (`initialize`, `sync`, `configuration`,
//! `diagnostics`, `actions`, `hover`), which works on the shared
//! [`Session`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer};

use super::publish::{Publisher, RawOutput, send_out};
use super::state::{Session, State};
use super::{actions, configuration, diagnostics, hover, initialize, sync};

pub struct Backend {
    session: Session,
    shutdown: Arc<AtomicBool>,
}

impl Backend {
    /// A backend that writes diagnostics to `raw` (whole frames, in order
    /// with what the library writes) instead of through `client`, so that
    /// their cached JSON goes out as it is. Every publish goes there, so
    /// that a clear never overtakes a later publish.
    pub fn with_output(client: Client, shutdown: Arc<AtomicBool>, raw: Option<RawOutput>) -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        let (out, rx) = mpsc::unbounded_channel();
        let publisher = Publisher {
            client: client.clone(),
            raw,
        };
        tokio::spawn(send_out(publisher, state.clone(), rx));
        Backend {
            session: Session { client, state, out },
            shutdown,
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        Ok(initialize::initialize(&self.session, &params))
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        initialize::initialized(&self.session).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        sync::did_open(&self.session, params);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        sync::did_change(&self.session, params);
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        sync::did_save(&self.session, &params);
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        sync::did_close(&self.session, params);
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        configuration::did_change_configuration(&self.session, params).await;
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        sync::did_change_watched_files(&self.session, &params);
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        Ok(diagnostics::diagnostic(&self.session, &params))
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        Ok(Some(actions::code_action(&self.session, &params)))
    }

    async fn code_action_resolve(&self, action: lsp::CodeAction) -> Result<lsp::CodeAction> {
        actions::code_action_resolve(&self.session, action)
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        Ok(hover::hover_request(&self.session, &params))
    }
}
