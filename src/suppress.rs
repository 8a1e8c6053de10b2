//! Inline suppression: `handoff-ignore` silences every rule for one
//! instruction, `handoff-ignore: rule-a, rule-b` only the rules named.
//!
//! The directive is written in the comment or checklist item itself, or in
//! Markdown as `<!-- handoff-ignore -->` on the line before the item.

use std::ops::Range;

use regex::Regex;
use std::sync::LazyLock;

/// Which rules are silenced for one instruction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Suppression {
    #[default]
    None,
    All,
    Rules(Vec<String>),
}

impl Suppression {
    /// Whether findings of `rule` are kept.
    pub fn allows(&self, rule: &str) -> bool {
        match self {
            Suppression::None => true,
            Suppression::All => false,
            Suppression::Rules(rules) => !rules.iter().any(|r| r == rule),
        }
    }

    /// Both suppressions at once.
    #[must_use]
    pub fn merge(self, other: Suppression) -> Suppression {
        match (self, other) {
            (Suppression::All, _) | (_, Suppression::All) => Suppression::All,
            (Suppression::None, s) | (s, Suppression::None) => s,
            (Suppression::Rules(mut a), Suppression::Rules(b)) => {
                a.extend(b);
                Suppression::Rules(a)
            }
        }
    }
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"handoff-ignore(?:\s*:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?").unwrap()
});

/// A directive found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub suppression: Suppression,
    /// Where the directive is written in the searched text.
    pub range: Range<usize>,
    /// Where the list of rules ends (after the last rule name, or after
    /// `handoff-ignore` when there is none), for appending another rule.
    pub rules_end: usize,
}

/// Finds a `handoff-ignore` directive in `text`.
pub fn find_directive(text: &str) -> Option<Directive> {
    let caps = DIRECTIVE.captures(text)?;
    let whole = caps.get(0)?;
    let suppression = match caps.get(1) {
        Some(list) => Suppression::Rules(
            list.as_str()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        None => Suppression::All,
    };
    Some(Directive {
        suppression,
        range: whole.range(),
        rules_end: whole.end(),
    })
}

/// Finds `<!-- handoff-ignore ... -->` filling a whole Markdown line.
pub fn find_html_directive(line: &str) -> Option<Suppression> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    let directive = find_directive(inner)?;
    inner
        .trim()
        .starts_with("handoff-ignore")
        .then_some(directive.suppression)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_directive_silences_everything() {
        let d = find_directive("fix it handoff-ignore").unwrap();
        assert_eq!(d.suppression, Suppression::All);
        assert!(!d.suppression.allows("hedge"));
    }

    #[test]
    fn a_list_silences_only_the_rules_named() {
        let d = find_directive("maybe fix handoff-ignore: hedge, vague-verb").unwrap();
        assert!(!d.suppression.allows("hedge"));
        assert!(!d.suppression.allows("vague-verb"));
        assert!(d.suppression.allows("too-long"));
    }

    #[test]
    fn no_directive_no_suppression() {
        assert!(find_directive("ignore the handoff").is_none());
        assert!(Suppression::None.allows("hedge"));
    }

    #[test]
    fn html_comment_lines() {
        assert_eq!(
            find_html_directive("  <!-- handoff-ignore -->"),
            Some(Suppression::All)
        );
        assert_eq!(
            find_html_directive("<!-- handoff-ignore: hedge -->"),
            Some(Suppression::Rules(vec!["hedge".into()]))
        );
        assert_eq!(find_html_directive("<!-- note --> handoff-ignore"), None);
    }
}
