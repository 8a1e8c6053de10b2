//! One open document: its text, syntax tree, instructions and their findings,
//! kept up to date edit by edit.
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
//! can point at the wrong bytes. [`Document::diagnostics`], once settled,
//! equals what [`Linter::check_text`] finds on the same text, converted to
//! LSP.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use crate::document::{Position, PositionEncoding};
use crate::extract::{self, Instruction, InstructionKind, Layout, SyntaxTree};
use crate::language::FileKind;
use crate::lint::{self, Finding, InstructionFinding, Linter};
use crate::suppress::Suppression;
use crate::workspace::Workspace;

use super::convert::{self, DiagnosticsJson};
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

/// An instruction with its findings, placed in the document and as LSP
/// diagnostics.
#[derive(Debug, Clone)]
pub struct Entry {
    pub instruction: Instruction,
    pub findings: Vec<Finding>,
    /// The findings as LSP diagnostics, serialised, lines counted from
    /// `base_line`.
    json: Arc<DiagnosticsJson>,
    /// The line `json`'s line numbers are relative to: moves with the entry.
    base_line: u32,
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
    subitems: Vec<Range<usize>>,
    suppression: (u8, Vec<String>),
    in_task_list: bool,
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
            suppression,
            layout,
            in_task_list,
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
            subitems: subitems.clone(),
            suppression,
            in_task_list: *in_task_list,
            layout: (
                sibling_prefix.clone(),
                continuation_prefix.clone(),
                directive_line.as_ref().map(|d| d.indent.clone()),
                line_end.clone(),
            ),
        }
    }
}

/// An open document.
pub struct Document {
    pub uri: lsp::Uri,
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
    entries: Vec<Entry>,
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

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("uri", &self.uri.as_str())
            .field("version", &self.version)
            .field("entries", &self.entries.len())
            .finish()
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && a.end > b.start)
        || (a.is_empty() && b.start <= a.start && a.start < b.end)
        || (b.is_empty() && a.start <= b.start && b.start < a.end)
}

fn shift(offset: usize, delta: isize) -> usize {
    (offset as isize + delta).max(0) as usize
}

fn shift_range(r: &mut Range<usize>, delta: isize) {
    r.start = shift(r.start, delta);
    r.end = shift(r.end, delta);
}

impl Document {
    /// Opens a document and lints it whole.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        uri: lsp::Uri,
        path: PathBuf,
        kind: FileKind,
        version: i32,
        text: String,
        encoding: PositionEncoding,
        cx: LintContext,
        max_file_size: u64,
    ) -> Document {
        let mut doc = Document {
            uri,
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
        };
        doc.rebuild();
        doc
    }

    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    pub fn doc_text(&self) -> &DocText {
        &self.text
    }

    pub fn entries(&self) -> &[Entry] {
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
    pub fn findings(&self) -> impl Iterator<Item = (&Entry, &Finding)> {
        self.entries
            .iter()
            .flat_map(|e| e.findings.iter().map(move |f| (e, f)))
    }

    /// The diagnostics for the current version, converted afresh (pull
    /// diagnostics; pushing uses [`Document::publish_params`]).
    pub fn diagnostics(&self) -> Vec<lsp::Diagnostic> {
        self.findings()
            .map(|(_, f)| convert::diagnostic(self, f))
            .collect()
    }

    /// How many diagnostics there are, without building them.
    pub fn diagnostic_count(&self) -> usize {
        self.entries.iter().map(|e| e.json.len()).sum()
    }

    /// The diagnostics for the current version as a JSON array, the same
    /// as serialising [`Document::diagnostics`], from the JSON cached per
    /// instruction.
    pub fn write_diagnostics(&self, out: &mut String) {
        out.reserve(
            self.entries
                .iter()
                .map(|e| e.json.size_hint() + 1)
                .sum::<usize>()
                + 2,
        );
        out.push('[');
        let mut first = true;
        for e in &self.entries {
            if e.json.is_empty() {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            e.json.write(e.base_line, out);
        }
        out.push(']');
    }

    /// The params of `textDocument/publishDiagnostics` for the current
    /// version, as JSON: `{"uri", "version", "diagnostics"}`.
    pub fn publish_params(&self) -> String {
        let mut out = String::new();
        self.write_publish_params(&mut out);
        out
    }

    /// Appends [`Document::publish_params`] to `out`.
    pub fn write_publish_params(&self, out: &mut String) {
        out.push_str("{\"uri\":");
        convert::push_str(out, self.uri.as_str());
        out.push_str(",\"version\":");
        out.push_str(&self.version.to_string());
        out.push_str(",\"diagnostics\":");
        self.write_diagnostics(out);
        out.push('}');
    }

    pub fn lsp_position(&self, offset: usize) -> lsp::Position {
        let p = self.text.position(offset, self.encoding);
        lsp::Position::new(p.line, p.column)
    }

    pub fn lsp_range(&self, range: &Range<usize>) -> lsp::Range {
        lsp::Range::new(self.lsp_position(range.start), self.lsp_position(range.end))
    }

    pub fn offset(&self, p: lsp::Position) -> usize {
        self.text.offset(
            Position {
                line: p.line,
                column: p.character,
            },
            self.encoding,
        )
    }

    pub fn byte_range(&self, r: lsp::Range) -> Range<usize> {
        let a = self.offset(r.start);
        let b = self.offset(r.end);
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

    /// Applies `didChange` content changes, in order, moves to `version`,
    /// and brings findings up to date.
    pub fn change(&mut self, version: i32, changes: &[lsp::TextDocumentContentChangeEvent]) {
        self.apply_changes(version, changes);
        self.settle();
    }

    /// Applies `didChange` content changes, in order, and moves to
    /// `version`; the analysis waits for [`Document::settle`].
    pub fn apply_changes(&mut self, version: i32, changes: &[lsp::TextDocumentContentChangeEvent]) {
        self.version = version;
        self.generation += 1;
        // A whole-text change brings a lost document back; until then, edits
        // to a copy that is already wrong are not applied.
        let resync = changes.iter().rposition(|c| c.range.is_none());
        if self.out_of_sync && resync.is_none() {
            return;
        }
        let changes = &changes[resync.unwrap_or(0)..];
        self.out_of_sync = false;
        let incremental =
            changes.len() <= MAX_INCREMENTAL_CHANGES && changes.iter().all(|c| c.range.is_some());
        for c in changes {
            match c.range {
                Some(r) => {
                    let lines = self.text.line_count() as u32;
                    if r.start.line >= lines || r.end.line >= lines {
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
                None => self.text = DocText::new(c.text.clone()),
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
        let instructions = extract::extract(
            self.kind,
            text,
            &tree,
            self.cx.linter.extract_options(),
            0..text.len(),
        );
        self.tree = Some(tree);
        let mut entries: Vec<Entry> = instructions
            .into_iter()
            .map(|i| self.lint_entry(i))
            .collect();
        entries.sort_by_key(|e| (e.instruction.range.start, e.instruction.range.end));
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
            },
        };
        if let Some(tree) = &mut pending.old_tree {
            tree.edit(self.text.as_str(), range.clone(), new_text);
        }
        self.text.replace(range.clone(), new_text);
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
                self.shift_entry(e, delta, lines);
                if e.instruction.range.start < end_line_next {
                    // On the edited line: columns moved too.
                    self.convert_entry(e);
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
        let text = self.text.as_str();
        let tree = SyntaxTree::parse(self.kind.language, text, Some(&old_tree));
        let changed = tree.changed_ranges_after_edit(&old_tree, pending.written.clone());
        drop(old_tree);

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
        let hi = hi.min(text.len());
        let lo = lo.min(hi);
        let mut kept = std::mem::take(&mut self.entries);
        kept.retain(|e| !overlaps(&e.instruction.range, &(lo..hi)));

        // One line of context on each side: a comment line joining the one
        // above, a suppression directive on the line before an item.
        let first_line = self.text.line_of(lo).saturating_sub(1);
        let last_line = self.text.line_of(hi) + 2;
        let mut within = self.text.line_start(first_line)..self.text.line_start(last_line);
        let options = self.cx.linter.extract_options();
        let mut extracted;
        let mut rounds = 0;
        loop {
            extracted = extract::extract(self.kind, text, &tree, options, within.clone());
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
        for i in extracted {
            let e = self.lint_entry(i);
            kept.push(e);
        }
        kept.sort_by_key(|e| (e.instruction.range.start, e.instruction.range.end));
        self.entries = kept;
        self.trim_cache();
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

    fn lint_entry(&mut self, instruction: Instruction) -> Entry {
        let key = CacheKey::of(&instruction);
        let raw = match self.cache.get(&key) {
            Some(f) => f.clone(),
            None => {
                let f = Arc::new(self.cx.linter.check_instruction(
                    &instruction,
                    &self.path,
                    self.cx.workspace.as_ref(),
                ));
                self.cache.insert(key, f.clone());
                f
            }
        };
        let text = self.text.as_str();
        let mut findings: Vec<Finding> = raw
            .iter()
            .map(|f| lint::place(text, &instruction, f))
            .collect();
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.rule.name).cmp(&(
                b.range.start,
                b.range.end,
                b.rule.name,
            ))
        });
        let mut e = Entry {
            instruction,
            findings,
            json: Arc::default(),
            base_line: 0,
        };
        self.convert_entry(&mut e);
        e
    }

    fn convert_entry(&self, e: &mut Entry) {
        e.base_line = self.text.line_of(e.instruction.range.start) as u32;
        e.json = Arc::new(DiagnosticsJson::new(
            &self.uri,
            &self.text,
            self.encoding,
            e.base_line,
            &e.findings,
        ));
    }

    fn shift_entry(&self, e: &mut Entry, delta: isize, lines: isize) {
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
        // The JSON's lines are relative to the entry's.
        e.base_line = (e.base_line as isize + lines).max(0) as u32;
    }

    /// The innermost instruction at `offset`.
    pub fn entry_at(&self, offset: usize) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| {
                let r = &e.instruction.range;
                r.start <= offset && offset <= r.end
            })
            .min_by_key(|e| e.instruction.range.len())
    }

    /// The path the document is checked as.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, DEFAULT_MAX_FILE_SIZE};
    use std::str::FromStr;

    fn open(path: &str, text: &str, encoding: PositionEncoding) -> Document {
        let path = Path::new(path);
        Document::open(
            lsp::Uri::from_str(&format!("file://{}", path.display())).unwrap(),
            path.to_path_buf(),
            FileKind::from_path(path).unwrap(),
            1,
            text.to_string(),
            encoding,
            LintContext::new(Arc::new(Linter::new(Arc::new(Config::default())))),
            DEFAULT_MAX_FILE_SIZE,
        )
    }

    /// The cached JSON, moved edit by edit, says what converting afresh says.
    fn check(doc: &Document, step: &str) {
        let params: serde_json::Value = serde_json::from_str(&doc.publish_params())
            .unwrap_or_else(|e| panic!("after {step}: {e}\n{}", doc.publish_params()));
        let expected = serde_json::to_value(lsp::PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics: doc.diagnostics(),
            version: Some(doc.version),
        })
        .unwrap();
        assert_eq!(params, expected, "after {step}:\n{}", doc.text());
        assert_eq!(doc.diagnostic_count(), doc.diagnostics().len());
    }

    fn random_edits(path: &str, text: &str, pieces: &[&str], seed: u64) {
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            let mut doc = open(path, text, encoding);
            check(&doc, "open");
            let mut state = seed;
            let mut next = |n: usize| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 33) as usize) % n.max(1)
            };
            for step in 0..200 {
                let len = doc.text().len();
                let mut start = next(len + 1);
                while !doc.text().is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + next(12)).min(len);
                if next(3) == 0 {
                    end = start;
                }
                while !doc.text().is_char_boundary(end) {
                    end -= 1;
                }
                let insert = pieces[next(pieces.len())];
                doc.version += 1;
                doc.apply_edit(start..end, insert);
                // Now and then edits pile up, as in a burst of keystrokes.
                if next(4) == 0 && step < 199 {
                    continue;
                }
                doc.settle();
                check(&doc, &format!("step {step}: {start}..{end} <- {insert:?}"));
            }
        }
    }

    #[test]
    fn cached_json_matches_fresh_diagnostics_in_rust() {
        let text = "fn main() {\n    // TODO: maybe fix this properly\n    let x = 1; // FIXME: rewrite auth, add tests and update the docs\n}\n\n/* TODO: clean up\n   somehow */\n// note\n// TODO(agent): handle it \"quoted\" \\ and\tmore\n//   and more\nfn b() { \"// TODO: not a comment\" }\n// TODO: rewrite auth, add tests and update the docs 😀\n";
        let pieces = [
            "",
            "x",
            " ",
            "\n",
            "// TODO: ",
            "maybe ",
            ", and ",
            "\n// ",
            "*/",
            "/*",
            "\"",
            "😀",
            "\r\n",
            "\n\n",
        ];
        for seed in 1..=3 {
            random_edits("/tmp/handoff-json-test/src/lib.rs", text, &pieces, seed);
        }
    }

    #[test]
    fn cached_json_matches_fresh_diagnostics_in_markdown() {
        let text = "# Tasks\n\n- [ ] Rewrite auth, add tests and update the docs\n  - [ ] maybe fix the parser\n  - [x] done\n- [ ] Clean up the code somehow \"x\"\n\n<!-- handoff-ignore: hedge -->\n- [ ] Maybe refactor it\n\n```\n- [ ] not a task\n```\n- [ ] Rename 😀 and refactor the whole module\n";
        let pieces = [
            "", "x", " ", "\n", "- [ ] ", "  - [ ] ", "maybe ", ", and ", "```\n", "[x]", "😀",
            "\r\n", "\n\n",
        ];
        for seed in 1..=3 {
            random_edits("/tmp/handoff-json-test/TODO.md", text, &pieces, seed);
        }
    }
}
