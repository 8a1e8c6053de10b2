//! What the server knows between requests: the open documents, the
//! configurations, what the client can do, and what was last published.
//! Request handlers lock it, read or change it, and queue what goes out to
//! the client ([`Out`]) for the publisher.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;
use tracing::error;

use crate::document::PositionEncoding;

use super::convert;
use super::document::Document;
use super::settings::{Configs, Resolved};

/// Runs `f`, turning a panic into `None` (the panic hook has logged it).
pub(super) fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(std::string::ToString::to_string)
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            error!("panic in {what}: {msg}");
            None
        }
    }
}

/// What the client can do, from `initialize`.
#[derive(Debug, Default, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is one independent capability the client announced"
)]
pub(super) struct Caps {
    pub(super) pull: bool,
    pub(super) resolve_edit: bool,
    pub(super) document_changes: bool,
    pub(super) create_files: bool,
    pub(super) configuration: bool,
    pub(super) watch_dynamic: bool,
    pub(super) refresh: bool,
    pub(super) progress: bool,
}

/// Messages to the client, sent in order by one task.
pub(super) enum Out {
    /// Publish the document's current diagnostics, unless they are already out.
    Document(lsp::Uri),
    /// The document closed: clear its diagnostics.
    Clear(lsp::Uri),
    /// Diagnostics of a file that is not open (a configuration file).
    Other(lsp::Uri, Vec<lsp::Diagnostic>),
    Message(lsp::MessageType, String),
    /// Ask a pull client to pull again.
    Refresh,
}

#[derive(Default)]
pub(super) struct State {
    pub(super) encoding: PositionEncoding,
    pub(super) caps: Caps,
    pub(super) docs: HashMap<lsp::Uri, Document>,
    pub(super) configs: Configs,
    /// Documents already reported as too large.
    pub(super) told_too_large: HashSet<lsp::Uri>,
    pub(super) told_out_of_sync: HashSet<lsp::Uri>,
    /// The last version published per document.
    pub(super) published: HashMap<lsp::Uri, (i32, u64)>,
    /// Config files with a diagnostic out.
    config_reported: HashSet<PathBuf>,
    /// The documents that keep their syntax tree.
    pub(super) recent: super::recent::Recent,
}

impl State {
    pub(super) fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
        m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `uri` was just parsed (opened, or analysed after edits): it keeps its
    /// tree, and the document analysed longest ago beyond the kept few gives
    /// up its own.
    pub(super) fn touch(&mut self, uri: &lsp::Uri) {
        if let Some(old) = self.recent.touch(uri)
            && let Some(doc) = self.docs.get_mut(&old)
        {
            doc.drop_tree();
        }
    }

    /// The open document `uri`, its findings up to date with its text.
    pub(super) fn settled(&mut self, uri: &lsp::Uri) -> Option<&Document> {
        let doc = self.docs.get_mut(uri)?;
        if doc.is_settled() {
            return self.docs.get(uri);
        }
        if guard("analysis", || doc.settle()).is_none() {
            guard("rebuild", || doc.rebuild());
        }
        self.touch(uri);
        self.docs.get(uri)
    }

    /// No document is open any more: the tables sized for however many were
    /// open are made anew, empty, so that their memory goes back too.
    pub(super) fn forget_documents(&mut self) {
        self.docs = HashMap::new();
        self.published = HashMap::new();
        self.told_too_large = HashSet::new();
        self.told_out_of_sync = HashSet::new();
        self.recent = super::recent::Recent::default();
    }

    /// How to lint a file that is not open, or `None` when it is open.
    pub(super) fn resolve_unopened(&mut self, path: &Path) -> Option<(Resolved, PositionEncoding)> {
        if self.docs.values().any(|d| d.path == path) {
            return None;
        }
        let mut reported = false;
        let State { docs, configs, .. } = self;
        let resolved = configs.resolve(path, &State::overrides(docs), &mut reported);
        Some((resolved, self.encoding))
    }

    /// The text of open documents, for configuration files being edited.
    pub(super) fn overrides(
        docs: &HashMap<lsp::Uri, Document>,
    ) -> impl Fn(&Path) -> Option<String> + '_ {
        move |p: &Path| {
            docs.values()
                .find(|d| d.path == p)
                .map(|d| d.text().to_string())
        }
    }

    /// Re-resolves the configuration of every open document and lints again.
    pub(super) fn reconfigure_all(&mut self, out: &mpsc::UnboundedSender<Out>) {
        let uris: Vec<lsp::Uri> = self.docs.keys().cloned().collect();
        let mut reported = false;
        for uri in uris {
            let path = self.docs[&uri].path.clone();
            let resolved = {
                let overrides = State::overrides(&self.docs);
                self.configs.resolve(&path, &overrides, &mut reported)
            };
            let doc = self.docs.get_mut(&uri).expect("listed");
            if guard("relint", || {
                doc.set_context(resolved.cx, resolved.max_file_size);
            })
            .is_none()
            {
                guard("relint", || doc.rebuild());
            }
            if !self.recent.contains(&uri) {
                doc.drop_tree();
            }
            self.check_size(&uri, out);
        }
        self.report_config_errors(out);
        self.publish_all(out);
    }

    pub(super) fn publish_all(&self, out: &mpsc::UnboundedSender<Out>) {
        if self.caps.pull {
            let _ = out.send(Out::Refresh);
        } else {
            for uri in self.docs.keys() {
                let _ = out.send(Out::Document(uri.clone()));
            }
        }
    }

    pub(super) fn check_size(&mut self, uri: &lsp::Uri, out: &mpsc::UnboundedSender<Out>) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        if !doc.out_of_sync {
            self.told_out_of_sync.remove(uri);
        } else if self.told_out_of_sync.insert(uri.clone()) {
            let _ = out.send(Out::Message(
                lsp::MessageType::WARNING,
                format!(
                    "handoff: lost track of {} (the editor sent an edit past its end); its findings are cleared until you close and reopen it",
                    doc.path.display()
                ),
            ));
        }
        if doc.too_large() && self.told_too_large.insert(uri.clone()) {
            let _ = out.send(Out::Message(
                lsp::MessageType::WARNING,
                format!(
                    "handoff: not checking {} ({} bytes is above the limit; raise `max-file-size` in handoff.toml or `handoff.maxFileSize`)",
                    doc.path.display(),
                    doc.text().len()
                ),
            ));
        }
    }

    /// Sends a diagnostic and a message for each configuration file that
    /// does not parse, and clears those that were fixed.
    pub(super) fn report_config_errors(&mut self, out: &mpsc::UnboundedSender<Out>) {
        for (path, error) in self.configs.errors() {
            let Some(uri) = convert::file_uri(&path) else {
                continue;
            };
            match error {
                Some(e) => {
                    let line = e.line.map_or(0, |l| l.saturating_sub(1)) as u32;
                    let range = lsp::Range::new(
                        lsp::Position::new(line, 0),
                        lsp::Position::new(line, u32::MAX),
                    );
                    let d = lsp::Diagnostic {
                        range,
                        severity: Some(lsp::DiagnosticSeverity::ERROR),
                        source: Some(convert::SOURCE.into()),
                        message: format!(
                            "{}; the last valid configuration is still in use",
                            e.message
                        ),
                        ..Default::default()
                    };
                    let _ = out.send(Out::Other(uri, vec![d]));
                    if self.config_reported.insert(path.clone()) {
                        let _ = out.send(Out::Message(
                            lsp::MessageType::ERROR,
                            format!("handoff: {e} (keeping the last valid configuration)"),
                        ));
                    }
                }
                None => {
                    if self.config_reported.remove(&path) {
                        let _ = out.send(Out::Other(uri, Vec::new()));
                    }
                }
            }
        }
    }
}

/// What every request handler works with: the client, the state, and the
/// queue to the publisher.
#[derive(Clone)]
pub(super) struct Session {
    pub(super) client: Client,
    pub(super) state: Arc<Mutex<State>>,
    pub(super) out: mpsc::UnboundedSender<Out>,
}

impl Session {
    pub(super) fn state(&self) -> MutexGuard<'_, State> {
        State::lock(&self.state)
    }

    /// Queues `uri`'s diagnostics for publishing (push clients only).
    pub(super) fn push(&self, uri: &lsp::Uri) {
        if !self.state().caps.pull {
            let _ = self.out.send(Out::Document(uri.clone()));
        }
    }

    /// Configuration files changed, appeared or vanished: read them again,
    /// lint open documents again.
    pub(super) fn config_file_changed(&self) {
        let mut st = self.state();
        st.configs.invalidate();
        st.reconfigure_all(&self.out);
    }
}
