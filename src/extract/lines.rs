//! Byte-range helpers the extractors share: lines and overlaps in the
//! document, with the LSP's line ends (`\n`, `\r\n`, lone `\r`).

use std::ops::Range;

pub use crate::document::overlaps;

/// The start of the line holding `pos`.
pub fn line_start(doc: &str, pos: usize) -> usize {
    doc.as_bytes()[..pos]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// Splits a range into lines, without the line ends. A range that ends
/// with a line end gives an empty last line; an empty range, one empty line.
pub fn split_lines(doc: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let bytes = doc.as_bytes();
    let mut lines = Vec::new();
    let mut start = r.start;
    let mut i = r.start;
    while i < r.end {
        match bytes[i] {
            b'\n' => {
                lines.push(start..i);
                i += 1;
                start = i;
            }
            b'\r' => {
                lines.push(start..i);
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i.min(r.end);
            }
            _ => i += 1,
        }
    }
    lines.push(start..r.end.max(start));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_every_line_break() {
        let doc = "a\nb\r\nc\rd";
        assert_eq!(split_lines(doc, 0..doc.len()), vec![0..1, 2..3, 5..6, 7..8]);
        assert_eq!(split_lines(doc, 0..2), vec![0..1, 2..2]);
        assert_eq!(split_lines(doc, 3..3), vec![3..3]);
        assert_eq!(line_start(doc, 6), 5);
        assert_eq!(line_start(doc, 8), 7);
    }

    #[test]
    fn empty_ranges_overlap_what_they_touch() {
        assert!(overlaps(&(3..3), &(1..3)));
        assert!(!overlaps(&(3..5), &(1..3)));
        assert!(overlaps(&(2..4), &(3..9)));
    }
}
