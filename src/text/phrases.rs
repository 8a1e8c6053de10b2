//! Word and phrase lists matched on token boundaries.

use std::collections::HashMap;

use super::{Analysis, Token};

/// A list of words and phrases (`"look into"`, `"as needed"`), compiled for
/// matching. A trailing `*` on a phrase's last word matches any ending
/// (`"improv*"` matches "improve", "improved", "improvements").
#[derive(Debug, Clone, Default)]
pub struct PhraseList {
    by_first: HashMap<String, Vec<Vec<String>>>,
    prefixes: Vec<String>,
}

/// A rule's word list in two tiers: the default tier leaves out the
/// words only the pedantic tier flags (vague-verb's "handle",
/// vague-qualifier's "if needed"), which judges on real repositories
/// mostly found clear in their place.
#[derive(Debug, Clone, Default)]
pub struct TieredPhrases {
    default: PhraseList,
    pedantic: PhraseList,
}

impl TieredPhrases {
    /// `all` the rule's words, of which `pedantic_only` only in the
    /// pedantic tier; `extra` and `allow` as configured, in both tiers.
    pub fn new(all: &[&str], pedantic_only: &[&str], extra: &[String], allow: &[String]) -> Self {
        let default: Vec<&str> = all
            .iter()
            .filter(|p| !pedantic_only.contains(p))
            .copied()
            .collect();
        TieredPhrases {
            default: PhraseList::new(&default, extra, allow),
            pedantic: PhraseList::new(all, extra, allow),
        }
    }

    /// The list for the tier that is on.
    pub fn tier(&self, pedantic: bool) -> &PhraseList {
        if pedantic {
            &self.pedantic
        } else {
            &self.default
        }
    }
}

/// A phrase found in an analysis: token indices and the phrase as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    pub tokens: std::ops::Range<usize>,
    pub phrase: String,
}

impl PhraseList {
    /// The default list with `extra` added and `allow` removed (both as
    /// configured by the user).
    pub fn new(defaults: &[&str], extra: &[String], allow: &[String]) -> Self {
        let allow: Vec<String> = allow.iter().map(|a| a.trim().to_lowercase()).collect();
        let mut list = PhraseList::default();
        for phrase in defaults
            .iter()
            .map(std::string::ToString::to_string)
            .chain(extra.iter().cloned())
        {
            let phrase = phrase.trim().to_lowercase();
            if phrase.is_empty() || allow.contains(&phrase) {
                continue;
            }
            let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
            if words.len() == 1 && words[0].ends_with('*') {
                list.prefixes
                    .push(words[0].trim_end_matches('*').to_string());
                continue;
            }
            list.by_first
                .entry(words[0].clone())
                .or_default()
                .push(words);
        }
        for phrases in list.by_first.values_mut() {
            // Longest first, so "look into" wins over "look".
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        list
    }

    /// Whether a single word is in the list.
    pub fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
            || self.prefixes.iter().any(|p| word.starts_with(p.as_str()))
    }

    /// The phrase that starts at token `i`, if any.
    pub fn match_at(&self, tokens: &[Token], i: usize) -> Option<PhraseMatch> {
        let first = tokens.get(i).filter(|t| t.is_word())?;
        if let Some(phrases) = self.by_first.get(&first.lower) {
            'phrase: for phrase in phrases {
                let mut j = i;
                for (k, word) in phrase.iter().enumerate() {
                    let Some(t) = tokens.get(j) else {
                        continue 'phrase;
                    };
                    let matches = if let Some(prefix) = word.strip_suffix('*') {
                        t.is_word() && t.lower.starts_with(prefix)
                    } else {
                        t.is(word)
                    };
                    if !matches {
                        continue 'phrase;
                    }
                    if k + 1 < phrase.len() {
                        j += 1;
                    }
                }
                return Some(PhraseMatch {
                    tokens: i..j + 1,
                    phrase: phrase.join(" "),
                });
            }
        }
        self.prefixes
            .iter()
            .find(|p| first.lower.starts_with(p.as_str()))
            .map(|p| PhraseMatch {
                tokens: i..i + 1,
                phrase: format!("{p}*"),
            })
    }

    /// Every non-overlapping match, in order.
    pub fn find_all(&self, analysis: &Analysis) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < analysis.tokens.len() {
            match self.match_at(&analysis.tokens, i) {
                Some(m) => {
                    i = m.tokens.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_and_phrases() {
        let list = PhraseList::new(&["fix", "look into", "improv*"], &[], &[]);
        let a = Analysis::new("Look into the prefix and improvements", &[]);
        let found: Vec<_> = list.find_all(&a).into_iter().map(|m| m.phrase).collect();
        assert_eq!(found, vec!["look into", "improv*"]);
    }

    #[test]
    fn extra_and_allowed_words() {
        let list = PhraseList::new(&["fix", "handle"], &["revamp".into()], &["handle".into()]);
        assert!(list.contains_word("revamp"));
        assert!(!list.contains_word("handle"));
    }
}
