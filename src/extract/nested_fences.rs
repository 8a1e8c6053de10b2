//! Markdown examples with fences nested inside them, the way people write
//! them: an inner fence opened with its language and closed bare.
//!
//! ````text
//! ```markdown
//! # Tutorial
//! ```bash
//! npm test
//! ```
//! - [Part 2](./02-bonding-curves.md)
//! ```
//! ````
//!
//! CommonMark (and tree-sitter-md) ends the example at the first bare
//! fence: the rest of the example reads as the document's own text (the
//! sample tutorial's links, a template's file tree), and every fence after
//! it pairs with the wrong partner, so code reads as prose and prose as
//! code to the end of the file. Agent files do this often (BMAD bundles
//! wrap each task file in a ```` ```md ```` fence). The block parser is given
//! the document with such examples blanked out, byte for byte, so positions
//! stay those of the document.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// The opening fence of a Markdown example: "```markdown", "~~~md".
static MARKDOWN_FENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(`{3,}|~{3,})[ \t]*(?i:markdown|md|mdx)\b").unwrap());

/// A fence line: where it starts and ends (its line end included), its
/// run of backticks or tildes, and whether an info string follows.
struct Fence<'d> {
    start: usize,
    end: usize,
    fence: &'d str,
    info: bool,
    markdown: bool,
}

/// The fence lines of a document, in order. Only the lines holding "```"
/// or "~~~" are read (found with memchr), not every line: this runs on
/// every parse of a document that has a fence.
fn fences(doc: &str) -> Vec<Fence<'_>> {
    let bytes = doc.as_bytes();
    let mut starts: Vec<usize> = memchr::memmem::find_iter(bytes, b"```")
        .chain(memchr::memmem::find_iter(bytes, b"~~~"))
        .map(|at| memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::new();
    for start in starts {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(doc.len(), |n| start + n + 1);
        let body = doc[start..end].trim_end_matches(['\n', '\r']);
        let indented = body.trim_start_matches(' ');
        if body.len() - indented.len() > 3 {
            continue;
        }
        let Some(c) = indented.chars().next().filter(|c| matches!(c, '`' | '~')) else {
            continue;
        };
        let run = indented.len() - indented.trim_start_matches(c).len();
        if run < 3 {
            continue;
        }
        out.push(Fence {
            start,
            end,
            fence: &indented[..run],
            info: !indented[run..].trim().is_empty(),
            markdown: MARKDOWN_FENCE.is_match(body),
        });
    }
    out
}

/// The Markdown examples of a document that have a fence nested inside, as
/// byte ranges from the example's opening fence to the end of its closing
/// one. An example without a nested fence is left to CommonMark, which
/// reads it right; one whose fences never balance is too.
///
/// Inside an example, a fence with a language opens an inner block and a
/// bare one closes it. A bare fence with no inner block open either closes
/// the example or opens a bare inner block ("```" … "```" around a
/// command): the fences after it decide. If closing it would leave a fence
/// with a language inside a plain code block after it (bare, then one
/// with a language), it opens one; otherwise it closes the example.
pub fn nested_markdown_examples(doc: &str) -> Vec<Range<usize>> {
    if !holds_a_fence(doc) {
        return Vec::new();
    }
    let fences = fences(doc);
    let mut out = Vec::new();
    let mut i = 0;
    while i < fences.len() {
        let f = &fences[i];
        i += 1;
        if !f.markdown {
            // Another code block: skip to its closing fence, as CommonMark
            // does, so a "```markdown" line inside it opens nothing.
            if let Some(close) = fences[i..].iter().position(|g| {
                !g.info && g.fence.starts_with(&f.fence[..1]) && g.fence.len() >= f.fence.len()
            }) {
                i += close + 1;
            }
            continue;
        }
        // The example's own fences: the same run as its opening one. A
        // longer or shorter run is nested, or content, by CommonMark's rules.
        let same: Vec<&Fence> = fences[i..].iter().filter(|g| g.fence == f.fence).collect();
        let mut depth = 1;
        let mut nested = false;
        let mut closed = None;
        for (k, g) in same.iter().enumerate() {
            if g.info {
                depth += 1;
                nested = true;
            } else if depth > 1 {
                depth -= 1;
            } else {
                let next = same.get(k + 1);
                let after = same.get(k + 2);
                let opens = next.is_some_and(|n| !n.info) && after.is_some_and(|a| a.info);
                if opens {
                    depth += 1;
                    nested = true;
                } else {
                    closed = Some(g.end);
                    break;
                }
            }
        }
        let Some(end) = closed else {
            // Never balanced: left to CommonMark.
            break;
        };
        if nested {
            out.push(f.start..end);
        }
        i = fences.partition_point(|g| g.start < end);
    }
    out
}

/// `doc` with every byte of its nested Markdown examples but line ends
/// turned to spaces, for the block parser; `doc` itself when it has none.
pub fn hide_nested_examples(doc: &str) -> Cow<'_, str> {
    let examples = nested_markdown_examples(doc);
    if examples.is_empty() {
        return Cow::Borrowed(doc);
    }
    let mut bytes = doc.as_bytes().to_vec();
    for r in examples {
        for b in &mut bytes[r] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only whole characters were replaced, each byte by an ASCII space.
    Cow::Owned(String::from_utf8(bytes).expect("spaces and line ends are UTF-8"))
}

/// Whether `lines` hold a fence ("```", "~~~"): an edit there can change
/// which examples are nested, and so the text the block parser is given
/// around them.
pub fn holds_a_fence(lines: &str) -> bool {
    // Asked of the whole document on every parse: memchr's vectorised
    // search, several times faster than `str::contains` on a large file.
    let bytes = lines.as_bytes();
    memchr::memmem::find(bytes, b"```").is_some() || memchr::memmem::find(bytes, b"~~~").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_with_nested_fences() {
        let doc = "- Write it like this:\n\n```markdown\n# Tutorial\n\n```bash\nnpm test\n```\n\n- [Part 2](./02.md)\n```\n\n- Keep steps short\n";
        let start = doc.find("```markdown").unwrap();
        let end = doc.find("\n\n- Keep").unwrap() + 1;
        assert_eq!(nested_markdown_examples(doc), vec![Range { start, end }]);
        let hidden = hide_nested_examples(doc);
        assert_eq!(hidden.len(), doc.len());
        assert_eq!(hidden.lines().count(), doc.lines().count());
        assert!(!hidden.contains("Part 2") && hidden.contains("Keep steps short"));
        // Without nesting, or with a longer outer fence, CommonMark reads
        // the example right; unbalanced fences are left as they are.
        for doc in [
            "```md\n# Example\n```\n```bash\nls\n```\n- Keep\n",
            "````markdown\n```bash\nls\n```\n````\n- Keep\n",
            "```markdown\n```bash\nls\n```\n- Keep\n",
            "- Keep\n",
        ] {
            assert!(nested_markdown_examples(doc).is_empty(), "{doc:?}");
            assert!(matches!(hide_nested_examples(doc), Cow::Borrowed(_)));
        }
        // Real gICM tutorial-creator agent: a bare inner block ("```" around
        // the output) inside the example, then more with a language.
        let doc = "```markdown\n# Tutorial\n```bash\nnpm i\n```\n```\noutput\n```\n```bash\nnpm test\n```\n- [Next](./02.md)\n```\n\n```bash\nls\n```\n- Keep\n";
        let end = doc.find("\n\n```bash\nls").unwrap() + 1;
        assert_eq!(nested_markdown_examples(doc), vec![Range { start: 0, end }]);
        // A "```markdown" line inside another code block opens nothing.
        let doc = "```text\n```markdown\n```\n- Keep\n";
        assert!(nested_markdown_examples(doc).is_empty());
        // Multi-byte text inside is blanked byte for byte.
        let doc = "```md\n```js\nconst é = 1;\n```\n```\n";
        assert_eq!(hide_nested_examples(doc).len(), doc.len());
    }
}
