//! Comment extraction (being written).
use std::ops::Range;
use super::{ExtractOptions, Instruction};
use crate::language::Language;

pub fn extract(
    _language: Language,
    _text: &str,
    _tree: &tree_sitter::Tree,
    _options: &ExtractOptions,
    _within: Range<usize>,
) -> Vec<Instruction> {
    Vec::new()
}
