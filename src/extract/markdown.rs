//! Markdown extraction: open checklist items, the rules of agent instruction
//! files, and whole task documents.
//!
//! Works on tree-sitter-md's two trees: the block tree gives the structure
//! (lists, items, paragraphs, code blocks) and each `inline` node's inline tree
//! gives the spans that are not prose (code spans, link targets, HTML). Inline
//! trees are parsed on demand, only for the blocks read (those of the
//! instructions in `within`), so an edit costs one block reparse and a few
//! inline parses, not one inline parse per paragraph of the document. Text is
//! assembled line by line from the document with list markers, checkboxes,
//! block-quote markers and indentation removed, so every word maps back to
//! its exact bytes.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::lines::{line_start, overlaps};
use super::syntax::{MarkdownTree, introduces_a_block, labels_a_list};
use super::{DirectiveLine, Instruction, InstructionKind, Layout, TextBuilder};
use crate::language::MarkdownRole;
use crate::suppress::{Suppression, find_html_directive};
use crate::text::paths::points_away;

/// Extracts the instructions of a Markdown document read in `role`. Only
/// instructions whose range overlaps `within` are returned, except the one
/// instruction of a task document, which is always returned.
pub fn extract(
    role: MarkdownRole,
    text: &str,
    tree: &MarkdownTree,
    within: Range<usize>,
) -> Vec<Instruction> {
    let role = if role == MarkdownRole::TaskDocument && defines_a_persona(text, tree) {
        MarkdownRole::AgentInstructions
    } else {
        role
    };
    let mut cx = Cx {
        doc: text,
        tree,
        line_end: crate::document::line_ending(text),
        within,
        agent_file: role == MarkdownRole::AgentInstructions,
        task_list: role == MarkdownRole::TaskList,
        out: Vec::new(),
        elsewhere: std::cell::OnceCell::new(),
        section_code: std::cell::OnceCell::new(),
        template: None,
    };
    let root = tree.block_tree().root_node();
    match role {
        MarkdownRole::TaskDocument => cx.task_document(root),
        MarkdownRole::Checklist | MarkdownRole::TaskList => cx.walk(root, Mode::Checklist),
        MarkdownRole::AgentInstructions => cx.walk(root, Mode::Agent),
    }
    if role == MarkdownRole::AgentInstructions && declares_a_license(text, root) {
        for instruction in &mut cx.out {
            instruction.published = true;
        }
    }
    cx.out
}

/// Openings of a prompt that say who the agent is ("You are a Research
/// Scholar specializing in…"), not what it is to do.
const PERSONA_OPENINGS: &[&str] = &["you are a ", "you are an ", "your role is "];

/// Words after an opening "You" that hand work over ("You will migrate…",
/// "You must fix…") rather than describe what the agent does ("You review
/// draft outputs…").
const TASK_MODALS: &[&str] = &[
    "will", "must", "need", "needs", "should", "have", "'ll", "can", "may", "are",
];

/// Section names of a role's standing instructions.
const ROLE_SECTIONS: &[&str] = &[
    "capabilities",
    "guidelines",
    "responsibilities",
    "expertise",
    "principles",
    "personality",
];

/// Whether a prompt file defines a persona: its first paragraph says who the
/// agent is or what it does in general ("You are a Research Scholar…",
/// "You review implementation outputs…"), and every sentence there is about
/// the agent or the document goes on with a role's sections (Capabilities,
/// Guidelines). Such a prompt is a role's standing instructions, read as an
/// agent file's rules, not one task handed over whole. A prompt that hands
/// work over after its persona ("You are a senior engineer. Fix the flaky
/// login test.") stays a task.
fn defines_a_persona(text: &str, tree: &MarkdownTree) -> bool {
    let mut top = Vec::new();
    flatten_sections(tree.block_tree().root_node(), &mut top);
    let Some(first) = top.iter().find(|n| n.kind() == "paragraph") else {
        return false;
    };
    let lower = text[first.byte_range()].trim().to_lowercase();
    let describes = lower.strip_prefix("you ").is_some_and(|rest| {
        let verb = rest.split_whitespace().next().unwrap_or("");
        !TASK_MODALS.contains(&verb) && !verb.starts_with('\'')
    });
    let opens = describes || PERSONA_OPENINGS.iter().any(|o| lower.starts_with(o));
    let about_the_agent = lower
        .split(". ")
        .all(|s| s.starts_with("you ") || s.starts_with("your "));
    let role_sections = top
        .iter()
        .filter(|n| matches!(n.kind(), "atx_heading" | "setext_heading"))
        .map(|n| {
            text[n.byte_range()]
                .trim_start_matches('#')
                .trim()
                .to_lowercase()
        })
        .any(|heading| ROLE_SECTIONS.iter().any(|w| heading.starts_with(w)));
    opens && (about_the_agent || role_sections)
}

/// Whether a document's front matter, as the parser read it, has a
/// `license` key (a skill packaged for others: `license: Apache-2.0`).
fn declares_a_license(text: &str, root: Node<'_>) -> bool {
    // The front matter opens the document, inside its first section.
    let mut first = root.named_child(0);
    while let Some(node) = first.filter(|n| n.kind() == "section") {
        first = node.named_child(0);
    }
    first
        .filter(|n| n.kind() == "minus_metadata")
        .is_some_and(|n| {
            text[n.byte_range()].lines().any(|line| {
                line.strip_prefix("license")
                    .is_some_and(|after| after.trim_start().starts_with(':'))
            })
        })
}

/// Word pairs of a heading over what says a document's work is done: "##
/// Success Criteria", "## Acceptance Criteria", "## Definition of Done",
/// "## Done When".
const WHEN_DONE_HEADING_PAIRS: &[[&str; 2]] = &[
    ["success", "criteria"],
    ["acceptance", "criteria"],
    ["exit", "criteria"],
    ["completion", "criteria"],
    ["done", "criteria"],
    ["of", "done"],
    ["done", "when"],
];

/// Whether a heading of the document (at any level, below its title) says
/// when its work is done (see [`Instruction::in_a_document_with_criteria`]).
/// Only sections are walked, not their lists.
pub fn states_when_done(text: &str, root: Node<'_>) -> bool {
    children(root).any(|child| match child.kind() {
        "atx_heading" | "setext_heading" => {
            !is_title(&text[child.byte_range()])
                && has_word_or_pair(&text[child.byte_range()], &[], WHEN_DONE_HEADING_PAIRS)
        }
        "section" => states_when_done(text, child),
        _ => false,
    })
}

/// Words of a heading over lists of work to do.
const WORK_HEADING_WORDS: &[&str] = &[
    "todo", "todos", "task", "tasks", "roadmap", "backlog", "wip", "wishlist",
];

/// Word pairs of such a heading: "Next steps", "Action items", "Future
/// work". A "Phase 2" heading may head a verification checklist.
const WORK_HEADING_PAIRS: &[[&str; 2]] = &[
    ["to", "do"],
    ["next", "steps"],
    ["action", "items"],
    ["work", "items"],
    ["future", "work"],
    ["open", "tasks"],
    ["remaining", "work"],
    ["up", "next"],
];

/// Words of a heading over a list that is not work to do even in a task
/// file: the criteria that say a plan's work is done, open questions,
/// prerequisites ("## Acceptance criteria", "### Final verification",
/// "## Open Questions"), and the agenda of a check-in ("### Mid-Phase
/// Check (Day 7)", "## Weekly sync"), whose questions are asked on purpose.
const CRITERIA_HEADING_WORDS: &[&str] = &[
    "acceptance",
    "check",
    "checkpoint",
    "sync",
    "retro",
    "retrospective",
    "standup",
    "agenda",
    // "## Research Needed": each question is what to find out.
    "research",
    "criteria",
    "verification",
    "checklist",
    "questions",
    "prerequisites",
    "requirements",
];

/// Words of a heading over ideas set aside, not work handed over, even in
/// a task file ("## Hot ideas - parked", "## Icebox", "## Someday", "##
/// Carryovers" of deferred ideas at the end of a project's tasks, "##
/// Future Optimizations"; "## Future work" names work).
const PARKED_HEADING_WORDS: &[&str] = &[
    "ideas",
    "parked",
    "icebox",
    "someday",
    "carryover",
    "carryovers",
    "deferred",
    "future",
];

/// Whether a label opens with a word that makes it a condition or a time
/// ("After all tasks complete:", "Once merged:", "If it fails:").
fn opens_a_condition(label: &str) -> bool {
    label
        .trim_start_matches(['*', '_'])
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "after" | "once" | "when" | "before" | "if" | "until" | "while"
            )
        })
}

fn names_parked(heading: &str) -> bool {
    has_word(heading, PARKED_HEADING_WORDS)
}

/// Whether any word of a heading, in lower case, is one of `words`.
fn has_word(heading: &str, words: &[&str]) -> bool {
    has_word_or_pair(heading, words, &[])
}

/// Whether any word of a heading, in lower case, is one of `words`, or two
/// words in a row are one of `pairs`.
fn has_word_or_pair(heading: &str, words: &[&str], pairs: &[[&str; 2]]) -> bool {
    let lower = heading.to_lowercase();
    let all: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    all.iter().any(|w| words.contains(w)) || all.windows(2).any(|p| pairs.iter().any(|q| p == q))
}

/// Whether an open checklist item says it is done ("- [ ] Rewrite the
/// retrieval service DONE", "… - DONE (out of credits)", "… ✅"): its box
/// was left unticked, the work was not.
fn says_done(text: &str) -> bool {
    let mut text = text.trim_end();
    // A closing aside after the word: "DONE (out of AAI credits)".
    if text.ends_with(')')
        && let Some(open) = text.rfind('(')
    {
        let aside = text[open + 1..text.len() - 1].trim();
        if aside.eq_ignore_ascii_case("done") {
            return true;
        }
        text = text[..open].trim_end();
    }
    let text = text.trim_end_matches(['.', '!', ' ']);
    text.ends_with(['✅', '✔', '✓'])
        || text.ends_with("✔️")
        || text
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| w == "DONE")
}

/// Whether a section heading marks its work finished ("## Phase 3:
/// Storage Layer `[x]`", "### Milestone 1 ✅", "## Setup (completed)"):
/// the items under it were the plan of work since done, their boxes left
/// unticked.
/// Whether a heading's first word is "Example" or "Examples", after its
/// `#` marks and any number ("## Examples", "### 2. Example: a refactor").
fn opens_with_example(heading: &str) -> bool {
    let opens = heading
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .is_some_and(|w| w.eq_ignore_ascii_case("example") || w.eq_ignore_ascii_case("examples"));
    // "### Generic Naming Anti-Patterns" over "- `helpers/misc.js` as a
    // dumping ground": counterexamples, made up to show what not to do.
    let lower = heading.to_lowercase();
    opens || lower.contains("anti-pattern") || lower.contains("antipattern")
}

fn heading_says_done(heading: &str) -> bool {
    let text = heading
        .trim()
        .trim_end_matches(['#', ' '])
        .trim_end_matches(['*', '_', ' ']);
    let lower = text.to_lowercase();
    says_done(text)
        || ["[x]", "`[x]`"].iter().any(|m| lower.ends_with(m))
        || ["(complete)", "(completed)"]
            .iter()
            .any(|m| lower.ends_with(m))
        || text
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| w == "COMPLETE" || w == "COMPLETED")
}

/// Whether a checklist item is a numbered step of a written plan ("- [ ]
/// **Step 2: Rewrite the recurrence tests**"): the plan gives its detail
/// after it (the code, the command, the expected output), so the item is
/// read as a heading of that detail, not as a delegation on its own.
fn is_plan_step(item: &str) -> bool {
    let text = item
        .trim_start_matches(['-', '*', '+', ' ', '\t'])
        .trim_start_matches(['[', ']', ' ', 'x', 'X'])
        .trim_start_matches(['*', '_']);
    let mut words = text.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("step"))
        && words
            .next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
}

/// Words of a heading over questions to settle, whose subsections hold
/// them by topic ("## Questions to Answer" over "### Pricing").
const QUESTION_HEADING_WORDS: &[&str] = &["questions", "unknowns"];

/// Word pairs of a heading over what others owe the work, asked of them
/// and not of the receiver ("### Needed from Tom", "## Waiting on legal"):
/// its questions are the ones to put to them.
const OWED_HEADING_PAIRS: &[[&str; 2]] = &[
    ["needed", "from"],
    ["need", "from"],
    ["waiting", "on"],
    ["waiting", "for"],
    ["blocked", "on"],
];

/// A placeholder in a heading: a bracketed slot named by what fills it
/// ("[Project Name]", "[Decision Title]", "[Date]"), not a link or a version
/// ("[1.2.0]", "[Unreleased]"); or a template variable ("{{Title}}",
/// "{project_name}").
static TEMPLATE_PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\[[^\]\[\d]*\b(?:name|title|project|feature|component|module|service|app|application|product|system|date|description)\b[^\]\[]*\](?:[^(]|$)|\{\{[^{}]+\}\}|\{[a-z]+(?:_[a-z]+)+\}",
    )
    .unwrap()
});

/// Whether a heading heads a document template, to be filled in rather
/// than followed ("# [Project Name] Brownfield Architecture Document",
/// "# Story: {{Title}}", "# ADR-XXX: [Decision Title]").
fn is_a_template_heading(heading: &str) -> bool {
    TEMPLATE_PLACEHOLDER.is_match(heading)
}

/// Where the `[[ … ]]` block open at `at` closes (the end of its `]]`), if
/// one is open there.
fn block_close_after(doc: &str, at: usize) -> Option<usize> {
    let before = &doc[..at];
    let open = before.rfind("[[")?;
    if before.rfind("]]").is_some_and(|close| close > open) {
        return None;
    }
    doc[at..].find("]]").map(|close| at + close + 2)
}

/// A heading's level: 1 to 6 for `#` headings, 1 or 2 for underlined ones.
fn heading_level(heading: Node<'_>) -> Option<usize> {
    children(heading).find_map(|c| match c.kind() {
        "atx_h1_marker" | "setext_h1_underline" => Some(1),
        "atx_h2_marker" | "setext_h2_underline" => Some(2),
        "atx_h3_marker" => Some(3),
        "atx_h4_marker" => Some(4),
        "atx_h5_marker" => Some(5),
        "atx_h6_marker" => Some(6),
        _ => None,
    })
}

/// Whether a heading's text names the criteria or questions of a plan, or
/// what others owe it.
fn names_criteria(heading: &str) -> bool {
    has_word_or_pair(heading, CRITERIA_HEADING_WORDS, OWED_HEADING_PAIRS)
        || has_word_or_pair(heading, &[], DONE_HEADING_PAIRS)
}

/// Pairs of words of a heading over what will be true when the work is
/// done ("## Done When", "## Definition of Done"): its items are the
/// checks, not the work.
const DONE_HEADING_PAIRS: &[[&str; 2]] = &[["done", "when"], ["of", "done"]];

/// Whether a heading is a document's title: level 1 (`# Tasks`, or text
/// underlined with `=`).
fn is_title(heading: &str) -> bool {
    let heading = heading.trim();
    heading.starts_with("# ")
        || heading == "#"
        || heading
            .lines()
            .nth(1)
            .is_some_and(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c == '='))
}

/// Whether a heading's text names work to do: "Tasks", "To-Do List", "Next
/// steps", "Phase 2", "Action items", "Future work".
fn names_work(heading: &str) -> bool {
    has_word_or_pair(heading, WORK_HEADING_WORDS, WORK_HEADING_PAIRS)
}

/// Inline nodes whose text is not prose.
const VERBATIM_INLINE: &[&str] = &[
    "code_span",
    "uri_autolink",
    "email_autolink",
    "html_tag",
    "link_destination",
    "link_label",
    "latex_block",
];

/// Inline nodes that are code: a directive written in them is not one.
const CODE_INLINE: &[&str] = &["code_span", "latex_block"];

/// A task item whose text starts with another open task (`- [ ] - [ ] x`):
/// tree-sitter-md reads the inner one as paragraph text.
static NESTED_TASK_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\[ \](?:[ \t]+|$))+").unwrap());

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Only open task items are instructions.
    Checklist,
    /// Paragraphs and list items are instructions too.
    Agent,
}

/// The separator owed before the next piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    Line,
    Blank,
}

/// A [`TextBuilder`] that also knows where its pieces came from (to place
/// inline verbatim spans) and joins lines and blocks lazily, so no separator
/// is ever written before the first or after the last word.
struct Builder<'a> {
    doc: &'a str,
    text: TextBuilder,
    /// `(clean_start, doc_start, len)` of every piece, in document order.
    pieces: Vec<(usize, usize, usize)>,
    pending: Sep,
    verbatim: Vec<Range<usize>>,
    /// Verbatim ranges that are code, where a directive is not one.
    code: Vec<Range<usize>>,
    /// Section headings after the first piece (see [`Instruction::labels`]).
    labels: Vec<Range<usize>>,
}

impl<'a> Builder<'a> {
    fn new(doc: &'a str) -> Self {
        Builder {
            doc,
            text: TextBuilder::new(),
            pieces: Vec::new(),
            pending: Sep::None,
            verbatim: Vec::new(),
            code: Vec::new(),
            labels: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.text.text().len()
    }

    fn push(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        match std::mem::replace(&mut self.pending, Sep::None) {
            Sep::None => {}
            Sep::Line => self.text.push_synthetic("\n"),
            Sep::Blank => self.text.push_synthetic("\n\n"),
        }
        let clean = self.len();
        self.text.push_source(self.doc, range.clone());
        self.pieces.push((clean, range.start, range.len()));
    }

    /// Asks for `sep` before the next piece (the larger of those asked).
    fn sep(&mut self, sep: Sep) {
        if !self.pieces.is_empty() {
            self.pending = self.pending.max(sep);
        }
    }

    /// Runs `f` and returns the cleaned-text range of what it pushed.
    fn span(&mut self, f: impl FnOnce(&mut Self)) -> Option<Range<usize>> {
        let first = self.pieces.len();
        f(self);
        let start = self.pieces.get(first)?.0;
        Some(start..self.len())
    }

    /// The cleaned-text range holding the document bytes `doc`.
    fn doc_to_clean(&self, doc: Range<usize>) -> Option<Range<usize>> {
        let overlapping =
            |&&(_, d, len): &&(usize, usize, usize)| d < doc.end && doc.start < d + len;
        let first = self.pieces.iter().find(overlapping)?;
        let last = self.pieces.iter().rev().find(overlapping)?;
        let start = first.0 + doc.start.saturating_sub(first.1);
        let end = last.0 + (doc.end - last.1).min(last.2);
        (start < end).then_some(start..end)
    }
}

struct Cx<'a> {
    doc: &'a str,
    tree: &'a MarkdownTree,
    line_end: &'static str,
    within: Range<usize>,
    /// Whether the document is an agent instruction file.
    agent_file: bool,
    /// Whether the document is a task list (`TODO.md`): every open item
    /// is a task.
    task_list: bool,
    out: Vec<Instruction>,
    /// The names in backticks that the document's lists introduced as
    /// another repository's files give, each with the end of its list;
    /// read from the whole tree once, when first asked.
    elsewhere: std::cell::OnceCell<Vec<(usize, String)>>,
    /// The byte ranges of the code blocks that are blocks of a section (a
    /// file tree, a schema), not of a list item; read once, when first
    /// asked.
    section_code: std::cell::OnceCell<Vec<Range<usize>>>,
    /// When the section being walked is part of a document template (see
    /// [`Cx::section`]): its level, and where the template ends.
    template: Option<(usize, usize)>,
}

impl<'a> Cx<'a> {
    // ---- walking ----------------------------------------------------------

    fn walk(&mut self, node: Node<'a>, mode: Mode) {
        if !overlaps(&node.byte_range(), &self.within) {
            return;
        }
        match node.kind() {
            "section" => self.section(node, mode),
            // A document template's sample content is not the project's.
            "list_item" | "paragraph" if self.in_a_template(node) => {}
            "list_item" => self.list_item(node, mode),
            "paragraph" if mode == Mode::Agent => self.agent_paragraph(node),
            // Never prose, and never hold list items.
            "fenced_code_block"
            | "indented_code_block"
            | "html_block"
            | "minus_metadata"
            | "plus_metadata"
            | "pipe_table"
            | "atx_heading"
            | "setext_heading"
            | "link_reference_definition"
            | "paragraph"
            | "thematic_break" => {}
            _ => {
                for child in children(node) {
                    self.walk(child, mode);
                }
            }
        }
    }

    /// Walks a section, knowing whether it is part of a document template:
    /// one whose heading has a placeholder ("# [Project Name] Brownfield
    /// Architecture Document", "## Story: {{Title}}"), or a subsection one
    /// level below such a section, as the template's own outline goes. A
    /// heading that skips a level ("### 4. Document Delivery" right under the
    /// template's "#") belongs to the document the template sits in, and so
    /// does what follows the `]]` that closes a template given inside an
    /// `[[LLM: …]]` block (BMAD's tasks).
    fn section(&mut self, section: Node<'a>, mode: Mode) {
        let heading = children(section)
            .next()
            .filter(|c| matches!(c.kind(), "atx_heading" | "setext_heading"));
        let outer = self.template;
        if let Some(heading) = heading {
            let level = heading_level(heading).unwrap_or(0);
            let start = heading.start_byte();
            self.template = if is_a_template_heading(&self.doc[heading.byte_range()]) {
                let end = block_close_after(self.doc, start).unwrap_or(section.end_byte());
                Some((level, end.min(section.end_byte())))
            } else {
                outer
                    .filter(|&(l, end)| level == l + 1 && start < end)
                    .map(|(_, end)| (level, end))
            };
        }
        for child in children(section) {
            self.walk(child, mode);
        }
        self.template = outer;
    }

    /// Whether a block starts inside the template being walked.
    fn in_a_template(&self, node: Node<'a>) -> bool {
        self.template
            .is_some_and(|(_, end)| node.start_byte() < end)
    }

    fn list_item(&mut self, item: Node<'a>, mode: Mode) {
        if has_child(item, "task_list_marker_unchecked") {
            self.task_item(item);
            // Sub-items are part of the task's text; only the open tasks
            // among them are instructions of their own.
            for child in children(item) {
                if child.kind() == "list" {
                    self.walk(child, Mode::Checklist);
                }
            }
            return;
        }
        if mode == Mode::Agent && !has_child(item, "task_list_marker_checked") {
            self.agent_item(item);
        }
        for child in children(item) {
            if child.kind() == "list" || mode == Mode::Checklist {
                self.walk(child, mode);
            }
        }
    }

    // ---- instructions -----------------------------------------------------

    fn task_item(&mut self, item: Node<'a>) {
        // A struck-through item (`- [ ] ~~Cache it~~`) was dropped, not done.
        if let Some(p) = child_of_kind(item, "paragraph") {
            let text = self.doc[p.byte_range()].trim();
            let text = NESTED_TASK_PREFIX.replace(text, "");
            let text = text.trim_start_matches(['[', ' ', ']', '\t']).trim();
            if text.starts_with("~~") && text.ends_with("~~") || says_done(text) {
                return;
            }
        }
        let mut b = Builder::new(self.doc);
        let mut subitems = Vec::new();
        let mut first_paragraph = true;
        for child in children(item) {
            match child.kind() {
                "list" => {
                    // A ticked sub-item is done: its words ask for nothing
                    // ("- [x] How do we just get the questions out?").
                    for sub in children(child).filter(|n| {
                        n.kind() == "list_item" && !has_child(*n, "task_list_marker_checked")
                    }) {
                        b.sep(Sep::Line);
                        if let Some(r) = b.span(|b| self.item_content(b, sub)) {
                            subitems.push(r);
                        }
                    }
                }
                "paragraph" if first_paragraph => {
                    first_paragraph = false;
                    b.sep(Sep::Line);
                    if let Some(inline) = child_of_kind(child, "inline") {
                        self.inline(&mut b, inline, true);
                    }
                }
                _ if is_block(child) => {
                    first_paragraph = false;
                    b.sep(Sep::Line);
                    self.block(&mut b, child, Sep::Line);
                }
                _ => {}
            }
        }
        let (indent, marker, content) = self.item_prefix(item);
        let layout = Layout {
            sibling_prefix: Some(format!("{}{indent}{marker} [ ] ", self.line_end)),
            continuation_prefix: format!("{}{content}", self.line_end),
            directive_line: Some(DirectiveLine {
                line_start: line_start(self.doc, item.start_byte()),
                indent,
            }),
            line_end: self.line_end.to_string(),
        };
        let range = item.start_byte()..self.content_end(item);
        // An agent file's checklist is one the agent applies on every task:
        // a standing rule, not a task handed over.
        let kind = if self.agent_file {
            InstructionKind::AgentRule
        } else {
            InstructionKind::TaskItem
        };
        let heading = self.section_heading(item);
        let in_task_list = match heading {
            _ if is_plan_step(&self.doc[item.byte_range()]) => false,
            // "## Phase 3: Storage `[x]`" over "**Tasks**:" and its items:
            // the phase is done, whatever its list is labelled.
            _ if self.in_a_finished_section(item) => false,
            Some(h) if names_work(h) => true,
            Some(h) if names_criteria(h) || names_parked(h) => false,
            // "## Questions to Answer" over "### Privacy & Legal": every
            // subsection lists questions.
            _ if self.under_a_questions_heading(item) => false,
            // A question beside other questions in its list is one of a
            // questionnaire ("- [ ] Which Upstash plan is booked?" after
            // "- [ ] Is a scheduler calling `/api/cron/cleanup`?"): checks
            // to answer where they stand, not work handed over.
            _ if self.among_questions(item) => false,
            _ => self.task_list,
        };
        // A document titled as a list of work ("# Tasks", "# TODO") is one;
        // a section of another document ("## TODO" at the end of a README,
        // "### Tasks" in a task description, a theme's roadmap) is the
        // author's list, whose wording the document around it defines.
        let in_a_work_section = in_task_list && !self.task_list && !heading.is_some_and(is_title);
        self.emit(kind, b, range, subitems, layout);
        let lead = self.lead(item);
        let elsewhere = self.named_elsewhere(item);
        let under_an_item =
            std::iter::successors(item.parent(), |n| n.parent()).any(|n| n.kind() == "list_item");
        let in_a_designed_section = self.in_a_designed_section(item);
        if let Some(last) = self.emitted_for(item) {
            last.in_task_list = in_task_list;
            last.in_a_work_section = in_a_work_section;
            last.lead = lead;
            last.elsewhere = elsewhere;
            last.under_an_item = under_an_item;
            last.in_a_designed_section = in_a_designed_section;
        }
    }

    /// The instruction just emitted for `item`, if one was (an item with
    /// no words, or outside the region extracted, gives none).
    fn emitted_for(&mut self, item: Node<'a>) -> Option<&mut Instruction> {
        self.out
            .last_mut()
            .filter(|last| last.range.start == item.start_byte())
    }

    /// Whether a section around `item`, other than the document's title,
    /// holds a code block of its own before it (see
    /// [`Instruction::in_a_designed_section`]).
    fn in_a_designed_section(&self, item: Node<'a>) -> bool {
        let code = self.section_code.get_or_init(|| {
            let mut found = Vec::new();
            section_code_blocks(self.tree.block_tree().root_node(), &mut found);
            found
        });
        std::iter::successors(item.parent(), |n| n.parent())
            .filter(|n| n.kind() == "section")
            .any(|section| {
                let titled = children(section)
                    .find(|c| matches!(c.kind(), "atx_heading" | "setext_heading"))
                    .is_some_and(|h| is_title(&self.doc[h.byte_range()]));
                // The module's tree may head a sibling subsection ("####
                // Module Structure" before "#### Infrastructure Layer").
                !titled
                    && code
                        .iter()
                        .any(|c| c.start >= section.start_byte() && c.end <= item.start_byte())
            })
    }

    /// The paragraph right before the list `item` is in, which introduces
    /// it (see [`Instruction::lead`]).
    fn lead(&self, item: Node<'a>) -> Option<String> {
        let list = item.parent()?;
        // A list right under a heading is introduced by it ("##
        // Deliverables").
        if let Some(p) = list
            .prev_named_sibling()
            .filter(|p| labels_a_list(*p) || matches!(p.kind(), "atx_heading" | "setext_heading"))
        {
            return Some(self.doc[p.byte_range()].trim().to_string());
        }
        // A list nested in an item is introduced by the item's words when
        // they end with a colon ("- **Examples** (CORRECT ✅):" over its
        // sub-items); else what introduces the outer list holds for it too
        // ("**Examples:**" over "1. **Package with a sub-module**" and its
        // "- Source: `packages/core/src/array/map.ts`").
        let outer = list.parent().filter(|n| n.kind() == "list_item")?;
        if let Some(words) = list
            .prev_named_sibling()
            .filter(|p| p.kind() == "paragraph")
            .map(|p| self.doc[p.byte_range()].trim())
            .filter(|words| words.ends_with(':'))
        {
            return Some(words.to_string());
        }
        self.lead(outer)
    }

    /// An agent file's list item: its own blocks, without nested lists (whose
    /// items are instructions of their own).
    fn agent_item(&mut self, item: Node<'a>) {
        let mut b = Builder::new(self.doc);
        for child in children(item) {
            if child.kind() != "list" && is_block(child) {
                b.sep(Sep::Line);
                self.block(&mut b, child, Sep::Line);
            }
        }
        let (indent, marker, content) = self.item_prefix(item);
        let layout = Layout {
            sibling_prefix: Some(format!("{}{indent}{marker} ", self.line_end)),
            continuation_prefix: format!("{}{content}", self.line_end),
            directive_line: Some(DirectiveLine {
                line_start: line_start(self.doc, item.start_byte()),
                indent,
            }),
            line_end: self.line_end.to_string(),
        };
        let range = item.start_byte()..self.content_end(item);
        self.emit(InstructionKind::AgentRule, b, range, Vec::new(), layout);
        let lead = self.lead(item);
        let elsewhere = self.named_elsewhere(item);
        let over_nested_items = children(item).any(|c| c.kind() == "list");
        let under_an_example_heading = self.under_an_example_heading(item);
        if let Some(last) = self.emitted_for(item) {
            last.lead = lead;
            last.elsewhere = elsewhere;
            last.over_nested_items = over_nested_items;
            last.under_an_example_heading = under_an_example_heading;
        }
    }

    fn agent_paragraph(&mut self, paragraph: Node<'a>) {
        let mut b = Builder::new(self.doc);
        if let Some(inline) = child_of_kind(paragraph, "inline") {
            self.inline(&mut b, inline, false);
        }
        let indent = indent_before(self.doc, paragraph.start_byte());
        let layout = Layout {
            sibling_prefix: None,
            continuation_prefix: format!("{}{indent}", self.line_end),
            directive_line: Some(DirectiveLine {
                line_start: line_start(self.doc, paragraph.start_byte()),
                indent,
            }),
            line_end: self.line_end.to_string(),
        };
        let range = paragraph.start_byte()..self.content_end(paragraph);
        self.emit(InstructionKind::AgentRule, b, range, Vec::new(), layout);
        let elsewhere = self.named_elsewhere(paragraph);
        // "Example of a schema:" over "`db/schema/todos-schema.ts`", or a
        // heading ("## Example Type") right above it.
        let lead = paragraph
            .prev_named_sibling()
            .filter(|p| {
                matches!(p.kind(), "atx_heading" | "setext_heading")
                    || introduces_a_block(self.doc, *p)
            })
            .map(|p| self.doc[p.byte_range()].trim().to_string());
        let under_an_example_heading = self.under_an_example_heading(paragraph);
        if let Some(last) = self.emitted_for(paragraph) {
            last.elsewhere = elsewhere;
            last.lead = lead;
            last.under_an_example_heading = under_an_example_heading;
        }
    }

    /// Whether a heading above `node`, at any level, opens with "Example"
    /// (see [`Instruction::under_an_example_heading`]).
    fn under_an_example_heading(&self, node: Node<'a>) -> bool {
        std::iter::successors(node.parent(), |n| n.parent())
            .filter(|n| n.kind() == "section")
            .filter_map(|section| {
                children(section).find(|c| matches!(c.kind(), "atx_heading" | "setext_heading"))
            })
            .any(|h| opens_with_example(&self.doc[h.byte_range()]))
    }

    /// The names in backticks in `node` that a list before it gave as
    /// another repository's files (see [`Instruction::elsewhere`]).
    fn named_elsewhere(&self, node: Node<'a>) -> Vec<String> {
        let own = &self.doc[node.byte_range()];
        // Asked on every edit: most items name nothing in backticks, and
        // most documents place nothing in another repository, which one
        // pass of the pattern over the text tells before any walk of the
        // tree.
        if !own.contains('`') {
            return Vec::new();
        }
        let remote = self.elsewhere.get_or_init(|| {
            let mut found = Vec::new();
            if points_away(self.doc) {
                lists_from_elsewhere(self.doc, self.tree.block_tree().root_node(), &mut found);
            }
            found
        });
        let mut names: Vec<String> = remote
            .iter()
            .filter(|(end, _)| *end <= node.start_byte())
            .filter(|(_, name)| own.contains(&format!("`{name}`")))
            .map(|(_, name)| name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn task_document(&mut self, root: Node<'a>) {
        let mut b = Builder::new(self.doc);
        let mut suppression = Suppression::None;
        let mut body_start = 0;
        let mut top = Vec::new();
        flatten_sections(root, &mut top);
        for node in top {
            match node.kind() {
                "minus_metadata" | "plus_metadata" => body_start = body_start.max(node.end_byte()),
                "html_block" => {
                    for line in self.doc[node.byte_range()].lines() {
                        if let Some(s) = find_html_directive(line) {
                            suppression = suppression.merge(s);
                        }
                    }
                }
                _ if is_block(node) => {
                    b.sep(Sep::Blank);
                    self.block(&mut b, node, Sep::Blank);
                }
                _ => {}
            }
        }
        let layout = Layout {
            sibling_prefix: None,
            continuation_prefix: format!("{}{}", self.line_end, self.line_end),
            directive_line: Some(DirectiveLine {
                line_start: body_start,
                indent: String::new(),
            }),
            line_end: self.line_end.to_string(),
        };
        let range = 0..self.doc.len();
        if let Some(mut inst) =
            Self::finish(InstructionKind::TaskDocument, b, range, Vec::new(), layout)
        {
            inst.suppression = std::mem::take(&mut inst.suppression).merge(suppression);
            self.out.push(inst);
        }
    }

    fn emit(
        &mut self,
        kind: InstructionKind,
        b: Builder<'_>,
        range: Range<usize>,
        subitems: Vec<Range<usize>>,
        layout: Layout,
    ) {
        if !overlaps(&range, &self.within) {
            return;
        }
        let before = layout
            .directive_line
            .as_ref()
            .map_or(Suppression::None, |d| {
                directives_before(self.doc, d.line_start)
            });
        if let Some(mut inst) = Self::finish(kind, b, range, subitems, layout) {
            inst.suppression = std::mem::take(&mut inst.suppression).merge(before);
            self.out.push(inst);
        }
    }

    /// Turns a builder into an instruction: finds bare URLs and the
    /// directive in the text. `None` when there are no words at all.
    fn finish(
        kind: InstructionKind,
        b: Builder<'_>,
        range: Range<usize>,
        subitems: Vec<Range<usize>>,
        layout: Layout,
    ) -> Option<Instruction> {
        if b.text.is_empty() {
            return None;
        }
        let (text, map) = b.text.finish();
        let (verbatim, suppression) = super::urls_and_directive(&text, b.verbatim, &b.code);
        let runs_long = kind == InstructionKind::TaskItem
            && super::own_word_count(&text, &[&subitems, &verbatim]) > super::LONG_ITEM_WORDS;
        Some(Instruction {
            kind,
            text,
            map,
            range,
            marker: None,
            subitems,
            verbatim,
            labels: b.labels,
            marks_a_stub: false,
            marks_a_failing_test: false,
            next_to_a_stated_failure: false,
            beside_a_worded_marker: false,
            suppression,
            layout,
            in_task_list: false,
            in_a_work_section: false,
            lead: None,
            elsewhere: Vec::new(),
            under_an_item: false,
            over_nested_items: false,
            under_an_example_heading: false,
            in_a_designed_section: false,
            runs_long,
            in_a_long_form_list: false,
            in_a_document_with_criteria: false,
            published: false,
            planned: Vec::new(),
        })
    }

    /// The heading of the section `item` is in, which may say its lists are
    /// work to do ("## Tasks", "### Next steps", "To-Do List") or criteria
    /// ("## Acceptance criteria"). Only the nearest heading counts: "###
    /// Ideas for Spin-Offs" under "## Roadmap" lists ideas, and "#
    /// Contributing to Task Master" heads everything.
    /// Whether `item` asks a question, and another item of its list does
    /// too (see [`Self::asks_a_question`]).
    fn among_questions(&self, item: Node<'a>) -> bool {
        self.asks_a_question(item)
            && item.parent().is_some_and(|list| {
                children(list)
                    .filter(|c| c.kind() == "list_item" && c.id() != item.id())
                    .any(|c| self.asks_a_question(c))
            })
    }

    fn asks_a_question(&self, item: Node<'a>) -> bool {
        super::syntax::item_asks_a_question(self.doc, item)
    }

    /// Whether the heading of the section `item` is in marks its work
    /// finished (see [`heading_says_done`]).
    fn in_a_finished_section(&self, item: Node<'a>) -> bool {
        std::iter::successors(item.parent(), |n| n.parent())
            .find(|n| n.kind() == "section")
            .and_then(|section| {
                children(section).find(|c| matches!(c.kind(), "atx_heading" | "setext_heading"))
            })
            .is_some_and(|h| heading_says_done(&self.doc[h.byte_range()]))
    }

    /// Whether a heading above the item's own section, at any level, says
    /// that what is under it are questions, or what others owe ("## Open
    /// Questions" over "### Privacy & Legal").
    fn under_a_questions_heading(&self, item: Node<'a>) -> bool {
        std::iter::successors(item.parent(), |n| n.parent())
            .filter(|n| n.kind() == "section")
            .filter_map(|section| {
                children(section).find(|c| matches!(c.kind(), "atx_heading" | "setext_heading"))
            })
            .any(|h| {
                has_word_or_pair(
                    &self.doc[h.byte_range()],
                    QUESTION_HEADING_WORDS,
                    OWED_HEADING_PAIRS,
                )
            })
    }

    fn section_heading(&self, item: Node<'a>) -> Option<&'a str> {
        // A short paragraph that ends with a colon right before the list
        // labels it as a heading would ("**Open Questions (Updated):**").
        let label = item
            .parent()
            .and_then(|list| list.prev_named_sibling())
            .filter(|p| labels_a_list(*p))
            .map(|p| self.doc[p.byte_range()].trim())
            .filter(|t| {
                t.trim_end_matches('*').trim_end().ends_with(':')
                    && t.split_whitespace().count() <= 8
            })
            // "After all 9 tasks complete:" over a plan's self-review
            // checklist says when to run it, not what it lists (round 103).
            .filter(|t| !opens_a_condition(t));
        if label.is_some() {
            return label;
        }
        let mut node = item.parent();
        while let Some(n) = node {
            if n.kind() == "section" {
                return children(n)
                    .find(|c| matches!(c.kind(), "atx_heading" | "setext_heading"))
                    .map(|h| &self.doc[h.byte_range()]);
            }
            node = n.parent();
        }
        None
    }

    // ---- text -------------------------------------------------------------

    /// Appends the text of a block node; blocks inside it are separated by
    /// `sep`.
    fn block(&self, b: &mut Builder<'_>, node: Node<'a>, sep: Sep) {
        match node.kind() {
            "paragraph" => {
                if let Some(inline) = child_of_kind(node, "inline") {
                    self.inline(b, inline, false);
                }
            }
            // A heading after the first piece labels a section; the first
            // is the title, which states the work.
            "atx_heading" | "setext_heading" => {
                let title = b.pieces.is_empty();
                let label = b.span(|b| match child_of_kind(node, "inline") {
                    Some(inline) => self.inline(b, inline, false),
                    None => {
                        if let Some(p) = child_of_kind(node, "paragraph") {
                            self.block(b, p, sep);
                        }
                    }
                });
                if let Some(label) = label.filter(|_| !title) {
                    b.labels.push(label);
                }
            }
            "fenced_code_block" | "indented_code_block" => self.code_block(b, node),
            "list" => {
                for item in children(node).filter(|n| n.kind() == "list_item") {
                    b.sep(Sep::Line);
                    self.item_content(b, item);
                }
            }
            "block_quote" | "section" => {
                for child in children(node).filter(|n| is_block(*n)) {
                    b.sep(sep);
                    self.block(b, child, sep);
                }
            }
            _ => {}
        }
    }

    /// A list item's blocks, without its bullet and checkbox.
    fn item_content(&self, b: &mut Builder<'_>, item: Node<'a>) {
        for child in children(item).filter(|n| is_block(*n)) {
            b.sep(Sep::Line);
            self.block(b, child, Sep::Line);
        }
    }

    /// Appends an `inline` node line by line, without the container prefixes
    /// (`block_continuation`) and indentation, and marks its verbatim spans.
    fn inline(&self, b: &mut Builder<'_>, inline: Node<'a>, strip_nested_task: bool) {
        let excluded: Vec<Range<usize>> = children(inline)
            .filter(tree_sitter::Node::is_named)
            .map(|n| n.byte_range())
            .collect();
        let lines = lines_of(self.doc, &gaps(inline.byte_range(), &excluded));
        for (i, line) in lines.into_iter().enumerate() {
            let mut line = trim(self.doc, line, true);
            if i == 0
                && strip_nested_task
                && let Some(m) = NESTED_TASK_PREFIX.find(&self.doc[line.clone()])
            {
                line.start += m.end();
            }
            b.sep(Sep::Line);
            b.push(line);
        }
        // Parsed here, on demand: only the inline nodes of the instructions
        // in `within` are ever parsed.
        let Some(tree) = self.tree.inline_tree(self.doc, &inline) else {
            return;
        };
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if VERBATIM_INLINE.contains(&node.kind()) {
                if let Some(r) = b.doc_to_clean(node.byte_range()) {
                    if CODE_INLINE.contains(&node.kind()) {
                        b.code.push(r.clone());
                    }
                    b.verbatim.push(r);
                }
                continue;
            }
            stack.extend(children(node).filter(tree_sitter::Node::is_named));
        }
    }

    /// Appends a code block's source as one verbatim range.
    fn code_block(&self, b: &mut Builder<'_>, node: Node<'a>) {
        let mut excluded = Vec::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind() == "block_continuation" {
                excluded.push(n.byte_range());
            } else {
                stack.extend(children(n));
            }
        }
        excluded.sort_by_key(|r| r.start);
        let indented = node.kind() == "indented_code_block";
        let lines = lines_of(self.doc, &gaps(node.byte_range(), &excluded));
        let span = b.span(|b| {
            for (i, line) in lines.into_iter().enumerate() {
                b.sep(Sep::Line);
                b.push(trim(b.doc, line, indented && i == 0));
            }
        });
        if let Some(r) = span {
            b.code.push(r.clone());
            b.verbatim.push(r);
        }
    }

    // ---- layout -----------------------------------------------------------

    /// The indentation before a list item's marker, the marker as written
    /// (`-`, `*`, `1.`) and the indentation of the item's content (the
    /// indentation, then the marker and the spaces after it as blanks).
    fn item_prefix(&self, item: Node<'a>) -> (String, String, String) {
        let written = children(item)
            .find(|n| n.kind().starts_with("list_marker"))
            .map_or("- ", |n| &self.doc[n.byte_range()]);
        let marker = written.trim().to_string();
        let indent = indent_before(self.doc, item.start_byte());
        let mut content = indent.clone();
        content.extend(marker.chars().map(|_| ' '));
        match &written[marker.len()..] {
            "" => content.push(' '),
            after => content.push_str(after),
        }
        (indent, marker, content)
    }

    /// Where a block's content really ends: tree-sitter-md nodes run on over
    /// the next line's indentation and block-quote markers.
    fn content_end(&self, node: Node<'a>) -> usize {
        let start = node.start_byte();
        let mut s = self.doc[start..node.end_byte()].trim_end();
        loop {
            let last_line = s.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            if last_line == 0
                || !s[last_line..]
                    .chars()
                    .all(|c| c == '>' || c.is_whitespace())
            {
                break;
            }
            s = s[..last_line].trim_end();
        }
        start + s.len()
    }
}

// ---- helpers ---------------------------------------------------------------

fn children(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    (0..node.child_count()).filter_map(move |i| node.child(i as _))
}

fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    children(node).find(|n| n.kind() == kind)
}

fn has_child(node: Node<'_>, kind: &str) -> bool {
    child_of_kind(node, kind).is_some()
}

/// Code spans (`` `name` ``) in Markdown source.
pub(super) static CODE_SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`([^`\n]+)`").unwrap());

/// Collects, with its list's end, every name in backticks of a list that
/// the paragraph before it introduces as another repository's files (a
/// list of a section, not one nested in an item).
fn lists_from_elsewhere(doc: &str, node: Node<'_>, out: &mut Vec<(usize, String)>) {
    for child in children(node) {
        // A table of another repository's files is such a list too
        // ("Fetch raw files (base `https://raw.githubusercontent.com/…`)"
        // over "| Roles | `pkg/protocol/protobuf/keys.proto` |").
        let introduced_as_elsewhere = matches!(child.kind(), "list" | "pipe_table")
            && child
                .prev_named_sibling()
                .filter(|p| {
                    p.kind() == "paragraph" && p.parent().is_none_or(|n| n.kind() != "list_item")
                })
                .is_some_and(|p| points_away(&doc[p.byte_range()]));
        if introduced_as_elsewhere {
            let end = child.end_byte();
            for name in CODE_SPAN.captures_iter(&doc[child.byte_range()]) {
                let name = name[1].trim();
                out.push((end, name.strip_prefix('@').unwrap_or(name).to_string()));
            }
        } else if child.kind() == "paragraph" && points_away(&doc[child.byte_range()]) {
            // The layout such a paragraph gives ("Layout at v5.1.1:
            // `src/{vehicle.cpp, peer.cpp, …}`") names that repository's
            // files, which later lines cite by their full paths.
            let end = child.end_byte();
            for span in CODE_SPAN.captures_iter(&doc[child.byte_range()]) {
                out.extend(
                    expand_braces(span[1].trim())
                        .into_iter()
                        .map(|name| (end, name)),
                );
            }
        } else if matches!(child.kind(), "section" | "block_quote") {
            // Lists of files are blocks of a section; the walk does not
            // enter lists, so that an edit in a long checklist costs a
            // step per section, not per item.
            lists_from_elsewhere(doc, child, out);
        }
    }
}

/// The paths a layout in braces stands for: `src/{vehicle.cpp, peer.cpp,
/// …}` is `src/vehicle.cpp` and `src/peer.cpp`, `main/ble.{cpp,hpp}` is
/// `main/ble.cpp` and `main/ble.hpp`. A name without braces stands for
/// nothing: it is read as it is.
fn expand_braces(span: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (span.find('{'), span.rfind('}')) else {
        return Vec::new();
    };
    if close < open || span[open + 1..close].contains(['{', '}']) {
        return Vec::new();
    }
    let (head, tail) = (&span[..open], &span[close + 1..]);
    span[open + 1..close]
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty() && !part.chars().all(|c| matches!(c, '.' | '…')))
        .map(|part| format!("{head}{part}{tail}"))
        .collect()
}

/// Collects the code blocks that are blocks of a section, walking sections
/// only (see [`Cx::section_code`]).
fn section_code_blocks(node: Node<'_>, out: &mut Vec<Range<usize>>) {
    for child in children(node) {
        match child.kind() {
            "fenced_code_block" => out.push(child.byte_range()),
            "section" => section_code_blocks(child, out),
            _ => {}
        }
    }
}

/// Block nodes whose text belongs in an instruction.
fn is_block(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "paragraph"
            | "atx_heading"
            | "setext_heading"
            | "fenced_code_block"
            | "indented_code_block"
            | "list"
            | "block_quote"
            | "section"
    )
}

/// The document's top-level blocks, with sections opened.
fn flatten_sections<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    for child in children(node) {
        if child.kind() == "section" {
            flatten_sections(child, out);
        } else {
            out.push(child);
        }
    }
}

/// `range` without the `excluded` ranges (sorted, inside it).
fn gaps(range: Range<usize>, excluded: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for e in excluded {
        if e.start > at {
            out.push(at..e.start.min(range.end));
        }
        at = at.max(e.end);
    }
    if at < range.end {
        out.push(at..range.end);
    }
    out
}

/// The lines of several ranges, without the empty piece after a range's
/// final line end.
fn lines_of(doc: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    for r in ranges {
        let mut these = super::lines::split_lines(doc, r.clone());
        if these.last().is_some_and(std::ops::Range::is_empty) {
            these.pop();
        }
        lines.extend(these);
    }
    lines
}

/// A line without trailing whitespace and, with `leading`, indentation.
fn trim(doc: &str, mut r: Range<usize>, leading: bool) -> Range<usize> {
    if leading {
        r.start += doc[r.clone()].len() - doc[r.clone()].trim_start_matches([' ', '\t']).len();
    }
    r.end = r.start + doc[r.clone()].trim_end().len();
    r
}

/// What precedes `pos` on its line, as indentation: whitespace and
/// block-quote markers kept, anything else (an outer list marker on the same
/// line) turned into spaces.
fn indent_before(doc: &str, pos: usize) -> String {
    doc[line_start(doc, pos)..pos]
        .chars()
        .map(|c| {
            if c == '>' || c == ' ' || c == '\t' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The `<!-- handoff-ignore -->` lines right before the line at `start`.
fn directives_before(doc: &str, start: usize) -> Suppression {
    let mut found = Vec::new();
    let mut end = start;
    while end > 0 {
        let before = &doc[..end];
        let line_end = before
            .strip_suffix("\r\n")
            .or_else(|| before.strip_suffix('\n'))
            .or_else(|| before.strip_suffix('\r'))
            .map_or(end, str::len);
        let begin = line_start(doc, line_end);
        if begin >= end {
            break;
        }
        let line = doc[begin..line_end].trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        match find_html_directive(line) {
            Some(s) => found.push(s),
            None => break,
        }
        end = begin;
    }
    found
        .into_iter()
        .rev()
        .fold(Suppression::None, Suppression::merge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::SyntaxTree;
    use crate::fixes::{apply, materialize};
    use crate::language::Language;
    use crate::rules::{FixIntent, SplitPart};

    fn run(role: MarkdownRole, doc: &str, within: Range<usize>) -> Vec<Instruction> {
        match SyntaxTree::parse(Language::Markdown, doc, None) {
            SyntaxTree::Markdown(tree) => extract(role, doc, &tree, within),
            other => panic!("parse failed: {other:?}"),
        }
    }

    fn all(role: MarkdownRole, doc: &str) -> Vec<Instruction> {
        run(role, doc, 0..doc.len())
    }

    /// Whether each instruction of `doc` is read as a task.
    fn tasks_in(role: MarkdownRole, doc: &str) -> Vec<bool> {
        all(role, doc).iter().map(|i| i.in_task_list).collect()
    }

    fn texts(insts: &[Instruction]) -> Vec<&str> {
        insts.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn a_templates_sample_content_is_not_an_instruction() {
        // Real BMAD document-project task, as its AGENTS.md bundle carries
        // it (round 37): the template's outline is sample content; the
        // step after it, a level skipped, is the task's own.
        let doc = "# Document Project Task\n\n### 3. Core Documentation Generation\n\n[[LLM: Generate a comprehensive BROWNFIELD architecture document.\n\n**Document Structure**:\n\n# [Project Name] Brownfield Architecture Document\n\n## Source Tree\n\n### Key Modules\n\n- **User Management**: `src/services/userService.js` - Handles all user operations\n\n## Appendix\n\n- **Common Issues**: See `docs/troubleshooting.md`]]\n\n### 4. Document Delivery\n\n- Tell user to copy and save the document\n\n# Story: {{Title}}\n\n- Keep the story short\n\n# Review Task\n\n- Verify adherence to `docs/coding-standards.md`\n";
        let found = all(MarkdownRole::AgentInstructions, doc);
        let texts = texts(&found);
        assert!(
            !texts.iter().any(|t| t.contains("userService")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("troubleshooting")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("story short")),
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.contains("Tell user")), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.contains("coding-standards")),
            "{texts:?}"
        );
        for (heading, template) in [
            ("# [Project Name] Brownfield Architecture Document", true),
            ("# ADR-XXX: [Decision Title]", true),
            ("### Milestone 1: [Name]", true),
            ("# Story {{Enhancement Title}}", true),
            ("## Notes for {project_name}", true),
            ("## [Unreleased]", false),
            ("## [1.2.0] - 2024-01-01", false),
            ("## [Project Name](https://example.com)", false),
            (
                "### Task 3.2: Add \"See how [ChildName] is doing\" card per child",
                false,
            ),
            ("## Handling {braces}", false),
        ] {
            assert_eq!(is_a_template_heading(heading), template, "{heading}");
        }
    }

    #[test]
    fn a_markdown_example_with_fences_inside_is_not_an_instruction() {
        // Real BMAD bundle and gICM tutorial-creator agent: a Markdown
        // example whose inner fences are opened with a language and closed
        // bare, as people nest them.
        let doc = "# Agent\n\n- Write the tutorial like this:\n\n```markdown\n# Tutorial\n\n```bash\nnpm test\n```\n\n- [Part 2: Build](./02-bonding-curves.md)\n```\n\n- Keep steps short\n";
        let found = all(MarkdownRole::AgentInstructions, doc);
        assert_eq!(
            texts(&found),
            ["Write the tutorial like this:", "Keep steps short"]
        );
    }

    fn checklist(doc: &str) -> Vec<Instruction> {
        all(MarkdownRole::Checklist, doc)
    }

    /// Every verbatim range's text, as words.
    fn verbatim(inst: &Instruction) -> Vec<&str> {
        inst.verbatim
            .iter()
            .map(|r| &inst.text[r.clone()])
            .collect()
    }

    /// Every word of the text maps back to the same word in the document.
    fn assert_maps(doc: &str, inst: &Instruction) {
        let mut at = 0;
        for word in inst.text.split_whitespace() {
            let start = at + inst.text[at..].find(word).unwrap();
            let r = inst.map.range_to_doc(start..start + word.len());
            assert_eq!(&doc[r], word, "in {:?}", inst.text);
            at = start + word.len();
        }
    }

    #[test]
    fn open_task_items_with_every_bullet() {
        let doc = "# Plan\n\n- [ ] Fix the parser\n* [ ] Add a test\n+ [ ] Bump deps\n\n1. [ ] Write docs\n2) [ ] Ship\n";
        let insts = checklist(doc);
        assert_eq!(
            texts(&insts),
            [
                "Fix the parser",
                "Add a test",
                "Bump deps",
                "Write docs",
                "Ship"
            ]
        );
        for i in &insts {
            assert_eq!(i.kind, InstructionKind::TaskItem);
            assert_eq!(i.marker, None);
            assert_maps(doc, i);
        }
        assert_eq!(&doc[insts[0].range.clone()], "- [ ] Fix the parser");
        assert_eq!(insts[1].layout.sibling_prefix.as_deref(), Some("\n* [ ] "));
        assert_eq!(insts[3].layout.sibling_prefix.as_deref(), Some("\n1. [ ] "));
        assert_eq!(insts[3].layout.continuation_prefix, "\n   ");
        assert_eq!(&doc[insts[3].range.clone()], "1. [ ] Write docs");
    }

    #[test]
    fn done_items_are_skipped_but_not_their_open_children() {
        let doc = "- [x] Done thing\n- [X] Also done\n  - [ ] Open under done\n- plain item\n";
        let insts = checklist(doc);
        assert_eq!(texts(&insts), ["Open under done"]);
        assert_eq!(
            insts[0].layout.sibling_prefix.as_deref(),
            Some("\n  - [ ] ")
        );
        assert_eq!(insts[0].layout.continuation_prefix, "\n    ");
        let d = insts[0].layout.directive_line.as_ref().unwrap();
        assert_eq!(
            (d.line_start, d.indent.as_str()),
            (doc.find("  - [ ] Open").unwrap(), "  ")
        );
    }

    #[test]
    fn continuation_and_lazy_lines() {
        let doc = "- [ ] Fix the parser\n      so that it\nhandles lazy lines\n\nAfter.\n";
        let insts = checklist(doc);
        assert_eq!(
            texts(&insts),
            ["Fix the parser\nso that it\nhandles lazy lines"]
        );
        assert_eq!(
            &doc[insts[0].range.clone()],
            "- [ ] Fix the parser\n      so that it\nhandles lazy lines"
        );
        assert_maps(doc, &insts[0]);
        let so = insts[0].text.find("so").unwrap();
        let lazy = insts[0].text.find("lazy").unwrap();
        assert_eq!(
            &doc[insts[0].map.range_to_doc(so..lazy + 4)],
            "so that it\nhandles lazy"
        );
    }

    #[test]
    fn sub_items_are_part_of_the_text_and_open_ones_are_tasks_too() {
        let doc = "- [ ] Ship the release\n  - [ ] Tag it\n  - write notes\n    - with links\n  - [x] bump version\n- [ ] Next\n";
        let insts = checklist(doc);
        assert_eq!(
            texts(&insts),
            [
                // The ticked sub-item is done: not part of the work.
                "Ship the release\nTag it\nwrite notes\nwith links",
                "Tag it",
                "Next"
            ]
        );
        let parent = &insts[0];
        let subs: Vec<&str> = parent
            .subitems
            .iter()
            .map(|r| &parent.text[r.clone()])
            .collect();
        assert_eq!(subs, ["Tag it", "write notes\nwith links"]);
        assert!(insts[1].subitems.is_empty());
        assert_maps(doc, parent);
        assert_eq!(parent.range.end, doc.find("\n- [ ] Next").unwrap());
    }

    #[test]
    fn code_blocks_in_an_item_are_verbatim_text() {
        let doc = "- [ ] Make this print:\n\n  ```text\n  hello world\n  ```\n\n- [ ] Other\n";
        let insts = checklist(doc);
        assert_eq!(insts.len(), 2);
        assert_eq!(insts[0].text, "Make this print:\n```text\nhello world\n```");
        assert_eq!(verbatim(&insts[0]), ["```text\nhello world\n```"]);
        assert_maps(doc, &insts[0]);
    }

    #[test]
    fn code_html_and_front_matter_hold_no_tasks() {
        let doc = "---\ntodo:\n- [ ] front matter\n---\n\n```md\n- [ ] fenced\n```\n\n    - [ ] indented code\n\n<details>\n- [ ] in html\n</details>\n\n- [ ] real\n";
        assert_eq!(texts(&checklist(doc)), ["real"]);
        let toml = "+++\nx = \"- [ ] toml\"\n+++\n- [ ] real\n";
        assert_eq!(texts(&checklist(toml)), ["real"]);
    }

    #[test]
    fn a_task_whose_content_is_another_task() {
        let doc = "- [ ] - [ ] Implement x\n- [ ] - [ ]\n";
        let insts = checklist(doc);
        assert_eq!(texts(&insts), ["Implement x"]);
        assert_maps(doc, &insts[0]);
        assert_eq!(&doc[insts[0].range.clone()], "- [ ] - [ ] Implement x");
    }

    #[test]
    fn inline_code_links_and_html_are_verbatim() {
        let doc = "- [ ] Rename `old_name` per [the guide](https://x.dev/g) and <https://a.b/c>, see https://bare.io/x. <kbd>Ctrl</kbd> ![logo](img/l.png)\n";
        let insts = checklist(doc);
        assert_eq!(insts.len(), 1);
        let v = verbatim(&insts[0]);
        for expected in [
            "`old_name`",
            "https://x.dev/g",
            "<https://a.b/c>",
            "https://bare.io/x",
            "<kbd>",
            "</kbd>",
            "img/l.png",
        ] {
            assert!(v.contains(&expected), "{expected} not in {v:?}");
        }
        assert!(!v.iter().any(|s| s.contains("the guide")), "{v:?}");
        assert_maps(doc, &insts[0]);
    }

    #[test]
    fn crlf_tabs_and_emoji_map_exactly() {
        let doc = "Intro 🚀\r\n\r\n- [ ] Fix 😀 the\tparser\r\n  ünïcode 🎉 line\r\n  - [ ] sub 🐛 item\r\n";
        let insts = checklist(doc);
        assert_eq!(insts.len(), 2);
        assert_eq!(
            insts[0].text,
            "Fix 😀 the\tparser\nünïcode 🎉 line\nsub 🐛 item"
        );
        for inst in &insts {
            assert_maps(doc, inst);
            assert_eq!(inst.layout.line_end, "\r\n");
        }
        let t = &insts[0].text;
        let start = t.find("parser").unwrap();
        let end = t.find("🎉").unwrap() + "🎉".len();
        assert_eq!(
            &doc[insts[0].map.range_to_doc(start..end)],
            "parser\r\n  ünïcode 🎉"
        );
        assert_eq!(
            insts[1].layout.sibling_prefix.as_deref(),
            Some("\r\n  - [ ] ")
        );
        assert_eq!(insts[1].layout.continuation_prefix, "\r\n    ");
    }

    #[test]
    fn continuation_follows_the_marker_as_written() {
        let doc = "-\t[ ] tabbed\n10.  [ ] wide\n";
        let insts = checklist(doc);
        assert_eq!(texts(&insts), ["tabbed", "wide"]);
        assert_eq!(insts[0].layout.continuation_prefix, "\n \t");
        assert_eq!(insts[1].layout.continuation_prefix, "\n     ");
        assert_eq!(
            insts[1].layout.sibling_prefix.as_deref(),
            Some("\n10. [ ] ")
        );
    }

    #[test]
    fn block_quoted_tasks() {
        let doc = "> - [ ] quoted task\n>   more words\n> - [ ] second\n";
        let insts = checklist(doc);
        assert_eq!(texts(&insts), ["quoted task\nmore words", "second"]);
        assert_eq!(
            insts[0].layout.sibling_prefix.as_deref(),
            Some("\n> - [ ] ")
        );
        assert_eq!(
            &doc[insts[0].range.clone()],
            "- [ ] quoted task\n>   more words"
        );
        assert_maps(doc, &insts[0]);
    }

    #[test]
    fn directives_in_the_item_and_on_the_lines_before() {
        let doc = "<!-- handoff-ignore: hedge -->\n<!-- handoff-ignore: too-long -->\n- [ ] maybe fix it\n- [ ] also fix `handoff-ignore` docs\n- [ ] perhaps x handoff-ignore: vague-verb\n\n  <!-- handoff-ignore -->\n  - [ ] nested\n";
        let insts = checklist(doc);
        assert_eq!(insts.len(), 4);
        assert_eq!(
            insts[0].suppression,
            Suppression::Rules(vec!["hedge".into(), "too-long".into()])
        );
        assert_eq!(insts[1].suppression, Suppression::None);
        assert_eq!(
            insts[2].suppression,
            Suppression::Rules(vec!["vague-verb".into()])
        );
        assert!(verbatim(&insts[2]).contains(&"handoff-ignore: vague-verb"));
        assert_eq!(insts[3].text, "nested");
        assert_eq!(insts[3].suppression, Suppression::All);
    }

    #[test]
    fn within_returns_only_overlapping_instructions() {
        let doc = "- [ ] first\n- [ ] second\n- [ ] third\n";
        let at = doc.find("second").unwrap();
        assert_eq!(
            texts(&run(MarkdownRole::Checklist, doc, at..at + 2)),
            ["second"]
        );
        assert_eq!(
            texts(&run(MarkdownRole::Checklist, doc, at..at)),
            ["second"]
        );
        assert!(run(MarkdownRole::Checklist, doc, doc.len()..doc.len()).is_empty());
        let task = "# Task\n\nDo x.\n";
        assert_eq!(run(MarkdownRole::TaskDocument, task, 0..1).len(), 1);
        assert_eq!(run(MarkdownRole::TaskDocument, task, 12..13).len(), 1);
    }

    #[test]
    fn example_headings_open_with_the_word() {
        for h in [
            "## Examples",
            "### Example 1: Simple Bug Fix",
            "### 2. Example: a refactor",
        ] {
            assert!(opens_with_example(h), "{h}");
        }
        for h in [
            "## Counter-examples",
            "## Running the examples",
            "## Exampled",
        ] {
            assert!(!opens_with_example(h), "{h}");
        }
    }

    #[test]
    fn checklists_are_tasks_in_task_lists_and_under_work_headings() {
        let doc = "# Project\n\n## Verification\n\n- [ ] Build succeeds\n\n## Next steps\n\n- [ ] Cache the lookup\n\n### Ideas\n\n- [ ] A plugin API\n";
        let listed = tasks_in(MarkdownRole::Checklist, doc);
        assert_eq!(listed, [false, true, false]);
        // In a document that is not a task list, a section of work is one
        // of its parts (a README's "## TODO"); a document titled as work
        // is a task list.
        let sections: Vec<bool> = all(MarkdownRole::Checklist, doc)
            .iter()
            .map(|i| i.in_a_work_section)
            .collect();
        assert_eq!(sections, [false, true, false]);
        let titled =
            "# Next steps\n\n- [ ] Cache the lookup\n\nTasks\n=====\n\n- [ ] Cache the index\n";
        let sections: Vec<bool> = all(MarkdownRole::Checklist, titled)
            .iter()
            .map(|i| i.in_a_work_section)
            .collect();
        assert_eq!(sections, [false, false]);
        let listed = tasks_in(MarkdownRole::TaskList, doc);
        // In a task file (a plan), the verification list holds criteria,
        // and ideas are set aside, not handed over.
        assert_eq!(listed, [false, true, false]);
        assert!(is_plan_step(
            "- [ ] **Step 2: Rewrite the recurrence tests**"
        ));
        assert!(is_plan_step("- [ ] Step 3 — delete the moved bodies"));
        assert!(!is_plan_step("- [ ] Steps to reproduce the crash"));
        // Real roadmap items: ideas parked, and items done but not ticked.
        assert!(names_parked("## Hot ideas - parked"));
        // Real cursor-rules tasks (round 103): "Consider …" ideas left for
        // later.
        assert!(names_parked("## Carryovers"));
        assert!(names_parked("### Future Optimizations"));
        assert!(!names_parked("## Next steps"));
        for done in [
            "Rewrite the retrieval service DONE",
            "SQlite database with SQLAlchemy - DONE",
            "Transcribe all episodes ~125 OUT OF ~200 DONE (out of AAI credits)",
            "Ship the parser (done)",
            "Ship the parser ✅",
        ] {
            assert!(says_done(done), "{done}");
        }
        for open in [
            "Set up sqlalchemy and alembic",
            "Mark the job DONE when it finishes",
            "Retry until done",
        ] {
            assert!(!says_done(open), "{open}");
        }
        let doc = "# TODO\n\n- [ ] Rewrite the retrieval service DONE\n- [ ] Set up alembic\n";
        assert_eq!(all(MarkdownRole::TaskList, doc).len(), 1);
        // DevNews' PLAN.md (round 53): a phase marked finished in its
        // heading, its items left unticked.
        for done in [
            "## Phase 3: Storage Layer (Supabase) `[x]`",
            "### Milestone 1 ✅",
            "## Setup (completed)",
            "## Phase 2 — COMPLETE",
        ] {
            assert!(heading_says_done(done), "{done}");
        }
        for open in [
            "## Phase 4: Dashboard `[ ]`",
            "## Completed work to review",
            "## Incomplete",
        ] {
            assert!(!heading_says_done(open), "{open}");
        }
        let doc = "# Roadmap\n\n- [ ] Cache the lookup\n\n**Open Questions (Updated):**\n\n- [ ] How to handle recurring tasks?\n";
        let listed = tasks_in(MarkdownRole::TaskList, doc);
        assert_eq!(listed, [true, false]);
        // Real Lover-Clinic-OPD plan (round 103): a label that says when to
        // run the checklist is not its heading.
        let doc = "# Plan\n\n## Self-review checklist\n\nAfter all 9 tasks complete:\n\n- [ ] **Active.md updated** with the new test count?\n\n## Tasks\n\nThe remaining tasks:\n\n- [ ] Build the page\n";
        let listed = tasks_in(MarkdownRole::TaskList, doc);
        assert_eq!(listed, [false, true]);
        let doc = "# Plan\n\n## Phase 3: Storage `[x]`\n\n**Tasks**:\n- [ ] Supabase client setup (`src/lib/supabase.ts`)\n\n## Phase 4: Dashboard\n\n**Tasks**:\n- [ ] Build the dashboard page\n";
        let listed = tasks_in(MarkdownRole::TaskList, doc);
        assert_eq!(listed, [false, true]);
        // An item's own text over its sub-items is not a label.
        let doc = "# Notes\n\n- [ ] Review the open tasks:\n  - [ ] check the cache\n";
        let listed = tasks_in(MarkdownRole::Checklist, doc);
        assert_eq!(listed, [false, false]);
        for (heading, criteria) in [
            ("## Acceptance criteria", true),
            ("### Final verification", true),
            ("## Open Questions", true),
            ("### Mid-Phase Check (Day 7)", true),
            ("## Weekly sync", true),
            // Real raphaeltm/simple-agent-manager backlog item.
            ("## Research Needed", true),
            // Real client punch list (round 37): questions for the client.
            ("### Needed from Tom", true),
            ("## Waiting on legal", true),
            ("## Tasks", false),
            ("## Things we needed", false),
        ] {
            assert_eq!(names_criteria(heading), criteria, "{heading}");
        }
        for (heading, work) in [
            ("## To-Do List", true),
            ("### Action items", true),
            ("## Roadmap", true),
            ("## Phase 2: verification", false),
            ("# How it works", false),
        ] {
            assert_eq!(names_work(heading), work, "{heading}");
        }
    }

    #[test]
    fn agent_files_paragraphs_and_list_items() {
        let doc = "---\ndescription: rules\nglobs: \"*.rs\"\n---\n# Style\n\nAlways run `cargo fmt`.\nKeep lines short.\n\n- Prefer small functions\n  - Even smaller ones\n- [ ] Migrate the config\n- [x] Old task\n\n> Quoted rule.\n\n```sh\ncargo test\n```\n\n| a | b |\n|---|---|\n| table | cell |\n\nSetext heading\n---\n\n<div>html rule</div>\n";
        let insts = all(MarkdownRole::AgentInstructions, doc);
        assert_eq!(
            texts(&insts),
            [
                "Always run `cargo fmt`.\nKeep lines short.",
                "Prefer small functions",
                "Even smaller ones",
                "Migrate the config",
                "Quoted rule."
            ]
        );
        let kinds: Vec<_> = insts.iter().map(|i| i.kind).collect();
        let rule = InstructionKind::AgentRule;
        assert_eq!(kinds, [rule, rule, rule, rule, rule]);
        assert_eq!(insts[0].layout.sibling_prefix, None);
        assert_eq!(insts[0].layout.continuation_prefix, "\n");
        assert_eq!(insts[1].layout.sibling_prefix.as_deref(), Some("\n- "));
        assert_eq!(insts[2].layout.sibling_prefix.as_deref(), Some("\n  - "));
        assert!(insts[1].subitems.is_empty());
        assert_eq!(insts[4].layout.continuation_prefix, "\n> ");
        assert_eq!(verbatim(&insts[0]), ["`cargo fmt`"]);
        for i in &insts {
            assert_maps(doc, i);
        }
    }

    #[test]
    fn task_document_is_one_instruction() {
        let doc = "---\nmode: agent\n---\n<!-- handoff-ignore: too-long -->\n# Fix the login bug\n\nUsers are logged out.\nIt happens on refresh.\n\n- [ ] Find the cause\n- [x] Reproduce\n  - nested note\n\n> Note: quoted.\n\n```\n$ cargo test\nok\n```\n\n<div>ignored</div>\n";
        let insts = all(MarkdownRole::TaskDocument, doc);
        assert_eq!(insts.len(), 1);
        let i = &insts[0];
        assert_eq!(i.kind, InstructionKind::TaskDocument);
        assert_eq!(
            i.text,
            "Fix the login bug\n\nUsers are logged out.\nIt happens on refresh.\n\nFind the cause\nReproduce\nnested note\n\nNote: quoted.\n\n```\n$ cargo test\nok\n```"
        );
        assert_eq!(verbatim(i), ["```\n$ cargo test\nok\n```"]);
        assert_eq!(i.range, 0..doc.len());
        assert_eq!(i.suppression, Suppression::Rules(vec!["too-long".into()]));
        assert_eq!(i.layout.sibling_prefix, None);
        assert_eq!(i.layout.continuation_prefix, "\n\n");
        let d = i.layout.directive_line.as_ref().unwrap();
        assert_eq!(
            (d.line_start, d.indent.as_str()),
            (doc.find("<!--").unwrap(), "")
        );
        assert!(i.subitems.is_empty());
        assert_maps(doc, i);
    }

    #[test]
    fn a_prompt_that_defines_a_persona_is_read_as_standing_rules() {
        // Real automatic-agent-platform role prompt (round 69).
        let doc = "# Research Scholar\n\nYou are a Research Scholar specializing in academic literature collection and synthesis.\n\n## Guidelines\n- Verify citation accuracy\n- Use peer-reviewed sources when possible\n";
        let insts = all(MarkdownRole::TaskDocument, doc);
        let kinds: Vec<_> = insts.iter().map(|i| i.kind).collect();
        let rule = InstructionKind::AgentRule;
        assert_eq!(kinds, [rule, rule, rule]);
        // What the agent does, in general; a persona with a role's sections.
        for doc in [
            "# reviewer\n\nYou review implementation outputs for correctness, risk, and readiness before completion.\n",
            "# Support\n\nYou are a support agent. Be kind.\n\n## Guidelines\n- Answer in English\n",
        ] {
            let insts = all(MarkdownRole::TaskDocument, doc);
            assert!(insts.iter().all(|i| i.kind == rule), "{doc}");
        }
        // A persona that then hands work over is a task.
        for doc in [
            "You are a senior engineer. Fix the flaky login test in `auth.rs`.\n",
            "You will migrate the settings page to the new form library.\n",
            "# Fix the login bug\n\nUsers are logged out on refresh.\n",
        ] {
            let insts = all(MarkdownRole::TaskDocument, doc);
            assert_eq!(insts.len(), 1, "{doc}");
            assert_eq!(insts[0].kind, InstructionKind::TaskDocument, "{doc}");
        }
    }

    #[test]
    fn split_round_trip_writes_sibling_tasks() {
        let doc = "- [ ] Epic\n  - [ ] rewrite auth, add tests\n  - [ ] other\n";
        let insts = checklist(doc);
        let inst = insts
            .iter()
            .find(|i| i.text.starts_with("rewrite"))
            .unwrap();
        let comma = inst.text.find(',').unwrap();
        let intent = FixIntent::Split {
            parts: vec![
                SplitPart {
                    range: 0..comma,
                    prefix: None,
                },
                SplitPart {
                    range: comma + 2..inst.text.len(),
                    prefix: None,
                },
            ],
        };
        let fix = materialize(doc, inst, &intent).unwrap();
        assert_eq!(
            apply(doc, &fix.edits),
            "- [ ] Epic\n  - [ ] rewrite auth\n  - [ ] add tests\n  - [ ] other\n"
        );
    }

    #[test]
    fn append_line_goes_after_the_item_text_before_its_sub_items() {
        let doc =
            "- [ ] Ship the release\n  across two lines\n  - [ ] Tag it\n  - Notes\n- [ ] Next\n";
        let insts = checklist(doc);
        let intent = FixIntent::AppendLine {
            title: "Add done criteria".into(),
            line: "Done when: tagged".into(),
        };
        let fix = materialize(doc, &insts[0], &intent).unwrap();
        assert_eq!(
            apply(doc, &fix.edits),
            "- [ ] Ship the release\n  across two lines\n  Done when: tagged\n  - [ ] Tag it\n  - Notes\n- [ ] Next\n"
        );
        // And the appended line reads back as part of the item.
        let fixed = apply(doc, &fix.edits);
        assert_eq!(
            checklist(&fixed)[0].text,
            "Ship the release\nacross two lines\nDone when: tagged\nTag it\nNotes"
        );
    }

    #[test]
    fn degenerate_documents_do_not_panic() {
        for doc in [
            "",
            "- [ ]",
            "- [ ]\n",
            "-",
            "\r",
            "- [ ] a\r- [ ] b\r",
            "> ",
            "* [ ] \n  ```\n",
            "1. [ ] x\n   >",
            "- [ ] x\n\t- [ ] y",
            "<!-- handoff-ignore -->",
        ] {
            for role in [
                MarkdownRole::Checklist,
                MarkdownRole::AgentInstructions,
                MarkdownRole::TaskDocument,
            ] {
                for inst in all(role, doc) {
                    assert_maps(doc, &inst);
                    assert!(inst.range.end <= doc.len());
                }
            }
        }
    }
}
