//! The rule pages in `docs/rules/`, generated from the rules' doc comments so
//! the two never disagree.

use super::{ALL, RuleMeta, Tier};
use crate::extract::Role;

/// The roles a rule judges, as `handoff rules` and the docs show them:
/// "task, note (+ standing rule)".
pub fn roles_summary(rule: &RuleMeta) -> String {
    let names = |roles: &[Role]| {
        roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let extra: Vec<Role> = rule
        .pedantic
        .iter()
        .copied()
        .filter(|r| !rule.judges.contains(r))
        .collect();
    match (rule.judges.is_empty(), extra.is_empty()) {
        (false, true) => names(rule.judges),
        (false, false) => format!("{} (+ {})", names(rule.judges), names(&extra)),
        (true, _) => format!("(+ {})", names(&extra)),
    }
}

/// Which instructions a rule judges, as a sentence for its page.
fn judges_sentence(rule: &RuleMeta) -> String {
    let names = |roles: &[Role]| {
        roles
            .iter()
            .map(|r| format!("{}s", r.as_str()))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let extra: Vec<Role> = rule
        .pedantic
        .iter()
        .copied()
        .filter(|r| !rule.judges.contains(r))
        .collect();
    let mut out = match rule.tier() {
        Tier::Default => format!(
            "Tier: **default** (on unless turned off). Judges {} by default",
            names(rule.judges)
        ),
        Tier::Pedantic => format!(
            "Tier: **pedantic** (off unless `pedantic = true` or a severity is set for it). Judges {} when on",
            names(&extra)
        ),
    };
    if rule.tier() == Tier::Default && !extra.is_empty() {
        out.push_str(&format!(
            ", and {} too with `pedantic = true`",
            names(&extra)
        ));
    }
    out.push_str(". See [instruction roles](README.md#roles).");
    out
}

/// The Markdown page of one rule.
pub fn page(rule: &RuleMeta) -> String {
    format!(
        "# {name}\n\n*{category}* · default severity: *{severity}* · `handoff explain {name}`\n\n{summary}.\n\n{judges}\n\n{doc}\n## Silencing it\n\nFor one instruction, write `handoff-ignore: {name}` in the comment or item (in Markdown also `<!-- handoff-ignore: {name} -->` on the line before). For a project, set it in `handoff.toml`:\n\n```toml\n[rules]\n{name} = \"off\"\n```\n",
        name = rule.name,
        category = rule.category.as_str(),
        severity = rule.default_severity.as_str(),
        summary = rule.summary,
        judges = judges_sentence(rule),
        doc = rule.documentation(),
    )
}

/// The index page listing every rule.
pub fn index() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rules' source (`src/rules/`); run `UPDATE_DOCS=1 cargo test --test docs` after changing a rule's doc comment.\n\n| rule | tier | category | severity | judges (pedantic adds) | what it flags |\n|---|---|---|---|---|---|\n",
    );
    for rule in ALL {
        out.push_str(&format!(
            "| [{name}]({name}.md) | {} | {} | {} | {} | {} |\n",
            rule.tier().as_str(),
            rule.category.as_str(),
            rule.default_severity.as_str(),
            roles_summary(rule),
            rule.summary,
            name = rule.name
        ));
    }
    out.push_str(ROLES_AND_TIERS);
    out
}

/// How roles and tiers work, on the index page.
const ROLES_AND_TIERS: &str = r#"
## Roles

Every instruction has a role, which decides which rules judge it (the table
above says which roles a rule judges by default, and which, in parentheses,
only in the pedantic tier):

| role | what it is | judged for |
|---|---|---|
| **task** | a delegation: an open checklist item (`- [ ]`), a task document (`*.prompt.md`, `*.task.md`), a comment addressed to an agent (`TODO(agent)`, `TODO(claude)`, `@claude`, `@copilot`, `AI:`, `AI!`) | everything a receiver needs to act alone: a clear action, stated context, a result to check, a deliverable size |
| **note** | a plain `TODO`, `FIXME`, `HACK` or `XXX` between maintainers, who share the code's context | only what is wrong for any reader: nothing said, a bare question, a bare topic, a vague verb alone, a pointer to context nobody has |
| **standing rule** | a paragraph or item of an agent instruction file (`AGENTS.md`, `CLAUDE.md`, ...) | guidance that says nothing specific to the project, a pointer to unstated context, a reference to a file that does not exist |

Within a task, clarity rules judge what it asks for, not its rationale: a later
sentence that only explains ("This keeps the review focused.") and words in
parentheses are not read for vague words.

A checklist item in a plan, a roadmap or a specification (`plan.md`,
`*-plan.md`, `design.md`, `ROADMAP.md`, a dated document, a file under
`plans/` or `specs/`, Kiro's
`.kiro/specs/*/tasks.md`, or a list under a heading that names a plan,
`## Implementation Plan`) is a step the document around it defines, and so is
an item of a work section in a document that is not a task list (a README's
`## TODO`, as opposed to `TODO.md` or a document titled `# Tasks`), an item of
a section that lays out its design in a code block before it (a module's file
tree, then `- [ ] Implement repositories`), an item of a document that says
when its work is done under a heading of its own (`## Success Criteria`,
`## Acceptance Criteria`, `## Definition of Done`: a task written up whole,
one file per task, whose checklist lists the steps those criteria judge),
and a step nested in another item
(`- [ ] Fix all errors` under `- [ ] **Run Linter**`): the rules that judge a
task's wording and size leave them to the pedantic tier. Their broken
references and open questions are still reported.

## Tiers

Rules of the **default** tier are on unless turned off; every one of them is
precise on real repositories ([docs/precision.md](../precision.md)). Rules of
the **pedantic** tier, and the extra roles some default rules judge there, are
off until asked for:

```toml
pedantic = true            # the whole pedantic tier
[rules]
multiple-tasks = "warning" # or one pedantic rule, on its roles
```

In an editor, the setting `handoff.pedantic` does the same.

## What is not linted

Test fixtures and snapshots (`fixtures/`, `testdata/`, `__snapshots__/`,
data folders under `tests/` such as `tests/data/` or `test/e2e/test_input/`, a file whose `.snap` snapshot sits beside it),
vendored and third-party code (`vendor/`, `_vendor/`,
`third_party/`, folders named for what they vendor such as
`vendored_parsers/`, `deps/`, `node_modules/`, the C sources a Rust
crate's build script compiles from a folder beside its `src/`, and a library in `libs/`,
`external/` or `contrib/` with its own build file and a license other than
the project's, or anywhere as its files with its own README and license,
as is any folder with its own README and license in a project that has
no license of its own; and what a library's install step wrote under a
prefix, such as `llvm-install/include/`),
generated files (a `@generated` or
`DO NOT EDIT` notice in their first lines, or in a Markdown comment
among their last lines, as distributed copies of skills carry it, a webpack or ncc bundle,
`*.min.js`, `*.pb.go`, a file rendered from a template at the same place
under the project's `templates/`, such as
`templates/.github/copilot-instructions.md.j2`), pull
request and issue templates (GitHub's `.github/ISSUE_TEMPLATE/`,
GitLab's `.gitlab/merge_request_templates/`), Markdown documents in a `templates/` folder
(written for other projects, generic on purpose), a Markdown document
with three or more slots to fill in (`{プロジェクト名を記入}`, `{URL}`,
`{your app}`: a starter kit's `CLAUDE.md` that a script copies into new
projects), a Markdown document copied from another project's
documentation (ten or more relative links and not one of them found
here, such as a library's docs saved as Cursor rules), exercises for
learners (`exercises/`, whose `// TODO`s mark where the learner writes) and
archives of past work (`archive/`, `archived/`, `old/`: records nobody works from)
are not the project's own
instructions and are skipped. A file named on the command line is always checked;
`default-exclude = false` in `handoff.toml` checks everything.
"#;
