use std::ops::Range;

use crate::declare_rule;
use crate::extract::InstructionKind;
use crate::extract::Role;
use crate::rules::RuleOptions;
use crate::rules::{
    Category, CheckContext, FixIntent, Question, RawFinding, Rule, Severity, SplitPart,
};
use crate::text::{Analysis, TokenKind, actions};

declare_rule! {
    /// ## What it does
    /// Flags an instruction that bundles several independent pieces of work:
    /// actions joined by "and", "also", "then", commas or semicolons ("rewrite
    /// auth, add tests and update the docs"), one action over a list of
    /// separate deliverables ("add sealing, checksums, and crash recovery"),
    /// or a checklist item whose sub-items are three or more tasks of their
    /// own.
    ///
    /// Actions that depend on each other ("find the stale entries and delete
    /// them") are one task, and so is one action over a short list of names.
    ///
    /// By default it judges tasks (checklist items, comments addressed to an
    /// agent, issue texts), and there only the clearest bundle: a verb that
    /// makes something ("add", "implement", "create") whose object is a list
    /// of three or more deliverables joined by "and". A list introduced by a
    /// preposition ("write tests for A, B and C"), alternatives ("A, B or C")
    /// and examples ("including A, B and C") are one piece of work. The
    /// pedantic tier adds independent clauses, sub-items that are tasks, and
    /// maintainers' notes.
    ///
    /// A checklist item in a plan, a roadmap or a specification (`plan.md`,
    /// `design.md`, `ROADMAP.md`, a dated document, a file under `plans/`
    /// or `specs/`)
    /// is a step the document around it defines, and so is an item of a
    /// work section in a document that is not a task list (a README's "##
    /// TODO"), a step nested in
    /// another item or under a section's design in a code block; only the pedantic tier judges them.
    ///
    /// ## Why is this bad?
    /// A bundle is delivered, reviewed and reverted as one. The receiver
    /// cannot finish part of it, progress is invisible until all of it is
    /// done, and one unclear part holds up the rest. Small tasks, each with
    /// its own result, come back sooner and right.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] Rewrite the auth middleware, add tests and update the docs
    /// ```
    /// Use instead:
    /// ```markdown
    /// - [ ] Rewrite the auth middleware
    /// - [ ] Add tests
    /// - [ ] Update the docs
    /// ```
    ///
    /// ## Fix
    /// "Split into N tasks" writes each task as a sibling: a checklist item
    /// next to the original with the same indentation, or a marker comment in
    /// the same style. No word of the original is lost; a verb shared by a
    /// list is repeated on each item.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules]
    /// multiple-tasks = "info"
    /// ```
    pub static RULE = {
        name: "multiple-tasks",
        category: Category::Scope,
        severity: Severity::Warning,
        summary: "Several independent tasks in one instruction (and / then / commas / sub-items)",
        options: &[],
        judges: &[Role::Task],
        pedantic: &[Role::Note],
        question: Question::Size,
        build: build,
    }
}

/// Two actions are enough when joined this explicitly and the instruction is
/// this long; shorter pairs ("disable X, keep Y") read as one change.
const MIN_WORDS_FOR_A_PAIR: usize = 10;
/// Sub-items that are tasks of their own, from which the parent is a bundle.
const MIN_TASK_SUBITEMS: usize = 3;
/// List items under one verb, from which the list is several deliverables.
const MIN_LIST_ITEMS: usize = 3;

fn build(_: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check)
}

struct Check;

/// One task found in the instruction: the tokens it spans, and the verb to
/// repeat before it when it is split off a shared verb.
struct Task {
    tokens: Range<usize>,
    shared_verb: Option<usize>,
}

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        // A plan's step, or an item of a README's "## TODO", is defined by
        // the document around it.
        if cx.left_to_its_document() {
            return;
        }
        // A task document lists its steps on purpose.
        if cx.kind() == InstructionKind::TaskDocument {
            return;
        }
        if !cx.is_readable() {
            return;
        }
        let a = cx.analysis;
        let own = cx.own_tokens();
        if cx.pedantic
            && let Some(f) = task_subitems(cx, a)
        {
            out.push(f);
            return;
        }
        // One verb over a list of nouns reads as a list even when an item
        // happens to be a verb too ("crash recovery").
        if let Some(list) = deliverable_list(a, own.clone())
            && list
                .iter()
                .skip(1)
                .filter(|t| starts_with_action(a, t))
                .count()
                < 2
            && (cx.pedantic || builds_separate_parts(a, &list))
        {
            out.push(finding(cx, a, &list, "deliverables"));
            return;
        }
        if !cx.pedantic {
            return;
        }
        let tasks = independent_actions(a, own.clone());
        let words = a.tokens[own].iter().filter(|t| t.is_word()).count();
        if tasks.len() >= 3 || (tasks.len() == 2 && words >= MIN_WORDS_FOR_A_PAIR) {
            out.push(finding(cx, a, &tasks, "actions"));
        }
    }
}

/// Verbs that make something: over a list, each item is a deliverable of
/// its own. Verbs that inspect ("investigate", "confirm", "review") over a
/// list name one investigation's aspects, and "support" or "provide" over a
/// list names one feature's coverage ("support all widgets, flex layout,
/// style overrides").
const MAKING_VERBS: &[&str] = &[
    "add",
    "implement",
    "create",
    "build",
    "introduce",
    "write",
    "design",
    "develop",
];

/// Words after which a list names what the item before covers.
const LIST_OPENERS: &[&str] = &["of", "about", "across", "against", "between", "over"];

/// The clearest bundle, judged by default: a making verb whose direct object
/// is the list ("add sealing, checksums, and crash recovery"), its items
/// joined by "and". Not a list that follows a preposition in its first item
/// ("tests for A, B and C"), nor alternatives ("A, B or C").
fn builds_separate_parts(a: &Analysis, list: &[Task]) -> bool {
    let Some(first) = list.first() else {
        return false;
    };
    let verb = first.tokens.start;
    if !MAKING_VERBS.contains(&a.tokens[verb].lower.as_str()) {
        return false;
    }
    // "tests for A, B and C", "type tests covering A, B and C": the list
    // describes the first item ("file sealing" is a noun, "tests covering
    // roots" a participle over its object).
    let first_item = &a.tokens[verb + 1..first.tokens.end];
    if first_item.iter().enumerate().any(|(k, t)| {
        t.is_word()
            && (MODIFIER_STARTS.contains(&t.lower.as_str())
                || LIST_OPENERS.contains(&t.lower.as_str())
                || (k > 0
                    && t.lower.len() > 5
                    && t.lower.ends_with("ing")
                    && first_item.get(k + 1).is_some_and(|n| n.is_word())))
    }) {
        return false;
    }
    let end = list.last().map_or(verb, |t| t.tokens.end);
    !a.tokens[verb..end].iter().any(|t| t.is("or"))
}

fn starts_with_action(a: &Analysis, task: &Task) -> bool {
    actions::action_at(a, task.tokens.start, task.tokens.end).is_some()
}

fn finding(cx: &CheckContext, a: &Analysis, tasks: &[Task], what: &str) -> RawFinding {
    let first = tasks.first().map_or(0, |t| t.tokens.start);
    let last = tasks.last().map_or(0, |t| t.tokens.end);
    let mut f = RawFinding::new(
        a.span(first..last),
        format!(
            "{} independent {what} in one instruction: split them so each can be done and checked on its own",
            tasks.len()
        ),
    );
    f.related = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                a.span(t.tokens.clone()),
                format!("task {}: {}", i + 1, a.slice(t.tokens.clone())),
            )
        })
        .collect();
    if cx.instruction.subitems.is_empty() {
        f.fixes.push(FixIntent::Split {
            parts: tasks
                .iter()
                .map(|t| SplitPart {
                    range: a.span(t.tokens.clone()),
                    prefix: t
                        .shared_verb
                        .map(|v| a.text[a.tokens[v].range.clone()].to_string()),
                })
                .collect(),
        });
    }
    f
}

/// A parent item whose sub-items are tasks of their own.
fn task_subitems(cx: &CheckContext, a: &Analysis) -> Option<RawFinding> {
    let subs = &cx.instruction.subitems;
    let tasks: Vec<&Range<usize>> = subs
        .iter()
        .filter(|r| {
            let start = a.tokens.partition_point(|t| t.range.start < r.start);
            let end = a.tokens.partition_point(|t| t.range.start < r.end);
            // Skip the bullet and checkbox, and hedging "??".
            let mut i = start;
            while i < end && !a.tokens[i].is_word() {
                i += 1;
            }
            actions::action_at(a, i, end).is_some() || text_is_task(&a.text[(*r).clone()])
        })
        .collect();
    if tasks.len() < MIN_TASK_SUBITEMS {
        return None;
    }
    let mut f = RawFinding::new(
        0..a.text[..subs[0].start].trim_end().len(),
        format!(
            "{} sub-tasks under one item: make them separate items, each with its own result",
            tasks.len()
        ),
    );
    f.related = tasks
        .iter()
        .enumerate()
        .map(|(i, r)| ((*r).clone(), format!("task {}", i + 1)))
        .collect();
    Some(f)
}

fn text_is_task(sub: &str) -> bool {
    let t = sub.trim_start_matches(|c: char| c == '-' || c == '*' || c == '+' || c.is_whitespace());
    t.starts_with("[ ]") || t.starts_with("[x]") || t.starts_with("[X]")
}

/// The actions of the instruction that stand on their own: clauses that
/// open with a verb, where the later one does not refer back to the earlier
/// one's object ("find the entries and delete them" is one task).
fn independent_actions(a: &Analysis, own: Range<usize>) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    for sentence in a.sentences.iter().filter(|s| s.start < own.end) {
        let end = sentence.end.min(own.end);
        // Conditions ("if X changes, ...") and purposes ("to do X") are not tasks.
        let starts = actions::clause_starts(a, sentence.start..end);
        for (n, &start) in starts.iter().enumerate() {
            let clause_end = starts
                .get(n + 1)
                .map_or(end, |&next| next.saturating_sub(1).max(start));
            let Some(verb) = actions::action_at(a, start, end) else {
                continue;
            };
            // "also scan ...": the opener started a clause of its own.
            if tasks.iter().any(|t| t.tokens.start == verb) {
                continue;
            }
            if n > 0 && preceded_by_subordinator(a, sentence.start, start) {
                continue;
            }
            if n > 0 && noun_compound(a, verb) {
                continue;
            }
            if tasks
                .iter()
                .any(|t| restates(a, t.tokens.clone(), verb..clause_end.max(verb + 1)))
            {
                continue;
            }
            if refers_back(a, verb, clause_end.max(verb + 1)) && !tasks.is_empty() {
                // Depends on the previous task: extend it.
                if let Some(last) = tasks.last_mut() {
                    last.tokens.end = trim_end(a, verb, clause_end.max(verb + 1));
                }
                continue;
            }
            tasks.push(Task {
                tokens: verb..trim_end(a, verb, clause_end.max(verb + 1)),
                shared_verb: None,
            });
        }
    }
    // A clause without a verb between two tasks belongs to the one before.
    for i in 1..tasks.len() {
        let next_start = tasks[i].tokens.start;
        let prev = &mut tasks[i - 1];
        let gap_end = trim_end(a, prev.tokens.start, next_start);
        if gap_end > prev.tokens.end {
            prev.tokens.end = gap_end;
        }
    }
    tasks
}

/// Whether the clause starting at `start` hangs off an "if", "when" or
/// "because" earlier in the sentence rather than being a task.
/// "between input handling and record processing": a verb-looking word
/// followed by an `-ing` noun that ends the clause names a thing.
fn noun_compound(a: &Analysis, verb: usize) -> bool {
    let next = a.tokens.get(verb + 1);
    let after = a.tokens.get(verb + 2);
    next.is_some_and(|t| t.is_word() && t.lower.len() > 5 && t.lower.ends_with("ing"))
        && after.is_none_or(|t| !t.is_word() || t.is("and") || t.is("or"))
}

/// An issue's body often restates its title ("Add /test endpoint" ... "Add
/// a simple `GET /test` endpoint"): the same verb, in a later paragraph,
/// on a shared word, is the same task.
fn restates(a: &Analysis, earlier: Range<usize>, later: Range<usize>) -> bool {
    let (e, l) = (&a.tokens[earlier.start], &a.tokens[later.start]);
    if e.lower != l.lower {
        return false;
    }
    let between = a.tokens[earlier.start..later.start].iter();
    let new_paragraph = between.filter(|t| t.kind == TokenKind::Newline).count() >= 1;
    // The words of the sentence that follow the verb.
    let content = |r: Range<usize>| -> Vec<String> {
        let end = a.sentence_of(r.start).end.max(r.end).min(a.tokens.len());
        a.tokens[r.start + 1..end]
            .iter()
            .filter(|t| t.is_word() && t.lower.len() > 3)
            .map(|t| t.lower.clone())
            .collect()
    };
    let earlier_words = content(earlier);
    new_paragraph && content(later).iter().any(|w| earlier_words.contains(w))
}

fn preceded_by_subordinator(a: &Analysis, sentence_start: usize, start: usize) -> bool {
    let prev_joiner = a.tokens[..start].last();
    if prev_joiner.is_some_and(|t| t.is("and") || t.is("then") || t.is("also")) {
        return false;
    }
    a.tokens[sentence_start..start].iter().take(2).any(|t| {
        matches!(
            t.lower.as_str(),
            "if" | "when" | "once" | "because" | "since" | "while" | "unless" | "after" | "before"
        )
    })
}

/// Whether the clause refers to an earlier object ("delete them").
fn refers_back(a: &Analysis, verb: usize, end: usize) -> bool {
    a.tokens[verb + 1..end.min(a.tokens.len())]
        .iter()
        .filter(|t| t.is_word())
        .take(2)
        .any(|t| {
            matches!(
                t.lower.as_str(),
                "them" | "it" | "those" | "these" | "they" | "its" | "their"
            )
        })
}

/// The end of a clause without trailing joiners and punctuation.
fn trim_end(a: &Analysis, start: usize, mut end: usize) -> usize {
    while end > start + 1 {
        let t = &a.tokens[end - 1];
        let joiner = t.is_word() && actions::JOINERS.contains(&t.lower.as_str());
        if joiner
            || matches!(
                t.kind,
                TokenKind::Punct(',' | ';' | '&' | '+' | ':') | TokenKind::Newline
            )
        {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// One verb over three or more separate deliverables, at least two of them
/// more than a single word ("add sealing, checksums, and crash recovery" is
/// a bundle; "support MySQL, PostgreSQL and SQLite" is a list of names).
/// Words that start a modifier of the item before, not an item of its own.
#[allow(
    clippy::doc_markdown,
    reason = "product names in an example sentence, not code"
)]
const MODIFIER_STARTS: &[&str] = &[
    "with",
    "without",
    "including",
    "like",
    "such",
    "e.g",
    "eg",
    "for",
    "from",
    "to",
    "in",
    "on",
    "by",
    "using",
    "via",
    "where",
    "which",
    "that",
    "so",
    "as",
];

fn modifies(a: &Analysis, start: usize) -> bool {
    a.tokens.get(start).is_some_and(|t| {
        t.is_word()
            && (MODIFIER_STARTS.contains(&t.lower.as_str())
                || crate::text::vocabulary::is_past(&t.lower)
                || t.lower == "bound")
    })
}

fn deliverable_list(a: &Analysis, own: Range<usize>) -> Option<Vec<Task>> {
    for sentence in a.sentences.iter().filter(|s| s.start < own.end) {
        let end = sentence.end.min(own.end);
        let verb = actions::action_at(a, sentence.start, end)?;
        // Items: split the rest of the clause at commas and "and"/"or" before
        // the last item; stop at a parenthesis or a sentence end.
        let mut items: Vec<Range<usize>> = Vec::new();
        let mut start = verb + 1;
        let mut depth = 0;
        let mut i = verb + 1;
        while i < end {
            let t = &a.tokens[i];
            match t.kind {
                TokenKind::Punct('(') => depth += 1,
                TokenKind::Punct(')') => depth -= 1,
                TokenKind::Punct(',' | ';') if depth == 0 => {
                    items.push(start..i);
                    start = i + 1;
                    if a.tokens.get(i + 1).is_some_and(|n| n.is("and")) {
                        start = i + 2;
                        i += 1;
                    }
                }
                TokenKind::Punct('.') if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        items.push(start..i.min(end));
        items.retain(|r| {
            a.tokens[r.clone()]
                .iter()
                .any(|t| t.is_word() || t.kind == TokenKind::Verbatim)
        });
        // "a web service, bound to localhost, with `/health` and `/status`
        // endpoints": from the first item that modifies the one before, the
        // rest describes that item.
        if let Some(k) = items.iter().skip(1).position(|r| modifies(a, r.start)) {
            items.truncate(k + 1);
        }
        // "A, B and C": the last item may still hold "B and C".
        if let Some(last) = items.pop() {
            match (last.clone()).find(|&j| a.tokens[j].is("and")) {
                Some(j) if !items.is_empty() => {
                    items.push(last.start..j);
                    items.push(j + 1..last.end);
                }
                _ => items.push(last),
            }
        }
        let long_items = items
            .iter()
            .filter(|r| {
                a.tokens[(*r).clone()]
                    .iter()
                    .filter(|t| t.is_word())
                    .count()
                    >= 2
            })
            .count();
        if items.len() >= MIN_LIST_ITEMS && long_items >= 2 {
            let mut tasks: Vec<Task> = items
                .into_iter()
                .map(|r| Task {
                    tokens: r.start..trim_end(a, r.start, r.end),
                    shared_verb: Some(verb),
                })
                .collect();
            tasks[0].tokens.start = verb;
            tasks[0].shared_verb = None;
            return Some(tasks);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_cases, run};

    #[test]
    fn by_default_fires_on_one_making_verb_over_separate_deliverables() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Add atomic file sealing/claiming, checksums, and crash recovery.",
                "Add systemd and Ansible deployment examples, nginx exposure controls, and tests for heartbeat expiry",
                "Implement the retry queue, a metrics endpoint and the admin dashboard",
            ],
            &[
                // Real items: a list after a preposition, alternatives,
                // examples, and inspecting verbs are one piece of work.
                "Write failing tests for bounded hook JSON, project and Hub titles, unknown-directory silence, idempotent settings merge, model preservation, and Skill reload.",
                "Update `main/main-memory.md` with new personality insights, user preferences, or relationship context",
                "Investigate the Xcode MCP surface against the current Xcode 27 beta, including `mcpbridge` command help, tool names, permission gates, session behavior, and differences from the last checked surface.",
                "Investigate aggregating compatible `defer` capture records when it reduces durable state without changing immediate capture, LIFO order, or exception replacement.",
                "Confirm authentication, HTTPS/CA requirements, error handling, and safe retry behavior without exposing secrets.",
                "Rewrite the auth middleware, add tests and update the docs",
                "Admin page cleanup\n- [ ] Centre all columns\n- [ ] Reword the tags\n- [ ] Remove the tabs",
                "Support MySQL, PostgreSQL and SQLite",
                "Add type tests covering roots, embedded models, polymorphism, and value-object inference.",
                // A real roadmap item: one feature's coverage.
                "Support all 45+ existing widgets, flex/grid layout, style overrides",
            ],
        );
        // A maintainers' note is judged by the pedantic tier only.
        assert!(
            run(
                &RULE,
                InstructionKind::Comment,
                "add atomic file sealing/claiming, checksums, and crash recovery."
            )
            .is_empty()
        );
    }

    #[test]
    fn pedantic_fires_on_bundles() {
        crate::rules::testing::assert_pedantic_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Rewrite the auth middleware, add tests and update the docs",
                "Add an export command to save final versions of masks, and output python-friendly tables",
                "Add atomic file sealing/claiming, checksums, and crash recovery.",
                "Add systemd and Ansible deployment examples, nginx exposure controls, and tests for heartbeat expiry",
                "Admin page cleanup\n- [ ] Centre all columns\n- [ ] Reword the tags\n- [ ] Remove the tabs",
            ],
            &[
                "disable unnecessary pipeline parts, keep lemmatizer only",
                "Find all entities that have status NOT SYNCED and delete them",
                "Support MySQL, PostgreSQL and SQLite",
                "also scan nolint-begin / nolint-end regions and the nolint:next form per the documented semantics.",
                "If library modules start needing resource prefixes, extend the convention helpers here instead of duplicating config.",
                "Run a device test on Android 14:\n- login\n- Bluetooth connection\n- background mode",
                "reset the userid always if status changes and is available or not_available",
                "Add a supervised `monitor` web service, bound to localhost by default, with `/health/live`, `/health/ready`, and `/status` endpoints.",
                "Refactor shared processing out of `consumer.py`. Today it obscures the boundary between input handling and record processing.",
                "Add /test endpoint returning ok\n\nAdd a simple `GET /test` endpoint to the server that returns ok",
                "[Test] Add /test endpoint returning ok\n\nAdd a simple `GET /test` endpoint that returns ok",
            ],
        );
    }

    #[test]
    fn split_repeats_a_shared_verb() {
        let found = run(
            &RULE,
            InstructionKind::TaskItem,
            "Add atomic file sealing/claiming, checksums, and crash recovery.",
        );
        assert_eq!(found.len(), 1);
        let FixIntent::Split { parts } = &found[0].fixes[0] else {
            panic!("no split")
        };
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].prefix.as_deref(), Some("Add"));
    }

    #[test]
    fn split_keeps_each_action() {
        let text = "Rewrite the auth middleware, add tests and update the docs";
        let found = crate::rules::testing::run_pedantic(&RULE, InstructionKind::TaskItem, text);
        let FixIntent::Split { parts } = &found[0].fixes[0] else {
            panic!("no split")
        };
        let texts: Vec<&str> = parts.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(
            texts,
            vec![
                "Rewrite the auth middleware",
                "add tests",
                "update the docs"
            ]
        );
    }
}
