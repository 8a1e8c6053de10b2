use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};
use crate::text::{PhraseList, vocabulary};

declare_rule! {
    /// ## What it does
    /// Flags wording that leans on context the receiver does not have: "as
    /// discussed", "as usual", "like before", "the usual way", "you know",
    /// "obviously", and "just" or "simply" used to make work sound smaller
    /// than it is ("just add a cache").
    ///
    /// A pointer followed by what it points at ("as mentioned here: <URL>",
    /// "like before (see `retry.rs`)") is not flagged, nor is a pointer back
    /// ("same as before", "as mentioned") in an agent file: its reader has
    /// the whole file, and the pointer names a section above. "Before" in a
    /// sentence that says since which version or date ("Since Python
    /// 3.13b1, the frame is `exec(...)` instead of `???` like before") is
    /// before that.
    ///
    /// It is pedantic (`pedantic = true` in `handoff.toml` turns it on): on
    /// real repositories none of its 14 judged findings was kept. Where
    /// people write these words the context is there: "just" in "Don't
    /// overthink, just write" or "if so, just increase the default", "the
    /// usual way" beside the command it means, a link right after "as
    /// mentioned". On the labelled corpora the other rules flag every
    /// instruction it flags.
    ///
    /// ## Why is this bad?
    /// The conversation, the habit, the earlier attempt: none of it travels
    /// with the instruction. An agent has never seen it; a colleague may
    /// remember it differently. "Just" and "simply" hide the part that needs
    /// explaining. Write down the thing you are pointing at.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Set up logging the usual way, as discussed
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Set up logging with `tracing` and a JSON formatter, as in `api/src/log.rs`
    /// ```
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.assumed-context]
    /// extra-words = ["per our sync"]
    /// allow-words = ["just"]
    /// ```
    pub static RULE = {
        name: "assumed-context",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "Leans on unstated context (as discussed, like before, the usual way, just)",
        options: &["extra-words", "allow-words"],
        judges: &[],
        pedantic: &[Role::Task, Role::Note, Role::StandingRule],
        question: Question::Context,
        build: build,
    }
}

const PHRASES: &[&str] = &[
    "as discussed",
    "as agreed",
    "as we discussed",
    "as we agreed",
    "as mentioned",
    "as we said",
    "as usual",
    "as always",
    "like before",
    "like last time",
    "same as before",
    "same as last time",
    "the usual way",
    "the normal way",
    "the old way",
    "you know",
    "obviously",
    "of course",
    "per our conversation",
    "per our discussion",
    "as per our discussion",
    "as talked about",
    "like we did",
    "the way we did",
    "you know what to do",
    "just",
    "simply",
];

/// Pointers back to earlier text, which a document read whole (an agent
/// file, a skill) gives its reader: "**The iteration loop**: Same as
/// before" names a section above it.
const BACK_POINTERS: &[&str] = &["as mentioned", "like before", "same as before"];

/// Minimisers, which only assume context when they shrink an action.
const MINIMISERS: &[&str] = &["just", "simply"];

/// Words that assume the receiver agrees, rather than point at something
/// missing: a delegation's problem, not a note's.
const TONE: &[&str] = &[
    "obviously",
    "of course",
    "you know",
    "as usual",
    "as always",
];

fn build(options: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check {
        phrases: PhraseList::new(PHRASES, &options.extra_words, &options.allow_words),
    })
}

struct Check {
    phrases: PhraseList,
}

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        if !cx.is_readable() {
            return;
        }
        let a = cx.analysis;
        let task = cx.role() == Role::Task;
        for m in self.phrases.find_all(a) {
            let range = a.span(m.tokens.clone());
            let words = &a.text[range.clone()];
            let phrase = m.phrase.as_str();
            let minimises = MINIMISERS.contains(&phrase) || TONE.contains(&phrase);
            // A minimiser in the rationale ("we just detect the decorator")
            // describes; only one in the ask shrinks the work.
            if minimises && (!task || !a.in_ask(m.tokens.start)) {
                continue;
            }
            // Not by its position: a rule reads an instruction's text, and
            // the same text is judged the same wherever it is.
            if BACK_POINTERS.contains(&phrase) && cx.role() == Role::StandingRule {
                continue;
            }
            // In an aside ("**With Try-Catch (same as before):**") or given
            // right after ("as discussed in [2]", "as mentioned here: <URL>").
            if !a.in_ask(m.tokens.start) || gives_the_context(a, m.tokens.end) {
                continue;
            }
            // "Since Python 3.13b1, the * is `exec(...)` instead of `???` like
            // before": the sentence says before what.
            if phrase.ends_with("before") && names_when(a, m.tokens.start) {
                continue;
            }
            let message = if MINIMISERS.contains(&phrase) {
                // "just" before an action minimises it; "just like", "just in
                // case", "not just" do not.
                let next = a.tokens.get(m.tokens.end).filter(|t| t.is_word());
                let before_not = m.tokens.start > 0 && a.tokens[m.tokens.start - 1].is("not");
                if before_not
                    || !next.is_some_and(|t| vocabulary::is_base_verb(&t.lower))
                    || after_a_refusal(a, m.tokens.start)
                {
                    continue;
                }
                // Bug reports say "I just ran it"; only instructions minimise.
                if cx.kind() == InstructionKind::TaskDocument {
                    continue;
                }
                format!("\"{words}\" makes the work sound smaller than it is: say what it involves")
            } else {
                // "how you know it is done" asks; "you know" as a filler assumes.
                let prev = m
                    .tokens
                    .start
                    .checked_sub(1)
                    .map(|i| a.tokens[i].lower.as_str());
                if m.phrase == "you know"
                    && matches!(
                        prev,
                        Some("how" | "what" | "whether" | "if" | "when" | "so" | "that" | "let")
                    )
                {
                    continue;
                }
                format!("\"{words}\" points at context the receiver does not have: write it down")
            };
            out.push(RawFinding::new(range, message));
        }
    }
}

/// Whether the "just" at `at` opens the clause after a refusal ("Don't
/// overthink, just write"): it means "instead", not "it is small".
fn after_a_refusal(a: &crate::text::Analysis, at: usize) -> bool {
    let before = a.sentence_before(at).trim_end().to_lowercase();
    // "Do NOT attempt to auto-install tree-sitter — just provide clear
    // guidance": a dash joins the two clauses as a comma does.
    before.ends_with([',', ';', '—', '–', '-'])
        && ["don't", "don’t", "do not", "never", "no need"]
            .iter()
            .any(|n| before.contains(n))
}

/// Whether the sentence holding the token at `at` says, before it, since or
/// until which version or date something holds ("Since Python 3.13b1, ...
/// like before"), so "before" is before that. A causal "since the deploy
/// is broken" names no time.
fn names_when(a: &crate::text::Analysis, at: usize) -> bool {
    let sentence = a.sentence_of(at);
    let tokens = &a.tokens[sentence.start..at];
    tokens.iter().enumerate().any(|(i, t)| {
        t.is_word()
            && matches!(t.lower.as_str(), "since" | "until")
            && tokens[i + 1..]
                .iter()
                .filter(|t| t.is_word())
                .take(3)
                .any(|t| t.lower.contains(|c: char| c.is_ascii_digit()))
    })
}

/// Whether the words right after a pointer say what it points at: "as
/// mentioned officially here: <https://...>", "like before (see `cache.rs`)",
/// "as discussed in #412". The context is then given, not assumed.
fn gives_the_context(a: &crate::text::Analysis, from: usize) -> bool {
    // "as mentioned above": the text around it holds what is meant.
    if a.tokens.get(from).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "above" | "below" | "earlier" | "previously"
        )
    }) {
        return true;
    }
    // "read it the normal way:" ends the paragraph that a code block or a
    // list then shows.
    let rest: Vec<&crate::text::Token> = a.tokens[from..]
        .iter()
        .filter(|t| t.kind != crate::text::TokenKind::Newline)
        .collect();
    if rest.last().is_some_and(|t| t.is_punct(':')) && rest.len() <= 6 {
        return true;
    }
    let window = a.tokens[from..].iter().take(6);
    let mut prev_hash = false;
    for t in window {
        match t.kind {
            crate::text::TokenKind::Verbatim => return true,
            crate::text::TokenKind::Punct('#' | '[') => prev_hash = true,
            crate::text::TokenKind::Word if prev_hash => return true,
            crate::text::TokenKind::Punct('.' | '!' | '?' | ';') => return false,
            _ => prev_hash = false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn fires_on_assumed_context() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Set up logging the usual way",
                "Deploy it like before",
                "Since the deploy is broken, restart it like before",
                "As discussed, move the cache to Redis",
                "Just add a cache in front of the API",
                "Obviously the parser needs a rewrite",
            ],
            &[
                "Add a cache in front of the API",
                "Not just the parser: the lexer too",
                // Real launch plan: "just" is "instead" after a refusal.
                "Don't overthink, just write (edit tomorrow)",
                // Real thedotmack/claude-mem playbook.
                "Do NOT attempt to auto-install tree-sitter — just provide clear guidance",
                "Keep it just as it is in `config.rs`",
                "Use the normal form for Unicode keys",
                // Real SKILL.md text: the way is the code block that follows.
                "If `MODE = B`, skip `get_wallet_balance` (it returns 404) and read it the normal way:",
                "Document how you know a job is done",
                "Validate the header as mentioned officially here: `https://example.com/spec`",
                "Retry like before (see `retry.rs`)",
                "Cache it as discussed in #412",
                // Real notes and agent files: a footnote link, a label.
                "as discussed in [2], it may be possible to switch to the new pass manager",
                // Real pytest note: "before" is before the version it names.
                "Since Python 3.13b1 under xdist the `*` is `exec(...)` instead of `???` like before, so change the assertion",
            ],
        );
        // Real skill text: an agent file is read whole, so "same as before"
        // names its own section above; a conversation it does not have.
        let found =
            |text: &str| crate::rules::testing::count_in_pedantic_file(&RULE, "SKILL.md", text);
        let above =
            "# Skill\n\n## The iteration loop\n\nImprove the skill, rerun the test cases.\n\n";
        assert_eq!(
            found(&format!(
                "{above}**The iteration loop**: Same as before — improve the skill, rerun the test cases\n"
            )),
            0
        );
        assert_eq!(found(&format!("{above}Set up logging as discussed\n")), 1);
        assert_eq!(found(&format!("{above}Format dates the usual way\n")), 1);
        assert_eq!(found("Always write clean code, the usual way.\n"), 1);
    }
}
