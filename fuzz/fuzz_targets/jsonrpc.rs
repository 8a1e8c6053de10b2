//! See `handoff::fuzz::serve_any_stream` for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| handoff::fuzz::serve_any_stream(data));
