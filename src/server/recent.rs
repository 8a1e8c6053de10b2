//! Which open documents keep their syntax tree.
//!
//! A tree is what makes the next analysis cheap (an incremental reparse), and
//! it is most of an open document's memory: tree-sitter's nodes take tens of
//! bytes per byte of source, about 1 MB for a 20 KB Rust file. People edit a
//! few files at a time and leave dozens open, so only the most recently
//! parsed documents keep a tree; the others keep their text and findings,
//! and their next analysis parses the text whole (milliseconds, once).

use std::collections::VecDeque;

use tower_lsp_server::ls_types as lsp;

/// How many documents keep their tree.
pub const KEEP_TREES: usize = 32;

/// The documents with a tree, least recently parsed first.
#[derive(Default)]
pub struct Recent {
    order: VecDeque<lsp::Uri>,
}

impl Recent {
    /// Records that `uri` was just parsed. Returns the document
    /// that should drop its tree to make room, if any.
    pub fn touch(&mut self, uri: &lsp::Uri) -> Option<lsp::Uri> {
        self.forget(uri);
        self.order.push_back(uri.clone());
        if self.order.len() > KEEP_TREES {
            self.order.pop_front()
        } else {
            None
        }
    }

    /// Whether `uri` keeps its tree.
    pub fn contains(&self, uri: &lsp::Uri) -> bool {
        self.order.contains(uri)
    }

    /// Drops `uri` (closed).
    pub fn forget(&mut self, uri: &lsp::Uri) {
        if let Some(i) = self.order.iter().rposition(|u| u == uri) {
            self.order.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn uri(i: usize) -> lsp::Uri {
        lsp::Uri::from_str(&format!("file:///d{i}.rs")).unwrap()
    }

    #[test]
    fn the_least_recently_edited_document_gives_up_its_tree() {
        let mut recent = Recent::default();
        for i in 0..KEEP_TREES {
            assert_eq!(recent.touch(&uri(i)), None);
        }
        // Parsing the oldest again makes it the newest.
        assert_eq!(recent.touch(&uri(0)), None);
        assert_eq!(recent.touch(&uri(KEEP_TREES)), Some(uri(1)));
        recent.forget(&uri(2));
        assert_eq!(recent.touch(&uri(KEEP_TREES + 1)), None);
        assert_eq!(recent.touch(&uri(KEEP_TREES + 2)), Some(uri(3)));
    }
}
