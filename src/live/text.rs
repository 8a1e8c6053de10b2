//! A document's text as the incremental engine holds it: a rope for cheap
//! edits and line lookups, and the same text as one `String` for the
//! engine.
//!
//! Lines end at `\n`, `\r\n` and a lone `\r`, as LSP says (ropey is built
//! with `cr_lines` and without `unicode_lines`, so it agrees). Positions
//! convert exactly like [`crate::document::LineIndex`]: a column past the end
//! of its line clamps to the line's end, a line past the end clamps to the end
//! of the text, and a column inside a character clamps to its start.

use std::ops::Range;

use ropey::Rope;

use crate::document::{Position, PositionEncoding};

/// The text of one open document.
#[derive(Debug, Clone)]
pub struct DocText {
    rope: Rope,
    text: String,
}

impl DocText {
    pub fn new(text: String) -> Self {
        DocText {
            rope: Rope::from_str(&text),
            text,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn line_count(&self) -> usize {
        self.rope.len_lines()
    }

    /// Replaces `range` (clamped to the text and to character boundaries)
    /// with `new_text`; returns the range actually replaced.
    pub fn replace(&mut self, range: Range<usize>, new_text: &str) -> Range<usize> {
        let range = self.clamp(range);
        let start_char = self.rope.byte_to_char(range.start);
        let end_char = self.rope.byte_to_char(range.end);
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, new_text);
        self.text.replace_range(range.clone(), new_text);
        range
    }

    /// `range` inside the text, on character boundaries, start <= end.
    pub fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let mut start = self.floor(range.start);
        let end = self.floor(range.end);
        if start > end {
            start = end;
        }
        start..end
    }

    fn floor(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The byte offset where `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        if line >= self.rope.len_lines() {
            return self.text.len();
        }
        self.rope.line_to_byte(line)
    }

    /// The line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.rope.byte_to_line(self.floor(offset))
    }

    /// The end of `line`'s content, before its line end.
    fn content_end(&self, line: usize) -> usize {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        end
    }

    /// The byte offset of an LSP position, clamped.
    pub fn offset(&self, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.rope.len_lines() {
            return self.text.len();
        }
        let start = self.line_start(line);
        let end = self.content_end(line);
        start + encoding.byte(&self.text[start..end], position.column)
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = self.floor(offset);
        let line = self.rope.byte_to_line(offset);
        let start = self.line_start(line);
        let end = self.content_end(line);
        Position {
            line: line as u32,
            column: encoding.column(&self.text[start..end], offset - start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::LineIndex;

    const ENCODINGS: [PositionEncoding; 3] = [
        PositionEncoding::Utf8,
        PositionEncoding::Utf16,
        PositionEncoding::Utf32,
    ];

    #[test]
    fn agrees_with_the_line_index() {
        let samples = [
            "",
            "a",
            "a\nb\r\nc\rd",
            "x😀y\r\n\r\n\rz\t é\n",
            "// TODO: fix 😀 this\r\n//   and that\r",
            "\n\n\r\r\n",
        ];
        for text in samples {
            let doc = DocText::new(text.to_string());
            let index = LineIndex::new(text);
            assert_eq!(doc.line_count(), index.line_count(), "{text:?}");
            for enc in ENCODINGS {
                for offset in 0..=text.len() + 1 {
                    assert_eq!(
                        doc.position(offset, enc),
                        index.position(text, offset, enc),
                        "{text:?} {offset} {enc:?}"
                    );
                }
                for line in 0..index.line_count() as u32 + 2 {
                    for column in 0..12 {
                        let p = Position { line, column };
                        assert_eq!(
                            doc.offset(p, enc),
                            index.offset(text, p, enc),
                            "{text:?} {p:?} {enc:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn edits_keep_rope_and_string_together() {
        let mut doc = DocText::new("ab\r\ncd".to_string());
        doc.replace(2..2, "\n");
        assert_eq!(doc.as_str(), "ab\n\r\ncd");
        assert_eq!(doc.line_count(), 3);
        doc.replace(3..3, "😀");
        assert_eq!(doc.as_str(), "ab\n😀\r\ncd");
        // A range inside the emoji clamps to its start.
        let r = doc.replace(4..5, "");
        assert_eq!(r, 3..3);
        assert_eq!(doc.rope.to_string(), doc.text);
    }
}
