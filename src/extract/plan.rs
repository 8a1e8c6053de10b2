//! What a Markdown document says its work will make or move: the paths its
//! items create ("- [ ] 3.1 Create `packages/server/src/push/registry.ts`",
//! "Create the ProjectChat page ... in `apps/web/src/pages/ProjectChat.tsx`")
//! and the old names of what it renames ("## `services/agent` →
//! `services/runner`", "`git mv services/agent services/runner`", "Move
//! `mounts/storage.py` to `store/storage.py`"), and the files the shell
//! scripts of its code blocks write (`-o "$TODO_JSON"` after
//! `TODO_JSON="po/l10n-todo.json"`).
//!
//! Another item of the same document that names such a path names a file
//! that is to exist once the work is done, or one that is gone by design
//! once it is: a plan's later steps edit what its earlier ones create, and
//! its file-by-file steps still name the files by the names they had when
//! it was written. The document is read once per extraction, line by line,
//! and only lines with a code span or a `git mv`, and the lines of shell
//! code blocks, are looked at.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::markdown::CODE_SPAN;

/// The paths a document makes (new files, and where moved ones go) and the
/// old names of what it moves.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DocumentPlan {
    made: Vec<String>,
    /// The files its code blocks show, named on their first lines.
    shown: Vec<String>,
    /// Each old name with the new one.
    moved: Vec<(String, String)>,
    /// The folders beside the project that its scripts enter as other
    /// checkouts (`../shadcn` of "git -C ../shadcn fetch").
    checkouts: Vec<String>,
}

/// How a path an instruction names is accounted for by its document's plan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Planned {
    /// The document creates this path, or a folder it is in, or names this
    /// path as the end of one it creates (`platform/menu.ts` for the
    /// `packages/electron/src/platform/menu.ts` an earlier step creates).
    Made(String),
    /// The document creates a file in the same folder as this path
    /// (`push/build-payload.ts` beside the `push/registry.ts` step 3.1
    /// creates): if that folder does not exist yet, the work makes it.
    BesideMade(String),
    /// The document renames or moves this path, or a folder it is in, away;
    /// `now` is where it goes (`services/runner/src/alive.ts` for
    /// `services/agent/src/alive.ts` under "`services/agent` →
    /// `services/runner`"). The old name is gone by design only if the
    /// new one is there: if neither is, the plan names a file that is not.
    Moved { name: String, now: String },
    /// A code block of the document shows this file, named on its first
    /// line (`// convex/components/notifications/lib.ts`): in a skill or
    /// a tutorial, a worked example the reader writes; in a project's own
    /// notes, a file that should be there.
    Shown(String),
    /// The path is inside another checkout beside the project, one the
    /// document's commands enter (`../ccxt/python/ccxt/` under "cd ../ccxt
    /// && npm run build"): not this project's file.
    Outside(String),
}

/// "`old` → `new`": a rename shown as a mapping.
static ARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`([^`\n]+)`\s*(?:→|->|=>|⟶|⇒)\s*`([^`\n]+)`").unwrap());

/// "git mv old new", "Move `old` to `new`", "Rename `old` as `new`".
static MOVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?-u:\b)git mv\s+(?:-[a-z]+\s+)*([^\s`]+)\s+([^\s`]+)|(?-u:\b)(?:move|rename)\s+`([^`\n]+)`\s+(?:to|into|as)\s+`([^`\n]+)`)",
    )
    .unwrap()
});

/// A code block's first line that names the file it shows, in a comment:
/// `// convex/components/notifications/lib.ts`, `# app/models.py`,
/// `<!-- templates/base.html -->`; a note may follow the path (`//
/// convex/notifications.ts  (app-side wrapper)`).
static FILE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?://|#|--|<!--)\s*((?:[\w.@-]+/)+[\w.-]+\.\w+)(?:\s*(?:-->|\(.*\)))?\s*$")
        .unwrap()
});

/// A line that is only a file's path with a colon, captioning the code
/// block under it (pipecat's changelog skill: "`changelog/3519.added.md`:"
/// over the entry's text), or after a "File:" label, with a note in
/// parentheses ("**File:** `src/services/mockCrmApi.ts` (React/TypeScript)"):
/// the block shows what that file holds.
static FILE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?:
            (?:\*\*)?`(?P<p1>(?:[\w.@-]+/)+[\w.-]+\.\w+)`(?:\*\*)?\s*:(?:\*\*)?
          | (?:\*\*)?(?:File|Path|Filename)\s*:\s*(?:\*\*)?\s*`(?P<p2>(?:[\w.@-]+/)+[\w.-]+\.\w+)`(?:\s*\([^()]*\))?:?
        )\s*$",
    )
    .unwrap()
});

/// A command that enters a folder beside the project as a checkout of its
/// own: "cd ../ccxt &&", "git -C ../shadcn fetch", "pushd ../sdk",
/// "git clone https://… ../shadcn".
static CHECKOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)(?:cd|pushd)|(?-u:\b)git\s+-C|(?-u:\b)git\s+clone\s[^\n]*?)\s+((?:\.\./)+[\w.-]+)")
        .unwrap()
});

/// A verb that makes what it names: "Create `x`", "scaffold `x/`".
static CREATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:create|creates|creating|scaffold|scaffolds|scaffolding)(?-u:\b)|新建|创建|作成|建立|新增|撰寫|撰写|編寫|编写|작성|생성")
        .unwrap()
});

/// "Add `x`", "Write `x`", "Add a new `x`", "produce `x` for the macOS
/// path" (rsync's audit follow-ups): the path right after the verb
/// is the file made, unless it is added to something ("Add `x` to the
/// list"), which names a file that is there.
static ADD_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:add|adds|write|writes|produce|produces|generate|generates)\s+(?:(?:a|an|the|new|file)\s+)*`([^`\n]+)`(\s+(?:to|into)(?-u:\b))?")
        .unwrap()
});

/// A step labelled as the documentation it writes, then the document's
/// path: "12. **Docs:** `docs/shared-bot.md` — deploying the shared
/// server, auth, …", "- [ ] **Documentation**: `docs/ops.md`".
static DOCS_STEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(?:\*\*|__)(?:docs?|documentation)\s*:?(?:\*\*|__)\s*:?\s*`([^`\n]+)`",
    )
    .unwrap()
});

/// A line that lists what a task produces: "Outputs:", "Deliverables:",
/// and their Chinese and Japanese labels (輸出物, 产出, 交付物, 成果物).
static OUTPUT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s>*+-]*(?:\*\*|__)?(?:outputs?|deliverables?|artifacts?|artefacts?|produces|輸出物|输出物|輸出|输出|產出物|产出物|產出|产出|交付物|成果物|產物|产物)(?:\*\*|__)?\s*[:：]",
    )
    .unwrap()
});

/// A line that introduces a list of what something makes: "This creates:",
/// "The script generates the following files:", "Files created:", "will
/// be written:". The imperative "Create:" is a list of files to make as
/// well; "Write tests for:" is not (its items are what the tests are for).
static MADE_LIST_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?-u:\b)(?:creates|generates|produces|writes|outputs)(?:\s+(?:the\s+)?(?:following|these))?(?:\s+(?:files?|folders?|directories|outputs?))?|(?:files?|folders?|directories|outputs?)\s+(?:created|generated|produced|written)|(?:is|are|will\s+be|gets?)\s+(?:created|generated|produced|written)|^[\s>*+-]*(?:\*\*|__)?create)(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s*$",
    )
    .unwrap()
});

/// Whether a line introduces a list of what something makes (see
/// [`MADE_LIST_LEAD`]). Such a line ends with a colon: most lines are
/// passed over without the regular expression.
fn leads_a_made_list(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['*', '_', ' '])
        .ends_with([':', '：'])
        && MADE_LIST_LEAD.is_match(line)
}

/// A list item whose sub-items may be files it creates.
struct Parent<'d> {
    indent: usize,
    item: &'d str,
    /// Whether its words create ("Task 1: Create domain event classes"),
    /// once asked.
    creates: Option<bool>,
}

impl Parent<'_> {
    fn creates(&mut self) -> bool {
        let item = self.item;
        *self
            .creates
            .get_or_insert_with(|| !item.contains('`') && CREATE.is_match(item))
    }
}

/// Whether the item `line`, after the text `before`, sits under an item
/// that creates: the nearest item above it that is indented less.
fn under_a_creating_item(before: &str, line: &str) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let own = indent(line);
    // A top-level item has no parent: the document above is not read.
    if own == 0 {
        return false;
    }
    before
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .find(|l| indent(l) < own)
        .is_some_and(|parent| {
            is_a_list_item(parent) && !parent.contains('`') && CREATE.is_match(parent)
        })
}

/// The path an item opens with, in a code span, after its marker and
/// checkbox: "- [ ] `src/User/Domain/Event/UserSignedIn.php` — …".
fn leading_path(item: &str) -> Option<&str> {
    let rest = item.trim_start_matches(['-', '*', '+']).trim_start();
    let rest = rest
        .strip_prefix("[ ]")
        .or_else(|| rest.strip_prefix("[x]"))
        .or_else(|| rest.strip_prefix("[X]"))
        .unwrap_or(rest)
        .trim_start();
    let path = rest.strip_prefix('`')?.split('`').next()?;
    is_a_path(&normalize(path)).then_some(path)
}

/// Whether a line is an item of a list (`- x`, `* x`, `1. x`): its marker
/// is followed by a space, so that a bold label (`**Then:**`) or a rule
/// (`---`) is not one.
fn is_a_list_item(line: &str) -> bool {
    let rest = line.trim_start();
    let after_marker = rest.strip_prefix(['-', '*', '+']).or_else(|| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0)
            .then(|| rest[digits..].strip_prefix(['.', ')']))
            .flatten()
    });
    after_marker.is_some_and(|r| r.starts_with([' ', '\t']))
}

/// What after a path in such a line says the file is there to be changed,
/// not made: "`test/admin-query.e2e-spec.ts`（更新）", "(update)".
const EXISTING_MARKS: &[&str] = &[
    "更新", "擴充", "扩充", "確認", "确认", "修改", "変更", "update", "updated", "extend",
    "extended", "existing", "modify", "modified",
];

/// The paths a line lists as a task's outputs ("- 輸出物：
/// `src/chat/diagnosis.service.ts`、`src/chat/dto/`"), but those marked as
/// updated ("`src/chat/chat-pipeline.service.ts`（更新）").
fn outputs_listed(line: &str) -> Vec<String> {
    // Most lines are not such a list: a colon is the cheap sign, before the
    // regular expression.
    if !line.contains([':', '：']) {
        return Vec::new();
    }
    let Some(label) = OUTPUT_LINE.find(line) else {
        return Vec::new();
    };
    let rest = &line[label.end()..];
    CODE_SPAN
        .captures_iter(rest)
        .filter(|c| {
            let after = rest[c.get(0).map_or(0, |m| m.end())..].trim_start();
            let mark = after
                .strip_prefix(['(', '（'])
                .map(|r| r.split([')', '）', ',', '，', '、']).next().unwrap_or(""))
                .unwrap_or("")
                .trim()
                .to_lowercase();
            !EXISTING_MARKS.iter().any(|m| mark.starts_with(m))
        })
        .map(|c| normalize(&c[1]))
        .collect()
}

/// Whether a line opens a checklist item, and whether it is ticked.
fn checkbox(line: &str) -> Option<bool> {
    let rest = line
        .trim_start()
        .strip_prefix(['-', '*', '+'])?
        .trim_start();
    match rest.get(..3)? {
        "[ ]" => Some(false),
        "[x]" | "[X]" => Some(true),
        _ => None,
    }
}

/// A shell variable set to a path: `TODO_JSON="po/l10n-todo.json"`.
static SHELL_ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^\s*(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=["']?([^"'\s$`;()]+)["']?\s*(?:$|;|#)"#,
    )
    .unwrap()
});

/// Where a shell command writes: `> x`, `>> x`, `-o x`, `--output x`,
/// `tee x`, `touch x`, `mkdir -p x`; the target is a path or a variable.
static SHELL_WRITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:(?:^|[^0-9&<>=-])>>?\s*|\s(?:-o|--output|--out|--output-file)(?:\s+|=)|(?:^|[\s|;&])(?:tee(?:\s+-a)?|touch|mkdir\s+-p)\s+)["']?(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|[A-Za-z0-9_.][^\s"'|;&<>()]*)"#,
    )
    .unwrap()
});

/// Whether a code block's info string (after its fence) is a shell's, or
/// none: HTML and generics in other languages hold `>` too.
fn is_a_shell(info: &str) -> bool {
    let language = info.split_whitespace().next().unwrap_or("");
    matches!(
        language.to_ascii_lowercase().as_str(),
        "" | "sh"
            | "bash"
            | "shell"
            | "zsh"
            | "fish"
            | "console"
            | "shell-session"
            | "powershell"
            | "pwsh"
            | "ps1"
    )
}

/// The files the shell scripts of a document's code blocks write: what a
/// run makes, not what the checkout holds (git's `po/AGENTS.md` sets
/// `TODO_JSON="po/l10n-todo.json"`, writes it with `-o "$TODO_JSON"`, and
/// names `po/l10n-todo.json` in its steps).
#[derive(Default)]
struct ScriptWrites {
    variables: std::collections::HashMap<String, String>,
    targets: Vec<String>,
}

impl ScriptWrites {
    /// Whether a line may set a variable to a path or write to one: what
    /// an edit must touch to change what the scripts make. Targets without
    /// a folder are never made (see [`is_a_path`]), so prose that only
    /// looks like a command ("> a note", "get in touch with") replans
    /// nothing.
    fn may_write(line: &str) -> bool {
        let assigns = line.contains('=')
            && SHELL_ASSIGNMENT
                .captures(line)
                .is_some_and(|c| c[2].contains('/'));
        assigns
            || SHELL_WRITE
                .captures_iter(line)
                .any(|c| c[1].contains('/') || c[1].starts_with('$'))
    }

    fn read(&mut self, line: &str) {
        if let Some(c) = SHELL_ASSIGNMENT.captures(line) {
            self.variables.insert(c[1].to_string(), c[2].to_string());
        }
        self.targets
            .extend(SHELL_WRITE.captures_iter(line).map(|c| c[1].to_string()));
    }

    /// The relative paths written, variables replaced by their values.
    fn made(self) -> impl Iterator<Item = String> {
        let ScriptWrites { variables, targets } = self;
        targets.into_iter().filter_map(move |target| {
            let path = match target.strip_prefix('$') {
                Some(name) => variables
                    .get(name.trim_start_matches('{').trim_end_matches('}'))?
                    .clone(),
                None => target,
            };
            let relative = !path.starts_with(['/', '~', '-']) && !path.contains(['$', '*']);
            relative.then(|| normalize(&path))
        })
    }
}

/// Words between a create verb and a code span that make the span where
/// the thing is made ("Create the page ... in `pages/Chat.tsx`").
const PLACE_WORDS: &[&str] = &["in", "at", "under", "as", "into", "to"];

/// Words before a code span that make it what the made thing is about,
/// not the thing ("Create a test for `src/parser.rs`").
const OBJECT_WORDS: &[&str] = &[
    "for", "of", "from", "on", "about", "with", "using", "by", "against", "per", "like",
];

/// How many words may separate a create verb from the path it makes
/// ("Create a new empty `x`") when no place word introduces the path.
const MAX_WORDS_TO_PATH: usize = 5;

impl DocumentPlan {
    /// Reads what `doc` says it makes and moves.
    pub fn read(doc: &str) -> Self {
        let mut plan = DocumentPlan::default();
        // Whether the checklist item the line is in (or under) is ticked:
        // its outputs are made already, and must be there.
        let mut in_a_done_item = false;
        // Whether the line is in a list introduced as what something makes
        // ("This creates:" over "- `design-system/MASTER.md` — Global
        // Source of Truth"): a file a script writes when run, not one the
        // checkout holds.
        let mut in_a_made_list = false;
        // The fence of the code block the line is in, if any, and what the
        // shell scripts in such blocks write.
        let mut fence: Option<(&str, bool)> = None;
        let mut scripts = ScriptWrites::default();
        // Whether the line is the first of a code block.
        let mut opened = false;
        // The file the last line outside code blocks captions, if it is
        // only that file's path ("`changelog/3519.added.md`:").
        let mut caption: Option<&str> = None;
        // The indent of the item that creates what its sub-items name
        // ("- [ ] Task 1: Create domain event classes" over "  - [ ]
        // `src/User/Domain/Event/UserSignedIn.php`").
        // Its words are read only once an item nests under it: most items
        // have none, and the plan is read again as the user types.
        let mut parent: Option<Parent> = None;
        for line in doc.lines() {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if fence.is_none() && is_a_list_item(line) {
                let under_a_creator = parent
                    .as_mut()
                    .is_some_and(|p| indent > p.indent && p.creates());
                if under_a_creator {
                    if let Some(path) = leading_path(trimmed) {
                        plan.made.push(normalize(path));
                    }
                } else {
                    parent = Some(Parent {
                        indent,
                        item: trimmed,
                        creates: None,
                    });
                }
            } else if !trimmed.is_empty() && parent.as_ref().is_some_and(|p| indent <= p.indent) {
                parent = None;
            }
            match fence {
                Some((open, _)) if trimmed.starts_with(open) => fence = None,
                Some((_, shell)) => {
                    if shell {
                        scripts.read(line);
                    }
                    // A block headed by its file's path (`//
                    // convex/components/notifications/lib.ts`) shows what
                    // that file holds: one the reader writes, as a
                    // tutorial's or a skill's worked example.
                    if opened && let Some(c) = FILE_HEADER.captures(line) {
                        plan.shown.push(normalize(&c[1]));
                    }
                }
                None => {
                    fence = ["```", "~~~"]
                        .into_iter()
                        .find(|f| trimmed.starts_with(f))
                        .map(|f| (f, is_a_shell(&trimmed[f.len()..])));
                    // A block under a line that is only its file's path
                    // shows that file, as a header inside it does.
                    if fence.is_some()
                        && let Some(path) = caption
                    {
                        plan.shown.push(normalize(path));
                    }
                    if !trimmed.is_empty() {
                        caption = FILE_CAPTION
                            .captures(line)
                            .and_then(|c| c.name("p1").or_else(|| c.name("p2")))
                            .map(|m| m.as_str());
                    }
                }
            }
            opened = fence.is_some() && ["```", "~~~"].iter().any(|f| trimmed.starts_with(f));
            if let Some(done) = checkbox(line) {
                in_a_done_item = done;
            }
            if leads_a_made_list(line) {
                in_a_made_list = true;
                continue;
            }
            if in_a_made_list {
                if is_a_list_item(line) {
                    if let Some(c) = CODE_SPAN.captures(line) {
                        plan.made.push(normalize(&c[1]));
                    }
                    continue;
                }
                in_a_made_list = line.trim().is_empty();
            }
            if line.contains("../") {
                plan.checkouts
                    .extend(CHECKOUT.captures_iter(line).map(|c| c[1].to_string()));
            }
            let has_span = line.contains('`');
            if !has_span && !line.contains("git mv") {
                continue;
            }
            // What is moved is gone, and where it goes is made.
            for c in MOVE.captures_iter(line) {
                let old = c.get(1).or_else(|| c.get(3));
                let new = c.get(2).or_else(|| c.get(4));
                if let (Some(old), Some(new)) = (old, new) {
                    plan.rename(old.as_str(), new.as_str());
                }
            }
            if !has_span {
                continue;
            }
            for c in ARROW.captures_iter(line) {
                plan.rename(&c[1], &c[2]);
            }
            if !in_a_done_item {
                plan.made.extend(outputs_listed(line));
            }
            if let Some(c) = DOCS_STEP.captures(line) {
                plan.made.push(normalize(&c[1]));
            }
            for c in ADD_PATH.captures_iter(line) {
                if c.get(2).is_none() {
                    plan.made.push(normalize(&c[1]));
                }
            }
            for sentence in line.split(". ") {
                if let Some(verb) = CREATE.find(sentence) {
                    plan.made.extend(made_after(&sentence[verb.end()..]));
                }
            }
        }
        plan.made.extend(scripts.made());
        plan.made.retain(|p| is_a_path(p));
        plan.moved.retain(|(old, _)| is_a_path(old));
        plan.made.sort();
        plan.made.dedup();
        plan.moved.sort();
        plan.moved.dedup();
        plan.checkouts.sort();
        plan.checkouts.dedup();
        plan
    }

    /// Records a rename: the old name goes, the new one is made. A new name
    /// without a folder (`runner-service.yaml`) is in the old one's folder.
    fn rename(&mut self, old: &str, new: &str) {
        let old = normalize(old);
        let mut new = normalize(new);
        if let Some(folder) = parent(&old).filter(|_| !new.contains('/')) {
            new = format!("{folder}/{new}");
        }
        self.made.push(new.clone());
        self.moved.push((old, new));
    }

    /// Sets each instruction's share of the plan (see
    /// [`Instruction::planned`](super::Instruction::planned)).
    pub fn annotate(&self, instructions: &mut [super::Instruction]) {
        for i in instructions {
            i.planned = self.bearing_on(&i.text);
        }
    }

    /// Reads the plan of `doc` only if one of `instructions` names something
    /// in backticks (the only ones a plan can bear on), and annotates them.
    pub fn annotate_from(doc: &str, instructions: &mut [super::Instruction]) {
        if instructions.iter().any(|i| i.text.contains('`')) {
            Self::read(doc).annotate(instructions);
        }
    }

    /// Whether an edit of `lines` can change what a document whose text
    /// before them is `before` plans: the lines name something in
    /// backticks or a `git mv`, or introduce a list of what something
    /// makes, or are items of such a list. Only the lines above the edit
    /// that are in the same list are read.
    pub fn may_change_with(before: &str, lines: &str) -> bool {
        if lines.lines().any(leads_a_made_list) {
            return true;
        }
        // A fence opens or closes a code block, whose scripts may write
        // files; a line of a script may set or write one.
        if lines.contains("```")
            || lines.contains("~~~")
            || CHECKOUT.is_match(lines)
            || lines.lines().any(ScriptWrites::may_write)
            || lines
                .lines()
                .any(|l| FILE_HEADER.is_match(l) || FILE_CAPTION.is_match(l))
        {
            return true;
        }
        // An item that creates what its sub-items name, or such a sub-item.
        if lines
            .lines()
            .any(|l| is_a_list_item(l) && (CREATE.is_match(l) || under_a_creating_item(before, l)))
        {
            return true;
        }
        if !lines.contains('`') && !lines.contains("git mv") {
            return false;
        }
        !Self::read(lines).is_empty()
            || before
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty() && !is_a_list_item(l))
                .is_some_and(leads_a_made_list)
    }

    /// Whether the plan says nothing.
    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
            && self.moved.is_empty()
            && self.shown.is_empty()
            && self.checkouts.is_empty()
    }

    /// How the plan accounts for each path in a code span of `text`.
    pub fn bearing_on(&self, text: &str) -> Vec<Planned> {
        let mut found = Vec::new();
        if self.is_empty() || !text.contains('`') {
            return found;
        }
        for c in CODE_SPAN.captures_iter(text) {
            let name = normalize(&c[1]);
            if !is_a_path(&name) {
                continue;
            }
            let raw = c[1].trim().trim_start_matches('@');
            let raw = raw.strip_prefix("./").unwrap_or(raw);
            if self.checkouts.iter().any(|checkout| {
                raw.strip_prefix(checkout.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }) {
                found.push(Planned::Outside(name.clone()));
            }
            for made in &self.made {
                if name == *made || is_under(&name, made) || made.ends_with(&format!("/{name}")) {
                    found.push(Planned::Made(name.clone()));
                } else if parent(&name).is_some() && parent(&name) == parent(made) {
                    found.push(Planned::BesideMade(name.clone()));
                }
            }
            if self.shown.contains(&name) {
                found.push(Planned::Shown(name.clone()));
            }
            for (old, new) in &self.moved {
                let now = if name == *old {
                    Some(new.clone())
                } else {
                    name.strip_prefix(old.as_str())
                        .filter(|rest| rest.starts_with('/'))
                        .map(|rest| format!("{new}{rest}"))
                };
                if let Some(now) = now {
                    found.push(Planned::Moved {
                        name: name.clone(),
                        now,
                    });
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }
}

/// The paths a create verb makes in the rest of its sentence: the first
/// code span within a few words of it ("Create a new `x`"), and any code
/// span introduced as the place ("... in `x`").
fn made_after(rest: &str) -> Vec<String> {
    let mut made = Vec::new();
    let mut last_end = 0;
    for (n, c) in CODE_SPAN.captures_iter(rest).enumerate() {
        let span = c.get(0).unwrap();
        let before = &rest[last_end..span.start()];
        let word_before = before.split_whitespace().next_back().map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        });
        let near = n == 0
            && rest[..span.start()].split_whitespace().count() <= MAX_WORDS_TO_PATH
            && !word_before
                .as_deref()
                .is_some_and(|w| OBJECT_WORDS.contains(&w));
        // "Create the page in `pages/Chat.tsx`" makes the file; "Create a
        // definition in `tools/`" makes something in a folder that is there.
        let a_file = c[1]
            .rsplit('/')
            .next()
            .is_some_and(|name| name.contains('.'));
        let placed = word_before.is_some_and(|w| PLACE_WORDS.contains(&w.as_str()));
        if if placed { a_file } else { near } {
            made.push(normalize(&c[1]));
        }
        last_end = span.end();
    }
    made
}

/// A path as the plan compares it: without `./`, `../`, a trailing `/` or
/// `@` (Claude Code's import).
pub fn normalize(path: &str) -> String {
    let mut p = path.trim().trim_start_matches('@');
    loop {
        if let Some(rest) = p.strip_prefix("./") {
            p = rest;
        } else if let Some(rest) = p.strip_prefix("../") {
            p = rest;
        } else {
            break;
        }
    }
    p.trim_end_matches('/').to_string()
}

/// Whether `name` could be a path: a folder and a name, no spaces.
fn is_a_path(name: &str) -> bool {
    name.contains('/') && !name.contains(char::is_whitespace) && !name.contains("://")
}

fn is_under(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}

fn parent(path: &str) -> Option<&str> {
    Path::new(path)
        .parent()
        .and_then(Path::to_str)
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(doc: &str, name: &str) -> bool {
        DocumentPlan::read(doc)
            .bearing_on(&format!("`{name}`"))
            .contains(&Planned::Made(name.to_string()))
    }

    /// Where the plan says `name` went, if it moved it.
    fn moved(doc: &str, name: &str) -> Option<String> {
        DocumentPlan::read(doc)
            .bearing_on(&format!("`{name}`"))
            .into_iter()
            .find_map(|p| match p {
                Planned::Moved { now, .. } => Some(now),
                _ => None,
            })
    }

    #[test]
    fn a_created_file_folder_or_its_end_is_made() {
        // Real OpenSpec and Spec Kit task lists.
        let doc = "- [ ] 1.1 Create `packages/chat-gateway/` (server component + settings panel)\n\
                   - [ ] 2.4 Create `packages/electron/src/platform/menu.ts` exporting `buildAppMenu()`.\n\
                   - [ ] T056 [US3] Create ProjectChat page combining SessionSidebar + ProjectMessageView, with responsive layout in `apps/web/src/pages/ProjectChat.tsx`\n\
                   - Add `scripts/changes/whats-changed.md` only for features\n";
        assert!(made(doc, "packages/chat-gateway/AGENTS.md"));
        assert!(made(doc, "platform/menu.ts"));
        assert!(made(doc, "apps/web/src/pages/ProjectChat.tsx"));
        assert!(made(doc, "scripts/changes/whats-changed.md"));
        // Real Chinese task list (round 38): its tasks' outputs, but those
        // marked as updated.
        let outputs = "- [ ] **T4-002** `CORE` **實作 DiagnosisService**\n  - 輸出物：`src/chat/diagnosis.service.ts`、`src/chat/dto/`\n  - 輸出物：`src/chat/chat-pipeline.service.ts`（更新）\n- Deliverables: `docs/runbook.md`\n";
        assert!(made(outputs, "src/chat/diagnosis.service.ts"));
        assert!(made(outputs, "src/chat/dto/answer.dto.ts"));
        assert!(made(outputs, "docs/runbook.md"));
        assert!(!made(outputs, "src/chat/chat-pipeline.service.ts"));
        // A ticked task's outputs are made already: they must be there.
        let done = "- [x] **T3-009** 機密樣本\n  - 輸出物：`test/fixtures/confidential-samples.fixtures.ts`\n- [ ] **T7-002** 擴充\n  - 輸出物：`test/fixtures/confidential-samples.fixtures.ts`（擴充版）\n";
        assert!(!made(
            done,
            "test/fixtures/confidential-samples.fixtures.ts"
        ));
        // Real Chinese task list (round 38): "write `docs/operations.md`".
        let zh = "- [ ] **T7-010** `OPS` **撰寫操作說明文件**\n  - 說明：撰寫 `docs/operations.md`，包含：Migration 執行方式\n";
        assert!(made(zh, "docs/operations.md"));
        // Real SignalCliNet plan (round 91): the phase's docs step, whose
        // stop conditions then say the document is ready.
        let docs = "12. **Docs:** `docs/shared-bot.md` — деплой спільного сервера, auth\n\
                    8. **Docs:** `docs/ops-runbook.md` + повний API-reference\n\
                    - [ ] **Docs**: see `docs/old.md` first\n";
        assert!(made(docs, "docs/shared-bot.md"));
        assert!(made(docs, "docs/ops-runbook.md"));
        assert!(!made(docs, "docs/old.md"));
        assert!(!made(doc, "apps/web/src/pages/Settings.tsx"));
        assert!(!made(doc, "packages/electron/src/lib/app-menu.ts"));
        // Cline's copilot-instructions: the folder is where the file goes.
        let doc = "2. Create definition in `src/core/prompts/system-prompt/tools/` (export `[GENERIC]` minimum).\n";
        assert!(!made(doc, "src/core/prompts/system-prompt/tools/init.ts"));
    }

    #[test]
    fn a_path_in_a_checkout_the_commands_enter_is_outside() {
        let outside = |doc: &str, name: &str| {
            DocumentPlan::read(doc)
                .bearing_on(&format!("`{name}`"))
                .contains(&Planned::Outside(normalize(name)))
        };
        let doc = "```bash\ncd ../ccxt && npm run tsBuild\ngit -C ../shadcn fetch origin main\ngit clone --depth 1 https://github.com/x/sdk.git ../sdk\n```\n";
        assert!(outside(doc, "../ccxt/python/ccxt/"));
        assert!(outside(doc, "../shadcn/apps/v4"));
        assert!(outside(doc, "../sdk/README.md"));
        // Another folder beside the project, or one of the same prefix, is
        // not entered.
        assert!(!outside(doc, "../docs/guide.md"));
        assert!(!outside(doc, "../ccxt-extra/a.py"));
        assert!(!outside("See `../ccxt/python/`.\n", "../ccxt/python/"));
        assert!(DocumentPlan::may_change_with("", "cd ../ccxt\n"));
    }

    #[test]
    fn what_is_named_beside_a_created_file_or_read_is_not_made() {
        // "Create a test for `a` in `b`": `a` is there already... unless the
        // test file is the place.
        let doc = "- [ ] Create a test for `src/lexer/mod.rs`\n\
                   - [ ] Create tests covering the parser's error recovery and the lexer's handling of long input for `src/parser/mod.rs`\n\
                   - Add `src/lib/util.ts` to the exports\n\
                   - Read `docs/setup.md` and create the config\n";
        assert!(!made(doc, "src/parser/mod.rs"));
        assert!(!made(doc, "src/lexer/mod.rs"));
        assert!(!made(doc, "src/lib/util.ts"));
        assert!(!made(doc, "docs/setup.md"));
        let plan = DocumentPlan::read("- [ ] 3.1 Create `packages/server/src/push/registry.ts`\n");
        assert_eq!(
            plan.bearing_on("in `packages/server/src/push/build-payload.ts`"),
            vec![Planned::BesideMade(
                "packages/server/src/push/build-payload.ts".into()
            )]
        );
    }

    #[test]
    fn the_old_side_of_a_rename_is_moved() {
        // Agenta's runner-rename plan.
        let doc = "## 1. Package dir move — `services/agent` → `services/runner`\n\
                   - [ ] `git mv services/agent services/runner`\n\
                   - [ ] Move `api/oss/src/core/mounts/storage.py` to `api/oss/src/core/store/storage.py`.\n\
                   All: `../../../services/agent` → `../../../services/runner`.\n";
        let now = |name: &str| moved(doc, name);
        assert_eq!(
            now("services/agent/src/sessions/alive.ts").as_deref(),
            Some("services/runner/src/sessions/alive.ts")
        );
        assert_eq!(
            now("../../../services/agent").as_deref(),
            Some("services/runner")
        );
        assert_eq!(
            now("api/oss/src/core/mounts/storage.py").as_deref(),
            Some("api/oss/src/core/store/storage.py")
        );
        assert_eq!(now("services/runner/src/index.ts"), None);
        assert_eq!(now("services/agents/x.ts"), None);
        assert!(made(doc, "api/oss/src/core/store/storage.py"));
        assert_eq!(
            moved("```bash\ngit mv src/old src/new\n```\n", "src/old/a.rs").as_deref(),
            Some("src/new/a.rs")
        );
        // A new name without a folder is in the old one's folder.
        assert_eq!(
            moved(
                "- `helm/templates/sandbox-agent-service.yaml` → `runner-service.yaml`;\n",
                "helm/templates/sandbox-agent-service.yaml"
            )
            .as_deref(),
            Some("helm/templates/runner-service.yaml")
        );
    }

    #[test]
    fn a_list_introduced_as_what_something_makes_is_made() {
        // The ui-ux-pro-max skill (round 48): its script writes these when
        // run with `--persist`, and a later step reads them.
        let doc = "To save the design system, add `--persist`:\n\n\
                   This creates:\n\
                   - `design-system/MASTER.md` — Global Source of Truth\n\
                   - `design-system/pages/` — Folder for page overrides\n\n\
                   **How retrieval works:**\n\
                   1. If not, use `design-system/MASTER.md` exclusively\n";
        assert!(made(doc, "design-system/MASTER.md"));
        assert!(made(doc, "design-system/pages/checkout.md"));
        for lead in [
            "The build generates the following files:",
            "**Files created:**",
            "These are written:",
            "Create:",
        ] {
            assert!(
                made(&format!("{lead}\n- `out/report.json`\n"), "out/report.json"),
                "{lead}"
            );
        }
        // The list ends at the first line that is not in it; a list of
        // files to read or test is not made.
        let doc = "This creates:\n- `out/a.json`\n\nSee:\n- `docs/setup.md`\n";
        assert!(made(doc, "out/a.json"));
        assert!(!made(doc, "docs/setup.md"));
        // A bold label after the list ends it too.
        let doc = "This creates:\n- `out/a.json`\n\n**Then edit:**\n1. `src/server.ts`\n";
        assert!(made(doc, "out/a.json"));
        assert!(!made(doc, "src/server.ts"));
        let doc = "Write tests for:\n- `src/parser.rs`\nIt creates the index in `build/` when run:\n- `src/lexer.rs`\n";
        assert!(!made(doc, "src/parser.rs"));
        assert!(!made(doc, "src/lexer.rs"));
    }

    #[test]
    fn an_edit_in_a_made_list_or_its_lead_can_change_the_plan() {
        let before = "# Setup\n\nThis creates:\n- `out/a.json`\n";
        assert!(DocumentPlan::may_change_with(before, "- `out/b.json`\n"));
        assert!(DocumentPlan::may_change_with("", "This creates:\n"));
        assert!(DocumentPlan::may_change_with(
            "",
            "- [ ] Create `src/a.rs`\n"
        ));
        assert!(!DocumentPlan::may_change_with("See:\n", "- `docs/a.md`\n"));
        assert!(!DocumentPlan::may_change_with(before, "Some prose.\n"));
    }

    #[test]
    fn what_a_documents_script_writes_is_made() {
        // Real git `po/AGENTS.md` (round 54).
        let doc = "4. Prepare the batch:\n\n   ```shell\n   TODO_JSON=\"po/l10n-todo.json\"\n   BATCH_FILE=\"po/review-batch.txt\"\n   git-po-helper msg-select --json -o \"$TODO_JSON\" \"$PENDING\"\n   echo \"$BATCH\" >\"$BATCH_FILE\"\n   cat build.log > logs/build.txt 2>&1\n   ```\n\n4a. Translate `po/l10n-todo.json`\n";
        assert!(made(doc, "po/l10n-todo.json"));
        assert!(made(doc, "po/review-batch.txt"));
        assert!(made(doc, "logs/build.txt"));
        // Read, not written; a variable never set; outside a code block.
        assert!(!made(doc, "build.log"));
        let doc = "```sh\ncat po/git.pot | wc -l\necho x > \"$OUT\"\n```\n\nRun it > `out/a.txt`\n```html\n<a href=\"/\">docs/guide.md</a>\n```\n";
        assert!(!made(doc, "po/git.pot"));
        assert!(!made(doc, "out/a.txt"));
        assert!(!made(doc, "docs/guide.md"));
        assert!(DocumentPlan::may_change_with(
            "",
            "   TODO_JSON=\"po/l10n-todo.json\"\n"
        ));
        assert!(DocumentPlan::may_change_with("", "```\n"));
        assert!(!DocumentPlan::may_change_with("", "Plain words here.\n"));
        assert!(!DocumentPlan::may_change_with(
            "",
            "> A note; get in touch with us.\n"
        ));
        assert!(DocumentPlan::may_change_with(
            "",
            "cat a > logs/build.txt\n"
        ));
    }

    #[test]
    fn the_sub_items_of_an_item_that_creates_are_made() {
        // Real VilnaCRM user-service story (round 79).
        let doc = "## Tasks / Subtasks\n\n- [ ] Task 1: Create domain event classes (AC: #1-#6)\n  - [ ] `src/User/Domain/Event/UserSignedIn.php`\n  - [ ] `src/User/Domain/Event/SignInFailed.php` — on a bad password\n  - [ ] Validation: `src/User/Domain/Rules.php`\n- [ ] Task 2: Update the mapping\n  - [ ] `config/doctrine/User.mongodb.xml`\n";
        assert!(made(doc, "src/User/Domain/Event/UserSignedIn.php"));
        assert!(made(doc, "src/User/Domain/Event/SignInFailed.php"));
        // A sub-item that says more first, and one under an item that
        // does not create, name files that must be there.
        assert!(!made(doc, "src/User/Domain/Rules.php"));
        assert!(!made(doc, "config/doctrine/User.mongodb.xml"));
        // An edit of the creating item or of a sub-item under it can change
        // the plan.
        assert!(DocumentPlan::may_change_with(
            "",
            "- [ ] Task 1: Create the events\n"
        ));
        assert!(DocumentPlan::may_change_with(
            "- [ ] Task 1: Create the events\n",
            "  - [ ] `src/Event/A.php`\n"
        ));
        assert!(!DocumentPlan::may_change_with(
            "- [ ] Task 2: Update the mapping\n",
            "  - [ ] `src/Event/A.php`\n"
        ));
    }

    #[test]
    fn a_code_block_headed_by_its_files_path_shows_a_file_to_write() {
        // Real Convex skill (round 76): the worked example's component,
        // then the app's wrapper with a note after its path.
        let doc = "```ts\n// convex/components/notifications/lib.ts\nexport const send = mutation({});\n```\n\n```ts\n// convex/notifications.ts  (app-side wrapper)\nimport { v } from \"convex/values\";\n// src/not/a/header.ts\n```\n\nA function in `convex/components/notifications/lib.ts` is called as `components.notifications.lib.send`.\n";
        let shown = |doc: &str, name: &str| {
            DocumentPlan::read(doc)
                .bearing_on(&format!("`{name}`"))
                .contains(&Planned::Shown(name.to_string()))
        };
        assert!(shown(doc, "convex/components/notifications/lib.ts"));
        assert!(shown(doc, "convex/notifications.ts"));
        assert!(!made(doc, "convex/notifications.ts"));
        // Only the block's first line names its file; a comment elsewhere,
        // or one that says more than a path, does not.
        assert!(!shown(doc, "src/not/a/header.ts"));
        let doc = "```py\n# See app/models.py for the schema\n```\n";
        assert!(!shown(doc, "app/models.py"));
        assert!(DocumentPlan::may_change_with("", "// convex/lib.ts\n"));
    }

    #[test]
    fn a_code_block_captioned_by_its_files_path_shows_a_file_to_write() {
        // Real pipecat changelog skill (round 85): each example entry's
        // file, then its text in a block.
        let doc = "## Example\n\nFor PR #3519:\n\n`changelog/3519.added.md`:\n```\n- Added `SomeNewFeature`.\n```\n\n**`changelog/3519.fixed.md`:**\n\n```\n- Fixed an issue.\n```\n\nSee `docs/a.md`:\n```\nx\n```\n`docs/b.md`:\nThen run it.\n```\ny\n```\n";
        let shown_in = |doc: &str, name: &str| {
            DocumentPlan::read(doc)
                .bearing_on(&format!("`{name}`"))
                .contains(&Planned::Shown(name.to_string()))
        };
        let shown = |name: &str| shown_in(doc, name);
        assert!(shown("changelog/3519.added.md"));
        assert!(shown("changelog/3519.fixed.md"));
        // Real spaceos-core skill (round 89): a recipe's step, its file
        // after a label.
        let recipe = "#### Step 1: Create Mock Service\n\n**File:** `src/services/mockCrmApi.ts` (React/TypeScript)\n\n```typescript\nexport const mockLeads = [];\n```\n\n**File:** `src/other.ts` holds the rest.\n```\nx\n```\n";
        let in_recipe = |name: &str| shown_in(recipe, name);
        assert!(in_recipe("src/services/mockCrmApi.ts"));
        assert!(!in_recipe("src/other.ts"));
        // A sentence that names the file, or a caption with text between
        // it and the block, does not show it.
        assert!(!shown("docs/a.md"));
        assert!(!shown("docs/b.md"));
        assert!(DocumentPlan::may_change_with("", "`changelog/1.md`:\n"));
    }

    #[test]
    fn a_document_that_plans_nothing_bears_on_nothing() {
        let doc = "# Notes\n\n- Edit `src/main.rs` and run `cargo test`.\n";
        assert!(DocumentPlan::read(doc).is_empty());
    }
}
