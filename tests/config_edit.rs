//! "Ignore this rule in handoff.toml" on any valid configuration, checked
//! with proptest: configurations written every way TOML allows (a `[rules]`
//! table, dotted keys, inline tables, `[rules.x]` tables, comments,
//! indentation, CRLF, no final newline) stay valid after each edit, keep
//! every other setting and every comment, and undo to the original bytes.

use std::fmt::Write as _;
use std::path::Path;

use handoff::config::{Config, Level};
use handoff::config_edit::turn_off_rule;
use handoff::fixes::{apply, inverse};
use handoff::rules::{self, RuleMeta};
use proptest::prelude::*;

const LEVELS: &[&str] = &["off", "hint", "info", "warning", "error"];
const WORDS: &[&str] = &[
    "revamp",
    "handle",
    "tidy up",
    "é",
    "a \"quoted\" word",
    "x'y",
];
const GLOBS: &[&str] = &["vendor/**", "docs/**", "*.md", "src/**/*.rs"];
const MARKERS: &[&str] = &["TODO", "FIXME", "NOTE(agent)", "@claude", "AI:"];

/// A rule option's value.
#[derive(Debug, Clone)]
enum Opt {
    Words(Vec<&'static str>),
    Count(u32),
}

/// How a rule is configured.
#[derive(Debug, Clone)]
enum Entry {
    Level(&'static str),
    Table {
        severity: Option<&'static str>,
        options: Vec<(&'static str, Opt)>,
    },
}

/// How the `rules` table is written.
#[derive(Debug, Clone, Copy)]
enum RulesForm {
    /// `[rules]`, with each rule as a level, inline table, dotted keys or
    /// its own `[rules.x]` table.
    Header,
    /// `rules.x = ...` at the top of the file.
    Dotted,
    /// `rules = { ... }`.
    Inline,
    /// Only `[rules.x]` tables.
    Subtables,
    /// No rules at all.
    Absent,
}

#[derive(Debug, Clone)]
struct Model {
    top: Vec<(&'static str, String)>,
    rules: Vec<(&'static RuleMeta, Entry)>,
    form: RulesForm,
    crlf: bool,
    final_newline: bool,
    /// Style choices, read in turn while writing.
    dice: Vec<u8>,
    /// The rules to turn off, one after the other.
    turn_off: Vec<&'static RuleMeta>,
}

fn rule() -> impl Strategy<Value = &'static RuleMeta> {
    (0..rules::ALL.len()).prop_map(|i| rules::ALL[i])
}

fn string(s: &str, literal: bool) -> String {
    if literal && !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn list(items: &[&str], literal: bool) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s, literal)).collect();
    format!("[{}]", items.join(", "))
}

fn opt_for(name: &'static str) -> BoxedStrategy<Opt> {
    if name.ends_with("-words") && (name.starts_with("max") || name.starts_with("min")) {
        (1u32..200).prop_map(Opt::Count).boxed()
    } else {
        prop::sample::subsequence(WORDS, 0..3)
            .prop_map(Opt::Words)
            .boxed()
    }
}

fn entry(meta: &'static RuleMeta) -> BoxedStrategy<Entry> {
    let options: Vec<BoxedStrategy<Option<(&'static str, Opt)>>> = meta
        .options
        .iter()
        .map(|&name| prop::option::of(opt_for(name).prop_map(move |o| (name, o))).boxed())
        .collect();
    prop_oneof![
        prop::sample::select(LEVELS).prop_map(Entry::Level),
        (prop::option::of(prop::sample::select(LEVELS)), options).prop_map(
            |(severity, options)| Entry::Table {
                severity,
                options: options.into_iter().flatten().collect(),
            }
        ),
    ]
    .boxed()
}

fn top() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    (
        prop::option::of(prop::sample::subsequence(MARKERS, 0..3)),
        prop::option::of(prop::sample::subsequence(MARKERS, 0..2)),
        prop::option::of(prop::sample::subsequence(GLOBS, 1..3)),
        prop::option::of(prop::sample::subsequence(GLOBS, 0..2)),
        prop::option::of(1u64..10_000_000),
        any::<bool>(),
    )
        .prop_map(|(markers, extra, include, exclude, size, literal)| {
            let mut out = Vec::new();
            if let Some(m) = markers {
                out.push(("markers", list(&m, literal)));
            }
            if let Some(m) = extra {
                out.push(("extra-markers", list(&m, literal)));
            }
            if let Some(g) = include {
                out.push(("include", list(&g, literal)));
            }
            if let Some(g) = exclude {
                out.push(("exclude", list(&g, literal)));
            }
            if let Some(s) = size {
                out.push(("max-file-size", s.to_string()));
            }
            out
        })
}

fn model() -> impl Strategy<Value = Model> {
    let rules = prop::sample::subsequence(rules::ALL, 0..=rules::ALL.len())
        .prop_flat_map(|metas| {
            metas
                .into_iter()
                .map(|m| entry(m).prop_map(move |e| (m, e)))
                .collect::<Vec<_>>()
        })
        .prop_shuffle();
    let form = prop_oneof![
        Just(RulesForm::Header),
        Just(RulesForm::Dotted),
        Just(RulesForm::Inline),
        Just(RulesForm::Subtables),
        Just(RulesForm::Absent),
    ];
    (
        top(),
        rules,
        form,
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 16..64),
        prop::collection::vec(rule(), 1..4),
    )
        .prop_map(
            |(top, rules, form, crlf, final_newline, dice, turn_off)| Model {
                top,
                rules,
                form,
                crlf,
                final_newline,
                dice,
                turn_off,
            },
        )
}

/// Writes a model as `handoff.toml` text, choosing styles with its dice.
struct Writer<'a> {
    dice: &'a [u8],
    next: usize,
    comments: usize,
    out: String,
}

impl Writer<'_> {
    fn roll(&mut self, sides: u8) -> u8 {
        let d = self.dice[self.next % self.dice.len()];
        self.next += 1;
        d % sides
    }

    fn comment(&mut self) -> String {
        self.comments += 1;
        format!("# c{}", self.comments)
    }

    /// A line, perhaps indented, perhaps with a comment after it or a
    /// comment line or blank line before it.
    fn line(&mut self, text: &str) {
        match self.roll(6) {
            0 => {
                let c = self.comment();
                self.out.push_str(&c);
                self.out.push('\n');
            }
            1 => self.out.push('\n'),
            _ => {}
        }
        let indent = ["", "", "  ", "\t"][self.roll(4) as usize];
        self.out.push_str(indent);
        self.out.push_str(text);
        if self.roll(3) == 0 {
            let c = self.comment();
            self.out.push_str("  ");
            self.out.push_str(&c);
        }
        self.out.push('\n');
    }

    fn value(&mut self, o: &Opt) -> String {
        match o {
            Opt::Words(w) => {
                let literal = self.roll(2) == 0;
                list(w, literal)
            }
            Opt::Count(n) => n.to_string(),
        }
    }

    /// `(key, value)` pairs of a table entry.
    fn pairs(&mut self, severity: Option<&str>, options: &[(&str, Opt)]) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = options
            .iter()
            .map(|(k, o)| (k.to_string(), self.value(o)))
            .collect();
        if let Some(s) = severity {
            let at = self.roll(u8::try_from(pairs.len() + 1).unwrap()) as usize;
            let literal = self.roll(2) == 0;
            pairs.insert(at, ("severity".into(), string(s, literal)));
        }
        pairs
    }

    fn inline(pairs: &[(String, String)]) -> String {
        if pairs.is_empty() {
            return "{}".into();
        }
        let items: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        format!("{{ {} }}", items.join(", "))
    }
}

fn write(m: &Model) -> String {
    let mut w = Writer {
        dice: &m.dice,
        next: 0,
        comments: 0,
        out: String::new(),
    };
    if w.roll(3) == 0 {
        let c = w.comment();
        let _ = write!(w.out, "{c} handoff\n\n");
    }
    for (k, v) in &m.top {
        w.line(&format!("{k} = {v}"));
    }
    // Tables that come after the top-level keys.
    let mut subtables: Vec<(String, Vec<(String, String)>)> = Vec::new();
    match m.form {
        RulesForm::Absent => {}
        RulesForm::Inline => {
            let mut items = Vec::new();
            for (meta, e) in &m.rules {
                let v = match e {
                    Entry::Level(l) => string(l, false),
                    Entry::Table { severity, options } => {
                        let pairs = w.pairs(*severity, options);
                        Writer::inline(&pairs)
                    }
                };
                items.push(format!("{} = {v}", meta.name));
            }
            let text = if items.is_empty() {
                "rules = {}".to_string()
            } else {
                format!("rules = {{ {} }}", items.join(", "))
            };
            w.line(&text);
        }
        RulesForm::Header | RulesForm::Dotted | RulesForm::Subtables => {
            let prefix = match m.form {
                RulesForm::Dotted => "rules.",
                _ => "",
            };
            let mut lines = Vec::new();
            for (meta, e) in &m.rules {
                let name = meta.name;
                let (severity, options) = match e {
                    Entry::Level(l) if !matches!(m.form, RulesForm::Subtables) => {
                        let literal = w.roll(2) == 0;
                        lines.push(format!("{prefix}{name} = {}", string(l, literal)));
                        continue;
                    }
                    Entry::Level(l) => (Some(*l), &Vec::new()),
                    Entry::Table { severity, options } => (*severity, options),
                };
                let pairs = w.pairs(severity, options);
                let style = if matches!(m.form, RulesForm::Subtables) {
                    2
                } else {
                    w.roll(3)
                };
                match style {
                    0 => lines.push(format!("{prefix}{name} = {}", Writer::inline(&pairs))),
                    1 if !pairs.is_empty() => {
                        for (k, v) in &pairs {
                            lines.push(format!("{prefix}{name}.{k} = {v}"));
                        }
                    }
                    _ => subtables.push((format!("rules.{name}"), pairs)),
                }
            }
            if matches!(m.form, RulesForm::Header) {
                w.out.push('\n');
                w.line("[rules]");
            }
            for l in lines {
                w.line(&l);
            }
        }
    }
    for (header, pairs) in subtables {
        w.out.push('\n');
        w.line(&format!("[{header}]"));
        for (k, v) in pairs {
            w.line(&format!("{k} = {v}"));
        }
    }
    let mut text = w.out;
    if !m.final_newline {
        while text.ends_with('\n') {
            text.pop();
        }
    }
    if m.crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// The comments in `text`.
fn comments(text: &str) -> Vec<&str> {
    text.match_indices("# c")
        .map(|(i, _)| {
            let rest = &text[i..];
            &rest[..rest.find(['\r', '\n']).unwrap_or(rest.len())]
        })
        .collect()
}

/// What must not change: everything `Config` knows except `rule`'s level.
fn assert_same_but_off(before: &Config, after: &Config, rule: &str) {
    assert_eq!(before.markers, after.markers);
    assert_eq!(before.max_file_size, after.max_file_size);
    for path in [
        "/p/vendor/a.rs",
        "/p/docs/a.md",
        "/p/a.md",
        "/p/src/x/a.rs",
        "/p/src/a.py",
    ] {
        assert_eq!(before.wants(Path::new(path)), after.wants(Path::new(path)));
    }
    for meta in rules::ALL {
        let mut expected = before.rule(meta.name);
        if meta.name == rule {
            expected.level = Some(Level::Off);
        }
        assert_eq!(after.rule(meta.name), expected, "{}", meta.name);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn turning_rules_off_keeps_the_file_valid_and_every_other_setting(m in model()) {
        let path = Path::new("/p/handoff.toml");
        let mut text = write(&m);
        let mut config = Config::parse(&text, path)
            .unwrap_or_else(|e| panic!("the generator wrote an invalid file ({e}):\n{text}"));
        for meta in &m.turn_off {
            let edit = turn_off_rule(Some(&text), meta.name)
                .unwrap_or_else(|e| panic!("{}: {e}\n{text}", meta.name));
            let after = apply(&text, std::slice::from_ref(&edit));
            let parsed = Config::parse(&after, path)
                .unwrap_or_else(|e| panic!("turning {} off broke the file ({e}):\n{text}\n->\n{after}", meta.name));
            assert_same_but_off(&config, &parsed, meta.name);
            prop_assert_eq!(comments(&text), comments(&after), "{}\n->\n{}", text, after);
            // The edit replaces one span and undoes to the same bytes.
            prop_assert_eq!(apply(&after, &inverse(&text, &[edit])), text.clone());
            // Written in the file's line end.
            if text.contains("\r\n") {
                prop_assert!(!after.replace("\r\n", "").contains('\n'), "{:?}", after);
            }
            text = after;
            config = parsed;
        }
    }
}
