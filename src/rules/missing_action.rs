use crate::config::RuleOptions;
use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::rules::{Category, CheckContext, RawFinding, Rule, Severity};
use crate::text::{Analysis, TokenKind, actions, vocabulary};

declare_rule! {
    /// ## What it does
    /// Flags instructions that name a topic but no action: a bare `FIXME`,
    /// "memory issues", "user list", "Graceful error recovery"; a question in
    /// place of a task ("should we look the instance up again here?"); and a
    /// TODO comment that only describes a situation ("sometimes the tag is
    /// nil") without asking for anything.
    ///
    /// ## Why is this bad?
    /// A topic tells the receiver where to look, not what to do there. "Memory
    /// issues" could mean fix a leak, measure usage, or document a limit. A
    /// question asks the receiver to make your decision; an observation
    /// leaves them to guess whether anything should change.
    ///
    /// ## Example
    /// ```ruby
    /// # FIXME: memory issues
    /// ```
    /// Use instead:
    /// ```ruby
    /// # FIXME: stream rows in import_csv instead of loading the file; a 2 GB
    /// # upload takes 9 GB of RAM
    /// ```
    ///
    /// A bug title that states what goes wrong ("Paintbrush movement creates
    /// artefacts") is an action: make it stop. Text in a script the word lists
    /// cannot read (Chinese, say) is left alone.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules]
    /// missing-action = "off"
    /// ```
    pub static RULE = {
        name: "missing-action",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "A topic, question or observation with no action (\"memory issues\", a bare FIXME)",
        options: &[],
        applies_to: &[InstructionKind::Comment, InstructionKind::TaskItem],
        build: build,
    }
}

fn build(_: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check)
}

struct Check;

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        let a = cx.analysis;
        let own = cx.own_tokens();
        let has_content = a.tokens[own.clone()]
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Word | TokenKind::Verbatim));
        if !has_content {
            // A checklist item whose words are all in its sub-items is a
            // heading for them, not an empty task.
            if cx.instruction.subitems.is_empty() {
                let what = cx.instruction.marker.as_deref().unwrap_or("item");
                out.push(RawFinding::new(
                    0..a.text.len(),
                    format!(
                        "this {what} says nothing: write what to do and how to tell it is done"
                    ),
                ));
            }
            return;
        }
        if !cx.is_readable() {
            return;
        }
        let first = a.sentences.first().cloned().unwrap_or(own.clone());
        let first = first.start..first.end.min(own.end);
        if is_question(a, first.clone()) {
            out.push(RawFinding::new(
                a.span(first),
                "this is a question, not a task: state the decision, or what to find out and where to record it",
            ));
            return;
        }
        // A parent item's sub-items carry its actions.
        let headed = !cx.instruction.subitems.is_empty();
        if !headed && !actions::has_any_verb(a, own.clone()) && !names_a_stub(a, own.clone()) {
            out.push(RawFinding::new(
                a.span(own),
                "this names a topic but no action: say what to do about it",
            ));
            return;
        }
        if cx.kind() == InstructionKind::Comment && only_describes(a, own.clone()) {
            out.push(RawFinding::new(
                a.span(own),
                "this describes a situation but asks for nothing: say what should change",
            ));
        }
    }
}

/// A sentence that asks instead of telling: it ends with `?` and does not
/// open with an action ("Add a `--dry-run` flag?" is a proposal, still
/// flagged; the receiver cannot answer it for you).
fn is_question(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    let last = a.tokens[sentence.clone()]
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokenKind::Newline));
    last.is_some_and(|t| t.is_punct('?'))
}

/// "`parse()` not yet implemented" names its action: implement it.
fn names_a_stub(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    a.tokens[own].windows(2).any(|w| {
        w[0].is("not") && matches!(w[1].lower.as_str(), "implemented" | "supported" | "handled")
    })
}

/// Every sentence is a statement in the present or past with no modal, no
/// imperative and no stub: "sometimes the tag is nil, which is fine".
fn only_describes(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    if names_a_stub(a, own.clone()) {
        return false;
    }
    for sentence in a.sentences.iter().filter(|s| s.start < own.end) {
        let end = sentence.end.min(own.end);
        let starts = actions::clause_starts(a, sentence.start..end);
        if starts
            .iter()
            .any(|&s| actions::action_at(a, s, end).is_some())
        {
            return false;
        }
        let asks = a.tokens[sentence.start..end].iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "should"
                    | "must"
                    | "need"
                    | "needs"
                    | "want"
                    | "wants"
                    | "todo"
                    | "shall"
                    | "ought"
                    | "instead"
                    | "remove"
                    | "replace"
                    | "add"
                    | "use"
            ) || vocabulary::is_gerund(&t.lower)
                && t.range.start == a.tokens[sentence.start].range.start
        });
        if asks {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn fires_on_topics_questions_and_empty_markers() {
        assert_cases(
            &RULE,
            InstructionKind::Comment,
            &[
                "",
                "memory issues",
                "Task 6",
                "Error check",
                "Should we lookup the instance again here?",
                "what about when the geoms cross zones?",
                "sometimes the tag is nil, which is fine because nil is only equal to nil",
                "LSP server stability improvements",
            ],
            &[
                "implement list_todos",
                "this should be a custom Scalar.",
                "re-enable when pandas 2.0 supported in browser",
                "Test result `ReturnData` is currently not implemented.",
                "send to `io.parser` module",
                "Crash on open files with non-ascii chars in filename",
                "修复并重新启用 Thread Sanitizer（`.github/workflows/code-quality.yml` 中该 job 被禁用）",
            ],
        );
    }

    #[test]
    fn bug_titles_are_actions_in_task_lists() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &["Graceful error recovery", "[Feature] Claude support"],
            &[
                "Paintbrush movement creates horizontal/vertical artefacts",
                "Error opening file on windows",
                "Support nested arenas",
                "A `POST /api/backtests` endpoint exists in `TradingApp.Api`",
                "Admin page cleanup\n- Centre all columns\n- Remove tabs",
                "Maybe sort the list",
            ],
        );
    }
}
