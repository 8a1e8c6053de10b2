//! The map from an instruction's cleaned text back to the document's bytes.
//!
//! An instruction's text is assembled from pieces of the document (the words of
//! each comment line without its `//`, each Markdown line without its bullet or
//! indentation) joined by separators that exist only in the cleaned text. The
//! map remembers where each piece came from, so a finding on cleaned-text words
//! points at exactly those words in the document, across lines.

use std::ops::Range;

/// One piece of cleaned text copied verbatim from the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    clean_start: usize,
    doc_start: usize,
    len: usize,
}

/// Builds an instruction's cleaned text together with its [`TextMap`].
#[derive(Debug, Default, Clone)]
pub struct TextBuilder {
    text: String,
    pieces: Vec<Piece>,
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `doc[range]`, which is copied from the document.
    pub fn push_source(&mut self, doc: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let clean_start = self.text.len();
        self.text.push_str(&doc[range.clone()]);
        match self.pieces.last_mut() {
            Some(last)
                if last.clean_start + last.len == clean_start
                    && last.doc_start + last.len == range.start =>
            {
                last.len += range.len();
            }
            _ => self.pieces.push(Piece {
                clean_start,
                doc_start: range.start,
                len: range.len(),
            }),
        }
    }

    /// Appends text that is not in the document (a line separator).
    pub fn push_synthetic(&mut self, text: &str) {
        self.text.push_str(text);
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn finish(self) -> (String, TextMap) {
        (
            self.text,
            TextMap {
                pieces: self.pieces,
            },
        )
    }
}

/// Maps offsets in an instruction's cleaned text to offsets in its document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMap {
    pieces: Vec<Piece>,
}

impl TextMap {
    /// The document offset of cleaned-text offset `clean`. An offset that falls
    /// in synthetic text maps to the end of the piece before it.
    pub fn to_doc(&self, clean: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.clean_start <= clean);
        if i == 0 {
            return self.pieces.first().map_or(0, |p| p.doc_start);
        }
        let p = self.pieces[i - 1];
        p.doc_start + (clean - p.clean_start).min(p.len)
    }

    /// The document range of a cleaned-text range. The start maps forward
    /// (past synthetic separators) and the end backward, so the range covers
    /// exactly the words and never a line's delimiters.
    pub fn range_to_doc(&self, clean: Range<usize>) -> Range<usize> {
        let start = self.start_to_doc(clean.start);
        let end = self.to_doc(clean.end).max(start);
        start..end
    }

    fn start_to_doc(&self, clean: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.clean_start + p.len <= clean);
        match self.pieces.get(i) {
            Some(p) if clean >= p.clean_start => p.doc_start + (clean - p.clean_start),
            Some(p) => p.doc_start,
            None => self.to_doc(clean),
        }
    }

    /// The document ranges a cleaned-text range covers, one per piece: where the
    /// words really are, without the comment delimiters between lines.
    pub fn doc_ranges(&self, clean: Range<usize>) -> Vec<Range<usize>> {
        self.pieces
            .iter()
            .filter_map(|p| {
                let s = clean.start.max(p.clean_start);
                let e = clean.end.min(p.clean_start + p.len);
                (s < e)
                    .then(|| p.doc_start + (s - p.clean_start)..p.doc_start + (e - p.clean_start))
            })
            .collect()
    }

    /// The document range covered by the whole instruction text.
    pub fn span(&self) -> Range<usize> {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(f), Some(l)) => f.doc_start..l.doc_start + l.len,
            _ => 0..0,
        }
    }

    /// Shifts every document offset by `delta`, for an instruction that moved
    /// because of an edit before it.
    pub fn shift(&mut self, delta: isize) {
        for p in &mut self.pieces {
            p.doc_start = (p.doc_start as isize + delta) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_words_across_lines() {
        let doc = "// TODO: fix the\n// parser now\n";
        let mut b = TextBuilder::new();
        b.push_source(doc, 9..16);
        b.push_synthetic("\n");
        b.push_source(doc, 20..30);
        let (text, map) = b.finish();
        assert_eq!(text, "fix the\nparser now");
        let parser = text.find("parser").unwrap();
        assert_eq!(&doc[map.range_to_doc(parser..parser + 6)], "parser");
        let the = text.find("the").unwrap();
        let r = map.range_to_doc(the..parser + 6);
        assert_eq!(&doc[r.clone()], "the\n// parser");
        assert_eq!(map.doc_ranges(the..parser + 6), vec![13..16, 20..26]);
        assert_eq!(map.span(), 9..30);
    }

    #[test]
    fn a_range_starting_on_a_separator_starts_at_the_next_word() {
        let doc = "ab\n  cd";
        let mut b = TextBuilder::new();
        b.push_source(doc, 0..2);
        b.push_synthetic(" ");
        b.push_source(doc, 5..7);
        let (_, map) = b.finish();
        assert_eq!(map.range_to_doc(2..5), 5..7);
    }
}
