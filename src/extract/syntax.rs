//! A file's syntax tree, kept between edits so the language server can
//! reparse incrementally.

use std::ops::Range;

use tree_sitter::{InputEdit, Parser, Point, Tree};
use tree_sitter_md::{MarkdownParser, MarkdownTree};

use crate::language::Language;

/// The tree-sitter tree(s) of one file.
pub enum SyntaxTree {
    /// Markdown keeps a block tree and one inline tree per inline node.
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

thread_local! {
    // Parsers are reused per thread: creating one per file costs more than
    // parsing a small file.
    static CODE_PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(Parser::new());
    static MD_PARSER: std::cell::RefCell<MarkdownParser> = std::cell::RefCell::new(MarkdownParser::default());
}

impl SyntaxTree {
    /// Parses `text`; with `old`, a tree already updated by [`SyntaxTree::edit`],
    /// tree-sitter reuses what did not change.
    pub fn parse(language: Language, text: &str, old: Option<&SyntaxTree>) -> SyntaxTree {
        if language == Language::Markdown {
            let old = match old {
                Some(SyntaxTree::Markdown(t)) => Some(t),
                _ => None,
            };
            return MD_PARSER.with(|p| {
                p.borrow_mut()
                    .parse(text.as_bytes(), old)
                    .map_or(SyntaxTree::Failed, SyntaxTree::Markdown)
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
    pub fn changed_ranges(&self, old: &SyntaxTree) -> Vec<Range<usize>> {
        match (self, old) {
            (SyntaxTree::Code(new), SyntaxTree::Code(old)) => old
                .changed_ranges(new)
                .map(|r| r.start_byte..r.end_byte)
                .collect(),
            (SyntaxTree::Markdown(new), SyntaxTree::Markdown(old)) => old
                .block_tree()
                .changed_ranges(new.block_tree())
                .map(|r| r.start_byte..r.end_byte)
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    Point { row, column }
}

fn input_edit(old_text: &str, range: Range<usize>, new_text: &str) -> InputEdit {
    let start_position = point_at(old_text, range.start);
    let old_end_position = point_at(old_text, range.end);
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
                assert_eq!(a.root_node().to_sexp(), b.root_node().to_sexp())
            }
            _ => panic!("parse failed"),
        }
    }
}
