//! `--format human`: what a person reads in a terminal. Each finding is a
//! `path:line:col` header with the rule, and a code frame with the words
//! underlined (drawn by `annotate-snippets`, the renderer rustc uses).

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Locator, path_string};

use crate::check::Outcome;
use crate::rules::Severity;

pub fn render(outcome: &Outcome, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut total = 0;
    for report in &outcome.reports {
        let locator = Locator::new(&report.text);
        let path = path_string(&report.path);
        for f in &report.findings {
            total += 1;
            // Only the lines the finding covers go to the renderer, so a
            // large file with many findings is not re-read for each.
            let index = locator.index();
            let first = index.line_of(f.range.start);
            let last = index.line_of(f.range.end.saturating_sub(1).max(f.range.start));
            let lines = index.line_range(&report.text, first).start
                ..index.line_range(&report.text, last).end;
            let source = &report.text[lines.clone()];
            let span = (f.range.start - lines.start)..(f.range.end.min(lines.end) - lines.start);
            let mut groups = vec![
                level(f.severity)
                    .primary_title(f.message.as_str())
                    .id(f.rule.name)
                    .element(
                        Snippet::source(source)
                            .line_start(first + 1)
                            .path(path.as_str())
                            .annotation(AnnotationKind::Primary.span(span)),
                    ),
            ];
            if let Some(fix) = f.fixes.first() {
                groups.push(Group::with_title(
                    Level::HELP.secondary_title(format!("fix available: {}", fix.title)),
                ));
            }
            out.push_str(&renderer.render(&groups));
            out.push_str("\n\n");
        }
    }
    let files = outcome.reports.len();
    let _ = match total {
        0 => writeln!(
            out,
            "No findings in {} file{}.",
            outcome.files_checked,
            plural(outcome.files_checked)
        ),
        n => writeln!(
            out,
            "Found {n} finding{} in {files} file{} ({} checked).",
            plural(n),
            plural(files),
            outcome.files_checked
        ),
    };
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
