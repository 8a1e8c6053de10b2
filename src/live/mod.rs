//! The incremental engine behind the language server: a document's text
//! (a rope), its syntax tree, its instructions and their cached findings,
//! brought up to date edit by edit. It knows nothing of LSP; `server/`
//! converts positions and findings and routes requests to it.

mod document;
mod text;

pub use document::{Change, Document, Entry, LintContext, Render};
pub use text::DocText;
