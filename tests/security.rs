//! The server and the CLI read only files inside the workspace: a
//! `broken-reference` check on a path that climbs out of it (`../..`), or
//! that goes through a symlink to a folder outside it, looks nothing up.
//! Such a path would be reported as missing if it were looked up, since
//! none of them exists; the control paths inside show that the rule runs.

mod lsp_client;

use std::path::Path;
use std::process::Command;

use lsp_client::Client;
use serde_json::{Value, json};

const TEXT: &str = "\
- [ ] Move the retry logic into `src/missing.rs`
- [ ] Keep the session code in `src/lib.rs`
- [ ] Compare the hash with `../../etc/passwd.d/missing.txt`
- [ ] Read the secret from `../outside/missing.rs`
- [ ] Follow the link to `link/missing.rs`
";

/// A project with a `.git` folder, a file in it, and a symlink to a folder
/// beside it.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("proj");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/lib.rs"), "").unwrap();
    std::fs::create_dir_all(dir.path().join("outside")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("outside"), root.join("link")).unwrap();
    std::fs::write(root.join("TODO.md"), TEXT).unwrap();
    dir
}

/// The 0-based lines with a `broken-reference` finding.
fn broken_lines(diagnostics: &[Value], line_of: impl Fn(&Value) -> u64) -> Vec<u64> {
    let mut lines: Vec<u64> = diagnostics
        .iter()
        .filter(|d| d["code"] == "broken-reference" || d["rule"] == "broken-reference")
        .map(line_of)
        .collect();
    lines.sort_unstable();
    lines
}

#[test]
fn the_server_looks_up_no_path_outside_its_workspace() {
    let dir = project();
    let root = dir.path().join("proj").canonicalize().unwrap();
    let root_uri = format!("file://{}", root.display());
    let uri = format!("{root_uri}/TODO.md");
    let mut c = Client::start_in(Some(&root));
    c.initialize(json!({}), Some(&root_uri));
    c.open(&uri, "markdown", 1, TEXT);
    let d = c.diagnostics(&uri, Some(1));
    let lines = broken_lines(d["diagnostics"].as_array().unwrap(), |d| {
        d["range"]["start"]["line"].as_u64().unwrap()
    });
    assert_eq!(lines, [0], "{d:#}");
    assert!(c.shutdown_exit().success());
}

#[test]
fn the_cli_looks_up_no_path_outside_the_project() {
    let dir = project();
    let root = dir.path().join("proj");
    let out = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(["check", "--format", "json", "TODO.md"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = broken_lines(findings.as_array().unwrap(), |f| {
        f["start"]["line"].as_u64().unwrap() - 1
    });
    assert_eq!(lines, [0]);
    assert!(Path::new(&root).join("TODO.md").exists());
}
