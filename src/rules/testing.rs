//! Helpers for rule tests: run one rule on a piece of instruction text.

use std::path::Path;

use crate::extract::{Instruction, InstructionKind, Layout, TextBuilder};
use crate::rules::RuleOptions;
use crate::rules::{CheckContext, RawFinding, RuleMeta};
use crate::suppress::Suppression;
use crate::text::Analysis;
use crate::workspace::{NoWorkspace, Workspace};

/// An instruction whose cleaned text is `text` itself. Backtick spans are
/// verbatim; lines starting with `- ` after the first are sub-items. A
/// comment is a maintainers' note (`TODO`); [`AGENT_COMMENT`] makes it a
/// comment addressed to an agent.
pub fn instruction(kind: InstructionKind, text: &str) -> Instruction {
    let marker = (kind == InstructionKind::Comment).then(|| "TODO".to_string());
    instruction_marked(kind, marker, text)
}

/// A marker that addresses an agent, for tests of comments that are tasks.
pub const AGENT_COMMENT: &str = "TODO(agent)";

fn instruction_marked(kind: InstructionKind, marker: Option<String>, text: &str) -> Instruction {
    let mut b = TextBuilder::new();
    b.push_source(text, 0..text.len());
    let (text, map) = b.finish();
    let mut verbatim = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices() {
        if c == '`' {
            match open.take() {
                Some(s) => verbatim.push(s..i + 1),
                None => open = Some(i),
            }
        }
    }
    let mut subitems = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n > 0 && line.trim_start().starts_with("- ") {
            subitems.push(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    Instruction {
        kind,
        text,
        map,
        range: 0..0,
        marker,
        // A test's checklist item is in a list of work to do.
        in_task_list: kind == InstructionKind::TaskItem,
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
        subitems,
        verbatim,
        labels: Vec::new(),
        marks_a_stub: false,
        marks_a_failing_test: false,
        next_to_a_stated_failure: false,
        beside_a_worded_marker: false,
        suppression: Suppression::None,
        layout: Layout {
            sibling_prefix: Some("\n- [ ] ".into()),
            continuation_prefix: "\n  ".into(),
            directive_line: None,
            line_end: "\n".into(),
        },
    }
}

pub fn run_with(
    rule: &RuleMeta,
    options: &RuleOptions,
    kind: InstructionKind,
    text: &str,
    workspace: &dyn Workspace,
) -> Vec<RawFinding> {
    check(rule, options, &instruction(kind, text), workspace, false)
}

/// The findings of `rule` on a comment with `marker` (`TODO(agent)`).
pub fn run_marked(rule: &RuleMeta, marker: &str, text: &str) -> Vec<RawFinding> {
    let instruction = instruction_marked(InstructionKind::Comment, Some(marker.into()), text);
    check(
        rule,
        &RuleOptions::default(),
        &instruction,
        &NoWorkspace,
        false,
    )
}

/// The findings of `rule` with the pedantic tier on.
pub fn run_pedantic(rule: &RuleMeta, kind: InstructionKind, text: &str) -> Vec<RawFinding> {
    let instruction = instruction(kind, text);
    check(
        rule,
        &RuleOptions::default(),
        &instruction,
        &NoWorkspace,
        true,
    )
}

/// Runs `rule` as a linter would with the rule turned on: a default rule on
/// the roles it judges by default (and its pedantic ones when `pedantic`),
/// a pedantic rule on its pedantic roles.
fn check(
    rule: &RuleMeta,
    options: &RuleOptions,
    instruction: &Instruction,
    workspace: &dyn Workspace,
    pedantic: bool,
) -> Vec<RawFinding> {
    check_at(
        rule,
        options,
        instruction,
        workspace,
        pedantic,
        Path::new("TODO.md"),
    )
}

/// The findings of `rule` on `text` as an instruction of the file at
/// `path`, with the files of `workspace` around it.
pub fn run_in(
    rule: &RuleMeta,
    kind: InstructionKind,
    path: &Path,
    text: &str,
    workspace: &dyn Workspace,
) -> Vec<RawFinding> {
    check_at(
        rule,
        &RuleOptions::default(),
        &instruction(kind, text),
        workspace,
        false,
        path,
    )
}

/// Asserts that `rule` flags the task item `text` in a task list and leaves
/// it alone as a plan's step (`plan.md`, a file under `plans/`).
pub fn assert_left_to_plans(rule: &RuleMeta, text: &str) {
    let at = |path: &str| {
        run_in(
            rule,
            InstructionKind::TaskItem,
            Path::new(path),
            text,
            &NoWorkspace,
        )
    };
    assert!(
        !at("TODO.md").is_empty(),
        "{} should fire on {text:?}",
        rule.name
    );
    for plan in [
        "projects/cache/plan.md",
        "docs/plans/2026-05-31-cache.md",
        ".kiro/specs/cache/tasks.md",
        "specs/001-cache/tasks.md",
        "docs/CACHE_IMPLEMENTATION_ROADMAP.md",
        "docs/ROADMAP.md",
        "docs/roadmap/16-phase-7.md",
        "docs/cache-design.md",
        "docs/research/cache-architecture-2025-10-27.md",
        "task-tracking/TASK_7/task-description.md",
        // Real language-app PR plan (round 39).
        "docs/planning/PR-6-spanish-dictation-listening.md",
    ] {
        assert!(
            at(plan).is_empty(),
            "{} should leave {plan} alone",
            rule.name
        );
    }
}

/// How many findings of `rule` the default linter reports on the file
/// `path` holding `text`: for what the extraction decides from the code
/// around a comment, or the rules from the file's name.
pub fn count_in_file(rule: &RuleMeta, path: &str, text: &str) -> usize {
    count_in_project(rule, Path::new(path), text, &NoWorkspace)
}

/// [`count_in_file`] with the pedantic tier on, for a rule or a check that
/// is off by default.
pub fn count_in_pedantic_file(rule: &RuleMeta, path: &str, text: &str) -> usize {
    let mut config = crate::config::Config::default();
    config.pedantic = true;
    let linter = crate::lint::Linter::new(std::sync::Arc::new(config));
    let kind =
        crate::language::FileKind::from_path(Path::new(path)).expect("a file kind handoff reads");
    linter
        .check_text(kind, Path::new(path), text, &NoWorkspace)
        .into_iter()
        .filter(|f| f.rule.name == rule.name)
        .count()
}

/// [`count_in_file`] for a file at `path` in `workspace`.
pub fn count_in_project(
    rule: &RuleMeta,
    path: &Path,
    text: &str,
    workspace: &dyn Workspace,
) -> usize {
    let linter = crate::lint::Linter::new(std::sync::Arc::new(crate::config::Config::default()));
    let kind = crate::language::FileKind::from_path(path).expect("a file kind handoff reads");
    linter
        .check_text(kind, path, text, workspace)
        .into_iter()
        .filter(|f| f.rule.name == rule.name)
        .count()
}

fn check_at(
    rule: &RuleMeta,
    options: &RuleOptions,
    instruction: &Instruction,
    workspace: &dyn Workspace,
    pedantic: bool,
    path: &Path,
) -> Vec<RawFinding> {
    let analysis =
        Analysis::new(&instruction.text, &instruction.verbatim).with_labels(&instruction.labels);
    let cx = CheckContext {
        instruction,
        analysis: &analysis,
        path,
        workspace,
        pedantic,
    };
    let mut out = Vec::new();
    let pedantic = pedantic || rule.tier() == crate::rules::Tier::Pedantic;
    if rule.roles(pedantic).contains(&instruction.role()) {
        (rule.build)(options).check(&cx, &mut out);
    }
    out
}

/// The findings of `rule` on `text` as an instruction of `kind`.
pub fn run(rule: &RuleMeta, kind: InstructionKind, text: &str) -> Vec<RawFinding> {
    run_with(rule, &RuleOptions::default(), kind, text, &NoWorkspace)
}

/// Asserts that `rule` fires on every text in `fire` and on none in `quiet`,
/// for instructions of `kind`.
pub fn assert_cases(rule: &RuleMeta, kind: InstructionKind, fire: &[&str], quiet: &[&str]) {
    for text in fire {
        assert!(
            !run(rule, kind, text).is_empty(),
            "{} should fire on {kind:?} {text:?}",
            rule.name
        );
    }
    for text in quiet {
        let found = run(rule, kind, text);
        assert!(
            found.is_empty(),
            "{} should stay quiet on {kind:?} {text:?}, found {found:?}",
            rule.name
        );
    }
}

/// [`assert_cases`] with the pedantic tier on.
pub fn assert_pedantic_cases(
    rule: &RuleMeta,
    kind: InstructionKind,
    fire: &[&str],
    quiet: &[&str],
) {
    for text in fire {
        assert!(
            !run_pedantic(rule, kind, text).is_empty(),
            "pedantic {} should fire on {kind:?} {text:?}",
            rule.name
        );
    }
    for text in quiet {
        let found = run_pedantic(rule, kind, text);
        assert!(
            found.is_empty(),
            "pedantic {} should stay quiet on {kind:?} {text:?}, found {found:?}",
            rule.name
        );
    }
}
