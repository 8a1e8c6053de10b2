use std::sync::LazyLock;

use regex::Regex;

use crate::config::RuleOptions;
use crate::declare_rule;
use crate::extract::Role;
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};
use crate::text::{Analysis, PhraseList, TokenKind, actions};

declare_rule! {
    /// ## What it does
    /// Flags a standing rule of an agent instruction file that any project
    /// could have written: "follow best practices", "write clean, readable
    /// code", "write self-documenting code", "follow observed patterns in the
    /// codebase", "always write correct, bug-free, efficient code", when the
    /// sentence names nothing of this project (no file, command, code,
    /// number or example).
    ///
    /// ## Why is this bad?
    /// An agent already tries to write good code; a platitude costs context
    /// on every task and changes nothing. What the agent cannot know is what
    /// *this* project counts as good: which pattern, which file shows it,
    /// which command checks it. A rule that says so is followed; a platitude
    /// is noise that hides the rules that matter.
    ///
    /// ## Example
    /// ```markdown
    /// - Follow TypeScript best practices with proper type annotations.
    /// ```
    /// Use instead:
    /// ```markdown
    /// - Type every exported function's parameters and return value; `any`
    ///   is rejected by `npm run lint` (rule `no-explicit-any`).
    /// ```
    ///
    /// It judges only standing rules (agent instruction files), and only a
    /// rule whose whole content is the platitude (at most 16 words, naming
    /// nothing). A rule that names something concrete ("follow the patterns
    /// in `src/handlers/`"), or uses the phrase as a rationale or a heading
    /// for specifics, is not flagged; nor is an item of a list that says
    /// when to use a skill or agent ("Use this skill when you need to:",
    /// "## When to Use"), which describes a situation, nor an item over a
    /// nested list that spells it out ("- Follow Terraform best practices
    /// for resource naming" over "  - Use descriptive names") or a
    /// parenthesis that lists them ("Follow Compose best practices (state
    /// hoisting, remember, derivedStateOf)"), nor the
    /// phrase in title case as the name of a section to write ("Include
    /// **Best Practices** and Anti-Patterns sections") or as a modifier of
    /// the thing it names ("Use for security best practices assessment").
    /// A skill whose front
    /// matter declares a `license` is packaged for any project that
    /// installs it, so general advice is its purpose and it is not judged;
    /// nor is an agent of a stock collection copied into the project (an
    /// installed agents folder such as `.claude/agents/` with twelve or
    /// more definitions), whose text its maintainers do not write, nor a
    /// kit installed for several tools (the same file at the same place in
    /// `.agent/` and `.codex/`).
    ///
    /// ## Configuration
    /// ```toml
    /// [rules.generic-guidance]
    /// extra-words = ["write elegant code"]
    /// allow-words = ["be concise"]
    /// ```
    pub static RULE = {
        name: "generic-guidance",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "A standing rule any project could have written (\"follow best practices\", \"write clean code\")",
        options: &["extra-words", "allow-words"],
        judges: &[Role::StandingRule],
        pedantic: &[],
        question: Question::Guidance,
        build: build,
    }
}

/// Guidance that carries no project-specific information on its own.
const PLATITUDES: &[&str] = &[
    "best practices",
    "best practice",
    "good practices",
    "good practice",
    "industry standards",
    "industry standard",
    "clean code",
    "clean, readable code",
    "clean and readable code",
    "readable code",
    "maintainable code",
    "clean, maintainable code",
    "self-documenting code",
    "high-quality code",
    "high quality code",
    "quality code",
    "production-ready code",
    "production ready code",
    "bug-free",
    "efficient code",
    "performant code",
    "good code",
    "write clean",
    "observed patterns",
    "established patterns",
    "be helpful",
    "think step by step",
    "proper type annotations",
    "proper error handling",
];

/// The fewest agent definitions in an installed agents folder that make it
/// a copied collection rather than the project's own agents.
const COPIED_COLLECTION: usize = 12;

/// Whether the file is one of a collection of stock agents installed into
/// the project (`.claude/agents/` holding `django-pro.md`, `unity-developer.md`
/// and 87 more in a TypeScript app): the collection's text, which its
/// maintainers do not edit, and which judges called noise in all 11 such
/// findings on real repositories. A catalog kept in the open (`agents/` of
/// a collection's own repository) is judged: its authors write it.
fn in_a_copied_collection(cx: &CheckContext) -> bool {
    let installed_agents = cx.path.parent().is_some_and(|dir| {
        dir.file_name().is_some_and(|n| n == "agents")
            && dir.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|s| s.len() > 1 && s.starts_with('.') && s != "..")
            })
    });
    installed_agents
        && cx
            .workspace
            .markdown_files_beside(cx.path)
            .is_some_and(|n| n >= COPIED_COLLECTION)
}

/// The most words a standing rule may have and still be only a platitude.
const MAX_WORDS: usize = 16;

fn build(options: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check {
        phrases: PhraseList::new(PLATITUDES, &options.extra_words, &options.allow_words),
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
        // A skill packaged for other projects (it declares a license) is
        // general by purpose: it cannot name the installing project's files.
        if cx.instruction.published {
            return;
        }
        // A skill's "Use this skill when you need to:" list says when to load
        // it ("- Follow Helm best practices"): a situation, not a rule.
        if cx.instruction.lead.as_deref().is_some_and(says_when_to_use) {
            return;
        }
        // A rule over a nested list ("- Follow Terraform best practices for
        // resource naming" over "  - Use descriptive names") heads the
        // specific rules under it.
        if cx.instruction.over_nested_items {
            return;
        }
        let a = cx.analysis;
        // Only a rule whose whole content is the platitude: in a longer rule
        // it is a rationale or a heading for the specifics around it.
        if a.word_count() > MAX_WORDS || names_something(a, 0..a.tokens.len()) {
            return;
        }
        for m in self.phrases.find_all(a) {
            let sentence = a.sentence_of(m.tokens.start);
            // A label ("**Best Practices:**", "Proper error handling in
            // reactive chains:") heads the specific rules that follow it.
            let last = a.tokens[sentence.clone()]
                .iter()
                .rev()
                .find(|t| t.kind != TokenKind::Newline && !t.is_punct('*'));
            let label = a.tokens.get(m.tokens.end).is_some_and(|t| t.is_punct(':'))
                || last.is_some_and(|t| t.is_punct(':'));
            // Only a directive is guidance: "This article outlines
            // established best practices" describes the file, and a list
            // item "Best practices from the docs" names a topic.
            let guides = directs(a, sentence.clone(), m.tokens.start);
            // "follow these best practices", "the design best practices
            // below": the specific ones are written next to it.
            let prev = a
                .prev_word(m.tokens.start, &sentence)
                .map(|i| a.tokens[i].lower.as_str());
            let next = a
                .next_word(m.tokens.end, &sentence)
                .map(|i| a.tokens[i].lower.as_str());
            let points = matches!(prev, Some("these" | "following" | "those"))
                || matches!(next, Some("below" | "above" | "listed"));
            // "Include **Best Practices** and Anti-Patterns sections": the
            // phrase in title case names a section to write.
            let names_a_section = a.tokens[m.tokens.clone()]
                .iter()
                .filter(|t| t.is_word())
                .all(|t| a.text[t.range.clone()].starts_with(char::is_uppercase))
                && a.tokens[sentence.clone()].iter().any(|t| {
                    matches!(
                        t.lower.as_str(),
                        "section" | "sections" | "heading" | "headings" | "chapter"
                    )
                });
            // "Follow Compose best practices (state hoisting, remember,
            // derivedStateOf where appropriate)": the parenthesis lists the
            // practices it means (round 106).
            let spelled_out = (m.tokens.end..sentence.end)
                .find(|&i| a.tokens[i].is_punct('('))
                .is_some_and(|open| {
                    let inside = a.tokens[open + 1..sentence.end]
                        .iter()
                        .take_while(|t| !t.is_punct(')'));
                    inside.filter(|t| t.is_punct(',')).count() >= 1
                });
            // "Use for security best practices assessment": the phrase
            // modifies the thing named after it, a task or a document.
            let modifies = next.is_some_and(|w| HEADED_BY.contains(&w))
                && a.next_word(m.tokens.end, &sentence) == Some(m.tokens.end);
            if label
                || !guides
                || points
                || modifies
                || spelled_out
                || names_a_section
                || a.in_quotes(sentence.start, m.tokens.start)
            {
                continue;
            }
            if names_something(a, sentence) {
                continue;
            }
            // A collection of stock agents, or a kit installed for several
            // tools (the same skill in `.agent/`, `.codex/` and `.qwen/`),
            // is its authors' text. Asked last: they read the file's folder,
            // the file and its copies.
            if in_a_copied_collection(cx) || cx.workspace.copied_for_other_tools(cx.path) {
                return;
            }
            let range = a.span(m.tokens.clone());
            let words = &a.text[range.clone()];
            out.push(RawFinding::new(
                range,
                format!(
                    "\"{words}\" is guidance any project could give: say what it means here (a pattern with the file that shows it, a command that checks it)"
                ),
            ));
        }
    }
}

/// Whether a list's lead says when to use a skill, agent or prompt ("##
/// When to Use", "Use this skill when you need to:", "Invoke this agent
/// when:"): its items are the situations that call for it.
fn says_when_to_use(lead: &str) -> bool {
    WHEN_TO_USE.is_match(lead)
}

static WHEN_TO_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bwhen to (?:use|invoke|load|activate|apply)\b|^[#\s*]*use (?:it |me )?when\b|\b(?:use|invoke|load|activate|trigger|apply)\s+(?:this|the)\s+(?:[\w-]+\s+)?(?:skill|agent|subagent|plugin|command|prompt|mode)s?\b[^.]*\bwhen\b",
    )
    .unwrap()
});

/// Verbs that make a platitude their direct object: "Follow best
/// practices", "Write clean code", "Include proper error handling".
const DIRECTING: &[&str] = &[
    "follow",
    "adhere",
    "apply",
    "write",
    "produce",
    "include",
    "implement",
    "use",
    "ensure",
    "keep",
    "maintain",
    "prioritize",
    "prioritise",
    "favor",
    "favour",
    "prefer",
    "provide",
    "generate",
    "deliver",
    "be",
];

/// Words after the platitude that name how, so the rule is specific: "with
/// JSON-RPC error responses", "via Azure Verified Modules", "such as ...".
const NAMING_HOW: &[&str] = &[
    "with",
    "using",
    "via",
    "through",
    "per",
    "from",
    "like",
    "such",
    "e.g",
    "including",
    // A constraint or a trade-off is a decision of this project: "without
    // exposing system details", "simple code over unnecessary abstraction".
    "without",
    "over",
];

/// Whether the sentence directs the agent to the platitude itself: it opens
/// with a directing verb (after "always", "please", "you should"), the
/// platitude follows within a few words, and nothing after it says how.
/// "Use Azure Verified Modules to enforce Azure best practices", "Research
/// the latest best practices" and "Avoid generic best practices" do not.
/// Nouns a platitude can modify, naming a task or a document rather than
/// asking for the practices: "a best practices assessment", "the clean
/// code checklist".
const HEADED_BY: &[&str] = &[
    "assessment",
    "assessments",
    "audit",
    "audits",
    "review",
    "reviews",
    "guide",
    "guides",
    "checklist",
    "checklists",
    "document",
    "documents",
    "doc",
    "docs",
    "report",
    "reports",
    "analysis",
    "skill",
    "skills",
    "section",
    "page",
];

fn directs(a: &Analysis, sentence: std::ops::Range<usize>, at: usize) -> bool {
    let Some(verb) = actions::action_at(a, sentence.start, sentence.end) else {
        return false;
    };
    if !DIRECTING.contains(&a.tokens[verb].lower.as_str()) || at <= verb {
        return false;
    }
    let between = a.tokens[verb + 1..at]
        .iter()
        .filter(|t| t.is_word())
        .count();
    // "**Use stack flag** - Get implementation-specific best practices": a
    // dash or colon between them starts another clause, with its own verb.
    let new_clause = a.tokens[verb + 1..at].iter().any(|t| {
        t.is_punct(':')
            || t.is_punct(';')
            || (matches!(t.kind, TokenKind::Punct('-' | '—' | '–'))
                && a.text[..t.range.start].ends_with(char::is_whitespace))
    });
    if new_clause {
        return false;
    }
    let how = a.tokens[at..sentence.end]
        .iter()
        .skip(1)
        .any(|t| t.is_word() && NAMING_HOW.contains(&t.lower.as_str()));
    // "Include best practices - Error handling, logging": a dash defines it.
    let defined = a.tokens[at..sentence.end].iter().enumerate().any(|(i, t)| {
        matches!(t.kind, TokenKind::Punct('-' | '—' | '–'))
            && a.tokens[at + i + 1..sentence.end]
                .iter()
                .any(crate::text::Token::is_word)
            && t.range.start > 0
            && a.text[..t.range.start].ends_with(char::is_whitespace)
    });
    between <= 4 && !how && !defined
}

/// Bodies whose published checklists make "best practices" checkable:
/// "Adhere to OWASP security best practices" points at the OWASP Top 10.
const PUBLISHED_STANDARDS: &[&str] = &["owasp", "wcag", "asvs", "nist", "hipaa", "gdpr"];

/// Whether a sentence names something of the project: code, a path or a
/// link (verbatim), a number, or examples ("e.g.", "such as", a colon
/// before a list).
fn names_something(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    let tokens = &a.tokens[sentence];
    tokens.iter().enumerate().any(|(i, t)| match t.kind {
        TokenKind::Verbatim => true,
        TokenKind::Word => {
            t.lower.chars().any(|c| c.is_ascii_digit())
                || matches!(t.lower.as_str(), "e.g" | "eg" | "such" | "like")
                || PUBLISHED_STANDARDS.contains(&t.lower.as_str())
                || a.text[t.range.clone()].contains(['/', '.'])
        }
        TokenKind::Punct(':') => tokens[i + 1..].iter().any(crate::text::Token::is_word),
        // A file name: "AGENTS.md", "config.yaml".
        TokenKind::Punct('.') => {
            i > 0
                && tokens[i - 1].is_word()
                && tokens.get(i + 1).is_some_and(|n| {
                    n.is_word() && n.range.start == t.range.end && n.lower.len() <= 4
                })
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::InstructionKind;
    use crate::rules::testing::{assert_cases, count_in_file};

    #[test]
    fn a_copied_collection_of_agents_is_not_the_projects_text() {
        use crate::rules::testing::count_in_project;
        use crate::workspace::DiskWorkspace;
        // Real text of a stock agent (round 39: 89 of them installed in a
        // TypeScript app's `.claude/agents/`).
        let text = "---\nname: django-pro\n---\n\n## Response Approach\n\n1. **Provide production-ready code** with proper error handling\n";
        let count = |agents: usize| {
            let dir = tempfile::tempdir().unwrap();
            let folder = dir.path().join(".claude/agents");
            std::fs::create_dir_all(&folder).unwrap();
            for i in 0..agents {
                std::fs::write(folder.join(format!("agent-{i}.md")), "").unwrap();
            }
            let file = folder.join("django-pro.md");
            std::fs::write(&file, text).unwrap();
            let ws = DiskWorkspace::new(dir.path()).unwrap();
            count_in_project(&RULE, &file, text, &ws)
        };
        assert_eq!(count(3), 1);
        assert_eq!(count(20), 0);
    }

    #[test]
    fn fires_on_platitudes() {
        assert_cases(
            &RULE,
            InstructionKind::AgentRule,
            &[
                "- Write self-documenting code",
                "- Follow Compose best practices (where it matters)",
                "- Follow TypeScript best practices with proper type annotations.",
                "- Follow observed patterns in the codebase.",
                "- Write clean, readable code. Favor clarity over cleverness.",
                "- Follow security best practices",
                "- Follow security best practices in every review",
                "- Always write correct, up-to-date, bug-free, fully functional, working, secure, performant, and efficient code.",
            ],
            &[
                // Real standing rules from agent instruction files.
                "- Follow the error-handling pattern in `src/errors.rs`: wrap with `context()`.",
                "- Use lexicographical ordering for functions in modules, methods in classes, keys in dictionaries, etc.",
                "- **Clean Commits** - Atomic, focused changes with clear messages",
                "Prefer an actionable error during construction or validation, before invocation or other side effects.",
                "- Tests should be fast and deterministic. Prefer in-memory async execution.",
                "- Always check sibling files for patterns before creating new ones",
                "Follow PEP 8 best practices for naming.",
                // Real Pokedex_Battle agent (round 106): the practices, listed.
                "- Follow Compose best practices (state hoisting, remember, derivedStateOf where appropriate)",
                // Real awesome-cursorrules rule: a published checklist.
                "- Adhere to **OWASP** security best practices",
                "**Best Practices:**",
                "- \"Find the latest Terraform best practices from HashiCorp repos\"",
                "- **main** branch contains production-ready code",
                "- Best practices from the docs",
                // Real SKILL.md text: what a tool's flag returns.
                "5. **Use stack flag** - Get implementation-specific best practices",
                "When building MCP servers in Ruby, follow these best practices and patterns using the official Ruby SDK.",
                "This checklist provides criteria for reviewing workflows to ensure they adhere to best practices for security.",
                // Judged wrong on real agent files: a mechanism, a purpose,
                // research, the opposite.
                "- Implement proper error handling with JSON-RPC error response format",
                "Use Azure Verified Modules for Terraform to enforce Azure best practices.",
                "- Research latest best practices, library updates, security patches",
                "- Use repository evidence rather than generic best practices",
                "*See AGENTS.md for complete Task Master commands, workflows, and best practices.*",
                "This article outlines established best practices and guidance for professionals developing code components.",
                // A constraint, a trade-off, a definition after a dash.
                "- implement proper error handling without exposing system details",
                "- Prefer simple, maintainable code over unnecessary abstraction.",
                "4. **Include best practices** - Error handling, logging, performance optimization",
                // Real laravel-agentkit-demo AGENTS.md (round 107): when to
                // run a skill, named by the assessment it makes.
                "- Use for security best practices assessment",
            ],
        );
    }

    #[test]
    fn a_list_of_when_to_use_a_skill_describes_situations() {
        use crate::rules::testing::count_in_file;
        // Real: wshobson/agents' skills list when to load them.
        let skill =
            |text: &str| count_in_file(&RULE, "skills/helm-chart-scaffolding/SKILL.md", text);
        assert_eq!(
            skill(
                "# Helm\n\nUse this skill when you need to:\n\n- Create new Helm charts\n- Follow Helm best practices and conventions\n"
            ),
            0
        );
        assert_eq!(
            skill(
                "# Terraform\n\n## When to Use\n\n- Implement infrastructure as code best practices\n"
            ),
            0
        );
        // The same item among the skill's rules is a platitude.
        assert_eq!(
            skill("# Helm\n\n## Rules\n\n- Follow Helm best practices and conventions\n"),
            1
        );
        assert_eq!(
            skill(
                "# Helm\n\nWhen writing charts:\n\n- Follow Helm best practices and conventions\n"
            ),
            1
        );
        assert!(says_when_to_use("Invoke this agent when:"));
        assert!(says_when_to_use(
            "Use the code-review skill when the user asks:"
        ));
        assert!(!says_when_to_use("Use these conventions:"));
    }

    #[test]
    fn a_heading_for_nested_rules_or_a_section_name_is_not_a_platitude() {
        use crate::rules::testing::count_in_file;
        let file = |text: &str| {
            count_in_file(
                &RULE,
                ".github/instructions/terraform.instructions.md",
                text,
            )
        };
        // Real terraform.instructions.md (round 61): the sub-items say
        // what is meant.
        assert_eq!(
            file(
                "# Terraform\n\n- Follow Terraform best practices for resource naming and organization.\n  - Use descriptive names for resources\n  - Group related resources into modules\n"
            ),
            0
        );
        // Real documentation.instructions.md (round 47): a section to write.
        assert_eq!(
            file(
                "# Docs\n\n7. **Include Best Practices and Anti-Patterns sections** at the bottom of how-to guides.\n"
            ),
            0
        );
        // The same rules with nothing under them, or the phrase as advice.
        assert_eq!(
            file(
                "# Terraform\n\n- Follow Terraform best practices for resource naming and organization.\n- Use descriptive names for resources\n"
            ),
            1
        );
        assert_eq!(
            file("# Docs\n\n- Follow best practices in every section.\n"),
            1
        );
    }

    #[test]
    fn a_skill_packaged_for_other_projects_is_general_by_purpose() {
        // From a skill marketplace (0motionguy/gICM), which ships the same
        // skill to every project that installs it.
        let published = "---\nname: serverless-architecture\nversion: 1.0.0\nlicense: Apache-2.0\n---\n\n# Serverless Architecture\n\n- Implement proper error handling\n";
        let own = published.replace("license: Apache-2.0\n", "");
        let path = ".claude/skills/serverless-architecture/SKILL.md";
        assert_eq!(count_in_file(&RULE, path, published), 0);
        assert_eq!(count_in_file(&RULE, path, &own), 1);
    }

    #[test]
    fn tasks_and_notes_are_not_judged() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[],
            &["Write self-documenting code"],
        );
    }
}
