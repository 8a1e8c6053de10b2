//! The client's settings (`workspace/configuration`,
//! `workspace/didChangeConfiguration`) and what follows from them: every
//! open document linted again, and the workspace check started when it is
//! turned on.

use serde_json::Value;
use tower_lsp_server::ls_types as lsp;
use tracing::warn;

use super::settings::Settings;
use super::state::{Out, Session};

/// Asks the client for the `handoff` section, when it can answer.
pub(super) async fn fetch_settings(session: &Session) {
    if !session.state().caps.configuration {
        return;
    }
    let items = vec![lsp::ConfigurationItem {
        scope_uri: None,
        section: Some("handoff".into()),
    }];
    match session.client.configuration(items).await {
        Ok(values) => {
            let value = values.into_iter().next().unwrap_or(Value::Null);
            apply_settings(session, &value);
        }
        Err(e) => warn!("workspace/configuration failed: {e}"),
    }
}

/// `workspace/didChangeConfiguration`: the settings sent, or, when the
/// client sends none (a nudge), the settings asked for.
pub(super) async fn did_change_configuration(
    session: &Session,
    params: lsp::DidChangeConfigurationParams,
) {
    if params.settings.is_null()
        || params
            .settings
            .as_object()
            .is_some_and(serde_json::Map::is_empty)
    {
        fetch_settings(session).await;
    } else {
        apply_settings(session, &params.settings);
    }
}

fn apply_settings(session: &Session, value: &Value) {
    let (settings, problems) = Settings::from_value(value);
    for p in problems {
        let _ = session.out.send(Out::Message(lsp::MessageType::WARNING, p));
    }
    let check_workspace;
    {
        let mut st = session.state();
        if st.configs.settings == settings {
            return;
        }
        check_workspace = settings.check_workspace && !st.configs.settings.check_workspace;
        st.configs.set_settings(settings);
        st.reconfigure_all(&session.out);
    }
    if check_workspace {
        spawn_workspace_check(session);
    }
}

/// Starts `handoff.checkWorkspace`'s walk in the background.
pub(super) fn spawn_workspace_check(session: &Session) {
    let client = session.client.clone();
    let state = session.state.clone();
    let folders = session.state().configs.folders.clone();
    tokio::spawn(async move { super::workspace_check::run(client, folders, state).await });
}
