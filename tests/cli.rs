//! `handoff check` as CI runs it: the real binary on fixture trees, its
//! output in every format snapshotted, its exit status and its messages.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "sizes, counts, offsets and timings of a test run, far inside every type's range"
)]

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{handoff, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn human_output() {
    let out = handoff(&fixture("project"), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn json_output() {
    let out = handoff(&fixture("project"), &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("one JSON array");
    assert!(parsed.as_array().is_some_and(|a| !a.is_empty()));
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_output() {
    let out = handoff(&fixture("project"), &["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let log: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), handoff::rules::ALL.len());
    // Every result points at a rule the driver describes.
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    insta::assert_snapshot!(text);
}

#[test]
fn github_output() {
    let out = handoff(&fixture("project"), &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn positions_count_characters_not_bytes() {
    let out = handoff(
        &fixture("project"),
        &["check", "--format", "json", "src/main.rs"],
    );
    let findings: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let faster = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "vague-qualifier" && f["start"]["line"] == 5)
        .expect("\"faster\" on line 5 is flagged");
    // Columns count characters: "é", "✓" and "🚀" are one column each,
    // though 2, 3 and 4 bytes.
    let line = "    // TODO(agent): make the Résumé ✓ parser 🚀 faster";
    let chars_before = line[..line.find("faster").unwrap()].chars().count() as u64;
    assert_eq!(faster["start"]["column"], chars_before + 1);
    assert_eq!(faster["end"]["column"], chars_before + 1 + 6);
}

#[test]
fn clean_files_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("TODO.md"),
        "- [ ] Rename `a` to `b` in the `Config` struct\n",
    )
    .unwrap();
    let out = handoff(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[]");
    let out = handoff(dir.path(), &["check"]);
    assert_eq!(stdout(&out), "No findings in 1 file.\n");
}

#[test]
fn excluded_binary_and_unknown_files_are_skipped() {
    let out = handoff(&fixture("project"), &["check", "--format", "json"]);
    let text = stdout(&out);
    assert!(!text.contains("vendor/"), "exclude glob is honoured");
    assert!(!text.contains("archive.md"), "binary files are skipped");
    assert!(!text.contains("ideas.md"), "prose is not a checklist");
    assert!(!text.contains("never linted"), "code blocks are skipped");
    // Invalid UTF-8 is read with a replacement character, not rejected.
    assert!(text.contains("notes/latin1.md"));
}

#[test]
fn stdin_is_read_with_a_file_name() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args([
            "check",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "TODO.md",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .current_dir(std::env::temp_dir())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"- [ ] Maybe fix it properly\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["path"] == "TODO.md")
    );
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "hedge")
    );
}

#[test]
fn stdin_without_a_name_is_a_usage_error() {
    let out = handoff(&std::env::temp_dir(), &["check", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--stdin-filename"));
}

#[test]
fn a_broken_config_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("handoff.toml"),
        "[rules]\nhedge = \"off\"\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("TODO.md"), "- [ ] Maybe fix it\n").unwrap();
    let out = handoff(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("handoff.toml:3"), "{err}");
    assert!(err.contains("no-such-rule"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn config_turns_rules_off_and_sets_severity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("handoff.toml"),
        "[rules]\nhedge = \"off\"\nvague-qualifier = \"error\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("TODO.md"),
        "- [ ] Maybe sort the list properly\n",
    )
    .unwrap();
    let out = handoff(dir.path(), &["check", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = findings.as_array().unwrap();
    assert!(findings.iter().all(|f| f["rule"] != "hedge"));
    let q = findings
        .iter()
        .find(|f| f["rule"] == "vague-qualifier")
        .unwrap();
    assert_eq!(q["severity"], "error");
}

#[test]
fn inline_suppression() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("TODO.md"),
        "<!-- handoff-ignore -->\n- [ ] Maybe fix it properly\n\n- [ ] Maybe sort the list <!-- handoff-ignore: hedge -->\n",
    )
    .unwrap();
    let out = handoff(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let out = handoff(&fixture("project"), &["check", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/dir"));
}

#[test]
fn unknown_flags_are_usage_errors() {
    let out = handoff(&fixture("project"), &["check", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = handoff(&fixture("project"), &["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_and_explain() {
    let out = handoff(&fixture("project"), &["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = stdout(&out);
    for rule in handoff::rules::ALL {
        assert!(listing.contains(rule.name), "{} is listed", rule.name);
    }
    let out = handoff(&fixture("project"), &["explain", "hedge"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("## Why is this bad?"));
    let out = handoff(&fixture("project"), &["explain", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-rule"));
}

#[test]
fn the_example_project_has_findings_in_every_kind_of_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = handoff(root, &["check", "--format", "json", "examples"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for file in ["TODO.md", "AGENTS.md", "server.rs", "deploy.py", "app.ts"] {
        assert!(text.contains(file), "{file} has findings");
    }
    // The items under "Ready to hand off" (lines 5 and 6) stay quiet.
    let findings: serde_json::Value = serde_json::from_str(&text).unwrap();
    for f in findings.as_array().unwrap() {
        if f["path"] == "examples/TODO.md" {
            let line = f["start"]["line"].as_u64().unwrap();
            assert!(!(5..=6).contains(&line), "{f}");
        }
    }
}
