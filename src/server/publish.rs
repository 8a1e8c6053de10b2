//! Publishing: the one task that sends diagnostics and messages to the
//! client, in order, coalescing a burst of edits into its last version, and
//! writing the JSON cached per instruction straight to the output.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, notification::Notification};
use tracing::{error, warn};

use super::state::{Out, State, guard};

/// Writes one whole frame (`Content-Length` header and body) to the client,
/// in order with everything else written; `false` once the output is gone.
pub type RawOutput = Box<dyn Fn(Vec<u8>) -> bool + Send + Sync>;

/// `textDocument/publishDiagnostics` with its params already serialised
/// (from the JSON cached per instruction), for [`Client::send_notification`].
enum PublishRaw {}

impl Notification for PublishRaw {
    type Params = Box<serde_json::value::RawValue>;
    const METHOD: &'static str = lsp::notification::PublishDiagnostics::METHOD;
}

/// Where diagnostics are published.
pub(super) struct Publisher {
    pub(super) client: Client,
    /// Straight to the output: the JSON is written as it is. Without it,
    /// the library turns the params into a `serde_json::Value` and
    /// serialises that.
    pub(super) raw: Option<RawOutput>,
}

impl Publisher {
    /// Publishes `params` (the JSON of `PublishDiagnosticsParams`).
    async fn publish_json(&self, params: String) {
        match &self.raw {
            Some(raw) => {
                if !raw(frame(
                    lsp::notification::PublishDiagnostics::METHOD,
                    &params,
                )) {
                    warn!("could not publish diagnostics: the output is closed");
                }
            }
            None => match serde_json::value::RawValue::from_string(params) {
                Ok(p) => self.client.send_notification::<PublishRaw>(p).await,
                Err(e) => error!("diagnostics are not valid JSON: {e}"),
            },
        }
    }

    /// `window/showMessage`, the same way as diagnostics so that the two
    /// stay in order.
    async fn show_message(&self, typ: lsp::MessageType, message: String) {
        let Some(raw) = &self.raw else {
            self.client.show_message(typ, message).await;
            return;
        };
        let params = lsp::ShowMessageParams { typ, message };
        match serde_json::to_string(&params) {
            Ok(p) => {
                let _ = raw(frame(lsp::notification::ShowMessage::METHOD, &p));
            }
            Err(e) => error!("cannot serialise a message: {e}"),
        }
    }

    async fn publish(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>) {
        if self.raw.is_none() {
            self.client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
            return;
        }
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        match serde_json::to_string(&params) {
            Ok(p) => self.publish_json(p).await,
            Err(e) => error!("cannot serialise diagnostics: {e}"),
        }
    }
}

/// A notification frame: `method` with `params` (JSON).
fn frame(method: &str, params: &str) -> Vec<u8> {
    let head = format!(r#"{{"jsonrpc":"2.0","method":"{method}","params":"#);
    let len = head.len() + params.len() + 1;
    let header = format!("Content-Length: {len}\r\n\r\n");
    let mut out = Vec::with_capacity(header.len() + len);
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(params.as_bytes());
    out.push(b'}');
    out
}

/// The one task that talks to the client on the server's behalf, so that
/// diagnostics go out in order and never for a version older than one
/// already sent; a burst of edits is coalesced into its last version.
pub(super) async fn send_out(
    publisher: Publisher,
    state: Arc<Mutex<State>>,
    mut rx: mpsc::UnboundedReceiver<Out>,
) {
    let client = &publisher.client;
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        // Keep only the last request per document; a Clear wins over the
        // Document requests before it.
        let mut last: HashMap<lsp::Uri, usize> = HashMap::new();
        for (i, m) in batch.iter().enumerate() {
            if let Out::Document(u) | Out::Clear(u) = m {
                last.insert(u.clone(), i);
            }
        }
        let mut refreshed = false;
        for (i, m) in batch.into_iter().enumerate() {
            match m {
                Out::Document(uri) => {
                    if last.get(&uri) != Some(&i) {
                        continue;
                    }
                    let ready = {
                        let mut st = State::lock(&state);
                        // Settled first: analysing may start the document
                        // over, which moves its generation.
                        let current = st.settled(&uri).map(|d| (d.version, d.generation));
                        match current {
                            Some(v)
                                if st
                                    .published
                                    .get(&uri)
                                    .is_none_or(|p| v.0 > p.0 || (v.0 == p.0 && v.1 != p.1)) =>
                            {
                                st.published.insert(uri.clone(), v);
                                let doc = &st.docs[&uri];
                                guard("diagnostics", || doc.publish_params())
                            }
                            _ => None,
                        }
                    };
                    if let Some(params) = ready {
                        publisher.publish_json(params).await;
                    }
                }
                Out::Clear(uri) => {
                    if last.get(&uri) != Some(&i) {
                        continue;
                    }
                    State::lock(&state).published.remove(&uri);
                    publisher.publish(uri, Vec::new()).await;
                }
                Out::Other(uri, diags) => publisher.publish(uri, diags).await,
                Out::Message(typ, text) => publisher.show_message(typ, text).await,
                Out::Refresh => {
                    let supported = State::lock(&state).caps.refresh;
                    if supported && !refreshed {
                        refreshed = true;
                        if let Err(e) = client.workspace_diagnostic_refresh().await {
                            warn!("workspace/diagnostic/refresh failed: {e}");
                        }
                    }
                }
            }
        }
    }
}
