use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a task item or TODO comment longer than `max-words` words
    /// (default 100), not counting code, links and sub-items.
    ///
    /// ## Why is this bad?
    /// A one-line handoff that needs a hundred words is either several tasks
    /// or a design discussion. Both belong elsewhere: split the tasks, move
    /// the discussion to an issue or a design note, and link it.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] (a 150-word paragraph describing the bug, three ideas for a fix,
    ///   and a note about the release)
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Fix the crash on empty uploads (details: #512)
    /// ```
    ///
    /// Agent instruction files and task documents are not checked: they are
    /// meant to be long. Nor are the steps of a plan (`plan.md`,
    /// `*-plan.md`, a file under `plans/`): a step's length is its
    /// specification. Nor are the items of a document where ten or more
    /// open items run over 100 words: a ledger written long-form on
    /// purpose, each item with its evidence and checks, where the length is
    /// the document's convention.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.too-long]
    /// max-words = 60
    /// ```
    pub static RULE = {
        name: "too-long",
        category: Category::Scope,
        severity: Severity::Info,
        summary: "A task item or TODO comment longer than max-words (default 100)",
        options: &["max-words"],
        judges: &[Role::Task],
        pedantic: &[Role::Note],
        question: Question::Size,
        build: build,
    }
}

const DEFAULT_MAX_WORDS: usize = 100;

fn build(options: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check {
        max_words: options.max_words.unwrap_or(DEFAULT_MAX_WORDS),
    })
}

struct Check {
    max_words: usize,
}

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        // A task document is long by nature: it is the whole handoff.
        // A plan's step carries its specification (`plan.md`, `plans/`).
        if cx.kind() == InstructionKind::TaskDocument || cx.in_a_plan() {
            return;
        }
        // A ledger that writes ten or more open items long (each with its
        // evidence, measurements and checks) does so by convention: one
        // item's length is not a slip there.
        if cx.instruction.in_a_long_form_list {
            return;
        }
        let a = cx.analysis;
        let own = cx.own_tokens();
        let words = a.tokens[own.clone()].iter().filter(|t| t.is_word()).count();
        if words > self.max_words {
            // Point at the first sentence: the whole text would bury the code.
            let first = a.sentences.first().cloned().unwrap_or(own);
            out.push(RawFinding::new(
                a.span(first),
                format!(
                    "{words} words, over the limit of {}: split the tasks, or move the discussion to an issue and link it",
                    self.max_words
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, run_with};
    use crate::workspace::NoWorkspace;

    #[test]
    fn fires_over_the_limit_only() {
        let long = "word ".repeat(101);
        assert_eq!(run(&RULE, InstructionKind::TaskItem, &long).len(), 1);
        let short = "word ".repeat(100);
        assert!(run(&RULE, InstructionKind::TaskItem, &short).is_empty());
        assert!(run(&RULE, InstructionKind::AgentRule, &long).is_empty());
    }

    #[test]
    fn the_limit_is_configurable() {
        let options = RuleOptions {
            max_words: Some(5),
            ..RuleOptions::default()
        };
        let text = "add one two three four five six";
        assert_eq!(
            run_with(
                &RULE,
                &options,
                InstructionKind::TaskItem,
                text,
                &NoWorkspace
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_long_form_ledgers_items_are_left_to_its_convention() {
        use crate::extract::LONG_FORM_ITEMS;
        use crate::rules::testing::count_in_file;
        // Shaped like OneCAD's TODO.md (round 86): open items of 100 to 150
        // words, each a gate with its checks.
        let item = |n: usize| {
            format!(
                "- [ ] Gate {n}: {}\n",
                "check the fused chrome again ".repeat(22)
            )
        };
        let doc = |items: usize| format!("# TODO\n\n{}", (0..items).map(item).collect::<String>());
        assert_eq!(
            count_in_file(&RULE, "TODO.md", &doc(LONG_FORM_ITEMS - 1)),
            LONG_FORM_ITEMS - 1
        );
        assert_eq!(count_in_file(&RULE, "TODO.md", &doc(LONG_FORM_ITEMS)), 0);
        // Short items do not count toward the convention.
        let mixed = format!("{}- [ ] Fix the login crash\n", doc(LONG_FORM_ITEMS - 1));
        assert_eq!(count_in_file(&RULE, "TODO.md", &mixed), LONG_FORM_ITEMS - 1);
    }

    #[test]
    fn a_plans_steps_are_left_to_the_plan() {
        crate::rules::testing::assert_left_to_plans(&RULE, &"word ".repeat(120));
    }
}
