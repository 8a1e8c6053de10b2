//! See `handoff::fuzz::check_any_file` for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| handoff::fuzz::check_any_file(data));
