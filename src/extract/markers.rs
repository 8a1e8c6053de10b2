//! Markers that make a comment an instruction: `TODO`, `FIXME(name):`,
//! `@claude`, aider's `AI!`.
//!
//! A configured marker is read in one of four ways, decided by how it is
//! written:
//!
//! - a word (`TODO`, `FIXME`, `NOTE`): matches as a whole word, in the case
//!   written; in any other case (`todo`, `Fixme`) only when directly followed
//!   by `:`, `(`, `!` or `-`, so prose ("todo list") is not a marker. After
//!   the word may come a name (`TODO(agent)`), a tag (`TODO-perf:`) or a
//!   chained marker (`TODO/FIXME:`), all part of the marker as written;
//! - a mention (`@agent`, `@claude`): any case, as a whole word;
//! - a word with closing punctuation (`AI:`, `AI!`, `AI?`): as written at the
//!   start; those ending in `!` or `?` also at the end of a comment (aider's
//!   `// make this async AI!`);
//! - anything else (`NOTE(agent)`): as written, as a whole word.
//!
//! After the marker, a separator (`:`, `-`, `!`, `,` and the spaces around it)
//! is skipped; the rest is the instruction's text.

/// The markers recognised by default.
pub const DEFAULT_MARKERS: &[&str] = &[
    "TODO", "FIXME", "HACK", "XXX", "AI:", "AI!", "AI?", "@agent", "@claude", "@copilot", "@codex",
];

/// Names that address an agent when they follow a marker (`TODO(agent)`,
/// `TODO(Claude Code)`) or are mentioned (`@copilot`).
const AGENT_NAMES: &[&str] = &[
    "agent", "agents", "ai", "llm", "claude", "copilot", "codex", "cursor", "gemini", "devin",
    "aider", "jules", "amp",
];

/// Whether a marker as written addresses an agent rather than a person:
/// `AI:`, `AI!`, `@claude`, `TODO(agent)`, `FIXME(Claude Code)`. A person's
/// name (`TODO(alice)`) or a tag (`TODO(agentic-retries)`) does not.
pub fn addresses_an_agent(marker: &str) -> bool {
    let lower = marker.trim().to_ascii_lowercase();
    if lower.starts_with("ai") && lower[2..].starts_with([':', '!', '?']) {
        return true;
    }
    let name = match (lower.find('@'), lower.find('(')) {
        (Some(at), _) => &lower[at + 1..],
        (None, Some(open)) => lower[open + 1..].trim_end_matches(')'),
        (None, None) => return false,
    };
    // "agentic-retries" is one word, a tag; "Agent D" and "claude code" name
    // an agent.
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| AGENT_NAMES.contains(w))
}

/// Characters that, written right after a word marker in another case,
/// make it a marker (`todo:`, `fixme(bob)`, `todo!`, `hack-`).
const LOWERCASE_FOLLOWERS: &[char] = &[':', '(', '!', '-'];

/// Separators between a marker and the instruction's text.
const SEPARATORS: &[char] = &[':', '-', '!', ',', '–', '—'];

/// The longest name in `TODO(name)`.
const MAX_NAME_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    /// `TODO`: a word, whole, with optional name, tag and chain.
    Word(String),
    /// `@claude`: case-insensitive, whole.
    Mention(String),
    /// `AI:`, `AI!`: as written; `trailing` when it may also end a comment.
    Punct { text: String, trailing: bool },
    /// Anything else, as written.
    Literal(String),
}

/// A marker found at the start of a comment's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerMatch {
    /// Where the marker as written ends (`TODO(agent)`, `TODO/FIXME`).
    pub marker_end: usize,
    /// Where the instruction's text starts: after the separator and spaces.
    pub text_start: usize,
}

/// A configured list of markers, ready to match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markers {
    markers: Vec<Marker>,
}

impl Markers {
    pub fn new<S: AsRef<str>>(list: &[S]) -> Markers {
        let mut markers: Vec<Marker> = list
            .iter()
            .map(|m| m.as_ref().trim())
            .filter(|m| !m.is_empty())
            .map(classify)
            .collect();
        // Longest first, so `NOTE(agent)` wins over `NOTE`.
        markers.sort_by_key(|m| std::cmp::Reverse(marker_text(m).len()));
        markers.dedup();
        Markers { markers }
    }

    pub fn is_empty(&self) -> bool {
        self.markers.is_empty()
    }

    /// Text that every comment starting (or ending) with one of these
    /// markers contains, compared without case: a file without any of it
    /// holds no instruction and need not be parsed.
    pub fn needles(&self) -> Vec<String> {
        self.markers
            .iter()
            .map(|m| marker_text(m).to_string())
            .collect()
    }

    /// The marker `s` starts with (`s` has no leading whitespace).
    pub fn at_start(&self, s: &str) -> Option<MarkerMatch> {
        let marker_end = self.marker_at(s)?;
        if s[..marker_end] == *"AI:"
            && (names_an_author(&s[marker_end..])
                || declares_a_field(&s[marker_end..])
                || captions(&s[marker_end..]))
        {
            return None;
        }
        if s.starts_with('@') && speaks_of_the_agent(&s[marker_end..]) {
            return None;
        }
        let is_punct = self.markers.iter().any(|m| match m {
            Marker::Punct { text, .. } => s[..marker_end] == *text,
            _ => false,
        });
        let text_start = if is_punct {
            marker_end + leading_blanks(&s[marker_end..])
        } else {
            marker_end + separator_len(&s[marker_end..])
        };
        let found = MarkerMatch {
            marker_end,
            text_start,
        };
        Some(self.stacked(s, found).unwrap_or(found))
    }

    /// Markers stacked after the first, written in capitals and apart by
    /// spaces only ("TODO FIXME XXX: what about ..."): one marker, and the
    /// text starts after the last.
    fn stacked(&self, s: &str, first: MarkerMatch) -> Option<MarkerMatch> {
        let gap = &s[first.marker_end..first.text_start];
        if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\t') {
            return None;
        }
        let rest = &s[first.text_start..];
        let next = self.marker_at(rest)?;
        let name = &rest[..next];
        if !name.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let inner = self.at_start(rest)?;
        Some(MarkerMatch {
            marker_end: first.text_start + inner.marker_end,
            text_start: first.text_start + inner.text_start,
        })
    }

    /// The range of a marker that ends `s` (`make this async AI!`): only
    /// markers that may be written last, preceded by whitespace or alone.
    pub fn at_end(&self, s: &str) -> Option<std::ops::Range<usize>> {
        let s = s.trim_end();
        self.markers.iter().find_map(|m| match m {
            Marker::Punct {
                text,
                trailing: true,
            } if s.ends_with(text.as_str()) => {
                let start = s.len() - text.len();
                let before = s[..start].chars().next_back();
                (before.is_none_or(char::is_whitespace) && !names_ai(&s[..start]))
                    .then_some(start..s.len())
            }
            _ => None,
        })
    }

    /// Where the marker (with its name, tag and chain) that starts `s` ends.
    fn marker_at(&self, s: &str) -> Option<usize> {
        self.markers.iter().find_map(|m| self.match_one(m, s))
    }

    fn match_one(&self, marker: &Marker, s: &str) -> Option<usize> {
        match marker {
            Marker::Word(word) => {
                let head = s.get(..word.len())?;
                let next = s[word.len()..].chars().next();
                let whole = next.is_none_or(|c| !is_word_char(c));
                let ok = if head == word {
                    whole
                } else {
                    head.eq_ignore_ascii_case(word)
                        && next.is_some_and(|c| LOWERCASE_FOLLOWERS.contains(&c))
                };
                ok.then(|| self.suffixes(s, word.len()))
            }
            Marker::Mention(m) => {
                let head = s.get(..m.len())?;
                let next = s[m.len()..].chars().next();
                (head.eq_ignore_ascii_case(m) && next.is_none_or(|c| !is_word_char(c) && c != '-'))
                    .then_some(m.len())
            }
            Marker::Punct { text, .. } => {
                let next = s.strip_prefix(text.as_str())?.chars().next();
                // `AI!` needs a boundary; `AI:` ends in one already.
                (text.ends_with(':') || next.is_none_or(|c| !is_word_char(c))).then_some(text.len())
            }
            Marker::Literal(text) => {
                let next = s.strip_prefix(text.as_str())?.chars().next();
                let ends_in_word = text.chars().next_back().is_some_and(is_word_char);
                (!ends_in_word || next.is_none_or(|c| !is_word_char(c)))
                    .then(|| self.suffixes(s, text.len()))
            }
        }
    }

    /// Extends a word marker ending at `end` over a name (`(agent)`), a tag
    /// (`-perf` before a `:`) and chained markers (`/FIXME`).
    fn suffixes(&self, s: &str, mut end: usize) -> usize {
        let rest = &s[end..];
        if let Some(after) = rest.strip_prefix('(') {
            // A name is a word or two ("alice", "Claude Code"); more is the
            // instruction itself: "TODO(try to re-unify /remote/ with ...)",
            // and so are two words in lower case that name no agent
            // ("TODO(from file)").
            if let Some(close) = after.find(')')
                && close <= MAX_NAME_LEN
                && !after[..close].contains(['(', '\n', '\r'])
                && is_a_name(&after[..close])
            {
                end += close + 2;
            }
        } else if let Some(after) = rest.strip_prefix('@').or_else(|| rest.strip_prefix(":@")) {
            // An owner's handle written on the marker: `TODO@jrieken`,
            // `TODO:@roblourens`.
            let handle = after
                .find(|c: char| !(is_word_char(c) || c == '-' || c == '.'))
                .unwrap_or(after.len());
            if handle > 0 {
                end += rest.len() - after.len() + handle;
            }
        } else if let Some(after) = rest.strip_prefix('-') {
            let tag = after
                .find(|c: char| !(is_word_char(c) || c == '.' || c == '-'))
                .unwrap_or(after.len());
            if tag > 0 && after[tag..].starts_with(':') {
                end += 1 + tag;
            }
        }
        if let Some(after) = s[end..].strip_prefix('/')
            && let Some(next) = self.marker_at(after)
        {
            end += 1 + next;
        }
        end
    }
}

/// Whether the words in a marker's parentheses are a name or tag
/// (`alice`, `agentic-retries`, `Claude Code`, `Agent D`, `#122`) rather than
/// the instruction (`from file`).
fn is_a_name(words: &str) -> bool {
    let words: Vec<&str> = words.split_whitespace().collect();
    match words.as_slice() {
        [_] => true,
        [a, b] => [a, b].iter().any(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || AGENT_NAMES.contains(&w.to_ascii_lowercase().as_str())
        }),
        _ => false,
    }
}

/// What a marker is, from how it is written.
fn classify(m: &str) -> Marker {
    if let Some(name) = m.strip_prefix('@')
        && !name.is_empty()
    {
        return Marker::Mention(m.to_string());
    }
    if m.chars().all(is_word_char) {
        return Marker::Word(m.to_string());
    }
    let mut chars = m.chars();
    let last = chars.next_back();
    if let Some(last @ (':' | '!' | '?')) = last
        && !chars.as_str().is_empty()
        && chars.as_str().chars().all(is_word_char)
    {
        return Marker::Punct {
            text: m.to_string(),
            trailing: last != ':',
        };
    }
    Marker::Literal(m.to_string())
}

fn marker_text(m: &Marker) -> &str {
    match m {
        Marker::Word(t) | Marker::Mention(t) | Marker::Literal(t) => t,
        Marker::Punct { text, .. } => text,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn leading_blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// The length of the separator at the start of `s`: spaces, at most one
/// separator character, spaces.
fn separator_len(s: &str) -> usize {
    let mut at = leading_blanks(s);
    if let Some(c) = s[at..].chars().next()
        && SEPARATORS.contains(&c)
    {
        at += c.len_utf8();
        at += leading_blanks(&s[at..]);
    }
    at
}

/// AI tools and models, as an attribution names them.
const AI_AUTHORS: &[&str] = &[
    "claude",
    "gpt",
    "chatgpt",
    "copilot",
    "gemini",
    "cursor",
    "codex",
    "openai",
    "anthropic",
    "llama",
    "mistral",
    "deepseek",
    "qwen",
    "grok",
    "opus",
    "sonnet",
];

/// Whether the text after `AI:` records which AI wrote the code rather
/// than addressing one: a tool or model, then its details ("AI: Claude Code
/// | Opus 4.7 | 2026 May 25 | Purpose: …", "AI: GPT-4o (2024-05)"). "AI:
/// Claude, cache this" addresses it.
fn names_an_author(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("").trim();
    let lower = line.to_ascii_lowercase();
    let Some(name) = AI_AUTHORS.iter().find(|n| lower.starts_with(**n)) else {
        return false;
    };
    let after = &line[name.len()..];
    // The name runs on ("GPT-4o", "Claude Code"); what ends it decides.
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == ' '))
        .unwrap_or(after.len());
    let tail = after[end..].trim_start();
    // Alone, only a name ("AI: Claude Code"), not a request ("AI: Claude
    // fix the parser").
    let short = after[..end].split_whitespace().count() <= 1;
    (tail.is_empty() && short) || tail.starts_with(['|', '('])
}

/// Whether the text after `AI:` describes a thing named "AI" rather than
/// asking one for anything: it opens with neither a verb nor a name to
/// address, and asks no question (wuphf's sprite caption "AI: antenna on
/// head, glowing eyes", among "CEO: …" and "PM: …"; eventschedule's "AI:
/// parsed fields materialize when the card reveals" over a product card's
/// style). "AI: fix it", "AI: Claude, cache this" and "AI: why does this
/// block?" address one.
fn captions(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("").trim();
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    let first = first
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !line.contains('?')
        && !first.is_empty()
        && !crate::text::vocabulary::is_base_verb(&first)
        && !crate::text::vocabulary::OPENERS.contains(&first.as_str())
        && !AI_AUTHORS.iter().any(|name| first.starts_with(name))
}

/// Whether the text after `AI:` is a type and a semicolon or comma: a
/// field named `AI` commented out (`// AI: Ai;` among a Worker's optional
/// `// KV: KVNamespace;` bindings), not a request.
fn declares_a_field(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("").trim();
    line.strip_suffix([';', ',']).is_some_and(|ty| {
        let ty = ty.trim_end();
        ty.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && ty
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.<>[]|?".contains(c))
    })
}

/// Words that, right after a mention, make the agent the subject of a
/// sentence about it rather than the one addressed: "@claude no longer
/// invokes the secret-backed path", "@copilot is only triggered by …".
/// Addressed, a mention is followed by a request in the imperative ("@claude
/// add a retry") or by a separator ("@claude: …").
const SUBJECT_FOLLOWERS: &[&str] = &[
    "no",
    "is",
    "isn't",
    "was",
    "wasn't",
    "are",
    "were",
    "will",
    "won't",
    "would",
    "can",
    "can't",
    "cannot",
    "could",
    "should",
    "may",
    "might",
    "must",
    "does",
    "doesn't",
    "did",
    "didn't",
    "has",
    "had",
    "mentions",
    "comments",
    "triggers",
    "invokes",
    "runs",
    "responds",
    "reviews",
    "replies",
    "works",
    "and",
    "or",
    "mention",
    "mentioned",
    "came",
];

/// Whether the text after a mention speaks of the agent instead of to it.
/// A question put to it ("@claude can you …") addresses it. In a product
/// that has mentions the agent is also named among others (multica's
/// "@agent/@squad mentions are replayed", "@Agent and the squad it leads
/// produces a single notice") or as one of several ("@Agent A came first").
fn speaks_of_the_agent(rest: &str) -> bool {
    // "@agent/@squad", and a folder or a scoped package named after the
    // agent (defenseclaw's `# @codex/ row excluded`).
    if rest.starts_with('/') {
        return true;
    }
    // A mention that ends a clause is its object: atproto's workflow
    // comment wrapping "comments that don't mention\n# @claude; it is not
    // the security boundary."
    if rest.starts_with([';', '.', ')', '\'', '"', '`']) {
        return true;
    }
    if !rest.starts_with([' ', '\t']) {
        return false;
    }
    let mut words = rest.split_whitespace();
    let next = words.next().unwrap_or_default();
    let one_of_several = next.len() == 1 && next.chars().all(|c| c.is_ascii_uppercase());
    let next = next.to_lowercase();
    one_of_several
        || (SUBJECT_FOLLOWERS.contains(&next.as_str())
            && words.next().map(str::to_lowercase).as_deref() != Some("you"))
}

/// Words that, one or two words before a closing `AI!`, make "AI" a thing
/// the comment speaks of ("just decorators for conversational AI!", "built
/// with AI!"), not aider's call to act on the request before it ("make this
/// async AI!").
const BEFORE_AI_AS_A_NOUN: &[&str] = &[
    "for", "with", "by", "of", "to", "using", "via", "from", "the", "an", "and",
];

/// Whether the text before a closing `AI!` or `AI?` ends in a phrase that
/// names AI.
fn names_ai(before: &str) -> bool {
    before
        .split_whitespace()
        .rev()
        .take(2)
        .any(|w| BEFORE_AI_AS_A_NOUN.contains(&w.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Markers {
        Markers::new(DEFAULT_MARKERS)
    }

    /// The marker as written and the text after it, or `None`.
    fn split(s: &str) -> Option<(&str, &str)> {
        let m = defaults().at_start(s)?;
        Some((&s[..m.marker_end], &s[m.text_start..]))
    }

    #[test]
    fn markers_that_address_an_agent() {
        for m in [
            "AI:",
            "AI!",
            "@claude",
            "@Copilot",
            "TODO(agent)",
            "TODO(Claude Code)",
            "TODO(Agent D)",
            "FIXME(codex)",
        ] {
            assert!(addresses_an_agent(m), "{m}");
        }
        for m in [
            "TODO",
            "FIXME",
            "TODO(alice)",
            "TODO(agentic-retries)",
            "TODO-robustness",
            "XXX",
            "AIR:",
        ] {
            assert!(!addresses_an_agent(m), "{m}");
        }
    }

    #[test]
    fn marker_forms() {
        for (input, marker, text) in [
            ("TODO", "TODO", ""),
            ("TODO fix it", "TODO", "fix it"),
            ("TODO: fix it", "TODO", "fix it"),
            ("TODO:fix it", "TODO", "fix it"),
            ("TODO - fix it", "TODO", "fix it"),
            ("TODO-fix it", "TODO", "fix it"),
            ("TODO(bob): fix it", "TODO(bob)", "fix it"),
            ("TODO(agent) fix it", "TODO(agent)", "fix it"),
            ("TODO(Agent D): docs", "TODO(Agent D)", "docs"),
            ("TODO(claude code) fix it", "TODO(claude code)", "fix it"),
            // Real langchainjs: the parentheses hold the note.
            ("TODO(from file)", "TODO", "(from file)"),
            (
                "TODO(try to re-unify the two)",
                "TODO",
                "(try to re-unify the two)",
            ),
            ("TODO-perf: fix it", "TODO-perf", "fix it"),
            ("TODO/FIXME: fix it", "TODO/FIXME", "fix it"),
            ("FIXME(ann)/TODO fix it", "FIXME(ann)/TODO", "fix it"),
            ("FIXME", "FIXME", ""),
            ("HACK: x", "HACK", "x"),
            ("XXX x", "XXX", "x"),
            ("todo: fix it", "todo", "fix it"),
            ("fixme(bob) fix it", "fixme(bob)", "fix it"),
            ("todo!(\"x\")", "todo", "(\"x\")"),
            ("Todo: fix it", "Todo", "fix it"),
            ("todo- fix it", "todo", "fix it"),
            ("AI: fix it", "AI:", "fix it"),
            ("AI: Claude, cache this", "AI:", "Claude, cache this"),
            ("AI: Claude fix the parser", "AI:", "Claude fix the parser"),
            ("AI: please cache this", "AI:", "please cache this"),
            ("AI: GPT-4o, cache this", "AI:", "GPT-4o, cache this"),
            ("AI: the cache is stale?", "AI:", "the cache is stale?"),
            ("AI! fix it", "AI!", "fix it"),
            ("AI? why", "AI?", "why"),
            ("@claude fix it", "@claude", "fix it"),
            ("@Claude, fix it", "@Claude", "fix it"),
            ("@AGENT: fix it", "@AGENT", "fix it"),
            ("@codex", "@codex", ""),
            (
                "@claude can you add a retry?",
                "@claude",
                "can you add a retry?",
            ),
            ("TODO:", "TODO", ""),
            ("TODO – fix it", "TODO", "fix it"),
            ("TODO@jrieken fix it", "TODO@jrieken", "fix it"),
            ("FIXME@ulugbekna", "FIXME@ulugbekna", ""),
            ("TODO:@roblourens", "TODO:@roblourens", ""),
            ("TODO: @alice fix it", "TODO", "@alice fix it"),
            (
                "TODO FIXME XXX: what about it?",
                "TODO FIXME XXX",
                "what about it?",
            ),
            ("TODO FIXME", "TODO FIXME", ""),
            ("TODO Fixme later", "TODO", "Fixme later"),
        ] {
            assert_eq!(split(input), Some((marker, text)), "{input:?}");
        }
    }

    #[test]
    fn not_markers() {
        for input in [
            "TODOS are tracked elsewhere",
            "TODOLIST",
            "XXXX",
            "todo list",
            "todos: many",
            "fixme later",
            "mastodon",
            "Todo list",
            "see TODO: x",
            "AIM: high",
            "AI is hard",
            // Real attribution headers: which AI wrote the file.
            "AI: Claude Code | Opus 4.7 (1M context) | 2026 May 25 | Purpose: On-demand copy",
            "AI: GPT-4o (2024-05)",
            "AI: Claude Code",
            // Real roundtable-dashboard template (round 97): a Worker's
            // optional binding commented out, beside `// KV: KVNamespace;`.
            "AI: Ai;",
            "AI: Fetcher<Request>,",
            // Real wuphf and eventschedule comments (rounds 108, 111): a
            // caption of a thing named AI.
            "AI: antenna on head, glowing eyes, slightly robotic",
            "AI: parsed fields materialize when the card reveals",
            "@claudette hi",
            "@claude-code hi",
            // Real workflow comments about the agent, not to it.
            "@claude no longer invokes the secret-backed path.",
            "@copilot is only triggered on pull requests",
            "@claude mentions run the review job",
            // Real multica comments (round 71): a product with mentions.
            "@agent/@squad mentions are replayed.",
            "@Agent and the squad it leads produces a single notice.",
            "@Agent A came first — this asserts the role independent of order.",
            // Real defenseclaw test (round 78): a folder named after it.
            "@codex/ row excluded",
            "@claude; it is not the security boundary.",
            "@claude.",
            "@copilot) to review",
            "_TODO",
            "TODO_x",
            "",
        ] {
            assert_eq!(split(input), None, "{input:?}");
        }
    }

    #[test]
    fn trailing_markers() {
        let m = defaults();
        assert_eq!(m.at_end("make this async AI!"), Some(16..19));
        assert_eq!(m.at_end("why is this slow AI?  "), Some(17..20));
        assert_eq!(m.at_end("AI!"), Some(0..3));
        assert_eq!(m.at_end("use OpenAI!"), None);
        // Real mcp-mesh example (round 70): AI is what the comment praises.
        assert_eq!(
            m.at_end("No manual setup needed - just decorators for conversational AI!"),
            None
        );
        assert_eq!(m.at_end("built with AI!"), None);
        assert_eq!(m.at_end("make it AI:"), None);
        assert_eq!(m.at_end("TODO"), None);
    }

    #[test]
    fn configured_markers() {
        let m = Markers::new(&["NOTE(agent)", "NOTE", "  ", "TODO"]);
        let s = "NOTE(agent): fix";
        let r = m.at_start(s).unwrap();
        assert_eq!(
            (&s[..r.marker_end], &s[r.text_start..]),
            ("NOTE(agent)", "fix")
        );
        let s = "NOTE(bob) fix";
        let r = m.at_start(s).unwrap();
        assert_eq!(&s[..r.marker_end], "NOTE(bob)");
        assert!(m.at_start("FIXME: x").is_none());
        assert!(m.at_start("@claude x").is_none());
        assert!(Markers::new::<&str>(&[]).is_empty());
        let lit = Markers::new(&["#agent"]);
        assert!(lit.at_start("#agent do it").is_some());
        assert!(lit.at_start("#agents do it").is_none());
    }
}
