//! Helpers the test suites share: the sample documents, a small
//! deterministic generator, and running the real binary.

// Each test binary uses a part of this module.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The sample text of the file kind `name` (one of `SAMPLE_PATHS`), from
/// the language table.
pub fn sample(name: &str) -> String {
    handoff::language::sample(name)
        .unwrap_or_else(|| panic!("no sample {name}"))
        .text
        .to_string()
}

/// A small deterministic generator (a 64-bit LCG), so that a failing run
/// can be replayed from its seed.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (0 when `n` is 0).
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Runs `handoff` (this crate's binary) in `dir`, without colour or logs.
pub fn handoff(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .output()
        .expect("handoff runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}
