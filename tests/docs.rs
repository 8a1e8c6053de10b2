//! `docs/rules/` is generated from the rules' doc comments: this test fails
//! when a page is stale, and rewrites them with `UPDATE_DOCS=1`.

use std::path::Path;

use handoff::rules::{self, docs};

#[test]
fn rule_pages_match_the_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut pages: Vec<(String, String)> = rules::ALL
        .iter()
        .map(|r| (format!("{}.md", r.name), docs::page(r)))
        .collect();
    pages.push(("README.md".into(), docs::index()));
    let mut stale = Vec::new();
    for (name, want) in pages {
        let path = dir.join(&name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule docs {stale:?}: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn every_rule_is_documented_in_the_ruff_style() {
    for rule in rules::ALL {
        let doc = rule.documentation();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Configuration",
        ] {
            assert!(doc.contains(heading), "{} lacks {heading}", rule.name);
        }
        assert!(
            doc.contains("Use instead"),
            "{} has no after example",
            rule.name
        );
    }
}

#[test]
fn the_vs_code_settings_schema_lists_every_rule() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode/package.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let schema =
        &manifest["contributes"]["configuration"]["properties"]["handoff.rules"]["properties"];
    let listed: Vec<(String, String)> = schema
        .as_object()
        .expect("handoff.rules has properties")
        .iter()
        .map(|(name, s)| {
            (
                name.clone(),
                s["description"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let rules: Vec<(String, String)> = rules::ALL
        .iter()
        .map(|r| (r.name.to_string(), r.summary.to_string()))
        .collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    let mut rules_sorted = rules.clone();
    rules_sorted.sort();
    assert_eq!(
        listed_sorted, rules_sorted,
        "editors/vscode/package.json's handoff.rules must list every rule with its summary"
    );
}
