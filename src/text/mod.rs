//! Text analysis shared by the rules: tokens with their offsets, sentences,
//! and phrase lists matched on word boundaries.
//!
//! Rules never search raw text with substrings: "fix" must not match
//! "prefix", and a word inside `inline code` is an identifier, not prose.

pub mod actions;
pub mod lexicon;
pub mod paths;
pub mod phrases;
pub mod vocabulary;

use std::ops::Range;

pub use phrases::{PhraseList, TieredPhrases};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word of prose (letters, digits, inner apostrophes and hyphens).
    Word,
    /// Punctuation, one character.
    Punct(char),
    /// A verbatim span (inline code, a link target, a path): one token, never
    /// read as words.
    Verbatim,
    /// A line break in the instruction text.
    Newline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: Range<usize>,
    /// Lowercase form for words; empty otherwise.
    pub lower: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is(&self, word: &str) -> bool {
        self.kind == TokenKind::Word && self.lower == word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// One instruction's text, tokenised once for all rules.
pub struct Analysis<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Sentences as token index ranges.
    pub sentences: Vec<Range<usize>>,
    /// For each sentence, whether it asks for something (see
    /// [`Analysis::in_ask`]).
    asks: Vec<bool>,
    /// For each token, whether it is an aside: inside parentheses, or in a
    /// label (see [`Analysis::with_labels`]).
    aside: Vec<bool>,
}

impl<'a> Analysis<'a> {
    /// Tokenises `text`, reading each of `verbatim`'s ranges as one token.
    pub fn new(text: &'a str, verbatim: &[Range<usize>]) -> Self {
        let tokens = tokenize(text, verbatim);
        let sentences = split_sentences(text, &tokens);
        let aside = asides(&tokens);
        let mut analysis = Analysis {
            text,
            tokens,
            sentences,
            asks: Vec::new(),
            aside,
        };
        analysis.asks = (0..analysis.sentences.len())
            .map(|i| i == 0 || actions::asks(&analysis, analysis.sentences[i].clone()))
            .collect();
        analysis
    }

    /// Whether token `i` is part of what the instruction asks for, rather
    /// than of its rationale: clarity rules judge the ask. The first
    /// sentence is the ask (a title, a task's first line); a later sentence
    /// that only describes ("This keeps the review focused.", "We just detect
    /// the decorator.") explains it; words in parentheses are asides.
    pub fn in_ask(&self, i: usize) -> bool {
        if self.in_aside(i) {
            return false;
        }
        match self.sentences.iter().position(|s| s.contains(&i)) {
            Some(s) => self.asks[s],
            None => true,
        }
    }

    /// Marks the tokens in `labels` (text ranges that label what follows,
    /// such as section headings) as asides: not part of the ask.
    #[must_use]
    pub fn with_labels(mut self, labels: &[Range<usize>]) -> Self {
        for (flag, t) in self.aside.iter_mut().zip(&self.tokens) {
            *flag |= labels
                .iter()
                .any(|l| l.start <= t.range.start && t.range.end <= l.end);
        }
        self
    }

    /// Whether token `at` is inside double quotes opened since token
    /// `from`: an example message ("Find the latest best practices").
    pub fn in_quotes(&self, from: usize, at: usize) -> bool {
        let quotes = self.tokens[from..at]
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Punct('"' | '“' | '”')))
            .count();
        quotes % 2 == 1
    }

    /// Whether token `i` is an aside: in parentheses or in a label.
    pub fn in_aside(&self, i: usize) -> bool {
        self.aside.get(i).copied().unwrap_or(false)
    }

    /// The prose words, in order.
    pub fn words(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| t.is_word())
    }

    pub fn word_count(&self) -> usize {
        self.words().count()
    }

    /// The text of a token range.
    pub fn slice(&self, tokens: Range<usize>) -> &str {
        if tokens.is_empty() {
            return "";
        }
        &self.text[self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end]
    }

    /// The byte range of a token range.
    pub fn span(&self, tokens: Range<usize>) -> Range<usize> {
        if tokens.is_empty() {
            let at = self
                .tokens
                .get(tokens.start)
                .map_or(self.text.len(), |t| t.range.start);
            return at..at;
        }
        self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end
    }

    /// Where the detail after a bold title starts, for text that opens at
    /// byte `from` (blanks aside) with one and a colon or dash after it
    /// ("**First-boot setup:** sign in", "**Clustering parity** — does it
    /// …", "**Better filtering** - use IDs"): the byte after the colon or
    /// dash.
    pub fn after_bold_title(&self, from: usize) -> Option<usize> {
        let rest = self.text[from..].trim_start().strip_prefix("**")?;
        let (_, after) = rest.split_once("**")?;
        let after = after.trim_start();
        let mut chars = after.chars();
        let sep = chars.next()?;
        // A hyphen is a dash only with a blank after it ("**Better
        // filtering** - use IDs"), not the start of a word ("**x** -y").
        let dash = sep == '-' && chars.next().is_some_and(char::is_whitespace);
        if !matches!(sep, ':' | '—' | '–') && !dash {
            return None;
        }
        Some(self.text.len() - after.len() + sep.len_utf8())
    }

    /// The sentence (token range) that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> Range<usize> {
        self.sentences
            .iter()
            .find(|s| s.contains(&i))
            .cloned()
            .unwrap_or(0..self.tokens.len())
    }

    /// The text of token `i`'s sentence before it ("Log the failed pattern
    /// to " for the path in "Log the failed pattern to `log.md`").
    pub fn sentence_before(&self, i: usize) -> &'a str {
        let start = self.tokens[self.sentence_of(i).start].range.start;
        &self.text[start..self.tokens[i].range.start]
    }

    /// The index of the first word token at or after token `i` in `within`.
    pub fn next_word(&self, i: usize, within: &Range<usize>) -> Option<usize> {
        (i..within.end).find(|&j| self.tokens[j].is_word())
    }

    /// The index of the last word token before token `i` in `within`.
    pub fn prev_word(&self, i: usize, within: &Range<usize>) -> Option<usize> {
        (within.start..i).rev().find(|&j| self.tokens[j].is_word())
    }
}

/// Which tokens are inside parentheses.
fn asides(tokens: &[Token]) -> Vec<bool> {
    let mut depth = 0usize;
    tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Punct('(') => {
                depth += 1;
                true
            }
            TokenKind::Punct(')') => {
                depth = depth.saturating_sub(1);
                true
            }
            // A line break closes an unbalanced "(" ("1) first step").
            TokenKind::Newline if depth > 0 => {
                depth = 0;
                false
            }
            _ => depth > 0,
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn tokenize(text: &str, verbatim: &[Range<usize>]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut verbatim: Vec<Range<usize>> = verbatim.to_vec();
    verbatim.sort_by_key(|r| r.start);
    let mut v = verbatim.into_iter().peekable();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        while v.peek().is_some_and(|r| r.end <= i) {
            v.next();
        }
        if let Some(r) = v.peek().filter(|r| r.start <= i).cloned() {
            tokens.push(Token {
                kind: TokenKind::Verbatim,
                range: r.start.max(i)..r.end.min(text.len()),
                lower: String::new(),
            });
            while chars.peek().is_some_and(|&(j, _)| j < r.end) {
                chars.next();
            }
            v.next();
            continue;
        }
        if c == '\n' {
            tokens.push(Token {
                kind: TokenKind::Newline,
                range: i..i + 1,
                lower: String::new(),
            });
            chars.next();
        } else if c.is_whitespace() {
            chars.next();
        } else if is_word_char(c) {
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                if v.peek().is_some_and(|r| r.start <= j) {
                    break;
                }
                let joins = (d == '\'' || d == '’' || d == '-')
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                    && end > i;
                if is_word_char(d) || joins {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            tokens.push(Token {
                kind: TokenKind::Word,
                range: i..end,
                lower: word.to_lowercase().replace('’', "'"),
            });
        } else {
            tokens.push(Token {
                kind: TokenKind::Punct(c),
                range: i..i + c.len_utf8(),
                lower: String::new(),
            });
            chars.next();
        }
    }
    tokens
}

/// Sentences end at `.`, `!`, `?` followed by a space or line end, at a blank
/// line, and at a line that starts a list item. Abbreviations such as "e.g."
/// do not end one.
fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    const ABBREVIATIONS: &[&str] = &[
        "e", "g", "i", "etc", "vs", "eg", "ie", "cf", "al", "approx", "incl",
    ];
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let ends = match t.kind {
            TokenKind::Punct('.') => {
                let prev_abbrev = i > 0
                    && tokens[i - 1].is_word()
                    && tokens[i - 1].range.end == t.range.start
                    && ABBREVIATIONS.contains(&tokens[i - 1].lower.as_str());
                let followed_by_space = text[t.range.end..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
                followed_by_space && !prev_abbrev
            }
            TokenKind::Punct('!' | '?') => text[t.range.end..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace),
            TokenKind::Newline => {
                // A blank line, or a next line that starts a list item or heading.
                let next = tokens.get(i + 1);
                next.is_some_and(|n| {
                    n.kind == TokenKind::Newline
                        || (n.is_punct('-') || n.is_punct('*') || n.is_punct('#'))
                        || (n.is_word()
                            && n.lower.chars().all(|c| c.is_ascii_digit())
                            && tokens
                                .get(i + 2)
                                .is_some_and(|p| p.is_punct('.') || p.is_punct(')')))
                })
            }
            _ => false,
        };
        if ends {
            if i + 1 > start {
                sentences.push(start..i + 1);
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences.retain(|s| {
        tokens[s.clone()]
            .iter()
            .any(|t| t.is_word() || t.kind == TokenKind::Verbatim)
    });
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        Analysis::new(text, &[])
            .words()
            .map(|t| t.lower.clone())
            .collect()
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        assert_eq!(
            words("Don't clean-up x/y"),
            vec!["don't", "clean-up", "x", "y"]
        );
    }

    #[test]
    fn verbatim_spans_are_single_tokens() {
        let text = "fix `the parser` now";
        let a = Analysis::new(text, std::slice::from_ref(&(4..16)));
        let kinds: Vec<_> = a.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![TokenKind::Word, TokenKind::Verbatim, TokenKind::Word]
        );
    }

    #[test]
    fn sentences_split_on_stops_but_not_abbreviations() {
        let a = Analysis::new("Add charts, e.g. pie charts. Then test it.", &[]);
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(
            a.slice(a.sentences[0].clone()),
            "Add charts, e.g. pie charts."
        );
    }

    #[test]
    fn list_lines_are_sentences() {
        let a = Analysis::new("Do this:\n- one\n- two", &[]);
        assert_eq!(a.sentences.len(), 3);
    }
}
