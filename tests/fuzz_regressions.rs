//! Replays, on stable Rust, every input the fuzzers crashed on
//! (`fuzz/regressions/<target>/`) and the seeds they start from
//! (`fuzz/seeds/<target>/`) through the invariants in `handoff::fuzz`.
//! See `docs/testing.md` for running the fuzzers themselves.
//!
//! The `extract` and `edit` seeds are the language table's samples
//! (`handoff::language::LANGUAGES`): `UPDATE_SEEDS=1 cargo test --test
//! fuzz_regressions` writes them anew.

use std::collections::BTreeMap;
use std::path::Path;

use handoff::fuzz::{edit_seed, extract_seed, split_name};
use handoff::language::{LANGUAGES, Sample};

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

/// The seeds of `target` are the samples of the language table, and nothing
/// else; each names its file (an input's first line).
fn seeds_match_the_table(target: &str, seed: fn(&Sample) -> Vec<u8>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let expected: BTreeMap<String, Vec<u8>> = LANGUAGES
        .iter()
        .flat_map(|spec| spec.samples)
        .map(|s| (s.name.to_string(), seed(s)))
        .collect();
    if std::env::var_os("UPDATE_SEEDS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (name, bytes) in &expected {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        found.insert(name, std::fs::read(&path).unwrap());
    }
    for (name, bytes) in &found {
        let (named, _, _) = split_name(bytes)
            .unwrap_or_else(|| panic!("{target}/{name} does not start with a file name"));
        assert_eq!(named, Path::new(name), "{target}/{name} names another file");
    }
    assert!(
        found == expected,
        "fuzz/seeds/{target} differs from the language table's samples \
         (UPDATE_SEEDS=1 cargo test --test fuzz_regressions writes them)"
    );
}

#[test]
fn extract_seeds_are_the_samples() {
    seeds_match_the_table("extract", extract_seed);
}

#[test]
fn edit_seeds_are_the_samples() {
    seeds_match_the_table("edit", edit_seed);
}

/// Every input the fuzzers found names its file, so that it keeps its
/// meaning when languages are added.
#[test]
fn regressions_name_their_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for target in ["extract", "edit"] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                split_name(&bytes).is_some(),
                "{} does not start with a file name",
                path.display()
            );
        }
    }
}
