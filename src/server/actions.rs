//! Code actions: each finding's fixes, "ignore here", "ignore in
//! handoff.toml" (its edit made lazily when the client can resolve it), and
//! "fix all".

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::json;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;
use tracing::warn;

use crate::document::{overlaps, touches};
use crate::fixes;
use crate::lint::Finding;
use crate::live::{DocText, Entry};
use crate::rules::{self, RuleMeta};

use super::convert::{self, DiagnosticsJson};
use super::document::Document;
use super::state::{Session, State, guard};

/// The code action kind of "fix all".
pub const FIX_ALL_KIND: &str = "source.fixAll.handoff";

/// `textDocument/codeAction`.
pub(super) fn code_action(
    session: &Session,
    params: &lsp::CodeActionParams,
) -> lsp::CodeActionResponse {
    let mut st = session.state();
    guard("codeAction", || code_actions(&mut st, params)).unwrap_or_default()
}

fn kind_matches(kind: &lsp::CodeActionKind, only: Option<&[lsp::CodeActionKind]>) -> bool {
    match only {
        None => true,
        Some(only) => only.iter().any(|o| {
            let (k, o) = (kind.as_str(), o.as_str());
            k == o || (k.starts_with(o) && k.as_bytes().get(o.len()) == Some(&b'.'))
        }),
    }
}

fn code_actions(st: &mut State, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    if st.settled(&params.text_document.uri).is_none() {
        return Vec::new();
    }
    let st = &*st;
    let doc = &st.docs[&params.text_document.uri];
    let only = params.context.only.as_deref();
    let range = doc.lsp_byte_range(params.range);
    let mut actions = Vec::new();
    let mut titles = HashSet::new();
    let quickfix = lsp::CodeActionKind::QUICKFIX;
    if kind_matches(&quickfix, only) {
        for (entry, f) in doc.findings() {
            if !asked_for(doc, entry, f, &range, &params.context.diagnostics) {
                continue;
            }
            let diag = doc.diagnostic(f);
            for (i, fix) in f.fixes.iter().enumerate() {
                actions.push(lsp::CodeAction {
                    title: fix.title.clone(),
                    kind: Some(quickfix.clone()),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(doc.workspace_edit(doc.text_edits(fix))),
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
                    edit: Some(doc.workspace_edit(doc.text_edits(&fix))),
                    ..Default::default()
                });
            }
            if titles.insert((usize::MAX, f.rule.name.to_string()))
                && let Some(action) = ignore_in_config(st, doc, f.rule, diag)
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

/// Whether a code action request over `range` is about finding `f` of
/// `entry`: the range touches the finding; or it starts on the first line
/// of the finding's instruction, anywhere on it (Neovim asks with the
/// cursor, at column 0 of the line); or the client names the finding's
/// diagnostic in the request's context.
fn asked_for(
    doc: &Document,
    entry: &Entry<DiagnosticsJson>,
    f: &Finding,
    range: &Range<usize>,
    context: &[lsp::Diagnostic],
) -> bool {
    if touches(&f.range, range) {
        return true;
    }
    let text = doc.doc_text();
    if text.line_of(range.start) == text.line_of(entry.instruction.range.start) {
        return true;
    }
    let code = lsp::NumberOrString::String(f.rule.name.to_string());
    context
        .iter()
        .any(|d| d.code.as_ref() == Some(&code) && d.range == doc.lsp_range(&f.range))
}

/// "Ignore `rule` in handoff.toml", resolved lazily when the client can.
fn ignore_in_config(
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

/// The edit to the configuration file that turns `rule` off, or why there
/// is none (a file that is not TOML is not touched).
fn config_edit(
    st: &State,
    target: &Path,
    rule: &str,
) -> std::result::Result<lsp::WorkspaceEdit, String> {
    let uri =
        convert::file_uri(target).ok_or_else(|| format!("{} has no URI", target.display()))?;
    let open = st.docs.values().find(|d| d.path == target);
    let disk;
    let text = if let Some(d) = open {
        Some(d.text())
    } else {
        disk = std::fs::read_to_string(target).ok();
        disk.as_deref()
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
            let clash = fix
                .edits
                .iter()
                .any(|e| taken.iter().any(|t| overlaps(&e.range, t)));
            if clash {
                continue;
            }
            taken.extend(fix.edits.iter().map(|e| e.range.clone()));
            edits.extend(doc.text_edits(fix));
        }
    }
    if edits.is_empty() {
        return None;
    }
    Some(lsp::CodeAction {
        title: "Fix all safe handoff findings".into(),
        kind: Some(lsp::CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(doc.workspace_edit(edits)),
        ..Default::default()
    })
}

/// `codeAction/resolve`: the edit of "ignore in handoff.toml", made from
/// the configuration file as it is now.
pub(super) fn code_action_resolve(
    session: &Session,
    mut action: lsp::CodeAction,
) -> Result<lsp::CodeAction> {
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
        let st = session.state();
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;
    use std::sync::Arc;

    use super::*;
    use crate::config::{Config, DEFAULT_MAX_FILE_SIZE};
    use crate::document::PositionEncoding;
    use crate::language::FileKind;
    use crate::lint::Linter;
    use crate::live::LintContext;

    /// `text` as `TODO.md`, with `multiple-tasks` (a pedantic rule) on.
    fn open(text: &str) -> Document {
        let path = Path::new("/tmp/handoff-actions/TODO.md");
        let config = Config::parse(
            "pedantic = true\n",
            Path::new("/tmp/handoff-actions/handoff.toml"),
        )
        .unwrap();
        Document::open(
            lsp::Uri::from_str("file:///tmp/handoff-actions/TODO.md").unwrap(),
            path.to_path_buf(),
            FileKind::from_path(path).unwrap(),
            1,
            text.to_string(),
            PositionEncoding::Utf16,
            LintContext::new(Arc::new(Linter::new(Arc::new(config)))),
            DEFAULT_MAX_FILE_SIZE,
        )
    }

    #[test]
    fn only_kinds_select_by_prefix() {
        let quickfix = lsp::CodeActionKind::QUICKFIX;
        let fix_all = lsp::CodeActionKind::from(FIX_ALL_KIND);
        assert!(kind_matches(&quickfix, None));
        assert!(kind_matches(&fix_all, Some(&[lsp::CodeActionKind::SOURCE])));
        assert!(kind_matches(
            &fix_all,
            Some(&[lsp::CodeActionKind::SOURCE_FIX_ALL])
        ));
        assert!(!kind_matches(
            &quickfix,
            Some(&[lsp::CodeActionKind::SOURCE])
        ));
        // A prefix counts only up to a dot.
        assert!(!kind_matches(
            &lsp::CodeActionKind::from("quickfixes"),
            Some(&[quickfix])
        ));
    }

    #[test]
    fn a_request_is_about_the_findings_of_the_item_on_its_first_line() {
        let text = "Intro\n- [ ] Rewrite auth, add tests and update the docs\n  maybe later\n";
        let doc = open(text);
        let (entry, split) = doc
            .findings()
            .find(|(_, f)| f.rule.name == "multiple-tasks")
            .expect("multiple-tasks");
        let at = |line: u32, character: u32| {
            let o = doc.lsp_offset(lsp::Position::new(line, character));
            o..o
        };
        // On the item's first line, anywhere: even before the finding.
        assert!(asked_for(&doc, entry, split, &at(1, 0), &[]));
        assert!(asked_for(&doc, entry, split, &at(1, 200), &[]));
        // Elsewhere, only by touching it or by naming its diagnostic.
        assert!(!asked_for(&doc, entry, split, &at(0, 0), &[]));
        assert!(!asked_for(&doc, entry, split, &at(2, 0), &[]));
        let named = doc.diagnostic(split);
        assert!(asked_for(
            &doc,
            entry,
            split,
            &at(2, 0),
            std::slice::from_ref(&named)
        ));
        let mut other = named;
        other.code = Some(lsp::NumberOrString::String("hedge".into()));
        assert!(!asked_for(&doc, entry, split, &at(2, 0), &[other]));
    }
}
