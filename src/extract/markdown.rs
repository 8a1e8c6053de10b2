//! Markdown extraction (being written).
use std::ops::Range;
use super::Instruction;
use crate::language::MarkdownRole;

pub fn extract(
    _role: MarkdownRole,
    _text: &str,
    _tree: &tree_sitter_md::MarkdownTree,
    _within: Range<usize>,
) -> Vec<Instruction> {
    Vec::new()
}
