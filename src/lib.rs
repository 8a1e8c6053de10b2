//! handoff: finds vague and oversized delegation instructions in task files
//! and code comments.
//!
//! The data flow, from bytes to findings (see `docs/architecture.md`):
//! [`language`] picks a grammar from the path, [`extract`] parses and pulls
//! out [`extract::Instruction`]s, [`text`] tokenises each one, [`rules`]
//! check it, and [`lint`] places the findings and their [`fixes`] back in the
//! document. [`config`] says which rules run and how; [`output`] and [`cli`]
//! report to people and to CI.

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
