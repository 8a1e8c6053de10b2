//! Fixes as document edits. Rules describe a fix as an intent on the
//! instruction's cleaned text ([`FixIntent`]); this module writes it in the
//! document's own style, using the instruction's [`Layout`].
//!
//! Every edit touches only the words its title names: a split rewrites the
//! instruction it splits, a hedge removal deletes the hedge and the space
//! after it, a suppression adds a directive. Nothing else changes.

use std::ops::Range;

use serde::Serialize;

use crate::extract::Instruction;
use crate::rules::{FixIntent, SplitPart};
use crate::suppress::{Suppression, find_directive};

/// A fix: edits to one document, applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Whether it is applied by "fix all" (`source.fixAll.handoff`).
    pub safe: bool,
}

/// Replace the bytes in `range` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// Applies non-overlapping edits to `text`.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The edits that undo non-overlapping `edits` on the text they produced
/// from `text`: what an editor's undo does.
pub fn inverse(text: &str, edits: &[Edit]) -> Vec<Edit> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut shift: isize = 0;
    sorted
        .into_iter()
        .map(|e| {
            let start = (e.range.start as isize + shift) as usize;
            shift += e.new_text.len() as isize - e.range.len() as isize;
            Edit {
                range: start..start + e.new_text.len(),
                new_text: text[e.range.clone()].to_string(),
            }
        })
        .collect()
}

/// Writes `intent` as edits to `doc`, or `None` when it cannot be written
/// here (a split of an instruction that has no sibling form).
pub fn materialize(doc: &str, instruction: &Instruction, intent: &FixIntent) -> Option<Fix> {
    match intent {
        FixIntent::Delete { title, ranges } => delete(instruction, title, ranges),
        FixIntent::Split { parts } => split(instruction, parts),
        FixIntent::AppendLine { title, line } => Some(append_line(doc, instruction, title, line)),
        FixIntent::Replace { title, range, text } => replace(instruction, title, range, text),
    }
}

/// One edit in place of words that lie on one piece of the document (a
/// path inside backticks); `None` when they are split across lines.
fn replace(
    instruction: &Instruction,
    title: &str,
    range: &Range<usize>,
    text: &str,
) -> Option<Fix> {
    let pieces = instruction.map.doc_ranges(range.clone());
    let [doc_range] = pieces.as_slice() else {
        return None;
    };
    let doc_range = doc_range.clone();
    if doc_range.len() != range.len() {
        return None;
    }
    Some(Fix {
        title: title.to_string(),
        edits: vec![Edit {
            range: doc_range,
            new_text: text.to_string(),
        }],
        // A guess at what was meant: a person applies it, not "fix all".
        safe: false,
    })
}

fn delete(instruction: &Instruction, title: &str, ranges: &[Range<usize>]) -> Option<Fix> {
    let text = &instruction.text;
    let bytes = text.as_bytes();
    // Each range with the comma and spaces that go with it; neighbours that
    // then touch ("maybe somehow") are one deletion, so no two edits overlap.
    let mut spans: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| r.start);
    for range in sorted {
        let mut r = range.clone();
        if bytes.get(r.end) == Some(&b',') {
            r.end += 1;
        }
        let after_spaces = r.end + bytes[r.end..].iter().take_while(|&&b| b == b' ').count();
        if after_spaces > r.end && after_spaces < text.len() {
            r.end = after_spaces;
        } else {
            r.start -= bytes[..r.start]
                .iter()
                .rev()
                .take_while(|&&b| b == b' ')
                .count();
        }
        match spans.last_mut() {
            Some((last, _)) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => spans.push((r, range)),
        }
    }
    let mut edits = Vec::new();
    for (r, range) in spans {
        for doc_range in instruction.map.doc_ranges(r.clone()) {
            edits.push(Edit {
                range: doc_range,
                new_text: String::new(),
            });
        }
        // "Maybe sagas should" -> "Sagas should": keep a sentence capitalised.
        let removed_capital = text[range.clone()].starts_with(|c: char| c.is_uppercase());
        if let Some(next) = text[r.end..].chars().next()
            && removed_capital
            && next.is_lowercase()
            && r.end < text.len()
        {
            let next_range = instruction.map.range_to_doc(r.end..r.end + next.len_utf8());
            edits.push(Edit {
                range: next_range,
                new_text: next.to_uppercase().collect(),
            });
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| e.range.start);
    Some(Fix {
        title: title.to_string(),
        edits,
        safe: true,
    })
}

fn split(instruction: &Instruction, parts: &[SplitPart]) -> Option<Fix> {
    let prefix = instruction.layout.sibling_prefix.as_ref()?;
    if parts.len() < 2 {
        return None;
    }
    let text = &instruction.text;
    let mut new_text = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            new_text.push_str(prefix);
        }
        if let Some(p) = &part.prefix {
            new_text.push_str(p);
            new_text.push(' ');
        }
        let words: Vec<&str> = text[part.range.clone()].split_whitespace().collect();
        new_text.push_str(&words.join(" "));
    }
    let first = parts.first()?.range.start;
    let last = parts.last()?.range.end;
    Some(Fix {
        title: format!("Split into {} tasks", parts.len()),
        edits: vec![Edit {
            range: instruction.map.range_to_doc(first..last),
            new_text,
        }],
        // Splitting restructures the task: a person should look at it, so
        // it is never part of "fix all".
        safe: false,
    })
}

/// Where text appended to the instruction goes: after its own words, before
/// any nested sub-items.
fn own_text_end(instruction: &Instruction) -> usize {
    let text = &instruction.text;
    let end = instruction.subitems.first().map_or(text.len(), |r| r.start);
    text[..end].trim_end().len()
}

fn append_line(doc: &str, instruction: &Instruction, title: &str, line: &str) -> Fix {
    let at = instruction
        .map
        .to_doc(own_text_end(instruction))
        .min(doc.len());
    Fix {
        title: title.to_string(),
        edits: vec![Edit {
            range: at..at,
            new_text: format!("{}{}", instruction.layout.continuation_prefix, line),
        }],
        safe: false,
    }
}

/// The fix that silences `rule` for this one instruction: it extends an
/// existing directive, or adds one (in the instruction's text for comments,
/// as `<!-- handoff-ignore: rule -->` on the line before in Markdown).
pub fn suppress_here(instruction: &Instruction, rule: &str) -> Option<Fix> {
    let title = format!("Ignore `{rule}` here");
    if let Some(d) = find_directive(&instruction.text) {
        return match d.suppression {
            Suppression::All => None,
            Suppression::Rules(rules) if rules.iter().any(|r| r == rule) => None,
            _ => {
                let at = instruction.map.to_doc(d.rules_end);
                Some(Fix {
                    title,
                    edits: vec![Edit {
                        range: at..at,
                        new_text: format!(", {rule}"),
                    }],
                    safe: false,
                })
            }
        };
    }
    let edit = if let Some(line) = &instruction.layout.directive_line {
        Edit {
            range: line.line_start..line.line_start,
            new_text: format!(
                "{}<!-- handoff-ignore: {rule} -->{}",
                line.indent, instruction.layout.line_end
            ),
        }
    } else {
        let at = instruction.map.to_doc(instruction.text.trim_end().len());
        Edit {
            range: at..at,
            new_text: format!(" handoff-ignore: {rule}"),
        }
    };
    Some(Fix {
        title,
        edits: vec![edit],
        safe: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{InstructionKind, Layout, TextBuilder};

    fn comment(doc: &str, start: usize) -> Instruction {
        let mut b = TextBuilder::new();
        b.push_source(doc, start..doc.trim_end().len());
        let (text, map) = b.finish();
        Instruction {
            kind: InstructionKind::Comment,
            text,
            map,
            range: 0..doc.len(),
            marker: Some("TODO".into()),
            in_task_list: false,
            in_a_work_section: false,
            lead: None,
            elsewhere: Vec::new(),
            under_an_item: false,
            over_nested_items: false,
            under_an_example_heading: false,
            in_a_designed_section: false,
            runs_long: false,
            in_a_long_form_list: false,
            in_a_document_with_criteria: false,
            published: false,
            planned: Vec::new(),
            subitems: vec![],
            verbatim: vec![],
            labels: vec![],
            marks_a_stub: false,
            marks_a_failing_test: false,
            next_to_a_stated_failure: false,
            beside_a_worded_marker: false,
            suppression: Suppression::None,
            layout: Layout {
                sibling_prefix: Some("\n// TODO: ".into()),
                continuation_prefix: "\n// ".into(),
                directive_line: None,
                line_end: "\n".into(),
            },
        }
    }

    #[test]
    fn delete_takes_the_space_after_and_recapitalises() {
        let doc = "// TODO: Maybe cache the lookup\n";
        let i = comment(doc, 9);
        let fix = delete(&i, "Remove hedge", std::slice::from_ref(&(0..5))).unwrap();
        assert_eq!(apply(doc, &fix.edits), "// TODO: Cache the lookup\n");
    }

    #[test]
    fn split_writes_siblings_in_the_same_style() {
        let doc = "// TODO: rewrite auth, add tests\n";
        let i = comment(doc, 9);
        let parts = vec![
            SplitPart {
                range: 0..12,
                prefix: None,
            },
            SplitPart {
                range: 14..23,
                prefix: None,
            },
        ];
        let fix = split(&i, &parts).unwrap();
        assert_eq!(
            apply(doc, &fix.edits),
            "// TODO: rewrite auth\n// TODO: add tests\n"
        );
    }

    #[test]
    fn suppression_goes_at_the_end_of_a_comment() {
        let doc = "// TODO: maybe fix\n";
        let i = comment(doc, 9);
        let fix = suppress_here(&i, "hedge").unwrap();
        assert_eq!(
            apply(doc, &fix.edits),
            "// TODO: maybe fix handoff-ignore: hedge\n"
        );
    }

    #[test]
    fn append_line_continues_the_comment() {
        let doc = "// TODO: add retries\n";
        let i = comment(doc, 9);
        let fix = append_line(doc, &i, "Add done criteria", "Done when: ...");
        assert_eq!(
            apply(doc, &fix.edits),
            "// TODO: add retries\n// Done when: ...\n"
        );
    }
}
