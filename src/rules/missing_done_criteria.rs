use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, FixIntent, Question, RawFinding, Rule, Severity};
use crate::text::{Analysis, PhraseList, TokenKind, actions};

declare_rule! {
    /// ## What it does
    /// Flags a checklist item that names a whole piece of work and nothing
    /// about it: a build verb and one to three plain words ("Implement
    /// stream caching", "Write unit tests"). "Build succeeds" and "Build
    /// successful" state a check, and an item under "## Done When" or
    /// "## Definition of Done" is one. In a task document
    /// (`*.prompt.md`, `*.task.md`), flags a document that states neither
    /// the behaviour it wants nor a way to check it (steps to reproduce, a
    /// test, expected output). A short document that names a file (a path,
    /// or an editor's `@git.mdc` mention of the rules it follows) points at
    /// where its task is specified.
    ///
    /// The pedantic tier also flags a checklist item of some size
    /// (`min-words`, default 15) that never says how to tell it is done: no
    /// "done when", no expected behaviour, no test, no number, no code it
    /// must produce. On real task lists such items nearly always said what
    /// they wanted in their own terms (a decision to make, a person to ask,
    /// a result after "so"), so the default tier leaves them.
    ///
    /// In a plan, a roadmap or a specification (`plan.md`, `*-plan.md`,
    /// `design.md`, `ROADMAP.md`, a dated document, a file under `plans/`
    /// or `specs/`, a list under "## Implementation Plan") a step is
    /// specified by the document around it, and so is an item of a work
    /// section in a document that is not a task list (a README's "##
    /// TODO"); only the pedantic tier judges them. An item with sub-items
    /// is judged by them, and a sub-item is a step of its parent ("Write
    /// unit tests" under "Create Login Use Case"), done with it; an item
    /// under a section's design in a code block (a module's file tree) is
    /// specified by it.
    ///
    /// ## Why is this bad?
    /// Without an end state, the receiver decides when to stop: too early and
    /// it comes back, too late and it grows. An agent will report success on
    /// whatever it built. One line that says what will be observably true
    /// afterwards is the cheapest review there is.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Make the nightly export work with the new storage layer and its permissions model
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Make the nightly export work with the new storage layer and its permissions model
    ///   Done when: `export --nightly` finishes against staging and `test_export_acl` passes
    /// ```
    ///
    /// ## Fix
    /// "Add done criteria" inserts a `Done when:` line under the item for you
    /// to complete.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.missing-done-criteria]
    /// min-words = 20
    /// extra-words = ["sign-off"]
    /// ```
    pub static RULE = {
        name: "missing-done-criteria",
        category: Category::Clarity,
        severity: Severity::Info,
        summary: "A task with no observable result: a whole piece of work named and nothing said about it",
        options: &["min-words", "extra-words", "allow-words"],
        judges: &[Role::Task],
        pedantic: &[],
        question: Question::DoneCriteria,
        build: build,
    }
}

const DEFAULT_MIN_WORDS: usize = 15;

/// What a reusable prompt asks of the one who runs it: an inputs section or
/// a variable the run fills in.
static TAKES_INPUTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?im)^[#\s*]*(?:i need|inputs?|parameters|arguments|provide|what i need)\s*:?[\s*]*$|\$\{input:|\$ARGUMENTS\b",
    )
    .unwrap()
});

/// An editor's mention of a file in a prompt ("Follow the @git.mdc rules",
/// "in the @navigation.utils.ts file"): the prompt points at where its
/// procedure is written.
static MENTIONS_A_FILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}\b").unwrap());

/// The fewest words a task document needs before it is judged for what it
/// leaves out: a shorter one ("Plan my task.") is a template.
const MIN_DOCUMENT_WORDS: usize = 6;

/// Below this many words, a task document that names a file is an
/// invocation over it ("Generate tests for the test plan's bullet 1.1.
/// Test plan: `specs/coverage.plan.md`"): the file holds the spec.
const SHORT_DOCUMENT_WORDS: usize = 30;

/// Words and phrases that state an observable result.
const DONE_SIGNALS: &[&str] = &[
    "done when",
    "done if",
    "so that",
    "such that",
    "until",
    "expected",
    "expect",
    "expects",
    "should",
    "must",
    "acceptance",
    "criteria",
    "verify",
    "verified",
    "pass",
    "passes",
    "passing",
    "test",
    "tests",
    "tested",
    "returns",
    "return",
    "succeeds",
    "no longer",
    "stops",
    "instead of",
    "instead",
    "exists",
    "result",
    "outcome",
    "output",
    "error",
    "fails",
    "failing",
    "crash",
    "crashes",
    "want",
    "would like",
    "goal",
];

/// What a task document needs to show: a wanted behaviour ...
const WANTED: &[&str] = &[
    "expected",
    "expect",
    "expecting",
    "should",
    "instead",
    "would like",
    "want",
    "wanted",
    "must",
    "needs to",
    "desired",
    "acceptance",
    "done when",
    "goal",
    "supposed to",
    "ought",
    "would be",
    "propose",
    "proposal",
    "suggest",
    "solution",
    "fix",
    // "Create or update `docs/OVERVIEW.md` with the following content and
    // structure:" over the sections it wants.
    "following content",
    "following structure",
    "following sections",
];
/// ... or a way to see the problem and check the result.
const VERIFY: &[&str] = &[
    "reproduce",
    "repro",
    "reproduces",
    "traceback",
    "test",
    "tests",
    "output",
    "returns",
    "raises",
    "error",
    "exception",
    "steps",
    "example",
    "minimal",
    "check",
    "checks",
    "verify",
    "verifies",
    "pass",
    "passes",
    "assert",
    "asserts",
];
/// Explicit done criteria answer both questions at once.
const DONE_SECTION: &[&str] = &["done when", "acceptance criteria", "definition of done"];

fn build(options: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check {
        min_words: options.min_words.unwrap_or(DEFAULT_MIN_WORDS),
        signals: PhraseList::new(DONE_SIGNALS, &options.extra_words, &options.allow_words),
        wanted: PhraseList::new(WANTED, &options.extra_words, &options.allow_words),
        verify: PhraseList::new(VERIFY, &[], &[]),
        done_section: PhraseList::new(DONE_SECTION, &[], &[]),
    })
}

struct Check {
    min_words: usize,
    signals: PhraseList,
    wanted: PhraseList,
    verify: PhraseList,
    done_section: PhraseList,
}

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        if !cx.is_readable() {
            return;
        }
        let a = cx.analysis;
        match cx.kind() {
            InstructionKind::TaskDocument => self.check_document(a, out),
            InstructionKind::TaskItem => self.check_item(cx, a, out),
            // A comment addressed to an agent sits at the code it is about.
            _ => {}
        }
    }
}

/// Verbs that make a whole artefact: with two or three plain words after
/// them and nothing else, the artefact is named but not described.
const BUILD_VERBS: &[&str] = &["implement", "write", "build", "develop", "design"];

/// Words that, right after "Build" or "Design", say the state of it: the
/// item is a check.
const STATE_WORDS: &[&str] = &[
    "succeeds",
    "succeeded",
    "successful",
    "successfully",
    "passes",
    "passed",
    "passing",
    "green",
    "works",
    "working",
    "compiles",
    "completes",
    "complete",
    "completed",
    "done",
    "finished",
    "clean",
    "ok",
    "approved",
    "fails",
    "failing",
    "broken",
];

/// "Implement user authentication", "Write tests": a build verb and one to
/// three plain words, with no code, number, name or detail. Returns the verb.
fn bare_build_task<'t>(a: &Analysis<'t>, own: std::ops::Range<usize>) -> Option<&'t str> {
    let mut words = a.tokens[own.clone()]
        .iter()
        .filter(|t| t.kind != TokenKind::Newline);
    let verb = words
        .next()
        .filter(|t| BUILD_VERBS.contains(&t.lower.as_str()))?;
    let mut words = words.peekable();
    // "Build succeeds", "Build successful": the build is the subject, and
    // the item is the state that checks it.
    if words
        .peek()
        .is_some_and(|t| STATE_WORDS.contains(&t.lower.as_str()))
    {
        return None;
    }
    let mut object = 0;
    for t in words {
        let plain = t.is_word()
            && t.lower.chars().all(|c| c.is_alphabetic() || c == '-')
            && !a.text[t.range.clone()].chars().any(char::is_uppercase);
        if !plain {
            // A trailing full stop is not detail.
            if t.is_punct('.') {
                continue;
            }
            return None;
        }
        object += 1;
    }
    (1..=3)
        .contains(&object)
        .then(|| &a.text[verb.range.clone()])
}

/// "Local end-to-end dry-run (on a fixture):" introduces the commands and
/// the expected output after it; "**First-boot setup:** sign into your
/// Apple ID", "Notifications: email reminders, push notifications" and
/// "**Filesystem browser** — navigate drives, list and stat files" name a
/// part and then spell it out.
fn labels_its_detail(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    let tokens = &a.tokens[own];
    let last = tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokenKind::Newline) && !t.is_punct('*'));
    let ends_with_colon = last.is_some_and(|t| t.is_punct(':'));
    // "**Filesystem browser** — list, stat, download": a dash after a short
    // title is a colon.
    let leading_label = tokens
        .iter()
        .position(|t| t.is_punct(':') || t.is_punct('—') || t.is_punct('–'))
        .is_some_and(|colon| {
            let label: Vec<&str> = tokens[..colon]
                .iter()
                .filter(|t| t.is_word())
                .map(|t| &a.text[t.range.clone()])
                .collect();
            let after = tokens[colon + 1..].iter().filter(|t| t.is_word()).count();
            // "feat:", "REFACTOR:" tag the kind of change, they name no part.
            let tag = matches!(label.as_slice(), [w] if w.chars().all(char::is_lowercase)
                || w.chars().all(char::is_uppercase));
            (1..=3).contains(&label.len()) && !tag && after >= 3
        });
    // "**Sensitivity analysis to lineage-specific loss rates**: partition
    // features by quintile, rerun, check ranking stability": a bold title
    // of any length, then what it means.
    let bold_title = a.after_bold_title(0).is_some_and(|detail| {
        a.text[detail..]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= 4
    });
    ends_with_colon || leading_label || bold_title
}

impl Check {
    fn check_item(&self, cx: &CheckContext, a: &Analysis, out: &mut Vec<RawFinding>) {
        let own = cx.own_tokens();
        let words = a.tokens[own.clone()].iter().filter(|t| t.is_word()).count();
        // A step of a plan document is specified by the plan around it
        // (its goal, its design, the steps before): in every judged case
        // on real plans, a long step was as specific as it needed to be,
        // and nine in ten short ones ("Implement signature inspection")
        // had their section in the same document.
        // A step nested in another item ("Write unit tests" under "Create
        // Login Use Case") is done when its part of the parent is: the
        // parent says what it is for.
        if !cx.instruction.subitems.is_empty()
            || cx.instruction.under_an_item
            || cx.left_to_its_document()
        {
            return;
        }
        if let Some(verb) = bare_build_task(a, own.clone()) {
            let work = a.slice(own.clone());
            out.push(
                RawFinding::new(
                    a.span(own),
                    format!(
                        "\"{work}\" names a whole piece of work and nothing about it: say what it must do, or what will be true when it is done"
                    ),
                )
                .with_fix(FixIntent::AppendLine {
                    title: format!("Add a `Done when:` line to \"{verb}\""),
                    line: "Done when: <what will be observably true>".into(),
                }),
            );
            return;
        }
        // An item of some size is judged only in the pedantic tier: on real
        // task lists nearly every one said what it wanted in its own terms
        // ("Confirm with Tom that he doesn't still owe us: capacity cap,
        // …", "Add the new contacts groups so non-camp registrations land
        // in the right Square groups"); 2 of 88 such findings were judged
        // right.
        if !cx.pedantic || words < self.min_words || labels_its_detail(a, own.clone()) {
            return;
        }
        let concrete = a.tokens[own.clone()].iter().any(|t| {
            t.kind == TokenKind::Verbatim
                || (t.is_word() && t.lower.chars().any(|c| c.is_ascii_digit()))
        });
        if concrete || !self.signals.find_all(a).is_empty() {
            return;
        }
        // A checklist item that states a condition ("Autoscale rules
        // configured for App Service plans") is itself the check.
        let first = a.sentences.first().cloned().unwrap_or(own.clone());
        if !actions::asks(a, first.clone()) && actions::has_any_verb(a, first) {
            return;
        }
        let first = a.sentences.first().cloned().unwrap_or(own);
        out.push(
            RawFinding::new(
                a.span(first),
                "no observable result: add a line that says what will be true when this is done",
            )
            .with_fix(FixIntent::AppendLine {
                title: "Add a `Done when:` line".into(),
                line: "Done when: <what will be observably true>".into(),
            }),
        );
    }

    fn check_document(&self, a: &Analysis, out: &mut Vec<RawFinding>) {
        // A short prompt (a slash command handing the user's words on) is
        // a template, not a task described whole.
        if a.word_count() < MIN_DOCUMENT_WORDS || !self.done_section.find_all(a).is_empty() {
            return;
        }
        // A reusable prompt takes the task at each run: what it wants
        // arrives with its inputs ("## I need: 1. **Model name**: …",
        // `${input:name}`, `$ARGUMENTS`).
        if TAKES_INPUTS.is_match(a.text) {
            return;
        }
        let names_a_file = a.tokens.iter().any(|t| {
            t.kind == TokenKind::Verbatim && {
                let code = a.text[t.range.clone()].trim_matches('`');
                !code.contains(char::is_whitespace) && code.contains(['/', '.'])
            }
        }) || MENTIONS_A_FILE.is_match(a.text);
        if a.word_count() < SHORT_DOCUMENT_WORDS && names_a_file {
            return;
        }
        let wanted = !self.wanted.find_all(a).is_empty();
        let code = a
            .tokens
            .iter()
            .any(|t| t.kind == TokenKind::Verbatim && a.text[t.range.clone()].contains('\n'));
        let verify = code || !self.verify.find_all(a).is_empty();
        if wanted && verify {
            return;
        }
        let missing = match (wanted, verify) {
            (false, false) => "which behaviour it wants, nor how to check the result",
            (false, true) => {
                "which behaviour it wants (the expected result, or the change to make)"
            }
            _ => "how to check the result (steps to reproduce, a test, the expected output)",
        };
        let first = a.sentences.first().cloned().unwrap_or(0..a.tokens.len());
        out.push(
            RawFinding::new(
                a.span(first),
                format!("this task document does not say {missing}"),
            )
            .with_fix(FixIntent::AppendLine {
                title: "Add a `Done when:` section".into(),
                line: "Done when: <what will be observably true>".into(),
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn items_of_some_size_need_a_result() {
        crate::rules::testing::assert_pedantic_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Decide on the release signing flow and add the required signing properties or a keystore process for releases",
            ],
            &[
                "Support nested arenas",
                "Add a real Web Client ID to Firebase config so the plugin stops warning about the missing client type",
                "Replace `app/google-services.json` placeholder content with the real Firebase Android config for the app",
                "Add a separately supervised monitor web service, bound to localhost by default, with 4 JSON endpoints",
                // Real plan and backlog items: the detail follows the colon.
                "Local end-to-end dry-run (this is the CI step's exact renderer path, run on a fixture since CI's model call can't run locally):",
                "**First-boot setup:** sign into your **Apple ID** (this starts the iCloud sync of notes and the keychain before anything else runs)",
                "Notifications: email reminders for important dates, push notifications for events, and a weekly digest of what changed",
                // Real priority list: a title, a dash, then what it is.
                "**Filesystem browser** — Smooth navigate (drives → folders → files), list/stat, no full-tree dumps; pair with download",
                "**Seamless remote terminal** — Low-latency interactive shell in the viewer/tech UI; reconnect-safe; clear UX when session drops",
                "**Sensitivity analysis to lineage-specific loss rates**: partition features by loss-rate quintile, rerun, check ranking stability",
            ],
        );
    }

    #[test]
    fn a_state_after_build_is_a_check() {
        use crate::rules::testing::count_in_file;
        // Real 0xkobolds agent task files (round 87): the build is the
        // subject; the items are what is true when the work is done.
        let doc = |item: &str| format!("# Release\n\n## Deliverables\n- [ ] {item}\n");
        for item in ["Build succeeds", "Build successful", "Build passes"] {
            assert_eq!(count_in_file(&RULE, "TODO.md", &doc(item)), 0, "{item}");
        }
        assert_eq!(
            count_in_file(&RULE, "TODO.md", &doc("Build release pipeline")),
            1
        );
        // Under "## Done When", every item is a check.
        let done = "# Task 5\n\n## Done When\n- [ ] Write tests\n";
        assert_eq!(count_in_file(&RULE, ".agents/tasks/task5.md", done), 0);
        let work = "# Task 5\n\n## Steps\n- [ ] Write tests\n";
        assert_eq!(count_in_file(&RULE, ".agents/tasks/task5.md", work), 1);
    }

    #[test]
    fn the_steps_of_a_task_written_up_with_its_criteria_are_left_to_them() {
        use crate::rules::testing::count_in_file;
        // Real cursordone task files (round 96): one task per file, its
        // checklist the steps, its success criteria at the end.
        let steps = "# Implement CLI Error Handling\n\n## Steps\n\n### Logging\n\n- [ ] Setup error logging\n- [ ] Implement log levels\n";
        let path = "tasks/implement-cli-error-handling.md";
        assert_eq!(count_in_file(&RULE, path, steps), 1);
        for criteria in [
            "## Success Criteria\n\n- Clear error messages\n- Proper logging\n",
            "## Acceptance criteria\n\nLevels are set with `--log-level`.\n",
            "## Definition of Done\n\n- Reviewed\n",
        ] {
            let doc = format!("{steps}\n{criteria}");
            assert_eq!(count_in_file(&RULE, path, &doc), 0, "{criteria}");
        }
        // Another section's "criteria" does not say when this work is done.
        let doc = format!("{steps}\n## Criteria for choosing a logger\n\n- Small\n");
        assert_eq!(count_in_file(&RULE, path, &doc), 1);
        // Real bike-rental user story (round 105): the steps under its
        // "## Implementation Plan", whose technical details follow.
        let story = "# [US-FN-003] Rental financial history\n\n## Implementation Plan\n\n- [ ] Implement query joining payments and refunds\n- [ ] Write unit tests\n";
        assert_eq!(
            count_in_file(&RULE, "memory-bank/tasks/US-FN-003.md", story),
            0
        );
        let story = "# [US-FN-003] Rental financial history\n\n## Work\n\n- [ ] Implement query joining payments and refunds\n- [ ] Write unit tests\n";
        assert_eq!(
            count_in_file(&RULE, "memory-bank/tasks/US-FN-003.md", story),
            1
        );
    }

    #[test]
    fn long_items_are_left_to_the_pedantic_tier() {
        let found =
            |path: &str, text: &str| crate::rules::testing::count_in_file(&RULE, path, text);
        let pedantic = |path: &str, text: &str| {
            crate::rules::testing::count_in_pedantic_file(&RULE, path, text)
        };
        // Real TODO.md items (round 37): a confirmation to get, and a
        // result after "so".
        for item in [
            "- [ ] Confirm with Peggy Moran that reusing the OneKey MLS listing photos on\n  this site is OK",
            "- [ ] Add the new contacts groups so non-camp registrations land in the right Square groups (Private Lessons, Rent-A-Sensei, Birthday Parties, etc.)",
            "- [ ] Decide whether to add a \"Featured Event\" banner to the Systema Floyd homepage that links/embeds the seminar form.",
        ] {
            assert_eq!(
                found("TODO.md", &format!("# Tasks\n\n{item}\n")),
                0,
                "{item}"
            );
        }
        let step = "# Tasks\n\n- [ ] Validate one more time that reverting each individual fix commit breaks the journey at the intended seam\n";
        assert_eq!(found("TODO.md", step), 0);
        assert_eq!(pedantic("TODO.md", step), 1);
        assert_eq!(pedantic("docs/planet.md", step), 1);
    }

    #[test]
    fn a_plans_steps_are_specified_by_the_plan() {
        let found =
            |path: &str, text: &str| crate::rules::testing::count_in_file(&RULE, path, text);
        // Real quilt-mcp-server spec steps ("Implement signature
        // inspection") head a design section of the same document. In a
        // task list a bare build task is flagged.
        let bare = "# Tasks\n\n- [ ] Implement user authentication\n";
        assert_eq!(found("projects/auth/plan.md", bare), 0);
        assert_eq!(found("docs/plans/2026-05-31-fact-store.md", bare), 0);
        assert_eq!(found("specs/a18-mcp-test/03-finish-setup.md", bare), 0);
        assert_eq!(found("docs/migration-plan.md", bare), 0);
        assert_eq!(found("TODO.md", bare), 1);
        assert_eq!(found("docs/planet.md", bare), 1);
        // Real migration checklist: a step nested in the item it is part
        // of is done with that part.
        let nested = "# Tasks\n\n- [ ] **Create Login Use Case**\n  - [ ] Define `LoginDto` interface\n  - [ ] Implement user authentication\n";
        assert_eq!(found("TODO.md", nested), 0);
        // Real modular migration checklist: the module's file tree above
        // names what each item makes.
        let designed = "# Tasks\n\n## Faculty module\n\n```\nsrc/modules/faculty/\n  SupabaseFacultyRepository.ts\n```\n\n### Infrastructure layer\n\n- [ ] Implement user authentication\n";
        assert_eq!(found("TODO.md", designed), 0);
        let undesigned = "# Tasks\n\n```\nmake test\n```\n\n## Faculty module\n\n- [ ] Implement user authentication\n";
        assert_eq!(found("TODO.md", undesigned), 1);
    }

    #[test]
    fn documents_need_a_wanted_behaviour_and_a_check() {
        assert_cases(
            &RULE,
            InstructionKind::TaskDocument,
            &["Claude support\n\nWe talked about adding it to the product."],
            &[
                // Real prompt file: an invocation over the plan it names.
                "Generate tests for the test plan's bullet 1.1 Add item to card.\n\nTest plan: `specs/coverage.plan.md`",
                "Crash on open\n\nOpening a file named è.txt crashes. Steps to reproduce: open it. Expected: it opens.",
                "Cache the config\n\nKeep the parsed file in memory.\n\nDone when\n\nA second request reads nothing.",
                // Real reusable prompts: the run brings the task.
                "Create New Prisma Model\n\nCreate a new Prisma database model following the mirsklada patterns.\n\nI need:\n\n1. **Model name**: (e.g., \"Product\")",
                "Review the component\n\nReview ${input:component} against the design system rules of this project.",
                "Fix the issue\n\nFix the GitHub issue $ARGUMENTS following the contribution rules of this project.",
                // Real full_stack_blueprint prompts (round 39): the rules
                // files they mention hold the procedure.
                "Review pending, cached, and staged changes.\nAdd a commit message.\nPush the changes to the remote repository.\nFollow the @git.mdc rules to do this.",
            ],
        );
        assert_cases(
            &RULE,
            InstructionKind::TaskDocument,
            &[
                "Create the model\n\nCreate a new Prisma database model following the patterns we need.",
            ],
            &[],
        );
    }
}
