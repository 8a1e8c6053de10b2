//! `--format github`: workflow commands that GitHub Actions turns into
//! annotations on the pull request's diff.

use std::fmt::Write;

use super::{Locator, path_string};
use crate::check::Outcome;
use crate::rules::Severity;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for report in &outcome.reports {
        let locator = Locator::new(&report.text);
        let file = escape_property(&path_string(&report.path));
        for f in &report.findings {
            let (start, end) = locator.locate(&f.range);
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let title = escape_property(&format!("handoff({})", f.rule.name));
            let _ = writeln!(
                out,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={title}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_data(&f.message)
            );
        }
    }
    out
}

/// Escaping of a workflow command's message, as the Actions toolkit does it.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_the_command() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
