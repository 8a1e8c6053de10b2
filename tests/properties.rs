//! Properties that must hold for any input, checked with proptest: positions
//! round-trip in every encoding, and fixes never touch text they do not name.

use std::path::Path;
use std::sync::Arc;

use handoff::config::Config;
use handoff::document::{LineIndex, Position, PositionEncoding};
use handoff::fixes::{apply, inverse};
use handoff::language::FileKind;
use handoff::lint::Linter;
use handoff::workspace::NoWorkspace;
use proptest::prelude::*;

const ENCODINGS: [PositionEncoding; 3] = [
    PositionEncoding::Utf8,
    PositionEncoding::Utf16,
    PositionEncoding::Utf32,
];

/// Text with the characters positions get wrong: astral characters,
/// combining marks, CRLF, lone CR, tabs.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a".to_string()),
            Just(" ".to_string()),
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("é".to_string()),
            Just("e\u{301}".to_string()),
            Just("😀".to_string()),
            Just("𝔘".to_string()),
            Just("中".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn offsets_round_trip_through_positions(text in tricky_text()) {
        let index = LineIndex::new(&text);
        for encoding in ENCODINGS {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                // The second byte of "\r\n" is not a position of its own.
                if offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text.as_bytes().get(offset) == Some(&b'\n') {
                    continue;
                }
                let p = index.position(&text, offset, encoding);
                prop_assert_eq!(index.offset(&text, p, encoding), offset, "{:?} at {}", encoding, offset);
            }
        }
    }

    #[test]
    fn positions_past_the_end_clamp(text in tricky_text(), line in 0u32..100, column in 0u32..200) {
        let index = LineIndex::new(&text);
        for encoding in ENCODINGS {
            let offset = index.offset(&text, Position { line, column }, encoding);
            prop_assert!(offset <= text.len());
            prop_assert!(text.is_char_boundary(offset));
            if (line as usize) < index.line_count() {
                // A column past the line's end lands at the line's end.
                let range = index.line_range(&text, line as usize);
                prop_assert!(range.contains(&offset) || offset == range.end);
            } else {
                prop_assert_eq!(offset, text.len());
            }
        }
    }
}

/// Instructions made of words the rules react to, in checklists and comments.
fn instruction_words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "maybe",
            "fix",
            "the",
            "parser",
            "properly",
            "and",
            "add",
            "tests",
            ",",
            "then",
            "update",
            "docs",
            "rewrite",
            "auth",
            "somehow",
            "like",
            "before",
            "`src/a.rs`",
            "it",
            "try",
            "to",
            "cache",
            "😀",
            "é",
            "Done",
            "when",
            ";",
            "also",
            "perhaps",
            "clean",
            "up",
        ]),
        1..25,
    )
    .prop_map(|w| w.join(" "))
}

fn document() -> impl Strategy<Value = (String, &'static str)> {
    let md = prop::collection::vec(
        (
            instruction_words(),
            prop::sample::select(vec!["- [ ] ", "  - [ ] ", "* [ ] ", "1. [ ] "]),
        ),
        1..5,
    )
    .prop_map(|items| {
        let body: Vec<String> = items.into_iter().map(|(w, b)| format!("{b}{w}")).collect();
        (format!("# Tasks\n\n{}\n", body.join("\n")), "TODO.md")
    });
    let rs = (instruction_words(), prop::bool::ANY).prop_map(|(w, crlf)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        (
            format!("fn a() {{}}{eol}    // TODO: {w}{eol}    // {w}{eol}fn b() {{}}{eol}"),
            "lib.rs",
        )
    });
    let py = instruction_words().prop_map(|w| (format!("x = 1  # FIXME: {w}\n"), "a.py"));
    prop_oneof![md, rs, py]
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixes_touch_only_their_ranges_and_undo_exactly((text, name) in document()) {
        let linter = Linter::new(Arc::new(Config::default()));
        let path = Path::new(name);
        let kind = FileKind::from_path(path).unwrap();
        for finding in linter.check_text(kind, path, &text, &NoWorkspace) {
            for fix in &finding.fixes {
                let after = apply(&text, &fix.edits);
                // Outside the edited ranges, nothing moved.
                let first = fix.edits.iter().map(|e| e.range.start).min().unwrap();
                let last = fix.edits.iter().map(|e| e.range.end).max().unwrap();
                prop_assert_eq!(&after[..first], &text[..first]);
                prop_assert_eq!(&after[after.len() - (text.len() - last)..], &text[last..]);
                // Undo gives the original bytes back.
                prop_assert_eq!(apply(&after, &inverse(&text, &fix.edits)), text.clone(), "{}", fix.title);
                // A split keeps every word of the original, except the
                // joiners ("and", "then") it splits at.
                if fix.title.starts_with("Split") {
                    let mut before = words(&text[first..last]);
                    let mut now = words(&after[first..after.len() - (text.len() - last)]);
                    before.sort();
                    before.dedup();
                    now.sort();
                    before.retain(|w| !["and", "then", "also", "plus", "afterwards"].contains(&w.as_str()));
                    for w in &before {
                        prop_assert!(now.binary_search(w).is_ok(), "{} lost {:?}:\n{}", fix.title, w, after);
                    }
                }
                // The result still parses and lints.
                let _ = linter.check_text(kind, path, &after, &NoWorkspace);
            }
        }
    }
}
