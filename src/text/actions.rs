//! Finding the actions of an instruction: the verbs that say what to do.
//!
//! Instructions are mostly imperative ("add a test", "we should cache the
//! lookup"), so the action of a clause is its first word when that is a verb
//! in base form, after openers ("please", "then") and a subject with a modal
//! ("we need to", "you should").

use std::ops::Range;

use super::vocabulary::{self, OPENERS};
use super::{Analysis, TokenKind};

/// Words that join two clauses.
pub const JOINERS: &[&str] = &["and", "then", "also", "plus", "afterwards"];

/// Subjects that may stand before a modal in an instruction.
const SUBJECTS: &[&str] = &["we", "you", "i", "someone", "one"];
/// Modals and semi-modals that introduce the action ("need to", "should").
const MODALS: &[&str] = &[
    "should", "must", "shall", "will", "can", "could", "might", "may", "need", "needs", "have",
    "has", "want", "ought",
];

/// The token index of the action that starts at token `i`, if the clause
/// starting there opens with one.
pub fn action_at(a: &Analysis, i: usize, end: usize) -> Option<usize> {
    let mut j = i;
    let word = |j: usize| -> Option<&str> {
        a.tokens
            .get(j)
            .filter(|t| j < end && t.kind == TokenKind::Word)
            .map(|t| t.lower.as_str())
    };
    // Skip punctuation such as list bullets, quotes and bold markers, and
    // a leading tag such as "[Test]" or "(docs)": a label, not a verb.
    loop {
        while j < end && matches!(a.tokens[j].kind, TokenKind::Punct(_) | TokenKind::Newline) {
            j += 1;
        }
        let opened = j.checked_sub(1).map(|p| a.tokens[p].kind);
        let closes = a.tokens.get(j + 1).map(|t| t.kind);
        let tag = matches!(
            (opened, closes),
            (Some(TokenKind::Punct('[')), Some(TokenKind::Punct(']')))
                | (Some(TokenKind::Punct('(')), Some(TokenKind::Punct(')')))
        );
        if tag && j < end {
            j += 2;
        } else {
            break;
        }
    }
    while word(j).is_some_and(|w| OPENERS.contains(&w)) {
        j += 1;
    }
    // A manner adverb before the verb: "Properly run fetch's algorithm".
    if word(j).is_some_and(|w| w.len() > 4 && w.ends_with("ly")) && word(j + 1).is_some() {
        j += 1;
    }
    if word(j).is_some_and(|w| SUBJECTS.contains(&w)) {
        j += 1;
    }
    if word(j).is_some_and(|w| MODALS.contains(&w)) {
        j += 1;
        if word(j) == Some("to") {
            j += 1;
        }
        if word(j).is_some_and(|w| w == "be" || OPENERS.contains(&w)) {
            j += 1;
        }
    }
    let w = word(j)?;
    (vocabulary::is_base_verb(w) || reads_as_imperative(a, j, end)).then_some(j)
}

/// A past participle that states a condition after its noun: "Autoscale
/// rules configured for ...", "Bidirectional relationships minimized". The
/// dictionary knows the verb; a word before it is its subject.
fn is_participle(a: &Analysis, i: usize, range: &Range<usize>) -> bool {
    let w = a.tokens[i].lower.as_str();
    let Some(stem) = w.strip_suffix("ed") else {
        return false;
    };
    let doubled =
        stem.len() > 2 && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
    let mut bases = vec![stem.to_string(), format!("{stem}e")];
    if doubled {
        bases.push(stem[..stem.len() - 1].to_string());
    }
    if let Some(s) = stem.strip_suffix('i') {
        bases.push(format!("{s}y"));
    }
    let known = bases.iter().any(|b| super::lexicon::can_be_base_verb(b));
    known && a.prev_word(i, range).is_some()
}

/// Words that open an object or a complement, after which a word that can
/// be a verb is read as one: "Type *the* return type", "Model `kwds`",
/// "experiment *with* external strings". "Version Number" and "Error check"
/// stay topics.
const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "all", "each", "every", "any", "our",
    "its", "their", "my", "your", "it", "them", "with", "to", "into", "from", "for", "on", "in",
    "of", "by", "as", "up", "out", "away", "back", "off", "over", "out", "more", "less",
];

/// Whether the word at `j` reads as an imperative: the dictionary knows it as
/// a verb in its base form and what follows opens its object.
fn reads_as_imperative(a: &Analysis, j: usize, end: usize) -> bool {
    let Some(next) = a.tokens.get(j + 1).filter(|_| j + 1 < end) else {
        return false;
    };
    let opens = match next.kind {
        TokenKind::Verbatim => true,
        TokenKind::Word => OBJECT_OPENERS.contains(&next.lower.as_str()),
        TokenKind::Punct(c) => matches!(c, '"' | '\'' | '“' | '‘'),
        TokenKind::Newline => false,
    };
    opens && super::lexicon::can_be_base_verb(&a.tokens[j].lower)
}

/// Words that, anywhere in a sentence, make it ask for something.
const ASKING: &[&str] = &[
    "should", "must", "need", "needs", "want", "wants", "todo", "shall", "ought", "instead",
    "please", "make", "ensure", "avoid", "never", "always", "don't", "do", "let's",
];

/// Whether a sentence asks for something: an action opens one of its
/// clauses ("add a test", "we should cache it"), or it holds a word that
/// asks ("must", "instead", "never"). A sentence that only states or
/// explains ("This keeps the review focused.") does not.
pub fn asks(a: &Analysis, sentence: Range<usize>) -> bool {
    let end = sentence.end;
    if clause_starts(a, sentence.clone())
        .into_iter()
        .any(|s| action_at(a, s, end).is_some())
    {
        return true;
    }
    a.tokens[sentence].iter().any(|t| {
        t.is_word() && ASKING.contains(&t.lower.as_str()) || t.is_punct('?') || t.is_punct('!')
    })
}

/// The token indices where clauses start within `range`: the start, and after
/// `,`, `;`, `:` and joining words.
pub fn clause_starts(a: &Analysis, range: Range<usize>) -> Vec<usize> {
    let mut starts = vec![range.start];
    for i in range.clone() {
        let t = &a.tokens[i];
        let splits = match t.kind {
            TokenKind::Punct(c) => matches!(c, ',' | ';' | ':' | '&' | '+'),
            TokenKind::Newline => true,
            TokenKind::Word => JOINERS.contains(&t.lower.as_str()),
            TokenKind::Verbatim => false,
        };
        if splits && i + 1 < range.end {
            starts.push(i + 1);
        }
    }
    starts.dedup();
    starts
}

/// Whether the token range holds any verb at all: an action, a finite form,
/// an auxiliary, or a gerund. Text in parentheses is not read.
pub fn has_any_verb(a: &Analysis, range: Range<usize>) -> bool {
    let mut depth = 0i32;
    for i in range.clone() {
        let t = &a.tokens[i];
        match t.kind {
            TokenKind::Punct('(' | '[') => depth += 1,
            TokenKind::Punct(')' | ']') => depth -= 1,
            TokenKind::Word if depth <= 0 => {
                let w = t.lower.as_str();
                if vocabulary::is_auxiliary(w)
                    || vocabulary::is_gerund(w)
                    || vocabulary::is_past(w)
                    || is_participle(a, i, &range)
                    || w == "not"
                {
                    return true;
                }
                // A base or -s form counts when something follows it: "support
                // nested arenas", "movement creates artefacts", but not the
                // head noun of "Claude support" or "memory issues".
                let followed = a.next_word(i + 1, &range).is_some()
                    || a.tokens[i + 1..range.end]
                        .iter()
                        .any(|t| t.kind == TokenKind::Verbatim);
                let base = vocabulary::is_base_verb(w)
                    || reads_as_imperative(a, i, range.end)
                    || super::lexicon::can_be_base_verb(w);
                if followed && (base || vocabulary::is_third_person(w)) {
                    // First, or after openers only ("maybe sort the list").
                    let first = (range.start..i)
                        .filter(|&j| a.tokens[j].is_word())
                        .all(|j| OPENERS.contains(&a.tokens[j].lower.as_str()));
                    // "Classifications use explicit results": a plural
                    // subject and its verb.
                    let after_plural = a.prev_word(i, &range).is_some_and(|p| {
                        let raw = &a.text[a.tokens[p].range.clone()];
                        let p = a.tokens[p].lower.as_str();
                        let plural = p.len() > 3
                            && p.ends_with('s')
                            && !p.ends_with("ss")
                            && raw.chars().skip(1).all(|c| !c.is_uppercase());
                        plural || matches!(p, "they" | "we" | "you" | "i")
                    });
                    // A verb the dictionary knows but tasks rarely use
                    // counts only after its subject: "Dropdowns function
                    // correctly", not "Version Number".
                    let listed =
                        vocabulary::is_base_verb(w) || reads_as_imperative(a, i, range.end);
                    if (first && listed) || after_plural || vocabulary::is_third_person(w) {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(text: &str) -> Option<String> {
        // Inline code is verbatim, as the extractors mark it.
        let code: Vec<_> = text
            .match_indices('`')
            .collect::<Vec<_>>()
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| p[0].0..p[1].0 + 1)
            .collect();
        let a = Analysis::new(text, &code);
        action_at(&a, 0, a.tokens.len()).map(|i| a.tokens[i].lower.clone())
    }

    fn verb(text: &str) -> bool {
        let a = Analysis::new(text, &[]);
        has_any_verb(&a, 0..a.tokens.len())
    }

    #[test]
    fn actions_after_openers_and_modals() {
        assert_eq!(action("Add a test").as_deref(), Some("add"));
        assert_eq!(action("please add a test").as_deref(), Some("add"));
        assert_eq!(action("we need to cache it").as_deref(), Some("cache"));
        assert_eq!(action("memory issues"), None);
        assert_eq!(action("Type the return type").as_deref(), Some("type"));
        assert_eq!(action("Model `kwds`, especially").as_deref(), Some("model"));
        assert_eq!(
            action("experiment with external strings").as_deref(),
            Some("experiment")
        );
        assert_eq!(action("Version Number"), None);
        assert_eq!(action("Error check"), None);
    }

    #[test]
    fn verbs_anywhere() {
        assert!(verb("Paintbrush movement creates artefacts"));
        assert!(verb("Time spent is not logged"));
        assert!(verb("Error opening file on windows"));
        assert!(verb("Support nested arenas"));
        assert!(!verb("memory issues"));
        assert!(!verb("Claude support"));
        assert!(!verb("LSP server stability improvements"));
        assert!(!verb("Feasibility check (all updates are feasible so far)"));
    }
}
