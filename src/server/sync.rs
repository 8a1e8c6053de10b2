//! Text document synchronisation: documents opened, changed, saved and
//! closed, and files changed on disk. A change is written into the
//! document at once and analysed by the first reader (the publisher, a pull,
//! a hover, a code action), so a burst of keystrokes is analysed once.

use tower_lsp_server::ls_types as lsp;
use tracing::warn;

use crate::language::FileKind;
use crate::project::is_config_file;

use super::convert;
use super::document::Document;
use super::state::{Out, Session, State, guard};

pub(super) fn did_open(session: &Session, params: lsp::DidOpenTextDocumentParams) {
    let td = params.text_document;
    let path = convert::uri_path(&td.uri);
    let config_changed = is_config_file(&path);
    let Some(kind) =
        FileKind::from_path(&path).or_else(|| FileKind::from_language_id(&td.language_id))
    else {
        return;
    };
    let uri = td.uri.clone();
    {
        let mut st = session.state();
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
            st.check_size(&uri, &session.out);
            st.touch(&uri);
        }
        if reported {
            st.report_config_errors(&session.out);
        }
    }
    session.push(&uri);
    if config_changed {
        session.config_file_changed();
    }
}

pub(super) fn did_change(session: &Session, params: lsp::DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let is_config;
    {
        let mut st = session.state();
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
        let changes = params.content_changes;
        if guard("didChange", || doc.apply_lsp_changes(version, changes)).is_none() {
            guard("rebuild", || doc.rebuild());
        }
        is_config = is_config_file(&doc.path);
        st.check_size(&uri, &session.out);
    }
    session.push(&uri);
    if is_config {
        session.config_file_changed();
    }
}

pub(super) fn did_save(session: &Session, params: &lsp::DidSaveTextDocumentParams) {
    if is_config_file(&convert::uri_path(&params.text_document.uri)) {
        session.config_file_changed();
    }
}

pub(super) fn did_close(session: &Session, params: lsp::DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let mut st = session.state();
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
        let _ = session.out.send(Out::Clear(uri));
    }
    drop(st);
    if was_config {
        // The file on disk is what counts now.
        session.config_file_changed();
    }
}

pub(super) fn did_change_watched_files(
    session: &Session,
    params: &lsp::DidChangeWatchedFilesParams,
) {
    let mut config = false;
    let mut files = false;
    for change in &params.changes {
        let path = convert::uri_path(&change.uri);
        if is_config_file(&path) {
            config = true;
        } else if change.typ != lsp::FileChangeType::CHANGED {
            files = true;
        }
    }
    if config {
        session.config_file_changed();
    } else if files {
        let mut st = session.state();
        st.configs.forget_lookups();
        for doc in st.docs.values_mut() {
            guard("relint", || doc.relint());
        }
        st.publish_all(&session.out);
    }
}
