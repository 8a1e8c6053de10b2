//! The language server, end to end: the real binary over stdio. (The
//! document-update path in process is `tests/incremental.rs`.)

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "sizes, counts, offsets and timings of a test run, far inside every type's range"
)]
#![allow(
    clippy::needless_pass_by_value,
    reason = "JSON values and test inputs are built at the call site and handed over"
)]

mod lsp_client;

use handoff::config::Config;
use std::collections::BTreeSet;
use std::time::Duration;

use lsp_client::{Client, apply_edits, position};
use serde_json::{Value, json};
use tower_lsp_server::ls_types as lsp;

const RUST_URI: &str = "file:///tmp/handoff-lsp-test/src/lib.rs";
const MD_URI: &str = "file:///tmp/handoff-lsp-test/TODO.md";

fn push_caps() -> Value {
    json!({})
}

fn codes(diags: &Value) -> BTreeSet<String> {
    diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn start(caps: Value) -> Client {
    let mut c = Client::start();
    c.initialize(caps, None);
    c
}

#[test]
fn open_change_close_with_push_diagnostics() {
    let mut c = start(push_caps());
    c.open(
        RUST_URI,
        "rust",
        1,
        "fn main() {}\n// TODO(agent): maybe fix this properly\n",
    );
    let d = c.diagnostics(RUST_URI, Some(1));
    let got = codes(&d);
    assert!(
        got.contains("hedge") && got.contains("vague-qualifier"),
        "{d:#}"
    );
    let hedge = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "hedge")
        .unwrap();
    assert_eq!(hedge["source"], "handoff");
    assert_eq!(hedge["range"]["start"], json!({"line": 1, "character": 16}));
    assert_eq!(hedge["range"]["end"], json!({"line": 1, "character": 21}));
    assert!(
        hedge["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/hedge.md")
    );
    assert_eq!(hedge["data"]["rule"], "hedge");

    // Replace "maybe fix this properly" with a clear instruction.
    c.change(
        RUST_URI,
        2,
        json!([{"range": {"start": {"line": 1, "character": 16}, "end": {"line": 1, "character": 39}},
                "text": "rename `run` to `serve`"}]),
    );
    let d = c.diagnostics(RUST_URI, Some(2));
    let got = codes(&d);
    assert!(
        !got.contains("hedge") && !got.contains("vague-qualifier"),
        "{d:#}"
    );

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": RUST_URI}}),
    );
    let d = c.diagnostics(RUST_URI, None);
    assert_eq!(d["diagnostics"], json!([]));
    assert!(c.shutdown_exit().success());
}

#[test]
fn pull_diagnostics_when_the_client_asks_for_them() {
    let mut c = start(json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}));
    c.open(
        RUST_URI,
        "rust",
        1,
        "// TODO(agent): maybe fix this properly\n",
    );
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": RUST_URI}}),
    );
    let report = &r["result"];
    assert_eq!(report["kind"], "full", "{r:#}");
    let got: BTreeSet<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(got.contains("hedge"), "{r:#}");
    let id = report["resultId"].clone();
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": RUST_URI}, "previousResultId": id}),
    );
    assert_eq!(r["result"]["kind"], "unchanged", "{r:#}");
    // Edits are analysed when something reads them: here the next pull,
    // or a hover.
    c.change(
        RUST_URI,
        2,
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "// TODO(agent): clean up the session code somehow\n"}]),
    );
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": RUST_URI}, "position": {"line": 1, "character": 45}}),
    );
    let hover = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(hover.contains("hedge"), "{r:#}");
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": RUST_URI}, "previousResultId": id}),
    );
    assert_eq!(r["result"]["kind"], "full", "{r:#}");
    let lines: BTreeSet<i64> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["range"]["start"]["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, BTreeSet::from([0, 1]), "{r:#}");
    // No push in pull mode.
    assert!(!c.any_within(Duration::from_millis(300), |v| {
        v["method"] == "textDocument/publishDiagnostics"
    }));
    assert!(c.shutdown_exit().success());
}

fn code_actions(c: &mut Client, uri: &str, range: Value) -> Vec<Value> {
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
    );
    r["result"].as_array().cloned().unwrap_or_default()
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri].as_array().cloned().unwrap()
}

#[test]
fn a_split_applies_line_by_line_and_undoes_byte_for_byte() {
    let text = "# Plan\n\n- [ ] Rewrite auth, add tests and update the docs\n- [x] Done already\n";
    let mut c = start(push_caps());
    // Independent actions are multiple-tasks' pedantic checks.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"handoff": {"pedantic": true}}}),
    );
    c.open(MD_URI, "markdown", 1, text);
    let d = c.diagnostics(MD_URI, Some(1));
    let multi = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "multiple-tasks")
        .unwrap_or_else(|| panic!("no multiple-tasks: {d:#}"))
        .clone();
    let related = multi["relatedInformation"]
        .as_array()
        .map_or(0, std::vec::Vec::len);
    assert_eq!(related, 3, "{multi:#}");
    let actions = code_actions(&mut c, MD_URI, multi["range"].clone());
    let split = actions
        .iter()
        .find(|a| a["title"] == "Split into 3 tasks")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(split["kind"], "quickfix");
    let edits = edits_of(split, MD_URI);
    let (after, undo) = apply_edits(text, &edits, "utf-16");
    let lines: Vec<&str> = after.lines().collect();
    assert_eq!(lines[0], "# Plan");
    assert_eq!(lines[1], "");
    assert!(
        lines[2].starts_with("- [ ] ") && lines[2].contains("auth"),
        "{after}"
    );
    assert!(
        lines[3].starts_with("- [ ] ") && lines[3].contains("tests"),
        "{after}"
    );
    assert!(
        lines[4].starts_with("- [ ] ") && lines[4].contains("docs"),
        "{after}"
    );
    assert_eq!(lines[5], "- [x] Done already");
    assert_eq!(lines.len(), 6);
    let (restored, _) = apply_edits(&after, &undo, "utf-16");
    assert_eq!(restored, text);

    // The server agrees: apply the split, then undo it, as incremental changes.
    let as_changes = |edits: &[Value]| -> Value {
        let mut e = edits.to_vec();
        // Last edit first, so earlier positions stay valid.
        e.sort_by_key(|x| {
            std::cmp::Reverse((
                x["range"]["start"]["line"].as_u64(),
                x["range"]["start"]["character"].as_u64(),
            ))
        });
        Value::Array(
            e.iter()
                .map(|x| json!({"range": x["range"], "text": x["newText"]}))
                .collect(),
        )
    };
    c.change(MD_URI, 2, as_changes(&edits));
    let d = c.diagnostics(MD_URI, Some(2));
    assert!(!codes(&d).contains("multiple-tasks"), "{d:#}");
    c.change(MD_URI, 3, as_changes(&undo));
    let d = c.diagnostics(MD_URI, Some(3));
    assert!(codes(&d).contains("multiple-tasks"), "{d:#}");

    // Ignore here, and fix all.
    let actions = code_actions(&mut c, MD_URI, multi["range"].clone());
    assert!(
        actions
            .iter()
            .any(|a| a["title"] == "Ignore `multiple-tasks` here"),
        "{actions:#?}"
    );
    assert!(c.shutdown_exit().success());
}

/// Neovim asks for code actions with the cursor: a zero-width range at
/// column 0 of the line, the line's diagnostics in the context. Anywhere on
/// the first line of a flagged item, every fix of the item is offered.
#[test]
fn code_actions_are_offered_anywhere_on_the_first_line_of_an_item() {
    let text = "# Plan\n\n- [ ] Rewrite auth, add tests and update the docs\n  maybe later\n- [x] Done already\n";
    let mut c = start(push_caps());
    // Independent actions are multiple-tasks' pedantic checks.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"handoff": {"pedantic": true}}}),
    );
    c.open(MD_URI, "markdown", 1, text);
    let d = c.diagnostics(MD_URI, Some(1));
    let diags = d["diagnostics"].as_array().unwrap().clone();
    let line = |x: &Value| x["range"]["start"]["line"].as_u64().unwrap();
    // The item is lines 2 and 3; its fixes, as the diagnostics name them.
    let item: Vec<&Value> = diags
        .iter()
        .filter(|x| (2..=3).contains(&line(x)))
        .collect();
    let expected: BTreeSet<String> = item
        .iter()
        .flat_map(|x| x["data"]["fixes"].as_array().unwrap().iter())
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert!(expected.contains("Split into 3 tasks"), "{d:#}");
    let on_line_2: Vec<Value> = diags.iter().filter(|x| line(x) == 2).cloned().collect();
    let titles =
        |c: &mut Client, line: u32, character: u32, context: &[Value]| -> BTreeSet<String> {
            let at = json!({"line": line, "character": character});
            let r = c.request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": MD_URI},
                    "range": {"start": at, "end": at},
                    "context": {"diagnostics": context, "triggerKind": 1}
                }),
            );
            r["result"]
                .as_array()
                .unwrap_or_else(|| panic!("{r:#}"))
                .iter()
                .filter(|a| a["kind"] == "quickfix")
                .map(|a| a["title"].as_str().unwrap().to_string())
                .collect()
        };
    let width = text.lines().nth(2).unwrap().len() as u32;
    for character in [0, 2, 4, width] {
        let got = titles(&mut c, 2, character, &on_line_2);
        assert!(
            got.is_superset(&expected),
            "column {character}: {got:?} lacks some of {expected:?}"
        );
        // Without the diagnostics in the context too.
        let got = titles(&mut c, 2, character, &[]);
        assert!(
            got.is_superset(&expected),
            "column {character}, no context: {got:?}"
        );
    }
    // Lines with no open item get no quick fix.
    assert_eq!(titles(&mut c, 0, 0, &[]), BTreeSet::new());
    assert_eq!(titles(&mut c, 4, 0, &[]), BTreeSet::new());
    assert!(c.shutdown_exit().success());
}

/// The range of the first diagnostic with `code`.
fn range_of(d: &Value, code: &str) -> Value {
    d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == code)
        .unwrap_or_else(|| panic!("no {code}: {d:#}"))["range"]
        .clone()
}

#[test]
fn positions_in_utf16_and_utf8_after_emoji_and_crlf() {
    let text = "let s = \"😀\"; // TODO(agent): maybe fix this properly\r\n// TODO(agent): 😀😀 maybe fix this properly\r\n";
    for (caps, encoding) in [
        (json!({}), "utf-16"),
        (
            json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
            "utf-8",
        ),
    ] {
        let mut c = Client::start();
        let init = c.initialize(caps, None);
        assert_eq!(init["capabilities"]["positionEncoding"], encoding);
        c.open(RUST_URI, "rust", 1, text);
        let d = c.diagnostics(RUST_URI, Some(1));
        let hedges: Vec<Value> = d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["code"] == "hedge")
            .map(|x| x["range"].clone())
            .collect();
        let maybes: Vec<usize> = text.match_indices("maybe").map(|(i, _)| i).collect();
        assert_eq!(hedges.len(), 2, "{d:#}");
        for (r, at) in hedges.iter().zip(&maybes) {
            assert_eq!(r["start"], position(text, *at, encoding), "{encoding}");
            assert_eq!(r["end"], position(text, at + 5, encoding), "{encoding}");
        }
        // Delete the second "maybe " by its position in this encoding.
        let at = maybes[1];
        c.change(
            RUST_URI,
            2,
            json!([{"range": {"start": position(text, at, encoding), "end": position(text, at + 6, encoding)}, "text": ""}]),
        );
        let d = c.diagnostics(RUST_URI, Some(2));
        let n = d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["code"] == "hedge")
            .count();
        assert_eq!(n, 1, "{d:#}");
        assert_eq!(
            range_of(&d, "hedge")["start"],
            position(text, maybes[0], encoding)
        );
        assert!(c.shutdown_exit().success());
    }
}

#[test]
fn a_burst_of_edits_ends_on_the_last_version() {
    let mut c = start(push_caps());
    let mut text = String::from("fn main() {}\n// TODO(agent): fix this\n");
    c.open(RUST_URI, "rust", 1, &text);
    c.diagnostics(RUST_URI, Some(1));
    let words = ["maybe ", "properly ", "somehow ", "cleanup "];
    for v in 2..=101 {
        // Insert a character after "TODO(agent): ".
        let at = text.find("TODO(agent): ").unwrap() + 13;
        let ch = &words[(v as usize) % words.len()][..1];
        let ch = if v % 7 == 0 { " " } else { ch };
        text.insert_str(at, ch);
        let p = position(&text, at, "utf-16");
        c.change(
            RUST_URI,
            v,
            json!([{"range": {"start": p, "end": p}, "text": ch}]),
        );
    }
    let last = c.diagnostics(RUST_URI, Some(101));
    let versions: Vec<i64> = c
        .seen
        .iter()
        .filter(|v| v["method"] == "textDocument/publishDiagnostics")
        .filter_map(|v| v["params"]["version"].as_i64())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    // A fresh open of the final text gives the same diagnostics.
    let other = "file:///tmp/handoff-lsp-test/src/other.rs";
    c.open(other, "rust", 1, &text);
    let fresh = c.diagnostics(other, Some(1));
    assert_eq!(
        last["diagnostics"].to_string().replace(other, RUST_URI),
        fresh["diagnostics"].to_string().replace(other, RUST_URI)
    );
    assert!(!c.any_within(Duration::from_millis(300), |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == RUST_URI
    }));
    assert!(c.shutdown_exit().success());
}

#[test]
fn a_malformed_frame_gets_a_parse_error_and_the_server_keeps_going() {
    let mut c = start(push_caps());
    c.send_raw(b"Content-Length: 9\r\n\r\n{\"oops\": ");
    let e = c.response(Value::Null);
    assert_eq!(e["error"]["code"], -32700, "{e}");
    c.send_raw(b"Content-Length: 12\r\n\r\n{\"id\": \"x\"}\n");
    let e = c.response(json!("x"));
    assert_eq!(e["error"]["code"], -32600, "{e}");
    // Unknown document, out-of-range position: answered, not fatal.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.rs"}, "position": {"line": 99, "character": 99}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    c.open(
        RUST_URI,
        "rust",
        1,
        "// TODO(agent): maybe fix this properly\n",
    );
    c.diagnostics(RUST_URI, Some(1));
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": RUST_URI}, "position": {"line": 0, "character": 17}}),
    );
    let hover = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(hover.contains("Done criteria"), "{r:#}");
    assert!(hover.contains("hedge"), "{r:#}");
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": RUST_URI}, "range": {"start": {"line": 500, "character": 0}, "end": {"line": 900, "character": 9}}, "context": {"diagnostics": []}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert!(c.shutdown_exit().success());
}

#[test]
fn exit_without_shutdown_is_an_error_and_eof_ends_the_server() {
    let mut c = start(push_caps());
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(1));
    let mut c = start(push_caps());
    c.close_stdin();
    assert!(c.wait_exit().code().is_some());
}

#[test]
fn a_client_that_disappears_ends_the_server_within_a_second() {
    let mut c = start(push_caps());
    c.open(MD_URI, "markdown", 1, "- [ ] Maybe cache it\n");
    c.diagnostics(MD_URI, Some(1));
    c.close_stdin();
    // Left without `shutdown`: exit status 1.
    assert_eq!(c.wait_exit_within(Duration::from_secs(1)).code(), Some(1));
}

#[test]
fn a_50_mb_message_is_read_whole_and_the_server_keeps_serving() {
    let mut c = start(push_caps());
    let big = "- [ ] Maybe cache the lookup\n".repeat(50 * 1024 * 1024 / 29);
    c.open("file:///tmp/handoff-lsp-test/big.md", "markdown", 1, &big);
    let msg = c.wait_for("the size message", |v| v["method"] == "window/showMessage");
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("big.md"),
        "{msg}"
    );
    c.open(MD_URI, "markdown", 1, "- [ ] Maybe cache it\n");
    let d = c.diagnostics(MD_URI, Some(1));
    assert!(codes(&d).contains("hedge"), "{d:#}");
    assert!(c.shutdown_exit().success());
}

#[test]
fn a_broken_config_is_reported_and_the_last_good_one_stays() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join("handoff.toml"), "[rules]\nhedge = \"off\"\n").unwrap();
    let file = root.join("a.rs");
    std::fs::write(&file, "").unwrap();
    let uri = lsp::Uri::from_file_path(&file).unwrap().to_string();
    let root_uri = lsp::Uri::from_file_path(&root).unwrap().to_string();
    let config_uri = lsp::Uri::from_file_path(root.join("handoff.toml"))
        .unwrap()
        .to_string();

    let mut c = Client::start_in(Some(&root));
    c.initialize(json!({}), Some(&root_uri));
    c.open(&uri, "rust", 1, "// TODO(agent): maybe fix this properly\n");
    let d = c.diagnostics(&uri, Some(1));
    assert!(
        !codes(&d).contains("hedge") && codes(&d).contains("vague-qualifier"),
        "{d:#}"
    );

    // Break it: the error is shown, and hedge stays off.
    std::fs::write(root.join("handoff.toml"), "[rules]\nhedge = \"loud\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    // The message and the config file's diagnostic come in either order.
    let (mut msg, mut cd) = (None, None);
    while msg.is_none() || cd.is_none() {
        let v = c.wait_for("the config error", |v| {
            v["method"] == "window/showMessage"
                || (v["method"] == "textDocument/publishDiagnostics"
                    && v["params"]["uri"] == config_uri.as_str())
        });
        if v["method"] == "window/showMessage" {
            msg = Some(v);
        } else {
            cd = Some(v["params"].clone());
        }
    }
    let (msg, cd) = (msg.unwrap(), cd.unwrap());
    assert!(
        msg["params"]["message"].as_str().unwrap().contains("loud"),
        "{msg}"
    );
    assert_eq!(cd["diagnostics"][0]["range"]["start"]["line"], 1, "{cd:#}");
    c.change(
        &uri,
        2,
        json!([{"text": "// TODO(agent): maybe fix this properly\n"}]),
    );
    let d = c.diagnostics(&uri, Some(2));
    assert!(!codes(&d).contains("hedge"), "{d:#}");

    // Client settings override the file.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"handoff": {"rules": {"hedge": "error", "vague-qualifier": "off"}}}}),
    );
    let d = c.wait_for("diagnostics with settings", |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == uri.as_str()
            && v["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x["code"] == "hedge"))
    });
    let diags = d["params"]["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().all(|x| x["code"] != "vague-qualifier"),
        "{d:#}"
    );
    let hedge = diags.iter().find(|x| x["code"] == "hedge").unwrap();
    assert_eq!(hedge["severity"], 1);

    // "Ignore in handoff.toml" edits the [rules] table.
    std::fs::write(
        root.join("handoff.toml"),
        "[rules]\nvague-verb = \"info\"\n",
    )
    .unwrap();
    let actions = code_actions(
        &mut c,
        &uri,
        json!({"start": {"line": 0, "character": 16}, "end": {"line": 0, "character": 16}}),
    );
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore `hedge` in handoff.toml")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edits = ignore["edit"]["changes"][config_uri.as_str()]
        .as_array()
        .unwrap();
    let (after, _) = apply_edits("[rules]\nvague-verb = \"info\"\n", edits, "utf-16");
    assert_eq!(after, "[rules]\nvague-verb = \"info\"\nhedge = \"off\"\n");
    assert!(c.shutdown_exit().success());
}

/// README's configuration written with dotted keys, and with the rule in an
/// inline table: "Ignore in handoff.toml" changes only the rule's level, and
/// undoing its edit gives the file back byte for byte.
#[test]
fn ignore_in_config_keeps_dotted_keys_and_inline_tables() {
    let dotted = "markers = [\"TODO\", \"FIXME\"]      # replaces the default marker list\r\nrules.too-long = { severity = \"info\", max-words = 80 }\r\nrules.vague-verb.extra-words = [\"revamp\"]   # more words\r\n";
    let inline = "[rules]\nhedge = { severity = \"warning\", allow-words = [\"kind of\"] }  # keep\ntoo-long = { severity = \"info\", max-words = 80 }\n";
    let cases = [
        (
            dotted,
            dotted.replace(
                "# more words\r\n",
                "# more words\r\nrules.hedge = \"off\"\r\n",
            ),
        ),
        (
            inline,
            inline.replace(
                "hedge = { severity = \"warning\"",
                "hedge = { severity = \"off\"",
            ),
        ),
    ];
    for (config, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join("handoff.toml"), config).unwrap();
        let uri = lsp::Uri::from_file_path(root.join("TODO.md"))
            .unwrap()
            .to_string();
        let config_uri = lsp::Uri::from_file_path(root.join("handoff.toml"))
            .unwrap()
            .to_string();
        let root_uri = lsp::Uri::from_file_path(&root).unwrap().to_string();
        let mut c = Client::start_in(Some(&root));
        c.initialize(json!({}), Some(&root_uri));
        c.open(&uri, "markdown", 1, "- [ ] Maybe cache the lookup\n");
        let d = c.diagnostics(&uri, Some(1));
        let hedge = d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == "hedge")
            .cloned()
            .unwrap_or_else(|| panic!("{d:#}"));
        let actions = code_actions(&mut c, &uri, hedge["range"].clone());
        let ignore = actions
            .iter()
            .find(|a| a["title"] == "Ignore `hedge` in handoff.toml")
            .unwrap_or_else(|| panic!("{actions:#?}"));
        let edits = edits_of(ignore, &config_uri);
        assert_eq!(edits.len(), 1, "one edit, where the level goes: {edits:#?}");
        let (after, undo) = apply_edits(config, &edits, "utf-16");
        assert_eq!(after, expected);
        let parsed = Config::parse(&after, &root.join("handoff.toml")).expect("still valid");
        assert_eq!(parsed.rule("too-long").max_words, Some(80));
        assert_eq!(apply_edits(&after, &undo, "utf-16").0, config);
        assert!(c.shutdown_exit().success());
    }
}

#[test]
fn fix_all_applies_only_safe_fixes() {
    let text = "- [ ] Maybe cache the lookup\n- [ ] Rewrite auth, add tests and update the docs\n";
    let mut c = start(push_caps());
    c.open(MD_URI, "markdown", 1, text);
    c.diagnostics(MD_URI, Some(1));
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": MD_URI},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": [handoff::server::FIX_ALL_KIND]}
        }),
    );
    let actions = r["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 1, "{r:#}");
    assert_eq!(actions[0]["kind"], handoff::server::FIX_ALL_KIND);
    let (after, undo) = apply_edits(text, &edits_of(&actions[0], MD_URI), "utf-16");
    // The hedge goes; the split, which restructures the task, is left to a person.
    assert_eq!(
        after,
        "- [ ] Cache the lookup\n- [ ] Rewrite auth, add tests and update the docs\n"
    );
    assert_eq!(apply_edits(&after, &undo, "utf-16").0, text);
    assert!(c.shutdown_exit().success());
}

#[test]
fn ignore_in_config_is_resolved_lazily() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join("handoff.toml"), "[rules]\ntoo-long = \"off\"\n").unwrap();
    let file = root.join("TODO.md");
    let uri = lsp::Uri::from_file_path(&file).unwrap().to_string();
    let config_uri = lsp::Uri::from_file_path(root.join("handoff.toml"))
        .unwrap()
        .to_string();
    let root_uri = lsp::Uri::from_file_path(&root).unwrap().to_string();
    let mut c = Client::start_in(Some(&root));
    c.initialize(
        json!({"textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}}),
        Some(&root_uri),
    );
    let text = "- [ ] Maybe cache the lookup\n";
    c.open(&uri, "markdown", 1, text);
    let d = c.diagnostics(&uri, Some(1));
    let hedge = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "hedge")
        .cloned()
        .unwrap();
    let actions = code_actions(&mut c, &uri, hedge["range"].clone());
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore `hedge` in handoff.toml")
        .unwrap_or_else(|| panic!("{actions:#?}"))
        .clone();
    assert!(
        ignore.get("edit").is_none_or(Value::is_null),
        "resolved lazily: {ignore:#}"
    );
    let resolved = c.request("codeAction/resolve", ignore)["result"].clone();
    let edits = resolved["edit"]["changes"][config_uri.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("{resolved:#}"));
    let config = std::fs::read_to_string(root.join("handoff.toml")).unwrap();
    let (after, undo) = apply_edits(&config, &edits, "utf-16");
    let parsed = Config::parse(&after, &root.join("handoff.toml")).expect("still valid");
    assert_eq!(
        parsed.severity(handoff::rules::by_name("hedge").unwrap()),
        None
    );
    assert_eq!(
        parsed.severity(handoff::rules::by_name("too-long").unwrap()),
        None
    );
    assert_eq!(apply_edits(&after, &undo, "utf-16").0, config);
    assert!(c.shutdown_exit().success());
}

#[test]
fn a_huge_file_is_skipped_with_one_message() {
    let mut c = start(push_caps());
    let big = "- [ ] Maybe cache the lookup\n".repeat(80_000); // 2.3 MB
    c.open(MD_URI, "markdown", 1, &big);
    let msg = c.wait_for("the size message", |v| v["method"] == "window/showMessage");
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("not checking"),
        "{msg}"
    );
    let d = c.diagnostics(MD_URI, Some(1));
    assert_eq!(d["diagnostics"], json!([]));
    // Editing it again does not repeat the message.
    c.change(MD_URI, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]));
    c.diagnostics(MD_URI, Some(2));
    assert!(!c.any_within(Duration::from_millis(300), |v| v["method"]
        == "window/showMessage"));
    assert!(c.shutdown_exit().success());
}

#[test]
fn the_workspace_check_reports_unopened_files_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join("TODO.md"), "- [ ] Maybe cache the lookup\n").unwrap();
    // Hidden agent files are read too.
    std::fs::write(root.join(".cursorrules"), "Always follow best practices.\n").unwrap();
    std::fs::write(
        root.join("clean.md"),
        "- [ ] Rename `a` to `b` in `Config`\n",
    )
    .unwrap();
    let root_uri = lsp::Uri::from_file_path(&root).unwrap().to_string();
    let uri = |name: &str| {
        lsp::Uri::from_file_path(root.join(name))
            .unwrap()
            .to_string()
    };

    let mut c = Client::start_in(Some(&root));
    c.initialize(
        json!({"window": {"workDoneProgress": true}}),
        Some(&root_uri),
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"handoff": {"checkWorkspace": true}}}),
    );
    let begin = c.wait_for("progress begin", |v| {
        v["method"] == "$/progress" && v["params"]["value"]["kind"] == "begin"
    });
    assert_eq!(begin["params"]["token"], "handoff-workspace-check");
    let (mut todo, mut rules) = (None, None);
    while todo.is_none() || rules.is_none() {
        let v = c.wait_for("workspace diagnostics", |v| {
            v["method"] == "textDocument/publishDiagnostics"
        });
        let p = v["params"].clone();
        if p["uri"] == uri("TODO.md") {
            todo = Some(p);
        } else if p["uri"] == uri(".cursorrules") {
            rules = Some(p);
        }
    }
    assert!(codes(&todo.unwrap()).contains("hedge"));
    assert!(codes(&rules.unwrap()).contains("generic-guidance"));
    c.wait_for("progress end", |v| {
        v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
    });
    assert!(c.shutdown_exit().success());
}

/// The editor, its workspace check and `handoff check` resolve a file's
/// project the same way: a workspace folder above the project's `.git` does
/// not move the root `broken-reference` resolves against, and a file that is
/// not UTF-8 is read with replacement characters by all three.
#[test]
fn the_editor_and_the_cli_resolve_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(top.join("docs")).unwrap();
    std::fs::write(top.join("docs/guide.md"), "# Guide\n").unwrap();
    std::fs::create_dir_all(top.join("sub/.git")).unwrap();
    let todo = "- [ ] Fix the broken link in `docs/guide.md`\n";
    std::fs::write(top.join("sub/TODO.md"), todo).unwrap();
    std::fs::write(
        top.join("sub/TASKS.md"),
        b"- [ ] Maybe cache the \xff lookup\n",
    )
    .unwrap();

    // CI: from the top folder.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(["check", "--format", "json", "sub"])
        .current_dir(&top)
        .output()
        .unwrap();
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli = |file: &str| -> BTreeSet<String> {
        findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(file)))
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(cli("TODO.md").contains("broken-reference"), "{findings:#}");
    assert!(cli("TASKS.md").contains("hedge"), "{findings:#}");

    // The editor, with the top folder as its workspace folder.
    let uri = |name: &str| {
        lsp::Uri::from_file_path(top.join(name))
            .unwrap()
            .to_string()
    };
    let top_uri = lsp::Uri::from_file_path(&top).unwrap().to_string();
    let mut c = Client::start_in(Some(&top));
    c.initialize(json!({}), Some(&top_uri));
    c.open(&uri("sub/TODO.md"), "markdown", 1, todo);
    let d = c.diagnostics(&uri("sub/TODO.md"), Some(1));
    assert_eq!(codes(&d), cli("TODO.md"), "{d:#}");

    // The workspace check, on the files not open.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"handoff": {"checkWorkspace": true}}}),
    );
    let notes = uri("sub/TASKS.md");
    let d = c.wait_for("the workspace check of TASKS.md", |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == notes.as_str()
    });
    assert_eq!(codes(&d["params"]), cli("TASKS.md"), "{d:#}");
    assert!(c.shutdown_exit().success());
}

#[test]
fn an_edit_past_the_end_clears_the_document_until_it_is_sent_whole() {
    let mut c = start(push_caps());
    let text = "- [ ] Maybe cache the lookup\n";
    c.open(MD_URI, "markdown", 1, text);
    assert!(codes(&c.diagnostics(MD_URI, Some(1))).contains("hedge"));
    let past_end = json!([{"range": {"start": {"line": 40, "character": 0}, "end": {"line": 40, "character": 3}}, "text": "x"}]);
    c.change(MD_URI, 2, past_end.clone());
    let msg = c.wait_for("the out-of-sync message", |v| {
        v["method"] == "window/showMessage"
    });
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("lost track"),
        "{msg}"
    );
    assert_eq!(c.diagnostics(MD_URI, Some(2))["diagnostics"], json!([]));
    // No fixes are offered on a copy that may be wrong.
    let actions = code_actions(
        &mut c,
        MD_URI,
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}),
    );
    assert!(actions.is_empty(), "{actions:#?}");
    // Told once; later edits are not applied to the lost copy.
    c.change(MD_URI, 3, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "y"}]));
    assert_eq!(c.diagnostics(MD_URI, Some(3))["diagnostics"], json!([]));
    c.change(MD_URI, 4, past_end);
    c.diagnostics(MD_URI, Some(4));
    assert!(!c.any_within(Duration::from_millis(300), |v| v["method"]
        == "window/showMessage"));
    // The whole text brings it back.
    c.change(MD_URI, 5, json!([{"text": text}]));
    assert!(codes(&c.diagnostics(MD_URI, Some(5))).contains("hedge"));
    assert!(c.shutdown_exit().success());
}

#[test]
fn requests_before_initialize_unknown_methods_and_stray_changes_are_answered() {
    let mut c = Client::start();
    // Before `initialize`: an error, not a crash.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": RUST_URI}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r.get("error").is_some(), "{r}");
    c.initialize(push_caps(), None);
    let r = c.request("handoff/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // A change to a document never opened, and a version that goes back.
    c.change("file:///never/opened.md", 3, json!([{"text": "- [ ] x"}]));
    c.open(MD_URI, "markdown", 5, "- [ ] Maybe cache it\n");
    c.diagnostics(MD_URI, Some(5));
    c.change(MD_URI, 4, json!([{"text": "- [ ] Perhaps cache it\n"}]));
    // The server is still there and answers.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": MD_URI}, "position": {"line": 0, "character": 8}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert!(c.shutdown_exit().success());
}

#[test]
fn a_missing_or_wrong_content_length_does_not_stop_the_server() {
    let mut c = start(push_caps());
    // No Content-Length header at all, then a frame that is fine.
    c.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n");
    c.send_raw(b"Content-Length: abc\r\n\r\n");
    c.open(MD_URI, "markdown", 1, "- [ ] Maybe cache it\n");
    let d = c.diagnostics(MD_URI, Some(1));
    assert!(codes(&d).contains("hedge"), "{d:#}");
    assert!(c.shutdown_exit().success());
}

/// A stale path whose file the project has elsewhere: the diagnostic says
/// where, the quick fix writes that path in place of the stale one, and undo
/// gives the original back.
#[test]
fn a_stale_path_is_replaced_by_the_file_it_meant() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(top.join(".git")).unwrap();
    std::fs::create_dir_all(top.join("packages/1-framework/cli/src")).unwrap();
    std::fs::write(top.join("packages/1-framework/cli/src/errors.ts"), "").unwrap();
    let text =
        "# Rules\n\n- Errors come from `packages/framework/cli/src/errors.ts`: é factories\n";
    std::fs::write(top.join("AGENTS.md"), text).unwrap();
    let uri = lsp::Uri::from_file_path(top.join("AGENTS.md"))
        .unwrap()
        .to_string();
    let top_uri = lsp::Uri::from_file_path(&top).unwrap().to_string();
    let mut c = Client::start_in(Some(&top));
    c.initialize(push_caps(), Some(&top_uri));
    c.open(&uri, "markdown", 1, text);
    let d = c.diagnostics(&uri, Some(1));
    let stale = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "broken-reference")
        .unwrap_or_else(|| panic!("no broken-reference: {d:#}"))
        .clone();
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `packages/1-framework/cli/src/errors.ts`?"),
        "{stale:#}"
    );
    let actions = code_actions(&mut c, &uri, stale["range"].clone());
    let replace = actions
        .iter()
        .find(|a| a["title"] == "Replace with `packages/1-framework/cli/src/errors.ts`")
        .unwrap_or_else(|| panic!("no replace: {actions:#?}"));
    let (after, undo) = apply_edits(text, &edits_of(replace, &uri), "utf-16");
    assert_eq!(
        after,
        "# Rules\n\n- Errors come from `packages/1-framework/cli/src/errors.ts`: é factories\n"
    );
    assert_eq!(apply_edits(&after, &undo, "utf-16").0, text);
    c.change(&uri, 2, json!([{"text": after}]));
    let d = c.diagnostics(&uri, Some(2));
    assert!(!codes(&d).contains("broken-reference"), "{d:#}");
    assert!(c.shutdown_exit().success());
}
