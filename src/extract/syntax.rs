//! A file's syntax tree, kept between edits so the language server can
//! reparse incrementally.
//!
//! Markdown is parsed in two steps, like tree-sitter-md's own
//! `MarkdownParser`, but only the first is done up front: the block tree
//! (`tree_sitter_md::LANGUAGE`) is parsed, edited and reparsed incrementally;
//! an `inline` node's inline tree (`tree_sitter_md::INLINE_LANGUAGE`) is
//! parsed only when the extractor asks for it
//! ([`MarkdownTree::inline_tree`]). `MarkdownParser::parse` parses every
//! inline node of the document on each call, thousands of parser runs per
//! keystroke on a large task file; the extractor reads only the inline nodes
//! of the region an edit touched.

use std::ops::Range;

use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

use crate::document::touches;

use crate::language::Language;
use crate::text::paths::points_away;

/// The tree-sitter tree(s) of one file.
pub enum SyntaxTree {
    /// Markdown keeps the block tree; inline trees are parsed on demand.
    Markdown(MarkdownTree),
    Code(Tree),
    /// The parser gave up (it was cancelled, or the grammar failed to load).
    Failed,
}

impl std::fmt::Debug for SyntaxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyntaxTree::Markdown(_) => f.write_str("SyntaxTree::Markdown"),
            SyntaxTree::Code(_) => f.write_str("SyntaxTree::Code"),
            SyntaxTree::Failed => f.write_str("SyntaxTree::Failed"),
        }
    }
}

/// A Markdown document's block tree. Inline content is parsed lazily, one
/// `inline` node at a time, from the document text.
#[derive(Clone)]
pub struct MarkdownTree {
    block: Tree,
}

impl MarkdownTree {
    /// The block tree: sections, lists, items, paragraphs, code blocks; each
    /// paragraph or heading holds an `inline` node.
    pub fn block_tree(&self) -> &Tree {
        &self.block
    }

    /// Parses the inline content of `inline` (an `inline` or
    /// `pipe_table_cell` node of this tree), read from `text`, the text the
    /// tree was parsed from. The inline grammar sees only the node's bytes
    /// without its named children (the `block_continuation`s: block-quote
    /// markers and indentation of continuation lines). `None` for other
    /// nodes, or if the parser fails.
    pub fn inline_tree(&self, text: &str, inline: &Node<'_>) -> Option<Tree> {
        if !matches!(inline.kind(), "inline" | "pipe_table_cell") {
            return None;
        }
        let mut ranges = Vec::new();
        let mut range = inline.range();
        let mut cursor = inline.walk();
        for child in inline.named_children(&mut cursor) {
            let c = child.range();
            if c.start_byte > range.start_byte {
                ranges.push(tree_sitter::Range {
                    start_byte: range.start_byte,
                    start_point: range.start_point,
                    end_byte: c.start_byte,
                    end_point: c.start_point,
                });
            }
            if c.end_byte > range.start_byte {
                range.start_byte = c.end_byte;
                range.start_point = c.end_point;
            }
        }
        if range.end_byte > range.start_byte || ranges.is_empty() {
            ranges.push(range);
        }
        INLINE_PARSER.with(|p| {
            let mut parser = p.borrow_mut();
            parser.set_included_ranges(&ranges).ok()?;
            parser.parse(text, None)
        })
    }

    fn edit(&mut self, edit: &InputEdit) {
        self.block.edit(edit);
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "callers hand over the grammar they made for this parser"
)]
fn new_parser(language: tree_sitter::Language) -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&language)
        .expect("tree-sitter-md grammar loads");
    parser
}

thread_local! {
    // Parsers are reused per thread: creating one per file costs more than
    // parsing a small file.
    static CODE_PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(Parser::new());
    static BLOCK_PARSER: std::cell::RefCell<Parser> =
        std::cell::RefCell::new(new_parser(tree_sitter_md::LANGUAGE.into()));
    static INLINE_PARSER: std::cell::RefCell<Parser> =
        std::cell::RefCell::new(new_parser(tree_sitter_md::INLINE_LANGUAGE.into()));
}

impl SyntaxTree {
    /// Parses `text`; with `old`, a tree already updated by [`SyntaxTree::edit`],
    /// tree-sitter reuses what did not change.
    pub fn parse(language: Language, text: &str, old: Option<&SyntaxTree>) -> SyntaxTree {
        if language == Language::Markdown {
            let old = match old {
                Some(SyntaxTree::Markdown(t)) => Some(&t.block),
                _ => None,
            };
            // Positions in the tree are the text's: only bytes inside
            // nested examples differ.
            let text = super::nested_fences::hide_nested_examples(text);
            return BLOCK_PARSER.with(|p| {
                p.borrow_mut()
                    .parse(text.as_ref(), old)
                    .map_or(SyntaxTree::Failed, |block| {
                        SyntaxTree::Markdown(MarkdownTree { block })
                    })
            });
        }
        let old = match old {
            Some(SyntaxTree::Code(t)) => Some(t),
            _ => None,
        };
        CODE_PARSER.with(|p| {
            let mut parser = p.borrow_mut();
            if parser.set_language(&language.grammar()).is_err() {
                return SyntaxTree::Failed;
            }
            parser
                .parse(text, old)
                .map_or(SyntaxTree::Failed, SyntaxTree::Code)
        })
    }

    /// Tells the tree about an edit, before it is reparsed with the new text.
    /// `old_text` is the text before the edit; `range` is the replaced byte
    /// range in it and `new_text` what replaced it.
    pub fn edit(&mut self, old_text: &str, range: Range<usize>, new_text: &str) {
        let edit = input_edit(old_text, range, new_text);
        match self {
            SyntaxTree::Markdown(t) => t.edit(&edit),
            SyntaxTree::Code(t) => t.edit(&edit),
            SyntaxTree::Failed => {}
        }
    }

    /// The byte ranges whose syntax changed between `old` (edited) and `self`,
    /// as tree-sitter reports them.
    /// `changed_ranges`, for a tree reparsed after replacing the bytes now at
    /// `edited`. An edit inside one comment (the common keystroke in a TODO)
    /// leaves the same comment token, with the same extent, in both trees: a
    /// comment is an extra that carries no parser state, so nothing else can
    /// have changed and the trees need not be walked.
    pub fn changed_ranges_after_edit(
        &self,
        old: &SyntaxTree,
        edited: Range<usize>,
    ) -> Vec<Range<usize>> {
        if let (SyntaxTree::Code(new_tree), SyntaxTree::Code(old_tree)) = (self, old) {
            let comment_at = |tree: &Tree| {
                let mut node = tree
                    .root_node()
                    .descendant_for_byte_range(edited.start, edited.end)?;
                while !node.kind().contains("comment") {
                    node = node.parent()?;
                }
                Some((node.kind_id(), node.byte_range()))
            };
            if let (Some(n), Some(o)) = (comment_at(new_tree), comment_at(old_tree))
                && n == o
                && n.1.start < edited.start
                && edited.end < n.1.end
                && !new_tree.root_node().has_error()
            {
                return Vec::new();
            }
        }
        self.changed_ranges(old)
    }

    /// The comment or string token that holds `pos` (the outermost, for a
    /// string inside a string), in a code tree. An edit can turn text far
    /// from it into such a token (a `//` swallowing the rest of its line,
    /// a `"` the lines after it), and tree-sitter's changed ranges do not
    /// always reach the token's end (found by the `edit` fuzz target).
    pub fn token_at(&self, pos: usize) -> Option<Range<usize>> {
        let SyntaxTree::Code(tree) = self else {
            return None;
        };
        let mut node = tree.root_node().descendant_for_byte_range(pos, pos)?;
        let mut token = None;
        loop {
            let kind = node.kind();
            if kind.contains("comment") || kind.contains("string") {
                token = Some(node.byte_range());
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return token,
            }
        }
    }

    /// Whether a Markdown heading, a paragraph right before a list (which
    /// may label it: "**Open questions:**"), or a list introduced as
    /// another repository's files overlaps or touches `range` of `text`.
    /// Whether a checklist item is a task can depend on the heading of its
    /// section, and whether a path is this project's on such a list before
    /// it, so an edit there changes what follows.
    /// In an agent file, a paragraph over another block may introduce it
    /// ("Example of a schema:" over a path), whatever its text says now.
    pub fn heading_near(&self, text: &str, range: &Range<usize>, agent_file: bool) -> bool {
        fn visit(node: Node<'_>, text: &str, range: &Range<usize>, agent_file: bool) -> bool {
            if matches!(node.kind(), "atx_heading" | "setext_heading") {
                return true;
            }
            let over_a_block = node.kind() == "paragraph"
                && node.parent().is_none_or(|p| p.kind() != "list_item")
                && node.next_named_sibling().is_some();
            if labels_a_list(node) || agent_file && over_a_block {
                return true;
            }
            // A list or table of another repository's files, and a
            // paragraph that places files there (its layout in braces),
            // name files that later items cite. The label is not touched,
            // so its bytes are the same in the text before and after the
            // edit.
            let from_elsewhere = matches!(node.kind(), "list" | "pipe_table")
                && node
                    .prev_named_sibling()
                    .filter(|p| p.kind() == "paragraph")
                    .and_then(|p| text.get(p.byte_range()))
                    .is_some_and(points_away);
            let places_elsewhere =
                node.kind() == "paragraph" && text.get(node.byte_range()).is_some_and(points_away);
            if from_elsewhere || places_elsewhere {
                return true;
            }
            let mut cursor = node.walk();
            node.children(&mut cursor).any(|child| {
                touches(&child.byte_range(), range) && visit(child, text, range, agent_file)
            })
        }
        let SyntaxTree::Markdown(t) = self else {
            return false;
        };
        visit(t.block.root_node(), text, range, agent_file)
    }

    /// The lists with an item in `range` that hold a question among their
    /// items, as one byte range: whether such an item is a task depends on
    /// whether another item of its list asks a question too, so an edit in
    /// one of them reaches them all. `None` for a list without questions:
    /// an edit there changes no other item's standing.
    pub fn question_lists_touching(
        &self,
        text: &str,
        range: &Range<usize>,
    ) -> Option<Range<usize>> {
        fn visit(
            node: Node<'_>,
            text: &str,
            range: &Range<usize>,
            found: &mut Option<Range<usize>>,
        ) {
            if node.kind() == "list" {
                let mut cursor = node.walk();
                let asks = node
                    .children(&mut cursor)
                    .any(|item| item.kind() == "list_item" && item_asks_a_question(text, item));
                if asks {
                    let r = node.byte_range();
                    *found = Some(match found.take() {
                        Some(f) => f.start.min(r.start)..f.end.max(r.end),
                        None => r,
                    });
                }
            }
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if touches(&child.byte_range(), range) {
                    visit(child, text, range, found);
                }
            }
        }
        let SyntaxTree::Markdown(t) = self else {
            return None;
        };
        let mut found = None;
        visit(t.block.root_node(), text, range, &mut found);
        found
    }

    /// Whether a Markdown tree holds a syntax error (an `ERROR` node).
    pub fn markdown_has_error(&self) -> bool {
        matches!(self, SyntaxTree::Markdown(t) if t.block.root_node().has_error())
    }

    pub fn changed_ranges(&self, old: &SyntaxTree) -> Vec<Range<usize>> {
        match (self, old) {
            (SyntaxTree::Code(new), SyntaxTree::Code(old)) => old
                .changed_ranges(new)
                .map(|r| r.start_byte..r.end_byte)
                .collect(),
            (SyntaxTree::Markdown(new), SyntaxTree::Markdown(old)) => old
                .block
                .changed_ranges(&new.block)
                .map(|r| r.start_byte..r.end_byte)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The point `offset` bytes into `text`, counting rows from `from`, a point
/// already known at byte `from_offset` (tree-sitter counts rows at `\n`
/// only, and columns in bytes).
#[allow(
    clippy::naive_bytecount,
    reason = "the few lines between two offsets: not worth a crate"
)]
fn point_after(text: &str, from_offset: usize, from: Point, offset: usize) -> Point {
    let between = &text.as_bytes()[from_offset..offset];
    match between.iter().rposition(|&b| b == b'\n') {
        Some(last) => Point {
            row: from.row + between.iter().filter(|&&b| b == b'\n').count(),
            column: offset - (from_offset + last + 1),
        },
        None => Point {
            row: from.row,
            column: from.column + (offset - from_offset),
        },
    }
}

fn input_edit(old_text: &str, range: Range<usize>, new_text: &str) -> InputEdit {
    // The prefix is scanned once; the end point is counted on from the start.
    let start_position = point_after(old_text, 0, Point { row: 0, column: 0 }, range.start);
    let old_end_position = point_after(old_text, range.start, start_position, range.end);
    let new_end_byte = range.start + new_text.len();
    let mut new_end_position = start_position;
    match new_text.rfind('\n') {
        Some(i) => {
            new_end_position.row += new_text.matches('\n').count();
            new_end_position.column = new_text.len() - i - 1;
        }
        None => new_end_position.column += new_text.len(),
    }
    InputEdit {
        start_byte: range.start,
        old_end_byte: range.end,
        new_end_byte,
        start_position,
        old_end_position,
        new_end_position,
    }
}

/// Whether `node` is a paragraph of its own right before a list, which may
/// label it as a heading would ("**Open questions:**"); not an item's own
/// text over its sub-items.
/// Whether a paragraph ends with a colon over another block, which it
/// introduces ("Example of a schema:" over "`db/schema/todos-schema.ts`").
pub(super) fn introduces_a_block(text: &str, node: Node<'_>) -> bool {
    node.kind() == "paragraph"
        && node.next_named_sibling().is_some()
        && text
            .get(node.byte_range())
            .is_some_and(|t| t.trim_end().trim_end_matches('*').trim_end().ends_with(':'))
}

/// Whether a list item's first line ends in a question mark, in any
/// script ("¿Qué plan está contratado?", "是否需要？").
pub(super) fn item_asks_a_question(doc: &str, item: Node<'_>) -> bool {
    doc.get(item.byte_range())
        .and_then(|t| t.lines().next())
        .is_some_and(|line| line.trim_end().ends_with(['?', '？']))
}

pub(super) fn labels_a_list(node: Node<'_>) -> bool {
    node.kind() == "paragraph"
        && node.parent().is_none_or(|p| p.kind() != "list_item")
        && node
            .next_named_sibling()
            .is_some_and(|n| n.kind() == "list")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_reparse_matches_a_fresh_parse() {
        let old = "fn a() {}\n// TODO: x\nfn b() {}\n";
        let mut tree = SyntaxTree::parse(Language::Rust, old, None);
        let range = 15..15;
        let insert = "fix the parser, ";
        tree.edit(old, range.clone(), insert);
        let mut new = old.to_string();
        new.replace_range(range, insert);
        let reparsed = SyntaxTree::parse(Language::Rust, &new, Some(&tree));
        let fresh = SyntaxTree::parse(Language::Rust, &new, None);
        match (reparsed, fresh) {
            (SyntaxTree::Code(a), SyntaxTree::Code(b)) => {
                assert_eq!(a.root_node().to_sexp(), b.root_node().to_sexp());
            }
            _ => panic!("parse failed"),
        }
    }

    fn markdown(text: &str, old: Option<&SyntaxTree>) -> MarkdownTree {
        match SyntaxTree::parse(Language::Markdown, text, old) {
            SyntaxTree::Markdown(t) => t,
            other => panic!("parse failed: {other:?}"),
        }
    }

    #[test]
    fn markdown_block_tree_reparses_incrementally() {
        let old = "# A\n\n- [ ] one\n- [ ] two\n";
        let mut tree = SyntaxTree::Markdown(markdown(old, None));
        let range = 12..12;
        tree.edit(old, range.clone(), "x");
        let mut new = old.to_string();
        new.replace_range(range, "x");
        let reparsed = markdown(&new, Some(&tree));
        let fresh = markdown(&new, None);
        assert_eq!(
            reparsed.block_tree().root_node().to_sexp(),
            fresh.block_tree().root_node().to_sexp()
        );
    }

    #[test]
    fn inline_trees_are_parsed_on_demand_across_continuation_lines() {
        let doc = "> a `code\n> span` b\n";
        let tree = markdown(doc, None);
        let mut stack = vec![tree.block_tree().root_node()];
        let mut inline = None;
        while let Some(n) = stack.pop() {
            if n.kind() == "inline" {
                inline = Some(n);
                break;
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        let inline = inline.expect("an inline node");
        let parsed = tree.inline_tree(doc, &inline).expect("inline tree");
        let root = parsed.root_node();
        let span = root.child(0).expect("a code span");
        assert_eq!(span.kind(), "code_span");
        assert_eq!(&doc[span.byte_range()], "`code\n> span`");
        assert!(
            tree.inline_tree(doc, &tree.block_tree().root_node())
                .is_none()
        );
    }
}
