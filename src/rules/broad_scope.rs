use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};
use crate::text::{PhraseList, TokenKind, actions};

declare_rule! {
    /// ## What it does
    /// Flags whole-system wording: "rewrite", "overhaul", "revamp", "from
    /// scratch", "the entire codebase", "the whole app", "everything",
    /// "across the codebase", "every module", "comprehensive test suite".
    /// The steps of a plan or specification (`plan.md`, `*-plan.md`,
    /// `design.md`, a dated document, a file under `plans/` or `specs/`)
    /// are scoped by the plan around them and are not checked, nor is an
    /// item whose sub-items or code block name its parts. A check swept over
    /// a known set ("Test dark mode switching on all pages", "Verify the
    /// whole module builds") is not whole-system work.
    ///
    /// ## Why is this bad?
    /// Work described by its size instead of its parts has no first step and
    /// no end. An agent given "overhaul the API" touches everything at once;
    /// a reviewer cannot review it. Name the first slice that can ship on its
    /// own, and say which parts are out of scope.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Overhaul the entire settings page
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Move the settings page's notification options into their own tab
    /// - [ ] Replace the settings form's hand-written validation with `zod` schemas
    /// ```
    ///
    /// Agent instruction files are not checked: a standing rule may rightly
    /// apply to "all code".
    ///
    /// The rule is in the pedantic tier. On real task lists the words were
    /// nearly always bounded by what the item is about ("Add TypeScript types
    /// for all components" in a project of 48 typed components, "or is
    /// everything a la carte?" about prices): 2 of 26 findings were judged
    /// right.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.broad-scope]
    /// extra-words = ["boil the ocean"]
    /// allow-words = ["rewrite"]
    /// ```
    pub static RULE = {
        name: "broad-scope",
        category: Category::Scope,
        severity: Severity::Warning,
        summary: "Whole-system wording (rewrite, overhaul, the entire, everything) with no first slice",
        options: &["extra-words", "allow-words"],
        judges: &[],
        pedantic: &[Role::Task, Role::Note],
        question: Question::Size,
        build: build,
    }
}

const PHRASES: &[&str] = &[
    "rewrite",
    "overhaul",
    "revamp",
    "re-architect",
    "rearchitect",
    "from scratch",
    "everything",
    "full rewrite",
    "complete rewrite",
    "comprehensive",
    "full setup",
    "entire",
    "whole",
    "every",
    "all of",
    "across the codebase",
    "across the code base",
    "across the project",
    "across the repo",
    "throughout the codebase",
    "migrate all",
    "all files",
    "all modules",
    "all components",
    "all services",
    "all endpoints",
    "all pages",
    "all screens",
    "all the code",
];

/// "entire", "whole", "every" and "comprehensive" are whole-system wording
/// only before one of these.
const SYSTEM_NOUNS: &[&str] = &[
    "codebase",
    "code",
    "system",
    "app",
    "application",
    "project",
    "repo",
    "repository",
    "backend",
    "frontend",
    "ui",
    "api",
    "stack",
    "pipeline",
    "module",
    "modules",
    "architecture",
    "thing",
    "site",
    "platform",
    "service",
    "services",
    "suite",
    "library",
    "file",
    "files",
    "component",
    "components",
    "page",
    "pages",
    "screen",
    "screens",
    "feature",
    "product",
    "test",
    "tests",
    "documentation",
    "docs",
    "setup",
    "infrastructure",
    "database",
    "schema",
];

/// Words of a sentence that checks the result rather than sizes the work.
const CHECKING: &[&str] = &[
    "verify",
    "confirm",
    "check",
    "ensure",
    "must",
    "pass",
    "passes",
    "compiles",
    "unchanged",
    "stays",
    "remains",
];

const NEEDS_NOUN: &[&str] = &["entire", "whole", "every", "comprehensive", "all of"];

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
        // A plan's step is scoped by the plan around it ("every call site"
        // of the helper the step before renamed).
        if !cx.is_readable() || cx.in_a_plan() {
            return;
        }
        let a = cx.analysis;
        let own = cx.own_tokens();
        // An item that carries a code block (a plan's step with the code
        // to write) names its parts.
        let has_code_block = a.tokens[own.clone()]
            .iter()
            .any(|t| t.kind == TokenKind::Verbatim && a.text[t.range.clone()].contains('\n'));
        // So does one with sub-items ("Implement Comprehensive Testing
        // Suite" over its unit, integration and end-to-end tests): they
        // are the slices.
        if has_code_block || !cx.instruction.subitems.is_empty() {
            return;
        }
        // A step nested in an item is scoped by it ("Write comprehensive
        // tests" under "Finalize Faculty Module"), and a checklist item that
        // states a condition ("Every API endpoint has auth middleware") is a
        // check to tick, not work to slice.
        if cx.instruction.under_an_item || states_a_condition(cx) {
            return;
        }
        for m in self.phrases.find_all(a) {
            if m.tokens.start >= own.end {
                break;
            }
            if !a.in_ask(m.tokens.start) {
                continue;
            }
            let mut end = m.tokens.end;
            if NEEDS_NOUN.contains(&m.phrase.as_str()) {
                // The noun may follow an article or an adjective: "the whole
                // test suite", "every public API".
                let noun = (m.tokens.end..(m.tokens.end + 3).min(a.tokens.len()))
                    .take_while(|&i| a.tokens[i].is_word())
                    .find(|&i| SYSTEM_NOUNS.contains(&a.tokens[i].lower.as_str()));
                match noun {
                    Some(i) => end = i + 1,
                    None => continue,
                }
            }
            // "Every API endpoint has auth middleware" is a criterion to
            // check, not work to do: a statement with no action.
            // "Title cell present on every page" too; a topic that is the
            // whole system ("Comprehensive test suite") still counts.
            let sentence = a.sentence_of(m.tokens.start);
            // "Rewrite `duplicateOpenPR`", "Update every file under
            // `examples/`", "Run everything: `go test ./...`": the code after
            // it names the scope.
            let names_code = a.tokens[m.tokens.end..sentence.end]
                .iter()
                .any(|t| t.kind == TokenKind::Verbatim);
            // "Verify the whole module builds", "every existing test must
            // pass unchanged": a check on the result, not the work's size.
            // "Test dark mode switching on all pages" sweeps a known set
            // with one check.
            let tests = actions::action_at(a, sentence.start, sentence.end)
                .is_some_and(|verb| a.tokens[verb].is("test"));
            let checks = tests
                || a.tokens[sentence.clone()]
                    .iter()
                    .any(|t| t.is_word() && CHECKING.contains(&t.lower.as_str()));
            if names_code || checks {
                continue;
            }
            let asks = actions::asks(a, sentence.clone());
            let leads = a.next_word(sentence.start, &sentence) == Some(m.tokens.start);
            if !asks && (actions::has_any_verb(a, sentence) || !leads) {
                continue;
            }
            // In a bug report, "everything" and "rewrite" describe symptoms.
            if cx.kind() == InstructionKind::TaskDocument
                && !NEEDS_NOUN.contains(&m.phrase.as_str())
            {
                continue;
            }
            let words = a.slice(m.tokens.start..end);
            out.push(RawFinding::new(
                a.span(m.tokens.start..end),
                format!("\"{words}\" describes the size of the work, not its parts: name the first slice that can ship on its own"),
            ));
        }
    }
}

/// Whether a checklist item states a condition instead of asking for work:
/// its first sentence has a verb and no action ("Every API endpoint has
/// auth middleware").
fn states_a_condition(cx: &CheckContext) -> bool {
    let a = cx.analysis;
    let first = a.sentences.first().cloned().unwrap_or(0..a.tokens.len());
    cx.kind() == crate::extract::InstructionKind::TaskItem
        && !crate::text::actions::asks(a, first.clone())
        && crate::text::actions::has_any_verb(a, first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn fires_on_whole_system_wording() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Rewrite auth",
                "Overhaul the entire settings page",
                "Comprehensive test suite (>90% coverage)",
                "full setup, macOS permission steps, MCP registration",
                "Migrate everything to the new client",
                "Add type hints across the codebase",
                "Write tests for all pages",
            ],
            &[
                "Find all entities that have status NOT SYNCED",
                "Add statistics over the whole dataset",
                "Run every benchmark twice",
                "Rename `entire_row` to `row`",
                // Real verification checklists: criteria, not work.
                "Every API endpoint has auth middleware",
                "**Per-row**: T1 + T2 + T3 = Total for every component",
                "Title cell present on every page",
                // Real plan steps: the code names the scope, or it checks.
                "**Step 3: Rewrite `duplicateOpenPR` and drop `normTitle`**",
                "**Step 6: Verify the whole module builds, vets, and tests pass**",
                "**Step 4: Run the full package** — this is a refactor; every existing test must pass unchanged.",
                "Run everything: `go test ./... -count=1` — expected PASS.",
                "Fix the mismatches now (while the whole stack is in view).",
                // Real NEXT_STEPS.md items: one check swept over a known set.
                "Test dark mode switching on all pages",
                "Test all pages on mobile (currently may have issues)",
                // Real .kiro spec task: its sub-items are the slices.
                "6. Implement Comprehensive Testing Suite\n- Set up unit tests for all library functions with >90% coverage\n- Create integration tests for multi-library interactions",
            ],
        );
    }

    #[test]
    fn a_nested_step_is_scoped_by_its_item() {
        let found =
            |text: &str| crate::rules::testing::count_in_pedantic_file(&RULE, "TODO.md", text);
        // Real migration checklist: one module's tests.
        assert_eq!(
            found(
                "# Tasks\n\n- [ ] **Finalize Faculty Module**\n  - [ ] Write comprehensive tests\n"
            ),
            0
        );
        assert_eq!(found("# Tasks\n\n- [ ] Write comprehensive tests\n"), 1);
    }

    #[test]
    fn is_left_to_the_pedantic_tier() {
        let item = "# Tasks\n\n- [ ] Overhaul the entire settings page\n";
        assert_eq!(
            crate::rules::testing::count_in_file(&RULE, "TODO.md", item),
            0
        );
        assert_eq!(
            crate::rules::testing::count_in_pedantic_file(&RULE, "TODO.md", item),
            1
        );
    }

    #[test]
    fn a_plans_steps_are_left_to_the_plan() {
        crate::rules::testing::assert_left_to_plans(
            &RULE,
            "Update every call site of the journey-test helper",
        );
    }
}
