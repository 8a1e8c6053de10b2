//! Markers that make a comment an instruction. (Being written: see helper.)

/// The markers recognised by default.
pub const DEFAULT_MARKERS: &[&str] = &[
    "TODO", "FIXME", "HACK", "XXX", "AI:", "AI!", "AI?", "@agent", "@claude", "@copilot", "@codex",
];
