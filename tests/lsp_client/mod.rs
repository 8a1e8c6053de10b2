//! A small JSON-RPC client that drives the real `handoff server` over stdio.

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
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The server binary: `HANDOFF_SERVER_BIN` if set, else this crate's `handoff`.
fn server_command() -> Command {
    if let Ok(bin) = std::env::var("HANDOFF_SERVER_BIN") {
        Command::new(bin)
    } else {
        let mut c = Command::new(env!("CARGO_BIN_EXE_handoff"));
        c.arg("server");
        c
    }
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages from the server not yet looked at.
    queue: VecDeque<Value>,
    /// Every notification seen, in order.
    pub seen: Vec<Value>,
    /// `workspace/configuration` answers.
    pub settings: Value,
}

fn read_frame(r: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    Some(body)
}

impl Client {
    pub fn start() -> Client {
        Client::start_in(None)
    }

    pub fn start_in(dir: Option<&std::path::Path>) -> Client {
        let mut cmd = server_command();
        if let Some(d) = dir {
            cmd.current_dir(d);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start handoff server");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut r) {
                let v: Value = serde_json::from_slice(&body).expect("server sent JSON");
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            next_id: 1,
            queue: VecDeque::new(),
            seen: Vec::new(),
            settings: Value::Null,
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        let body = v.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{}", body.len(), body).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server, answering its requests on the way.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        if let Some(v) = self.queue.pop_front() {
            return Some(v);
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = match self.rx.recv_timeout(left) {
                Ok(v) => v,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return None;
                }
            };
            if v.get("method").is_some() && v.get("id").is_some() {
                let result = match v["method"].as_str().unwrap() {
                    "workspace/configuration" => {
                        let n = v["params"]["items"]
                            .as_array()
                            .map_or(1, std::vec::Vec::len);
                        Value::Array(vec![self.settings.clone(); n])
                    }
                    _ => Value::Null,
                };
                self.send(&json!({"jsonrpc": "2.0", "id": v["id"], "result": result}));
                continue;
            }
            if v.get("method").is_some() {
                self.seen.push(v.clone());
            }
            return Some(v);
        }
    }

    /// Sends a request and returns its response; notifications that arrive
    /// meanwhile stay queued.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(json!(id))
    }

    /// Waits for the response with `id`.
    pub fn response(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        let mut skipped = VecDeque::new();
        loop {
            let v = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no response to request {id}"));
            if v.get("method").is_none() && v["id"] == id {
                skipped.extend(self.queue.drain(..));
                self.queue = skipped;
                return v;
            }
            skipped.push_back(v);
        }
    }

    /// Waits for a notification that `pred` accepts; earlier ones are dropped.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.next(deadline) {
                Some(v) if pred(&v) => return v,
                Some(_) => {}
                None => panic!("timed out waiting for {what}; seen: {:#?}", self.seen),
            }
        }
    }

    /// Waits for `publishDiagnostics` for `uri` (at `version`, when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        self.wait_for("publishDiagnostics", |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && version.is_none_or(|n| v["params"]["version"] == n)
        })["params"]
            .clone()
    }

    /// Whether any message arrives within `wait` that `pred` accepts.
    pub fn any_within(&mut self, wait: Duration, pred: impl Fn(&Value) -> bool) -> bool {
        let deadline = Instant::now() + wait;
        while let Some(v) = self.next(deadline) {
            if pred(&v) {
                return true;
            }
        }
        false
    }

    pub fn initialize(&mut self, capabilities: Value, root: Option<&str>) -> Value {
        let folders = root.map(|r| json!([{"uri": r, "name": "root"}]));
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "capabilities": capabilities,
                "workspaceFolders": folders,
            }),
        );
        self.notify("initialized", json!({}));
        result["result"].clone()
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// `shutdown`, `exit`, and the exit status.
    pub fn shutdown_exit(mut self) -> ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(TIMEOUT)
    }

    /// The exit status, once the server has exited; panics after `limit`.
    pub fn wait_exit_within(&mut self, limit: Duration) -> ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Converts an LSP position to a byte offset in `text`, counting columns in
/// `encoding` ("utf-8" or "utf-16"); lines end at \n, \r\n or \r.
pub fn offset(text: &str, line: u64, character: u64, encoding: &str) -> usize {
    let mut starts = vec![0];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
        i += 1;
    }
    let Some(&start) = starts.get(line as usize) else {
        return text.len();
    };
    let mut col = 0u64;
    for (j, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' || col >= character {
            return start + j;
        }
        col += if encoding == "utf-8" {
            c.len_utf8()
        } else {
            c.len_utf16()
        } as u64;
    }
    text.len()
}

/// The position of byte `at` in `text`.
pub fn position(text: &str, at: usize, encoding: &str) -> Value {
    let before = &text[..at];
    let mut line = 0;
    let mut line_start = 0;
    let b = before.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let col: usize = before[line_start..]
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| {
            if encoding == "utf-8" {
                c.len_utf8()
            } else {
                c.len_utf16()
            }
        })
        .sum();
    json!({"line": line, "character": col})
}

/// Applies LSP text edits to `text`; returns the new text and the edits that
/// undo them.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> (String, Vec<Value>) {
    let mut ranges: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let s = offset(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                encoding,
            );
            let t = offset(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
                encoding,
            );
            (s, t, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    ranges.sort_by_key(|r| (r.0, r.1));
    let mut out = String::new();
    let mut at = 0;
    let mut placed = Vec::new();
    for (s, t, new) in &ranges {
        assert!(*s >= at, "overlapping edits");
        out.push_str(&text[at..*s]);
        let new_start = out.len();
        out.push_str(new);
        placed.push((new_start, out.len(), text[*s..*t].to_string()));
        at = *t;
    }
    out.push_str(&text[at..]);
    let inverse = placed
        .iter()
        .map(|(s, t, old)| {
            json!({"range": {"start": position(&out, *s, encoding), "end": position(&out, *t, encoding)}, "newText": old})
        })
        .collect();
    (out, inverse)
}
