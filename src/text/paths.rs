//! What makes a verbatim span a path, and what places the paths a list
//! names in another repository. Shared by extraction (which reads a
//! document's lists) and by the rules that check paths.

use std::sync::LazyLock;

use regex::Regex;

/// File endings that make a single name (no slash) read as a file.
const FILE_ENDINGS: &[&str] = &[
    "rs", "py", "md", "toml", "json", "yml", "yaml", "ts", "tsx", "js", "jsx", "go", "java", "c",
    "h", "cpp", "hpp", "cs", "rb", "sh", "lua", "txt", "cfg", "ini", "xml", "html", "css", "lock",
    "kt", "swift", "php", "scala", "sql", "proto",
];

/// Plain path characters in segments, optionally after `./` or `../`.
pub static PATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\.{0,2}/?[A-Za-z0-9_@.\-]+(/[A-Za-z0-9_@.\-]+)*/?$").unwrap());

/// What, in the paragraph that introduces a list, places the files its
/// items name in another repository ("from `github/gh-aw`", "not available
/// locally", a GitHub address), in a folder outside the project ("Runtime
/// config in `~/.reticle/` (never committed):") or out of version control.
/// "Good examples:" over a list names files of this project to read, and
/// is checked.
static POINTS_AWAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:from|in)\s+(?:the\s+)?`[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+`(?:\s+repo(?:sitory)?)?
        | \b(?:from|in|under|at)\s+`(?:~|\$HOME|/)[^`]*`
        | \b(?:never|not)\s+committed\b
        | not\s+(?:available|present)\s+(?:locally|here|in\s+this)
        | \b(?:another|other|external|upstream)\s+repo(?:sitory|sitories|s)?\b
        | github\.com/
        | githubusercontent\.com/",
    )
    .unwrap()
});

/// Whether the paragraph that introduces a list places the files its
/// items name in another repository.
pub fn points_away(lead: &str) -> bool {
    // A `owner/repo` span with a file ending is a path, not a repository.
    POINTS_AWAY.find_iter(lead).any(|m| {
        let s = m.as_str();
        !s.contains('`') || !looks_like_path(s.rsplit('`').nth(1).unwrap_or(""))
    })
}

/// Whether `w` is a date as file names write it (`2025-12-31`).
pub fn is_a_date(w: &[u8]) -> bool {
    w.len() == 10
        && w[..4].iter().all(u8::is_ascii_digit)
        && w[4] == b'-'
        && w[5..7].iter().all(u8::is_ascii_digit)
        && w[7] == b'-'
        && w[8..10].iter().all(u8::is_ascii_digit)
}

/// Names that stand for any name in examples: `app/foo/page.tsx`,
/// Convex's "a public function defined in `convex/example.ts`".
const METASYNTACTIC: &[&str] = &["foo", "bar", "baz", "qux", "foobar", "example"];

/// Names of naming conventions, written in the convention they name
/// (`components/PascalCase.tsx`, `lib/camelCase.ts`), without separators.
const NAMING_STYLES: &[&str] = &[
    "pascalcase",
    "camelcase",
    "kebabcase",
    "snakecase",
    "screamingsnakecase",
    "componentname",
];

/// Whether a verbatim span is a relative path: segments of plain characters,
/// with a slash or a known file ending, and no URL, glob or placeholder
/// (`workflows/XX-name/workflow.json`).
/// Kinds of file that, with "name" after them, make a made-up name
/// (`useHookName.ts`, `utilName.ts`, `componentName.tsx`).
const KINDS_OF_FILE: &[&str] = &[
    "hook",
    "util",
    "utils",
    "helper",
    "component",
    "feature",
    "service",
    "module",
    "page",
    "model",
    "class",
    "function",
    "type",
    "store",
    "project",
    "app",
    "package",
    "command",
    "skill",
    "agent",
    "entity",
    "screen",
    "view",
    "controller",
    "route",
    "provider",
    "context",
    "plugin",
    "widget",
    "action",
    "resource",
    "domain",
    "table",
    "schema",
];

/// Whether a file's stem (lower case) is a kind of file followed by
/// "name", after React's `use` or C#'s interface `i`.
fn names_a_kind_then_name(stem: &str) -> bool {
    let stem = stem.strip_suffix("name").unwrap_or("");
    let bare = |s: &str| KINDS_OF_FILE.contains(&s);
    bare(stem)
        || stem.strip_prefix("use").is_some_and(bare)
        || stem.strip_prefix('i').is_some_and(bare)
}

pub fn looks_like_path(s: &str) -> bool {
    // A run of one placeholder letter (`XX`, `NNNN`, `YYYY`), a lone `N`
    // or `X` (`Feature-N-Name.md`) or one after a word (`phaseN.md`), or a
    // part that is only "name" or "filename".
    let placeholder = s.split(['/', '-', '_', '.']).any(|part| {
        let mut chars = part.chars();
        let run = chars.next().is_some_and(|first| {
            matches!(first, 'X' | 'N' | 'Y' | 'M' | 'D')
                && part.len() >= 2
                && chars.all(|c| c == first)
        });
        let b = part.as_bytes();
        let numbered = b.len() > 2
            && matches!(b[b.len() - 1], b'N' | b'X')
            && b[..b.len() - 1].iter().all(u8::is_ascii_lowercase);
        // `gates/Bxx.json`, `RFCxxx.md`: a code, then its number to fill in.
        let coded = part
            .find(['x', 'n'])
            .filter(|&at| (1..=4).contains(&at))
            .is_some_and(|at| {
                let (code, rest) = part.split_at(at);
                code.bytes().all(|c| c.is_ascii_uppercase())
                    && rest.len() >= 2
                    && rest.bytes().all(|c| c == rest.as_bytes()[0])
            });
        // `YYYYMMDDNNNNNN_description.sql`: a timestamp to fill in.
        let stamp = part.starts_with("YYYY") && part.bytes().all(|c| b"YMDHNS".contains(&c));
        run || numbered
            || coded
            || stamp
            || matches!(
                part,
                "N" | "X" | "name" | "Name" | "NAME" | "filename" | "FILENAME" | "TOPIC" | "SLUG"
                    // `db/migrate/TIMESTAMP_create_users.rb` (round 116).
                    | "TIMESTAMP"
                    | "DATE"
            )
    });
    // `test_action_EventNameHere.py`, `name_here.md`, `your-app/main.ts`,
    // `YourModule.ts`: a name to fill in.
    let fill_in = s.split(['/', '-', '_', '.']).any(|part| {
        let lower = part.to_ascii_lowercase();
        lower == "here"
            || lower == "your"
            || (part.len() > 4 && part.ends_with("Here"))
            || (part.len() > 4 && part.starts_with("Your"))
    });
    // `app/foo/page.tsx`, `components/PascalCase.tsx`,
    // `__tests__/kebab-case.test.ts`: a made-up name that shows a layout or
    // a naming convention.
    let made_up = s.split('/').any(|part| {
        let stem = part.split('.').next().unwrap_or(part);
        let lower = stem.to_ascii_lowercase();
        METASYNTACTIC.contains(&lower.as_str())
            || NAMING_STYLES.contains(&lower.replace(['-', '_'], "").as_str())
            // `IMyService.ts`: C#'s interface prefix before the made-up name;
            // `composables/useFoo/`, a React or Vue hook's.
            || lower.strip_prefix("use").is_some_and(|rest| METASYNTACTIC.contains(&rest))
            || ["Foo", "My", "foo", "my", "IMy", "IFoo", "useFoo", "useMy"].iter().any(|prefix| {
                stem.strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with(char::is_uppercase))
            })
            // `src/services/my-service.ts`, `my_module.py`.
            || ["my-", "my_"].iter().any(|prefix| lower.starts_with(prefix))
            // `src/lib/xxxRegistry.ts`: "xxx" stands for the name.
            || lower.contains("xxx")
            // `src/lib/hooks/useHookName.ts`, `utils/utilName.ts`: a kind
            // of file, then "name", for the reader's own.
            || names_a_kind_then_name(&lower)
            // `./path-to-command-doc.md`: where the reader's file goes.
            || lower.starts_with("path-to-")
            || lower.starts_with("path_to_")
            // `build/x.js` for a new `x.jsx`, `src/a.rs` beside `src/a/`: a
            // lone letter as a file's name.
            || (stem.len() == 1 && stem.chars().all(|c| c.is_ascii_lowercase()) && part.len() > 2)
    });
    // `src/portal-app/.../FormPage.tsx`: folders left out.
    let elided = s.contains("...") || s.contains('…');
    if s.is_empty()
        || placeholder
        || fill_in
        || made_up
        || elided
        || s.starts_with('/')
        || s.starts_with('-')
        || s.contains("://")
        || !PATH.is_match(s)
    {
        return false;
    }
    let last = s.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let ending = last.rsplit_once('.');
    let has_ending = ending.is_some_and(|(stem, e)| !stem.is_empty() && FILE_ENDINGS.contains(&e));
    if s.contains('/') {
        // `owner/repo` and `a/b` are not paths without a file ending or `./`;
        // nor is `./adapter` (a package's export subpath, a program to run)
        // with nothing after its folder part.
        let deeper = s
            .trim_start_matches("./")
            .trim_start_matches("../")
            .contains('/');
        has_ending || ((s.starts_with("./") || s.starts_with("../")) && deeper)
    } else {
        has_ending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_recognised() {
        assert!(looks_like_path("src/lib.rs"));
        assert!(looks_like_path("./scripts/run"));
        // Real rule text: `./adapter` is a package's export subpath.
        assert!(!looks_like_path("./adapter"));
        assert!(looks_like_path("Cargo.toml"));
        assert!(!looks_like_path("owner/repo"));
        assert!(!looks_like_path("https://example.com/a.md"));
        assert!(!looks_like_path("src/*.rs"));
        assert!(!looks_like_path("<domain>/x.ts"));
        // A lone "x" as a file's name stands for one (spaceos-core, round 89);
        // a folder named so, or `x-pack/`, is real.
        assert!(!looks_like_path("build/x.js"));
        assert!(looks_like_path("packages/x/index.ts"));
        assert!(looks_like_path("x-pack/plugin/Main.java"));
        assert!(!looks_like_path("io.parser"));
        assert!(!looks_like_path("/etc/passwd"));
        assert!(!looks_like_path("workflows/XX-name/workflow.json"));
        assert!(!looks_like_path("docs/NNNN-title.md"));
        // shopcx's CLAUDE.md (round 101): a migration's name pattern.
        assert!(!looks_like_path(
            "supabase/migrations/YYYYMMDDNNNNNN_description.sql"
        ));
        assert!(looks_like_path("src/YYYYMMDDParser.rs"));
        assert!(!looks_like_path("db/migrate/TIMESTAMP_create_users.rb"));
        assert!(looks_like_path("src/timestamp_util.rs"));
        // Real CLAUDE.md text: a test file's name to fill in.
        assert!(!looks_like_path("tests/ci/test_action_EventNameHere.py"));
        assert!(!looks_like_path("your-app/src/main.ts"));
        assert!(looks_like_path("docs/where.md"));
        assert!(looks_like_path("docs/MD-guide.md"));
        // Real CLAUDE.md and SKILL.md text: names to fill in.
        assert!(!looks_like_path("docs/Feature-N-Name.md"));
        assert!(!looks_like_path("phase_prompts/phaseN.md"));
        // salvagenet's evidence/AGENTS.md (round 52): one file per gate.
        assert!(!looks_like_path("gates/Bxx.json"));
        assert!(!looks_like_path("docs/rfcs/RFCnnn.md"));
        assert!(looks_like_path("gates/Box.json"));
        assert!(looks_like_path("errors/4xx.html"));
        assert!(looks_like_path("src/Bxxy.rs"));
        assert!(!looks_like_path("references/filename.md"));
        // Real NOIR skill text: folders elided.
        assert!(!looks_like_path("src/portal-app/.../BrandFormPage.tsx"));
        assert!(looks_like_path("docs/DESIGN.md"));
        assert!(looks_like_path("src/main.rs"));
        // Real AGENTS.md and copilot-instructions text (round 39): made-up
        // names that show a convention.
        assert!(!looks_like_path("components/PascalCase.tsx"));
        assert!(!looks_like_path("__tests__/kebab-case.test.ts"));
        assert!(!looks_like_path("lib/camelCase.ts"));
        assert!(!looks_like_path("app/foo/page.tsx"));
        assert!(!looks_like_path("app/foo/FooPageClient.tsx"));
        assert!(looks_like_path("src/food/page.tsx"));
        assert!(looks_like_path("src/Football.tsx"));
        // Real documentation instructions (round 46): "Full file paths:
        // `src/services/my-service.ts`".
        assert!(!looks_like_path("src/services/my-service.ts"));
        // Real embedded-finance and clio agent files (round 97).
        assert!(!looks_like_path("src/lib/hooks/useHookName.ts"));
        assert!(!looks_like_path("composables/useFoo/index.ts"));
        assert!(!looks_like_path("src/a.rs"));
        assert!(looks_like_path("composables/useFocus/index.ts"));
        assert!(!looks_like_path("src/lib/utils/utilName.ts"));
        assert!(!looks_like_path("./path-to-command-doc.md"));
        assert!(looks_like_path("src/components/UserName.tsx"));
        assert!(looks_like_path("src/lib/rename.ts"));
        assert!(!looks_like_path("src/MyComponent.tsx"));
        // Real prd_agent Cursor rule (round 69): "a shared registry:
        // `src/lib/xxxRegistry.ts`".
        assert!(!looks_like_path("src/lib/xxxRegistry.ts"));
        // Real tableau-mcp Cursor rule (round 70): "Unit tests live
        // alongside source: `src/tools/myTool/myTool.test.ts`".
        assert!(!looks_like_path("src/tools/myTool/myTool.test.ts"));
        assert!(looks_like_path("src/mystery.ts"));
        assert!(looks_like_path("src/myth/Story.ts"));
        // Real round 71 text: vscode-copilot-orchestrator's "Define
        // interface in `src/interfaces/IMyService.ts`", vellum's "extract it
        // into a `docs/TOPIC.md` sibling".
        assert!(!looks_like_path("src/interfaces/IMyService.ts"));
        assert!(!looks_like_path("docs/TOPIC.md"));
        assert!(looks_like_path("src/interfaces/IMessageService.ts"));
        assert!(looks_like_path("docs/TOPICS.md"));
        assert!(looks_like_path("src/lib/boxxer.ts"));
        assert!(looks_like_path("src/mysql.ts"));
        assert!(looks_like_path("src/Mythic.tsx"));
        assert!(looks_like_path("src/bar_chart.ts"));
        assert!(!looks_like_path("convex/example.ts"));
        assert!(looks_like_path("config/app.example.js"));
        assert!(looks_like_path("examples/basic.rs"));
    }
}
