use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};
use crate::text::{Analysis, PhraseList, TokenKind, actions};

declare_rule! {
    /// ## What it does
    /// Flags references to something the instruction never names: a bare
    /// "it", "this" or "that" as what to act on ("fix it", "make this
    /// faster"), and "the bug", "the issue", "the problem", "the above" with
    /// no earlier mention and nothing after them that says which. A noun
    /// right after them makes the phrase a kind of thing, not a pointer
    /// ("wireframe is the failure case", "the error path", "the issue
    /// tracker").
    ///
    /// In a code comment, "this" and "here" point at the code the comment sits
    /// on, so they are allowed when the action itself is concrete ("move this
    /// to `lib.rs`"). In a task list, "this method" points nowhere.
    ///
    /// A checklist item in a plan, a roadmap or a specification (`plan.md`,
    /// `design.md`, `ROADMAP.md`, a dated document, a file under `plans/`
    /// or `specs/`)
    /// is a step the document around it defines, and so is an item of a
    /// work section in a document that is not a task list (a README's "##
    /// TODO"), a step nested in
    /// another item or under a section's design in a code block; only the pedantic tier judges them.
    ///
    /// ## Why is this bad?
    /// The receiver reads the instruction without your screen, your scroll
    /// position or the chat it came from. "Fix the bug" is a question back to
    /// you: which one?
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Write a regression test for the bug
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Write a regression test for the crash on empty `Content-Length` (#412)
    /// ```
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.dangling-reference]
    /// extra-words = ["the thing"]
    /// allow-words = ["the issue"]
    /// ```
    pub static RULE = {
        name: "dangling-reference",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "Refers to it/this/the bug/the issue with nothing in the instruction that says which",
        options: &["extra-words", "allow-words"],
        judges: &[Role::Task],
        pedantic: &[Role::Note, Role::StandingRule],
        question: Question::Context,
        build: build,
    }
}

const DEFINITE: &[&str] = &[
    "the bug",
    "the issue",
    "the problem",
    "the error",
    "the crash",
    "the regression",
    "the thing",
    "the above",
    "the same thing",
    "the ticket",
    "the failure",
    "the mess",
];

/// Nouns that name code, which "this" needs a screen to point at.
const CODE_NOUNS: &[&str] = &[
    "method",
    "function",
    "class",
    "bug",
    "issue",
    "error",
    "test",
    "line",
    "lines",
    "code",
    "module",
    "thing",
    "problem",
    "component",
    "variable",
    "field",
    "endpoint",
    "query",
    "part",
    "section",
    "snippet",
    "block",
    "logic",
    "behavior",
    "behaviour",
];

/// Words after "the bug" that say which one.
const SPECIFIERS: &[&str] = &[
    "in",
    "where",
    "with",
    "that",
    "when",
    "from",
    "of",
    "on",
    "which",
    "caused",
    "reported",
    "described",
    "about",
    "for",
    "at",
    "if",
    "whereby",
    "introduced",
];

/// Nouns after "the failure", "the error" or "the bug" that make the
/// phrase a kind of thing, not a pointer at one ("wireframe is the failure
/// case", "the error path", "the issue tracker").
const KIND_NOUNS: &[&str] = &[
    "case", "cases", "mode", "modes", "path", "paths", "handling", "handler", "handlers", "rate",
    "tracker", "template", "count", "type", "types", "class", "classes",
];

fn build(options: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check {
        definite: PhraseList::new(DEFINITE, &options.extra_words, &options.allow_words),
    })
}

struct Check {
    definite: PhraseList,
}

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        // A plan's step, or an item of a README's "## TODO", is defined by
        // the document around it.
        if cx.left_to_its_document() {
            return;
        }
        // A task document's "the bug" is the one it goes on to describe.
        if cx.kind() == InstructionKind::TaskDocument {
            return;
        }
        if !cx.is_readable() {
            return;
        }
        let a = cx.analysis;
        let own = cx.own_tokens();
        for m in self.definite.find_all(a) {
            if m.tokens.start >= own.end {
                break;
            }
            if !a.in_ask(m.tokens.start) {
                continue;
            }
            let noun = &a.tokens[m.tokens.end - 1].lower;
            // "the same thing", "the above": what came before is the referent.
            let points_back = matches!(m.phrase.as_str(), "the same thing" | "the above")
                && a.sentence_of(m.tokens.start).start > 0;
            let mentioned_before =
                points_back || a.tokens[..m.tokens.start].iter().any(|t| &t.lower == noun);
            let specified = match a.tokens.get(m.tokens.end) {
                Some(t) if t.is_word() => {
                    SPECIFIERS.contains(&t.lower.as_str()) || KIND_NOUNS.contains(&t.lower.as_str())
                }
                Some(t) => matches!(
                    t.kind,
                    TokenKind::Verbatim | TokenKind::Punct('(' | '#' | ':')
                ),
                None => false,
            };
            if mentioned_before || specified {
                continue;
            }
            let words = a.slice(m.tokens.clone());
            out.push(RawFinding::new(
                a.span(m.tokens.clone()),
                format!("\"{words}\" has nothing that says which: name it (an error message, an issue number, a file)"),
            ));
        }
        pronoun_objects(cx, a, own, out);
    }
}

/// "fix it", "make this faster", and in task lists "refactor this method".
fn pronoun_objects(
    cx: &CheckContext,
    a: &Analysis,
    own: std::ops::Range<usize>,
    out: &mut Vec<RawFinding>,
) {
    let is_comment = cx.kind() == InstructionKind::Comment;
    for sentence in a.sentences.iter().filter(|s| s.start < own.end) {
        let end = sentence.end.min(own.end);
        for start in actions::clause_starts(a, sentence.start..end) {
            let Some(verb) = actions::action_at(a, start, end) else {
                continue;
            };
            // The object may follow after an article-free gap of one word
            // ("make it faster", "clean this up", "proposing a refactor of this method").
            for i in verb + 1..end {
                let t = &a.tokens[i];
                if !t.is_word() {
                    if matches!(
                        t.kind,
                        TokenKind::Punct(',' | ';' | '.') | TokenKind::Newline
                    ) {
                        break;
                    }
                    continue;
                }
                let next = a
                    .tokens
                    .get(i + 1)
                    .filter(|n| n.is_word())
                    .map(|n| n.lower.as_str());
                let bare = matches!(t.lower.as_str(), "it" | "this" | "that" | "them")
                    && i == verb + 1
                    && next.is_none_or(|n| !CODE_NOUNS.contains(&n) && !is_noun_like(n));
                // "Check that test setup grants ...": "that" opens what to
                // check, it does not point.
                let complement = t.is("that")
                    && i == verb + 1
                    && CHECKING.contains(&a.tokens[verb].lower.as_str());
                let this_noun = matches!(t.lower.as_str(), "this" | "that" | "these" | "those")
                    && next.is_some_and(|n| CODE_NOUNS.contains(&n))
                    && !complement;
                // A comment's "this" is the code it sits on.
                if (bare || this_noun)
                    && !is_comment
                    && a.in_ask(i)
                    && !mentioned_earlier(a, i, verb)
                    && !shown_after_a_colon(a, i, sentence.end)
                {
                    let span = if this_noun { i..i + 2 } else { i..i + 1 };
                    out.push(RawFinding::new(
                        a.span(span.clone()),
                        format!(
                            "\"{}\" points at something the instruction never names: say what it is",
                            a.slice(span)
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

/// "Run it: `go test ./...`", "Insert this section before the heading:"
/// (the section follows): a colon after the pointer introduces what it
/// points at.
fn shown_after_a_colon(a: &Analysis, at: usize, end: usize) -> bool {
    a.tokens[at..end].iter().enumerate().any(|(k, t)| {
        t.is_punct(':') && {
            let rest = &a.tokens[at + k + 1..];
            match rest.iter().find(|n| n.kind != TokenKind::Newline) {
                None => true,
                Some(n) => n.kind == TokenKind::Verbatim,
            }
        }
    })
}

/// Verbs whose "that" opens a clause: "check that", "ensure that".
const CHECKING: &[&str] = &[
    "check", "verify", "ensure", "confirm", "assert", "test", "make", "say", "note", "document",
    "show", "prove",
];

/// Words that, after "this"/"that", make it a determiner with its own noun.
fn is_noun_like(w: &str) -> bool {
    !matches!(
        w,
        "up" | "out"
            | "down"
            | "again"
            | "properly"
            | "correctly"
            | "better"
            | "faster"
            | "work"
            | "so"
            | "and"
            | "or"
            | "to"
            | "for"
            | "in"
            | "on"
            | "with"
            | "now"
            | "later"
            | "too"
            | "more"
            | "less"
            | "first"
            | "instead"
            | "asap"
            | "soon"
            | "please"
    )
}

/// Whether something before token `i` can be what the pronoun stands for: an
/// earlier sentence, a verbatim span, or an earlier clause of this sentence.
fn mentioned_earlier(a: &Analysis, i: usize, verb: usize) -> bool {
    let sentence = a.sentence_of(i);
    a.sentences.iter().any(|s| s.end <= sentence.start)
        || a.tokens[sentence.start..i]
            .iter()
            .any(|t| t.kind == TokenKind::Verbatim)
        || a.tokens[sentence.start..verb]
            .iter()
            .filter(|t| t.is_word())
            .count()
            >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn fires_on_unnamed_referents() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Write a regression test for the bug",
                "Fix it",
                "Generate a new issue proposing a refactor of this method.",
                "Outline a sequence of steps to fix the problem.",
                "make this faster",
            ],
            &[
                "Fix the bug in `parse_header` when the line is empty",
                "Fix the crash (#412) on empty input",
                "The importer drops rows. Fix it by validating ids first.",
                "Add this repository's CI badge to the README",
                "Write tests for the parser and run them",
                "Fix the issue where uploads time out after 30 s",
                // Real plan steps: what is meant follows the colon.
                "Run it: `go test ./internal/okf/ -v` — expected FAIL.",
                "Insert this section immediately before the `## Step 2` heading:",
                // Real OneCAD gate (round 86): a kind of case, not a
                // pointer at one failure.
                "Check all three render modes in dark; wireframe is the failure case if the edge token did not invert",
                "Log the error path with its request id",
            ],
        );
    }

    #[test]
    fn comments_may_point_at_their_code() {
        use crate::rules::testing::{AGENT_COMMENT, run_marked};
        assert!(!run_marked(&RULE, AGENT_COMMENT, "fix the bug").is_empty());
        for text in [
            "move this to `lib.rs`",
            "replace this script with a compiled binary",
            "Add a comment that explains what this is.",
        ] {
            assert!(run_marked(&RULE, AGENT_COMMENT, text).is_empty(), "{text}");
        }
        // A maintainers' note is not judged by this rule by default.
        assert_cases(&RULE, InstructionKind::Comment, &[], &["fix the bug"]);
    }

    #[test]
    fn a_reference_resolved_by_the_sentence_before_or_a_check() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[],
            &[
                // Real text from deno's CLAUDE.md and copilot instructions.
                "Check that test setup properly grants necessary permissions",
                "Reply to the review once. Do not post a second comment about the same thing.",
            ],
        );
    }
}
