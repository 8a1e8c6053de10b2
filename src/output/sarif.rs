//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning uploads.
//! Every rule is described in the tool's metadata (with its documentation as
//! help text), so a viewer can explain a finding without handoff installed.

use serde_json::{Value, json};

use super::{Locator, path_string};
use crate::check::Outcome;
use crate::rules::{self, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[allow(
    clippy::too_many_lines,
    reason = "one SARIF document, written as the JSON it is"
)]
pub fn render(outcome: &Outcome) -> String {
    let rule_index = |name: &str| rules::ALL.iter().position(|r| r.name == name);
    let rules: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.name,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "helpUri": r.url(),
                "help": { "text": r.documentation(), "markdown": r.documentation() },
                "defaultConfiguration": { "level": level(r.default_severity) },
                "properties": { "tags": [r.category.as_str()] },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in &outcome.reports {
        let locator = Locator::new(&report.text);
        let uri = path_string(&report.path);
        let location = |range: &std::ops::Range<usize>| {
            let (start, end) = locator.locate(range);
            json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                    }
                }
            })
        };
        for f in &report.findings {
            let mut result = json!({
                "ruleId": f.rule.name,
                "ruleIndex": rule_index(f.rule.name),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [location(&f.range)],
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut l = location(&r.range);
                        l["id"] = json!(i);
                        l["message"] = json!({ "text": r.message });
                        l
                    })
                    .collect();
            }
            if !f.fixes.is_empty() {
                result["fixes"] = f
                    .fixes
                    .iter()
                    .map(|fix| {
                        let replacements: Vec<Value> = fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (start, end) = locator.locate(&e.range);
                                json!({
                                    "deletedRegion": {
                                        "startLine": start.line,
                                        "startColumn": start.column,
                                        "endLine": end.line,
                                        "endColumn": end.column,
                                    },
                                    "insertedContent": { "text": e.new_text },
                                })
                            })
                            .collect();
                        json!({
                            "description": { "text": fix.title },
                            "artifactChanges": [{
                                "artifactLocation": { "uri": uri },
                                "replacements": replacements,
                            }],
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "handoff",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/handoff-dev/handoff",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}
