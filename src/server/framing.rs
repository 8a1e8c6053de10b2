//! The wire, in front of `tower-lsp-server`: it reads `Content-Length`
//! frames itself so that a malformed message gets a JSON-RPC error and the
//! server keeps serving (the library stops reading at the first body it
//! cannot decode). Only well-formed messages reach the library.

use std::io::{self, BufRead, Read, Write};

use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Request, Response};

/// One frame read from the client.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body, as sent.
    Body(Vec<u8>),
    /// A header block without a usable `Content-Length`.
    BadHeader(String),
    /// A body longer than [`MAX_MESSAGE`], read and dropped.
    TooLarge(usize),
}

/// The largest message read into memory. Documents are far smaller (the
/// server lints none above `max-file-size`); a larger length is a broken or
/// hostile client, and its body is skipped rather than allocated.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// The longest header line kept; the rest of a longer one is dropped.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// Reads the next frame; `None` at the end of the input.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut saw_header = false;
    loop {
        line.clear();
        if r.by_ref().take(MAX_HEADER_LINE).read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if !saw_header {
                // Stray line end between frames.
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = trimmed.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(Some(Frame::BadHeader(e))),
        None => return Ok(Some(Frame::BadHeader("missing Content-Length".into()))),
    };
    if length > MAX_MESSAGE {
        let skipped = io::copy(&mut r.by_ref().take(length as u64), &mut io::sink())?;
        if (skipped as usize) < length {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        return Ok(Some(Frame::TooLarge(length)));
    }
    // Grown as bytes arrive, not allocated up front: a length that the
    // input never delivers costs nothing.
    let mut body = Vec::with_capacity(length.min(1 << 20));
    r.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(Frame::Body(body)))
}

/// Writes `body` as one frame.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 32);
    write!(out, "Content-Length: {}\r\n\r\n", body.len()).expect("write to a Vec");
    out.extend_from_slice(body);
    out
}

/// Checks a body the way the library will decode it. `Err` holds the error
/// response to send instead: -32700 when it is not JSON, -32600 when it is
/// JSON but not a JSON-RPC message.
pub fn check(body: &[u8]) -> Result<(), Vec<u8>> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Err(error(&Value::Null, -32700, &format!("Parse error: {e}"))),
    };
    let is_response = serde_json::from_value::<Response>(value.clone()).is_ok();
    if is_response || serde_json::from_value::<Request>(value.clone()).is_ok() {
        return Ok(());
    }
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    Err(error(&id, -32600, "Invalid Request"))
}

/// A JSON-RPC error response, framed.
pub fn error(id: &Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    });
    encode(body.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_frames_and_reports_bad_ones() {
        let input = b"Content-Length: 2\r\n\r\n{}\r\nX: y\r\n\r\nContent-Length: 3\r\nContent-Type: x\r\n\r\n{]}";
        let mut r = &input[..];
        assert_eq!(
            read_frame(&mut r).unwrap(),
            Some(Frame::Body(b"{}".to_vec()))
        );
        assert!(matches!(
            read_frame(&mut r).unwrap(),
            Some(Frame::BadHeader(_))
        ));
        assert_eq!(
            read_frame(&mut r).unwrap(),
            Some(Frame::Body(b"{]}".to_vec()))
        );
        assert_eq!(read_frame(&mut r).unwrap(), None);
    }

    #[test]
    fn an_oversized_body_is_skipped_and_a_short_one_is_an_error() {
        let mut input = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1).into_bytes();
        input.resize(input.len() + MAX_MESSAGE + 1, b' ');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let mut r = std::io::BufReader::new(&input[..]);
        assert_eq!(
            read_frame(&mut r).unwrap(),
            Some(Frame::TooLarge(MAX_MESSAGE + 1))
        );
        assert_eq!(
            read_frame(&mut r).unwrap(),
            Some(Frame::Body(b"{}".to_vec()))
        );
        let mut r = std::io::BufReader::new(&b"Content-Length: 999999999999\r\n\r\n{}"[..]);
        assert_eq!(
            read_frame(&mut r).unwrap_err().kind(),
            std::io::ErrorKind::UnexpectedEof
        );
    }

    #[test]
    fn checks_bodies() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","method":"x"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        let e = String::from_utf8(check(b"{oops").unwrap_err()).unwrap();
        assert!(e.contains("-32700") && e.contains("\"id\":null"), "{e}");
        let e = String::from_utf8(check(br#"{"id":4}"#).unwrap_err()).unwrap();
        assert!(e.contains("-32600") && e.contains("\"id\":4"), "{e}");
    }
}
