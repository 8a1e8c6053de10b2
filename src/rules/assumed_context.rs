use crate::config::RuleOptions;
use crate::declare_rule;
use crate::rules::{Category, CheckContext, RawFinding, Rule, Severity, EVERY_KIND};

declare_rule! {
    /// ## What it does
    /// (being written)
    pub static RULE = {
        name: "assumed-context",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "(being written)",
        options: &[],
        applies_to: EVERY_KIND,
        build: build,
    }
}

fn build(_options: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check)
}

struct Check;

impl Rule for Check {
    fn check(&self, _cx: &CheckContext, _out: &mut Vec<RawFinding>) {}
}
