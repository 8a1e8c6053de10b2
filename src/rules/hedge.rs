use std::ops::Range;

use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, FixIntent, Question, RawFinding, Rule, Severity};
use crate::text::{PhraseList, TokenKind};

declare_rule! {
    /// ## What it does
    /// Flags hedges: words that make an instruction tentative ("maybe",
    /// "perhaps", "probably", "somehow", "I think", "consider", "if
    /// possible"), and `??` standing in for a decision. "might", "could" and
    /// "try to" describe as often as they hedge ("it could fail", "try to
    /// reproduce it"): the pedantic tier adds them. A checklist item with
    /// sub-items is not judged: the sub-items settle what it leaves open.
    /// In a checklist item, the first sentence holds the ask: a hedge that
    /// opens a later sentence (or a clause after a dash) offers an option
    /// or weighs timing ("… must require approval. Consider making the repo
    /// private."), and is not flagged; "Consider:" with a colon
    /// and "Consider a Scoop bucket too" leave a decision open, and are.
    ///
    /// A checklist item in a plan, a roadmap or a specification (`plan.md`,
    /// `design.md`, `ROADMAP.md`, a dated document, a file under `plans/`
    /// or `specs/`,
    /// Kiro's `.kiro/specs/*/tasks.md`, a list under "## Implementation
    /// Plan") is a step the document around it
    /// defines, and so is an item of a work section in a document that is
    /// not a task list (a README's "## TODO"), a step nested in
    /// another item or under a section's design in a code block; only the pedantic tier
    /// judges them.
    ///
    /// ## Why is this bad?
    /// A hedge hands the decision back to the receiver without the facts to
    /// make it. An agent reads "maybe cache the lookup" as permission either
    /// way; a colleague asks whether you meant it. Either say what to do, or
    /// say what is undecided and who decides.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Maybe cache the user lookup somehow
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Cache the user lookup in `UserStore` for 60 s
    /// ```
    ///
    /// ## Fix
    /// "Remove hedge" deletes a removable hedge ("maybe", "perhaps",
    /// "probably", "somehow", "I think", "try to") and the space after it.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.hedge]
    /// severity = "warning"
    /// extra-words = ["ideally"]
    /// allow-words = ["might"]
    /// ```
    pub static RULE = {
        name: "hedge",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "Tentative wording (maybe, perhaps, probably, consider) that leaves the decision open",
        options: &["extra-words", "allow-words"],
        judges: &[Role::Task],
        pedantic: &[Role::Note, Role::StandingRule],
        question: Question::WhatToDo,
        build: build,
    }
}

/// Hedges whose deletion leaves the instruction grammatical.
const REMOVABLE: &[&str] = &[
    "maybe",
    "perhaps",
    "possibly",
    "presumably",
    "probably",
    "somehow",
    "hopefully",
    "i think",
    "i guess",
    "i believe",
    "try to",
    "kind of",
    "sort of",
];

/// Hedges that need rewording rather than deletion.
const OTHERS: &[&str] = &[
    "might want to",
    "consider",
    "not sure",
    "unsure",
    "undecided",
    "figure out",
    "if you want",
    "it would be nice",
    "would be nice",
    "if possible",
];

/// Words that hedge in some uses and describe in others ("it could fail",
/// "try to reproduce it"): checked in the pedantic tier only.
const PEDANTIC: &[&str] = &["might", "could", "try to"];

fn build(options: &RuleOptions) -> Box<dyn Rule> {
    let all: Vec<&str> = REMOVABLE
        .iter()
        .chain(OTHERS)
        .filter(|p| !PEDANTIC.contains(p))
        .copied()
        .collect();
    let everything: Vec<&str> = REMOVABLE
        .iter()
        .chain(OTHERS)
        .chain(PEDANTIC.iter().filter(|p| !REMOVABLE.contains(p)))
        .copied()
        .collect();
    Box::new(Check {
        phrases: PhraseList::new(&all, &options.extra_words, &options.allow_words),
        pedantic: PhraseList::new(&everything, &options.extra_words, &options.allow_words),
    })
}

struct Check {
    phrases: PhraseList,
    /// With the pedantic tier on: the ambiguous hedges too.
    pedantic: PhraseList,
}

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        // A plan's step, or an item of a README's "## TODO", is defined by
        // the document around it.
        if cx.left_to_its_document() {
            return;
        }
        if !cx.is_readable() {
            return;
        }
        // A checklist item with sub-items is settled by them: "use the
        // index at `HEAD` if possible" over a plan of the fast path.
        if cx.kind() == InstructionKind::TaskItem && !cx.instruction.subitems.is_empty() {
            return;
        }
        let a = cx.analysis;
        let phrases = if cx.pedantic {
            &self.pedantic
        } else {
            &self.phrases
        };
        for m in phrases.find_all(a) {
            if !a.in_ask(m.tokens.start) {
                continue;
            }
            // "Consider X" hedges; "consider reflog entries" in the middle
            // of a sentence means "take into account".
            if m.phrase == "consider"
                && a.next_word(
                    a.sentence_of(m.tokens.start).start,
                    &a.sentence_of(m.tokens.start),
                ) != Some(m.tokens.start)
            {
                continue;
            }
            // "… must require approval. Consider making the repo private.":
            // once the item has asked, a later sentence that opens with a
            // hedge offers an option or weighs timing; the task is decided.
            if cx.kind() == InstructionKind::TaskItem && opens_an_aside(a, m.tokens.clone()) {
                continue;
            }
            let prev = m.tokens.start.checked_sub(1).map(|i| &a.tokens[i]);
            // "the kind of Python code", "what sort of errors": a noun.
            if matches!(m.phrase.as_str(), "kind of" | "sort of")
                && prev.is_some_and(|t| {
                    matches!(
                        t.lower.as_str(),
                        "the"
                            | "a"
                            | "this"
                            | "that"
                            | "what"
                            | "which"
                            | "any"
                            | "some"
                            | "each"
                            | "every"
                            | "same"
                            | "one"
                            | "other"
                            | "new"
                    )
                })
            {
                continue;
            }
            let next = a.tokens.get(m.tokens.end);
            let next_word = next.filter(|t| t.is_word()).map(|t| t.lower.as_str());
            match m.phrase.as_str() {
                // "could not reproduce" reports a fact; only "could <verb>" hedges.
                "could" | "might" if matches!(next_word, Some("not" | "n't" | "be" | "have")) => {
                    continue;
                }
                "could" | "might" if next_word.is_none() => continue,
                // "it would help if we could export to CSV" asks, politely.
                "could" if follows_if(a, m.tokens.start) => continue,
                // Standing rules may ask the agent to weigh options.
                "consider" | "if possible" if cx.kind() == InstructionKind::AgentRule => continue,
                // In a bug report, "could" and "might" describe, not hedge;
                // "I believe the bug is in X" is a diagnosis, which helps.
                "could" | "might" | "probably" | "maybe" | "perhaps" | "possibly" | "i believe"
                | "i guess" | "presumably" | "kind of" | "sort of"
                    if cx.kind() == InstructionKind::TaskDocument =>
                {
                    continue;
                }
                _ => {}
            }
            let range = a.span(m.tokens.clone());
            let words = &a.text[range.clone()];
            let mut finding = RawFinding::new(
                range.clone(),
                format!(
                    "\"{words}\" leaves the decision open: say what to do, or who decides and by when"
                ),
            );
            if REMOVABLE.contains(&m.phrase.as_str()) && cx.kind() != InstructionKind::TaskDocument
            {
                finding = finding.with_fix(FixIntent::Delete {
                    title: format!("Remove hedge \"{words}\""),
                    ranges: vec![range],
                });
            }
            out.push(finding);
        }
        // "??" in place of a decision ("?? Redesign table ??").
        let tokens = &a.tokens;
        for i in 1..tokens.len() {
            if tokens[i].kind == TokenKind::Punct('?')
                && tokens[i - 1].kind == TokenKind::Punct('?')
                && (i < 2 || tokens[i - 2].kind != TokenKind::Punct('?'))
                && stands_alone(a.text, tokens[i - 1].range.start)
            {
                out.push(RawFinding::new(
                    tokens[i - 1].range.start..tokens[i].range.end,
                    "\"??\" marks an open question: state the decision or ask it explicitly",
                ));
            }
        }
    }
}

/// Whether the hedge at `hedge` opens a sentence after the first, or a
/// clause after a dash ("Document classes in plantuml - maybe write a
/// HACKING document"): the item's first sentence is its ask. "Consider:"
/// with a colon opens what is still to decide, and "Consider a Scoop
/// bucket too" leaves the scope open: neither is an aside.
fn opens_an_aside(a: &crate::text::Analysis, hedge: Range<usize>) -> bool {
    let Some(first) = a.sentences.first() else {
        return false;
    };
    if a.tokens.get(hedge.end).is_some_and(|t| t.is_punct(':')) {
        return false;
    }
    let sentence = a.sentence_of(hedge.start);
    let opens_sentence =
        sentence.start > first.start && a.next_word(sentence.start, &sentence) == Some(hedge.start);
    let after_a_dash = hedge.start > first.start
        && ['-', '–', '—']
            .iter()
            .any(|&d| a.tokens[hedge.start - 1].is_punct(d))
        && a.text[..a.tokens[hedge.start - 1].range.start].ends_with(' ');
    // "Consider a Scoop bucket too": optional scope, still undecided.
    let adds_scope = a.tokens[hedge.end..sentence.end]
        .iter()
        .any(|t| t.is("too") || t.is("also"));
    (opens_sentence || after_a_dash) && !adds_scope
}

/// Whether "could" at `at` is in an "if ... could" clause.
fn follows_if(a: &crate::text::Analysis, at: usize) -> bool {
    a.tokens[..at]
        .iter()
        .rev()
        .filter(|t| t.is_word())
        .take(3)
        .any(|t| t.is("if") || t.is("whether"))
}

/// A run of question marks that is a word of its own ("?? Redesign"), not
/// part of a path or a mangled name (`c:\?????\test`).
fn stands_alone(text: &str, start: usize) -> bool {
    let run = text[start..].bytes().take_while(|&b| b == b'?').count();
    let before = text[..start].chars().next_back();
    let after = text[start + run..].chars().next();
    // "(??)" and "`??`" name the operator; only a free-standing "??" asks.
    let boundary = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || ":.,".contains(c));
    run <= 3 && boundary(before) && boundary(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_cases, run};

    #[test]
    fn fires_on_hedges() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Maybe sagas should be able to emit instances.",
                "we might want to export these later",
                "FIXME ??",
                "Consider pinning the plugin variables",
            ],
            &[
                "Cache the user lookup in UserStore for 60 s",
                "Return an error when the file could not be opened",
                "Document that the lock might be held by another process",
                "handle the `maybe` keyword in the parser",
                "It would be useful if one could export the results to CSV",
                "fails on \"c:\\?????\\test.xopp\"",
            ],
        );
    }

    #[test]
    fn a_hedge_after_the_ask_is_an_aside() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                // A real item judged right (round 30): what is still to
                // decide, after a colon. A hedge in the ask.
                "**RSS user limits** — Define per-user RSS feed limits. Consider: should system feeds count toward a user's limit?",
                "Maybe cache the lookup. It is slow.",
                // Real Platemaker item (round 41), judged right: is the
                // Scoop bucket in scope?
                "**Submit to winget** — free community channel giving users a trusted path. Consider a Scoop bucket too for the dev audience.",
            ],
            &[
                // Real OneCAD, lemmings, customwm and codex-im items
                // (rounds 85 and 86), judged wrong.
                "**USER:** Settings → Actions → General → \"Fork pull request workflows from outside collaborators\" must require approval. Not readable via REST for a public repo. Consider making the repo private.",
                "Review Report(ctx) cancellation semantics. If the swarm context is already cancelled by the time Report is called, S3 uploads and SMTP sends should still complete. Consider wrapping the report delivery with a fresh 30-second timeout context.",
                "Document classes in plantuml - maybe write a HACKING document (?)",
                "**CI** (GitHub Actions): `pnpm install` + `typecheck` + `test` on every PR. Probably want this before Phase 1 is shippable to a remote.",
            ],
        );
    }

    #[test]
    fn ambiguous_hedges_are_pedantic() {
        // "try to reproduce it" asks for an attempt; "it could fail"
        // describes.
        crate::rules::testing::assert_pedantic_cases(
            &RULE,
            InstructionKind::TaskItem,
            &["try to speed up the cache"],
            &["Return an error when the file could not be opened"],
        );
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[],
            &[
                "try to speed up the cache",
                // Real: an experiment to run, under a plan's sub-items.
                "Add journey test to cover case with non-bare repository. Try to only read *non-bare* git config files and see the journey test fail.",
            ],
        );
    }

    #[test]
    fn sub_items_settle_a_hedge() {
        let item = "Use the index at `HEAD` if possible.\n- Plan: read the index when the worktree is clean";
        assert!(
            !crate::rules::testing::instruction(InstructionKind::TaskItem, item)
                .subitems
                .is_empty()
        );
        assert!(run(&RULE, InstructionKind::TaskItem, item).is_empty());
        let alone = "Use the index at `HEAD` if possible.";
        assert_eq!(run(&RULE, InstructionKind::TaskItem, alone).len(), 1);
    }

    #[test]
    fn removable_hedges_come_with_a_fix() {
        let found = run(&RULE, InstructionKind::TaskItem, "Maybe cache the lookup");
        assert_eq!(found.len(), 1);
        assert!(matches!(found[0].fixes[0], FixIntent::Delete { .. }));
        let found = run(
            &RULE,
            InstructionKind::TaskItem,
            "We might want to cache the lookup",
        );
        assert!(found[0].fixes.is_empty());
    }

    #[test]
    fn agent_rules_may_say_consider() {
        crate::rules::testing::assert_pedantic_cases(
            &RULE,
            InstructionKind::AgentRule,
            &["Maybe run the tests"],
            &["Consider splitting files over 500 lines"],
        );
    }

    #[test]
    fn notes_and_rationale_are_not_judged() {
        // Maintainers' notes muse; only delegations must decide.
        assert_cases(
            &RULE,
            InstructionKind::Comment,
            &[],
            &["we might want to export these later"],
        );
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[],
            &[
                // Real text: a noun phrase, an operator, a rationale sentence.
                "Handle the kind of Python code that defines `__all__` dynamically",
                "Support the nullish operator (??) in the printer",
                "Add the `op2` attribute to the new ops. This is probably faster.",
            ],
        );
    }

    #[test]
    fn a_plans_steps_are_left_to_the_plan() {
        // Real investigation step whose options section says what to weigh.
        crate::rules::testing::assert_left_to_plans(&RULE, "Consider alternative transports");
    }
}
