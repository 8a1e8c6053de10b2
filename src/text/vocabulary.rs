//! Word knowledge the rules share: which words are verbs, which are function
//! words. Deliberately small and explicit: a word missing here makes a rule
//! stay quiet, never fire.

/// Common English verbs in their base form: the actions tasks are written
/// with. A word that is only a noun in tasks ("task", "result") is left out.
pub const VERBS: &[&str] = &[
    "accept",
    "access",
    "account",
    "add",
    "adjust",
    "align",
    "allow",
    "analyse",
    "analyze",
    "append",
    "apply",
    "archive",
    "ask",
    "assert",
    "assign",
    "attach",
    "audit",
    "avoid",
    "backport",
    "benchmark",
    "bind",
    "block",
    "bump",
    "build",
    "bundle",
    "cache",
    "calculate",
    "call",
    "cancel",
    "capture",
    "centre",
    "center",
    "change",
    "check",
    "choose",
    "clarify",
    "clean",
    "cleanup",
    "clear",
    "clone",
    "close",
    "collapse",
    "collect",
    "colour",
    "color",
    "colourise",
    "colorize",
    "combine",
    "comment",
    "commit",
    "compare",
    "compile",
    "complete",
    "compute",
    "configure",
    "confirm",
    "connect",
    "consider",
    "consolidate",
    "contain",
    "convert",
    "copy",
    "correct",
    "count",
    "crash",
    "create",
    "cut",
    "debug",
    "decide",
    "declare",
    "decouple",
    "deduplicate",
    "define",
    "delete",
    "deploy",
    "deprecate",
    "describe",
    "design",
    "detect",
    "determine",
    "disable",
    "discuss",
    "display",
    "document",
    "do",
    "download",
    "drop",
    "dump",
    "edit",
    "emit",
    "enable",
    "encode",
    "enforce",
    "ensure",
    "escape",
    "evaluate",
    "expand",
    "explain",
    "export",
    "expose",
    "extend",
    "extract",
    "fail",
    "fetch",
    "figure",
    "fill",
    "filter",
    "find",
    "finish",
    "fix",
    "flag",
    "flatten",
    "flush",
    "follow",
    "force",
    "format",
    "forward",
    "free",
    "generate",
    "get",
    "give",
    "group",
    "guard",
    "handle",
    "harden",
    "hide",
    "hook",
    "identify",
    "ignore",
    "implement",
    "import",
    "improve",
    "include",
    "increase",
    "decrease",
    "index",
    "inject",
    "inline",
    "insert",
    "inspect",
    "install",
    "integrate",
    "introduce",
    "invalidate",
    "investigate",
    "invoke",
    "isolate",
    "keep",
    "kill",
    "label",
    "launch",
    "limit",
    "link",
    "list",
    "load",
    "lock",
    "log",
    "look",
    "lookup",
    "lower",
    "maintain",
    "make",
    "manage",
    "map",
    "mark",
    "measure",
    "merge",
    "migrate",
    "mirror",
    "mock",
    "modify",
    "monitor",
    "move",
    "name",
    "normalize",
    "normalise",
    "notify",
    "open",
    "optimise",
    "optimize",
    "order",
    "organise",
    "organize",
    "output",
    "override",
    "parse",
    "pass",
    "patch",
    "pin",
    "place",
    "plot",
    "poll",
    "port",
    "prefer",
    "prefix",
    "prepare",
    "preserve",
    "prevent",
    "print",
    "process",
    "promote",
    "propagate",
    "provide",
    "prune",
    "publish",
    "pull",
    "push",
    "put",
    "query",
    "raise",
    "read",
    "rebuild",
    "record",
    "recover",
    "reduce",
    "refactor",
    "refresh",
    "register",
    "reimplement",
    "reject",
    "release",
    "reload",
    "remove",
    "rename",
    "render",
    "reorder",
    "repair",
    "replace",
    "report",
    "request",
    "require",
    "rerun",
    "reset",
    "resize",
    "resolve",
    "restore",
    "restrict",
    "restructure",
    "retry",
    "return",
    "reuse",
    "revert",
    "review",
    "reword",
    "rewrite",
    "rotate",
    "run",
    "sanitize",
    "save",
    "scan",
    "schedule",
    "scroll",
    "search",
    "seal",
    "select",
    "send",
    "separate",
    "serialize",
    "set",
    "setup",
    "share",
    "show",
    "shrink",
    "simplify",
    "skip",
    "sort",
    "specify",
    "split",
    "standardise",
    "standardize",
    "start",
    "stop",
    "store",
    "stream",
    "strip",
    "submit",
    "support",
    "swap",
    "switch",
    "sync",
    "tag",
    "take",
    "test",
    "throw",
    "tidy",
    "time",
    "toggle",
    "track",
    "transform",
    "translate",
    "trim",
    "turn",
    "tweak",
    "unify",
    "uninstall",
    "unpin",
    "update",
    "upgrade",
    "upload",
    "use",
    "validate",
    "verify",
    "warn",
    "watch",
    "wire",
    "wrap",
    "write",
    "re-enable",
    "redesign",
    "rework",
    "polish",
    "streamline",
    "modernize",
    "modernise",
    "revisit",
    "revise",
    "deal",
    "address",
    "sort",
    "fine-tune",
    "research",
    "explore",
    "study",
    "think",
    "try",
    "need",
    "exist",
    "happen",
    "appear",
    "occur",
    "become",
    "stay",
    "remain",
    "depend",
    "belong",
    "seem",
    "break",
    "hang",
    "leak",
    "freeze",
    "own",
    "behave",
    "differ",
    "match",
    "miss",
    "lack",
    "lose",
    "hold",
    "go",
    "come",
    "see",
    "produce",
    "cause",
    "trigger",
    "refer",
    "mean",
    "reach",
    "exceed",
    "overflow",
    "panic",
    "contain",
    "live",
    "land",
    "work",
    "let",
    "help",
    "ship",
    "hit",
    "mention",
];

/// Finite verb forms and auxiliaries that make a sentence a statement about
/// an action ("X is broken", "we should cache Y", "this needs a test").
pub const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "does",
    "do",
    "did",
    "can",
    "could",
    "should",
    "must",
    "shall",
    "will",
    "would",
    "may",
    "might",
    "need",
    "needs",
    "isn't",
    "aren't",
    "wasn't",
    "doesn't",
    "don't",
    "didn't",
    "can't",
    "cannot",
    "won't",
    "shouldn't",
    "mustn't",
    "it's",
    "there's",
];

/// Words that open a sentence without being its action ("please add ...").
/// Hedges are openers too: "maybe sort the list" still says what to do (the
/// `hedge` rule speaks about the "maybe").
pub const OPENERS: &[&str] = &[
    "please", "also", "then", "and", "so", "now", "first", "finally", "just", "maybe", "perhaps",
    "always", "possibly", "probably",
];

/// Whether a word is a task's identifier in a plan: spec-kit's `T066`,
/// `US1`, `TASK-12`.
pub fn is_a_task_id(word: &str) -> bool {
    let digits = word.trim_start_matches(|c: char| c.is_ascii_uppercase());
    let letters = word.len() - digits.len();
    let digits = digits.strip_prefix('-').unwrap_or(digits);
    (1..=4).contains(&letters) && !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

/// Whether a word numbers a step: "3", "0.4.4", "2.1." in "0.4.4 Replace
/// parse().unwrap() with map_err() and ?".
pub fn is_a_step_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word.bytes().all(|c| c.is_ascii_digit() || c == b'.')
}

/// Whether `word` (lowercase) is `base` inflected: "adds", "added",
/// "adding", "fixes", "copied", "stopping".
fn inflects(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let Some(rest) = word.strip_prefix(base) else {
        // e-drop ("make" -> "making", "made" is irregular), y -> ied.
        if let Some(stem) = base.strip_suffix('e')
            && let Some(rest) = word.strip_prefix(stem)
        {
            return matches!(rest, "ing" | "ed");
        }
        if let Some(stem) = base.strip_suffix('y')
            && let Some(rest) = word.strip_prefix(stem)
        {
            return matches!(rest, "ies" | "ied");
        }
        return false;
    };
    match rest {
        "s" | "es" | "ed" | "d" | "ing" => true,
        // Consonant doubling: "stop" -> "stopped", "stopping".
        _ => base.chars().last().is_some_and(|last| {
            rest.starts_with(last) && matches!(&rest[last.len_utf8()..], "ed" | "ing")
        }),
    }
}

/// The base verb `word` is a form of, if it is one of [`VERBS`].
pub fn verb_base(word: &str) -> Option<&'static str> {
    let word = word.trim_end_matches("n't");
    VERBS.iter().copied().find(|base| inflects(word, base))
}

/// Whether `word` is a verb in its base form (an imperative).
pub fn is_base_verb(word: &str) -> bool {
    // "re-enable", "un-skip", "pre-compute": the verb after the prefix.
    let word = ["re-", "un-", "pre-", "de-"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    VERBS.contains(&word)
}

/// Whether `word` is a verb's `-ing` form ("adding", "opening").
pub fn is_gerund(word: &str) -> bool {
    word.ends_with("ing") && verb_base(word).is_some_and(|b| b != word)
}

/// Whether `word` is a past participle or past tense of a known verb.
pub fn is_past(word: &str) -> bool {
    word.ends_with('d') && verb_base(word).is_some_and(|b| b != word)
}

/// Whether `word` is a third-person present form ("creates", "fails").
pub fn is_third_person(word: &str) -> bool {
    word.ends_with('s') && verb_base(word).is_some_and(|b| b != word)
}

/// Whether a word only joins others (an article, a preposition, a pronoun,
/// an auxiliary): it names nothing the instruction is about.
pub fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "for"
            | "and"
            | "or"
            | "with"
            | "at"
            | "by"
            | "from"
            | "as"
            | "is"
            | "are"
            | "be"
            | "so"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
    ) || is_auxiliary(w)
}

pub fn is_auxiliary(word: &str) -> bool {
    AUXILIARIES.contains(&word)
}

/// Pronouns that stand for something named elsewhere.
pub const PRONOUNS: &[&str] = &["it", "this", "that", "these", "those", "them", "they"];

/// Whether most of the text's letters are in scripts the English word lists
/// cannot read (CJK, Cyrillic, ...): word-based rules then stay quiet.
pub fn mostly_non_latin(text: &str) -> bool {
    let mut latin = 0usize;
    let mut other = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    // One CJK character carries about as much as a short Latin word.
    other * 3 > latin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(verb_base("adds"), Some("add"));
        assert_eq!(verb_base("added"), Some("add"));
        assert_eq!(verb_base("making"), Some("make"));
        assert_eq!(verb_base("fixes"), Some("fix"));
        assert_eq!(verb_base("copied"), Some("copy"));
        assert_eq!(verb_base("stopping"), Some("stop"));
        assert_eq!(verb_base("memory"), None);
        assert!(is_gerund("opening"));
        assert!(!is_gerund("string"));
        assert!(is_third_person("creates"));
    }

    #[test]
    fn scripts() {
        assert!(mostly_non_latin("修复并重新启用 Thread Sanitizer 中该"));
        assert!(!mostly_non_latin("Fix the parser"));
    }
}
