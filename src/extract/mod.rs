//! Extraction: from a parsed file to the [`Instruction`]s written in it.
//!
//! Two extractors share one output type. `comments` reads the comment nodes of
//! a source file's tree-sitter tree and keeps those that start with a marker
//! (`TODO`, `@claude`, ...). `markdown` reads checklist items, agent
//! instruction files and whole task documents. Neither knows anything about
//! rules: an instruction is only cleaned text, where it came from, and how to
//! write a sibling next to it.

pub mod comments;
pub mod lines;
pub mod markdown;
pub mod markers;
pub mod nested_fences;
pub mod plan;
pub mod syntax;
pub mod text_map;

use std::ops::Range;

pub use syntax::SyntaxTree;
pub use text_map::{TextBuilder, TextMap};

use crate::language::{FileKind, Language, MarkdownRole};
use crate::suppress::Suppression;

/// Where an instruction was written, which decides which rules apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstructionKind {
    /// A code comment that starts with a marker.
    Comment,
    /// An open Markdown checklist item (`- [ ] ...`).
    TaskItem,
    /// A paragraph or list item of an agent instruction file.
    AgentRule,
    /// A whole task document (`*.prompt.md`), handed over as one delegation.
    TaskDocument,
}

/// What an instruction is to its reader, which decides which rules judge it
/// (see `docs/rules/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A delegation: an open checklist item, a task document, a comment
    /// addressed to an agent (`TODO(agent)`, `@claude`, `AI:`). It gets the
    /// full rule set: the receiver must act on it alone.
    Task,
    /// A note between maintainers: a plain `TODO`, `FIXME`, `HACK`, `XXX`.
    /// Its readers share the code's context, so only what is wrong for any
    /// reader is judged: nothing said, only a question, a bare topic.
    Note,
    /// A standing rule of an agent instruction file: guidance for every
    /// task, judged by rules made for standing rules.
    StandingRule,
}

impl Role {
    pub const ALL: &'static [Role] = &[Role::Task, Role::Note, Role::StandingRule];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Task => "task",
            Role::Note => "note",
            Role::StandingRule => "standing rule",
        }
    }
}

/// One delegated piece of work, as written in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub kind: InstructionKind,
    /// The words of the instruction: comment delimiters, the marker, bullets,
    /// checkboxes and indentation removed; lines joined with `\n`.
    pub text: String,
    /// From `text` back to the document.
    pub map: TextMap,
    /// The whole instruction in the document, delimiters and marker included.
    pub range: Range<usize>,
    /// The marker that made a comment an instruction (`TODO`, `TODO(agent)`,
    /// `@claude`), as written.
    pub marker: Option<String>,
    /// Ranges of `text` that are nested sub-items of a checklist item: the
    /// item's own breakdown.
    pub subitems: Vec<Range<usize>>,
    /// Ranges of `text` that are not prose: inline code, code blocks, link
    /// targets, the suppression directive. Rules never read words in them.
    pub verbatim: Vec<Range<usize>>,
    /// Ranges of `text` that label what follows rather than ask: a task
    /// document's section headings ("## Clarify if Needed"). Clarity rules
    /// read them as asides.
    pub labels: Vec<Range<usize>>,
    /// For a comment: whether it marks a stub, whose function name,
    /// condition or field says what is to be written: the whole body of a
    /// block, between braces on the lines next to it (`fn draw() {\n
    /// //TODO\n}`, an empty `if` branch, Python's `# TODO` over `pass`), or
    /// a `TODO` ending a line that sets a placeholder value
    /// (`isEncrypted: false, // TODO`), or on or over code that names a
    /// value not known yet (`Unk1 = reader.ReadBytes(2); // TODO`).
    pub marks_a_stub: bool,
    /// For a comment: whether the line after it switches a test off or
    /// expects it to fail (`#[should_panic]`, `#[ignore]`,
    /// `@pytest.mark.xfail`, `@Disabled`): the work is making it pass.
    pub marks_a_failing_test: bool,
    /// For a comment: whether the statement on the line after it, or the
    /// one it ends, stops, skips a test or warns with a message in words
    /// (`panic!("this should be an error")`, `t.Skip("flaky test") //
    /// TODO`): the message says what is wrong.
    pub next_to_a_stated_failure: bool,
    /// For a comment: whether a marker that says what to do is beside it.
    /// At the end of a line of code, on a line of the block right above it
    /// (no blank line between), which a bare marker repeats (`/* TODO */` on
    /// the shades under `--color-brand: #f50; /* TODO: replace with your
    /// primary */`); on a line of its own, on the comment line right under
    /// it, which it tags (`// TODO(gix)` over `// TODO(performance): make an
    /// efficient version of this available in gix`); or, alone on its
    /// line, over comment lines indented deeper, the list it heads.
    pub beside_a_worded_marker: bool,
    /// Which rules the author silenced for this instruction.
    pub suppression: Suppression,
    /// How to write text next to this instruction, for fixes.
    pub layout: Layout,
    /// For a checklist item: whether its list is one of work to do (a task
    /// file such as `TODO.md`, or a section headed "Tasks", "Roadmap",
    /// "Next steps"). Checklists elsewhere are criteria, feature lists and
    /// prerequisites, read as notes.
    pub in_task_list: bool,
    /// For a checklist item of a task list: whether the list is a section
    /// of a document that is not one ("## TODO" at the end of a README,
    /// "### Tasks" in a task description), not a task file or a document
    /// titled as one ("# Tasks"). The document around it defines its
    /// items' wording.
    pub in_a_work_section: bool,
    /// For a list item: the paragraph or heading right before its list,
    /// which introduces it and may say where the files the items name are
    /// ("Load these files from `github/gh-aw` (they are not available
    /// locally):") or that they are to be made ("## Deliverables"). For a
    /// nested list without one, the words of the item it is in when they
    /// end with a colon ("- **Examples**:"), else the outer list's.
    pub lead: Option<String>,
    /// For a Markdown list item or paragraph: the names in backticks it
    /// repeats from a list earlier in the document that was introduced as
    /// another repository's files ("After loading, follow
    /// `.github/aw/designer.md`" below "Load these files from
    /// `github/gh-aw`:"). Named again, they are still that repository's.
    pub elsewhere: Vec<String>,
    /// For a checklist item: whether it is nested in another list item, a
    /// step of that item's work ("- [ ] **Create Login Use Case**" over "- [
    /// ] Write unit tests"), which says what the step is for.
    pub under_an_item: bool,
    /// For an agent file's list item: whether a list is nested in it, whose
    /// items are rules of their own that spell out what it says ("- Follow
    /// Terraform best practices for naming" over "  - Use descriptive
    /// names").
    pub over_nested_items: bool,
    /// For an agent file's list item or paragraph: whether a heading above
    /// it, at any level, opens with "Example" ("## Examples", "### Example
    /// 1: Simple Bug Fix") or names anti-patterns ("### Generic Naming
    /// Anti-Patterns"). What is under it shows a made-up session or
    /// project ("sees changes in `src/auth/login.ts`"), or what not to do.
    pub under_an_example_heading: bool,
    /// For a checklist item: whether a section it is in (below the
    /// document's title) lays out a design in a code block before it, in
    /// the section or a subsection before the item's (a
    /// module's file tree, an interface, a schema), which the section's items
    /// implement ("- [ ] Implement repositories" under the tree that names
    /// `SupabaseFacultyRepository.ts`).
    pub in_a_designed_section: bool,
    /// For a checklist item: whether its own words (not its sub-items nor
    /// its code) run over [`LONG_ITEM_WORDS`].
    pub runs_long: bool,
    /// For a checklist item: whether its document writes open items long,
    /// [`LONG_FORM_ITEMS`] or more of them running over [`LONG_ITEM_WORDS`]
    /// (an agent-kept ledger whose items carry their evidence and checks).
    /// Their length is the document's convention, not one item's slip.
    pub in_a_long_form_list: bool,
    /// For a checklist item: whether its document says when its work is
    /// done, under a heading of its own ("## Success Criteria", "##
    /// Acceptance Criteria", "## Definition of Done"): a task written up
    /// whole, whose checklist lists the steps those criteria judge (a
    /// tracker's one file per task, `tasks/implement-cli-error-handling.md`).
    pub in_a_document_with_criteria: bool,
    /// For an instruction of an agent file: whether the file's front matter
    /// declares a `license` (Agent Skills' field for a skill packaged for
    /// others, as marketplaces and vendored skills carry). Such a file is
    /// written for any project that installs it: the files it names are
    /// the installing project's, and general advice is its purpose.
    pub published: bool,
    /// For a Markdown instruction: how its document's plan accounts for the
    /// paths it names in code spans (see [`plan::DocumentPlan`]): a file
    /// another item creates, or the old name of one the document renames.
    pub planned: Vec<plan::Planned>,
}

impl Instruction {
    /// What the instruction is to its reader: a comment is a task when its
    /// marker addresses an agent, and a note otherwise.
    pub fn role(&self) -> Role {
        match self.kind {
            InstructionKind::TaskDocument => Role::Task,
            InstructionKind::TaskItem if self.in_task_list => Role::Task,
            InstructionKind::TaskItem => Role::Note,
            InstructionKind::AgentRule => Role::StandingRule,
            InstructionKind::Comment => match &self.marker {
                Some(m) if markers::addresses_an_agent(m) => Role::Task,
                _ => Role::Note,
            },
        }
    }
}

/// What a fix needs to know to write new text beside an instruction in the
/// same style: same indentation, same comment delimiter, same bullet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Starts a sibling instruction on a new line: the line end, indentation,
    /// comment prefix or bullet and checkbox, and the marker (`\n// TODO: `,
    /// `\n  - [ ] `). `None` where the instruction cannot be split in place.
    pub sibling_prefix: Option<String>,
    /// Starts a new line that continues this instruction (`\n// `, `\n  `).
    pub continuation_prefix: String,
    /// Where a line-level directive goes: the start of the instruction's
    /// first line, and the text that precedes a directive there (indentation
    /// and, for comments, the comment prefix). `None` where the directive goes
    /// inside the instruction's own text.
    pub directive_line: Option<DirectiveLine>,
    /// The document's line end.
    pub line_end: String,
}

/// Where and how to write a suppression directive on its own line before an
/// instruction (Markdown: `<!-- handoff-ignore: rule -->`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveLine {
    pub line_start: usize,
    pub indent: String,
}

/// What the extractors can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Words that make a comment an instruction.
    pub markers: Vec<String>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            markers: markers::DEFAULT_MARKERS
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
        }
    }
}

/// The words past which a checklist item runs long, for its document's
/// convention ([`Instruction::in_a_long_form_list`]): too-long's default
/// limit.
pub const LONG_ITEM_WORDS: usize = 100;

/// How many long open items make a document long-form.
pub const LONG_FORM_ITEMS: usize = 10;

/// Whether a document whose open checklist items include `long` that run
/// long is written long-form.
pub fn is_long_form(long: usize) -> bool {
    long >= LONG_FORM_ITEMS
}

/// Marks each checklist item of a whole document's `instructions` with
/// whether the document is long-form, and returns it.
pub fn mark_long_form(instructions: &mut [Instruction]) -> bool {
    let long_form = is_long_form(instructions.iter().filter(|i| i.runs_long).count());
    set_long_form(instructions, long_form);
    long_form
}

/// Marks each checklist item of `instructions` as in a long-form
/// document, or not.
pub fn set_long_form(instructions: &mut [Instruction], long_form: bool) {
    for i in instructions
        .iter_mut()
        .filter(|i| i.kind == InstructionKind::TaskItem)
    {
        i.in_a_long_form_list = long_form;
    }
}

/// How many words `text` has outside `skip` (sub-items, code, links): a
/// word is a run without whitespace that holds a letter or a digit.
pub fn own_word_count(text: &str, skip: &[&[Range<usize>]]) -> usize {
    let mut count = 0;
    let mut at = 0;
    for word in text.split_whitespace() {
        let start = text[at..].find(word).map_or(at, |k| at + k);
        at = start + word.len();
        let skipped = skip
            .iter()
            .any(|ranges| ranges.iter().any(|r| r.start <= start && start < r.end));
        if !skipped && word.chars().any(char::is_alphanumeric) {
            count += 1;
        }
    }
    count
}

/// Extracts the instructions of a parsed file. Only instructions that
/// overlap `within` are returned (pass `0..text.len()` for all): the language
/// server re-extracts only the region an edit touched.
pub fn extract(
    kind: FileKind,
    text: &str,
    tree: &SyntaxTree,
    options: &ExtractOptions,
    within: Range<usize>,
) -> Vec<Instruction> {
    let whole = within.start == 0 && within.end >= text.len();
    let mut out = extract_unplanned(kind, text, tree, options, within);
    if kind.language == Language::Markdown {
        plan::DocumentPlan::annotate_from(text, &mut out);
        if whole {
            mark_long_form(&mut out);
            set_criteria(&mut out, states_when_done(text, tree));
        }
    }
    out
}

/// Marks each checklist item of `instructions` as in a document that says
/// when its work is done, or not.
pub fn set_criteria(instructions: &mut [Instruction], with_criteria: bool) {
    for i in instructions
        .iter_mut()
        .filter(|i| i.kind == InstructionKind::TaskItem)
    {
        i.in_a_document_with_criteria = with_criteria;
    }
}

/// Whether a Markdown document says, under a heading, when its work is
/// done (see [`Instruction::in_a_document_with_criteria`]); false for code.
pub fn states_when_done(text: &str, tree: &SyntaxTree) -> bool {
    match tree {
        SyntaxTree::Markdown(t) => markdown::states_when_done(text, t.block_tree().root_node()),
        _ => false,
    }
}

/// [`extract`], without each instruction's share of its document's plan
/// ([`Instruction::planned`] left empty): for a caller that keeps the plan
/// itself, as the engine for open documents does, reading it only when an
/// edit can change it.
pub fn extract_unplanned(
    kind: FileKind,
    text: &str,
    tree: &SyntaxTree,
    options: &ExtractOptions,
    within: Range<usize>,
) -> Vec<Instruction> {
    match (kind.language, tree) {
        (Language::Markdown, SyntaxTree::Markdown(tree)) => {
            markdown::extract(kind.role, text, tree, within)
        }
        (_, SyntaxTree::Code(tree)) => {
            comments::extract(kind.language, text, tree, options, within)
        }
        _ => Vec::new(),
    }
}

/// A bare URL in prose.
static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:https?://|ftp://|file://|www\.)[^\s<>`]+").unwrap()
});

/// Completes an instruction's non-prose spans, the same for comments and
/// Markdown: bare URLs not already inside a verbatim span, and the first
/// `handoff-ignore` directive outside inline code, which also says what the
/// author silenced. Returns the spans sorted.
fn urls_and_directive(
    text: &str,
    mut verbatim: Vec<Range<usize>>,
    code: &[Range<usize>],
) -> (Vec<Range<usize>>, Suppression) {
    for m in URL.find_iter(text) {
        let url = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        let r = m.start()..m.start() + url.len();
        if !verbatim
            .iter()
            .any(|v| v.start <= r.start && r.end <= v.end)
        {
            verbatim.push(r);
        }
    }
    let mut suppression = Suppression::None;
    let mut from = 0;
    while let Some(d) = crate::suppress::find_directive(&text[from..]) {
        let r = from + d.range.start..from + d.range.end;
        if code.iter().any(|c| c.start < r.end && r.start < c.end) {
            from = r.end;
            continue;
        }
        suppression = d.suppression;
        verbatim.push(r);
        break;
    }
    verbatim.sort_by_key(|r| (r.start, r.end));
    verbatim.dedup();
    (verbatim, suppression)
}

/// A cheap look at a file's bytes before parsing it: whether it can hold an
/// instruction at all. Most source files hold no marker and most Markdown
/// files no checkbox; parsing them would be most of a `handoff check` run.
/// It never says no to a file that holds an instruction.
#[derive(Debug, Clone)]
pub struct Prefilter {
    markers: Option<aho_corasick::AhoCorasick>,
}

impl Prefilter {
    pub fn new(options: &ExtractOptions) -> Self {
        let needles = markers::Markers::new(&options.markers).needles();
        let markers = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&needles)
            .ok();
        Prefilter { markers }
    }

    pub fn may_hold_instructions(&self, kind: FileKind, text: &str) -> bool {
        match (kind.language, kind.role) {
            // An open item needs its checkbox; GFM allows a tab inside.
            (Language::Markdown, MarkdownRole::Checklist | MarkdownRole::TaskList) => {
                text.contains("[ ]") || text.contains("[\t]")
            }
            (Language::Markdown, _) => true,
            // Without a matcher (it could not be built), parse everything.
            _ => self.markers.as_ref().is_none_or(|m| m.is_match(text)),
        }
    }
}

/// Parses and extracts in one go, for callers that do not keep the tree.
pub fn extract_all(kind: FileKind, text: &str, options: &ExtractOptions) -> Vec<Instruction> {
    let tree = SyntaxTree::parse(kind.language, text, None);
    extract(kind, text, &tree, options, 0..text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_prefilter_never_hides_an_instruction() {
        let options = ExtractOptions::default();
        let filter = Prefilter::new(&options);
        let cases = [
            ("a.rs", "fn a() {}\n// todo: cache it\n", true),
            ("a.rs", "fn a() {}\n// make this async AI!\n", true),
            ("a.py", "x = 1  # @Claude add a test\n", true),
            ("a.rs", "fn a() {}\n// just a note\n", false),
            ("TODO.md", "# Plan\n\n- [ ] Cache it\n", true),
            ("TODO.md", "# Plan\n\n-\t[\t] Cache it\n", true),
            ("TODO.md", "# Plan\n\n- [x] Cached\n", false),
            ("AGENTS.md", "Run the tests.\n", true),
            ("fix.prompt.md", "Cache it.\n", true),
        ];
        for (name, text, holds) in cases {
            let kind = FileKind::from_path(Path::new(name)).unwrap();
            let found = !extract_all(kind, text, &options).is_empty();
            let maybe = filter.may_hold_instructions(kind, text);
            assert!(maybe || !found, "{name}: {text:?} was filtered out");
            assert_eq!(found, holds, "{name}: {text:?}");
            if !holds && kind.language != Language::Markdown {
                assert!(!maybe, "{name}: {text:?} should be skipped");
            }
        }
    }
}
