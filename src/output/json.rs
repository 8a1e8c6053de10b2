//! `--format json`: one array, one object per finding, for scripts.

use serde::Serialize;

use super::{LineColumn, Locator, path_string};
use crate::check::Outcome;

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: String,
    rule: &'static str,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    start: LineColumn,
    end: LineColumn,
    fixes: Vec<JsonFix<'a>>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    /// Safe fixes are applied by "fix all".
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: LineColumn,
    end: LineColumn,
    new_text: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    start: LineColumn,
    end: LineColumn,
    message: &'a str,
}

pub fn render(outcome: &Outcome) -> String {
    let mut all = Vec::new();
    for report in &outcome.reports {
        let locator = Locator::new(&report.text);
        let path = path_string(&report.path);
        for f in &report.findings {
            let (start, end) = locator.locate(&f.range);
            all.push(JsonFinding {
                path: path.clone(),
                rule: f.rule.name,
                category: f.rule.category.as_str(),
                severity: f.severity.as_str(),
                message: &f.message,
                start,
                end,
                fixes: f
                    .fixes
                    .iter()
                    .map(|fix| JsonFix {
                        title: &fix.title,
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (start, end) = locator.locate(&e.range);
                                JsonEdit {
                                    start,
                                    end,
                                    new_text: &e.new_text,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let (start, end) = locator.locate(&r.range);
                        JsonRelated {
                            start,
                            end,
                            message: &r.message,
                        }
                    })
                    .collect(),
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&all).expect("findings serialize");
    out.push('\n');
    out
}
