use crate::config::RuleOptions;
use crate::declare_rule;
use crate::extract::{InstructionKind, Role};
use crate::rules::missing_action::{names_a_topic, names_no_work};
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a task that names a topic but no action: "LSP server stability
    /// improvements", "Graceful error recovery", "Monitoring and alerting
    /// setup".
    ///
    /// ## Why is this bad?
    /// A topic tells the receiver where to look, not what to do there.
    /// "Stability improvements" could mean fixing a crash, adding a
    /// watchdog, or measuring uptime; the receiver picks one and you get
    /// that one.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] LSP server stability improvements
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Restart the LSP server when it exits, at most 3 times a minute
    /// ```
    ///
    /// It is pedantic: real checklists list features still to build
    /// ("Bloom filter index"), prerequisites ("A GitHub account") and
    /// criteria ("No console errors") as noun phrases, and their readers
    /// know what to do with them. A one-word item and an item that says what
    /// to build ("Angular support", "API documentation") are not flagged.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules]
    /// bare-topic = "warning"
    /// ```
    pub static RULE = {
        name: "bare-topic",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "A task that names a topic but no action (\"LSP server stability improvements\")",
        options: &[],
        judges: &[],
        pedantic: &[Role::Task],
        question: Question::WhatToDo,
        build: build,
    }
}

fn build(_: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check)
}

struct Check;

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        if !cx.is_readable() || cx.kind() == InstructionKind::TaskDocument {
            return;
        }
        let a = cx.analysis;
        let own = cx.own_tokens();
        // A one-word item is an entry of a list of things ("- [ ] zlib").
        if a.word_count() < 2 || !names_no_work(a, own.clone()) || !names_a_topic(cx, a) {
            return;
        }
        out.push(RawFinding::new(
            a.span(own),
            "this names a topic but no action: say what to do about it",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn fires_on_topics() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Graceful error recovery",
                "LSP server stability improvements",
            ],
            &[
                // Real checklist items: a list entry, what to build, code
                // names, a bug title, a criterion, a parent of sub-items.
                "zlib",
                "[Feature] Claude support",
                "trace_events",
                "Paintbrush movement creates horizontal/vertical artefacts",
                "Autoscale rules configured for App Service plans",
                "Support nested arenas",
                "Admin page cleanup\n- Centre all columns\n- Remove tabs",
            ],
        );
    }
}
