//! Zed extension: runs `handoff server` for Markdown and source files.
//!
//! The binary is `lsp.handoff.binary.path` from Zed's settings, else
//! `handoff` on the worktree's PATH. `lsp.handoff.settings` is sent to the
//! server as its `handoff` settings section.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct Handoff;

impl zed::Extension for Handoff {
    fn new() -> Self {
        Handoff
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let command = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("handoff"))
            .ok_or_else(|| {
                "handoff is not on PATH: install it (cargo install --path . in the handoff \
                 repository) or set lsp.handoff.binary.path in Zed's settings"
                    .to_string()
            })?;
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["server".to_string()]);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }

    fn language_server_workspace_configuration(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        let settings = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.settings);
        Ok(settings.map(|s| zed::serde_json::json!({ "handoff": s })))
    }
}

zed::register_extension!(Handoff);
