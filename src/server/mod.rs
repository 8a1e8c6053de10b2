//! `handoff server`: the language server, over stdio.
//!
//! The LSP layer is thin: the incremental engine ([`crate::live`]) keeps
//! each open document up to date edit by edit; `document` wraps it with its
//! URI and its diagnostics' JSON; `convert` turns engine types into LSP
//! types; `backend` routes each request to the module of its family
//! (`initialize`, `sync`, `configuration`, `diagnostics`, `actions`,
//! `hover`, `workspace_check`), which work on the shared `state`;
//! `publish` sends diagnostics in order; `framing` reads the wire itself so
//! that a malformed frame gets a JSON-RPC error instead of stopping the
//! server. Logs go to stderr (`RUST_LOG`, default `warn`).

mod actions;
mod backend;
mod configuration;
mod convert;
mod diagnostics;
pub mod document;
pub(crate) mod framing;
mod hover;
mod initialize;
mod memory;
mod publish;
mod recent;
mod settings;
mod state;
mod sync;
mod workspace_check;

use std::io::{BufReader, Read, Write};
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tower_lsp_server::{LspService, Server};
use tracing::{error, warn};

pub use actions::FIX_ALL_KIND;
pub use document::Document;
pub use settings::Settings;

/// Runs the language server on stdin/stdout until the client says `exit`
/// (or closes stdin). `stdio` is accepted for clients that pass `--stdio`;
/// stdio is the only transport. Exits 0 after `shutdown` + `exit`, 1 when
/// the client went away without `shutdown`.
pub fn run(stdio: bool) -> ExitCode {
    let _ = stdio;
    memory::one_arena();
    init_logging();
    serve_stream(std::io::stdin(), std::io::stdout())
}

/// Serves one client that sends `input` and reads `output`, until it says
/// `exit` or `input` ends.
pub fn serve_stream<R, W>(input: R, output: W) -> ExitCode
where
    R: Read + Send + 'static,
    W: Write + Send + 'static,
{
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("handoff server: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let (code, threads) = runtime.block_on(serve(input, output, shutdown));
    // Dropping the tasks drops the last senders to the writer thread, which
    // then ends. Waiting for both threads leaves none behind; the waits are
    // bounded, for a client that stopped reading, and for an input that is
    // still open after `exit` (the reader then stays blocked on it).
    runtime.shutdown_timeout(Duration::from_millis(200));
    threads.writer.join_within(Duration::from_millis(500));
    threads.reader.join_within(Duration::from_millis(100));
    code
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// The library's output: each write is whole frames (the codec encodes a
/// message at a time and this writer always takes everything), forwarded to
/// the one writer thread.
struct ChannelWriter(std::sync::mpsc::Sender<Wire>);

/// What the writer thread is given.
enum Wire {
    Bytes(Vec<u8>),
    /// Answer once everything before has been written.
    Flush(std::sync::mpsc::Sender<()>),
}

impl tokio::io::AsyncWrite for ChannelWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.0.send(Wire::Bytes(buf.to_vec())) {
            Ok(()) => Poll::Ready(Ok(buf.len())),
            Err(_) => Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into())),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// How many frames the input thread reads ahead of the server.
const FRAMES_AHEAD: usize = 16;

/// The pipe between the frames read and the LSP library, in bytes.
const PIPE_BYTES: usize = 64 * 1024;

/// What the input thread hands to the runtime.
enum Incoming {
    /// A well-formed frame, for the library.
    Frame(Vec<u8>),
    /// The error response to a malformed one, to write back.
    Reply(Vec<u8>),
}

/// A thread of the session, and a way to tell that it is ending.
struct SessionThread {
    handle: std::thread::JoinHandle<()>,
    /// Disconnects when the thread's work is done.
    done: std::sync::mpsc::Receiver<()>,
}

impl SessionThread {
    /// Spawns `work` on a thread called `name`.
    fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> SessionThread {
        let (done_tx, done) = std::sync::mpsc::channel::<()>();
        let handle = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let _done = done_tx;
                work();
            })
            .expect("spawn a server thread");
        SessionThread { handle, done }
    }

    /// Joins the thread if its work ends within `limit`; otherwise leaves
    /// it running.
    fn join_within(self, limit: Duration) {
        if let Err(std::sync::mpsc::RecvTimeoutError::Disconnected) = self.done.recv_timeout(limit)
        {
            let _ = self.handle.join();
        }
    }
}

/// The threads that read from and write to the client.
struct Threads {
    reader: SessionThread,
    writer: SessionThread,
}

/// Serves one client on `input`/`output`. Returns the exit code, and the
/// session's threads: the writer ends once the last sender to it is
/// dropped, the reader at the end of the input.
#[allow(
    clippy::too_many_lines,
    reason = "one session's threads and channels, set up in the order data flows"
)]
async fn serve<R, W>(input: R, output: W, shutdown: Arc<AtomicBool>) -> (ExitCode, Threads)
where
    R: Read + Send + 'static,
    W: Write + Send + 'static,
{
    // One writer for everything that goes out.
    let (out_tx, out_rx) = std::sync::mpsc::channel::<Wire>();
    let writer = SessionThread::spawn("handoff-lsp-out", move || {
        let mut output = output;
        for wire in out_rx {
            match wire {
                Wire::Bytes(chunk) => {
                    if output
                        .write_all(&chunk)
                        .and_then(|()| output.flush())
                        .is_err()
                    {
                        break;
                    }
                }
                Wire::Flush(ack) => {
                    let _ = ack.send(());
                }
            }
        }
    });

    // Frames in: well-formed ones go to the library through a pipe,
    // malformed ones are answered here. Both hops are bounded: a client that
    // writes faster than the server works waits on its pipe, instead of the
    // server reading everything it sent into memory.
    let (lib_in, mut pipe_in) = tokio::io::duplex(PIPE_BYTES);
    // The input thread holds no sender to the writer: it may stay blocked on
    // stdin after the session ends, and must not keep the writer alive.
    let (in_tx, mut in_rx) = tokio::sync::mpsc::channel::<Incoming>(FRAMES_AHEAD);
    let reader = SessionThread::spawn("handoff-lsp-in", move || {
        let mut reader = BufReader::new(input);
        loop {
            match framing::read_frame(&mut reader) {
                Ok(Some(framing::Frame::Body(body))) => match framing::check(&body) {
                    Ok(()) => {
                        if in_tx
                            .blocking_send(Incoming::Frame(framing::encode(&body)))
                            .is_err()
                        {
                            break;
                        }
                    }
                    Err(response) => {
                        warn!("malformed message: {}", String::from_utf8_lossy(&body));
                        let _ = in_tx.blocking_send(Incoming::Reply(response));
                    }
                },
                Ok(Some(framing::Frame::TooLarge(length))) => {
                    warn!("dropped a message of {length} bytes");
                    let response = framing::error(
                        &serde_json::Value::Null,
                        -32600,
                        &format!(
                            "Invalid Request: a message of {length} bytes is over the limit of {} bytes",
                            framing::MAX_MESSAGE
                        ),
                    );
                    let _ = in_tx.blocking_send(Incoming::Reply(response));
                }
                Ok(Some(framing::Frame::BadHeader(e))) => {
                    warn!("malformed header: {e}");
                    let response = framing::error(
                        &serde_json::Value::Null,
                        -32700,
                        &format!("Parse error: {e}"),
                    );
                    let _ = in_tx.blocking_send(Incoming::Reply(response));
                }
                Ok(None) => break,
                Err(e) => {
                    warn!("reading stdin: {e}");
                    break;
                }
            }
        }
    });
    let replies = out_tx.clone();
    tokio::spawn(async move {
        while let Some(incoming) = in_rx.recv().await {
            match incoming {
                Incoming::Frame(frame) => {
                    if pipe_in.write_all(&frame).await.is_err() {
                        break;
                    }
                }
                Incoming::Reply(bytes) => {
                    let _ = replies.send(Wire::Bytes(bytes));
                }
            }
        }
        let _ = pipe_in.shutdown().await;
    });

    let flag = shutdown.clone();
    let raw = out_tx.clone();
    let (service, socket) = LspService::new(move |client| {
        let raw: publish::RawOutput = Box::new(move |frame| raw.send(Wire::Bytes(frame)).is_ok());
        backend::Backend::with_output(client, flag, Some(raw))
    });
    Server::new(lib_in, ChannelWriter(out_tx.clone()), socket)
        .serve(service)
        .await;
    // Wait for what is queued to be written.
    let (ack_tx, ack_rx) = std::sync::mpsc::channel();
    if out_tx.send(Wire::Flush(ack_tx)).is_ok() {
        let _ = ack_rx.recv_timeout(Duration::from_secs(2));
    }
    drop(out_tx);
    let code = if shutdown.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        error!("the client left without shutdown");
        ExitCode::FAILURE
    };
    (code, Threads { reader, writer })
}
