//! See `handoff::fuzz::edit_any_document` for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| handoff::fuzz::edit_any_document(data));
