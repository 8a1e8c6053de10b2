//! Incremental = full, as a property: for a sample document in every
//! language and Markdown role, and random edits (inserts, deletes and
//! replacements next to multi-byte characters, CRLF, tabs, comment and
//! checklist syntax), the findings the language server's document keeps
//! equal those of a fresh check of its text, whether it is analysed after
//! each edit or once after a burst of them.

mod support;

use std::path::Path;
use std::sync::{Arc, LazyLock};

use handoff::config::{Config, DEFAULT_MAX_FILE_SIZE};
use handoff::document::PositionEncoding;
use handoff::fuzz::{FindingsSummary, SAMPLE_PATHS, findings_summary};
use handoff::language::FileKind;
use handoff::lint::Linter;
use handoff::live::{Document, LintContext, Render};
use handoff::workspace::NoWorkspace;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use support::{Rng, sample};

static LINTER: LazyLock<Arc<Linter>> =
    LazyLock::new(|| Arc::new(Linter::new(Arc::new(Config::default()))));

const PIECES: &[&str] = &[
    "",
    "x",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "é",
    "😀",
    "中",
    "e\u{301}",
    "\0",
    "// TODO: ",
    "# FIXME: ",
    "-- TODO: ",
    "/* ",
    " */",
    "<!-- ",
    " -->",
    "\"",
    "'",
    "maybe ",
    "properly",
    ", and ",
    "- [ ] ",
    "  - [ ] ",
    "```\n",
    "```bash\n",
    "```markdown\n",
    "[[",
    "]]",
    "# [Project Name]\n",
    "## Open Questions\n",
    "?",
    "- [ ] Which one?\n",
    "\n        pass",
    " = false, // TODO",
    "TODO",
    "AI: ",
    "@claude ",
    "\n    ",
];

/// One edit: where (a fraction of the text), how much to remove, what to
/// insert, and whether the document is analysed right after it (as the
/// server does when it publishes) or only with the edits that follow (a
/// burst of keystrokes).
fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (
            any::<u16>(),
            0usize..16,
            prop::sample::select(PIECES),
            any::<bool>(),
        ),
        1..24,
    )
}

type Edit = (u16, usize, &'static str, bool);

/// A document `name` (a path under a scratch folder) holding `text`.
fn open(name: &str, text: String) -> Document {
    let path = Path::new("/tmp/handoff-incremental").join(name);
    Document::new(
        path.clone(),
        FileKind::from_path(&path).unwrap(),
        1,
        text,
        PositionEncoding::Utf16,
        LintContext::new(LINTER.clone()),
        DEFAULT_MAX_FILE_SIZE,
    )
}

/// The findings `doc` keeps, and those of a fresh check of its text.
fn kept_and_fresh<R: Render>(doc: &Document<R>) -> (FindingsSummary, FindingsSummary) {
    let fresh = LINTER.check_text(doc.kind, &doc.path, doc.text(), &NoWorkspace);
    (
        findings_summary(doc.findings().map(|(_, f)| f)),
        findings_summary(&fresh),
    )
}

/// The byte range `at..at + remove` in `text`, widened to character
/// boundaries.
fn char_range(text: &str, mut at: usize, remove: usize) -> std::ops::Range<usize> {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + remove).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    at..end
}

fn check(name: &str, edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut doc = open(name, sample(name));
    for (step, &(at, remove, insert, settle)) in edits.iter().enumerate() {
        let at = at as usize * doc.text().len() / u16::MAX as usize;
        let range = char_range(doc.text(), at, remove);
        doc.apply_edit(range.clone(), insert);
        if !settle && step + 1 < edits.len() {
            continue;
        }
        doc.settle();
        let (kept, fresh) = kept_and_fresh(&doc);
        prop_assert_eq!(
            kept,
            fresh,
            "{} after edit {} ({:?} <- {:?}):\n{:?}",
            name,
            step,
            range,
            insert,
            doc.text()
        );
    }
    Ok(())
}

/// Random edits to every sample of the language table, 32 sequences each:
/// a new language is covered by its row.
#[test]
fn every_sample_edited_at_random() {
    let only = std::env::var("HANDOFF_SAMPLE").ok();
    for name in SAMPLE_PATHS.iter() {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let mut runner = TestRunner::new(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(32),
            failure_persistence: None,
            ..ProptestConfig::default()
        });
        if let Err(e) = runner.run(&edits(), |e| check(name, &e)) {
            panic!("{name}: {e}");
        }
    }
}

/// Long sequences: 300 edits from each seed, checked after every one, so
/// that drift that builds up edit by edit shows; in the language server's
/// document, whose diagnostics' JSON must keep up too.
fn long_sequence(name: &str, text: &str, pieces: &[&str], seed: u64) {
    let path = Path::new("/tmp/handoff-incremental").join(name);
    let uri = format!("file://{}", path.display()).parse().unwrap();
    let mut doc = handoff::server::Document::open(
        uri,
        path.clone(),
        FileKind::from_path(&path).unwrap(),
        1,
        text.to_string(),
        PositionEncoding::Utf16,
        LintContext::new(LINTER.clone()),
        DEFAULT_MAX_FILE_SIZE,
    );
    let mut rng = Rng(seed);
    for step in 0..300 {
        let at = rng.next(doc.text().len() + 1);
        let remove = if rng.next(3) == 0 { 0 } else { rng.next(12) };
        let range = char_range(doc.text(), at, remove);
        let insert = pieces[rng.next(pieces.len())];
        doc.edit(range.clone(), insert);
        let (kept, fresh) = kept_and_fresh(&doc);
        assert_eq!(doc.diagnostic_count(), kept.len());
        assert_eq!(
            kept,
            fresh,
            "seed {seed}, step {step}: {range:?} <- {insert:?}:\n{}",
            doc.text()
        );
    }
}

#[test]
fn long_sequences_in_rust() {
    let text = "fn main() {\n    // TODO: maybe fix this properly\n    let x = 1; // FIXME: rewrite auth, add tests and update the docs\n}\n\n/* TODO: clean up\n   somehow */\n// note\n// TODO(agent): handle it\n//   and more\nfn b() { \"// TODO: not a comment\" }\n";
    let pieces = [
        "",
        "x",
        " ",
        "\n",
        "// TODO: ",
        "maybe ",
        "properly",
        ", and ",
        "\n// ",
        "*/",
        "/*",
        "\"",
        "😀",
        "\r\n",
    ];
    for seed in 1..=4 {
        long_sequence("lib.rs", text, &pieces, seed);
    }
}

#[test]
fn long_sequences_in_markdown() {
    let text = "# Tasks\n\n- [ ] Rewrite auth, add tests and update the docs\n  - [ ] maybe fix the parser\n  - [x] done\n- [ ] Clean up the code somehow\n\n<!-- handoff-ignore: hedge -->\n- [ ] Maybe refactor it\n\n```\n- [ ] not a task\n```\n";
    let pieces = [
        "",
        "x",
        " ",
        "\n",
        "- [ ] ",
        "  - [ ] ",
        "maybe ",
        "properly",
        ", and ",
        "```\n",
        "<!-- handoff-ignore -->\n",
        "[x]",
        "😀",
        "\r\n",
    ];
    for seed in 1..=4 {
        long_sequence("TODO.md", text, &pieces, seed);
    }
}

/// Found by the property above: edits to a Lua sample that leave the
/// tree broken (an unclosed long comment) and then mend it.
#[test]
fn broken_lua_mended() {
    check(
        "init.lua",
        &[
            (2665, 2, "\n", false),
            (11963, 0, "", true),
            (11443, 0, "\n", false),
            (12385, 0, "", false),
        ],
    )
    .unwrap();
}

/// Found by the property above: a nested item opened at the end of a
/// Markdown task list.
#[test]
fn nested_item_opened_after_a_task_list() {
    check(
        "notes.md",
        &[
            (63015, 9, "- [ ] ", false),
            (2838, 0, "", true),
            (2838, 0, "", false),
        ],
    )
    .unwrap();
}

/// A list introduced as another repository's files makes the same names
/// further down that repository's too: an edit to that list reaches the
/// items after it, whose broken references come and go with it.
/// A project on disk holding `files` (path, text) and a `.git`, with the
/// document at `path` (one of them) open in it.
fn open_in_project(
    root: &std::path::Path,
    files: &[(&str, &str)],
    path: &str,
) -> (Document, Arc<handoff::workspace::DiskWorkspace>) {
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for (file, text) in files {
        let at = root.join(file);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(&at, text).unwrap();
    }
    let workspace = Arc::new(handoff::workspace::DiskWorkspace::new(root).unwrap());
    let cx = LintContext {
        linter: LINTER.clone(),
        workspace: workspace.clone(),
        enabled: true,
    };
    let path = root.join(path);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = Document::new(
        path.clone(),
        FileKind::from_path(&path).unwrap(),
        1,
        text,
        PositionEncoding::Utf16,
        cx,
        DEFAULT_MAX_FILE_SIZE,
    );
    (doc, workspace)
}

/// How many broken references `doc` reports, once its findings are the
/// same as a fresh check's.
fn broken_references(doc: &Document, workspace: &handoff::workspace::DiskWorkspace) -> usize {
    let kept = findings_summary(doc.findings().map(|(_, f)| f));
    let fresh = findings_summary(&LINTER.check_text(doc.kind, &doc.path, doc.text(), workspace));
    assert_eq!(kept, fresh, "{}", doc.text());
    kept.iter().filter(|f| f.1 == "broken-reference").count()
}

#[test]
fn editing_a_list_from_elsewhere_reaches_the_names_repeated_below() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Router\n\nLoad these files from `github/gh-aw` (they are not available locally):\n- `.github/aw/network.md`\n- `.github/aw/charts.md`\n- `.github/aw/skills.md`\n- `.github/aw/memory.md`\n\nKeep answers short.\n\nAsk when unsure.\n\nAfter loading, follow it:\n- Tune memory: `.github/aw/memory.md`\n- Check networks: `.github/aw/network.md`\n";
    let (mut doc, workspace) = open_in_project(
        dir.path(),
        &[(".github/skills/aw/SKILL.md", text)],
        ".github/skills/aw/SKILL.md",
    );
    let broken = |doc: &Document| broken_references(doc, &workspace);
    assert_eq!(broken(&doc), 0);
    // Rename the first list's memory file: the one below is this
    // project's now, and missing; the renamed one is the other
    // repository's.
    let at = doc.text().find("memory.md").unwrap();
    assert!(doc.text()[..at].ends_with("skills.md`\n- `.github/aw/"));
    doc.apply_edit(at..at + "memory".len(), "state");
    doc.settle();
    assert_eq!(broken(&doc), 1);
    // Its lead no longer points away: every path is checked.
    let at = doc
        .text()
        .find(" (they are not available locally)")
        .unwrap();
    doc.apply_edit(at..at + " (they are not available locally)".len(), "");
    let at = doc.text().find("from `github/gh-aw`").unwrap();
    doc.apply_edit(at..at + "from `github/gh-aw`".len(), "here");
    doc.settle();
    assert_eq!(broken(&doc), 6);
}

/// A table of another repository's files, and a layout in braces in the
/// paragraph that places them there, name files that items below cite: an
/// edit to either reaches those items.
#[test]
fn editing_a_table_or_layout_from_elsewhere_reaches_the_items_below() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Audit

## Upstream

Fetch raw files (base `https://raw.githubusercontent.com/teslamotors/vehicle-command/main`).

| Dimension | File |
|---|---|
| Roles | `pkg/protocol/protocol.md` |

Layout (base `https://raw.githubusercontent.com/yoziru/tesla-ble/v5`): `src/{vehicle.cpp, peer.cpp, …}`.

## Gotchas

- Role scope is prose: read `pkg/protocol/protocol.md`.
- Expiry is set in `src/peer.cpp`.
";
    let (mut doc, workspace) = open_in_project(
        dir.path(),
        &[(".claude/skills/audit/SKILL.md", text)],
        ".claude/skills/audit/SKILL.md",
    );
    let broken = |doc: &Document| broken_references(doc, &workspace);
    assert_eq!(broken(&doc), 0);
    let at = doc.text().find("protocol.md` |").unwrap();
    doc.apply_edit(at..at + "protocol".len(), "roles");
    doc.settle();
    assert_eq!(broken(&doc), 1);
    let at = doc.text().find("peer.cpp, …}").unwrap();
    doc.apply_edit(at..at + "peer".len(), "session");
    doc.settle();
    assert_eq!(broken(&doc), 2);
    doc.apply_edit(at..at + "session".len(), "peer");
    doc.settle();
    assert_eq!(broken(&doc), 1);
}

/// A step that creates a file makes the file other items name a file to
/// be: an edit to that step reaches them, before it and after it, and
/// their broken references come and go with it.
#[test]
fn editing_a_create_step_reaches_the_items_naming_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Tasks\n\n- [ ] Describe the token store in `src/push/registry.ts` for reviewers\n- [ ] Make the build reproducible on CI runners\n- [ ] Create `src/push/registry.ts` holding the push tokens\n- [ ] Make the linter run on every commit of the repo\n- [ ] Wire the registry from `src/push/registry.ts` into the server start\n";
    let (mut doc, workspace) = open_in_project(
        dir.path(),
        &[("src/main.ts", "export {};\n"), ("TODO.md", text)],
        "TODO.md",
    );
    let broken = |doc: &Document| broken_references(doc, &workspace);
    assert_eq!(broken(&doc), 0);
    // The step no longer creates the file: all three name a missing one.
    let at = doc.text().find("Create").unwrap();
    doc.apply_edit(at..at + "Create".len(), "Review");
    doc.settle();
    assert_eq!(broken(&doc), 3);
    // Typed back a letter at a time.
    let at = doc.text().find("Review").unwrap();
    doc.apply_edit(at..at + "Review".len(), "");
    doc.settle();
    for (n, c) in "Create".chars().enumerate() {
        doc.apply_edit(at + n..at + n, &c.to_string());
        doc.settle();
    }
    assert_eq!(broken(&doc), 0);
}

/// A question among other questions of its list is a questionnaire's, not
/// a task: an edit that makes or unmakes one question reaches the others.
#[test]
fn editing_one_question_reaches_the_questions_beside_it() {
    let text = "# TODO\n\n## Before the release\n\n- [ ] Add retries to the upload client\n- [ ] Which plan is booked?\n- [ ] Add a cron for the cleanup job\n- [ ] Why does the scheduler call it twice?\n";
    let mut doc = open("TODO.md", text.to_string());
    let questions = |doc: &Document| {
        doc.findings()
            .filter(|(_, f)| f.rule.name == "missing-action")
            .count()
    };
    doc.settle();
    assert_eq!(questions(&doc), 0);
    // The first no longer asks: the second is a lone question among tasks.
    let at = doc.text().find("booked?").unwrap() + "booked".len();
    doc.apply_edit(at..at + 1, "");
    doc.settle();
    assert_eq!(questions(&doc), 1);
    let (kept, fresh) = kept_and_fresh(&doc);
    assert_eq!(kept, fresh);
    // And asks again.
    doc.apply_edit(at..at, "?");
    doc.settle();
    assert_eq!(questions(&doc), 0);
    let (kept, fresh) = kept_and_fresh(&doc);
    assert_eq!(kept, fresh);
}

/// A heading that says when the work is done makes the checklist the
/// steps those criteria judge, wherever it is: typing it at the end
/// reaches the items above, and taking it out brings their findings back.
#[test]
fn editing_the_success_criteria_heading_reaches_the_items_above() {
    let text = "# Implement CLI Error Handling\n\n## Steps\n\n- [ ] Setup error logging\n- [ ] Implement log levels\n\n## Notes\n\n- Clear error messages\n";
    let mut doc = open("tasks/implement-cli-error-handling.md", text.to_string());
    let done_criteria = |doc: &Document| {
        doc.findings()
            .filter(|(_, f)| f.rule.name == "missing-done-criteria")
            .count()
    };
    doc.settle();
    assert_eq!(done_criteria(&doc), 1);
    let at = doc.text().find("Notes").unwrap();
    doc.apply_edit(at..at + "Notes".len(), "Success Criteria");
    doc.settle();
    assert_eq!(done_criteria(&doc), 0);
    let (kept, fresh) = kept_and_fresh(&doc);
    assert_eq!(kept, fresh);
    doc.apply_edit(at..at + "Success Criteria".len(), "Notes");
    doc.settle();
    assert_eq!(done_criteria(&doc), 1);
    let (kept, fresh) = kept_and_fresh(&doc);
    assert_eq!(kept, fresh);
}

/// A document with ten or more long open items is long-form, and
/// too-long leaves its items alone: an edit that makes or unmakes the
/// tenth reaches the other nine.
#[test]
fn editing_the_tenth_long_item_reaches_the_others() {
    let long = "check the fused chrome again ".repeat(22);
    let items: String = (0..9)
        .map(|n| format!("- [ ] Gate {n}: {long}\n"))
        .collect();
    let text = format!("# TODO\n\n{items}- [ ] Gate 9: short\n");
    let mut doc = open("TODO.md", text);
    let too_long = |doc: &Document| {
        doc.findings()
            .filter(|(_, f)| f.rule.name == "too-long")
            .count()
    };
    doc.settle();
    assert_eq!(too_long(&doc), 9);
    // The tenth grows long: the document is long-form.
    let at = doc.text().find("short").unwrap();
    doc.apply_edit(at..at + "short".len(), &long);
    doc.settle();
    assert_eq!(too_long(&doc), 0);
    let (kept, fresh) = kept_and_fresh(&doc);
    assert_eq!(kept, fresh);
    // And shrinks back.
    doc.apply_edit(at..at + long.len(), "short");
    doc.settle();
    assert_eq!(too_long(&doc), 9);
    let (kept, fresh) = kept_and_fresh(&doc);
    assert_eq!(kept, fresh);
}

#[test]
fn editing_a_fence_or_a_template_bracket_reaches_what_follows() {
    let dir = tempfile::tempdir().unwrap();
    // A Markdown example with a fence nested inside, then a template in an
    // `[[LLM: …]]` block (BMAD's shape), then the agent file's own rules.
    let text = "# Agent\n\n- Write tutorials like this:\n\n```markdown\n# Tutorial\n\n```bash\nnpm test\n```\n\n- See `docs/tutorial-part-2.md`\n```\n\n[[LLM: Write the architecture document.\n\nDocument what exists.\n\nNot what is planned.\n\n**Document Structure**:\n\n# [Project Name] Architecture\n\n## Modules\n\n- See `src/models/User.js`]]\n\nThe rules.\n\nThey are ours.\n\nRead them.\n\n- Read `docs/setup.md` first\n";
    let (mut doc, workspace) = open_in_project(
        dir.path(),
        &[("src/main.ts", "export {};\n"), ("AGENTS.md", text)],
        "AGENTS.md",
    );
    // The missing files reported, once the findings are a fresh check's.
    let broken = |doc: &Document| -> Vec<String> {
        assert!(broken_references(doc, &workspace) < 4);
        let mut names: Vec<String> = doc
            .findings()
            .filter(|(_, f)| f.rule.name == "broken-reference")
            .filter_map(|(_, f)| f.message.split('`').nth(1).map(str::to_string))
            .collect();
        names.sort();
        names
    };
    // Only the rule after both is the project's.
    assert_eq!(broken(&doc), ["docs/setup.md"]);
    // The example loses its language a letter at a time: CommonMark reads
    // its fences, the link is the document's, and the fence after it opens
    // a code block to the end.
    let at = doc.text().find("```markdown").unwrap() + 3;
    for _ in 0.."markdown".len() {
        doc.apply_edit(at..at + 1, "");
        doc.settle();
    }
    assert_eq!(broken(&doc), ["docs/tutorial-part-2.md"]);
    for (n, c) in "markdown".chars().enumerate() {
        doc.apply_edit(at + n..at + n, &c.to_string());
        doc.settle();
    }
    assert_eq!(broken(&doc), ["docs/setup.md"]);
    // Without the `[[` that opens its block, the template is not closed by
    // the `]]` and runs to its section's end, taking the last rule with it.
    for edit in ["]]", "[["] {
        let at = doc.text().find(edit).unwrap();
        doc.apply_edit(at..at + 1, "");
        doc.settle();
        doc.apply_edit(at..at + 1, "");
        doc.settle();
        assert!(broken(&doc).is_empty(), "without {edit}");
        doc.apply_edit(at..at, edit);
        doc.settle();
        assert_eq!(broken(&doc), ["docs/setup.md"]);
    }
}
