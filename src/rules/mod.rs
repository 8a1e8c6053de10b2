//! Rules: one file per rule, each a [`RuleMeta`] declared with
//! [`declare_rule!`], whose doc comment is the rule's documentation (shown by
//! `handoff explain`, on hover, and written to `docs/rules/`).
//!
//! A rule reads one instruction's cleaned text through its [`Analysis`] and
//! reports [`RawFinding`]s in cleaned-text offsets, with fixes as intents. The
//! lint pipeline maps them back to the document and turns intents into edits,
//! so rules never deal with comment delimiters, bullets or line ends.

use std::ops::Range;
use std::path::Path;

use serde::Serialize;

use crate::extract::{Instruction, InstructionKind, Role};
use crate::text::Analysis;
use crate::workspace::Workspace;

pub mod assumed_context;
pub mod bare_topic;
pub mod broad_scope;
pub mod broken_reference;
pub mod dangling_reference;
pub mod docs;
pub mod generic_guidance;
pub mod hedge;
pub mod missing_action;
pub mod missing_done_criteria;
pub mod multiple_tasks;
mod options;
pub mod too_long;
pub mod vague_qualifier;
pub mod vague_verb;

pub use options::{Level, RuleOptions};

/// What a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Would the receiver know what to do, and when it is done?
    Clarity,
    /// Is it one piece of work of a deliverable size?
    Scope,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Clarity => "clarity",
            Category::Scope => "scope",
        }
    }
}

/// How loudly a finding is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a rule runs without being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// On unless turned off: precise on real repositories.
    Default,
    /// Off unless asked for (`pedantic = true`, or a severity for the rule):
    /// useful, but it also flags text a maintainer would keep.
    Pedantic,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Default => "default",
            Tier::Pedantic => "pedantic",
        }
    }
}

/// The question of the hover's readiness checklist a rule answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    /// Would the receiver know what to do?
    WhatToDo,
    /// Does it say everything it relies on?
    Context,
    /// Would the receiver know when it is done?
    DoneCriteria,
    /// Is it one piece of work of a deliverable size?
    Size,
    /// Does a standing rule say something specific to this project?
    Guidance,
}

impl Question {
    pub const ALL: &'static [Question] = &[
        Question::WhatToDo,
        Question::Context,
        Question::DoneCriteria,
        Question::Size,
        Question::Guidance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Question::WhatToDo => "What to do",
            Question::Context => "Context",
            Question::DoneCriteria => "Done criteria",
            Question::Size => "Size",
            Question::Guidance => "Project-specific guidance",
        }
    }
}

/// A rule: its identity, its documentation, and how to build its checker
/// from configuration.
pub struct RuleMeta {
    /// Kebab-case name, used in config, suppressions and reports.
    pub name: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// The rule's documentation in Markdown, from its doc comment.
    pub doc: &'static str,
    /// Configuration keys the rule accepts besides `severity`.
    pub options: &'static [&'static str],
    /// The roles of instruction the rule judges by default; empty for a
    /// rule of the pedantic tier.
    pub judges: &'static [Role],
    /// The roles it judges besides when pedantic rules are asked for.
    pub pedantic: &'static [Role],
    /// The hover checklist's question it answers.
    pub question: Question,
    /// Builds the checker for a configuration (word lists, thresholds).
    pub build: fn(&RuleOptions) -> Box<dyn Rule>,
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Eq for RuleMeta {}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl RuleMeta {
    /// The documentation with the doc comment's leading space removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// Whether the rule runs without being asked for.
    pub fn tier(&self) -> Tier {
        if self.judges.is_empty() {
            Tier::Pedantic
        } else {
            Tier::Default
        }
    }

    /// The roles the rule judges: by default, or with pedantic rules on.
    pub fn roles(&self, pedantic: bool) -> Vec<Role> {
        let mut roles = self.judges.to_vec();
        if pedantic {
            roles.extend(self.pedantic.iter().filter(|r| !self.judges.contains(r)));
        }
        roles
    }

    /// The address of the rule's page.
    pub fn url(&self) -> String {
        format!("{}/{}.md", crate::RULE_DOCS_URL, self.name)
    }
}

/// Everything a rule may look at for one instruction.
pub struct CheckContext<'a> {
    pub instruction: &'a Instruction,
    pub analysis: &'a Analysis<'a>,
    /// The file the instruction is in.
    pub path: &'a Path,
    pub workspace: &'a dyn Workspace,
    /// Whether the pedantic tier is on: a rule's pedantic checks run too.
    pub pedantic: bool,
}

impl CheckContext<'_> {
    pub fn text(&self) -> &str {
        &self.instruction.text
    }

    pub fn kind(&self) -> InstructionKind {
        self.instruction.kind
    }

    pub fn role(&self) -> Role {
        self.instruction.role()
    }

    /// The tokens of the instruction's own words, before its sub-items.
    pub fn own_tokens(&self) -> Range<usize> {
        let end = match self.instruction.subitems.first() {
            Some(sub) => self
                .analysis
                .tokens
                .partition_point(|t| t.range.start < sub.start),
            None => self.analysis.tokens.len(),
        };
        0..end
    }

    /// Whether the instruction is a step of a plan or a specification: a
    /// file named `plan.md`, `planning.md`, `migration-plan.md`, `design.md`, `ROADMAP.md`,
    /// `rfc-12.md`, `task-description.md`, a dated document
    /// (`2026-02-04-memory.md`), or any file under a
    /// `plans/`, `planning/`, `specs/`, `roadmap/`, `proposals/`, `designs/` or
    /// `openspec/` folder
    /// (`docs/plans/2026-05-31-fact-store-design.md`, Kiro's
    /// `.kiro/specs/auth/tasks.md`, spec-kit's `specs/001-auth/tasks.md`). A
    /// plan specifies its steps around them (its goal, its design, the
    /// steps before, the sections a step's title heads), so rules that judge
    /// a step's size or detail leave them to it.
    pub fn in_a_plan(&self) -> bool {
        // A comment in `query_plan.rs` or under RSpec's `spec/` is code's.
        if self.kind() == InstructionKind::Comment {
            return false;
        }
        let lower = |s: &std::ffi::OsStr| s.to_string_lossy().to_ascii_lowercase();
        let name = self.path.file_name().map(lower).unwrap_or_default();
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        let named = stem
            .split(['-', '_', ' ', '.'])
            .any(|w| PLAN_WORDS.contains(&w));
        let in_plans = self
            .path
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .any(|c| PLAN_FOLDERS.contains(&lower(c.as_os_str()).as_str()));
        named || in_plans || has_a_date(stem)
    }

    /// Whether a checklist item's wording is left to the document around it
    /// and only pedantic rules judge it: a step of a plan or specification
    /// (see [`Self::in_a_plan`]) or under a plan's heading, or an item of a work section in a document
    /// that is not a task list (a README's "## TODO"), or an item of a
    /// section that lays out its design in a code block (a module's file
    /// tree, then "- [ ] Implement repositories"), or a step nested in
    /// another item ("Fix all errors" under "**Run Linter**"). Judged on real
    /// repositories, nine in ten such findings were about an item its
    /// document defines (sub-items, a design section, the goal stated
    /// above); in task files (`TODO.md`) most were right.
    pub fn left_to_its_document(&self) -> bool {
        self.kind() == InstructionKind::TaskItem
            && !self.pedantic
            && (self.in_a_plan()
                || self.under_a_plan_heading()
                || self.instruction.in_a_work_section
                || self.instruction.in_a_designed_section
                || self.instruction.in_a_document_with_criteria
                || self.instruction.under_an_item)
    }

    /// Whether a checklist item's list is right under a heading that names
    /// a plan ("## Implementation Plan" in a user story's file, whose
    /// acceptance criteria and technical details come around it: bike-rental's
    /// `memory-bank/tasks/US-FN-003-….md`, round 105).
    pub fn under_a_plan_heading(&self) -> bool {
        self.instruction.lead.as_deref().is_some_and(|lead| {
            let lead = lead.trim();
            lead.starts_with('#')
                && !lead.contains('\n')
                && lead
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("plan"))
        })
    }

    /// Whether the instruction is in a script the word lists can read.
    pub fn is_readable(&self) -> bool {
        let words: String = self
            .analysis
            .words()
            .map(|t| &self.instruction.text[t.range.clone()])
            .collect();
        !crate::text::vocabulary::mostly_non_latin(&words)
    }
}

/// Words of a file name that make it a plan or a specification.
const PLAN_WORDS: &[&str] = &[
    "plan",
    "plans",
    "planning",
    "spec",
    "specs",
    "specification",
    "design",
    "proposal",
    "rfc",
    "adr",
    "architecture",
    "implementation",
    // `task-description.md`: the task's goal and criteria around its
    // checklist.
    "description",
    // A roadmap lists directions its sections develop: judged on real
    // repositories (open-interpreter's, textual's), 5 of 25 findings of
    // these rules on its items were kept.
    "roadmap",
];

/// Whether a file name holds a date (`2025-10-27`): a dated document is a
/// plan, a design or a record of its day (`2026-02-04-memory-design.md`,
/// `procedural-generation-architecture-2025-10-27.md`).
fn has_a_date(stem: &str) -> bool {
    stem.as_bytes()
        .windows(10)
        .any(crate::text::paths::is_a_date)
}

/// Folders of plans and specifications.
const PLAN_FOLDERS: &[&str] = &[
    // OpenSpec keeps each change's proposal, design and `tasks.md` under
    // `openspec/changes/<change>/`; design folders hold one design per
    // subfolder with its task breakdown (`docs/designs/auth/tasks.md`).
    "openspec",
    "designs",
    "plans",
    // `docs/planning/PR-6-spanish-dictation.md`: a PR's plan with its test
    // plan.
    "planning",
    "roadmap",
    "specs",
    "spec",
    "specifications",
    "proposals",
    "rfcs",
];

/// A checker built from configuration.
pub trait Rule: Send + Sync {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>);
}

/// A finding in cleaned-text offsets, before it is placed in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    /// The words the finding is about.
    pub range: Range<usize>,
    /// What is wrong and what to write instead, in one sentence.
    pub message: String,
    /// Other places the finding points at (each task `multiple-tasks` saw).
    pub related: Vec<(Range<usize>, String)>,
    pub fixes: Vec<FixIntent>,
}

impl RawFinding {
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        RawFinding {
            range,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    #[must_use]
    pub fn with_fix(mut self, fix: FixIntent) -> Self {
        self.fixes.push(fix);
        self
    }
}

/// A fix as a rule sees it; `crate::fixes` turns it into document edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixIntent {
    /// Delete these words (and the space after each).
    Delete {
        title: String,
        ranges: Vec<Range<usize>>,
    },
    /// Make each part its own sibling instruction. `prefix` is written before
    /// a part that needs it to stand alone (the verb it shared with the first).
    Split { parts: Vec<SplitPart> },
    /// Add a line that continues the instruction (`Done when: ...`).
    AppendLine { title: String, line: String },
    /// Write `text` in place of these words (a stale path with the file that
    /// exists).
    Replace {
        title: String,
        range: Range<usize>,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPart {
    pub range: Range<usize>,
    pub prefix: Option<String>,
}

/// Declares a rule. The doc comment becomes the rule's documentation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = {
            name: $name:literal,
            category: $category:expr,
            severity: $severity:expr,
            summary: $summary:literal,
            options: $options:expr,
            judges: $judges:expr,
            pedantic: $pedantic:expr,
            question: $question:expr,
            build: $build:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            name: $name,
            category: $category,
            default_severity: $severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            options: $options,
            judges: $judges,
            pedantic: $pedantic,
            question: $question,
            build: $build,
        };
    };
}

/// Every rule, in the order they are listed.
pub static ALL: &[&RuleMeta] = &[
    &vague_verb::RULE,
    &vague_qualifier::RULE,
    &hedge::RULE,
    &assumed_context::RULE,
    &dangling_reference::RULE,
    &missing_action::RULE,
    &bare_topic::RULE,
    &missing_done_criteria::RULE,
    &broken_reference::RULE,
    &generic_guidance::RULE,
    &multiple_tasks::RULE,
    &broad_scope::RULE,
    &too_long::RULE,
];

/// The rule called `name`.
pub fn by_name(name: &str) -> Option<&'static RuleMeta> {
    ALL.iter().copied().find(|r| r.name == name)
}

#[cfg(test)]
pub(crate) mod testing;
