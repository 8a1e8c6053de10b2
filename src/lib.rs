//! handoff: finds vague and oversized delegation instructions in task files
//! and code comments.
//!
//! The data flow, from bytes to findings (see `docs/architecture.md`):
//! [`language`] picks a grammar from the path, [`extract`] parses and pulls
//! out [`extract::Instruction`]s, [`text`] tokenises each one, [`rules`]
//! check it, and [`lint`] places the findings and their [`fixes`] back in the
//! document. [`config`] says which rules run and how; [`output`] and [`cli`]
//! report to people and to CI.

// `cargo clippy --all-targets -- -W clippy::pedantic` was reviewed: what it
// finds is fixed, allowed where it stands with a reason, or allowed here for
// the whole library with the reason below.
#![allow(
    clippy::must_use_candidate,
    reason = "the library serves handoff's own binary, tests, benches and fuzzers; \
              a #[must_use] on every getter would say nothing they need"
)]
#![allow(
    clippy::format_push_string,
    reason = "reports and messages are small strings built once; \
              `push_str(&format!(..))` reads plainest and costs nothing measurable"
)]
#![allow(
    clippy::missing_errors_doc,
    clippy::missing_panics_doc,
    reason = "internal API: errors are typed (ConfigError, Problem, ConfigEditError) \
              and say what went wrong themselves"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "positions are u32 (LSP), offsets usize and edit deltas isize; texts \
              are bounded by max-file-size (2 MiB by default), so these casts \
              stay in range, and the f64 ones only report rates"
)]

pub mod check;
pub mod cli;
pub mod config;
pub mod config_edit;
pub mod document;
pub mod extract;
pub mod fixes;
#[doc(hidden)]
pub mod fuzz;
pub mod language;
pub mod lint;
pub mod live;
pub mod output;
pub mod project;
pub mod rules;
pub mod scope;
pub mod server;
pub mod suppress;
pub mod text;
pub mod workspace;

/// Where each rule's documentation page lives.
pub const RULE_DOCS_URL: &str = "https://github.com/handoff-dev/handoff/blob/main/docs/rules";
