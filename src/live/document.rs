//! One open document: its text, syntax tree, instructions and their findings,
//! kept up to date edit by edit. No LSP here: positions are
//! [`crate::document::Position`]s in the document's encoding, and what the
//! language server makes of each instruction's findings (their diagnostics'
//! JSON) is a [`Render`] it supplies.
//!
//! Updating takes two steps. [`Document::apply_changes`] writes each edit
//! into the text and the tree's positions and moves the instructions it did
//! not touch: microseconds, so a burst of keystrokes costs little. The first
//! reader, or [`Document::settle`], then reparses once with the old tree for
//! all of them: only the region the edits touched, widened by what
//! tree-sitter reports as changed and by one line on each side, is extracted
//! again. Only instructions whose text changed are linted again: findings
//! are cached by instruction (kind, text, marker, verbatim ranges,
//! sub-items, suppression), since rules never see where an instruction sits.
//!
//! Between the two steps the instructions still agree with the text (those
//! an edit touched are gone, the others have moved), so nothing read then
//! can point at the wrong bytes. [`Document::findings`], once settled,
//! equals what [`Linter::check_text`] finds on the same text.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::document::{Position, PositionEncoding, overlaps, touches};
use crate::extract::nested_fences;
use crate::extract::plan::DocumentPlan;
use crate::extract::{self, Instruction, InstructionKind, Layout, SyntaxTree};
use crate::language::{FileKind, Language, MarkdownRole};
use crate::lint::{self, Finding, InstructionFinding, Linter};
use crate::suppress::Suppression;
use crate::workspace::Workspace;

use super::text::DocText;

/// Past this many content changes in one notification, the document is
/// rebuilt once instead of updated change by change.
const MAX_INCREMENTAL_CHANGES: usize = 16;

/// What linting a document needs besides its text.
#[derive(Clone)]
pub struct LintContext {
    pub linter: Arc<Linter>,
    pub workspace: Arc<dyn Workspace + Send + Sync>,
    /// `false` when settings turn handoff off or the configuration excludes
    /// the file: the document is tracked but not linted.
    pub enabled: bool,
}

impl LintContext {
    /// A context with `linter` and no workspace.
    pub fn new(linter: Arc<Linter>) -> Self {
        LintContext {
            linter,
            workspace: Arc::new(crate::workspace::NoWorkspace),
            enabled: true,
        }
    }
}

/// What a document's user makes of each instruction's findings, kept with
/// them and made again only when the instruction is linted again or its
/// columns move (the language server writes their diagnostics' JSON once).
pub trait Render {
    type Output: std::fmt::Debug + Default + Send + Sync;
    /// `findings` rendered, their lines counted from `base_line` (so that
    /// an instruction that moves by whole lines keeps its output).
    fn render(
        &self,
        text: &DocText,
        encoding: PositionEncoding,
        base_line: u32,
        findings: &[Finding],
    ) -> Self::Output;
}

/// Renders nothing: for users that read the findings themselves.
impl Render for () {
    type Output = ();
    fn render(&self, _: &DocText, _: PositionEncoding, _: u32, _: &[Finding]) {}
}

/// An instruction with its findings, placed in the document, and what the
/// [`Render`] made of them.
#[derive(Debug, Clone)]
pub struct Entry<O> {
    pub instruction: Instruction,
    pub findings: Vec<Finding>,
    /// The findings rendered, lines counted from `base_line`.
    pub rendered: Arc<O>,
    /// The line `rendered`'s line numbers are relative to: moves with the
    /// entry.
    pub base_line: u32,
}

/// A content change, as an editor sends it: the text between two positions
/// (in the document's encoding) replaced, or the whole text when there is
/// no range.
#[derive(Debug, Clone)]
pub struct Change {
    pub range: Option<(Position, Position)>,
    pub text: String,
}

/// What a rule may read of an instruction: everything but where it sits in
/// the document. Findings are cached by it, so that an instruction that
/// moved but did not change keeps its findings; anything a rule reads and
/// this leaves out would make the cache give another instruction's
/// findings (`tests/incremental.rs` finds such a field).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CacheKey {
    kind: InstructionKind,
    text: String,
    marker: Option<String>,
    verbatim: Vec<Range<usize>>,
    labels: Vec<Range<usize>>,
    marks_a_stub: bool,
    marks_a_failing_test: bool,
    next_to_a_stated_failure: bool,
    beside_a_worded_marker: bool,
    subitems: Vec<Range<usize>>,
    suppression: (u8, Vec<String>),
    in_task_list: bool,
    in_a_work_section: bool,
    lead: Option<String>,
    elsewhere: Vec<String>,
    under_an_item: bool,
    over_nested_items: bool,
    under_an_example_heading: bool,
    in_a_designed_section: bool,
    in_a_long_form_list: bool,
    in_a_document_with_criteria: bool,
    published: bool,
    planned: Vec<crate::extract::plan::Planned>,
    /// The layout's text (a doc comment's `///` says what it is), not its
    /// position.
    layout: (Option<String>, String, Option<String>, String),
}

impl CacheKey {
    fn of(i: &Instruction) -> Self {
        // Every field, named: a field added to `Instruction` does not
        // compile here until it is in the key or said to be a position.
        let Instruction {
            kind,
            text,
            map: _,
            range: _,
            marker,
            subitems,
            verbatim,
            labels,
            marks_a_stub,
            marks_a_failing_test,
            next_to_a_stated_failure,
            beside_a_worded_marker,
            suppression,
            layout,
            in_task_list,
            in_a_work_section,
            lead,
            elsewhere,
            under_an_item,
            over_nested_items,
            under_an_example_heading,
            in_a_designed_section,
            // Counted from the text, the sub-items and the code spans.
            runs_long: _,
            in_a_long_form_list,
            in_a_document_with_criteria,
            published,
            planned,
        } = i;
        let suppression = match suppression {
            Suppression::None => (0, Vec::new()),
            Suppression::All => (1, Vec::new()),
            Suppression::Rules(r) => (2, r.clone()),
        };
        let Layout {
            sibling_prefix,
            continuation_prefix,
            directive_line,
            line_end,
        } = layout;
        CacheKey {
            kind: *kind,
            text: text.clone(),
            marker: marker.clone(),
            verbatim: verbatim.clone(),
            labels: labels.clone(),
            marks_a_stub: *marks_a_stub,
            marks_a_failing_test: *marks_a_failing_test,
            next_to_a_stated_failure: *next_to_a_stated_failure,
            beside_a_worded_marker: *beside_a_worded_marker,
            subitems: subitems.clone(),
            suppression,
            in_task_list: *in_task_list,
            in_a_work_section: *in_a_work_section,
            lead: lead.clone(),
            elsewhere: elsewhere.clone(),
            under_an_item: *under_an_item,
            over_nested_items: *over_nested_items,
            under_an_example_heading: *under_an_example_heading,
            in_a_designed_section: *in_a_designed_section,
            in_a_long_form_list: *in_a_long_form_list,
            in_a_document_with_criteria: *in_a_document_with_criteria,
            published: *published,
            planned: planned.clone(),
            layout: (
                sibling_prefix.clone(),
                continuation_prefix.clone(),
                directive_line.as_ref().map(|d| d.indent.clone()),
                line_end.clone(),
            ),
        }
    }
}

/// An open document; `R` renders each instruction's findings.
pub struct Document<R: Render = ()> {
    pub path: PathBuf,
    pub kind: FileKind,
    pub version: i32,
    pub encoding: PositionEncoding,
    /// Bumped whenever the findings may have changed (edits, new
    /// configuration): pull diagnostics' result id.
    pub generation: u64,
    text: DocText,
    /// `None` when the file is too large to check (or after a failure).
    tree: Option<SyntaxTree>,
    entries: Vec<Entry<R::Output>>,
    cache: HashMap<CacheKey, Arc<Vec<InstructionFinding>>>,
    cx: LintContext,
    max_file_size: u64,
    /// An edit reached past the end of the text: the client's document and
    /// this copy no longer agree, so nothing is reported and no fix offered
    /// (its edits could land in the wrong place) until the client sends the
    /// whole text again (reopening the document).
    pub out_of_sync: bool,
    /// The text holds a NUL byte: binary, not checked (as `handoff check`
    /// skips it).
    binary: bool,
    /// Edits applied to the text since the last analysis.
    pending: Option<Pending>,
    /// What a Markdown document says it makes and moves, read again only
    /// when an edit is on a line that says so (or did).
    plan: DocumentPlan,
    /// Whether the Markdown document writes its open items long (see
    /// [`Instruction::in_a_long_form_list`]).
    long_form: bool,
    /// Whether the document says when its work is done (see
    /// [`Instruction::in_a_document_with_criteria`]).
    with_criteria: bool,
    render: R,
}

/// Edits written into the text, not yet reparsed, extracted and linted.
struct Pending {
    /// The tree from before the edits, its positions edited to match the
    /// text; `None` when the text is to be parsed whole.
    old_tree: Option<SyntaxTree>,
    /// The bytes the edits wrote, in the current text.
    written: Range<usize>,
    /// `written`, widened by the instructions the edits touched (which were
    /// dropped).
    region: Range<usize>,
    /// Whether an edit was on a line that says (or said) what the document
    /// makes or moves (see [`crate::extract::plan`]), which bears on
    /// instructions anywhere in it.
    replan: bool,
    /// Whether an edit was on a Markdown line holding `[[` or `]]`, which
    /// may open or close a block a document template is given in: what
    /// follows may have become, or stopped being, the template's.
    reaches_the_end: bool,
}

/// The span covering every example in one list and not the other: the
/// bytes whose blanking an edit changed. `None` when both lists are the
/// same.
fn differing_span(before: &[Range<usize>], after: &[Range<usize>]) -> Option<Range<usize>> {
    before
        .iter()
        .filter(|r| !after.contains(r))
        .chain(after.iter().filter(|r| !before.contains(r)))
        .cloned()
        .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
}

/// Whether Markdown lines hold `[[` or `]]`, which may open or close a block
/// a document template is given in (see [`Pending::reaches_the_end`]).
fn holds_brackets(lines: &str) -> bool {
    lines.contains("[[") || lines.contains("]]")
}

/// Where `r` is after the bytes in `edit` were replaced by `new_len` bytes;
/// a bound inside the replaced bytes goes to the edge of the new ones.
fn map_through(r: &Range<usize>, edit: &Range<usize>, new_len: usize) -> Range<usize> {
    let delta = new_len as isize - edit.len() as isize;
    let map = |at: usize, inside: usize| {
        if at <= edit.start {
            at
        } else if at >= edit.end {
            shift(at, delta)
        } else {
            inside
        }
    };
    map(r.start, edit.start)..map(r.end, edit.start + new_len)
}

fn union(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

impl<R: Render> std::fmt::Debug for Document<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("path", &self.path)
            .field("version", &self.version)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

fn shift(offset: usize, delta: isize) -> usize {
    (offset as isize + delta).max(0) as usize
}

fn shift_range(r: &mut Range<usize>, delta: isize) {
    r.start = shift(r.start, delta);
    r.end = shift(r.end, delta);
}

impl Document {
    /// Opens a document that renders nothing, and lints it whole.
    pub fn new(
        path: PathBuf,
        kind: FileKind,
        version: i32,
        text: String,
        encoding: PositionEncoding,
        cx: LintContext,
        max_file_size: u64,
    ) -> Document {
        Document::open(path, kind, version, text, encoding, cx, max_file_size, ())
    }
}

impl<R: Render> Document<R> {
    /// Opens a document and lints it whole; `render` renders each
    /// instruction's findings.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        path: PathBuf,
        kind: FileKind,
        version: i32,
        text: String,
        encoding: PositionEncoding,
        cx: LintContext,
        max_file_size: u64,
        render: R,
    ) -> Document<R> {
        let mut doc = Document {
            path,
            kind,
            version,
            encoding,
            generation: 0,
            text: DocText::new(text),
            tree: None,
            entries: Vec::new(),
            cache: HashMap::new(),
            cx,
            max_file_size,
            out_of_sync: false,
            binary: false,
            pending: None,
            plan: DocumentPlan::default(),
            long_form: false,
            with_criteria: false,
            render,
        };
        doc.rebuild();
        doc
    }

    /// What renders each instruction's findings.
    pub fn renderer(&self) -> &R {
        &self.render
    }

    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    pub fn doc_text(&self) -> &DocText {
        &self.text
    }

    pub fn entries(&self) -> &[Entry<R::Output>] {
        &self.entries
    }

    pub fn linter(&self) -> &Arc<Linter> {
        &self.cx.linter
    }

    /// Whether the file is above the size limit, and so not checked.
    pub fn too_large(&self) -> bool {
        self.text.len() as u64 > self.max_file_size
    }

    /// Frees the syntax tree (most of an open document's memory). Findings
    /// stay; the next edit parses the text whole.
    pub fn drop_tree(&mut self) {
        self.tree = None;
        if let Some(p) = &mut self.pending {
            p.old_tree = None;
        }
    }

    /// Whether the text is not checked: too large, or binary.
    fn skipped(&self) -> bool {
        self.too_large() || self.binary
    }

    /// Keeps `binary` true to the text after `new_text` went in. A full
    /// scan only while the text was binary, which is rare.
    fn note_inserted(&mut self, new_text: &str) {
        if crate::document::is_binary(new_text.as_bytes()) {
            self.binary = true;
        } else if self.binary {
            self.binary = crate::document::is_binary(self.text.as_str().as_bytes());
        }
    }

    /// Every finding, in document order.
    pub fn findings(&self) -> impl Iterator<Item = (&Entry<R::Output>, &Finding)> {
        self.entries
            .iter()
            .flat_map(|e| e.findings.iter().map(move |f| (e, f)))
    }

    /// The byte offset of a position in the document's encoding (clamped).
    pub fn offset(&self, p: Position) -> usize {
        self.text.offset(p, self.encoding)
    }

    /// The position of a byte offset in the document's encoding.
    pub fn position(&self, offset: usize) -> Position {
        self.text.position(offset, self.encoding)
    }

    /// The byte range between two positions, in order.
    pub fn byte_range(&self, (a, b): (Position, Position)) -> Range<usize> {
        let a = self.offset(a);
        let b = self.offset(b);
        a.min(b)..a.max(b)
    }

    /// A new linter or workspace (configuration changed): everything is
    /// linted again.
    pub fn set_context(&mut self, cx: LintContext, max_file_size: u64) {
        self.cx = cx;
        self.max_file_size = max_file_size;
        // Cached findings came from the old rules.
        self.cache.clear();
        self.rebuild();
    }

    /// Forgets cached findings and lints again (files appeared or vanished,
    /// which `broken-reference` reads).
    pub fn relint(&mut self) {
        self.settle();
        self.generation += 1;
        self.cache.clear();
        let entries = std::mem::take(&mut self.entries);
        self.entries = entries
            .into_iter()
            .map(|e| self.lint_entry(e.instruction))
            .collect();
    }

    /// Applies content changes, in order, moves to `version`, and brings
    /// findings up to date.
    pub fn change(&mut self, version: i32, changes: Vec<Change>) {
        self.apply_changes(version, changes);
        self.settle();
    }

    /// Applies content changes, in order, and moves to `version`; the
    /// analysis waits for [`Document::settle`].
    pub fn apply_changes(&mut self, version: i32, mut changes: Vec<Change>) {
        self.version = version;
        self.generation += 1;
        // A whole-text change brings a lost document back; until then, edits
        // to a copy that is already wrong are not applied.
        let resync = changes.iter().rposition(|c| c.range.is_none());
        if self.out_of_sync && resync.is_none() {
            return;
        }
        let changes = changes.split_off(resync.unwrap_or(0));
        self.out_of_sync = false;
        let incremental =
            changes.len() <= MAX_INCREMENTAL_CHANGES && changes.iter().all(|c| c.range.is_some());
        for c in changes {
            match c.range {
                Some(r) => {
                    let lines = self.text.line_count() as u32;
                    if r.0.line >= lines || r.1.line >= lines {
                        self.lose_sync();
                        return;
                    }
                    let range = self.byte_range(r);
                    if incremental {
                        self.apply_edit(range, &c.text);
                    } else {
                        self.text.replace(range, &c.text);
                    }
                }
                None => self.text = DocText::new(c.text),
            }
        }
        if !incremental {
            self.start_over();
        }
    }

    /// The client sent an edit this copy cannot place: forget the findings.
    fn lose_sync(&mut self) {
        self.out_of_sync = true;
        self.entries.clear();
        self.tree = None;
        self.pending = None;
        self.generation += 1;
    }

    /// The text was replaced in a way not worth following: findings go, and
    /// the next analysis starts from the text alone.
    fn start_over(&mut self) {
        self.entries.clear();
        self.tree = None;
        let end = self.text.len();
        self.pending = Some(Pending {
            old_tree: None,
            written: 0..end,
            region: 0..end,
            replan: false,
            reaches_the_end: false,
        });
    }

    /// Parses, extracts and lints the whole text again.
    pub fn rebuild(&mut self) {
        self.entries.clear();
        self.tree = None;
        self.pending = None;
        self.generation += 1;
        self.binary = crate::document::is_binary(self.text.as_str().as_bytes());
        if self.skipped() || !self.cx.enabled {
            return;
        }
        let text = self.text.as_str();
        let tree = SyntaxTree::parse(self.kind.language, text, None);
        let mut instructions = extract::extract_unplanned(
            self.kind,
            text,
            &tree,
            self.cx.linter.extract_options(),
            0..text.len(),
        );
        self.plan = if self.kind.language == Language::Markdown {
            DocumentPlan::read(text)
        } else {
            DocumentPlan::default()
        };
        self.plan.annotate(&mut instructions);
        self.long_form = extract::mark_long_form(&mut instructions);
        self.with_criteria = extract::states_when_done(text, &tree);
        extract::set_criteria(&mut instructions, self.with_criteria);
        self.tree = Some(tree);
        let mut entries: Vec<Entry<R::Output>> = instructions
            .into_iter()
            .map(|i| self.lint_entry(i))
            .collect();
        sort_entries(&mut entries);
        self.entries = entries;
        self.trim_cache();
    }

    /// Replaces the bytes in `range` with `new_text` and brings instructions
    /// and findings up to date.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        self.apply_edit(range, new_text);
        self.settle();
    }

    /// Replaces the bytes in `range` with `new_text` in the text and in the
    /// tree's positions. Instructions the edit touches are dropped (their
    /// extent joins the region to analyse again); those after it move.
    pub fn apply_edit(&mut self, range: Range<usize>, new_text: &str) {
        let range = self.text.clamp(range);
        let old_lines = self.text.line_count();
        let line_end = crate::document::line_ending(self.text.as_str());
        let written = range.start..range.start + new_text.len();
        let markdown = self.kind.language == Language::Markdown;
        let replan = markdown && self.plans_on(range.clone());
        let brackets = markdown && self.lines_hold(range.clone(), holds_brackets);
        // An edit near a backtick or tilde can change which examples the
        // block parser is given blanked (see [`nested_fences`]): their
        // extents before the edit, to compare with those after.
        let examples_before = (markdown
            && (new_text.contains(['`', '~'])
                || self.lines_hold(range.clone(), |l| l.contains(['`', '~']))))
        .then(|| nested_fences::nested_markdown_examples(self.text.as_str()));
        let mut pending = match self.pending.take() {
            Some(mut p) => {
                p.written = union(&map_through(&p.written, &range, new_text.len()), &written);
                p.region = union(&map_through(&p.region, &range, new_text.len()), &written);
                p
            }
            None => Pending {
                old_tree: self.tree.take(),
                written: written.clone(),
                region: written.clone(),
                replan: false,
                reaches_the_end: false,
            },
        };
        if let Some(tree) = &mut pending.old_tree {
            tree.edit(self.text.as_str(), range.clone(), new_text);
        }
        self.text.replace(range.clone(), new_text);
        pending.replan |= replan || markdown && self.plans_on(written.clone());
        pending.reaches_the_end |=
            brackets || markdown && self.lines_hold(written.clone(), holds_brackets);
        // The bytes whose blanking changed were not edited, as the old tree
        // knows them: tell it they were, so that the reparse reads them.
        if let Some(before) = examples_before {
            let before: Vec<Range<usize>> = before
                .iter()
                .map(|r| map_through(r, &range, new_text.len()))
                .collect();
            let after = nested_fences::nested_markdown_examples(self.text.as_str());
            if let Some(changed) = differing_span(&before, &after) {
                if let Some(tree) = &mut pending.old_tree {
                    let bytes = self.text.as_str()[changed.clone()].to_string();
                    tree.edit(self.text.as_str(), changed.clone(), &bytes);
                }
                pending.written = union(&pending.written, &changed);
                pending.region = union(&pending.region, &changed);
            }
        }
        self.note_inserted(new_text);
        if crate::document::line_ending(self.text.as_str()) != line_end {
            // Fixes write the document's line end, which every cached
            // instruction carries: rare enough to start over.
            pending.old_tree = None;
        }

        let delta = new_text.len() as isize - range.len() as isize;
        let lines = self.text.line_count() as isize - old_lines as isize;
        let end_line_next = self.text.line_start(self.text.line_of(written.end) + 1);
        let mut entries = std::mem::take(&mut self.entries);
        entries.retain_mut(|e| {
            let r = e.instruction.range.clone();
            if r.end < range.start {
                true
            } else if r.start > range.end {
                Self::shift_entry(e, delta, lines);
                if e.instruction.range.start < end_line_next {
                    // On the edited line: columns moved too.
                    self.render_entry(e);
                }
                true
            } else {
                let moved = r.start.min(range.start)..shift(r.end, delta).max(written.end);
                pending.region = union(&pending.region, &moved);
                false
            }
        });
        self.entries = entries;
        self.pending = Some(pending);
    }

    /// Whether the findings are up to date with the text.
    pub fn is_settled(&self) -> bool {
        self.pending.is_none()
    }

    /// Analyses what the pending edits changed: one reparse with the old
    /// tree, then extraction and linting of the region they touched.
    pub fn settle(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let Some(old_tree) = pending.old_tree else {
            self.rebuild();
            return;
        };
        if self.skipped() {
            self.entries.clear();
            return;
        }
        // With a syntax error in a Markdown document, tree-sitter's error
        // recovery can place a list differently when it reuses the old tree
        // than on a fresh parse (inside its section, or in an `ERROR` node
        // after it), and that decides whether its items are tasks. Markdown
        // parses fast and is rarely broken: read it afresh, without first
        // reparsing a tree that is broken already.
        if old_tree.markdown_has_error() {
            self.rebuild();
            return;
        }
        let text = self.text.as_str();
        let tree = SyntaxTree::parse(self.kind.language, text, Some(&old_tree));
        if tree.markdown_has_error() {
            drop(old_tree);
            self.rebuild();
            return;
        }
        let changed = tree.changed_ranges_after_edit(&old_tree, pending.written.clone());

        let Range {
            start: mut lo,
            end: mut hi,
        } = pending.region;
        for r in &changed {
            lo = lo.min(r.start);
            hi = hi.max(r.end);
        }
        // A comment or string now running across either end of the region
        // changed as a whole.
        for at in [lo, hi] {
            if let Some(token) = tree.token_at(at) {
                lo = lo.min(token.start);
                hi = hi.max(token.end);
            }
        }
        // Whether the edit may have made, changed or removed a heading.
        let mut headings_touched = false;
        // In a Markdown checklist, the heading of a section decides whether
        // its items are tasks, and the paragraph that introduces a list is
        // read with its items (in agent files too): an edit that touches a
        // heading or such a paragraph, or makes or unmakes one, reaches
        // every item after it.
        if self.kind.language == Language::Markdown
            && matches!(
                self.kind.role,
                MarkdownRole::Checklist | MarkdownRole::TaskList | MarkdownRole::AgentInstructions
            )
        {
            let first = self.text.line_of(lo).saturating_sub(1);
            let near = self.text.line_start(first)..self.text.line_start(self.text.line_of(hi) + 2);
            let agent_file = self.kind.role == MarkdownRole::AgentInstructions;
            if pending.reaches_the_end
                || tree.heading_near(text, &near, agent_file)
                || old_tree.heading_near(text, &near, agent_file)
            {
                hi = text.len();
                headings_touched = true;
            }
            // A question's standing depends on the other items of its list.
            // An edit that split or joined lists: the old tree's lists too.
            let edited = lo..hi;
            for t in [&tree, &old_tree] {
                if let Some(list) = t.question_lists_touching(text, &edited) {
                    lo = lo.min(list.start);
                    hi = hi.max(list.end);
                }
            }
        }
        drop(old_tree);
        let hi = hi.min(text.len());
        let lo = lo.min(hi);
        let mut kept = std::mem::take(&mut self.entries);
        kept.retain(|e| !overlaps(&e.instruction.range, &(lo..hi)));

        // One line of context on each side: a comment line joining the one
        // above, a suppression directive on the line before an item.
        let first_line = self.text.line_of(lo).saturating_sub(1);
        // Below, for code: a bare marker at the end of a line reads the
        // lines above it for the marker it repeats.
        let below = match self.kind.language {
            Language::Markdown => 0,
            _ => extract::comments::MAX_LINES_TO_THE_MARKER_ABOVE,
        };
        let last_line = self.text.line_of(hi) + 2 + below;
        let mut within = self.text.line_start(first_line)..self.text.line_start(last_line);
        let options = self.cx.linter.extract_options();
        let mut extracted;
        let mut rounds = 0;
        loop {
            extracted = extract::extract_unplanned(self.kind, text, &tree, options, within.clone());
            let mut span = within.clone();
            for i in &extracted {
                span.start = span.start.min(i.range.start);
                span.end = span.end.max(i.range.end);
            }
            // An instruction the new ones overlap but that is outside the
            // region (a nested item whose parent grew): extract it too.
            let outside = kept.iter().any(|e| {
                overlaps(&e.instruction.range, &span) && !overlaps(&e.instruction.range, &within)
            });
            if !outside {
                break;
            }
            rounds += 1;
            if rounds > 3 {
                self.rebuild();
                return;
            }
            within = span;
        }
        kept.retain(|e| {
            !extracted
                .iter()
                .any(|i| overlaps(&i.range, &e.instruction.range))
        });
        self.tree = Some(tree);
        kept.reserve(extracted.len());
        // The plan changes only with a line that says what the document
        // makes or moves; then every instruction's share is read again.
        let replanned = pending.replan && {
            let plan = DocumentPlan::read(text);
            let changed = plan != self.plan;
            self.plan = plan;
            changed
        };
        self.plan.annotate(&mut extracted);
        // Whether the document is long-form counts every open item, the
        // kept ones with the new; when that changes, every item is checked
        // again.
        // Only a Markdown checklist runs long: code is not counted.
        let long_form = self.kind.language == Language::Markdown
            && extract::is_long_form(
                kept.iter().filter(|e| e.instruction.runs_long).count()
                    + extracted.iter().filter(|i| i.runs_long).count(),
            );
        extract::set_long_form(&mut extracted, long_form);
        extract::set_criteria(&mut extracted, self.with_criteria);
        for i in extracted {
            let e = self.lint_entry(i);
            kept.push(e);
        }
        if replanned {
            self.replan(&mut kept);
        }
        // A heading that says when the work is done, anywhere, decides how
        // every checklist item is read: a change reaches them all. Only an
        // edit near a heading can make one.
        let with_criteria = if headings_touched {
            self.tree
                .as_ref()
                .is_some_and(|tree| extract::states_when_done(self.text.as_str(), tree))
        } else {
            self.with_criteria
        };
        if long_form != self.long_form || with_criteria != self.with_criteria {
            self.long_form = long_form;
            self.with_criteria = with_criteria;
            self.restyle(&mut kept);
        }
        sort_entries(&mut kept);
        self.entries = kept;
        self.trim_cache();
    }

    /// Whether the lines around `range` say what the document makes or
    /// moves.
    fn plans_on(&self, range: Range<usize>) -> bool {
        let lines = self.lines_touched(range);
        let text = self.text.as_str();
        DocumentPlan::may_change_with(&text[..lines.start], &text[lines])
    }

    /// Whether the lines `range` touches pass `test`.
    fn lines_hold(&self, range: Range<usize>, test: fn(&str) -> bool) -> bool {
        test(&self.text.as_str()[self.lines_touched(range)])
    }

    /// The whole lines `range` touches, as a byte range.
    fn lines_touched(&self, range: Range<usize>) -> Range<usize> {
        let first = self.text.line_start(self.text.line_of(range.start));
        let last = self.text.line_start(self.text.line_of(range.end) + 1);
        first..last.max(first)
    }

    /// Brings every instruction's share of the document's plan up to date
    /// (an edit on one line can make a file another item names), checking
    /// again those whose share changed.
    fn replan(&mut self, entries: &mut [Entry<R::Output>]) {
        for e in entries.iter_mut() {
            if !e.instruction.text.contains('`') && e.instruction.planned.is_empty() {
                continue;
            }
            let planned = self.plan.bearing_on(&e.instruction.text);
            if planned != e.instruction.planned {
                let mut instruction = e.instruction.clone();
                instruction.planned = planned;
                *e = self.lint_entry(instruction);
            }
        }
    }

    /// Brings every kept checklist item's document-wide flags up to date
    /// (an edit made the document long-form or no longer, or added or took
    /// out a heading of success criteria), checking the ones that change
    /// again.
    fn restyle(&mut self, entries: &mut [Entry<R::Output>]) {
        for e in entries.iter_mut() {
            let stale = e.instruction.in_a_long_form_list != self.long_form
                || e.instruction.in_a_document_with_criteria != self.with_criteria;
            if e.instruction.kind == extract::InstructionKind::TaskItem && stale {
                let mut instruction = e.instruction.clone();
                instruction.in_a_long_form_list = self.long_form;
                instruction.in_a_document_with_criteria = self.with_criteria;
                *e = self.lint_entry(instruction);
            }
        }
    }

    fn trim_cache(&mut self) {
        if self.cache.len() > 2 * self.entries.len() + 256 {
            let live: std::collections::HashSet<CacheKey> = self
                .entries
                .iter()
                .map(|e| CacheKey::of(&e.instruction))
                .collect();
            self.cache.retain(|k, _| live.contains(k));
        }
    }

    fn lint_entry(&mut self, instruction: Instruction) -> Entry<R::Output> {
        let key = CacheKey::of(&instruction);
        let raw = if let Some(f) = self.cache.get(&key) {
            f.clone()
        } else {
            let f = Arc::new(self.cx.linter.check_instruction(
                &instruction,
                &self.path,
                self.cx.workspace.as_ref(),
            ));
            self.cache.insert(key, f.clone());
            f
        };
        let text = self.text.as_str();
        let mut findings: Vec<Finding> = raw
            .iter()
            .map(|f| lint::place(text, &instruction, f))
            .collect();
        lint::sort_findings(&mut findings);
        let mut e = Entry {
            instruction,
            findings,
            rendered: Arc::default(),
            base_line: 0,
        };
        self.render_entry(&mut e);
        e
    }

    fn render_entry(&self, e: &mut Entry<R::Output>) {
        e.base_line = self.text.line_of(e.instruction.range.start) as u32;
        e.rendered =
            Arc::new(
                self.render
                    .render(&self.text, self.encoding, e.base_line, &e.findings),
            );
    }

    fn shift_entry(e: &mut Entry<R::Output>, delta: isize, lines: isize) {
        if delta != 0 {
            let i = &mut e.instruction;
            shift_range(&mut i.range, delta);
            i.map.shift(delta);
            if let Some(d) = &mut i.layout.directive_line {
                d.line_start = shift(d.line_start, delta);
            }
            for f in &mut e.findings {
                shift_range(&mut f.range, delta);
                for r in &mut f.related {
                    shift_range(&mut r.range, delta);
                }
                for fix in &mut f.fixes {
                    for edit in &mut fix.edits {
                        shift_range(&mut edit.range, delta);
                    }
                }
            }
        }
        // The rendered lines are relative to the entry's.
        e.base_line = (e.base_line as isize + lines).max(0) as u32;
    }

    /// The innermost instruction at `offset`.
    pub fn entry_at(&self, offset: usize) -> Option<&Entry<R::Output>> {
        self.entries
            .iter()
            .filter(|e| touches(&e.instruction.range, &(offset..offset)))
            .min_by_key(|e| e.instruction.range.len())
    }
}

/// Entries in document order.
fn sort_entries<O>(entries: &mut [Entry<O>]) {
    entries.sort_by_key(|e| (e.instruction.range.start, e.instruction.range.end));
}
