//! The `LanguageServer` implementation: LSP in, engine calls, LSP out.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{self as lsp, notification::Notification};
use tower_lsp_server::{Client, LanguageServer};
use tracing::{error, info, warn};

use crate::document::PositionEncoding;
use crate::fixes;
use crate::language::FileKind;
use crate::project::is_config_file;
use crate::rules::{self, Question, RuleMeta};

use super::convert;
use super::document::Document;
use super::settings::{Configs, Resolved, Settings};
use super::text::DocText;

/// The code action kind of "fix all".
pub const FIX_ALL_KIND: &str = "source.fixAll.handoff";

/// Runs `f`, turning a panic into `None` (the panic hook has logged it).
pub fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            error!("panic in {what}: {msg}");
            None
        }
    }
}

/// What the client can do, from `initialize`.
#[derive(Debug, Default, Clone)]
pub(super) struct Caps {
    pull: bool,
    resolve_edit: bool,
    document_changes: bool,
    create_files: bool,
    configuration: bool,
    watch_dynamic: bool,
    refresh: bool,
    pub(super) progress: bool,
}

/// Messages to the client, sent in order by one task.
enum Out {
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
    encoding: PositionEncoding,
    pub(super) caps: Caps,
    docs: HashMap<lsp::Uri, Document>,
    configs: Configs,
    /// Documents already reported as too large.
    told_too_large: HashSet<lsp::Uri>,
    told_out_of_sync: HashSet<lsp::Uri>,
    /// The last version published per document.
    published: HashMap<lsp::Uri, (i32, u64)>,
    /// Config files with a diagnostic out.
    config_reported: HashSet<PathBuf>,
    /// The documents that keep their syntax tree.
    recent: super::recent::Recent,
}

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
struct Publisher {
    client: Client,
    /// Straight to the output: the JSON is written as it is. Without it,
    /// the library turns the params into a `serde_json::Value` and
    /// serialises that.
    raw: Option<RawOutput>,
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

pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    out: mpsc::UnboundedSender<Out>,
    shutdown: Arc<AtomicBool>,
}

fn uri_path(uri: &lsp::Uri) -> PathBuf {
    match uri.to_file_path() {
        Some(p) if uri.scheme().as_str() == "file" => p.into_owned(),
        _ => PathBuf::from(uri.path().as_str()),
    }
}

fn file_uri(path: &Path) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

fn kind_matches(kind: &lsp::CodeActionKind, only: &Option<Vec<lsp::CodeActionKind>>) -> bool {
    match only {
        None => true,
        Some(only) => only.iter().any(|o| {
            let (k, o) = (kind.as_str(), o.as_str());
            k == o || (k.starts_with(o) && k.as_bytes().get(o.len()) == Some(&b'.'))
        }),
    }
}

fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

impl State {
    pub(super) fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `uri` was just parsed (opened, or analysed after edits): it keeps its
    /// tree, and the document analysed longest ago beyond the kept few gives
    /// up its own.
    fn touch(&mut self, uri: &lsp::Uri) {
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
    fn forget_documents(&mut self) {
        self.docs = HashMap::new();
        self.published = HashMap::new();
        self.told_too_large = HashSet::new();
        self.told_out_of_sync = HashSet::new();
        self.recent = Default::default();
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
    fn overrides(docs: &HashMap<lsp::Uri, Document>) -> impl Fn(&Path) -> Option<String> + '_ {
        move |p: &Path| {
            docs.values()
                .find(|d| d.path == p)
                .map(|d| d.text().to_string())
        }
    }

    /// Re-resolves the configuration of every open document and lints again.
    fn reconfigure_all(&mut self, out: &mpsc::UnboundedSender<Out>) {
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
                doc.set_context(resolved.cx, resolved.max_file_size)
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

    fn publish_all(&self, out: &mpsc::UnboundedSender<Out>) {
        if self.caps.pull {
            let _ = out.send(Out::Refresh);
        } else {
            for uri in self.docs.keys() {
                let _ = out.send(Out::Document(uri.clone()));
            }
        }
    }

    fn check_size(&mut self, uri: &lsp::Uri, out: &mpsc::UnboundedSender<Out>) {
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
    fn report_config_errors(&mut self, out: &mpsc::UnboundedSender<Out>) {
        for (path, error) in self.configs.errors() {
            let Some(uri) = file_uri(&path) else { continue };
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

impl Backend {
    /// A backend that writes diagnostics to `raw` (whole frames, in order
    /// with what the library writes) instead of through `client`, so that
    /// their cached JSON goes out as it is. Every publish goes there, so
    /// that a clear never overtakes a later publish.
    pub fn with_output(client: Client, shutdown: Arc<AtomicBool>, raw: Option<RawOutput>) -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        let (tx, rx) = mpsc::unbounded_channel();
        let publisher = Publisher {
            client: client.clone(),
            raw,
        };
        tokio::spawn(send_out(publisher, state.clone(), rx));
        Backend {
            client,
            state,
            out: tx,
            shutdown,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        State::lock(&self.state)
    }

    fn push(&self, uri: &lsp::Uri) {
        if !self.state().caps.pull {
            let _ = self.out.send(Out::Document(uri.clone()));
        }
    }

    async fn fetch_settings(&self) {
        if !self.state().caps.configuration {
            return;
        }
        let items = vec![lsp::ConfigurationItem {
            scope_uri: None,
            section: Some("handoff".into()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                self.apply_settings(&value);
            }
            Err(e) => warn!("workspace/configuration failed: {e}"),
        }
    }

    fn apply_settings(&self, value: &Value) {
        let (settings, problems) = Settings::from_value(value);
        for p in problems {
            let _ = self.out.send(Out::Message(lsp::MessageType::WARNING, p));
        }
        let check_workspace;
        {
            let mut st = self.state();
            if st.configs.settings == settings {
                return;
            }
            check_workspace = settings.check_workspace && !st.configs.settings.check_workspace;
            st.configs.set_settings(settings);
            st.reconfigure_all(&self.out);
        }
        if check_workspace {
            self.spawn_workspace_check();
        }
    }

    fn spawn_workspace_check(&self) {
        let client = self.client.clone();
        let state = self.state.clone();
        tokio::spawn(async move {
            super::workspace_check::run(client, state_folders(&state), state).await
        });
    }

    fn code_actions(
        &self,
        st: &mut State,
        params: &lsp::CodeActionParams,
    ) -> Vec<lsp::CodeActionOrCommand> {
        if st.settled(&params.text_document.uri).is_none() {
            return Vec::new();
        }
        let st = &*st;
        let doc = &st.docs[&params.text_document.uri];
        let only = &params.context.only;
        let range = doc.byte_range(params.range);
        let mut actions = Vec::new();
        let mut titles = HashSet::new();
        let quickfix = lsp::CodeActionKind::QUICKFIX;
        if kind_matches(&quickfix, only) {
            for (entry, f) in doc.findings() {
                if !touches(&f.range, &range) {
                    continue;
                }
                let diag = convert::diagnostic(doc, f);
                for (i, fix) in f.fixes.iter().enumerate() {
                    actions.push(lsp::CodeAction {
                        title: fix.title.clone(),
                        kind: Some(quickfix.clone()),
                        diagnostics: Some(vec![diag.clone()]),
                        edit: Some(convert::workspace_edit(doc, convert::text_edits(doc, fix))),
                        is_preferred: Some(i == 0 && fix.safe),
                        ..Default::default()
                    });
                }
                if let Some(fix) = fixes::suppress_here(&entry.instruction, f.rule.name)
                    && titles.insert((entry.instruction.range.start, fix.title.clone()))
                {
                    actions.push(lsp::CodeAction {
                        title: fix.title.clone(),
                        kind: Some(quickfix.clone()),
                        diagnostics: Some(vec![diag.clone()]),
                        edit: Some(convert::workspace_edit(doc, convert::text_edits(doc, &fix))),
                        ..Default::default()
                    });
                }
                if titles.insert((usize::MAX, f.rule.name.to_string()))
                    && let Some(action) = self.ignore_in_config(st, doc, f.rule, diag)
                {
                    actions.push(action);
                }
            }
        }
        let fix_all = lsp::CodeActionKind::from(FIX_ALL_KIND);
        if kind_matches(&fix_all, only)
            && let Some(action) = fix_all_action(doc)
        {
            actions.push(action);
        }
        actions
            .into_iter()
            .map(lsp::CodeActionOrCommand::CodeAction)
            .collect()
    }

    /// "Ignore `rule` in handoff.toml", resolved lazily when the client can.
    fn ignore_in_config(
        &self,
        st: &State,
        doc: &Document,
        rule: &'static RuleMeta,
        diag: lsp::Diagnostic,
    ) -> Option<lsp::CodeAction> {
        let target = st.configs.config_target(&doc.path)?;
        let name = target.file_name()?.to_string_lossy().to_string();
        let mut action = lsp::CodeAction {
            title: format!("Ignore `{}` in {name}", rule.name),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag]),
            ..Default::default()
        };
        if !(target.exists() || st.caps.document_changes && st.caps.create_files) {
            return None;
        }
        if st.caps.resolve_edit {
            action.data = Some(json!({ "ignoreInConfig": { "path": target, "rule": rule.name } }));
        } else {
            match config_edit(st, &target, rule.name) {
                Ok(edit) => action.edit = Some(edit),
                Err(e) => {
                    warn!("not offering to ignore `{}`: {e}", rule.name);
                    return None;
                }
            }
        }
        Some(action)
    }
}

fn state_folders(state: &Arc<Mutex<State>>) -> Vec<PathBuf> {
    State::lock(state).configs.folders.clone()
}

/// The edit to the configuration file that turns `rule` off, or why there
/// is none (a file that is not TOML is not touched).
fn config_edit(
    st: &State,
    target: &Path,
    rule: &str,
) -> std::result::Result<lsp::WorkspaceEdit, String> {
    let uri = file_uri(target).ok_or_else(|| format!("{} has no URI", target.display()))?;
    let open = st.docs.values().find(|d| d.path == target);
    let disk;
    let text = match open {
        Some(d) => Some(d.text()),
        None => {
            disk = std::fs::read_to_string(target).ok();
            disk.as_deref()
        }
    };
    let edit = crate::config_edit::turn_off_rule(text, rule)
        .map_err(|e| format!("{}: {e}", target.display()))?;
    match text {
        Some(text) => {
            let t = DocText::new(text.to_string());
            let pos = |o| {
                let p = t.position(o, st.encoding);
                lsp::Position::new(p.line, p.column)
            };
            let edit = lsp::TextEdit::new(
                lsp::Range::new(pos(edit.range.start), pos(edit.range.end)),
                edit.new_text,
            );
            let mut changes = HashMap::new();
            changes.insert(uri, vec![edit]);
            Ok(lsp::WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            })
        }
        None => Ok(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(vec![
                lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
                    uri: uri.clone(),
                    options: Some(lsp::CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                        uri,
                        version: None,
                    },
                    edits: vec![lsp::OneOf::Left(lsp::TextEdit::new(
                        lsp::Range::default(),
                        edit.new_text,
                    ))],
                }),
            ])),
            ..Default::default()
        }),
    }
}

/// Every safe fix in the document whose edits do not overlap one taken before.
fn fix_all_action(doc: &Document) -> Option<lsp::CodeAction> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut edits = Vec::new();
    for (_, f) in doc.findings() {
        for fix in f.fixes.iter().filter(|x| x.safe) {
            let clash = fix.edits.iter().any(|e| {
                taken.iter().any(|t| {
                    (e.range.start < t.end && t.start < e.range.end)
                        || e.range.start == t.start
                        || (e.range.is_empty() && t.start < e.range.start && e.range.start < t.end)
                        || (t.is_empty() && e.range.start < t.start && t.start < e.range.end)
                })
            });
            if clash {
                continue;
            }
            taken.extend(fix.edits.iter().map(|e| e.range.clone()));
            edits.extend(convert::text_edits(doc, fix));
        }
    }
    if edits.is_empty() {
        return None;
    }
    Some(lsp::CodeAction {
        title: "Fix all safe handoff findings".into(),
        kind: Some(lsp::CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(convert::workspace_edit(doc, edits)),
        ..Default::default()
    })
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
        match missing.first() {
            None => md.push_str(&format!("- ✅ {question}\n")),
            Some(m) => md.push_str(&format!("- ❌ {question}: {m}\n")),
        }
    }
    let covers = |r: &Range<usize>| r.start <= offset && offset <= r.end;
    let here: Vec<_> = entry
        .findings
        .iter()
        .filter(|f| covers(&f.range) || f.related.iter().any(|r| covers(&r.range)))
        .collect();
    let mut seen = HashSet::new();
    for f in &here {
        if seen.insert(f.rule.name) {
            md.push_str(&format!("\n---\n\n**`{}`**: {}\n", f.rule.name, f.message));
            // Every place of a finding that covers several, with its line.
            for r in &f.related {
                let line = doc.lsp_range(&r.range).start.line + 1;
                md.push_str(&format!("- line {line}: {}\n", r.message));
            }
            md.push_str(&format!("\n{}", f.rule.documentation()));
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

/// The one task that talks to the client on the server's behalf, so that
/// diagnostics go out in order and never for a version older than one
/// already sent; a burst of edits is coalesced into its last version.
async fn send_out(
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

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
        let td = caps.text_document.as_ref();
        let ws = caps.workspace.as_ref();
        let c = Caps {
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
        };
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|f| uri_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty()
            && let Some(root) = &params.root_uri
        {
            folders.push(uri_path(root));
        }
        let pull = c.pull;
        let resolve = c.resolve_edit;
        {
            let mut st = self.state();
            st.encoding = if utf8 {
                PositionEncoding::Utf8
            } else {
                PositionEncoding::Utf16
            };
            st.caps = c;
            st.configs.folders = folders;
            if let Some(opts) = &params.initialization_options {
                let (settings, _) = Settings::from_value(opts);
                st.configs.set_settings(settings);
            }
        }
        info!("initialize: utf8={utf8} pull={pull}");
        Ok(lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(if utf8 {
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
                        resolve_provider: Some(resolve),
                        work_done_progress_options: Default::default(),
                    },
                )),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                diagnostic_provider: pull.then(|| {
                    lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                        identifier: Some("handoff".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: Default::default(),
                    })
                }),
                ..Default::default()
            },
            server_info: Some(lsp::ServerInfo {
                name: "handoff".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        let watch = self.state().caps.watch_dynamic;
        if watch {
            let options = json!({ "watchers": [ { "globPattern": "**/*" } ] });
            let registration = lsp::Registration {
                id: "handoff-watched-files".into(),
                method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(options),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                warn!("could not watch files: {e}");
            }
        }
        self.fetch_settings().await;
        if self.state().configs.settings.check_workspace {
            self.spawn_workspace_check();
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let td = params.text_document;
        let path = uri_path(&td.uri);
        let config_changed = is_config_file(&path);
        let Some(kind) =
            FileKind::from_path(&path).or_else(|| FileKind::from_language_id(&td.language_id))
        else {
            return;
        };
        let uri = td.uri.clone();
        {
            let mut st = self.state();
            // A configuration file or project root may have appeared since
            // the last lookup, unseen by a client that does not watch files.
            st.configs.forget_lookups();
            let mut reported = false;
            let resolved = {
                let State { docs, configs, .. } = &mut *st;
                configs.resolve(&path, &State::overrides(docs), &mut reported)
            };
            let encoding = st.encoding;
            let doc = guard("open", || {
                Document::open(
                    td.uri,
                    path,
                    kind,
                    td.version,
                    td.text,
                    encoding,
                    resolved.cx,
                    resolved.max_file_size,
                )
            });
            if let Some(doc) = doc {
                st.docs.insert(uri.clone(), doc);
                st.check_size(&uri, &self.out);
                st.touch(&uri);
            }
            if reported {
                st.report_config_errors(&self.out);
            }
        }
        self.push(&uri);
        if config_changed {
            self.config_file_changed();
        }
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let is_config;
        {
            let mut st = self.state();
            let st = &mut *st;
            let Some(doc) = st.docs.get_mut(&uri) else {
                warn!(
                    "didChange for a document that is not open: {}",
                    uri.as_str()
                );
                return;
            };
            if params.text_document.version < doc.version {
                warn!(
                    "didChange version {} after {} for {}",
                    params.text_document.version,
                    doc.version,
                    uri.as_str()
                );
            }
            let version = params.text_document.version;
            // The analysis waits for the first reader (the publisher, a
            // pull, a hover), so that a burst of edits is analysed once.
            if guard("didChange", || {
                doc.apply_changes(version, &params.content_changes)
            })
            .is_none()
            {
                guard("rebuild", || doc.rebuild());
            }
            is_config = is_config_file(&doc.path);
            st.check_size(&uri, &self.out);
        }
        self.push(&uri);
        if is_config {
            self.config_file_changed();
        }
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        if is_config_file(&uri_path(&params.text_document.uri)) {
            self.config_file_changed();
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut st = self.state();
        let was_config = st
            .docs
            .remove(&uri)
            .is_some_and(|d| is_config_file(&d.path));
        st.told_too_large.remove(&uri);
        st.told_out_of_sync.remove(&uri);
        st.recent.forget(&uri);
        if st.docs.is_empty() {
            // Before the clear goes out, so that a client (and the soak
            // test) sees the memory back once it sees the clear.
            st.forget_documents();
            super::memory::give_back();
        }
        if !st.caps.pull {
            let _ = self.out.send(Out::Clear(uri));
        }
        drop(st);
        if was_config {
            // The file on disk is what counts now.
            self.config_file_changed();
        }
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        if params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty()) {
            self.fetch_settings().await;
        } else {
            self.apply_settings(&params.settings);
        }
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let mut config = false;
        let mut files = false;
        for change in &params.changes {
            let path = uri_path(&change.uri);
            if is_config_file(&path) {
                config = true;
            } else if change.typ != lsp::FileChangeType::CHANGED {
                files = true;
            }
        }
        if config {
            self.config_file_changed();
        } else if files {
            let mut st = self.state();
            st.configs.forget_lookups();
            for doc in st.docs.values_mut() {
                guard("relint", || doc.relint());
            }
            st.publish_all(&self.out);
        }
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        let mut st = self.state();
        let (result_id, items) = match st.settled(&params.text_document.uri) {
            Some(doc) => (
                Some(format!("{}:{}", doc.version, doc.generation)),
                guard("diagnostics", || doc.diagnostics()).unwrap_or_default(),
            ),
            None => (None, Vec::new()),
        };
        if result_id.is_some() && params.previous_result_id == result_id {
            return Ok(lsp::DocumentDiagnosticReportResult::Report(
                lsp::DocumentDiagnosticReport::Unchanged(
                    lsp::RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report:
                            lsp::UnchangedDocumentDiagnosticReport {
                                result_id: result_id.unwrap_or_default(),
                            },
                    },
                ),
            ));
        }
        Ok(lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id,
                    items,
                },
            }),
        ))
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let mut st = self.state();
        let actions =
            guard("codeAction", || self.code_actions(&mut st, &params)).unwrap_or_default();
        Ok(Some(actions))
    }

    async fn code_action_resolve(&self, mut action: lsp::CodeAction) -> Result<lsp::CodeAction> {
        let request = action
            .data
            .as_ref()
            .and_then(|d| d.get("ignoreInConfig"))
            .and_then(|d| {
                Some((
                    PathBuf::from(d.get("path")?.as_str()?),
                    d.get("rule")?.as_str()?.to_string(),
                ))
            });
        if let Some((path, rule)) = request
            && rules::by_name(&rule).is_some()
        {
            let st = self.state();
            match guard("codeAction/resolve", || config_edit(&st, &path, &rule)) {
                Some(Ok(edit)) => action.edit = Some(edit),
                Some(Err(message)) => {
                    return Err(tower_lsp_server::jsonrpc::Error {
                        // LSP's RequestFailed: the request was valid, the file is not.
                        code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(-32803),
                        message: message.into(),
                        data: None,
                    });
                }
                None => {}
            }
        }
        Ok(action)
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let mut st = self.state();
        let p = &params.text_document_position_params;
        let Some(doc) = st.settled(&p.text_document.uri) else {
            return Ok(None);
        };
        let offset = doc.offset(p.position);
        Ok(guard("hover", || hover(doc, offset)).flatten())
    }
}

impl Backend {
    /// Configuration files changed, appeared or vanished: read them again,
    /// lint open documents again.
    fn config_file_changed(&self) {
        let mut st = self.state();
        st.configs.invalidate();
        st.reconfigure_all(&self.out);
    }
}
