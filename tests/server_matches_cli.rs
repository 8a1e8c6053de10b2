//! Server = CLI, as a property: for random documents and random edits sent
//! over stdio as `didChange` (UTF-16 ranges), the diagnostics the real
//! server publishes for the last version are what `handoff check` reports on
//! the final text.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "sizes, counts, offsets and timings of a test run, far inside every type's range"
)]

mod lsp_client;
mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use handoff::fuzz::SAMPLE_PATHS;
use handoff::language::FileKind;
use lsp_client::{Client, offset, position};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::sample;

/// (start byte, end byte, rule, severity, message)
type Reported = Vec<(usize, usize, String, String, String)>;

fn severity_name(lsp: &Value) -> String {
    match lsp.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        Some(4) => "hint",
        _ => panic!("severity {lsp}"),
    }
    .to_string()
}

fn published(text: &str, params: &Value) -> Reported {
    let at = |p: &Value| {
        offset(
            text,
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
            "utf-16",
        )
    };
    let mut v: Reported = params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                at(&d["range"]["start"]),
                at(&d["range"]["end"]),
                d["code"].as_str().unwrap().to_string(),
                severity_name(&d["severity"]),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Byte offset of a 1-based line and 1-based character column.
fn cli_offset(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().unwrap() as usize - 1;
    let column = p["column"].as_u64().unwrap() as usize - 1;
    let line_start = offset(text, line as u64, 0, "utf-8");
    line_start
        + text[line_start..]
            .chars()
            .take(column)
            .map(char::len_utf8)
            .sum::<usize>()
}

fn checked(name: &str, text: &str) -> Reported {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(["check", "--format", "json", "-", "--stdin-filename"])
        .arg(Path::new("/tmp/handoff-lsp-test").join(name))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut v: Reported = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                cli_offset(text, &f["start"]),
                cli_offset(text, &f["end"]),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

const PIECES: &[&str] = &[
    "",
    "x",
    " ",
    "\t",
    "\n",
    "\r\n",
    "é",
    "😀",
    "// TODO: ",
    "# FIXME: ",
    "maybe ",
    "properly",
    ", and ",
    "- [ ] ",
    "like before ",
    "`src/a.rs` ",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_server_publishes_what_check_reports(
        which in 0..SAMPLE_PATHS.len(),
        edits in prop::collection::vec((any::<u16>(), 0usize..12, prop::sample::select(PIECES)), 1..12),
    ) {
        let name = SAMPLE_PATHS[which];
        let path = Path::new("/tmp/handoff-lsp-test").join(name);
        let uri = format!("file://{}", path.display());
        let language = FileKind::from_path(&path).unwrap().language.id();
        let mut text = sample(name);
        let mut c = Client::start();
        c.initialize(json!({}), None);
        c.open(&uri, language, 1, &text);
        let mut version = 1;
        for (at, remove, insert) in edits {
            let mut start = at as usize * text.len() / u16::MAX as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + remove).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            // An edit between the CR and LF of a line end has no LSP position.
            let inside_crlf = |o: usize| o > 0 && text.as_bytes()[o - 1] == b'\r' && text.as_bytes().get(o) == Some(&b'\n');
            if inside_crlf(start) || inside_crlf(end) {
                continue;
            }
            version += 1;
            let range = json!({"start": position(&text, start, "utf-16"), "end": position(&text, end, "utf-16")});
            c.change(&uri, version, json!([{"range": range, "text": insert}]));
            text.replace_range(start..end, insert);
        }
        let params = c.diagnostics(&uri, Some(version));
        prop_assert_eq!(published(&text, &params), checked(name, &text), "{:?}", text);
        prop_assert!(c.shutdown_exit().success());
    }
}
