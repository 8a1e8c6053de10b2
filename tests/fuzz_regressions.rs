//! Replays, on stable Rust, every input the fuzzers crashed on
//! (`fuzz/regressions/<target>/`) and the seeds they start from
//! (`fuzz/seeds/<target>/`) through the invariants in `handoff::fuzz`.
//! See `docs/testing.md` for running the fuzzers themselves.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails again", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for the {target} target");
}

#[test]
fn extract_inputs() {
    replay("extract", handoff::fuzz::check_any_file);
}

#[test]
fn edit_inputs() {
    replay("edit", handoff::fuzz::edit_any_document);
}

#[test]
fn config_inputs() {
    replay("config", handoff::fuzz::parse_any_config);
}

#[test]
fn jsonrpc_inputs() {
    replay("jsonrpc", handoff::fuzz::serve_any_stream);
}
