//! Text positions: byte offsets, and the line/column positions that editors and
//! reports use.
//!
//! Everything inside the engine works on byte offsets into the UTF-8 text.
//! Only the edges convert: the CLI prints 1-based lines and character columns,
//! the language server speaks LSP positions in the negotiated encoding.
//! Line ends follow the LSP specification: `\n`, `\r\n` and a lone `\r`.

use std::ops::Range;

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PositionEncoding {
    /// Columns count UTF-8 bytes.
    Utf8,
    /// Columns count UTF-16 code units (the LSP default).
    #[default]
    Utf16,
    /// Columns count Unicode scalar values (characters).
    Utf32,
}

impl PositionEncoding {
    fn width(self, c: char) -> u32 {
        match self {
            PositionEncoding::Utf8 => c.len_utf8() as u32,
            PositionEncoding::Utf16 => c.len_utf16() as u32,
            PositionEncoding::Utf32 => 1,
        }
    }

    /// The column of byte `at` of `line` (a line's text without its line
    /// end); `at` is clamped to the line and to the start of its character.
    pub fn column(self, line: &str, at: usize) -> u32 {
        let at = floor_char(line, at);
        match self {
            PositionEncoding::Utf8 => at as u32,
            _ => line[..at].chars().map(|c| self.width(c)).sum(),
        }
    }

    /// The byte of `line` (without its line end) where `column` falls: a
    /// column past the end clamps to the end, one inside a character (half
    /// of a surrogate pair, a byte inside a UTF-8 sequence) to its start.
    pub fn byte(self, line: &str, column: u32) -> usize {
        if self == PositionEncoding::Utf8 {
            return floor_char(line, column as usize);
        }
        let mut at = 0u32;
        for (i, c) in line.char_indices() {
            let w = self.width(c);
            if at + w > column {
                return i;
            }
            at += w;
        }
        line.len()
    }
}

/// `at`, clamped to `text` and moved back to the start of its character.
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether two byte ranges overlap: they share a byte, or one is empty and
/// lies within the other, its ends included (text inserted at either end of
/// a range may join what it covers: typing after the last word of a comment
/// extends the comment). Extraction, the language server's document
/// updates and "fix all" all decide overlap with this.
pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        touches(a, b)
    } else {
        a.start < b.end && b.start < a.end
    }
}

/// Whether two byte ranges overlap or meet (one ends where the other
/// starts): a cursor, or a selection, touches a finding it is in or next to.
pub fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// A zero-based line and column, the column counted in some [`PositionEncoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where each line starts, for converting between offsets and positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line; always starts with 0.
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The zero-based line that contains `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of `line`'s content, without its line end.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)];
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The position of `offset`. An offset inside a multi-byte character or
    /// inside a `\r\n` pair is moved back to the start of that character.
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = floor_char(text, offset);
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let at = offset.min(range.end) - range.start;
        Position {
            line: line as u32,
            column: encoding.column(&text[range], at),
        }
    }

    /// The byte offset of `position`. A line past the end clamps to the end of
    /// the text; a column past the end of its line clamps to the line's end, and
    /// a column inside a character (half of a surrogate pair, a byte in the
    /// middle of a UTF-8 sequence) clamps to that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        range.start + encoding.byte(&text[range.clone()], position.column)
    }

    /// Converts a byte range into a pair of positions.
    pub fn range(
        &self,
        text: &str,
        range: Range<usize>,
        encoding: PositionEncoding,
    ) -> (Position, Position) {
        (
            self.position(text, range.start, encoding),
            self.position(text, range.end, encoding),
        )
    }
}

/// Whether text is binary, and so not checked: it holds a NUL byte. Git
/// decides the same way. It also keeps the parse sound: tree-sitter's
/// scanners read NUL as the end of input, so text holding one parses
/// differently edit by edit than whole.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// The line end a document mostly uses, for text that fixes insert.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        None if text.contains('\r') => "\r",
        Some(_) | None => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_lf_crlf_and_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_range(text, 1), 2..3);
        assert_eq!(index.line_range(text, 3), 7..8);
    }

    #[test]
    fn columns_count_in_each_encoding() {
        let text = "x😀y\nz";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(index.position(text, y, PositionEncoding::Utf8).column, 5);
        assert_eq!(index.position(text, y, PositionEncoding::Utf16).column, 3);
        assert_eq!(index.position(text, y, PositionEncoding::Utf32).column, 2);
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            let p = index.position(text, y, enc);
            assert_eq!(index.offset(text, p, enc), y);
        }
    }

    #[test]
    fn positions_past_the_line_clamp_to_its_end() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        let p = Position {
            line: 0,
            column: 99,
        };
        assert_eq!(index.offset(text, p, PositionEncoding::Utf16), 2);
        let p = Position { line: 9, column: 0 };
        assert_eq!(index.offset(text, p, PositionEncoding::Utf16), text.len());
    }

    #[test]
    fn a_column_inside_a_surrogate_pair_clamps_to_the_character() {
        let text = "😀a";
        let index = LineIndex::new(text);
        let p = Position { line: 0, column: 1 };
        assert_eq!(index.offset(text, p, PositionEncoding::Utf16), 0);
    }

    #[test]
    fn empty_ranges_overlap_what_they_are_in_or_next_to() {
        assert!(overlaps(&(3..3), &(2..5)));
        assert!(overlaps(&(2..2), &(2..5)));
        assert!(overlaps(&(5..5), &(2..5)));
        assert!(!overlaps(&(6..6), &(2..5)));
        assert!(overlaps(&(4..4), &(4..4)));
        assert!(!overlaps(&(4..4), &(5..5)));
        // Ranges with bytes must share one.
        assert!(overlaps(&(2..5), &(4..6)));
        assert!(!overlaps(&(2..5), &(5..6)));
        // A cursor touches what it is in or next to.
        assert!(touches(&(5..5), &(2..5)));
        assert!(touches(&(2..5), &(5..6)));
        assert!(!touches(&(1..1), &(2..5)));
    }

    #[test]
    fn line_ending_is_detected() {
        assert_eq!(line_ending("a\r\nb"), "\r\n");
        assert_eq!(line_ending("a\nb"), "\n");
        assert_eq!(line_ending("a"), "\n");
    }
}
