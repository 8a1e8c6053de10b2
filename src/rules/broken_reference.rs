use std::ops::Range;

use crate::declare_rule;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, FixIntent, Question, RawFinding, Rule, Severity};
use crate::text::TokenKind;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::paths::{PATH, is_a_date, looks_like_path, points_away};

declare_rule! {
    /// ## What it does
    /// Flags a relative path named in an instruction (`src/auth/session.rs`,
    /// `docs/setup.md`) that does not exist in the project. Paths resolve as
    /// a reader resolves them: against the instruction's own folder, the
    /// project root (the nearest folder with `.git` or a `handoff.toml`),
    /// and any folder the instruction names ("in `crates/cli/`, edit
    /// `src/main.rs`"); a file beside the document named from where its
    /// folder used to be (`specs/SPEC-4f7a/research.md` in an archived
    /// `specs/SPEC-e985/SPEC-4f7a/tasks.md`) is found beside it; the end of a path that exists anywhere in the
    /// project (`agents/run.py` in `src/`) is found, and case aside
    /// (`PULL_REQUEST_TEMPLATE.md` is `pull_request_template.md`, as macOS,
    /// Windows and GitHub find it). Only paths are checked: a bare name that
    /// no file of the project has (`interact.js`, a deployment's
    /// `config.yaml`) names a library or a file elsewhere.
    ///
    /// Not references: a file the program looks for at run time ("return an
    /// error when `settings.toml` is missing"), a configuration file it
    /// loads ("Loads from `config/app.yaml`"), a report a run writes
    /// ("Implementation Report: `docs/a2a/reviewer.md`"), a file the
    /// instruction says to create, build or implement (also in Chinese,
    /// Japanese or Korean: 创建, 作成, 新規, （新）, 작성, and in Portuguese,
    /// Spanish, French or German: "Criar arquivo em `x`", "Crear", "Créer",
    /// "erstellen"), to delete ("Delete
    /// `old.py`", "`x` — 삭제"), or to extract,
    /// split or copy into ("copy the build to `../web/static`", 复制到), a
    /// file's new name ("Move `src/lib/utils.ts` → `src/shared/utils.ts`")
    /// and its old one once the new one exists (the move is done),
    /// a file another item of the same document creates ("- [ ] 2.4 Create
    /// `packages/electron/src/platform/menu.ts`" over "- [ ] 4.3 ... from
    /// `platform/menu.ts`"), a file a sub-item names first under an item
    /// that creates ("- [ ] Task 1: Create domain event classes" over "  -
    /// [ ] `src/User/Domain/Event/UserSignedIn.php`"), or lists among an open task's outputs
    /// ("Outputs:", "輸出物：`src/chat/diagnosis.service.ts`", unless marked
    /// as updated, "（更新）") or names as a step's documentation ("12.
    /// **Docs:** `docs/shared-bot.md` — …"), or a file in a folder it creates, a file a
    /// shell script in the document's code blocks writes (`-o "$TODO_JSON"`
    /// after `TODO_JSON="po/l10n-todo.json"`, `> logs/build.txt`), and a file
    /// the document renames away once its new name exists ("## `services/agent`
    /// → `services/runner`" over "- [ ] `services/agent/src/alive.ts`"; if
    /// neither name exists, the old one is reported),
    /// a naming scheme or path rewrite shown on made-up files ("`src/utils.ts` ->
    /// `src/utils.test.ts`", "`thoughts/searchable/api.md` →
    /// `thoughts/api.md`"), the installing project's files in a skill that
    /// declares a `license` in its front matter (packaged for other projects),
    /// a checklist item that is only a path or paths, with at most a short
    /// label ("- [ ] `src/hooks/useSearch.ts`", "- [ ] Flow docs:
    /// `docs/flows/search.md`", files to make; nested under an item, it is what that item's work is
    /// done to, and is checked), the files a checklist item states as the result
    /// ("`cache.json` is updated after every run"), placeholders
    /// (`workflows/XX-name/`, `gates/Bxx.json`, `test_EventNameHere.py`, `docs/Feature-N-Name.md`,
    /// `phase_prompts/phaseN.md`, `app/foo/page.tsx`, `convex/example.ts`,
    /// `components/PascalCase.tsx`, `src/lib/xxxRegistry.ts`,
    /// `src/tools/myTool/myTool.test.ts`), a generated file (`src/models.generated.ts`,
    /// `convex/_generated/api.ts`), a data file said to keep state
    /// ("Heartbeat state lives in `memory/heartbeat-state.json`"), a path
    /// said not to exist ("There is no `src/db.rs`", "forbids reintroducing `x`", "no longer registered in
    /// `app/Http/Kernel.php`"), one of a family ("the
    /// relevant `skills/SKILL.md`"), a name judged in parentheses as an
    /// example (`` `scripts/vs.py` (bad)``) or in its sentence (``(`models/course.dto.ts`
    /// is wrong)``, "`shared/x.ts` is a smell"), two paths contrasted
    /// ("`components/user-avatar.ts`, NOT
    /// `components/user-avatar/user-avatar.ts`"), a name labelled as an
    /// example ("- Good:
    /// `src/app/api/auth/login/route.ts`", "Bad: …"), a path offered as
    /// one choice of many ("in `scripts/vercel-projects.ts` or equivalent
    /// config file", "`./scripts/`, or similar"), a path under a condition that
    /// it exists ("If you have a PR template at `…`"), the text of a link to
    /// a web page (``[`docs/KEY-FILES.md`](https://github.com/…)``), a path said to be relative to a place
    /// only the run knows ("(relative to the session directory)"), a path
    /// in a git submodule's folder (empty in a checkout without
    /// submodules), a `.js` name whose TypeScript source is there (ESM
    /// imports name `helpers.js` for `helpers.ts`), files the project's `.gitignore` keeps out of
    /// version control (`data/state.json` written at run time, `dist/`
    /// build output), paths whose top folder the project has nowhere
    /// (another repository's `kit/host.d.ts`, an app's
    /// `userData/auth.json`; a path under `docs/`, `src/` and the like is
    /// checked all the same), files said to be in another repository right
    /// after them or their list ("`docs/RUNBOOK.md` and `docs/FALLBACK.md`
    /// in the active repo"), files after "any" that only some projects or
    /// runs have ("any triggered `design/data-model.md`,
    /// `design/dependency-graph.md`", "any existing `CHANGELOG.md`"), a
    /// path in a sentence that puts its files in
    /// another repository named in code ("… is enterprise-only and lives in
    /// `lmnr-private`") or linked to the other repository's home ("from
    /// the [x402r-sdk repo](https://github.com/BackTrackCo/x402r-sdk)
    /// `packages/core/src/config/index.ts`"), a list introduced as another repository's
    /// files ("Load these files from `github/gh-aw` (they are not available
    /// locally):"), or a table or a layout in braces after the address they
    /// are fetched from ("Fetch raw files (base
    /// `https://raw.githubusercontent.com/…`)" over "| Roles |
    /// `pkg/protocol/protocol.md` |", "`src/{vehicle.cpp, peer.cpp, …}`"),
    /// also where the document cites them again, a list introduced as what the work produces ("##
    /// Deliverables", "Outputs:", "Success criteria:", "**Files to
    /// Create:**", "**Create proper config:**", "Create these only when
    /// their trigger is real:", a command's "This
    /// creates:", whose files are made wherever the document names them
    /// again), a list introduced as the places a program tries in turn
    /// ("`LibBidsShWrapper` searches in this order (first found wins):",
    /// "Searches in priority order:", "Ensure your app is in one of these
    /// locations:"), as where content is
    /// to move ("Move detailed content to references/:") or as files to
    /// delete ("Delete these files entirely:", "Then delete:"), a path a
    /// stock rule introduces as an example ("Example of a schema:", "##
    /// Example Type"), and files of another repository named
    /// again further down the document
    /// ("- Debug workflows: `.github/aw/debug.md`"), files in a tool's own folder
    /// (`.claude/settings.local.json`, often each machine's own),
    /// illustrations ("**Examples**: `references/finance.md`", "a
    /// `references/schema.md` file would help", a path inside a quoted
    /// example message, "如 `src/env.py`", "例如 `x`"), a file the
    /// instruction says what to do without ("The script is at `x`. If the
    /// script doesn't exist at this path, use `find`", "If the file is
    /// empty, you'll need to create it"), a file the work stores into as it
    /// goes ("Store learnings in `docs/LEARNINGS.md`", "Save each decision
    /// to `docs/decisions.md`"), the files a recipe's steps name
    /// after the new thing it adds ("**Adding a new resource:**" over "2.
    /// Infer types: `types/resource.ts`"), a build's hashed
    /// output (`_internal-types-DiEjant0.js`), and `./mcp.json` in a code
    /// span, a bare name (a link to `./DOC.md` is checked beside the
    /// document). Claude Code imports (`@docs/plan.md`) are
    /// `docs/plan.md`. A module path written without its file's ending
    /// (`./test/__helpers` for `test/__helpers.tsx`) is found as an import
    /// finds it, and so is a relative path a sentence imports from ("Import
    /// `findTasksJsonPath` from `../utils/path-utils.js`", "Import tool
    /// function from `../index.js`" for an `index.ts`, "call `cliIpcCall`
    /// from `../../ipc/cli-client.js`"), which is relative to the importing
    /// code file, not to the document, and a file of a scoped package
    /// (`@multica/core/types/events.ts` in `packages/core/`) is found in the
    /// package's folder, or under its `src/` as a subpath export names it
    /// (`@opensip-cli/core/languages/parse-cache.js`). An npm scoped
    /// package named like a script (`@rails/request.js`) is a package, not
    /// a file. Nor are these
    /// references: a path that shows the project's layout with a made-up
    /// folder (`stores/feature/store.ts` where `stores/chat/store.ts` and
    /// `stores/panel/store.ts` exist), a kind of file shown by an example
    /// ("Dir-form files like `Checkbox/examples/Default.tsx`", "conditional
    /// artifacts such as `design/data-model.md`"), the items
    /// of a list nested under "**Examples**:" or under an item of a list
    /// so introduced, candidates a step searches ("Otherwise, search for
    /// common locations:"), the project a skill works in ("the target
    /// project's `specs/pending-tasks.md`"), `.github/copilot-instructions.md`
    /// (named as Copilot's convention in kits and guides, judged wrong in
    /// all six places it was missing), and the file a skill's or a
    /// prompt's code block shows by the path on its first line (`//
    /// convex/components/notifications/lib.ts`) or on the line above it
    /// ("`changelog/3519.added.md`:", "**File:** `src/services/api.ts`"):
    /// its worked example; in a
    /// project's own CLAUDE.md the file is checked. Nor are the files a
    /// skill's or a prompt's example session names under a heading that
    /// opens with "Example" ("### Example 1: Simple Bug Fix" over "sees
    /// changes in `src/auth/login.ts`"), files of a list introduced as
    /// living outside the project or out of version control ("Runtime
    /// config in `~/.reticle/` (never committed):"), nor a place named as
    /// the one work moves away from ("When migrating from
    /// `scripts/dev.js`"), nor the file an open item's step writes ("**Do:**
    /// `src/auth/azdo.ts`: device-code flow", "Document GUI roadmap in
    /// `docs/gui-roadmap.md`"; "in the existing `docs/flags.md`" is
    /// checked), nor a file a template makes ("`.github/prompts/plan.prompt.md`
    /// (from `plan.prompt.template.md`)"), nor the items of a list
    /// introduced as optional ("### Optional Documentation Types"), nor a
    /// file whose line ends by saying it is planned ("- `x` - End-to-end
    /// server tests (planned)") or whose list is headed as for later ("###
    /// Future Tools"), nor the file an open item is, after at most a short
    /// label, with what it will hold ("- [ ] Frontend:
    /// `components/KnowledgeHeatmap.tsx` — SVG grid, tooltips"), nor a file
    /// in a folder the document is the plan of
    /// (`services/avatar-ui/main.ts` in
    /// `plans/services/avatar-ui/tasks.md`), nor one named as gone ("the
    /// previous `Data/seed.json`"), nor counterexamples under an
    /// anti-patterns heading, nor a lone `x` standing for a file's name
    /// (`build/x.js`) or a kind of file and "name" (`useHookName.ts`). A dated document (`2025-12-31-lifecycle.md`, a file in a dated folder, a decision
    /// record) describes the project on its date and is not checked.
    ///
    /// A skill, custom agent, prompt or instructions file outside the
    /// folders agents read them from (a collection's `skills/*/SKILL.md`
    /// or `agents/*.agent.md`, a tool's built-in skills) is made for the
    /// projects that install it: the files it names are theirs. Only what
    /// it ships beside it (`references/`, `scripts/`) and folders only this
    /// project has are checked there. The same file under `.github/`,
    /// `.claude/` or `.cursor/` is installed, and names this project's
    /// files, unless its folder says it is the source the installed copies
    /// are made from (event4u's `.agent-src/skills/`), a template or a pack
    /// (`skills-pack/.agents/skills/`). A pack's skill names the pack's
    /// shared files from where it is installed: `../docs/x.md` from
    /// `skills-pack/skills/a/` is found one folder up, in `skills-pack/docs/`.
    /// A plan's `specs/` is the installing project's, as kits write it.
    ///
    /// Outside a project, and for paths that would lead out of it, nothing is
    /// checked: handoff never reads files outside the workspace.
    ///
    /// ## Why is this bad?
    /// A wrong path sends the receiver searching, or worse, creating the file
    /// you meant to point at. Paths go stale when files move; the instruction
    /// that names them does not.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Move the retry logic into `src/net/retry.rs`
    /// ```
    /// (where the project has `src/network/retry.rs`). Use instead:
    /// ```markdown
    /// - [ ] Move the retry logic into `src/network/retry.rs`
    /// ```
    ///
    /// ## Configuration
    /// ```toml
    /// [rules]
    /// broken-reference = "off"
    /// ```
    pub static RULE = {
        name: "broken-reference",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "A file path named in the instruction that does not exist in the project",
        options: &[],
        judges: &[Role::Task, Role::StandingRule],
        pedantic: &[Role::Note],
        question: Question::Context,
        build: build,
    }
}

fn build(_: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check)
}

struct Check;

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        // A dated document (`docs/plans/2025-12-31-lifecycle.md`, a decision
        // record) describes the project on its date; files it names may
        // have moved since, and nobody edits the record for it.
        if is_dated(cx.path) {
            return;
        }
        // A list introduced as another repository's files ("Load these
        // files from `github/gh-aw` (they are not available locally):")
        // names nothing of this project.
        if cx.instruction.lead.as_deref().is_some_and(points_away) {
            return;
        }
        // A list introduced as what the work produces ("## Deliverables",
        // "Outputs:") or as ideas for later ("Consider extracting:") names
        // files that will exist when it is done, and one introduced as files
        // to delete ("Delete these files entirely:") files that will not.
        if cx.instruction.lead.as_deref().is_some_and(|lead| {
            introduces_an_example(lead)
                || names_outputs(lead)
                || names_new_files(lead)
                || proposes_files(lead)
                || names_deletions(lead)
                || names_destinations(lead)
                || names_search_candidates(lead)
                || names_optional_files(lead)
        }) {
            return;
        }
        // A skill's or a prompt's "## Examples" walk through a made-up
        // session ("sees changes in `src/auth/login.ts`"): its files are
        // the example's.
        if cx.instruction.under_an_example_heading && teaches_by_example(cx.path) {
            return;
        }
        let new_kind = cx.instruction.lead.as_deref().and_then(names_a_new_kind);
        // Asked only of a path, once: it resolves the file against the root.
        let made_for_others = std::cell::OnceCell::new();
        let a = cx.analysis;
        for (i, t) in a.tokens.iter().enumerate() {
            if t.kind != TokenKind::Verbatim {
                continue;
            }
            let raw = &a.text[t.range.clone()];
            let inner = raw.trim_matches('`').trim();
            // `@docs/plans.md` is Claude Code's import of that file.
            let imported = inner.starts_with('@');
            let inner = inner.strip_prefix('@').unwrap_or(inner);
            // A bare name that no file of the project has (`interact.js`,
            // the deployment's `runlore.yaml`, an output's `scorecard.md`) is
            // a library, a file elsewhere or one to be made: only a path
            // says where in the project to look.
            // In a code span, `./mcp.json` is a bare name too: "here",
            // wherever the reader is. A link to `./DOC.md` is to the file
            // beside the document.
            let bare = !inner.contains('/')
                || raw.starts_with('`') && !inner.trim_start_matches("./").contains('/');
            // "[`docs/KEY-FILES.md`](https://github.com/…)": the text of a
            // link to another repository's file.
            let names_a_web_link = a.tokens.get(i + 1).is_some_and(|t| t.is_punct(']'))
                && a.tokens.get(i + 2).is_some_and(|t| t.is_punct('('))
                && a.tokens.get(i + 3).is_some_and(|n| {
                    n.kind == TokenKind::Verbatim && a.text[n.range.clone()].contains("://")
                });
            if !looks_like_path(inner)
                || bare
                || imported && is_a_scoped_package(inner)
                || names_a_web_link
                || in_a_tool_folder(inner)
                || names_copilots_instructions(inner)
                || is_a_hashed_build_file(inner)
                || is_a_generated_file(inner)
                || new_kind
                    .as_deref()
                    .is_some_and(|kind| named_for(inner, kind))
            {
                continue;
            }
            // A file an earlier list gave as another repository's is still
            // that repository's when named again.
            if announces_new_file(cx, i)
                || is_only_the_path(cx, i)
                || cx.instruction.elsewhere.iter().any(|n| n == inner)
            {
                continue;
            }
            // A skill or custom agent made for other projects names their
            // files; what it ships beside it, or a folder only this project
            // has, is its own.
            let distributed = *made_for_others.get_or_init(|| is_distributed(cx));
            if distributed && !names_own_folder(cx, inner) {
                continue;
            }
            // A pack's skill names the pack's shared files from where it is
            // installed (`../docs/intent-compiler.md` from
            // `skills-pack/skills/app-description-ui/`, installed beside
            // the pack's `docs/` as `.agents/skills/docs/`): found one
            // folder up, it is there.
            if distributed
                && inner.starts_with("../")
                && cx
                    .workspace
                    .reference_exists(cx.path, &format!("../{inner}"))
                    == Some(true)
            {
                continue;
            }
            if cx.workspace.reference_exists(cx.path, inner) == Some(false)
                && !names_a_runtime_file(a, i)
                && !said_not_to_exist(a, i)
                && !moved_away(cx, i)
                && !is_hypothetical(a, i)
                && !placed_in_another_repository(a, i)
                && !the_sentence_names_another_repository(cx, i)
                && !cx.workspace.is_ignored(cx.path, inner)
                && !names_a_place_elsewhere(cx, inner, raw.starts_with('`'))
                && !resolves_in_a_named_folder(cx, inner)
                && !names_its_own_folder_moved(cx, inner)
                && !in_the_folder_it_plans(cx, inner)
                && !illustrates_a_naming_scheme(a, i)
                && !shows_a_layout(cx, inner)
                && !imported_relative_to_code(cx, i, inner)
                && !names_a_module_by_its_import(cx, inner)
                && !(imported && names_a_scoped_package(cx, inner))
                && !names_a_former_or_planned_place(a, i)
                && !names_a_file_the_task_writes(cx, i, inner)
                && !(teaches_by_example(cx.path) && names_a_runs_report(inner))
                && !planned_by_the_document(cx, inner)
                && cx.workspace.find_suffix(inner).is_none()
            {
                out.push(finding(cx, t.range.clone(), raw, inner));
            }
        }
    }
}

/// Words of a list's introduction that make its files the work's results.
const OUTPUT_WORDS: &[&str] = &[
    "deliverable",
    "deliverables",
    "output",
    "outputs",
    "artifacts",
    "artefacts",
    "produces",
    "generates",
    // "`search.py --persist` … This creates:" lists what the command writes.
    "creates",
    // "Integration Mode Success:", "Success criteria": the finished state.
    "success",
    "criteria",
];

/// Whether a list's introduction names its items as what the work makes.
fn names_outputs(lead: &str) -> bool {
    lead_words(lead).any(|w| OUTPUT_WORDS.contains(&w.as_str()))
}

/// What, in a list's introduction, says its items are the places a program
/// tries in turn at run time ("`LibBidsShWrapper` searches in this order
/// (first found wins):", "Searches in priority order:"): candidates, of
/// which any may be missing. "Search these docs first:" is an imperative,
/// and its files are to be read.
const SEARCH_ORDER_WORDS: &[&str] = &[
    "searches",
    "searched",
    "search order",
    "search path",
    "lookup order",
    "resolution order",
    "looks for",
    "first found",
    "first match",
    "discovery order",
    "discovery priority",
    // "Otherwise, search for common locations:": candidates the reader
    // tries, any of which may be missing.
    "common locations",
    "usual locations",
    "candidate locations",
    "possible locations",
    // "Ensure your FastAPI app is in one of these locations:" (a skill's
    // troubleshooting, round 109): any one of them, in the user's project.
    "one of these locations",
    "one of these paths",
    "one of these places",
];

/// Whether a list's introduction names its items as places a program
/// searches.
fn names_search_candidates(lead: &str) -> bool {
    let lower = lead.to_lowercase();
    SEARCH_ORDER_WORDS.iter().any(|w| {
        lower.match_indices(w).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether a list's introduction says its items may be left out ("###
/// Optional Documentation Types", "Optional files:"): each is a file a
/// project may have, not one it has.
fn names_optional_files(lead: &str) -> bool {
    lead_words(lead).any(|w| w == "optional")
}

/// The kind of thing a list's introduction walks through adding ("**Adding
/// a new resource:**", "To create a new command:"): its steps name the new
/// one's files after the kind (`types/resource.ts`), a stand-in name.
fn names_a_new_kind(lead: &str) -> Option<String> {
    let words: Vec<String> = lead_words(lead).filter(|w| !w.is_empty()).collect();
    words.windows(3).find_map(|w| {
        let adds = matches!(
            w[0].as_str(),
            "add" | "adding" | "create" | "creating" | "a"
        );
        (adds && w[1] == "new").then(|| w[2].clone())
    })
}

/// Whether a path's file is named for `kind`: `types/resource.ts` for
/// "resource", `commands/Command.java` for "command".
fn named_for(path: &str, kind: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    stem.eq_ignore_ascii_case(kind)
}

/// Whether what introduces the instruction opens by calling it an example
/// ("Example of a schema:", "## Example Type"): a stock template's
/// illustration. "Good examples:" over this project's files points at
/// them.
fn introduces_an_example(lead: &str) -> bool {
    // "❌ **Bad:**", "Don't:": counterexamples follow.
    let counter = lead.trim_start().starts_with(['❌', '✗', '🚫'])
        || lead_words(lead)
            .find(|w| !w.is_empty())
            .is_some_and(|w| matches!(w.as_str(), "bad" | "wrong" | "avoid" | "incorrect" | "don"))
            && lead
                .trim_end()
                .trim_end_matches('*')
                .trim_end()
                .ends_with(':')
            && lead_words(lead).filter(|w| !w.is_empty()).count() <= 3;
    // "Produce the document in the active folder, for example:" ends in
    // its example (UKHO's prompts, round 102).
    let tail = lead
        .trim_end()
        .trim_end_matches('*')
        .trim_end()
        .to_lowercase();
    let ends_in_one = [
        "for example:",
        "for instance:",
        "e.g.:",
        "e.g.,:",
        "such as:",
    ]
    .iter()
    .any(|end| tail.ends_with(end));
    counter
        || ends_in_one
        || lead_words(lead)
            .find(|w| !w.is_empty() && !matches!(w.as_str(), "a" | "an"))
            .is_some_and(|w| matches!(w.as_str(), "example" | "examples"))
}

/// A list's introduction as lower-case words.
fn lead_words(lead: &str) -> impl Iterator<Item = String> + '_ {
    lead.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
}

/// Whether a list's introduction says its items are files to delete
/// ("Delete these files entirely — they are farm-specific:", "## Scripts &
/// Docs (DELETE)", "## Files to remove"). "To remove Agent Swarm support:"
/// introduces steps whose files are to be edited, and must exist.
fn names_deletions(lead: &str) -> bool {
    let words: Vec<String> = lead_words(lead).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    // "**Delete:**", "Remove any import lines found. Then delete:": the
    // label is the whole introduction, or its last sentence.
    let last = lead.trim_end().trim_end_matches([':', '*']);
    let last = last.rsplit(['.', '!', '?']).next().unwrap_or(last);
    let only_the_verb = lead_words(last).filter(|w| !w.is_empty()).all(|w| {
        matches!(
            w.as_str(),
            "then" | "also" | "and" | "finally" | "delete" | "remove"
        )
    });
    has(&["delete", "remove", "deleted", "removed"])
        && (only_the_verb
            || has(&[
                "file",
                "files",
                "scripts",
                "docs",
                "folders",
                "directories",
                "paths",
            ]))
}

/// Words of a list's introduction that propose its items for later:
/// "When the team has three canvases, consider extracting:", "Future
/// work:", and in Chinese "考虑抽取：" (consider extracting), "未来扩展"
/// (future extensions). Such files are ideas, not yet made.
const PROPOSAL_WORDS: &[&str] = &["consider", "future", "eventually", "someday"];
const PROPOSAL_WORDS_CJK: &[&str] = &["考虑", "未来", "将来", "以后"];

/// Words of a heading that puts what is under it off for later: "###
/// Future Tools" over "- `tools/monarch_bridge.py` - Monarch API wrapper",
/// "## Planned scripts".
const LATER_HEADING_WORDS: &[&str] = &["future", "planned", "proposed", "upcoming", "someday"];

/// Whether a list's introduction, ending in a colon, proposes its files
/// for later, or a short heading does.
fn proposes_files(lead: &str) -> bool {
    let labels = lead
        .trim_end()
        .trim_end_matches('*')
        .trim_end()
        .ends_with([':', '：']);
    let heading = lead.trim_start().starts_with('#') && !lead.contains('\n');
    (labels
        && (lead_words(lead).any(|w| PROPOSAL_WORDS.contains(&w.as_str()))
            || PROPOSAL_WORDS_CJK.iter().any(|w| lead.contains(w))))
        || (heading
            && lead_words(lead).filter(|w| !w.is_empty()).count() <= 5
            && lead_words(lead).any(|w| LATER_HEADING_WORDS.contains(&w.as_str())))
}

/// Whether a list's introduction is a short label for files to make
/// ("**Files to Create:**", "New files:", "Doc to Create:", "Required
/// Files:"). A longer one
/// may name a file to read while making something ("Before you add a
/// feature, read these files:").
fn names_new_files(lead: &str) -> bool {
    let words: Vec<String> = lead_words(lead).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    // "#### Required Files:" in a rule pack lists what a project must hold
    // (proto-ddf's copied "Floor 3" rules, round 101). Not "required docs",
    // which may be docs to read.
    let files = words.len() <= 4
        && ((has(&["create", "new", "add"])
            && has(&["file", "files", "doc", "docs", "document", "documents"]))
            || (has(&["required"]) && has(&["file", "files"])));
    // "**Create proper config:**" over "`backend/config.py` for all env
    // vars": the list is what the verb makes ("Create tests for:" lists
    // what they test; a heading "#### CREATE path" heads a procedure's
    // steps).
    let labels = lead
        .trim_end()
        .trim_end_matches('*')
        .trim_end()
        .ends_with(':');
    // "Create these only when their trigger is real:" points at its list
    // however long it goes on.
    let points_at_its_list = words
        .get(1)
        .is_some_and(|w| matches!(w.as_str(), "these" | "following"));
    let made = labels
        && (words.len() <= 4 || points_at_its_list)
        && words
            .first()
            .is_some_and(|w| matches!(w.as_str(), "create" | "scaffold"))
        && !has(&["for", "in", "from", "of", "under"]);
    files || made
}

/// Whether a checklist item is only the path at `token`, asides in
/// parentheses aside ("- [ ] `src/hooks/useSearch.ts`", "- [ ]
/// `src/cache.ts` (TODO)"): an item of work that is a file is the file to
/// make. Nested in another item, it is what that item's action is done to
/// ("All callers migrated to QuiltOps:" over "- [ ] `src/tools/stack.py`"),
/// and must exist.
fn is_only_the_path(cx: &CheckContext, token: usize) -> bool {
    if cx.kind() != crate::extract::InstructionKind::TaskItem {
        return false;
    }
    let a = cx.analysis;
    let own = cx.own_tokens();
    if describes_the_path(a, own.clone(), token) {
        return true;
    }
    if cx.instruction.under_an_item {
        return false;
    }
    // "- [ ] Flow docs: `docs/flows/search.md`, `docs/flows/booking.md`.":
    // a short label that asks nothing, then the files.
    let mut start = own.start;
    if let Some(colon) = (own.start..token).find(|&i| a.tokens[i].is_punct(':'))
        && (own.start..colon)
            .filter(|&i| a.tokens[i].is_word())
            .count()
            <= MAX_FILE_LABEL_WORDS
        && !crate::text::actions::asks(a, own.start..colon)
    {
        start = colon + 1;
    }
    let mut depth = 0usize;
    for i in start..own.end {
        let t = &a.tokens[i];
        let path = t.kind == TokenKind::Verbatim
            && looks_like_path(a.text[t.range.clone()].trim_matches('`').trim());
        // Full-width parentheses are Chinese and Japanese asides:
        // "`apps/x/quests.ts`（确认是 quests）".
        if t.is_punct('(') || t.is_punct('（') {
            depth += 1;
        } else if t.is_punct(')') || t.is_punct('）') {
            depth = depth.saturating_sub(1);
        } else if depth == 0
            && i != token
            && !path
            && matches!(t.kind, TokenKind::Word | TokenKind::Verbatim)
        {
            return false;
        }
    }
    true
}

/// The most words of a label before a checklist item's files ("Supplier
/// notes:", "Flow docs:").
const MAX_FILE_LABEL_WORDS: usize = 3;

/// Stems of the verbs that, right before a path, say it was removed on
/// purpose and is not to come back ("forbids reintroducing `x`", "never
/// recreate `x`").
const KEPT_OUT_STEMS: &[&str] = &[
    "reintroduc",
    "recreat",
    "resurrect",
    "restor",
    "re-add",
    "readd",
];

/// Whether the path at `token` is said not to exist ("There is no
/// `src-tauri/src/db.rs` and no `src-tauri/src/relevance.rs`", "no longer
/// registered in `app/Http/Kernel.php`", "forbids reintroducing
/// `scripts/build.sh`").
fn said_not_to_exist(a: &crate::text::Analysis, token: usize) -> bool {
    let before = a.sentence_before(token).trim_end().to_lowercase();
    let there_is_no = before
        .strip_suffix("no")
        .is_some_and(|rest| rest.is_empty() || !rest.ends_with(char::is_alphanumeric));
    // "In Laravel 12, middleware are no longer registered in
    // `app/Http/Kernel.php`": the place something used to be, gone.
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let no_longer_in = words.len() >= 4
        && matches!(words[words.len() - 1], "in" | "at" | "under" | "inside")
        && words[words.len().saturating_sub(5)..words.len() - 1]
            .windows(2)
            .any(|w| w == ["no", "longer"]);
    let kept_out = words
        .last()
        .is_some_and(|w| KEPT_OUT_STEMS.iter().any(|stem| w.starts_with(stem)));
    there_is_no || no_longer_in || kept_out
}

/// Whether the path at `token` is the old name of a move whose new name
/// is in the project ("MOVE: `core/shortcuts.lua` → `ui/shortcuts.lua`"
/// once `ui/shortcuts.lua` exists): the move is done, its item not ticked.
fn moved_away(cx: &CheckContext, token: usize) -> bool {
    let a = cx.analysis;
    let sentence = a.sentence_of(token);
    let Some(next) = a.tokens.get(token + 1..sentence.end).and_then(|rest| {
        rest.iter()
            .position(|t| t.kind == TokenKind::Verbatim)
            .map(|k| token + 1 + k)
    }) else {
        return false;
    };
    let gap = a.text[a.tokens[token].range.end..a.tokens[next].range.start].trim();
    let moves = a.tokens[sentence.start..token]
        .iter()
        .any(|t| matches!(t.lower.as_str(), "move" | "rename" | "mv"));
    let new = a.text[a.tokens[next].range.clone()]
        .trim_matches('`')
        .trim();
    moves
        && matches!(gap, "→" | "->" | "=>")
        && (cx.workspace.reference_exists(cx.path, new) == Some(true)
            || cx.workspace.find_suffix(new).is_some())
}

/// Whether a checklist item opens with the path at `token` and then says
/// what the file is, asking nothing ("- [ ] `scripts/simulate-orders.js` —
/// owner-runnable day-in-the-life walkthrough"): a deliverable, nested in
/// its phase or not. "`docs/setup.md`: update the install steps" asks to
/// edit it.
fn describes_the_path(
    a: &crate::text::Analysis,
    own: std::ops::Range<usize>,
    token: usize,
) -> bool {
    let opens = (own.start..token)
        .all(|i| !a.tokens[i].is_word() && a.tokens[i].kind != TokenKind::Verbatim);
    let separated = a.tokens.get(token + 1).is_some_and(|t| {
        t.is_punct('—') || t.is_punct('–') || t.is_punct('-') || t.is_punct(':') || t.is_punct('：')
    });
    opens
        && separated
        && token + 2 < own.end
        && a.tokens[token + 2..own.end].iter().any(|t| t.is_word())
        && !crate::text::actions::asks(a, token + 2..own.end)
}

/// Whether a list's introduction says to move content into the files it
/// lists ("Move detailed content to references/:", "Create a `references/`
/// directory and move supporting material there:"): files the work makes.
fn names_destinations(lead: &str) -> bool {
    // Its last clause: "Before you move the handler to its module, read:"
    // lists what to read.
    let clause = lead.rsplit([',', ';']).next().unwrap_or(lead);
    let words: Vec<String> = lead_words(clause).collect();
    words
        .iter()
        .position(|w| matches!(w.as_str(), "move" | "moves" | "moving"))
        .is_some_and(|at| {
            words[at + 1..]
                .iter()
                .any(|w| matches!(w.as_str(), "to" | "into" | "there"))
        })
}

/// Whether the instruction is in an agent file made for other projects to
/// install: one that declares a license (see
/// [`crate::extract::Instruction::published`]), or one kept outside the
/// folders agents read (see [`crate::language::is_distributed_agent_file`]).
fn is_distributed(cx: &CheckContext) -> bool {
    if cx.instruction.published {
        return true;
    }
    let rel = cx
        .workspace
        .relative_to_root(cx.path)
        .unwrap_or_else(|| cx.path.to_path_buf());
    crate::language::is_distributed_agent_file(&rel)
}

/// The folders a skill bundles beside its `SKILL.md`, by convention: a path
/// under one is the skill's own, there or not.
const SKILL_BUNDLE_FOLDERS: &[&str] = &["references", "assets", "scripts", "templates"];

/// Whether a path in a distributed agent file names this project's files:
/// it is written relative to the file (`../other-skill/SKILL.md`,
/// `./notes.md`), its top folder is beside the file or one a skill bundles
/// (a skill's `references/schema.md`, `scripts/run.py`), or is one this
/// project has that not every project has (`groups/CLAUDE.md`, not
/// `src/index.ts` or `config/services.yaml`).
fn names_own_folder(cx: &CheckContext, reference: &str) -> bool {
    if reference.starts_with("../") || reference.starts_with("./") {
        return true;
    }
    let top = reference.split('/').next().unwrap_or("");
    if top.is_empty() {
        return false;
    }
    SKILL_BUNDLE_FOLDERS.contains(&top)
        || cx.workspace.exists_beside(cx.path, top) == Some(true)
        || (!PROJECT_FOLDERS.contains(&top)
            // Nor a plan's `specs/`, which spec-driven kits write into the
            // projects that install them (akka-ai-skills-pack's
            // `specs/pending-tasks.md`).
            && !matches!(
                top,
                "config" | "app" | "public" | "assets" | "components" | "specs"
            )
            && cx.workspace.reference_exists(cx.path, top) == Some(true))
}

/// Whether a path is where GitHub Copilot reads its instructions. Agent
/// files name it as a convention: a kit's prompts for the host project's
/// standards, a guide's table of each tool's rules file ("Copilot:
/// `.github/copilot-instructions.md`"). Missing, it was judged wrong in
/// all six places on real repositories; a project that uses Copilot has it.
fn names_copilots_instructions(path: &str) -> bool {
    let path = path.trim_start_matches("./");
    path.eq_ignore_ascii_case(".github/copilot-instructions.md")
        // GitHub's pull request template, which a skill looks for and may
        // not find (mydoo's pr-creator: "Check
        // `.github/pull_request_template.md`").
        || path.eq_ignore_ascii_case(".github/pull_request_template.md")
}

/// Whether a path lies in a tool's own folder (`.claude/settings.local.json`,
/// `.vscode/launch.json`): such files are often each machine's own, kept out
/// of the repository, so a checkout without them says nothing about the
/// reference. The forge's folders (`.github/`, `.gitlab/`) are committed.
fn in_a_tool_folder(path: &str) -> bool {
    let first = path
        .trim_start_matches("./")
        .split('/')
        .next()
        .unwrap_or("");
    first.len() > 1 && first.starts_with('.') && !matches!(first, ".." | ".github" | ".gitlab")
}

/// The finding for a missing path, with the file it most likely meant when
/// the project has one (same name, most of the same folders) and a fix
/// that writes it in.
fn finding(cx: &CheckContext, span: Range<usize>, raw: &str, inner: &str) -> RawFinding {
    let meant = cx
        .workspace
        .closest_file(cx.path, inner)
        .and_then(|p| p.to_str().map(str::to_string))
        .filter(|p| p != inner);
    let Some(meant) = meant else {
        return RawFinding::new(
            span,
            format!(
                "`{inner}` does not exist in this project: fix the path, or say that it is to be created"
            ),
        );
    };
    let mut f = RawFinding::new(
        span.clone(),
        format!("`{inner}` does not exist in this project: did you mean `{meant}`?"),
    );
    if let Some(at) = raw.find(inner) {
        let start = span.start + at;
        f.fixes.push(FixIntent::Replace {
            title: format!("Replace with `{meant}`"),
            range: start..start + inner.len(),
            text: meant,
        });
    }
    f
}

/// Whether a file's name, or its folder's, starts with a date
/// (`2025-12-31-lifecycle.md`, `2026-05-12-settings-redesign/plan.md`).
fn is_dated(path: &std::path::Path) -> bool {
    let dated = |p: Option<&std::path::Path>| {
        p.and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.as_bytes().get(..10).is_some_and(is_a_date))
    };
    dated(Some(path)) || dated(path.parent())
}

/// Words that say a named file is to be made, or is the test that will show
/// the work is done: such a file does not exist yet, rightly.
const NEW_FILE_WORDS: &[&str] = &[
    "create",
    "creates",
    "creating",
    "add",
    "adds",
    "adding",
    "implement",
    "implements",
    "implementing",
    "new",
    "build",
    "write",
    "writes",
    "generate",
    "generates",
    "introduce",
    "scaffold",
    // "See `apps/biombo/ios/CLAUDE.md` once scaffolded" (round 114).
    "scaffolded",
    "author",
    // "Prototype `src/sparse_parity/rl_env.py` with Gymnasium interface".
    "prototype",
    "draft",
    // "Tell user to copy and save as `docs/brownfield-architecture.md`".
    "save",
    "saves",
    "pass",
    "passes",
    "green",
    // Portuguese, Spanish, French, Italian and German: "Criar arquivo em
    // `views/MeuModulo.tsx`" (round 58), "Crear `x`", "Créer `x`",
    // "`x` erstellen".
    "criar",
    "crie",
    "crear",
    "cree",
    "cria",
    "crea",
    "créer",
    "créez",
    "creare",
    "erstellen",
    "erstelle",
    "anlegen",
];

fn announces_new_file(cx: &CheckContext, token: usize) -> bool {
    let a = cx.analysis;
    let sentence = a.sentence_of(token);
    // A checklist item that states a result ("`kindle-deliveries.json` is
    // updated after every send", "`.processed.json` has an entry for the
    // file") describes the project after the work: its files may be made
    // by it.
    let first = a.sentences.first().cloned().unwrap_or(0..a.tokens.len());
    if cx.kind() == crate::extract::InstructionKind::TaskItem
        && !crate::text::actions::asks(a, first.clone())
        && crate::text::actions::has_any_verb(a, first)
    {
        return true;
    }
    // Everything after "Done when" (a line, or a task document's section)
    // describes the finished state, files that will exist included.
    let before = a.text[..a.tokens[token].range.start].to_ascii_lowercase();
    if deletes(a, token) || extracts_into(a, token) {
        return true;
    }
    // The sentence that names the file, or the headline of the item it is
    // a detail of ("- [ ] T002: CHANGELOG生成テスト作成" over "- ファイル:
    // `tests/unit/changelog.test.js`").
    let says_new = |sentence: std::ops::Range<usize>| {
        let text = a.tokens[sentence.clone()]
            .first()
            .zip(a.tokens[sentence.clone()].last())
            .map_or("", |(f, l)| &a.text[f.range.start..l.range.end]);
        a.tokens[sentence]
            .iter()
            .any(|t| t.is_word() && NEW_FILE_WORDS.contains(&t.lower.as_str()))
            || NEW_FILE_MORPHEMES.iter().any(|m| text.contains(m))
    };
    let at = a.tokens[token].range.start;
    let subitem = cx
        .instruction
        .subitems
        .iter()
        .find(|s| s.start <= at && at < s.end);
    let in_a_subitem = subitem.is_some();
    let headline = a.sentences.first().cloned().unwrap_or(0..0);
    // "Add a new subpath module. Working name: `src/v4/compile.ts`": a
    // later sentence that is a label's detail names what the headline makes.
    let a_detail = sentence != headline && labels_its_detail(a, sentence.clone());
    // "Delegate authoring of `docs/hyperframes.md`" (not "see `x` for
    // guidance on authoring reviews").
    let authored = before.trim_end().ends_with("authoring of")
        // "写 `docs/perf/refiner-baseline.md`": write it.
        || a.sentence_before(token).trim_end().ends_with('写');
    // "- [ ] **C.4 Part progress bar**" over "- File:
    // `_components/part-progress.tsx` (≤ 80) + test" (a spec's tasks,
    // round 105): an open item titled by what it builds, and the file it
    // will be.
    let titled_deliverable = cx.kind() == crate::extract::InstructionKind::TaskItem
        && subitem.is_some_and(|sub| {
            let detail = a.tokens.partition_point(|t| t.range.start < sub.start)
                ..a.tokens.partition_point(|t| t.range.start < sub.end);
            let own = cx.own_tokens();
            let title = headline.start..headline.end.min(own.end);
            // No verb in the title, not even after its number ("C.4 Fix
            // the progress bar" acts on a file that must be there).
            labels_its_detail(a, detail)
                && !crate::text::actions::has_any_verb(a, title.clone())
                && !a.tokens[title]
                    .iter()
                    .any(|t| t.is_word() && crate::text::vocabulary::is_base_verb(&t.lower))
        });
    // "- [ ] **Natural Language Command Parser**
    // (`src/components/ai/CommandParser.jsx`)" (aishacrm's roadmap, round
    // 114): an open item named for what it builds, and in parentheses the
    // file it will be.
    let titled_with_its_file = cx.kind() == crate::extract::InstructionKind::TaskItem
        && sentence == headline
        && a.tokens
            .get(token.wrapping_sub(1))
            .is_some_and(|t| t.is_punct('('))
        && a.tokens.get(token + 1).is_some_and(|t| t.is_punct(')'))
        && {
            let title = headline.start..token;
            !crate::text::actions::has_any_verb(a, title.clone())
                && !a.tokens[title]
                    .iter()
                    .any(|t| t.is_word() && crate::text::vocabulary::is_base_verb(&t.lower))
        };
    before.contains("done when")
        || authored
        || titled_deliverable
        || titled_with_its_file
        || cx.kind() == crate::extract::InstructionKind::TaskItem && documents_into(a, token)
        || before.contains("acceptance criteria")
        || says_new(sentence)
        || (in_a_subitem || a_detail) && says_new(headline)
}

/// Whether a sentence opens with a short label and a colon and names, not
/// asks, after it ("Working name: `src/compile.ts`", "File:
/// `tests/unit/a.test.js`"; not "Lean: extend `Context` in `src/mw.ts`").
fn labels_its_detail(a: &crate::text::Analysis, sentence: std::ops::Range<usize>) -> bool {
    let tokens = &a.tokens[sentence.clone()];
    tokens
        .iter()
        .position(|t| t.is_punct(':'))
        .is_some_and(|colon| {
            let words = tokens[..colon].iter().filter(|t| t.is_word()).count();
            let detail = sentence.start + colon + 1;
            (1..=3).contains(&words)
                && tokens[..colon].iter().all(|t| t.is_word())
                && crate::text::actions::action_at(a, detail, sentence.end).is_none()
        })
}

/// Whether the path at `token` is what the sentence says to delete
/// ("Delete QuiltService file: `src/services/quilt_service.py`", "remove
/// `old.py`"): once the work is done it is gone. A path after "from" or
/// "in" is where to remove something, and must exist.
fn deletes(a: &crate::text::Analysis, token: usize) -> bool {
    // "`src/pages/FxTradeHistoryPage.tsx` — 삭제", "`x` — removed": the
    // label after the path says the file goes.
    let after = a.text[a.tokens[token].range.end..].trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '：')
    });
    let after_lower = after
        .get(..after.len().min(12))
        .unwrap_or(after)
        .to_lowercase();
    if DELETED_AFTER.iter().any(|w| after_lower.starts_with(w)) {
        return true;
    }
    let sentence = a.sentence_of(token);
    let mut words = 0;
    for t in a.tokens[sentence.start..token].iter().rev() {
        if !t.is_word() {
            continue;
        }
        match t.lower.as_str() {
            "delete" | "deletes" | "deleting" | "remove" | "removes" | "removing" | "rm" => {
                return true;
            }
            "from" | "in" | "of" | "inside" | "within" => return false,
            _ => {}
        }
        words += 1;
        if words > 3 {
            return false;
        }
    }
    false
}

/// Words right after a path, past a dash or colon, that say the file is
/// deleted: in English, Korean (삭제), Chinese (删除) and Japanese (削除).
const DELETED_AFTER: &[&str] = &[
    "deleted",
    "removed",
    "delete",
    "remove",
    "삭제",
    "删除",
    "已删除",
    "刪除",
    "削除",
];

/// Whether the path at `token` is where the sentence extracts, splits or
/// copies something to ("Extract to `toolutil/testhelpers_test.go`", "split
/// the parser into `src/lexer.rs`", the build output "复制到
/// `../web/src/main/resources/static`"): what the work or the build makes.
/// Moving into a file ("move it to `src/net/retry.rs`") names one that
/// should be there, and a copy's source must exist.
fn extracts_into(a: &crate::text::Analysis, token: usize) -> bool {
    let sentence = a.sentence_of(token);
    let text_before = a.sentence_before(token).trim_end();
    if COPIED_TO.iter().any(|m| text_before.ends_with(m)) {
        return true;
    }
    // "Move `src/lib/utils.ts` → `src/shared/utils/common.ts`": a file
    // renamed into a new place, path to path.
    let renamed = ["→", "->", "=>"].iter().any(|arrow| {
        text_before
            .strip_suffix(arrow)
            .is_some_and(|left| left.trim_end().ends_with('`'))
    });
    if renamed
        && a.tokens[sentence.start..token]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "move" | "rename" | "mv" | "git"))
    {
        return true;
    }
    let before: Vec<&str> = a.tokens[sentence.start..token]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.lower.as_str())
        .collect();
    let Some((last, rest)) = before.split_last() else {
        return false;
    };
    matches!(*last, "to" | "into")
        && rest.iter().any(|w| {
            matches!(
                *w,
                "extract" | "extracted" | "split" | "copy" | "copies" | "copied" | "copying"
            )
        })
}

/// "Copied to" in Chinese, written before the destination without spaces.
const COPIED_TO: &[&str] = &["复制到", "拷贝到", "复制至", "拷贝至"];

/// The same in Chinese, Japanese and Korean, written without spaces, so
/// found inside words: 作成 and 新規 ("`tests/e2e/release.test.js` 作成",
/// "`docs/manual-tests/x.md` (新規) に残す"), 记录 / 記録 (write down in),
/// 寫一個 (write a: "寫一個 `lib/preferences.js` 提供 `getTheme()`").
const NEW_FILE_MORPHEMES: &[&str] = &[
    "作成",
    "新規",
    "新建",
    "创建",
    "新增",
    "追加",
    "添加",
    "生成",
    "記録",
    "记录",
    "写入",
    "建立",
    "撰寫",
    "撰写",
    "寫一個",
    "写一个",
    "編寫",
    "编写",
    "작성",
    "생성",
    "신규",
    "추가",
    "（新）",
    "(新)",
];

/// Words that make a named file one the program looks for at run time
/// ("return an error when `settings.toml` is missing"), not a reference to
/// a file of the project.
const RUNTIME_WORDS: &[&str] = &[
    "missing",
    "absent",
    "exist",
    "exists",
    "present",
    "found",
    "unreadable",
    "empty",
    "corrupt",
    "invalid",
    "malformed",
    "deleted",
    "removed",
    "locked",
    "gitignored",
    "ignored",
    "generated",
    "updated",
    // A report is written by a run: "Implementation Report: `docs/a2a/reviewer.md`",
    // "Summary report: `.results/report.txt`".
    "report",
    "reports",
];

fn names_a_runtime_file(a: &crate::text::Analysis, token: usize) -> bool {
    let sentence = a.sentence_of(token);
    let says_runtime = a.tokens[sentence.clone()]
        .iter()
        .any(|t| t.is_word() && RUNTIME_WORDS.contains(&t.lower.as_str()));
    // "The script is at `skills/pptx/scripts/unpack.py`. If the script
    // doesn't exist at this path, use `find`", "Project-specific rules in
    // `AGENTS.md` and `.github/copilot-instructions.md` take precedence.
    // When guidance conflicts or a file is missing, say so plainly": the
    // next sentence says what to do without it.
    let next = a.sentences.iter().find(|s| s.start >= sentence.end);
    let handles_absence = next.is_some_and(|next| {
        let mut words = a.tokens[next.clone()].iter().filter(|t| t.is_word());
        words.next().is_some_and(|t| t.is("if") || t.is("when"))
            && words.any(|t| {
                matches!(
                    t.lower.as_str(),
                    "exist" | "exists" | "missing" | "found" | "absent" | "empty"
                )
            })
    });
    // "Heartbeat state lives in `memory/heartbeat-state.json`": a data file
    // that keeps a running program's or agent's state.
    let path = a.text[a.tokens[token].range.clone()].trim_matches('`');
    let data_file = [".json", ".jsonl", ".db", ".sqlite", ".log"]
        .iter()
        .any(|e| path.ends_with(e));
    let keeps_state = data_file
        && a.tokens[sentence.clone()]
            .iter()
            .any(|t| t.is_word() && matches!(t.lower.as_str(), "state" | "mounted"));
    // "Loads from `config/spoutmc.yaml` or `config/spoutmc.yml`": a
    // configuration file the program reads when it starts, the user's to
    // write (often from an example, often kept out of version control).
    let config_file = [".yaml", ".yml", ".toml", ".ini", ".env", ".conf"]
        .iter()
        .any(|e| path.ends_with(e));
    let loaded = config_file
        && a.tokens[sentence.start..token]
            .iter()
            .any(|t| t.is_word() && matches!(t.lower.as_str(), "loads" | "loaded" | "reads"));
    // "Store learnings in `docs/LEARNINGS.md`", "Save the bundle to
    // `docs/oracle.md`": a file the work writes as it goes, there once it has
    // something to keep. ("Append to `memory/CLAUDE.md`" adds to one that
    // is there.)
    let first_word = a.tokens[sentence.clone()].iter().find(|t| t.is_word());
    let before = a.tokens[sentence.start..token]
        .iter()
        .rev()
        .find(|t| t.is_word());
    let kept_as_it_goes = first_word.is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "store" | "save" | "persist" | "record" | "log"
        )
    }) && before
        .is_some_and(|w| matches!(w.lower.as_str(), "in" | "to" | "into"));
    says_runtime || handles_absence || keeps_state || loaded || kept_as_it_goes
}

/// Whether an open task's action is to document something in the file at
/// `token`: "- [ ] T066 Document translation operations … in
/// `docs/operations/ai-page-translation.md`" (spec-kit's tasks, round
/// 102) writes the page. Its identifier may come first. A standing rule
/// that says where to document changes names a file that must be there.
fn documents_into(a: &crate::text::Analysis, token: usize) -> bool {
    let sentence = a.sentence_of(token);
    let mut from = sentence.start;
    if let Some(first) = (from..token).find(|&i| a.tokens[i].is_word())
        && crate::text::vocabulary::is_a_task_id(&a.text[a.tokens[first].range.clone()])
    {
        from = first + 1;
    }
    let before = a.tokens[sentence.start..token]
        .iter()
        .rev()
        .find(|t| t.is_word());
    crate::text::actions::action_at(a, from, token)
        .is_some_and(|verb| a.tokens[verb].lower == "document")
        && before.is_some_and(|w| matches!(w.lower.as_str(), "in" | "into"))
}

/// Whether `scope/name`, after its `@`, is an npm scoped package named
/// like a script: `@rails/request.js` ("use the `@rails/request.js`
/// package instead of `fetch`", a real Rails app's CLAUDE.md of round
/// 107). Claude Code's imports name documents (`@docs/plans.md`).
fn is_a_scoped_package(inner: &str) -> bool {
    inner.split_once('/').is_some_and(|(scope, name)| {
        !scope.is_empty() && !name.contains('/') && name.ends_with(".js")
    })
}

/// Whether a URL is a code host's page of a whole repository
/// (`https://github.com/BackTrackCo/x402r-sdk`), not of one of its files.
fn links_a_repository(url: &str) -> bool {
    let url = url.trim_matches(['`', '(', ')', '<', '>']);
    [
        "https://github.com/",
        "https://gitlab.com/",
        "https://codeberg.org/",
    ]
    .iter()
    .find_map(|host| url.strip_prefix(host))
    .is_some_and(|rest| {
        let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
        parts.len() == 2 && parts.iter().all(|p| !p.is_empty())
    })
}

/// What, right before a path, says the file was there and is not any more:
/// "(migrated from `docs/file-index-docker.md`; source of truth now here)".
const FORMERLY: &[&str] = &[
    "migrated from",
    // "When migrating from `scripts/dev.js` to modular structure": Task
    // Master's rules, pasted into projects that never had its script.
    "migrating from",
    "moved from",
    "moving from",
    "ported from",
    "porting from",
    "renamed from",
    "formerly",
    "formerly in",
    "formerly at",
    "moved out of",
    "extracted from",
    "split out of",
    "instead of",
    "previously in",
    // "There is no in-DLL snapshot — the previous
    // `Data/ComponentRegistry.seed.json` seed file … were retired": what
    // the project had, named as gone.
    "the previous",
    "the former",
    "the old",
    "the legacy",
    "the removed",
    "the deleted",
    "the retired",
];

/// Whether the file's name says a generator writes it
/// (`src/models.generated.ts`, `api_generated.go`, Dart's `user.g.dart`):
/// made by a script, often kept out of version control.
fn is_a_generated_file(path: &str) -> bool {
    // `convex/_generated/api.ts`: a folder the framework writes.
    if path
        .split('/')
        .any(|d| matches!(d, "_generated" | "__generated__" | "generated"))
    {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    [
        ".generated.",
        "_generated.",
        "-generated.",
        ".g.dart",
        ".freezed.dart",
    ]
    .iter()
    .any(|m| name.contains(m))
}

/// Whether the file's name carries a bundler's content hash
/// (`../_internal-types-DiEjant0.js`, `assets/index-4f9a1c2e.css`): build
/// output, named anew by every build, never a file of the source tree.
fn is_a_hashed_build_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "mjs" | "cjs" | "css" | "map" | "wasm") {
        return false;
    }
    stem.rsplit(['-', '.']).next().is_some_and(|hash| {
        let mixed = hash.chars().any(|c| c.is_ascii_uppercase())
            && hash.chars().any(|c| c.is_ascii_lowercase());
        let hex = hash.chars().all(|c| c.is_ascii_hexdigit());
        hash.len() >= 8
            && hash != stem
            && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && hash.chars().any(|c| c.is_ascii_digit())
            && (mixed || hex)
    })
}

/// Whether the path at `token` is where a file used to be or is yet to be:
/// introduced as the place it moved from, followed by where it is now
/// ("`services/agent/README.md` (now `services/runner/README.md`)"), or
/// said to be planned ("the planned `src/hooks/useSpotResolver.js`",
/// "`src/hooks/useSpotResolver.js` (planned Stream U Phase 6)"), or made
/// from a template ("`.github/prompts/plan.prompt.md` (from
/// `plan.prompt.template.md`)").
fn names_a_former_or_planned_place(a: &crate::text::Analysis, token: usize) -> bool {
    let before = a.sentence_before(token).trim_end().to_lowercase();
    let after = a.text[a.tokens[token].range.end..].trim_start();
    let follows = |words: &[&str]| {
        words.iter().any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|rest| rest.is_empty() || !rest.ends_with(char::is_alphanumeric))
        })
    };
    // "add tests under `tests/integration/server/` (not a root-level
    // `tests/integration/test_server_api.py`)" (podcast_scraper, round
    // 102), "use `a.ts`, not `b.ts`": named as the wrong place. Not "do not
    // edit `x`", where the file is there.
    let words: Vec<&str> = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let not_the_place = match words.as_slice() {
        ["not", ..] => true,
        [article, "not", ..] => matches!(*article, "a" | "an" | "the"),
        [_, article, "not"] => matches!(*article, "a" | "an" | "the"),
        _ => false,
    } || follows(&["rather than"]);
    follows(FORMERLY)
        || follows(PLANNED)
        || not_the_place
        || ["(now ", "(planned", "(to be created", "(generated from", "(rendered from"]
            .iter()
            .any(|w| after.starts_with(w))
        // "`tests/integration/server.test.ts` - End-to-end server tests
        // (planned)": the line's last words say so.
        || {
            let line = after.split('\n').next().unwrap_or("").trim_end();
            let line = line.trim_end_matches(['.', '*']).trim_end().to_lowercase();
            ["(planned)", "(to be created)", "(not yet created)", "(todo)"]
                .iter()
                .any(|w| line.ends_with(w))
        }
        // "`.github/prompts/plan.prompt.md` (from `plan.prompt.template.md`)":
        // what a template makes.
        || after.strip_prefix("(from `").is_some_and(|rest| {
            rest.split('`')
                .next()
                .is_some_and(|source| source.to_ascii_lowercase().contains("template"))
        })
}

/// Whether the file is a skill, a custom agent or a prompt: standing
/// instructions that teach a task, not notes on this project's files.
fn teaches_by_example(path: &std::path::Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        let lower = n.to_ascii_lowercase();
        n == "SKILL.md"
            || lower.ends_with(".prompt.md")
            || lower.ends_with(".agent.md")
            || lower.ends_with(".chatmode.md")
    })
}

/// Whether the document's plan accounts for the path: another of its
/// items creates it ("Create `packages/chat-gateway/`" over "`packages/
/// chat-gateway/AGENTS.md` + a docs pointer"), creates a file beside it in
/// a folder that does not exist yet, or renamed it away to a name that is
/// there ("`services/agent` → `services/runner`" over "- [ ] `services/
/// agent/src/alive.ts`" once `services/runner/src/alive.ts` exists). A
/// plan names files as they will be, and as they were when it was written.
fn planned_by_the_document(cx: &CheckContext, reference: &str) -> bool {
    use crate::extract::plan::{Planned, normalize};
    let name = normalize(reference);
    cx.instruction.planned.iter().any(|p| match p {
        Planned::Made(n) => *n == name,
        // A file a skill's or a prompt's code block shows is its worked
        // example, for the reader to write (Convex's
        // `convex-create-component` skill); a project's own notes show
        // files that are there (CopilotKit's CLAUDE.md).
        Planned::Shown(n) => *n == name && teaches_by_example(cx.path),
        Planned::Outside(n) => *n == name,
        // Moved and not there: the move is done if the new name is.
        Planned::Moved { name: n, now } => {
            *n == name && cx.workspace.reference_exists(cx.path, now) == Some(true)
        }
        // The folder is new if it is missing but the one it goes in is
        // there: a shorthand (`commands/x.ts` for a folder deep in
        // `packages/`) is missing with everything above it.
        Planned::BesideMade(n) => {
            let folder = std::path::Path::new(&name).parent();
            let above = folder.and_then(std::path::Path::parent);
            *n == name
                && folder.is_some_and(|f| f.components().count() >= 3)
                && folder
                    .and_then(|f| f.to_str())
                    .is_some_and(|f| cx.workspace.reference_exists(cx.path, f) == Some(false))
                && above
                    .and_then(|f| f.to_str())
                    .is_some_and(|f| cx.workspace.reference_exists(cx.path, f) == Some(true))
        }
    })
}

/// What, right before a path, says the file is yet to be made: "the
/// planned `src/hooks/useSpotResolver.js` (Stream U)".
const PLANNED: &[&str] = &["planned", "upcoming", "future", "proposed"];

/// Words that, in a sentence asking for tests, say the test file is there
/// already ("Contract test in `health.test.ts` (extend existing)", "Update
/// `tests/test_search.py`").
const EXISTING_FILE_WORDS: &[&str] = &[
    "update", "extend", "extends", "existing", "see", "follow", "fix", "edit", "modify",
];

/// Whether the path at `token` is a file the instruction has written: a
/// test file in a checklist item that asks for tests ("Unit tests for
/// SplitButton in `SplitButton.test.tsx`", "E2E Playwright test: task
/// submission flow (`tests/e2e/task-submission.spec.ts`)"), or a log the
/// reader keeps ("Log the failed pattern to `memory/feedback-log.md`").
fn names_a_file_the_task_writes(cx: &CheckContext, token: usize, path: &str) -> bool {
    let a = cx.analysis;
    let sentence = a.sentence_of(token);
    let before = || {
        a.tokens[sentence.start..token]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.lower.as_str())
    };
    let last_before = before().next_back();
    // "Log the failed pattern to `x`", "Track your checks in `x`".
    let logs = before().any(|w| matches!(w, "log" | "logs" | "track" | "record"))
        && matches!(last_before, Some("to" | "into" | "in"));
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    // `ErrorPanel.test.ts`, `test_search.py`, and the class-named tests of
    // Java, C# and Swift (`StatusBarControllerTests.swift`).
    let test_file = [".test.", ".spec.", "_test.", "-test."]
        .iter()
        .any(|m| name.contains(m))
        || name.starts_with("test_")
        || (stem.len() > 5 && ["Test", "Tests", "Spec"].iter().any(|s| stem.ends_with(s)));
    // "Update `x`" says the file is there; after the path, "fix" is more
    // often a noun ("renders code, message, fix steps"). Only the path's
    // line says so: a sub-item's "creation/update" is what a test checks.
    let existing = before().any(|w| EXISTING_FILE_WORDS.contains(&w))
        || a.tokens[token + 1..sentence.end]
            .iter()
            .take_while(|t| t.kind != crate::text::TokenKind::Newline)
            .filter(|t| t.is_word())
            .any(|t| t.lower != "fix" && EXISTING_FILE_WORDS.contains(&t.lower.as_str()));
    let asks_for_tests = cx.kind() == crate::extract::InstructionKind::TaskItem
        && before().any(|w| matches!(w, "test" | "tests" | "unit-test" | "e2e"))
        && !existing;
    // An open item's step: "**Do:** `packages/fetch/src/auth/azdo.ts`:
    // device-code flow …" (a backlog's Do/Ground/Done), "Document GUI
    // roadmap in `Docs/gui-roadmap.md`": the file the step writes.
    let task = cx.kind() == crate::extract::InstructionKind::TaskItem;
    let do_label = task
        && before().eq(["do"])
        && token
            .checked_sub(1)
            .is_some_and(|i| a.tokens[i].is_punct(':') || a.tokens[i].is_punct('*'));
    let written = task
        && before()
            .next()
            .is_some_and(|w| matches!(w, "document" | "write" | "draft"))
        && matches!(last_before, Some("in" | "into" | "to"))
        && !existing;
    logs || (test_file && asks_for_tests)
        || do_label
        || written
        || is_the_items_deliverable(cx, token)
}

/// Whether the path at `token` is what an open checklist item makes: the
/// item is the path, after at most a short label, and a description of
/// what it will hold ("- [ ] Frontend: `components/KnowledgeHeatmap.tsx` —
/// SVG grid, tooltips, filters", a roadmap's next version). A description
/// that asks to act on the file ("— review for dead code", "— nav entry
/// added") or says it is there names a file that should exist.
fn is_the_items_deliverable(cx: &CheckContext, token: usize) -> bool {
    use crate::text::TokenKind;
    if cx.kind() != crate::extract::InstructionKind::TaskItem {
        return false;
    }
    let a = cx.analysis;
    let own = cx.own_tokens();
    if token < own.start || token >= own.end {
        return false;
    }
    // Before it: a label of at most three words and its colon, or nothing.
    let before = &a.tokens[own.start..token];
    let words = before.iter().filter(|t| t.kind == TokenKind::Word).count();
    let labelled = before
        .iter()
        .rev()
        .find(|t| !t.is_punct('*'))
        .is_some_and(|t| t.is_punct(':'));
    if before.iter().any(|t| t.kind == TokenKind::Verbatim)
        || (words > 0 && (!labelled || words > 3))
    {
        return false;
    }
    // After it, on its line: a dash and what the file will hold.
    let line_end = (token + 1..own.end)
        .find(|&i| a.tokens[i].kind == TokenKind::Newline)
        .unwrap_or(own.end);
    let after = a.text[a.tokens[token].range.end
        ..a.tokens
            .get(line_end)
            .map_or(a.text.len(), |t| t.range.start)]
        .trim_start();
    let Some(description) = after
        .strip_prefix(['—', '–'])
        .or_else(|| after.strip_prefix("- "))
        .or_else(|| after.strip_prefix("--"))
    else {
        return false;
    };
    let first_word = (token + 1..line_end).find(|&i| a.tokens[i].kind == TokenKind::Word);
    let acts =
        first_word.is_some_and(|i| crate::text::actions::action_at(a, i, line_end).is_some());
    let edits = description.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_lowercase();
        EXISTING_FILE_WORDS.contains(&w.as_str())
            || matches!(w.as_str(), "added" | "updated" | "entry")
    });
    description.chars().any(char::is_alphanumeric) && !acts && !edits
}

/// What the capitals of a working file's name say it records: a run's
/// report, progress, findings or results.
const RUN_RECORDS: &[&str] = &[
    "REPORT", "PROGRESS", "FINDINGS", "RESULTS", "SUMMARY", "AUDIT", "TRACE", "REVIEW",
];

/// Whether a path names what a skill's run writes: a record in capitals
/// (`spec-docs/EXHAUSTIVE_AUDIT_PROGRESS.md`, `DATA_PIPELINE_TRACE_REPORT.md`,
/// which one skill of a pipeline writes and the next reads) or a file in
/// a `results/` folder (`test-utils/results/results-full.json`). Such files
/// exist after a run, not in the checkout.
fn names_a_runs_report(path: &str) -> bool {
    let mut parts = path.trim_end_matches('/').rsplit('/');
    let name = parts.next().unwrap_or("");
    let in_results = parts
        .next()
        .is_some_and(|d| d == "results" || d == "result");
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let capitals = stem.len() > 3
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
    in_results || capitals && stem.split(['_', '-']).any(|w| RUN_RECORDS.contains(&w))
}

/// Words that make a named file an illustration, not a file of this
/// project: "**Examples**: `references/finance.md` for financial schemas",
/// "a `references/schema.md` file would be helpful", "`python3
/// ./hooks/h.py`, `./hooks/h.sh`, etc.".
const HYPOTHETICAL_WORDS: &[&str] = &["example", "examples", "eg", "would", "etc"];

/// Whether the path at `token` is an illustration: in a sentence that gives
/// examples or supposes, or inside a quoted passage (an example message
/// between double quotes).
fn is_hypothetical(a: &crate::text::Analysis, token: usize) -> bool {
    // "❌ Bad: `@skills/testing/SKILL.md` (force-loads, burns context)": a
    // counterexample.
    let counterexample = a.text.trim_start().starts_with(['❌', '✗'])
        || a.tokens
            .iter()
            .position(crate::text::Token::is_word)
            .is_some_and(|i| {
                // "- Good: `src/app/api/auth/login/route.ts`, ...": a
                // stock prompt's example of a well-formed path.
                matches!(
                    a.tokens[i].lower.as_str(),
                    "bad" | "wrong" | "incorrect" | "avoid" | "good" | "correct"
                ) && a.tokens.get(i + 1).is_some_and(|t| t.is_punct(':'))
            });
    if counterexample {
        return true;
    }
    let sentence = a.sentence_of(token);
    let words = &a.tokens[sentence.clone()];
    let supposes = words
        .iter()
        .any(|t| t.is_word() && HYPOTHETICAL_WORDS.contains(&t.lower.as_str()))
        // "in `scripts/vercel-projects.ts` or equivalent config file",
        // "`./test/performance/`, or similar": one choice of many.
        || words.windows(2).any(|w| {
            w[0].is("or") && matches!(w[1].lower.as_str(), "similar" | "equivalent")
        })
        // "e.g." is read as the words "e" and "g".
        || words
            .windows(3)
            .any(|w| w[0].is("e") && w[1].is_punct('.') && w[2].is("g"));
    // "如 `src/env.py` L120–L150", "例如 `x`": Chinese and Japanese "for
    // example" right before the path.
    let before = a.sentence_before(token).trim_end();
    let for_example = EXAMPLE_MARKERS.iter().any(|m| before.ends_with(m))
        || ["例如", "比如", "譬如", "例えば"]
            .iter()
            .any(|m| before.contains(m));
    // "The relevant `backend/skills/SKILL.md` for whatever you're
    // fixing": one of a family of files, named by its pattern.
    let one_of_a_family = a
        .prev_word(token, &(0..token))
        .is_some_and(|i| ONE_OF_A_FAMILY.contains(&a.tokens[i].lower.as_str()))
        && a.sentence_before(token)
            .trim_end()
            .ends_with(char::is_alphabetic);
    // "Dir-form files like `Checkbox/examples/Default.tsx`", "paths such
    // as `x`": a kind of file, shown by one made up for it.
    let one_of_a_kind = a.prev_word(token, &sentence).is_some_and(|i| {
        let kind = if a.tokens[i].is("like") {
            a.prev_word(i, &sentence)
        } else if a.tokens[i].is("as") {
            a.prev_word(i, &sentence)
                .filter(|&j| a.tokens[j].is("such"))
                .and_then(|j| a.prev_word(j, &sentence))
        } else {
            None
        };
        kind.is_some_and(|k| KINDS_OF_FILE.contains(&a.tokens[k].lower.as_str()))
    });
    // "`scripts/vs.py` (bad)", "`scripts/validate-schema.py` (good)": a
    // name judged as an example of a convention.
    let judged_as_an_example = a.tokens.get(token + 1).is_some_and(|t| t.is_punct('('))
        && a.tokens.get(token + 2).is_some_and(|t| {
            t.is_word()
                && matches!(
                    t.lower.as_str(),
                    "good" | "bad" | "wrong" | "correct" | "avoid"
                )
        })
        && a.tokens.get(token + 3).is_some_and(|t| t.is_punct(')'));
    // "(`models/course.dto.ts` is wrong)", "`shared/x.ts` is a smell": a
    // name judged in its sentence.
    let judged_in_its_sentence = a.next_word(token, &sentence).is_some_and(|i| {
        a.tokens[i].is("is")
            && a.next_word(i + 1, &sentence).is_some_and(|j| {
                matches!(
                    a.tokens[j].lower.as_str(),
                    "wrong" | "bad" | "incorrect" | "forbidden" | "discouraged"
                ) || a.tokens[j].is("a")
                    && a.next_word(j + 1, &sentence)
                        .is_some_and(|k| matches!(a.tokens[k].lower.as_str(), "smell" | "mistake"))
            })
    });
    // "Define general coding guidelines in a
    // `.github/instructions/general-coding.instructions.md` file" (VS
    // Code's docs, copied): a file of that kind, not one named.
    let a_file_of_the_kind = a
        .prev_word(token, &sentence)
        .is_some_and(|i| a.tokens[i].is("a") || a.tokens[i].is("an"))
        && a.next_word(token, &sentence)
            .is_some_and(|i| a.tokens[i].is("file"));
    // "Reference specs as `specs/auth/spec.md`" (OpenSpec's stock
    // AGENTS.md, beside "Use `file.ts:42` format"): how to write such a
    // reference, shown on one.
    // "Name things as `docs/naming.md` says" names a guide to read.
    let shows_how_to_write = a
        .prev_word(token, &sentence)
        .is_some_and(|i| a.tokens[i].is("as"))
        && a.next_word(token, &sentence).is_none()
        && words
            .iter()
            .find(|t| t.is_word())
            .is_some_and(|t| matches!(t.lower.as_str(), "reference" | "cite" | "format"));
    // "ローカル文書（`docs/requirements.md` 等）": Chinese and Japanese
    // "and the like" right after the path.
    let and_the_like = {
        let after = a.text[a.tokens[token].range.end..].trim_start();
        ["等", "など", "之类", "等等"]
            .iter()
            .any(|m| after.starts_with(m))
    };
    supposes
        || for_example
        || and_the_like
        || shows_how_to_write
        || a_file_of_the_kind
        || one_of_a_family
        || one_of_a_kind
        || judged_as_an_example
        || judged_in_its_sentence
        || contrasted(a, token)
        || after_any(a, token)
        || supposes_it_exists(a, sentence.start, token)
        || relative_elsewhere(words)
        || a.in_quotes(0, token)
}

/// Whether the path at `token`, alone or in a list, follows "any" and at
/// most one word ("any triggered `design/data-model.md`,
/// `design/dependency-graph.md`, or `design/sequence.md`", "any existing
/// `CHANGELOG.md`"): files that are there only in some projects or runs.
fn after_any(a: &crate::text::Analysis, token: usize) -> bool {
    let mut i = token;
    // Back over the paths and separators of the list the path ends.
    while i > 0 {
        let t = &a.tokens[i - 1];
        if t.kind == crate::text::TokenKind::Verbatim
            || t.is_punct(',')
            || t.is("or")
            || t.is("and")
        {
            i -= 1;
        } else {
            break;
        }
    }
    let word = |j: usize| a.tokens.get(j).filter(|t| t.is_word());
    let Some(first) = i.checked_sub(1).filter(|&j| word(j).is_some()) else {
        return false;
    };
    a.tokens[first].is("any")
        || first
            .checked_sub(1)
            .is_some_and(|j| word(j).is_some_and(|t| t.is("any")))
}

/// Whether the path at `token` is one side of a contrast of two paths
/// ("Files live directly in their type folder: `components/user-avatar.ts`,
/// NOT `components/user-avatar/user-avatar.ts`"): a layout shown on
/// made-up files. "Do not edit `x`" has no path before its "not".
fn contrasted(a: &crate::text::Analysis, token: usize) -> bool {
    let is_path = |i: usize| {
        a.tokens
            .get(i)
            .is_some_and(|t| t.kind == crate::text::TokenKind::Verbatim)
    };
    let is_not = |i: usize| a.tokens.get(i).is_some_and(|t| t.is("not"));
    let is_comma = |i: usize| a.tokens.get(i).is_some_and(|t| t.is_punct(','));
    // The path before the "not".
    let next = if is_comma(token + 1) {
        token + 2
    } else {
        token + 1
    };
    if is_not(next) && is_path(next + 1) {
        return true;
    }
    // The path after it.
    let Some(prev) = token
        .checked_sub(1)
        .filter(|&n| is_not(n))
        .and_then(|n| n.checked_sub(1))
    else {
        return false;
    };
    is_path(prev) || is_comma(prev) && prev.checked_sub(1).is_some_and(is_path)
}

/// Whether the path at `token` is named under a condition that it exists:
/// "If you have a PR template at `.github/PULL_REQUEST_TEMPLATE.md`, it
/// will be used", "If there is a `docs/adr/README.md`, read it first".
fn supposes_it_exists(a: &crate::text::Analysis, sentence_start: usize, token: usize) -> bool {
    /// Words between "if" and the path that may hold the condition.
    const REACH: usize = 6;
    let Some(at_if) = (sentence_start..token)
        .rev()
        .find(|&i| a.tokens[i].is_word() && a.tokens[i].lower == "if")
    else {
        return false;
    };
    let between: Vec<&str> = a.tokens[at_if + 1..token]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.lower.as_str())
        .collect();
    between.len() <= REACH
        && between
            .iter()
            .any(|w| matches!(*w, "have" | "has" | "there" | "exists" | "exist"))
}

/// Whether a sentence says its paths are relative to a place other than the
/// project or the file: "`../../dx_stream/configs/tracker_config.json`
/// (relative to the session directory)", "`./lib/libBIDS.sh` (relative to
/// working directory)". Where that is, only the run knows.
fn relative_elsewhere(words: &[crate::text::Token]) -> bool {
    words.windows(2).enumerate().any(|(i, w)| {
        w[0].is("relative") && w[1].is("to") && {
            let base: Vec<&str> = words[i + 2..]
                .iter()
                .filter(|t| t.is_word())
                .take(3)
                .map(|t| t.lower.as_str())
                .collect();
            !base.is_empty()
                && !base.iter().any(|w| {
                    matches!(
                        *w,
                        "root" | "repo" | "repository" | "project" | "workspace" | "this" | "file"
                    )
                })
        }
    })
}

/// Words right before a path that make it stand for whichever file of its
/// kind applies: "the relevant `skills/SKILL.md`".
/// Plural nouns for kinds of file, which "like" or "such as" after them
/// illustrate ("files like `a/b.tsx`").
const KINDS_OF_FILE: &[&str] = &[
    "files",
    "artifacts",
    "artefacts",
    "paths",
    "names",
    "folders",
    "directories",
    "dirs",
    "modules",
    "components",
    "pages",
    "scripts",
    "documents",
];

const ONE_OF_A_FAMILY: &[&str] = &["relevant", "appropriate", "corresponding", "respective"];

/// What, right before a path, makes it an example in Chinese or Japanese
/// text ("如 `src/env.py`", "例：`docs/a.md`").
const EXAMPLE_MARKERS: &[&str] = &["如", "例：", "例:", "如：", "如:"];

/// What, right after a path or the rest of its list, places it in another
/// repository: "(see `agent_docs/conventions.md` in that repo)",
/// "`src/lib.rs` from the upstream repository", "`docs/index.md` in
/// `owner/harness`", "`docs/RUNBOOK.md` and `docs/FALLBACK.md` in the
/// active repo".
static IN_ANOTHER_REPOSITORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^(?:\s*(?:,|,?\s*and|,?\s*or)\s*`[^`\n]+`)*
        [\s)\]]*,?\s*(?:in|from|of)\s+
        (?: (?:that|another|an?\s+other|their|the\s+(?P<named>[\w.-]+))\s+repo(?:sitory)?\b
          | `(?P<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)`
        )",
    )
    .unwrap()
});

/// A label before a list of paths that names the repository they are in:
/// "BOINC repo:", "Upstream repository:".
static LABELLED_REPOSITORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?P<owner>[\w.-]+)\s+repo(?:sitory)?\s*:[^:]*$").unwrap()
});

/// Whether the words right after the path at `token` place it in another
/// repository.
fn placed_in_another_repository(a: &crate::text::Analysis, token: usize) -> bool {
    let sentence = a.sentence_of(token);
    // "the target project's `specs/pending-tasks.md`", "target project
    // path: `specs/plan.md`": a skill's words for the project it works in.
    let before = a.sentence_before(token).to_ascii_lowercase();
    if [
        "target project",
        "host project",
        "consuming project",
        "target repo",
        "host repo",
    ]
    .iter()
    .any(|p| before.contains(p))
    {
        return true;
    }
    // "- BOINC repo: `lib/gui_rpc_client.cpp`, `client/gui_rpc_server_ops.cpp`":
    // a label that names another repository heads its files.
    if let Some(c) = LABELLED_REPOSITORY.captures(a.sentence_before(token)) {
        let owner = c["owner"].to_ascii_lowercase();
        if !matches!(
            owner.as_str(),
            "this" | "our" | "the" | "same" | "main" | "current"
        ) {
            return true;
        }
    }
    let end = a.tokens[sentence.start..sentence.end]
        .last()
        .map_or(a.text.len(), |t| t.range.end);
    let after = &a.text[a.tokens[token].range.end..end.max(a.tokens[token].range.end)];
    let Some(c) = IN_ANOTHER_REPOSITORY.captures(after) else {
        return false;
    };
    // "in the same repository" is this one; `docs/guide.md` after "in" is
    // a folder of this project.
    let this_one = c.name("named").is_some_and(|n| {
        matches!(
            n.as_str().to_ascii_lowercase().as_str(),
            "same" | "main" | "current" | "project" | "root" | "mono" | "monorepo"
        )
    });
    let a_path = c.name("repo").is_some_and(|r| looks_like_path(r.as_str()));
    !this_one && !a_path
}

/// Whether the sentence of the path at `token` says its files are in
/// another repository, named in code: lmnr's "The agent itself
/// (`app-server/src/agent/slack_events.rs`, …) is enterprise-only and lives
/// in `lmnr-private`", "… in the `lmnr-private` repo (`signals/…`)", or
/// the repository it was adapted from ("from `owner/repo` (MIT)
/// `commands/x.md`"). The name is no folder of this project (`lives in
/// `src`` is).
fn the_sentence_names_another_repository(cx: &CheckContext, token: usize) -> bool {
    let a = cx.analysis;
    let sentence = a.sentence_of(token);
    let words: Vec<&crate::text::Token> = a.tokens[sentence]
        .iter()
        .filter(|t| t.kind != TokenKind::Newline && !t.is_punct('*'))
        .collect();
    let elsewhere = |t: &crate::text::Token| {
        let name = a.text[t.range.clone()].trim_matches('`');
        t.kind == TokenKind::Verbatim
            && !name.is_empty()
            && !name.contains(['/', '.', ' '])
            && cx.workspace.has_folder_named(name) == Some(false)
    };
    // "Adapted 2026-05-18 from `affaan-m/everything-claude-code` (MIT)
    // `commands/harness-audit.md`" (Lover-Clinic-OPD's skill, round 103):
    // the upstream repository, named as where the file came from.
    // A code span or a link's address before the path.
    let verbatim_before = |t: &crate::text::Token| {
        t.kind == TokenKind::Verbatim && t.range.end <= a.tokens[token].range.start
    };
    let a_repository = |t: &crate::text::Token| {
        let name = a.text[t.range.clone()].trim_matches('`');
        verbatim_before(t)
            && name.split('/').count() == 2
            && name.split('/').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            })
            && !looks_like_path(name)
            && cx.workspace.reference_exists(cx.path, name) != Some(true)
    };
    let adapted_from = words
        .windows(2)
        .any(|w| w[0].is("from") && a_repository(w[1]));
    // "from the [x402r-sdk repo](https://github.com/BackTrackCo/x402r-sdk)
    // `packages/core/src/config/index.ts`" (execution-market's skill, round
    // 109): a link to a repository's home names where the file is.
    let linked_repository = words
        .iter()
        .any(|t| verbatim_before(t) && links_a_repository(&a.text[t.range.clone()]));
    adapted_from
        || linked_repository
        || words.windows(3).any(|w| {
            // "lives in `lmnr-private`"
            matches!(w[0].lower.as_str(), "lives" | "live" | "living")
                && w[1].is("in")
                && elsewhere(w[2])
        })
        || words.windows(2).any(|w| {
            // "the `lmnr-private` repo"
            elsewhere(w[0]) && matches!(w[1].lower.as_str(), "repo" | "repository")
        })
}

/// Top folders a project may be meant to have: a path under one of them is
/// checked even when the project has no such folder yet (`docs/SCHEMA.md`).
const PROJECT_FOLDERS: &[&str] = &[
    "src", "lib", "docs", "doc", "test", "tests", "scripts", "examples", "packages", "crates",
    "apps", "cmd", "pkg", "internal", "bin", "config", ".github", ".gitlab",
];

/// Whether a path's top folder is one the project has nowhere, at any
/// depth: the path names a place outside the project (another
/// repository's `kit/host.d.ts`, an app's `userData/auth.json`, a release
/// asset's `desktop-latest/latest.json`, a repository beside this one,
/// `../langfuse-docs/pages`).
fn names_a_place_elsewhere(cx: &CheckContext, reference: &str, code_span: bool) -> bool {
    // `../langfuse-docs/pages` in code: a repository checked out beside
    // this one, when no folder of this project has that name. A link's
    // target (`[Checklist](../owasp-checklist/SKILL.md)`) is relative to
    // the document, and a missing folder there is a broken link.
    let mut segments = reference
        .trim_start_matches("./")
        .split('/')
        .skip_while(|s| code_span && *s == "..");
    let (Some(top), Some(_)) = (segments.next(), segments.next()) else {
        return false;
    };
    if top.is_empty() || top == "." || top == ".." || PROJECT_FOLDERS.contains(&top) {
        return false;
    }
    cx.workspace.has_folder_named(top) == Some(false)
}

/// Whether `reference` is a relative module path that a sentence about
/// importing names ("Import `findTasksJsonPath` from
/// `../utils/path-utils.js`"): it is relative to the importing code file,
/// not to the document, and a reader finds the file by what follows the
/// dots.
fn imported_relative_to_code(cx: &CheckContext, token: usize, reference: &str) -> bool {
    if !reference.starts_with("./") && !reference.starts_with("../") {
        return false;
    }
    let rest = reference
        .split('/')
        .skip_while(|part| matches!(*part, "." | ".."))
        .collect::<Vec<_>>()
        .join("/");
    let a = cx.analysis;
    let sentence = a.sentence_of(token);
    // "Import … from `../utils/x.js`"; after the path only the noun ("uses
    // `../_shared/` relative imports"): "— require human approval" is
    // English.
    let imports = a.tokens[sentence.start..token].iter().any(|t| {
        t.is_word()
            && matches!(
                t.lower.as_str(),
                "import" | "imports" | "imported" | "require"
            )
    }) || a.tokens[token..sentence.end]
        .iter()
        .any(|t| t.is_word() && t.lower == "imports")
        // "call `cliIpcCall` from `../../ipc/cli-client.js`": a name in
        // code, from a module.
        || {
            let mut back = a.tokens[..token]
                .iter()
                .rev()
                .filter(|t| t.kind != TokenKind::Newline);
            back.next().is_some_and(|t| t.is("from"))
                && back.next().is_some_and(|t| t.kind == TokenKind::Verbatim)
        };
    let found = || {
        let folder = rest.trim_end_matches('/');
        cx.workspace.find_suffix(&rest).is_some()
            // ESM imports name `../index.js` for the `index.ts` they
            // compile from.
            || typescript_sources(&rest).any(|source| cx.workspace.find_suffix(&source).is_some())
            // "Scripts use `../_shared/` relative imports": a folder of
            // modules.
            || (!folder.contains('/') && cx.workspace.has_folder_named(folder) == Some(true))
    };
    imports && !rest.is_empty() && found()
}

/// Whether `reference`, written after an `@`, is a file of a scoped
/// package of the workspace (`@multica/core/types/events.ts` for
/// `packages/core/types/events.ts`, the package named `@multica/core`):
/// found without its scope, where the package's folder is. A subpath
/// export names the package's source under its `src/`, as built
/// (`@opensip-cli/core/languages/parse-cache.js` for
/// `packages/core/src/languages/parse-cache.ts`).
fn names_a_scoped_package(cx: &CheckContext, reference: &str) -> bool {
    let Some((_scope, in_package)) = reference.split_once('/') else {
        return false;
    };
    let Some((package, subpath)) = in_package.split_once('/') else {
        return false;
    };
    let in_source = format!("{package}/src/{subpath}");
    [in_package, in_source.as_str()].into_iter().any(|path| {
        cx.workspace.find_suffix(path).is_some()
            || typescript_sources(path).any(|source| cx.workspace.find_suffix(&source).is_some())
    })
}

/// The extensions a TypeScript source has for each extension of the
/// JavaScript it compiles to: ESM imports name `.js` for a `.ts` file.
const TYPESCRIPT_SOURCES: &[(&str, &[&str])] = &[
    (".js", &[".ts", ".tsx"]),
    (".jsx", &[".tsx"]),
    (".mjs", &[".mts"]),
    (".cjs", &[".cts"]),
];

/// Whether `reference` names a module by the name an import gives it, and
/// its source is there: a JavaScript file by the name TypeScript's ESM
/// imports give it (payload's "imports from
/// `test/__helpers/e2e/helpers.js`" for `helpers.ts`, "import client
/// components from `exports/client/index.js`" for each package's
/// `src/exports/client/index.ts`), or a module without its ending (see
/// [`module_files`]).
fn names_a_module_by_its_import(cx: &CheckContext, reference: &str) -> bool {
    typescript_sources(reference)
        .chain(module_files(reference))
        .any(|source| {
            cx.workspace.reference_exists(cx.path, &source) == Some(true)
                || cx.workspace.find_suffix(&source).is_some()
        })
}

/// Endings a JavaScript or TypeScript import leaves off its module's file.
const MODULE_ENDINGS: &[&str] = &[".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

/// The files a module specifier written without its ending names
/// (CoreInsurance's "imports the shared base via a relative path
/// (`packages/ui/tailwind.config`)" for `tailwind.config.ts`); none
/// for a name that has one of those endings already.
fn module_files(reference: &str) -> impl Iterator<Item = String> + '_ {
    let has_one = MODULE_ENDINGS.iter().any(|e| reference.ends_with(e));
    let folder = reference.ends_with('/');
    MODULE_ENDINGS
        .iter()
        .filter(move |_| !has_one && !folder)
        .map(move |e| format!("{reference}{e}"))
}

/// The TypeScript sources a JavaScript module name compiles from
/// (`helpers.js` → `helpers.ts`, `helpers.tsx`); none for other names.
fn typescript_sources(reference: &str) -> impl Iterator<Item = String> + '_ {
    TYPESCRIPT_SOURCES.iter().flat_map(move |(js, sources)| {
        reference
            .strip_suffix(js)
            .into_iter()
            .flat_map(move |stem| sources.iter().map(move |ts| format!("{stem}{ts}")))
    })
}

/// Whether the path at `token` is one side of an arrow between two paths
/// whose file names derive one from the other ("Co-located: `src/utils.ts`
/// -> `src/utils.test.ts`", "`pkg/utils.go` -> `pkg/utils_test.go`"), or
/// where one path is the other with folders left out
/// ("`thoughts/searchable/shared/api.md` → `thoughts/shared/api.md`"): a
/// naming scheme or a path rewrite shown on made-up files. A path joined
/// by "or" to such a side is another form of it ("`src/utils.py` ->
/// `tests/test_utils.py` or `src/test_utils.py`").
fn illustrates_a_naming_scheme(a: &crate::text::Analysis, token: usize) -> bool {
    let sentence = a.sentence_of(token);
    let verbatim = |i: usize| a.tokens[i].kind == TokenKind::Verbatim;
    let gap = |left: usize, right: usize| {
        a.text[a.tokens[left].range.end..a.tokens[right].range.start].trim()
    };
    let arrow_between = |left: usize, right: usize| matches!(gap(left, right), "→" | "->" | "=>");
    let path = |i: usize| a.text[a.tokens[i].range.clone()].trim_matches('`').trim();
    let stem = |i: usize| {
        let path = path(i);
        let name = path.rsplit('/').next().unwrap_or(path);
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_lowercase()
    };
    let derived_name = |x: String, y: String| {
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        short.len() >= 3 && short != long && long.contains(&short)
    };
    let folders_left_out = |x: &str, y: &str| {
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        let mut rest = long.split('/');
        short != long && short.contains('/') && short.split('/').all(|part| rest.any(|p| p == part))
    };
    // "A file at `src/app/page.tsx` should have a test at
    // `tests/app/page.test.tsx`": a source file and its test, shown on
    // made-up names.
    let test_of = |x: String, y: String| {
        let tests = |a: &str, b: &str| {
            [".test", ".spec", "_test", "-test", "_spec"]
                .iter()
                .any(|s| b == format!("{a}{s}"))
                || b == format!("test_{a}")
        };
        tests(&x, &y) || tests(&y, &x)
    };
    let scheme = |left: usize, right: usize| {
        arrow_between(left, right)
            && (derived_name(stem(left), stem(right)) || folders_left_out(path(left), path(right)))
            // Joined by more than "or" ("Edit `a.py` or `test_a.py`" names
            // two files to edit).
            || !matches!(gap(left, right), "or" | "and" | "," | "/")
                && test_of(stem(left), stem(right))
    };
    let before = (sentence.start..token).rev().find(|&j| verbatim(j));
    let after = (token + 1..sentence.end).find(|&j| verbatim(j));
    if before.is_some_and(|j| scheme(j, token)) || after.is_some_and(|k| scheme(token, k)) {
        return true;
    }
    // "`a` -> `b` or `c`": `c` is another form of `b`.
    before.is_some_and(|j| {
        gap(j, token) == "or"
            && (sentence.start..j)
                .rev()
                .find(|&i| verbatim(i))
                .is_some_and(|i| scheme(i, j))
    })
}

/// Whether `reference` names a file of the document's own folder from where
/// that folder used to be: `specs/SPEC-4f7a596b/research.md` in
/// `specs/SPEC-e9854a10/SPEC-4f7a596b/tasks.md`, archived with its
/// `research.md` under another spec. A reader sees the folder's name and
/// finds the file beside the document.
fn names_its_own_folder_moved(cx: &CheckContext, reference: &str) -> bool {
    let mut parts = reference.rsplit('/');
    let (Some(file), Some(folder)) = (parts.next(), parts.next()) else {
        return false;
    };
    let own = cx
        .path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str());
    !file.is_empty()
        && own == Some(folder)
        && cx.workspace.reference_exists(cx.path, file) == Some(true)
}

/// Whether `reference` is in a folder the document is the plan of: the
/// first folder of the path that is missing, with the folders above it,
/// names the document's own folder (`services/avatar-ui/app/main.ts` in
/// `plans/services/avatar-ui/F-AVATAR-001/tasks.md`). The plan's subject
/// is not built yet, or was removed and its plans kept: either way its
/// paths say what the plan is about, not where a file went missing.
fn in_the_folder_it_plans(cx: &CheckContext, reference: &str) -> bool {
    let parts: Vec<&str> = reference
        .trim_start_matches("./")
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || parts.contains(&"..") {
        return false;
    }
    let Some(missing) = (1..parts.len()).find(|&k| {
        cx.workspace
            .reference_exists(cx.path, &parts[..k].join("/"))
            == Some(false)
    }) else {
        return false;
    };
    let folder = &parts[..missing];
    // One folder alone must be a name of its own, not `src/` or `docs/`.
    if folder.len() == 1 && PROJECT_FOLDERS.contains(&folder[0]) {
        return false;
    }
    let rel = cx
        .workspace
        .relative_to_root(cx.path)
        .unwrap_or_else(|| cx.path.to_path_buf());
    let own: Vec<&str> = rel
        .parent()
        .into_iter()
        .flat_map(|p| p.iter())
        .filter_map(|c| c.to_str())
        .collect();
    own.windows(folder.len()).any(|w| w == folder)
}

/// Folder names that stand for any one of a kind in a path that shows a
/// layout: "Stores: `stores/feature/store.ts`".
const MADE_UP_FOLDERS: &[&str] = &[
    "feature",
    "module",
    "component",
    "domain",
    "entity",
    "resource",
    "service",
    "page",
    "screen",
    "widget",
    "item",
    "thing",
    "slice",
    "category",
];

/// Whether `reference` shows the project's layout with a made-up folder:
/// `stores/feature/store.ts` where `stores/chat/store.ts` and
/// `stores/panel/store.ts` exist (simstudio's naming conventions). Two
/// folders laid out so make it a layout; one is a file that moved.
fn shows_a_layout(cx: &CheckContext, reference: &str) -> bool {
    let parts: Vec<&str> = reference.trim_start_matches("./").split('/').collect();
    let made_up = |folder: &str| {
        let lower = folder.to_ascii_lowercase();
        MADE_UP_FOLDERS.iter().any(|kind| {
            lower == *kind
                || lower.strip_suffix('s') == Some(kind)
                || kind
                    .strip_suffix('y')
                    .is_some_and(|stem| lower.strip_suffix("ies") == Some(stem))
        })
    };
    (0..parts.len().saturating_sub(1)).any(|i| {
        made_up(parts[i])
            && cx
                .workspace
                .folders_holding(&parts[..i].join("/"), &parts[i + 1..].join("/"))
                >= 2
    })
}

/// Whether `reference` exists under a folder the instruction names ("in
/// `crates/foo/`, edit `src/lib.rs`"), or under the folder of a file it
/// names (shopcx's "`shopify-extension/build-portal.js` + the SCSS →
/// `extensions/…/portal.min.css`", round 101).
fn resolves_in_a_named_folder(cx: &CheckContext, reference: &str) -> bool {
    let a = cx.analysis;
    a.tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Verbatim)
        .map(|t| a.text[t.range.clone()].trim_matches('`').trim())
        .filter(|named| *named != reference && looks_like_folder(named))
        .flat_map(|named| {
            let named = named.trim_end_matches('/');
            let parent = named.rsplit_once('/').map(|(parent, _)| parent);
            std::iter::once(named).chain(parent)
        })
        .any(|folder| {
            let joined = format!("{folder}/{reference}");
            cx.workspace.reference_exists(cx.path, &joined) == Some(true)
        })
}

fn looks_like_folder(s: &str) -> bool {
    PATH.is_match(s) && !s.starts_with('/') && !s.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::InstructionKind;
    use crate::rules::testing::run_in;
    use crate::workspace::DiskWorkspace;

    /// A project on disk holding `files`, empty, and its workspace.
    fn project(files: &[&str]) -> (tempfile::TempDir, DiskWorkspace) {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let at = dir.path().join(file);
            std::fs::create_dir_all(at.parent().unwrap()).unwrap();
            std::fs::write(at, "").unwrap();
        }
        let ws = DiskWorkspace::new(dir.path()).unwrap();
        (dir, ws)
    }

    #[test]
    fn a_file_under_an_open_item_titled_by_what_it_builds_is_its_deliverable() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["apps/web/lib/grading/index.ts"]);
        let tasks = dir.path().join(".spec-workflow/specs/mock-exam/tasks.md");
        let found = |text: &str| count_in_project(&RULE, &tasks, text, &ws);
        // Real lmsplus spec tasks (round 105).
        assert_eq!(
            found(
                "# Tasks\n\n- [ ] **C.4 Part progress bar**\n  - File: `apps/web/lib/grading/part-progress.tsx` (≤ 80) + test\n  - 3-segment bar: answered/total per part.\n"
            ),
            0
        );
        // An item that acts on the file names one that must be there.
        assert_eq!(
            found(
                "# Tasks\n\n- [ ] **C.4 Fix the progress bar**\n  - File: `apps/web/lib/grading/part-progress.tsx`\n"
            ),
            1
        );
    }

    #[test]
    fn a_path_named_as_the_wrong_place_is_not_a_reference() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["tests/integration/server/test_api.py"]);
        let found = |text: &str| {
            count_in_project(
                &RULE,
                &dir.path().join(".cursor/rules/testing.mdc"),
                text,
                &ws,
            )
        };
        // Real podcast_scraper rule text (round 102).
        assert_eq!(
            found(
                "Add tests under `tests/integration/server/` (not a root-level `tests/integration/test_server_api.py`).\n"
            ),
            0
        );
        assert_eq!(
            found("Use `tests/integration/server/test_api.py`, not `tests/test_api.py`.\n"),
            0
        );
        assert_eq!(
            found("Do not edit `tests/integration/test_server_api.py`.\n"),
            1
        );
        assert_eq!(
            found("The fixture is not in `tests/integration/fixtures.py`.\n"),
            1
        );
    }

    #[test]
    fn a_path_resolves_under_the_folder_of_a_file_named_beside_it() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "shopify-extension/build-portal.js",
            "shopify-extension/extensions/portal-theme/assets/portal.min.css",
        ]);
        let found = |text: &str| {
            count_in_project(
                &RULE,
                &dir.path().join(".claude/skills/portals/SKILL.md"),
                text,
                &ws,
            )
        };
        // Real shopcx skill text (round 101).
        assert_eq!(
            found(
                "# Portals\n\n1. **Shopify extension portal** (`shopify-extension/build-portal.js` + the SCSS → `extensions/portal-theme/assets/portal.min.css`).\n"
            ),
            0
        );
        assert_eq!(
            found(
                "# Portals\n\n1. **Shopify extension portal** (`shopify-extension/build-portal.js` + the SCSS → `extensions/portal-theme/assets/portal.css`).\n"
            ),
            1
        );
    }

    #[test]
    fn deliverables_deletions_done_moves_and_denials_are_not_references() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "scripts/TemplateBrowser/ui/shortcuts.lua",
            "scripts/TemplateBrowser/core/init.lua",
            "src/main.rs",
            "Scripts/run.py",
            "memory/notes.md",
            "tools/real.py",
        ]);
        let root = dir.path();
        let found = |rel: &str, text: &str| count_in_project(&RULE, &root.join(rel), text, &ws);
        // Real text from round 39 (beyond-b2b-system, Multi-Source-Insights,
        // aura_local, ui-ux-pro-max, 4DA, ARKITEKT): files to write, to
        // delete, written by a command, said not to exist, moved already.
        for (file, text) in [
            (
                "TASKS.md",
                "# Tasks\n\n- [ ] Supplier notes: `docs/suppliers/hotelbeds.md`, `docs/suppliers/expedia.md`.\n",
            ),
            (
                "TASKS.md",
                "# Tasks\n\n**Create proper config:**\n\n- [ ] `backend/config.py` for all env vars\n",
            ),
            (
                "docs/GEMINI.md",
                "## Cleanup\n\nThen delete:\n\n- `src/stores/auraStore_temp.ts`\n",
            ),
            (
                "SKILL.md",
                "Run `python3 scripts/search.py --persist`. This creates:\n\n- `design-system/MASTER.md` with all design rules\n",
            ),
            (
                ".cursor/rules/project.mdc",
                "There is no `src-tauri/src/db.rs` and no `src-tauri/src/relevance.rs`; do not reference those retired paths.\n",
            ),
            (
                "TODO/REFACTOR.md",
                "# Tasks\n\n- [ ] MOVE: `core/shortcuts.lua` → `ui/shortcuts.lua`\n",
            ),
            // Real voice_typing plans, senpi AGENTS.md, OpenClaw heartbeat
            // and codai roadmap (round 40): new files, a generated file, a
            // state file the agent keeps.
            (
                "docs/todo/v0.7.3.md",
                "# Tasks\n\n- [ ] `Scripts/analysis/refine_cold_path.py`（新）从 refines.jsonl 算\n- [ ] 写 `docs/perf/refiner-baseline.md`（数据 + 结论）\n- [ ] `Scripts/eval/refine_cer.py`：读数据集 → 跑 refine → 算 CER\n",
            ),
            (
                "packages/ai/src/api/AGENTS.md",
                "- Don't hand-edit `src/models.generated.ts`; regenerate with the script.\n",
            ),
            (
                "AGENTS.md",
                "- Heartbeat state lives in `memory/heartbeat-state.json`\n- Track your checks in `memory/checks.json`:\n",
            ),
            (
                "IMPLEMENTATION_ROADMAP.md",
                "# Tasks\n\n- [ ] Build `docs/FAQ.md` (common questions)\n",
            ),
            // Real pi-agent-dashboard task: the file to write.
            (
                "openspec/changes/x/tasks.md",
                "# Tasks\n\n- [ ] 5.1 Delegate authoring of `docs/hyperframes.md` to a subagent\n",
            ),
            // Real New-Treasury CLAUDE.md (round 41), in Korean: deleted.
            (
                "CLAUDE.md",
                "- `src/pages/FxTradeHistoryPage.tsx` — 삭제(내용은 `src/main.rs`로 이관).\n",
            ),
            // Real stock Cursor rules (round 42): an example's file, a
            // framework's generated folder.
            (
                ".cursor/rules/backend.mdc",
                "An example of a schema:\n\n`src/schema/todos-schema.ts`\n\n```ts\nexport const x = 1\n```\n",
            ),
            (
                ".cursor/rules/types.mdc",
                "## Example Type\n\n`src/types/actions-types.ts`:\n\n```ts\nexport type A = 1\n```\n",
            ),
            (
                ".cursor/rules/convex_rules.mdc",
                "- Use the `api` object defined by the framework in `src/_generated/api.ts` to call public functions.\n",
            ),
            // Real shortcut-assistant rule (round 42): a source file and
            // its test, on made-up names.
            (
                ".cursor/rules/test-organization.mdc",
                "- A file at `src/app/page.tsx` should have a test at `src/tests/app/page.test.tsx`\n",
            ),
            // Real voltaic-velocity GEMINI.md: one skill's file, whichever.
            (
                "GEMINI.md",
                "5. The relevant `src/skills/SKILL.md` for whatever you're fixing\n",
            ),
        ] {
            assert_eq!(found(file, text), 0, "{text}");
        }
        for (file, text) in [
            // A label that asks for work on the file.
            (
                "TASKS.md",
                "# Tasks\n\n- [ ] Fix the parser in: `src/parser.rs`, `src/lexer.rs`.\n",
            ),
            (
                "docs/GEMINI.md",
                "Then read:\n\n- `src/stores/auraStore_temp.ts`\n",
            ),
            (
                ".cursor/rules/backend.mdc",
                "Schemas live here:\n\n`src/schema/todos-schema.ts`\n\n```ts\nexport const x = 1\n```\n",
            ),
            // Real ADORSYS .cursorrules: a module said to hold state.
            (
                ".cursorrules",
                "- State: `src/state.rs` for shared application state (`AppState`)\n",
            ),
            // Real wshobson/agents skill: a file to read about authoring.
            (
                "SKILL.md",
                "See `src/agents/review-policy-author.md` for guidance on authoring review policies.\n",
            ),
            (
                "TODO/REFACTOR.md",
                "# Tasks\n\n- [ ] MOVE: `core/tooltips.lua` → `ui/tooltips.lua`\n",
            ),
        ] {
            assert_eq!(found(file, text), 1, "{text}");
        }
        // Real prd_agent Cursor rule (round 69), in Chinese: "When the
        // team has built 3+ canvases, consider extracting:".
        let proposal = "## 七、未来扩展\n\n当团队新建 3+ 画布后，考虑抽取：\n\n- `src/useCanvasGesture.ts`：把 wheel/pointer/key 监听封装为 React hook\n";
        assert_eq!(found(".cursor/rules/gesture.mdc", proposal), 0);
        assert_eq!(
            found(
                ".cursor/rules/gesture.mdc",
                "Consider extracting:\n\n- `src/useCanvasGesture.ts`: wraps the wheel and pointer listeners in a React hook\n"
            ),
            0
        );
        assert_eq!(
            found(
                ".cursor/rules/gesture.mdc",
                "Shared code:\n\n- `src/useCanvasGesture.ts`: wraps the wheel and pointer listeners in a React hook\n"
            ),
            1
        );
        // Real Thanos skill (round 97): a heading puts its list off for
        // later; one that only mentions the future does not.
        assert_eq!(
            found(
                "Skills/Finance/SKILL.md",
                "# Finance\n\n### Future Tools\n- `tools/monarch_bridge.py` - Monarch API wrapper\n"
            ),
            0
        );
        assert_eq!(
            found(
                "Skills/Finance/SKILL.md",
                "# Finance\n\n### Tools\n- `tools/monarch_bridge.py` - Monarch API wrapper\n"
            ),
            1
        );
        assert!(!proposes_files(
            "## How the bridge will keep working with future versions of the API"
        ));
        assert!(names_new_files("**Create proper config:**"));
        assert!(names_new_files("#### Required Files:"));
        assert!(!names_new_files("Required docs:"));
        assert!(!names_new_files(
            "Read these required files before you start:"
        ));
        assert!(!names_new_files("#### CREATE path"));
        assert!(!names_new_files("Create tests for"));
        assert!(names_deletions("Then delete"));
        assert!(names_deletions(
            "Remove any import lines found. Then delete:"
        ));
        assert!(!names_deletions("Then read"));
    }

    #[test]
    fn hashed_build_files_are_output() {
        for name in [
            "../_internal-types-DiEjant0.js",
            "dist/assets/index-4f9a1c2e.css",
            "out/chunk.7d2e9f01ab.mjs",
        ] {
            assert!(is_a_hashed_build_file(name), "{name}");
        }
        for name in [
            "src/utf8-decoder.js",
            "src/v8-profile2.js",
            "src/deadbeef.js",
            "src/index.ts",
            "lib/sha256-Digest.js",
        ] {
            assert!(!is_a_hashed_build_file(name), "{name}");
        }
    }

    #[test]
    fn a_recipes_files_named_for_the_new_thing_are_stand_ins() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["schemas/user.ts", "types/user.ts", "client.ts"]);
        let skill = dir
            .path()
            .join(".claude/skills/typescript-api-client/SKILL.md");
        let count = |text: &str| count_in_project(&RULE, &skill, text, &ws);
        // Real rustrak skill (round 93): the steps of adding a new resource.
        assert_eq!(
            count(
                "**Adding a new resource:**\n\n1. Create schema: `schemas/resource.ts`\n2. Infer types: `types/resource.ts`\n3. Add to client: Update `client.ts` constructor\n"
            ),
            0
        );
        // A file named otherwise, or a recipe that adds nothing new.
        assert_eq!(
            count("**Adding a new resource:**\n\n1. Register it in `types/index.ts`\n"),
            1
        );
        assert_eq!(
            count("**Updating a resource:**\n\n1. Edit `types/resource.ts`\n"),
            1
        );
    }

    #[test]
    fn a_file_the_work_stores_into_as_it_goes_is_kept_at_run_time() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["docs/README.md"]);
        let agents = dir.path().join("AGENTS.md");
        let found = |text: &str| count_in_project(&RULE, &agents, text, &ws);
        // Real marchatton/agent-skills AGENTS.md (round 95).
        assert_eq!(
            found(
                "- **Keep learning.** Maintain a knowledge portfolio. Store learnings in `docs/LEARNINGS.md`.\n"
            ),
            0
        );
        assert_eq!(found("- Save each decision to `docs/decisions.md`.\n"), 0);
        // Real next-wiki spec-kit tasks (round 102): writing the page is
        // the task.
        let tasks = dir.path().join("specs/015-translation/tasks.md");
        let planned = |text: &str| count_in_project(&RULE, &tasks, text, &ws);
        assert_eq!(
            planned(
                "# Tasks\n\n- [ ] T066 Document translation operations, recovery, and cache/usage troubleshooting in `docs/operations/ai-page-translation.md`\n"
            ),
            0
        );
        assert_eq!(
            planned(
                "# Tasks\n\n- [ ] T067 Link the troubleshooting page from `docs/operations/ai-page-translation.md`\n"
            ),
            1
        );
        // Real decentralized-did copilot instructions (round 92): a
        // standing rule sends agents to a file that was deleted.
        assert_eq!(
            found("- Document breaking changes in `docs/MIGRATION-GUIDE.md`\n"),
            1
        );
        // Read from, or stored by someone else, it must be there.
        assert_eq!(found("- Read the learnings in `docs/LEARNINGS.md`.\n"), 1);
        assert_eq!(found("- Learnings are stored in `docs/LEARNINGS.md`.\n"), 1);
    }

    #[test]
    fn a_file_the_next_sentence_says_to_create_when_empty_is_kept_at_run_time() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[".github/copilot-instructions.md"]);
        let mode = dir.path().join(".github/chatmodes/beast.chatmode.md");
        let found = |text: &str| count_in_project(&RULE, &mode, text, &ws);
        // Real hustoj-mcp chat mode (round 93).
        assert_eq!(
            found(
                "The memory is stored in a file called `.github/instructions/memory.instruction.md`. If the file is empty, you'll need to create it.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "The memory is stored in a file called `.github/instructions/memory.instruction.md`.\n"
            ),
            1
        );
    }

    #[test]
    fn a_file_to_create_in_other_languages_is_not_a_reference() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["views/Home.tsx", "api/health.ts"]);
        let count = |text: &str| {
            count_in_project(
                &RULE,
                &dir.path().join(".github/copilot-instructions.md"),
                text,
                &ws,
            )
        };
        // Real 007-sistemas/Sistema-Web (round 58).
        assert_eq!(
            count("1. Criar arquivo em `views/MeuModulo.tsx` como componente React\n"),
            0
        );
        assert_eq!(count("1. Crear la función en `api/nuevo-endpoint.ts`\n"), 0);
        assert_eq!(count("1. Abrir `views/MeuModulo.tsx`\n"), 1);
    }

    #[test]
    fn paths_contrasted_or_judged_in_a_rule_are_examples() {
        use crate::rules::testing::count_in_project;
        // The folders are there: only the files are made up.
        let (dir, ws) = project(&[
            "models/user.ts",
            "components/nav.ts",
            "shared/services/auth.service.ts",
            "src/core/http.ts",
            "src/app/app.ts",
        ]);
        let count = |text: &str| count_in_project(&RULE, &dir.path().join("AGENTS.md"), text, &ws);
        // Real 0-ALIK/faro-interno-front AGENTS.md (round 57).
        for text in [
            "- **Group files by type, not by file.** Files live directly in their type folder: `components/user-avatar.ts`, NOT `components/user-avatar/user-avatar.ts`.\n",
            "- **DTOs live in `api/`, models live in `models/`.** Never mix them (`models/course.dto.ts` is wrong).\n",
            "- **Feature services stay in their module.** `shared/services/course.service.ts` is a smell; move it.\n",
        ] {
            assert_eq!(count(text), 0, "{text}");
        }
        // "Do not edit `x`": nothing contrasted; a path said to be right.
        assert_eq!(count("- Do not edit `src/core/api.ts`.\n"), 1);
        assert_eq!(count("- `src/app/main.ts` is the entry point.\n"), 1);
    }

    #[test]
    fn a_javascript_name_for_a_typescript_source_resolves() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "test/__helpers/e2e/helpers.ts",
            "packages/ui/src/exports/client/index.ts",
            "packages/ui/tailwind.config.ts",
            "apps/web/package.json",
            "src/App.tsx",
        ]);
        let root = dir.path();
        let found = |text: &str| count_in_project(&RULE, &root.join("CLAUDE.md"), text, &ws);
        // Real payload text (round 54): ESM imports name the `.js` file.
        assert_eq!(
            found("- Test helper imports from `test/__helpers/e2e/helpers.js`\n"),
            0
        );
        assert_eq!(
            found(
                "Server components must import client components from `exports/client/index.js`.\n"
            ),
            0
        );
        assert_eq!(found("- Start at `src/App.jsx`.\n"), 0);
        // Real RazorMVP/CoreInsurance text (round 113): a module named as
        // an import names it, without its ending.
        let in_app =
            |text: &str| count_in_project(&RULE, &root.join("apps/web/CLAUDE.md"), text, &ws);
        assert_eq!(
            in_app(
                "- Import the shared base via a relative path (`../../packages/ui/tailwind.config`).\n"
            ),
            0
        );
        // Neither the file nor its source is there.
        assert_eq!(found("- Read `test/__helpers/e2e/setup.js` first.\n"), 1);
        assert_eq!(found("- Start at `src/Main.jsx`.\n"), 1);
        assert_eq!(
            in_app(
                "- Import the shared base via a relative path (`../../packages/ui/postcss.config`).\n"
            ),
            1
        );
    }

    #[test]
    fn dated_documents_are_records() {
        assert!(is_dated(std::path::Path::new(
            "docs/plans/2025-12-31-lifecycle.md"
        )));
        assert!(!is_dated(std::path::Path::new(
            "docs/plans/lifecycle-2025.md"
        )));
        // Real xyz-agent work log (round 69): a dated folder of one piece of
        // work.
        assert!(is_dated(std::path::Path::new(
            ".xyz-harness/2026-05-12-settings-redesign/plan.md"
        )));
        assert!(!is_dated(std::path::Path::new(
            "2026-05-12-notes/sub/plan.md"
        )));
    }

    #[test]
    fn former_places_and_files_the_task_writes_are_not_references() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "src/lib.rs",
            "backend/scripts/_shared/args.ts",
            "src/runner/README.md",
            "memory/index.md",
            "apps/web/App.tsx",
            "scripts/build.js",
            "tests/helpers.ts",
            "services/api/main.py",
        ]);
        let root = dir.path();
        let found = |rel: &str, text: &str| count_in_project(&RULE, &root.join(rel), text, &ws);
        // Real text from juicetin/pi-agent-dashboard, Agenta-AI/agenta,
        // raphaeltm/simple-agent-manager and rjmurillo/ai-agents.
        for (file, text) in [
            (
                "docker/AGENTS.md",
                "Files in this directory. One row per file. Non-source area (migrated from `docs/file-index-docker.md`; source of truth now here).\n",
            ),
            (
                "docs/designs/runner-rename/tasks.md",
                "- [ ] `src/agent/README.md` (now `src/runner/README.md`): env var refs.\n",
            ),
            // Task Master's rules pasted into .windsurfrules (rounds 56
            // and 85, judged wrong each time).
            (
                ".windsurfrules",
                "- When migrating from `scripts/dev.js` to modular structure: `grep -E \"function \\w+\\(\" scripts/dev.js`\n",
            ),
            // Real Chinese task list (round 38): the outputs of a task.
            (
                "specs/001-chatbot/task.md",
                "- [ ] **T4-002** `CORE` **實作 DiagnosisService**\n  - 輸出物：`src/chat/diagnosis.service.ts`\n",
            ),
            (
                "TODO.md",
                "- [ ] Write the operations guide\n  - Deliverables: `docs/operations.md`, `docs/runbook.md`\n",
            ),
            // Real azdo-pipeline-emulator backlog and CloneCratesio TODO
            // (round 87): the file an open step writes.
            (
                "backlog/E09-auth-fetchers.md",
                "- [ ] **E09-S01-T01 — MSAL device-code flow**\n  **Do:** `src/auth/azdo.ts`: public-client device-code with the Azure DevOps resource scope; org discovery; refresh handling.\n",
            ),
            (
                "TODO.md",
                "- [ ] Document GUI roadmap in `docs/gui-roadmap.md`\n",
            ),
            // Real BMAD document-project task (round 37): the file the
            // user is to save the result as.
            (
                "AGENTS.md",
                "- Tell user to copy and save as `docs/brownfield-architecture.md` or `docs/project-architecture.md`\n",
            ),
            (
                "specs/021-task-chat/tasks.md",
                "- [ ] T051 [US3] Unit tests for SplitButton in `apps/web/SplitButton.test.tsx`\n",
            ),
            (
                "specs/021-task-chat/tasks.md",
                "- [ ] T074 E2E Playwright test: task submission flow in `apps/web/e2e/task-submission.spec.ts`\n",
            ),
            (
                "openspec/changes/skip-rpc/tasks.md",
                "- [ ] 1.5 Unit-test `snapshotForRpcDetection` in `src/__tests__/rpc-shape.test.ts`\n",
            ),
            // Real Repe spec tasks (round 97): what the test checks, in its
            // sub-items, is not what the item does to the file.
            (
                "specs/004-neon/tasks.md",
                "- [ ] **T013** [P] Contract test for `WorkoutRepository` in `apps/web/contracts/workout-repository.contract.test.ts`\n  - Test `upsertWorkout(input)` → transactional creation/update with exercise reordering\n",
            ),
            // Real mcpproxy-go spec tasks (round 70): a component test, and
            // a Swift test named after its class.
            (
                "specs/044-diagnostics/tasks.md",
                "- [ ] T050 [P] [US2] Vue component test `src/ErrorPanel.test.ts`: renders code, message, fix steps; buttons call the right action\n",
            ),
            (
                "specs/044-diagnostics/tasks.md",
                "- [ ] T051 [P] [US2] Swift test in `src/StatusBarControllerTests.swift`: badge colour selection given severity mix\n",
            ),
            (
                ".claude/agents/orchestrator.md",
                "5. **DOCUMENT**: Log the failed pattern to `memory/feedback-log.md` (or Serena memory) so it does not recur.\n",
            ),
            // Real 0x8A63F77D/Lattice text.
            (
                "CLAUDE.md",
                "- BOINC repo: `lib/gui_rpc_client.cpp`, `client/gui_rpc_server_ops.cpp`\n",
            ),
            // Real chrismmorin-ux/Claude-Poker-Tracker and
            // juparopi2/BC-Claude-Agent-prototype text.
            (
                "src/utils/spotResolver/CLAUDE.md",
                "Only `src/lib.rs` + the planned `src/hooks/useSpotResolver.js` (Stream U) may import.\n",
            ),
            (
                "src/utils/spotResolver/CLAUDE.md",
                "- ✅ `src/hooks/useSpotResolver.js` (planned Stream U Phase 6).\n",
            ),
            // Real ai-notestation roadmap (round 98): what a version's
            // open items build.
            (
                "docs/roadmap/NEXT_GEN_TODO.md",
                "- [ ] Frontend: `src/components/KnowledgeHeatmap.tsx` — SVG 그리드, 툴팁, 카테고리/멤버 필터\n",
            ),
            (
                "docs/roadmap/NEXT_GEN_TODO.md",
                "- [ ] Backend: `src/services/maturity_service.py` — maturity score from note size and links\n",
            ),
            // Real DeepAgentsSpec plans (round 97): the plan of a service,
            // kept in a folder named after it, names its files.
            (
                "plans/services/avatar-ui/F-AVATAR-001/tasks.md",
                "- [ ] T020 hook finalize button in `services/avatar-ui/app/src/renderer/main.ts`\n",
            ),
            // Real marucs-diet copy of VS Code's docs, mydoo's pr-creator
            // skill and localsearch's AGENTS.md (round 99): a file of a
            // kind, GitHub's template looked for, a counterexample.
            (
                ".github/instructions/copilot.instructions.md",
                "Define general coding guidelines in a `src/general-coding.instructions.md` file.\n",
            ),
            (
                ".agent/skills/pr-creator/SKILL.md",
                "1. Check `.github/pull_request_template.md`\n",
            ),
            (
                "AGENTS.md",
                "❌ **Bad:**\n\n- Using `src/network/mod.rs`.\n",
            ),
            // Real kbl-tracker skills (round 100): what an earlier skill of
            // the pipeline, or this one, writes as it runs.
            (
                ".claude/skills/user-journey-verifier/SKILL.md",
                "- Read `src/DATA_PIPELINE_TRACE_REPORT.md` if available\n",
            ),
            (
                ".claude/skills/failure-analyzer/SKILL.md",
                "- Read `src/results/results-full.json`\n",
            ),
            // Real rsync audit (round 98): the file a follow-up produces.
            (
                "docs/audits/bsd-aio.md",
                "- [ ] #1654-3 produce `src/audits/dispatch-io.md` for the macOS path.\n",
            ),
            // Real ClaudeCode-StartUpTools skill (round 98): "local
            // documents (`docs/requirements.md` and the like)".
            (
                ".claude/skills/requirements-extractor/SKILL.md",
                "- Read で指定されたローカル文書（`src/requirements.md` 等）\n",
            ),
            // Real clio AGENTS.md (round 97): a file named as retired.
            (
                "CLAUDE.md",
                "There is no in-DLL snapshot — the previous `src/Data/ComponentRegistry.seed.json`\nseed file was retired once the CDN went live.\n",
            ),
            // Real mcp-server-context-engineering CLAUDE.md (round 89).
            (
                "CLAUDE.md",
                "- `tests/integration/server.test.ts` - End-to-end server tests (planned)\n",
            ),
            // Real terraformer prompt (round 88): what its templates make.
            (
                ".github/prompts/terraformer.prompt.md",
                "- `src/prompts/plan.prompt.md` (from `plan.prompt.template.md`)\n",
            ),
            (
                "backend/scripts/CLAUDE.md",
                "Scripts use `../_shared/` relative imports (no `@/` aliases).\n",
            ),
        ] {
            assert_eq!(found(file, text), 0, "{text}");
        }
        // A test to extend, a file to append to, and a file only named are
        // there already: their absence is a broken reference.
        for (file, text) in [
            (
                "openspec/changes/health/tasks.md",
                "- [ ] 2.3 Contract test in `src/__tests__/health-route.test.ts` (extend existing).\n",
            ),
            (
                "specs/044-diagnostics/tasks.md",
                "- [ ] T052 Fix the flaky component test `src/ErrorPanel.test.ts`\n",
            ),
            (
                "backlog/E09-auth-fetchers.md",
                "- [ ] **E09-S01-T02 — token reuse**\n  **Ground:** `src/auth/azdo.ts` holds the device-code flow.\n",
            ),
            (
                "TODO.md",
                "- [ ] Document the update flow in the existing `docs/gui-roadmap.md`\n",
            ),
            (
                "CLAUDE.md",
                "Append to `memory/CLAUDE.md` (the global memory file).\n",
            ),
            (
                "CLAUDE.md",
                "The index moved; read `docs/file-index-docker.md` first.\n",
            ),
            (
                "CLAUDE.md",
                "Tests live in `src/__tests__/health-route.test.ts`.\n",
            ),
            ("CLAUDE.md", "- This repo: `src/missing.rs`\n"),
            // A plan's record of an audit is a file of the project.
            (
                "docs/plans/CODE_QUALITY_TODO.md",
                "- [ ] Resolve markers in `src/CODE_QUALITY_AUDIT_2026-04-18.md`\n",
            ),
            // An open item that acts on the file, or says it is edited.
            (
                "TODO.md",
                "- [ ] Parser: `src/old_parser.rs` — review for dead code\n",
            ),
            (
                "TODO.md",
                "- [ ] Tidy up the old parser: `src/old_parser.rs` — dead code\n",
            ),
            // The same service's files, named from a plan kept elsewhere.
            (
                "plans/F-AVATAR-001/tasks.md",
                "- [ ] T020 hook finalize button in `services/avatar-ui/app/src/renderer/main.ts`\n",
            ),
            // An output the task updates is there already (round 38).
            (
                "specs/001-chatbot/task.md",
                "- [ ] **T4-003** 整合問診流程至 ChatPipeline\n  - 輸出物：`src/chat/chat-pipeline.service.ts`（更新）\n",
            ),
        ] {
            assert_eq!(found(file, text), 1, "{text}");
        }
    }

    #[test]
    fn files_the_document_creates_or_renames_away_are_not_references() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "services/runner/src/sessions/alive.ts",
            "api/oss/src/core/store/storage.py",
            "packages/server/src/index.ts",
            "apps/web/src/main.tsx",
            "scripts/changes/version.ts",
        ]);
        let root = dir.path();
        let found = |rel: &str, text: &str| count_in_project(&RULE, &root.join(rel), text, &ws);
        // Real text from Agenta-AI/agenta, juicetin/pi-agent-dashboard,
        // raphaeltm/simple-agent-manager and remix-run/react-router: each
        // path is made or moved by another line of the same document.
        for (file, text) in [
            (
                "docs/designs/runner-rename/tasks.md",
                "# Tasks\n\n## 1. Package dir move — `services/agent` → `services/runner`\n\n- [ ] `git mv services/agent services/runner`; confirm the tree\n- [ ] `services/agent/src/sessions/alive.ts`: rename the log prefix\n",
            ),
            (
                "docs/designs/store/tasks.md",
                "# Tasks\n\n- [ ] Move `api/oss/src/core/mounts/storage.py` to `api/oss/src/core/store/storage.py`.\n",
            ),
            (
                "openspec/changes/push/tasks.md",
                "# Tasks\n\n- [ ] 3.1 Create `packages/server/src/push/push-token-registry.ts` exporting `PushToken`.\n- [ ] 6.4 Compute `PushPayload` via pure helper `buildPushPayload(session, event)` in `packages/server/src/push/build-push-payload.ts`.\n",
            ),
            (
                "specs/021-task-chat/tasks.md",
                "# Tasks\n\n- [ ] T065 [US4] Wire TaskSubmitForm into the ProjectChat page in `apps/web/src/pages/ProjectChat.tsx`\n- [ ] T056 [US3] Create ProjectChat page combining SessionSidebar + ProjectMessageView, with responsive layout in `apps/web/src/pages/ProjectChat.tsx`\n",
            ),
            (
                ".agents/skills/release-notes/SKILL.md",
                "4. Review whether `scripts/changes/whats-changed.md` is needed:\n   - Add `scripts/changes/whats-changed.md` only for features and migration guidance\n",
            ),
            // Drakkar-Software/OctoBot (round 97) and udecode/plate (round
            // 105): a checkout beside the project that the document's own
            // commands enter.
            (
                ".claude/agents/tentacle-manager.md",
                "### Step 1: Build CCXT exchange\n\n```bash\ncd ../ccxt && npm run tsBuild\n```\n\n- Copy the generated files from `../ccxt/python/ccxt/` into the tentacle.\n",
            ),
            (
                ".agents/rules/sync-shadcn.mdc",
                "- Compare the current `../shadcn/apps/v4` target with `apps/www`.\n\n```bash\ngit -C ../shadcn fetch origin main --tags\n```\n",
            ),
        ] {
            assert_eq!(found(file, text), 0, "{text}");
        }
        // A file the document only names, reads or edits is there already;
        // so is a file beside a created one in a folder that exists, and
        // the source of a move not yet done (neither name is there).
        for (file, text, broken) in [
            (
                "specs/026-parity/tasks.md",
                "# Tasks\n\n- [ ] T046 Update `ProjectChat.tsx` in `apps/web/src/pages/ProjectChat.tsx` to show the status\n",
                1,
            ),
            (
                "openspec/changes/push/tasks.md",
                "# Tasks\n\n- [ ] 3.1 Create a test for `packages/server/src/push.ts`\n- [ ] 3.2 Create `packages/server/src/registry.ts`\n- [ ] 3.3 Edit `packages/server/src/routes.ts` to use it\n- [ ] 3.4 Edit `packages/server/src/push.ts` to register it\n",
                2,
            ),
            (
                "docs/plan.md",
                "# Tasks\n\n- [ ] Move `services/agent/src/app.ts` to `services/agents/src/app.ts`\n- [ ] Edit `services/agents/src/boot.ts`\n",
                2,
            ),
        ] {
            assert_eq!(found(file, text), broken, "{text}");
        }
    }

    #[test]
    fn examples_bare_names_and_files_said_to_be_optional_are_not_references() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["src/lib.rs", "skills/pptx/SKILL.md"]);
        let root = dir.path();
        let found = |rel: &str, text: &str| count_in_project(&RULE, &root.join(rel), text, &ws);
        // Real text from 0xWelt/TradeMasterOnline and jlowin/fastmcp.
        for text in [
            "- **代码引用**：文件路径 + 行号范围。如 `src/env.py` L120–L150 (`step`)。\n",
            "- 引用源码时给出路径，例如 `src/env.py`。\n",
            "Scans Claude Desktop, Claude Code, Cursor, Gemini CLI, Goose, and `./mcp.json`.\n",
            // Real Anthropic document skill text, vendored.
            "**Note**: The unpack.py script is located at `skills/pptx/ooxml/scripts/unpack.py` relative to the project root. If the script doesn't exist at this path, use `find . -name \"unpack.py\"` to locate it.\n",
            // Real installed agent (round 37).
            "Project-specific rules in `AGENTS.md` and `.github/copilot-instructions.md` take\nprecedence over the constitution defaults. When guidance conflicts or a file is\nmissing, say so plainly rather than guessing.\n",
            // Real Recidiviz/pulse-dashboards skill (round 73): a kind of
            // file, shown by one made up for it.
            "_(Dir-form files like `Checkbox/examples/Default.tsx` end in `Default`, not `.examples`, so no strip happens.)_\n",
            "Name paths such as `src/feature/store.ts` in kebab case.\n",
            // Real go-service-template-rest skills (round 79).
            "- Load triggered conditional artifacts such as `design/data-model.md`.\n",
            "- any triggered `design/data-model.md`, `design/dependency-graph.md`, or `design/sequence.md`\n",
            "Append to any existing `CHANGELOG.md`.\n",
            "## Conditional Design Artifacts\nCreate these only when their trigger is real:\n- `design/data-model.md` when persisted state or schema changes\n",
        ] {
            assert_eq!(found("AGENTS.md", text), 0, "{text}");
        }
        // A path stated plainly, in Chinese or after `./`, is checked, and
        // so is a link to a file beside the document (real cline/cline
        // text).
        for text in [
            "- 入口在 `src/env.py`。\n",
            "Run `./src/main.rs` first.\n",
            "For architecture see [ARCHITECTURE.md](./ARCHITECTURE.md).\n",
            "The script is at `skills/pptx/scripts/unpack.py`. If it fails, read the log.\n",
            "Rules are in `.github/review-rules.md`. When in doubt, ask.\n",
            "Files like this one are listed in `docs/files.md`.\n",
            "Create these tests for the parser:\n- `docs/parser.md` explains them\n",
            "Edit files in `src/feature/store.ts`, like the others.\n",
            "Read `docs/setup.md` before any change.\n",
            "Any change must follow `docs/style.md`.\n",
        ] {
            assert_eq!(found("AGENTS.md", text), 1, "{text}");
        }
    }

    #[test]
    fn a_skill_packaged_for_other_projects_names_their_files() {
        use crate::rules::testing::count_in_project;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/lib.rs"), "").unwrap();
        let ws = DiskWorkspace::new(root).unwrap();
        let path = root.join(".agents/skills/react-router/SKILL.md");
        let found = |text: &str| count_in_project(&RULE, &path, text, &ws);
        // remix-run/react-router's skill, which names the files of the
        // user's app.
        let body = "Wrap the app in the provider in `src/root.tsx`.\n";
        let licensed = format!("---\nname: react-router\nlicense: MIT\n---\n\n{body}");
        let own = format!("---\nname: react-router\n---\n\n{body}");
        assert_eq!(found(&licensed), 0);
        assert_eq!(found(&own), 1);
        // What the skill ships beside it is still its own.
        let bundled = "---\nname: deploy\nlicense: MIT\n---\n\nRun `scripts/deploy.py` first.\n";
        assert_eq!(found(bundled), 1);
        // A leading thematic break is not front matter.
        let ruled = format!("---\n\nlicense: MIT\n\n{body}");
        assert_eq!(found(&ruled), 1);
    }

    #[test]
    fn a_skills_worked_example_is_written_by_the_reader() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&["convex/schema.ts"]);
        // Real Convex skill (round 76) and CopilotKit's CLAUDE.md (round
        // 71): the same code block, in a skill and in a project's notes.
        let text = "```ts\n// convex/components/notifications/lib.ts\nexport const send = mutation({});\n```\n\nA function in `convex/components/notifications/lib.ts` is called as `components.notifications.lib.send`.\n";
        let found = |rel: &str| count_in_project(&RULE, &dir.path().join(rel), text, &ws);
        assert_eq!(found(".agents/skills/convex-create-component/SKILL.md"), 0);
        assert_eq!(found("CLAUDE.md"), 1);
        // Real pipecat changelog skill (round 85): the file as the block's
        // caption.
        let (dir, ws) = project(&["changelog/.gitkeep"]);
        let text = "## Entries\n\nFor PR #3519 with a new feature:\n\n`changelog/3519.added.md`:\n```\n- Added `SomeNewFeature` for doing something useful.\n```\n";
        let found = |rel: &str| count_in_project(&RULE, &dir.path().join(rel), text, &ws);
        assert_eq!(found(".claude/skills/changelog/SKILL.md"), 0);
        assert_eq!(found("CLAUDE.md"), 1);
        // Real pr-creation skill (round 86): a made-up session under
        // "### Example 1"; the same steps under "## Workflow" name files.
        let (dir, ws) = project(&["src/main.ts"]);
        let session = "1. Runs `git diff main...HEAD` — sees changes in `src/auth/login.ts` and `tests/auth/login.test.ts`\n2. Runs the tests\n";
        let found = |rel: &str, heading: &str| {
            let text = format!("# PR skill\n\n{heading}\n\n**Claude's actions:**\n\n{session}");
            count_in_project(&RULE, &dir.path().join(rel), &text, &ws)
        };
        let skill = ".claude/skills/pr-creation/SKILL.md";
        assert_eq!(
            found(skill, "## Examples\n\n### Example 1: Simple Bug Fix"),
            0
        );
        assert_eq!(found(skill, "## Workflow"), 1);
        assert_eq!(found("CLAUDE.md", "## Examples"), 1);
        // Real roundtable-dashboard skill (round 97): counterexamples
        // under an anti-patterns heading.
        let (dir, ws) = project(&["src/main.ts"]);
        let text = |heading: &str| {
            format!("# Architecture\n\n{heading}\n\n- `src/helpers/misc.js` as a dumping ground\n")
        };
        let found = |heading: &str| {
            count_in_project(
                &RULE,
                &dir.path()
                    .join(".agents/skills/software-architecture/SKILL.md"),
                &text(heading),
                &ws,
            )
        };
        assert_eq!(found("### Generic Naming Anti-Patterns"), 0);
        assert_eq!(found("### Generic Naming"), 1);
    }

    #[test]
    fn a_packs_skill_names_the_packs_files_from_where_it_is_installed() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "skills-pack/docs/intent-compiler.md",
            "skills-pack/skills/app-description-ui/SKILL.md",
            "skills-pack/skills/other/SKILL.md",
            "specs/README.md",
        ]);
        let found = |text: &str| {
            count_in_project(
                &RULE,
                &dir.path()
                    .join("skills-pack/skills/app-description-ui/SKILL.md"),
                text,
                &ws,
            )
        };
        // Real akka-ai-skills-pack (round 78).
        assert_eq!(found("- `../docs/intent-compiler.md`\n"), 0);
        assert_eq!(
            found("- the target project's `skills-pack/specs/pending-tasks.md`\n"),
            0
        );
        assert_eq!(found("When editing `specs/pending-tasks.md`:\n"), 0);
        // A doc the pack does not have is missing wherever the skill is
        // installed.
        assert_eq!(found("- `../docs/other.md`\n"), 1);
    }

    #[test]
    fn a_made_up_folder_shows_a_layout_the_project_has() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "apps/sim/stores/chat/store.ts",
            "apps/sim/stores/panel/store.ts",
            "apps/sim/hooks/queries/chat.ts",
            "src/service/api.ts",
        ]);
        let found = |text: &str| count_in_project(&RULE, &dir.path().join("AGENTS.md"), text, &ws);
        // Real simstudioai/sim naming conventions (round 74).
        assert_eq!(found("- Stores: `stores/feature/store.ts`\n"), 0);
        assert_eq!(found("- Stores: `stores/features/store.ts`\n"), 0);
        assert_eq!(found("- Stores: `stores/entities/store.ts`\n"), 0);
        // One folder laid out so is a file that moved; a layout the
        // project does not have, or a folder named for no kind, is checked.
        assert_eq!(found("- Queries: `hooks/feature/chat.ts`\n"), 1);
        assert_eq!(found("- Stores: `stores/feature/state.ts`\n"), 1);
        assert_eq!(found("- Stores: `stores/billing/store.ts`\n"), 1);
        assert_eq!(found("- API: `src/services/api.ts`\n"), 1);
    }

    #[test]
    fn files_of_other_projects_and_examples_are_not_references() {
        use crate::rules::testing::count_in_project;
        let (dir, ws) = project(&[
            "src/lib.rs",
            ".claude/commands/deploy.md",
            "groups/main/NOTES.md",
            "packages/upgrade/test/__helpers.tsx",
            "skills/gdpr/references/data-rights.md",
            "internal/hooks/run.go",
            "agent_docs/README.md",
            "mcp-server/src/core/utils/path-utils.js",
            "octocode/src/index.ts",
            "packages/core/types/events.ts",
            "packages/engine/src/languages/parse-cache.ts",
            "assistant/src/cli/lib/register-command.ts",
            "server/cmd/multica/main.go",
            "web/package.json",
            "specs/SPEC-e9854a10/SPEC-4f7a596b/research.md",
        ]);
        let root = dir.path();
        let found = |rel: &str, text: &str| count_in_project(&RULE, &root.join(rel), text, &ws);
        // Real awesome-copilot text: a list introduced as another
        // repository's files.
        let list = "- `.github/aw/memory.md`\n- `.github/aw/network.md`\n";
        assert_eq!(
            found(
                ".github/skills/aw/SKILL.md",
                &format!(
                    "Load these files from `github/gh-aw` (they are not available locally):\n\n{list}"
                )
            ),
            0
        );
        assert_eq!(
            found(
                ".github/skills/aw/SKILL.md",
                &format!("Read these files:\n\n{list}")
            ),
            2
        );
        // Real buildfab Cursor rule (round 89): documents a project may
        // add.
        assert_eq!(
            found(
                ".cursor/rules/rule-documents.mdc",
                &format!("### Optional Documentation Types\n{list}")
            ),
            0
        );
        assert_eq!(
            found(
                ".cursor/rules/rule-documents.mdc",
                &format!("### Required Documentation Types\n{list}")
            ),
            2
        );
        // Real reticle CLAUDE.md (round 86): files of a folder in the
        // user's home, never committed.
        for lead in [
            "Runtime config in `~/.reticle/` (never committed):",
            "Runtime config in `~/.reticle/`:",
            "Config files (not committed):",
        ] {
            assert_eq!(
                found("CLAUDE.md", &format!("{lead}\n\n{list}")),
                0,
                "{lead}"
            );
        }
        assert_eq!(
            found("CLAUDE.md", &format!("Config in `config/`:\n\n{list}")),
            2
        );
        // Named again further down, under a lead of its own, a file of that
        // list is still the other repository's; a file it did not list is
        // checked.
        let again = "After loading the matching prompt, follow it:\n\n\
            - Tune memory: `.github/aw/memory.md`\n\
            - Debug workflows: `.github/aw/debug.md`\n\n\
            When memory is involved, also read `.github/aw/network.md`.\n";
        assert_eq!(
            found(
                ".github/skills/aw/SKILL.md",
                &format!(
                    "Load these files from `github/gh-aw` (they are not available locally):\n\n{list}\n{again}"
                )
            ),
            1
        );
        assert_eq!(
            found(
                ".github/skills/aw/SKILL.md",
                &format!("Read these files:\n\n{list}\n{again}")
            ),
            5
        );
        // Real tesla-key-esp32 audit skill (round 92): a table of the
        // upstream repository's files under the address they are fetched
        // from, and its layout in braces; cited again below, they are
        // still its files. Without the address they are this project's.
        let upstream = "Fetch raw files (base `https://raw.githubusercontent.com/teslamotors/vehicle-command/main`).\n\n\
            | Dimension | Upstream file(s) |\n|---|---|\n| Roles | `pkg/protocol/protobuf/keys.proto`, `pkg/protocol/protocol.md` |\n\n\
            Fetch raw at the pin (base `https://raw.githubusercontent.com/yoziru/tesla-ble/<pin>`). Layout at v5.1.1:\n\
            `src/{vehicle.cpp, client.cpp, peer.cpp, …}`.\n\n\
            - **How a fault becomes a string** → `include/command_error.h`, `src/vehicle.cpp`.\n\n";
        let cited = "## Gotchas\n\n\
            - Role scope is prose: the authority is `pkg/protocol/protocol.md`.\n\
            - `expires_at` is the clock time plus a delta (`src/peer.cpp` `generate_expires_at`).\n";
        let skill = ".claude/skills/vehicle-command-audit/SKILL.md";
        assert_eq!(found(skill, &format!("{upstream}{cited}")), 0);
        let here = upstream
            .replace(
                "https://raw.githubusercontent.com/teslamotors/vehicle-command/main",
                "main",
            )
            .replace(
                "https://raw.githubusercontent.com/yoziru/tesla-ble/<pin>",
                "v5",
            );
        assert_eq!(found(skill, &format!("{here}{cited}")), 3);
        // Real pydantic-ai docs/AGENTS.md text: a file of another
        // repository, said right after it.
        assert_eq!(
            found(
                "AGENTS.md",
                "- The harness repo's front pages carry the same positioning: check those too (see `agent_docs/docs-conventions.md` in that repo).\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- Port the prompt from `config/prompts.yaml` in `timem/timem`.\n"
            ),
            0
        );
        // Real ugwtf skill (round 47): the list's files, then where.
        assert_eq!(
            found(
                "AGENTS.md",
                "See `docs/VERCEL-DEPLOY-RUNBOOK.md` and `docs/VERCEL-DEPLOY-FALLBACK-PLAN.md` in the active repo.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- Keep the conventions in `agent_docs/docs-conventions.md` in the same repo.\n"
            ),
            1
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- Keep `agent_docs/alpha.md` and `agent_docs/beta.md` in the same repo.\n"
            ),
            1
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- See `agent_docs/docs-conventions.md` in `docs/guide.md`.\n"
            ),
            1
        );
        // Real unity-mcp-server spec tasks: files the task makes, in
        // Japanese.
        assert_eq!(
            found(
                "specs/SPEC-1/tasks.md",
                "# Tasks\n\n- [ ] `tests/e2e/release-flow.test.js` 作成\n- [ ] T001 `specs/SPEC-1/research.md` に調査結果を記録\n"
            ),
            0
        );
        assert_eq!(
            found(
                "specs/SPEC-1/tasks.md",
                "# Tasks\n\n- [ ] `tests/e2e/release-flow.test.js` を修正\n"
            ),
            1
        );
        // Real agent-flow skill (round 61), in Chinese: "write a".
        assert_eq!(
            found(
                ".claude/skills/user-preference/SKILL.md",
                "- **預設值集中管理**：寫一個 `lib/preferences.js` 提供 `getTheme()`\n"
            ),
            0
        );
        // Real three-day plan (KernelAcademy-AICamp), in Korean.
        assert_eq!(
            found(
                "IMPLEMENTATION_PLAN_3DAYS.md",
                "# Day 1\n\n- [ ] `src/database/migration.py` 작성 및 실행\n- [ ] `src/backend/requirements.txt` 작성\n"
            ),
            0
        );
        assert_eq!(
            found(
                "IMPLEMENTATION_PLAN_3DAYS.md",
                "# Day 1\n\n- [ ] `src/database/migration.py` 실행\n"
            ),
            1
        );
        // Real quilt-mcp-server plan steps: a file to delete, and files
        // the step implements.
        assert_eq!(
            found(
                "TODO.md",
                "- [ ] Delete QuiltService file: `src/quilt_mcp/services/quilt_service.py`\n- [ ] Implement `tests/e2e/quilt_ops/conftest.py` with fixtures\n"
            ),
            0
        );
        assert_eq!(
            found(
                "TODO.md",
                "- [ ] Remove `sender` param from MCP tool in `src/agent-runner/ipc.ts`\n"
            ),
            1
        );
        // Real nano-core skill: steps to remove a feature name the files to
        // edit.
        assert_eq!(
            found(
                "SKILL.md",
                "To remove Agent Swarm support:\n\n5. Remove `sender` from MCP tool in `src/agent/ipc.ts`\n"
            ),
            1
        );
        // Real langfuse AGENTS.md: the docs repository checked out beside
        // this one; a folder this project has is checked.
        assert_eq!(
            found(
                "web/AGENTS.md",
                "- Architecture: `../langfuse-docs/content/handbook/architecture.mdx`\n"
            ),
            0
        );
        assert_eq!(
            found("web/AGENTS.md", "- Helpers: `../src/helpers.rs`\n"),
            1
        );
        // Real wshobson skill: a link to a sibling skill that is not there.
        assert_eq!(
            found(
                "web/AGENTS.md",
                "- [OWASP Top 10 Checklist](../owasp-top10-checklist/SKILL.md)\n"
            ),
            1
        );
        // Real zod plan item: the headline says the module is new.
        assert_eq!(
            found(
                "TODO.md",
                "- [ ] Add a new subpath module. Working name: `src/v4/classic/external-compile.ts` (or similar).\n"
            ),
            0
        );
        assert_eq!(
            found(
                "TODO.md",
                "- [ ] Fix the subpath module. Working name: `src/v4/classic/external-compile.ts`.\n"
            ),
            1
        );
        // Real prisma plan item: the detail asks to edit a file.
        assert_eq!(
            found(
                "TODO.md",
                "- [ ] Implement spec open question 2. Lean: extend `Context` in `src/runtime-middleware.ts` with `scope`.\n"
            ),
            1
        );
        // Real nano-core TODOS.md: a list of files to delete.
        assert_eq!(
            found(
                "TODOS.md",
                "Delete these files entirely — they are farm-specific:\n\n- [ ] `src/farm-action-gateway.ts`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "TODOS.md",
                "## PHASE 4 — Farm-Specific Scripts & Docs (DELETE)\n\n- [ ] `scripts/farm-demo.sh`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "TODOS.md",
                "## PHASE 4 — Farm-Specific Scripts & Docs\n\n- [ ] Review `scripts/farm-demo.sh`\n"
            ),
            1
        );
        // Real Claude Code subagent: the files it is to write.
        assert_eq!(
            found(
                ".claude/agents/world-building.md",
                "## Deliverables\n- `docs/lore/atlas.md`: Maps, regions, travel routes\n"
            ),
            0
        );
        // Real migration checklist: a file renamed into a new place. Its
        // source must exist.
        assert_eq!(
            found(
                "docs/TASKS.md",
                "# Tasks\n\n- [ ] Move `src/lib/utils.ts` → `src/shared/utils/common.ts`\n"
            ),
            1
        );
        // Real team task list: the files a feature's work makes, listed
        // under a label, or as items that are only the file.
        assert_eq!(
            found(
                "docs/TASKS.md",
                "# Tasks\n\n**Files to Create:**\n- [ ] `src/components/upload/FileUploader.tsx`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "docs/TASKS.md",
                "# Tasks\n\n**Files:**\n- [ ] `src/app/files/page.tsx`\n- [ ] `src/cache.ts` (TODO)\n- [ ] Update `src/app/setup.ts` for the cache\n"
            ),
            1
        );
        // spoutmc's docs/AGENTS.md (round 51): the configuration a program
        // loads; a source file it reads from is checked.
        assert_eq!(
            found(
                "AGENTS.md",
                "- Loads from `config/spoutmc.yaml` or `config/spoutmc.yml`\n"
            ),
            0
        );
        assert_eq!(
            found("AGENTS.md", "- Reads its defaults from `src/defaults.rs`\n"),
            1
        );
        // levo's cleanup plan (round 51): an item that is only a path, with
        // a Chinese aside in full-width parentheses.
        assert_eq!(
            found(
                "tasks/todo.md",
                "## Phase 2\n\n- [ ] `apps/jumper/src/hooks/ongoingNumericQuests.ts`（确认是 quests）\n- [ ] 修改 `apps/jumper/src/app/setup.ts`（确认）\n"
            ),
            1
        );
        // Real BACKLOG.md: a phase's deliverable, described; a file to edit
        // is still checked.
        assert_eq!(
            found(
                "BACKLOG.md",
                "# Backlog\n\n- [x] **Phase 4**\n  - [ ] `scripts/simulate-orders.js` — owner-runnable day-in-the-life walkthrough.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "BACKLOG.md",
                "# Backlog\n\n- [ ] `docs/setup.md`: update the install steps\n"
            ),
            1
        );
        // Real quilt-mcp-server spec: files the parent's work is done to.
        assert_eq!(
            found(
                "docs/TASKS.md",
                "# Tasks\n\n- [ ] All callers migrated to use QuiltOps:\n  - [ ] `src/quilt_mcp/tools/stack_buckets.py` (if applicable)\n"
            ),
            1
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "Before you add a feature to the app, read these files:\n- `docs/features.md`\n"
            ),
            1
        );
        // Real claude-code skill-development text: where a long SKILL.md's
        // content is to go. A list of files to read is checked.
        assert_eq!(
            found(
                "skills/skill-development/SKILL.md",
                "Move detailed content to references/:\n- Detailed patterns → `references/patterns.md`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "Before you move the handler to its module, read:\n- `docs/handlers.md`\n"
            ),
            1
        );
        // Real unity-mcp-server spec, archived under another with its
        // research notes: the path is written from where it used to be.
        assert_eq!(
            found(
                "specs/SPEC-e9854a10/SPEC-4f7a596b/tasks.md",
                "# Tasks\n\n- [ ] Excerpt the cases into `specs/SPEC-4f7a596b/research.md` and link them\n- [ ] Read `specs/SPEC-4f7a596b/design.md`\n"
            ),
            1
        );
        // Real generate-tests skill text: a naming scheme on made-up files.
        // A relocation keeps its name, and its source is checked.
        assert_eq!(
            found(
                "AGENTS.md",
                "- Co-located: `src/utils.ts` -> `src/utils.test.ts`\n- Go convention: `pkg/utils.go` -> `pkg/utils_test.go`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- `src/old/client.ts` -> `src/new/client.ts`\n"
            ),
            1
        );
        // Real humanlayer and georgian-leads agent text: a path rewrite and
        // a convention with its alternative, on made-up files.
        assert_eq!(
            found(
                ".claude/agents/locator.md",
                "If you find files in thoughts/searchable/, report the actual path:\n\n- `thoughts/searchable/shared/research/api.md` → `thoughts/shared/research/api.md`\n- `thoughts/searchable/global/patterns.md` → `thoughts/global/patterns.md`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- Python convention: `src/utils.py` -> `tests/test_utils.py` or `src/test_utils.py`\n"
            ),
            0
        );
        // Joined by "or" without a scheme, the paths are checked.
        assert_eq!(
            found(
                "AGENTS.md",
                "- Edit `src/utils.py` or `src/test_utils.py`\n"
            ),
            1
        );
        // Real rikkahub CLAUDE.md text: where the build copies its output.
        // A copy's source is still checked.
        assert_eq!(
            found(
                "web-ui/CLAUDE.md",
                "构建产物通过 `copy.ts` 脚本复制到 `../web/src/main/resources/static` 目录。\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "Copy `config/app.example.js` to `config/app.js`.\n"
            ),
            1
        );
        // Real agentic-base subagent text: a success criterion names the
        // file the work leaves, and a report is written by a run.
        assert_eq!(
            found(
                ".claude/agents/devops.md",
                "**Integration Mode Success:**\n- Operational runbooks in `docs/deployment/runbook.md`\n"
            ),
            0
        );
        assert_eq!(
            found(
                ".claude/agents/reviewer.md",
                "- Input: `docs/a2a/reviewer.md` (engineer's report), implementation code\n- **Sprint Reports**: `docs/a2a/reviewer.md`\n"
            ),
            0
        );
        assert_eq!(
            found(
                ".claude/agents/world-building.md",
                "## Sources\n- `docs/lore/atlas.md`: Maps, regions, travel routes\n"
            ),
            1
        );
        // The item's headline says to make the file its detail names.
        assert_eq!(
            found(
                "specs/SPEC-1/tasks.md",
                "# Tasks\n\n- [ ] **T002**: CHANGELOG生成テスト作成\n  - **ファイル**: `tests/unit/changelog.test.js`\n- [ ] Write the changelog test.\n  - File: `tests/unit/log.test.js`\n"
            ),
            0
        );
        // Real gitlab-mcp-server skill text: where a refactoring moves code.
        assert_eq!(
            found(
                "AGENTS.md",
                "- **Option A**: Extract to `internal/testhelpers_test.go` (only available in its tests)\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- Move the fixtures to `internal/testhelpers_test.go`\n"
            ),
            1
        );
        // Real NOIR skill: examples of this project's own features.
        assert_eq!(
            found(
                ".claude/skills/add/SKILL.md",
                &format!("Good examples:\n\n{list}")
            ),
            2
        );
        // Real awesome-copilot skills: made for the projects that install
        // them, so `src/middleware.ts` is theirs; what the skill ships
        // beside it, and a folder only this project has, are checked.
        let skill = "skills/gdpr/SKILL.md";
        assert_eq!(
            found(skill, "- List the locales in `src/middleware.ts`\n"),
            0
        );
        assert_eq!(
            found(skill, "- `references/operations.md` — incident response\n"),
            1
        );
        assert_eq!(found(skill, "- `references/data-rights.md` — DSR\n"), 0);
        assert_eq!(
            found(skill, "- Persona changes: edit `groups/CLAUDE.md`\n"),
            1
        );
        // The same skill installed in this project names this project's
        // files.
        assert_eq!(
            found(
                ".github/skills/gdpr/SKILL.md",
                "- List the locales in `src/middleware.ts`\n"
            ),
            1
        );
        // Real claude-task-master rule: an import path is relative to the
        // importing code file; a link is relative to the document.
        assert_eq!(
            found(
                ".cursor/rules/new_features.mdc",
                "- Import the core logic function and `findTasksJsonPath` from `../utils/path-utils.js`.\n"
            ),
            0
        );
        assert_eq!(
            found(
                ".cursor/rules/new_features.mdc",
                "- Import `findTasksJsonPath` from `../utils/find-tasks.js`.\n"
            ),
            1
        );
        assert_eq!(
            found(
                ".cursor/rules/new_features.mdc",
                "- Read `../utils/path-utils.js` first.\n"
            ),
            1
        );
        // Real octocode-mcp AGENTS.md (round 70): an ESM import names the
        // `.js` its TypeScript source compiles to.
        assert_eq!(
            found(
                "octocode/AGENTS.md",
                "1. Import tool function from `../index.js`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "octocode/AGENTS.md",
                "1. Import tool function from `../main.js`\n"
            ),
            1
        );
        // Real lmnr CLAUDE.md (round 71): files of its private repository.
        assert_eq!(
            found(
                "CLAUDE.md",
                "- The agent itself (`src/agent/slack_events.rs`) is **enterprise-only and lives in `lmnr-private`**.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "CLAUDE.md",
                "- The rest is in the `lmnr-private` repo (`src/signals/postprocess.rs`).\n"
            ),
            0
        );
        assert_eq!(
            found(
                "CLAUDE.md",
                "- The agent itself (`src/agent/slack_events.rs`) lives in `src`.\n"
            ),
            1
        );
        // Real Lover-Clinic-OPD skill (round 103): the upstream file it was
        // adapted from.
        assert_eq!(
            found(
                ".agents/skills/audit/SKILL.md",
                "Adapted 2026-05-18 from `affaan-m/everything-claude-code` (MIT) `commands/harness-audit.md`.\n"
            ),
            0
        );
        assert_eq!(
            found(
                ".agents/skills/audit/SKILL.md",
                "Adapted 2026-05-18 from the old audit in `commands/harness-audit.md`.\n"
            ),
            1
        );
        // Real execution-market skill (round 109): a link to the other
        // repository's home. A link to one of its files names that file,
        // and the path after it is this project's.
        assert_eq!(
            found(
                ".claude/skills/add-network/SKILL.md",
                "Copy the addresses from the [x402r-sdk repo](https://github.com/BackTrackCo/x402r-sdk) `packages/core/src/config/index.ts`.\n"
            ),
            0
        );
        assert_eq!(
            found(
                ".claude/skills/add-network/SKILL.md",
                "The [spec](https://github.com/BackTrackCo/x402r-sdk/blob/main/SPEC.md) matches `packages/core/src/config/index.ts`.\n"
            ),
            1
        );
        // Real round 71 text: vellum's name in code from a module, written
        // from the command files; multica's file of its `@multica/core`
        // package; lmnr's former place of a module.
        for text in [
            "Every command file declares its transport via `registerCommand({ transport })`\nfrom `../lib/register-command.ts`.\n",
            "1. **Read the payload.** Find the event in `@multica/core/types/events.ts`.\n",
            "- Orchestration lives in `src/lib.rs` (moved out of `traces/debug_cache.rs`).\n",
            // Real opensip-cli CLAUDE.md (round 75): a subpath export of a
            // package whose sources are under its `src/`.
            "The parser is in `@opensip-cli/engine/languages/parse-cache.js`.\n",
        ] {
            assert_eq!(found("assistant/src/cli/AGENTS.md", text), 0, "{text}");
        }
        for text in [
            "Every command file declares its transport\nfrom `../lib/register-transport.ts`.\n",
            "1. Find the event in `@multica/core/types/payloads.ts`.\n",
            "- Orchestration lives in `src/debug_cache.rs`.\n",
        ] {
            assert_eq!(found("assistant/src/cli/AGENTS.md", text), 1, "{text}");
        }
        // Real tRPC rule: a module path written without its ending.
        assert_eq!(
            found(
                ".cursor/rules/upgrade-tests.mdc",
                "- **ALWAYS** use `testReactResource()` from `./test/__helpers`\n"
            ),
            0
        );
        // Real crush skill text: a list of examples ending in "etc.".
        assert_eq!(
            found(
                "AGENTS.md",
                "Hooks can be written in any language: `python3 ./hooks/h.py`, `./hooks/h.sh`, etc.\n"
            ),
            0
        );
        assert_eq!(
            found("AGENTS.md", "Run `./hooks/check.sh` before committing.\n"),
            1
        );
        // Real superpowers skill: a counterexample.
        assert_eq!(
            found(
                "AGENTS.md",
                "- ❌ Bad: `@src/testing/SKILL.md` (force-loads, burns context)\n- Bad: `src/old.rs`\n"
            ),
            0
        );
        // A skill's script discovery and nf-bids' libBIDS lookup (rounds
        // 46 and 49): places a program tries in turn, any of them missing.
        assert_eq!(
            found(
                "AGENTS.md",
                "### Intelligent Script Discovery\n\nSearches in priority order:\n1. `./run-performance-tests.sh`\n2. `./scripts/run-performance-tests.sh`\n3. `./test/performance/run-tests.sh`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "`LibBidsShWrapper` searches in this order (first found wins):\n\n1. `./lib/libBIDS.sh` (relative to working directory)\n4. `../libBIDS.sh/libBIDS.sh` (one level up)\n"
            ),
            0
        );
        // Real gohypergiant standard-toolkit skill (round 75): worked
        // examples nested under the item or the list that calls them so.
        assert_eq!(
            found(
                "AGENTS.md",
                "**9. Set title**\n   - **Examples** (CORRECT ✅):\n     - `packages/predicates/src/is-in/index.ts` → `\"isIn\"` (single export)\n\n**Examples:**\n\n1. **Package with sub-module** (`@accelint/core/array`)\n   - Source: `packages/core/src/array/map.ts`\n"
            ),
            0
        );
        // Real voxmedia open-agent-toolkit skill (round 75): Copilot's
        // instructions file named as each tool's convention.
        assert_eq!(
            found(
                "AGENTS.md",
                "- For each enabled provider, check its rules directory:\n  - Cursor: `.cursor/rules/`\n  - Copilot: `.github/copilot-instructions.md`\n"
            ),
            0
        );
        // Real voxmedia open-agent-toolkit skill (round 75): a nested list
        // of candidates under the step that searches them.
        assert_eq!(
            found(
                "AGENTS.md",
                "1. If `backlog-path` is provided, use it directly.\n2. Otherwise, search for common locations:\n   - `.oat/repo/reference/backlog.md`\n   - `docs/backlog.md`\n3. If none found, ask the user for the path.\n"
            ),
            0
        );
        // Real fastapi-to-mcp skill (round 109): where the user's app may
        // be, any one of them.
        assert_eq!(
            found(
                "AGENTS.md",
                "**Solution:** Ensure your FastAPI app is in one of these locations:\n- `app/main.py`\n- `src/app.py`\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "Search these docs first:\n1. `docs/setup.md`\n"
            ),
            1
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "1. Read the setup docs:\n   - `docs/setup.md`\n"
            ),
            1
        );
        // "or similar", "or equivalent": one choice of many (round 47's
        // vercel skill, round 49's performance skill).
        assert_eq!(
            found(
                "AGENTS.md",
                "- Located in: root, `./scripts/`, `./test/performance/`, or similar\n- Canonical IDs: stored in `scripts/vercel-projects.ts` or equivalent config file.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- Canonical IDs are stored in `scripts/vercel-projects.ts`.\n"
            ),
            1
        );
        // SutroYaro's plan (round 47): a file to prototype is to be made.
        assert_eq!(
            found(
                "docs/tasks/plan.md",
                "- [ ] Prototype `src/sparse_parity/rl_env.py` with Gymnasium interface\n"
            ),
            0
        );
        // Laravel Boost's rules (round 50): where something no longer is.
        assert_eq!(
            found(
                "AGENTS.md",
                "- In Laravel 12, middleware are no longer registered in `src/Http/Kernel.php`.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "- The old helper is no longer used; register middleware in `src/Http/Kernel.php`.\n"
            ),
            1
        );
        // Real runanywhere-sdks AGENTS.md (round 70): a file removed on
        // purpose.
        assert_eq!(
            found(
                "AGENTS.md",
                "`legacy-files-blocklist.yml` forbids reintroducing `src/build-react-native.sh`.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "Run `src/build-react-native.sh` before reintroducing the old flow.\n"
            ),
            1
        );
        // The GSD planner (round 46): a well-formed path shown as good.
        assert_eq!(
            found(
                "AGENTS.md",
                "- Good: `src/app/api/auth/login/route.ts`, `prisma/schema.prisma`\n"
            ),
            0
        );
        assert_eq!(
            found("AGENTS.md", "- Good practice: keep `src/old.rs` small\n"),
            1
        );
        // Real skills (round 47): naming examples judged in parentheses, a
        // file under a condition that it exists, a link to another
        // repository's file.
        assert_eq!(
            found(
                "AGENTS.md",
                "- `scripts/validate-schema.py` (good)\n- `scripts/vs.py` (bad)\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "If you have a PR template at `.github/PULL_REQUEST_TEMPLATE.md`, it will be automatically used.\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "Use [`docs/KEY-FILES.md`](https://github.com/DaBigHomie/documentation-standards/blob/main/docs/KEY-FILES.md).\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "If you change the API, update `docs/api.md`.\n"
            ),
            1
        );
        assert_eq!(found("AGENTS.md", "Use [`docs/api.md`](docs/api.md).\n"), 1);
        // Real DEEPX dx_stream skill and nf-bids skill: paths relative to a
        // place only the run knows.
        assert_eq!(
            found(
                "AGENTS.md",
                "> `../../dx_stream/configs/tracker_config.json` (relative to the session directory).\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "2. `./lib/libBIDS.sh` (relative to working directory)\n"
            ),
            0
        );
        assert_eq!(
            found(
                "AGENTS.md",
                "The path `src/old.rs` is relative to the repository root.\n"
            ),
            1
        );
    }

    #[test]
    fn fires_on_missing_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/lib.rs"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("src/agents")).unwrap();
        std::fs::write(dir.path().join("src/agents/run.py"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("crates/cli/src")).unwrap();
        std::fs::write(dir.path().join("crates/cli/src/main.rs"), "").unwrap();
        let ws = DiskWorkspace::new(dir.path()).unwrap();
        let file = dir.path().join("TODO.md");
        let found = |text: &str| run_in(&RULE, InstructionKind::TaskItem, &file, text, &ws).len();
        assert_eq!(found("Move it to `src/lib.rs`"), 0);
        // Real OpenSpec AGENTS.md text (rounds 97 and 113): the form of a
        // reference, shown on one; a file read "as" something is named.
        assert_eq!(found("Reference specs as `specs/auth/spec.md`"), 0);
        assert_eq!(found("Reference it as in `src/agents/spec.md`"), 1);
        assert_eq!(found("Name things as `docs/naming.md` says."), 1);
        // Real aishacrm-2 roadmap item (round 114): titled by what it
        // builds; one that acts on the file names one that must be there.
        assert_eq!(
            found(
                "- [ ] **Natural Language Command Parser** (`src/components/ai/CommandParser.jsx`)"
            ),
            0
        );
        assert_eq!(
            found("- [ ] **Fix the command parser** (`src/components/ai/CommandParser.jsx`)"),
            1
        );
        // Real panchi64 CLAUDE.md text (round 114): a file for later.
        assert_eq!(found("See `apps/ios/CLAUDE.md` once scaffolded."), 0);
        // Real plan criteria: the state after the work, and a runtime file.
        assert_eq!(
            found("`kindle-deliveries.json` is updated after every successful send"),
            0
        );
        assert_eq!(found("`.processed.json` has an entry for the file"), 0);
        assert_eq!(
            found("**ID Mapping:** `.workflow-ids.json` (gitignored) maps names to IDs"),
            0
        );
        // Real CLAUDE.md text: an import of a file that exists.
        assert_eq!(
            found("**Claude MUST follow `@src/lib.rs` for all work.**"),
            0
        );
        assert_eq!(found("See `@src/net/retry.rs`"), 1);
        // Real wikino CLAUDE.md (round 107): an npm scoped package named
        // like a script. An import of a document is still checked.
        assert_eq!(
            found("`fetch`ではなく`@rails/request.js`パッケージを使用すること"),
            0
        );
        assert_eq!(found("See `@docs/retry.md`"), 1);
        assert_eq!(found("See `@scripts/tools/retry.js`"), 1);
        assert_eq!(found("Move it to `src/net/retry.rs`"), 1);
        assert_eq!(found("Read `../../etc/passwd`"), 0);
        assert_eq!(found("Use `tokio::spawn`"), 0);
        assert_eq!(found("Create `src/net/retry.rs` with the retry loop"), 0);
        assert_eq!(found("Author `src/net/upgrade.ts` for the new SPI"), 0);
        assert_eq!(found("Add backoff; done when `tests/retry.rs` passes"), 0);
        // The page an open item is to write (judged wrong on CloneCratesio,
        // round 87), and one it is to extend.
        assert_eq!(found("Document the flags in `docs/flags.md`"), 0);
        assert_eq!(
            found("Document the flags in the existing `docs/flags.md`"),
            1
        );
        assert_eq!(
            found("Cache it.\n\nDone when\n\n`tests/cache.rs` shows one read."),
            0
        );
        // As a reader resolves them (real text from openai-agents-python's
        // and ruff's agent files): a bare name that lives elsewhere, the end
        // of a path, a path under a folder the instruction names, a file the
        // program looks for at run time.
        assert_eq!(found("Keep the loop in `run.py` small"), 0);
        assert_eq!(found("Keep the loop in `agents/run.py` small"), 0);
        assert_eq!(found("In `crates/cli/`, edit `src/main.rs`"), 0);
        assert_eq!(found("Return an error when `settings.toml` is missing"), 0);
        // Real SKILL.md and AGENTS.md text: bare names of files elsewhere.
        assert_eq!(found("Keep the loop in `runner.py` small"), 0);
        assert_eq!(
            found("Drag-and-drop is implemented with `interact.js` via Alpine.js."),
            0
        );
        // Real SKILL.md text: illustrations, and a path inside a quoted
        // example message.
        assert_eq!(
            found("**Examples**: `references/finance.md` for financial schemas"),
            0
        );
        assert_eq!(
            found("Rename the heading in any group's notes (e.g. `groups/main/NOTES.md`)."),
            0
        );
        assert_eq!(
            found("A `references/schema.md` file documenting the table schemas would be helpful"),
            0
        );
        assert_eq!(
            found(
                "\"We already have a tested `formatDate` function in `src/utils/dateHelpers.ts`."
            ),
            0
        );
        // Real AGENTS.md text: where a tool reads its settings.
        assert_eq!(
            found("- `.claude/settings.json`, `.continue/settings.json` (project)"),
            0
        );
        assert_eq!(found("See `.github/workflows/ci.yml`"), 1);
        // Real SKILL.md text about another repository, and an app's data.
        assert_eq!(
            found("mirrored as `kit/cate-host.d.ts` in the catalog repo"),
            0
        );
        assert_eq!(found("global in `userData/pi-agent/auth.json`"), 0);
        assert_eq!(found("Describe the tables in `docs/SCHEMA.md`"), 1);
        // Real copilot-instructions text gone stale when `src/` moved: a
        // map of the code, where a checklist item of that shape would be a
        // file to make.
        let rule = |text: &str| run_in(&RULE, InstructionKind::AgentRule, &file, text, &ws).len();
        assert_eq!(
            rule("- `src/core/slash-commands/index.ts` — definitions."),
            1
        );
    }

    #[test]
    fn a_stale_path_comes_with_the_file_it_meant() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir
            .path()
            .join("packages/1-framework/3-tooling/cli/src/utils");
        std::fs::create_dir_all(&real).unwrap();
        std::fs::write(real.join("cli-errors.ts"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("packages/other")).unwrap();
        std::fs::write(dir.path().join("packages/other/index.ts"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("packages/more")).unwrap();
        std::fs::write(dir.path().join("packages/more/index.ts"), "").unwrap();
        let ws = DiskWorkspace::new(dir.path()).unwrap();
        let file = dir.path().join(".agents/rules/errors.mdc");
        let run = |text: &str| run_in(&RULE, InstructionKind::AgentRule, &file, text, &ws);
        // Real prisma rule text, after `packages/` was renumbered.
        let text = "- `packages/framework/tooling/cli/src/utils/cli-errors.ts`: Structured error factories";
        let found = run(text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains(
                "did you mean `packages/1-framework/3-tooling/cli/src/utils/cli-errors.ts`?"
            ),
            "{}",
            found[0].message
        );
        let Some(FixIntent::Replace {
            range, text: new, ..
        }) = found[0].fixes.first()
        else {
            panic!("no fix: {:?}", found[0].fixes)
        };
        assert_eq!(
            &text[range.clone()],
            "packages/framework/tooling/cli/src/utils/cli-errors.ts"
        );
        assert_eq!(
            new,
            "packages/1-framework/3-tooling/cli/src/utils/cli-errors.ts"
        );
        // Two files fit as well: no guess.
        let found = run("See `packages/runtime/index.ts`");
        assert_eq!(found.len(), 1);
        assert!(found[0].fixes.is_empty());
    }
}
