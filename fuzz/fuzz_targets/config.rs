//! See `handoff::fuzz::parse_any_config` for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| handoff::fuzz::parse_any_config(data));
